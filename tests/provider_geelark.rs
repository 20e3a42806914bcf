//! GeeLark: the key and token builds (the docs' signature example in exact header order,
//! header safety, secrets that never echo, option misuse), bodies that carry exactly the known
//! fields as typed, and `failDetails` read back onto the names that were sent
//! (docs/decisions.md "GeeLark group/add", "GeeLark auth").
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use group_payloads::{
    build_request,
    geelark::{self, Auth},
    issue::Param,
    parse_response, sign, Code, Method, Options, ProviderCode, Response, Value,
};
use proptest::prelude::*;
use serde_json::json;
use std::time::{Duration, Instant};

/// GeeLark's official key-verification example (docs/decisions.md "GeeLark auth").
const GL_APP_ID: &str = "eH6gQR4oHr3FsZpI36La01IW";
const GL_API_KEY: &str = "YjmFIUuq0oJgSDJ42fxLEb6R1qjjqf";
const GL_TRACE_ID: &str = "db6094ab-3797-4186-84d5-b0b58eebad56";
const GL_TS: u64 = 1_716_972_892_166;
const GL_SIGN: &str = "6280C080AF7C3CCE168F15C913E3444A00A618CB0E16038EED9811D6E3366BDD";
const GL_URL: &str = "https://openapi.geelark.com/open/v1/group/add";
const GL_SEED_BODY: &str = r#"{"list":[{"name":"group"},{"name":"groupRemark","remark":"remark"},{"name":"groupInvalid"}]}"#;

fn key_auth() -> Auth<'static> {
    Auth::Key {
        app_id: GL_APP_ID,
        api_key: GL_API_KEY,
        trace_id: GL_TRACE_ID,
        ts_millis: GL_TS,
    }
}

/// A long string up to the limit, cheaply: a short drawn pattern repeated to a drawn length.
fn long_wild_string(min: usize, max: usize) -> impl Strategy<Value = String> {
    (wild_string(1, 12), min..=max).prop_map(|(s, n)| s.chars().cycle().take(n).collect())
}

#[derive(Debug, Clone)]
struct GlItem {
    name: String,
    remark: Option<String>,
    remark_first: bool,
    unknown: Vec<(String, Value)>,
}

impl GlItem {
    /// The payload item as the caller writes it: unknown fields first, then name and remark in
    /// the drawn order.
    fn payload(&self) -> Value {
        let mut fields = self.unknown.clone();
        fields.extend(self.known());
        Value::Object(fields)
    }

    /// Only the known fields, in the caller's order: what the body must carry.
    fn known(&self) -> Vec<(String, Value)> {
        let name = ("name".to_owned(), Value::from(self.name.clone()));
        match (&self.remark, self.remark_first) {
            (None, _) => vec![name],
            (Some(r), true) => vec![("remark".to_owned(), Value::from(r.clone())), name],
            (Some(r), false) => vec![name, ("remark".to_owned(), Value::from(r.clone()))],
        }
    }
}

fn gl_item() -> impl Strategy<Value = GlItem> {
    (
        wild_string(1, 50).prop_filter("not blank", |s| !group_payloads::charsets::is_blank(s)),
        prop::option::of(prop_oneof![3 => wild_string(0, 40), 1 => long_wild_string(480, 500)]),
        any::<bool>(),
        prop::collection::vec(unknown_field(&["name", "remark"]), 0..=2),
    )
        .prop_map(|(name, remark, remark_first, unknown)| GlItem {
            name,
            remark,
            remark_first,
            unknown,
        })
        .prop_filter("unknown keys are distinct", |item| {
            let keys: Vec<&String> = item.unknown.iter().map(|(k, _)| k).collect();
            unique(&keys)
        })
}

fn gl_batch() -> impl Strategy<Value = (Vec<GlItem>, Vec<(String, Value)>)> {
    (
        prop::collection::vec(gl_item(), 1..=6).prop_filter("names are unique", |items| {
            let names: Vec<&String> = items.iter().map(|i| &i.name).collect();
            unique(&names)
        }),
        prop::collection::vec(unknown_field(&["list"]), 0..=2).prop_filter(
            "unknown keys are distinct",
            |fields| {
                let keys: Vec<&String> = fields.iter().map(|(k, _)| k).collect();
                unique(&keys)
            },
        ),
    )
}

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
    let parsed = parse_sent("geelark", 200, &body, Some(&sent));
    let took = start.elapsed();
    assert_eq!(parsed.errors[0].path, format!("list[{}].name", n - 1));
    assert_eq!(parsed.errors[999].path, format!("list[{}].name", n - 1000));
    let last = parsed.errors.last().unwrap();
    assert_eq!(last.code, Code::MoreIssues);
    assert_eq!(last.params.get("count"), Some(&Param::Int(n as i64 - 1000)));
    assert!(took < Duration::from_secs(5), "{took:?}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn geelark_batch_body_carries_exactly_the_known_fields_as_typed((items, top_unknown) in gl_batch()) {
        let list = Value::Array(items.iter().map(GlItem::payload).collect());
        let mut fields = top_unknown.clone();
        fields.push(("list".to_owned(), list));
        let payload = Value::Object(fields);
        let auth = Auth::Key {
            app_id: "eH6gQR4oHr3FsZpI36La01IW",
            api_key: "YjmFIUuq0oJgSDJ42fxLEb6R1qjjqf",
            trace_id: "db6094ab-3797-4186-84d5-b0b58eebad56",
            ts_millis: 1_716_972_892_166,
        };
        let built = geelark::build_request(&payload, &auth, &Options::default());
        prop_assert!(built.report.ok, "valid batch rejected: {:?}", built.report.errors);
        let req = built.request.as_ref().expect("ok means a request");
        let expected = Value::Object(vec![(
            "list".to_owned(),
            Value::Array(items.iter().map(|i| Value::Object(i.known())).collect()),
        )]);
        assert_body_is(req, &expected)?;
        let unknown = top_unknown.len() + items.iter().map(|i| i.unknown.len()).sum::<usize>();
        prop_assert_eq!(unknown_warnings(&built.report), unknown);
    }

    #[test]
    fn geelark_js_options_build_the_same_body_as_the_typed_builder((items, _) in gl_batch()) {
        let payload = Value::Object(vec![(
            "list".to_owned(),
            Value::Array(items.iter().map(GlItem::payload).collect()),
        )]);
        let options = Value::from_json(
            r#"{"auth":{"type":"token","token":"t0k","traceId":"AA6849499B949BDCBD7FA792AB1981A5"}}"#,
        ).unwrap();
        let built = build_request("geelark", &payload, &options, &Options::default())
            .unwrap()
            .unwrap();
        prop_assert!(built.report.ok);
        let expected = Value::Object(vec![(
            "list".to_owned(),
            Value::Array(items.iter().map(|i| Value::Object(i.known())).collect()),
        )]);
        assert_body_is(built.request.as_ref().unwrap(), &expected)?;
    }
}
