//! The payload as validation reads it: one flat byte buffer (a "tape") and borrowed views
//! into it.
//!
//! Why: building a [`Value`] tree costs one allocation per string, array and object, and in
//! wasm every allocation is tens of nanoseconds; crossing from JS into wasm once per value
//! costs more still. The JS layer (`src/wasm/read.js`) writes any JS value straight into this
//! format in one pass, the core validates the views without allocating, and only the issues
//! it finds are rendered. [`encode`] writes the same format from a [`Value`] (native callers,
//! JSON text), and [`Node::to_value`] turns a view back into a tree where one is needed
//! (building a body, reading options).
//!
//! Format (little-endian; `u32` lengths are byte counts):
//!
//! | tag | then |
//! | --- | --- |
//! | `NULL`, `FALSE`, `TRUE`, `UNENCODABLE` | nothing |
//! | `NUMBER` | f64 |
//! | `STRING` | u32 length, UTF-8 bytes |
//! | `STRING_FFFD_IS_LONE` | as `STRING`; a U+FFFD in it means the JS string had a lone surrogate |
//! | `UNSUPPORTED` | u32 length, the type's name in UTF-8 (see [`UNSUPPORTED_NAMES`]) |
//! | `ARRAY` | u32 item count, u32 length of what follows, the items |
//! | `OBJECT` | u32 pair count, u32 length of what follows, per pair: u32 key length, key bytes, value |
//!
//! Reading never panics: a malformed tape (which only a bug could produce) reads as an
//! unsupported value rather than a crash.

use crate::value::Value;

pub mod json;

pub const NULL: u8 = 0;
pub const FALSE: u8 = 1;
pub const TRUE: u8 = 2;
pub const NUMBER: u8 = 3;
pub const STRING: u8 = 4;
pub const UNENCODABLE: u8 = 5;
pub const ARRAY: u8 = 6;
pub const OBJECT: u8 = 7;
pub const UNSUPPORTED: u8 = 8;
/// A string from the JS writer whose U+FFFD, if it has one, stands for a lone surrogate
/// (`TextEncoder` writes one so): read as `Unencodable` then. See src/wasm/read.js `string`.
pub const STRING_FFFD_IS_LONE: u8 = 9;

/// Names of the values JSON cannot carry, as `invalid_type` reports them (`params.actual`).
/// The JS writer uses exactly these; anything else reads as "non-plain object".
pub const UNSUPPORTED_NAMES: [&str; 18] = [
    "undefined",
    "bigint",
    "symbol",
    "function",
    "Date",
    "Map",
    "Set",
    "RegExp",
    "Promise",
    "Error",
    "boxed primitive",
    "non-plain object",
    "unreadable object",
    "unreadable array",
    "deeply nested value",
    "circular reference",
    "too many values",
    "array too long",
];

fn unsupported_name(bytes: &[u8]) -> &'static str {
    UNSUPPORTED_NAMES
        .iter()
        .find(|name| name.as_bytes() == bytes)
        .copied()
        .unwrap_or("non-plain object")
}

/// One value of a tape, borrowed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Node<'t> {
    Null,
    Bool(bool),
    Number(f64),
    Str(&'t str),
    /// A JS string holding a lone UTF-16 surrogate (see [`Value::Unencodable`]).
    Unencodable,
    Array(Items<'t>),
    Object(Fields<'t>),
    Unsupported(&'static str),
}

/// The items of an array, read in order.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Items<'t> {
    len: usize,
    body: &'t [u8],
}

/// The key/value pairs of an object, in the caller's order (repeats kept: JSON text can
/// repeat a key, and validation reports it).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fields<'t> {
    len: usize,
    body: &'t [u8],
}

/// What a malformed tape reads as.
const BROKEN: Node<'static> = Node::Unsupported("unreadable object");

fn u32_at(bytes: &[u8], at: usize) -> Option<usize> {
    let b = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
}

/// `len` bytes at `at`, after a u32 length prefix: (the bytes, where they end).
fn sized_at(bytes: &[u8], at: usize) -> Option<(&[u8], usize)> {
    let len = u32_at(bytes, at)?;
    let start = at + 4;
    let end = start.checked_add(len)?;
    Some((bytes.get(start..end)?, end))
}

/// Reads the value starting at `at`: the node and the offset just past it.
fn node_at(bytes: &[u8], at: usize) -> Option<(Node<'_>, usize)> {
    let tag = *bytes.get(at)?;
    let after = at + 1;
    Some(match tag {
        NULL => (Node::Null, after),
        FALSE => (Node::Bool(false), after),
        TRUE => (Node::Bool(true), after),
        UNENCODABLE => (Node::Unencodable, after),
        NUMBER => {
            let b = bytes.get(after..after + 8)?;
            let mut raw = [0u8; 8];
            raw.copy_from_slice(b);
            (Node::Number(f64::from_le_bytes(raw)), after + 8)
        }
        STRING | STRING_FFFD_IS_LONE => {
            let (text, end) = sized_at(bytes, after)?;
            // simdutf8: the same check as std's, vectorised (wasm SIMD, AVX2/SSE natively).
            match simdutf8::basic::from_utf8(text) {
                Ok(s) if tag == STRING_FFFD_IS_LONE && holds_replacement(s) => {
                    (Node::Unencodable, end)
                }
                Ok(s) => (Node::Str(s), end),
                Err(_) => (Node::Unencodable, end),
            }
        }
        UNSUPPORTED => {
            let (name, end) = sized_at(bytes, after)?;
            (Node::Unsupported(unsupported_name(name)), end)
        }
        ARRAY | OBJECT => {
            let len = u32_at(bytes, after)?;
            let (body, end) = sized_at(bytes, after + 4)?;
            if tag == ARRAY {
                (Node::Array(Items { len, body }), end)
            } else {
                (Node::Object(Fields { len, body }), end)
            }
        }
        _ => return None,
    })
}

/// Whether `s` holds U+FFFD (EF BF BD). By its lead byte, which only U+F000..U+FFFF start
/// with: `str::contains` would take the general substring search for a non-ASCII char.
pub fn holds_replacement(s: &str) -> bool {
    replacement_in(s.as_bytes())
}

fn replacement_in(bytes: &[u8]) -> bool {
    let mut from = 0;
    while let Some(i) = bytes[from..].iter().position(|&b| b == 0xEF) {
        let at = from + i;
        if bytes.get(at + 1..at + 3) == Some(&[0xBF, 0xBD][..]) {
            return true;
        }
        from = at + 1;
    }
    false
}

/// Where the value starting at `at` ends, without reading it (no UTF-8 checks): for walking
/// past values whose keys are all that is needed.
fn skip_at(bytes: &[u8], at: usize) -> Option<usize> {
    let after = at + 1;
    match *bytes.get(at)? {
        NULL | FALSE | TRUE | UNENCODABLE => Some(after),
        NUMBER => Some(after + 8),
        STRING | STRING_FFFD_IS_LONE | UNSUPPORTED => sized_at(bytes, after).map(|(_, end)| end),
        ARRAY | OBJECT => sized_at(bytes, after + 4).map(|(_, end)| end),
        _ => None,
    }
}

/// The root value of a tape.
pub fn root(tape: &[u8]) -> Node<'_> {
    match node_at(tape, 0) {
        Some((node, end)) if end == tape.len() => node,
        _ => BROKEN,
    }
}

impl<'t> Items<'t> {
    pub fn len(&self) -> usize {
        self.len
    }
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
    pub fn iter(&self) -> ItemIter<'t> {
        ItemIter {
            left: self.len,
            body: self.body,
            at: 0,
        }
    }
}

pub struct ItemIter<'t> {
    left: usize,
    body: &'t [u8],
    at: usize,
}

impl<'t> Iterator for ItemIter<'t> {
    type Item = Node<'t>;
    fn next(&mut self) -> Option<Node<'t>> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        match node_at(self.body, self.at) {
            Some((node, end)) => {
                self.at = end;
                Some(node)
            }
            None => {
                self.left = 0;
                Some(BROKEN)
            }
        }
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, Some(self.left))
    }
}

impl<'t> Fields<'t> {
    pub fn len(&self) -> usize {
        self.len
    }
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
    pub fn iter(&self) -> FieldIter<'t> {
        FieldIter { keys: self.keys() }
    }
    /// The keys, in order, read without reading the values.
    pub fn keys(&self) -> KeyIter<'t> {
        KeyIter {
            left: self.len,
            body: self.body,
            at: 0,
        }
    }

    /// Where `key` first appears among the first `before` keys: its position and where its
    /// value starts. Keys are compared as bytes; values are skipped, not read.
    fn seek(&self, key: &[u8], before: usize) -> Option<(usize, usize)> {
        let mut keys = self.keys();
        for i in 0..before {
            if keys.next_raw()? == key {
                return Some((i, keys.at));
            }
            keys.skip_value();
        }
        None
    }

    /// Where `key` first appears among the first `before` keys (compared as bytes).
    pub fn position_before(&self, key: &[u8], before: usize) -> Option<usize> {
        self.seek(key, before).map(|(i, _)| i)
    }

    /// Whether `key` is there; keys are compared as bytes and values skipped, not read.
    pub fn has(&self, key: &str) -> bool {
        self.seek(key.as_bytes(), self.len).is_some()
    }

    /// The bytes of the string stored (first) under `key`, unless it stands for a lone
    /// surrogate, for comparing values as bytes: not checked as UTF-8, which every writer of a
    /// tape writes (a malformed tape gives bytes that match no other key, not a failure).
    pub fn get_str_bytes(&self, key: &str) -> Option<&'t [u8]> {
        let (_, at) = self.seek(key.as_bytes(), self.len)?;
        let (text, _) = sized_at(self.body, at + 1)?;
        match *self.body.get(at)? {
            STRING => Some(text),
            STRING_FFFD_IS_LONE if !replacement_in(text) => Some(text),
            _ => None,
        }
    }

    /// The first value stored under `key`; the values before it are skipped, not read.
    pub fn get(&self, key: &str) -> Option<Node<'t>> {
        let (_, at) = self.seek(key.as_bytes(), self.len)?;
        node_at(self.body, at).map(|(node, _)| node)
    }
}

pub struct KeyIter<'t> {
    left: usize,
    body: &'t [u8],
    at: usize,
}

impl<'t> KeyIter<'t> {
    /// The next key's bytes, leaving `at` on its value.
    fn next_raw(&mut self) -> Option<&'t [u8]> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        match sized_at(self.body, self.at) {
            Some((key, end)) => {
                self.at = end;
                Some(key)
            }
            None => {
                self.left = 0;
                None
            }
        }
    }

    fn skip_value(&mut self) {
        match skip_at(self.body, self.at) {
            Some(end) => self.at = end,
            None => self.left = 0,
        }
    }
}

impl<'t> Iterator for KeyIter<'t> {
    type Item = &'t str;
    fn next(&mut self) -> Option<&'t str> {
        let key = self.next_raw()?;
        self.skip_value();
        Some(key_text(key))
    }
}

pub struct FieldIter<'t> {
    keys: KeyIter<'t>,
}

impl<'t> FieldIter<'t> {
    /// The next pair with the key as bytes: a walker that matches keys against known (ASCII)
    /// names needs no UTF-8 check for them; [`key_text`] reads the others.
    pub fn next_raw(&mut self) -> Option<(&'t [u8], Node<'t>)> {
        let key = self.keys.next_raw()?;
        match node_at(self.keys.body, self.keys.at) {
            Some((value, end)) => {
                self.keys.at = end;
                Some((key, value))
            }
            None => {
                self.keys.left = 0;
                None
            }
        }
    }
}

impl<'t> Iterator for FieldIter<'t> {
    type Item = (&'t str, Node<'t>);
    fn next(&mut self) -> Option<(&'t str, Node<'t>)> {
        self.next_raw().map(|(key, value)| (key_text(key), value))
    }
}

/// JS keys with a lone surrogate arrive with U+FFFD in its place (no field has such a name,
/// so the key is reported as unknown either way).
pub fn key_text(key: &[u8]) -> &str {
    std::str::from_utf8(key).unwrap_or("\u{FFFD}")
}

impl<'t> Node<'t> {
    /// The type name used in `invalid_type` issues (`params.actual`).
    pub fn type_name(&self) -> &'static str {
        match self {
            Node::Null => "null",
            Node::Bool(_) => "boolean",
            Node::Number(n) if n.is_nan() => "NaN",
            Node::Number(n) if n.is_infinite() => "Infinity",
            Node::Number(_) => "number",
            Node::Str(_) | Node::Unencodable => "string",
            Node::Array(_) => "array",
            Node::Object(_) => "object",
            Node::Unsupported(name) => name,
        }
    }

    /// The first value under `key`, when this is an object.
    pub fn get(&self, key: &str) -> Option<Node<'t>> {
        match self {
            Node::Object(fields) => fields.get(key),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&'t str> {
        match self {
            Node::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The owned tree of this value.
    pub fn to_value(&self) -> Value {
        match *self {
            Node::Null => Value::Null,
            Node::Bool(b) => Value::Bool(b),
            Node::Number(n) => Value::Number(n),
            Node::Str(s) => Value::String(s.to_owned()),
            Node::Unencodable => Value::Unencodable,
            Node::Array(items) => Value::Array(items.iter().map(|n| n.to_value()).collect()),
            Node::Object(fields) => Value::Object(
                fields
                    .iter()
                    .map(|(k, v)| (k.to_owned(), v.to_value()))
                    .collect(),
            ),
            Node::Unsupported(name) => Value::Unsupported(name),
        }
    }
}

/// Writes `value` as a tape.
pub fn encode(value: &Value) -> Vec<u8> {
    let mut out = Vec::new();
    write(&mut out, value);
    out
}

/// `f` over `value` written as a tape: how the entry points that take a [`Value`] reach the
/// code that reads tapes.
pub fn with_node<R>(value: &Value, f: impl FnOnce(&Node) -> R) -> R {
    f(&root(&encode(value)))
}

fn push_sized(out: &mut Vec<u8>, bytes: &[u8]) {
    out.extend_from_slice(&len_u32(bytes.len()).to_le_bytes());
    out.extend_from_slice(bytes);
}

/// Lengths beyond u32 cannot come from JS (strings stop at 2^29 units); saturate, and the
/// reader sees a malformed tape rather than a wrong one.
fn len_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn write(out: &mut Vec<u8>, value: &Value) {
    match value {
        Value::Null => out.push(NULL),
        Value::Bool(false) => out.push(FALSE),
        Value::Bool(true) => out.push(TRUE),
        Value::Number(n) => {
            out.push(NUMBER);
            out.extend_from_slice(&n.to_le_bytes());
        }
        Value::String(s) => {
            out.push(STRING);
            push_sized(out, s.as_bytes());
        }
        Value::Unencodable => out.push(UNENCODABLE),
        Value::Unsupported(name) => {
            out.push(UNSUPPORTED);
            push_sized(out, name.as_bytes());
        }
        Value::Array(items) => {
            let start = open(out, ARRAY, items.len());
            for item in items {
                write(out, item);
            }
            close(out, start);
        }
        Value::Object(fields) => {
            let start = open(out, OBJECT, fields.len());
            for (key, v) in fields {
                push_sized(out, key.as_bytes());
                write(out, v);
            }
            close(out, start);
        }
    }
}

/// Writes a container header with a placeholder length; returns where the body starts.
fn open(out: &mut Vec<u8>, tag: u8, count: usize) -> usize {
    out.push(tag);
    out.extend_from_slice(&len_u32(count).to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    out.len()
}

fn close(out: &mut [u8], body_start: usize) {
    let len = len_u32(out.len() - body_start).to_le_bytes();
    out[body_start - 4..body_start].copy_from_slice(&len);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::object;

    #[test]
    fn every_kind_of_value_round_trips() {
        let value = object! {
            "list" => Value::Array(vec![
                object! { "name" => "市场部 😂", "n" => Value::Number(1.5) },
                Value::Null,
                Value::Bool(true),
                Value::Unencodable,
                Value::Unsupported("Date"),
                Value::Number(f64::NAN),
            ]),
            "list" => "repeated key",
            "" => Value::Object(vec![]),
        };
        let tape = encode(&value);
        let back = root(&tape).to_value();
        // NaN != NaN: compare the JSON-ish debug text instead of the values.
        assert_eq!(format!("{back:?}"), format!("{value:?}"));
    }

    #[test]
    fn keys_and_get_skip_values_without_reading_them() {
        let value = object! { "a" => "x", "b" => Value::Array(vec![Value::from(1)]), "c" => "z" };
        let tape = encode(&value);
        let Node::Object(fields) = root(&tape) else {
            panic!("not an object")
        };
        assert_eq!(fields.keys().collect::<Vec<_>>(), ["a", "b", "c"]);
        assert_eq!(fields.get("c"), Some(Node::Str("z")));
        assert_eq!(fields.get("d"), None);
    }

    #[test]
    fn a_replacement_character_from_the_js_encoder_means_a_lone_surrogate() {
        let tape = |tag: u8, text: &str| {
            let mut t = vec![tag];
            t.extend_from_slice(&(text.len() as u32).to_le_bytes());
            t.extend_from_slice(text.as_bytes());
            t
        };
        let lone = tape(STRING_FFFD_IS_LONE, "abcdefghij\u{FFFD}");
        assert_eq!(root(&lone), Node::Unencodable);
        for clean in ["abcdefghij😀", "，\u{FFFC}\u{FFFF}\u{F000}", ""] {
            assert_eq!(root(&tape(STRING_FFFD_IS_LONE, clean)), Node::Str(clean));
        }
        for lone in ["\u{FFFD}", "，\u{FFFD}", "abc\u{FFFC}\u{FFFD}x"] {
            assert_eq!(
                root(&tape(STRING_FFFD_IS_LONE, lone)),
                Node::Unencodable,
                "{lone}"
            );
        }
        // Under the plain tag a U+FFFD is just a character.
        let real = tape(STRING, "abcdefghij\u{FFFD}");
        assert_eq!(root(&real), Node::Str("abcdefghij\u{FFFD}"));
    }

    #[test]
    fn unknown_unsupported_names_read_as_non_plain_objects() {
        let tape = encode(&Value::Unsupported("Temporal"));
        assert_eq!(root(&tape), Node::Unsupported("non-plain object"));
    }

    #[test]
    fn malformed_tapes_read_as_unreadable_never_panic() {
        let tape = encode(&object! { "a" => Value::Array(vec![Value::from("x"), Value::from(2)]) });
        for cut in 0..tape.len() {
            let node = root(&tape[..cut]);
            assert_eq!(node, BROKEN, "cut at {cut}");
        }
        for flip in 0..tape.len() {
            let mut bad = tape.clone();
            bad[flip] ^= 0xff;
            let _ = root(&bad).to_value();
        }
        assert_eq!(root(&[]), BROKEN);
    }
}
