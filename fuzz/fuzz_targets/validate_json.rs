//! JSON text → `validate_json` (what `validateJson` runs) and `Value::from_json` → `validate`
//! for every provider: the same report, never a panic. Any bytes; text that is not JSON is
//! one `invalid_type` error.
#![no_main]
use group_payloads::api;
use group_payloads::{providers, Locale, Options, Value, PROVIDERS};
use group_payloads_fuzz::check_report;
use libfuzzer_sys::fuzz_target;

/// True when JSON text can say all of `v` (no lone surrogate, no Infinity from `1e400`).
fn printable(v: &Value) -> bool {
    match v {
        Value::Unencodable | Value::Unsupported(_) => false,
        Value::Number(n) => n.is_finite(),
        Value::Array(items) => items.iter().all(printable),
        Value::Object(fields) => fields.iter().all(|(_, v)| printable(v)),
        _ => true,
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = Value::from_json(text);
    for provider in PROVIDERS.iter() {
        for lenient in [false, true] {
            let options = Options {
                lenient,
                locale: Locale::En,
            };
            let report = api::validate_json(provider, text, &options);
            check_report(&report);
            if let Ok(payload) = &parsed {
                assert_eq!(report, api::validate(provider, payload, &options));
            }
        }
    }
    // Round trip, to the bit: what parses prints back as JSON that parses to the same tree.
    if let Ok(payload) = parsed {
        if printable(&payload) {
            let again = Value::from_json(&payload.to_json()).expect("to_json output parses");
            assert_eq!(again, payload, "{}", payload.to_json());
        }
    }
});
