//! What the library does, over a [`Provider`]: validate a payload (a tree, JSON text or one
//! field), build its request, read the response, and describe the rules for forms. The
//! crate root and the JS layer both call these; neither holds rules of its own.

use crate::build::{check_payload, Built};
use crate::issue::{params, Code, Issue, Report};
use crate::options::{Host, Options, OptionsError, OptionsReader};
use crate::path::Path;
use crate::providers::{self, Provider};
use crate::response::{Parsed, Response};
use crate::rules::Ctx;
use crate::schema::{self, FieldConstraint};
use crate::sign;
use crate::spec::{self, Kind};
use crate::tape::{self, json, Node};
use crate::value::Value;

/// Every documented rule over a whole payload; all problems, in document order.
pub fn validate(provider: &Provider, payload: &Value, options: &Options) -> Report {
    tape::with_node(payload, |node| validate_node(provider, node, options))
}

/// [`validate`] over a payload already on a tape (what the JS layer writes).
pub fn validate_node(provider: &Provider, payload: &Node, options: &Options) -> Report {
    let mut ctx = Ctx::new(options);
    check_payload(&mut ctx, provider.fields, provider.cross_field, payload);
    ctx.finish()
}

/// [`validate`] of JSON text, read straight onto a tape ([`json::from_json`]): no tree is
/// built, and a key the text repeats is reported (`JSON.parse` would keep only the last).
pub fn validate_json(provider: &Provider, text: &str, options: &Options) -> Report {
    match json::from_json(text) {
        Ok(tape) => validate_node(provider, &tape::root(&tape), options),
        Err(error) => not_json(&error, options),
    }
}

/// [`validate_json`] of a text whose exact strings only the host has: `parsed` is the host's
/// `JSON.parse` of it (which keeps a raw lone surrogate that `text`, the copy the core got,
/// holds as U+FFFD). Validation reads `parsed`; the keys the text repeats, which `JSON.parse`
/// drops, come from `text`.
pub fn validate_json_parsed(
    provider: &Provider,
    text: &str,
    parsed: &Node,
    options: &Options,
) -> Report {
    let mut report = validate_node(provider, parsed, options);
    let repeated_key =
        |i: &Issue| i.code == Code::Duplicate && i.params.get("of") == Some(&"key".into());
    let from_text = validate_json(provider, text, options);
    report
        .errors
        .extend(from_text.errors.into_iter().filter(repeated_key));
    report.ok = report.errors.is_empty();
    report
}

/// The report for text [`json::from_json`] could not read: one `invalid_type` error at the
/// root, with why and where the text stops being JSON.
pub fn not_json(error: &json::JsonError, options: &Options) -> Report {
    let mut ctx = Ctx::new(options);
    let params = params!(
        "expected" => "JSON text",
        "actual" => "invalid JSON",
        "reason" => error.reason,
        "line" => error.line,
        "column" => error.column,
    );
    ctx.error(String::new(), Code::InvalidType, None, params);
    ctx.finish()
}

/// The path names no field of this provider.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("no field of this provider has the path given")]
pub struct UnknownPath;

/// The rules of one field, for validation as the user types: `GroupName`, `list[2].name`,
/// `list[].name`, `GroupExDescriptions[1]`. Errors first, then warnings. Rules spanning
/// fields or items (duplicates) need [`validate`].
pub fn validate_field(
    provider: &Provider,
    path: &str,
    value: &Value,
    options: &Options,
) -> Result<Vec<Issue>, UnknownPath> {
    tape::with_node(value, |node| {
        validate_field_node(provider, path, node, options)
    })
}

/// [`validate_field`] over a value already on a tape.
pub fn validate_field_node(
    provider: &Provider,
    path: &str,
    value: &Node,
    options: &Options,
) -> Result<Vec<Issue>, UnknownPath> {
    let (field, is_item) = spec::resolve(provider.fields, path).ok_or(UnknownPath)?;
    let mut ctx = Ctx::new(options);
    let path = &Path::from(path);
    match (&field.kind, is_item) {
        (_, false) => spec::check_field(&mut ctx, path, value, field),
        (Kind::Texts(_, text), true) => spec::check_text_value(&mut ctx, path, value, text),
        (Kind::Integers(_, rules), true) => spec::check_integer(&mut ctx, path, value, rules),
        (Kind::Objects(_, item_fields), true) => {
            spec::check_object(&mut ctx, path, value, item_fields)
        }
        (_, true) => return Err(UnknownPath),
    }
    let mut issues = ctx.errors;
    issues.extend(ctx.warnings);
    Ok(issues)
}

/// Validates, and when the payload is valid and the options are safe, builds the request.
/// `build_options` is the JS-shaped object of the README (credentials, hosts, timestamps);
/// `host` supplies the time and a trace id where the options leave them out.
pub fn build_request(
    provider: &Provider,
    payload: &Value,
    build_options: &Value,
    options: &Options,
    host: &dyn Host,
) -> Result<Built, OptionsError> {
    tape::with_node(payload, |node| {
        build_request_node(provider, node, build_options, options, host)
    })
}

/// [`build_request`] over a payload already on a tape: it is read once, from there.
pub fn build_request_node(
    provider: &Provider,
    payload: &Node,
    build_options: &Value,
    options: &Options,
    host: &dyn Host,
) -> Result<Built, OptionsError> {
    (providers::exchange(provider).build)(payload, build_options, options, host)
}

/// Reads a provider response into the common shape.
pub fn parse_response(provider: &Provider, response: &Response, options: &Options) -> Parsed {
    (providers::exchange(provider).parse)(response, options)
}

/// Every field's rules, for forms (see [`schema::constraints`]).
pub fn constraints(provider: &Provider, options: &Options) -> Vec<FieldConstraint> {
    schema::constraints(provider.fields, options)
}

/// The payload's JSON Schema (see [`schema::json_schema`]).
pub fn json_schema(provider: &Provider, options: &Options) -> Value {
    schema::json_schema(provider.name, provider.fields, options)
}

/// `signTc3`'s input, `{secretId, secretKey, timestamp, service, host, method, contentType,
/// query?, payload?, extraHeaders?}`, signed with TC3-HMAC-SHA256. A wrong option is an
/// [`OptionsError`]; a request the signer refuses is one too, with the signer's reason.
pub fn sign_tc3(input: &Value) -> Result<sign::Tc3Signature, OptionsError> {
    let o = OptionsReader::new(input, "input")?;
    let timestamp = i64::try_from(o.required_uint("timestamp")?)
        .map_err(|_| OptionsError("input.timestamp is out of range".into()))?;
    let extra: Vec<(&str, &str)> = match o.get("extraHeaders") {
        None => Vec::new(),
        Some(Value::Object(pairs)) => pairs
            .iter()
            .map(|(k, v)| match v {
                Value::String(s) => Ok((k.as_str(), s.as_str())),
                _ => Err(OptionsError(
                    "input.extraHeaders values must be strings".into(),
                )),
            })
            .collect::<Result<_, _>>()?,
        Some(_) => return Err(OptionsError("input.extraHeaders must be an object".into())),
    };
    let request = sign::Tc3Request {
        secret_id: o.required_str("secretId")?,
        secret_key: o.required_str("secretKey")?,
        timestamp,
        service: o.required_str("service")?,
        host: o.required_str("host")?,
        method: o.required_str("method")?,
        content_type: o.required_str("contentType")?,
        query: o.optional_str("query")?.unwrap_or(""),
        payload: o.optional_str("payload")?.unwrap_or("").as_bytes(),
        extra_headers: &extra,
    };
    sign::sign_tc3(&request).map_err(|e| OptionsError(e.to_string()))
}

/// `geelarkSign`'s input, `{appId, traceId, ts, apiKey}`: the uppercase hex SHA-256 of
/// appId + traceId + ts + nonce + apiKey, with `ts` exactly as it is sent (canonical digits).
pub fn geelark_sign(input: &Value) -> Result<String, OptionsError> {
    let o = OptionsReader::new(input, "input")?;
    let ts = o.required_uint("ts")?.to_string();
    Ok(sign::geelark_sign(
        o.required_str("appId")?,
        o.required_str("traceId")?,
        &ts,
        o.required_str("apiKey")?,
    ))
}
