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

/// Hex digit of the low four bits of `nibble`. A `match` rather than a table lookup, so there is
/// no indexing to reason about.
pub(crate) fn hex_digit(nibble: u8, upper: bool) -> char {
    match (nibble & 0x0f, upper) {
        (0, _) => '0',
        (1, _) => '1',
        (2, _) => '2',
        (3, _) => '3',
        (4, _) => '4',
        (5, _) => '5',
        (6, _) => '6',
        (7, _) => '7',
        (8, _) => '8',
        (9, _) => '9',
        (10, false) => 'a',
        (11, false) => 'b',
        (12, false) => 'c',
        (13, false) => 'd',
        (14, false) => 'e',
        (15, false) => 'f',
        (10, true) => 'A',
        (11, true) => 'B',
        (12, true) => 'C',
        (13, true) => 'D',
        (14, true) => 'E',
        _ => 'F',
    }
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
