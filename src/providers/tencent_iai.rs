//! Tencent Cloud Face Recognition `CreateGroup`, Version 2018-03-01, host
//! `iai.tencentcloudapi.com`. Sources and readings of the Tencent docs: docs/decisions.md
//! "Tencent CreateGroup" and "Tencent charsets".

use crate::build::{build_with, no_cross_field_rules, Built};
use crate::charsets::{GROUP_ID, HAN_ALNUM_DASH_UNDERSCORE, TC3_SECRET_ID};
use crate::issue::{ProviderCode, Severity};
use crate::options::{Host, Options, OptionsError, OptionsReader};
use crate::request::{HttpRequest, Method};
use crate::response::{self, Parsed, Response};
use crate::rules::charset::CharsetRule;
use crate::rules::header::{check_credential, check_header_value};
use crate::rules::length::{Limit, Unit};
use crate::rules::Ctx;
use crate::sign;
use crate::spec::{Field, Kind, List, Requirement, Text, Unique};
use crate::tape::{self, Node};
use crate::value::Value;

/// "Group name; 1-60 characters" (Tencent docs).
pub const GROUP_NAME_MAX_CHARS: usize = 60;
/// "It can contain letters, digits, and -%@#&_ of up to 64 B" (Tencent docs): bytes, not characters.
pub const GROUP_ID_MAX_BYTES: usize = 64;
/// "Up to 5 ones can be created" (Tencent docs).
pub const EX_DESCRIPTIONS_MAX_ITEMS: usize = 5;
/// "Each custom description field can contain 1-30 characters" (Tencent docs).
pub const EX_DESCRIPTION_MAX_CHARS: usize = 30;
/// "Group tag of [0, 40] characters" (Tencent docs).
pub const TAG_MAX_CHARS: usize = 40;
/// `FaceModelVersion`: "2.0" or "3.0" (docs/decisions.md "Tencent CreateGroup").
pub const FACE_MODEL_VERSIONS: [&str; 2] = ["2.0", "3.0"];

const fn code(c: &'static str) -> Option<ProviderCode> {
    Some(ProviderCode::text(c))
}

const fn chars(n: usize, severity: Severity, pcode: Option<ProviderCode>) -> Option<Limit> {
    Some(Limit {
        n,
        unit: Unit::Chars,
        severity,
        code: pcode,
    })
}

/// The name charset: "只支持中英文、-、_、数字". Lenient mode downgrades it because the English
/// seed's samples use spaces, although the Chinese originals they were translated from do not
/// (docs/decisions.md "Tencent charsets").
const fn han_charset(pcode: Option<ProviderCode>) -> Option<CharsetRule> {
    Some(CharsetRule {
        charset: &HAN_ALNUM_DASH_UNDERSCORE,
        severity: Severity::ErrorUnlessLenient,
        code: pcode,
    })
}

pub static FIELDS: [Field; 5] = [
    Field {
        name: "GroupName",
        required: Requirement::Required(None),
        nullable: false,
        kind: Kind::Text(Text {
            not_blank: None,
            min: chars(1, Severity::Error, None),
            max: chars(
                GROUP_NAME_MAX_CHARS,
                Severity::Error,
                code("InvalidParameterValue.GroupNameTooLong"),
            ),
            charset: han_charset(code("InvalidParameterValue.GroupNameIllegal")),
        }),
    },
    Field {
        name: "GroupId",
        required: Requirement::Required(None),
        nullable: false,
        kind: Kind::Text(Text {
            not_blank: None,
            min: Some(Limit {
                n: 1,
                unit: Unit::Bytes,
                severity: Severity::Error,
                code: None,
            }),
            max: Some(Limit {
                n: GROUP_ID_MAX_BYTES,
                unit: Unit::Bytes,
                severity: Severity::Error,
                code: code("InvalidParameterValue.GroupIdTooLong"),
            }),
            // Not downgraded by lenient: the seed's own sample 4 shows this rule enforced.
            charset: Some(CharsetRule {
                charset: &GROUP_ID,
                severity: Severity::Error,
                code: code("InvalidParameterValue.GroupIdIllegal"),
            }),
        }),
    },
    Field {
        name: "GroupExDescriptions",
        required: Requirement::Optional,
        nullable: false,
        kind: Kind::Texts(
            List {
                min_items: None,
                max_items: Some((
                    EX_DESCRIPTIONS_MAX_ITEMS,
                    code("InvalidParameterValue.GroupExDescriptionsExceed"),
                )),
                unique: Some(Unique {
                    key: None,
                    severity: Severity::Error,
                    code: code("InvalidParameterValue.GroupExDescriptionsNameIdentical"),
                }),
            },
            Text {
                not_blank: None,
                min: chars(1, Severity::Error, None),
                max: chars(
                    EX_DESCRIPTION_MAX_CHARS,
                    Severity::Error,
                    code("InvalidParameterValue.GroupExDescriptionsNameTooLong"),
                ),
                charset: han_charset(code("InvalidParameterValue.GroupExDescriptionsNameIllegal")),
            },
        ),
    },
    Field {
        name: "Tag",
        required: Requirement::Optional,
        nullable: false,
        kind: Kind::Text(Text {
            not_blank: None,
            min: None,
            max: chars(
                TAG_MAX_CHARS,
                Severity::Error,
                code("InvalidParameterValue.GroupTagTooLong"),
            ),
            charset: han_charset(code("InvalidParameterValue.GroupTagIllegal")),
        }),
    },
    Field {
        name: "FaceModelVersion",
        required: Requirement::Optional,
        nullable: false,
        kind: Kind::Choice(
            &FACE_MODEL_VERSIONS,
            code("InvalidParameterValue.FaceModelVersionIllegal"),
        ),
    },
];

/// "API request domain name: iai.tencentcloudapi.com" (Tencent docs).
pub const HOST: &str = "iai.tencentcloudapi.com";
/// The TC3 service is the host's first label (docs/decisions.md "Signing").
pub const SERVICE: &str = "iai";
pub const ACTION: &str = "CreateGroup";
pub const VERSION: &str = "2018-03-01";
/// `X-TC-Language` values the SDKs accept (docs/decisions.md "Tencent CreateGroup").
pub const LANGUAGES: [&str; 2] = ["zh-CN", "en-US"];
/// POST with v3 signing carries JSON; the content type is signed, so it is exactly this.
pub const POST_CONTENT_TYPE: &str = "application/json; charset=utf-8";
/// "GET only supports application/x-www-form-urlencoded" (docs/decisions.md "Tencent CreateGroup").
pub const GET_CONTENT_TYPE: &str = "application/x-www-form-urlencoded";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Style {
    /// JSON body (recommended by the docs).
    #[default]
    Post,
    /// Parameters in the query string, arrays flattened `GroupExDescriptions.0`, `.1`, …
    Get,
}

/// What signing needs. `timestamp` is an input in seconds: the core never reads a clock.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Credentials<'a> {
    pub secret_id: &'a str,
    pub secret_key: &'a str,
    pub timestamp: i64,
    /// Temporary-credential token, sent as `X-TC-Token`.
    pub token: Option<&'a str>,
    /// `X-TC-Region`; CreateGroup says "not passed in for this API", so it is optional.
    pub region: Option<&'a str>,
    /// `X-TC-Language`: "zh-CN" or "en-US".
    pub language: Option<&'static str>,
    pub style: Style,
}

impl std::fmt::Debug for Credentials<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("secret_id", &"<redacted>")
            .field("secret_key", &"<redacted>")
            .field("timestamp", &self.timestamp)
            .field("style", &self.style)
            .finish_non_exhaustive()
    }
}

/// The query string for the GET style: each known field in the caller's order, arrays
/// flattened with 0-based indexes, names and values RFC 3986 percent-encoded
/// (docs/decisions.md "Tencent CreateGroup").
pub fn query_string(body: &Value) -> String {
    let mut pairs: Vec<(String, &str)> = Vec::new();
    if let Value::Object(fields) = body {
        for (name, value) in fields {
            match value {
                Value::String(s) => pairs.push((name.clone(), s)),
                Value::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        if let Value::String(s) = item {
                            pairs.push((format!("{name}.{i}"), s));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    let encoded: Vec<String> = pairs
        .iter()
        .map(|(k, v)| {
            format!(
                "{}={}",
                sign::percent_encode_rfc3986(k),
                sign::percent_encode_rfc3986(v)
            )
        })
        .collect();
    encoded.join("&")
}

/// Validates and, when all is well, builds the TC3-HMAC-SHA256 signed request. Headers sign
/// `content-type;host`, as both official SDKs do (docs/decisions.md "Signing").
pub fn build_request(
    payload: &Value,
    credentials: &Credentials,
    options: &Options,
) -> Result<Built, OptionsError> {
    tape::with_node(payload, |node| build_node(node, credentials, options))
}

fn build_node(
    payload: &Node,
    credentials: &Credentials,
    options: &Options,
) -> Result<Built, OptionsError> {
    let check_options = |ctx: &mut Ctx| {
        check_credential(
            ctx,
            "options.secretId",
            credentials.secret_id,
            &TC3_SECRET_ID,
        );
        if let Some(token) = credentials.token {
            check_header_value(ctx, "options.token", token);
        }
        if let Some(region) = credentials.region {
            check_header_value(ctx, "options.region", region);
        }
    };
    let make = |body: Value| {
        let (content_type, query, payload) = match credentials.style {
            Style::Post => (POST_CONTENT_TYPE, String::new(), Some(body.to_json())),
            Style::Get => (GET_CONTENT_TYPE, query_string(&body), None),
        };
        let method = match credentials.style {
            Style::Post => Method::Post,
            Style::Get => Method::Get,
        };
        let signature = sign::sign_tc3(&sign::Tc3Request {
            secret_id: credentials.secret_id,
            secret_key: credentials.secret_key,
            timestamp: credentials.timestamp,
            service: SERVICE,
            host: HOST,
            method: method.as_str(),
            content_type,
            query: &query,
            payload: payload.as_deref().unwrap_or("").as_bytes(),
            extra_headers: &[],
        })
        .map_err(|e| OptionsError(format!("cannot sign the request: {e}")))?;
        let mut headers = vec![
            ("Authorization".to_owned(), signature.authorization),
            ("Content-Type".to_owned(), content_type.to_owned()),
            ("Host".to_owned(), HOST.to_owned()),
            ("X-TC-Action".to_owned(), ACTION.to_owned()),
            (
                "X-TC-Timestamp".to_owned(),
                credentials.timestamp.to_string(),
            ),
            ("X-TC-Version".to_owned(), VERSION.to_owned()),
        ];
        let optional = [
            ("X-TC-Region", credentials.region),
            ("X-TC-Token", credentials.token),
            ("X-TC-Language", credentials.language),
        ];
        for (name, value) in optional {
            if let Some(value) = value {
                headers.push((name.to_owned(), value.to_owned()));
            }
        }
        let url = if query.is_empty() {
            format!("https://{HOST}/")
        } else {
            format!("https://{HOST}/?{query}")
        };
        Ok(HttpRequest {
            method,
            url,
            headers,
            body: payload,
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

/// `{secretId, secretKey, timestamp?, token?, region?, language?, style?: "post"|"get"}`. A
/// missing `timestamp` is the current time in seconds, from `host`.
pub fn build_from_options(
    payload: &Node,
    build_options: &Value,
    options: &Options,
    host: &dyn Host,
) -> Result<Built, OptionsError> {
    let o = OptionsReader::new(build_options, "options")?;
    let seconds = match o.optional_uint("timestamp")? {
        Some(seconds) => seconds,
        None => host
            .now_millis()
            .map(|ms| ms / 1000)
            .ok_or_else(|| OptionsError("options.timestamp is required".into()))?,
    };
    let timestamp = i64::try_from(seconds)
        .map_err(|_| OptionsError("options.timestamp is out of range".into()))?;
    let credentials = Credentials {
        secret_id: o.required_str("secretId")?,
        secret_key: o.required_str("secretKey")?,
        timestamp,
        token: o.optional_str("token")?,
        region: o.optional_str("region")?,
        language: o.optional_choice("language", &LANGUAGES)?,
        style: match o.optional_choice("style", &["post", "get"])? {
            Some("get") => Style::Get,
            _ => Style::Post,
        },
    };
    build_node(payload, &credentials, options)
}

/// The payload field a Tencent error code is about, or "" for request-wide errors.
pub fn field_of_error(code: &str) -> &'static str {
    let detail = code.rsplit('.').next().unwrap_or(code);
    if detail.starts_with("GroupExDescriptions") || detail == "DuplicatedGroupDescription" {
        "GroupExDescriptions"
    } else if detail.starts_with("GroupId") {
        "GroupId"
    } else if detail.starts_with("GroupName") {
        "GroupName"
    } else if detail.starts_with("GroupTag") {
        "Tag"
    } else if detail.starts_with("FaceModelVersion") {
        "FaceModelVersion"
    } else {
        ""
    }
}

/// `{"Response": {..., "RequestId"}}`; `Response.Error.{Code, Message}` is one issue on the
/// field the code names (docs/decisions.md "Tencent CreateGroup"). Business errors come with
/// HTTP 200.
pub fn parse_response(response: &Response, options: &Options) -> Parsed {
    let mut ctx = Ctx::new(options);
    let Some(body) = response::json_body(&mut ctx, response.status, response.body) else {
        return Parsed::new(ctx, None, None);
    };
    let inner = body.get("Response");
    let request_id = inner
        .and_then(|r| r.get("RequestId"))
        .and_then(Value::as_str)
        .map(str::to_owned);
    match inner.and_then(|r| r.get("Error")) {
        Some(error) => {
            let code = error.get("Code").and_then(Value::as_str);
            let path = code.map_or("", field_of_error).to_owned();
            let message = error.get("Message").and_then(Value::as_str);
            let pcode = response::dynamic_code(error.get("Code"));
            response::provider_error(&mut ctx, path, response.status, pcode, message);
        }
        // Success is `{"Response": {...}}`: an envelope that is missing, null or not an object
        // is not one.
        None if response.status != 200 || !matches!(inner, Some(Value::Object(_))) => {
            response::provider_error(&mut ctx, String::new(), response.status, None, None);
        }
        None => {}
    }
    Parsed::new(ctx, inner.cloned(), request_id).data_under("Response")
}
