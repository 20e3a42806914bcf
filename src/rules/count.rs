//! Item counts of arrays.

use super::Ctx;
use crate::issue::params;
use crate::issue::{Code, ProviderCode, Severity};
use crate::path::Path;

pub fn check_min_items(
    ctx: &mut Ctx,
    path: &Path,
    actual: usize,
    min: usize,
    code: &Option<ProviderCode>,
) {
    if actual < min {
        let params = params!("min" => min, "actual" => actual);
        ctx.report(
            Severity::Error,
            path.render(),
            Code::TooFew,
            code.clone(),
            params,
        );
    }
}

pub fn check_max_items(
    ctx: &mut Ctx,
    path: &Path,
    actual: usize,
    max: usize,
    code: &Option<ProviderCode>,
) {
    if actual > max {
        let params = params!("max" => max, "actual" => actual);
        ctx.report(
            Severity::Error,
            path.render(),
            Code::TooMany,
            code.clone(),
            params,
        );
    }
}
