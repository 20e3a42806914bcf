//! Tencent CreateGroup: POST and GET builds against independently computed TC3 signatures,
//! the exact header set, RFC 3986 queries, header safety, secrets that never echo, and bodies
//! and queries that read back to exactly the known fields (docs/decisions.md "Tencent
//! CreateGroup", "Tencent charsets", "Signing").
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use group_payloads::{
    build_request, sign,
    tencent_iai::{self, Credentials, Style},
    HttpRequest, Method, Options, Value,
};
use proptest::prelude::*;
use serde_json::json;

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

fn header_names(req: &HttpRequest) -> Vec<&str> {
    req.headers.iter().map(|(k, _)| k.as_str()).collect()
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

/// Tencent's name charset: Han (BMP and astral), ASCII letters and digits, `-`, `_`.
fn han_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => prop::char::range('\u{4e00}', '\u{9fff}'),
        1 => prop::char::range('\u{3400}', '\u{4dbf}'),
        2 => prop::char::range('\u{20000}', '\u{2A6DF}'),
        2 => prop::char::range('a', 'z'),
        2 => prop::char::range('A', 'Z'),
        1 => prop::char::range('0', '9'),
        1 => prop::sample::select(vec!['-', '_']),
    ]
}

fn han_string(min: usize, max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(han_char(), min..=max).prop_map(|cs| cs.into_iter().collect())
}

/// Tencent GroupId: ASCII letters, digits and `-%@#&_`, 1–64 bytes.
fn group_id() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            prop::char::range('a', 'z'),
            prop::char::range('A', 'Z'),
            prop::char::range('0', '9'),
            prop::sample::select(vec!['-', '%', '@', '#', '&', '_'])
        ],
        1..=64,
    )
    .prop_map(|cs| cs.into_iter().collect())
}

/// Decodes RFC 3986 percent-encoding; `None` if the query holds anything left unencoded that
/// should have been, or the bytes are not UTF-8.
fn percent_decode_strict(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = s.get(i + 1..i + 3)?;
                if hex.bytes().any(|b| b.is_ascii_lowercase()) {
                    return None; // the doc asks for upper-case hex
                }
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') => {
                out.push(b);
                i += 1;
            }
            _ => return None,
        }
    }
    String::from_utf8(out).ok()
}

fn decode_query(query: &str) -> Option<Vec<(String, String)>> {
    if query.is_empty() {
        return Some(Vec::new());
    }
    query
        .split('&')
        .map(|pair| {
            let (k, v) = pair.split_once('=')?;
            Some((percent_decode_strict(k)?, percent_decode_strict(v)?))
        })
        .collect()
}

/// The GET signature is over exactly the query the URL carries.
fn assert_signed_over_url_query(req: &HttpRequest) -> Result<(), TestCaseError> {
    let query = req.url.split_once('?').map_or("", |(_, q)| q);
    let expected = sign::sign_tc3(&sign::Tc3Request {
        secret_id: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
        secret_key: SECRET_KEY,
        timestamp: 1_551_113_065,
        service: "iai",
        host: "iai.tencentcloudapi.com",
        method: "GET",
        content_type: "application/x-www-form-urlencoded",
        query,
        payload: b"",
        extra_headers: &[],
    })
    .expect("signs");
    prop_assert_eq!(
        req.header("Authorization"),
        Some(expected.authorization.as_str())
    );
    Ok(())
}

/// A Tencent payload: known fields in a drawn order, unknown fields mixed in.
fn tencent_payload(
    name: impl Strategy<Value = String>,
    descriptions: impl Strategy<Value = Vec<String>>,
    tag: impl Strategy<Value = String>,
) -> impl Strategy<Value = (Value, Vec<(String, Value)>, usize)> {
    let known = (
        name,
        group_id(),
        prop::option::of(descriptions.prop_filter("unique descriptions", |d| unique(d))),
        prop::option::of(tag),
        prop::option::of(prop::sample::select(vec!["2.0", "3.0"])),
    )
        .prop_map(|(name, id, descriptions, tag, version)| {
            let mut known = vec![
                ("GroupName".to_owned(), Value::from(name)),
                ("GroupId".to_owned(), Value::from(id)),
            ];
            if let Some(d) = descriptions {
                let items = d.into_iter().map(Value::from).collect();
                known.push(("GroupExDescriptions".to_owned(), Value::Array(items)));
            }
            if let Some(t) = tag {
                known.push(("Tag".to_owned(), Value::from(t)));
            }
            if let Some(v) = version {
                known.push(("FaceModelVersion".to_owned(), Value::from(v)));
            }
            known
        })
        .prop_shuffle();
    let known_names: &'static [&'static str] = &[
        "GroupName",
        "GroupId",
        "GroupExDescriptions",
        "Tag",
        "FaceModelVersion",
    ];
    let unknown = prop::collection::vec(unknown_field(known_names), 0..=3).prop_filter(
        "unknown keys are distinct",
        |fields| {
            let keys: Vec<&String> = fields.iter().map(|(k, _)| k).collect();
            unique(&keys)
        },
    );
    (known, unknown, any::<prop::sample::Index>()).prop_map(|(known, unknown, at)| {
        // Unknown fields go in one run at a drawn position among the known ones.
        let at = at.index(known.len() + 1);
        let mut fields = known.clone();
        let count = unknown.len();
        for (offset, field) in unknown.into_iter().enumerate() {
            fields.insert(at + offset, field);
        }
        (Value::Object(fields), known, count)
    })
}

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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn tencent_post_body_carries_exactly_the_known_fields(
        (payload, known, unknown) in tencent_payload(
            han_string(1, 60),
            prop::collection::vec(han_string(1, 30), 0..=5),
            han_string(0, 40),
        )
    ) {
        let built = tencent_iai::build_request(&payload, &credentials(Style::Post), &Options::default())
            .unwrap();
        prop_assert!(built.report.ok, "valid payload rejected: {:?}", built.report.errors);
        prop_assert!(built.report.warnings.iter().all(|i| i.code.as_str() == "unknown_field"));
        prop_assert_eq!(unknown_warnings(&built.report), unknown);
        assert_body_is(built.request.as_ref().unwrap(), &Value::Object(known))?;
    }

    #[test]
    fn tencent_get_query_decodes_to_exactly_the_known_fields(
        (payload, known, _unknown) in tencent_payload(
            han_string(1, 60),
            prop::collection::vec(han_string(1, 30), 0..=5),
            han_string(0, 40),
        )
    ) {
        let built = tencent_iai::build_request(&payload, &credentials(Style::Get), &Options::default())
            .unwrap();
        prop_assert!(built.report.ok);
        let req = built.request.as_ref().unwrap();
        prop_assert_eq!(req.body.as_deref(), None);
        let query = req.url.strip_prefix("https://iai.tencentcloudapi.com/?")
            .expect("query after the endpoint");
        prop_assert_eq!(decode_query(query), Some(flattened(&known)));
        assert_signed_over_url_query(req)?;
    }

    #[test]
    fn tencent_lenient_body_and_query_keep_any_characters_exactly(
        (payload, known, _unknown) in tencent_payload(
            wild_string(1, 60),
            prop::collection::vec(wild_string(1, 30), 0..=5),
            wild_string(0, 40),
        )
    ) {
        let lenient = Options { lenient: true, ..Options::default() };
        let post = tencent_iai::build_request(&payload, &credentials(Style::Post), &lenient).unwrap();
        prop_assert!(post.report.ok, "lenient rejected: {:?}", post.report.errors);
        assert_body_is(post.request.as_ref().unwrap(), &Value::Object(known.clone()))?;

        let get = tencent_iai::build_request(&payload, &credentials(Style::Get), &lenient).unwrap();
        prop_assert!(get.report.ok);
        let req = get.request.as_ref().unwrap();
        let query = req.url.strip_prefix("https://iai.tencentcloudapi.com/?").unwrap();
        prop_assert_eq!(decode_query(query), Some(flattened(&known)));
        assert_signed_over_url_query(req)?;
    }
}
