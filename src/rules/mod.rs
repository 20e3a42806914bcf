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

use crate::issue::{Code, Issue, Params, ProviderCode, Report, Severity};
use crate::options::Options;

/// A provider's own code for a rule, when it documents one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pcode {
    None,
    Text(&'static str),
    Number(i64),
}

impl Pcode {
    pub fn to_provider_code(self) -> Option<ProviderCode> {
        match self {
            Pcode::None => None,
            Pcode::Text(t) => Some(ProviderCode::from(t)),
            Pcode::Number(n) => Some(ProviderCode::Number(n)),
        }
    }
}

/// The most issues one report lists (errors and warnings together). Past it issues are
/// counted, not listed, and one final `more_issues` issue says how many (SPEC §2): a hostile
/// payload cannot make a report, or the time spent rendering it, grow without bound.
pub const MAX_ISSUES: usize = 1_000;

/// Collects issues in the order they are found, up to [`MAX_ISSUES`].
pub struct Ctx<'o> {
    pub options: &'o Options,
    pub errors: Vec<Issue>,
    pub warnings: Vec<Issue>,
    /// Found past [`MAX_ISSUES`]: (errors, warnings).
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
        pcode: Pcode,
        params: Params,
    ) {
        self.report_with_code(severity, path, code, pcode.to_provider_code(), params);
    }

    /// Like `report`, with a provider code known only at run time (read from a response).
    pub fn report_with_code(
        &mut self,
        severity: Severity,
        path: String,
        code: Code,
        provider_code: Option<ProviderCode>,
        params: Params,
    ) {
        let is_error = match severity {
            Severity::Error => true,
            Severity::Warning => false,
            Severity::ErrorUnlessLenient => !self.options.lenient,
        };
        if self.errors.len() + self.warnings.len() >= MAX_ISSUES {
            if is_error {
                self.unlisted.0 += 1;
            } else {
                self.unlisted.1 += 1;
            }
            return;
        }
        let issue = Issue::new(path, code, provider_code, params, self.options.locale);
        if is_error {
            self.errors.push(issue);
        } else {
            self.warnings.push(issue);
        }
    }

    pub fn error(&mut self, path: String, code: Code, pcode: Pcode, params: Params) {
        self.report(Severity::Error, path, code, pcode, params);
    }

    pub fn warn(&mut self, path: String, code: Code, params: Params) {
        self.report(Severity::Warning, path, code, Pcode::None, params);
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
            let params = crate::params!("count" => errors + warnings, "max" => MAX_ISSUES);
            let issue = Issue::new(
                String::new(),
                Code::MoreIssues,
                None,
                params,
                self.options.locale,
            );
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

/// `Params` from `key => value` pairs.
#[macro_export]
#[doc(hidden)]
macro_rules! params {
    ($($key:literal => $value:expr),* $(,)?) => {
        $crate::issue::Params(vec![$(($key, $crate::issue::Param::from($value))),*])
    };
}
