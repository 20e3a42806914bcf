//! Required fields, blank values and stray whitespace.

use super::Ctx;
use crate::charsets::{is_blank, is_js_whitespace};
use crate::issue::{Code, Params, ProviderCode};
use crate::path::Path;

pub fn missing(ctx: &mut Ctx, path: &Path, code: &Option<ProviderCode>) {
    ctx.error(
        path.render(),
        Code::Required,
        code.clone(),
        Params::default(),
    );
}

/// Returns true when it reported: a blank value needs no further checks.
pub fn check_blank(ctx: &mut Ctx, path: &Path, s: &str, code: &Option<ProviderCode>) -> bool {
    if is_blank(s) {
        ctx.error(path.render(), Code::Blank, code.clone(), Params::default());
        true
    } else {
        false
    }
}

/// Whitespace at either end is kept as typed (docs/decisions.md "Principles") but is usually a
/// slip.
pub fn check_surrounding_whitespace(ctx: &mut Ctx, path: &Path, s: &str) {
    let starts = s.chars().next().is_some_and(is_js_whitespace);
    let ends = s.chars().next_back().is_some_and(is_js_whitespace);
    if starts || ends {
        ctx.warn(
            path.render(),
            Code::SurroundingWhitespace,
            Params::default(),
        );
    }
}
