//! A webhook delivery: the stored submission (its verified payload, the envelope as received, the
//! receipt and the server's report) as a JWS signed with the server's receipt key, so the
//! receiver verifies it against `/.well-known/jwks.json` exactly as it would a receipt.

use std::time::Duration;

use careform_seal::{Envelope, Part, SigningKey, b64u_decode};
use serde_json::{Value, json};

use crate::store::Record;

/// The `typ` of a delivery's protected header (a receipt's is `careform-receipt+jws`).
pub const DELIVERY_TYP: &str = "careform-delivery+jws";
/// The header carrying the delivery id (also `delivery_id` in the signed body).
pub const ID_HEADER: &str = "Careform-Delivery-Id";

/// The delivery id of a record: its reference, unique per submission and the same on every
/// retry, so a receiver drops what it has seen.
pub fn delivery_id(record: &Record) -> &str {
    &record.reference
}

/// The signed body for `record`. A purged submission (its envelope blanked) is still delivered,
/// with `payload` and `submission` null: the receipt alone.
pub fn body(key: &SigningKey, issuer: &str, record: &Record) -> Result<Envelope, String> {
    let submission = Envelope::from_json(record.envelope.as_bytes()).ok();
    let payload: Option<Value> = submission
        .as_ref()
        .and_then(|e| b64u_decode(&e.payload, Part::Payload).ok())
        .and_then(|bytes| serde_json::from_slice(&bytes).ok());
    let report: Value = serde_json::from_str(&record.report).unwrap_or(Value::Null);
    let receipt: Value =
        serde_json::from_str(&record.receipt).map_err(|e| format!("stored receipt is corrupt: {e}"))?;
    let body = json!({
        "v": 1,
        "delivery_id": delivery_id(record),
        "iss": issuer,
        "reference": record.reference,
        "seq": record.seq,
        "form": { "id": record.form_id, "version": record.form_version },
        "received_at": record.received_at,
        "verdict": report.get("outcome").cloned().unwrap_or(Value::Null),
        "payload": payload,
        "submission": submission,
        "receipt": receipt,
        "report": report,
    });
    Ok(careform_seal::sign_as_server(key, DELIVERY_TYP, &body))
}

/// The client every webhook goes through: no redirects (a 3xx is a failure, never a hop to an
/// address the council did not configure), and a whole-request timeout.
pub fn client(timeout: Duration) -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(timeout)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("careform/", env!("CARGO_PKG_VERSION")))
        .build()
        .expect("a client with a timeout and no redirects builds")
}

/// POSTs one delivery; `Ok` only for a 2xx. The response body is never read.
pub async fn post(client: &reqwest::Client, url: &str, id: &str, body: String) -> Result<(), String> {
    let sent = client
        .post(url)
        .header(reqwest::header::CONTENT_TYPE, "application/jose+json")
        .header(ID_HEADER, id)
        .body(body)
        .send()
        .await;
    match sent {
        Ok(r) if r.status().is_success() => Ok(()),
        Ok(r) => Err(format!("the endpoint answered HTTP {}", r.status())),
        Err(e) if e.is_timeout() => Err("no answer before the timeout".into()),
        Err(e) if e.is_connect() => Err(format!("cannot connect: {}", source_chain(&e))),
        Err(e) => Err(format!("request failed: {}", source_chain(&e))),
    }
}

/// reqwest's own message names only the outermost error; the cause is what an officer can act on.
fn source_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        text.push_str(": ");
        text.push_str(&c.to_string());
        cause = c.source();
    }
    text
}
