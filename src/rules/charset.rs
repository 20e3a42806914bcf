//! Allowed characters. The sets are small and fixed, so they are plain functions over `char`
//! rather than regexes: no Unicode tables in the wasm beyond the one range list below.

use super::{Ctx, Pcode};
use crate::issue::{Code, Path, Severity};
use crate::params;

/// A named set of allowed characters. `pattern` is the same set as an ECMAScript regex (with
/// the `u` flag) for forms and JSON Schema; a test checks both agree.
#[derive(Debug)]
pub struct Charset {
    pub id: &'static str,
    pub allows: fn(char) -> bool,
    pub pattern: &'static str,
}

pub const HAN_ALNUM_DASH_UNDERSCORE_ID: &str = "han_letters_digits_dash_underscore";
pub const GROUP_ID_ID: &str = "letters_digits_dash_percent_at_hash_amp_underscore";

/// Tencent: "只支持中英文、-、_、数字" — Han ideographs, ASCII letters, digits, `-`, `_`
/// (research/providers.md §2.3; "中文" read as Unicode Script=Han, "英文" as ASCII letters).
pub static HAN_ALNUM_DASH_UNDERSCORE: Charset = Charset {
    id: HAN_ALNUM_DASH_UNDERSCORE_ID,
    allows: |c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || is_han(c),
    pattern: r"^[\p{Script=Han}A-Za-z0-9_-]*$",
};

/// Tencent GroupId: "letters, digits, and -%@#&_" (seed 001; research §2.3).
pub static GROUP_ID: Charset = Charset {
    id: GROUP_ID_ID,
    allows: |c| c.is_ascii_alphanumeric() || matches!(c, '-' | '%' | '@' | '#' | '&' | '_'),
    pattern: r"^[A-Za-z0-9%@#&_-]*$",
};

/// Unicode Script=Han (Unicode 17.0, as `/\p{Script=Han}/u` in Node 20's ICU), as ranges.
const HAN_RANGES: &[(u32, u32)] = &[
    (0x2E80, 0x2E99),
    (0x2E9B, 0x2EF3),
    (0x2F00, 0x2FD5),
    (0x3005, 0x3005),
    (0x3007, 0x3007),
    (0x3021, 0x3029),
    (0x3038, 0x303B),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFA6D),
    (0xFA70, 0xFAD9),
    (0x16FE2, 0x16FE3),
    (0x16FF0, 0x16FF6),
    (0x20000, 0x2A6DF),
    (0x2A700, 0x2B81D),
    (0x2B820, 0x2CEAD),
    (0x2CEB0, 0x2EBE0),
    (0x2EBF0, 0x2EE5D),
    (0x2F800, 0x2FA1D),
    (0x30000, 0x3134A),
    (0x31350, 0x33479),
];

pub fn is_han(c: char) -> bool {
    let c = c as u32;
    if c < HAN_RANGES[0].0 {
        return false;
    }
    // CJK Unified Ideographs, where nearly every Chinese name's characters are.
    if (0x4E00..=0x9FFF).contains(&c) {
        return true;
    }
    HAN_RANGES
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                std::cmp::Ordering::Less
            } else if lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// Index (in characters) of the first character outside the set.
pub fn first_outside(s: &str, charset: &Charset) -> Option<usize> {
    s.chars().position(|c| !(charset.allows)(c))
}

#[derive(Debug, Clone, Copy)]
pub struct CharsetRule {
    pub charset: &'static Charset,
    pub severity: Severity,
    pub code: Pcode,
}

pub fn check(ctx: &mut Ctx, path: &Path, s: &str, rule: &CharsetRule) {
    if let Some(index) = first_outside(s, rule.charset) {
        let params = params!("allowed" => rule.charset.id, "index" => index);
        ctx.report(
            rule.severity,
            path.render(),
            Code::InvalidChars,
            rule.code,
            params,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_ranges_are_sorted_and_disjoint() {
        for pair in HAN_RANGES.windows(2) {
            assert!(pair[0].0 <= pair[0].1 && pair[0].1 < pair[1].0);
        }
    }

    #[test]
    fn han_covers_bmp_and_astral_ideographs_only() {
        assert!(is_han('腾'));
        assert!(is_han('𠀀'));
        assert!(is_han('〇'));
        assert!(!is_han('，'));
        assert!(!is_han('ア'));
        assert!(!is_han('😂'));
        assert!(!is_han('a'));
    }
}
