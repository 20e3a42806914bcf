//! GoChat: request building (default base, the documented token header, digit-string
//! `admin_id`, option safety) and response parsing (201 group, `{"error"}` bodies);
//! docs/decisions.md "GoChat".
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use group_payloads::{
    gochat::{self, Connection},
    issue::Param,
    Options, Value,
};

/// The GoChat docs' request body.
const GO_SEED_PAYLOAD: &str = r#"{"name":"group_1","token":"298fbgv479bv","admin_id":1}"#;

/// The GoChat docs' 201 response and error example.
const GO_SEED_RESPONSE: &str = r#"{
    "id": 1,
    "uuid": "19aa6eeb-22e4-4ad9-728c-fa739598e71e",
    "name": "group_1",
    "admin_id": 1,
    "token": "298fbgv479bv",
    "created_at": "2021-09-14T11:33:50.363813918+08:00"
}"#;

#[test]
fn gochat_builds_seed_request_on_the_default_base() {
    let built = built("gochat", GO_SEED_PAYLOAD, "{}");
    assert!(built.report.ok && built.report.warnings.is_empty());
    let request = built.request.expect("request");
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url, "http://localhost:1213/v1/group");
    assert_eq!(
        request.headers,
        pairs(&[("Content-Type", "application/json")])
    );
    assert_eq!(request.body.as_deref(), Some(GO_SEED_PAYLOAD));
    // No options at all means the defaults too.
    let none = gochat::build_request(
        &json_value(GO_SEED_PAYLOAD),
        &Connection::default(),
        &Options::default(),
    );
    assert_eq!(none.request.expect("request").url, request.url);
}

#[test]
fn gochat_sends_the_documented_token_header_when_given() {
    let options = r#"{"baseUrl": "http://chat.internal:8080/", "token": "433578ab-84c2-4e02-4656-de55a8097c9f"}"#;
    let request = built("gochat", GO_SEED_PAYLOAD, options)
        .request
        .expect("request");
    assert_eq!(request.url, "http://chat.internal:8080/v1/group");
    assert_eq!(
        request.headers,
        pairs(&[
            ("Content-Type", "application/json"),
            ("GoChat-Token", "433578ab-84c2-4e02-4656-de55a8097c9f"),
        ])
    );
}

#[test]
fn gochat_digit_string_admin_id_is_sent_as_a_number() {
    let built = built("gochat", r#"{"name":"g","admin_id":"12"}"#, "{}");
    assert!(built.report.ok);
    assert_eq!(
        summary(&built.report.warnings),
        vec![("admin_id".to_owned(), "invalid_type")]
    );
    let body = built.request.expect("request").body;
    assert_eq!(body.as_deref(), Some(r#"{"name":"g","admin_id":12}"#));
}

#[test]
fn gochat_empty_name_is_sent_as_typed_with_a_warning() {
    let built = built("gochat", r#"{"name":"","admin_id":3}"#, "{}");
    assert_eq!(
        summary(&built.report.warnings),
        vec![("name".to_owned(), "too_short")]
    );
    let body = built.request.expect("request").body;
    assert_eq!(body.as_deref(), Some(r#"{"name":"","admin_id":3}"#));
}

#[test]
fn gochat_unsafe_options_are_errors() {
    let built = built(
        "gochat",
        GO_SEED_PAYLOAD,
        r#"{"baseUrl": "localhost:1213", "token": "a\r\nX-Evil: 1"}"#,
    );
    assert!(built.request.is_none());
    assert_eq!(
        summary(&built.report.errors),
        vec![
            ("options.baseUrl".to_owned(), "invalid_url"),
            ("options.token".to_owned(), "invalid_chars"),
        ]
    );
    assert_not_echoed(&built.report.errors, "a\r\nX-Evil: 1");
}

#[test]
fn gochat_mistyped_options_are_misuse() {
    let p = GO_SEED_PAYLOAD;
    assert!(options_error("gochat", p, r#"{"token": 5}"#).contains("options.token"));
    assert!(options_error("gochat", p, r#"{"baseUrl": []}"#).contains("options.baseUrl"));
    assert!(options_error("gochat", p, "[]").contains("object"));
}

#[test]
fn gochat_invalid_payload_builds_nothing() {
    let built = built("gochat", r#"{"name":"g","admin_id":0}"#, "{}");
    assert!(built.request.is_none());
    assert_eq!(
        summary(&built.report.errors),
        vec![("admin_id".to_owned(), "out_of_range")]
    );
}

#[test]
fn gochat_connection_debug_hides_the_token() {
    let connection = Connection {
        base_url: None,
        token: Some("433578ab-secret"),
    };
    assert!(!format!("{connection:?}").contains("433578ab-secret"));
}

#[test]
fn gochat_seed_response_is_the_group() {
    let parsed = parse("gochat", 201, GO_SEED_RESPONSE);
    assert!(parsed.ok && parsed.errors.is_empty());
    assert_eq!(parsed.data, Some(json_value(GO_SEED_RESPONSE)));
}

#[test]
fn gochat_seed_error_is_a_duplicate_on_name() {
    let parsed = parse("gochat", 500, GO_SEED_ERROR);
    assert!(!parsed.ok);
    assert_eq!(
        summary(&parsed.errors),
        vec![("name".to_owned(), "duplicate")]
    );
    let issue = &parsed.errors[0];
    assert_eq!(issue.provider_code, None);
    assert_eq!(param(issue, "status"), Some(&Param::Int(500)));
    assert_eq!(
        param(issue, "providerMessage"),
        Some(&text("UNIQUE constraint failed: GROUPS.NAME"))
    );
}

#[test]
fn gochat_errors_point_at_the_field_they_name() {
    for (status, error, path) in [
        (
            400,
            "json: cannot unmarshal string into Go struct field Group.admin_id of type int",
            "admin_id",
        ),
        (
            400,
            "json: cannot unmarshal number into Go struct field Group.name of type string",
            "name",
        ),
        (
            400,
            "json: cannot unmarshal number into Go struct field Group.uuid of type string",
            "",
        ),
        (500, "FOREIGN KEY constraint failed", "admin_id"),
        (500, "UNIQUE constraint failed: GROUPS.UUID", ""),
        (400, "EOF", ""),
    ] {
        let body = Value::Object(vec![("error".into(), error.into())]).to_json();
        let parsed = parse("gochat", status, &body);
        assert_eq!(
            summary(&parsed.errors),
            vec![(path.to_owned(), "provider_error")],
            "{error}"
        );
        assert_eq!(
            param(&parsed.errors[0], "providerMessage"),
            Some(&text(error))
        );
    }
}

#[test]
fn gochat_bare_and_non_json_errors() {
    let parsed = parse("gochat", 500, r#"{"error": 5}"#);
    assert_eq!(
        summary(&parsed.errors),
        vec![(String::new(), "provider_error")]
    );
    assert_eq!(param(&parsed.errors[0], "providerMessage"), None);
    // gin's own 404 for an unknown route is plain text.
    let parsed = parse("gochat", 404, "404 page not found");
    assert!(!parsed.ok);
    assert_eq!(
        param(&parsed.errors[0], "reason"),
        Some(&text("body_not_json"))
    );
    let parsed = parse("gochat", 403, "");
    assert_eq!(
        summary(&parsed.errors),
        vec![(String::new(), "provider_error")]
    );
    // An error body even with a 2xx status is not a success.
    assert!(!parse("gochat", 200, r#"{"error":"x"}"#).ok);
}
