//! The payload as it arrived: a JSON-like tree that can also say what JSON cannot.
//!
//! Payloads come from JavaScript (any value at all) or from JSON text. Validation must see
//! exactly what the caller gave — a number where a string belongs, a string with a lone UTF-16
//! surrogate, a function — and report it instead of coercing it, so the tree keeps those cases
//! as their own variants. Objects keep their key order, so a built body lists fields in the
//! order the caller wrote them.

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

/// Deepest nesting kept when converting foreign values; deeper parts become
/// [`Value::Unsupported`]`("deeply nested value")`. No provider's payload is deeper than 3, and
/// a bound keeps conversion off the (small, fixed) wasm stack.
pub const MAX_DEPTH: usize = 64;

/// Longest array kept when converting foreign values; a longer one becomes
/// [`Value::Unsupported`]`("array too long")`. No provider takes more than a few items, and a
/// sparse JS array can claim 2^32 - 1 of them: reading each would take hours and exhaust memory.
pub const MAX_ITEMS: usize = 1 << 20;

/// Integers above this are not exact in a JS number (2^53 - 1).
pub const MAX_SAFE_INTEGER: i64 = 9_007_199_254_740_991;

/// The integer a JS number holds exactly (`Number.isSafeInteger`): finite, no fraction, and
/// within ±(2^53 - 1).
pub fn safe_integer(n: f64) -> Option<i64> {
    integral(n).filter(|i| (-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).contains(i))
}

/// The integer a JS number holds, saturating beyond `i64` (so a huge integral number is
/// out of any range rather than "not an integer"): finite, no fraction.
pub fn integral(n: f64) -> Option<i64> {
    (n.is_finite() && n.fract() == 0.0).then_some(n as i64)
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    /// A JS string holding a lone UTF-16 surrogate: it has no UTF-8 form, so it can neither be
    /// sent nor silently repaired (docs/decisions.md "Principles").
    Unencodable,
    Array(Vec<Value>),
    /// Key/value pairs in the caller's order.
    Object(Vec<(String, Value)>),
    /// Something JSON cannot carry (`undefined`, a BigInt, a function, a Date, …), named.
    Unsupported(&'static str),
}

impl Value {
    /// The first value stored under `key`.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(fields) => fields.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The integer this is, if it is a number JS holds exactly ([`safe_integer`]).
    pub fn as_safe_integer(&self) -> Option<i64> {
        match self {
            Value::Number(n) => safe_integer(*n),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// Compact JSON text, as `JSON.stringify` writes it for the values a valid payload holds.
    /// Values JSON cannot carry are written as `null`; validation keeps them out of bodies.
    pub fn to_json(&self) -> String {
        // Writing to a String cannot fail and Value's Serialize never errors.
        serde_json::to_string(self).unwrap_or_default()
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::String(s.to_owned())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::String(s)
    }
}

impl From<i64> for Value {
    fn from(n: i64) -> Self {
        Value::Number(n as f64)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

/// `Value::Object` from literal pairs, for tests and examples.
#[macro_export]
macro_rules! object {
    ($($key:expr => $value:expr),* $(,)?) => {
        $crate::value::Value::Object(vec![$(($key.to_string(), $crate::value::Value::from($value))),*])
    };
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Null | Value::Unencodable | Value::Unsupported(_) => serializer.serialize_unit(),
            Value::Bool(b) => serializer.serialize_bool(*b),
            // Integral numbers print without a fraction, as JSON.stringify prints them.
            Value::Number(n) if safe_integer(*n).is_some() => serializer.serialize_i64(*n as i64),
            Value::Number(n) => serializer.serialize_f64(*n),
            Value::String(s) => serializer.serialize_str(s),
            Value::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Value::Object(fields) => {
                let mut map = serializer.serialize_map(Some(fields.len()))?;
                for (k, v) in fields {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

/// Where the run of JSON string bytes from `at` that need no escape ends: at the first `"`,
/// `\\` or control character, or at the end; for reading JSON text and for writing it. Eight
/// bytes at a time (most of a payload or a report is plain string bytes), with the usual bit
/// tricks on a `u64`: a byte is flagged when it is below 0x20 or equal to one of the two, and
/// the first flagged byte is the lowest.
pub fn json_plain_run_end(bytes: &[u8], at: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let zero_byte = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS;
    let mut i = at;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        // Below 0x20: subtracting 0x20 borrows into the high bit, unless that was already set.
        let flagged = (x.wrapping_sub(ONES * 0x20) & !x & HIGHS)
            | zero_byte(x ^ (ONES * u64::from(b'"')))
            | zero_byte(x ^ (ONES * u64::from(b'\\')));
        if flagged != 0 {
            return i + (flagged.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while let Some(&b) = bytes.get(i) {
        if b == b'"' || b == b'\\' || b < 0x20 {
            break;
        }
        i += 1;
    }
    i
}

/// Appends the decimal text of `n`, as JSON, paths and messages write integers (without the
/// formatting machinery, which costs more than the digits on the report's hot path).
pub fn push_int(out: &mut String, n: i64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = n.unsigned_abs();
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    if n < 0 {
        out.push('-');
    }
    for &d in &digits[at..] {
        out.push(char::from(d));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integral_numbers_print_like_json_stringify() {
        assert_eq!(Value::Number(99.0).to_json(), "99");
        assert_eq!(Value::Number(-2147483648.0).to_json(), "-2147483648");
        assert_eq!(Value::Number(1.5).to_json(), "1.5");
    }
}
