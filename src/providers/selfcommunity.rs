//! SelfCommunity API v2: `POST https://<community host>/api/v2/group/`.
//! Sources and readings of the SelfCommunity docs: docs/decisions.md "SelfCommunity".

use crate::build::{build_checked, Built};
use crate::issue::Severity;
use crate::options::{Host, Options, OptionsError, OptionsReader};
use crate::path::Path;
use crate::request::{HttpRequest, Method};
use crate::response::{self, Parsed, Response};
use crate::rules::header::{check_base_url, check_header_value};
use crate::rules::length::{Limit, Unit};
use crate::rules::{presence, Ctx};
use crate::spec::{self, Field, Integer, Kind, List, Requirement, Text, Unique};
use crate::tape::{self, Node};
use crate::value::{Value, MAX_SAFE_INTEGER};

/// `GROUP_TITLE_MAX_LENGTH = 40`: a limit of the official UI only, not of the API, whose docs
/// give no maximum (docs/decisions.md "SelfCommunity"). Above it is a warning.
pub const NAME_MAX_CHARS: usize = 40;
/// `GROUP_DESCRIPTION_MAX_LENGTH = 500`: the official UI's limit, a warning as well
/// (docs/decisions.md "SelfCommunity").
pub const DESCRIPTION_MAX_CHARS: usize = 500;
/// `privacy`: "Can be 'public' or 'private'" (docs/decisions.md "SelfCommunity", group schema).
pub const PRIVACY_VALUES: [&str; 2] = ["public", "private"];
/// The `privacy` value that makes `visible` required.
pub const PRIVACY_PRIVATE: &str = "private";
/// `visible`: "It is required when privacy = private" (docs/decisions.md "SelfCommunity", SDK).
pub const VISIBLE: &str = "visible";

const fn ui_limit(n: usize) -> Option<Limit> {
    Some(Limit {
        n,
        unit: Unit::Chars,
        severity: Severity::Warning,
        code: None,
    })
}

pub static FIELDS: [Field; 8] = [
    // "Unique name of the group", required (docs/decisions.md "SelfCommunity"). Uniqueness is
    // server-side.
    Field {
        name: "name",
        required: Requirement::Required(None),
        nullable: false,
        kind: Kind::Text(Text {
            not_blank: Some(None),
            min: None,
            max: ui_limit(NAME_MAX_CHARS),
            charset: None,
        }),
    },
    // `string¦null` (docs/decisions.md "SelfCommunity").
    Field {
        name: "description",
        required: Requirement::Optional,
        nullable: true,
        kind: Kind::Text(Text {
            not_blank: None,
            min: None,
            max: ui_limit(DESCRIPTION_MAX_CHARS),
            charset: None,
        }),
    },
    // `string¦null`, "The group color": no format is documented, so any string is sent as
    // given (docs/decisions.md "SelfCommunity").
    Field {
        name: "color",
        required: Requirement::Optional,
        nullable: true,
        kind: Kind::Text(Text {
            not_blank: None,
            min: None,
            max: None,
            charset: None,
        }),
    },
    Field {
        name: "privacy",
        required: Requirement::Required(None),
        nullable: false,
        kind: Kind::Choice(&PRIVACY_VALUES, None),
    },
    // Boolean; required only when `privacy` is "private": see [`cross_field`].
    Field {
        name: VISIBLE,
        required: Requirement::Optional,
        nullable: false,
        kind: Kind::Boolean,
    },
    // User ids, `invite_users?: number[]` in the SDK (docs/decisions.md "SelfCommunity"). Ids are
    // positive; a repeat is harmless to the server but likely a slip, so it is a warning.
    Field {
        name: "invite_users",
        required: Requirement::Optional,
        nullable: false,
        kind: Kind::Integers(
            List {
                min_items: None,
                max_items: None,
                unique: Some(Unique {
                    key: None,
                    severity: Severity::Warning,
                    code: None,
                }),
            },
            Integer {
                min: 1,
                max: MAX_SAFE_INTEGER,
                accepts_digit_string: false,
            },
        ),
    },
    // Files "uploaded during group creation": multipart only (docs/decisions.md "SelfCommunity").
    // A JSON body cannot carry them, and dropping them silently would lose the user's image.
    Field {
        name: "image_original",
        required: Requirement::Optional,
        nullable: false,
        kind: Kind::Upload,
    },
    Field {
        name: "emotional_image_original",
        required: Requirement::Optional,
        nullable: false,
        kind: Kind::Upload,
    },
];

/// `visible` is required when `privacy` is "private" (docs/decisions.md "SelfCommunity", from the
/// official SDK's types). Only an absent `visible` is reported here: a present one of the
/// wrong type already has its own issue.
pub fn cross_field(payload: &Node, ctx: &mut Ctx) {
    if payload.get("privacy").and_then(|p| p.as_str()) == Some(PRIVACY_PRIVATE)
        && payload.get(VISIBLE).is_none()
    {
        presence::missing(ctx, &Path::from(VISIBLE), &None);
    }
}

/// The endpoint under the community's base URL, trailing slash as documented
/// (docs/decisions.md "SelfCommunity").
pub const PATH: &str = "/api/v2/group/";

/// Where to send the request and as whom. JWT and OAuth 2.0 tokens are both sent as
/// `Authorization: Bearer <token>` (docs/decisions.md "SelfCommunity").
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Credentials<'a> {
    /// `https://<community host>`, optionally with a path prefix; no query or fragment.
    pub base_url: &'a str,
    pub token: &'a str,
}

impl std::fmt::Debug for Credentials<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("base_url", &self.base_url)
            .field("token", &"<redacted>")
            .finish()
    }
}

/// Validates and, when all is well, builds the JSON request. The doc's sample says
/// `application/x-www-form-urlencoded` over a JSON text; the official client sends JSON (or
/// multipart for images, which validation refuses here), so this sends `application/json`
/// (docs/decisions.md "SelfCommunity").
pub fn build_request(payload: &Value, credentials: &Credentials, options: &Options) -> Built {
    tape::with_node(payload, |node| build_node(node, credentials, options))
}

fn build_node(payload: &Node, credentials: &Credentials, options: &Options) -> Built {
    let check_options = |ctx: &mut Ctx| {
        check_base_url(ctx, "options.baseUrl", credentials.base_url);
        check_header_value(ctx, "options.token", credentials.token);
    };
    let make = |body: Value| {
        let base = credentials.base_url.trim_end_matches('/');
        HttpRequest {
            method: Method::Post,
            url: format!("{base}{PATH}"),
            headers: vec![
                ("Content-Type".to_owned(), "application/json".to_owned()),
                ("Accept".to_owned(), "application/json".to_owned()),
                (
                    "Authorization".to_owned(),
                    format!("Bearer {}", credentials.token),
                ),
            ],
            body: Some(body.to_json()),
        }
    };
    build_checked(&FIELDS, cross_field, payload, options, check_options, make)
}

/// `{baseUrl, token}` (README, "Use").
pub fn build_from_options(
    payload: &Node,
    build_options: &Value,
    options: &Options,
    _: &dyn Host,
) -> Result<Built, OptionsError> {
    let o = OptionsReader::new(build_options, "options")?;
    let credentials = Credentials {
        base_url: o.required_str("baseUrl")?,
        token: o.required_str("token")?,
    };
    Ok(build_node(payload, &credentials, options))
}

/// 2xx (201 Created, documented) carries the group. Errors are bare statuses (400, 401, 403,
/// 404, 405, 406, 410, 429, 500, 503) or, as the official client reads them,
/// `{"errors": [{"field", "messages": [...]} | {"message"}]}`: one issue per message, on the
/// field it names (docs/decisions.md "SelfCommunity").
pub fn parse_response(response: &Response, options: &Options) -> Parsed {
    let mut ctx = Ctx::new(options);
    let success = (200..300).contains(&response.status);
    let Ok(body) = response::optional_json_body(&mut ctx, response.status, response.body) else {
        return Parsed::new(ctx, None, None);
    };
    if !success {
        report_errors(&mut ctx, response.status, body.as_ref());
    }
    Parsed::new(ctx, body, None)
}

fn report_errors(ctx: &mut Ctx, status: u16, body: Option<&Value>) {
    let entries = match body.and_then(|b| b.get("errors")) {
        Some(Value::Array(entries)) if !entries.is_empty() => entries,
        _ => {
            response::provider_error(ctx, String::new(), status, None, None);
            return;
        }
    };
    for entry in entries {
        let path = error_path(entry.get("field").and_then(Value::as_str));
        match entry.get("messages") {
            Some(Value::Array(messages)) if !messages.is_empty() => {
                for message in messages {
                    let text = message.as_str();
                    response::provider_error(ctx, path.clone(), status, None, text);
                }
            }
            _ => {
                let text = entry.get("message").and_then(Value::as_str);
                response::provider_error(ctx, path, status, None, text);
            }
        }
    }
}

/// The payload path an error's `field` names when it is one of [`FIELDS`]; otherwise "" (no
/// field, `non_field_errors`, a field this library does not send).
fn error_path(field: Option<&str>) -> String {
    match field {
        Some(name) if spec::resolve(&FIELDS, name).is_some() => name.to_owned(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::issue::Code;
    use crate::options::Options;

    fn run(payload: &Value) -> Vec<(String, Code)> {
        let options = Options::default();
        let mut ctx = Ctx::new(&options);
        crate::tape::with_node(payload, |node| cross_field(node, &mut ctx));
        ctx.errors.into_iter().map(|i| (i.path, i.code)).collect()
    }

    #[test]
    fn visible_is_required_only_for_private_groups() {
        let private = crate::object! { "name" => "g", "privacy" => "private" };
        assert_eq!(run(&private), vec![("visible".to_owned(), Code::Required)]);
        let public = crate::object! { "name" => "g", "privacy" => "public" };
        assert!(run(&public).is_empty());
        let given = crate::object! { "privacy" => "private", "visible" => false };
        assert!(run(&given).is_empty());
        assert!(run(&Value::Null).is_empty());
        assert!(run(&Value::Array(vec![])).is_empty());
    }
}
