//! The receipt the server signs for each stored submission; receipts form a hash chain.

use serde::{Deserialize, Serialize};

use crate::{
    ALG, Envelope, FormRef, Jwks, Part, SealError, SigningKey, b64u_encode, canonicalize_serializable,
    decode_canonical, fixed_bytes, thumbprint, verify_ed25519,
};
use ed25519_dalek::Signer as _;

/// The `typ` of a receipt's protected header.
pub const RECEIPT_TYP: &str = "careform-receipt+jws";

/// A receipt's protected header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReceiptHeader {
    /// `Ed25519`.
    pub alg: String,
    /// Thumbprint of the server key that signed.
    pub kid: String,
    /// [`RECEIPT_TYP`].
    pub typ: String,
}

/// What the receipt says about the submission it acknowledges.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReceiptSubmission {
    /// The submission id.
    pub sid: String,
    /// Thumbprint of the device key that signed the submission.
    pub jkt: String,
    /// The form, as submitted.
    pub form: FormRef,
    /// SHA-256 of the decoded payload bytes.
    pub payload_sha256: String,
    /// SHA-256 of `protected.payload.signature` as received.
    pub jws_sha256: String,
    /// The embedding page's origin the submission came from, as stored. Absent from receipts
    /// signed before it was added; they still verify.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
}

/// A receipt's payload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReceiptPayload {
    /// Receipt version: 1.
    pub v: u64,
    /// The server's base URL.
    pub iss: String,
    /// The human-readable reference, e.g. `CF-7K3M-Q9XD`.
    #[serde(rename = "ref")]
    pub reference: String,
    /// Position in the chain, from 1.
    pub seq: u64,
    /// SHA-256 of the previous receipt's `protected.payload.signature`; `None` for the first.
    pub prev: Option<String>,
    /// `YYYY-MM-DDTHH:MM:SSZ`.
    pub received_at: String,
    /// The submission acknowledged.
    pub submission: ReceiptSubmission,
    /// SHA-256 of the server's stored verdict (the report of its own rule check, as stored), so
    /// editing the verdict is detected. Absent from receipts signed before it was added.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report_sha256: Option<String>,
}

impl ReceiptPayload {
    fn validate(&self) -> Result<(), SealError> {
        if self.v != 1 {
            return Err(SealError::Version(self.v));
        }
        if self.seq == 0 {
            return Err(SealError::Field { field: "seq", detail: "starts at 1".into() });
        }
        match (&self.prev, self.seq) {
            (None, 1) => {}
            (Some(p), s) if s > 1 => {
                fixed_bytes::<32>("prev", p)?;
            }
            _ => return Err(SealError::Field { field: "prev", detail: "is null exactly when seq is 1".into() }),
        }
        if !is_utc_second(&self.received_at) {
            return Err(SealError::Field { field: "received_at", detail: "must be YYYY-MM-DDTHH:MM:SSZ".into() });
        }
        let s = &self.submission;
        fixed_bytes::<16>("submission.sid", &s.sid)?;
        fixed_bytes::<32>("submission.jkt", &s.jkt)?;
        fixed_bytes::<32>("submission.payload_sha256", &s.payload_sha256)?;
        fixed_bytes::<32>("submission.jws_sha256", &s.jws_sha256)?;
        if s.origin.as_deref().is_some_and(str::is_empty) {
            return Err(SealError::Field { field: "submission.origin", detail: "must not be empty".into() });
        }
        if let Some(h) = &self.report_sha256 {
            fixed_bytes::<32>("report_sha256", h)?;
        }
        Ok(())
    }
}

fn is_utc_second(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() == 20
        && b.iter().enumerate().all(|(i, &c)| match i {
            4 | 7 => c == b'-',
            10 => c == b'T',
            13 | 16 => c == b':',
            19 => c == b'Z',
            _ => c.is_ascii_digit(),
        })
}

/// Signs a receipt with the server key.
pub fn sign_receipt(key: &SigningKey, payload: &ReceiptPayload) -> Result<Envelope, SealError> {
    payload.validate()?;
    Ok(sign_as_server(key, RECEIPT_TYP, payload))
}

/// Signs `payload` as a flattened JWS with the server key: protected header `{alg, kid, typ}`,
/// both parts canonical JSON. Receipts and the server's other signed documents (webhook
/// deliveries, `typ` `careform-delivery+jws`) are made the same way.
pub fn sign_as_server(key: &SigningKey, typ: &str, payload: &impl Serialize) -> Envelope {
    let header = ReceiptHeader { alg: ALG.into(), kid: thumbprint(&key.verifying_key()), typ: typ.into() };
    let protected = b64u_encode(&canonicalize_serializable(&header));
    let payload = b64u_encode(&canonicalize_serializable(payload));
    let signature = b64u_encode(&key.sign(format!("{protected}.{payload}").as_bytes()).to_bytes());
    Envelope { protected, payload, signature }
}

/// A receipt whose structure and signature checked out against a published key.
#[derive(Debug, Clone)]
pub struct VerifiedReceipt {
    /// The envelope.
    pub envelope: Envelope,
    /// Its header.
    pub header: ReceiptHeader,
    /// Its payload.
    pub payload: ReceiptPayload,
}

/// Verifies a receipt against a JWK set, from the receipt's bytes alone.
pub fn verify_receipt(bytes: &[u8], jwks: &Jwks) -> Result<VerifiedReceipt, SealError> {
    let envelope = Envelope::from_json(bytes)?;
    verify_receipt_envelope(envelope, jwks)
}

/// As [`verify_receipt`], for an envelope already parsed.
pub fn verify_receipt_envelope(envelope: Envelope, jwks: &Jwks) -> Result<VerifiedReceipt, SealError> {
    let (header, _, _): (ReceiptHeader, _, _) = decode_canonical(&envelope.protected, Part::Protected)?;
    if header.alg != ALG {
        return Err(SealError::Alg(header.alg));
    }
    if header.typ != RECEIPT_TYP {
        return Err(SealError::Typ { found: header.typ, expected: RECEIPT_TYP });
    }
    let key = jwks.find(&header.kid)?;
    verify_ed25519(&key, envelope.signing_input().as_bytes(), &envelope.signature)?;
    let (payload, _, _): (ReceiptPayload, _, _) = decode_canonical(&envelope.payload, Part::Payload)?;
    payload.validate()?;
    Ok(VerifiedReceipt { envelope, header, payload })
}
