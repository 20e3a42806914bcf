//! Shared pieces of response parsing.

use crate::issue::{Code, Params, ProviderCode, Severity};
use crate::params;
use crate::rules::{Ctx, Pcode};
use crate::value::Value;

/// Parses the body as JSON; a body that is not JSON is itself an issue (a proxy's HTML error
/// page, a truncated body), reported with the HTTP status.
pub fn json_body(ctx: &mut Ctx, status: u16, body: &str) -> Option<Value> {
    match Value::from_json(body) {
        Ok(v) => Some(v),
        Err(_) => {
            let params = params!("status" => i64::from(status), "reason" => "body_not_json");
            ctx.error(String::new(), Code::ProviderError, Pcode::None, params);
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
    ctx.report_with_code(
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
        Value::Number(n) if n.fract() == 0.0 && n.is_finite() => {
            Some(ProviderCode::Number(*n as i64))
        }
        _ => None,
    }
}
