//! Required fields, blank values and stray whitespace.

use super::{Ctx, Pcode};
use crate::issue::{Code, Params};

pub fn missing(ctx: &mut Ctx, path: String, pcode: Pcode) {
    ctx.error(path, Code::Required, pcode, Params::default());
}

/// Empty, or only whitespace (Unicode White_Space, as JS `trim` sees it).
pub fn is_blank(s: &str) -> bool {
    s.chars().all(char::is_whitespace)
}

/// Returns true when it reported: a blank value needs no further checks.
pub fn check_blank(ctx: &mut Ctx, path: &str, s: &str, pcode: Pcode) -> bool {
    if is_blank(s) {
        ctx.error(path.to_owned(), Code::Blank, pcode, Params::default());
        true
    } else {
        false
    }
}

/// Whitespace at either end is kept as typed (SPEC §2) but is usually a slip.
pub fn check_surrounding_whitespace(ctx: &mut Ctx, path: &str, s: &str) {
    let starts = s.chars().next().is_some_and(char::is_whitespace);
    let ends = s.chars().next_back().is_some_and(char::is_whitespace);
    if starts || ends {
        ctx.warn(
            path.to_owned(),
            Code::SurroundingWhitespace,
            Params::default(),
        );
    }
}
