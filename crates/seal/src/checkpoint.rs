//! Signed checkpoints of the receipt chain: a C2SP tlog-checkpoint-style signed note
//! (<https://c2sp.org/tlog-checkpoint>, <https://c2sp.org/signed-note>) stating the chain's size
//! (the head's `seq`) and the head receipt's hash, signed with the server key. A council that
//! keeps the latest one detects records deleted from the end, which the chain alone cannot show.
//!
//! ```text
//! forms.example.gov.uk/careform
//! 120
//! 3q2+7w...=            (standard base64 of the head receipt's SHA-256; SHA-256("") at size 0)
//!
//! — forms.example.gov.uk/careform AbCd...=   (base64 of a 4-byte key id and the 64-byte signature)
//! ```
//!
//! The signature is Ed25519 over the note's text up to and including its last line's newline;
//! the key id is the first 4 bytes of SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key), as signed notes
//! define for Ed25519. It is a hash chain, not a Merkle tree: a later checkpoint extends an
//! earlier one when the chain's record at the earlier size has the earlier hash.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use ed25519_dalek::{Signature, Signer as _, SigningKey, Verifier as _, VerifyingKey};

use crate::sha256;

/// A checkpoint's body: the chain's name, its size and its head hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    /// The chain's name (the origin line), e.g. `forms.example.gov.uk/careform`.
    pub origin: String,
    /// How many records the chain holds: the head receipt's `seq`.
    pub size: u64,
    /// SHA-256 of the head receipt's `protected.payload.signature` (its `jws_sha256`).
    pub hash: [u8; 32],
}

/// Why a note is not a checkpoint signed by the expected key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a valid signed checkpoint: {0}")]
pub struct CheckpointError(String);

/// The hash a chain of size 0 states.
pub fn empty_chain_hash() -> [u8; 32] {
    sha256(b"")
}

/// The key id signed notes give an Ed25519 key called `name`.
fn key_id(name: &str, key: &VerifyingKey) -> [u8; 4] {
    let mut input = Vec::with_capacity(name.len() + 34);
    input.extend_from_slice(name.as_bytes());
    input.extend_from_slice(b"\n\x01");
    input.extend_from_slice(key.as_bytes());
    let h = sha256(&input);
    [h[0], h[1], h[2], h[3]]
}

impl Checkpoint {
    fn body(&self) -> String {
        format!("{}\n{}\n{}\n", self.origin, self.size, STANDARD.encode(self.hash))
    }
}

/// Signs `checkpoint` as a note whose key name is its origin.
pub fn sign_checkpoint(key: &SigningKey, checkpoint: &Checkpoint) -> Result<String, CheckpointError> {
    if checkpoint.origin.is_empty() || checkpoint.origin.contains(['\n', ' ', '+']) {
        return Err(CheckpointError("the origin must be one line without spaces or '+'".into()));
    }
    let body = checkpoint.body();
    let mut sig = key_id(&checkpoint.origin, &key.verifying_key()).to_vec();
    sig.extend_from_slice(&key.sign(body.as_bytes()).to_bytes());
    Ok(format!("{body}\n\u{2014} {} {}\n", checkpoint.origin, STANDARD.encode(sig)))
}

/// Reads a signed note and checks that `key` signed it under the name of its origin line.
pub fn verify_checkpoint(note: &str, key: &VerifyingKey) -> Result<Checkpoint, CheckpointError> {
    let bad = |what: &str| CheckpointError(what.to_owned());
    let (body, signatures) = note.split_once("\n\n").ok_or_else(|| bad("no blank line before the signatures"))?;
    let body = format!("{body}\n");
    let mut lines = body.lines();
    let origin = lines.next().filter(|o| !o.is_empty()).ok_or_else(|| bad("no origin line"))?.to_owned();
    let size = lines.next().and_then(|s| s.parse::<u64>().ok()).ok_or_else(|| bad("the second line is not a size"))?;
    let hash: [u8; 32] = lines
        .next()
        .and_then(|h| STANDARD.decode(h).ok())
        .and_then(|h| h.try_into().ok())
        .ok_or_else(|| bad("the third line is not a base64 SHA-256"))?;
    let id = key_id(&origin, key);
    let signed = signatures.lines().filter_map(|l| l.strip_prefix("\u{2014} ")).filter_map(|l| l.split_once(' '));
    for (name, sig) in signed {
        let Ok(sig) = STANDARD.decode(sig) else { continue };
        if name != origin || sig.len() != 68 || sig[..4] != id {
            continue;
        }
        let signature = Signature::from_slice(&sig[4..]).map_err(|_| bad("a malformed signature"))?;
        key.verify(body.as_bytes(), &signature).map_err(|_| bad("the signature does not verify"))?;
        return Ok(Checkpoint { origin, size, hash });
    }
    Err(bad("no signature by this server's key"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signed_checkpoint_verifies_and_any_edit_breaks_it() {
        let key = crate::generate_key();
        let cp = Checkpoint { origin: "forms.example.gov.uk/careform".into(), size: 120, hash: sha256(b"head") };
        let note = sign_checkpoint(&key, &cp).unwrap();
        assert!(note.starts_with("forms.example.gov.uk/careform\n120\n"), "{note}");
        assert!(note.contains("\n\n\u{2014} forms.example.gov.uk/careform "), "{note}");
        assert_eq!(verify_checkpoint(&note, &key.verifying_key()), Ok(cp));
        assert!(verify_checkpoint(&note.replace("\n120\n", "\n119\n"), &key.verifying_key()).is_err());
        assert!(verify_checkpoint(&note, &crate::generate_key().verifying_key()).is_err());
        assert!(verify_checkpoint("garbage", &key.verifying_key()).is_err());
    }
}
