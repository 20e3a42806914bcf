//! Required fields, blank values and stray whitespace.

use super::{Ctx, Pcode};
use crate::issue::{Code, Params, Path};

pub fn missing(ctx: &mut Ctx, path: &Path, pcode: Pcode) {
    ctx.error(path.render(), Code::Required, pcode, Params::default());
}

/// Empty, or only whitespace as JS `trim` sees it: Unicode White_Space except U+0085, plus
/// U+FEFF (ECMAScript's WhiteSpace and LineTerminator sets).
pub fn is_blank(s: &str) -> bool {
    s.chars().all(is_js_whitespace)
}

pub fn is_js_whitespace(c: char) -> bool {
    (c.is_whitespace() && c != '\u{85}') || c == '\u{feff}'
}

/// Returns true when it reported: a blank value needs no further checks.
pub fn check_blank(ctx: &mut Ctx, path: &Path, s: &str, pcode: Pcode) -> bool {
    if is_blank(s) {
        ctx.error(path.render(), Code::Blank, pcode, Params::default());
        true
    } else {
        false
    }
}

/// Whitespace at either end is kept as typed (SPEC §2) but is usually a slip.
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
