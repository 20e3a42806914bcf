//! `measure` and `truncate`: character counts as JavaScript's `[...s].length` and `s.length`
//! give them, and truncation to the longest prefix that fits.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use group_payloads::text;
use proptest::{prelude::*, test_runner::Config};

proptest! {
    #![proptest_config(Config { cases: 500, failure_persistence: None, ..Config::default() })]

    #[test]
    fn char_counts_agree_with_javascript(s in prop_oneof![any::<String>(), text_strategy()]) {
        prop_assert_eq!(js_spread_length(&s), s.chars().count());
        prop_assert_eq!(js_length(&s), s.encode_utf16().count());
        let m = text::measure(&s);
        prop_assert_eq!(m.chars, js_spread_length(&s));
        prop_assert_eq!(m.utf16, js_length(&s));
        prop_assert_eq!(m.bytes, s.len());
        prop_assert!(m.graphemes <= m.chars);
    }

    #[test]
    fn truncate_returns_the_longest_fitting_prefix(s in text_strategy(), max in 0usize..20) {
        for unit in [text::TextUnit::Chars, text::TextUnit::Bytes, text::TextUnit::Utf16, text::TextUnit::Graphemes] {
            let cut = text::truncate(&s, max, unit);
            prop_assert!(s.starts_with(cut));
            let m = text::measure(cut);
            let len = match unit {
                text::TextUnit::Chars => m.chars,
                text::TextUnit::Bytes => m.bytes,
                text::TextUnit::Utf16 => m.utf16,
                text::TextUnit::Graphemes => m.graphemes,
            };
            prop_assert!(len <= max, "{:?}: {} > {}", unit, len, max);
            if text::measure(&s).graphemes <= max && unit == text::TextUnit::Graphemes {
                prop_assert_eq!(cut, s.as_str());
            }
        }
    }
}
