//! Response parsing over every provider: the shared response fixtures
//! (tests/fixtures/responses.json, which tests/wasm_build.rs runs through the JS API), bodies of
//! any shape that never panic, repeated keys read as `JSON.parse` reads them, and provider text
//! kept in params and capped.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use group_payloads::{
    api, issue::Param, parse_response, Code, Options, ProviderCode, Response, Value, PROVIDERS,
};
use proptest::{collection::vec, prelude::*, sample::select};
use serde_json::{json, Value as Json};

const RESPONSES: &str = include_str!("fixtures/responses.json");

fn provider_code_json(code: &Option<ProviderCode>) -> Json {
    match code {
        None => Json::Null,
        Some(ProviderCode::Text(t)) => Json::from(t.to_string()),
        Some(ProviderCode::Number(n)) => Json::from(*n),
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
fn every_response_fixture_parses_to_its_expected_shape() {
    let cases: Vec<Json> = serde_json::from_str(RESPONSES).unwrap();
    assert!(cases.len() >= 30, "fixtures went missing: {}", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let status = u16::try_from(case["status"].as_u64().unwrap()).unwrap();
        let sent = case.get("payload").map(|p| json_value(&p.to_string()));
        let response = Response {
            status,
            body: case["body"].as_str().unwrap(),
            sent: sent.as_ref(),
        };
        let parsed =
            parse_response(case["provider"].as_str().unwrap(), &response, &options()).unwrap();
        let expect = &case["expect"];
        let rows: Vec<Json> = parsed
            .errors
            .iter()
            .map(|i| {
                json!([
                    i.path,
                    i.code.as_str(),
                    provider_code_json(&i.provider_code)
                ])
            })
            .collect();
        let mut wrong = Vec::new();
        if parsed.ok != expect["ok"].as_bool().unwrap() {
            wrong.push(format!("ok {}", parsed.ok));
        }
        if Json::Array(rows.clone()) != expect["errors"] {
            wrong.push(format!("errors {rows:?}, expected {}", expect["errors"]));
        }
        let request_id = parsed.request_id.clone().map_or(Json::Null, Json::from);
        if request_id != expect["requestId"] {
            wrong.push(format!("requestId {request_id}"));
        }
        if let Some(data) = expect.get("data") {
            let got: Option<Json> = parsed
                .data
                .as_ref()
                .map(|d| serde_json::from_str(&d.to_json()).unwrap());
            if got.as_ref() != Some(data) {
                wrong.push(format!("data {got:?}"));
            }
        }
        if let Some(messages) = expect.get("providerMessages") {
            let got: Vec<Json> = parsed
                .errors
                .iter()
                .map(|i| match i.params.get("providerMessage") {
                    Some(Param::Text(t)) => Json::from(t.to_string()),
                    _ => Json::Null,
                })
                .collect();
            if Json::Array(got.clone()) != *messages {
                wrong.push(format!("providerMessages {got:?}"));
            }
        }
        for issue in &parsed.errors {
            if issue.params.get("status") != Some(&Param::Int(i64::from(status))) {
                wrong.push(format!("{}: params.status is not {status}", issue.path));
            }
            if issue.message.is_empty() {
                wrong.push(format!("{}: empty message", issue.path));
            }
        }
        if parsed.ok != parsed.errors.is_empty() {
            wrong.push("ok disagrees with errors".into());
        }
        if !wrong.is_empty() {
            failures.push(format!("{name}: {}", wrong.join("; ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} response fixtures failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn response_bodies_of_the_wrong_shape_never_panic_and_are_not_ok() {
    let bodies = [
        "null",
        "[]",
        "\"text\"",
        "42",
        r#"{"code":"0"}"#,
        r#"{"code":0.5,"data":{"failDetails":"x"}}"#,
        r#"{"code":0,"data":{"failDetails":[null,1,{"code":"x"},{"name":5}]}}"#,
        r#"{"Response":null}"#,
        r#"{"Response":{"Error":null}}"#,
        r#"{"Response":{"Error":{"Code":5}}}"#,
        r#"{"Response":{"Error":"x","RequestId":7}}"#,
        "{\"Response\":",
        "\u{feff}{}",
    ];
    let deep = "[".repeat(100_000);
    let deep_valid = format!("{}{}", "[".repeat(120), "]".repeat(120));
    let deep_data = format!(
        r#"{{"code":0,"data":{}1{},"Response":{}1{}}}"#,
        "[".repeat(100),
        "]".repeat(100),
        "[".repeat(100),
        "]".repeat(100)
    );
    let huge = format!(
        r#"{{"Response":{{"Error":{{"Code":"{}"}}}}}}"#,
        "x".repeat(1 << 20)
    );
    let bodies: Vec<&str> = bodies
        .iter()
        .copied()
        .chain([
            deep.as_str(),
            deep_valid.as_str(),
            deep_data.as_str(),
            huge.as_str(),
        ])
        .collect();
    let sent = json_value(GL_SEED_REQUEST);
    for provider in ["geelark", "tencent-iai"] {
        for body in bodies.iter().copied() {
            for status in [200, 400, 500] {
                let response = Response {
                    status,
                    body,
                    sent: Some(&sent),
                };
                let parsed = parse_response(provider, &response, &options()).unwrap();
                // The only success here: GeeLark's code 0 with odd (but valid) data.
                let success = status == 200 && provider == "geelark" && body == deep_data;
                assert_eq!(parsed.ok, success, "{provider} {status} {body:.80}");
                assert_eq!(parsed.ok, parsed.errors.is_empty(), "{provider} {body}");
            }
        }
    }
}

#[test]
fn a_repeated_key_in_a_response_is_read_from_its_last_occurrence_with_a_warning() {
    let parsed = parse_sent("geelark", 200, r#"{"code":0,"code":40000,"data":{}}"#, None);
    assert!(
        !parsed.ok,
        "the last code is an error, as JSON.parse reads it"
    );
    assert_eq!(parsed.warnings.len(), 1);
    assert_eq!(parsed.warnings[0].path, "code");
    assert_eq!(parsed.warnings[0].code, Code::Duplicate);

    let body = r#"{"status":{"success":true},"status":{"success":false}}"#;
    let parsed = parse_sent("capillary", 200, body, None);
    assert!(!parsed.ok);
    assert_eq!(
        parsed.data.unwrap().to_json(),
        r#"{"status":{"success":false}}"#
    );

    let body = r#"{"Response":{"Error":{"Code":"X","Message":"m"}},"Response":{"RequestId":"r"}}"#;
    let parsed = parse_sent("tencent-iai", 200, body, None);
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
    let parsed = parse_sent("geelark", 200, &body, None);
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

proptest! {
    #[test]
    fn parsing_never_panics(
        provider in prop::sample::select(&["selfcommunity", "capillary", "gochat"][..]),
        status in any::<u16>(),
        body in prop_oneof![any::<String>(), keyed_value().prop_map(|v| v.to_json())],
    ) {
        let response = Response { status, body: &body, sent: None };
        let parsed = parse_response(provider, &response, &Options::default()).unwrap();
        prop_assert_eq!(parsed.ok, parsed.errors.is_empty());
    }
}
