//! TC3-HMAC-SHA256 over any inputs: an error or a signature, never a panic. A signature's
//! Authorization value is header-safe and never contains the secret key.
#![no_main]
use arbitrary::{Arbitrary, Unstructured};
use group_payloads::sign::{sign_tc3, Tc3Request};
use group_payloads_fuzz::{text, SECRET};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let pick = |u: &mut Unstructured, usual: &str| -> String {
        if u.ratio(1u8, 3).unwrap_or(false) {
            text(u).unwrap_or_default()
        } else {
            usual.to_owned()
        }
    };
    let secret_id = pick(&mut u, "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE");
    let secret_key = format!(
        "{SECRET}{}",
        pick(&mut u, "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE")
    );
    let timestamp = match u.int_in_range(0u8..=2) {
        Ok(0) => i64::arbitrary(&mut u).unwrap_or(0),
        _ => u
            .int_in_range(0i64..=group_payloads::sign::TIMESTAMP_MAX + 10)
            .unwrap_or(0),
    };
    let service = pick(&mut u, "iai");
    let host = pick(&mut u, "iai.tencentcloudapi.com");
    let method = pick(&mut u, "POST");
    let content_type = pick(&mut u, "application/json; charset=utf-8");
    let query = pick(&mut u, "");
    let n = u.int_in_range(0usize..=3).unwrap_or(0);
    let extra: Vec<(String, String)> = (0..n)
        .map(|_| (pick(&mut u, "X-TC-Action"), pick(&mut u, "CreateGroup")))
        .collect();
    let extra_refs: Vec<(&str, &str)> = extra
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let payload = u.take_rest();
    let req = Tc3Request {
        secret_id: &secret_id,
        secret_key: &secret_key,
        timestamp,
        service: &service,
        host: &host,
        method: &method,
        content_type: &content_type,
        query: &query,
        payload,
        extra_headers: &extra_refs,
    };
    assert!(
        !format!("{req:?}").contains(SECRET),
        "Debug shows the secret key"
    );
    if let Ok(sig) = sign_tc3(&req) {
        assert!(sig.authorization.chars().all(|c| (' '..='~').contains(&c)));
        assert_eq!(sig.signature.len(), 64);
        assert!(sig.authorization.ends_with(&sig.signature));
        assert!(
            !format!("{sig:?}").contains(SECRET),
            "the signature output shows the secret key"
        );
    }
});
