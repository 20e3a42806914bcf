//! JS values in and out. Incoming values are read defensively: any JS value at all (Proxies,
//! throwing getters, lone surrogates, cycles through depth) becomes a [`Value`] without
//! throwing, so the core can report it.

use crate::value::{Value, MAX_DEPTH};
use js_sys::{Array, JsString, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn object_keys(value: &JsValue) -> Result<Array, JsValue>;
    #[wasm_bindgen(catch, js_namespace = ["Object", "prototype", "toString"], js_name = call)]
    fn to_string_tag(value: &JsValue) -> Result<JsString, JsValue>;
}

/// Converts any JS value; never throws.
pub fn to_value(js: &JsValue) -> Value {
    convert(js, 0)
}

fn convert(js: &JsValue, depth: usize) -> Value {
    if let Some(s) = js.as_string() {
        // Passing a string into wasm replaces lone surrogates with U+FFFD; only then is the
        // (slower) exact check needed.
        if s.contains('\u{FFFD}') && !js.unchecked_ref::<JsString>().is_well_formed() {
            return Value::Unencodable;
        }
        return Value::String(s);
    }
    if let Some(n) = js.as_f64() {
        return Value::Number(n);
    }
    if let Some(b) = js.as_bool() {
        return Value::Bool(b);
    }
    if js.is_null() {
        return Value::Null;
    }
    if js.is_undefined() {
        return Value::Unsupported("undefined");
    }
    if js.is_bigint() {
        return Value::Unsupported("bigint");
    }
    if js.is_symbol() {
        return Value::Unsupported("symbol");
    }
    if js.is_function() {
        return Value::Unsupported("function");
    }
    if depth >= MAX_DEPTH {
        return Value::Unsupported("deeply nested value");
    }
    if Array::is_array(js) {
        return convert_array(js, depth).unwrap_or(Value::Unsupported("unreadable array"));
    }
    let tag = match to_string_tag(js) {
        Ok(tag) => String::from(tag),
        Err(_) => return Value::Unsupported("unreadable object"),
    };
    match tag.as_str() {
        "[object Object]" => {
            convert_object(js, depth).unwrap_or(Value::Unsupported("unreadable object"))
        }
        "[object Date]" => Value::Unsupported("Date"),
        "[object Map]" => Value::Unsupported("Map"),
        "[object Set]" => Value::Unsupported("Set"),
        "[object RegExp]" => Value::Unsupported("RegExp"),
        "[object Promise]" => Value::Unsupported("Promise"),
        "[object Error]" => Value::Unsupported("Error"),
        "[object String]" | "[object Number]" | "[object Boolean]" => {
            Value::Unsupported("boxed primitive")
        }
        _ => Value::Unsupported("non-plain object"),
    }
}

fn convert_array(js: &JsValue, depth: usize) -> Result<Value, JsValue> {
    let len = Reflect::get(js, &JsValue::from_str("length"))?
        .as_f64()
        .unwrap_or(0.0) as u32;
    let mut items = Vec::with_capacity(len.min(1 << 20) as usize);
    for i in 0..len {
        items.push(convert(&Reflect::get_u32(js, i)?, depth + 1));
    }
    Ok(Value::Array(items))
}

fn convert_object(js: &JsValue, depth: usize) -> Result<Value, JsValue> {
    let keys = object_keys(js)?;
    let mut fields = Vec::with_capacity(keys.length() as usize);
    for key in keys.iter() {
        let value = Reflect::get(js, &key)?;
        let name = key.as_string().unwrap_or_default();
        fields.push((name, convert(&value, depth + 1)));
    }
    Ok(Value::Object(fields))
}

/// Serializes for JS: maps become plain objects, `None` becomes `null`.
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| js_sys::Error::new(&e.to_string()).into())
}
