//! Decoding the arguments every export shares: the provider id, the options object, and the
//! `TypeError`s misuse gets.

use super::convert::to_value;
use crate::options::{Options, OptionsError};
use crate::providers::{self, Provider};
use crate::value::Value;
use crate::UnknownProvider;
use js_sys::TypeError;
use std::cell::RefCell;
use wasm_bindgen::JsValue;

pub fn type_error(message: &str) -> JsValue {
    TypeError::new(message).into()
}

thread_local! {
    /// The id last asked for and its provider: forms validate one provider many times, and
    /// comparing JS strings (`===`) is cheaper than copying the id into wasm each call.
    static LAST_PROVIDER: RefCell<Option<(JsValue, &'static Provider)>> = const { RefCell::new(None) };
}

pub fn provider_arg(id: &JsValue) -> Result<&'static Provider, JsValue> {
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

pub fn options_error(e: OptionsError) -> JsValue {
    TypeError::new(&e.0).into()
}

/// A JS argument that must be a plain object, read once (getters run once). A getter or
/// Proxy trap that throws makes it unreadable: a `TypeError` (callers are promised an `Error`,
/// whatever was thrown).
pub fn object_arg(js: &JsValue, name: &str, what: &str) -> Result<Value, JsValue> {
    match to_value(js) {
        value @ Value::Object(_) => Ok(value),
        Value::Unsupported("unreadable object") => Err(type_error(&format!(
            "{name} could not be read (a getter or trap threw)"
        ))),
        _ => Err(type_error(&format!("{name} must be {what}"))),
    }
}

/// `{lenient?, locale?}`; absent, `undefined` or `null` mean the defaults.
pub fn optional_options(js: Option<JsValue>) -> Result<Options, JsValue> {
    match js {
        Some(js) if !js.is_undefined() && !js.is_null() => {
            Options::from_value(&object_arg(&js, "options", "an object")?).map_err(options_error)
        }
        _ => Ok(Options::default()),
    }
}
