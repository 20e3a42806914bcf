//! Measuring and truncating text the way the length rules count it, for forms: a character
//! counter next to an input, and a cut that never leaves half a character behind.
//!
//! "chars" are Unicode scalar values (JS `[...s].length`), "bytes" UTF-8 bytes, "utf16" UTF-16
//! code units (JS `s.length`, what HTML `maxlength` counts), "graphemes" extended grapheme
//! clusters (what a reader sees as one character: 👨‍👩‍👧, e + U+0301).
//!
//! Where the clusters end comes from outside: natively from unicode-segmentation
//! ([`grapheme_ends`]); in the wasm build from the host's `Intl.Segmenter`
//! (src/wasm/read.js), the segmentation the browser's own caret follows, so the module
//! does not carry the Unicode tables (11 KiB of its gzipped size). No validation rule counts
//! graphemes; only these two helpers do.

use serde::Serialize;

/// The four lengths of one string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Measure {
    pub chars: usize,
    pub bytes: usize,
    pub utf16: usize,
    pub graphemes: usize,
}

/// Where each extended grapheme cluster of `s` ends: ascending UTF-8 byte offsets, the last
/// one `s.len()` (none for "").
#[cfg(not(target_arch = "wasm32"))]
pub fn grapheme_ends(s: &str) -> Vec<usize> {
    use unicode_segmentation::UnicodeSegmentation;
    s.grapheme_indices(true)
        .map(|(start, grapheme)| start + grapheme.len())
        .collect()
}

/// [`measure_with`] the clusters of [`grapheme_ends`].
#[cfg(not(target_arch = "wasm32"))]
pub fn measure(s: &str) -> Measure {
    measure_with(s, &grapheme_ends(s))
}

/// [`truncate_with`] the clusters of [`grapheme_ends`].
#[cfg(not(target_arch = "wasm32"))]
pub fn truncate(s: &str, max: usize, unit: TextUnit) -> &str {
    truncate_with(s, max, unit, &grapheme_ends(s))
}

/// Every length of `s`, given where its grapheme clusters end.
pub fn measure_with(s: &str, grapheme_ends: &[usize]) -> Measure {
    let (chars, utf16) = s
        .chars()
        .fold((0, 0), |(n, u), c| (n + 1, u + c.len_utf16()));
    Measure {
        chars,
        bytes: s.len(),
        utf16,
        graphemes: grapheme_ends.len(),
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
/// boundary (`grapheme_ends`): a family emoji or a letter with its combining accent is kept
/// whole or dropped whole, never split (so the prefix can be shorter than `max` allows).
/// An end that is not a character boundary of `s` stops the cut there, never a panic.
pub fn truncate_with<'s>(
    s: &'s str,
    max: usize,
    unit: TextUnit,
    grapheme_ends: &[usize],
) -> &'s str {
    let mut used = 0usize;
    let mut end = 0usize;
    for &next in grapheme_ends {
        let Some(grapheme) = s.get(end..next) else {
            break;
        };
        used = used.saturating_add(unit.cost(grapheme));
        if used > max {
            break;
        }
        end = next;
    }
    // `end` is 0 or an end `get` accepted: a character boundary, so this cannot fail.
    s.get(..end).unwrap_or("")
}

// Natively: the wasm build's segmentation is tested through its exports (tests/wasm.rs).
#[cfg(all(test, not(target_arch = "wasm32")))]
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
            let ends = grapheme_ends(&s);
            proptest::prop_assert!(cut.is_empty() || ends.contains(&cut.len()));
            // The next grapheme would not fit.
            if let Some(&next) = ends.iter().find(|&&end| end > cut.len()) {
                proptest::prop_assert!(len(&s[..next]) > max);
            }
        }
    }

    #[test]
    fn truncate_stops_at_an_end_inside_a_character() {
        // Ends come from outside (the host's segmenter in wasm); a wrong one never panics.
        assert_eq!(truncate_with("a😂b", 9, TextUnit::Chars, &[1, 3, 6]), "a");
        assert_eq!(truncate_with("ab", 9, TextUnit::Chars, &[1, 7]), "a");
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
