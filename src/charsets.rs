//! Every set of allowed characters the library checks, declared once: its id (what
//! `invalid_chars` issues name in `params.allowed`), its predicate (what `validate` runs), its
//! ECMAScript pattern (what `constraints()` and the JSON Schema give forms) and its labels in
//! each locale. The sets are small and fixed, so they are plain functions over `char` rather
//! than regexes: no Unicode tables in the wasm beyond the Han range list below.

use std::sync::OnceLock;

/// A named set of allowed characters.
#[derive(Debug)]
pub struct Charset {
    pub id: &'static str,
    pub allows: fn(char) -> bool,
    /// The same set as a whole-string ECMAScript regex for the `u` flag; tests check that it
    /// agrees with `allows`.
    pub pattern: &'static str,
    pub label_en: &'static str,
    pub label_zh_cn: &'static str,
    /// `allows` over ASCII as a bit mask, made on first use: most characters checked are
    /// ASCII, and a bit test costs less than the call.
    ascii: OnceLock<u128>,
}

impl Charset {
    /// Index (in characters) of the first character outside the set.
    pub fn first_outside(&self, s: &str) -> Option<usize> {
        let ascii = *self.ascii.get_or_init(|| {
            (0u8..128)
                .filter(|&b| (self.allows)(char::from(b)))
                .fold(0, |mask, b| mask | 1 << b)
        });
        s.chars().position(|c| match u8::try_from(c) {
            Ok(b) if b < 128 => ascii & (1 << b) == 0,
            _ => !(self.allows)(c),
        })
    }
}

/// Tencent: "只支持中英文、-、_、数字" — Han ideographs, ASCII letters, digits, `-`, `_`
/// (docs/decisions.md "Tencent charsets"; "中文" read as Unicode Script=Han, "英文" as ASCII
/// letters).
pub static HAN_ALNUM_DASH_UNDERSCORE: Charset = Charset {
    id: "han_letters_digits_dash_underscore",
    allows: |c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || is_han(c),
    pattern: r"^[\p{Script=Han}A-Za-z0-9_-]*$",
    label_en: "Chinese characters, letters, digits, - and _",
    label_zh_cn: "中文、英文字母、数字、-、_",
    ascii: OnceLock::new(),
};

/// Tencent GroupId: "letters, digits, and -%@#&_".
pub static GROUP_ID: Charset = Charset {
    id: "letters_digits_dash_percent_at_hash_amp_underscore",
    allows: |c| c.is_ascii_alphanumeric() || matches!(c, '-' | '%' | '@' | '#' | '&' | '_'),
    pattern: r"^[A-Za-z0-9%@#&_-]*$",
    label_en: "letters, digits and -%@#&_",
    label_zh_cn: "英文字母、数字、-%@#&_",
    ascii: OnceLock::new(),
};

/// An HTTP header value we write: visible ASCII and spaces. A CR or LF would split the header,
/// other controls are refused by servers and by `fetch`, and non-ASCII has no wire form.
pub static HEADER_VALUE: Charset = Charset {
    id: "header_value",
    allows: |c| (' '..='~').contains(&c),
    pattern: r"^[ -~]*$",
    label_en: "visible ASCII characters (a header value)",
    label_zh_cn: "可见 ASCII 字符（请求头的值）",
    ascii: OnceLock::new(),
};

/// A Tencent Cloud SecretId as `buildRequest` accepts it: `AKID` followed by letters and
/// digits is the form every issued id has (docs/decisions.md "TC3 SecretId"). It is printed
/// into `Authorization: … Credential=<id>/…`, where any other character could change how the
/// server reads the header.
pub static TC3_SECRET_ID: Charset = Charset {
    id: "tc3_secret_id",
    allows: |c| c.is_ascii_alphanumeric(),
    pattern: r"^[A-Za-z0-9]*$",
    label_en: "letters and digits (a TC3 SecretId)",
    label_zh_cn: "英文字母和数字（TC3 SecretId）",
    ascii: OnceLock::new(),
};

/// What the bare TC3 signer (`signTc3`) accepts as a SecretId: visible ASCII except the
/// separators of the `Credential=` part. Looser than [`TC3_SECRET_ID`] because Tencent's
/// published signing examples print masked ids such as `AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******`.
pub static TC3_SIGNABLE_SECRET_ID: Charset = Charset {
    id: "tc3_signable_secret_id",
    allows: |c| c.is_ascii_graphic() && !matches!(c, ',' | ';' | '/'),
    pattern: r"^[!-+\--.0-:<-~]*$",
    label_en: "visible ASCII characters other than , ; / (a TC3 SecretId)",
    label_zh_cn: "除 , ; / 以外的可见 ASCII 字符（TC3 SecretId）",
    ascii: OnceLock::new(),
};

/// A basic-auth user name: anything but `:` and control characters (RFC 7617 §2).
pub static BASIC_AUTH_USER_ID: Charset = Charset {
    id: "basic_auth_user_id",
    allows: |c| c != ':' && !c.is_control(),
    pattern: r"^[^:\u0000-\u001F\u007F-\u009F]*$",
    label_en: "characters other than : and control characters (a basic-auth user name)",
    label_zh_cn: "除 : 和控制字符以外的字符（Basic 认证的用户名）",
    ascii: OnceLock::new(),
};

/// Every charset above.
pub static ALL: [&Charset; 6] = [
    &HAN_ALNUM_DASH_UNDERSCORE,
    &GROUP_ID,
    &HEADER_VALUE,
    &TC3_SECRET_ID,
    &TC3_SIGNABLE_SECRET_ID,
    &BASIC_AUTH_USER_ID,
];

/// The charset with this id.
pub fn by_id(id: &str) -> Option<&'static Charset> {
    ALL.iter().copied().find(|c| c.id == id)
}

/// Whitespace as JS `String.prototype.trim` sees it (ECMAScript WhiteSpace and
/// LineTerminator): Unicode White_Space without U+0085, plus U+FEFF. Blank checks use this set
/// because the values come from JS forms, where `trim()` is how a user's "empty" is judged.
pub const JS_WHITESPACE: [(char, char); 10] = [
    ('\u{09}', '\u{0D}'),
    (' ', ' '),
    ('\u{A0}', '\u{A0}'),
    ('\u{1680}', '\u{1680}'),
    ('\u{2000}', '\u{200A}'),
    ('\u{2028}', '\u{2029}'),
    ('\u{202F}', '\u{202F}'),
    ('\u{205F}', '\u{205F}'),
    ('\u{3000}', '\u{3000}'),
    ('\u{FEFF}', '\u{FEFF}'),
];

pub fn is_js_whitespace(c: char) -> bool {
    // Nearly every character is above the ASCII range's whitespace and below U+00A0 or is
    // a letter: answer those without the table.
    if c.is_ascii() {
        return matches!(c, '\t'..='\r' | ' ');
    }
    // Past U+3000 only U+FEFF is whitespace: answers CJK and emoji without the table.
    if c > '\u{3000}' {
        return c == '\u{FEFF}';
    }
    JS_WHITESPACE.iter().any(|&(lo, hi)| (lo..=hi).contains(&c))
}

/// Empty, or only [`is_js_whitespace`] characters.
pub fn is_blank(s: &str) -> bool {
    s.chars().all(is_js_whitespace)
}

/// [`is_blank`] of UTF-8 bytes (bytes that are not UTF-8 are not blank). Nearly every text
/// starts with a character that is not whitespace: the first character alone answers then,
/// decoded from the one to four bytes its lead byte says it has.
pub fn is_blank_utf8(bytes: &[u8]) -> bool {
    let Some(&lead) = bytes.first() else {
        return true;
    };
    let width = match lead {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    };
    let first = bytes
        .get(..width)
        .and_then(|b| std::str::from_utf8(b).ok())
        .and_then(|s| s.chars().next());
    match first {
        Some(c) if !is_js_whitespace(c) => false,
        _ => std::str::from_utf8(bytes).is_ok_and(is_blank),
    }
}

/// Matches a string with at least one character outside [`JS_WHITESPACE`]: the not-blank rule
/// as an ECMAScript pattern (a test checks it lists exactly that table).
pub const NOT_BLANK_PATTERN: &str =
    r"[^\t-\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]";

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

    #[test]
    fn js_whitespace_is_white_space_without_nel_plus_bom() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let expected = (c.is_whitespace() && c != '\u{85}') || c == '\u{FEFF}';
            assert_eq!(is_js_whitespace(c), expected, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn not_blank_pattern_lists_exactly_the_table() {
        let esc = |c: char| match c {
            '\t' => r"\t".to_owned(),
            '\r' => r"\r".to_owned(),
            ' ' => " ".to_owned(),
            c => format!(r"\u{:04X}", c as u32),
        };
        let class: String = JS_WHITESPACE
            .iter()
            .map(|&(lo, hi)| match hi as u32 - lo as u32 {
                0 => esc(lo),
                1 => format!("{}{}", esc(lo), esc(hi)),
                _ => format!("{}-{}", esc(lo), esc(hi)),
            })
            .collect();
        assert_eq!(NOT_BLANK_PATTERN, format!("[^{class}]"));
    }

    // proptest runs natively only (see Cargo.toml).
    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// The first-character shortcut answers as decoding the whole text does.
        #[test]
        fn blank_bytes_answer_as_blank_text(
            text in "[ \t\u{3000}\u{FEFF}a中😂\u{85}]{0,6}",
            bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..8),
        ) {
            for b in [text.as_bytes(), &bytes[..]] {
                let whole = std::str::from_utf8(b).is_ok_and(is_blank);
                proptest::prop_assert_eq!(is_blank_utf8(b), whole, "{:?}", b);
            }
        }
    }

    #[test]
    fn ids_are_unique() {
        for (i, a) in ALL.iter().enumerate() {
            assert!(ALL[i + 1..].iter().all(|b| b.id != a.id), "{}", a.id);
            assert_eq!(by_id(a.id).map(|c| c.id), Some(a.id));
        }
    }
}
