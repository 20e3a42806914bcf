//! `parse_response` for every provider: any status, any body text (half the time JSON printed
//! from a fuzzed tree), any sent payload. `ok` implies no errors.
#![no_main]
use arbitrary::Unstructured;
use group_payloads::api;
use group_payloads::{providers, Response};
use group_payloads_fuzz::{check_issue, options, payload, provider, value};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(index) = u.arbitrary::<u8>() else {
        return;
    };
    let provider = provider(index);
    let Ok(status) = u.arbitrary::<u16>() else {
        return;
    };
    let Ok(options) = options(&mut u) else { return };
    let sent = match u.int_in_range(0u8..=2) {
        Ok(0) => None,
        Ok(1) => payload(&mut u, provider).ok(),
        _ => value(&mut u, 0).ok(),
    };
    let body = if u.arbitrary().unwrap_or(false) {
        match value(&mut u, 0) {
            Ok(v) => v.to_json(),
            Err(_) => return,
        }
    } else {
        String::from_utf8_lossy(u.take_rest()).into_owned()
    };
    let parsed = api::parse_response(
        provider,
        &Response {
            status,
            body: &body,
            sent: sent.as_ref(),
        },
        &options,
    );
    if parsed.ok {
        assert!(parsed.errors.is_empty());
    }
    parsed.errors.iter().for_each(check_issue);
});
