//! GeeLark key signature and nonce over any text: 64 uppercase hex digits; the nonce is a
//! prefix of the trace id of at most 6 characters.
#![no_main]
use arbitrary::Unstructured;
use group_payloads::sign::{geelark_nonce, geelark_sign};
use group_payloads_fuzz::text;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let (Ok(app_id), Ok(trace_id), Ok(ts), Ok(key)) =
        (text(&mut u), text(&mut u), text(&mut u), text(&mut u))
    else {
        return;
    };
    let sign = geelark_sign(&app_id, &trace_id, &ts, &key);
    assert!(
        sign.len() == 64
            && sign
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(&b))
    );
    let nonce = geelark_nonce(&trace_id);
    assert!(trace_id.starts_with(nonce));
    assert_eq!(nonce.chars().count(), trace_id.chars().count().min(6));
});
