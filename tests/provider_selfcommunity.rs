//! SelfCommunity: request building (exact URL, headers, body; base URL and token safety; option
//! misuse) and response parsing (201 group, documented error shapes); docs/decisions.md
//! "SelfCommunity".
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use group_payloads::{
    build_request,
    issue::Param,
    selfcommunity::{self, Credentials},
    Options, Value,
};

const SC_OPTIONS: &str = r#"{"baseUrl": "https://community.example.com", "token": "jwt.abc-123"}"#;
const SC_PAYLOAD: &str = r##"{"name":"Book club","description":"We read one book a month.","color":"#3f51b5","privacy":"private","visible":true,"invite_users":[12,34]}"##;

/// A Group as the 201 response carries it (schema in docs/decisions.md "SelfCommunity"; the docs'
/// own example is placeholders, not JSON).
const SC_CREATED: &str = r##"{"id":7,"name":"Book club","description":"We read one book a month.","slug":"book-club","color":"#3f51b5","privacy":"private","visible":true,"active":true,"subscription_status":"subscribed","subscribed":true,"image_bigger":"https://c.example.com/g/7/bigger.png","image_big":"https://c.example.com/g/7/big.png","image_medium":"https://c.example.com/g/7/medium.png","image_small":"https://c.example.com/g/7/small.png","emotional_image":null,"emotional_image_position":0,"subscribers_counter":1,"created_at":"2025-01-10T09:30:00.000000+01:00","created_by":{"id":1,"username":"admin"},"managed_by":{"id":1,"username":"admin"}}"##;

#[test]
fn selfcommunity_builds_exact_request() {
    let built = built("selfcommunity", SC_PAYLOAD, SC_OPTIONS);
    assert!(built.report.ok, "{:?}", built.report);
    let request = built.request.expect("request");
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url, "https://community.example.com/api/v2/group/");
    assert_eq!(
        request.headers,
        pairs(&[
            ("Content-Type", "application/json"),
            ("Accept", "application/json"),
            ("Authorization", "Bearer jwt.abc-123"),
        ])
    );
    assert_eq!(request.body.as_deref(), Some(SC_PAYLOAD));
}

#[test]
fn selfcommunity_base_url_keeps_its_path_and_drops_trailing_slashes() {
    for (base, url) in [
        (
            "https://community.example.com/",
            "https://community.example.com/api/v2/group/",
        ),
        (
            "https://example.com/community//",
            "https://example.com/community/api/v2/group/",
        ),
        (
            "http://localhost:8000",
            "http://localhost:8000/api/v2/group/",
        ),
    ] {
        let options = format!(r#"{{"baseUrl": "{base}", "token": "t"}}"#);
        let built = built("selfcommunity", SC_PAYLOAD, &options);
        assert_eq!(built.request.expect("request").url, url);
    }
}

#[test]
fn selfcommunity_rejects_bad_base_urls() {
    for base in [
        "community.example.com",
        "ftp://community.example.com",
        "https://community.example.com/?next=1",
        "https://community.example.com/#top",
        "https://user:pw@community.example.com",
        "https://community.example.com\r\nX-Evil: 1",
        "https:// community.example.com",
    ] {
        let options = Value::Object(vec![
            ("baseUrl".into(), base.into()),
            ("token".into(), "t".into()),
        ]);
        let built = build_request(
            "selfcommunity",
            &json_value(SC_PAYLOAD),
            &options,
            &Options::default(),
        )
        .unwrap()
        .unwrap();
        assert!(built.request.is_none(), "{base:?}");
        assert_eq!(
            summary(&built.report.errors),
            vec![("options.baseUrl".to_owned(), "invalid_url")],
            "{base:?}"
        );
    }
}

#[test]
fn selfcommunity_token_with_line_break_or_control_is_an_error_not_a_header() {
    for (token, code) in [
        ("abc\r\nX-Evil: 1", "invalid_chars"),
        ("abc\n", "invalid_chars"),
        ("a\tb", "invalid_chars"),
        ("tökén", "invalid_chars"),
        ("", "blank"),
        (" abc", "blank"),
    ] {
        let credentials = Credentials {
            base_url: "https://c.example.com",
            token,
        };
        let built = selfcommunity::build_request(
            &json_value(SC_PAYLOAD),
            &credentials,
            &Options::default(),
        );
        assert!(built.request.is_none(), "{token:?}");
        assert_eq!(
            summary(&built.report.errors),
            vec![("options.token".to_owned(), code)],
            "{token:?}"
        );
        if !token.trim().is_empty() {
            assert_not_echoed(&built.report.errors, token);
        }
    }
}

#[test]
fn selfcommunity_missing_or_mistyped_options_are_misuse() {
    let p = SC_PAYLOAD;
    assert!(options_error(
        "selfcommunity",
        p,
        r#"{"baseUrl": "https://c.example.com"}"#
    )
    .contains("options.token"));
    assert!(options_error("selfcommunity", p, r#"{"token": "t"}"#).contains("options.baseUrl"));
    assert!(
        options_error("selfcommunity", p, r#"{"baseUrl": "", "token": "t"}"#)
            .contains("options.baseUrl")
    );
    assert!(options_error(
        "selfcommunity",
        p,
        r#"{"baseUrl": "https://c.example.com", "token": 5}"#
    )
    .contains("options.token"));
    assert!(options_error("selfcommunity", p, r#"["https://c.example.com"]"#).contains("object"));
    assert!(options_error("selfcommunity", p, r#""t""#).contains("object"));
}

#[test]
fn selfcommunity_invalid_payload_gets_no_request_and_every_problem() {
    let built = built(
        "selfcommunity",
        r#"{"name":"","privacy":"private","image_original":"a.png"}"#,
        r#"{"baseUrl": "example.com", "token": "t"}"#,
    );
    assert!(!built.report.ok && built.request.is_none());
    assert_eq!(
        summary(&built.report.errors),
        vec![
            ("name".to_owned(), "blank"),
            ("image_original".to_owned(), "needs_multipart"),
            ("visible".to_owned(), "required"),
            ("options.baseUrl".to_owned(), "invalid_url"),
        ]
    );
}

#[test]
fn selfcommunity_warnings_ride_along_and_unknown_fields_are_left_out() {
    let name = "n".repeat(41);
    let payload = format!(r#"{{"slug":"x","name":"{name}","privacy":"public"}}"#);
    let built = built("selfcommunity", &payload, SC_OPTIONS);
    assert!(built.report.ok);
    assert_eq!(
        summary(&built.report.warnings),
        vec![
            ("slug".to_owned(), "unknown_field"),
            ("name".to_owned(), "too_long"),
        ]
    );
    let body = built.request.expect("request").body.expect("body");
    assert_eq!(body, format!(r#"{{"name":"{name}","privacy":"public"}}"#));
}

#[test]
fn selfcommunity_credentials_debug_hides_the_token() {
    let credentials = Credentials {
        base_url: "https://c.example.com",
        token: "very-secret-token",
    };
    let shown = format!("{credentials:?}");
    assert!(!shown.contains("very-secret-token") && shown.contains("c.example.com"));
}

#[test]
fn selfcommunity_201_is_the_group() {
    let parsed = parse("selfcommunity", 201, SC_CREATED);
    assert!(parsed.ok && parsed.errors.is_empty());
    assert_eq!(parsed.data, Some(json_value(SC_CREATED)));
    assert_eq!(parsed.request_id, None);
}

#[test]
fn selfcommunity_201_with_empty_body_is_ok_without_data() {
    let parsed = parse("selfcommunity", 201, "");
    assert!(parsed.ok && parsed.data.is_none());
}

#[test]
fn selfcommunity_errors_become_issues_on_the_fields_they_name() {
    let body = r#"{"errors":[{"field":"name","messages":["A group with that name already exists.","Too similar."]},{"field":"invite_users","messages":["Invalid user."]},{"message":"Something else."},{"field":"non_field_errors","messages":["Bad request."]},{"field":"mystery","messages":["Who?"]}]}"#;
    let parsed = parse("selfcommunity", 400, body);
    assert!(!parsed.ok);
    assert_eq!(
        summary(&parsed.errors),
        vec![
            ("name".to_owned(), "provider_error"),
            ("name".to_owned(), "provider_error"),
            ("invite_users".to_owned(), "provider_error"),
            (String::new(), "provider_error"),
            (String::new(), "provider_error"),
            (String::new(), "provider_error"),
        ]
    );
    let first = &parsed.errors[0];
    assert_eq!(param(first, "status"), Some(&Param::Int(400)));
    assert_eq!(
        param(first, "providerMessage"),
        Some(&text("A group with that name already exists."))
    );
    assert_eq!(
        param(&parsed.errors[3], "providerMessage"),
        Some(&text("Something else."))
    );
    assert_eq!(parsed.data, Some(json_value(body)));
}

#[test]
fn selfcommunity_bare_statuses_are_provider_errors_with_status() {
    for (status, body) in [
        (401, ""),
        (403, "  "),
        (404, r#"{"detail":"Not found."}"#),
        (429, r#"{"errors":[]}"#),
        (500, r#"{"errors":"boom"}"#),
        (503, "null"),
    ] {
        let parsed = parse("selfcommunity", status, body);
        assert!(!parsed.ok, "{status}");
        assert_eq!(
            summary(&parsed.errors),
            vec![(String::new(), "provider_error")]
        );
        assert_eq!(
            param(&parsed.errors[0], "status"),
            Some(&Param::Int(i64::from(status)))
        );
        assert_eq!(param(&parsed.errors[0], "providerMessage"), None);
        assert_eq!(
            parsed.errors[0].message,
            format!("rejected by the provider (HTTP {status})")
        );
    }
}

#[test]
fn selfcommunity_non_json_body_is_reported() {
    let parsed = parse("selfcommunity", 502, "<html>Bad gateway</html>");
    assert!(!parsed.ok && parsed.data.is_none());
    assert_eq!(
        param(&parsed.errors[0], "reason"),
        Some(&text("body_not_json"))
    );
}
