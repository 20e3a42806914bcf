//! Validation over every provider: the shared fixtures (tests/fixtures/validate.json, which
//! tests/wasm.rs runs through the JS-facing functions), reports that never panic or echo
//! values, lengths and blanks counted as JavaScript counts them, repeated keys, and the bounds
//! on reports and paths (tests/js/adversarial.test.mjs has the JS side).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use group_payloads::{
    api,
    issue::Param,
    path::PATH_KEY_MAX_CHARS,
    rules::{length::Unit, MAX_ISSUES},
    spec::{Field, Kind, Text},
    validate, Code, Issue, Locale, Options, ProviderCode, Value, PROVIDERS,
};
use proptest::{prelude::*, sample::select};
use serde_json::Value as Json;

const FIXTURES: &str = include_str!("fixtures/validate.json");

/// JSON text cannot carry a lone surrogate into Rust; the fixtures write it as an escape, and
/// this marker stands in for it natively so the same case checks `Value::Unencodable`.
const LONE_SURROGATE_MARKER: &str = "@@lone-surrogate@@";

fn issue_summary(issue: &Issue, with_code: bool) -> Json {
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
        let errors: Vec<Json> = report
            .errors
            .iter()
            .map(|i| issue_summary(i, true))
            .collect();
        let warnings: Vec<Json> = report
            .warnings
            .iter()
            .map(|i| issue_summary(i, false))
            .collect();
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

/// A 2 MiB list of a million wrong items: a thousand issues and one that counts the rest.
#[test]
fn a_report_lists_at_most_max_issues_and_counts_the_rest() {
    let text = format!(r#"{{"list":[{}0]}}"#, "0,".repeat((1 << 20) - 1));
    let geelark = group_payloads::provider("geelark").unwrap();
    let report = api::validate_json(geelark, &text, &Options::default());
    assert!(!report.ok);
    assert_eq!(report.errors.len(), MAX_ISSUES + 1);
    assert!(report.warnings.is_empty());
    let last = report.errors.last().unwrap();
    assert_eq!(last.code, Code::MoreIssues);
    assert_eq!(last.path, "");
    assert_eq!(
        last.params.get("count"),
        Some(&Param::Int((1 << 20) - MAX_ISSUES as i64))
    );
    assert_eq!(last.params.get("max"), Some(&Param::Int(MAX_ISSUES as i64)));
    assert!(report.to_json().len() < 200_000);

    // Only warnings past the cap: the final issue is a warning and the report stays ok.
    let keys: Vec<String> = (0..1500).map(|i| format!(r#""x{i}":0"#)).collect();
    let text = format!(r#"{{"list":[{{"name":"a"}}],{}}}"#, keys.join(","));
    let report = api::validate_json(geelark, &text, &Options::default());
    assert!(report.ok);
    assert_eq!(report.warnings.len(), MAX_ISSUES + 1);
    assert_eq!(report.warnings[MAX_ISSUES].code, Code::MoreIssues);
}

/// An unknown key of ten million control characters: its path is cut, so the report stays small.
#[test]
fn an_absurdly_long_key_is_cut_in_the_path() {
    let key = r"\u0001".repeat(10_000_000);
    let text = format!(r#"{{"list":[{{"name":"a"}}],"{key}":0}}"#);
    let geelark = group_payloads::provider("geelark").unwrap();
    let report = api::validate_json(geelark, &text, &Options::default());
    assert_eq!(report.warnings.len(), 1);
    assert_eq!(
        report.warnings[0].path.chars().count(),
        PATH_KEY_MAX_CHARS + 1
    );
    assert!(report.to_json().len() < 1000);
}

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
