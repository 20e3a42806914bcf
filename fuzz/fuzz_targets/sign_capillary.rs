//! Capillary basic auth over any text: always "Basic " + standard padded base64 of
//! `username:md5hex(password)`, so the header is safe whatever the inputs.
#![no_main]
use arbitrary::Unstructured;
use group_payloads::sign::capillary_basic_auth;
use group_payloads_fuzz::text;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let (Ok(user), Ok(password)) = (text(&mut u), text(&mut u)) else {
        return;
    };
    let value = capillary_basic_auth(&user, &password);
    let encoded = value.strip_prefix("Basic ").expect("Basic prefix");
    assert!(encoded.len().is_multiple_of(4));
    assert!(encoded
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b)));
    // user + ':' + 32 hex digits, base64: 4 characters per 3 bytes, padded.
    assert_eq!(encoded.len(), (user.len() + 33).div_ceil(3) * 4);
});
