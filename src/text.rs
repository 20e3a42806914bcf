//! Measuring and truncating text the way the length rules count it, for forms: a character
//! counter next to an input, and a cut that never leaves half a character behind.
//!
//! "chars" are Unicode scalar values (JS `[...s].length`), "bytes" UTF-8 bytes, "utf16" UTF-16
//! code units (JS `s.length`, what HTML `maxlength` counts), "graphemes" extended grapheme
//! clusters (what a reader sees as one character: 👨‍👩‍👧, e + U+0301).
//!
//! Where the clusters end comes from outside: natively from unicode-segmentation
//! ([`Unicode`]); in the wasm build from the host's `Intl.Segmenter`
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

/// Text is segmented this many bytes at a time (more when one cluster is longer): a
/// segmenter's cost can grow with the length of the text it is given for every cluster it
/// reports (V8's `Intl.Segmenter` does: 80,000 characters took seconds in one piece), so no
/// segmenter ever sees more than a window, and the whole text costs time linear in its length.
pub const WINDOW_BYTES: usize = 512;

/// Why graphemes could not be counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SegmentError {
    /// The segmenter gave nothing (the host has no working `Intl.Segmenter`).
    Unavailable,
    /// The segmenter gave cluster ends that do not fit the text it was given.
    Misfit,
}

/// Where the extended grapheme clusters of one window of text end (ascending UTF-8 byte
/// offsets into it, the last one its length), segmenting it as if it were the whole text;
/// None when it cannot.
pub trait Segmenter {
    fn cluster_ends(&mut self, window: &str) -> Option<Vec<usize>>;
}

impl<F: FnMut(&str) -> Option<Vec<usize>>> Segmenter for F {
    fn cluster_ends(&mut self, window: &str) -> Option<Vec<usize>> {
        self(window)
    }
}

/// unicode-segmentation's extended grapheme clusters (natively).
#[cfg(not(target_arch = "wasm32"))]
pub struct Unicode;

#[cfg(not(target_arch = "wasm32"))]
impl Segmenter for Unicode {
    fn cluster_ends(&mut self, window: &str) -> Option<Vec<usize>> {
        use unicode_segmentation::UnicodeSegmentation;
        let ends = window.grapheme_indices(true);
        Some(ends.map(|(start, g)| start + g.len()).collect())
    }
}

/// Every length of `s`, graphemes by unicode-segmentation.
#[cfg(not(target_arch = "wasm32"))]
pub fn measure(s: &str) -> Measure {
    measure_with(s, Unicode).unwrap_or_else(|_| unreachable!("unicode-segmentation fits"))
}

/// [`truncate_with`] unicode-segmentation's clusters.
#[cfg(not(target_arch = "wasm32"))]
pub fn truncate(s: &str, max: usize, unit: TextUnit) -> &str {
    truncate_with(s, max, unit, Unicode)
        .unwrap_or_else(|_| unreachable!("unicode-segmentation fits"))
}

/// Where the grapheme clusters of `s` end, in order, found window by window: the ends
/// before a window's last are final (a cluster boundary depends on the characters before it
/// in its own cluster, and on the one after it); the next window starts at the last of them.
/// No text at or past `horizon` is segmented (then the ends found stop before it).
struct Ends<'s, S> {
    s: &'s str,
    segmenter: S,
    horizon: usize,
    /// Where the next window starts: the last end found (a cluster boundary).
    start: usize,
    found: std::vec::IntoIter<usize>,
}

impl<'s, S: Segmenter> Ends<'s, S> {
    fn new(s: &'s str, horizon: usize, segmenter: S) -> Self {
        Ends {
            s,
            segmenter,
            horizon: horizon.min(s.len()),
            start: 0,
            found: Vec::new().into_iter(),
        }
    }

    fn next(&mut self) -> Result<Option<usize>, SegmentError> {
        loop {
            if let Some(end) = self.found.next() {
                return Ok(Some(end));
            }
            if self.start >= self.horizon {
                return Ok(None);
            }
            self.segment_next_window()?;
        }
    }

    /// Segments from `start`, a window at a time, widening the window while one cluster
    /// fills it; leaves the final ends in `found`.
    fn segment_next_window(&mut self) -> Result<(), SegmentError> {
        let mut size = WINDOW_BYTES;
        loop {
            let mut end = self.start.saturating_add(size).min(self.horizon);
            while !self.s.is_char_boundary(end) {
                end += 1;
            }
            let window = &self.s[self.start..end];
            let ends = self
                .segmenter
                .cluster_ends(window)
                .ok_or(SegmentError::Unavailable)?;
            let fits = ends.last() == Some(&window.len())
                && ends.windows(2).all(|w| w[0] < w[1])
                && ends.iter().all(|&e| e > 0 && window.is_char_boundary(e));
            if !fits {
                return Err(SegmentError::Misfit);
            }
            // At the end of the text the window's last end is one; elsewhere it is only
            // where the window stops.
            let keep = if end == self.s.len() {
                ends.len()
            } else {
                ends.len() - 1
            };
            if keep > 0 {
                let base = self.start;
                // A window that reaches the horizon leaves no end before it to find.
                self.start = if end >= self.horizon {
                    self.horizon
                } else {
                    base + ends[keep - 1]
                };
                let found: Vec<usize> = ends[..keep].iter().map(|&e| base + e).collect();
                self.found = found.into_iter();
                return Ok(());
            }
            if end >= self.horizon {
                // One cluster runs past the horizon: no end before it is left.
                self.start = self.horizon;
                return Ok(());
            }
            size = size.saturating_mul(2);
        }
    }
}

/// Every length of `s`; graphemes by `segmenter`, a window at a time ([`WINDOW_BYTES`]).
pub fn measure_with(s: &str, segmenter: impl Segmenter) -> Result<Measure, SegmentError> {
    let (chars, utf16) = s
        .chars()
        .fold((0, 0), |(n, u), c| (n + 1, u + c.len_utf16()));
    let mut ends = Ends::new(s, s.len(), segmenter);
    let mut graphemes = 0;
    while ends.next()?.is_some() {
        graphemes += 1;
    }
    Ok(Measure {
        chars,
        bytes: s.len(),
        utf16,
        graphemes,
    })
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

    /// The length of one character in this unit (graphemes are counted by cluster).
    fn cost(self, c: char) -> usize {
        match self {
            TextUnit::Chars | TextUnit::Graphemes => 1,
            TextUnit::Bytes => c.len_utf8(),
            TextUnit::Utf16 => c.len_utf16(),
        }
    }
}

/// The longest prefix of `s` that is at most `max` long in `unit` and ends on a grapheme
/// boundary (by `segmenter`): a family emoji or a letter with its combining accent is kept
/// whole or dropped whole, never split (so the prefix can be shorter than `max` allows).
/// Only the text up to the cut is segmented: `truncate(s, 10)` costs the same for any `s`.
pub fn truncate_with(
    s: &str,
    max: usize,
    unit: TextUnit,
    segmenter: impl Segmenter,
) -> Result<&str, SegmentError> {
    // Chars, bytes and UTF-16 units add up, so the cut in them is known before segmenting:
    // the longest prefix within `max`, then back to the last cluster end at or before it.
    let cut = match unit {
        TextUnit::Graphemes => s.len(),
        _ => {
            let mut used = 0usize;
            let over = s.char_indices().find(|&(_, c)| {
                used = used.saturating_add(unit.cost(c));
                used > max
            });
            over.map_or(s.len(), |(at, _)| at)
        }
    };
    // Whether `cut` is a cluster end depends on the character after it.
    let horizon = s[cut..].chars().next().map_or(cut, |c| cut + c.len_utf8());
    let mut ends = Ends::new(s, horizon, segmenter);
    let mut kept = 0;
    let mut count = 0usize;
    while let Some(end) = ends.next()? {
        let fits = match unit {
            TextUnit::Graphemes => count < max,
            _ => end <= cut,
        };
        if !fits {
            break;
        }
        count += 1;
        kept = end;
    }
    Ok(&s[..kept])
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
            let ends = Unicode.cluster_ends(&s).unwrap();
            proptest::prop_assert!(cut.is_empty() || ends.contains(&cut.len()));
            // The next grapheme would not fit.
            if let Some(&next) = ends.iter().find(|&&end| end > cut.len()) {
                proptest::prop_assert!(len(&s[..next]) > max);
            }
        }
    }

    #[test]
    fn ends_that_do_not_fit_the_window_are_an_error_never_a_panic() {
        // Ends come from outside (the host's segmenter in wasm).
        for bad in [
            vec![1, 3, 6],
            vec![1, 7],
            vec![2, 1, 6],
            vec![0, 6],
            vec![],
            vec![1],
        ] {
            let segmenter = |_: &str| Some(bad.clone());
            let got = truncate_with("a😂b", 9, TextUnit::Chars, segmenter);
            assert_eq!(got, Err(SegmentError::Misfit), "{bad:?}");
        }
        assert_eq!(
            measure_with("ab", |_: &str| None),
            Err(SegmentError::Unavailable)
        );
    }

    /// What the windows see: every window is at most WINDOW_BYTES unless one cluster is
    /// longer, and starts on a cluster boundary.
    fn windows_seen(run: impl FnOnce(&mut dyn FnMut(&str) -> Option<Vec<usize>>)) -> Vec<usize> {
        let mut seen = Vec::new();
        let mut segmenter = |w: &str| {
            seen.push(w.len());
            Unicode.cluster_ends(w)
        };
        run(&mut segmenter);
        seen
    }

    #[test]
    fn long_texts_are_segmented_a_window_at_a_time_with_the_same_ends() {
        let pieces = [
            "a",
            "é",
            FAMILY,
            E_ACUTE,
            "🇫🇷",
            "🇫",
            "\r\n",
            "😂",
            "\u{1F3FB}",
            "क्ष",
        ];
        let mut text = String::new();
        for i in 0..20_000usize {
            text.push_str(pieces[(i * 7 + i / 13) % pieces.len()]);
        }
        let whole = Unicode.cluster_ends(&text).unwrap();
        let m = measure(&text);
        assert_eq!(m.graphemes, whole.len());
        let seen = windows_seen(|seg| {
            let _ = measure_with(&text, seg);
        });
        assert!(
            seen.iter().all(|&n| n <= WINDOW_BYTES + 3),
            "{:?}",
            seen.iter().max()
        );
        for max in [0, 1, 700, 5_000, 19_999, 1 << 40] {
            for unit in [
                TextUnit::Chars,
                TextUnit::Bytes,
                TextUnit::Utf16,
                TextUnit::Graphemes,
            ] {
                let cut = truncate(&text, max, unit);
                let reference = truncate_whole(&text, max, unit, &whole);
                assert_eq!(cut.len(), reference.len(), "{max} {unit:?}");
            }
        }
    }

    /// The reference: the same cut over the ends of the whole text at once.
    fn truncate_whole<'s>(s: &'s str, max: usize, unit: TextUnit, ends: &[usize]) -> &'s str {
        let (mut kept, mut len, mut from) = (0, 0usize, 0);
        for &end in ends {
            len += match unit {
                TextUnit::Graphemes => 1,
                _ => s[from..end].chars().map(|c| unit.cost(c)).sum(),
            };
            if len > max {
                break;
            }
            kept = end;
            from = end;
        }
        &s[..kept]
    }

    #[test]
    fn a_cluster_longer_than_a_window_is_kept_whole() {
        let long = format!("ab{}c", "\u{301}".repeat(3 * WINDOW_BYTES));
        let m = measure(&long);
        assert_eq!(m.graphemes, 3);
        assert_eq!(
            truncate(&long, 2, TextUnit::Graphemes),
            &long[..long.len() - 1]
        );
        assert_eq!(truncate(&long, 50, TextUnit::Chars), "a");
    }

    #[test]
    fn truncating_by_chars_bytes_or_utf16_never_segments_past_the_cut() {
        let text = "ab".repeat(1 << 20);
        for unit in [TextUnit::Chars, TextUnit::Bytes, TextUnit::Utf16] {
            let seen = windows_seen(|seg| {
                assert_eq!(truncate_with(&text, 10, unit, seg).unwrap(), &text[..10]);
            });
            assert_eq!(seen, [11], "{unit:?}: the cut and the character after it");
        }
        let seen = windows_seen(|seg| {
            assert_eq!(
                truncate_with(&text, 10, TextUnit::Graphemes, seg).unwrap(),
                &text[..10]
            );
        });
        assert_eq!(seen, [WINDOW_BYTES]);
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
