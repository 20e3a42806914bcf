//! Uniqueness within one array. Items are checked in order, so each repeat is reported where
//! it stands (document order), pointing at the first copy.

use super::{Ctx, Pcode};
use crate::issue::{Code, Severity};
use crate::params;
use std::collections::HashMap;

#[derive(Default)]
pub struct Seen<'v> {
    first: HashMap<&'v str, usize>,
}

impl<'v> Seen<'v> {
    /// Records item `index`'s key, reporting a duplicate at `path` if an earlier item had it.
    pub fn check(
        &mut self,
        ctx: &mut Ctx,
        path: String,
        index: usize,
        key: &'v str,
        severity: Severity,
        pcode: Pcode,
    ) {
        match self.first.get(key) {
            Some(&first) => {
                ctx.report(
                    severity,
                    path,
                    Code::Duplicate,
                    pcode,
                    params!("first" => first),
                );
            }
            None => {
                self.first.insert(key, index);
            }
        }
    }
}
