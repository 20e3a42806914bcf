//! Hostile input, natively: costs that must stay near-linear, responses read as `JSON.parse`
//! reads them, bounded reports. (tests/js/adversarial.test.mjs has the JS side, and
//! scripts/scaling.mjs times every entry point at n and 4n.)

use group_payloads::api;
use group_payloads::issue::Param;
use group_payloads::path::PATH_KEY_MAX_CHARS;
use group_payloads::rules::MAX_ISSUES;
use group_payloads::{Code, Options, Value};
use group_payloads::{Parsed, Response};
use std::time::{Duration, Instant};

fn parse(id: &str, status: u16, body: &str, sent: Option<&Value>) -> Parsed {
    let provider = group_payloads::provider(id).unwrap();
    let response = Response { status, body, sent };
    api::parse_response(provider, &response, &Options::default())
}

#[test]
fn a_repeated_key_in_a_response_is_read_from_its_last_occurrence_with_a_warning() {
    let parsed = parse("geelark", 200, r#"{"code":0,"code":40000,"data":{}}"#, None);
    assert!(
        !parsed.ok,
        "the last code is an error, as JSON.parse reads it"
    );
    assert_eq!(parsed.warnings.len(), 1);
    assert_eq!(parsed.warnings[0].path, "code");
    assert_eq!(parsed.warnings[0].code, Code::Duplicate);

    let body = r#"{"status":{"success":true},"status":{"success":false}}"#;
    let parsed = parse("capillary", 200, body, None);
    assert!(!parsed.ok);
    assert_eq!(
        parsed.data.unwrap().to_json(),
        r#"{"status":{"success":false}}"#
    );

    let body = r#"{"Response":{"Error":{"Code":"X","Message":"m"}},"Response":{"RequestId":"r"}}"#;
    let parsed = parse("tencent-iai", 200, body, None);
    assert!(parsed.ok, "{:?}", parsed.errors);
    assert_eq!(parsed.request_id.as_deref(), Some("r"));
    assert_eq!(parsed.data.unwrap().to_json(), r#"{"RequestId":"r"}"#);
    assert_eq!(parsed.data_key, Some("Response"));
}

#[test]
fn provider_text_stays_in_params_and_is_capped() {
    let huge = "x\r\n".repeat(1 << 20);
    let body = format!(
        r#"{{"code":40000,"msg":"{}"}}"#,
        huge.replace("\r\n", "\\r\\n")
    );
    let parsed = parse("geelark", 200, &body, None);
    let issue = &parsed.errors[0];
    assert_eq!(issue.message, "rejected by the provider (HTTP 200)");
    let Some(Param::Text(kept)) = issue.params.get("providerMessage") else {
        panic!("{:?}", issue.params)
    };
    assert_eq!(kept.chars().count(), 1001);
    assert_eq!(
        issue.params.get("providerMessageChars"),
        Some(&Param::Int(3 << 20))
    );
}

/// 40,000 failures against 40,000 sent names: matched through an index, not a scan each.
#[test]
fn geelark_fail_details_are_matched_through_an_index() {
    let n = 40_000;
    let names: Vec<String> = (0..n).map(|i| format!("group-{i}")).collect();
    let sent = Value::Object(vec![(
        "list".into(),
        Value::Array(
            names
                .iter()
                .map(|name| Value::Object(vec![("name".into(), name.as_str().into())]))
                .collect(),
        ),
    )]);
    let fails: Vec<String> = names
        .iter()
        .rev()
        .map(|name| format!(r#"{{"code":43031,"name":"{name}"}}"#))
        .collect();
    let body = format!(
        r#"{{"code":0,"data":{{"failDetails":[{}]}}}}"#,
        fails.join(",")
    );
    let start = Instant::now();
    let parsed = parse("geelark", 200, &body, Some(&sent));
    let took = start.elapsed();
    assert_eq!(parsed.errors[0].path, format!("list[{}].name", n - 1));
    assert_eq!(parsed.errors[999].path, format!("list[{}].name", n - 1000));
    let last = parsed.errors.last().unwrap();
    assert_eq!(last.code, Code::MoreIssues);
    assert_eq!(last.params.get("count"), Some(&Param::Int(n as i64 - 1000)));
    assert!(took < Duration::from_secs(5), "{took:?}");
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
