//! Requests `fetch` sends as built (SPEC §2, "Header and URL safety"), natively: cases the
//! property test in tests/js/requests.test.mjs found, kept here as plain examples.

use group_payloads::geelark::{self, Auth};
use group_payloads::http::base_url_problem;
use group_payloads::{Code, Options, Value};

fn payload() -> Value {
    Value::from_json(r#"{"list":[{"name":"group"}]}"#).unwrap()
}

#[test]
fn a_geelark_trace_id_whose_nonce_ends_in_a_space_is_refused() {
    // The nonce header is the trace id's first 6 characters; `fetch` trims "abcde " to "abcde"
    // while the sign covers "abcde ".
    for (trace_id, ok) in [("abcde xyz", false), ("abcdef xyz", true), ("abcd e", true)] {
        let auth = Auth::Key {
            app_id: "app",
            api_key: "key",
            trace_id,
            ts_millis: 1_700_000_000_000,
        };
        let built = geelark::build_request(&payload(), &auth, &Options::default());
        assert_eq!(built.report.ok, ok, "{trace_id}: {:?}", built.report.errors);
        if !ok {
            let error = &built.report.errors[0];
            assert_eq!(error.path, "options.auth.traceId");
            assert_eq!(error.code, Code::Blank);
        }
    }
}

#[test]
fn idna_labels_are_taken_only_when_fetch_takes_them() {
    // The WHATWG parser refuses `xn--a` and `xn--aepk` (Punycode for no valid label) and
    // takes `xn--zca` ("ß") and `xn--fiqs8s` ("中国").
    for url in ["https://xn--a.example", "http://79ikq8nj.XN--Aepk"] {
        assert_eq!(base_url_problem(url), Some("host"), "{url}");
    }
    for url in ["https://xn--zca.example", "https://xn--fiqs8s.example/api"] {
        assert_eq!(base_url_problem(url), None, "{url}");
    }
}

// proptest is a native-only dev-dependency.
#[cfg(not(target_arch = "wasm32"))]
proptest::proptest! {
    #[test]
    fn punycode_labels_never_panic(label in "[a-zA-Z0-9-]{0,80}", tail in "[a-z.]{0,8}") {
        let _ = base_url_problem(&format!("https://xn--{label}{tail}"));
    }
}
