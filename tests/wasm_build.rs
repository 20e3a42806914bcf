//! Signed requests and response parsing through the JS-facing functions (`buildRequest`,
//! `parseResponse`, `signTc3`, `geelarkSign`): the providers' published vectors, requests
//! re-derived from their own parts, header safety, secrets that never echo, the JS defaults
//! (traceId, ts, timestamp) and the shared response fixtures. Runs in Node (default) and in
//! headless Chromium (`WASM_BINDGEN_USE_BROWSER=1`): same body, both hosts. Not in the forms
//! build (`--no-default-features`), which has none of these.
#![cfg(all(target_arch = "wasm32", feature = "requests"))]

use group_payloads::wasm;
use js_sys::{Function, Object, Reflect, JSON};
use serde_json::{json, Value as Json};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const RESPONSES: &str = include_str!("fixtures/responses.json");

// GeeLark's official key-verification example (research §1.3).
const GL_APP_ID: &str = "eH6gQR4oHr3FsZpI36La01IW";
const GL_API_KEY: &str = "YjmFIUuq0oJgSDJ42fxLEb6R1qjjqf";
const GL_TRACE_ID: &str = "db6094ab-3797-4186-84d5-b0b58eebad56";
const GL_TS: u64 = 1_716_972_892_166;
const GL_SIGN: &str = "6280C080AF7C3CCE168F15C913E3444A00A618CB0E16038EED9811D6E3366BDD";
const GL_SEED_BODY: &str = r#"{"list":[{"name":"group"},{"name":"groupRemark","remark":"remark"},{"name":"groupInvalid"}]}"#;

// Tencent's signature v3 worked examples (research §2.6).
const TC_VECTOR_PAYLOAD: &str =
    r#"{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}"#;
const TC_VECTOR_TS: u64 = 1_551_113_065;
/// Vector B's SecretId as the published example prints it (masked): `signTc3` takes it.
const TC_VECTOR_B_SECRET_ID: &str = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******";
/// The same document's unmasked id, for buildRequest, which takes letters and digits only.
const TC_B_SECRET_ID: &str = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE";
const TC_B_SECRET_KEY: &str = "Gu5t9xGARNpq86cd98joQYCN3*******";

// A CreateGroup request signed with vector B's keys; expected values computed independently
// with Python's hashlib/hmac from Tencent's published TC3 example (see tests/provider_tencent.rs).
const TC_PAYLOAD: &str = r#"{"GroupName":"腾讯深圳员工库","GroupId":"TencentShenZhenEmployee","GroupExDescriptions":["事业群","部门名","组名"],"Tag":"不含实习生","FaceModelVersion":"3.0"}"#;
const TC_POST_AUTHORIZATION: &str = "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/iai/tc3_request, SignedHeaders=content-type;host, Signature=d8c9e262d53d55e7ab9359ba372ef5c645d392c2854b2533f087ff3fc9db7a6e";
const TC_GET_QUERY: &str = "GroupName=%E8%85%BE%E8%AE%AF%E6%B7%B1%E5%9C%B3%E5%91%98%E5%B7%A5%E5%BA%93&GroupId=TencentShenZhenEmployee&GroupExDescriptions.0=%E4%BA%8B%E4%B8%9A%E7%BE%A4&GroupExDescriptions.1=%E9%83%A8%E9%97%A8%E5%90%8D&GroupExDescriptions.2=%E7%BB%84%E5%90%8D&Tag=%E4%B8%8D%E5%90%AB%E5%AE%9E%E4%B9%A0%E7%94%9F&FaceModelVersion=3.0";
const TC_GET_AUTHORIZATION: &str = "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/iai/tc3_request, SignedHeaders=content-type;host, Signature=a0b52ebb147f750d023f42235ae692600063863f0646437372d543e1b838cef7";

/// CR/LF, other control characters, DEL, C1 controls and non-ASCII: never in a header.
const UNSAFE_HEADER_VALUES: [&str; 8] = [
    "abc\r\nX-Injected: 1",
    "abc\ndef",
    "abc\rdef",
    "abc\u{1}def",
    "abc\tdef",
    "abc\u{85}def",
    "ключ",
    "abc😂",
];

// ---------------------------------------------------------------------------------------------
// Helpers

/// A JS value from JS source, for what JSON cannot write (lone surrogates).
fn js(source: &str) -> JsValue {
    Function::new_no_args(&format!("return ({source});"))
        .call0(&JsValue::NULL)
        .expect("test source evaluates")
}

fn to_js(value: &Json) -> JsValue {
    JSON::parse(&value.to_string()).expect("JSON parses in JS")
}

fn to_json(value: &JsValue) -> Json {
    let text: String = JSON::stringify(value).expect("stringify").into();
    serde_json::from_str(&text).expect("result is JSON")
}

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &key.into()).expect("readable property")
}

fn has(obj: &JsValue, key: &str) -> bool {
    Reflect::has(obj, &key.into()).expect("an object")
}

fn text(obj: &JsValue, key: &str) -> String {
    get(obj, key)
        .as_string()
        .unwrap_or_else(|| panic!("{key} is a string"))
}

fn build(provider: &str, payload: &JsValue, options: &Json) -> Result<JsValue, JsValue> {
    wasm::build_request(provider.into(), payload.clone(), to_js(options))
}

/// A successful build's request object (asserting `ok` and that the request is there).
fn built_request(provider: &str, payload: &str, options: &Json) -> JsValue {
    let result = build(provider, &JSON::parse(payload).unwrap(), options).expect("no throw");
    assert_eq!(
        get(&result, "ok").as_bool(),
        Some(true),
        "{}",
        to_json(&result)
    );
    assert!(has(&result, "request"));
    get(&result, "request")
}

/// Header names in the order JS sees them, with their values.
fn headers(request: &JsValue) -> Vec<(String, String)> {
    let headers = get(request, "headers");
    Object::keys(headers.unchecked_ref::<Object>())
        .iter()
        .map(|k| {
            let name = k.as_string().unwrap();
            let value = text(&headers, &name);
            (name, value)
        })
        .collect()
}

fn header(request: &JsValue, name: &str) -> Option<String> {
    get(&get(request, "headers"), name).as_string()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

fn sign_tc3(input: &Json) -> Json {
    to_json(&wasm::sign_tc3(to_js(input)).expect("signs"))
}

/// The message of a thrown error, asserting it is a TypeError.
fn type_error_message(err: JsValue) -> String {
    assert!(
        err.is_instance_of::<js_sys::TypeError>(),
        "expected a TypeError, got {err:?}"
    );
    text(&err, "message")
}

fn error_rows(result: &Json) -> Vec<(String, String)> {
    result["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["path"].as_str().unwrap().to_owned(),
                i["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// Recomputes a Tencent request's Authorization through `signTc3`, from the request alone.
fn recompute_tc3(request: &JsValue, secret_key: &str) -> String {
    let authorization = header(request, "Authorization").expect("Authorization");
    let secret_id = authorization
        .split("Credential=")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .expect("Credential=");
    let url = text(request, "url");
    let host = header(request, "Host").expect("Host");
    assert_eq!(
        url.strip_prefix("https://")
            .and_then(|r| r.split('/').next()),
        Some(host.as_str())
    );
    let query = url.split_once('?').map_or("", |(_, q)| q).to_owned();
    let body = get(request, "body").as_string().unwrap_or_default();
    let output = sign_tc3(&json!({
        "secretId": secret_id,
        "secretKey": secret_key,
        "timestamp": header(request, "X-TC-Timestamp").expect("X-TC-Timestamp"),
        "service": host.split('.').next().unwrap(),
        "host": host,
        "method": text(request, "method"),
        "contentType": header(request, "Content-Type").expect("Content-Type"),
        "query": query,
        "payload": body,
    }));
    output["authorization"].as_str().unwrap().to_owned()
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// `xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx`, lower-case hex (what crypto.randomUUID returns).
fn is_uuid_v4(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let lens: Vec<usize> = parts.iter().map(|p| p.len()).collect();
    lens == [8, 4, 4, 4, 12]
        && parts.iter().all(|p| {
            p.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        })
        && parts[2].starts_with('4')
        && parts[3].starts_with(['8', '9', 'a', 'b'])
}

fn gl_key_options() -> Json {
    json!({"auth": {"type": "key", "appId": GL_APP_ID, "apiKey": GL_API_KEY,
                    "traceId": GL_TRACE_ID, "ts": GL_TS}})
}

fn tc_options() -> Json {
    json!({"secretId": TC_B_SECRET_ID, "secretKey": TC_B_SECRET_KEY, "timestamp": TC_VECTOR_TS})
}

// ---------------------------------------------------------------------------------------------
// GeeLark

#[wasm_bindgen_test]
fn geelark_key_build_matches_the_official_example_with_exact_header_order() {
    let payload = r#"{"list":[{"name":"group"},{"name":"groupRemark","remark":"remark"},{"name":"groupInvalid"}]}"#;
    let ts_as_string = json!({"auth": {"type": "key", "appId": GL_APP_ID, "apiKey": GL_API_KEY,
                                        "traceId": GL_TRACE_ID, "ts": GL_TS.to_string()}});
    for options in [gl_key_options(), ts_as_string] {
        let request = built_request("geelark", payload, &options);
        assert_eq!(text(&request, "method"), "POST");
        assert_eq!(
            text(&request, "url"),
            "https://openapi.geelark.com/open/v1/group/add"
        );
        assert_eq!(
            headers(&request),
            pairs(&[
                ("Content-Type", "application/json"),
                ("appId", GL_APP_ID),
                ("traceId", GL_TRACE_ID),
                ("ts", "1716972892166"),
                ("nonce", "db6094"),
                ("sign", GL_SIGN),
            ])
        );
        assert_eq!(text(&request, "body"), GL_SEED_BODY);
    }
}

#[wasm_bindgen_test]
fn geelark_token_build_sends_trace_id_and_bearer_token() {
    let request = built_request(
        "geelark",
        GL_SEED_BODY,
        &json!({"auth": {"type": "token", "token": "tok-123.abc", "traceId": GL_TRACE_ID}}),
    );
    assert_eq!(
        headers(&request),
        pairs(&[
            ("Content-Type", "application/json"),
            ("traceId", GL_TRACE_ID),
            ("Authorization", "Bearer tok-123.abc"),
        ])
    );
    assert_eq!(text(&request, "body"), GL_SEED_BODY);
}

#[wasm_bindgen_test]
fn geelark_sign_export_matches_the_official_example() {
    for ts in [json!(GL_TS), json!(GL_TS.to_string())] {
        let input =
            json!({"appId": GL_APP_ID, "traceId": GL_TRACE_ID, "ts": ts, "apiKey": GL_API_KEY});
        assert_eq!(wasm::geelark_sign(to_js(&input)).unwrap(), GL_SIGN);
    }
    let other =
        json!({"appId": GL_APP_ID, "traceId": GL_TRACE_ID, "ts": GL_TS + 1, "apiKey": GL_API_KEY});
    assert_ne!(wasm::geelark_sign(to_js(&other)).unwrap(), GL_SIGN);
    let missing = wasm::geelark_sign(to_js(
        &json!({"appId": GL_APP_ID, "traceId": GL_TRACE_ID, "ts": GL_TS}),
    ));
    let message = type_error_message(missing.unwrap_err());
    assert!(message.contains("apiKey"), "{message}");
}

#[wasm_bindgen_test]
fn geelark_defaults_a_uuid_trace_id_and_a_millisecond_timestamp() {
    let before = now_ms().floor();
    let request = built_request(
        "geelark",
        GL_SEED_BODY,
        &json!({"auth": {"type": "key", "appId": GL_APP_ID, "apiKey": GL_API_KEY}}),
    );
    let after = now_ms().floor();
    let trace_id = header(&request, "traceId").unwrap();
    assert!(is_uuid_v4(&trace_id), "{trace_id}");
    let ts = header(&request, "ts").unwrap();
    assert!(ts.bytes().all(|b| b.is_ascii_digit()), "{ts}");
    let ts_value: f64 = ts.parse().unwrap();
    assert!(
        (before..=after).contains(&ts_value),
        "{ts} not within {before}..={after}"
    );
    assert_eq!(header(&request, "nonce").unwrap(), trace_id[..6]);
    let input = json!({"appId": GL_APP_ID, "traceId": trace_id, "ts": ts, "apiKey": GL_API_KEY});
    assert_eq!(
        header(&request, "sign").unwrap(),
        wasm::geelark_sign(to_js(&input)).unwrap()
    );

    // Token auth: a trace id too, fresh per build; no ts header.
    let token = json!({"auth": {"type": "token", "token": "t"}});
    let first = built_request("geelark", GL_SEED_BODY, &token);
    let second = built_request("geelark", GL_SEED_BODY, &token);
    let (a, b) = (
        header(&first, "traceId").unwrap(),
        header(&second, "traceId").unwrap(),
    );
    assert!(is_uuid_v4(&a) && is_uuid_v4(&b), "{a} {b}");
    assert_ne!(a, b);
    assert_eq!(header(&first, "ts"), None);
}

#[wasm_bindgen_test]
fn geelark_defaults_do_not_override_given_values_or_touch_the_callers_object() {
    let options =
        to_js(&json!({"auth": {"type": "key", "appId": GL_APP_ID, "apiKey": GL_API_KEY}}));
    let payload = JSON::parse(GL_SEED_BODY).unwrap();
    wasm::build_request("geelark".into(), payload.clone(), options.clone()).unwrap();
    let auth = get(&options, "auth");
    assert!(!has(&auth, "traceId") && !has(&auth, "ts"));
    // null and undefined count as absent; a given value is kept.
    let explicit = js(&format!(
        r#"{{auth: {{type: "key", appId: "{GL_APP_ID}", apiKey: "{GL_API_KEY}", traceId: "{GL_TRACE_ID}", ts: {GL_TS}}}}}"#
    ));
    let result = wasm::build_request("geelark".into(), payload.clone(), explicit).unwrap();
    assert_eq!(header(&get(&result, "request"), "sign").unwrap(), GL_SIGN);
    let nulls = js(&format!(
        r#"{{auth: {{type: "key", appId: "{GL_APP_ID}", apiKey: "{GL_API_KEY}", traceId: null, ts: undefined}}}}"#
    ));
    let result = wasm::build_request("geelark".into(), payload, nulls).unwrap();
    assert!(is_uuid_v4(
        &header(&get(&result, "request"), "traceId").unwrap()
    ));
}

#[wasm_bindgen_test]
fn geelark_unsafe_header_values_are_errors_and_build_nothing() {
    let payload = JSON::parse(GL_SEED_BODY).unwrap();
    for bad in UNSAFE_HEADER_VALUES {
        for (options, path) in [
            (
                json!({"auth": {"type": "key", "appId": bad, "apiKey": GL_API_KEY, "traceId": GL_TRACE_ID, "ts": GL_TS}}),
                "options.auth.appId",
            ),
            (
                json!({"auth": {"type": "key", "appId": GL_APP_ID, "apiKey": GL_API_KEY, "traceId": bad, "ts": GL_TS}}),
                "options.auth.traceId",
            ),
            (
                json!({"auth": {"type": "token", "token": bad, "traceId": GL_TRACE_ID}}),
                "options.auth.token",
            ),
        ] {
            let result = build("geelark", &payload, &options).expect("an issue, not a throw");
            assert!(!has(&result, "request"), "{bad:?} at {path}");
            let report = to_json(&result);
            assert_eq!(report["ok"], json!(false));
            assert_eq!(
                error_rows(&report),
                [(path.to_owned(), "invalid_chars".to_owned())]
            );
            assert!(!report.to_string().contains(bad));
        }
    }
}

#[wasm_bindgen_test]
fn geelark_secrets_never_appear_in_results_or_thrown_errors() {
    let api_key = "SECRET-api-key-7Qx";
    let token = "SECRET-token-9Zy";
    let valid = JSON::parse(GL_SEED_BODY).unwrap();
    let invalid = JSON::parse(r#"{"list":[{"name":""}],"x":1}"#).unwrap();
    for payload in [&valid, &invalid] {
        for app_id in [GL_APP_ID, "bad\r\nid"] {
            let key = json!({"auth": {"type": "key", "appId": app_id, "apiKey": api_key, "traceId": GL_TRACE_ID, "ts": GL_TS}});
            let out: String = JSON::stringify(&build("geelark", payload, &key).unwrap())
                .unwrap()
                .into();
            assert!(!out.contains(api_key), "{out}");
            let tok = json!({"auth": {"type": "token", "token": token, "traceId": app_id}});
            let result = build("geelark", payload, &tok).unwrap();
            let issues = format!(
                "{}{}",
                to_json(&get(&result, "errors")),
                to_json(&get(&result, "warnings"))
            );
            assert!(!issues.contains(token), "{issues}");
        }
    }
    // Misuse with the secret present: the thrown message names the option, not the secret.
    for options in [
        json!({"auth": {"type": "key", "apiKey": api_key, "traceId": "t", "ts": 1}}),
        json!({"auth": {"type": "key", "appId": "a", "apiKey": api_key, "traceId": "t", "ts": "soon"}}),
        json!({"auth": {"type": "bearer", "token": token}}),
        json!({"auth": {"type": "token", "token": token, "traceId": 5}}),
        json!({"auth": {"type": "key", "appId": "a", "apiKey": 7, "ts": 1}}),
    ] {
        let message = type_error_message(build("geelark", &valid, &options).unwrap_err());
        assert!(message.starts_with("options."), "{message}");
        assert!(
            !message.contains(api_key) && !message.contains(token),
            "{message}"
        );
    }
    // A lone surrogate in a header value cannot be sent: misuse, thrown without the value.
    let lone = js(r#"{auth: {type: "token", token: "SECRET\ud800", traceId: "t"}}"#);
    let err = wasm::build_request("geelark".into(), valid, lone).unwrap_err();
    let message = type_error_message(err);
    assert!(message.contains("options.auth.token") && !message.contains("SECRET"));
}

#[wasm_bindgen_test]
fn missing_credentials_throw_a_type_error_naming_them() {
    let gl = JSON::parse(GL_SEED_BODY).unwrap();
    let tc = JSON::parse(TC_PAYLOAD).unwrap();
    for (provider, payload, options, names) in [
        ("geelark", &gl, json!({}), "options.auth"),
        (
            "geelark",
            &gl,
            json!({"auth": {"type": "key", "appId": "a"}}),
            "options.auth.apiKey",
        ),
        (
            "geelark",
            &gl,
            json!({"auth": {"type": "key", "apiKey": "k"}}),
            "options.auth.appId",
        ),
        (
            "geelark",
            &gl,
            json!({"auth": {"type": "token"}}),
            "options.auth.token",
        ),
        (
            "tencent-iai",
            &tc,
            json!({"secretKey": "k"}),
            "options.secretId",
        ),
        (
            "tencent-iai",
            &tc,
            json!({"secretId": "i"}),
            "options.secretKey",
        ),
        (
            "tencent-iai",
            &tc,
            json!({"secretId": "i", "secretKey": ""}),
            "options.secretKey",
        ),
    ] {
        let message = type_error_message(build(provider, payload, &options).unwrap_err());
        assert!(message.contains(names), "{provider} {options}: {message}");
    }
    for absent in [JsValue::UNDEFINED, JsValue::NULL] {
        let err = wasm::build_request("tencent-iai".into(), tc.clone(), absent).unwrap_err();
        assert!(type_error_message(err).contains("options"));
    }
}

// ---------------------------------------------------------------------------------------------
// Tencent: signTc3 against the published vectors

#[wasm_bindgen_test]
fn sign_tc3_reproduces_vector_a() {
    let out = sign_tc3(&json!({
        "secretId": "AKID**********************0123456789EXAMPLE",
        "secretKey": "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
        "timestamp": TC_VECTOR_TS,
        "service": "cvm",
        "host": "cvm.tencentcloudapi.com",
        "method": "POST",
        "contentType": "application/json; charset=utf-8",
        "payload": TC_VECTOR_PAYLOAD,
    }));
    assert_eq!(
        out["canonicalRequest"],
        "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\ncontent-type;host\n35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064"
    );
    assert_eq!(
        out["stringToSign"],
        "TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031"
    );
    assert_eq!(
        out["signature"],
        "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168"
    );
    assert_eq!(
        out["authorization"],
        "TC3-HMAC-SHA256 Credential=AKID**********************0123456789EXAMPLE/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168"
    );
}

#[wasm_bindgen_test]
fn sign_tc3_reproduces_vector_b() {
    let out = sign_tc3(&json!({
        "secretId": TC_VECTOR_B_SECRET_ID,
        "secretKey": TC_B_SECRET_KEY,
        "timestamp": TC_VECTOR_TS.to_string(),
        "service": "cvm",
        "host": "cvm.tencentcloudapi.com",
        "method": "POST",
        "contentType": "application/json; charset=utf-8",
        "payload": TC_VECTOR_PAYLOAD,
    }));
    assert_eq!(
        out["signature"],
        "2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c"
    );
    assert_eq!(
        out["authorization"],
        "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c"
    );
}

#[wasm_bindgen_test]
fn sign_tc3_reproduces_vector_c_with_x_tc_action_signed() {
    let out = sign_tc3(&json!({
        "secretId": TC_VECTOR_B_SECRET_ID,
        "secretKey": TC_B_SECRET_KEY,
        "timestamp": TC_VECTOR_TS,
        "service": "cvm",
        "host": "cvm.tencentcloudapi.com",
        "method": "POST",
        "contentType": "application/json; charset=utf-8",
        "payload": TC_VECTOR_PAYLOAD,
        "extraHeaders": {"X-TC-Action": "DescribeInstances"},
    }));
    assert_eq!(
        out["canonicalRequest"],
        "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\nx-tc-action:describeinstances\n\ncontent-type;host;x-tc-action\n35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064"
    );
    assert_eq!(
        out["stringToSign"],
        "TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84"
    );
    assert_eq!(
        out["signature"],
        "be4f67d323c78ab9acb7395e43c0dbcf822a9cfac32fea2449a7bc7726b770a3"
    );
    assert_eq!(
        out["authorization"],
        "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature=be4f67d323c78ab9acb7395e43c0dbcf822a9cfac32fea2449a7bc7726b770a3"
    );
}

#[wasm_bindgen_test]
fn sign_tc3_misuse_throws_without_echoing_the_secret_key() {
    let secret = "SECRET-tc-key-4Wv";
    for input in [
        json!({"secretId": "i", "secretKey": secret, "timestamp": 1, "service": "iai",
               "host": "iai.tencentcloudapi.com", "method": "PUT", "contentType": "application/json"}),
        json!({"secretId": "i", "secretKey": secret, "timestamp": 1, "service": "iai",
               "host": "iai.tencentcloudapi.com", "method": "GET", "contentType": "x",
               "query": "a=b c"}),
        json!({"secretId": "i", "secretKey": secret, "timestamp": 1, "service": "iai",
               "host": "iai.tencentcloudapi.com", "method": "POST", "contentType": "x",
               "extraHeaders": {"X-TC-Token": "a\r\nb"}}),
        json!({"secretId": "i", "secretKey": secret, "service": "iai",
               "host": "iai.tencentcloudapi.com", "method": "POST", "contentType": "x"}),
        json!({"secretKey": secret, "timestamp": 1, "service": "iai",
               "host": "iai.tencentcloudapi.com", "method": "POST", "contentType": "x"}),
    ] {
        let message = type_error_message(wasm::sign_tc3(to_js(&input)).unwrap_err());
        assert!(
            !message.is_empty() && !message.contains(secret),
            "{message}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Tencent: buildRequest

#[wasm_bindgen_test]
fn tencent_post_build_is_exact_and_its_signature_recomputes_from_its_parts() {
    let request = built_request("tencent-iai", TC_PAYLOAD, &tc_options());
    assert_eq!(text(&request, "method"), "POST");
    assert_eq!(text(&request, "url"), "https://iai.tencentcloudapi.com/");
    assert_eq!(text(&request, "body"), TC_PAYLOAD);
    let mut got = headers(&request);
    got.sort();
    assert_eq!(
        got,
        pairs(&[
            ("Authorization", TC_POST_AUTHORIZATION),
            ("Content-Type", "application/json; charset=utf-8"),
            ("Host", "iai.tencentcloudapi.com"),
            ("X-TC-Action", "CreateGroup"),
            ("X-TC-Timestamp", "1551113065"),
            ("X-TC-Version", "2018-03-01"),
        ])
    );
    assert_eq!(
        recompute_tc3(&request, TC_B_SECRET_KEY),
        TC_POST_AUTHORIZATION
    );
    assert_ne!(
        recompute_tc3(&request, "another-key"),
        TC_POST_AUTHORIZATION
    );
}

#[wasm_bindgen_test]
fn tencent_optional_headers_appear_exactly_when_given() {
    let mut options = tc_options();
    options["region"] = json!("ap-guangzhou");
    options["token"] = json!("session-token-1");
    options["language"] = json!("zh-CN");
    let request = built_request("tencent-iai", TC_PAYLOAD, &options);
    assert_eq!(
        header(&request, "X-TC-Region").as_deref(),
        Some("ap-guangzhou")
    );
    assert_eq!(
        header(&request, "X-TC-Token").as_deref(),
        Some("session-token-1")
    );
    assert_eq!(header(&request, "X-TC-Language").as_deref(), Some("zh-CN"));
    assert_eq!(headers(&request).len(), 9);
    assert_eq!(
        header(&request, "Authorization").unwrap(),
        recompute_tc3(&request, TC_B_SECRET_KEY)
    );
    let plain = built_request("tencent-iai", TC_PAYLOAD, &tc_options());
    for name in ["X-TC-Region", "X-TC-Token", "X-TC-Language"] {
        assert!(!has(&get(&plain, "headers"), name), "{name}");
    }
}

#[wasm_bindgen_test]
fn tencent_get_build_signs_exactly_the_flattened_rfc3986_query() {
    let mut options = tc_options();
    options["style"] = json!("get");
    let request = built_request("tencent-iai", TC_PAYLOAD, &options);
    assert_eq!(text(&request, "method"), "GET");
    assert_eq!(
        text(&request, "url"),
        format!("https://iai.tencentcloudapi.com/?{TC_GET_QUERY}")
    );
    assert!(!has(&request, "body"), "a GET has no body");
    assert_eq!(
        header(&request, "Content-Type").as_deref(),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        header(&request, "Authorization").as_deref(),
        Some(TC_GET_AUTHORIZATION)
    );
    assert_eq!(
        recompute_tc3(&request, TC_B_SECRET_KEY),
        TC_GET_AUTHORIZATION
    );

    // A space is %20 (RFC 3986), never '+'; lenient lets seed sample 1's English through.
    let mut lenient = options.clone();
    lenient["lenient"] = json!(true);
    let sample1 =
        r#"{"GroupName":"Tencent Employees in Shenzhen","GroupId":"TencentShenZhenEmployee"}"#;
    let request = built_request("tencent-iai", sample1, &lenient);
    assert_eq!(
        text(&request, "url"),
        "https://iai.tencentcloudapi.com/?GroupName=Tencent%20Employees%20in%20Shenzhen&GroupId=TencentShenZhenEmployee"
    );
    assert_eq!(
        header(&request, "Authorization").unwrap(),
        recompute_tc3(&request, TC_B_SECRET_KEY)
    );
    let strict = build("tencent-iai", &JSON::parse(sample1).unwrap(), &options).unwrap();
    assert_eq!(get(&strict, "ok").as_bool(), Some(false));
    assert!(!has(&strict, "request"));
}

#[wasm_bindgen_test]
fn tencent_defaults_the_timestamp_to_now_in_seconds() {
    let before = (now_ms() / 1000.0).floor();
    let request = built_request(
        "tencent-iai",
        TC_PAYLOAD,
        &json!({"secretId": TC_B_SECRET_ID, "secretKey": TC_B_SECRET_KEY}),
    );
    let after = (now_ms() / 1000.0).floor();
    let ts = header(&request, "X-TC-Timestamp").unwrap();
    assert!(ts.bytes().all(|b| b.is_ascii_digit()), "{ts}");
    let seconds: f64 = ts.parse().unwrap();
    assert!(
        (before..=after).contains(&seconds),
        "{ts} not within {before}..={after}"
    );
    assert_eq!(
        header(&request, "Authorization").unwrap(),
        recompute_tc3(&request, TC_B_SECRET_KEY)
    );
}

#[wasm_bindgen_test]
fn tencent_unsafe_header_values_are_errors_and_build_nothing() {
    let payload = JSON::parse(TC_PAYLOAD).unwrap();
    for bad in UNSAFE_HEADER_VALUES {
        for (key, path) in [
            ("secretId", "options.secretId"),
            ("token", "options.token"),
            ("region", "options.region"),
        ] {
            let mut options = tc_options();
            options[key] = json!(bad);
            let result = build("tencent-iai", &payload, &options).expect("an issue, not a throw");
            assert!(!has(&result, "request"), "{bad:?} at {path}");
            let report = to_json(&result);
            assert_eq!(
                error_rows(&report),
                [(path.to_owned(), "invalid_chars".to_owned())]
            );
            let out = report.to_string();
            assert!(
                !out.contains(bad) && !out.contains(TC_B_SECRET_KEY),
                "{out}"
            );
        }
    }
}

#[wasm_bindgen_test]
fn tencent_secret_key_never_appears_in_results_or_thrown_errors() {
    let secret_key = "SECRET-tc-key-4Wv";
    let token = "SECRET-tc-token-8Ku";
    let valid = JSON::parse(TC_PAYLOAD).unwrap();
    let invalid = JSON::parse(r#"{"GroupName":"a b","GroupId":"","Tag":5,"Extra":1}"#).unwrap();
    for payload in [&valid, &invalid] {
        for style in ["post", "get"] {
            let options = json!({"secretId": TC_B_SECRET_ID, "secretKey": secret_key,
                                 "timestamp": TC_VECTOR_TS, "token": token, "style": style});
            let result = build("tencent-iai", payload, &options).unwrap();
            let out: String = JSON::stringify(&result).unwrap().into();
            assert!(!out.contains(secret_key), "{out}");
            let issues = format!(
                "{}{}",
                to_json(&get(&result, "errors")),
                to_json(&get(&result, "warnings"))
            );
            assert!(!issues.contains(token), "{issues}");
        }
    }
    for options in [
        json!({"secretId": TC_B_SECRET_ID, "secretKey": secret_key, "timestamp": TC_VECTOR_TS, "style": "put"}),
        json!({"secretId": TC_B_SECRET_ID, "secretKey": secret_key, "timestamp": 253_402_300_800_u64}),
        json!({"secretId": TC_B_SECRET_ID, "secretKey": secret_key, "timestamp": "yesterday"}),
        json!({"secretId": TC_B_SECRET_ID, "secretKey": secret_key, "timestamp": TC_VECTOR_TS, "language": "fr"}),
    ] {
        let message = type_error_message(build("tencent-iai", &valid, &options).unwrap_err());
        assert!(!message.contains(secret_key), "{message}");
    }
    // A secret id that would split `Credential=` is an issue on it, and nothing is built.
    let options = json!({"secretId": "AKID,x", "secretKey": secret_key, "timestamp": TC_VECTOR_TS});
    let result = build("tencent-iai", &valid, &options).unwrap();
    let out: String = JSON::stringify(&result).unwrap().into();
    assert!(
        !out.contains(secret_key) && !out.contains("AKID,x"),
        "{out}"
    );
    assert_eq!(
        to_json(&get(&result, "errors"))[0]["path"],
        "options.secretId"
    );
    assert!(get(&result, "request").is_undefined());
}

// ---------------------------------------------------------------------------------------------
// Round trip through JS strings

/// JS source of strings that stress the JS→Rust string bridge and JSON escaping: control
/// characters, quotes, backslashes, astral characters, separators JSON.stringify leaves raw,
/// a BOM, combining marks, and a real (well-formed) U+FFFD.
const TRICKY_JS: &str = r#"["a\u0001b", "\n\t\r", "\"q\" \\ /", "😂𠀀👩‍👩‍👧", "\u2028\u2029", "\ufeff x", "e\u0301 é", "\ufffd", "\u0000\u001f\u007f\u0085"]"#;

#[wasm_bindgen_test]
fn built_bodies_parse_back_in_js_to_exactly_the_strings_given() {
    let strings: js_sys::Array = js(TRICKY_JS).unchecked_into();
    let list = js_sys::Array::new();
    for (i, s) in strings.iter().enumerate() {
        let item = Object::new();
        // A unique name per item (the tricky text plus its index), the text itself as remark.
        let name = js_sys::JsString::from(s.clone()).concat(&JsValue::from(i as u32));
        Reflect::set(&item, &"name".into(), &name).unwrap();
        Reflect::set(&item, &"remark".into(), &s).unwrap();
        Reflect::set(&item, &"unknown".into(), &JsValue::from(1)).unwrap();
        list.push(&item);
    }
    let payload = Object::new();
    Reflect::set(&payload, &"list".into(), &list).unwrap();
    let result = wasm::build_request("geelark".into(), payload.into(), to_js(&gl_key_options()))
        .expect("no throw");
    assert_eq!(
        get(&result, "ok").as_bool(),
        Some(true),
        "{}",
        to_json(&result)
    );
    let body = JSON::parse(&text(&get(&result, "request"), "body")).unwrap();
    let items: js_sys::Array = get(&body, "list").unchecked_into();
    assert_eq!(items.length(), strings.length());
    for (i, s) in strings.iter().enumerate() {
        let item = items.get(i as u32);
        let keys: Vec<String> = Object::keys(item.unchecked_ref::<Object>())
            .iter()
            .map(|k| k.as_string().unwrap())
            .collect();
        assert_eq!(keys, ["name", "remark"], "unknown fields stay out");
        let expected_name = js_sys::JsString::from(s.clone()).concat(&JsValue::from(i as u32));
        assert!(
            js_sys::Object::is(&get(&item, "remark"), &s),
            "item {i} remark changed"
        );
        assert!(
            js_sys::Object::is(&get(&item, "name"), &expected_name),
            "item {i} name changed"
        );
    }

    // Tencent in lenient mode keeps the same strings in the body and, decoded, in the query.
    for style in ["post", "get"] {
        let descriptions = js_sys::Array::new();
        for s in strings.iter().take(5) {
            descriptions.push(&s);
        }
        let payload = Object::new();
        Reflect::set(&payload, &"GroupName".into(), &strings.get(0)).unwrap();
        Reflect::set(&payload, &"GroupId".into(), &"g-1".into()).unwrap();
        Reflect::set(&payload, &"GroupExDescriptions".into(), &descriptions).unwrap();
        Reflect::set(&payload, &"Tag".into(), &strings.get(8)).unwrap();
        let mut options = tc_options();
        options["lenient"] = json!(true);
        options["style"] = json!(style);
        let result = wasm::build_request(
            "tencent-iai".into(),
            payload.clone().into(),
            to_js(&options),
        )
        .expect("no throw");
        assert_eq!(
            get(&result, "ok").as_bool(),
            Some(true),
            "{}",
            to_json(&result)
        );
        let request = get(&result, "request");
        let sent = if style == "post" {
            JSON::parse(&text(&request, "body")).unwrap()
        } else {
            // URLSearchParams would read '+' as a space; the query uses %20, so decode pairs.
            let url = text(&request, "url");
            let query = url.split_once('?').unwrap().1.to_owned();
            let sent = Object::new();
            let descriptions = js_sys::Array::new();
            for pair in query.split('&') {
                let (k, v) = pair.split_once('=').unwrap();
                let v = js_sys::decode_uri_component(v).unwrap();
                if k.starts_with("GroupExDescriptions.") {
                    // Attached where its first item stands, so key order is compared too.
                    if descriptions.length() == 0 {
                        Reflect::set(&sent, &"GroupExDescriptions".into(), &descriptions).unwrap();
                    }
                    descriptions.push(&v);
                } else {
                    Reflect::set(&sent, &k.into(), &v).unwrap();
                }
            }
            sent.into()
        };
        assert_eq!(
            JSON::stringify(&sent).unwrap(),
            JSON::stringify(&payload).unwrap(),
            "{style}"
        );
    }
}

#[wasm_bindgen_test]
fn a_lone_surrogate_is_an_encoding_error_and_builds_nothing() {
    let payload = js(r#"{list: [{name: "ok\ud800"}]}"#);
    let result = wasm::build_request("geelark".into(), payload, to_js(&gl_key_options())).unwrap();
    assert!(!has(&result, "request"));
    assert_eq!(
        error_rows(&to_json(&result)),
        [("list[0].name".to_owned(), "invalid_encoding".to_owned())]
    );
}

// ---------------------------------------------------------------------------------------------
// parseResponse: the shared fixtures

#[wasm_bindgen_test]
fn every_response_fixture_parses_to_its_expected_shape_through_js() {
    let cases: Vec<Json> = serde_json::from_str(RESPONSES).unwrap();
    assert!(cases.len() >= 30);
    let mut failures = Vec::new();
    for case in &cases {
        let mut response = json!({"status": case["status"], "body": case["body"]});
        if let Some(payload) = case.get("payload") {
            response["payload"] = payload.clone();
        }
        let provider = case["provider"].as_str().unwrap();
        let parsed = wasm::parse_response(provider.into(), to_js(&response), None)
            .expect("parsing never throws on a well-formed call");
        let parsed = to_json(&parsed);
        let expect = &case["expect"];
        let rows: Vec<Json> = parsed["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                json!([
                    i["path"],
                    i["code"],
                    i.get("providerCode").cloned().unwrap_or(Json::Null)
                ])
            })
            .collect();
        let mut wrong = Vec::new();
        if parsed["ok"] != expect["ok"] {
            wrong.push(format!("ok {}", parsed["ok"]));
        }
        if Json::Array(rows.clone()) != expect["errors"] {
            wrong.push(format!("errors {rows:?}, expected {}", expect["errors"]));
        }
        let request_id = parsed.get("requestId").cloned().unwrap_or(Json::Null);
        if request_id != expect["requestId"] {
            wrong.push(format!("requestId {request_id}"));
        }
        if let Some(data) = expect.get("data") {
            if parsed.get("data") != Some(data) {
                wrong.push(format!("data {:?}", parsed.get("data")));
            }
        }
        if let Some(messages) = expect.get("providerMessages") {
            let got: Vec<Json> = parsed["errors"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["params"]["providerMessage"].clone())
                .collect();
            if Json::Array(got.clone()) != *messages {
                wrong.push(format!("providerMessages {got:?}"));
            }
        }
        for issue in parsed["errors"].as_array().unwrap() {
            if issue["params"]["status"] != case["status"] {
                wrong.push(format!("{}: params.status", issue["path"]));
            }
        }
        if !wrong.is_empty() {
            failures.push(format!("{}: {}", case["name"], wrong.join("; ")));
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

#[wasm_bindgen_test]
fn geelark_created_ids_stay_strings_in_js() {
    let body = r#"{"traceId":"T","code":0,"msg":"success","data":{"successDetails":[{"id":"528994851237135360","name":"group"}]}}"#;
    let parsed = wasm::parse_response(
        "geelark".into(),
        to_js(&json!({"status": 200, "body": body})),
        None,
    )
    .unwrap();
    let id = js_sys::Reflect::get(
        &get(&get(&get(&parsed, "data"), "successDetails"), "0"),
        &"id".into(),
    )
    .unwrap();
    assert_eq!(id.as_string().as_deref(), Some("528994851237135360"));
}

#[wasm_bindgen_test]
fn deeply_nested_or_huge_bodies_are_issues_not_crashes() {
    let deep = "[".repeat(100_000);
    let nested_data = format!(
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
    for provider in ["geelark", "tencent-iai"] {
        // GeeLark's code 0 makes deep data a success; Tencent's Response must be an object.
        let nested_ok = provider == "geelark";
        for (body, ok) in [(&deep, false), (&nested_data, nested_ok), (&huge, false)] {
            let response = to_js(&json!({"status": 200, "body": body}));
            let parsed = wasm::parse_response(provider.into(), response, None)
                .expect("an issue, not a throw");
            assert_eq!(get(&parsed, "ok").as_bool(), Some(ok), "{provider}");
        }
    }
    // The module still works afterwards.
    let request = built_request("tencent-iai", TC_PAYLOAD, &tc_options());
    assert_eq!(
        header(&request, "Authorization").as_deref(),
        Some(TC_POST_AUTHORIZATION)
    );
}

#[wasm_bindgen_test]
fn parse_response_misuse_throws_a_type_error() {
    for response in [
        JsValue::UNDEFINED,
        JsValue::from_str("{}"),
        to_js(&json!({"body": "{}"})),
        to_js(&json!({"status": 99, "body": "{}"})),
        to_js(&json!({"status": 200.5, "body": "{}"})),
        to_js(&json!({"status": 200})),
        to_js(&json!({"status": 200, "body": {"Response": {}}})),
    ] {
        let err = wasm::parse_response("tencent-iai".into(), response, None).unwrap_err();
        assert!(!type_error_message(err).is_empty());
    }
    let err = wasm::parse_response(
        "nope".into(),
        to_js(&json!({"status": 200, "body": "{}"})),
        None,
    )
    .unwrap_err();
    assert!(type_error_message(err).contains("provider"));
}
