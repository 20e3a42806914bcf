//! Measuring and truncating text the way the length rules count it, for forms: a character
//! counter next to an input, and a cut that never leaves half a character behind.
//!
//! "chars" are Unicode scalar values (JS `[...s].length`), "bytes" UTF-8 bytes, "utf16" UTF-16
//! code units (JS `s.length`, what HTML `maxlength` counts), "graphemes" extended grapheme
//! clusters (what a reader sees as one character: 👨‍👩‍👧, e + U+0301).

use serde::Serialize;
use unicode_segmentation::UnicodeSegmentation;

/// The four lengths of one string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Measure {
    pub chars: usize,
    pub bytes: usize,
    pub utf16: usize,
    pub graphemes: usize,
}

/// Every length of `s` in one pass over its characters plus one over its graphemes.
pub fn measure(s: &str) -> Measure {
    let (chars, utf16) = s
        .chars()
        .fold((0, 0), |(n, u), c| (n + 1, u + c.len_utf16()));
    Measure {
        chars,
        bytes: s.len(),
        utf16,
        graphemes: s.graphemes(true).count(),
    }
}

/// The unit `truncate` counts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TextUnit {
    #[default]
    Chars,
    Bytes,
    Utf16,
    Graphemes,
}

impl TextUnit {
    /// `"chars"`, `"bytes"`, `"utf16"`, `"graphemes"`; None for anything else.
    pub fn parse(name: &str) -> Option<TextUnit> {
        match name {
            "chars" => Some(TextUnit::Chars),
            "bytes" => Some(TextUnit::Bytes),
            "utf16" => Some(TextUnit::Utf16),
            "graphemes" => Some(TextUnit::Graphemes),
            _ => None,
        }
    }

    /// The length of one grapheme cluster in this unit.
    fn cost(self, grapheme: &str) -> usize {
        match self {
            TextUnit::Chars => grapheme.chars().count(),
            TextUnit::Bytes => grapheme.len(),
            TextUnit::Utf16 => grapheme.encode_utf16().count(),
            TextUnit::Graphemes => 1,
        }
    }
}

/// The longest prefix of `s` that is at most `max` long in `unit` and ends on a grapheme
/// boundary: a family emoji or a letter with its combining accent is kept whole or dropped
/// whole, never split (so the prefix can be shorter than `max` allows).
pub fn truncate(s: &str, max: usize, unit: TextUnit) -> &str {
    let mut used = 0usize;
    let mut end = 0usize;
    for (start, grapheme) in s.grapheme_indices(true) {
        used = used.saturating_add(unit.cost(grapheme));
        if used > max {
            break;
        }
        end = start + grapheme.len();
    }
    // `end` is always a grapheme boundary of `s`, so `get` cannot fail; `get` keeps it panic-free.
    s.get(..end).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    const FAMILY: &str = "👨\u{200D}👩\u{200D}👧";
    const E_ACUTE: &str = "e\u{0301}";

    #[test]
    fn measures_family_emoji_as_one_grapheme_of_five_chars() {
        assert_eq!(
            measure(FAMILY),
            Measure {
                chars: 5,
                bytes: 18,
                utf16: 8,
                graphemes: 1
            }
        );
    }

    #[test]
    fn measures_combining_accent_astral_and_empty() {
        let m = measure(E_ACUTE);
        assert_eq!((m.chars, m.bytes, m.utf16, m.graphemes), (2, 3, 2, 1));
        let m = measure("😂");
        assert_eq!((m.chars, m.bytes, m.utf16, m.graphemes), (1, 4, 2, 1));
        let m = measure("𠀀");
        assert_eq!((m.chars, m.bytes, m.utf16, m.graphemes), (1, 4, 2, 1));
        assert_eq!(
            measure(""),
            Measure {
                chars: 0,
                bytes: 0,
                utf16: 0,
                graphemes: 0
            }
        );
    }

    #[test]
    fn truncate_never_splits_a_family_emoji() {
        let s = format!("ab{FAMILY}c");
        assert_eq!(truncate(&s, 2, TextUnit::Chars), "ab");
        assert_eq!(truncate(&s, 6, TextUnit::Chars), "ab");
        assert_eq!(truncate(&s, 7, TextUnit::Chars), format!("ab{FAMILY}"));
        assert_eq!(truncate(&s, 3, TextUnit::Graphemes), format!("ab{FAMILY}"));
        assert_eq!(truncate(&s, 19, TextUnit::Bytes), "ab");
        assert_eq!(truncate(&s, 20, TextUnit::Bytes), format!("ab{FAMILY}"));
        assert_eq!(truncate(&s, 9, TextUnit::Utf16), "ab");
        assert_eq!(truncate(&s, 10, TextUnit::Utf16), format!("ab{FAMILY}"));
    }

    #[test]
    fn truncate_keeps_a_letter_with_its_accent() {
        let s = format!("{E_ACUTE}{E_ACUTE}");
        assert_eq!(truncate(&s, 1, TextUnit::Chars), "");
        assert_eq!(truncate(&s, 3, TextUnit::Chars), E_ACUTE);
        assert_eq!(truncate(&s, 1, TextUnit::Graphemes), E_ACUTE);
        assert_eq!(truncate(&s, 5, TextUnit::Bytes), E_ACUTE);
        assert_eq!(truncate(&s, 6, TextUnit::Bytes), s);
    }

    #[test]
    fn truncate_counts_astral_characters_by_unit() {
        let s = "😂𠀀a";
        assert_eq!(truncate(s, 1, TextUnit::Chars), "😂");
        assert_eq!(truncate(s, 1, TextUnit::Utf16), "");
        assert_eq!(truncate(s, 2, TextUnit::Utf16), "😂");
        assert_eq!(truncate(s, 7, TextUnit::Bytes), "😂");
        assert_eq!(truncate(s, 8, TextUnit::Bytes), "😂𠀀");
        assert_eq!(truncate(s, 0, TextUnit::Chars), "");
        assert_eq!(truncate(s, usize::MAX, TextUnit::Chars), s);
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn truncate_is_the_longest_fitting_grapheme_prefix(
            s in "[a-z\u{0301}\u{200D}😂𠀀👨👩é ]{0,24}",
            max in 0usize..40,
            unit in 0usize..4,
        ) {
            let unit = [TextUnit::Chars, TextUnit::Bytes, TextUnit::Utf16, TextUnit::Graphemes][unit];
            let cut = truncate(&s, max, unit);
            let len = |t: &str| {
                let m = measure(t);
                match unit {
                    TextUnit::Chars => m.chars,
                    TextUnit::Bytes => m.bytes,
                    TextUnit::Utf16 => m.utf16,
                    TextUnit::Graphemes => m.graphemes,
                }
            };
            proptest::prop_assert!(s.starts_with(cut));
            proptest::prop_assert!(len(cut) <= max);
            let boundaries: Vec<usize> = s.grapheme_indices(true).map(|(i, _)| i).collect();
            proptest::prop_assert!(cut.len() == s.len() || boundaries.contains(&cut.len()));
            // The next grapheme would not fit.
            if let Some(next) = s[cut.len()..].graphemes(true).next() {
                proptest::prop_assert!(len(&s[..cut.len() + next.len()]) > max);
            }
        }
    }

    #[test]
    fn unit_names_parse() {
        assert_eq!(TextUnit::parse("chars"), Some(TextUnit::Chars));
        assert_eq!(TextUnit::parse("bytes"), Some(TextUnit::Bytes));
        assert_eq!(TextUnit::parse("utf16"), Some(TextUnit::Utf16));
        assert_eq!(TextUnit::parse("graphemes"), Some(TextUnit::Graphemes));
        assert_eq!(TextUnit::parse("words"), None);
    }
}
