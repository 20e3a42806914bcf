//! Shared pieces of the fuzz targets: arbitrary bytes → [`Value`] trees that include what only
//! JavaScript can produce (strings with lone surrogates, `undefined`, BigInts, …), option
//! shapes per provider, and the invariants every target asserts (a failed assertion is a
//! finding, like a panic).

use arbitrary::{Arbitrary, Result, Unstructured};
use group_payloads::spec::{Field, Kind};
use group_payloads::{
    Code, HttpRequest, Issue, Locale, Options, Provider, Report, Value, PROVIDERS,
};

/// A credential that is only ever hashed: it must never reach an issue or the request.
pub const SECRET: &str = "Sx7-SECRET-MARKER-9qZ";

/// Characters that exercise every rule: charsets, whitespace, controls, astral planes.
const POOL: &[char] = &[
    'a', 'Z', '0', '-', '_', '%', '@', '#', '&', '.', ':', '/', '?', '=', ' ', '\t', '\n', '\r',
    '\0', '\u{7f}', '\u{85}', '\u{a0}', '中', '𠀀', '😂', 'é', '\u{301}', '\u{3000}', '\u{feff}',
    '\u{200b}', '\u{2028}', '\u{fffd}', '"', '\\',
];

const NUMBERS: &[f64] = &[
    0.0,
    -0.0,
    1.0,
    -1.0,
    0.5,
    f64::NAN,
    f64::INFINITY,
    f64::NEG_INFINITY,
    2147483647.0,
    2147483648.0,
    -2147483648.0,
    9007199254740991.0,
    9007199254740993.0,
    1e300,
];

pub fn provider(index: u8) -> &'static Provider {
    &PROVIDERS[index as usize % PROVIDERS.len()]
}

pub fn options(u: &mut Unstructured) -> Result<Options> {
    Ok(Options {
        lenient: u.arbitrary()?,
        locale: if u.arbitrary()? {
            Locale::ZhCn
        } else {
            Locale::En
        },
    })
}

/// Every field name any provider declares, at any depth.
fn field_names() -> Vec<&'static str> {
    fn walk(fields: &'static [Field], out: &mut Vec<&'static str>) {
        for f in fields {
            out.push(f.name);
            if let Kind::Objects(_, inner) = &f.kind {
                walk(inner, out);
            }
        }
    }
    let mut out = vec![
        "__proto__",
        "constructor",
        "Response",
        "Error",
        "Code",
        "code",
        "data",
    ];
    for p in PROVIDERS.iter() {
        walk(p.fields, &mut out);
    }
    out
}

pub fn text(u: &mut Unstructured) -> Result<String> {
    Ok(match u.int_in_range(0u8..=4)? {
        0 => String::arbitrary(u)?,
        1 => {
            let n = u.int_in_range(0usize..=80)?;
            let mut s = String::new();
            for _ in 0..n {
                s.push(*u.choose(POOL)?);
            }
            s
        }
        2 => {
            let c = *u.choose(POOL)?;
            std::iter::repeat_n(c, u.int_in_range(0usize..=2000)?).collect()
        }
        3 => (*u.choose(&field_names())?).to_owned(),
        _ => format!("{}{}", String::arbitrary(u)?, *u.choose(POOL)?),
    })
}

fn number(u: &mut Unstructured) -> Result<f64> {
    Ok(match u.int_in_range(0u8..=2)? {
        0 => *u.choose(NUMBERS)?,
        1 => f64::from(i32::arbitrary(u)?),
        _ => f64::arbitrary(u)?,
    })
}

fn key(u: &mut Unstructured) -> Result<String> {
    if u.arbitrary()? {
        Ok((*u.choose(&field_names())?).to_owned())
    } else {
        text(u)
    }
}

/// A value tree; `depth` bounds ordinary nesting, and one variant builds a deep chain.
pub fn value(u: &mut Unstructured, depth: usize) -> Result<Value> {
    let kinds = if depth >= 6 { 7 } else { 11 };
    Ok(match u.int_in_range(0..=kinds - 1)? {
        0 => Value::Null,
        1 => Value::Bool(u.arbitrary()?),
        2 => Value::Number(number(u)?),
        3 | 4 => Value::String(text(u)?),
        5 => Value::Unencodable,
        6 => Value::Unsupported(u.choose(&group_payloads::tape::UNSUPPORTED_NAMES)?),
        7 | 8 => {
            let n = u.int_in_range(0usize..=6)?;
            let mut items = Vec::with_capacity(n);
            for _ in 0..n {
                items.push(value(u, depth + 1)?);
            }
            Value::Array(items)
        }
        9 => {
            let n = u.int_in_range(0usize..=6)?;
            let mut pairs = Vec::with_capacity(n);
            for _ in 0..n {
                pairs.push((key(u)?, value(u, depth + 1)?));
            }
            Value::Object(pairs)
        }
        _ => {
            // Deep nesting, as far as JS conversion allows (MAX_DEPTH) and a bit beyond.
            let levels = u.int_in_range(0usize..=group_payloads::value::MAX_DEPTH + 8)?;
            let mut v = value(u, 6)?;
            for i in 0..levels {
                v = if i % 2 == 0 {
                    Value::Array(vec![v])
                } else {
                    Value::Object(vec![(key(u)?, v)])
                };
            }
            v
        }
    })
}

/// A whole payload: usually an object whose keys are the provider's fields.
pub fn payload(u: &mut Unstructured, provider: &Provider) -> Result<Value> {
    if u.ratio(1u8, 8)? {
        return value(u, 0);
    }
    let mut pairs = Vec::new();
    for field in provider.fields {
        if u.ratio(7u8, 8)? {
            pairs.push((field.name.to_owned(), field_value(u, field)?));
        }
    }
    if u.ratio(1u8, 4)? {
        pairs.push((key(u)?, value(u, 1)?));
    }
    Ok(Value::Object(pairs))
}

fn field_value(u: &mut Unstructured, field: &'static Field) -> Result<Value> {
    if u.ratio(1u8, 6)? {
        return value(u, 1);
    }
    Ok(match &field.kind {
        Kind::Text(_) => Value::String(text(u)?),
        Kind::Integer(i) => {
            Value::Number(u.int_in_range(i.min.max(-(1 << 40))..=i.max.min(1 << 40))? as f64)
        }
        Kind::Boolean => Value::Bool(u.arbitrary()?),
        Kind::Choice(allowed, _) => Value::from(*u.choose(allowed)?),
        Kind::Texts(..) => {
            let n = u.int_in_range(0usize..=7)?;
            Value::Array(
                (0..n)
                    .map(|_| text(u).map(Value::String))
                    .collect::<Result<_>>()?,
            )
        }
        Kind::Integers(..) => {
            let n = u.int_in_range(0usize..=7)?;
            Value::Array(
                (0..n)
                    .map(|_| number(u).map(Value::Number))
                    .collect::<Result<_>>()?,
            )
        }
        Kind::Objects(_, inner) => {
            let n = u.int_in_range(0usize..=5)?;
            let mut items = Vec::new();
            for _ in 0..n {
                let mut pairs = Vec::new();
                for f in inner.iter() {
                    if u.ratio(7u8, 8)? {
                        pairs.push((f.name.to_owned(), field_value(u, f)?));
                    }
                }
                items.push(Value::Object(pairs));
            }
            Value::Array(items)
        }
        Kind::Upload => Value::Null,
    })
}

/// Build options: a provider's documented shape with some leaves fuzzed, or anything at all.
pub fn build_options(u: &mut Unstructured, provider: &Provider) -> Result<Value> {
    let shapes: &[&str] = match provider.id {
        "geelark" => &[
            r#"{"auth":{"type":"key","appId":"app-1","apiKey":"SECRET","traceId":"trace-123456","ts":1700000000000}}"#,
            r#"{"auth":{"type":"token","token":"tok-123","traceId":"trace-123456"}}"#,
        ],
        "tencent-iai" => &[
            r#"{"secretId":"AKIDfake","secretKey":"SECRET","timestamp":1700000000}"#,
            r#"{"secretId":"AKIDfake","secretKey":"SECRET","timestamp":1700000000,"style":"get","token":"tok","region":"ap-guangzhou","language":"en-US"}"#,
        ],
        "selfcommunity" => &[r#"{"baseUrl":"https://community.example.com","token":"tok-123"}"#],
        "capillary" => &[
            r#"{"cluster":"eu","auth":{"type":"basic","username":"store.server","password":"SECRET"}}"#,
            r#"{"baseUrl":"https://crm.example.com","auth":{"type":"oauth","token":"tok-123","header":"X-Token"}}"#,
        ],
        "gochat" => &[
            r#"{}"#,
            r#"{"baseUrl":"http://localhost:1213","token":"tok-123"}"#,
        ],
        _ => &[],
    };
    if shapes.is_empty() || u.ratio(1u8, 6)? {
        return value(u, 0);
    }
    let text = u.choose(shapes)?.replace("SECRET", SECRET);
    let base = Value::from_json(&text).expect("shape is JSON");
    mutate(u, base)
}

/// Replaces some string leaves of an options tree with fuzzed text or values.
fn mutate(u: &mut Unstructured, v: Value) -> Result<Value> {
    Ok(match v {
        Value::Object(pairs) => {
            let mut out = Vec::with_capacity(pairs.len());
            for (k, child) in pairs {
                out.push((k, mutate(u, child)?));
            }
            Value::Object(out)
        }
        leaf => match u.int_in_range(0u8..=9)? {
            0..=5 => leaf,
            6..=8 => Value::String(text(u)?),
            _ => value(u, 2)?,
        },
    })
}

pub fn check_issue(issue: &Issue) {
    let code = issue.code.as_str();
    assert!(
        code.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
        "code {code}"
    );
    assert!(!issue.message.is_empty(), "empty message for {code}");
    if matches!(issue.code, Code::TooLong | Code::TooShort) {
        assert!(issue.params.get("unit").is_some(), "{code} without a unit");
    }
    assert!(!issue.message.contains(SECRET), "message echoes the secret");
    assert!(
        !format!("{:?}", issue.params).contains(SECRET),
        "params echo the secret"
    );
}

pub fn check_report(report: &Report) {
    assert_eq!(report.ok, report.errors.is_empty());
    report
        .errors
        .iter()
        .chain(&report.warnings)
        .for_each(check_issue);
}

/// A built request must be sendable exactly as built, and never carry a hashed-only secret
/// (unless the fuzzer wrote the marker into the payload itself, which is then sent as data).
pub fn check_request(req: &HttpRequest, payload: &Value) {
    assert!(
        req.url.starts_with("https://") || req.url.starts_with("http://"),
        "{}",
        req.url
    );
    assert!(
        req.url.chars().all(|c| ('!'..='~').contains(&c)),
        "URL {:?}",
        req.url
    );
    assert!(!req.url.contains('#'), "fragment in {:?}", req.url);
    for (name, value) in &req.headers {
        assert!(
            !name.is_empty() && name.bytes().all(|b| b.is_ascii_graphic() && b != b':'),
            "{name:?}"
        );
        assert!(
            !value.is_empty()
                && value.chars().all(|c| (' '..='~').contains(&c))
                && !value.starts_with(' ')
                && !value.ends_with(' '),
            "header {name}: {value:?}"
        );
    }
    let all = format!("{} {:?} {:?}", req.url, req.headers, req.body);
    if !payload.to_json().contains(SECRET) {
        assert!(
            !all.contains(SECRET),
            "the request carries the secret in clear: {req:?}"
        );
    }
    if let Some(body) = &req.body {
        assert!(Value::from_json(body).is_ok(), "body is not JSON: {body}");
    }
}
