//! One simulated widget: its own device key and keep-alive connection, chaining each response's
//! `next_nonce` into the next signed submission, as the widgets do.

use std::time::{Duration, Instant};

use careform_seal::{FormRef, SigningKey, SubmissionPayload, b64u_encode, random_bytes, sign_submission};
use serde_json::{Value, json};

use crate::server::ORIGIN;

/// What one client saw.
#[derive(Default)]
pub struct Tally {
    /// Per acknowledged (201) submission: when the answer came and how long the POST took.
    pub acknowledged: Vec<(Instant, Duration)>,
    /// Every receipt received, for checking after the clock stops.
    pub receipts: Vec<Value>,
    /// Answers other than 201, by status and error code.
    pub failures: Vec<String>,
}

/// What every client shares.
pub struct Plan {
    /// The instances' base URLs; a client moves to the next one after each submission, as a
    /// round-robin load balancer would (the nonce it carries was issued by another instance).
    pub bases: Vec<String>,
    /// The audience and the URL the header names.
    pub public_url: String,
    /// The demo form as the server knows it.
    pub form: FormRef,
    /// When clients stop sending.
    pub until: Instant,
}

/// The demo form's reference, with the hash the server expects.
pub fn demo_form() -> FormRef {
    let def = careform_rules::form("careform-demo", "1").expect("the demo form exists");
    FormRef {
        id: def.id.into(),
        version: def.version.into(),
        sha256: careform_seal::sha256_b64u(&careform_seal::canonicalize_serializable(def)),
    }
}

/// Submits until `plan.until`; client number `n` starts on instance `n % instances`.
pub async fn run(plan: std::sync::Arc<Plan>, n: usize) -> Tally {
    let mut tally = Tally::default();
    let http = reqwest::Client::builder().pool_max_idle_per_host(1).build().expect("an HTTP client");
    let key: SigningKey = careform_seal::generate_key();
    let mut turn = n;
    let mut nonce = match fetch_nonce(&http, &plan.bases[turn % plan.bases.len()]).await {
        Ok(nonce) => nonce,
        Err(e) => {
            tally.failures.push(e);
            return tally;
        }
    };
    while Instant::now() < plan.until {
        let base = &plan.bases[turn % plan.bases.len()];
        turn += 1;
        let body = envelope(&plan, &key, &nonce);
        let started = Instant::now();
        let sent = http
            .post(format!("{base}/v1/submissions"))
            .header("Content-Type", "application/jose+json")
            .header("Origin", ORIGIN)
            .body(body)
            .send()
            .await;
        let (status, answer) = match sent {
            Ok(r) => (r.status().as_u16(), r.bytes().await.map(|b| serde_json::from_slice::<Value>(&b))),
            Err(e) => {
                tally.failures.push(format!("request failed: {e}"));
                return tally;
            }
        };
        let done = Instant::now();
        let answer = match answer {
            Ok(Ok(v)) => v,
            _ => {
                tally.failures.push(format!("{status} with an unreadable body"));
                return tally;
            }
        };
        let next = if status == 201 { &answer["next_nonce"] } else { &answer["nonce"] };
        if status == 201 {
            tally.acknowledged.push((done, done - started));
            tally.receipts.push(answer["receipt"].clone());
        } else {
            tally.failures.push(format!("{status} {}", answer["error"]));
        }
        // A refusal that carries no fresh nonce (anything but badNonce) ends this client.
        let Some(fresh) = next.as_str() else { return tally };
        nonce = fresh.to_owned();
    }
    tally
}

async fn fetch_nonce(http: &reqwest::Client, base: &str) -> Result<String, String> {
    let r = http
        .get(format!("{base}/v1/nonce"))
        .header("Origin", ORIGIN)
        .send()
        .await
        .map_err(|e| format!("nonce: {e}"))?;
    let body: Value = serde_json::from_slice(&r.bytes().await.map_err(|e| format!("nonce: {e}"))?)
        .map_err(|e| format!("nonce: {e}"))?;
    body["nonce"].as_str().map(str::to_owned).ok_or_else(|| format!("nonce: no nonce in {body}"))
}

/// How long this machine takes to verify one demo submission as the server does (parse, canonical
/// check, Ed25519): a yardstick printed with the figures, so runs on different machines compare.
pub fn verify_cost(public_url: &str) -> Duration {
    const ROUNDS: u32 = 2_000;
    let plan = Plan { bases: vec![], public_url: public_url.into(), form: demo_form(), until: Instant::now() };
    let body = envelope(&plan, &careform_seal::generate_key(), "calibration-nonce");
    let started = Instant::now();
    for _ in 0..ROUNDS {
        careform_seal::verify_submission(std::hint::black_box(body.as_bytes())).expect("a fresh envelope verifies");
    }
    started.elapsed() / ROUNDS
}

/// A fresh signed submission of the demo form (a new `sid` each time).
fn envelope(plan: &Plan, key: &SigningKey, nonce: &str) -> String {
    let payload = SubmissionPayload {
        v: 1,
        form: plan.form.clone(),
        origin: ORIGIN.into(),
        aud: plan.public_url.clone(),
        iat: chrono::Utc::now().timestamp(),
        sid: b64u_encode(&random_bytes::<16>()),
        data: json!({ "name": "Ana Smith", "message": "Load benchmark" }).as_object().expect("an object").clone(),
        attestations: vec![],
    };
    let url = format!("{}/v1/submissions", plan.public_url);
    sign_submission(key, nonce, &url, &payload).expect("signing a well-formed payload").to_json()
}
