//! GeeLark "key verification" headers (docs/decisions.md "GeeLark auth").
//!
//! The caller supplies `traceId` and `ts`; this module only derives `nonce` and `sign` from
//! them, so the same inputs always give the same headers.

use sha2::{Digest, Sha256};

use super::hex::hex_encode;

/// How many characters of the trace id make the nonce: "nonce: the first 6 characters of
/// traceId" (docs/decisions.md "GeeLark auth").
const NONCE_CHARS: usize = 6;

/// nonce = first 6 characters (chars, not bytes) of trace_id; if shorter, the whole trace_id.
///
/// Counting characters rather than bytes means a non-ASCII trace id is never cut inside a
/// character, so the result is always a valid prefix of the input (and no slicing can panic).
/// The trace id is used exactly as given, without case changes: the published example only
/// reproduces with the trace id hashed as sent (docs/decisions.md "GeeLark auth").
#[must_use]
pub fn geelark_nonce(trace_id: &str) -> &str {
    match trace_id.char_indices().nth(NONCE_CHARS) {
        // `i` is the byte offset of the 7th character, hence a char boundary; `get` keeps
        // this panic-free even so.
        Some((i, _)) => trace_id.get(..i).unwrap_or(trace_id),
        None => trace_id,
    }
}

/// Uppercase hex SHA-256 of app_id + trace_id + ts + nonce + api_key (plain SHA-256, not HMAC). ts in milliseconds as decimal text.
///
/// The five parts are concatenated with no separator and the nonce is derived with
/// [`geelark_nonce`], so the `nonce` header sent must be that same value
/// (docs/decisions.md "GeeLark auth": "concatenate TeamAppId + traceId + ts + nonce + TeamApiKey …
/// SHA256 … hexadecimal, uppercase"). `ts` is hashed as the exact text that goes into the `ts`
/// header, which is why it is a string here.
#[must_use]
pub fn geelark_sign(app_id: &str, trace_id: &str, ts: &str, api_key: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(app_id.as_bytes());
    hasher.update(trace_id.as_bytes());
    hasher.update(ts.as_bytes());
    hasher.update(geelark_nonce(trace_id).as_bytes());
    hasher.update(api_key.as_bytes());
    hex_encode(&hasher.finalize(), true)
}
