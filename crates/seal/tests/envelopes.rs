//! Signed JSON v1 envelopes: round trips and one test per refusal, natively and in wasm
//! (the same file runs under wasm-bindgen-test in headless Chromium).

use careform_seal::*;
use serde_json::{Value, json};

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

const URL: &str = "https://careform.example.gov.uk/v1/submissions";

fn device_key() -> SigningKey {
    SigningKey::from_bytes(&[7u8; 32])
}

fn payload() -> SubmissionPayload {
    serde_json::from_value(payload_value()).unwrap()
}

fn payload_value() -> Value {
    json!({
        "v": 1,
        "form": { "id": "careform-demo", "version": "1", "sha256": b64u_encode(&[1u8; 32]) },
        "origin": "https://www.somerset.gov.uk",
        "aud": "https://careform.example.gov.uk",
        "iat": 1_795_000_000,
        "sid": b64u_encode(&[9u8; 16]),
        "data": { "name": "Ana Smith", "limit_pence": 500_000_000, "tasks": ["strip wash", { "n": -3 }], "ok": true },
        "attestations": [{ "id": "code", "version": "2024-01", "text_sha256": b64u_encode(&[2u8; 32]), "accepted": true }]
    })
}

fn header_value(key: &SigningKey) -> Value {
    json!({
        "alg": "Ed25519",
        "jwk": { "crv": "Ed25519", "kty": "OKP", "x": b64u_encode(key.verifying_key().as_bytes()) },
        "nonce": "n-1",
        "typ": "careform-submission+jws",
        "url": URL
    })
}

fn canon(v: &Value) -> Vec<u8> {
    canonicalize(v)
}

/// An envelope over exactly these header and payload bytes, validly signed by `key`.
fn signed(key: &SigningKey, header: &[u8], payload: &[u8]) -> Envelope {
    use ed25519_dalek::Signer as _;
    let protected = b64u_encode(header);
    let payload = b64u_encode(payload);
    let signature = b64u_encode(&key.sign(format!("{protected}.{payload}").as_bytes()).to_bytes());
    Envelope { protected, payload, signature }
}

fn verify_env(env: &Envelope) -> Result<VerifiedSubmission, SealError> {
    verify_submission(env.to_json().as_bytes())
}

#[test]
fn a_signed_submission_verifies_and_names_its_key() {
    let key = device_key();
    let env = sign_submission(&key, "n-1", URL, &payload()).unwrap();
    let v = verify_env(&env).unwrap();
    assert_eq!(v.payload, payload());
    assert_eq!(v.header.nonce, "n-1");
    assert_eq!(v.jkt, thumbprint(&key.verifying_key()));
    assert_eq!(v.payload_bytes, canon(&payload_value()));
    // The header on the wire is exactly the canonical header.
    assert_eq!(b64u_decode(&env.protected, Part::Protected).unwrap(), canon(&header_value(&key)));
}

#[test]
fn a_fresh_random_key_round_trips() {
    let key = generate_key();
    let env = sign_submission(&key, "n-2", URL, &payload()).unwrap();
    assert_eq!(verify_env(&env).unwrap().jkt, thumbprint(&key.verifying_key()));
    assert_ne!(random_bytes::<16>(), random_bytes::<16>());
}

#[test]
fn resigning_with_a_fresh_nonce_keeps_the_payload_bytes() {
    let key = device_key();
    let first = sign_submission(&key, "old", URL, &payload()).unwrap();
    let again = resign(&key, &first, "fresh", URL);
    assert_eq!(again.payload, first.payload);
    assert_eq!(verify_env(&again).unwrap().header.nonce, "fresh");
}

#[test]
fn the_webcrypto_path_signs_outside_rust_and_attaches() {
    use ed25519_dalek::Signer as _;
    let key = device_key();
    let unsigned = prepare_submission(&key.verifying_key(), "n-1", URL, encode_payload(&payload()).unwrap());
    let sig = key.sign(unsigned.signing_input().as_bytes()).to_bytes();
    assert!(verify_env(&unsigned.with_signature(&sig)).is_ok());
}

#[test]
fn a_tampered_payload_fails_the_signature() {
    let key = device_key();
    let mut env = sign_submission(&key, "n-1", URL, &payload()).unwrap();
    let mut changed = payload_value();
    changed["data"]["name"] = json!("Someone Else");
    env.payload = b64u_encode(&canon(&changed));
    assert_eq!(verify_env(&env).unwrap_err(), SealError::BadSignature);
}

#[test]
fn a_tampered_header_fails_the_signature() {
    let key = device_key();
    let mut env = sign_submission(&key, "n-1", URL, &payload()).unwrap();
    let mut h = header_value(&key);
    h["nonce"] = json!("n-2");
    env.protected = b64u_encode(&canon(&h));
    assert_eq!(verify_env(&env).unwrap_err(), SealError::BadSignature);
}

#[test]
fn a_signature_by_another_key_fails() {
    let env = sign_submission(&device_key(), "n-1", URL, &payload()).unwrap();
    let other = sign_submission(&SigningKey::from_bytes(&[8u8; 32]), "n-1", URL, &payload()).unwrap();
    let forged = Envelope { signature: other.signature, ..env };
    assert_eq!(verify_env(&forged).unwrap_err(), SealError::BadSignature);
}

#[test]
fn non_canonical_header_bytes_are_refused_even_when_signed() {
    let key = device_key();
    let pretty = serde_json::to_vec_pretty(&header_value(&key)).unwrap();
    let env = signed(&key, &pretty, &canon(&payload_value()));
    assert_eq!(verify_env(&env).unwrap_err(), SealError::NonCanonical(Part::Protected));
}

#[test]
fn non_canonical_payload_bytes_are_refused_even_when_signed() {
    let key = device_key();
    let mut bytes = canon(&payload_value());
    bytes.push(b' ');
    let env = signed(&key, &canon(&header_value(&key)), &bytes);
    assert_eq!(verify_env(&env).unwrap_err(), SealError::NonCanonical(Part::Payload));
    // Escaped characters that need no escape are not canonical either.
    let escaped = String::from_utf8(canon(&payload_value())).unwrap().replace("Ana", "\\u0041na");
    let env = signed(&key, &canon(&header_value(&key)), escaped.as_bytes());
    assert_eq!(verify_env(&env).unwrap_err(), SealError::NonCanonical(Part::Payload));
}

#[test]
fn duplicate_members_are_refused_wherever_they_are() {
    let key = device_key();
    let env = sign_submission(&key, "n-1", URL, &payload()).unwrap();
    let doubled = format!(
        r#"{{"protected":"{0}","protected":"{0}","payload":"{1}","signature":"{2}"}}"#,
        env.protected, env.payload, env.signature
    );
    assert_eq!(
        verify_submission(doubled.as_bytes()).unwrap_err(),
        SealError::DuplicateKey { part: Part::Envelope, key: "protected".into() }
    );
    let text = String::from_utf8(canon(&payload_value())).unwrap().replace(r#""ok":true"#, r#""ok":true,"ok":false"#);
    let env = signed(&key, &canon(&header_value(&key)), text.as_bytes());
    assert_eq!(verify_env(&env).unwrap_err(), SealError::DuplicateKey { part: Part::Payload, key: "ok".into() });
}

#[test]
fn unknown_members_are_refused_in_envelope_header_and_payload() {
    let key = device_key();
    let env = sign_submission(&key, "n-1", URL, &payload()).unwrap();
    let mut outer: Value = serde_json::from_str(&env.to_json()).unwrap();
    outer["header"] = json!({});
    assert!(matches!(
        verify_submission(outer.to_string().as_bytes()).unwrap_err(),
        SealError::Structure { part: Part::Envelope, .. }
    ));

    let mut h = header_value(&key);
    h["kid"] = json!("extra");
    let env = signed(&key, &canon(&h), &canon(&payload_value()));
    assert!(matches!(verify_env(&env).unwrap_err(), SealError::Structure { part: Part::Protected, .. }));

    let mut p = payload_value();
    p["extra"] = json!(1);
    let env = signed(&key, &canon(&header_value(&key)), &canon(&p));
    assert!(matches!(verify_env(&env).unwrap_err(), SealError::Structure { part: Part::Payload, .. }));

    let mut p = payload_value();
    p.as_object_mut().unwrap().remove("sid");
    let env = signed(&key, &canon(&header_value(&key)), &canon(&p));
    assert!(matches!(verify_env(&env).unwrap_err(), SealError::Structure { part: Part::Payload, .. }));
}

#[test]
fn base64_padding_and_foreign_alphabets_are_refused() {
    let key = device_key();
    let env = sign_submission(&key, "n-1", URL, &payload()).unwrap();
    // Padding: the header's canonical bytes are not a multiple of 3 long, so "=" is what a padded encoder adds.
    let padded = Envelope { protected: format!("{}=", env.protected), ..env.clone() };
    assert_eq!(verify_env(&padded).unwrap_err(), SealError::Base64(Part::Protected));
    let padded_sig = Envelope { signature: format!("{}==", env.signature), ..env.clone() };
    assert_eq!(verify_env(&padded_sig).unwrap_err(), SealError::Base64(Part::Signature));
    // The signature covers the payload text as sent, so a signer can sign a standard-alphabet
    // payload; the signature holds, and the decoder still refuses it.
    use ed25519_dalek::Signer as _;
    let std_payload = b64u_encode(&canon(&payload_value())).replace('-', "+").replace('_', "/") + "+/";
    let std_sig = b64u_encode(&key.sign(format!("{}.{}", env.protected, std_payload).as_bytes()).to_bytes());
    let std_alphabet = Envelope { payload: std_payload, signature: std_sig, ..env.clone() };
    assert_eq!(verify_env(&std_alphabet).unwrap_err(), SealError::Base64(Part::Payload));
    let std_header = Envelope { protected: env.protected.clone() + "+/", ..env.clone() };
    assert_eq!(verify_env(&std_header).unwrap_err(), SealError::Base64(Part::Protected));
    let junk = Envelope { protected: format!("{}*", env.protected), ..env };
    assert_eq!(verify_env(&junk).unwrap_err(), SealError::Base64(Part::Protected));
}

fn with_header(change: impl Fn(&mut Value)) -> Result<VerifiedSubmission, SealError> {
    let key = device_key();
    let mut h = header_value(&key);
    change(&mut h);
    verify_env(&signed(&key, &canon(&h), &canon(&payload_value())))
}

#[test]
fn only_ed25519_okp_and_the_submission_typ_are_accepted() {
    assert_eq!(with_header(|h| h["alg"] = json!("EdDSA")).unwrap_err(), SealError::Alg("EdDSA".into()));
    assert_eq!(with_header(|h| h["alg"] = json!("none")).unwrap_err(), SealError::Alg("none".into()));
    assert!(matches!(with_header(|h| h["typ"] = json!("JWT")).unwrap_err(), SealError::Typ { .. }));
    assert!(matches!(with_header(|h| h["typ"] = json!("careform-receipt+jws")).unwrap_err(), SealError::Typ { .. }));
    assert_eq!(with_header(|h| h["jwk"]["kty"] = json!("EC")).unwrap_err(), SealError::Kty("EC".into()));
    assert_eq!(with_header(|h| h["jwk"]["crv"] = json!("Ed448")).unwrap_err(), SealError::Crv("Ed448".into()));
}

#[test]
fn keys_of_the_wrong_length_or_weak_keys_are_refused() {
    assert_eq!(with_header(|h| h["jwk"]["x"] = json!(b64u_encode(&[5u8; 31]))).unwrap_err(), SealError::KeyLength(31));
    assert_eq!(with_header(|h| h["jwk"]["x"] = json!(b64u_encode(&[5u8; 33]))).unwrap_err(), SealError::KeyLength(33));
    // The identity point (y = 1) has order 1: a signature "valid" for every message is easy.
    let mut identity = [0u8; 32];
    identity[0] = 1;
    assert_eq!(with_header(|h| h["jwk"]["x"] = json!(b64u_encode(&identity))).unwrap_err(), SealError::WeakKey);
}

#[test]
fn a_63_byte_signature_is_refused() {
    let mut env = sign_submission(&device_key(), "n-1", URL, &payload()).unwrap();
    let sig = b64u_decode(&env.signature, Part::Signature).unwrap();
    env.signature = b64u_encode(&sig[..63]);
    assert_eq!(verify_env(&env).unwrap_err(), SealError::SignatureLength(63));
}

#[test]
fn floats_and_huge_integers_in_data_are_refused() {
    let key = device_key();
    for (value, path) in [
        (json!(1.5), "data.amount"),
        (json!(9_007_199_254_740_992_u64), "data.amount"),
        (json!([1, 2, 0.1]), "data.amount[2]"),
    ] {
        let mut p = payload_value();
        p["data"]["amount"] = value;
        let env = signed(&key, &canon(&header_value(&key)), &canon(&p));
        assert_eq!(verify_env(&env).unwrap_err(), SealError::FloatInData(path.into()));
        // And the signer refuses to make one.
        let typed: SubmissionPayload = serde_json::from_value(p).unwrap();
        assert_eq!(encode_payload(&typed).unwrap_err(), SealError::FloatInData(path.into()));
    }
    let mut p = payload_value();
    p["data"]["amount"] = json!(-9_007_199_254_740_991_i64);
    assert!(verify_env(&signed(&key, &canon(&header_value(&key)), &canon(&p))).is_ok());
}

#[test]
fn payload_values_are_checked_after_the_types() {
    let key = device_key();
    let cases: [(&str, Value); 4] = [
        ("v", json!(2)),
        ("sid", json!(b64u_encode(&[1u8; 15]))),
        ("iat", json!(-1)),
        (
            "attestations",
            json!([{ "id": "c", "version": "1", "text_sha256": b64u_encode(&[2u8; 32]), "accepted": false }]),
        ),
    ];
    for (field, value) in cases {
        let mut p = payload_value();
        p[field] = value;
        let err = verify_env(&signed(&key, &canon(&header_value(&key)), &canon(&p))).unwrap_err();
        assert!(matches!(err, SealError::Version(2) | SealError::Field { .. }), "{field}: {err:?}");
    }
}

#[test]
fn rfc8037_appendix_a_ed25519_example() {
    let d = b64u_decode("nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A", Part::Jwks).unwrap();
    let key = SigningKey::from_bytes(&d.try_into().unwrap());
    assert_eq!(b64u_encode(key.verifying_key().as_bytes()), "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo");
    assert_eq!(thumbprint(&key.verifying_key()), "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
    use ed25519_dalek::Signer as _;
    let input = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc";
    assert_eq!(
        b64u_encode(&key.sign(input.as_bytes()).to_bytes()),
        "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg"
    );
}

fn receipt_payload(seq: u64, prev: Option<String>) -> ReceiptPayload {
    ReceiptPayload {
        v: 1,
        iss: "https://careform.example.gov.uk".into(),
        reference: "CF-7K3M-Q9XD".into(),
        seq,
        prev,
        received_at: "2026-11-23T16:00:00Z".into(),
        submission: ReceiptSubmission {
            sid: b64u_encode(&[9u8; 16]),
            jkt: thumbprint(&device_key().verifying_key()),
            form: payload().form,
            payload_sha256: b64u_encode(&[3u8; 32]),
            jws_sha256: b64u_encode(&[4u8; 32]),
            origin: None,
        },
        report_sha256: None,
    }
}

#[test]
fn receipts_may_commit_to_the_origin_and_verdict_and_older_ones_still_verify() {
    let server = SigningKey::from_bytes(&[42u8; 32]);
    let jwks = Jwks { keys: vec![Jwk::from_key(&server.verifying_key())] };
    // The older shape: neither member is written, so its bytes are what older servers signed.
    let old = sign_receipt(&server, &receipt_payload(1, None)).unwrap();
    let old_json = String::from_utf8(b64u_decode(&old.payload, Part::Payload).unwrap()).unwrap();
    assert!(!old_json.contains("origin") && !old_json.contains("report_sha256"), "{old_json}");
    assert_eq!(verify_receipt(old.to_json().as_bytes(), &jwks).unwrap().payload, receipt_payload(1, None));

    let mut p = receipt_payload(1, None);
    p.submission.origin = Some("https://council.example".into());
    p.report_sha256 = Some(b64u_encode(&[7u8; 32]));
    let new = sign_receipt(&server, &p).unwrap();
    assert_eq!(verify_receipt(new.to_json().as_bytes(), &jwks).unwrap().payload, p);
    p.report_sha256 = Some("not a hash".into());
    assert!(matches!(sign_receipt(&server, &p), Err(SealError::Field { field: "report_sha256", .. })));
}

#[test]
fn receipts_verify_against_the_published_key_set_only() {
    let server = SigningKey::from_bytes(&[42u8; 32]);
    let jwks = Jwks { keys: vec![Jwk::from_key(&server.verifying_key())] };
    let jwks = Jwks::from_json(serde_json::to_string(&jwks).unwrap().as_bytes()).unwrap();
    let receipt = sign_receipt(&server, &receipt_payload(1, None)).unwrap();
    let v = verify_receipt(receipt.to_json().as_bytes(), &jwks).unwrap();
    assert_eq!(v.payload, receipt_payload(1, None));
    assert_eq!(v.header.kid, thumbprint(&server.verifying_key()));

    let stranger = Jwks { keys: vec![Jwk::from_key(&SigningKey::from_bytes(&[43u8; 32]).verifying_key())] };
    assert!(matches!(verify_receipt(receipt.to_json().as_bytes(), &stranger).unwrap_err(), SealError::UnknownKid(_)));

    let mut tampered = receipt.clone();
    let mut p = receipt_payload(1, None);
    p.reference = "CF-0000-0000".into();
    tampered.payload = b64u_encode(&canonicalize_serializable(&p));
    assert_eq!(verify_receipt(tampered.to_json().as_bytes(), &jwks).unwrap_err(), SealError::BadSignature);
}

#[test]
fn a_receipt_chain_link_is_null_exactly_for_the_first() {
    let server = SigningKey::from_bytes(&[42u8; 32]);
    assert!(sign_receipt(&server, &receipt_payload(2, Some(b64u_encode(&[5u8; 32])))).is_ok());
    assert!(matches!(sign_receipt(&server, &receipt_payload(2, None)), Err(SealError::Field { field: "prev", .. })));
    assert!(matches!(
        sign_receipt(&server, &receipt_payload(1, Some(b64u_encode(&[5u8; 32])))),
        Err(SealError::Field { field: "prev", .. })
    ));
}
