//! Property-based fuzzing of what reads bytes from the network: the envelope parser, signature
//! verification of submissions and receipts, and the canonical JSON check. Every network byte is
//! hostile: whatever comes in, these return a clean error (a code and a message) or a verified
//! value, never panic; a signed envelope changed anywhere never verifies; canonical JSON
//! round-trips and is idempotent. `CAREFORM_FUZZ_CASES=N` runs N cases per property by hand.

// Natively only: the harness needs the clock and threads, and fuzzing gains nothing in the browser.
#![cfg(not(target_arch = "wasm32"))]

mod fuzz_support;

use careform_seal::{
    Envelope, FormRef, Jwk, Jwks, Part, ReceiptPayload, ReceiptSubmission, SealError, SigningKey, SubmissionPayload,
    b64u_encode, canonicalize, parse_canonical, parse_strict, sign_receipt, sign_submission, verify_receipt,
    verify_submission,
};
use ed25519_dalek::Signer as _;
use fuzz_support::{apply, edits, json_value, run};
use proptest::prelude::*;
use serde_json::{Value, json};

const URL: &str = "https://forms.example.gov.uk/v1/submissions";

fn key(seed: u8) -> SigningKey {
    SigningKey::from_bytes(&[seed; 32])
}

fn valid_payload() -> SubmissionPayload {
    SubmissionPayload {
        v: 1,
        form: FormRef { id: "careform-demo".into(), version: "1".into(), sha256: b64u_encode(&[1; 32]) },
        origin: "https://council.example".into(),
        aud: "https://forms.example.gov.uk".into(),
        iat: 1_790_000_000,
        sid: b64u_encode(&[2; 16]),
        data: fuzz_support::object(json!({ "name": "Ana Smith", "items": [1, 2, { "k": "v" }], "ok": true })),
        attestations: vec![],
    }
}

fn valid_submission() -> Envelope {
    sign_submission(&key(7), "bm9uY2U", URL, &valid_payload()).unwrap()
}

fn valid_receipt() -> Envelope {
    let receipt = ReceiptPayload {
        v: 1,
        iss: "https://forms.example.gov.uk".into(),
        reference: "CF-7K3M-Q9XD".into(),
        seq: 2,
        prev: Some(b64u_encode(&[3; 32])),
        received_at: "2026-12-07T01:02:03Z".into(),
        report_sha256: Some(b64u_encode(&[7; 32])),
        submission: ReceiptSubmission {
            sid: b64u_encode(&[2; 16]),
            jkt: b64u_encode(&[4; 32]),
            form: valid_payload().form,
            payload_sha256: b64u_encode(&[5; 32]),
            jws_sha256: b64u_encode(&[6; 32]),
            origin: Some("https://council.example.gov.uk".into()),
        },
    };
    sign_receipt(&key(9), &receipt).unwrap()
}

fn jwks() -> Jwks {
    Jwks { keys: vec![Jwk::from_key(&key(9).verifying_key())] }
}

/// A clean error: a stable code from the documented set and a message for people.
fn assert_clean(e: &SealError) {
    assert!(SealError::CODES.contains(&e.code()), "undocumented code {:?} for {e}", e.code());
    assert!(!e.to_string().trim().is_empty(), "{e:?} has no message");
}

/// Every parser over the same bytes.
fn parse_everything(bytes: &[u8]) {
    for result in [
        verify_submission(bytes).map(|_| ()),
        verify_receipt(bytes, &jwks()).map(|_| ()),
        Envelope::from_json(bytes).map(|_| ()),
        parse_strict(bytes, Part::Payload).map(|_| ()),
        parse_canonical(bytes, Part::Payload).map(|_| ()),
    ] {
        if let Err(e) = result {
            assert_clean(&e);
        }
    }
}

/// Bytes and JSON text that are envelopes in shape: three members whose parts are random.
fn envelope_like() -> impl Strategy<Value = Vec<u8>> {
    let part = prop_oneof![
        json_value().prop_map(|v| b64u_encode(&canonicalize(&v))),
        prop::collection::vec(any::<u8>(), 0..96).prop_map(|b| b64u_encode(&b)),
        any::<String>(),
    ];
    (part.clone(), part.clone(), part).prop_map(|(protected, payload, signature)| {
        json!({ "protected": protected, "payload": payload, "signature": signature }).to_string().into_bytes()
    })
}

#[test]
fn any_bytes_get_a_clean_answer() {
    let bytes = prop_oneof![
        prop::collection::vec(any::<u8>(), 0..512),
        json_value().prop_map(|v| v.to_string().into_bytes()),
        envelope_like(),
    ];
    run("seal: any bytes", 600, bytes, |bytes| {
        parse_everything(&bytes);
        Ok(())
    });
}

/// Header and payload edited at random and then properly signed: past the signature, the
/// header and payload checks must hold on their own.
#[test]
fn signed_random_headers_and_payloads_get_a_clean_answer() {
    let valid = valid_submission();
    let header: Value =
        serde_json::from_slice(&careform_seal::b64u_decode(&valid.protected, Part::Protected).unwrap()).unwrap();
    let payload = serde_json::to_value(valid_payload()).unwrap();
    run("seal: signed random parts", 400, (prop::option::of(edits(2)), edits(3)), |(header_edits, payload_edits)| {
        let mut header = header.clone();
        if let Some(e) = &header_edits {
            apply(&mut header, e);
        }
        let mut payload = payload.clone();
        apply(&mut payload, &payload_edits);
        let protected = b64u_encode(&canonicalize(&header));
        let payload_bytes = canonicalize(&payload);
        let payload_b64 = b64u_encode(&payload_bytes);
        let signature = b64u_encode(&key(7).sign(format!("{protected}.{payload_b64}").as_bytes()).to_bytes());
        let envelope = Envelope { protected, payload: payload_b64, signature };
        match verify_submission(envelope.to_json().as_bytes()) {
            Err(e) => assert_clean(&e),
            // What verifies is exactly what was signed.
            Ok(v) => {
                prop_assert_eq!(&v.payload_bytes, &payload_bytes);
                prop_assert_eq!(careform_seal::canonicalize_serializable(&v.payload), payload_bytes);
            }
        }
        Ok(())
    });
}

/// One byte of a signed submission or receipt changed, inserted or removed, or one character
/// of one of its parts replaced: it never verifies as anything but the original.
#[test]
fn a_changed_envelope_never_verifies() {
    let (submission, receipt) = (valid_submission(), valid_receipt());
    let verify = |is_receipt: bool, bytes: &[u8]| {
        if is_receipt {
            verify_receipt(bytes, &jwks()).map(|v| v.envelope)
        } else {
            verify_submission(bytes).map(|v| v.envelope)
        }
    };
    let cases = (any::<bool>(), any::<usize>(), any::<u8>(), 0u8..4);
    run("seal: changed envelopes", 1000, cases, |(is_receipt, at, byte, how)| {
        let original = if is_receipt { &receipt } else { &submission };
        let mut bytes = original.to_json().into_bytes();
        let i = at % bytes.len();
        match how {
            0 => bytes[i] = byte,
            1 => bytes[i] ^= 1 << (byte % 8),
            2 => bytes.insert(i, byte),
            _ => {
                bytes.remove(i);
            }
        }
        match verify(is_receipt, &bytes) {
            Err(e) => assert_clean(&e),
            Ok(envelope) => prop_assert_eq!(&envelope, original, "a changed envelope verified"),
        }
        // Within the base64url parts: any other character there breaks the signature.
        let mut parts = [original.protected.clone(), original.payload.clone(), original.signature.clone()];
        let part = &mut parts[at % 3];
        let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let j = (at / 3) % part.len();
        let replacement = char::from(alphabet[usize::from(byte) % 64]);
        if char::from(part.as_bytes()[j]) != replacement {
            part.replace_range(j..=j, &replacement.to_string());
            let [protected, payload, signature] = parts;
            let changed = Envelope { protected, payload, signature }.to_json();
            prop_assert!(verify(is_receipt, changed.as_bytes()).is_err(), "a part changed at {} still verifies", j);
        }
        Ok(())
    });
}

/// Canonical bytes parse back as canonical, to the same bytes; without floats or integers
/// beyond ±2^53 (which I-JSON cannot carry exactly) to the same value; and any other spelling
/// of the value is refused as not canonical.
#[test]
fn canonical_json_round_trips_and_is_idempotent() {
    run("seal: canonical JSON", 600, json_value(), |v| {
        let c = canonicalize(&v);
        let parsed = parse_canonical(&c, Part::Payload);
        prop_assert!(parsed.is_ok(), "canonical bytes refused: {:?}", parsed);
        let parsed = parsed.unwrap();
        prop_assert_eq!(canonicalize(&parsed), c.clone());
        if exact(&v) {
            prop_assert_eq!(&parsed, &v);
        }
        let pretty = serde_json::to_vec_pretty(&v).unwrap();
        if pretty != c {
            prop_assert!(matches!(parse_canonical(&pretty, Part::Payload), Err(SealError::NonCanonical(_))));
        }
        Ok(())
    });
}

/// Whether `v` survives I-JSON exactly: no floats, no integers beyond ±2^53.
fn exact(v: &Value) -> bool {
    match v {
        Value::Number(n) => n.as_i64().is_some_and(|i| i.unsigned_abs() < 1 << 53),
        Value::Array(a) => a.iter().all(exact),
        Value::Object(m) => m.values().all(exact),
        _ => true,
    }
}
