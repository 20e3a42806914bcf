//! The JavaScript API (SPEC §4). The only module that knows about wasm-bindgen: it decodes
//! arguments, calls the core, and encodes results. No rules live here.
//!
//! Bad data never throws: it comes back as issues. Only misuse throws (an unknown provider
//! id, options that are not an object), with a `TypeError` whose message names the problem.

mod convert;

use crate::api;
use crate::issue::{issues_json, Report};
use crate::options::{Host, Options, OptionsError};
use crate::path;
use crate::providers::{self, Provider, PROVIDERS};
use crate::response::{self, Response};
use crate::schema::StandardIssue;
use crate::sign;
use crate::tape::{self, json};
use crate::text::{self, TextUnit};
use crate::value::Value;
use crate::UnknownProvider;
use convert::{to_js, to_value, with_node};
use js_sys::{JsString, Object, Reflect, TypeError};
use serde::Serialize;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

fn type_error(message: &str) -> JsValue {
    TypeError::new(message).into()
}

thread_local! {
    /// The id last asked for and its provider: forms validate one provider many times, and
    /// comparing JS strings (`===`) is cheaper than copying the id into wasm each call.
    static LAST_PROVIDER: RefCell<Option<(JsValue, &'static Provider)>> = const { RefCell::new(None) };
}

fn provider_arg(id: &JsValue) -> Result<&'static Provider, JsValue> {
    let cached = LAST_PROVIDER.with(|last| match &*last.borrow() {
        Some((last_id, provider)) if last_id == id => Some(*provider),
        _ => None,
    });
    if let Some(provider) = cached {
        return Ok(provider);
    }
    let text = id
        .as_string()
        .ok_or_else(|| type_error("provider must be a string id"))?;
    let provider =
        providers::provider(&text).ok_or_else(|| type_error(&UnknownProvider.to_string()))?;
    LAST_PROVIDER.with(|last| *last.borrow_mut() = Some((id.clone(), provider)));
    Ok(provider)
}

/// A JS argument that must be a plain object, read once (getters run once). A getter or
/// Proxy trap that throws makes it unreadable: a `TypeError` (callers are promised an `Error`,
/// whatever was thrown).
fn object_arg(js: &JsValue, name: &str, what: &str) -> Result<Value, JsValue> {
    match to_value(js) {
        value @ Value::Object(_) => Ok(value),
        Value::Unsupported("unreadable object") => Err(type_error(&format!(
            "{name} could not be read (a getter or trap threw)"
        ))),
        _ => Err(type_error(&format!("{name} must be {what}"))),
    }
}

/// A JS argument that must be present and an object.
fn present<'v>(value: &'v Value, key: &str) -> Option<&'v Value> {
    value
        .get(key)
        .filter(|v| !matches!(v, Value::Unsupported("undefined")))
}

/// `{lenient?, locale?}`; absent, `undefined` or `null` mean the defaults.
fn optional_options(js: Option<JsValue>) -> Result<Options, JsValue> {
    match js {
        Some(js) if !js.is_undefined() && !js.is_null() => {
            Options::from_value(&object_arg(&js, "options", "an object")?).map_err(options_error)
        }
        _ => Ok(Options::default()),
    }
}

/// Validates a payload against every documented rule of the provider; all problems at once.
#[wasm_bindgen(unchecked_return_type = "Report")]
pub fn validate(
    #[wasm_bindgen(unchecked_param_type = "ProviderId")] provider: JsValue,
    #[wasm_bindgen(unchecked_param_type = "unknown")] payload: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ValidateOptions | null")] options: Option<
        JsValue,
    >,
) -> Result<JsValue, JsValue> {
    let provider = provider_arg(&provider)?;
    let options = optional_options(options)?;
    report_to_js(&validate_js(provider, &payload, &options))
}

/// Validates any JS value, read onto the tape by read.js.
fn validate_js(provider: &Provider, payload: &JsValue, options: &Options) -> Report {
    with_node(payload, |node| api::validate_node(provider, node, options))
}

/// Validates JSON text: the report of `validate(provider, JSON.parse(text), options)`, read
/// straight from the text in wasm with no JS objects built, except that a key the text repeats
/// is reported (`JSON.parse` keeps only the last). Text that is not JSON is one
/// `invalid_type` error at `""` saying where. Throws only on misuse, as `validate` does.
#[wasm_bindgen(js_name = validateJson, unchecked_return_type = "Report")]
pub fn validate_json(
    #[wasm_bindgen(unchecked_param_type = "ProviderId")] provider: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ValidateOptions | null")] options: Option<
        JsValue,
    >,
) -> Result<JsValue, JsValue> {
    let provider = provider_arg(&provider)?;
    let options = optional_options(options)?;
    let source = text
        .as_string()
        .ok_or_else(|| type_error("text must be a string of JSON"))?;
    // Copying into wasm turns a lone surrogate into U+FFFD; only then is the original asked.
    let lossy = tape::holds_replacement(&source) && !convert::is_well_formed(&text);
    let report = match json::from_json(&source) {
        Ok(tape) if !lossy => api::validate_node(provider, &tape::root(&tape), &options),
        Err(error) => api::not_json(&error, &options),
        // A raw lone surrogate, which the copy into wasm replaced: JSON.parse keeps it, and
        // validation reports it where it is. (A text that reads as JSON here is JSON there.)
        Ok(tape) => match convert::parse_json(&text) {
            Some(value) => validate_js(provider, &value, &options),
            None => api::validate_node(provider, &tape::root(&tape), &options),
        },
    };
    report_to_js(&report)
}

/// A report for JS; the common empty one is built in JS rather than parsed from text.
fn report_to_js(report: &Report) -> Result<JsValue, JsValue> {
    if report.errors.is_empty() && report.warnings.is_empty() {
        return Ok(convert::ok_report());
    }
    js_sys::JSON::parse(&report.to_json())
}

/// The providers this build knows: id, name, method, endpoint URL and documentation link.
#[wasm_bindgen(unchecked_return_type = "ProviderInfo[]")]
pub fn providers() -> Result<JsValue, JsValue> {
    to_js(&PROVIDERS[..])
}

fn options_error(e: OptionsError) -> JsValue {
    TypeError::new(&e.0).into()
}

/// The clock and random source of the JS host, for the build options that default to them.
struct JsHost;

impl Host for JsHost {
    fn now_millis(&self) -> Option<u64> {
        let now = js_sys::Date::now();
        (now.is_finite() && now >= 0.0).then_some(now as u64)
    }

    fn random_uuid(&self) -> Option<String> {
        let crypto = Reflect::get(&js_sys::global(), &"crypto".into()).ok()?;
        let random_uuid = Reflect::get(&crypto, &"randomUUID".into())
            .ok()?
            .dyn_into::<js_sys::Function>()
            .ok()?;
        random_uuid.call0(&crypto).ok()?.as_string()
    }
}

/// Validates, then builds the exact signed request when the payload is valid. Throws only on
/// misuse (unknown provider, missing or mistyped credentials).
/// (Typed in the TypeScript section: generic over the provider, so options must fit it.)
#[wasm_bindgen(js_name = buildRequest, skip_typescript)]
pub fn build_request(
    provider: JsValue,
    payload: JsValue,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    let provider = provider_arg(&provider)?;
    if options.is_undefined() || options.is_null() {
        return Err(type_error("options are required to build a request"));
    }
    let build_options = object_arg(&options, "options", "an object")?;
    let options = Options::from_value(&build_options).map_err(options_error)?;
    let built = with_node(&payload, |node| {
        api::build_request_node(provider, node, &build_options, &options, &JsHost)
    })
    .map_err(options_error)?;
    to_js(&built)
}

/// Reads a provider's response (`{status, body, payload?}`) into
/// `{ok, data?, errors, warnings, requestId?}`. The verdict is the core's; `data` is the
/// host's `JSON.parse(body)` (or the part of it the provider keeps its data in), so it holds
/// all `JSON.parse` gives: lone-surrogate escapes, `-0`, `Infinity` for `1e400`. A body with
/// parts past the core's bounds gives the core's reading instead (null there, `not_read`).
#[wasm_bindgen(js_name = parseResponse, unchecked_return_type = "ParsedResponse")]
pub fn parse_response(
    #[wasm_bindgen(unchecked_param_type = "ProviderId")] provider: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ProviderResponse")] js_response: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ValidateOptions | null")] options: Option<
        JsValue,
    >,
) -> Result<JsValue, JsValue> {
    let provider = provider_arg(&provider)?;
    let options = optional_options(options)?;
    let response = object_arg(&js_response, "response", "an object {status, body}")?;
    let status = match present(&response, "status") {
        Some(Value::Number(s)) if s.fract() == 0.0 && (100.0..=599.0).contains(s) => *s,
        _ => {
            return Err(type_error(
                "response.status must be an HTTP status code (100-599)",
            ))
        }
    };
    let not_text = || type_error("response.body must be the response text (a string)");
    // The body as JS has it, for JSON.parse, and as the core reads it.
    let lossy: String;
    let (js_body, body, lone) = match present(&response, "body") {
        Some(Value::String(s)) => (JsValue::from_str(s), s.as_str(), false),
        // A raw lone surrogate: the tape kept no text, so the own data property is read
        // (no getter runs twice); the copy into wasm reads the surrogate as U+FFFD.
        Some(Value::Unencodable) => {
            let original = own_data(&js_response, "body")
                .filter(JsValue::is_string)
                .ok_or_else(not_text)?;
            lossy = original.as_string().ok_or_else(not_text)?;
            (original, lossy.as_str(), true)
        }
        _ => return Err(not_text()),
    };
    let sent = present(&response, "payload");
    let mut parsed = api::parse_response(
        provider,
        &Response {
            status: status as u16,
            body,
            sent,
        },
        &options,
    );
    if lone {
        parsed = response::with_lone_surrogate(parsed, &options);
    }
    // A placeholder keeps `data` in its place among the keys until the host's value replaces it.
    let Some(core_data) = parsed.data.replace(Value::Null) else {
        parsed.data = None;
        return to_js(&parsed);
    };
    let out = to_js(&parsed)?;
    // Past the core's bounds the core's data, with its nulls and `not_read` warnings: a text
    // nested that deep costs `JSON.parse` more than linear time (ratio 7 for 4 times the depth
    // in Node 20), so it is not parsed again.
    let host_data = json::reads_whole(body)
        .then(|| convert::parse_json(&js_body))
        .flatten()
        .and_then(|whole| match parsed.data_key {
            None => Some(whole),
            Some(key) => own_data(&whole, key),
        });
    // The core's value also if the two parsers ever disagree on where data is.
    let data = match host_data {
        Some(data) => data,
        None => to_js(&core_data)?,
    };
    set(out.unchecked_ref(), "data", &data)?;
    Ok(out)
}

/// The value of `target`'s own data property `key`: no getter runs, nothing inherited is read.
/// None for a non-object, a missing key or an accessor.
fn own_data(target: &JsValue, key: &str) -> Option<JsValue> {
    if !target.is_object() {
        return None;
    }
    let descriptor = Reflect::get_own_property_descriptor(
        target.unchecked_ref::<Object>(),
        &JsValue::from_str(key),
    )
    .ok()?;
    if !descriptor.is_object() {
        return None;
    }
    // A fresh descriptor: without a prototype, `value` is its own or absent (an accessor),
    // never one a page put on `Object.prototype`.
    let descriptor: &Object = descriptor.unchecked_ref();
    Object::set_prototype_of(descriptor, JsValue::NULL.unchecked_ref());
    Reflect::get(descriptor, &JsValue::from_str("value"))
        .ok()
        .filter(|v| !v.is_undefined())
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Tc3Output {
    authorization: String,
    signature: String,
    canonical_request: String,
    string_to_sign: String,
}

/// TC3-HMAC-SHA256 over exactly the given request parts (Tencent's signature v3).
#[wasm_bindgen(js_name = signTc3, unchecked_return_type = "Tc3Output")]
pub fn sign_tc3(
    #[wasm_bindgen(unchecked_param_type = "Tc3Input")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let signature = api::sign_tc3(&to_value(&input)).map_err(options_error)?;
    to_js(&Tc3Output {
        authorization: signature.authorization,
        signature: signature.signature,
        canonical_request: signature.canonical_request,
        string_to_sign: signature.string_to_sign,
    })
}

/// GeeLark's key signature: uppercase hex SHA-256 of appId + traceId + ts + nonce + apiKey.
#[wasm_bindgen(js_name = geelarkSign)]
pub fn geelark_sign(
    #[wasm_bindgen(unchecked_param_type = "GeelarkSignInput")] input: JsValue,
) -> Result<String, JsValue> {
    api::geelark_sign(&to_value(&input)).map_err(options_error)
}

/// Capillary's basic-auth header value: `"Basic " + base64(username + ":" + md5hex(password))`.
#[wasm_bindgen(js_name = capillaryBasicAuth)]
pub fn capillary_basic_auth(
    #[wasm_bindgen(unchecked_param_type = "string")] username: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] password: JsValue,
) -> Result<String, JsValue> {
    match (to_value(&username), to_value(&password)) {
        (Value::String(u), Value::String(p)) => Ok(sign::capillary_basic_auth(&u, &p)),
        _ => Err(type_error(
            "username and password must be strings without lone surrogates",
        )),
    }
}

/// The rules of one field, for validation as the user types: `"GroupName"`, `"list[2].name"`,
/// `"list[].name"`, `"GroupExDescriptions[1]"`. Errors first, then warnings. Rules spanning
/// items or fields (duplicates) need `validate`. An unknown path is misuse: `TypeError`.
#[wasm_bindgen(js_name = validateField, unchecked_return_type = "Issue[]")]
pub fn validate_field(
    #[wasm_bindgen(unchecked_param_type = "ProviderId")] provider: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] path: JsValue,
    #[wasm_bindgen(unchecked_param_type = "unknown")] value: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ValidateOptions | null")] options: Option<
        JsValue,
    >,
) -> Result<JsValue, JsValue> {
    let provider = provider_arg(&provider)?;
    let options = optional_options(options)?;
    let path = path
        .as_string()
        .ok_or_else(|| type_error("path must be a string"))?;
    let issues = with_node(&value, |node| {
        api::validate_field_node(provider, &path, node, &options)
    })
    .map_err(|e| type_error(&format!("{e} (constraints(provider) lists the paths)")))?;
    js_sys::JSON::parse(&issues_json(&issues))
}

/// Every field's rules (required, lengths with their unit, pattern, enum, item counts,
/// uniqueness, warning-only rules), derived from the declarations `validate` applies.
#[wasm_bindgen(unchecked_return_type = "FieldConstraint[]")]
pub fn constraints(
    #[wasm_bindgen(unchecked_param_type = "ProviderId")] provider: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ValidateOptions | null")] options: Option<
        JsValue,
    >,
) -> Result<JsValue, JsValue> {
    let provider = provider_arg(&provider)?;
    let options = optional_options(options)?;
    to_js(&api::constraints(provider, &options))
}

/// The payload's JSON Schema (draft 2020-12). Rules it cannot express (byte lengths of
/// non-ASCII fields, warnings, uniqueness by key, rules across fields) are named in `$comment`.
#[wasm_bindgen(js_name = jsonSchema, unchecked_return_type = "JsonSchema")]
pub fn json_schema(
    #[wasm_bindgen(unchecked_param_type = "ProviderId")] provider: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ValidateOptions | null")] options: Option<
        JsValue,
    >,
) -> Result<JsValue, JsValue> {
    let provider = provider_arg(&provider)?;
    let options = optional_options(options)?;
    to_js(&api::json_schema(provider, &options))
}

/// Defines an own, enumerable data property. Unlike assignment, it never runs a setter that a
/// page may have put on `Object.prototype`. The descriptor has no prototype for the same reason.
fn set(target: &Object, key: &str, value: &JsValue) -> Result<(), JsValue> {
    let descriptor = Object::create(JsValue::NULL.unchecked_ref());
    for (field, v) in [
        ("value", value.clone()),
        ("enumerable", JsValue::TRUE),
        ("writable", JsValue::TRUE),
        ("configurable", JsValue::TRUE),
    ] {
        Reflect::set(&descriptor, &JsValue::from_str(field), &v)?;
    }
    Reflect::define_property(target, &JsValue::from_str(key), &descriptor).map(|_| ())
}

/// A Standard Schema v1 object for the provider's payload (`~standard.validate`): errors are
/// its issues (path as keys, plus code/providerCode/params); the value passes through unchanged.
#[wasm_bindgen(js_name = schema, skip_typescript)]
pub fn standard_schema(provider: JsValue, options: Option<JsValue>) -> Result<JsValue, JsValue> {
    let provider = provider_arg(&provider)?;
    let options = optional_options(options)?;
    let validate = Closure::<dyn Fn(JsValue) -> Result<JsValue, JsValue>>::new(
        move |value: JsValue| -> Result<JsValue, JsValue> {
            let report = validate_js(provider, &value, &options);
            let result = Object::new();
            if report.ok {
                set(&result, "value", &value)?;
            } else {
                let issues: Vec<StandardIssue> =
                    report.errors.iter().map(StandardIssue::from).collect();
                set(&result, "issues", &to_js(&issues)?)?;
            }
            Ok(result.into())
        },
    );
    let props = Object::new();
    set(&props, "version", &JsValue::from(1))?;
    set(&props, "vendor", &JsValue::from_str("group-payloads"))?;
    set(&props, "validate", &validate.into_js_value())?;
    let root = Object::new();
    set(&root, "~standard", &Object::freeze(&props))?;
    Ok(Object::freeze(&root).into())
}

/// Where the grapheme clusters of one window of text end, as UTF-8 byte offsets (what
/// [`text::Segmenter`] gives), from the host's `Intl.Segmenter` (UTF-16 offsets). Offsets off
/// the window's characters are left for [`text`] to reject, not guessed at.
fn host_cluster_ends(window: &str) -> Option<Vec<usize>> {
    let utf16_ends = convert::host_grapheme_ends(window)?.to_vec();
    let mut ends = Vec::with_capacity(utf16_ends.len());
    let mut wanted = utf16_ends.iter().map(|&end| end as usize).peekable();
    let mut utf16 = 0usize;
    for (start, c) in window.char_indices() {
        utf16 += c.len_utf16();
        if wanted.peek() == Some(&utf16) {
            wanted.next();
            ends.push(start + c.len_utf8());
        }
    }
    if wanted.next().is_some() {
        ends.clear();
    }
    Some(ends)
}

fn segment_error(e: text::SegmentError) -> JsValue {
    type_error(match e {
        text::SegmentError::Unavailable => {
            "graphemes need Intl.Segmenter (Node 16+, Chrome 87+, Safari 14.1+, Firefox 125+)"
        }
        text::SegmentError::Misfit => {
            "Intl.Segmenter gave grapheme boundaries that do not fit the text"
        }
    })
}

/// Lengths of `text` in every unit the rules use: code points, UTF-8 bytes, UTF-16 code units
/// and graphemes. (A lone surrogate counts as the 3 bytes of the U+FFFD a UTF-8 encoder sends.)
#[wasm_bindgen(unchecked_return_type = "TextMeasure")]
pub fn measure(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<JsValue, JsValue> {
    let text = text
        .as_string()
        .ok_or_else(|| type_error("text must be a string"))?;
    to_js(&text::measure_with(&text, host_cluster_ends).map_err(segment_error)?)
}

/// The longest prefix of `text` at most `max` long in `unit` ("chars" by default, "bytes",
/// "utf16", "graphemes"), cut on a grapheme boundary. The prefix is sliced from the string
/// given, so nothing in it is altered.
#[wasm_bindgen]
pub fn truncate(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] max: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "TextUnit | null")] unit: Option<JsValue>,
) -> Result<JsString, JsValue> {
    let original = text
        .dyn_ref::<JsString>()
        .ok_or_else(|| type_error("text must be a string"))?;
    let max = max
        .as_f64()
        .filter(|n| *n >= 0.0 && (n.fract() == 0.0 || n.is_infinite()))
        .ok_or_else(|| type_error("max must be a non-negative integer"))?;
    let unit = match unit.filter(|u| !u.is_undefined() && !u.is_null()) {
        None => TextUnit::default(),
        Some(u) => u
            .as_string()
            .and_then(|u| TextUnit::parse(&u))
            .ok_or_else(|| {
                type_error("unit must be \"chars\", \"bytes\", \"utf16\" or \"graphemes\"")
            })?,
    };
    // Rust sees lone surrogates as U+FFFD, one UTF-16 unit each, so offsets match the original.
    let decoded = String::from(original);
    // `as` saturates: Infinity and huge limits mean "no limit".
    let prefix = text::truncate_with(&decoded, max as usize, unit, host_cluster_ends)
        .map_err(segment_error)?;
    let end = u32::try_from(prefix.encode_utf16().count()).unwrap_or(u32::MAX);
    Ok(original.slice(0, end))
}

/// The segments of an issue path, as Standard Schema has them: `"list[2].name"` →
/// `["list", 2, "name"]`, `"list[].name"` → `["list", "[]", "name"]`, `""` → `[]`.
#[wasm_bindgen(js_name = parsePath, unchecked_return_type = "Array<string | number>")]
pub fn parse_path(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<JsValue, JsValue> {
    let text = text
        .as_string()
        .ok_or_else(|| type_error("path must be a string"))?;
    to_js(&path::parse(&text))
}

/// The path text of segments (the inverse of `parsePath`): `["list", 2, "name"]` →
/// `"list[2].name"`. Numbers must be non-negative integers; `"[]"` stands for every item.
#[wasm_bindgen(js_name = formatPath)]
pub fn format_path(
    #[wasm_bindgen(unchecked_param_type = "ReadonlyArray<string | number>")] segments: JsValue,
) -> Result<String, JsValue> {
    let invalid = || type_error("segments must be an array of strings and non-negative integers");
    let Value::Array(items) = to_value(&segments) else {
        return Err(invalid());
    };
    let segments = items
        .iter()
        .map(|item| match item {
            Value::String(s) if s == "[]" => Ok(path::Segment::Items),
            Value::String(s) => Ok(path::Segment::Key(s.clone())),
            Value::Number(n) => crate::value::safe_integer(*n)
                .and_then(|i| usize::try_from(i).ok())
                .map(path::Segment::Index)
                .ok_or_else(invalid),
            _ => Err(invalid()),
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(path::format(&segments))
}
