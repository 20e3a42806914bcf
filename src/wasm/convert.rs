//! JS values in and out. Incoming values are read by `read.js` onto a tape in one pass:
//! any JS value at all (Proxies, throwing getters, lone surrogates, cycles, depth) arrives
//! without throwing, so the core can report it. Results go out as JSON text. Every call
//! into read.js is declared here.

use crate::tape::{self, Node};
use crate::value::Value;
use serde::Serialize;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/wasm/read.js")]
extern "C" {
    /// Writes `value`'s tape (src/tape.rs) into `memory` at `start` when it fits in
    /// `capacity` bytes; returns its length, negated when it did not fit. Never throws:
    /// what cannot be read is written as an unsupported value.
    fn write_tape(value: &JsValue, memory: &JsValue, start: *mut u8, capacity: usize) -> f64;
    /// The tape of the last `write_tape` that did not fit.
    fn pending_tape() -> js_sys::Uint8Array;
    /// `{ok: true, errors: [], warnings: []}`, fresh each time.
    pub fn ok_report() -> JsValue;
    /// False when the string holds a lone UTF-16 surrogate.
    pub fn is_well_formed(text: &JsValue) -> bool;
    /// `[JSON.parse(text)]`; None when it is not JSON.
    #[wasm_bindgen(js_name = parse_json)]
    fn parse_json_boxed(text: &JsValue) -> Option<js_sys::Array>;
    /// UTF-16 offsets where each grapheme cluster of `text` ends (`Intl.Segmenter`); None
    /// when the host has none. Never throws.
    #[wasm_bindgen(js_name = grapheme_ends)]
    pub fn host_grapheme_ends(text: &str) -> Option<js_sys::Uint32Array>;
}

const TAPE_CAPACITY: usize = 1 << 12;
/// The largest the tape buffer is kept between calls: a 10,000-group batch fits.
const KEPT_CAPACITY: usize = 1 << 22;

thread_local! {
    /// Where tapes are written, kept between calls so small payloads never allocate.
    static TAPE: RefCell<Vec<u8>> = RefCell::new(vec![0; TAPE_CAPACITY]);
    static MEMORY: JsValue = wasm_bindgen::memory();
}

/// Reads any JS value onto a tape and hands its root to `f`. Never throws.
pub fn with_node<R>(js: &JsValue, f: impl FnOnce(&Node) -> R) -> R {
    TAPE.with(|cell| match cell.try_borrow_mut() {
        Ok(mut buffer) => read_into(js, &mut buffer, f),
        // A getter that calls back into the package while its payload is read.
        Err(_) => read_into(js, &mut vec![0; TAPE_CAPACITY], f),
    })
}

fn read_into<R>(js: &JsValue, buffer: &mut Vec<u8>, f: impl FnOnce(&Node) -> R) -> R {
    let start = buffer.as_mut_ptr();
    let written = MEMORY.with(|memory| write_tape(js, memory, start, buffer.len()));
    if written >= 0.0 {
        return f(&tape::root(&buffer[..(written as usize).min(buffer.len())]));
    }
    let bytes = pending_tape();
    let len = bytes.length() as usize;
    if len <= KEPT_CAPACITY {
        // Grown for next time: the next payload this size is written in place, not moved.
        // (Wasm memory never shrinks anyway; this only keeps the allocator from reusing it.)
        buffer.resize(len.next_power_of_two().min(KEPT_CAPACITY), 0);
        bytes.copy_to(&mut buffer[..len]);
        return f(&tape::root(&buffer[..len]));
    }
    let mut large = vec![0; len];
    bytes.copy_to(&mut large);
    f(&tape::root(&large))
}

/// `JSON.parse(text)`; None when it is not JSON. Never throws.
pub fn parse_json(text: &JsValue) -> Option<JsValue> {
    parse_json_boxed(text).map(|boxed| boxed.get(0))
}

/// Converts any JS value into an owned tree; never throws.
pub fn to_value(js: &JsValue) -> Value {
    with_node(js, |node| node.to_value())
}

/// Serializes for JS: maps become plain objects, `None` becomes `null`. Through JSON text and
/// `JSON.parse`, which defines every key as an own data property: a `"__proto__"` key from a
/// response body stays a key (assignment would set the result's prototype and drop the key),
/// and setters a page may have put on `Object.prototype` are never invoked from inside wasm.
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|e| js_sys::Error::new(&e.to_string()))?;
    js_sys::JSON::parse(&text)
}
