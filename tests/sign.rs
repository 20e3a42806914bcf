//! Signatures against the providers' published vectors (docs/decisions.md "GeeLark auth",
//! "Signing"), plus boundaries and refusals of the helpers they rely on.
#![cfg(not(target_arch = "wasm32"))]

use group_payloads::sign::*;
use proptest::prelude::*;

// ---------------------------------------------------------------------------------------------
// GeeLark (docs/decisions.md "GeeLark auth")

const GEELARK_APP_ID: &str = "eH6gQR4oHr3FsZpI36La01IW";
const GEELARK_API_KEY: &str = "YjmFIUuq0oJgSDJ42fxLEb6R1qjjqf";
const GEELARK_TRACE_ID: &str = "db6094ab-3797-4186-84d5-b0b58eebad56";
const GEELARK_TS: &str = "1716972892166";

#[test]
fn geelark_nonce_is_first_six_chars_of_official_trace_id() {
    assert_eq!(geelark_nonce(GEELARK_TRACE_ID), "db6094");
}

#[test]
fn geelark_sign_matches_official_example() {
    assert_eq!(
        geelark_sign(
            GEELARK_APP_ID,
            GEELARK_TRACE_ID,
            GEELARK_TS,
            GEELARK_API_KEY
        ),
        "6280C080AF7C3CCE168F15C913E3444A00A618CB0E16038EED9811D6E3366BDD"
    );
}

#[test]
fn geelark_sign_hashes_trace_id_as_sent() {
    // The published sign only reproduces with the trace id as sent (docs/decisions.md
    // "GeeLark auth"), so no case folding may happen. With the trace id uppercased, the nonce
    // follows it (`DB6094`) and the sign changes; value computed with python3:
    // hashlib.sha256(app_id + trace_id.upper() + ts + b"DB6094" + api_key).hexdigest().upper().
    // (A sign of 9E3C0F67… mixes the uppercased trace id with the lowercase nonce.)
    let upper = GEELARK_TRACE_ID.to_uppercase();
    assert_eq!(geelark_nonce(&upper), "DB6094");
    assert_eq!(
        geelark_sign(GEELARK_APP_ID, &upper, GEELARK_TS, GEELARK_API_KEY),
        "9345124CBA81C2F312C11B78C962F9D41D32CCCDA3A7394C1D8320E76C682852"
    );
}

#[test]
fn geelark_nonce_of_short_trace_id_is_whole_trace_id() {
    assert_eq!(geelark_nonce(""), "");
    assert_eq!(geelark_nonce("abc"), "abc");
    assert_eq!(geelark_nonce("abcdef"), "abcdef");
    assert_eq!(geelark_nonce("abcdefg"), "abcdef");
}

#[test]
fn geelark_nonce_counts_chars_not_bytes() {
    assert_eq!(geelark_nonce("人人人人人人人"), "人人人人人人");
    assert_eq!(geelark_nonce("😂😂😂😂😂😂😂"), "😂😂😂😂😂😂");
    assert_eq!(geelark_nonce("a𠀀b😂c人d"), "a𠀀b😂c人");
}

#[test]
fn geelark_sign_is_uppercase_hex_of_64_digits() {
    let sign = geelark_sign("", "", "", "");
    // SHA-256 of the empty string, uppercased.
    assert_eq!(
        sign,
        "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855"
    );
}

// ---------------------------------------------------------------------------------------------
// Capillary (docs/decisions.md "Capillary")

#[test]
fn capillary_basic_auth_matches_official_example() {
    assert_eq!(
        capillary_basic_auth("store.server", "server123"),
        "Basic c3RvcmUuc2VydmVyOjhhMTZhNmI3MDUwNWViMWYxZmY3Y2RjMGNkNTU1OWE3"
    );
}

#[test]
fn capillary_basic_auth_of_empty_inputs() {
    // base64(":" + md5("")), md5("") = d41d8cd98f00b204e9800998ecf8427e; computed with
    // python3: base64.b64encode(b":" + hashlib.md5(b"").hexdigest().encode()).
    assert_eq!(
        capillary_basic_auth("", ""),
        "Basic OmQ0MWQ4Y2Q5OGYwMGIyMDRlOTgwMDk5OGVjZjg0Mjdl"
    );
}

// ---------------------------------------------------------------------------------------------
// Tencent TC3-HMAC-SHA256 (docs/decisions.md "Signing")

/// Exact body bytes of the official examples: the `\u…` escapes are literal backslash
/// sequences (docs/decisions.md "Signing").
const TC3_PAYLOAD: &str =
    r#"{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}"#;
const TC3_PAYLOAD_SHA256: &str = "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064";
const TC3_TIMESTAMP: i64 = 1_551_113_065;
const TC3_CONTENT_TYPE: &str = "application/json; charset=utf-8";
const TC3_HOST: &str = "cvm.tencentcloudapi.com";

const VECTOR_A_SECRET_ID: &str = "AKID**********************0123456789EXAMPLE";
const VECTOR_A_SECRET_KEY: &str = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";
const VECTOR_B_SECRET_ID: &str = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******";
/// The asterisks are part of the key (docs/decisions.md "Signing", vector B).
const VECTOR_B_SECRET_KEY: &str = "Gu5t9xGARNpq86cd98joQYCN3*******";

const CANONICAL_REQUEST_AB: &str = "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\ncontent-type;host\n35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064";
const HASHED_CANONICAL_REQUEST_AB: &str =
    "5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031";
const STRING_TO_SIGN_AB: &str = "TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031";

fn cvm_request<'a>(
    secret_id: &'a str,
    secret_key: &'a str,
    extra_headers: &'a [(&'a str, &'a str)],
) -> Tc3Request<'a> {
    Tc3Request {
        secret_id,
        secret_key,
        timestamp: TC3_TIMESTAMP,
        service: "cvm",
        host: TC3_HOST,
        method: "POST",
        content_type: TC3_CONTENT_TYPE,
        query: "",
        payload: TC3_PAYLOAD.as_bytes(),
        extra_headers,
    }
}

/// Last line of a string to sign: the hashed canonical request.
fn hashed_canonical_request(string_to_sign: &str) -> &str {
    string_to_sign.lines().last().unwrap_or_default()
}

#[test]
fn tc3_payload_is_86_bytes_with_official_hash() {
    assert_eq!(TC3_PAYLOAD.len(), 86);
    assert_eq!(sha256_hex(TC3_PAYLOAD.as_bytes()), TC3_PAYLOAD_SHA256);
}

#[test]
fn tc3_vector_a_english_doc() {
    let sig = sign_tc3(&cvm_request(VECTOR_A_SECRET_ID, VECTOR_A_SECRET_KEY, &[])).unwrap();
    assert_eq!(sig.canonical_request, CANONICAL_REQUEST_AB);
    assert_eq!(
        hashed_canonical_request(&sig.string_to_sign),
        HASHED_CANONICAL_REQUEST_AB
    );
    assert_eq!(
        sha256_hex(sig.canonical_request.as_bytes()),
        HASHED_CANONICAL_REQUEST_AB
    );
    assert_eq!(sig.string_to_sign, STRING_TO_SIGN_AB);
    assert_eq!(sig.credential_scope, "2019-02-25/cvm/tc3_request");
    assert_eq!(sig.signed_headers, "content-type;host");
    assert_eq!(
        sig.signature,
        "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168"
    );
    assert_eq!(
        sig.authorization,
        "TC3-HMAC-SHA256 Credential=AKID**********************0123456789EXAMPLE/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168"
    );
}

#[test]
fn tc3_vector_a_secret_signing_key() {
    // docs/decisions.md "Signing": SecretSigning ac658d5d… (computed, not printed in the doc).
    let secret_date = hmac_sha256(
        format!("TC3{VECTOR_A_SECRET_KEY}").as_bytes(),
        b"2019-02-25",
    );
    let secret_service = hmac_sha256(&secret_date, b"cvm");
    let secret_signing = hmac_sha256(&secret_service, b"tc3_request");
    let hex: String = secret_signing.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(
        hex,
        "ac658d5dde49e9bfdd14e04e062f66b05d9f637d44b8a8d845327d4a77f666b1"
    );
}

#[test]
fn tc3_vector_b_literal_asterisk_key() {
    let sig = sign_tc3(&cvm_request(VECTOR_B_SECRET_ID, VECTOR_B_SECRET_KEY, &[])).unwrap();
    assert_eq!(sig.canonical_request, CANONICAL_REQUEST_AB);
    assert_eq!(
        hashed_canonical_request(&sig.string_to_sign),
        HASHED_CANONICAL_REQUEST_AB
    );
    assert_eq!(sig.string_to_sign, STRING_TO_SIGN_AB);
    assert_eq!(
        sig.signature,
        "2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c"
    );
    assert_eq!(
        sig.authorization,
        "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c"
    );
}

#[test]
fn tc3_vector_c_signs_x_tc_action() {
    let extra = [("X-TC-Action", "DescribeInstances")];
    let sig = sign_tc3(&cvm_request(
        VECTOR_B_SECRET_ID,
        VECTOR_B_SECRET_KEY,
        &extra,
    ))
    .unwrap();
    assert_eq!(
        sig.canonical_request,
        "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\nx-tc-action:describeinstances\n\ncontent-type;host;x-tc-action\n35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064"
    );
    assert_eq!(
        hashed_canonical_request(&sig.string_to_sign),
        "7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84"
    );
    assert_eq!(
        sig.string_to_sign,
        "TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84"
    );
    assert_eq!(sig.signed_headers, "content-type;host;x-tc-action");
    assert_eq!(
        sig.signature,
        "be4f67d323c78ab9acb7395e43c0dbcf822a9cfac32fea2449a7bc7726b770a3"
    );
    assert_eq!(
        sig.authorization,
        "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature=be4f67d323c78ab9acb7395e43c0dbcf822a9cfac32fea2449a7bc7726b770a3"
    );
}

#[test]
fn tc3_extra_headers_are_sorted_trimmed_and_lowercased() {
    // Given out of order, mixed case, padded: the result must equal vector C's layout.
    let extra = [
        ("X-TC-Version", " 2017-03-12 "),
        ("x-tc-action", "DescribeInstances"),
    ];
    let sig = sign_tc3(&cvm_request(
        VECTOR_B_SECRET_ID,
        VECTOR_B_SECRET_KEY,
        &extra,
    ))
    .unwrap();
    assert_eq!(
        sig.signed_headers,
        "content-type;host;x-tc-action;x-tc-version"
    );
    assert!(sig.canonical_request.contains(
        "host:cvm.tencentcloudapi.com\nx-tc-action:describeinstances\nx-tc-version:2017-03-12\n\n"
    ));
}

const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

fn get_request(method: &str) -> Tc3Request<'_> {
    Tc3Request {
        secret_id: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
        secret_key: VECTOR_A_SECRET_KEY,
        timestamp: TC3_TIMESTAMP,
        service: "iai",
        host: "iai.tencentcloudapi.com",
        method,
        content_type: "application/x-www-form-urlencoded",
        query: "Action=CreateGroup&GroupName=a%20b",
        payload: b"",
        extra_headers: &[],
    }
}

#[test]
fn tc3_get_signs_query_and_empty_payload() {
    let sig = sign_tc3(&get_request("GET")).unwrap();
    assert_eq!(sha256_hex(b""), EMPTY_SHA256);
    assert_eq!(
        sig.canonical_request,
        "GET\n/\nAction=CreateGroup&GroupName=a%20b\ncontent-type:application/x-www-form-urlencoded\nhost:iai.tencentcloudapi.com\n\ncontent-type;host\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
    // Expected values computed independently with python3 hashlib/hmac, following
    // docs/decisions.md "Signing" step by step:
    //   cr  = the canonical request above
    //   sts = "TC3-HMAC-SHA256\n1551113065\n2019-02-25/iai/tc3_request\n" + sha256(cr).hexdigest()
    //   k   = hmac(hmac(hmac(b"TC3" + key, "2019-02-25"), "iai"), "tc3_request")
    //   sig = hmac(k, sts).hexdigest()
    assert_eq!(
        hashed_canonical_request(&sig.string_to_sign),
        "48d5bace8b4c6627a65e39c4248126307fe6ebf19a061188cb55077d7ea38633"
    );
    assert_eq!(
        sig.string_to_sign,
        "TC3-HMAC-SHA256\n1551113065\n2019-02-25/iai/tc3_request\n48d5bace8b4c6627a65e39c4248126307fe6ebf19a061188cb55077d7ea38633"
    );
    assert_eq!(
        sig.signature,
        "ff2661a8a47ec9ae59404ce9f65675ee6dfc65071bd1eaeaffd9b87afc286d50"
    );
    assert_eq!(
        sig.authorization,
        "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/iai/tc3_request, SignedHeaders=content-type;host, Signature=ff2661a8a47ec9ae59404ce9f65675ee6dfc65071bd1eaeaffd9b87afc286d50"
    );
}

#[test]
fn tc3_get_signature_matches_step_by_step_hmac_chain() {
    // The same chain, written out with the public helpers, as a second cross-check.
    let sig = sign_tc3(&get_request("GET")).unwrap();
    let secret_date = hmac_sha256(b"TC3Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", b"2019-02-25");
    let secret_service = hmac_sha256(&secret_date, b"iai");
    let secret_signing = hmac_sha256(&secret_service, b"tc3_request");
    let expected: String = hmac_sha256(&secret_signing, sig.string_to_sign.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(sig.signature, expected);
}

#[test]
fn tc3_method_is_case_insensitive_and_signed_uppercase() {
    assert_eq!(sign_tc3(&get_request("get")), sign_tc3(&get_request("GET")));
    let post = sign_tc3(&cvm_request(VECTOR_B_SECRET_ID, VECTOR_B_SECRET_KEY, &[])).unwrap();
    let lower = sign_tc3(&Tc3Request {
        method: "post",
        ..cvm_request(VECTOR_B_SECRET_ID, VECTOR_B_SECRET_KEY, &[])
    })
    .unwrap();
    assert_eq!(lower, post);
}

#[test]
fn tc3_rejects_other_methods() {
    for method in ["PUT", "DELETE", "", "POST ", "GETS", "PÖST"] {
        assert_eq!(
            sign_tc3(&get_request(method)),
            Err(Tc3Error::UnsupportedMethod),
            "{method:?}"
        );
    }
}

#[test]
fn tc3_rejects_timestamp_out_of_range() {
    for timestamp in [-1, i64::MIN, 253_402_300_800, i64::MAX] {
        let req = Tc3Request {
            timestamp,
            ..get_request("GET")
        };
        assert_eq!(sign_tc3(&req), Err(Tc3Error::TimestampOutOfRange));
    }
    for timestamp in [0, 253_402_300_799] {
        let req = Tc3Request {
            timestamp,
            ..get_request("GET")
        };
        assert!(sign_tc3(&req).is_ok(), "{timestamp}");
    }
}

#[test]
fn tc3_scope_uses_utc_date_of_last_second_of_day() {
    // 2019-02-25T23:59:59Z is still 2019-02-25 in UTC whatever the local zone.
    let req = Tc3Request {
        timestamp: 1_551_139_199,
        ..get_request("GET")
    };
    assert_eq!(
        sign_tc3(&req).unwrap().credential_scope,
        "2019-02-25/iai/tc3_request"
    );
    let req = Tc3Request {
        timestamp: 1_551_139_200,
        ..get_request("GET")
    };
    assert_eq!(
        sign_tc3(&req).unwrap().credential_scope,
        "2019-02-26/iai/tc3_request"
    );
}

const SECRET_VALUE: &str = "sEcReTvAlUe";

/// Display and Debug of an error never contain the given secrets or values.
fn assert_no_echo(err: &Tc3Error, forbidden: &[&str]) {
    let shown = format!("{err} {err:?}");
    for word in forbidden {
        assert!(
            !shown.to_lowercase().contains(&word.to_lowercase()),
            "{shown:?} contains {word:?}"
        );
    }
}

#[test]
fn tc3_rejects_crlf_in_extra_header_value_without_echo() {
    let value = "CreateGroup\r\nX-Injected: sEcReTvAlUe";
    let extra = [("X-TC-Action", value)];
    let err = sign_tc3(&cvm_request(
        VECTOR_B_SECRET_ID,
        VECTOR_B_SECRET_KEY,
        &extra,
    ))
    .unwrap_err();
    assert_eq!(err, Tc3Error::InvalidHeaderValue { index: 0 });
    assert_no_echo(
        &err,
        &[
            "X-TC-Action",
            "CreateGroup",
            "X-Injected",
            SECRET_VALUE,
            VECTOR_B_SECRET_KEY,
            VECTOR_B_SECRET_ID,
        ],
    );
}

#[test]
fn tc3_rejects_lone_lf_cr_and_other_controls_in_header_values() {
    for value in ["a\nb", "a\rb", "a\tb", "a\0b", "a\u{7f}b", "\n"] {
        let extra = [("X-TC-Region", "ap-guangzhou"), ("X-TC-Token", value)];
        assert_eq!(
            sign_tc3(&cvm_request(
                VECTOR_B_SECRET_ID,
                VECTOR_B_SECRET_KEY,
                &extra
            )),
            Err(Tc3Error::InvalidHeaderValue { index: 1 }),
            "{value:?}"
        );
    }
}

#[test]
fn tc3_rejects_non_ascii_header_value() {
    let extra = [("X-TC-Language", "中文")];
    assert_eq!(
        sign_tc3(&cvm_request(
            VECTOR_B_SECRET_ID,
            VECTOR_B_SECRET_KEY,
            &extra
        )),
        Err(Tc3Error::InvalidHeaderValue { index: 0 })
    );
}

#[test]
fn tc3_rejects_invalid_header_names() {
    for name in [
        "",
        "X TC",
        "X-TC:Action",
        "X-TC-Action\r\n",
        "X(TC)",
        "Ä",
        "X-TC-Action ",
    ] {
        let extra = [(name, "x")];
        let err = sign_tc3(&cvm_request(
            VECTOR_B_SECRET_ID,
            VECTOR_B_SECRET_KEY,
            &extra,
        ))
        .unwrap_err();
        assert_eq!(err, Tc3Error::InvalidHeaderName { index: 0 }, "{name:?}");
        assert_no_echo(&err, &[VECTOR_B_SECRET_KEY, VECTOR_B_SECRET_ID]);
    }
}

#[test]
fn tc3_rejects_duplicate_extra_headers_case_insensitively() {
    let extra = [
        ("X-TC-Action", "CreateGroup"),
        ("X-TC-Version", "2018-03-01"),
        ("x-tc-action", "CreateGroup"),
    ];
    assert_eq!(
        sign_tc3(&cvm_request(
            VECTOR_B_SECRET_ID,
            VECTOR_B_SECRET_KEY,
            &extra
        )),
        Err(Tc3Error::DuplicateHeader { index: 2 })
    );
}

#[test]
fn tc3_rejects_content_type_host_or_authorization_as_extra_headers() {
    for name in ["Content-Type", "HOST", "Authorization"] {
        let extra = [("X-TC-Action", "CreateGroup"), (name, "x")];
        assert_eq!(
            sign_tc3(&cvm_request(
                VECTOR_B_SECRET_ID,
                VECTOR_B_SECRET_KEY,
                &extra
            )),
            Err(Tc3Error::ReservedHeader { index: 1 }),
            "{name}"
        );
    }
}

#[test]
fn tc3_rejects_unencoded_query() {
    for query in [
        "GroupName=a b",
        "a=1\r\nb=2",
        "GroupName=人",
        "a=1#frag",
        "a=\t",
    ] {
        let req = Tc3Request {
            query,
            ..get_request("GET")
        };
        let err = sign_tc3(&req).unwrap_err();
        assert_eq!(err, Tc3Error::InvalidQuery, "{query:?}");
        assert_no_echo(&err, &["GroupName", "frag"]);
    }
}

#[test]
fn tc3_rejects_bad_content_type_host_and_service() {
    let base = get_request("GET");
    for content_type in [
        "",
        "   ",
        "application/json\r\n",
        "application/json; charset=ü",
    ] {
        let req = Tc3Request {
            content_type,
            ..base
        };
        assert_eq!(sign_tc3(&req), Err(Tc3Error::InvalidContentType));
    }
    for host in [
        "",
        "iai.tencentcloudapi.com/",
        "a b",
        "evil@iai.tencentcloudapi.com",
        "x\n",
    ] {
        let req = Tc3Request { host, ..base };
        assert_eq!(sign_tc3(&req), Err(Tc3Error::InvalidHost), "{host:?}");
    }
    for service in ["", "iai/x", "i a", "人"] {
        let req = Tc3Request { service, ..base };
        assert_eq!(sign_tc3(&req), Err(Tc3Error::InvalidService), "{service:?}");
    }
}

#[test]
fn tc3_rejects_missing_or_unsafe_credentials_without_echo() {
    let base = get_request("GET");
    let req = Tc3Request {
        secret_id: "",
        ..base
    };
    assert_eq!(sign_tc3(&req), Err(Tc3Error::MissingSecretId));
    let req = Tc3Request {
        secret_key: "",
        ..base
    };
    assert_eq!(sign_tc3(&req), Err(Tc3Error::MissingSecretKey));
    for secret_id in [
        "AKID\r\nX: sEcReTvAlUe",
        "AKID sEcReTvAlUe",
        "AKID,sEcReTvAlUe",
        "AKID/x",
    ] {
        let req = Tc3Request { secret_id, ..base };
        let err = sign_tc3(&req).unwrap_err();
        assert_eq!(err, Tc3Error::InvalidSecretId);
        assert_no_echo(&err, &[SECRET_VALUE, VECTOR_A_SECRET_KEY]);
    }
}

#[test]
fn tc3_request_debug_redacts_secret_key() {
    let shown = format!("{:?}", get_request("GET"));
    assert!(!shown.contains(VECTOR_A_SECRET_KEY), "{shown}");
    assert!(shown.contains("redacted"));
}

#[test]
fn tc3_non_ascii_secret_key_and_binary_payload_sign() {
    let req = Tc3Request {
        secret_key: "密钥😂",
        payload: &[0, 0xff, 0x80, b'\n'],
        method: "POST",
        query: "",
        ..get_request("GET")
    };
    let sig = sign_tc3(&req).unwrap();
    assert_eq!(sig.signature.len(), 64);
    assert!(sig
        .canonical_request
        .ends_with(&sha256_hex(&[0, 0xff, 0x80, b'\n'])));
}

// ---------------------------------------------------------------------------------------------
// HMAC-SHA256 (RFC 4231)

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn hmac_sha256_rfc4231_case_2() {
    assert_eq!(
        hex(&hmac_sha256(b"Jefe", b"what do ya want for nothing?")),
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    );
}

#[test]
fn hmac_sha256_rfc4231_case_6_key_longer_than_block() {
    assert_eq!(
        hex(&hmac_sha256(
            &[0xaa; 131],
            b"Test Using Larger Than Block-Size Key - Hash Key First"
        )),
        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
    );
}

// ---------------------------------------------------------------------------------------------
// utc_date (expected dates computed with python3 datetime)

#[test]
fn utc_date_of_epoch_and_vector_timestamp() {
    assert_eq!(utc_date(0).as_deref(), Some("1970-01-01"));
    assert_eq!(utc_date(1_551_113_065).as_deref(), Some("2019-02-25"));
}

#[test]
fn utc_date_leap_days() {
    assert_eq!(utc_date(951_782_400).as_deref(), Some("2000-02-29"));
    assert_eq!(utc_date(951_868_799).as_deref(), Some("2000-02-29"));
    assert_eq!(utc_date(951_868_800).as_deref(), Some("2000-03-01"));
    assert_eq!(utc_date(-11_670_998_400).as_deref(), Some("1600-02-29"));
    // 1900 and 2100 are not leap years.
    assert_eq!(utc_date(-2_203_977_600).as_deref(), Some("1900-02-28"));
    assert_eq!(utc_date(-2_203_891_200).as_deref(), Some("1900-03-01"));
    assert_eq!(utc_date(4_107_456_000).as_deref(), Some("2100-02-28"));
    assert_eq!(utc_date(4_107_542_400).as_deref(), Some("2100-03-01"));
}

#[test]
fn utc_date_negative_timestamps() {
    assert_eq!(utc_date(-1).as_deref(), Some("1969-12-31"));
    assert_eq!(utc_date(-86_400).as_deref(), Some("1969-12-31"));
    assert_eq!(utc_date(-86_401).as_deref(), Some("1969-12-30"));
    assert_eq!(utc_date(-62_135_596_800).as_deref(), Some("0001-01-01"));
}

#[test]
fn utc_date_range_boundaries() {
    assert_eq!(utc_date(253_402_300_799).as_deref(), Some("9999-12-31"));
    assert_eq!(utc_date(253_402_300_800), None);
    assert_eq!(utc_date(-62_167_219_200).as_deref(), Some("0000-01-01"));
    assert_eq!(utc_date(-62_167_219_201), None);
    assert_eq!(utc_date(i64::MAX), None);
    assert_eq!(utc_date(i64::MIN), None);
}

// ---------------------------------------------------------------------------------------------
// percent_encode_rfc3986 (expected values agree with python3 urllib.parse.quote(s, safe="-_.~"))

#[test]
fn percent_encode_keeps_unreserved() {
    let unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~";
    assert_eq!(percent_encode_rfc3986(unreserved), unreserved);
    assert_eq!(percent_encode_rfc3986(""), "");
}

#[test]
fn percent_encode_reserved_and_space() {
    assert_eq!(percent_encode_rfc3986(" "), "%20");
    assert_eq!(percent_encode_rfc3986("#"), "%23");
    assert_eq!(percent_encode_rfc3986("%"), "%25");
    assert_eq!(percent_encode_rfc3986("+"), "%2B");
    assert_eq!(percent_encode_rfc3986("~"), "~");
    assert_eq!(percent_encode_rfc3986("/?=&"), "%2F%3F%3D%26");
    assert_eq!(percent_encode_rfc3986("a b"), "a%20b");
    assert_eq!(percent_encode_rfc3986("\r\n\0"), "%0D%0A%00");
}

#[test]
fn percent_encode_multibyte_utf8_uppercase() {
    assert_eq!(percent_encode_rfc3986("人"), "%E4%BA%BA");
    assert_eq!(percent_encode_rfc3986("😂"), "%F0%9F%98%82");
    assert_eq!(percent_encode_rfc3986("𠀀"), "%F0%A0%80%80");
    assert_eq!(
        percent_encode_rfc3986("未命名"),
        "%E6%9C%AA%E5%91%BD%E5%90%8D"
    );
}

// ---------------------------------------------------------------------------------------------
// No panics for any input, and invariants that must hold for all of them.

fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            if hex.bytes().any(|b| b.is_ascii_lowercase()) {
                return None;
            }
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

proptest! {
    #[test]
    fn percent_encode_round_trips(s in any::<String>()) {
        let encoded = percent_encode_rfc3986(&s);
        prop_assert!(encoded.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.~%".contains(&b)));
        prop_assert_eq!(percent_decode(&encoded), Some(s.into_bytes()));
    }

    #[test]
    fn geelark_nonce_is_a_char_prefix(s in any::<String>()) {
        let nonce = geelark_nonce(&s);
        prop_assert!(s.starts_with(nonce));
        prop_assert_eq!(nonce.chars().count(), s.chars().count().min(6));
    }

    #[test]
    fn geelark_sign_never_panics(a in any::<String>(), t in any::<String>(), ts in any::<String>(), k in any::<String>()) {
        let sign = geelark_sign(&a, &t, &ts, &k);
        prop_assert_eq!(sign.len(), 64);
        prop_assert!(sign.bytes().all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(&b)));
    }

    #[test]
    fn capillary_basic_auth_never_panics(u in any::<String>(), p in any::<String>()) {
        prop_assert!(capillary_basic_auth(&u, &p).starts_with("Basic "));
    }

    #[test]
    fn utc_date_never_panics(ts in any::<i64>()) {
        let date = utc_date(ts);
        prop_assert_eq!(date.is_some(), (-62_167_219_200..=253_402_300_799).contains(&ts));
        if let Some(d) = date {
            prop_assert_eq!(d.len(), 10);
        }
    }

    #[test]
    fn utc_date_advances_one_day_at_a_time(day in -719_528i64..2_932_896) {
        // Consecutive midnights give consecutive, distinct, ordered dates.
        let today = utc_date(day * 86_400);
        let tomorrow = utc_date((day + 1) * 86_400);
        if let (Some(a), Some(b)) = (today, tomorrow) {
            prop_assert!(a < b, "{} !< {}", a, b);
            prop_assert_eq!(utc_date(day * 86_400 + 86_399), Some(a));
        }
    }

    #[test]
    fn sign_tc3_never_panics(
        secret_id in any::<String>(),
        secret_key in any::<String>(),
        timestamp in any::<i64>(),
        service in any::<String>(),
        host in any::<String>(),
        method in prop_oneof![Just("POST".to_owned()), Just("get".to_owned()), any::<String>()],
        content_type in any::<String>(),
        query in any::<String>(),
        payload in any::<Vec<u8>>(),
        headers in proptest::collection::vec((any::<String>(), any::<String>()), 0..4),
    ) {
        let extra: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let req = Tc3Request {
            secret_id: &secret_id,
            secret_key: &secret_key,
            timestamp,
            service: &service,
            host: &host,
            method: &method,
            content_type: &content_type,
            query: &query,
            payload: &payload,
            extra_headers: &extra,
        };
        match sign_tc3(&req) {
            Ok(sig) => prop_assert_eq!(sig.signature.len(), 64),
            Err(err) => {
                let shown = err.to_string();
                if secret_key.chars().count() >= 8 {
                    prop_assert!(!shown.contains(&secret_key));
                }
            }
        }
    }

    #[test]
    fn sign_tc3_accepts_plausible_requests(
        timestamp in 0i64..=253_402_300_799,
        key in "[ -~]{1,80}",
        query in "[A-Za-z0-9%=&._~-]{0,40}",
        value in "[ -~]{0,20}",
    ) {
        let extra = [("X-TC-Action", value.as_str())];
        let req = Tc3Request {
            secret_key: &key,
            timestamp,
            query: &query,
            extra_headers: &extra,
            ..get_request("GET")
        };
        let sig = sign_tc3(&req);
        prop_assert!(sig.is_ok(), "{:?}", sig);
    }
}
