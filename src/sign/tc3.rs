//! Tencent Cloud signature v3, "TC3-HMAC-SHA256" (docs/decisions.md "Signing"), checked against
//! the official worked examples A, B and C (docs/decisions.md "Signing").
//!
//! [`sign_tc3`] signs exactly what it is given: the query string and body bytes are hashed as
//! passed, never rebuilt, because the server recomputes the signature from the bytes it
//! receives. Inputs that cannot go on the wire unchanged (control characters in a header,
//! unencoded characters in a query) are refused instead of being silently altered.

use std::collections::BTreeMap;
use std::fmt;

use sha2::{Digest, Sha256};

use crate::charsets::TC3_SIGNABLE_SECRET_ID;
use crate::http;

use super::hex::{hex_digit, hex_encode};

/// Name of the algorithm, first line of the string to sign and prefix of the Authorization
/// value (docs/decisions.md "Signing").
const ALGORITHM: &str = "TC3-HMAC-SHA256";

/// Last element of the credential scope and the final key-derivation input
/// (docs/decisions.md "Signing").
const SCOPE_TERMINATOR: &str = "tc3_request";

/// Latest timestamp accepted: 9999-12-31T23:59:59Z. The credential scope carries a four-digit
/// `YYYY-MM-DD` date, which cannot express a later year.
pub const TIMESTAMP_MAX: i64 = 253_402_300_799;

/// Earliest timestamp [`utc_date`] formats: 0000-01-01T00:00:00Z (proleptic Gregorian), the
/// first instant with a four-digit year.
const DATE_TIMESTAMP_MIN: i64 = -62_167_219_200;

const SECONDS_PER_DAY: i64 = 86_400;

/// SHA-256 block size in bytes, the HMAC key-padding width (RFC 2104).
const SHA256_BLOCK_BYTES: usize = 64;

/// Inputs of one TC3 signature.
///
/// `Debug` is written by hand so that the secret key never reaches a log.
#[derive(Clone, Copy, Default)]
pub struct Tc3Request<'a> {
    /// Public key id; appears in the Authorization value, not in the signature.
    pub secret_id: &'a str,
    /// Secret key; only ever used as HMAC key material.
    pub secret_key: &'a str,
    /// The `X-TC-Timestamp` value, unix seconds. Its UTC date goes into the credential scope.
    pub timestamp: i64,
    /// Service name in the credential scope, e.g. `iai` (the first label of the host,
    /// docs/decisions.md "Signing").
    pub service: &'a str,
    /// The `Host` header, e.g. `iai.tencentcloudapi.com`.
    pub host: &'a str,
    /// `"POST"` or `"GET"`, ASCII case-insensitive; signed in uppercase (see [`sign_tc3`]).
    pub method: &'a str,
    /// The `Content-Type` header exactly as sent, charset included (docs/decisions.md "Signing":
    /// "content-type must match what is actually sent").
    pub content_type: &'a str,
    /// Exact query string after `?`, already percent-encoded; `""` for POST.
    pub query: &'a str,
    /// Exact body bytes; empty for GET.
    pub payload: &'a [u8],
    /// More headers to sign, e.g. `("X-TC-Action", "CreateGroup")`. Key and value are
    /// lower-cased and trimmed in the canonical headers, sorted by key together with
    /// content-type and host.
    pub extra_headers: &'a [(&'a str, &'a str)],
}

impl fmt::Debug for Tc3Request<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Tc3Request")
            .field("secret_id", &self.secret_id)
            .field("secret_key", &"<redacted>")
            .field("timestamp", &self.timestamp)
            .field("service", &self.service)
            .field("host", &self.host)
            .field("method", &self.method)
            .field("content_type", &self.content_type)
            .field("query", &self.query)
            .field("payload_len", &self.payload.len())
            .field("extra_headers", &self.extra_headers)
            .finish()
    }
}

/// A TC3 signature with its intermediate strings, so a mismatch with the server can be traced
/// to the step that differs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tc3Signature {
    /// The whole `Authorization` header value.
    pub authorization: String,
    /// Lowercase hex HMAC-SHA256 of the string to sign.
    pub signature: String,
    /// Step 1: method, `/`, query, canonical headers, signed headers and payload hash, one
    /// per line.
    pub canonical_request: String,
    /// Step 2: algorithm, timestamp, credential scope and the canonical request's hash.
    pub string_to_sign: String,
    /// `YYYY-MM-DD/<service>/tc3_request`.
    pub credential_scope: String,
    /// Lower-case signed header names joined by `;`, e.g. `content-type;host;x-tc-action`.
    pub signed_headers: String,
}

/// Why a request cannot be signed. Messages say what is wrong and, for extra headers, at which
/// index; they never contain a credential or any input value.
#[derive(thiserror::Error, Debug, Clone, PartialEq, Eq)]
pub enum Tc3Error {
    /// The secret id is empty.
    #[error("secret id is empty")]
    MissingSecretId,
    /// The secret id would break the `Credential=` part of the Authorization value.
    #[error("secret id must be visible ASCII without ',', ';' or '/'")]
    InvalidSecretId,
    /// The secret key is empty.
    #[error("secret key is empty")]
    MissingSecretKey,
    /// The timestamp is negative or after 9999-12-31T23:59:59Z.
    #[error("timestamp is outside 0..=253402300799 seconds (1970-01-01 to 9999-12-31 UTC)")]
    TimestampOutOfRange,
    /// The service is empty or not a plain name.
    #[error("service must be non-empty ASCII letters, digits, '-' or '_'")]
    InvalidService,
    /// The host is empty or holds characters a host cannot.
    #[error("host must be non-empty visible ASCII without '/', '?', '#', '@' or '\\'")]
    InvalidHost,
    /// The method is neither POST nor GET.
    #[error("method must be POST or GET")]
    UnsupportedMethod,
    /// The content type is blank or holds control or non-ASCII characters.
    #[error("content type must be non-empty printable ASCII without control characters")]
    InvalidContentType,
    /// The query holds characters that must be percent-encoded.
    #[error("query must be visible ASCII without '#'; percent-encode other characters")]
    InvalidQuery,
    /// An extra header name is not an HTTP token.
    #[error("extra header {index}: name must be a token (visible ASCII without separators)")]
    InvalidHeaderName {
        /// Position in `extra_headers`, counted from 0.
        index: usize,
    },
    /// An extra header is content-type or host (signed from their own fields) or authorization
    /// (the result of signing).
    #[error("extra header {index}: content-type, host and authorization cannot be extra headers")]
    ReservedHeader {
        /// Position in `extra_headers`, counted from 0.
        index: usize,
    },
    /// An extra header name repeats an earlier extra header.
    #[error("extra header {index}: name repeats an earlier header (names are case-insensitive)")]
    DuplicateHeader {
        /// Position in `extra_headers`, counted from 0.
        index: usize,
    },
    /// An extra header value holds control or non-ASCII characters.
    #[error("extra header {index}: value must be printable ASCII without control characters")]
    InvalidHeaderValue {
        /// Position in `extra_headers`, counted from 0.
        index: usize,
    },
}

/// Lowercase hex SHA-256 of `bytes`: the payload and canonical-request hashes of TC3
/// (docs/decisions.md "Signing").
#[must_use]
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex_encode(&Sha256::digest(bytes), false)
}

/// HMAC-SHA256 (RFC 2104) of `message` under `key`, for any key length.
///
/// Written out over `sha2` rather than taken from the `hmac` crate because that crate's
/// constructor returns a `Result` (although HMAC accepts every key length) which would have to
/// be unwrapped; this form has no failure path at all. Checked against RFC 4231 (including a
/// key longer than a block) and the three Tencent vectors.
#[must_use]
pub fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut block = [0u8; SHA256_BLOCK_BYTES];
    if key.len() > SHA256_BLOCK_BYTES {
        // Keys longer than a block are hashed first (RFC 2104 §2).
        for (dst, src) in block.iter_mut().zip(Sha256::digest(key)) {
            *dst = src;
        }
    } else {
        for (dst, src) in block.iter_mut().zip(key) {
            *dst = *src;
        }
    }
    let mut inner = Sha256::new();
    inner.update(block.map(|b| b ^ 0x36));
    inner.update(message);
    let inner_hash = inner.finalize();
    let mut outer = Sha256::new();
    outer.update(block.map(|b| b ^ 0x5c));
    outer.update(inner_hash);
    let mut out = [0u8; 32];
    for (dst, src) in out.iter_mut().zip(outer.finalize()) {
        *dst = src;
    }
    out
}

/// UTC calendar date YYYY-MM-DD of a unix timestamp (seconds), days-from-civil arithmetic, no chrono.
///
/// TC3's credential scope needs the **UTC** date of `X-TC-Timestamp` (docs/decisions.md
/// "Signing"); a local date would break signatures near midnight. Proleptic Gregorian
/// calendar; `None` outside 0000-01-01T00:00:00Z ..= 9999-12-31T23:59:59Z, where the year would
/// not have four digits. The range check comes first, so no arithmetic below can overflow.
#[must_use]
pub fn utc_date(timestamp: i64) -> Option<String> {
    if !(DATE_TIMESTAMP_MIN..=TIMESTAMP_MAX).contains(&timestamp) {
        return None;
    }
    let (year, month, day) = civil_from_days(timestamp.div_euclid(SECONDS_PER_DAY));
    Some(format!("{year:04}-{month:02}-{day:02}"))
}

/// Year, month (1–12) and day (1–31) of the day `days` after 1970-01-01, after Howard Hinnant's
/// `civil_from_days`: shift to eras of 400 years starting on March 1st, where the leap day is
/// the last day of the year. Callers bound `days` to years 0..=9999, far from overflow.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    // Days from 0000-03-01 to 1970-01-01.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097; // 0..=146_096
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365; // 0..=399
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100); // 0..=365
    let month_from_march = (5 * day_of_year + 2) / 153; // 0..=11, 0 = March
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1; // 1..=31
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// RFC 3986 percent-encoding of UTF-8 bytes: unreserved A-Z a-z 0-9 - _ . ~ kept, everything else %XX UPPERCASE (space -> %20, never '+').
///
/// This is the encoding Tencent's doc asks for in GET query strings ("参考 RFC3986 进行
/// URLEncode，字符集 UTF-8，…所有特殊字符均需编码，大写形式", docs/decisions.md
/// "Tencent CreateGroup"). It differs from HTML form encoding (`+` for space), which the Python
/// SDK happens to use; either verifies as long as the signed query is the one sent.
#[must_use]
pub fn percent_encode_rfc3986(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(hex_digit(b >> 4, true));
            out.push(hex_digit(b, true));
        }
    }
    out
}

/// Signs a request with TC3-HMAC-SHA256 (docs/decisions.md "Signing").
///
/// * Method: `POST` or `GET`, accepted in any ASCII case and signed in uppercase, because
///   `fetch` and Node normalise these method names to uppercase before sending, so uppercase is
///   what the server sees. Any other method is refused.
/// * Canonical URI is always `/`; the canonical query string is `query` exactly as given (for
///   GET, the caller builds it once, e.g. with [`percent_encode_rfc3986`], and sends the same
///   text); the payload hash is over `payload` exactly.
/// * Canonical headers are content-type, host and `extra_headers`, each `key:value\n` with key
///   and value lower-cased and trimmed of spaces, sorted by key in ASCII order; signed headers
///   are the same keys joined by `;` (docs/decisions.md "Signing", vector C).
/// * Date is the UTC date of `timestamp`; the key chain is `"TC3" + secret_key` → date →
///   service → `tc3_request` (docs/decisions.md "Signing").
///
/// # Errors
/// A [`Tc3Error`] when a value could not be sent as signed (control or non-ASCII characters
/// in a header, unencoded characters in the query), an extra header name is not an HTTP token
/// or repeats another header, the method is neither POST nor GET, the timestamp is outside
/// 1970..=9999, or a credential is empty. Checks run in field order; the first failure is
/// returned.
pub fn sign_tc3(req: &Tc3Request) -> Result<Tc3Signature, Tc3Error> {
    if req.secret_id.is_empty() {
        return Err(Tc3Error::MissingSecretId);
    }
    if TC3_SIGNABLE_SECRET_ID
        .first_outside(req.secret_id)
        .is_some()
    {
        return Err(Tc3Error::InvalidSecretId);
    }
    if req.secret_key.is_empty() {
        return Err(Tc3Error::MissingSecretKey);
    }
    if req.timestamp < 0 {
        return Err(Tc3Error::TimestampOutOfRange);
    }
    let date = utc_date(req.timestamp).ok_or(Tc3Error::TimestampOutOfRange)?;
    if req.service.is_empty()
        || !req
            .service
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(Tc3Error::InvalidService);
    }
    if req.host.is_empty() || !req.host.bytes().all(is_host_byte) {
        return Err(Tc3Error::InvalidHost);
    }
    let method = if req.method.eq_ignore_ascii_case("POST") {
        "POST"
    } else if req.method.eq_ignore_ascii_case("GET") {
        "GET"
    } else {
        return Err(Tc3Error::UnsupportedMethod);
    };
    let content_type = canonical_header_value(req.content_type)
        .filter(|v| !v.is_empty())
        .ok_or(Tc3Error::InvalidContentType)?;
    if !req.query.bytes().all(is_query_byte) {
        return Err(Tc3Error::InvalidQuery);
    }

    // A BTreeMap keyed by the lower-cased name gives the ASCII-ascending order TC3 wants and
    // finds repeated names as they are inserted.
    let mut headers: BTreeMap<String, String> = BTreeMap::new();
    headers.insert("content-type".to_owned(), content_type);
    headers.insert("host".to_owned(), req.host.to_ascii_lowercase());
    for (index, &(name, value)) in req.extra_headers.iter().enumerate() {
        if name.is_empty() || !name.bytes().all(http::is_token_byte) {
            return Err(Tc3Error::InvalidHeaderName { index });
        }
        let key = name.to_ascii_lowercase();
        if matches!(key.as_str(), "content-type" | "host" | "authorization") {
            return Err(Tc3Error::ReservedHeader { index });
        }
        let value = canonical_header_value(value).ok_or(Tc3Error::InvalidHeaderValue { index })?;
        if headers.contains_key(&key) {
            return Err(Tc3Error::DuplicateHeader { index });
        }
        headers.insert(key, value);
    }

    let mut canonical_headers = String::new();
    let mut signed_headers = String::new();
    for (key, value) in &headers {
        canonical_headers.push_str(key);
        canonical_headers.push(':');
        canonical_headers.push_str(value);
        canonical_headers.push('\n');
        if !signed_headers.is_empty() {
            signed_headers.push(';');
        }
        signed_headers.push_str(key);
    }

    // docs/decisions.md "Signing". `canonical_headers` ends with '\n', hence the empty
    // line before the signed headers.
    let canonical_request = format!(
        "{method}\n/\n{query}\n{canonical_headers}\n{signed_headers}\n{payload_hash}",
        query = req.query,
        payload_hash = sha256_hex(req.payload),
    );

    // Step 2.
    let credential_scope = format!("{date}/{}/{SCOPE_TERMINATOR}", req.service);
    let string_to_sign = format!(
        "{ALGORITHM}\n{}\n{credential_scope}\n{}",
        req.timestamp,
        sha256_hex(canonical_request.as_bytes()),
    );

    // Step 3.
    let mut date_key = Vec::with_capacity(req.secret_key.len().saturating_add(3));
    date_key.extend_from_slice(b"TC3");
    date_key.extend_from_slice(req.secret_key.as_bytes());
    let secret_date = hmac_sha256(&date_key, date.as_bytes());
    let secret_service = hmac_sha256(&secret_date, req.service.as_bytes());
    let secret_signing = hmac_sha256(&secret_service, SCOPE_TERMINATOR.as_bytes());
    let signature = hex_encode(
        &hmac_sha256(&secret_signing, string_to_sign.as_bytes()),
        false,
    );

    // Step 4.
    let authorization = format!(
        "{ALGORITHM} Credential={}/{credential_scope}, SignedHeaders={signed_headers}, Signature={signature}",
        req.secret_id,
    );

    Ok(Tc3Signature {
        authorization,
        signature,
        canonical_request,
        string_to_sign,
        credential_scope,
        signed_headers,
    })
}

/// Lower-cased, space-trimmed header value, or `None` when the value holds anything but
/// printable ASCII. Control characters (CR and LF above all) would split or corrupt the header
/// line; non-ASCII bytes are encoded differently by different HTTP stacks, so what is signed
/// might not be what is sent.
fn canonical_header_value(value: &str) -> Option<String> {
    if value.bytes().all(|b| (0x20..=0x7e).contains(&b)) {
        Some(value.trim_matches(' ').to_ascii_lowercase())
    } else {
        None
    }
}

/// A host (with optional port) is visible ASCII; `/ ? # @ \` would make it part of a URL path,
/// query, fragment or userinfo instead.
fn is_host_byte(b: u8) -> bool {
    b.is_ascii_graphic() && !matches!(b, b'/' | b'?' | b'#' | b'@' | b'\\')
}

/// A query goes on the wire as is, so it must already be percent-encoded: no spaces, controls,
/// non-ASCII or `#` (which would start a fragment).
fn is_query_byte(b: u8) -> bool {
    b.is_ascii_graphic() && b != b'#'
}
