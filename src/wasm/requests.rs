//! The request side of the JS API: building and signing requests, reading responses. Left
//! out of the forms build (the `requests` feature), which then links none of it.

use super::args::{object_arg, optional_options, options_error, provider_arg, type_error};
use super::convert::{self, to_js, to_value, with_node};
use crate::api;
use crate::options::{Host, Options};
use crate::response::{self, Response};
use crate::sign;
use crate::tape::json;
use crate::value::Value;
use js_sys::{Object, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// A JS argument that must be present and an object.
fn present<'v>(value: &'v Value, key: &str) -> Option<&'v Value> {
    value
        .get(key)
        .filter(|v| !matches!(v, Value::Unsupported("undefined")))
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
/// (Typed by hand in js/types/: generic over the provider, so options must fit it.)
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
