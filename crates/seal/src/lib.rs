//! Careform signed JSON, version 1 (`shared/notes/signed-json.md`, mirrored in the README).
//!
//! Submissions and receipts are JWS flattened JSON (RFC 7515 §7.2.2) signed with Ed25519
//! (RFC 8032, `alg` per RFC 9864); header and payload are RFC 8785 canonical JSON; keys are
//! OKP JWKs (RFC 8037) named by their RFC 7638 thumbprint. The same code runs natively in the
//! server and in wasm32 in the browser.

mod canonical;
mod checkpoint;
mod error;
mod jwk;
mod receipt;
mod submission;

pub use canonical::{canonicalize, canonicalize_serializable, parse_canonical, parse_strict};
pub use checkpoint::{Checkpoint, CheckpointError, empty_chain_hash, sign_checkpoint, verify_checkpoint};
pub use error::{Part, SealError};
pub use jwk::{Jwk, Jwks, thumbprint};
pub use receipt::{
    RECEIPT_TYP, ReceiptHeader, ReceiptPayload, ReceiptSubmission, VerifiedReceipt, sign_as_server, sign_receipt,
    verify_receipt, verify_receipt_envelope,
};
pub use submission::{
    Attestation, FormRef, PublicJwk, SUBMISSION_TYP, SubmissionHeader, SubmissionPayload, UnsignedSubmission,
    VerifiedSubmission, encode_payload, prepare_submission, resign, sign_submission, verify_submission,
};

pub use ed25519_dalek::{SigningKey, VerifyingKey};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The only `alg` Careform signs or accepts.
pub const ALG: &str = "Ed25519";

/// Base64url without padding.
pub fn b64u_encode(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Strict base64url decoding: no padding, no other alphabet, no stray trailing bits.
pub fn b64u_decode(text: &str, part: Part) -> Result<Vec<u8>, SealError> {
    URL_SAFE_NO_PAD.decode(text).map_err(|_| SealError::Base64(part))
}

/// SHA-256 of `bytes`.
pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// SHA-256 of `bytes`, base64url.
pub fn sha256_b64u(bytes: &[u8]) -> String {
    b64u_encode(&sha256(bytes))
}

/// A fresh random signing key from the operating system (or, in the browser, `crypto.getRandomValues`).
pub fn generate_key() -> SigningKey {
    SigningKey::generate(&mut rand_core::OsRng)
}

/// `n` random bytes from the operating system (or the browser).
pub fn random_bytes<const N: usize>() -> [u8; N] {
    use rand_core::RngCore as _;
    let mut out = [0u8; N];
    rand_core::OsRng.fill_bytes(&mut out);
    out
}

/// A JWS in flattened JSON serialization with exactly these three members.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Envelope {
    /// base64url of the canonical protected header.
    pub protected: String,
    /// base64url of the canonical payload.
    pub payload: String,
    /// base64url of the 64-byte Ed25519 signature over `protected.payload`.
    pub signature: String,
}

impl Envelope {
    /// Parses the outer object, refusing duplicate and unknown members.
    pub fn from_json(bytes: &[u8]) -> Result<Self, SealError> {
        let value = parse_strict(bytes, Part::Envelope)?;
        serde_json::from_value(value).map_err(|e| SealError::Structure { part: Part::Envelope, detail: e.to_string() })
    }

    /// The envelope as JSON text.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("three strings serialize")
    }

    /// The bytes the signature covers: `protected + "." + payload`.
    pub fn signing_input(&self) -> String {
        format!("{}.{}", self.protected, self.payload)
    }

    /// SHA-256 of `protected.payload.signature`, base64url: the envelope's identity in receipts.
    pub fn jws_sha256(&self) -> String {
        b64u_encode(&self.jws_sha256_bytes())
    }

    /// [`Envelope::jws_sha256`] as raw bytes (what a checkpoint signs).
    pub fn jws_sha256_bytes(&self) -> [u8; 32] {
        sha256(format!("{}.{}.{}", self.protected, self.payload, self.signature).as_bytes())
    }
}

/// Decodes a base64url part and parses it as canonical JSON into `T` (no unknown members).
fn decode_canonical<T: serde::de::DeserializeOwned>(
    b64: &str,
    part: Part,
) -> Result<(T, Vec<u8>, serde_json::Value), SealError> {
    let bytes = b64u_decode(b64, part)?;
    let value = parse_canonical(&bytes, part)?;
    let typed =
        serde_json::from_value(value.clone()).map_err(|e| SealError::Structure { part, detail: e.to_string() })?;
    Ok((typed, bytes, value))
}

/// Checks an Ed25519 signature strictly (`verify_strict`: no weak keys, no malleable signatures).
fn verify_ed25519(key: &VerifyingKey, message: &[u8], signature_b64: &str) -> Result<(), SealError> {
    let sig = b64u_decode(signature_b64, Part::Signature)?;
    let sig: [u8; 64] = sig.as_slice().try_into().map_err(|_| SealError::SignatureLength(sig.len()))?;
    key.verify_strict(message, &ed25519_dalek::Signature::from_bytes(&sig)).map_err(|_| SealError::BadSignature)
}

/// Builds a verifying key from raw bytes, refusing wrong lengths, non-points and weak keys.
fn verifying_key(bytes: &[u8]) -> Result<VerifyingKey, SealError> {
    let raw: [u8; 32] = bytes.try_into().map_err(|_| SealError::KeyLength(bytes.len()))?;
    let key = VerifyingKey::from_bytes(&raw).map_err(|_| SealError::InvalidKey)?;
    if key.is_weak() {
        return Err(SealError::WeakKey);
    }
    Ok(key)
}

/// Decodes a base64url field that must hold exactly `N` bytes.
fn fixed_bytes<const N: usize>(field: &'static str, b64: &str) -> Result<[u8; N], SealError> {
    let bytes = URL_SAFE_NO_PAD
        .decode(b64)
        .map_err(|_| SealError::Field { field, detail: "is not base64url without padding".into() })?;
    bytes
        .as_slice()
        .try_into()
        .map_err(|_| SealError::Field { field, detail: format!("must be {N} bytes, is {}", bytes.len()) })
}
