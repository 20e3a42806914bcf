//! `validate_field` with any path and any value: unknown paths are an error, never a panic.
#![no_main]
use arbitrary::Unstructured;
use group_payloads::api;
use group_payloads::providers;
use group_payloads_fuzz::{check_issue, options, provider, text, value};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(index) = u.arbitrary::<u8>() else {
        return;
    };
    let provider = provider(index);
    let path = match u.int_in_range(0u8..=2) {
        Ok(0) => match u.choose(provider.fields) {
            Ok(f) => format!("{}{}", f.name, text(&mut u).unwrap_or_default()),
            Err(_) => return,
        },
        Ok(1) => match u.choose(provider.fields) {
            Ok(f) => f.name.to_owned(),
            Err(_) => return,
        },
        _ => text(&mut u).unwrap_or_default(),
    };
    let (Ok(options), Ok(value)) = (options(&mut u), value(&mut u, 0)) else {
        return;
    };
    if let Ok(issues) = api::validate_field(provider, &path, &value, &options) {
        issues.iter().for_each(check_issue);
    }
});
