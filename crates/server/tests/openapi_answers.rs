//! Each documented operation's answers from a real `careform serve`, successes and refusals,
//! validate against `/v1/openapi.json` (`common::openapi::check` runs on every one: a status the
//! document does not list, a body member it does not name, or an error code it does not list
//! fails here). The signed parts are decoded and validated against their schemas too.

mod common;

use careform_seal::{Part, b64u_decode};
use common::openapi::{assert_valid, check};
use common::*;
use reqwest::Method;
use serde_json::{Value, json};

/// Sends a request, holds its answer to the document, and gives back status and JSON body.
fn send(method: Method, url: &str, origin: Option<&str>, body: Option<Vec<u8>>) -> (u16, Value) {
    let mut req = http().request(method.clone(), url);
    if let Some(o) = origin {
        req = req.header("Origin", o);
    }
    if let Some(b) = body {
        req = req.header("Content-Type", "application/octet-stream").body(b);
    }
    let r = req.send().unwrap();
    let status = r.status().as_u16();
    let body = r.json::<Value>().unwrap_or(Value::Null);
    check(method.as_str(), url, status, &body);
    (status, body)
}

/// The decoded JSON of a base64url part.
fn decoded(part: &Value) -> Value {
    serde_json::from_slice(&b64u_decode(part.as_str().unwrap(), Part::Payload).unwrap()).unwrap()
}

#[test]
fn nonces_forms_jwks_and_files_answer_as_documented() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &[]);
    let b = &server.base;

    assert_eq!(send(Method::GET, &format!("{b}/v1/nonce"), Some(ORIGIN), None).0, 200);
    assert_eq!(send(Method::GET, &format!("{b}/v1/nonce"), None, None).1["error"], "originRequired");
    assert_eq!(send(Method::GET, &format!("{b}/v1/nonce?origin=nowhere"), None, None).1["error"], "badOrigin");
    let (status, body) = send(Method::GET, &format!("{b}/v1/nonce"), Some("https://elsewhere.example"), None);
    assert_eq!((status, body["error"].as_str()), (403, Some("originNotAllowed")));

    let (status, list) = send(Method::GET, &format!("{b}/v1/forms"), None, None);
    assert_eq!(status, 200);
    for form in list["forms"].as_array().unwrap() {
        assert_eq!(send(Method::GET, &format!("{b}/v1/forms/{}", form["id"].as_str().unwrap()), None, None).0, 200);
    }
    assert_eq!(send(Method::GET, &format!("{b}/v1/forms/no-such-form"), None, None).0, 404);
    assert_eq!(send(Method::GET, &format!("{b}/.well-known/jwks.json"), None, None).0, 200);
    assert_eq!(send(Method::GET, &format!("{b}/v1/openapi.json"), None, None).0, 200);

    let pdf = samples::pdf("evidence");
    let sha256 = careform_rules::files::sha256_hex(&pdf);
    let upload = format!("{b}/v1/files?form=careform-demo");
    assert_eq!(send(Method::HEAD, &format!("{b}/v1/files/{sha256}"), None, None).0, 404);
    let (status, stored) = send(Method::POST, &upload, Some(ORIGIN), Some(pdf.clone()));
    assert_eq!((status, stored["sha256"].as_str()), (201, Some(sha256.as_str())));
    assert_eq!(send(Method::POST, &upload, Some(ORIGIN), Some(pdf.clone())).0, 200);
    assert_eq!(send(Method::HEAD, &format!("{b}/v1/files/{sha256}"), None, None).0, 200);
    assert_eq!(send(Method::HEAD, &format!("{b}/v1/files/NOT-A-HASH"), None, None).0, 400);
    assert_eq!(
        send(Method::POST, &format!("{b}/v1/files"), Some(ORIGIN), Some(pdf.clone())).1["error"],
        "formRequired"
    );
    assert_eq!(
        send(Method::POST, &format!("{b}/v1/files?form=nope"), Some(ORIGIN), Some(pdf.clone())).1["error"],
        "unknownForm"
    );
    assert_eq!(send(Method::POST, &upload, Some("https://elsewhere.example"), Some(pdf)).0, 403);
    let (status, body) = send(Method::POST, &upload, Some(ORIGIN), Some(b"just text".to_vec()));
    assert_eq!((status, body["error"].as_str()), (415, Some("unsupportedFileType")));
    // 413 fileTooLarge and 503 busy are checked in process by tests/uploads.rs (over a socket the
    // server answers 413 before the body is sent and closes, so the client may see a broken pipe).
}

#[test]
fn submissions_and_their_refusals_answer_as_documented() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &[]);
    let b = &server.base;
    let key = careform_seal::generate_key();

    // Accepted, then retried: the receipt's parts are what the document says they are.
    let envelope = fresh_submission(&key, b, hello());
    let (status, first) = post(b, &envelope.to_json());
    assert_eq!(status, 201, "{first}");
    assert_valid("/components/schemas/ReceiptHeader", &decoded(&first["receipt"]["protected"]));
    assert_valid("/components/schemas/ReceiptPayload", &decoded(&first["receipt"]["payload"]));
    assert_valid("/components/schemas/SubmissionHeader", &decoded(&json!(envelope.protected)));
    assert_valid("/components/schemas/SubmissionPayload", &decoded(&json!(envelope.payload)));
    assert_eq!(post(b, &envelope.to_json()).0, 200);

    // Refusals: each code's body validates, whatever members it carries.
    let mut tampered = fresh_submission(&key, b, hello());
    tampered.signature = careform_seal::b64u_encode(&[7u8; 64]);
    assert_eq!(post(b, &tampered.to_json()).1["error"], "badSignature");
    let spent = sign(&key, b, "spent-nonce", &payload(b, &new_sid(), hello()));
    let (status, body) = post(b, &spent.to_json());
    assert_eq!((status, body["error"].as_str()), (400, Some("badNonce")));
    assert!(body["nonce"].is_string());
    let mut elsewhere = payload(b, &new_sid(), hello());
    elsewhere.aud = "https://another.example".into();
    assert_eq!(post(b, &sign(&key, b, &nonce(b, ORIGIN), &elsewhere).to_json()).1["error"], "badAudience");
    let (_, body) =
        post_raw(b, fresh_submission(&key, b, hello()).to_json().into_bytes(), "application/jose+json", Some(b));
    assert_eq!(body["error"], "originMismatch");
    assert_eq!(post(b, "{}").1["error"], "badStructure");
    assert_eq!(post(b, "not json").1["error"], "badJson");
    assert_eq!(post_raw(b, b"{}".to_vec(), "text/plain", Some(ORIGIN)).0, 415);
    assert_eq!(post_raw(b, vec![b' '; 300 * 1024], "application/jose+json", Some(ORIGIN)).0, 413);

    let mut reused = payload(b, decoded(&json!(envelope.payload))["sid"].as_str().unwrap(), hello());
    reused.data.insert("message".into(), json!("other content"));
    assert_eq!(post(b, &sign(&key, b, &nonce(b, ORIGIN), &reused).to_json()).1["error"], "sidReused");
    let (status, body) = post(b, &fresh_submission(&key, b, json!({ "name": 12 })).to_json());
    assert_eq!((status, body["error"].as_str()), (422, Some("invalidData")), "{body}");
    let mut wrong_form = payload(b, &new_sid(), hello());
    wrong_form.form.sha256 = careform_seal::sha256_b64u(b"another definition");
    assert_eq!(post(b, &sign(&key, b, &nonce(b, ORIGIN), &wrong_form).to_json()).1["error"], "formMismatch");
}

#[test]
fn the_rate_limit_answers_as_documented() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &["--rate-limit-per-minute", "1"]);
    let url = format!("{}/v1/forms", server.base);
    assert_eq!(send(Method::GET, &url, None, None).0, 200);
    let (status, body) = send(Method::GET, &url, None, None);
    assert_eq!((status, body["error"].as_str()), (429, Some("rateLimited")));
}
