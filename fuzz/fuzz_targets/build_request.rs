//! `build_request` for every provider with fuzzed payloads and fuzzed build options (the
//! documented shapes with leaves replaced, or anything). Either an options error that does not
//! echo the secret, or a report; a request exactly when the report is ok, and that request is
//! sendable as built (no CR/LF/controls in headers or URL, no secret in clear).
#![no_main]
use arbitrary::Unstructured;
use group_payloads::api;
use group_payloads::providers;
use group_payloads_fuzz::{
    build_options, check_report, check_request, options, payload, provider, SECRET,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(index) = u.arbitrary::<u8>() else {
        return;
    };
    let provider = provider(index);
    let Ok(options) = options(&mut u) else { return };
    let Ok(payload) = payload(&mut u, provider) else {
        return;
    };
    let Ok(build) = build_options(&mut u, provider) else {
        return;
    };
    match api::build_request(provider, &payload, &build, &options, &group_payloads::NoHost) {
        Err(e) => assert!(
            !e.0.contains(SECRET),
            "options error echoes the secret: {e}"
        ),
        Ok(built) => {
            check_report(&built.report);
            assert_eq!(built.request.is_some(), built.report.ok, "request iff ok");
            if let Some(req) = &built.request {
                check_request(req, &payload);
            }
        }
    }
});
