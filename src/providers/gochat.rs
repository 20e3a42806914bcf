//! GoChat (`duruyao/GoChat`): `POST http://localhost:1213/v1/group`.
//! Sources: docs/decisions.md "GoChat". The rules follow the server's code, which the doc
//! table contradicts in places (`admin_id` is an integer, not a string).

use crate::build::{build_checked, Built};
use crate::issue::{Code, Params, Severity};
use crate::options::{Host, Options, OptionsError, OptionsReader};
use crate::request::{HttpRequest, Method};
use crate::response::{self, Parsed, Response};
use crate::rules::header::{check_base_url, check_header_value};
use crate::rules::length::{Limit, Unit};
use crate::rules::Ctx;
use crate::spec::{Field, Integer, Kind, Requirement, Text};
use crate::tape::{self, Node};
use crate::value::{Value, MAX_SAFE_INTEGER};

/// `NAME VARCHAR(63) NOT NULL UNIQUE`: declared, but SQLite does not enforce VARCHAR sizes,
/// so longer names are stored; a warning (docs/decisions.md "GoChat").
pub const NAME_MAX_CHARS: usize = 63;
/// `admin_id` is bound to a Go `int` and must be an existing user's id, and ids start at 1
/// (`INTEGER PRIMARY KEY AUTOINCREMENT`; docs/decisions.md "GoChat"). The top is the
/// largest integer a JS number holds exactly.
pub const ADMIN_ID_MIN: i64 = 1;
pub const ADMIN_ID_MAX: i64 = MAX_SAFE_INTEGER;
pub const NAME: &str = "name";

pub static FIELDS: [Field; 3] = [
    // A Go `string`. The server stores an empty name (NOT NULL is met by ""), once: the next
    // one fails UNIQUE. So empty is a warning, as a minimum of one character with warning
    // severity (docs/decisions.md "GoChat").
    Field {
        name: NAME,
        required: Requirement::Optional,
        nullable: false,
        kind: Kind::Text(Text {
            not_blank: None,
            min: Some(Limit {
                n: 1,
                unit: Unit::Chars,
                severity: Severity::Warning,
                code: None,
            }),
            max: Some(Limit {
                n: NAME_MAX_CHARS,
                unit: Unit::Chars,
                severity: Severity::Warning,
                code: None,
            }),
            charset: None,
        }),
    },
    // The doc table says "string", its own example and the server say number; a JSON string
    // fails gin's bind with 400. A digit string is accepted as input and sent as a number,
    // with a warning (docs/decisions.md "GoChat").
    Field {
        name: "admin_id",
        required: Requirement::Required(None),
        nullable: false,
        kind: Kind::Integer(Integer {
            min: ADMIN_ID_MIN,
            max: ADMIN_ID_MAX,
            accepts_digit_string: true,
        }),
    },
    // "token of group": a nullable column with no format or length check.
    Field {
        name: "token",
        required: Requirement::Optional,
        nullable: false,
        kind: Kind::Text(Text {
            not_blank: None,
            min: None,
            max: None,
            charset: None,
        }),
    },
];

/// A missing `name` is stored as "" (Go's zero value; no `binding:"required"` tag), exactly
/// like an empty one, so it gets the same kind of word: a warning, not an error
/// (docs/decisions.md "GoChat").
pub fn cross_field(payload: &Node, ctx: &mut Ctx) {
    if matches!(payload, Node::Object(_)) && payload.get(NAME).is_none() {
        ctx.warn(NAME.to_owned(), Code::Required, Params::default());
    }
}

/// The server listens on `:1213` over plain HTTP (docs/decisions.md "GoChat").
pub const DEFAULT_BASE_URL: &str = "http://localhost:1213";
/// `router.Group("v1")`, `v1.POST("/group", createGroup)` (docs/decisions.md "GoChat").
pub const PATH: &str = "/v1/group";
/// The documented auth header. The server never reads it (docs/decisions.md "GoChat"), but
/// the docs ask for it, so it is sent when a token is given.
pub const TOKEN_HEADER: &str = "GoChat-Token";
/// SQLite's words for a second group with the same name (docs/decisions.md "GoChat").
pub const DUPLICATE_NAME_ERROR: &str = "UNIQUE constraint failed: GROUPS.NAME";
/// SQLite's words when `admin_id` names no user (`FOREIGN KEY (ADMIN_ID) REFERENCES USERS`,
/// docs/decisions.md "GoChat").
pub const UNKNOWN_ADMIN_ERROR: &str = "FOREIGN KEY constraint failed";

/// Where the server runs and the documented API key.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub struct Connection<'a> {
    /// Default [`DEFAULT_BASE_URL`].
    pub base_url: Option<&'a str>,
    /// Sent as `GoChat-Token` when given.
    pub token: Option<&'a str>,
}

impl std::fmt::Debug for Connection<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connection")
            .field("base_url", &self.base_url)
            .field("token", &self.token.map(|_| "<redacted>"))
            .finish()
    }
}

/// Validates and, when all is well, builds the JSON request. A digit-string `admin_id` is
/// sent as the number it spells.
pub fn build_request(payload: &Value, connection: &Connection, options: &Options) -> Built {
    tape::with_node(payload, |node| build_node(node, connection, options))
}

fn build_node(payload: &Node, connection: &Connection, options: &Options) -> Built {
    let check_options = |ctx: &mut Ctx| {
        if let Some(url) = connection.base_url {
            check_base_url(ctx, "options.baseUrl", url);
        }
        if let Some(token) = connection.token {
            check_header_value(ctx, "options.token", token);
        }
    };
    let make = |body: Value| {
        let base = connection
            .base_url
            .unwrap_or(DEFAULT_BASE_URL)
            .trim_end_matches('/');
        let mut headers = vec![("Content-Type".to_owned(), "application/json".to_owned())];
        if let Some(token) = connection.token {
            headers.push((TOKEN_HEADER.to_owned(), token.to_owned()));
        }
        HttpRequest {
            method: Method::Post,
            url: format!("{base}{PATH}"),
            headers,
            body: Some(body.to_json()),
        }
    };
    build_checked(&FIELDS, cross_field, payload, options, check_options, make)
}

/// `{baseUrl?, token?}` (README, "Use").
pub fn build_from_options(
    payload: &Node,
    build_options: &Value,
    options: &Options,
    _: &dyn Host,
) -> Result<Built, OptionsError> {
    let o = OptionsReader::new(build_options, "options")?;
    let connection = Connection {
        base_url: o.optional_str("baseUrl")?,
        token: o.optional_str("token")?,
    };
    Ok(build_node(payload, &connection, options))
}

/// 201 carries the group; every error is `{"error": "<message>"}`, 400 for bind errors and
/// 500 for database errors (docs/decisions.md "GoChat"). A duplicate name is a `duplicate` on
/// `name`; an unknown admin and bind errors naming a field point at that field.
pub fn parse_response(response: &Response, options: &Options) -> Parsed {
    let mut ctx = Ctx::new(options);
    let success = (200..300).contains(&response.status);
    let Ok(body) = response::optional_json_body(&mut ctx, response.status, response.body) else {
        return Parsed::new(ctx, None, None);
    };
    let error = body.as_ref().and_then(|b| b.get("error"));
    if !success || error.is_some() {
        let message = error.and_then(Value::as_str);
        match message {
            Some(text) if text.contains(DUPLICATE_NAME_ERROR) => {
                let mut params = Params::default();
                params.0.push(("status", i64::from(response.status).into()));
                response::push_provider_message(&mut params, text);
                ctx.report(
                    Severity::Error,
                    NAME.to_owned(),
                    Code::Duplicate,
                    None,
                    params,
                );
            }
            _ => {
                let path = message.map_or_else(String::new, error_path);
                response::provider_error(&mut ctx, path, response.status, None, message);
            }
        }
    }
    Parsed::new(ctx, body, None)
}

/// The field an error message is about: `admin_id` for a foreign-key failure, the field gin's
/// bind error names (`json: cannot unmarshal string into Go struct field Group.admin_id of
/// type int`), or "" for the request as a whole.
fn error_path(message: &str) -> String {
    if message.contains(UNKNOWN_ADMIN_ERROR) {
        return "admin_id".to_owned();
    }
    let named = message
        .split_once("Go struct field Group.")
        .map(|(_, rest)| rest.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')))
        .and_then(|mut words| words.next());
    match named {
        Some(field) if FIELDS.iter().any(|f| f.name == field) => field.to_owned(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::Options;

    fn cross_field(payload: &Value, ctx: &mut Ctx) {
        crate::tape::with_node(payload, |node| super::cross_field(node, ctx));
    }

    #[test]
    fn missing_name_is_a_warning_not_an_error() {
        let options = Options::default();
        let mut ctx = Ctx::new(&options);
        cross_field(&crate::object! { "admin_id" => 1 }, &mut ctx);
        assert!(ctx.errors.is_empty());
        let warned: Vec<_> = ctx
            .warnings
            .iter()
            .map(|i| (i.path.as_str(), i.code))
            .collect();
        assert_eq!(warned, vec![("name", Code::Required)]);

        let mut ctx = Ctx::new(&options);
        cross_field(&crate::object! { "name" => "", "admin_id" => 1 }, &mut ctx);
        cross_field(&Value::Null, &mut ctx);
        assert!(ctx.warnings.is_empty() && ctx.errors.is_empty());
    }
}
