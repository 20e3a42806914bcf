//! Header and URL injection (docs/decisions.md "Header and URL safety"), for every provider in
//! `PROVIDERS` with each one's build-option shapes: every string option is replaced in turn by
//! values that would split a header, smuggle a second header, change the host, or be altered in
//! transit. A value bound for a header or URL must be refused (an error issue on its option
//! path, or an options error naming it); a request that is built must be sendable exactly as
//! built; and nothing refused is echoed back.
#![cfg(not(target_arch = "wasm32"))]

use group_payloads::api;
use group_payloads::sign::{self, Tc3Error, Tc3Request};
use group_payloads::{HttpRequest, Method, Options, Value, PROVIDERS};

const SECRET: &str = "Sx7-SECRET-MARKER-9qZ";

/// Valid payload and every option shape, per provider id (README, "Use").
fn fixture(id: &str) -> (Value, Vec<Value>) {
    let (payload, options): (&str, Vec<String>) = match id {
        "geelark" => (
            r#"{"list":[{"name":"group"}]}"#,
            vec![
                format!(r#"{{"auth":{{"type":"key","appId":"app-1","apiKey":"{SECRET}","traceId":"trace-123456","ts":1700000000000}}}}"#),
                r#"{"auth":{"type":"token","token":"tok-123","traceId":"trace-123456"}}"#.into(),
            ],
        ),
        "tencent-iai" => (
            r#"{"GroupName":"group","GroupId":"group-1"}"#,
            vec![
                format!(r#"{{"secretId":"AKIDfake","secretKey":"{SECRET}","timestamp":1700000000,"token":"tok","region":"ap-guangzhou","language":"en-US"}}"#),
                format!(r#"{{"secretId":"AKIDfake","secretKey":"{SECRET}","timestamp":"1700000000","style":"get"}}"#),
            ],
        ),
        "selfcommunity" => (
            r#"{"name":"group","privacy":"public"}"#,
            vec![r#"{"baseUrl":"https://community.example.com","token":"tok-123"}"#.into()],
        ),
        "capillary" => (
            r#"{"name":"group"}"#,
            vec![
                format!(r#"{{"cluster":"eu","auth":{{"type":"basic","username":"store.server","password":"{SECRET}"}}}}"#),
                r#"{"baseUrl":"https://crm.example.com","auth":{"type":"oauth","token":"tok-123","header":"X-CAP-API-OAUTH-TOKEN"}}"#.into(),
            ],
        ),
        "gochat" => (
            r#"{"name":"group","admin_id":1}"#,
            vec![r#"{"baseUrl":"http://localhost:1213","token":"tok-123"}"#.into()],
        ),
        other => panic!("tests/injection.rs: add the build options of provider {other:?}"),
    };
    (
        Value::from_json(payload).unwrap(),
        options
            .iter()
            .map(|o| Value::from_json(o).unwrap())
            .collect(),
    )
}

/// Options only ever hashed or base64-encoded, never sent as typed: control characters cannot
/// reach the wire through them (the basic-auth user name is base64 inside `Authorization`).
const ENCODED_ONLY: &[&str] = &["apiKey", "secretKey", "password", "username"];

/// Values that break headers or URLs, or would be changed in transit.
const EVIL: &[&str] = &[
    "a\r\nX-Injected: 1",
    "a\nX-Injected: 1",
    "a\rb",
    "a\r\n\r\nGET / HTTP/1.1",
    "\0",
    "a\u{0}b",
    "a\u{7f}b",
    "a\tb",
    "a\u{b}b",
    "a\u{c}b",
    "a\u{85}b",
    "a\u{2028}b",
    "a\u{2029}b",
    "a\u{feff}",
    "é",
    "tok%0d%0aX: 1",
    " leading",
    "trailing ",
    " ",
    "",
    "https://evil.example.com/?x=1#y",
    "https://user:pw@evil.example.com",
    "https://good.example.com@evil.example.com",
    "https://good.example.com\\@evil.example.com",
    "https://good.example.com#@evil.example.com",
    "https://good.example.com?@evil.example.com",
    "//evil.example.com",
    "javascript:alert(1)",
    "file:///etc/passwd",
    "https://exa mple.com",
    "https://example.com/\r\nX: 1",
    "https://",
    "http://:80",
    "https://.example.com",
    "X-Evil\r\nFoo",
    "X Evil",
    "X:Evil",
];

/// Every string leaf of an options tree, as a path of keys.
fn string_leaves(v: &Value, prefix: &[String], out: &mut Vec<Vec<String>>) {
    if let Value::Object(pairs) = v {
        for (k, child) in pairs {
            let mut path = prefix.to_vec();
            path.push(k.clone());
            match child {
                Value::String(_) => out.push(path),
                Value::Object(_) => string_leaves(child, &path, out),
                _ => {}
            }
        }
    }
}

fn replaced(v: &Value, path: &[String], with: &Value) -> Value {
    match (v, path.split_first()) {
        (_, None) => with.clone(),
        (Value::Object(pairs), Some((head, rest))) => Value::Object(
            pairs
                .iter()
                .map(|(k, c)| {
                    (
                        k.clone(),
                        if k == head {
                            replaced(c, rest, with)
                        } else {
                            c.clone()
                        },
                    )
                })
                .collect(),
        ),
        _ => v.clone(),
    }
}

/// Adds `key` (or replaces it) at the top level of the options.
fn with_key(v: &Value, key: &str, with: &str) -> Value {
    let Value::Object(pairs) = v else {
        unreachable!()
    };
    let mut pairs: Vec<(String, Value)> = pairs.iter().filter(|(k, _)| k != key).cloned().collect();
    pairs.push((key.to_owned(), Value::from(with)));
    Value::Object(pairs)
}

/// What fetch would send unchanged: visible-ASCII header values without surrounding spaces,
/// token header names, an absolute http(s) URL with no spaces, controls or fragment.
fn assert_sendable(req: &HttpRequest, context: &str) {
    let scheme_rest = req
        .url
        .strip_prefix("https://")
        .or_else(|| req.url.strip_prefix("http://"))
        .unwrap_or_else(|| panic!("{context}: URL scheme: {:?}", req.url));
    assert!(
        req.url.chars().all(|c| ('!'..='~').contains(&c)),
        "{context}: URL {:?}",
        req.url
    );
    assert!(!req.url.contains('#'), "{context}: fragment in URL");
    let authority = scheme_rest.split(['/', '?']).next().unwrap_or("");
    assert!(!authority.is_empty(), "{context}: no host");
    assert!(
        !authority.contains(['@', '\\']),
        "{context}: userinfo in URL {:?}",
        req.url
    );
    if req.method == Method::Post {
        assert!(
            !req.url.contains('?'),
            "{context}: query in a POST URL {:?}",
            req.url
        );
    }
    for (name, value) in &req.headers {
        assert!(
            !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)),
            "{context}: header name {name:?}"
        );
        assert!(
            value.chars().all(|c| (' '..='~').contains(&c))
                && !value.starts_with(' ')
                && !value.ends_with(' ')
                && !value.is_empty(),
            "{context}: header {name}: {value:?}"
        );
    }
    let everything = format!("{} {:?} {:?}", req.url, req.headers, req.body);
    assert!(
        !everything.contains(SECRET),
        "{context}: a hashed-only secret is sent in clear"
    );
}

/// What a header value can carry unchanged: visible ASCII and inner spaces.
fn header_safe(s: &str) -> bool {
    !s.is_empty()
        && s.chars().all(|c| (' '..='~').contains(&c))
        && !s.starts_with(' ')
        && !s.ends_with(' ')
}

#[test]
fn every_string_option_refuses_header_and_url_breakers() {
    let mut refused = 0;
    for provider in PROVIDERS.iter() {
        let (payload, shapes) = fixture(provider.id);
        for (n, options) in shapes.iter().enumerate() {
            let built = api::build_request(
                provider,
                &payload,
                options,
                &Options::default(),
                &group_payloads::NoHost,
            )
            .unwrap_or_else(|e| panic!("{} shape {n}: {e}", provider.id));
            assert!(
                built.report.ok,
                "{} shape {n}: {:?}",
                provider.id, built.report.errors
            );
            assert_sendable(built.request.as_ref().unwrap(), provider.id);

            let mut leaves = Vec::new();
            string_leaves(options, &[], &mut leaves);
            for leaf in &leaves {
                let name = leaf.last().unwrap().as_str();
                let dotted = format!("options.{}", leaf.join("."));
                for evil in EVIL {
                    let context = format!("{} shape {n} {dotted} = {evil:?}", provider.id);
                    let attacked = replaced(options, leaf, &Value::from(*evil));
                    let outcome = api::build_request(
                        provider,
                        &payload,
                        &attacked,
                        &Options::default(),
                        &group_payloads::NoHost,
                    );
                    match outcome {
                        Err(e) => {
                            refused += 1;
                            // "secretId" may be spelt "secret id": compare letters only.
                            let letters = |s: &str| -> String {
                                s.chars()
                                    .filter(char::is_ascii_alphanumeric)
                                    .collect::<String>()
                                    .to_ascii_lowercase()
                            };
                            assert!(
                                letters(&e.0).contains(&letters(name)),
                                "{context}: error does not name the option: {e}"
                            );
                            if evil.len() > 3 {
                                assert!(!e.0.contains(evil), "{context}: error echoes the value");
                            }
                        }
                        Ok(built) => {
                            for issue in built.report.errors.iter().chain(&built.report.warnings) {
                                let text = format!("{} {:?}", issue.message, issue.params);
                                assert!(evil.len() <= 3 || !text.contains(evil), "{context}: echo");
                            }
                            match &built.request {
                                None => {
                                    refused += 1;
                                    assert!(
                                        built.report.errors.iter().any(|i| i.path == dotted),
                                        "{context}: refused, but no error on {dotted}: {:?}",
                                        built.report.errors
                                    );
                                }
                                Some(req) => {
                                    assert_sendable(req, &context);
                                    // Only hashed secrets, or text a header carries as is,
                                    // may pass; it must then be sent unchanged.
                                    if !ENCODED_ONLY.contains(&name) {
                                        assert!(
                                            header_safe(evil),
                                            "{context}: accepted a value a header or URL cannot carry"
                                        );
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    assert!(
        refused > 100,
        "only {refused} refusals: the attack list did not reach the checks"
    );
}

/// Options the shapes above leave out (a base URL where a cluster is used, a token where none
/// is given) get the same treatment when the provider reads them.
#[test]
fn optional_header_and_url_options_are_checked_too() {
    for provider in PROVIDERS.iter() {
        let (payload, shapes) = fixture(provider.id);
        for options in &shapes {
            for key in ["baseUrl", "token", "region"] {
                for evil in EVIL.iter().filter(|e| !header_safe(e)) {
                    let mut attacked = with_key(options, key, evil);
                    // capillary: a cluster and a base URL exclude each other.
                    if key == "baseUrl" {
                        if let Value::Object(pairs) = &mut attacked {
                            pairs.retain(|(k, _)| k != "cluster");
                        }
                    }
                    let context = format!("{} {key} = {evil:?}", provider.id);
                    if let Ok(built) = api::build_request(
                        provider,
                        &payload,
                        &attacked,
                        &Options::default(),
                        &group_payloads::NoHost,
                    ) {
                        if let Some(req) = &built.request {
                            assert_sendable(req, &context);
                            let sent = format!("{} {:?}", req.url, req.headers);
                            assert!(
                                evil.len() <= 3 || !sent.contains(evil),
                                "{context}: sent as is"
                            );
                        }
                    }
                }
            }
        }
    }
}

/// Tencent's GET style puts payload text in the URL: every byte outside RFC 3986's unreserved
/// set must be percent-encoded, so no payload can add a parameter, a fragment or a header.
#[test]
fn payload_text_in_a_get_query_is_percent_encoded() {
    let Some(provider) = group_payloads::provider("tencent-iai") else {
        return;
    };
    let (_, shapes) = fixture("tencent-iai");
    let get = shapes
        .iter()
        .find(|o| o.get("style") == Some(&Value::from("get")))
        .unwrap();
    let lenient = Options {
        lenient: true,
        ..Options::default()
    };
    for evil in [
        "a&GroupId=x",
        "a#frag",
        "a?b=c",
        "a b+c",
        "a\r\nX: 1",
        "a%20b",
        "é😂中",
        "a=b",
    ] {
        let payload = Value::Object(vec![
            ("GroupName".into(), Value::from(evil)),
            ("GroupId".into(), Value::from("id%@#&_-")),
            (
                "GroupExDescriptions".into(),
                Value::Array(vec![Value::from(evil)]),
            ),
        ]);
        let built =
            api::build_request(provider, &payload, get, &lenient, &group_payloads::NoHost).unwrap();
        let Some(req) = built.request else { continue };
        assert_eq!(req.method, Method::Get);
        assert_sendable(&req, evil);
        let query = req.url.split_once('?').unwrap().1;
        for pair in query.split('&') {
            let (k, v) = pair.split_once('=').unwrap();
            for part in [k, v] {
                assert!(
                    part.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"-_.~%".contains(&b)),
                    "{evil:?}: unencoded byte in {part:?}"
                );
            }
        }
        assert_eq!(
            query.split('&').count(),
            3,
            "{evil:?}: the query gained a parameter"
        );
    }
}

#[test]
fn tc3_refuses_header_breakers_in_every_signed_part() {
    let base = Tc3Request {
        secret_id: "AKIDfake",
        secret_key: SECRET,
        timestamp: 1_700_000_000,
        service: "iai",
        host: "iai.tencentcloudapi.com",
        method: "POST",
        content_type: "application/json; charset=utf-8",
        query: "",
        payload: b"{}",
        extra_headers: &[],
    };
    let ok = sign::sign_tc3(&base).unwrap();
    assert!(!format!("{ok:?}").contains(SECRET));
    for evil in EVIL
        .iter()
        .filter(|e| e.chars().any(|c| !(' '..='~').contains(&c)))
    {
        let cases: Vec<(&str, Tc3Request)> = vec![
            (
                "secret_id",
                Tc3Request {
                    secret_id: evil,
                    ..base
                },
            ),
            (
                "service",
                Tc3Request {
                    service: evil,
                    ..base
                },
            ),
            ("host", Tc3Request { host: evil, ..base }),
            (
                "method",
                Tc3Request {
                    method: evil,
                    ..base
                },
            ),
            (
                "content_type",
                Tc3Request {
                    content_type: evil,
                    ..base
                },
            ),
            (
                "query",
                Tc3Request {
                    query: evil,
                    ..base
                },
            ),
        ];
        for (part, req) in cases {
            let result = sign::sign_tc3(&req);
            assert!(result.is_err(), "{part} = {evil:?} was signed");
            let message = result.unwrap_err().to_string();
            assert!(!message.contains(SECRET) && (evil.len() <= 3 || !message.contains(evil)));
        }
        let headers = [("X-TC-Action", *evil)];
        let req = Tc3Request {
            extra_headers: &headers,
            ..base
        };
        assert_eq!(
            sign::sign_tc3(&req).unwrap_err(),
            Tc3Error::InvalidHeaderValue { index: 0 }
        );
        let headers = [(*evil, "CreateGroup")];
        let req = Tc3Request {
            extra_headers: &headers,
            ..base
        };
        assert!(
            sign::sign_tc3(&req).is_err(),
            "header name {evil:?} was signed"
        );
    }
    // The secret key is never more than HMAC key material: any bytes are fine and never shown.
    for evil in EVIL {
        let req = Tc3Request {
            secret_key: evil,
            ..base
        };
        if let Ok(sig) = sign::sign_tc3(&req) {
            assert!(sig.authorization.chars().all(|c| (' '..='~').contains(&c)));
        }
    }
}

#[test]
fn derived_auth_values_are_always_header_safe() {
    for a in EVIL {
        for b in EVIL {
            let basic = sign::capillary_basic_auth(a, b);
            assert!(
                basic.starts_with("Basic ")
                    && basic[6..]
                        .bytes()
                        .all(|c| c.is_ascii_alphanumeric() || b"+/=".contains(&c))
            );
            let sign = sign::geelark_sign(a, b, "1700000000000", SECRET);
            assert!(sign.len() == 64 && sign.bytes().all(|c| c.is_ascii_hexdigit()));
            let nonce = sign::geelark_nonce(b);
            assert!(b.starts_with(nonce) && nonce.chars().count() <= 6);
        }
    }
}
