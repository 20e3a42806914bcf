//! Rules, one small module per kind, and the context they report into.
//!
//! Each rule checks one thing and reports through [`Ctx`]; the field walker in
//! [`crate::spec`] decides which rules a field gets from its declaration.

pub mod charset;
pub mod count;
pub mod header;
pub mod length;
pub mod presence;
pub mod types;
pub mod unique;

use crate::issue::{params, Code, Issue, Params, ProviderCode, Report, Severity};
use crate::messages;
use crate::options::Options;

/// The most issues one report lists (errors and warnings together). Past it issues are
/// counted, not listed, and one final `more_issues` issue says how many: a hostile payload
/// cannot make a report, or the time spent rendering it, grow without bound.
pub const MAX_ISSUES: usize = 1_000;

/// Collects issues in the order they are found, up to [`MAX_ISSUES`], rendering each message in
/// the options' locale as it is reported: rules hand over data (code, params), never text.
pub struct Ctx<'o> {
    pub options: &'o Options,
    pub errors: Vec<Issue>,
    pub warnings: Vec<Issue>,
    /// Errors and warnings found past [`MAX_ISSUES`].
    unlisted: (usize, usize),
}

impl<'o> Ctx<'o> {
    pub fn new(options: &'o Options) -> Ctx<'o> {
        Ctx {
            options,
            errors: Vec::new(),
            warnings: Vec::new(),
            unlisted: (0, 0),
        }
    }

    pub fn report(
        &mut self,
        severity: Severity,
        path: String,
        code: Code,
        provider_code: Option<ProviderCode>,
        params: Params,
    ) {
        let is_error = severity.is_error(self.options.lenient);
        if self.errors.len() + self.warnings.len() >= MAX_ISSUES {
            if is_error {
                self.unlisted.0 += 1;
            } else {
                self.unlisted.1 += 1;
            }
            return;
        }
        let issue = Issue {
            message: messages::render(code, &params, self.options.locale),
            path,
            code,
            provider_code,
            params,
        };
        if is_error {
            self.errors.push(issue);
        } else {
            self.warnings.push(issue);
        }
    }

    pub fn error(
        &mut self,
        path: String,
        code: Code,
        provider_code: Option<ProviderCode>,
        params: Params,
    ) {
        self.report(Severity::Error, path, code, provider_code, params);
    }

    pub fn warn(&mut self, path: String, code: Code, params: Params) {
        self.report(Severity::Warning, path, code, None, params);
    }

    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }

    /// Errors found so far, listed or not.
    pub fn error_count(&self) -> usize {
        self.errors.len() + self.unlisted.0
    }

    /// The errors and warnings, the last of them a `more_issues` issue when some were not
    /// listed (an error when any unlisted one was, so `ok` stays false).
    pub fn into_issues(mut self) -> (Vec<Issue>, Vec<Issue>) {
        let (errors, warnings) = self.unlisted;
        if errors + warnings > 0 {
            let params = params!("count" => errors + warnings, "max" => MAX_ISSUES);
            let issue = Issue {
                message: messages::render(Code::MoreIssues, &params, self.options.locale),
                path: String::new(),
                code: Code::MoreIssues,
                provider_code: None,
                params,
            };
            if errors > 0 {
                self.errors.push(issue);
            } else {
                self.warnings.push(issue);
            }
        }
        (self.errors, self.warnings)
    }

    pub fn finish(self) -> Report {
        let (errors, warnings) = self.into_issues();
        Report::new(errors, warnings)
    }
}
