//! Hex text of digests.

/// Hex digit of the low four bits of `nibble`: arithmetic on a value below 16, so nothing to
/// index and nothing that can fail.
pub fn hex_digit(nibble: u8, upper: bool) -> char {
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
pub fn hex_encode(bytes: &[u8], upper: bool) -> String {
    let mut out = String::with_capacity(bytes.len().saturating_mul(2));
    for &b in bytes {
        out.push(hex_digit(b >> 4, upper));
        out.push(hex_digit(b, upper));
    }
    out
}
