//! Type checks: the value must be of the JSON type the provider expects, or the caller hears
//! what arrived instead.

use super::{Ctx, Pcode};
use crate::issue::{Code, Params};
use crate::params;
use crate::value::Value;

pub fn wrong_type(ctx: &mut Ctx, path: &str, expected: &'static str, got: &Value) {
    let params = params!("expected" => expected, "actual" => got.type_name());
    ctx.error(path.to_owned(), Code::InvalidType, Pcode::None, params);
}

/// The string, or an `invalid_type` / `invalid_encoding` issue.
pub fn expect_str<'v>(ctx: &mut Ctx, path: &str, value: &'v Value) -> Option<&'v str> {
    match value {
        Value::String(s) => Some(s),
        Value::Unencodable => {
            ctx.error(
                path.to_owned(),
                Code::InvalidEncoding,
                Pcode::None,
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

pub fn expect_array<'v>(ctx: &mut Ctx, path: &str, value: &'v Value) -> Option<&'v [Value]> {
    match value {
        Value::Array(items) => Some(items),
        other => {
            wrong_type(ctx, path, "array", other);
            None
        }
    }
}

pub fn expect_object<'v>(
    ctx: &mut Ctx,
    path: &str,
    value: &'v Value,
) -> Option<&'v [(String, Value)]> {
    match value {
        Value::Object(fields) => Some(fields),
        other => {
            wrong_type(ctx, path, "object", other);
            None
        }
    }
}

pub fn expect_bool(ctx: &mut Ctx, path: &str, value: &Value) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        other => {
            wrong_type(ctx, path, "boolean", other);
            None
        }
    }
}

/// An integer held exactly by a JS number: a finite number with no fraction.
pub fn as_integer(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n)
            if n.is_finite()
                && n.fract() == 0.0
                && n.abs() <= crate::value::MAX_SAFE_INTEGER as f64 =>
        {
            Some(*n as i64)
        }
        _ => None,
    }
}

/// An integer written as decimal digits in a string (optional leading `-`), if it fits `i64`.
pub fn parse_digit_string(s: &str) -> Option<i64> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

pub fn check_range(ctx: &mut Ctx, path: &str, n: i64, min: i64, max: i64) {
    if n < min || n > max {
        let params = params!("min" => min, "max" => max);
        ctx.error(path.to_owned(), Code::OutOfRange, Pcode::None, params);
    }
}
