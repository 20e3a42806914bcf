//! The shared validation fixtures (tests/fixtures/validate.json), run natively. The same file
//! runs through the JS-facing functions in tests/wasm.rs, in Node and in Chromium.
#![cfg(not(target_arch = "wasm32"))]

use group_payloads::{validate, Issue, Locale, Options, ProviderCode, Value};
use serde_json::Value as Json;

const FIXTURES: &str = include_str!("fixtures/validate.json");
/// JSON text cannot carry a lone surrogate into Rust; the fixtures write it as an escape, and
/// this marker stands in for it natively so the same case checks `Value::Unencodable`.
const LONE_SURROGATE_MARKER: &str = "@@lone-surrogate@@";

fn summary(issue: &Issue, with_code: bool) -> Json {
    let mut row = vec![
        Json::from(issue.path.clone()),
        Json::from(issue.code.as_str()),
    ];
    if with_code {
        row.push(match &issue.provider_code {
            None => Json::Null,
            Some(ProviderCode::Text(t)) => Json::from(t.to_string()),
            Some(ProviderCode::Number(n)) => Json::from(*n),
        });
    }
    Json::Array(row)
}

#[test]
fn every_fixture_reaches_its_expected_report() {
    // serde_json keeps object keys sorted unless told otherwise; issue order follows the
    // payload's key order, so parse the text into our order-keeping Value instead.
    let text = FIXTURES
        .replace("\\ud800", LONE_SURROGATE_MARKER)
        .replace("\\udc00", LONE_SURROGATE_MARKER);
    let cases: Vec<Json> = serde_json::from_str(&text).unwrap();
    let ordered: Value = Value::from_json(&text).unwrap();
    let Value::Array(ordered_cases) = ordered else {
        panic!("fixtures are an array")
    };
    assert!(cases.len() >= 60, "fixtures went missing: {}", cases.len());
    let mut failures = Vec::new();
    for (case, ordered_case) in cases.iter().zip(&ordered_cases) {
        let name = case["name"].as_str().unwrap();
        let options = Options {
            lenient: case["options"]["lenient"].as_bool().unwrap_or(false),
            locale: Locale::En,
        };
        let payload = strip_marker(ordered_case.get("payload").unwrap());
        let report = validate(case["provider"].as_str().unwrap(), &payload, &options).unwrap();
        let errors: Vec<Json> = report.errors.iter().map(|i| summary(i, true)).collect();
        let warnings: Vec<Json> = report.warnings.iter().map(|i| summary(i, false)).collect();
        let expect = &case["expect"];
        if report.ok != expect["ok"].as_bool().unwrap()
            || Json::Array(errors.clone()) != expect["errors"]
            || Json::Array(warnings.clone()) != expect["warnings"]
        {
            failures.push(format!(
                "{name}:\n  errors   {errors:?}\n  expected {}\n  warnings {warnings:?}\n  expected {}",
                expect["errors"], expect["warnings"]
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} fixtures failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

fn strip_marker(v: &Value) -> Value {
    match v {
        Value::String(s) if s.contains(LONE_SURROGATE_MARKER) => Value::Unencodable,
        Value::Array(items) => Value::Array(items.iter().map(strip_marker).collect()),
        Value::Object(fields) => Value::Object(
            fields
                .iter()
                .map(|(k, v)| (k.clone(), strip_marker(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}
