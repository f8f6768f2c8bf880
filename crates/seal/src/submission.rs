//! The submission envelope a widget POSTs to `{base}/v1/submissions`.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::canonical::check_integers_only;
use crate::{
    ALG, Envelope, Part, SealError, SigningKey, VerifyingKey, b64u_decode, b64u_encode, canonicalize_serializable,
    decode_canonical, fixed_bytes, thumbprint, verify_ed25519, verifying_key,
};
use ed25519_dalek::Signer as _;

/// The `typ` of a submission's protected header.
pub const SUBMISSION_TYP: &str = "careform-submission+jws";

/// The submitting device's public key, embedded in the header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublicJwk {
    /// `Ed25519`.
    pub crv: String,
    /// `OKP`.
    pub kty: String,
    /// The 32-byte public key, base64url.
    pub x: String,
}

/// A submission's protected header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubmissionHeader {
    /// `Ed25519`.
    pub alg: String,
    /// The device's public key.
    pub jwk: PublicJwk,
    /// The single-use nonce from `GET /v1/nonce`.
    pub nonce: String,
    /// [`SUBMISSION_TYP`].
    pub typ: String,
    /// `{base}/v1/submissions`.
    pub url: String,
}

/// Which form, in which version, the data answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormRef {
    /// The form's id, e.g. `pa-acknowledgement`.
    pub id: String,
    /// The form definition's version.
    pub version: String,
    /// SHA-256 of the canonical form definition, base64url.
    pub sha256: String,
}

/// A statement the person accepted, bound to the exact text they were shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attestation {
    /// Which statement.
    pub id: String,
    /// Its version.
    pub version: String,
    /// SHA-256 of the exact UTF-8 text shown, base64url.
    pub text_sha256: String,
    /// Always `true`: an unaccepted statement is not an attestation.
    pub accepted: bool,
}

/// A submission's payload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubmissionPayload {
    /// Envelope version: 1.
    pub v: u64,
    /// The form answered.
    pub form: FormRef,
    /// The origin of the page the widget was embedded in.
    pub origin: String,
    /// The receiving server's base URL.
    pub aud: String,
    /// When it was signed, seconds since the Unix epoch.
    pub iat: i64,
    /// Submission id: 16 random bytes, base64url; retries reuse it.
    pub sid: String,
    /// The answers: strings, booleans, integers within ±2^53, arrays and objects.
    pub data: Map<String, Value>,
    /// Statements accepted.
    pub attestations: Vec<Attestation>,
}

impl SubmissionPayload {
    /// Checks the values that the types alone do not.
    fn validate(&self) -> Result<(), SealError> {
        if self.v != 1 {
            return Err(SealError::Version(self.v));
        }
        fixed_bytes::<16>("sid", &self.sid)?;
        fixed_bytes::<32>("form.sha256", &self.form.sha256)?;
        if !(0..=(1i64 << 53) - 1).contains(&self.iat) {
            return Err(SealError::Field { field: "iat", detail: "must be seconds since 1970 within 2^53".into() });
        }
        for a in &self.attestations {
            fixed_bytes::<32>("attestations[].text_sha256", &a.text_sha256)?;
            if !a.accepted {
                return Err(SealError::Field { field: "attestations[].accepted", detail: "must be true".into() });
            }
        }
        for (key, value) in &self.data {
            check_integers_only(value, &mut format!("data.{key}"))?;
        }
        Ok(())
    }
}

/// Header and payload, encoded and ready to sign: the WebCrypto path signs
/// [`UnsignedSubmission::signing_input`] outside Rust and attaches the result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnsignedSubmission {
    /// base64url of the canonical header.
    pub protected: String,
    /// base64url of the canonical payload.
    pub payload: String,
}

impl UnsignedSubmission {
    /// The ASCII bytes to sign.
    pub fn signing_input(&self) -> String {
        format!("{}.{}", self.protected, self.payload)
    }

    /// The envelope with a signature made elsewhere.
    pub fn with_signature(self, signature: &[u8; 64]) -> Envelope {
        Envelope { protected: self.protected, payload: self.payload, signature: b64u_encode(signature) }
    }
}

/// The canonical payload, base64url; refuses payloads that would not verify.
pub fn encode_payload(payload: &SubmissionPayload) -> Result<String, SealError> {
    payload.validate()?;
    Ok(b64u_encode(&canonicalize_serializable(payload)))
}

/// Builds the header for `public_key` and pairs it with an already encoded payload.
pub fn prepare_submission(
    public_key: &VerifyingKey,
    nonce: &str,
    url: &str,
    payload_b64: String,
) -> UnsignedSubmission {
    let header = SubmissionHeader {
        alg: ALG.into(),
        jwk: PublicJwk { crv: "Ed25519".into(), kty: "OKP".into(), x: b64u_encode(public_key.as_bytes()) },
        nonce: nonce.into(),
        typ: SUBMISSION_TYP.into(),
        url: url.into(),
    };
    UnsignedSubmission { protected: b64u_encode(&canonicalize_serializable(&header)), payload: payload_b64 }
}

/// Signs a submission with a key held in Rust.
pub fn sign_submission(
    key: &SigningKey,
    nonce: &str,
    url: &str,
    payload: &SubmissionPayload,
) -> Result<Envelope, SealError> {
    let unsigned = prepare_submission(&key.verifying_key(), nonce, url, encode_payload(payload)?);
    let sig = key.sign(unsigned.signing_input().as_bytes()).to_bytes();
    Ok(unsigned.with_signature(&sig))
}

/// Re-signs with a fresh nonce over the unchanged payload bytes (the `badNonce` retry).
pub fn resign(key: &SigningKey, envelope: &Envelope, nonce: &str, url: &str) -> Envelope {
    let unsigned = prepare_submission(&key.verifying_key(), nonce, url, envelope.payload.clone());
    let sig = key.sign(unsigned.signing_input().as_bytes()).to_bytes();
    unsigned.with_signature(&sig)
}

/// A submission whose structure, canonical form, key and signature all checked out.
#[derive(Debug, Clone)]
pub struct VerifiedSubmission {
    /// The envelope as received.
    pub envelope: Envelope,
    /// Its header.
    pub header: SubmissionHeader,
    /// Its payload.
    pub payload: SubmissionPayload,
    /// The decoded payload bytes (canonical JSON).
    pub payload_bytes: Vec<u8>,
    /// The device key.
    pub key: VerifyingKey,
    /// The device key's thumbprint.
    pub jkt: String,
}

/// Verifies a submission from its bytes alone: no knowledge of forms, nonces or storage.
///
/// The header is checked first (it names the key), then the signature, and only then is the
/// payload parsed: nothing inside a payload is looked at before its signature holds.
pub fn verify_submission(bytes: &[u8]) -> Result<VerifiedSubmission, SealError> {
    let envelope = Envelope::from_json(bytes)?;
    let (header, _, _): (SubmissionHeader, _, _) = decode_canonical(&envelope.protected, Part::Protected)?;
    if header.alg != ALG {
        return Err(SealError::Alg(header.alg));
    }
    if header.typ != SUBMISSION_TYP {
        return Err(SealError::Typ { found: header.typ, expected: SUBMISSION_TYP });
    }
    if header.jwk.kty != "OKP" {
        return Err(SealError::Kty(header.jwk.kty));
    }
    if header.jwk.crv != "Ed25519" {
        return Err(SealError::Crv(header.jwk.crv));
    }
    let key = verifying_key(&b64u_decode(&header.jwk.x, Part::Protected)?)?;
    verify_ed25519(&key, envelope.signing_input().as_bytes(), &envelope.signature)?;

    let (payload, payload_bytes, _): (SubmissionPayload, _, _) = decode_canonical(&envelope.payload, Part::Payload)?;
    payload.validate()?;
    Ok(VerifiedSubmission { jkt: thumbprint(&key), envelope, header, payload, payload_bytes, key })
}
