//! Signed requests and response parsing for GeeLark and Tencent, natively: the providers'
//! published vectors (docs/decisions.md "GeeLark auth", "Signing"), requests re-derived from
//! their own parts, header safety, secrets that never echo, and the shared response fixtures
//! (tests/fixtures/responses.json, which tests/wasm_build.rs runs through the JS API).
#![cfg(not(target_arch = "wasm32"))]

use group_payloads::geelark::{self, Auth};
use group_payloads::issue::Param;
use group_payloads::tencent_iai::{self, Credentials, Style};
use group_payloads::{
    build_request, parse_response, sign, Built, HttpRequest, Method, Options, ProviderCode,
    Response, Value,
};
use serde_json::{json, Value as Json};

// ---------------------------------------------------------------------------------------------
// Shared inputs

/// GeeLark's official key-verification example (docs/decisions.md "GeeLark auth").
const GL_APP_ID: &str = "eH6gQR4oHr3FsZpI36La01IW";
const GL_API_KEY: &str = "YjmFIUuq0oJgSDJ42fxLEb6R1qjjqf";
const GL_TRACE_ID: &str = "db6094ab-3797-4186-84d5-b0b58eebad56";
const GL_TS: u64 = 1_716_972_892_166;
const GL_SIGN: &str = "6280C080AF7C3CCE168F15C913E3444A00A618CB0E16038EED9811D6E3366BDD";
const GL_URL: &str = "https://openapi.geelark.com/open/v1/group/add";

/// The GeeLark docs' request example, and the exact compact JSON a body must carry.
const GL_SEED_REQUEST: &str = r#"{
  "list": [
    {"name": "group"},
    {"name": "groupRemark", "remark": "remark"},
    {"name": "groupInvalid"}
  ]
}"#;
const GL_SEED_BODY: &str = r#"{"list":[{"name":"group"},{"name":"groupRemark","remark":"remark"},{"name":"groupInvalid"}]}"#;

/// Tencent vector B's key and timestamp (2019-02-25 UTC), with the unmasked SecretId of
/// the same document's Russian copy: buildRequest takes letters and digits only.
const TC_SECRET_ID: &str = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE";
const TC_SECRET_KEY: &str = "Gu5t9xGARNpq86cd98joQYCN3*******";
const TC_TS: i64 = 1_551_113_065;

/// The tccli CreateGroup example's values (docs/decisions.md "Tencent charsets"), with
/// FaceModelVersion.
const TC_PAYLOAD: &str = r#"{"GroupName":"腾讯深圳员工库","GroupId":"TencentShenZhenEmployee","GroupExDescriptions":["事业群","部门名","组名"],"Tag":"不含实习生","FaceModelVersion":"3.0"}"#;

/// Expected Authorization values below were computed independently with Python's hashlib/hmac
/// following docs/decisions.md "Signing" (the same script reproduces vector B's 2230eefd…
/// exactly):
/// `sign(secret_id, secret_key, ts, method, content_type, query, payload)` with host
/// `iai.tencentcloudapi.com`, service `iai`, signed headers `content-type;host`, and the query
/// built with `urllib.parse.quote(v, safe="-_.~")`.
const TC_POST_AUTHORIZATION: &str = "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/iai/tc3_request, SignedHeaders=content-type;host, Signature=d8c9e262d53d55e7ab9359ba372ef5c645d392c2854b2533f087ff3fc9db7a6e";
const TC_GET_QUERY: &str = "GroupName=%E8%85%BE%E8%AE%AF%E6%B7%B1%E5%9C%B3%E5%91%98%E5%B7%A5%E5%BA%93&GroupId=TencentShenZhenEmployee&GroupExDescriptions.0=%E4%BA%8B%E4%B8%9A%E7%BE%A4&GroupExDescriptions.1=%E9%83%A8%E9%97%A8%E5%90%8D&GroupExDescriptions.2=%E7%BB%84%E5%90%8D&Tag=%E4%B8%8D%E5%90%AB%E5%AE%9E%E4%B9%A0%E7%94%9F&FaceModelVersion=3.0";
const TC_GET_AUTHORIZATION: &str = "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/iai/tc3_request, SignedHeaders=content-type;host, Signature=a0b52ebb147f750d023f42235ae692600063863f0646437372d543e1b838cef7";
/// The Tencent docs' English sample 1: only lenient mode lets their spaces through.
const TC_SAMPLE1_PAYLOAD: &str = r#"{"GroupName":"Tencent Employees in Shenzhen","GroupId":"TencentShenZhenEmployee","Tag":"Excluding interns","GroupExDescriptions":["Division","Department name","Team name"]}"#;
const TC_SAMPLE1_QUERY: &str = "GroupName=Tencent%20Employees%20in%20Shenzhen&GroupId=TencentShenZhenEmployee&Tag=Excluding%20interns&GroupExDescriptions.0=Division&GroupExDescriptions.1=Department%20name&GroupExDescriptions.2=Team%20name";
const TC_SAMPLE1_AUTHORIZATION: &str = "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/iai/tc3_request, SignedHeaders=content-type;host, Signature=4e357a140628df4866a6024d4751a892b115a05a731b837c83162ee2a1916653";

/// Values that must never reach a header: CR/LF (header splitting), other control characters,
/// DEL, and non-ASCII (which a header cannot carry).
const UNSAFE_HEADER_VALUES: [&str; 9] = [
    "abc\r\nX-Injected: 1",
    "abc\ndef",
    "abc\rdef",
    "abc\u{1}def",
    "abc\tdef",
    "abc\u{7f}def",
    "abc\u{85}def",
    "ключ",
    "abc😂",
];

fn json_value(text: &str) -> Value {
    Value::from_json(text).expect("test JSON parses")
}

/// Options as JS passes them (`Value` from JSON text).
fn js_options(json: Json) -> Value {
    json_value(&json.to_string())
}

fn options() -> Options {
    Options::default()
}

fn lenient() -> Options {
    Options {
        lenient: true,
        ..Options::default()
    }
}

fn key_auth() -> Auth<'static> {
    Auth::Key {
        app_id: GL_APP_ID,
        api_key: GL_API_KEY,
        trace_id: GL_TRACE_ID,
        ts_millis: GL_TS,
    }
}

fn tc_credentials(style: Style) -> Credentials<'static> {
    Credentials {
        secret_id: TC_SECRET_ID,
        secret_key: TC_SECRET_KEY,
        timestamp: TC_TS,
        token: None,
        region: None,
        language: None,
        style,
    }
}

fn request(built: &Built) -> &HttpRequest {
    assert!(
        built.report.ok,
        "expected a valid build: {:?}",
        built.report
    );
    built
        .request
        .as_ref()
        .expect("an ok report carries a request")
}

fn header_names(req: &HttpRequest) -> Vec<&str> {
    req.headers.iter().map(|(k, _)| k.as_str()).collect()
}

/// The value of the header with exactly this name (case-sensitive, unlike `HttpRequest::header`).
fn exact_header<'r>(req: &'r HttpRequest, name: &str) -> Option<&'r str> {
    let mut found = req.headers.iter().filter(|(k, _)| k == name);
    let first = found.next().map(|(_, v)| v.as_str());
    assert!(found.next().is_none(), "header {name} is set twice");
    first
}

fn error_rows(report: &group_payloads::Report) -> Vec<(String, &'static str)> {
    report
        .errors
        .iter()
        .map(|i| (i.path.clone(), i.code.as_str()))
        .collect()
}

/// Recomputes a Tencent request's Authorization from the request alone: the method, the query
/// after `?` in the URL, the Content-Type and Host headers, the body bytes, X-TC-Timestamp, the
/// secret id inside the Authorization, and every other header its SignedHeaders lists.
fn recompute_tc3_authorization(req: &HttpRequest, secret_key: &str) -> String {
    let authorization = exact_header(req, "Authorization").expect("Authorization header");
    let credential = authorization
        .split("Credential=")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .expect("Credential= in Authorization");
    let signed: Vec<&str> = authorization
        .split("SignedHeaders=")
        .nth(1)
        .and_then(|rest| rest.split(',').next())
        .expect("SignedHeaders= in Authorization")
        .split(';')
        .collect();
    assert!(signed.contains(&"content-type") && signed.contains(&"host"));
    let extra: Vec<(&str, &str)> = signed
        .iter()
        .filter(|n| !matches!(**n, "content-type" | "host"))
        .map(|n| {
            let value = req.header(n).expect("every signed header is sent");
            (*n, value)
        })
        .collect();
    let url_host = req
        .url
        .strip_prefix("https://")
        .and_then(|rest| rest.split('/').next())
        .expect("https URL");
    let host = exact_header(req, "Host").expect("Host header");
    assert_eq!(url_host, host, "the URL's host is the signed Host");
    let query = req.url.split_once('?').map_or("", |(_, q)| q);
    let timestamp: i64 = exact_header(req, "X-TC-Timestamp")
        .expect("X-TC-Timestamp header")
        .parse()
        .expect("X-TC-Timestamp is decimal seconds");
    let service = host.split('.').next().expect("host has a first label");
    sign::sign_tc3(&sign::Tc3Request {
        secret_id: credential,
        secret_key,
        timestamp,
        service,
        host,
        method: req.method.as_str(),
        content_type: exact_header(req, "Content-Type").expect("Content-Type header"),
        query,
        payload: req.body.as_deref().unwrap_or("").as_bytes(),
        extra_headers: &extra,
    })
    .expect("the request's own parts sign")
    .authorization
}

// ---------------------------------------------------------------------------------------------
// GeeLark: build

#[test]
fn geelark_key_build_carries_the_official_sign_example_in_exact_header_order() {
    let built = geelark::build_request(&json_value(GL_SEED_REQUEST), &key_auth(), &options());
    let req = request(&built);
    assert_eq!(req.method, Method::Post);
    assert_eq!(req.url, GL_URL);
    let expected: Vec<(String, String)> = [
        ("Content-Type", "application/json"),
        ("appId", GL_APP_ID),
        ("traceId", GL_TRACE_ID),
        ("ts", "1716972892166"),
        ("nonce", "db6094"),
        ("sign", GL_SIGN),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect();
    assert_eq!(req.headers, expected);
    assert_eq!(req.body.as_deref(), Some(GL_SEED_BODY));
}

#[test]
fn geelark_js_options_accept_ts_as_number_or_digit_string_with_the_same_result() {
    let payload = json_value(GL_SEED_REQUEST);
    let by_number = js_options(json!({"auth": {
        "type": "key", "appId": GL_APP_ID, "apiKey": GL_API_KEY,
        "traceId": GL_TRACE_ID, "ts": GL_TS
    }}));
    let by_string = js_options(json!({"auth": {
        "type": "key", "appId": GL_APP_ID, "apiKey": GL_API_KEY,
        "traceId": GL_TRACE_ID, "ts": GL_TS.to_string()
    }}));
    let direct = geelark::build_request(&payload, &key_auth(), &options());
    for opts in [by_number, by_string] {
        let built = build_request("geelark", &payload, &opts, &options())
            .expect("known provider")
            .expect("usable options");
        assert_eq!(built, direct);
        assert_eq!(exact_header(request(&built), "sign"), Some(GL_SIGN));
    }
}

#[test]
fn geelark_token_build_sends_trace_id_and_bearer_token_only() {
    let auth = Auth::Token {
        token: "tok-123.abc",
        trace_id: GL_TRACE_ID,
    };
    let built = geelark::build_request(&json_value(GL_SEED_REQUEST), &auth, &options());
    let req = request(&built);
    let expected: Vec<(String, String)> = [
        ("Content-Type", "application/json"),
        ("traceId", GL_TRACE_ID),
        ("Authorization", "Bearer tok-123.abc"),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect();
    assert_eq!(req.headers, expected);
    assert_eq!(req.body.as_deref(), Some(GL_SEED_BODY));
    let via_js = build_request(
        "geelark",
        &json_value(GL_SEED_REQUEST),
        &js_options(
            json!({"auth": {"type": "token", "token": "tok-123.abc", "traceId": GL_TRACE_ID}}),
        ),
        &options(),
    )
    .unwrap()
    .unwrap();
    assert_eq!(via_js, built);
}

#[test]
fn geelark_nonce_and_sign_follow_a_dashless_uppercase_trace_id_as_sent() {
    // The official JS sample sends 32 uppercase hex characters (docs/decisions.md "GeeLark auth").
    let trace_id = "AA6849499B949BDCBD7FA792AB1981A5";
    let auth = Auth::Key {
        app_id: GL_APP_ID,
        api_key: GL_API_KEY,
        trace_id,
        ts_millis: GL_TS,
    };
    let built = geelark::build_request(&json_value(GL_SEED_REQUEST), &auth, &options());
    let req = request(&built);
    assert_eq!(exact_header(req, "traceId"), Some(trace_id));
    assert_eq!(exact_header(req, "nonce"), Some("AA6849"));
    let expected = sign::geelark_sign(GL_APP_ID, trace_id, "1716972892166", GL_API_KEY);
    assert_eq!(exact_header(req, "sign"), Some(expected.as_str()));
    assert_ne!(expected, GL_SIGN);
}

#[test]
fn geelark_body_keeps_known_fields_in_caller_order_and_leaves_unknown_ones_out() {
    let payload = json_value(
        r#"{"extra": 1, "list": [{"remark": "r\"1\"", "id": "9", "name": " 名 😂 "}, {"name": "b"}]}"#,
    );
    let built = geelark::build_request(&payload, &key_auth(), &options());
    let req = request(&built);
    assert_eq!(
        req.body.as_deref(),
        Some(r#"{"list":[{"remark":"r\"1\"","name":" 名 😂 "},{"name":"b"}]}"#)
    );
    let warnings: Vec<(&str, &str)> = built
        .report
        .warnings
        .iter()
        .map(|i| (i.path.as_str(), i.code.as_str()))
        .collect();
    assert_eq!(
        warnings,
        [
            ("extra", "unknown_field"),
            ("list[0].id", "unknown_field"),
            ("list[0].name", "surrounding_whitespace"),
        ]
    );
}

#[test]
fn geelark_invalid_payload_builds_no_request() {
    let payload = json_value(r#"{"list": [{"name": "a"}, {"name": "  "}, {"name": "a"}]}"#);
    let built = geelark::build_request(&payload, &key_auth(), &options());
    assert!(!built.report.ok);
    assert!(built.request.is_none());
    assert_eq!(
        error_rows(&built.report),
        [
            ("list[1].name".to_owned(), "blank"),
            ("list[2].name".to_owned(), "duplicate")
        ]
    );
    assert_eq!(
        built.report.errors[0].provider_code,
        Some(ProviderCode::Number(43030))
    );
    assert_eq!(
        built.report.errors[1].provider_code,
        Some(ProviderCode::Number(43031))
    );
}

#[test]
fn geelark_unsafe_header_values_are_errors_and_build_nothing() {
    let payload = json_value(GL_SEED_REQUEST);
    for bad in UNSAFE_HEADER_VALUES {
        let cases: [(Auth, &str); 4] = [
            (
                Auth::Key {
                    app_id: bad,
                    api_key: GL_API_KEY,
                    trace_id: GL_TRACE_ID,
                    ts_millis: GL_TS,
                },
                "options.auth.appId",
            ),
            (
                Auth::Key {
                    app_id: GL_APP_ID,
                    api_key: GL_API_KEY,
                    trace_id: bad,
                    ts_millis: GL_TS,
                },
                "options.auth.traceId",
            ),
            (
                Auth::Token {
                    token: bad,
                    trace_id: GL_TRACE_ID,
                },
                "options.auth.token",
            ),
            (
                Auth::Token {
                    token: "tok",
                    trace_id: bad,
                },
                "options.auth.traceId",
            ),
        ];
        for (auth, path) in cases {
            let built = geelark::build_request(&payload, &auth, &options());
            assert!(built.request.is_none(), "{bad:?} at {path} built a request");
            assert_eq!(
                error_rows(&built.report),
                [(path.to_owned(), "invalid_chars")],
                "{bad:?} at {path}"
            );
            let text = serde_json::to_string(&built).unwrap();
            assert!(!text.contains(bad), "the unsafe value is echoed: {text}");
        }
    }
}

#[test]
fn geelark_api_key_never_appears_in_a_build_result_and_token_never_in_issues() {
    let api_key = "SECRET-api-key-7Qx";
    let token = "SECRET-token-9Zy";
    let valid = json_value(GL_SEED_REQUEST);
    let invalid = json_value(r#"{"list": [{"name": ""}], "x": 1}"#);
    for payload in [&valid, &invalid] {
        for app_id in [GL_APP_ID, "bad\r\nid"] {
            let key = Auth::Key {
                app_id,
                api_key,
                trace_id: GL_TRACE_ID,
                ts_millis: GL_TS,
            };
            // The whole result, request included: the key only enters the sign.
            let text =
                serde_json::to_string(&geelark::build_request(payload, &key, &options())).unwrap();
            assert!(!text.contains(api_key), "api key echoed: {text}");
            assert!(
                !text.contains("api-key"),
                "part of the api key echoed: {text}"
            );

            let tok = Auth::Token {
                token,
                trace_id: app_id,
            };
            let built = geelark::build_request(payload, &tok, &options());
            let issues = serde_json::to_string(&built.report).unwrap();
            assert!(!issues.contains(token), "token echoed in issues: {issues}");
        }
    }
    // An unsafe token is reported without being echoed.
    let built = geelark::build_request(
        &valid,
        &Auth::Token {
            token: "SECRET-token\r\n",
            trace_id: GL_TRACE_ID,
        },
        &options(),
    );
    assert!(built.request.is_none());
    assert!(!serde_json::to_string(&built).unwrap().contains("SECRET"));
}

#[test]
fn geelark_missing_or_mistyped_credentials_are_misuse_naming_the_option_not_the_secret() {
    let payload = json_value(GL_SEED_REQUEST);
    let secret = "SECRET-api-key-7Qx";
    let cases = [
        (json!({}), "options.auth"),
        (
            json!({"auth": {"appId": "a", "apiKey": secret}}),
            "options.auth.type",
        ),
        (
            json!({"auth": {"type": "oauth", "apiKey": secret}}),
            "options.auth.type",
        ),
        (
            json!({"auth": {"type": "key", "apiKey": secret, "traceId": "t", "ts": 1}}),
            "options.auth.appId",
        ),
        (
            json!({"auth": {"type": "key", "appId": "a", "traceId": "t", "ts": 1}}),
            "options.auth.apiKey",
        ),
        (
            json!({"auth": {"type": "key", "appId": "a", "apiKey": "", "traceId": "t", "ts": 1}}),
            "options.auth.apiKey",
        ),
        (
            json!({"auth": {"type": "key", "appId": "a", "apiKey": 5, "traceId": "t", "ts": 1}}),
            "options.auth.apiKey",
        ),
        (
            json!({"auth": {"type": "key", "appId": "a", "apiKey": secret, "ts": 1}}),
            "options.auth.traceId",
        ),
        (
            json!({"auth": {"type": "key", "appId": "a", "apiKey": secret, "traceId": "t"}}),
            "options.auth.ts",
        ),
        (
            json!({"auth": {"type": "key", "appId": "a", "apiKey": secret, "traceId": "t", "ts": -1}}),
            "options.auth.ts",
        ),
        (
            json!({"auth": {"type": "key", "appId": "a", "apiKey": secret, "traceId": "t", "ts": "1e3"}}),
            "options.auth.ts",
        ),
        (
            json!({"auth": {"type": "token", "traceId": "t"}}),
            "options.auth.token",
        ),
        (
            json!({"auth": {"type": "token", "token": secret}}),
            "options.auth.traceId",
        ),
    ];
    for (opts, names) in cases {
        let err = build_request("geelark", &payload, &js_options(opts.clone()), &options())
            .expect("known provider")
            .expect_err("misuse is an error, not a report");
        assert!(
            err.0.contains(names),
            "{opts}: {:?} should name {names}",
            err.0
        );
        assert!(!err.0.contains(secret), "{opts}: the secret is echoed");
    }
    let not_object = build_request("geelark", &payload, &Value::from("x"), &options());
    assert!(not_object.unwrap().is_err());
}

// ---------------------------------------------------------------------------------------------
// Tencent: build

#[test]
fn tencent_post_build_matches_an_independently_computed_signature() {
    let built = tencent_iai::build_request(
        &json_value(TC_PAYLOAD),
        &tc_credentials(Style::Post),
        &options(),
    )
    .unwrap();
    let req = request(&built);
    assert_eq!(req.method, Method::Post);
    assert_eq!(req.url, "https://iai.tencentcloudapi.com/");
    assert_eq!(req.body.as_deref(), Some(TC_PAYLOAD));
    assert_eq!(
        exact_header(req, "Authorization"),
        Some(TC_POST_AUTHORIZATION)
    );
}

#[test]
fn tencent_post_headers_are_exactly_the_documented_set() {
    let built = tencent_iai::build_request(
        &json_value(TC_PAYLOAD),
        &tc_credentials(Style::Post),
        &options(),
    )
    .unwrap();
    let req = request(&built);
    let mut names = header_names(req);
    names.sort_unstable();
    assert_eq!(
        names,
        [
            "Authorization",
            "Content-Type",
            "Host",
            "X-TC-Action",
            "X-TC-Timestamp",
            "X-TC-Version"
        ]
    );
    assert_eq!(
        exact_header(req, "Content-Type"),
        Some("application/json; charset=utf-8")
    );
    assert_eq!(exact_header(req, "Host"), Some("iai.tencentcloudapi.com"));
    assert_eq!(exact_header(req, "X-TC-Action"), Some("CreateGroup"));
    assert_eq!(exact_header(req, "X-TC-Version"), Some("2018-03-01"));
    assert_eq!(exact_header(req, "X-TC-Timestamp"), Some("1551113065"));
}

#[test]
fn tencent_post_authorization_recomputes_from_the_requests_own_parts() {
    let payloads = [
        TC_PAYLOAD,
        r#"{"GroupId":"a-%@#&_Z9","GroupName":"𠀀名"}"#,
        r#"{"Tag":"","GroupName":"n","GroupId":"i","GroupExDescriptions":[]}"#,
    ];
    for (i, payload) in payloads.iter().enumerate() {
        let creds = Credentials {
            timestamp: TC_TS + i64::try_from(i).unwrap() * 86_400,
            ..tc_credentials(Style::Post)
        };
        let built = tencent_iai::build_request(&json_value(payload), &creds, &options()).unwrap();
        let req = request(&built);
        assert_eq!(req.body.as_deref(), Some(*payload));
        assert_eq!(
            exact_header(req, "Authorization").unwrap(),
            recompute_tc3_authorization(req, TC_SECRET_KEY)
        );
        // A different key gives a different signature: the check above is not vacuous.
        assert_ne!(
            exact_header(req, "Authorization").unwrap(),
            recompute_tc3_authorization(req, "another-key")
        );
    }
}

#[test]
fn tencent_optional_headers_appear_exactly_when_given() {
    let payload = json_value(TC_PAYLOAD);
    let all = Credentials {
        token: Some("session-token-1"),
        region: Some("ap-guangzhou"),
        language: Some("en-US"),
        ..tc_credentials(Style::Post)
    };
    let built = tencent_iai::build_request(&payload, &all, &options()).unwrap();
    let req = request(&built);
    assert_eq!(exact_header(req, "X-TC-Region"), Some("ap-guangzhou"));
    assert_eq!(exact_header(req, "X-TC-Token"), Some("session-token-1"));
    assert_eq!(exact_header(req, "X-TC-Language"), Some("en-US"));
    assert_eq!(req.headers.len(), 9);
    assert_eq!(
        exact_header(req, "Authorization").unwrap(),
        recompute_tc3_authorization(req, TC_SECRET_KEY)
    );

    for (key, value, header) in [
        ("region", "ap-beijing", "X-TC-Region"),
        ("token", "tmp-token", "X-TC-Token"),
        ("language", "zh-CN", "X-TC-Language"),
    ] {
        let mut opts =
            json!({"secretId": TC_SECRET_ID, "secretKey": TC_SECRET_KEY, "timestamp": TC_TS});
        opts[key] = json!(value);
        let built = build_request("tencent-iai", &payload, &js_options(opts), &options())
            .unwrap()
            .unwrap();
        let req = request(&built);
        assert_eq!(exact_header(req, header), Some(value));
        assert_eq!(req.headers.len(), 7, "only {header} is added");
    }
    let plain = build_request(
        "tencent-iai",
        &payload,
        &js_options(
            json!({"secretId": TC_SECRET_ID, "secretKey": TC_SECRET_KEY, "timestamp": TC_TS}),
        ),
        &options(),
    )
    .unwrap()
    .unwrap();
    let req = request(&plain);
    for header in ["X-TC-Region", "X-TC-Token", "X-TC-Language"] {
        assert_eq!(req.header(header), None);
    }
    assert_eq!(
        exact_header(req, "Authorization"),
        Some(TC_POST_AUTHORIZATION)
    );
}

#[test]
fn tencent_js_options_accept_timestamp_as_number_or_digit_string() {
    let payload = json_value(TC_PAYLOAD);
    for ts in [json!(TC_TS), json!(TC_TS.to_string())] {
        let opts = json!({"secretId": TC_SECRET_ID, "secretKey": TC_SECRET_KEY, "timestamp": ts});
        let built = build_request("tencent-iai", &payload, &js_options(opts), &options())
            .unwrap()
            .unwrap();
        assert_eq!(
            exact_header(request(&built), "Authorization"),
            Some(TC_POST_AUTHORIZATION)
        );
    }
}

#[test]
fn tencent_get_build_sends_a_flattened_rfc3986_query_signed_exactly() {
    let built = tencent_iai::build_request(
        &json_value(TC_PAYLOAD),
        &tc_credentials(Style::Get),
        &options(),
    )
    .unwrap();
    let req = request(&built);
    assert_eq!(req.method, Method::Get);
    assert_eq!(
        req.url,
        format!("https://iai.tencentcloudapi.com/?{TC_GET_QUERY}")
    );
    assert_eq!(req.body, None);
    assert_eq!(
        exact_header(req, "Content-Type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        exact_header(req, "Authorization"),
        Some(TC_GET_AUTHORIZATION)
    );
    assert_eq!(
        exact_header(req, "Authorization").unwrap(),
        recompute_tc3_authorization(req, TC_SECRET_KEY)
    );
    assert_eq!(
        tencent_iai::query_string(&json_value(TC_PAYLOAD)),
        TC_GET_QUERY
    );
    let via_js = build_request(
        "tencent-iai",
        &json_value(TC_PAYLOAD),
        &js_options(json!({"secretId": TC_SECRET_ID, "secretKey": TC_SECRET_KEY, "timestamp": TC_TS, "style": "get"})),
        &options(),
    )
    .unwrap()
    .unwrap();
    assert_eq!(via_js, built);
}

#[test]
fn tencent_get_encodes_a_space_as_percent_20_not_plus() {
    // The docs' English sample 1 fails the charset rule unless lenient (docs/decisions.md
    // "Tencent charsets").
    let strict = tencent_iai::build_request(
        &json_value(TC_SAMPLE1_PAYLOAD),
        &tc_credentials(Style::Get),
        &options(),
    )
    .unwrap();
    assert!(strict.request.is_none());
    let built = tencent_iai::build_request(
        &json_value(TC_SAMPLE1_PAYLOAD),
        &tc_credentials(Style::Get),
        &lenient(),
    )
    .unwrap();
    let req = request(&built);
    assert_eq!(
        req.url,
        format!("https://iai.tencentcloudapi.com/?{TC_SAMPLE1_QUERY}")
    );
    assert!(!req.url.contains('+'));
    assert_eq!(
        exact_header(req, "Authorization"),
        Some(TC_SAMPLE1_AUTHORIZATION)
    );
    assert!(built
        .report
        .warnings
        .iter()
        .any(|i| i.path == "GroupName" && i.code.as_str() == "invalid_chars"));
}

#[test]
fn tencent_get_query_encodes_reserved_and_astral_characters() {
    let payload = json_value(r#"{"GroupName":"a b+c","GroupId":"%@#&_-","Tag":"😂/?=&"}"#);
    let built =
        tencent_iai::build_request(&payload, &tc_credentials(Style::Get), &lenient()).unwrap();
    let req = request(&built);
    assert_eq!(
        req.url,
        "https://iai.tencentcloudapi.com/?GroupName=a%20b%2Bc&GroupId=%25%40%23%26_-&Tag=%F0%9F%98%82%2F%3F%3D%26"
    );
    assert_eq!(
        exact_header(req, "Authorization").unwrap(),
        recompute_tc3_authorization(req, TC_SECRET_KEY)
    );
}

#[test]
fn tencent_body_equals_the_payload_json_without_unknown_fields() {
    let payload = json_value(
        r#"{"Action":"CreateGroup","GroupId":"g1","Region":"ap-guangzhou","GroupName":"名","groupname":"x"}"#,
    );
    let built =
        tencent_iai::build_request(&payload, &tc_credentials(Style::Post), &options()).unwrap();
    let req = request(&built);
    assert_eq!(
        req.body.as_deref(),
        Some(r#"{"GroupId":"g1","GroupName":"名"}"#)
    );
    let unknown: Vec<&str> = built
        .report
        .warnings
        .iter()
        .filter(|i| i.code.as_str() == "unknown_field")
        .map(|i| i.path.as_str())
        .collect();
    assert_eq!(unknown, ["Action", "Region", "groupname"]);
}

#[test]
fn tencent_invalid_payload_builds_no_request() {
    let payload = json_value(r#"{"GroupName":"","GroupId":"has space"}"#);
    let built =
        tencent_iai::build_request(&payload, &tc_credentials(Style::Post), &options()).unwrap();
    assert!(built.request.is_none());
    assert_eq!(
        error_rows(&built.report),
        [
            ("GroupName".to_owned(), "too_short"),
            ("GroupId".to_owned(), "invalid_chars")
        ]
    );
}

#[test]
fn tencent_unsafe_header_values_are_errors_and_build_nothing() {
    let payload = json_value(TC_PAYLOAD);
    for bad in UNSAFE_HEADER_VALUES {
        let cases = [
            (
                Credentials {
                    secret_id: bad,
                    ..tc_credentials(Style::Post)
                },
                "options.secretId",
            ),
            (
                Credentials {
                    token: Some(bad),
                    ..tc_credentials(Style::Post)
                },
                "options.token",
            ),
            (
                Credentials {
                    region: Some(bad),
                    ..tc_credentials(Style::Get)
                },
                "options.region",
            ),
        ];
        for (creds, path) in cases {
            let built = tencent_iai::build_request(&payload, &creds, &options())
                .expect("an unsafe value is an issue, not misuse");
            assert!(built.request.is_none(), "{bad:?} at {path} built a request");
            assert_eq!(
                error_rows(&built.report),
                [(path.to_owned(), "invalid_chars")],
                "{bad:?} at {path}"
            );
            let text = serde_json::to_string(&built).unwrap();
            assert!(!text.contains(bad), "the unsafe value is echoed: {text}");
            assert!(!text.contains(TC_SECRET_KEY), "secret key echoed: {text}");
        }
    }
}

#[test]
fn tencent_secret_key_never_appears_in_a_build_result_or_error() {
    let secret_key = "SECRET-tc-key-4Wv";
    let token = "SECRET-tc-token-8Ku";
    let valid = json_value(TC_PAYLOAD);
    let invalid = json_value(r#"{"GroupName":"a b","GroupId":"","Tag":5,"Extra":1}"#);
    for payload in [&valid, &invalid] {
        for style in [Style::Post, Style::Get] {
            for secret_id in [TC_SECRET_ID, "bad\nid"] {
                let creds = Credentials {
                    secret_id,
                    secret_key,
                    token: Some(token),
                    ..tc_credentials(style)
                };
                let built = tencent_iai::build_request(payload, &creds, &options()).unwrap();
                let text = serde_json::to_string(&built).unwrap();
                assert!(!text.contains(secret_key), "secret key echoed: {text}");
                let issues = serde_json::to_string(&built.report).unwrap();
                assert!(!issues.contains(token), "token echoed in issues: {issues}");
            }
        }
    }
    // A secret id that would split the Credential= part is an issue on it, never echoed.
    let bad_id = json!({"secretId": "AKID,x", "secretKey": secret_key, "timestamp": TC_TS});
    let built = build_request("tencent-iai", &valid, &js_options(bad_id), &options())
        .unwrap()
        .unwrap();
    assert!(built.request.is_none());
    assert_eq!(built.report.errors[0].path, "options.secretId");
    assert!(!serde_json::to_string(&built).unwrap().contains("AKID,x"));
    // Misuse errors: a bad style or a timestamp past 9999 name the option, never the key.
    for opts in [
        json!({"secretId": TC_SECRET_ID, "secretKey": secret_key, "timestamp": TC_TS, "style": "put"}),
        json!({"secretId": TC_SECRET_ID, "secretKey": secret_key, "timestamp": 253_402_300_800_i64}),
        json!({"secretId": TC_SECRET_ID, "secretKey": secret_key, "timestamp": TC_TS, "language": "fr"}),
        json!({"secretId": TC_SECRET_ID, "secretKey": secret_key, "timestamp": TC_TS, "token": 7}),
    ] {
        let err = build_request("tencent-iai", &valid, &js_options(opts.clone()), &options())
            .unwrap()
            .expect_err("misuse");
        assert!(!err.0.contains(secret_key), "{opts}: secret key echoed");
        assert!(
            err.0.starts_with("options.") || err.0.starts_with("cannot sign"),
            "{:?}",
            err.0
        );
    }
}

#[test]
fn tencent_missing_credentials_are_misuse_naming_the_option() {
    let payload = json_value(TC_PAYLOAD);
    for (opts, names) in [
        (
            json!({"secretKey": "k", "timestamp": TC_TS}),
            "options.secretId",
        ),
        (
            json!({"secretId": "", "secretKey": "k", "timestamp": TC_TS}),
            "options.secretId",
        ),
        (
            json!({"secretId": "i", "timestamp": TC_TS}),
            "options.secretKey",
        ),
        (
            json!({"secretId": "i", "secretKey": "", "timestamp": TC_TS}),
            "options.secretKey",
        ),
        (
            json!({"secretId": "i", "secretKey": "k"}),
            "options.timestamp",
        ),
        (
            json!({"secretId": "i", "secretKey": "k", "timestamp": 1.5}),
            "options.timestamp",
        ),
    ] {
        let err = build_request(
            "tencent-iai",
            &payload,
            &js_options(opts.clone()),
            &options(),
        )
        .unwrap()
        .expect_err("misuse");
        assert!(
            err.0.contains(names),
            "{opts}: {:?} should name {names}",
            err.0
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Parsing: the shared fixtures

const RESPONSES: &str = include_str!("fixtures/responses.json");

fn provider_code_json(code: &Option<ProviderCode>) -> Json {
    match code {
        None => Json::Null,
        Some(ProviderCode::Text(t)) => Json::from(t.to_string()),
        Some(ProviderCode::Number(n)) => Json::from(*n),
    }
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
fn geelark_fail_details_match_the_sent_name_exactly_not_loosely() {
    let body = r#"{"traceId":"T","code":40006,"msg":"partial success","data":{"failDetails":[{"code":43031,"name":"Group","msg":"group existed"}]}}"#;
    for (sent, path) in [
        (
            r#"{"list":[{"name":"group"},{"name":"Group"}]}"#,
            "list[1].name",
        ),
        (r#"{"list":[{"name":"group"},{"name":"Group "}]}"#, "list"),
        (r#"{"list":"not an array"}"#, "list"),
        (r#"[]"#, "list"),
    ] {
        let sent = json_value(sent);
        let response = Response {
            status: 200,
            body,
            sent: Some(&sent),
        };
        let parsed = parse_response("geelark", &response, &options()).unwrap();
        assert_eq!(parsed.errors.len(), 1);
        assert_eq!(parsed.errors[0].path, path);
    }
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
fn geelark_code_zero_without_fail_details_is_ok_and_any_fail_detail_is_not() {
    let ok = r#"{"traceId":"T","code":0,"msg":"success","data":{"failDetails":[]}}"#;
    let failed = r#"{"traceId":"T","code":0,"msg":"success","data":{"failDetails":[{"code":43031,"name":"a","msg":"m"}]}}"#;
    let parse = |body| {
        parse_response(
            "geelark",
            &Response {
                status: 200,
                body,
                sent: None,
            },
            &options(),
        )
        .unwrap()
    };
    assert!(parse(ok).ok);
    assert!(!parse(failed).ok);
}
