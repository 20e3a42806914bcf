//! `validate` for every provider: any payload tree, any options. Never panics; reports are
//! well formed; no message or param echoes the secret.
#![no_main]
use arbitrary::Unstructured;
use group_payloads::api;
use group_payloads::providers;
use group_payloads_fuzz::{check_report, options, payload, provider};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(index) = u.arbitrary::<u8>() else {
        return;
    };
    let provider = provider(index);
    let (Ok(options), Ok(payload)) = (options(&mut u), payload(&mut u, provider)) else {
        return;
    };
    check_report(&api::validate(provider, &payload, &options));
});
