//! Receiving one submission: verify, check it belongs here, re-check the rules, store, sign a receipt.
//! Plain functions over the store, so the HTTP layer stays thin.

use careform_seal::{
    Envelope, ReceiptPayload, ReceiptSubmission, SigningKey, VerifiedSubmission, b64u_encode,
    canonicalize_serializable, random_bytes, sha256_b64u, sign_receipt, verify_submission,
};
use chrono::{DateTime, Utc};

use crate::config::Config;
use crate::reference;
use crate::store::{Appended, Claim, NextNonce, Record, Store, StoreError};

/// How long a nonce stays valid.
pub const NONCE_TTL_SECS: i64 = 15 * 60;

/// A fresh nonce: 128 random bits, base64url.
pub fn new_nonce() -> String {
    b64u_encode(&random_bytes::<16>())
}

/// How far in the future a submission's `iat` may be (clock skew on the person's device).
const MAX_FUTURE_SKEW_SECS: i64 = 300;

/// Why a submission was refused; each maps to one HTTP status.
#[derive(Debug)]
pub enum Refusal {
    /// 400: the envelope itself is bad.
    Malformed {
        /// Machine-readable code.
        code: &'static str,
        /// What is wrong, for people.
        detail: String,
    },
    /// 400: the nonce was unknown, used, expired or for another origin; carries the payload's origin.
    BadNonce(String),
    /// 403: this origin may not submit this form.
    OriginNotAllowed(String),
    /// 422: the `sid` is taken by other content.
    SidReused,
    /// 422: the data does not fit the form, or the form is unknown.
    Invalid {
        /// Machine-readable code.
        code: &'static str,
        /// What is wrong, for people.
        detail: String,
        /// Field name and problem, one per field.
        problems: Vec<(String, String)>,
    },
    /// 422: the server's own check of a form that must be complete came out `fail`.
    RulesFailed(Box<careform_rules::Report>),
    /// 500: the store failed; nothing was acknowledged.
    Store(StoreError),
}

impl From<StoreError> for Refusal {
    fn from(e: StoreError) -> Self {
        Refusal::Store(e)
    }
}

/// What an accepted submission came to.
#[derive(Debug)]
pub enum Accepted {
    /// Stored now (201), with the nonce issued alongside for the device's next submission.
    New {
        /// What was stored.
        record: Record,
        /// Live for `origin` from the same commit as the record.
        next_nonce: String,
    },
    /// Stored before, same content (200).
    Retry(Record),
}

/// Runs the whole pipeline for one body. `request_origin` is the HTTP `Origin` header, if sent.
pub fn receive(
    config: &Config,
    store: &dyn Store,
    key: &SigningKey,
    body: &[u8],
    request_origin: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Accepted, Refusal> {
    let verified = verify_submission(body).map_err(|e| Refusal::Malformed { code: e.code(), detail: e.to_string() })?;
    let p = &verified.payload;

    if verified.header.url != config.submissions_url() {
        return Err(malformed("badUrl", format!("the header's url must be {}", config.submissions_url())));
    }
    if p.aud != config.public_url {
        return Err(malformed("badAudience", format!("aud must be {}", config.public_url)));
    }
    if let Some(o) = request_origin
        && o != p.origin
    {
        return Err(malformed(
            "originMismatch",
            format!("the request came from {o} but the payload names {}", p.origin),
        ));
    }
    if !config.origin_allowed(&p.form.id, &p.origin) {
        return Err(Refusal::OriginNotAllowed(format!("{} may not submit the form {:?}", p.origin, p.form.id)));
    }
    if p.iat > now.timestamp() + MAX_FUTURE_SKEW_SECS {
        return Err(malformed("badIat", "iat is in the future; check the device's clock".into()));
    }

    // A retry of a stored submission gets its receipt back whatever its nonce: the first
    // attempt spent the nonce, and its response may be what the network lost.
    let payload_sha256 = sha256_b64u(&verified.payload_bytes);
    if let Some(existing) = store.find_by_sid(&p.sid)? {
        return same_content(existing, &verified.jkt, &payload_sha256);
    }

    // Cheap refusals before expensive ones: a dead nonce costs one indexed lookup here, where
    // the rules on a 250-task plan cost a good part of a second of CPU. `append` still spends
    // the nonce atomically; this read only turns away what could never be stored.
    if !store.nonce_usable(&verified.header.nonce, &p.origin, now.timestamp())? {
        return Err(Refusal::BadNonce(p.origin.clone()));
    }
    crate::returns::check_return(store, &verified)?;
    crate::pa_link::check(store, p, now.timestamp())?;
    let report = recheck(&verified, crate::config::council_today(now, config.time_zone))?;
    // The signature covers each document's hash; the server must hold exactly those documents
    // (hashing them reads up to 50 MiB, so it comes after the rules).
    let files =
        crate::files::check_evidence(&crate::files::FileStore::new(&config.data_dir), &p.data).map_err(|problems| {
            Refusal::Invalid {
                code: "evidenceInvalid",
                detail: "the server does not hold every evidence file exactly as the form lists it".into(),
                problems,
            }
        })?;
    let received_at = now.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let mut build = |head: Option<&crate::store::ChainHead>| -> Result<Record, String> {
        let receipt_payload = ReceiptPayload {
            v: 1,
            iss: config.public_url.clone(),
            reference: reference::generate(),
            seq: head.map_or(1, |h| h.seq + 1),
            prev: head.map(|h| receipt_hash(&h.receipt)).transpose()?,
            received_at: received_at.clone(),
            submission: ReceiptSubmission {
                sid: p.sid.clone(),
                jkt: verified.jkt.clone(),
                form: p.form.clone(),
                payload_sha256: payload_sha256.clone(),
                jws_sha256: verified.envelope.jws_sha256(),
                origin: Some(p.origin.clone()),
            },
            // What the council acts on: the verdict as stored, so `careform audit` detects an edit.
            report_sha256: Some(sha256_b64u(report.as_bytes())),
        };
        let receipt = sign_receipt(key, &receipt_payload).map_err(|e| e.to_string())?;
        Ok(Record {
            seq: receipt_payload.seq,
            sid: p.sid.clone(),
            reference: receipt_payload.reference,
            jkt: verified.jkt.clone(),
            form_id: p.form.id.clone(),
            form_version: p.form.version.clone(),
            origin: p.origin.clone(),
            payload_sha256: payload_sha256.clone(),
            envelope: verified.envelope.to_json(),
            report: report.clone(),
            receipt: receipt.to_json(),
            received_at: received_at.clone(),
        })
    };
    // A PA acknowledgement that came through a staff-issued link spends the link.
    let request =
        (p.form.id == careform_rules::pa::ID).then(|| p.data.get("request").and_then(|v| v.as_str())).flatten();
    let closes = crate::returns::closes(&verified);
    let deliver_to = config.delivery.endpoints_for(&p.form.id);
    let next_nonce = new_nonce();
    let claim = Claim {
        nonce: &verified.header.nonce,
        origin: &p.origin,
        now: now.timestamp(),
        sid: &p.sid,
        request,
        closes,
        files: &files,
        deliver_to: &deliver_to,
        // Counted from the request's arrival, so the device gets the TTL less the time this
        // request took (seconds at most, against 15 minutes).
        next_nonce: Some(NextNonce { nonce: &next_nonce, expires_at: now.timestamp() + NONCE_TTL_SECS }),
    };
    match store.append(&claim, &mut build)? {
        Appended::New(record) => Ok(Accepted::New { record, next_nonce }),
        Appended::Existing(record) => same_content(record, &verified.jkt, &payload_sha256),
        Appended::BadNonce => Err(Refusal::BadNonce(p.origin.clone())),
        Appended::AlreadyClosed(earlier) => Err(crate::returns::already_returned(&earlier)),
        Appended::BadRequestLink => Err(Refusal::Invalid {
            code: "requestInvalid",
            detail: "this acknowledgement link has been used, has expired, or was not issued here; ask for a new link"
                .into(),
            problems: vec![],
        }),
    }
}

fn malformed(code: &'static str, detail: String) -> Refusal {
    Refusal::Malformed { code, detail }
}

fn same_content(existing: Record, jkt: &str, payload_sha256: &str) -> Result<Accepted, Refusal> {
    if existing.jkt == jkt && existing.payload_sha256 == payload_sha256 {
        Ok(Accepted::Retry(existing))
    } else {
        Err(Refusal::SidReused)
    }
}

/// SHA-256 of a stored receipt's `protected.payload.signature`: the next receipt's `prev`.
pub fn receipt_hash(receipt_json: &str) -> Result<String, String> {
    receipt_hash_bytes(receipt_json).map(|h| b64u_encode(&h))
}

/// [`receipt_hash`] as raw bytes (what a checkpoint signs).
pub fn receipt_hash_bytes(receipt_json: &str) -> Result<[u8; 32], String> {
    let env = Envelope::from_json(receipt_json.as_bytes()).map_err(|e| format!("stored receipt is corrupt: {e}"))?;
    Ok(env.jws_sha256_bytes())
}

/// Never trust the client: the server runs the same rules on the data and keeps its own verdict.
fn recheck(verified: &VerifiedSubmission, today: chrono::NaiveDate) -> Result<String, Refusal> {
    let form = &verified.payload.form;
    let def = careform_rules::form(&form.id, &form.version).map_err(invalid)?;
    let expected = sha256_b64u(&canonicalize_serializable(def));
    if form.sha256 != expected {
        return Err(Refusal::Invalid {
            code: "formMismatch",
            detail: format!("form.sha256 does not match {} version {} as this server knows it", form.id, form.version),
            problems: vec![],
        });
    }
    let attestations: Vec<careform_rules::AttestationRef> = verified
        .payload
        .attestations
        .iter()
        .map(|a| careform_rules::AttestationRef {
            id: a.id.clone(),
            version: a.version.clone(),
            text_sha256: a.text_sha256.clone(),
        })
        .collect();
    let report = careform_rules::check(&form.id, &form.version, &verified.payload.data, &attestations, today)
        .map_err(invalid)?;
    if def.refuse_on_fail && report.outcome == careform_rules::Outcome::Fail {
        return Err(Refusal::RulesFailed(Box::new(report)));
    }
    Ok(serde_json::to_string(&report).expect("reports serialize"))
}

fn invalid(e: careform_rules::CheckError) -> Refusal {
    let code = match e {
        careform_rules::CheckError::UnknownForm(_) => "unknownForm",
        careform_rules::CheckError::UnknownVersion { .. } => "unknownFormVersion",
        careform_rules::CheckError::Invalid(_) => "invalidData",
    };
    let problems = match &e {
        careform_rules::CheckError::Invalid(p) => p.clone(),
        _ => vec![],
    };
    Refusal::Invalid { code, detail: e.to_string(), problems }
}
