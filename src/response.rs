//! What every response parser shares: the response as given, the common shape it is read
//! into, and the JSON and error handling around them.

use crate::issue::{params, Code, Issue, Params, ProviderCode, Severity};
use crate::rules::Ctx;
use crate::value::{integral, Value};
use serde::Serialize;

/// What came back: HTTP status and body text, and optionally the payload that was sent (so
/// per-item failures can be pointed at `list[i].name`).
#[derive(Debug, Clone, Copy)]
pub struct Response<'a> {
    pub status: u16,
    pub body: &'a str,
    pub sent: Option<&'a Value>,
}

/// A response in the common shape: `ok`, the provider's data, its errors as issues, and the
/// request id the provider assigned (for support tickets).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Parsed {
    pub ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<Value>,
    pub errors: Vec<Issue>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

impl Parsed {
    /// The common shape from what a parser collected: `ok` when it found no errors.
    pub fn new(ctx: Ctx, data: Option<Value>, request_id: Option<String>) -> Parsed {
        Parsed {
            ok: ctx.errors.is_empty(),
            data,
            errors: ctx.errors,
            request_id,
        }
    }
}

/// Parses the body as JSON; a body that is not JSON is itself an issue (a proxy's HTML error
/// page, a truncated body), reported with the HTTP status.
pub fn json_body(ctx: &mut Ctx, status: u16, body: &str) -> Option<Value> {
    match Value::from_json(body) {
        Ok(v) => Some(v),
        Err(_) => {
            let params = params!("status" => i64::from(status), "reason" => "body_not_json");
            ctx.error(String::new(), Code::ProviderError, None, params);
            None
        }
    }
}

/// Like [`json_body`], for providers whose bare statuses come with an empty body:
/// `Ok(None)` for an empty body, `Err(())` when a non-empty body is not JSON (reported).
#[allow(clippy::result_unit_err)]
pub fn optional_json_body(ctx: &mut Ctx, status: u16, body: &str) -> Result<Option<Value>, ()> {
    if body.trim().is_empty() {
        return Ok(None);
    }
    json_body(ctx, status, body).map(Some).ok_or(())
}

/// A provider error. `provider_message` is the provider's own text (its words, not the
/// caller's value), kept in params for display and support.
pub fn provider_error(
    ctx: &mut Ctx,
    path: String,
    status: u16,
    provider_code: Option<ProviderCode>,
    provider_message: Option<&str>,
) {
    let mut params = Params::default();
    params.0.push(("status", i64::from(status).into()));
    if let Some(text) = provider_message {
        params.0.push(("providerMessage", text.to_owned().into()));
    }
    ctx.report(
        Severity::Error,
        path,
        Code::ProviderError,
        provider_code,
        params,
    );
}

/// An owned provider code from a response: a string code as text, a number as a number.
pub fn dynamic_code(value: Option<&Value>) -> Option<ProviderCode> {
    match value? {
        Value::String(s) => Some(ProviderCode::Text(s.clone().into())),
        Value::Number(n) => integral(*n).map(ProviderCode::Number),
        _ => None,
    }
}
