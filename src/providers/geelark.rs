//! GeeLark open API: `POST https://openapi.geelark.com/open/v1/group/add` (batch).
//! Sources and readings of the GeeLark docs: docs/decisions.md "GeeLark group/add".

use crate::build::{build_checked, no_cross_field_rules, Built};
use crate::issue::{ProviderCode, Severity};
use crate::options::{Host, Options, OptionsError, OptionsReader};
use crate::request::{HttpRequest, Method};
use crate::response::{self, Parsed, Response};
use crate::rules::header::check_header_value;
use crate::rules::length::{Limit, Unit};
use crate::rules::{unique, Ctx};
use crate::sign;
use crate::spec::{Field, Kind, List, Requirement, Text, Unique};
use crate::tape::{self, Node};
use crate::value::Value;

/// "Group name, up to 50 characters" (GeeLark docs).
pub const NAME_MAX_CHARS: usize = 50;
/// "Group remark, up to 500 characters" (GeeLark docs).
pub const REMARK_MAX_CHARS: usize = 500;
/// "43030 | Group name is empty" (GeeLark docs).
pub const NAME_EMPTY: i64 = 43030;
/// "43031 | Group name already exists" (GeeLark docs). A name repeated within one batch cannot
/// be created twice either, so the repeat is reported with the same code.
pub const NAME_EXISTS: i64 = 43031;

static ITEM_FIELDS: [Field; 2] = [
    Field {
        name: "name",
        required: Requirement::Required(None),
        nullable: false,
        kind: Kind::Text(Text {
            not_blank: Some(Some(ProviderCode::Number(NAME_EMPTY))),
            min: None,
            max: Some(Limit {
                n: NAME_MAX_CHARS,
                unit: Unit::Chars,
                severity: Severity::Error,
                code: None,
            }),
            charset: None,
        }),
    },
    Field {
        name: "remark",
        required: Requirement::Optional,
        nullable: false,
        kind: Kind::Text(Text {
            not_blank: None,
            min: None,
            max: Some(Limit {
                n: REMARK_MAX_CHARS,
                unit: Unit::Chars,
                severity: Severity::Error,
                code: None,
            }),
            charset: None,
        }),
    },
];

/// `list`: "Group data list", required, `array[GroupItem]`. No maximum is documented for
/// group/add (docs/decisions.md "GeeLark group/add"), so none is enforced.
pub static FIELDS: [Field; 1] = [Field {
    name: "list",
    required: Requirement::Required(None),
    nullable: false,
    kind: Kind::Objects(
        List {
            min_items: Some((1, None)),
            max_items: None,
            unique: Some(Unique {
                key: Some("name"),
                severity: Severity::Error,
                code: Some(ProviderCode::Number(NAME_EXISTS)),
            }),
        },
        &ITEM_FIELDS,
    ),
}];

/// "All API requests are POST; request bodies are JSON" (docs/decisions.md "GeeLark group/add").
pub const URL: &str = "https://openapi.geelark.com/open/v1/group/add";

/// How a request is authenticated (docs/decisions.md "GeeLark auth"). `trace_id` and `ts` are
/// inputs: the core never invents them ([`build_from_options`] asks the [`Host`] when the
/// options leave them out).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Auth<'a> {
    /// Headers appId, traceId, ts (ms), nonce and sign.
    Key {
        app_id: &'a str,
        api_key: &'a str,
        trace_id: &'a str,
        ts_millis: u64,
    },
    /// Headers traceId and `Authorization: Bearer <token>`.
    Token { token: &'a str, trace_id: &'a str },
}

/// Validates and, when all is well, builds the signed request.
pub fn build_request(payload: &Value, auth: &Auth, options: &Options) -> Built {
    tape::with_node(payload, |node| build_node(node, auth, options))
}

fn build_node(payload: &Node, auth: &Auth, options: &Options) -> Built {
    let check_options = |ctx: &mut Ctx| match auth {
        Auth::Key {
            app_id, trace_id, ..
        } => {
            check_header_value(ctx, "options.auth.appId", app_id);
            let before = ctx.error_count();
            check_header_value(ctx, "options.auth.traceId", trace_id);
            // Its first characters are the nonce header, trimmed in transit if they end in a
            // space: the sign would then cover a nonce the server never gets.
            if ctx.error_count() == before {
                let nonce = sign::geelark_nonce(trace_id);
                check_header_value(ctx, "options.auth.traceId", nonce);
            }
        }
        Auth::Token { token, trace_id } => {
            check_header_value(ctx, "options.auth.token", token);
            check_header_value(ctx, "options.auth.traceId", trace_id);
        }
    };
    let make = |body: Value| {
        let mut headers = vec![("Content-Type".to_owned(), "application/json".to_owned())];
        match auth {
            Auth::Key {
                app_id,
                api_key,
                trace_id,
                ts_millis,
            } => {
                let ts = ts_millis.to_string();
                let sign = sign::geelark_sign(app_id, trace_id, &ts, api_key);
                headers.push(("appId".to_owned(), (*app_id).to_owned()));
                headers.push(("traceId".to_owned(), (*trace_id).to_owned()));
                headers.push(("ts".to_owned(), ts));
                headers.push(("nonce".to_owned(), sign::geelark_nonce(trace_id).to_owned()));
                headers.push(("sign".to_owned(), sign));
            }
            // "Bearer <token>", as the official sample sends it; the doc text's "Bearer: " looks
            // like a typo (docs/decisions.md "GeeLark auth").
            Auth::Token { token, trace_id } => {
                headers.push(("traceId".to_owned(), (*trace_id).to_owned()));
                headers.push(("Authorization".to_owned(), format!("Bearer {token}")));
            }
        }
        HttpRequest {
            method: Method::Post,
            url: URL.to_owned(),
            headers,
            body: Some(body.to_json()),
        }
    };
    build_checked(
        &FIELDS,
        no_cross_field_rules,
        payload,
        options,
        check_options,
        make,
    )
}

/// `{auth: {type: "key", appId, apiKey, traceId?, ts?} | {type: "token", token, traceId?}}`.
/// A missing `traceId` is a random UUID and a missing `ts` the current time, from `host`.
pub fn build_from_options(
    payload: &Node,
    build_options: &Value,
    options: &Options,
    host: &dyn Host,
) -> Result<Built, OptionsError> {
    let root = OptionsReader::new(build_options, "options")?;
    let auth = root.object("auth")?;
    let kind = auth
        .optional_choice("type", &["key", "token"])?
        .ok_or_else(|| {
            OptionsError("options.auth.type is required: \"key\" or \"token\"".into())
        })?;
    let generated;
    let trace_id = match auth.optional_str("traceId")? {
        Some(id) => auth.required_str("traceId").map(|_| id)?,
        None => {
            generated = host
                .random_uuid()
                .ok_or_else(|| OptionsError(format!("{} is required", auth.path("traceId"))))?;
            generated.as_str()
        }
    };
    let auth = match kind {
        "key" => Auth::Key {
            app_id: auth.required_str("appId")?,
            api_key: auth.required_str("apiKey")?,
            trace_id,
            ts_millis: match auth.optional_uint("ts")? {
                Some(ts) => ts,
                None => host
                    .now_millis()
                    .ok_or_else(|| OptionsError(format!("{} is required", auth.path("ts"))))?,
            },
        },
        _ => Auth::Token {
            token: auth.required_str("token")?,
            trace_id,
        },
    };
    Ok(build_node(payload, &auth, options))
}

/// Global codes and their documented meaning (docs/decisions.md "GeeLark group/add"), plus
/// group/add's own (GeeLark docs).
pub const CODES: [(i64, &str); 16] = [
    (40000, "unknown error"),
    (40001, "failed to read request body"),
    (40002, "traceId header cannot be empty"),
    (40003, "signature verification failed"),
    (40004, "request parameter validation failed"),
    (40005, "requested resource does not exist"),
    (40006, "partial success"),
    (40007, "too many requests (lifted next minute)"),
    (40008, "invalid pagination parameters"),
    (40009, "batch processing completely failed"),
    (40011, "only for paid user"),
    (40012, "the api had expire, please use the new api"),
    (41001, "balance not enough"),
    (
        47002,
        "too many concurrent requests (lifted after two hours)",
    ),
    (NAME_EMPTY, "group name is empty"),
    (NAME_EXISTS, "group name already exists"),
];

fn meaning(code: i64) -> Option<&'static str> {
    CODES.iter().find(|(c, _)| *c == code).map(|(_, m)| *m)
}

/// The envelope `{traceId, code, msg, data}`: code 0 is success, 40006 partial success; every
/// `failDetails` entry is an issue on the `list[i].name` it names (when the sent payload is
/// given), whatever the envelope code — the seed's own example has code 0 with one failure.
pub fn parse_response(response: &Response, options: &Options) -> Parsed {
    let mut ctx = Ctx::new(options);
    let Some(body) = response::json_body(&mut ctx, response.status, response.body) else {
        return Parsed::new(ctx, None, None);
    };
    let request_id = body
        .get("traceId")
        .and_then(Value::as_str)
        .map(str::to_owned);
    let message = |v: &Value, code: Option<i64>| match v
        .get("msg")
        .and_then(Value::as_str)
        .filter(|m| !m.is_empty())
    {
        Some(m) => Some(m.to_owned()),
        None => code.and_then(meaning).map(str::to_owned),
    };
    let code = body.get("code").and_then(Value::as_safe_integer);
    match code {
        Some(0) | Some(40006) if response.status == 200 => {}
        _ => {
            let text = message(&body, code);
            let pcode = code.map(ProviderCode::Number);
            response::provider_error(
                &mut ctx,
                String::new(),
                response.status,
                pcode,
                text.as_deref(),
            );
        }
    }
    let data = body.get("data");
    // The sent names in sorted order: each failDetails entry is found by a binary search (a
    // batch and its failures can both be long). Ties keep the first item.
    let sent_names: Vec<Option<&[u8]>> = match response.sent.and_then(|s| s.get("list")) {
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| item.get("name")?.as_str().map(str::as_bytes))
            .collect(),
        _ => Vec::new(),
    };
    let order = unique::sorted_by_key(&sent_names);
    let sent_index = |name: &str| {
        let name = Some(name.as_bytes());
        let at = order.partition_point(|&i| sent_names[i as usize] < name);
        order
            .get(at)
            .filter(|&&i| sent_names[i as usize] == name)
            .map(|&i| i as usize)
    };
    let fails = match data.and_then(|d| d.get("failDetails")) {
        Some(Value::Array(fails)) => fails.as_slice(),
        _ => &[],
    };
    // 40006 says some items failed; without failDetails naming them, the envelope itself is
    // the issue, so a partial success is never reported as ok.
    if fails.is_empty() && code == Some(40006) && response.status == 200 {
        let text = message(&body, code);
        let pcode = code.map(ProviderCode::Number);
        response::provider_error(&mut ctx, String::new(), 200, pcode, text.as_deref());
    }
    for fail in fails {
        let name = fail.get("name").and_then(Value::as_str);
        let path = match name.and_then(sent_index) {
            Some(i) => format!("list[{i}].name"),
            None => "list".to_owned(),
        };
        let code = fail.get("code").and_then(Value::as_safe_integer);
        let text = message(fail, code);
        let pcode = code.map(ProviderCode::Number);
        response::provider_error(&mut ctx, path, response.status, pcode, text.as_deref());
    }
    Parsed::new(ctx, data.cloned(), request_id).data_under("data")
}
