//! Uniqueness within one array. Items are checked in order, so each repeat is reported where
//! it stands (document order), pointing at the first copy.

use super::{Ctx, Pcode};
use crate::issue::{Code, Path, Severity};
use crate::params;
use rustc_hash::FxHashMap as HashMap;

/// Up to this many keys a linear scan beats hashing (most lists are short); past it, a map
/// keeps a batch of 10^5 groups linear.
const SCAN_LIMIT: usize = 16;

#[derive(Default)]
pub struct Seen<'v> {
    few: Vec<(&'v str, usize)>,
    many: HashMap<&'v str, usize>,
}

impl<'v> Seen<'v> {
    fn first(&self, key: &str) -> Option<usize> {
        if self.many.is_empty() {
            self.few.iter().find(|(k, _)| *k == key).map(|&(_, i)| i)
        } else {
            self.many.get(key).copied()
        }
    }

    fn insert(&mut self, key: &'v str, index: usize) {
        if self.many.is_empty() && self.few.len() < SCAN_LIMIT {
            self.few.push((key, index));
            return;
        }
        if self.many.is_empty() {
            self.many.extend(self.few.drain(..));
        }
        self.many.insert(key, index);
    }

    /// Records item `index`'s key, reporting a duplicate at `path` if an earlier item had it.
    pub fn check(
        &mut self,
        ctx: &mut Ctx,
        path: &Path,
        index: usize,
        key: &'v str,
        severity: Severity,
        pcode: Pcode,
    ) {
        match self.first(key) {
            Some(first) => {
                ctx.report(
                    severity,
                    path.render(),
                    Code::Duplicate,
                    pcode,
                    params!("first" => first),
                );
            }
            None => self.insert(key, index),
        }
    }
}
