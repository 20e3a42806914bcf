//! Allowed characters: a field's charset rule, reported as `invalid_chars` with the charset's
//! id and the index of the first character outside it.

use super::Ctx;
use crate::charsets::Charset;
use crate::issue::{params, Code, ProviderCode, Severity};
use crate::path::Path;

/// A charset as one field's rule: how bad a character outside it is, and the provider's code.
#[derive(Debug, Clone)]
pub struct CharsetRule {
    pub charset: &'static Charset,
    pub severity: Severity,
    pub code: Option<ProviderCode>,
}

pub fn check(ctx: &mut Ctx, path: &Path, s: &str, rule: &CharsetRule) {
    report_outside(ctx, rule.severity, path, s, rule.charset, &rule.code);
}

/// Reports the first character of `s` outside `charset`, if there is one; true when it did.
pub fn report_outside(
    ctx: &mut Ctx,
    severity: Severity,
    path: &Path,
    s: &str,
    charset: &Charset,
    code: &Option<ProviderCode>,
) -> bool {
    let Some(index) = charset.first_outside(s) else {
        return false;
    };
    let params = params!("allowed" => charset.id, "index" => index);
    ctx.report(
        severity,
        path.render(),
        Code::InvalidChars,
        code.clone(),
        params,
    );
    true
}
