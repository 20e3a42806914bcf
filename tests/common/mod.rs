//! Helpers the integration tests share: value and payload strategies (strings drawn from CJK,
//! astral Han, emoji, quotes, backslashes, controls and other JSON/URL-special characters),
//! fixed inputs, and checks on reports and requests (bodies read back with serde_json, an
//! independent parser). Each test file uses some of them, hence no dead-code warnings here.
#![allow(dead_code)]

use group_payloads::{
    api, build_request,
    issue::Param,
    parse_response,
    rules::length::Unit,
    spec::{Field, Kind, Requirement, Text},
    tencent_iai::{Credentials, Style},
    Built, Code, HttpRequest, Issue, Locale, Options, OptionsError, Parsed, Report, Response,
    Value, PROVIDERS,
};
use proptest::{
    collection::vec,
    prelude::*,
    sample::select,
    test_runner::{Config, TestCaseError, TestRunner},
};
use serde_json::Value as Json;

/// The GeeLark docs' request example, and the exact compact JSON a body must carry.
pub const GL_SEED_REQUEST: &str = r#"{
  "list": [
    {"name": "group"},
    {"name": "groupRemark", "remark": "remark"},
    {"name": "groupInvalid"}
  ]
}"#;

/// Values that must never reach a header: CR/LF (header splitting), other control characters,
/// DEL, and non-ASCII (which a header cannot carry).
pub const UNSAFE_HEADER_VALUES: [&str; 9] = [
    "abc\r\nX-Injected: 1",
    "abc\ndef",
    "abc\rdef",
    "abc\u{1}def",
    "abc\tdef",
    "abc\u{7f}def",
    "abc\u{85}def",
    "ключ",
    "abc😂",
];

pub fn json_value(text: &str) -> Value {
    Value::from_json(text).expect("test JSON parses")
}

/// Options as JS passes them (`Value` from JSON text).
pub fn js_options(json: Json) -> Value {
    json_value(&json.to_string())
}

pub fn options() -> Options {
    Options::default()
}

pub fn lenient() -> Options {
    Options {
        lenient: true,
        ..Options::default()
    }
}

pub fn request(built: &Built) -> &HttpRequest {
    assert!(
        built.report.ok,
        "expected a valid build: {:?}",
        built.report
    );
    built
        .request
        .as_ref()
        .expect("an ok report carries a request")
}

/// The value of the header with exactly this name (case-sensitive, unlike `HttpRequest::header`).
pub fn exact_header<'r>(req: &'r HttpRequest, name: &str) -> Option<&'r str> {
    let mut found = req.headers.iter().filter(|(k, _)| k == name);
    let first = found.next().map(|(_, v)| v.as_str());
    assert!(found.next().is_none(), "header {name} is set twice");
    first
}

pub fn error_rows(report: &group_payloads::Report) -> Vec<(String, &'static str)> {
    report
        .errors
        .iter()
        .map(|i| (i.path.clone(), i.code.as_str()))
        .collect()
}

pub fn parse_sent(id: &str, status: u16, body: &str, sent: Option<&Value>) -> Parsed {
    let provider = group_payloads::provider(id).unwrap();
    let response = Response { status, body, sent };
    api::parse_response(provider, &response, &Options::default())
}

/// In every string the arbitrary trees hold (sometimes): must never reach an issue.
pub const MARK: &str = "QZXMARK";

/// The fake secret credential: must never reach an issue, an error or the request.
pub const SECRET: &str = "Sx7-SECRET-MARKER-9qZ";

/// Characters that exercise every rule: charsets, whitespace, controls, astral planes.
pub const POOL: &[char] = &[
    'a',
    'Z',
    'x',
    '0',
    '9',
    '-',
    '_',
    '%',
    '@',
    '#',
    '&',
    '.',
    ':',
    '/',
    '?',
    '=',
    '+',
    ' ',
    '\t',
    '\n',
    '\r',
    '\0',
    '\u{7f}',
    '\u{85}',
    '\u{a0}',
    '中',
    '腾',
    '〇',
    '𠀀',
    '😂',
    'é',
    '\u{301}',
    '\u{3000}',
    '\u{feff}',
    '\u{200b}',
    '\u{2028}',
    '\u{fffd}',
    '\u{10ffff}',
    '"',
    '\\',
    '<',
];

pub fn text_strategy() -> BoxedStrategy<String> {
    prop_oneof![
        3 => vec(select(POOL), 0..12).prop_map(|c| c.into_iter().collect()),
        2 => any::<String>(),
        1 => "[a-zA-Z0-9_-]{0,70}",
        1 => (vec(select(POOL), 0..4), vec(select(POOL), 0..4)).prop_map(|(a, b)| {
            format!("{}{MARK}{}", a.into_iter().collect::<String>(), b.into_iter().collect::<String>())
        }),
        1 => (select(POOL), 0usize..120).prop_map(|(c, n)| std::iter::repeat_n(c, n).collect()),
    ]
    .boxed()
}

pub fn number_strategy() -> BoxedStrategy<f64> {
    prop_oneof![
        any::<f64>(),
        (-3_000_000_000i64..3_000_000_000).prop_map(|n| n as f64),
        select(vec![
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
            -2147483649.0,
            9007199254740991.0,
            9007199254740993.0,
            1e300,
            f64::MIN_POSITIVE,
        ]),
    ]
    .boxed()
}

/// Every field name any provider declares, at any depth.
pub fn field_names() -> Vec<&'static str> {
    fn walk(fields: &'static [Field], out: &mut Vec<&'static str>) {
        for f in fields {
            out.push(f.name);
            if let Kind::Objects(_, inner) = &f.kind {
                walk(inner, out);
            }
        }
    }
    let mut out = Vec::new();
    for p in PROVIDERS.iter() {
        walk(p.fields, &mut out);
    }
    out
}

pub fn key_strategy() -> BoxedStrategy<String> {
    let mut specials: Vec<String> = field_names().into_iter().map(str::to_owned).collect();
    specials.extend(
        [
            "__proto__",
            "constructor",
            "prototype",
            "",
            "list[0]",
            "a.b",
            "Response",
            "Error",
        ]
        .map(str::to_owned),
    );
    prop_oneof![3 => select(specials), 1 => "[a-zA-Z_]{1,8}", 1 => any::<String>()].boxed()
}

/// Any JSON-like tree, including what only JS can hold.
pub fn any_value() -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number_strategy().prop_map(Value::Number),
        text_strategy().prop_map(Value::String),
        Just(Value::Unencodable),
        select(&group_payloads::tape::UNSUPPORTED_NAMES[..]).prop_map(Value::Unsupported),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..6).prop_map(Value::Array),
            vec((key_strategy(), inner), 0..6).prop_map(Value::Object),
        ]
    })
    .boxed()
}

/// A payload shaped by the provider's own declarations: mostly valid, sometimes not.
pub fn payload_for(fields: &'static [Field]) -> BoxedStrategy<Value> {
    let parts: Vec<BoxedStrategy<Option<(String, Value)>>> = fields
        .iter()
        .map(|f| {
            let keep = match f.required {
                Requirement::Required(_) => 0.97,
                Requirement::Optional => 0.5,
            };
            (prop::bool::weighted(keep), field_value(f))
                .prop_map(move |(keep, v)| keep.then(|| (f.name.to_owned(), v)))
                .boxed()
        })
        .collect();
    let unknown = prop::option::weighted(0.1, (key_strategy(), any_value()));
    (parts, unknown)
        .prop_flat_map(|(parts, unknown)| {
            let mut pairs: Vec<(String, Value)> = parts.into_iter().flatten().collect();
            pairs.extend(unknown);
            Just(pairs).prop_shuffle()
        })
        .prop_map(Value::Object)
        .boxed()
}

pub fn field_value(field: &'static Field) -> BoxedStrategy<Value> {
    let good = match &field.kind {
        Kind::Text(t) => text_value(t).prop_map(Value::String).boxed(),
        Kind::Integer(i) => integer_value(i.min, i.max, i.accepts_digit_string),
        Kind::Boolean => any::<bool>().prop_map(Value::Bool).boxed(),
        Kind::Choice(allowed, _) => select(allowed.to_vec()).prop_map(Value::from).boxed(),
        Kind::Texts(list, t) => {
            let (lo, hi) = item_range(&list.min_items, &list.max_items);
            let unique = list.unique.is_some();
            vec(text_value(t), lo..=hi)
                .prop_map(move |items| {
                    Value::Array(
                        dedupe(items, unique)
                            .into_iter()
                            .map(Value::String)
                            .collect(),
                    )
                })
                .boxed()
        }
        Kind::Integers(list, i) => {
            let (lo, hi) = item_range(&list.min_items, &list.max_items);
            let unique = list.unique.is_some();
            vec(integer_value(i.min, i.max, false), lo..=hi)
                .prop_map(move |items| {
                    let texts: Vec<String> = items.iter().map(Value::to_json).collect();
                    let keep = dedupe(texts, unique);
                    Value::Array(keep.iter().map(|t| Value::from_json(t).unwrap()).collect())
                })
                .boxed()
        }
        Kind::Objects(list, inner) => {
            let (lo, hi) = item_range(&list.min_items, &list.max_items);
            let key = list.unique.as_ref().and_then(|u| u.key);
            vec(payload_for(inner), lo..=hi)
                .prop_map(move |items| match key {
                    None => Value::Array(items),
                    Some(key) => {
                        let mut seen = Vec::new();
                        Value::Array(
                            items
                                .into_iter()
                                .filter(|item| match item.get(key) {
                                    Some(Value::String(s)) if seen.contains(s) => false,
                                    Some(Value::String(s)) => {
                                        seen.push(s.clone());
                                        true
                                    }
                                    _ => true,
                                })
                                .collect(),
                        )
                    }
                })
                .boxed()
        }
        Kind::Upload => Just(Value::Null).boxed(),
    };
    if field.nullable {
        prop_oneof![17 => good, 1 => any_value(), 2 => Just(Value::Null)].boxed()
    } else {
        prop_oneof![19 => good, 1 => any_value()].boxed()
    }
}

pub fn item_range(
    min: &Option<(usize, Option<group_payloads::ProviderCode>)>,
    max: &Option<(usize, Option<group_payloads::ProviderCode>)>,
) -> (usize, usize) {
    let lo = min.as_ref().map_or(0, |(n, _)| *n);
    let hi = max.as_ref().map_or(lo + 4, |(n, _)| *n).max(lo);
    (lo, hi)
}

pub fn dedupe<T: PartialEq>(items: Vec<T>, unique: bool) -> Vec<T> {
    let mut out = Vec::new();
    for item in items {
        if !unique || !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

pub fn integer_value(min: i64, max: i64, digit_string: bool) -> BoxedStrategy<Value> {
    let lo = min.max(-(1 << 40));
    let hi = max.min(1 << 40).max(lo);
    let numbers = prop_oneof![(lo..=hi), Just(lo), Just(hi)];
    if digit_string {
        (numbers, any::<bool>())
            .prop_map(|(n, text)| {
                if text {
                    Value::String(n.to_string())
                } else {
                    Value::Number(n as f64)
                }
            })
            .boxed()
    } else {
        numbers.prop_map(|n| Value::Number(n as f64)).boxed()
    }
}

/// A string meant to satisfy the text rules: characters the charset allows, a length within
/// the limits (in their unit).
pub fn text_value(t: &'static Text) -> BoxedStrategy<String> {
    let allowed: Vec<char> = POOL
        .iter()
        .copied()
        .filter(|c| t.charset.as_ref().is_none_or(|r| (r.charset.allows)(*c)))
        .filter(|c| !c.is_control())
        .collect();
    let max = t.max.as_ref().map_or(80, |l| l.n.min(200));
    let min = t.min.as_ref().map_or(0, |l| l.n);
    let byte_max = t
        .max
        .as_ref()
        .filter(|l| l.unit == Unit::Bytes)
        .map(|l| l.n);
    vec(select(allowed), min..=max.max(min))
        .prop_map(move |chars| {
            let mut s: String = chars.into_iter().collect();
            if let Some(limit) = byte_max {
                while s.len() > limit {
                    s.pop();
                }
            }
            if (t.not_blank.is_some() || min > 0) && group_payloads::charsets::is_blank(&s) {
                s = "x".to_owned();
            }
            s
        })
        .boxed()
}

pub fn param_text(p: &Param) -> String {
    match p {
        Param::Int(n) => n.to_string(),
        Param::Text(t) => t.to_string(),
    }
}

pub fn check_issue(issue: &Issue, secrets: &[&str]) -> Result<(), TestCaseError> {
    let code = issue.code.as_str();
    prop_assert!(!code.is_empty() && code.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'));
    prop_assert!(!issue.message.is_empty(), "empty message for {code}");
    if matches!(issue.code, Code::TooLong | Code::TooShort) {
        let unit = issue.params.get("unit").map(param_text);
        prop_assert!(
            matches!(unit.as_deref(), Some("chars" | "bytes")),
            "{code} without unit"
        );
    }
    // Provider messages are the provider's words, not the caller's: only in parse results.
    let texts = std::iter::once(issue.message.clone()).chain(
        issue
            .params
            .0
            .iter()
            .filter(|(k, _)| *k != "providerMessage")
            .map(|(_, v)| param_text(v)),
    );
    for text in texts {
        for secret in secrets {
            prop_assert!(!text.contains(secret), "{code} echoes a value: {text:?}");
        }
    }
    Ok(())
}

pub fn check_report(report: &Report, secrets: &[&str]) -> Result<(), TestCaseError> {
    prop_assert_eq!(report.ok, report.errors.is_empty());
    for issue in report.errors.iter().chain(&report.warnings) {
        check_issue(issue, secrets)?;
    }
    Ok(())
}

pub fn all_options() -> Vec<Options> {
    let mut out = Vec::new();
    for lenient in [false, true] {
        for locale in [Locale::En, Locale::ZhCn] {
            out.push(Options { lenient, locale });
        }
    }
    out
}

pub fn runner(cases: u32) -> TestRunner {
    TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    })
}

/// `[...s].length`, computed the way JS does: over UTF-16 code units, a surrogate pair is one.
pub fn js_spread_length(s: &str) -> usize {
    let units: Vec<u16> = s.encode_utf16().collect();
    let mut n = 0;
    let mut i = 0;
    while i < units.len() {
        let high = (0xD800..0xDC00).contains(&units[i]);
        let pair = high
            && units
                .get(i + 1)
                .is_some_and(|u| (0xDC00..0xE000).contains(u));
        i += if pair { 2 } else { 1 };
        n += 1;
    }
    n
}

/// `s.length`: one unit per BMP character, two per astral one.
pub fn js_length(s: &str) -> usize {
    s.chars()
        .map(|c| if (c as u32) > 0xFFFF { 2 } else { 1 })
        .sum()
}

pub fn build(provider: &str, payload: &str, options: &str) -> Result<Built, OptionsError> {
    build_request(
        provider,
        &json_value(payload),
        &json_value(options),
        &Options::default(),
    )
    .expect("known provider")
}

pub fn built(provider: &str, payload: &str, options: &str) -> Built {
    build(provider, payload, options).expect("options are usable")
}

pub fn options_error(provider: &str, payload: &str, options: &str) -> String {
    match build(provider, payload, options) {
        Err(OptionsError(message)) => message,
        Ok(built) => panic!("expected an OptionsError, got {built:?}"),
    }
}

pub fn summary(issues: &[Issue]) -> Vec<(String, &'static str)> {
    issues
        .iter()
        .map(|i| (i.path.clone(), i.code.as_str()))
        .collect()
}

pub fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

pub fn parse(provider: &str, status: u16, body: &str) -> Parsed {
    let response = Response {
        status,
        body,
        sent: None,
    };
    parse_response(provider, &response, &Options::default()).expect("known provider")
}

pub fn param<'i>(issue: &'i Issue, key: &str) -> Option<&'i Param> {
    issue.params.get(key)
}

pub fn text(s: &str) -> Param {
    Param::Text(s.to_owned().into())
}

/// Asserts that no issue's message or params quote `secret`.
pub fn assert_not_echoed(issues: &[Issue], secret: &str) {
    for issue in issues {
        assert!(!issue.message.contains(secret), "{issue:?}");
        for (_, value) in &issue.params.0 {
            assert_ne!(value, &text(secret), "{issue:?}");
        }
    }
}

/// The Capillary docs' request example.
pub const CAP_SEED_PAYLOAD: &str = r#"{"name":"GROUP_withRANK123","rank":99}"#;
pub const GO_SEED_ERROR: &str = r#"{
    "error": "UNIQUE constraint failed: GROUPS.NAME"
}"#;

pub const KEYS: [&str; 20] = [
    "name",
    "privacy",
    "visible",
    "description",
    "color",
    "invite_users",
    "image_original",
    "emotional_image_original",
    "rank",
    "admin_id",
    "token",
    "baseUrl",
    "cluster",
    "auth",
    "type",
    "username",
    "password",
    "header",
    "status",
    "errors",
];

pub fn keyed_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<f64>().prop_map(Value::Number),
        any::<i32>().prop_map(|n| Value::Number(f64::from(n))),
        prop::sample::select(&["", " ", "private", "public", "12", "eu", "basic", "oauth"][..])
            .prop_map(Value::from),
        any::<String>().prop_map(Value::String),
        Just(Value::Unencodable),
        Just(Value::Unsupported("undefined")),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec(
                (
                    prop_oneof![
                        prop::sample::select(&KEYS[..]).prop_map(str::to_owned),
                        any::<String>()
                    ],
                    inner
                ),
                0..6
            )
            .prop_map(Value::Object),
        ]
    })
}

/// Characters that stress JSON escaping, URL encoding and "helpful" normalisation.
pub const TRICKY: &[char] = &[
    '"', '\'', '\\', '/', '\u{0}', '\u{1}', '\u{8}', '\u{c}', '\u{1f}', '\n', '\r', '\t', '\u{7f}',
    '\u{85}', '\u{a0}', '\u{2028}', '\u{2029}', '\u{feff}', '\u{200d}', '\u{3000}', ' ', '<', '>',
    '&', '%', '+', '=', '?', '#', 'é', 'e', '\u{301}', 'Å', 'ﬁ',
];

pub fn wild_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => prop::char::range('\u{4e00}', '\u{9fff}'),
        2 => prop::char::range('\u{1F300}', '\u{1FAFF}'),
        2 => prop::char::range('\u{20000}', '\u{2A6DF}'),
        4 => prop::sample::select(TRICKY),
        3 => prop::char::range(' ', '~'),
        1 => any::<char>(),
    ]
}

pub fn wild_string(min: usize, max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(wild_char(), min..=max).prop_map(|cs| cs.into_iter().collect())
}

pub fn unique<T: PartialEq>(items: &[T]) -> bool {
    items
        .iter()
        .enumerate()
        .all(|(i, a)| items[..i].iter().all(|b| b != a))
}

/// A field a provider does not define, with some value; it must not reach the body.
pub fn unknown_field(known: &'static [&'static str]) -> impl Strategy<Value = (String, Value)> {
    let names = prop_oneof![
        prop::sample::select(vec![
            "id",
            "Name",
            "NAME",
            "names",
            "name ",
            " remark",
            "extra",
            "",
            "名",
            "Action",
            "Version",
            "Region",
            "groupName",
            "GroupIds",
            "Tags",
            "list_",
        ])
        .prop_map(str::to_owned),
        wild_string(0, 6),
    ]
    .prop_filter("not a known field", move |k| !known.contains(&k.as_str()));
    let values = prop_oneof![
        wild_string(0, 8).prop_map(Value::String),
        (-1000i64..1000).prop_map(Value::from),
        Just(Value::Null),
        Just(Value::Bool(true)),
    ];
    (names, values)
}

/// serde_json's view of a `Value` that holds only JSON data.
pub fn to_serde(v: &Value) -> Json {
    match v {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Number(n) => serde_json::Number::from_f64(*n).map_or(Json::Null, Json::Number),
        Value::String(s) => Json::String(s.clone()),
        Value::Array(items) => Json::Array(items.iter().map(to_serde).collect()),
        Value::Object(fields) => Json::Object(
            fields
                .iter()
                .map(|(k, v)| (k.clone(), to_serde(v)))
                .collect(),
        ),
        other => panic!("not JSON data: {other:?}"),
    }
}

/// Numbers as serde_json reads them back from the body (integers stay integers).
pub fn normalise_numbers(j: Json) -> Json {
    match j {
        Json::Number(n) => match n.as_f64() {
            Some(f) => serde_json::Number::from_f64(f).map_or(Json::Null, Json::Number),
            None => Json::Number(n),
        },
        Json::Array(items) => Json::Array(items.into_iter().map(normalise_numbers).collect()),
        Json::Object(map) => Json::Object(
            map.into_iter()
                .map(|(k, v)| (k, normalise_numbers(v)))
                .collect(),
        ),
        other => other,
    }
}

/// Reads a built body back twice: with serde_json (independent parser, content) and with the
/// crate's order-keeping `Value` (key order).
pub fn assert_body_is(req: &HttpRequest, expected: &Value) -> Result<(), TestCaseError> {
    let body = req.body.as_deref().expect("a POST body");
    let parsed: Json = serde_json::from_str(body)
        .map_err(|e| TestCaseError::fail(format!("body is not JSON: {e}")))?;
    prop_assert_eq!(normalise_numbers(parsed), to_serde(expected));
    let ordered = Value::from_json(body).expect("body parses");
    prop_assert_eq!(&ordered, expected);
    Ok(())
}

/// The GET parameters a Tencent payload's known fields flatten to, in order.
pub fn flattened(known: &[(String, Value)]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (name, value) in known {
        match value {
            Value::String(s) => out.push((name.clone(), s.clone())),
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    if let Value::String(s) = item {
                        out.push((format!("{name}.{i}"), s.clone()));
                    }
                }
            }
            other => panic!("unexpected Tencent value {other:?}"),
        }
    }
    out
}

pub const SECRET_KEY: &str = "Gu5t9xGARNpq86cd98joQYCN3*******";

pub fn credentials(style: Style) -> Credentials<'static> {
    Credentials {
        secret_id: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
        secret_key: SECRET_KEY,
        timestamp: 1_551_113_065,
        token: None,
        region: None,
        language: None,
        style,
    }
}

pub fn unknown_warnings(report: &group_payloads::Report) -> usize {
    report
        .warnings
        .iter()
        .filter(|i| i.code.as_str() == "unknown_field")
        .count()
}
