//! Building over every provider in `PROVIDERS` (a new provider is covered once it is
//! registered and has fake build options in `fake_build_options`): arbitrary payloads and
//! options never panic, a request is built exactly when the payload validates, and every valid
//! payload's request (body, or GET query) reads back to the known fields the caller gave, in
//! order.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use group_payloads::{
    api, build_request,
    geelark::{self, Auth},
    providers::Provider,
    spec::{Field, Kind},
    tencent_iai::{self, Style},
    HttpRequest, Method, Options, Value, PROVIDERS,
};
use proptest::{prelude::*, sample::select, test_runner::TestCaseError};

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
        other => panic!("tests/builders.rs: add fake build options for provider {other:?}"),
    };
    texts.iter().map(|t| Value::from_json(t).unwrap()).collect()
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

/// Any JSON-like value, biased towards the shapes these providers expect.
fn arbitrary_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<f64>().prop_map(Value::Number),
        wild_string(0, 70).prop_map(Value::String),
        Just(Value::Unencodable),
        Just(Value::Unsupported("undefined")),
    ];
    let keys = prop_oneof![
        prop::sample::select(vec![
            "list",
            "name",
            "remark",
            "GroupName",
            "GroupId",
            "GroupExDescriptions",
            "Tag",
            "FaceModelVersion",
            "x",
        ])
        .prop_map(str::to_owned),
        wild_string(0, 4),
    ];
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..=7).prop_map(Value::Array),
            prop::collection::vec((keys.clone(), inner), 0..=6).prop_map(Value::Object),
        ]
    })
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

proptest! {
    #[test]
    fn building_never_panics_and_requests_are_safe(
        provider in prop::sample::select(&["selfcommunity", "capillary", "gochat"][..]),
        payload in keyed_value(),
        options in keyed_value(),
    ) {
        if let Ok(Ok(built)) = build_request(provider, &payload, &options, &Options::default()) {
            prop_assert_eq!(built.request.is_some(), built.report.ok);
            if let Some(request) = built.request {
                for (name, value) in &request.headers {
                    prop_assert!(!name.is_empty());
                    prop_assert!(value.chars().all(|c| (' '..='~').contains(&c)), "{value:?}");
                }
                let body = request.body.unwrap_or_default();
                prop_assert!(serde_json::from_str::<serde_json::Value>(&body).is_ok());
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn any_payload_builds_a_request_exactly_when_it_validates(payload in arbitrary_value()) {
        let auth = Auth::Token { token: "t", trace_id: "trace" };
        let gl = geelark::build_request(&payload, &auth, &Options::default());
        prop_assert_eq!(gl.request.is_some(), gl.report.ok);
        for style in [Style::Post, Style::Get] {
            for lenient in [false, true] {
                let options = Options { lenient, ..Options::default() };
                let tc = tencent_iai::build_request(&payload, &credentials(style), &options).unwrap();
                prop_assert_eq!(tc.request.is_some(), tc.report.ok);
            }
        }
    }
}
