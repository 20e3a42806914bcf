//! The shared fixtures and JS-only inputs through the JS-facing functions, in wasm. Runs in
//! Node (default) and in headless Chromium (`WASM_BINDGEN_USE_BROWSER=1`): same body, both hosts.
#![cfg(target_arch = "wasm32")]

use group_payloads::wasm;
use js_sys::{Function, JSON};
use serde_json::Value as Json;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const FIXTURES: &str = include_str!("fixtures/validate.json");

/// A JS value from JS source: exotic values JSON cannot express.
fn js(source: &str) -> JsValue {
    Function::new_no_args(&format!("return ({source});"))
        .call0(&JsValue::NULL)
        .expect("test source evaluates")
}

fn to_json(value: &JsValue) -> Json {
    let text: String = JSON::stringify(value).expect("stringify").into();
    serde_json::from_str(&text).expect("report is JSON")
}

fn validate(provider: &str, payload: JsValue, options: JsValue) -> Json {
    let report = wasm::validate(provider.into(), payload, Some(options)).expect("no throw");
    to_json(&report)
}

fn rows(issues: &Json, with_code: bool) -> Json {
    let rows = issues.as_array().unwrap().iter().map(|i| {
        let mut row = vec![i["path"].clone(), i["code"].clone()];
        if with_code {
            row.push(i.get("providerCode").cloned().unwrap_or(Json::Null));
        }
        Json::Array(row)
    });
    Json::Array(rows.collect())
}

#[wasm_bindgen_test]
fn every_fixture_reaches_its_expected_report_through_js() {
    // JSON.parse turns "\ud800" into a real lone surrogate, which these cases need.
    let cases = JSON::parse(FIXTURES).unwrap();
    let cases: js_sys::Array = cases.unchecked_into();
    let expected: Vec<Json> = serde_json::from_str(FIXTURES).unwrap_or_else(|_| {
        // serde_json rejects lone surrogates; parse a copy with them replaced for expectations.
        serde_json::from_str(&FIXTURES.replace("\\ud800", "?").replace("\\udc00", "?")).unwrap()
    });
    assert!(cases.length() >= 60);
    let mut failures = Vec::new();
    for (i, expect_case) in expected.iter().enumerate() {
        let case = cases.get(i as u32);
        let get = |k: &str| js_sys::Reflect::get(&case, &k.into()).unwrap();
        let provider = expect_case["provider"].as_str().unwrap();
        let report = validate(provider, get("payload"), get("options"));
        let expect = &expect_case["expect"];
        let errors = rows(&report["errors"], true);
        let warnings = rows(&report["warnings"], false);
        if report["ok"] != expect["ok"]
            || errors != expect["errors"]
            || warnings != expect["warnings"]
        {
            failures.push(format!(
                "{}: got {errors} / {warnings}",
                expect_case["name"]
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[wasm_bindgen_test]
fn values_json_cannot_carry_are_invalid_types_not_crashes() {
    let report = validate(
        "geelark",
        js(r#"{list: [
            {name: undefined}, {name: 10n}, {name: Symbol("s")}, {name: () => 1},
            {name: new Date(0)}, {name: new Map()}, {name: NaN}, {name: new String("boxed")},
            {name: "ok", remark: Infinity}
        ]}"#),
        JsValue::UNDEFINED,
    );
    let actual: Vec<&str> = report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["params"]["actual"].as_str().unwrap())
        .collect();
    assert_eq!(
        actual,
        [
            "undefined",
            "bigint",
            "symbol",
            "function",
            "Date",
            "Map",
            "NaN",
            "boxed primitive",
            "Infinity"
        ]
    );
}

#[wasm_bindgen_test]
fn hostile_objects_are_reported_and_the_module_keeps_working() {
    let hostile = [
        "new Proxy({}, {ownKeys() { throw new Error('trap'); }})",
        "({get list() { throw new Error('getter'); }})",
        "(() => { let o = {}; let c = o; for (let i = 0; i < 10000; i++) { c.list = {}; c = c.list; } return o; })()",
        "(() => { const o = {list: []}; o.list.push(o); return o; })()",
        "JSON.parse('{\"__proto__\": {\"polluted\": 1}, \"list\": [{\"name\": \"a\"}]}')",
    ];
    for source in hostile {
        let report = validate("geelark", js(source), JsValue::UNDEFINED);
        assert!(report["ok"].is_boolean(), "{source}: {report}");
    }
    assert!(js("({}).polluted === undefined").as_bool().unwrap());
    let report = validate(
        "geelark",
        js(r#"{list: [{name: "still works"}]}"#),
        JsValue::UNDEFINED,
    );
    assert_eq!(report["ok"], true);
}

#[wasm_bindgen_test]
fn messages_follow_the_locale_option() {
    let payload = || js(r#"{list: [{name: ""}]}"#);
    let en = validate("geelark", payload(), js(r#"{locale: "en"}"#));
    let zh = validate("geelark", payload(), js(r#"{locale: "zh-CN"}"#));
    assert_eq!(
        en["errors"][0]["message"],
        "must not be empty or only whitespace"
    );
    assert_eq!(zh["errors"][0]["message"], "不能为空或只含空白");
}

#[wasm_bindgen_test]
fn misuse_throws_a_type_error_naming_the_problem() {
    let cases: [(JsValue, JsValue, &str); 4] = [
        ("nope".into(), JsValue::UNDEFINED, "unknown provider id"),
        (
            JsValue::from(5),
            JsValue::UNDEFINED,
            "provider must be a string",
        ),
        (
            "geelark".into(),
            JsValue::from(5),
            "options must be an object",
        ),
        ("geelark".into(), js(r#"{locale: "fr"}"#), "options.locale"),
    ];
    for (provider, options, needle) in cases {
        let err = wasm::validate(provider, js("{}"), Some(options)).expect_err("throws");
        assert!(err.is_instance_of::<js_sys::TypeError>());
        let message: String = js_sys::Error::from(err).message().into();
        assert!(message.contains(needle), "{message}");
    }
}

#[wasm_bindgen_test]
fn providers_lists_ids_methods_and_urls() {
    let list = to_json(&wasm::providers().unwrap());
    let ids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"geelark") && ids.contains(&"tencent-iai"),
        "{ids:?}"
    );
    for p in list.as_array().unwrap() {
        assert!(p["url"].as_str().unwrap().starts_with("http"));
        assert!(matches!(p["method"].as_str(), Some("POST" | "GET")));
    }
}

/// In wasm, graphemes come from the host's `Intl.Segmenter` (src/text.rs): the same counts and
/// cuts as the native unicode-segmentation ones in src/text.rs's tests.
#[wasm_bindgen_test]
fn measure_and_truncate_segment_graphemes_with_the_host() {
    let family = "👨\u{200D}👩\u{200D}👧";
    let measured = to_json(&wasm::measure(family.into()).expect("measure"));
    assert_eq!(
        measured,
        serde_json::json!({"chars": 5, "bytes": 18, "utf16": 8, "graphemes": 1})
    );
    let e_acute = "e\u{0301}";
    let measured = to_json(&wasm::measure(format!("{e_acute}😂𠀀").into()).expect("measure"));
    assert_eq!(measured["graphemes"], 3);
    let text = format!("ab{family}c");
    let cut = |max: f64, unit: Option<&str>| -> String {
        wasm::truncate(text.clone().into(), max.into(), unit.map(JsValue::from))
            .expect("truncate")
            .into()
    };
    assert_eq!(cut(6.0, None), "ab");
    assert_eq!(cut(7.0, None), format!("ab{family}"));
    assert_eq!(cut(3.0, Some("graphemes")), format!("ab{family}"));
    assert_eq!(cut(9.0, Some("utf16")), "ab");
    assert_eq!(cut(f64::INFINITY, Some("bytes")), text);
    // A lone surrogate is one U+FFFD to the segmenter as to Rust: offsets still line up.
    let lone = js(r#""a\uD800b""#);
    assert_eq!(
        to_json(&wasm::measure(lone.clone()).expect("measure"))["graphemes"],
        3
    );
    let cut: String = wasm::truncate(lone, 2.0.into(), None)
        .expect("truncate")
        .into();
    assert_eq!(cut.encode_utf16().count(), 2);
}

/// A page may replace `Intl.Segmenter`: boundaries that do not fit the text, or none at all,
/// are a TypeError, never a panic, and the module works again once the real one is back.
#[wasm_bindgen_test]
fn a_replaced_or_missing_segmenter_is_a_type_error_not_a_panic() {
    let real = js("Intl.Segmenter");
    let set = |segmenter: &JsValue| {
        Function::new_with_args("s", "Intl.Segmenter = s")
            .call1(&JsValue::NULL, segmenter)
            .expect("replace Intl.Segmenter");
    };
    let liars = [
        // Out of order, past the end, inside a surrogate pair, and nothing for non-empty text.
        "function () { return { segment: () => [{ index: 0, segment: 'xx' }, { index: 0, segment: 'x' }] }; }",
        "function () { return { segment: () => [{ index: 0, segment: 'abcd' }] }; }",
        "function () { return { segment: () => [{ index: 0, segment: 'a' }] }; }",
        "function () { return { segment: () => [] }; }",
        "function () { throw new Error('no'); }",
        "undefined",
    ];
    let mut errors = Vec::new();
    for liar in liars {
        set(&js(liar));
        errors.push(wasm::measure("a😂".into()).map(|_| ()));
        errors.push(wasm::truncate("a😂".into(), 1.0.into(), None).map(|_| ()));
    }
    set(&real);
    for error in errors {
        let error = error.expect_err("a lying or missing segmenter is an error");
        assert!(error.is_instance_of::<js_sys::TypeError>());
    }
    assert_eq!(
        to_json(&wasm::measure("ab".into()).expect("measure"))["graphemes"],
        2
    );
}

fn validate_json(provider: &str, text: JsValue) -> Json {
    to_json(&wasm::validate_json(provider.into(), text, None).expect("no throw"))
}

/// `validateJson(p, JSON.stringify(x))` reports what `validate(p, x)` does, for every fixture
/// (lone surrogates included: those go through the JSON.parse fallback).
#[wasm_bindgen_test]
fn validate_json_reports_what_validate_reports_for_every_fixture() {
    let cases: js_sys::Array = JSON::parse(FIXTURES).unwrap().unchecked_into();
    let mut failures = Vec::new();
    for case in cases.iter() {
        let get = |k: &str| js_sys::Reflect::get(&case, &k.into()).unwrap();
        let provider = get("provider").as_string().unwrap();
        let (payload, options) = (get("payload"), get("options"));
        let text: JsValue = JSON::stringify(&payload).unwrap().into();
        let from_text = wasm::validate_json(provider.as_str().into(), text, Some(options.clone()));
        let from_value = validate(&provider, payload, options);
        if from_text.map(|r| to_json(&r)).ok().as_ref() != Some(&from_value) {
            failures.push(get("name").as_string().unwrap());
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[wasm_bindgen_test]
fn validate_json_reports_repeated_keys_lone_surrogates_and_text_that_is_not_json() {
    // A key repeated in the text: JSON.parse would keep the second list only.
    let report = validate_json(
        "geelark",
        r#"{"list":[{"name":"a"}],"list":[{"name":"b"}]}"#.into(),
    );
    assert_eq!(report["ok"], false);
    assert_eq!(
        rows(&report["errors"], false),
        serde_json::json!([["list", "duplicate"]])
    );
    assert_eq!(
        report["errors"][0]["params"],
        serde_json::json!({"first": 0, "of": "key"})
    );
    assert_eq!(
        report["errors"][0]["message"],
        "repeats a key given earlier in this object"
    );
    // Lone surrogates, escaped in the text and raw in the string, are reported where they are.
    for text in [
        js(r#""{\"list\":[{\"name\":\"a\\ud800\"}]}""#),
        js(r#""{\"list\":[{\"name\":\"a\ud800\"}]}""#),
    ] {
        let report = validate_json("geelark", text);
        assert_eq!(
            rows(&report["errors"], false),
            serde_json::json!([["list[0].name", "invalid_encoding"]])
        );
    }
    // Not JSON: one invalid_type error at the root, with where.
    let report = validate_json("geelark", "{\n  \"list\": [1,]\n}".into());
    assert_eq!(
        rows(&report["errors"], false),
        serde_json::json!([["", "invalid_type"]])
    );
    let params = &report["errors"][0]["params"];
    assert_eq!(
        (params["line"].clone(), params["column"].clone()),
        (2.into(), 14.into())
    );
    assert!(report["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("line 2, column 14"));
    // JSON that is not an object is the same report as the value itself.
    for text in ["null", "[]", "\"x\"", "1e400"] {
        let value = JSON::parse(text).unwrap();
        assert_eq!(
            validate_json("tencent-iai", text.into()),
            validate("tencent-iai", value, JsValue::UNDEFINED),
            "{text}"
        );
    }
    // Misuse throws, as in validate.
    let thrown = wasm::validate_json("geelark".into(), JsValue::from(5), None).unwrap_err();
    assert!(thrown.is_instance_of::<js_sys::TypeError>());
}

/// Payloads past the 4 KiB the tape starts with: the buffer grows and is kept, so the same
/// batch validates alike the first time (moved out of wasm memory while written) and the next
/// (written in place), and a small payload after it still reads only its own tape.
#[wasm_bindgen_test]
fn large_payloads_validate_alike_before_and_after_the_tape_grows() {
    let batch = js(
        r#"{ list: Array.from({ length: 3000 }, (_, i) => ({ name: "组" + (i % 2999), remark: "r".repeat(i % 40) })) }"#,
    );
    let first = validate("geelark", batch.clone(), JsValue::UNDEFINED);
    let again = validate("geelark", batch, JsValue::UNDEFINED);
    assert_eq!(first, again);
    assert_eq!(
        rows(&first["errors"], true),
        serde_json::json!([["list[2999].name", "duplicate", 43031]])
    );
    let small = validate(
        "geelark",
        js(r#"{ list: [{ name: " " }] }"#),
        JsValue::UNDEFINED,
    );
    assert_eq!(
        rows(&small["errors"], false),
        serde_json::json!([["list[0].name", "blank"]])
    );
    // A getter that validates another large payload while this one is being written.
    let nested = js(r#"(() => {
        const inner = { list: Array.from({ length: 2000 }, (_, i) => ({ name: "n" + i })) };
        const outer = { list: Array.from({ length: 2000 }, (_, i) => ({ name: "m" + i })) };
        Object.defineProperty(outer.list[1000], "remark", {
            enumerable: true,
            get() { globalThis.__inner = globalThis.__validate("geelark", inner); return "ok"; },
        });
        return outer;
    })()"#);
    let validate_fn = wasm_bindgen::closure::Closure::<dyn Fn(JsValue, JsValue) -> JsValue>::new(
        |provider: JsValue, payload: JsValue| {
            wasm::validate(provider, payload, None).expect("no throw")
        },
    );
    js_sys::Reflect::set(
        &js_sys::global(),
        &"__validate".into(),
        validate_fn.as_ref(),
    )
    .unwrap();
    let outer = validate("geelark", nested, JsValue::UNDEFINED);
    let inner = to_json(&js("globalThis.__inner"));
    assert_eq!(outer["ok"], true, "{outer}");
    assert_eq!(inner["ok"], true, "{inner}");
}

/// Strings long enough for TextEncoder (over read.js's INLINE_STRING, 24): a lone surrogate is still
/// `invalid_encoding` wherever it sits, a real U+FFFD is still an ordinary character, and a key
/// with a lone surrogate is still an unknown field.
#[wasm_bindgen_test]
fn long_strings_keep_lone_surrogates_apart_from_real_replacement_characters() {
    let name = |source: &str| {
        let report = validate(
            "geelark",
            js(&format!("{{ list: [{{ name: {source} }}] }}")),
            JsValue::UNDEFINED,
        );
        rows(&report["errors"], false)
    };
    let encoding = serde_json::json!([["list[0].name", "invalid_encoding"]]);
    assert_eq!(name(r#""abcdefghijklmnopqrstuvwxyz0123\uD800""#), encoding);
    assert_eq!(name(r#""\uDC00abcdefghijklmnopqrstuvwxyz0123""#), encoding);
    assert_eq!(
        name(r#""abcdefghijklmnopqrstuvwxyz0123\uFFFD\uD800""#),
        encoding
    );
    assert_eq!(name(r#""abc😀defghij\uDBFF😀""#), encoding);
    assert_eq!(
        name(r#""abcdefghijklmnopqrstuvwxyz0123\uFFFD""#),
        serde_json::json!([])
    );
    assert_eq!(name(r#""abc😀defghij😀𠀀""#), serde_json::json!([]));
    let key = validate(
        "geelark",
        js(r#"{ list: [{ name: "a" }], ["abcdefghijklmnopqrstuvwxyz0123\uD800"]: 1 }"#),
        JsValue::UNDEFINED,
    );
    assert_eq!(key["ok"], true);
    assert_eq!(
        rows(&key["warnings"], false),
        serde_json::json!([["abcdefghijklmnopqrstuvwxyz0123\u{FFFD}", "unknown_field"]])
    );
}
