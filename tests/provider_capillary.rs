//! Capillary: request building (cluster hosts or a base URL, basic and OAuth auth, header
//! safety, option misuse) and response parsing (the docs' 200 response, status envelopes,
//! 12012 and 400); docs/decisions.md "Capillary".
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use group_payloads::{
    capillary::{self, Auth, Cluster, Host},
    issue::Param,
    Options, OptionsError, ProviderCode, Value,
};

/// docs/decisions.md "Capillary": `store.server` / `server123`.
const CAP_DOC_BASIC: &str = "Basic c3RvcmUuc2VydmVyOjhhMTZhNmI3MDUwNWViMWYxZmY3Y2RjMGNkNTU1OWE3";
const CAP_BASIC_EU: &str = r#"{"cluster": "eu", "auth": {"type": "basic", "username": "store.server", "password": "server123"}}"#;

/// The Capillary docs' 200 response.
const CAP_SEED_RESPONSE: &str = r#"{
    "id": 2412,
    "orgId": 100737,
    "name": "groupName066",
    "rank": 8,
    "isActive": true,
    "createdBy": 75155282,
    "createdOn": 1742180327987,
    "createdOnDateTime": "2025-03-17T02:58:47Z",
    "lastUpdatedBy": 75155282,
    "lastUpdatedOn": 1742180327987,
    "lastUpdatedOnDateTime": "2025-03-17T02:58:47Z"
}"#;

#[test]
fn capillary_builds_seed_request_with_doc_basic_auth() {
    let built = built("capillary", CAP_SEED_PAYLOAD, CAP_BASIC_EU);
    assert!(built.report.ok && built.report.warnings.is_empty());
    let request = built.request.expect("request");
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(
        request.url,
        "https://eucrm.cc.capillarytech.com/api_gateway/core/v1/group/create"
    );
    assert_eq!(
        request.headers,
        pairs(&[
            ("Accept", "application/json"),
            ("Content-Type", "application/json"),
            ("Authorization", CAP_DOC_BASIC),
        ])
    );
    assert_eq!(request.body.as_deref(), Some(CAP_SEED_PAYLOAD));
}

#[test]
fn capillary_clusters_map_to_their_crm_hosts() {
    for (cluster, host) in [
        ("eu", "https://eucrm.cc.capillarytech.com"),
        ("in", "https://incrm.cc.capillarytech.com"),
        ("sg", "https://sgcrm.cc.capillarytech.com"),
        ("us", "https://uscrm.cc.capillarytech.com"),
    ] {
        let options =
            format!(r#"{{"cluster": "{cluster}", "auth": {{"type": "oauth", "token": "t"}}}}"#);
        let request = built("capillary", CAP_SEED_PAYLOAD, &options)
            .request
            .expect("request");
        assert_eq!(
            request.url,
            format!("{host}/api_gateway/core/v1/group/create")
        );
        assert_eq!(Cluster::from_id(cluster).map(Cluster::base_url), Some(host));
    }
    assert_eq!(Cluster::from_id("cn"), None);
}

#[test]
fn capillary_explicit_base_url() {
    let options = r#"{"baseUrl": "https://crm-nightly-new.cc.capillarytech.com/", "auth": {"type": "oauth", "token": "t"}}"#;
    let request = built("capillary", CAP_SEED_PAYLOAD, options)
        .request
        .expect("request");
    assert_eq!(
        request.url,
        "https://crm-nightly-new.cc.capillarytech.com/api_gateway/core/v1/group/create"
    );
    let bad = r#"{"baseUrl": "https://eu.api.capillarytech.com/?x", "auth": {"type": "oauth", "token": "t"}}"#;
    let built = built("capillary", CAP_SEED_PAYLOAD, bad);
    assert!(built.request.is_none());
    assert_eq!(
        summary(&built.report.errors),
        vec![("options.baseUrl".to_owned(), "invalid_url")]
    );
}

#[test]
fn capillary_host_options_are_exactly_one_of_cluster_and_base_url() {
    let auth = r#""auth": {"type": "oauth", "token": "t"}"#;
    let p = CAP_SEED_PAYLOAD;
    let both = format!(r#"{{"cluster": "eu", "baseUrl": "https://x.example.com", {auth}}}"#);
    assert!(options_error("capillary", p, &both).contains("exclude"));
    let neither = format!("{{{auth}}}");
    assert!(options_error("capillary", p, &neither).contains("options.cluster"));
    for cluster in [r#""EU""#, r#""cn""#, "1", "true"] {
        let options = format!(r#"{{"cluster": {cluster}, {auth}}}"#);
        assert!(options_error("capillary", p, &options).contains("options.cluster"));
    }
    // `null` is as good as absent.
    let null_cluster =
        format!(r#"{{"cluster": null, "baseUrl": "https://x.example.com", {auth}}}"#);
    assert!(built("capillary", p, &null_cluster).request.is_some());
}

#[test]
fn capillary_oauth_token_goes_in_the_default_or_chosen_header() {
    let default = built(
        "capillary",
        CAP_SEED_PAYLOAD,
        r#"{"cluster": "in", "auth": {"type": "oauth", "token": "eyJ.jwt.sig"}}"#,
    );
    assert_eq!(
        default.request.expect("request").headers,
        pairs(&[
            ("Accept", "application/json"),
            ("Content-Type", "application/json"),
            ("X-CAP-API-OAUTH-TOKEN", "eyJ.jwt.sig"),
        ])
    );
    let chosen = built(
        "capillary",
        CAP_SEED_PAYLOAD,
        r#"{"cluster": "in", "auth": {"type": "oauth", "token": "eyJ.jwt.sig", "header": "CAP-API-ACCESS-TOKEN"}}"#,
    );
    let request = chosen.request.expect("request");
    assert_eq!(request.header("CAP-API-ACCESS-TOKEN"), Some("eyJ.jwt.sig"));
    assert_eq!(request.header("X-CAP-API-OAUTH-TOKEN"), None);
    assert_eq!(request.header("Authorization"), None);
}

#[test]
fn capillary_oauth_header_name_must_be_a_token_and_not_clash() {
    for header in [
        "",
        "X CAP",
        "X-CAP:",
        "X-CAP\r\nX-Evil",
        "Tökén",
        "Content-Type",
        "accept",
    ] {
        let auth = Auth::OAuth { token: "t", header };
        let host = Host::Cluster(Cluster::Eu);
        let result = capillary::build_request(
            &json_value(CAP_SEED_PAYLOAD),
            &host,
            &auth,
            &Options::default(),
        );
        let Err(OptionsError(message)) = result else {
            panic!("{header:?} should be refused: {result:?}");
        };
        assert!(message.contains("options.auth.header"), "{message}");
    }
    let ok = Auth::OAuth {
        token: "t",
        header: "X-Custom_Token.v2",
    };
    let built = capillary::build_request(
        &json_value(CAP_SEED_PAYLOAD),
        &Host::Cluster(Cluster::Us),
        &ok,
        &Options::default(),
    )
    .unwrap();
    assert_eq!(
        built.request.expect("request").header("X-Custom_Token.v2"),
        Some("t")
    );
}

#[test]
fn capillary_oauth_token_with_line_break_is_an_error() {
    let options = r#"{"cluster": "eu", "auth": {"type": "oauth", "token": "abc\r\nX-Evil: 1"}}"#;
    let built = built("capillary", CAP_SEED_PAYLOAD, options);
    assert!(built.request.is_none());
    assert_eq!(
        summary(&built.report.errors),
        vec![("options.auth.token".to_owned(), "invalid_chars")]
    );
    assert_not_echoed(&built.report.errors, "abc\r\nX-Evil: 1");
}

#[test]
fn capillary_basic_user_name_without_colon_or_control_characters() {
    for (username, code, index) in [
        ("store:server", "invalid_chars", Some(5)),
        ("store\nserver", "invalid_chars", Some(5)),
        ("😂:x", "invalid_chars", Some(1)),
        ("", "blank", None),
    ] {
        let auth = Auth::Basic {
            username,
            password: "server123",
        };
        let built = capillary::build_request(
            &json_value(CAP_SEED_PAYLOAD),
            &Host::Cluster(Cluster::Eu),
            &auth,
            &Options::default(),
        )
        .unwrap();
        assert!(built.request.is_none(), "{username:?}");
        assert_eq!(
            summary(&built.report.errors),
            vec![("options.auth.username".to_owned(), code)]
        );
        let issue = &built.report.errors[0];
        assert_eq!(param(issue, "index"), index.map(Param::Int).as_ref());
        if code == "invalid_chars" {
            assert!(
                issue.message.contains("basic-auth user name"),
                "{}",
                issue.message
            );
        }
    }
}

#[test]
fn capillary_basic_non_ascii_user_name_is_base64_of_utf8() {
    // python3: base64.b64encode(("用户:" + hashlib.md5(b"pw").hexdigest()).encode())
    let options =
        r#"{"cluster": "sg", "auth": {"type": "basic", "username": "用户", "password": "pw"}}"#;
    let request = built("capillary", CAP_SEED_PAYLOAD, options)
        .request
        .expect("request");
    assert_eq!(
        request.header("Authorization"),
        Some("Basic 55So5oi3OjhmZTRjMTE0NTEyODFjMDk0YTY1NzhlNmRkYmY1ZWVk")
    );
}

#[test]
fn capillary_missing_credentials_are_misuse() {
    let p = CAP_SEED_PAYLOAD;
    for (options, names) in [
        (r#"{"cluster": "eu"}"#, "options.auth"),
        (r#"{"cluster": "eu", "auth": "basic"}"#, "options.auth"),
        (r#"{"cluster": "eu", "auth": {}}"#, "options.auth.type"),
        (
            r#"{"cluster": "eu", "auth": {"type": "bearer", "token": "t"}}"#,
            "options.auth.type",
        ),
        (
            r#"{"cluster": "eu", "auth": {"type": "basic", "username": "u"}}"#,
            "options.auth.password",
        ),
        (
            r#"{"cluster": "eu", "auth": {"type": "basic", "password": "p"}}"#,
            "options.auth.username",
        ),
        (
            r#"{"cluster": "eu", "auth": {"type": "oauth"}}"#,
            "options.auth.token",
        ),
        (
            r#"{"cluster": "eu", "auth": {"type": "oauth", "token": 5}}"#,
            "options.auth.token",
        ),
        (
            r#"{"cluster": "eu", "auth": {"type": "oauth", "token": "t", "header": 5}}"#,
            "options.auth.header",
        ),
    ] {
        let message = options_error("capillary", p, options);
        assert!(message.contains(names), "{options}: {message}");
        assert!(!message.contains("server123"));
    }
}

#[test]
fn capillary_null_rank_is_sent_as_null_and_bad_names_build_nothing() {
    let request = built("capillary", r#"{"name":"g","rank":null}"#, CAP_BASIC_EU)
        .request
        .expect("request");
    assert_eq!(request.body.as_deref(), Some(r#"{"name":"g","rank":null}"#));
    let blank = built(
        "capillary",
        r#"{"name":"  ","rank":2147483648}"#,
        CAP_BASIC_EU,
    );
    assert!(blank.request.is_none());
    let codes: Vec<_> = blank
        .report
        .errors
        .iter()
        .map(|i| (i.path.as_str(), i.code.as_str(), i.provider_code.clone()))
        .collect();
    assert_eq!(
        codes,
        vec![
            ("name", "blank", Some(ProviderCode::Number(400))),
            ("rank", "out_of_range", None),
        ]
    );
}

#[test]
fn capillary_auth_debug_hides_secrets() {
    let basic = Auth::Basic {
        username: "store.server",
        password: "server123",
    };
    let oauth = Auth::OAuth {
        token: "eyJ.secret",
        header: "X-CAP-API-OAUTH-TOKEN",
    };
    let shown = format!("{basic:?} {oauth:?}");
    assert!(!shown.contains("server123") && !shown.contains("store.server"));
    assert!(!shown.contains("eyJ.secret") && shown.contains("X-CAP-API-OAUTH-TOKEN"));
}

#[test]
fn capillary_seed_response_is_the_group() {
    let parsed = parse("capillary", 200, CAP_SEED_RESPONSE);
    assert!(parsed.ok && parsed.errors.is_empty());
    let data = parsed.data.expect("data");
    assert_eq!(data, json_value(CAP_SEED_RESPONSE));
    assert_eq!(data.get("id"), Some(&Value::Number(2412.0)));
}

#[test]
fn capillary_successful_status_envelope_is_ok() {
    // The get-all sibling's envelope (docs/decisions.md "Capillary").
    let body = r#"{"status":{"success":true,"code":12013,"message":"Get all groups fetched successfully"},"groupRoList":[]}"#;
    assert!(parse("capillary", 200, body).ok);
}

#[test]
fn capillary_12012_is_a_duplicate_on_name() {
    let body = r#"{"status":{"success":false,"code":12012,"message":"Group name must be unique"}}"#;
    let parsed = parse("capillary", 400, body);
    assert!(!parsed.ok);
    let issue = &parsed.errors[0];
    assert_eq!(
        summary(&parsed.errors),
        vec![("name".to_owned(), "duplicate")]
    );
    assert_eq!(issue.provider_code, Some(ProviderCode::Number(12012)));
    assert_eq!(param(issue, "status"), Some(&Param::Int(400)));
    assert_eq!(
        param(issue, "providerMessage"),
        Some(&text("Group name must be unique"))
    );
    assert_eq!(issue.message, "already exists (HTTP 400)");
}

#[test]
fn capillary_400_is_about_name_and_other_codes_about_the_request() {
    let null_name =
        r#"{"status":{"success":false,"code":400,"message":"Group name must not be null"}}"#;
    let parsed = parse("capillary", 200, null_name);
    assert!(!parsed.ok);
    assert_eq!(
        summary(&parsed.errors),
        vec![("name".to_owned(), "provider_error")]
    );
    assert_eq!(
        parsed.errors[0].provider_code,
        Some(ProviderCode::Number(400))
    );
    // The provider's text is in params only: `message` is the library's own.
    assert_eq!(
        param(&parsed.errors[0], "providerMessage"),
        Some(&text("Group name must not be null"))
    );
    assert_eq!(
        parsed.errors[0].message,
        "rejected by the provider (HTTP 200)"
    );

    let other = r#"{"status":{"success":false,"code":8015,"message":"Invalid token"}}"#;
    let parsed = parse("capillary", 401, other);
    assert_eq!(
        summary(&parsed.errors),
        vec![(String::new(), "provider_error")]
    );
    assert_eq!(
        parsed.errors[0].provider_code,
        Some(ProviderCode::Number(8015))
    );

    // An envelope without `success` on an error status still fails.
    let parsed = parse("capillary", 400, r#"{"status":{"code":12012}}"#);
    assert_eq!(
        summary(&parsed.errors),
        vec![("name".to_owned(), "duplicate")]
    );
}

#[test]
fn capillary_errors_without_envelope_are_request_wide() {
    let spring = r#"{"timestamp":"2025-03-17T02:58:47.000+00:00","status":500,"error":"Internal Server Error","message":"boom","path":"/api_gateway/core/v1/group/create"}"#;
    let parsed = parse("capillary", 500, spring);
    assert_eq!(
        summary(&parsed.errors),
        vec![(String::new(), "provider_error")]
    );
    assert_eq!(
        param(&parsed.errors[0], "providerMessage"),
        Some(&text("boom"))
    );
    for (status, body) in [(401, ""), (502, "<html></html>")] {
        let parsed = parse("capillary", status, body);
        assert!(!parsed.ok);
        assert_eq!(
            summary(&parsed.errors),
            vec![(String::new(), "provider_error")]
        );
    }
}
