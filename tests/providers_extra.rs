//! SelfCommunity, Capillary and GoChat: request building (exact URL, headers, body; header and
//! URL safety; option misuse) and response parsing (the docs' example responses and the
//! documented error shapes). Research: docs/decisions.md "SelfCommunity", "Capillary", "GoChat".
//! Native (proptest has no wasm32 backend); tests/wasm.rs runs the shared fixtures in wasm.

#![cfg(not(target_arch = "wasm32"))]

use group_payloads::capillary::{self, Auth, Cluster, Host};
use group_payloads::gochat::{self, Connection};
use group_payloads::issue::Param;
use group_payloads::selfcommunity::{self, Credentials};
use group_payloads::{
    build_request, parse_response, Built, Issue, Options, OptionsError, Parsed, ProviderCode,
    Response, Value,
};
use proptest::prelude::*;

fn json(text: &str) -> Value {
    Value::from_json(text).expect("test JSON")
}

fn build(provider: &str, payload: &str, options: &str) -> Result<Built, OptionsError> {
    build_request(
        provider,
        &json(payload),
        &json(options),
        &Options::default(),
    )
    .expect("known provider")
}

fn built(provider: &str, payload: &str, options: &str) -> Built {
    build(provider, payload, options).expect("options are usable")
}

fn options_error(provider: &str, payload: &str, options: &str) -> String {
    match build(provider, payload, options) {
        Err(OptionsError(message)) => message,
        Ok(built) => panic!("expected an OptionsError, got {built:?}"),
    }
}

fn summary(issues: &[Issue]) -> Vec<(String, &'static str)> {
    issues
        .iter()
        .map(|i| (i.path.clone(), i.code.as_str()))
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

fn parse(provider: &str, status: u16, body: &str) -> Parsed {
    let response = Response {
        status,
        body,
        sent: None,
    };
    parse_response(provider, &response, &Options::default()).expect("known provider")
}

fn param<'i>(issue: &'i Issue, key: &str) -> Option<&'i Param> {
    issue.params.get(key)
}

fn text(s: &str) -> Param {
    Param::Text(s.to_owned().into())
}

/// Asserts that no issue's message or params quote `secret`.
fn assert_not_echoed(issues: &[Issue], secret: &str) {
    for issue in issues {
        assert!(!issue.message.contains(secret), "{issue:?}");
        for (_, value) in &issue.params.0 {
            assert_ne!(value, &text(secret), "{issue:?}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// SelfCommunity (docs/decisions.md "SelfCommunity")

const SC_OPTIONS: &str = r#"{"baseUrl": "https://community.example.com", "token": "jwt.abc-123"}"#;
const SC_PAYLOAD: &str = r##"{"name":"Book club","description":"We read one book a month.","color":"#3f51b5","privacy":"private","visible":true,"invite_users":[12,34]}"##;

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
            &json(SC_PAYLOAD),
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
        let built =
            selfcommunity::build_request(&json(SC_PAYLOAD), &credentials, &Options::default());
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

/// A Group as the 201 response carries it (schema in docs/decisions.md "SelfCommunity"; the docs'
/// own example is placeholders, not JSON).
const SC_CREATED: &str = r##"{"id":7,"name":"Book club","description":"We read one book a month.","slug":"book-club","color":"#3f51b5","privacy":"private","visible":true,"active":true,"subscription_status":"subscribed","subscribed":true,"image_bigger":"https://c.example.com/g/7/bigger.png","image_big":"https://c.example.com/g/7/big.png","image_medium":"https://c.example.com/g/7/medium.png","image_small":"https://c.example.com/g/7/small.png","emotional_image":null,"emotional_image_position":0,"subscribers_counter":1,"created_at":"2025-01-10T09:30:00.000000+01:00","created_by":{"id":1,"username":"admin"},"managed_by":{"id":1,"username":"admin"}}"##;

#[test]
fn selfcommunity_201_is_the_group() {
    let parsed = parse("selfcommunity", 201, SC_CREATED);
    assert!(parsed.ok && parsed.errors.is_empty());
    assert_eq!(parsed.data, Some(json(SC_CREATED)));
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
    assert_eq!(parsed.data, Some(json(body)));
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

// ---------------------------------------------------------------------------------------------
// Capillary (docs/decisions.md "Capillary")

/// The Capillary docs' request example.
const CAP_SEED_PAYLOAD: &str = r#"{"name":"GROUP_withRANK123","rank":99}"#;
/// docs/decisions.md "Capillary": `store.server` / `server123`.
const CAP_DOC_BASIC: &str = "Basic c3RvcmUuc2VydmVyOjhhMTZhNmI3MDUwNWViMWYxZmY3Y2RjMGNkNTU1OWE3";
const CAP_BASIC_EU: &str = r#"{"cluster": "eu", "auth": {"type": "basic", "username": "store.server", "password": "server123"}}"#;

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
        let result =
            capillary::build_request(&json(CAP_SEED_PAYLOAD), &host, &auth, &Options::default());
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
        &json(CAP_SEED_PAYLOAD),
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
            &json(CAP_SEED_PAYLOAD),
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
fn capillary_seed_response_is_the_group() {
    let parsed = parse("capillary", 200, CAP_SEED_RESPONSE);
    assert!(parsed.ok && parsed.errors.is_empty());
    let data = parsed.data.expect("data");
    assert_eq!(data, json(CAP_SEED_RESPONSE));
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

// ---------------------------------------------------------------------------------------------
// GoChat (docs/decisions.md "GoChat")

/// The GoChat docs' request body.
const GO_SEED_PAYLOAD: &str = r#"{"name":"group_1","token":"298fbgv479bv","admin_id":1}"#;

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
        &json(GO_SEED_PAYLOAD),
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

/// The GoChat docs' 201 response and error example.
const GO_SEED_RESPONSE: &str = r#"{
    "id": 1,
    "uuid": "19aa6eeb-22e4-4ad9-728c-fa739598e71e",
    "name": "group_1",
    "admin_id": 1,
    "token": "298fbgv479bv",
    "created_at": "2021-09-14T11:33:50.363813918+08:00"
}"#;
const GO_SEED_ERROR: &str = r#"{
    "error": "UNIQUE constraint failed: GROUPS.NAME"
}"#;

#[test]
fn gochat_seed_response_is_the_group() {
    let parsed = parse("gochat", 201, GO_SEED_RESPONSE);
    assert!(parsed.ok && parsed.errors.is_empty());
    assert_eq!(parsed.data, Some(json(GO_SEED_RESPONSE)));
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

#[test]
fn zh_cn_messages_for_response_duplicates_and_user_names() {
    let options = Options {
        locale: group_payloads::Locale::ZhCn,
        ..Options::default()
    };
    let response = Response {
        status: 500,
        body: GO_SEED_ERROR,
        sent: None,
    };
    let parsed = parse_response("gochat", &response, &options).unwrap();
    assert_eq!(parsed.errors[0].message, "已存在（HTTP 500）");
    let built = capillary::build_request(
        &json(CAP_SEED_PAYLOAD),
        &Host::Cluster(Cluster::Eu),
        &Auth::Basic {
            username: "a:b",
            password: "p",
        },
        &options,
    )
    .unwrap();
    assert!(
        built.report.errors[0]
            .message
            .contains("Basic 认证的用户名"),
        "{}",
        built.report.errors[0].message
    );
}

// ---------------------------------------------------------------------------------------------
// Nothing panics, whatever arrives (docs/decisions.md "Principles")

const KEYS: [&str; 20] = [
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

fn any_value() -> impl Strategy<Value = Value> {
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

proptest! {
    #[test]
    fn building_never_panics_and_requests_are_safe(
        provider in prop::sample::select(&["selfcommunity", "capillary", "gochat"][..]),
        payload in any_value(),
        options in any_value(),
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

    #[test]
    fn parsing_never_panics(
        provider in prop::sample::select(&["selfcommunity", "capillary", "gochat"][..]),
        status in any::<u16>(),
        body in prop_oneof![any::<String>(), any_value().prop_map(|v| v.to_json())],
    ) {
        let response = Response { status, body: &body, sent: None };
        let parsed = parse_response(provider, &response, &Options::default()).unwrap();
        prop_assert_eq!(parsed.ok, parsed.errors.is_empty());
    }
}
