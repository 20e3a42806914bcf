//! Capillary "Groups - Create reward group":
//! `POST https://<cluster host>/api_gateway/core/v1/group/create`.
//! Sources and readings of the Capillary docs: docs/decisions.md "Capillary".

use crate::build::{build_with, no_cross_field_rules, Built};
use crate::charsets::BASIC_AUTH_USER_ID;
use crate::http;
use crate::issue::params;
use crate::issue::{Code, Params, ProviderCode, Severity};
use crate::options::{self, Options, OptionsError, OptionsReader};
use crate::path::Path;
use crate::request::{HttpRequest, Method};
use crate::response::{self, Parsed, Response};
use crate::rules::header::{check_base_url, check_header_value};
use crate::rules::{charset, Ctx};
use crate::sign;
use crate::spec::{Field, Integer, Kind, Requirement, Text};
use crate::tape::{self, Node};
use crate::value::Value;

/// "400 | Group name must not be null" (Capillary docs). Missing, `null` and blank names all get it.
pub const NAME_NULL: i64 = 400;
/// "12012 | Group name must be unique" (Capillary docs): only the server can know; it comes back in
/// the response.
pub const NAME_NOT_UNIQUE: i64 = 12012;
/// `rank`: "Integer … Group rank can be null" (Capillary docs). The docs give no range; the field is
/// a Java `Integer`, so anything outside 32 bits cannot be stored (docs/decisions.md "Capillary").
pub const RANK_MIN: i64 = i32::MIN as i64;
pub const RANK_MAX: i64 = i32::MAX as i64;

pub static FIELDS: [Field; 2] = [
    // "name* | String | The name of the group. The name of the group must be unique." No
    // length or charset limit is documented (docs/decisions.md "Capillary").
    Field {
        name: "name",
        required: Requirement::Required(Some(ProviderCode::Number(NAME_NULL))),
        nullable: false,
        kind: Kind::Text(Text {
            not_blank: Some(Some(ProviderCode::Number(NAME_NULL))),
            min: None,
            max: None,
            charset: None,
        }),
    },
    Field {
        name: "rank",
        required: Requirement::Optional,
        nullable: true,
        kind: Kind::Integer(Integer {
            min: RANK_MIN,
            max: RANK_MAX,
            accepts_digit_string: false,
        }),
    },
];

/// "URI | /api_gateway/core/v1/group/create" (Capillary docs).
pub const PATH: &str = "/api_gateway/core/v1/group/create";
/// The OAuth header of the v2 API introduction (docs/decisions.md "Capillary"). The current API
/// overview lists `CAP-API-ACCESS-TOKEN` instead; the docs disagree, so the name can be
/// overridden.
pub const DEFAULT_OAUTH_HEADER: &str = "X-CAP-API-OAUTH-TOKEN";
/// The cluster ids `options.cluster` accepts.
pub const CLUSTERS: [&str; 4] = ["eu", "in", "sg", "us"];

/// The `*crm.cc.capillarytech.com` host of each cluster, where the `api_gateway` endpoints live
/// (docs/decisions.md "Capillary").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cluster {
    /// EUCRM, `https://eucrm.cc.capillarytech.com` (the seed's example host).
    Eu,
    /// INCRM (India), `https://incrm.cc.capillarytech.com`.
    In,
    /// ASIACRM / APAC2 (Singapore), `https://sgcrm.cc.capillarytech.com`.
    Sg,
    /// USCRM, `https://uscrm.cc.capillarytech.com`.
    Us,
}

impl Cluster {
    pub fn from_id(id: &str) -> Option<Cluster> {
        match id {
            "eu" => Some(Cluster::Eu),
            "in" => Some(Cluster::In),
            "sg" => Some(Cluster::Sg),
            "us" => Some(Cluster::Us),
            _ => None,
        }
    }

    pub fn base_url(self) -> &'static str {
        match self {
            Cluster::Eu => "https://eucrm.cc.capillarytech.com",
            Cluster::In => "https://incrm.cc.capillarytech.com",
            Cluster::Sg => "https://sgcrm.cc.capillarytech.com",
            Cluster::Us => "https://uscrm.cc.capillarytech.com",
        }
    }
}

/// The org's host: a cluster, or an explicit base URL (the docs also show other host
/// families, docs/decisions.md "Capillary").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Host<'a> {
    Cluster(Cluster),
    BaseUrl(&'a str),
}

/// "Basic or OAuth authentication" (Capillary docs; docs/decisions.md "Capillary").
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Auth<'a> {
    /// `Authorization: Basic base64(username + ":" + md5hex(password))`.
    Basic {
        username: &'a str,
        password: &'a str,
    },
    /// The token from `/v3/oauth/token/generate`, sent in `header`
    /// ([`DEFAULT_OAUTH_HEADER`] unless overridden).
    OAuth { token: &'a str, header: &'a str },
}

impl std::fmt::Debug for Auth<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Auth::Basic { .. } => f.write_str("Basic { <redacted> }"),
            Auth::OAuth { header, .. } => f
                .debug_struct("OAuth")
                .field("token", &"<redacted>")
                .field("header", header)
                .finish(),
        }
    }
}

/// Validates and, when all is well, builds the request. Fails only on misuse: an OAuth header
/// name that is not an HTTP token, or one that would clash with `Accept`/`Content-Type`.
pub fn build_request(
    payload: &Value,
    host: &Host,
    auth: &Auth,
    options: &Options,
) -> Result<Built, OptionsError> {
    tape::with_node(payload, |node| build_node(node, host, auth, options))
}

fn build_node(
    payload: &Node,
    host: &Host,
    auth: &Auth,
    options: &Options,
) -> Result<Built, OptionsError> {
    if let Auth::OAuth { header, .. } = auth {
        check_header_name("options.auth.header", header)?;
    }
    let check_options = |ctx: &mut Ctx| {
        if let Host::BaseUrl(url) = host {
            check_base_url(ctx, "options.baseUrl", url);
        }
        match auth {
            Auth::Basic { username, .. } => {
                check_basic_user_id(ctx, "options.auth.username", username);
            }
            Auth::OAuth { token, .. } => check_header_value(ctx, "options.auth.token", token),
        }
    };
    let make = |body: Value| {
        let base = match host {
            Host::Cluster(cluster) => cluster.base_url(),
            Host::BaseUrl(url) => url.trim_end_matches('/'),
        };
        let auth_header = match auth {
            Auth::Basic { username, password } => (
                "Authorization".to_owned(),
                sign::capillary_basic_auth(username, password),
            ),
            Auth::OAuth { token, header } => ((*header).to_owned(), (*token).to_owned()),
        };
        Ok(HttpRequest {
            method: Method::Post,
            url: format!("{base}{PATH}"),
            headers: vec![
                ("Accept".to_owned(), "application/json".to_owned()),
                ("Content-Type".to_owned(), "application/json".to_owned()),
                auth_header,
            ],
            body: Some(body.to_json()),
        })
    };
    build_with(
        &FIELDS,
        no_cross_field_rules,
        payload,
        options,
        check_options,
        make,
    )
}

/// `{cluster? | baseUrl?, auth: {type: "basic", username, password} | {type: "oauth", token,
/// header?}}` (README, "Use"): exactly one of `cluster` and `baseUrl`.
pub fn build_from_options(
    payload: &Node,
    build_options: &Value,
    options: &Options,
    _: &dyn options::Host,
) -> Result<Built, OptionsError> {
    let o = OptionsReader::new(build_options, "options")?;
    let cluster = o.optional_choice("cluster", &CLUSTERS)?;
    let base_url = o.optional_str("baseUrl")?;
    let host = match (cluster.and_then(Cluster::from_id), base_url) {
        (Some(cluster), None) => Host::Cluster(cluster),
        (None, Some(url)) => Host::BaseUrl(url),
        (Some(_), Some(_)) => {
            return Err(OptionsError(
                "options.cluster and options.baseUrl exclude each other: give one".into(),
            ))
        }
        (None, None) => {
            return Err(OptionsError(
                "options.cluster (eu, in, sg, us) or options.baseUrl is required".into(),
            ))
        }
    };
    let a = o.object("auth")?;
    let auth = match a.optional_choice("type", &["basic", "oauth"])? {
        Some("basic") => Auth::Basic {
            username: a.required_str("username")?,
            password: a.required_str("password")?,
        },
        Some(_) => Auth::OAuth {
            token: a.required_str("token")?,
            header: a.optional_str("header")?.unwrap_or(DEFAULT_OAUTH_HEADER),
        },
        None => {
            return Err(OptionsError(
                "options.auth.type is required: \"basic\" or \"oauth\"".into(),
            ))
        }
    };
    build_node(payload, &host, &auth, options)
}

/// The OAuth header's name: an HTTP token (RFC 9110 §5.1) that `fetch` sends as given and
/// that the request does not already set.
fn check_header_name(path: &str, name: &str) -> Result<(), OptionsError> {
    if !http::is_token(name) {
        return Err(OptionsError(format!(
            "{path} must be an HTTP header name: letters, digits and !#$%&'*+-.^_`|~"
        )));
    }
    if ["Accept", "Content-Type"]
        .iter()
        .any(|h| h.eq_ignore_ascii_case(name))
    {
        return Err(OptionsError(format!(
            "{path} must not be Accept or Content-Type, which the request already sets"
        )));
    }
    if http::is_forbidden_request_header(name) {
        return Err(OptionsError(format!(
            "{path} must not be a header that fetch refuses or drops or that describes the \
             connection (Host, Content-Length, Connection, Transfer-Encoding, …)"
        )));
    }
    Ok(())
}

/// A basic-auth user name cannot hold `:` (it ends the user name) or control characters
/// (RFC 7617 §2). It is sent base64-encoded, so other characters are safe.
fn check_basic_user_id(ctx: &mut Ctx, path: &str, username: &str) {
    if username.is_empty() {
        ctx.error(path.to_owned(), Code::Blank, None, Params::default());
    } else {
        let path = Path::from(path);
        let error = Severity::Error;
        charset::report_outside(ctx, error, &path, username, &BASIC_AUTH_USER_ID, &None);
    }
}

/// HTTP 200 carries the group object (Capillary docs). Failures come as a status envelope
/// `{"status": {"success": false, "code", "message"}}`, the shape of the sibling endpoints
/// (docs/decisions.md "Capillary"): code 400 is about `name` ("Group name must not be null"),
/// 12012 is a `duplicate` on `name` ("Group name must be unique"); other codes, and non-2xx
/// statuses without an envelope, are request-wide provider errors.
pub fn parse_response(response: &Response, options: &Options) -> Parsed {
    let mut ctx = Ctx::new(options);
    let success = (200..300).contains(&response.status);
    let Ok(body) = response::optional_json_body(&mut ctx, response.status, response.body) else {
        return Parsed::new(ctx, None, None);
    };
    let envelope = body
        .as_ref()
        .and_then(|b| b.get("status"))
        .filter(|s| matches!(s, Value::Object(_)));
    match envelope {
        Some(status) if !success || status.get("success") == Some(&Value::Bool(false)) => {
            let code = status.get("code").and_then(Value::as_safe_integer);
            let message = status.get("message").and_then(Value::as_str);
            report_code(&mut ctx, response.status, code, message);
        }
        Some(_) => {}
        None if !success => {
            // No envelope: a gateway or framework error, e.g. Spring's `{"status": 400,
            // "error": "Bad Request", "message": "…"}`.
            let message = body
                .as_ref()
                .and_then(|b| b.get("message"))
                .and_then(Value::as_str);
            response::provider_error(&mut ctx, String::new(), response.status, None, message);
        }
        None => {}
    }
    Parsed::new(ctx, body, None)
}

fn report_code(ctx: &mut Ctx, status: u16, code: Option<i64>, message: Option<&str>) {
    let pcode = code.map(ProviderCode::Number);
    match code {
        Some(NAME_NOT_UNIQUE) => {
            let mut params = params!("status" => i64::from(status));
            if let Some(text) = message {
                response::push_provider_message(&mut params, text);
            }
            ctx.report(
                Severity::Error,
                "name".to_owned(),
                Code::Duplicate,
                pcode,
                params,
            );
        }
        Some(NAME_NULL) => response::provider_error(ctx, "name".to_owned(), status, pcode, message),
        _ => response::provider_error(ctx, String::new(), status, pcode, message),
    }
}
