//! Round trips: for every payload that validates, the built request carries exactly the known
//! fields the caller gave — nothing dropped, nothing trimmed or normalised, unknown fields left
//! out, order kept. The bodies are read back with serde_json (an independent JSON parser) and
//! the Tencent GET queries are percent-decoded back. Strings are drawn from CJK, astral Han,
//! emoji, quotes, backslashes, control characters and other JSON/URL-special characters.
#![cfg(not(target_arch = "wasm32"))]

use group_payloads::geelark::{self, Auth};
use group_payloads::tencent_iai::{self, Credentials, Style};
use group_payloads::{build_request, sign, HttpRequest, Options, Value};
use proptest::prelude::*;
use serde_json::Value as Json;

// ---------------------------------------------------------------------------------------------
// Strategies

/// Characters that stress JSON escaping, URL encoding and "helpful" normalisation.
const TRICKY: &[char] = &[
    '"', '\'', '\\', '/', '\u{0}', '\u{1}', '\u{8}', '\u{c}', '\u{1f}', '\n', '\r', '\t', '\u{7f}',
    '\u{85}', '\u{a0}', '\u{2028}', '\u{2029}', '\u{feff}', '\u{200d}', '\u{3000}', ' ', '<', '>',
    '&', '%', '+', '=', '?', '#', 'é', 'e', '\u{301}', 'Å', 'ﬁ',
];

fn wild_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => prop::char::range('\u{4e00}', '\u{9fff}'),
        2 => prop::char::range('\u{1F300}', '\u{1FAFF}'),
        2 => prop::char::range('\u{20000}', '\u{2A6DF}'),
        4 => prop::sample::select(TRICKY),
        3 => prop::char::range(' ', '~'),
        1 => any::<char>(),
    ]
}

fn wild_string(min: usize, max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(wild_char(), min..=max).prop_map(|cs| cs.into_iter().collect())
}

/// A long string up to the limit, cheaply: a short drawn pattern repeated to a drawn length.
fn long_wild_string(min: usize, max: usize) -> impl Strategy<Value = String> {
    (wild_string(1, 12), min..=max).prop_map(|(s, n)| s.chars().cycle().take(n).collect())
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

fn unique<T: PartialEq>(items: &[T]) -> bool {
    items
        .iter()
        .enumerate()
        .all(|(i, a)| items[..i].iter().all(|b| b != a))
}

/// A field a provider does not define, with some value; it must not reach the body.
fn unknown_field(known: &'static [&'static str]) -> impl Strategy<Value = (String, Value)> {
    let names = prop_oneof![
        prop::sample::select(vec![
            "id",
            "Name",
            "NAME",
            "names",
            "name ",
            " remark",
            "extra",
            "",
            "名",
            "Action",
            "Version",
            "Region",
            "groupName",
            "GroupIds",
            "Tags",
            "list_",
        ])
        .prop_map(str::to_owned),
        wild_string(0, 6),
    ]
    .prop_filter("not a known field", move |k| !known.contains(&k.as_str()));
    let values = prop_oneof![
        wild_string(0, 8).prop_map(Value::String),
        (-1000i64..1000).prop_map(Value::from),
        Just(Value::Null),
        Just(Value::Bool(true)),
    ];
    (names, values)
}

// ---------------------------------------------------------------------------------------------
// Helpers

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

/// serde_json's view of a `Value` that holds only JSON data.
fn to_serde(v: &Value) -> Json {
    match v {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Number(n) => serde_json::Number::from_f64(*n).map_or(Json::Null, Json::Number),
        Value::String(s) => Json::String(s.clone()),
        Value::Array(items) => Json::Array(items.iter().map(to_serde).collect()),
        Value::Object(fields) => Json::Object(
            fields
                .iter()
                .map(|(k, v)| (k.clone(), to_serde(v)))
                .collect(),
        ),
        other => panic!("not JSON data: {other:?}"),
    }
}

/// Numbers as serde_json reads them back from the body (integers stay integers).
fn normalise_numbers(j: Json) -> Json {
    match j {
        Json::Number(n) => match n.as_f64() {
            Some(f) => serde_json::Number::from_f64(f).map_or(Json::Null, Json::Number),
            None => Json::Number(n),
        },
        Json::Array(items) => Json::Array(items.into_iter().map(normalise_numbers).collect()),
        Json::Object(map) => Json::Object(
            map.into_iter()
                .map(|(k, v)| (k, normalise_numbers(v)))
                .collect(),
        ),
        other => other,
    }
}

/// Reads a built body back twice: with serde_json (independent parser, content) and with the
/// crate's order-keeping `Value` (key order).
fn assert_body_is(req: &HttpRequest, expected: &Value) -> Result<(), TestCaseError> {
    let body = req.body.as_deref().expect("a POST body");
    let parsed: Json = serde_json::from_str(body)
        .map_err(|e| TestCaseError::fail(format!("body is not JSON: {e}")))?;
    prop_assert_eq!(normalise_numbers(parsed), to_serde(expected));
    let ordered = Value::from_json(body).expect("body parses");
    prop_assert_eq!(&ordered, expected);
    Ok(())
}

/// Decodes RFC 3986 percent-encoding; `None` if the query holds anything left unencoded that
/// should have been, or the bytes are not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
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
            Some((percent_decode(k)?, percent_decode(v)?))
        })
        .collect()
}

/// The GET parameters a Tencent payload's known fields flatten to, in order.
fn flattened(known: &[(String, Value)]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (name, value) in known {
        match value {
            Value::String(s) => out.push((name.clone(), s.clone())),
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    if let Value::String(s) = item {
                        out.push((format!("{name}.{i}"), s.clone()));
                    }
                }
            }
            other => panic!("unexpected Tencent value {other:?}"),
        }
    }
    out
}

const SECRET_KEY: &str = "Gu5t9xGARNpq86cd98joQYCN3*******";

fn credentials(style: Style) -> Credentials<'static> {
    Credentials {
        secret_id: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
        secret_key: SECRET_KEY,
        timestamp: 1_551_113_065,
        token: None,
        region: None,
        language: None,
        style,
    }
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

fn unknown_warnings(report: &group_payloads::Report) -> usize {
    report
        .warnings
        .iter()
        .filter(|i| i.code.as_str() == "unknown_field")
        .count()
}

// ---------------------------------------------------------------------------------------------
// Properties

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

    #[test]
    fn any_payload_builds_a_request_exactly_when_it_validates(payload in arbitrary_value()) {
        let auth = Auth::Token { token: "t", trace_id: "trace" };
        let gl = geelark::build_request(&payload, &auth, &Options::default());
        prop_assert_eq!(gl.request.is_some(), gl.report.ok);
        for style in [Style::Post, Style::Get] {
            for lenient in [false, true] {
                let options = Options { lenient, ..Options::default() };
                let tc = tencent_iai::build_request(&payload, &credentials(style), &options).unwrap();
                prop_assert_eq!(tc.request.is_some(), tc.report.ok);
            }
        }
    }
}

/// Any JSON-like value, biased towards the shapes these providers expect.
fn arbitrary_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<f64>().prop_map(Value::Number),
        wild_string(0, 70).prop_map(Value::String),
        Just(Value::Unencodable),
        Just(Value::Unsupported("undefined")),
    ];
    let keys = prop_oneof![
        prop::sample::select(vec![
            "list",
            "name",
            "remark",
            "GroupName",
            "GroupId",
            "GroupExDescriptions",
            "Tag",
            "FaceModelVersion",
            "x",
        ])
        .prop_map(str::to_owned),
        wild_string(0, 4),
    ];
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..=7).prop_map(Value::Array),
            prop::collection::vec((keys.clone(), inner), 0..=6).prop_map(Value::Object),
        ]
    })
}
