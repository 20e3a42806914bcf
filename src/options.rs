//! Validation options shared by every provider.

use crate::messages::Locale;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Turn rules that the provider's own published samples contradict into warnings
    /// (today: Tencent's charset rules, whose English samples use spaces). SPEC §2.
    pub lenient: bool,
    /// Language of issue messages.
    pub locale: Locale,
}
