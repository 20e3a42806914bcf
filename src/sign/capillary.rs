//! Capillary basic authentication (docs/decisions.md "Signing").

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use md5::{Digest, Md5};

use super::hex::hex_encode;

/// Whole header value: "Basic " + base64(username + ":" + lowercase md5 hex(password))
///
/// Capillary's basic auth differs from RFC 7617: the password part is the lowercase hex MD5 of
/// the password, not the password itself (docs/decisions.md "Signing", worked example
/// `store.server` / `server123` → `Basic c3RvcmUuc2VydmVyOjhhMTZhNmI3MDUwNWViMWYxZmY3Y2RjMGNkNTU1OWE3`).
/// Base64 is the standard alphabet with padding. The username is taken as given; a `:` in it
/// would be ambiguous to the server, which is for the caller's validation to report.
#[must_use]
pub fn capillary_basic_auth(username: &str, password: &str) -> String {
    let digest = hex_encode(&Md5::digest(password.as_bytes()), false);
    let mut credentials = String::with_capacity(username.len().saturating_add(33));
    credentials.push_str(username);
    credentials.push(':');
    credentials.push_str(&digest);
    let mut out = String::from("Basic ");
    STANDARD.encode_string(credentials.as_bytes(), &mut out);
    out
}
