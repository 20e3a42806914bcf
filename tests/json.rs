//! The JSON reader (`validate_json`, response bodies): it accepts what JSON accepts, reads numbers
//! as `JSON.parse` does, and validates text exactly as the value it spells.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use group_payloads::{api, Value, PROVIDERS};
use proptest::{collection::vec, prelude::*, sample::select, test_runner::TestCaseError};

/// `v` with what JSON text cannot say replaced: lone surrogates, JS-only values and non-finite
/// numbers become null, -0 becomes 0 (JSON text writes it as 0).
fn jsonable(v: Value) -> Value {
    match v {
        Value::Unencodable | Value::Unsupported(_) => Value::Null,
        Value::Number(n) if !n.is_finite() => Value::Null,
        Value::Number(n) if n == 0.0 && n.is_sign_negative() => Value::Number(0.0),
        Value::Array(items) => Value::Array(items.into_iter().map(jsonable).collect()),
        Value::Object(fields) => {
            Value::Object(fields.into_iter().map(|(k, v)| (k, jsonable(v))).collect())
        }
        other => other,
    }
}

/// The tape reader accepts exactly the texts JSON accepts (serde_json as the referee, on
/// near-JSON text built from JSON's own pieces), and never panics on any text.
#[test]
fn json_reader_accepts_what_json_accepts() {
    let piece = select(vec![
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        " ",
        "\n",
        "\"",
        "\\",
        "\"a\"",
        "\"\\u00e9\"",
        "\\u",
        "0",
        "1",
        "-",
        "+",
        ".",
        "e",
        "E",
        "12",
        "0.5",
        "1e5",
        "-0",
        "true",
        "false",
        "null",
        "tru",
        "nul",
        "x",
        "é",
        "😀",
        "\t",
        "\u{1}",
        "/",
        "\"\\n\"",
        "01",
        "1.",
        ".5",
    ]);
    runner(4000)
        .run(&vec(piece, 0..14), |pieces| {
            let text: String = pieces.concat();
            let ours = group_payloads::tape::json::from_json(&text);
            let reference = serde_json::from_str::<serde_json::Value>(&text);
            // serde_json stops at a number past f64, which JSON.parse reads as Infinity.
            if let Err(e) = &reference {
                prop_assume!(!e.to_string().starts_with("number out of range"));
            }
            prop_assert_eq!(ours.is_ok(), reference.is_ok(), "{:?}: {:?}", text, ours);
            Ok(())
        })
        .unwrap();
    runner(2000)
        .run(&any::<String>(), |text| {
            let _ = group_payloads::tape::json::from_json(&text);
            Ok(())
        })
        .unwrap();
}

/// JSON text read straight onto the tape is the value's own tape, and validates the same.
#[test]
fn json_text_validates_as_its_value() {
    for provider in PROVIDERS.iter() {
        let values = prop_oneof![any_value(), payload_for(provider.fields)].prop_map(jsonable);
        runner(300)
            .run(&(values, select(all_options())), |(value, options)| {
                let text = value.to_json();
                let tape = group_payloads::tape::json::from_json(&text)
                    .map_err(|e| TestCaseError::fail(format!("{text}: {e:?}")))?;
                prop_assert_eq!(&tape, &group_payloads::tape::encode(&value), "{}", text);
                prop_assert_eq!(
                    api::validate_json(provider, &text, &options),
                    api::validate(provider, &value, &options)
                );
                Ok(())
            })
            .unwrap_or_else(|e| panic!("{}: {e}", provider.id));
    }
}

/// JSON text is read as `JSON.parse` reads it (src/tape/json.rs), numbers to the bit:
/// `Value::from_json` (validateJson, every response body) agrees with JS, and a number printed
/// by `to_json` reads back as itself. (serde_json without its `float_roundtrip` tables read
/// some decimals one bit off; the `validate_json` fuzz target found it.)
#[test]
fn json_numbers_read_exactly_as_json_parse_reads_them() {
    // node -p 'JSON.parse("1000000000000000000000000000001000000000000000") === 1e45' → true
    let v = Value::from_json("1000000000000000000000000000001000000000000000").unwrap();
    assert_eq!(v, Value::Number(1e45));
    runner(2000)
        .run(
            &any::<f64>().prop_filter("finite", |n| n.is_finite()),
            |n| {
                let text = Value::Number(n).to_json();
                prop_assert_eq!(
                    Value::from_json(&text).unwrap(),
                    Value::Number(n),
                    "{}",
                    text
                );
                Ok(())
            },
        )
        .unwrap();
}

/// A text with a raw lone surrogate is validated from the host's parse (which keeps it), and
/// still reports the keys the text repeats (which the parse drops).
#[test]
fn text_with_a_lone_surrogate_validates_the_hosts_parse_and_keeps_repeated_keys() {
    let provider = group_payloads::provider("tencent-iai").unwrap();
    let options = group_payloads::Options::default();
    // As the core receives it: the lone surrogate is U+FFFD; as JSON.parse gives it: the last
    // GroupName, and a GroupId that cannot be sent.
    let text = "{\"GroupName\":\"x\u{FFFD}\",\"GroupName\":\"y\",\"GroupId\":\"a\u{FFFD}\"}";
    let parsed = group_payloads::object! {
        "GroupName" => Value::String("y".into()),
        "GroupId" => Value::Unencodable,
    };
    let tape = group_payloads::tape::encode(&parsed);
    let report =
        api::validate_json_parsed(provider, text, &group_payloads::tape::root(&tape), &options);
    let rows: Vec<(&str, &str)> = report
        .errors
        .iter()
        .map(|i| (i.path.as_str(), i.code.as_str()))
        .collect();
    assert_eq!(
        rows,
        [("GroupId", "invalid_encoding"), ("GroupName", "duplicate")]
    );
    assert!(!report.ok);
}
