//! JSON text straight onto a tape, with no tree in between (`validateJson`).
//!
//! It reads what `JSON.parse` reads and writes the tape the JS writer (src/wasm/read.js)
//! would write for `JSON.parse`'s result, with one difference on purpose: a key the text
//! repeats is kept, in order, so validation reports it (`JSON.parse` keeps only the last).
//! A lone-surrogate escape (`"\ud800"`) makes the string unencodable, as a lone surrogate in a
//! JS string does; numbers are the f64 `JSON.parse` gives (`1e400` is Infinity).
//!
//! Hand-written rather than driven by serde_json: serde_json rejects lone-surrogate escapes
//! and numbers past f64, and reads numbers exactly only with its `float_roundtrip` tables
//! (10 KiB of gzipped wasm). Here numbers take the exact fast path when they can (see
//! [`number`]) and the few others go to [`hard_number`].

use super::{close, open, push_sized, ARRAY, FALSE, NULL, NUMBER, OBJECT, STRING, TRUE};
use super::{UNENCODABLE, UNSUPPORTED};
use crate::value::{MAX_DEPTH, MAX_ITEMS};

/// Why JSON text could not be put on a tape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JsonError {
    /// Not JSON: why, and where (1-based line, and 1-based column in characters).
    Syntax {
        reason: &'static str,
        line: usize,
        column: usize,
    },
    /// JSON whose number this build cannot read exactly (only the wasm build: see
    /// [`hard_number`]). Callers with a JS engine go through `JSON.parse`.
    HardNumber,
}

/// Writes JSON text as a tape (the format of src/tape.rs); see the module docs.
pub fn from_json(text: &str) -> Result<Vec<u8>, JsonError> {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        out: Vec::with_capacity(text.len() + 16),
    };
    reader.whitespace();
    reader.value(0)?;
    reader.whitespace();
    if reader.pos < reader.bytes.len() {
        return Err(reader.error("unexpected text after the value"));
    }
    Ok(reader.out)
}

struct Reader<'t> {
    text: &'t str,
    bytes: &'t [u8],
    pos: usize,
    out: Vec<u8>,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    /// Consumes `byte` (after whitespace) or fails with `reason`.
    fn expect(&mut self, byte: u8, reason: &'static str) -> Result<(), JsonError> {
        self.whitespace();
        if self.peek() != Some(byte) {
            return Err(self.error(reason));
        }
        self.pos += 1;
        Ok(())
    }

    /// A syntax error at the current position.
    fn error(&self, reason: &'static str) -> JsonError {
        let before = self.text.get(..self.pos).unwrap_or(self.text);
        let line_start = before.rfind('\n').map_or(0, |at| at + 1);
        JsonError::Syntax {
            reason: if self.pos >= self.bytes.len() {
                "unexpected end of text"
            } else {
                reason
            },
            line: 1 + before.matches('\n').count(),
            column: 1 + before[line_start..].chars().count(),
        }
    }

    fn unsupported(&mut self, name: &'static str) {
        self.out.push(UNSUPPORTED);
        push_sized(&mut self.out, name.as_bytes());
    }

    /// One value, `depth` containers deep (the root is 0, as in read.js).
    fn value(&mut self, depth: usize) -> Result<(), JsonError> {
        match self.peek() {
            Some(b'[' | b'{') if depth >= MAX_DEPTH => {
                self.skip(Vec::new())?;
                self.unsupported("deeply nested value");
                Ok(())
            }
            Some(b'[') => self.array(depth),
            Some(b'{') => self.object(depth),
            _ => self.scalar(),
        }
    }

    /// A string, number, `true`, `false` or `null`.
    fn scalar(&mut self) -> Result<(), JsonError> {
        match self.peek() {
            Some(b'"') => {
                let tag_at = self.out.len();
                self.out.push(STRING);
                if !self.string()? {
                    self.out.truncate(tag_at);
                    self.out.push(UNENCODABLE);
                }
                Ok(())
            }
            Some(b'-' | b'0'..=b'9') => {
                let n = self.number()?;
                self.out.push(NUMBER);
                self.out.extend_from_slice(&n.to_le_bytes());
                Ok(())
            }
            _ => {
                for (word, tag) in [("true", TRUE), ("false", FALSE), ("null", NULL)] {
                    if self.bytes[self.pos..].starts_with(word.as_bytes()) {
                        self.pos += word.len();
                        self.out.push(tag);
                        return Ok(());
                    }
                }
                Err(self.error("expected a value"))
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<(), JsonError> {
        self.pos += 1;
        let body = open(&mut self.out, ARRAY, 0);
        let mut count = 0usize;
        self.whitespace();
        if self.peek() == Some(b']') {
            self.pos += 1;
        } else {
            loop {
                if count == MAX_ITEMS {
                    // One item too many: the whole array reads as too long, as in read.js.
                    self.skip(vec![b']'])?;
                    self.out.truncate(body - 9);
                    self.unsupported("array too long");
                    return Ok(());
                }
                self.whitespace();
                self.value(depth + 1)?;
                count += 1;
                self.whitespace();
                match self.peek() {
                    Some(b',') => self.pos += 1,
                    Some(b']') => {
                        self.pos += 1;
                        break;
                    }
                    _ => return Err(self.error("expected `,` or `]`")),
                }
            }
        }
        close_counted(&mut self.out, body, count);
        Ok(())
    }

    fn object(&mut self, depth: usize) -> Result<(), JsonError> {
        self.pos += 1;
        let body = open(&mut self.out, OBJECT, 0);
        let mut count = 0usize;
        self.whitespace();
        if self.peek() == Some(b'}') {
            self.pos += 1;
        } else {
            loop {
                self.key()?;
                self.whitespace();
                self.value(depth + 1)?;
                count += 1;
                self.whitespace();
                match self.peek() {
                    Some(b',') => self.pos += 1,
                    Some(b'}') => {
                        self.pos += 1;
                        break;
                    }
                    _ => return Err(self.error("expected `,` or `}`")),
                }
            }
        }
        close_counted(&mut self.out, body, count);
        Ok(())
    }

    /// A key and its colon. Keys are never reported by value, so a lone surrogate in one
    /// stays the U+FFFD [`string`](Self::string) wrote, as read.js does.
    fn key(&mut self) -> Result<(), JsonError> {
        self.whitespace();
        if self.peek() != Some(b'"') {
            return Err(self.error("expected a key (a string)"));
        }
        self.string()?;
        self.expect(b':', "expected `:`")
    }

    /// A string's UTF-8 bytes with a length in front; false when it held a lone-surrogate
    /// escape (written as U+FFFD).
    fn string(&mut self) -> Result<bool, JsonError> {
        self.pos += 1;
        let len_at = self.out.len();
        self.out.extend_from_slice(&[0; 4]);
        let mut well_formed = true;
        loop {
            // The text is UTF-8 and runs stop only at ASCII bytes: runs are whole characters.
            let run = self.pos;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            self.out.extend_from_slice(&self.bytes[run..self.pos]);
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    break;
                }
                Some(b'\\') => {
                    self.pos += 1;
                    well_formed &= self.escape()?;
                }
                Some(_) => return Err(self.error("control character in a string")),
                None => return Err(self.error("unterminated string")),
            }
        }
        let len = super::len_u32(self.out.len() - len_at - 4).to_le_bytes();
        self.out[len_at..len_at + 4].copy_from_slice(&len);
        Ok(well_formed)
    }

    /// The escape after a backslash; false for a lone surrogate (written as U+FFFD).
    fn escape(&mut self) -> Result<bool, JsonError> {
        let simple = match self.peek() {
            Some(b'"') => b'"',
            Some(b'\\') => b'\\',
            Some(b'/') => b'/',
            Some(b'b') => 0x08,
            Some(b'f') => 0x0c,
            Some(b'n') => b'\n',
            Some(b'r') => b'\r',
            Some(b't') => b'\t',
            Some(b'u') => {
                self.pos += 1;
                let unit = self.hex4()?;
                let c = if (0xD800..0xDC00).contains(&unit)
                    && self.bytes[self.pos..].starts_with(b"\\u")
                {
                    let after = self.pos;
                    self.pos += 2;
                    let low = self.hex4()?;
                    if (0xDC00..0xE000).contains(&low) {
                        char::from_u32(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
                    } else {
                        // Not a pair: the second escape is read on its own next time.
                        self.pos = after;
                        None
                    }
                } else {
                    char::from_u32(unit)
                };
                let mut buf = [0; 4];
                let well_formed = c.is_some();
                let c = c.unwrap_or(char::REPLACEMENT_CHARACTER);
                self.out
                    .extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                return Ok(well_formed);
            }
            _ => return Err(self.error("invalid escape")),
        };
        self.pos += 1;
        self.out.push(simple);
        Ok(true)
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let mut unit = 0;
        for _ in 0..4 {
            let digit = self
                .peek()
                .and_then(|b| char::from(b).to_digit(16))
                .ok_or_else(|| self.error("invalid \\u escape"))?;
            unit = unit * 16 + digit;
            self.pos += 1;
        }
        Ok(unit)
    }

    /// A number, as the f64 `JSON.parse` gives: exactly, by the fast path where the digits
    /// and the power of ten are both exact in an f64 (a single rounding then), by
    /// [`hard_number`] otherwise.
    fn number(&mut self) -> Result<f64, JsonError> {
        let start = self.pos;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.pos += 1;
        }
        let mut mantissa = 0u64;
        let mut digits = 0usize; // significant digits kept in `mantissa`
        let mut exponent = 0i64; // power of ten applied to `mantissa`
        let mut exact = true;
        let mut take = |b: u8, in_fraction: bool| {
            if mantissa == 0 && b == b'0' {
                if in_fraction {
                    exponent -= 1;
                }
                return;
            }
            if digits < 19 {
                mantissa = mantissa * 10 + u64::from(b - b'0');
                digits += 1;
                if in_fraction {
                    exponent -= 1;
                }
            } else {
                // Too many digits for the fast path.
                exact = false;
            }
        };
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                while let Some(b @ b'0'..=b'9') = self.peek() {
                    take(b, false);
                    self.pos += 1;
                }
            }
            _ => return Err(self.error("invalid number")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error("invalid number"));
            }
            while let Some(b @ b'0'..=b'9') = self.peek() {
                take(b, true);
                self.pos += 1;
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            let sign = match self.peek() {
                Some(b'-') => {
                    self.pos += 1;
                    -1
                }
                Some(b'+') => {
                    self.pos += 1;
                    1
                }
                _ => 1,
            };
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error("invalid number"));
            }
            let mut written = 0i64;
            while let Some(b @ b'0'..=b'9') = self.peek() {
                written = written
                    .saturating_mul(10)
                    .saturating_add(i64::from(b - b'0'));
                self.pos += 1;
            }
            exponent = exponent.saturating_add(sign * written);
        }
        let magnitude = if mantissa == 0 {
            Some(0.0)
        } else if exact {
            fast_path(mantissa, exponent)
        } else {
            None
        };
        let magnitude = match magnitude {
            Some(m) => m,
            None => hard_number(&self.text[start..self.pos])?.abs(),
        };
        Ok(if negative { -magnitude } else { magnitude })
    }

    /// Skips the rest of a value, checking its syntax, without recursion (any depth): used
    /// past [`MAX_DEPTH`] and after the item that makes an array too long. `open` holds the
    /// closing brackets of the containers already entered; it is empty when a whole value
    /// starts here.
    fn skip(&mut self, mut open: Vec<u8>) -> Result<(), JsonError> {
        let mark = self.out.len();
        let result = loop {
            // A value starts here.
            self.whitespace();
            match self.peek() {
                Some(b'[') => {
                    self.pos += 1;
                    self.whitespace();
                    if self.peek() != Some(b']') {
                        open.push(b']');
                        continue;
                    }
                    self.pos += 1;
                }
                Some(b'{') => {
                    self.pos += 1;
                    self.whitespace();
                    if self.peek() != Some(b'}') {
                        open.push(b'}');
                        if let Err(e) = self.key() {
                            break Err(e);
                        }
                        continue;
                    }
                    self.pos += 1;
                }
                _ => {
                    if let Err(e) = self.scalar() {
                        break Err(e);
                    }
                    self.out.truncate(mark);
                }
            }
            // After a value: close what ends here, or go on to the next item.
            let next = loop {
                let Some(&closing) = open.last() else {
                    break Ok(false);
                };
                self.whitespace();
                match self.peek() {
                    Some(b',') => {
                        self.pos += 1;
                        if closing == b'}' {
                            if let Err(e) = self.key() {
                                break Err(e);
                            }
                        }
                        break Ok(true);
                    }
                    Some(b) if b == closing => {
                        self.pos += 1;
                        open.pop();
                    }
                    _ if closing == b']' => break Err(self.error("expected `,` or `]`")),
                    _ => break Err(self.error("expected `,` or `}`")),
                }
            };
            match next {
                Ok(true) => {}
                Ok(false) => break Ok(()),
                Err(e) => break Err(e),
            }
        };
        self.out.truncate(mark);
        result
    }
}

/// Exact powers of ten: every one up to 10^22 is an f64 exactly.
const POWERS_OF_TEN: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// `mantissa * 10^exponent` with one rounding, when that is possible (Clinger's fast path):
/// the mantissa is exact in an f64 (below 2^53) and so is the power of ten, or the mantissa
/// is an integer with no power (u64 to f64 rounds once).
fn fast_path(mantissa: u64, exponent: i64) -> Option<f64> {
    if exponent == 0 {
        return Some(mantissa as f64);
    }
    if mantissa >= 1 << 53 {
        return None;
    }
    let power = POWERS_OF_TEN.get(usize::try_from(exponent.unsigned_abs()).ok()?)?;
    Some(if exponent > 0 {
        mantissa as f64 * power
    } else {
        mantissa as f64 / power
    })
}

/// A number the fast path cannot read exactly: more than 19 significant digits, or a power
/// of ten past 10^22. Natively, core's exact parser. The wasm build leaves these to
/// `JSON.parse` ([`JsonError::HardNumber`]): core's parser brings 14 KiB of gzipped tables,
/// and form payloads seldom hold such numbers.
#[cfg(not(target_arch = "wasm32"))]
fn hard_number(text: &str) -> Result<f64, JsonError> {
    text.parse().map_err(|_| JsonError::HardNumber)
}

#[cfg(target_arch = "wasm32")]
fn hard_number(_text: &str) -> Result<f64, JsonError> {
    Err(JsonError::HardNumber)
}

/// [`close`], also writing the item or pair count, known only at the end.
fn close_counted(out: &mut [u8], body_start: usize, count: usize) {
    out[body_start - 8..body_start - 4].copy_from_slice(&super::len_u32(count).to_le_bytes());
    close(out, body_start);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tape::{encode, root, Node};
    use crate::value::Value;

    fn from_text(text: &str) -> Vec<u8> {
        from_json(text).unwrap_or_else(|e| panic!("{text}: {e:?}"))
    }

    #[test]
    fn json_text_gives_the_tape_of_its_value() {
        for text in [
            r#"{"list":[{"name":"市场部 😂 \"q\" \\ \/ \b\f\n\r\t \u00e9 \ud83d\ude00","n":1.5}],"z":[true,false,null]}"#,
            "[]",
            "{}",
            r#""just a string""#,
            "[0,-1,9007199254740993,18446744073709551615,18446744073709551616,-9223372036854775809]",
            "[1e300,5e-324,0.1,0.30000000000000004,123.456e-7,1E+2,1e22,1e23,4.35e-321,2.2250738585072014e-308]",
            "[3.141592653589793238462643383279,100000000000000000000000,0.000001,-0.0e5]",
            " \n\t{ \"a\" : [ 1 , { } ] } \r\n",
        ] {
            let value = Value::from_json(text).unwrap();
            let expected = encode(&value);
            let tape = from_text(text);
            // Compare numbers exactly: serde_json's own reading may be 1 ULP off (its exact
            // mode is not enabled); core's parser is the reference.
            assert_eq!(root(&tape).to_value().to_json(), value.to_json(), "{text}");
            assert_eq!(tape.len(), expected.len(), "{text}");
        }
        let tape = from_text("[0.1, 1e23, 2.2250738585072014e-308, -0]");
        let Node::Array(items) = root(&tape) else {
            panic!("not an array")
        };
        let numbers: Vec<f64> = items
            .iter()
            .map(|n| match n {
                Node::Number(n) => n,
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(numbers, [0.1, 1e23, 2.2250738585072014e-308, -0.0]);
        assert!(
            numbers[3].is_sign_negative(),
            "-0 stays -0, as in JSON.parse"
        );
    }

    #[test]
    fn numbers_read_exactly_as_json_parse_reads_them() {
        // The fast path and the hard path against core's exact parser.
        for text in [
            "0",
            "-0",
            "1",
            "-1",
            "0.5",
            "123456789012345678",
            "1234567890123456789",
            "12345678901234567890",
            "9007199254740993",
            "1.7976931348623157e308",
            "1e309",
            "-1e400",
            "5e-324",
            "1e-400",
            "0.1",
            "0.2",
            "0.3",
            "2.5e-5",
            "1.0000000000000002",
            "123.456",
            "9.999999999999999e22",
            "4.9406564584124654e-324",
            "0.000000000000000000001",
        ] {
            let Node::Number(n) = root(&from_text(text)) else {
                panic!("{text}")
            };
            let exact: f64 = text.parse().unwrap();
            assert_eq!(n.to_bits(), exact.to_bits(), "{text}");
        }
    }

    #[test]
    fn lone_surrogate_escapes_are_unencodable_strings_like_in_js() {
        for text in [
            r#""\ud800""#,
            r#""a\udc00b""#,
            r#""\ud800\n""#,
            r#""\ud800x""#,
        ] {
            assert_eq!(root(&from_text(text)), Node::Unencodable, "{text}");
        }
        // A high surrogate then an escape that is not a low one: lone, then that character.
        assert_eq!(
            root(&from_text(r#"["\ud800\u0041"]"#)).to_value(),
            Value::Array(vec![Value::Unencodable])
        );
        assert_eq!(root(&from_text(r#""\ud83d\ude00""#)), Node::Str("😀"));
        // In a key (never reported by value) it is U+FFFD, as the JS writer writes it.
        let tape = from_text(r#"{"\udc00":1}"#);
        let Node::Object(fields) = root(&tape) else {
            panic!("not an object")
        };
        assert_eq!(fields.keys().collect::<Vec<_>>(), ["\u{FFFD}"]);
    }

    #[test]
    fn json_text_keeps_repeated_keys_in_order() {
        let tape = from_text(r#"{"a":1,"b":2,"a":3}"#);
        let Node::Object(fields) = root(&tape) else {
            panic!("not an object")
        };
        assert_eq!(fields.keys().collect::<Vec<_>>(), ["a", "b", "a"]);
    }

    #[test]
    fn json_text_is_bounded_like_js_values() {
        // Far deeper than any stack: the part past MAX_DEPTH is skipped without recursion.
        for deep in [
            format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)),
            format!("{}1{}", r#"{"a":["#.repeat(50_000), "]}".repeat(50_000)),
        ] {
            let tape = from_text(&deep);
            let mut node = root(&tape);
            for _ in 0..MAX_DEPTH {
                node = match node {
                    Node::Array(items) => items.iter().next().expect("one item"),
                    Node::Object(fields) => fields.get("a").expect("a"),
                    other => panic!("{other:?}"),
                };
            }
            assert_eq!(node, Node::Unsupported("deeply nested value"));
        }
        // Syntax past MAX_DEPTH is still checked.
        let broken = format!("{}1,]{}", "[".repeat(70), "]".repeat(69));
        assert!(matches!(from_json(&broken), Err(JsonError::Syntax { .. })));

        let items = |n: usize| format!("[{}0]", "0,".repeat(n - 1));
        let fit = from_text(&items(MAX_ITEMS));
        let Node::Array(fit) = root(&fit) else {
            panic!("not an array")
        };
        assert_eq!(fit.len(), MAX_ITEMS);
        let over = from_text(&format!("[[1],{},{{}}]", items(MAX_ITEMS + 1)));
        assert_eq!(
            root(&over).to_value(),
            Value::Array(vec![
                Value::Array(vec![Value::from(1)]),
                Value::Unsupported("array too long"),
                Value::Object(vec![]),
            ])
        );
    }

    #[test]
    fn text_that_is_not_json_says_what_and_where() {
        for (text, reason, line, column) in [
            ("", "unexpected end of text", 1, 1),
            ("{", "unexpected end of text", 1, 2),
            ("[1,]", "expected a value", 1, 4),
            ("[1 2]", "expected `,` or `]`", 1, 4),
            ("{} x", "unexpected text after the value", 1, 4),
            ("{\n\"a\" 1}", "expected `:`", 2, 5),
            ("{'a':1}", "expected a key (a string)", 1, 2),
            ("{\"a\":1,}", "expected a key (a string)", 1, 8),
            ("NaN", "expected a value", 1, 1),
            ("[01]", "expected `,` or `]`", 1, 3),
            ("-", "unexpected end of text", 1, 2),
            ("1.", "unexpected end of text", 1, 3),
            ("1.e5", "invalid number", 1, 3),
            ("1e", "unexpected end of text", 1, 3),
            ("\"a\tb\"", "control character in a string", 1, 3),
            ("\"\\x\"", "invalid escape", 1, 3),
            ("\"\\u12g4\"", "invalid \\u escape", 1, 6),
            ("[\"😀\", tru]", "expected a value", 1, 7),
            ("\"abc", "unexpected end of text", 1, 5),
        ] {
            assert_eq!(
                from_json(text),
                Err(JsonError::Syntax {
                    reason,
                    line,
                    column
                }),
                "{text:?}"
            );
        }
    }
}
