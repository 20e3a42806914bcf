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
use crate::messages;
use crate::options::Options;

/// Collects issues in the order they are found, rendering each message in the options' locale
/// as it is reported: rules hand over data (code, params), never text.
pub struct Ctx<'o> {
    pub options: &'o Options,
    pub errors: Vec<Issue>,
    pub warnings: Vec<Issue>,
}

impl<'o> Ctx<'o> {
    pub fn new(options: &'o Options) -> Ctx<'o> {
        Ctx {
            options,
            errors: Vec::new(),
            warnings: Vec::new(),
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
        let issue = Issue {
            message: messages::render(code, &params, self.options.locale),
            path,
            code,
            provider_code,
            params,
        };
        if severity.is_error(self.options.lenient) {
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

    pub fn finish(self) -> Report {
        Report::new(self.errors, self.warnings)
    }
}
