//! Uniqueness within one array. Items are checked in order, so each repeat is reported where
//! it stands (document order), pointing at the first copy.

use super::Ctx;
use crate::issue::params;
use crate::issue::{Code, ProviderCode, Severity};
use crate::path::Path;
use rustc_hash::FxHashMap as HashMap;

/// Up to this many keys a linear scan over an inline array beats hashing and allocates
/// nothing (most lists and objects are short); past it, a map keeps a batch of 10^5 groups
/// linear.
pub const SCAN_LIMIT: usize = 16;

#[derive(Default)]
pub struct Seen<'v> {
    few: [(&'v str, usize); SCAN_LIMIT],
    few_len: usize,
    many: HashMap<&'v str, usize>,
    /// How many keys are coming, when known: the map is made that size once, not regrown.
    expected: usize,
}

impl<'v> Seen<'v> {
    /// For `expected` keys (an array's length): a long list's map is allocated once.
    pub fn expecting(expected: usize) -> Seen<'v> {
        Seen {
            expected,
            ..Seen::default()
        }
    }

    fn first(&self, key: &str) -> Option<usize> {
        if self.many.is_empty() {
            self.few[..self.few_len]
                .iter()
                .find(|(k, _)| *k == key)
                .map(|&(_, i)| i)
        } else {
            self.many.get(key).copied()
        }
    }

    fn insert(&mut self, key: &'v str, index: usize) {
        if self.many.is_empty() && self.few_len < SCAN_LIMIT {
            self.few[self.few_len] = (key, index);
            self.few_len += 1;
            return;
        }
        if self.many.is_empty() {
            self.many.reserve(self.expected.max(2 * SCAN_LIMIT));
            self.many.extend(self.few[..self.few_len].iter().copied());
        }
        self.many.insert(key, index);
    }

    /// Records item `index`'s key, reporting a duplicate at `path` if an earlier item had it.
    /// Returns whether it was one.
    pub fn check(
        &mut self,
        ctx: &mut Ctx,
        path: &Path,
        index: usize,
        key: &'v str,
        severity: Severity,
        code: &Option<ProviderCode>,
    ) -> bool {
        match self.first(key) {
            Some(first) => {
                ctx.report(
                    severity,
                    path.render(),
                    Code::Duplicate,
                    code.clone(),
                    params!("first" => first),
                );
                true
            }
            None => {
                self.insert(key, index);
                false
            }
        }
    }

    /// The index of an earlier item with `key`, or None after recording this one.
    pub fn first_or_insert(&mut self, key: &'v str, index: usize) -> Option<usize> {
        let first = self.first(key);
        if first.is_none() {
            self.insert(key, index);
        }
        first
    }
}

/// A key repeated in one object (JSON text can do that): an error at the key, with
/// `params.of = "key"` and `first` the position of the earlier pair.
pub fn repeated_key(ctx: &mut Ctx, path: &Path, first: usize) {
    let params = params!("first" => first, "of" => "key");
    ctx.report(
        Severity::Error,
        path.render(),
        Code::Duplicate,
        None,
        params,
    );
}
