//! Values bound for HTTP headers and caller-supplied base URLs, reported as issues at the
//! option that holds them (`options.token`, `options.baseUrl`). What is acceptable is
//! [`crate::http`]'s to say.

use super::Ctx;
use crate::charsets::{Charset, HEADER_VALUE};
use crate::http::{self, HeaderValueProblem};
use crate::issue::{params, Code, Params, Severity};
use crate::path::Path;

/// A header value: visible ASCII and inner spaces only.
pub fn check_header_value(ctx: &mut Ctx, path: &str, s: &str) {
    match http::header_value_problem(s) {
        None => {}
        Some(HeaderValueProblem::Character(_)) => {
            super::charset::report_outside(
                ctx,
                Severity::Error,
                &Path::from(path),
                s,
                &HEADER_VALUE,
                &None,
            );
        }
        Some(HeaderValueProblem::Blank) => {
            ctx.error(path.to_owned(), Code::Blank, None, Params::default());
        }
    }
}

/// A header value that is also a credential with an alphabet of its own (a Tencent
/// SecretId): the header rules first, then the alphabet.
pub fn check_credential(ctx: &mut Ctx, path: &str, s: &str, alphabet: &Charset) {
    let before = ctx.errors.len();
    check_header_value(ctx, path, s);
    if ctx.errors.len() == before {
        super::charset::report_outside(ctx, Severity::Error, &Path::from(path), s, alphabet, &None);
    }
}

/// An absolute `http(s)` URL that `fetch` accepts as given, with nothing after the path.
/// Returns it without trailing `/`s, so the caller can append the endpoint path.
pub fn check_base_url<'s>(ctx: &mut Ctx, path: &str, url: &'s str) -> Option<&'s str> {
    match http::base_url_problem(url) {
        Some(reason) => {
            let params = params!("reason" => reason);
            ctx.error(path.to_owned(), Code::InvalidUrl, None, params);
            None
        }
        None => Some(url.trim_end_matches('/')),
    }
}
