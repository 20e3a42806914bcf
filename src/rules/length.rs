//! Lengths, always with their unit (docs/decisions.md "Principles": "characters" are Unicode
//! scalar values, "B" are UTF-8 bytes).

use super::Ctx;
use crate::issue::params;
use crate::issue::{Code, ProviderCode, Severity};
use crate::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Unicode scalar values: JS `[...s].length`, Rust `s.chars().count()`.
    Chars,
    /// UTF-8 bytes.
    Bytes,
}

impl Unit {
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Chars => "chars",
            Unit::Bytes => "bytes",
        }
    }

    pub fn measure(self, s: &str) -> usize {
        match self {
            Unit::Chars => s.chars().count(),
            Unit::Bytes => s.len(),
        }
    }
}

/// A documented length bound and what breaking it means.
#[derive(Debug, Clone)]
pub struct Limit {
    pub n: usize,
    pub unit: Unit,
    pub severity: Severity,
    pub code: Option<ProviderCode>,
}

pub fn check_min(ctx: &mut Ctx, path: &Path, s: &str, limit: &Limit) {
    // Counting stops early: a minimum never needs more than `n` characters.
    let actual = match limit.unit {
        Unit::Chars => s.chars().take(limit.n).count(),
        Unit::Bytes => s.len(),
    };
    if actual < limit.n {
        let params = params!("min" => limit.n, "actual" => actual, "unit" => limit.unit.as_str());
        ctx.report(
            limit.severity,
            path.render(),
            Code::TooShort,
            limit.code.clone(),
            params,
        );
    }
}

pub fn check_max(ctx: &mut Ctx, path: &Path, s: &str, limit: &Limit) {
    // Byte length bounds the char count from above, so short strings skip the count.
    if s.len() <= limit.n {
        return;
    }
    let actual = limit.unit.measure(s);
    if actual > limit.n {
        let params = params!("max" => limit.n, "actual" => actual, "unit" => limit.unit.as_str());
        ctx.report(
            limit.severity,
            path.render(),
            Code::TooLong,
            limit.code.clone(),
            params,
        );
    }
}
