//! Values bound for HTTP headers and caller-supplied base URLs (SPEC §2 "Header and URL
//! safety"): a CR or LF would split the header, other control characters are rejected by
//! servers and by `fetch`, and non-ASCII cannot be written in a header at all.

use super::{Ctx, Pcode};
use crate::issue::Code;
use crate::params;

pub const HEADER_VALUE_ID: &str = "header_value";

/// Visible ASCII and inner spaces only.
pub fn check_header_value(ctx: &mut Ctx, path: &str, s: &str) {
    if let Some(index) = s.chars().position(|c| !(' '..='~').contains(&c)) {
        let params = params!("allowed" => HEADER_VALUE_ID, "index" => index);
        ctx.error(path.to_owned(), Code::InvalidChars, Pcode::None, params);
    } else if s.is_empty() || s.starts_with(' ') || s.ends_with(' ') {
        // An empty or space-padded header value is dropped or trimmed in transit: what would
        // be signed is not what arrives.
        ctx.error(path.to_owned(), Code::Blank, Pcode::None, params!());
    }
}

/// An absolute `http(s)` URL with a host and nothing after the path: no query, no fragment,
/// no credentials, no whitespace or control characters. Returns it without trailing `/`s, so
/// the caller can append the endpoint path.
pub fn check_base_url<'s>(ctx: &mut Ctx, path: &str, url: &'s str) -> Option<&'s str> {
    let reason = base_url_problem(url);
    match reason {
        Some(reason) => {
            let params = params!("reason" => reason);
            ctx.error(path.to_owned(), Code::InvalidUrl, Pcode::None, params);
            None
        }
        None => Some(url.trim_end_matches('/')),
    }
}

fn base_url_problem(url: &str) -> Option<&'static str> {
    if url.chars().any(|c| !('!'..='~').contains(&c)) {
        return Some("characters");
    }
    let lower = url.to_ascii_lowercase();
    let rest = if let Some(rest) = lower.strip_prefix("https://") {
        rest
    } else if let Some(rest) = lower.strip_prefix("http://") {
        rest
    } else {
        return Some("scheme");
    };
    if url.contains('?') {
        return Some("query");
    }
    if url.contains('#') {
        return Some("fragment");
    }
    let authority = rest.split('/').next().unwrap_or("");
    if authority.contains('@') {
        return Some("credentials");
    }
    let host = authority.rsplit_once(':').map_or(authority, |(h, port)| {
        if port.bytes().all(|b| b.is_ascii_digit()) && !h.ends_with(']') || h.ends_with(']') {
            h
        } else {
            authority
        }
    });
    if host.is_empty() || host.starts_with('.') || host.contains("..") {
        return Some("host");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::base_url_problem;

    #[test]
    fn base_urls() {
        for ok in [
            "https://example.com",
            "http://localhost:1213",
            "https://c.example.com/prefix/",
            "http://[::1]:8080",
        ] {
            assert_eq!(base_url_problem(ok), None, "{ok}");
        }
        for (bad, why) in [
            ("example.com", "scheme"),
            ("ftp://example.com", "scheme"),
            ("https://", "host"),
            ("https://:80", "host"),
            ("https://example.com/?a=1", "query"),
            ("https://example.com/#x", "fragment"),
            ("https://user:pw@example.com", "credentials"),
            ("https://exa mple.com", "characters"),
            ("https://example.com\r\nX: y", "characters"),
        ] {
            assert_eq!(base_url_problem(bad), Some(why), "{bad}");
        }
    }
}
