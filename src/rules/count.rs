//! Item counts of arrays.

use super::{Ctx, Pcode};
use crate::issue::{Code, Path, Severity};
use crate::params;

pub fn check_min_items(ctx: &mut Ctx, path: &Path, actual: usize, min: usize, pcode: Pcode) {
    if actual < min {
        let params = params!("min" => min, "actual" => actual);
        ctx.report(Severity::Error, path.render(), Code::TooFew, pcode, params);
    }
}

pub fn check_max_items(ctx: &mut Ctx, path: &Path, actual: usize, max: usize, pcode: Pcode) {
    if actual > max {
        let params = params!("max" => max, "actual" => actual);
        ctx.report(Severity::Error, path.render(), Code::TooMany, pcode, params);
    }
}
