//! Request signatures and auth header values: Tencent Cloud TC3-HMAC-SHA256, the GeeLark key
//! signature, and Capillary's basic-auth value.
//!
//! Everything here is a pure function over strings and bytes. Time, trace ids and nonces are
//! arguments, never read from a clock or a random source, so every result can be checked
//! against the providers' published vectors (research/providers.md §1.3, §2.6, §4.3). No
//! public function can panic: this code runs in wasm, where a panic kills the module.

pub mod capillary;
pub mod geelark;
pub mod tc3;

pub use capillary::capillary_basic_auth;
pub use geelark::{geelark_nonce, geelark_sign};
pub use tc3::{
    hmac_sha256, percent_encode_rfc3986, sha256_hex, sign_tc3, utc_date, Tc3Error, Tc3Request,
    Tc3Signature, TIMESTAMP_MAX,
};

/// Hex digit of the low four bits of `nibble`: arithmetic on a value below 16, so nothing to
/// index and nothing that can fail.
pub(crate) fn hex_digit(nibble: u8, upper: bool) -> char {
    let n = nibble & 0x0f;
    let letter_base = if upper { b'A' } else { b'a' };
    char::from(if n < 10 {
        b'0' + n
    } else {
        letter_base + (n - 10)
    })
}

/// Hex text of `bytes`, two digits per byte. Providers disagree on case (Tencent and Capillary
/// want lowercase, GeeLark uppercase), so the caller chooses.
pub(crate) fn hex_encode(bytes: &[u8], upper: bool) -> String {
    let mut out = String::with_capacity(bytes.len().saturating_mul(2));
    for &b in bytes {
        out.push(hex_digit(b >> 4, upper));
        out.push(hex_digit(b, upper));
    }
    out
}
