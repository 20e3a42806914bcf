//! JS values in and out. Incoming values are read defensively: any JS value at all (Proxies,
//! throwing getters, lone surrogates, cycles through depth) becomes a [`Value`] without
//! throwing, so the core can report it.

use crate::value::{Value, MAX_DEPTH, MAX_ITEMS};
use js_sys::{Array, JsString, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn object_keys(value: &JsValue) -> Result<Array, JsValue>;
    #[wasm_bindgen(catch, js_namespace = ["Object", "prototype", "toString"], js_name = call)]
    fn to_string_tag(value: &JsValue) -> Result<JsString, JsValue>;
    // `catch`: `Array.isArray` throws on a revoked Proxy, and an exception that unwinds through
    // wasm frames never restores the shadow-stack pointer (the module corrupts itself after
    // about 1,400 such calls; tests/js/adversarial.test.mjs).
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;
}

/// `Array.isArray` that never throws: `None` when the value cannot be inspected (a revoked Proxy).
pub fn array_check(js: &JsValue) -> Option<bool> {
    is_array(js).ok()
}

/// Most values one conversion reads. Shared references can make a small object graph
/// exponentially large as a tree (`x = {a: x0, b: x0}` 64 times over, or two self-references
/// within the depth cap); past this budget the rest becomes
/// [`Value::Unsupported`]`("too many values")`, so the work stays bounded. A batch of 10^6
/// groups is about 2 * 10^6 values.
pub const MAX_VALUES: usize = 1 << 22;

/// What one conversion has used: values read, and the objects on the current path (a cycle
/// is reported as such at once instead of being walked to the depth cap).
struct Walk {
    budget: usize,
    ancestors: Vec<JsValue>,
}

/// Converts any JS value; never throws.
pub fn to_value(js: &JsValue) -> Value {
    let mut walk = Walk {
        budget: MAX_VALUES,
        ancestors: Vec::new(),
    };
    convert(js, 0, &mut walk)
}

fn convert(js: &JsValue, depth: usize, walk: &mut Walk) -> Value {
    if walk.budget == 0 {
        return Value::Unsupported("too many values");
    }
    walk.budget -= 1;
    // Ordered by how often each kind occurs in payloads: every probe is a call into JS.
    if let Some(s) = js.as_string() {
        // Passing a string into wasm replaces lone surrogates with U+FFFD; only then is the
        // (slower) exact check needed.
        if s.contains('\u{FFFD}') && !js.unchecked_ref::<JsString>().is_well_formed() {
            return Value::Unencodable;
        }
        return Value::String(s);
    }
    if js.is_object() {
        if depth >= MAX_DEPTH {
            return Value::Unsupported("deeply nested value");
        }
        // `==` on JsValue is JS `===`: identity, never a getter or a trap.
        if walk.ancestors.iter().any(|a| a == js) {
            return Value::Unsupported("circular reference");
        }
        walk.ancestors.push(js.clone());
        let value = convert_object_like(js, depth, walk);
        walk.ancestors.pop();
        return value;
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
    Value::Unsupported("function")
}

/// Arrays, plain objects, and the exotic objects JSON cannot carry.
fn convert_object_like(js: &JsValue, depth: usize, walk: &mut Walk) -> Value {
    match array_check(js) {
        Some(true) => {
            return convert_array(js, depth, walk).unwrap_or(Value::Unsupported("unreadable array"))
        }
        Some(false) => {}
        None => return Value::Unsupported("unreadable object"),
    }
    let tag = match to_string_tag(js) {
        Ok(tag) => String::from(tag),
        Err(_) => return Value::Unsupported("unreadable object"),
    };
    match tag.as_str() {
        "[object Object]" => {
            convert_object(js, depth, walk).unwrap_or(Value::Unsupported("unreadable object"))
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

fn convert_array(js: &JsValue, depth: usize, walk: &mut Walk) -> Result<Value, JsValue> {
    let len = Reflect::get(js, &JsValue::from_str("length"))?
        .as_f64()
        .unwrap_or(0.0) as u32;
    if len as usize > MAX_ITEMS {
        return Ok(Value::Unsupported("array too long"));
    }
    let mut items = Vec::with_capacity(len as usize);
    for i in 0..len {
        items.push(convert(&Reflect::get_u32(js, i)?, depth + 1, walk));
    }
    Ok(Value::Array(items))
}

fn convert_object(js: &JsValue, depth: usize, walk: &mut Walk) -> Result<Value, JsValue> {
    let keys = object_keys(js)?;
    let mut fields = Vec::with_capacity(keys.length() as usize);
    for key in keys.iter() {
        let value = Reflect::get(js, &key)?;
        let name = key.as_string().unwrap_or_default();
        fields.push((name, convert(&value, depth + 1, walk)));
    }
    Ok(Value::Object(fields))
}

/// Serializes for JS: maps become plain objects, `None` becomes `null`. Through JSON text and
/// `JSON.parse`, which defines every key as an own data property: a `"__proto__"` key from a
/// response body stays a key (assignment would set the result's prototype and drop the key),
/// and setters a page may have put on `Object.prototype` are never invoked from inside wasm.
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|e| js_sys::Error::new(&e.to_string()))?;
    js_sys::JSON::parse(&text)
}
