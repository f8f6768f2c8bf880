//! Why an envelope was refused: one variant per check, so callers and tests can tell them apart.

use std::fmt;

/// Which part of an envelope an error concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The outer `{"protected","payload","signature"}` object.
    Envelope,
    /// The protected header.
    Protected,
    /// The payload.
    Payload,
    /// The signature.
    Signature,
    /// A JWK set.
    Jwks,
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Part::Envelope => "envelope",
            Part::Protected => "protected header",
            Part::Payload => "payload",
            Part::Signature => "signature",
            Part::Jwks => "JWK set",
        })
    }
}

/// Every way signing or verification can fail.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SealError {
    /// Not base64url without padding (padding, `+`/`/`, other bytes, or stray trailing bits).
    #[error("{0} is not base64url without padding")]
    Base64(Part),
    /// Not JSON, or not UTF-8.
    #[error("{part} is not valid JSON: {detail}")]
    Json {
        /// Where.
        part: Part,
        /// What the parser said.
        detail: String,
    },
    /// The same member name twice in one object.
    #[error("{part} has the member {key:?} more than once")]
    DuplicateKey {
        /// Where.
        part: Part,
        /// The repeated name.
        key: String,
    },
    /// Valid JSON, but not its own RFC 8785 canonical form.
    #[error("{0} is not in RFC 8785 canonical form")]
    NonCanonical(Part),
    /// A member that is unknown, missing or of the wrong type.
    #[error("{part} does not have the expected members: {detail}")]
    Structure {
        /// Where.
        part: Part,
        /// Which member and why.
        detail: String,
    },
    /// `alg` other than `Ed25519`.
    #[error("unsupported alg {0:?} (only \"Ed25519\")")]
    Alg(String),
    /// `typ` other than the one expected for this envelope.
    #[error("unexpected typ {found:?} (expected {expected:?})")]
    Typ {
        /// What the header said.
        found: String,
        /// What this envelope must say.
        expected: &'static str,
    },
    /// `kty` other than `OKP`.
    #[error("unsupported key type {0:?} (only \"OKP\")")]
    Kty(String),
    /// `crv` other than `Ed25519`.
    #[error("unsupported curve {0:?} (only \"Ed25519\")")]
    Crv(String),
    /// A public key that is not 32 bytes.
    #[error("an Ed25519 public key is 32 bytes, this one is {0}")]
    KeyLength(usize),
    /// 32 bytes that are not a point on the curve.
    #[error("the public key is not a valid Ed25519 point")]
    InvalidKey,
    /// A small-order public key, for which forged signatures are easy.
    #[error("the public key is weak (small order)")]
    WeakKey,
    /// A signature that is not 64 bytes.
    #[error("an Ed25519 signature is 64 bytes, this one is {0}")]
    SignatureLength(usize),
    /// The signature does not verify under `verify_strict`.
    #[error("the signature does not verify")]
    BadSignature,
    /// A non-integer number, or an integer outside ±2^53, inside `data`.
    #[error("data holds a number that is not an integer within ±2^53 at {0} (use pence, or a string)")]
    FloatInData(String),
    /// A payload whose `v` is not 1.
    #[error("unsupported envelope version {0} (only 1)")]
    Version(u64),
    /// A member present with the right type but an invalid value.
    #[error("{field}: {detail}")]
    Field {
        /// Which member.
        field: &'static str,
        /// Why it is refused.
        detail: String,
    },
    /// A receipt signed by a key that is not in the JWK set.
    #[error("no key with kid {0:?} in the JWK set")]
    UnknownKid(String),
}

impl SealError {
    /// Every code [`SealError::code`] gives (the server's API description lists them).
    pub const CODES: &[&str] = &[
        "badBase64",
        "badJson",
        "duplicateMember",
        "notCanonical",
        "badStructure",
        "badAlg",
        "badTyp",
        "badKty",
        "badCrv",
        "badKeyLength",
        "badKey",
        "weakKey",
        "badSignatureLength",
        "badSignature",
        "floatInData",
        "badVersion",
        "badField",
        "unknownKid",
    ];

    /// A stable machine-readable code for the error, used in HTTP error bodies and CLI output.
    pub fn code(&self) -> &'static str {
        match self {
            SealError::Base64(_) => "badBase64",
            SealError::Json { .. } => "badJson",
            SealError::DuplicateKey { .. } => "duplicateMember",
            SealError::NonCanonical(_) => "notCanonical",
            SealError::Structure { .. } => "badStructure",
            SealError::Alg(_) => "badAlg",
            SealError::Typ { .. } => "badTyp",
            SealError::Kty(_) => "badKty",
            SealError::Crv(_) => "badCrv",
            SealError::KeyLength(_) => "badKeyLength",
            SealError::InvalidKey => "badKey",
            SealError::WeakKey => "weakKey",
            SealError::SignatureLength(_) => "badSignatureLength",
            SealError::BadSignature => "badSignature",
            SealError::FloatInData(_) => "floatInData",
            SealError::Version(_) => "badVersion",
            SealError::Field { .. } => "badField",
            SealError::UnknownKid(_) => "unknownKid",
        }
    }
}
