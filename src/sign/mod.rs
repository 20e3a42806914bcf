//! Request signatures and auth header values: Tencent Cloud TC3-HMAC-SHA256, the GeeLark key
//! signature, and Capillary's basic-auth value.
//!
//! Everything here is a pure function over strings and bytes. Time, trace ids and nonces are
//! arguments, never read from a clock or a random source, so every result can be checked
//! against the providers' published vectors (docs/decisions.md "Signing"). No
//! public function can panic: this code runs in wasm, where a panic kills the module.

pub mod capillary;
pub mod geelark;
mod hex;
pub mod tc3;

pub use capillary::capillary_basic_auth;
pub use geelark::{geelark_nonce, geelark_sign};
pub use tc3::{
    hmac_sha256, percent_encode_rfc3986, sha256_hex, sign_tc3, utc_date, Tc3Error, Tc3Request,
    Tc3Signature, TIMESTAMP_MAX,
};
