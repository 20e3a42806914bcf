//! Type checks: the value must be of the JSON type the provider expects, or the caller hears
//! what arrived instead.

use super::Ctx;
use crate::issue::params;
use crate::issue::{Code, Params};
use crate::path::Path;
use crate::tape::{Fields, Items, Node};

pub fn wrong_type(ctx: &mut Ctx, path: &Path, expected: &'static str, got: &Node) {
    let params = params!("expected" => expected, "actual" => got.type_name());
    ctx.error(path.render(), Code::InvalidType, None, params);
}

/// The string, or an `invalid_type` / `invalid_encoding` issue.
pub fn expect_str<'t>(ctx: &mut Ctx, path: &Path, value: &Node<'t>) -> Option<&'t str> {
    match value {
        Node::Str(s) => Some(s),
        Node::Unencodable => {
            ctx.error(
                path.render(),
                Code::InvalidEncoding,
                None,
                Params::default(),
            );
            None
        }
        other => {
            wrong_type(ctx, path, "string", other);
            None
        }
    }
}

pub fn expect_array<'t>(ctx: &mut Ctx, path: &Path, value: &Node<'t>) -> Option<Items<'t>> {
    match value {
        Node::Array(items) => Some(*items),
        other => {
            wrong_type(ctx, path, "array", other);
            None
        }
    }
}

pub fn expect_object<'t>(ctx: &mut Ctx, path: &Path, value: &Node<'t>) -> Option<Fields<'t>> {
    match value {
        Node::Object(fields) => Some(*fields),
        other => {
            wrong_type(ctx, path, "object", other);
            None
        }
    }
}

pub fn expect_bool(ctx: &mut Ctx, path: &Path, value: &Node) -> Option<bool> {
    match value {
        Node::Bool(b) => Some(*b),
        other => {
            wrong_type(ctx, path, "boolean", other);
            None
        }
    }
}

/// An integer written as decimal digits in a string (optional leading `-`). Beyond `i64` it
/// saturates, so an overlong number is out of range rather than "not a number".
pub fn parse_digit_string(s: &str) -> Option<i64> {
    let (negative, digits) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(
        s.parse()
            .unwrap_or(if negative { i64::MIN } else { i64::MAX }),
    )
}

pub fn check_range(ctx: &mut Ctx, path: &Path, n: i64, min: i64, max: i64) {
    if n < min || n > max {
        let params = params!("min" => min, "max" => max);
        ctx.error(path.render(), Code::OutOfRange, None, params);
    }
}

#[cfg(test)]
mod tests {
    use super::parse_digit_string;

    #[test]
    fn digit_strings_parse_and_saturate() {
        assert_eq!(parse_digit_string("12"), Some(12));
        assert_eq!(parse_digit_string("-7"), Some(-7));
        assert_eq!(parse_digit_string("99999999999999999999"), Some(i64::MAX));
        assert_eq!(parse_digit_string("-99999999999999999999"), Some(i64::MIN));
        for not_digits in ["", "-", "12a", "1.5", " 1", "+1"] {
            assert_eq!(parse_digit_string(not_digits), None, "{not_digits:?}");
        }
    }
}
