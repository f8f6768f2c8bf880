//! OKP public keys as JWKs (RFC 8037), their thumbprints (RFC 7638), and JWK sets (RFC 7517).

use serde::{Deserialize, Serialize};

use crate::{ALG, Part, SealError, VerifyingKey, b64u_decode, b64u_encode, canonicalize_serializable, sha256_b64u};

/// The RFC 7638 thumbprint of an Ed25519 public key, base64url (the `jkt`/`kid`).
pub fn thumbprint(key: &VerifyingKey) -> String {
    #[derive(Serialize)]
    struct Required<'a> {
        crv: &'a str,
        kty: &'a str,
        x: String,
    }
    let required = Required { crv: "Ed25519", kty: "OKP", x: b64u_encode(key.as_bytes()) };
    sha256_b64u(&canonicalize_serializable(&required))
}

/// A published public key. Extra members other publishers add are tolerated and ignored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Jwk {
    /// `OKP`.
    pub kty: String,
    /// `Ed25519`.
    pub crv: String,
    /// The 32-byte public key, base64url.
    pub x: String,
    /// The key's thumbprint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kid: Option<String>,
    /// `Ed25519`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alg: Option<String>,
    /// `sig`.
    #[serde(default, rename = "use", skip_serializing_if = "Option::is_none")]
    pub use_: Option<String>,
}

impl Jwk {
    /// The JWK that publishes `key`, with its thumbprint as `kid`.
    pub fn from_key(key: &VerifyingKey) -> Self {
        Jwk {
            kty: "OKP".into(),
            crv: "Ed25519".into(),
            x: b64u_encode(key.as_bytes()),
            kid: Some(thumbprint(key)),
            alg: Some(ALG.into()),
            use_: Some("sig".into()),
        }
    }

    /// The verifying key, after checking type, curve, length and strength.
    pub fn to_key(&self) -> Result<VerifyingKey, SealError> {
        if self.kty != "OKP" {
            return Err(SealError::Kty(self.kty.clone()));
        }
        if self.crv != "Ed25519" {
            return Err(SealError::Crv(self.crv.clone()));
        }
        crate::verifying_key(&b64u_decode(&self.x, Part::Jwks)?)
    }
}

/// A JWK set as served at `/.well-known/jwks.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Jwks {
    /// The keys.
    pub keys: Vec<Jwk>,
}

impl Jwks {
    /// Parses a JWK set.
    pub fn from_json(bytes: &[u8]) -> Result<Self, SealError> {
        let value = crate::parse_strict(bytes, Part::Jwks)?;
        serde_json::from_value(value).map_err(|e| SealError::Structure { part: Part::Jwks, detail: e.to_string() })
    }

    /// The key whose RFC 7638 thumbprint is `kid`. The thumbprint is recomputed, so a `kid`
    /// member that lies about its key does not match.
    pub fn find(&self, kid: &str) -> Result<VerifyingKey, SealError> {
        for jwk in &self.keys {
            if let Ok(key) = jwk.to_key()
                && thumbprint(&key) == kid
            {
                return Ok(key);
            }
        }
        Err(SealError::UnknownKid(kid.to_owned()))
    }
}
