//! What HTTP and `fetch` accept, as plain predicates: header names and values, and the base
//! URLs callers supply. A request the library builds with `ok: true` must be one that
//! `new Request(url, init)` and `fetch` take as it is, with every header kept.

use crate::charsets::HEADER_VALUE;

/// Why a header value cannot be sent as given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderValueProblem {
    /// The character at this index (in characters) is not visible ASCII or a space.
    Character(usize),
    /// Empty, or padded with spaces: dropped or trimmed in transit, so what was signed is not
    /// what arrives.
    Blank,
}

pub fn header_value_problem(s: &str) -> Option<HeaderValueProblem> {
    if let Some(index) = HEADER_VALUE.first_outside(s) {
        Some(HeaderValueProblem::Character(index))
    } else if s.is_empty() || s.starts_with(' ') || s.ends_with(' ') {
        Some(HeaderValueProblem::Blank)
    } else {
        None
    }
}

/// RFC 9110 `tchar`: the characters of a header name (a `token`).
pub fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(
            b,
            b'!' | b'#'
                | b'$'
                | b'%'
                | b'&'
                | b'\''
                | b'*'
                | b'+'
                | b'-'
                | b'.'
                | b'^'
                | b'_'
                | b'`'
                | b'|'
                | b'~'
        )
}

pub fn is_token(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(is_token_byte)
}

/// Header names a caller may not choose: the Fetch standard's forbidden request-header names
/// (`fetch` throws or silently drops them: a token sent in `Host` would never arrive) and
/// the hop-by-hop names of RFC 9110 §7.6.1, which describe the connection, not the request.
pub fn is_forbidden_request_header(name: &str) -> bool {
    const FORBIDDEN: [&str; 22] = [
        "accept-charset",
        "accept-encoding",
        "access-control-request-headers",
        "access-control-request-method",
        "connection",
        "content-length",
        "cookie",
        "cookie2",
        "date",
        "dnt",
        "expect",
        "host",
        "keep-alive",
        "origin",
        "referer",
        "set-cookie",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
        "via",
        "proxy-connection",
    ];
    let lower = name.to_ascii_lowercase();
    FORBIDDEN.contains(&lower.as_str()) || lower.starts_with("proxy-") || lower.starts_with("sec-")
}

/// Why a caller's base URL cannot be used: `None` for an absolute `http(s)` URL with a valid
/// host and port and nothing after the path. The reasons are the `params.reason` values of
/// `invalid_url` issues.
///
/// Stricter than the WHATWG URL parser where it is lenient about what no API host looks like
/// (dotless numbers such as `127.1`, octal or hex IPv4 parts, symbols in host names), and never
/// more lenient: every URL it passes, the WHATWG parser (and so `fetch`) accepts unchanged.
pub fn base_url_problem(url: &str) -> Option<&'static str> {
    if url.chars().any(|c| !('!'..='~').contains(&c)) || url.contains('\\') {
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
    let (host, port) = split_host_port(authority);
    if let Some(port) = port {
        let digits =
            !port.is_empty() && port.len() <= 5 && port.bytes().all(|b| b.is_ascii_digit());
        if !digits || port.parse::<u32>().map_or(true, |p| p > 65535) {
            return Some("port");
        }
    }
    match host.strip_prefix('[') {
        Some(bracketed) => bracketed
            .strip_suffix(']')
            .filter(|ip| is_ipv6(ip))
            .map_or(Some("host"), |_| None),
        None if is_domain_or_ipv4(host) => None,
        None => Some("host"),
    }
}

/// `host[:port]`, where an IPv6 host is bracketed and so may hold colons. A bracket that is
/// never closed, or text after it other than a port, stays in the host (and fails there).
fn split_host_port(authority: &str) -> (&str, Option<&str>) {
    if authority.starts_with('[') {
        let Some(close) = authority.find(']') else {
            return (authority, None);
        };
        let (host, after) = authority.split_at(close + 1);
        return match after.strip_prefix(':') {
            Some(port) => (host, Some(port)),
            None if after.is_empty() => (host, None),
            None => (authority, None),
        };
    }
    match authority.split_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    }
}

/// Labels of letters, digits, `-` and `_`, none empty (one trailing dot allowed, as in
/// `example.com.`). A host whose last label is numeric is an IPv4 address to the WHATWG
/// parser, so then it must be four decimal parts of 0-255.
///
/// A label starting with `xn--` (in any case) is Punycode, which the WHATWG parser decodes and
/// takes only if the result is a valid label by the Unicode IDNA tables (`xn--a` fails,
/// `xn--zca` passes): see [`is_idna_label`] for the part of them taken here.
fn is_domain_or_ipv4(host: &str) -> bool {
    let host = host.strip_suffix('.').unwrap_or(host);
    if host.is_empty() {
        return false;
    }
    let labels: Vec<&str> = host.split('.').collect();
    let label_ok = |l: &&str| {
        !l.is_empty()
            && l.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    let punycode_ok = |l: &&str| match l.get(..4) {
        Some(prefix) if prefix.eq_ignore_ascii_case("xn--") => is_idna_label(&l[4..]),
        _ => true,
    };
    if !labels.iter().all(label_ok) || !labels.iter().all(punycode_ok) {
        return false;
    }
    let last = labels[labels.len() - 1];
    let hex = last.strip_prefix("0x").or_else(|| last.strip_prefix("0X"));
    let numeric = last.bytes().all(|b| b.is_ascii_digit())
        || hex.is_some_and(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
    if !numeric {
        return true;
    }
    labels.len() == 4
        && labels.iter().all(|l| {
            l.bytes().all(|b| b.is_ascii_digit())
                && (l.len() == 1 || !l.starts_with('0'))
                && l.len() <= 3
                && l.parse::<u16>().is_ok_and(|n| n <= 255)
        })
}

/// The longest Punycode label (after `xn--`) taken: a DNS label has at most 63 bytes, and the
/// decoder's inserts cost the square of its length.
const PUNYCODE_MAX_BYTES: usize = 59;

/// Whether `encoded` (a label after its `xn--`) is Punycode (RFC 3492) for a label the WHATWG
/// parser takes. Only a conservative part of the Unicode IDNA tables is known here: the decoded
/// label must hold at least one non-ASCII character, and each must be a lowercase letter of
/// Latin-1, a lowercase Cyrillic letter, a CJK ideograph, kana or a Hangul syllable (all valid
/// and already in NFC, none right-to-left, none a joiner or combining mark). Other IDNA labels
/// (emoji, Greek, Arabic, …) are refused, which is stricter than `fetch`, never more lenient.
fn is_idna_label(encoded: &str) -> bool {
    if encoded.is_empty() || encoded.len() > PUNYCODE_MAX_BYTES {
        return false;
    }
    let lower = encoded.to_ascii_lowercase();
    let Some(decoded) = punycode_decode(&lower) else {
        return false;
    };
    let known = |c: char| {
        matches!(c,
            'a'..='z' | '0'..='9' | '-'
            | '\u{DF}'..='\u{F6}' | '\u{F8}'..='\u{FF}'
            | '\u{430}'..='\u{44F}'
            | '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}'
            | '\u{4E00}'..='\u{9FFF}'
            | '\u{AC00}'..='\u{D7A3}')
    };
    decoded.iter().any(|c| !c.is_ascii()) && decoded.iter().all(|&c| known(c))
}

/// RFC 3492 decoding of lowercase `input`; None when it is not valid Punycode. A delimiter
/// at the very start (an empty basic part before it) is refused, as the WHATWG parser does.
fn punycode_decode(input: &str) -> Option<Vec<char>> {
    const BASE: u32 = 36;
    const T_MIN: u32 = 1;
    const T_MAX: u32 = 26;
    let (basic, deltas) = match input.rfind('-') {
        Some(0) => return None,
        Some(at) => (&input[..at], &input[at + 1..]),
        None => ("", input),
    };
    let mut output: Vec<char> = basic.chars().collect();
    let (mut n, mut i, mut bias) = (128u32, 0u32, 72u32);
    let mut digits = deltas.bytes();
    let mut next = digits.next();
    while next.is_some() {
        let old_i = i;
        let mut weight = 1u32;
        let mut k = BASE;
        loop {
            let digit = match next? {
                b @ b'a'..=b'z' => u32::from(b - b'a'),
                b @ b'0'..=b'9' => u32::from(b - b'0') + 26,
                _ => return None,
            };
            next = digits.next();
            i = i.checked_add(digit.checked_mul(weight)?)?;
            let t = if k <= bias {
                T_MIN
            } else if k >= bias + T_MAX {
                T_MAX
            } else {
                k - bias
            };
            if digit < t {
                break;
            }
            weight = weight.checked_mul(BASE - t)?;
            k += BASE;
        }
        let len = u32::try_from(output.len()).ok()? + 1;
        bias = adapt(i - old_i, len, old_i == 0);
        n = n.checked_add(i / len)?;
        i %= len;
        output.insert(i as usize, char::from_u32(n)?);
        i += 1;
    }
    Some(output)
}

/// RFC 3492 §6.1, the bias adaptation.
fn adapt(delta: u32, points: u32, first: bool) -> u32 {
    let mut delta = if first { delta / 700 } else { delta / 2 };
    delta += delta / points;
    let mut k = 0;
    while delta > ((36 - 1) * 26) / 2 {
        delta /= 36 - 1;
        k += 36;
    }
    k + (36 * delta) / (delta + 38)
}

/// RFC 4291 text form: up to eight groups of 1-4 hex digits, at most one `::`, optionally
/// ending in a dotted IPv4 address that counts as two groups.
fn is_ipv6(ip: &str) -> bool {
    let (head, tail, compressed) = match ip.split_once("::") {
        Some((head, tail)) => (head, tail, true),
        None => (ip, "", false),
    };
    if tail.contains("::") {
        return false;
    }
    let groups = |part: &str, may_end_in_ipv4: bool| -> Option<usize> {
        if part.is_empty() {
            return Some(0);
        }
        let pieces: Vec<&str> = part.split(':').collect();
        let mut count = 0;
        for (i, piece) in pieces.iter().enumerate() {
            let last = i == pieces.len() - 1;
            if last && may_end_in_ipv4 && piece.contains('.') {
                let octets: Vec<&str> = piece.split('.').collect();
                let ok = octets.len() == 4
                    && octets.iter().all(|o| {
                        !o.is_empty()
                            && o.len() <= 3
                            && o.bytes().all(|b| b.is_ascii_digit())
                            && (o.len() == 1 || !o.starts_with('0'))
                            && o.parse::<u16>().is_ok_and(|n| n <= 255)
                    });
                if !ok {
                    return None;
                }
                count += 2;
            } else if (1..=4).contains(&piece.len()) && piece.bytes().all(|b| b.is_ascii_hexdigit())
            {
                count += 1;
            } else {
                return None;
            }
        }
        Some(count)
    };
    let (Some(before), Some(after)) = (
        groups(head, !compressed),
        groups(if compressed { tail } else { "" }, true),
    ) else {
        return false;
    };
    if compressed {
        before + after <= 7
    } else {
        before == 8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_fetch_accepts() {
        for ok in [
            "https://example.com",
            "http://localhost:1213",
            "https://c.example.com/prefix/",
            "http://[::1]:8080",
            "http://[::1]",
            "http://[2001:db8::8a2e:370:7334]/x",
            "http://[::ffff:192.0.2.1]",
            "http://10.0.0.1:65535",
            "https://example.com.",
            "https://my_host.example",
            "https://xn-a.example",
            "https://a.xnx--b.example",
            "https://xn--zca.example",
            "https://api.XN--Zca.example",
            "https://xn--fiqs8s.example",
            "https://xn--80akhbyknj4f.example",
            "https://xn--v8j0cwa6g.example",
            "https://xn--lcka3d1b.example",
            "https://xn--3e0bk47br7k.example",
            "https://xn--0car2d.example",
            "https://xn--zca4960b.example",
        ] {
            assert_eq!(base_url_problem(ok), None, "{ok}");
        }
    }

    #[test]
    fn base_urls_fetch_refuses() {
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
            ("https://example.com:abc", "port"),
            ("https://example.com:99999", "port"),
            ("https://h:65536", "port"),
            ("https://example.com:80:80", "port"),
            ("http://h:1213:", "port"),
            ("http://h:1213,", "port"),
            ("http://h:", "port"),
            ("http://[::1", "host"),
            ("http://[::1]x", "host"),
            ("http://[::g]", "host"),
            ("http://[1:2:3:4:5:6:7:8:9]", "host"),
            ("https://c:.example.com", "port"),
            ("https://.example.com", "host"),
            ("https://a..b", "host"),
            ("https://a,b.example", "host"),
            ("https://1.2.3.256", "host"),
            ("https://127.1", "host"),
            ("https://0x7f.1", "host"),
            ("http://h\\x", "characters"),
            // Punycode the WHATWG parser refuses, and IDNA labels outside the known part.
            ("https://xn--a.example", "host"),
            ("https://xn--.com", "host"),
            ("https://xn---abc.com", "host"),
            ("https://xn--abc-.com", "host"),
            ("https://xn--ls8h.example", "host"),
            ("https://xn--yda.example", "host"),
        ] {
            assert_eq!(base_url_problem(bad), Some(why), "{bad}");
        }
    }

    #[test]
    fn forbidden_header_names() {
        for name in [
            "Host",
            "content-length",
            "Transfer-Encoding",
            "Connection",
            "Upgrade",
            "Keep-Alive",
            "Expect",
            "TE",
            "Proxy-Authorization",
            "Sec-Fetch-Mode",
            "Cookie",
        ] {
            assert!(is_forbidden_request_header(name), "{name}");
        }
        for name in [
            "X-CAP-API-OAUTH-TOKEN",
            "CAP-API-ACCESS-TOKEN",
            "Authorization",
        ] {
            assert!(!is_forbidden_request_header(name), "{name}");
        }
    }

    #[test]
    fn header_values() {
        assert_eq!(header_value_problem("abc def"), None);
        assert_eq!(header_value_problem(""), Some(HeaderValueProblem::Blank));
        assert_eq!(header_value_problem(" a"), Some(HeaderValueProblem::Blank));
        assert_eq!(
            header_value_problem("a\r\nb"),
            Some(HeaderValueProblem::Character(1))
        );
        assert_eq!(
            header_value_problem("é"),
            Some(HeaderValueProblem::Character(0))
        );
    }
}
