//! JSON text straight onto a tape, with no tree in between (`validateJson`).
//!
//! It reads what `JSON.parse` reads and writes the tape the JS writer (src/wasm/read.js)
//! would write for `JSON.parse`'s result, with one difference on purpose: a key the text
//! repeats is kept, in order, so validation reports it (`JSON.parse` keeps only the last).
//! A lone-surrogate escape (`"\ud800"`) makes the string unencodable, as a lone surrogate in a
//! JS string does; numbers are the f64 `JSON.parse` gives (`1e400` is Infinity).
//!
//! Hand-written rather than driven by serde_json: serde_json rejects lone-surrogate escapes
//! and numbers past f64, and reads every number exactly only with its `float_roundtrip`
//! tables (10 KiB of gzipped wasm). Here numbers take an exact fast path when they can and a
//! slow exact one otherwise (`hard_number`).

use super::{close, open, push_sized, ARRAY, FALSE, NULL, NUMBER, OBJECT, STRING, TRUE};
use super::{UNENCODABLE, UNSUPPORTED};
use crate::value::{json_plain_run_end, Value, MAX_DEPTH, MAX_ITEMS};

/// Text that is not JSON: why, and where (1-based line, and 1-based column in characters).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{reason} at line {line}, column {column}")]
pub struct JsonError {
    pub reason: &'static str,
    pub line: usize,
    pub column: usize,
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

/// Whether [`from_json`] reads JSON `text` whole: false when it leaves a part out (nesting
/// past [`MAX_DEPTH`], an array of more than [`MAX_ITEMS`] items), which is then null in a
/// [`Value`]. One pass over the bytes, stopping at the first part left out; `text` must be
/// JSON ([`from_json`] accepted it), anything else gives an unspecified answer.
pub fn reads_whole(text: &str) -> bool {
    // Per open container: None for an object, Some(commas so far) for an array.
    let mut open: Vec<Option<usize>> = Vec::new();
    let mut in_string = false;
    let mut escaped = false;
    for &b in text.as_bytes() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                // The root container is at depth 0: one at depth MAX_DEPTH is left out.
                if open.len() == MAX_DEPTH {
                    return false;
                }
                open.push((b == b'[').then_some(0));
            }
            b']' | b'}' => {
                open.pop();
            }
            b',' => {
                if let Some(Some(commas)) = open.last_mut() {
                    *commas += 1;
                    if *commas == MAX_ITEMS {
                        return false;
                    }
                }
            }
            _ => {}
        }
    }
    true
}

// Defined here, not in value.rs, so that the model does not import the reader built on it.
impl Value {
    /// JSON text as a tree, read as `JSON.parse` reads it (numbers exactly, lone-surrogate
    /// escapes as [`Value::Unencodable`]). Repeated keys are kept, in order, so a reader can
    /// say that a key repeats.
    pub fn from_json(text: &str) -> Result<Value, JsonError> {
        from_json(text).map(|tape| super::root(&tape).to_value())
    }
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
        JsonError {
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
            Some(b'[') => self.container(ARRAY, b']', depth),
            Some(b'{') => self.container(OBJECT, b'}', depth),
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

    /// An array or an object (`tag`), `depth` containers deep; `closing` ends it.
    fn container(&mut self, tag: u8, closing: u8, depth: usize) -> Result<(), JsonError> {
        self.pos += 1;
        let body = open(&mut self.out, tag, 0);
        let mut count = 0usize;
        let mut done = self.empty(closing);
        while !done {
            if tag == ARRAY && count == MAX_ITEMS {
                // One item too many: the whole array reads as too long, as in read.js.
                self.skip(vec![b']'])?;
                self.out.truncate(body - 9);
                self.unsupported("array too long");
                return Ok(());
            }
            if tag == OBJECT {
                self.key()?;
            }
            self.whitespace();
            self.value(depth + 1)?;
            count += 1;
            done = self.item_end(closing)?;
        }
        close_counted(&mut self.out, body, count);
        Ok(())
    }

    /// Just after an opening bracket: whether the container is empty (then `closing` is
    /// consumed).
    fn empty(&mut self, closing: u8) -> bool {
        self.whitespace();
        let empty = self.peek() == Some(closing);
        if empty {
            self.pos += 1;
        }
        empty
    }

    /// After an item: true at the container's `closing`, false at a comma (either consumed).
    fn item_end(&mut self, closing: u8) -> Result<bool, JsonError> {
        self.whitespace();
        match self.peek() {
            Some(b',') => {
                self.pos += 1;
                Ok(false)
            }
            Some(b) if b == closing => {
                self.pos += 1;
                Ok(true)
            }
            _ if closing == b']' => Err(self.error("expected `,` or `]`")),
            _ => Err(self.error("expected `,` or `}`")),
        }
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
            self.pos = json_plain_run_end(self.bytes, self.pos);
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

    /// A number, as the f64 `JSON.parse` gives: by the fast path where the digits and the
    /// power of ten are both exact in an f64 (one rounding then), by [`hard_number`] otherwise.
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
        let magnitude = magnitude.unwrap_or_else(|| hard_number(&self.text[start..self.pos]));
        Ok(if negative { -magnitude } else { magnitude })
    }

    /// Skips the rest of a value, checking its syntax, without recursion (any depth): used
    /// past [`MAX_DEPTH`] and after the item that makes an array too long. `open` holds the
    /// closing brackets of the containers already entered; it is empty when a whole value
    /// starts here.
    fn skip(&mut self, mut open: Vec<u8>) -> Result<(), JsonError> {
        // What `scalar` and `key` write while checking is not kept.
        let mark = self.out.len();
        loop {
            // A value starts here: a container is entered (with its first key), or read.
            self.whitespace();
            let closing = match self.peek() {
                Some(b'[') => Some(b']'),
                Some(b'{') => Some(b'}'),
                _ => None,
            };
            match closing {
                Some(closing) => {
                    self.pos += 1;
                    if !self.empty(closing) {
                        open.push(closing);
                        if closing == b'}' {
                            self.key()?;
                        }
                        continue;
                    }
                }
                None => self.scalar()?,
            }
            self.out.truncate(mark);
            // After a value: close what ends here, or go on to the next item.
            loop {
                let Some(&closing) = open.last() else {
                    return Ok(());
                };
                if !self.item_end(closing)? {
                    if closing == b'}' {
                        self.key()?;
                        self.out.truncate(mark);
                    }
                    break;
                }
                open.pop();
            }
        }
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

/// A number the fast path cannot read exactly (more than 19 significant digits, or a power
/// of ten past 10^22), correctly rounded by big-integer arithmetic. Slow, and rare in
/// payloads and responses; core's exact parser would do the same with 14 KiB of gzipped
/// tables in the wasm build. `text` is a JSON number already checked; the sign is the
/// caller's.
fn hard_number(text: &str) -> f64 {
    let (decimal, written_exponent) = match text.find(['e', 'E']) {
        Some(at) => (&text[..at], &text[at + 1..]),
        None => (text, "0"),
    };
    let mut exponent = written_exponent
        .trim_start_matches('+')
        .parse::<i64>()
        .unwrap_or(if written_exponent.starts_with('-') {
            i64::MIN / 2
        } else {
            i64::MAX / 2
        });
    let mut digits = Vec::with_capacity(decimal.len());
    let mut in_fraction = false;
    for b in decimal.bytes() {
        match b {
            b'.' => in_fraction = true,
            b'0'..=b'9' => {
                digits.push(b - b'0');
                exponent -= i64::from(in_fraction);
            }
            _ => {}
        }
    }
    let first = digits.iter().position(|&d| d != 0).unwrap_or(digits.len());
    let last = digits
        .iter()
        .rposition(|&d| d != 0)
        .map_or(first, |at| at + 1);
    exponent += (digits.len() - last) as i64;
    decimal_to_f64(&digits[first..last], exponent)
}

/// Significant digits kept: more never change the rounding, given the sticky bit.
const MAX_DIGITS: usize = 800;

/// The f64 nearest `digits × 10^exponent` (ties to even); `digits` are 0-9 without leading
/// or trailing zeros.
fn decimal_to_f64(digits: &[u8], mut exponent: i64) -> f64 {
    if digits.is_empty() {
        return 0.0;
    }
    let mut sticky = false;
    let digits = if digits.len() > MAX_DIGITS {
        sticky = digits[MAX_DIGITS..].iter().any(|&d| d != 0);
        exponent += (digits.len() - MAX_DIGITS) as i64;
        &digits[..MAX_DIGITS]
    } else {
        digits
    };
    // The value lies in [10^(magnitude - 1), 10^magnitude).
    let magnitude = digits.len() as i64 + exponent;
    if magnitude > 310 {
        return f64::INFINITY;
    }
    if magnitude < -324 {
        // Below 10^-325, under half the least subnormal (2^-1074 ≈ 4.9e-324).
        return 0.0;
    }
    let mut big = Big::default();
    for chunk in digits.chunks(9) {
        let (scale, add) = chunk
            .iter()
            .fold((1u32, 0u32), |(s, a), &d| (s * 10, a * 10 + u32::from(d)));
        big.mul_add(scale, add);
    }
    let mut shift = 0u64; // value = big × 2^-shift
                          // Powers of ten nine at a time (10^9 fits a limb): the work stays linear in the text's
                          // length even for hundreds of digits with a large exponent.
    let nines = |n: u64| (0..n.div_ceil(9)).map(move |i| 10u32.pow((n - 9 * i).min(9) as u32));
    if exponent >= 0 {
        for factor in nines(exponent.unsigned_abs()) {
            big.mul_add(factor, 0);
        }
    } else {
        // Enough bits that the quotient keeps 66: 53 for the mantissa, and rounding room.
        let divisor_bits = (exponent.unsigned_abs() * 3322).div_ceil(1000) + 1;
        shift = (66 + divisor_bits).saturating_sub(big.bit_len());
        big.shift_left(shift);
        for divisor in nines(exponent.unsigned_abs()) {
            sticky |= big.div_small(divisor) != 0;
        }
    }
    round_to_f64(&big, shift, sticky)
}

/// The f64 nearest `big × 2^-shift`, with `sticky` meaning "a little more than that".
fn round_to_f64(big: &Big, shift: u64, sticky: bool) -> f64 {
    let len = big.bit_len() as i64;
    if len == 0 {
        return 0.0;
    }
    let top = len - 1 - shift as i64; // the leading bit's power of two
    if top > 1023 {
        return f64::INFINITY;
    }
    // Mantissa bits kept: 53 when normal, fewer down the subnormals.
    let keep = if top >= -1022 { 53 } else { 53 - (-1022 - top) };
    let dropped = len - keep;
    if dropped > len {
        // Under half the least subnormal.
        return 0.0;
    }
    let mut mantissa = big.bits_from(dropped);
    if dropped > 0 {
        let half = big.bit(dropped as u64 - 1);
        let rest = sticky || big.any_below(dropped as u64 - 1);
        if half && (rest || mantissa & 1 == 1) {
            mantissa += 1;
        }
    }
    if keep == 53 {
        let mut top = top;
        if mantissa == 1 << 53 {
            mantissa >>= 1;
            top += 1;
            if top > 1023 {
                return f64::INFINITY;
            }
        }
        f64::from_bits((((top + 1023) as u64) << 52) | (mantissa & ((1 << 52) - 1)))
    } else {
        // Subnormal: the value is mantissa × 2^-1074 (a carry into 2^52 is the least normal).
        f64::from_bits(mantissa)
    }
}

/// An unsigned big integer, 32-bit limbs, least significant first.
#[derive(Default)]
struct Big(Vec<u32>);

impl Big {
    fn mul_add(&mut self, factor: u32, add: u32) {
        let mut carry = u64::from(add);
        for limb in &mut self.0 {
            let x = u64::from(*limb) * u64::from(factor) + carry;
            *limb = x as u32;
            carry = x >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    /// Divides in place; returns the remainder.
    fn div_small(&mut self, divisor: u32) -> u32 {
        let mut rest = 0u64;
        for limb in self.0.iter_mut().rev() {
            let x = (rest << 32) | u64::from(*limb);
            *limb = (x / u64::from(divisor)) as u32;
            rest = x % u64::from(divisor);
        }
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
        rest as u32
    }

    fn shift_left(&mut self, bits: u64) {
        let (limbs, bits) = ((bits / 32) as usize, (bits % 32) as u32);
        if bits > 0 {
            let mut carry = 0u32;
            for limb in &mut self.0 {
                let next = *limb >> (32 - bits);
                *limb = (*limb << bits) | carry;
                carry = next;
            }
            if carry > 0 {
                self.0.push(carry);
            }
        }
        self.0.splice(0..0, std::iter::repeat_n(0, limbs));
    }

    fn bit_len(&self) -> u64 {
        match self.0.last() {
            Some(&top) => self.0.len() as u64 * 32 - u64::from(top.leading_zeros()),
            None => 0,
        }
    }

    fn bit(&self, at: u64) -> bool {
        let limb = self.0.get((at / 32) as usize).copied().unwrap_or(0);
        limb >> (at % 32) & 1 == 1
    }

    fn any_below(&self, at: u64) -> bool {
        let (limbs, bits) = ((at / 32) as usize, at % 32);
        self.0.iter().take(limbs).any(|&l| l != 0)
            || self
                .0
                .get(limbs)
                .is_some_and(|&l| l & ((1u32 << bits) - 1) != 0)
    }

    /// The bits from `from` up (at most 64 of them: the caller keeps 53), as a u64.
    fn bits_from(&self, from: i64) -> u64 {
        if from <= 0 {
            let word = self
                .0
                .iter()
                .rev()
                .fold(0u64, |w, &l| (w << 32) | u64::from(l));
            return word << from.unsigned_abs();
        }
        (0..64)
            .take_while(|i| from as u64 + i < self.bit_len())
            .fold(0u64, |word, i| {
                word | (u64::from(self.bit(from as u64 + i)) << i)
            })
    }
}

/// [`close`], also writing the item or pair count, known only at the end.
fn close_counted(out: &mut [u8], body_start: usize, count: usize) {
    out[body_start - 8..body_start - 4].copy_from_slice(&super::len_u32(count).to_le_bytes());
    close(out, body_start);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::object;
    use crate::tape::{encode, root, Node};
    use crate::value::Value;

    // proptest runs natively only (see Cargo.toml).
    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// The word-at-a-time scan stops exactly where a byte-at-a-time one does.
        #[test]
        fn plain_runs_end_where_a_byte_scan_ends(
            bytes in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::num::u8::ANY,
                    proptest::sample::select(vec![b'"', b'\\', 0x1f, 0x20, 0x00, 0x7f, 0x80, 0xa2, 0xdc]),
                ],
                0..40,
            ),
            at in 0usize..40,
        ) {
            let at = at.min(bytes.len());
            let naive = bytes[at..]
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
                .map_or(bytes.len(), |i| at + i);
            proptest::prop_assert_eq!(json_plain_run_end(&bytes, at), naive);
        }
    }

    fn from_text(text: &str) -> Vec<u8> {
        from_json(text).unwrap_or_else(|e| panic!("{text}: {e:?}"))
    }

    #[test]
    fn json_text_gives_the_tape_of_its_value() {
        let text = r#" {"list":[{"name":"市场部 😂 \"q\" \\ \/ \b\f\n\r\t \u00e9 \ud83d\ude00",
            "n":1.5}], "z" : [ true,false,null ,[], {}],"e":"","":-2} "#;
        let expected = object! {
            "list" => Value::Array(vec![object! {
                "name" => "市场部 😂 \"q\" \\ / \u{8}\u{c}\n\r\t é 😀",
                "n" => Value::Number(1.5),
            }]),
            "z" => Value::Array(vec![
                Value::Bool(true),
                Value::Bool(false),
                Value::Null,
                Value::Array(vec![]),
                Value::Object(vec![]),
            ]),
            "e" => "",
            "" => Value::Number(-2.0),
        };
        assert_eq!(from_text(text), encode(&expected));
        assert_eq!(
            from_text(r#""just a string""#),
            encode(&Value::from("just a string"))
        );
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

    /// Core's parser is exact; the slow path must agree with it bit for bit.
    fn check_hard(text: &str) {
        let exact: f64 = text.parse().unwrap();
        let got = hard_number(text.trim_start_matches('-'));
        assert_eq!(
            got.to_bits(),
            exact.abs().to_bits(),
            "{text}: {got:e} vs {exact:e}"
        );
    }

    #[test]
    fn the_slow_path_rounds_like_core_at_the_edges() {
        for text in [
            "1000000000000000000000000000001000000000000000",
            "9007199254740993",
            "9007199254740993.0000000000000000001",
            "9007199254740995",
            "1e23",
            "8.988465674311579e307",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "1e309",
            "2.2250738585072011e-308",
            "2.2250738585072014e-308",
            "4.9406564584124654e-324",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "2.4703282292062327208e-324",
            "1e-324",
            "1e-400",
            "0.1",
            "123456789012345678901234567890",
            "3.141592653589793238462643383279502884197",
            "7.2057594037927933e16",
            "2.225073858507201136057409796709131975934819546351645648e-308",
            "179769313486231580793728971405301e276",
        ] {
            check_hard(text);
        }
        // 800+ significant digits: the ones past MAX_DIGITS only set the sticky bit.
        let long = format!("2.4703282292062327{}1e-324", "0".repeat(900));
        check_hard(&long);
        check_hard(&format!("1{}", "0".repeat(400)));
        check_hard(&format!("{}e-1100", "7".repeat(800)));
        check_hard(&format!("0.{}1", "0".repeat(320)));
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 3000, failure_persistence: None, ..Default::default() })]
        #[test]
        fn the_slow_path_rounds_every_f64_text_like_core(bits in proptest::prelude::any::<u64>(), digits in 17usize..26) {
            let n = f64::from_bits(bits).abs();
            proptest::prop_assume!(n.is_finite());
            // Shortest text, and a long one (more digits than an f64 holds) near it.
            check_hard(&format!("{n:e}"));
            check_hard(&format!("{n:.*e}", digits));
        }

        #[test]
        fn the_slow_path_rounds_random_decimals_like_core(mantissa in "[1-9][0-9]{0,40}", exponent in -380i32..330) {
            check_hard(&format!("{mantissa}e{exponent}"));
        }
    }

    #[test]
    fn a_megabyte_of_hard_numbers_reads_exactly() {
        // 1,300 numbers of 800 digits each with an exponent that needs the most division
        // (the slow path works nine digits at a time, so this stays well under a second).
        let number = format!("{}e-1100", "9".repeat(800));
        let text = format!("[{}]", vec![number.as_str(); 1300].join(","));
        let tape = from_text(&text);
        let Node::Array(items) = root(&tape) else {
            panic!("not an array")
        };
        let exact: f64 = number.parse().unwrap();
        assert_eq!(items.len(), 1300);
        assert!(items.iter().all(|n| n == Node::Number(exact)));
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
        assert!(from_json(&broken).is_err());

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
                Err(JsonError {
                    reason,
                    line,
                    column
                }),
                "{text:?}"
            );
        }
    }

    #[test]
    fn json_round_trip_keeps_key_order_and_text() {
        let text = r#"{"z":1,"a":"😂 \"q\" \\ \n 𠀀","m":[true,null]}"#;
        let v = Value::from_json(text).unwrap();
        assert_eq!(v.to_json(), text);
    }

    #[test]
    fn duplicate_keys_are_kept_for_reporting() {
        let v = Value::from_json(r#"{"a":1,"a":2}"#).unwrap();
        assert_eq!(
            v,
            Value::Object(vec![("a".into(), 1.into()), ("a".into(), 2.into())])
        );
    }

    /// Whether `value` holds a part the reader left out.
    fn holds_cut(value: &Value) -> bool {
        match value {
            Value::Unsupported(_) => true,
            Value::Array(items) => items.iter().any(holds_cut),
            Value::Object(fields) => fields.iter().any(|(_, v)| holds_cut(v)),
            _ => false,
        }
    }

    #[test]
    fn reads_whole_says_whether_a_part_is_left_out() {
        let nest = |depth: usize, open: &str, close: &str| {
            format!("{}1{}", open.repeat(depth), close.repeat(depth))
        };
        let items = |n: usize| format!("[{}0]", "0,".repeat(n - 1));
        let texts = [
            nest(MAX_DEPTH, "[", "]"),
            nest(MAX_DEPTH + 1, "[", "]"),
            nest(MAX_DEPTH, r#"{"a":"#, "}"),
            nest(MAX_DEPTH + 1, r#"{"a":"#, "}"),
            // Brackets, commas and escaped quotes inside strings are text, not structure.
            format!(
                r#"[{}"[[[,,\"]]]"{}]"#,
                "[".repeat(MAX_DEPTH - 2),
                "]".repeat(MAX_DEPTH - 2)
            ),
            format!(r#"{{"k":"\\",{}"x":1}}"#, r#""s[{":"\"[[[","#.repeat(3)),
            format!(r#"{{"a":{},"b":{}}}"#, items(MAX_ITEMS), items(3)),
            format!(r#"{{"a":{},"b":{}}}"#, items(3), items(MAX_ITEMS + 1)),
            format!("[{}]", items(MAX_ITEMS)),
        ];
        for text in &texts {
            let whole = !holds_cut(&Value::from_json(text).expect("JSON"));
            assert_eq!(reads_whole(text), whole, "{}", &text[..text.len().min(80)]);
        }
        let answers: Vec<bool> = texts.iter().map(|t| reads_whole(t)).collect();
        assert_eq!(
            answers,
            [true, false, true, false, true, true, true, false, true]
        );
    }
}
