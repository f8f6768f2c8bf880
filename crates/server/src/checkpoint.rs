//! Signed checkpoints of the receipt chain (see `careform_seal::checkpoint` and
//! docs/receipts.md): served at `GET /v1/checkpoint`, returned with each receipt, and checked by
//! `careform audit --checkpoint FILE`, so a council that keeps the latest one detects records
//! deleted from the end of the chain.

use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use careform_seal::{Checkpoint, SigningKey, VerifyingKey, empty_chain_hash, sign_checkpoint};

use crate::audit::Broken;
use crate::http::{ApiError, AppState};
use crate::receive::receipt_hash_bytes;
use crate::store::Record;

/// The chain's name in its checkpoints: the public URL without its scheme, then `/careform`.
pub fn origin_line(public_url: &str) -> String {
    let rest = public_url.split_once("://").map_or(public_url, |(_, r)| r);
    format!("{}/careform", rest.trim_end_matches('/'))
}

/// The signed checkpoint of a chain whose head is record `seq` with this receipt (size 0 when
/// `head` is `None`).
pub fn sign_head(key: &SigningKey, public_url: &str, head: Option<(u64, &str)>) -> Result<String, String> {
    let (size, hash) = match head {
        Some((seq, receipt)) => (seq, receipt_hash_bytes(receipt)?),
        None => (0, empty_chain_hash()),
    };
    sign_checkpoint(key, &Checkpoint { origin: origin_line(public_url), size, hash }).map_err(|e| e.to_string())
}

/// `GET /v1/checkpoint`: the current chain head, as a signed note (`text/plain`).
pub async fn current(State(state): State<AppState>) -> Result<Response, ApiError> {
    let store = state.store.clone();
    let head = tokio::task::spawn_blocking(move || store.head()).await??;
    let note = sign_head(&state.key, &state.config.public_url, head.as_ref().map(|h| (h.seq, h.receipt.as_str())))
        .map_err(|e| ApiError::from(crate::store::StoreError::Build(e)))?;
    let mut r = note.into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
    r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(r)
}

/// Checks that `records` (already audited as one intact chain) extend the kept checkpoint
/// `note`, signed by `key`: at least as many records, and the record at its size has its hash.
/// `Ok(size)` of the kept checkpoint.
pub fn check_kept(records: &[Record], note: &str, key: &VerifyingKey) -> Result<u64, Broken> {
    let kept = careform_seal::verify_checkpoint(note, key).map_err(|e| Broken {
        seq: 0,
        reference: None,
        reason: format!("the kept checkpoint: {e}"),
    })?;
    if kept.size == 0 {
        return Ok(0);
    }
    let Some(r) = usize::try_from(kept.size - 1).ok().and_then(|i| records.get(i)) else {
        return Err(Broken {
            seq: records.len() as u64 + 1,
            reference: None,
            reason: format!(
                "the chain holds {} records but the kept checkpoint says {}: records were deleted from the end",
                records.len(),
                kept.size
            ),
        });
    };
    let broken = |reason: String| Broken { seq: r.seq, reference: Some(r.reference.clone()), reason };
    if receipt_hash_bytes(&r.receipt).map_err(broken)? != kept.hash {
        return Err(broken(format!(
            "record {} is not the one the kept checkpoint signed: the chain was rewritten from there",
            kept.size
        )));
    }
    Ok(kept.size)
}
