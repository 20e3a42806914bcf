//! Property tests over every provider in `PROVIDERS` (new providers are covered as they are
//! registered; each needs fake build options in `fake_build_options`):
//!
//! - validation, field validation, building and response parsing never panic on arbitrary
//!   JSON-like trees, including `Unencodable` strings and `Unsupported` values;
//! - reports are well formed, and no issue message or param repeats a value it was given;
//! - every payload that validates builds (with fixed fake credentials) a request whose body
//!   (or GET query) reads back as exactly the known fields the caller gave, in order;
//! - lengths count like JavaScript: "chars" = `[...s].length`, UTF-16 = `s.length`.
#![cfg(not(target_arch = "wasm32"))]

use group_payloads::api;
use group_payloads::issue::Param;
use group_payloads::providers::Provider;
use group_payloads::rules::length::Unit;
use group_payloads::spec::{Field, Kind, Requirement, Text};
use group_payloads::{
    text, Code, HttpRequest, Issue, Locale, Method, Options, Report, Response, Value, PROVIDERS,
};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

/// In every string the arbitrary trees hold (sometimes): must never reach an issue.
const MARK: &str = "QZXMARK";
/// The fake secret credential: must never reach an issue, an error or the request.
const SECRET: &str = "Sx7-SECRET-MARKER-9qZ";

// ---------------------------------------------------------------------------------------------
// Strategies
// ---------------------------------------------------------------------------------------------

/// Characters that exercise every rule: charsets, whitespace, controls, astral planes.
const POOL: &[char] = &[
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

fn text_strategy() -> BoxedStrategy<String> {
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

fn number_strategy() -> BoxedStrategy<f64> {
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
fn field_names() -> Vec<&'static str> {
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

fn key_strategy() -> BoxedStrategy<String> {
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
fn any_value() -> BoxedStrategy<Value> {
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
fn payload_for(fields: &'static [Field]) -> BoxedStrategy<Value> {
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

fn field_value(field: &'static Field) -> BoxedStrategy<Value> {
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

fn item_range(
    min: &Option<(usize, Option<group_payloads::ProviderCode>)>,
    max: &Option<(usize, Option<group_payloads::ProviderCode>)>,
) -> (usize, usize) {
    let lo = min.as_ref().map_or(0, |(n, _)| *n);
    let hi = max.as_ref().map_or(lo + 4, |(n, _)| *n).max(lo);
    (lo, hi)
}

fn dedupe<T: PartialEq>(items: Vec<T>, unique: bool) -> Vec<T> {
    let mut out = Vec::new();
    for item in items {
        if !unique || !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

fn integer_value(min: i64, max: i64, digit_string: bool) -> BoxedStrategy<Value> {
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
fn text_value(t: &'static Text) -> BoxedStrategy<String> {
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

// ---------------------------------------------------------------------------------------------
// Fixed fake credentials, per provider id
// ---------------------------------------------------------------------------------------------

/// Every shape of build options a provider accepts, with fake credentials.
fn fake_build_options(id: &str) -> Vec<Value> {
    let texts: Vec<String> = match id {
        "geelark" => vec![
            format!(
                r#"{{"auth":{{"type":"key","appId":"app-1","apiKey":"{SECRET}","traceId":"trace-123456","ts":1700000000000}}}}"#
            ),
            r#"{"auth":{"type":"token","token":"tok-123","traceId":"trace-123456"}}"#.to_owned(),
        ],
        "tencent-iai" => vec![
            format!(r#"{{"secretId":"AKIDfake","secretKey":"{SECRET}","timestamp":1700000000}}"#),
            format!(
                r#"{{"secretId":"AKIDfake","secretKey":"{SECRET}","timestamp":1700000000,"style":"get","token":"tok","region":"ap-guangzhou","language":"en-US"}}"#
            ),
        ],
        "selfcommunity" => {
            vec![r#"{"baseUrl":"https://community.example.com","token":"tok-123"}"#.to_owned()]
        }
        "capillary" => vec![
            format!(
                r#"{{"cluster":"eu","auth":{{"type":"basic","username":"store.server","password":"{SECRET}"}}}}"#
            ),
            r#"{"baseUrl":"https://crm.example.com/","auth":{"type":"oauth","token":"tok-123"}}"#
                .to_owned(),
        ],
        "gochat" => vec![
            "{}".to_owned(),
            r#"{"baseUrl":"http://127.0.0.1:1213","token":"tok-123"}"#.to_owned(),
        ],
        other => panic!("tests/properties.rs: add fake build options for provider {other:?}"),
    };
    texts.iter().map(|t| Value::from_json(t).unwrap()).collect()
}

// ---------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------

fn param_text(p: &Param) -> String {
    match p {
        Param::Int(n) => n.to_string(),
        Param::Text(t) => t.to_string(),
    }
}

fn check_issue(issue: &Issue, secrets: &[&str]) -> Result<(), TestCaseError> {
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

fn check_report(report: &Report, secrets: &[&str]) -> Result<(), TestCaseError> {
    prop_assert_eq!(report.ok, report.errors.is_empty());
    for issue in report.errors.iter().chain(&report.warnings) {
        check_issue(issue, secrets)?;
    }
    Ok(())
}

/// The body a valid payload must produce, computed independently of the library: the
/// declared fields the caller gave, in their order, values unchanged, except a digit string
/// where an integer is declared (sent as the number it spells).
fn expected_body(payload: &Value, fields: &[Field]) -> Value {
    let Value::Object(pairs) = payload else {
        return payload.clone();
    };
    Value::Object(
        pairs
            .iter()
            .filter_map(|(k, v)| {
                let field = fields.iter().find(|f| f.name == k)?;
                Some((k.clone(), expected_field(v, &field.kind)))
            })
            .collect(),
    )
}

fn expected_field(v: &Value, kind: &Kind) -> Value {
    let digits = |v: &Value| match v {
        Value::String(s) => s
            .parse::<i64>()
            .map(|n| Value::Number(n as f64))
            .unwrap_or(v.clone()),
        _ => v.clone(),
    };
    match (kind, v) {
        (Kind::Integer(i), _) if i.accepts_digit_string => digits(v),
        (Kind::Integers(_, i), Value::Array(items)) if i.accepts_digit_string => {
            Value::Array(items.iter().map(digits).collect())
        }
        (Kind::Objects(_, inner), Value::Array(items)) => Value::Array(
            items
                .iter()
                .map(|item| expected_body(item, inner))
                .collect(),
        ),
        _ => v.clone(),
    }
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// GET style: the query lists each string field, arrays flattened `name.0`, `name.1`, …
fn expected_query(body: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Value::Object(pairs) = body {
        for (k, v) in pairs {
            match v {
                Value::String(s) => out.push((k.clone(), s.clone())),
                Value::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        match item {
                            Value::String(s) => out.push((format!("{k}.{i}"), s.clone())),
                            other => panic!("GET query with a non-string item {other:?}"),
                        }
                    }
                }
                other => panic!("GET query with a non-string field {other:?}"),
            }
        }
    }
    out
}

fn check_sendable(req: &HttpRequest) -> Result<(), TestCaseError> {
    let visible = |s: &str| s.chars().all(|c| (' '..='~').contains(&c));
    prop_assert!(req.url.starts_with("https://") || req.url.starts_with("http://"));
    prop_assert!(
        req.url.chars().all(|c| ('!'..='~').contains(&c)),
        "URL {:?}",
        req.url
    );
    prop_assert!(!req.url.contains('#'));
    for (name, value) in &req.headers {
        prop_assert!(!name.is_empty() && name.bytes().all(|b| b.is_ascii_graphic() && b != b':'));
        prop_assert!(
            visible(value) && !value.starts_with(' ') && !value.ends_with(' '),
            "{name}"
        );
    }
    let everything = format!("{} {:?} {:?}", req.url, req.headers, req.body);
    prop_assert!(
        !everything.contains(SECRET),
        "the request carries a secret in clear"
    );
    Ok(())
}

fn check_round_trip(
    provider: &Provider,
    payload: &Value,
    req: &HttpRequest,
) -> Result<(), TestCaseError> {
    check_sendable(req)?;
    let expected = expected_body(payload, provider.fields);
    match req.method {
        Method::Post => {
            let body = req.body.as_deref().expect("POST without a body");
            let sent =
                Value::from_json(body).map_err(|e| TestCaseError::fail(format!("{e}: {body}")))?;
            prop_assert_eq!(&sent, &expected, "body {}", body);
            prop_assert_eq!(body, expected.to_json());
        }
        Method::Get => {
            prop_assert!(req.body.is_none());
            let query = req.url.split_once('?').map_or("", |(_, q)| q);
            let pairs: Vec<(String, String)> = query
                .split('&')
                .filter(|p| !p.is_empty())
                .map(|p| {
                    let (k, v) = p.split_once('=').unwrap_or((p, ""));
                    (percent_decode(k).unwrap(), percent_decode(v).unwrap())
                })
                .collect();
            prop_assert_eq!(pairs, expected_query(&expected));
        }
    }
    Ok(())
}

fn all_options() -> Vec<Options> {
    let mut out = Vec::new();
    for lenient in [false, true] {
        for locale in [Locale::En, Locale::ZhCn] {
            out.push(Options { lenient, locale });
        }
    }
    out
}

/// Paths `validate_field` accepts for a provider: `name`, `list[0].name`, `list[].name`, `Texts[3]`.
fn field_paths(fields: &'static [Field], prefix: &str, out: &mut Vec<String>) {
    for f in fields {
        let path = if prefix.is_empty() {
            f.name.to_owned()
        } else {
            format!("{prefix}.{}", f.name)
        };
        match &f.kind {
            Kind::Objects(_, inner) => {
                field_paths(inner, &format!("{path}[0]"), out);
                field_paths(inner, &format!("{path}[]"), out);
                out.push(format!("{path}[1]"));
            }
            Kind::Texts(..) | Kind::Integers(..) => out.push(format!("{path}[2]")),
            _ => {}
        }
        out.push(path);
    }
}

fn runner(cases: u32) -> TestRunner {
    TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    })
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

#[test]
fn validation_never_panics_and_never_echoes_values() {
    for provider in PROVIDERS.iter() {
        runner(300)
            .run(
                &(any_value(), select(all_options())),
                |(payload, options)| {
                    let report = api::validate(provider, &payload, &options);
                    check_report(&report, &[MARK])
                },
            )
            .unwrap_or_else(|e| panic!("{}: {e}", provider.id));
        // Arbitrary values in the places the provider reads.
        runner(300)
            .run(
                &(payload_for(provider.fields), select(all_options())),
                |(payload, options)| {
                    let report = api::validate(provider, &payload, &options);
                    check_report(&report, &[MARK])
                },
            )
            .unwrap_or_else(|e| panic!("{}: {e}", provider.id));
    }
}

#[test]
fn field_validation_never_panics() {
    for provider in PROVIDERS.iter() {
        let mut paths = Vec::new();
        field_paths(provider.fields, "", &mut paths);
        let path =
            prop_oneof![4 => select(paths), 1 => any::<String>(), 1 => "[a-zA-Z\\[\\]0-9.]{0,12}"];
        runner(400)
            .run(
                &(path, any_value(), select(all_options())),
                |(path, value, options)| {
                    if let Ok(issues) = api::validate_field(provider, &path, &value, &options) {
                        for issue in &issues {
                            check_issue(issue, &[MARK])?;
                        }
                    }
                    Ok(())
                },
            )
            .unwrap_or_else(|e| panic!("{}: {e}", provider.id));
    }
}

#[test]
fn building_with_arbitrary_payloads_and_options_never_panics() {
    for provider in PROVIDERS.iter() {
        let options = prop_oneof![
            3 => select(fake_build_options(provider.id)),
            1 => any_value(),
        ];
        runner(300)
            .run(
                &(any_value(), options, select(all_options())),
                |(payload, build_options, o)| {
                    match api::build_request(
                        provider,
                        &payload,
                        &build_options,
                        &o,
                        &group_payloads::NoHost,
                    ) {
                        Err(e) => {
                            prop_assert!(!e.0.contains(SECRET), "options error echoes the secret")
                        }
                        Ok(built) => {
                            check_report(&built.report, &[MARK, SECRET])?;
                            prop_assert_eq!(built.request.is_some(), built.report.ok);
                            if let Some(req) = &built.request {
                                check_sendable(req)?;
                            }
                        }
                    }
                    Ok(())
                },
            )
            .unwrap_or_else(|e| panic!("{}: {e}", provider.id));
    }
}

#[test]
fn every_valid_payload_builds_a_request_that_reads_back_to_the_same_values() {
    for provider in PROVIDERS.iter() {
        let builds = fake_build_options(provider.id);
        let valid = std::cell::Cell::new(0u32);
        let cases = 300;
        runner(cases)
            .run(
                &(payload_for(provider.fields), select(all_options())),
                |(payload, options)| {
                    let report = api::validate(provider, &payload, &options);
                    if !report.ok {
                        return Ok(());
                    }
                    valid.set(valid.get() + 1);
                    for build_options in &builds {
                        let built = api::build_request(
                            provider,
                            &payload,
                            build_options,
                            &options,
                            &group_payloads::NoHost,
                        )
                        .map_err(|e| TestCaseError::fail(format!("{}: {e}", provider.id)))?;
                        // Fine options add nothing: build reports exactly what validate reports.
                        prop_assert_eq!(&built.report, &report);
                        let req = built.request.as_ref().expect("ok report without a request");
                        check_round_trip(provider, &payload, req)?;
                    }
                    Ok(())
                },
            )
            .unwrap_or_else(|e| panic!("{}: {e}", provider.id));
        // The generator must actually reach valid payloads, or the property says nothing.
        let valid = valid.get();
        assert!(
            valid * 5 >= cases,
            "{}: only {valid} of {cases} payloads validated",
            provider.id
        );
    }
}

fn response_body() -> BoxedStrategy<String> {
    let keys = [
        "code",
        "msg",
        "data",
        "failDetails",
        "successDetails",
        "name",
        "traceId",
        "Response",
        "Error",
        "Code",
        "Message",
        "RequestId",
        "errors",
        "field",
        "messages",
        "message",
        "status",
        "success",
        "error",
        "id",
        "__proto__",
    ];
    let shaped = any_value().prop_recursive(3, 40, 5, move |inner| {
        vec((select(keys.to_vec()).prop_map(str::to_owned), inner), 0..6).prop_map(Value::Object)
    });
    prop_oneof![
        3 => shaped.prop_map(|v| v.to_json()),
        1 => any::<String>(),
        1 => text_strategy(),
        1 => Just("[".repeat(200)),
        1 => Just(format!("{}1{}", "[".repeat(127), "]".repeat(127))),
    ]
    .boxed()
}

#[test]
fn parsing_any_response_never_panics() {
    for provider in PROVIDERS.iter() {
        let status = prop_oneof![
            select(vec![200u16, 201, 204, 400, 401, 404, 429, 500, 503]),
            100u16..600,
            any::<u16>()
        ];
        let sent = prop::option::of(prop_oneof![payload_for(provider.fields), any_value()]);
        runner(400)
            .run(
                &(status, response_body(), sent, select(all_options())),
                |(status, body, sent, options)| {
                    let parsed = api::parse_response(
                        provider,
                        &Response {
                            status,
                            body: &body,
                            sent: sent.as_ref(),
                        },
                        &options,
                    );
                    if parsed.ok {
                        prop_assert!(parsed.errors.is_empty());
                    }
                    for issue in &parsed.errors {
                        check_issue(issue, &[])?;
                    }
                    Ok(())
                },
            )
            .unwrap_or_else(|e| panic!("{}: {e}", provider.id));
    }
}

// ---------------------------------------------------------------------------------------------
// Lengths, the JavaScript way
// ---------------------------------------------------------------------------------------------

/// `[...s].length`, computed the way JS does: over UTF-16 code units, a surrogate pair is one.
fn js_spread_length(s: &str) -> usize {
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
fn js_length(s: &str) -> usize {
    s.chars()
        .map(|c| if (c as u32) > 0xFFFF { 2 } else { 1 })
        .sum()
}

proptest! {
    #![proptest_config(Config { cases: 500, failure_persistence: None, ..Config::default() })]

    #[test]
    fn char_counts_agree_with_javascript(s in prop_oneof![any::<String>(), text_strategy()]) {
        prop_assert_eq!(js_spread_length(&s), s.chars().count());
        prop_assert_eq!(js_length(&s), s.encode_utf16().count());
        let m = text::measure(&s);
        prop_assert_eq!(m.chars, js_spread_length(&s));
        prop_assert_eq!(m.utf16, js_length(&s));
        prop_assert_eq!(m.bytes, s.len());
        prop_assert!(m.graphemes <= m.chars);
    }

    #[test]
    fn truncate_returns_the_longest_fitting_prefix(s in text_strategy(), max in 0usize..20) {
        for unit in [text::TextUnit::Chars, text::TextUnit::Bytes, text::TextUnit::Utf16, text::TextUnit::Graphemes] {
            let cut = text::truncate(&s, max, unit);
            prop_assert!(s.starts_with(cut));
            let m = text::measure(cut);
            let len = match unit {
                text::TextUnit::Chars => m.chars,
                text::TextUnit::Bytes => m.bytes,
                text::TextUnit::Utf16 => m.utf16,
                text::TextUnit::Graphemes => m.graphemes,
            };
            prop_assert!(len <= max, "{:?}: {} > {}", unit, len, max);
            if text::measure(&s).graphemes <= max && unit == text::TextUnit::Graphemes {
                prop_assert_eq!(cut, s.as_str());
            }
        }
    }
}

/// `v` with what JSON text cannot say replaced: lone surrogates, JS-only values and non-finite
/// numbers become null, -0 becomes 0 (JSON text writes it as 0).
fn jsonable(v: Value) -> Value {
    match v {
        Value::Unencodable | Value::Unsupported(_) => Value::Null,
        Value::Number(n) if !n.is_finite() => Value::Null,
        Value::Number(n) if n == 0.0 && n.is_sign_negative() => Value::Number(0.0),
        Value::Array(items) => Value::Array(items.into_iter().map(jsonable).collect()),
        Value::Object(fields) => {
            Value::Object(fields.into_iter().map(|(k, v)| (k, jsonable(v))).collect())
        }
        other => other,
    }
}

/// The tape reader accepts exactly the texts JSON accepts (serde_json as the referee, on
/// near-JSON text built from JSON's own pieces), and never panics on any text.
#[test]
fn json_reader_accepts_what_json_accepts() {
    let piece = select(vec![
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        " ",
        "\n",
        "\"",
        "\\",
        "\"a\"",
        "\"\\u00e9\"",
        "\\u",
        "0",
        "1",
        "-",
        "+",
        ".",
        "e",
        "E",
        "12",
        "0.5",
        "1e5",
        "-0",
        "true",
        "false",
        "null",
        "tru",
        "nul",
        "x",
        "é",
        "😀",
        "\t",
        "\u{1}",
        "/",
        "\"\\n\"",
        "01",
        "1.",
        ".5",
    ]);
    runner(4000)
        .run(&vec(piece, 0..14), |pieces| {
            let text: String = pieces.concat();
            let ours = group_payloads::tape::json::from_json(&text);
            let reference = serde_json::from_str::<serde_json::Value>(&text);
            // serde_json stops at a number past f64, which JSON.parse reads as Infinity.
            if let Err(e) = &reference {
                prop_assume!(!e.to_string().starts_with("number out of range"));
            }
            prop_assert_eq!(ours.is_ok(), reference.is_ok(), "{:?}: {:?}", text, ours);
            Ok(())
        })
        .unwrap();
    runner(2000)
        .run(&any::<String>(), |text| {
            let _ = group_payloads::tape::json::from_json(&text);
            Ok(())
        })
        .unwrap();
}

/// JSON text read straight onto the tape is the value's own tape, and validates the same.
#[test]
fn json_text_validates_as_its_value() {
    for provider in PROVIDERS.iter() {
        let values = prop_oneof![any_value(), payload_for(provider.fields)].prop_map(jsonable);
        runner(300)
            .run(&(values, select(all_options())), |(value, options)| {
                let text = value.to_json();
                let tape = group_payloads::tape::json::from_json(&text)
                    .map_err(|e| TestCaseError::fail(format!("{text}: {e:?}")))?;
                prop_assert_eq!(&tape, &group_payloads::tape::encode(&value), "{}", text);
                prop_assert_eq!(
                    api::validate_json(provider, &text, &options),
                    api::validate(provider, &value, &options)
                );
                Ok(())
            })
            .unwrap_or_else(|e| panic!("{}: {e}", provider.id));
    }
}

/// Every declared text limit, at the boundary: exactly `n` passes, `n + 1` is `too_long` with
/// `actual` = the JS count in the limit's unit. Astral characters make UTF-16 length differ.
#[test]
fn length_limits_count_like_javascript_at_every_boundary() {
    let mut checked = 0;
    for provider in PROVIDERS.iter() {
        let mut paths = Vec::new();
        collect_text_limits(provider.fields, "", &mut paths);
        for (path, text) in paths {
            let Some(limit) = &text.max else { continue };
            let allowed: Vec<char> = ['x', '中', '𠀀', '😂', 'é']
                .into_iter()
                .filter(|c| text.charset.as_ref().is_none_or(|r| (r.charset.allows)(*c)))
                .collect();
            for c in allowed {
                let per = match limit.unit {
                    Unit::Chars => 1,
                    Unit::Bytes => c.len_utf8(),
                };
                if limit.n % per != 0 {
                    continue;
                }
                let at: String = std::iter::repeat_n(c, limit.n / per).collect();
                let over = format!("{at}{c}");
                let issues = |s: &str| {
                    api::validate_field(provider, &path, &Value::from(s), &Options::default())
                        .unwrap_or_else(|_| panic!("{}: {path} does not resolve", provider.id))
                };
                assert!(
                    !issues(&at).iter().any(|i| i.code == Code::TooLong),
                    "{} {path}: {} × {c:?} reported too long",
                    provider.id,
                    limit.n / per
                );
                let long = issues(&over);
                let issue = long
                    .iter()
                    .find(|i| i.code == Code::TooLong)
                    .unwrap_or_else(|| panic!("{} {path}: {c:?} × n+1 not too long", provider.id));
                let (actual, unit) = match limit.unit {
                    Unit::Chars => (js_spread_length(&over), "chars"),
                    Unit::Bytes => (over.len(), "bytes"),
                };
                assert_eq!(
                    issue.params.get("actual"),
                    Some(&Param::Int(actual as i64)),
                    "{path} {c:?}"
                );
                assert_eq!(
                    issue.params.get("unit").map(param_text).as_deref(),
                    Some(unit)
                );
                if (c as u32) > 0xFFFF && limit.unit == Unit::Chars {
                    // The JS `s.length` of the passing string is over the limit: not the unit.
                    assert!(js_length(&at) > limit.n);
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 0, "no text limits found");
}

fn collect_text_limits(
    fields: &'static [Field],
    prefix: &str,
    out: &mut Vec<(String, &'static Text)>,
) {
    for f in fields {
        let path = if prefix.is_empty() {
            f.name.to_owned()
        } else {
            format!("{prefix}.{}", f.name)
        };
        match &f.kind {
            Kind::Text(t) => out.push((path, t)),
            Kind::Texts(_, t) => out.push((format!("{path}[0]"), t)),
            Kind::Objects(_, inner) => collect_text_limits(inner, &format!("{path}[0]"), out),
            _ => {}
        }
    }
}

/// JSON text is read as `JSON.parse` reads it (src/tape/json.rs), numbers to the bit:
/// `Value::from_json` (validateJson, every response body) agrees with JS, and a number printed
/// by `to_json` reads back as itself. (serde_json without its `float_roundtrip` tables read
/// some decimals one bit off; the `validate_json` fuzz target found it.)
#[test]
fn json_numbers_read_exactly_as_json_parse_reads_them() {
    // node -p 'JSON.parse("1000000000000000000000000000001000000000000000") === 1e45' → true
    let v = Value::from_json("1000000000000000000000000000001000000000000000").unwrap();
    assert_eq!(v, Value::Number(1e45));
    runner(2000)
        .run(
            &any::<f64>().prop_filter("finite", |n| n.is_finite()),
            |n| {
                let text = Value::Number(n).to_json();
                prop_assert_eq!(
                    Value::from_json(&text).unwrap(),
                    Value::Number(n),
                    "{}",
                    text
                );
                Ok(())
            },
        )
        .unwrap();
}

/// Blank means what JS `trim` leaves empty (ECMAScript WhiteSpace + LineTerminator, not
/// Unicode White_Space): `"\u{feff}".trim()` is `""` in JS, and U+0085 survives `trim`, so a
/// form that checks `value.trim() === ""` agrees with `validate`.
#[test]
fn blank_means_what_js_trim_means() {
    let mut checked = 0;
    for provider in PROVIDERS.iter() {
        let mut texts = Vec::new();
        collect_text_limits(provider.fields, "", &mut texts);
        for (path, text) in texts {
            if text.not_blank.is_none() {
                continue;
            }
            let blank = |s: &str| {
                api::validate_field(provider, &path, &Value::from(s), &Options::default())
                    .unwrap()
                    .iter()
                    .any(|i| i.code == Code::Blank)
            };
            // JS: "\u{feff}".trim() === "" and " \u{feff}\u{3000}".trim() === "".
            assert!(blank("\u{feff}"), "{} {path}: U+FEFF", provider.id);
            assert!(blank(" \u{feff}\u{3000}"), "{} {path}", provider.id);
            // JS: "\u{85}".trim() === "\u{85}".
            assert!(!blank("\u{85}"), "{} {path}: U+0085", provider.id);
            checked += 1;
        }
    }
    assert!(checked > 0);
}

/// A key repeated in one object is found alike in small objects (a look back over the earlier
/// keys) and large ones (a map past unique::SCAN_LIMIT keys): the same issues, in order.
#[test]
fn repeated_keys_are_reported_alike_in_small_and_large_objects() {
    let geelark = group_payloads::provider("geelark").unwrap();
    for extra in [2usize, 15, 16, 17, 40] {
        let mut pairs: Vec<String> = (0..extra).map(|k| format!("\"x{k}\":{k}")).collect();
        pairs.insert(0, r#""list":[{"name":"a"}]"#.to_owned());
        // Repeat the second key and the list, at the end.
        pairs.push(r#""x1":1"#.to_owned());
        pairs.push(r#""list":[]"#.to_owned());
        let text = format!("{{{}}}", pairs.join(","));
        let report = api::validate_json(geelark, &text, &Options::default());
        let duplicates: Vec<(String, i64)> = report
            .errors
            .iter()
            .filter(|i| i.code == Code::Duplicate)
            .map(|i| match i.params.get("first") {
                Some(Param::Int(first)) => (i.path.clone(), *first),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            duplicates,
            [("x1".to_owned(), 2), ("list".to_owned(), 0)],
            "{extra} extra keys"
        );
        assert_eq!(
            report.warnings.len(),
            extra,
            "each extra key once as unknown"
        );
    }
}
