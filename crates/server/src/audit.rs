//! `careform audit`: re-verify every stored submission and the receipt chain.

use std::collections::BTreeSet;

use careform_seal::{Envelope, Jwks, verify_receipt, verify_submission};
use serde_json::{Value, json};

use crate::receive::receipt_hash;
use crate::store::Record;

/// The first record that fails a check, and why.
#[derive(Debug, PartialEq, Eq)]
pub struct Broken {
    /// Its chain position (or the position expected where a record is missing).
    pub seq: u64,
    /// Its reference, if the row has one.
    pub reference: Option<String>,
    /// What is wrong.
    pub reason: String,
}

/// Checks records in chain order; `Ok(n)` when all `n` are intact.
pub fn audit(records: &[Record], jwks: &Jwks) -> Result<usize, Broken> {
    audit_with_purged(records, &BTreeSet::new(), jwks)
}

/// Each receipt is checked against its row: seq, reference, sid, device key, form and version,
/// origin, payload hash, received time and (for receipts that carry it) the SHA-256 of the
/// stored report, the verdict the council acts on.
///
/// As [`audit`], where the records at the positions in `purged` were deleted by a retention
/// purge: their envelope and report are gone, so their receipt is checked against the row's
/// other fields and the chain, not
/// against the signed submission. A blank envelope anywhere else is a broken record.
pub fn audit_with_purged(records: &[Record], purged: &BTreeSet<u64>, jwks: &Jwks) -> Result<usize, Broken> {
    let mut prev_hash: Option<String> = None;
    for (i, r) in records.iter().enumerate() {
        let expected_seq = i as u64 + 1;
        let broken = |reason: String| Broken { seq: r.seq, reference: Some(r.reference.clone()), reason };
        if r.seq != expected_seq {
            return Err(Broken {
                seq: expected_seq,
                reference: None,
                reason: format!("record {expected_seq} is missing (the next stored record is {})", r.seq),
            });
        }
        let receipt = verify_receipt(r.receipt.as_bytes(), jwks)
            .map_err(|e| broken(format!("stored receipt does not verify: {e}")))?;
        let rp = &receipt.payload;
        let purged_row = purged.contains(&r.seq) && r.envelope.is_empty();
        if let Err(what) = receipt_matches(rp, r, purged_row) {
            return Err(broken(format!("{what} does not match the stored record")));
        }
        if rp.prev != prev_hash {
            return Err(broken("receipt prev (the chain) does not match the stored record".into()));
        }
        if !purged_row {
            let sub = verify_submission(r.envelope.as_bytes())
                .map_err(|e| broken(format!("stored submission does not verify: {e}")))?;
            let checks: [(&str, bool); 6] = [
                ("origin", r.origin == sub.payload.origin),
                ("receipt sid", r.sid == sub.payload.sid),
                ("receipt jkt", r.jkt == sub.jkt),
                ("receipt form", rp.submission.form == sub.payload.form),
                ("payload hash", rp.submission.payload_sha256 == careform_seal::sha256_b64u(&sub.payload_bytes)),
                ("envelope hash", rp.submission.jws_sha256 == sub.envelope.jws_sha256()),
            ];
            if let Some((what, _)) = checks.iter().find(|(_, ok)| !ok) {
                return Err(broken(format!("{what} does not match the stored record")));
            }
        }
        prev_hash = Some(receipt_hash(&r.receipt).map_err(broken)?);
    }
    Ok(records.len())
}

/// Whether a (verified) receipt says what its stored row says: seq, reference, sid, device key,
/// form and version, origin, payload hash, received time and, for receipts that carry it, the
/// SHA-256 of the stored report (the verdict the council acts on; not checked for a purged row,
/// whose report is gone). `Err` names the first thing that differs. The chain link (`prev`) is
/// the caller's: it needs the record before.
pub fn receipt_matches(rp: &careform_seal::ReceiptPayload, r: &Record, purged_row: bool) -> Result<(), &'static str> {
    // Receipts signed before these fields existed lack them; what they sign is checked.
    let report_ok =
        purged_row || rp.report_sha256.as_ref().is_none_or(|h| *h == careform_seal::sha256_b64u(r.report.as_bytes()));
    let row: [(&'static str, bool); 9] = [
        ("receipt origin", rp.submission.origin.as_ref().is_none_or(|o| *o == r.origin)),
        ("receipt report_sha256 (the stored verdict)", report_ok),
        ("receipt seq", rp.seq == r.seq),
        ("receipt ref", rp.reference == r.reference),
        ("receipt sid", rp.submission.sid == r.sid),
        ("receipt jkt", rp.submission.jkt == r.jkt),
        ("receipt form", rp.submission.form.id == r.form_id && rp.submission.form.version == r.form_version),
        ("received_at", rp.received_at == r.received_at),
        ("receipt payload_sha256", rp.submission.payload_sha256 == r.payload_sha256),
    ];
    match row.iter().find(|(_, ok)| !ok) {
        Some((what, _)) => Err(what),
        None => Ok(()),
    }
}

/// The JSON `careform audit` prints.
pub fn report(records: &[Record], result: &Result<usize, Broken>) -> Value {
    match result {
        Ok(n) => {
            let head = records.last().map(|r| {
                let hash = Envelope::from_json(r.receipt.as_bytes()).map(|e| e.jws_sha256()).unwrap_or_default();
                json!({ "seq": r.seq, "ref": r.reference, "receipt_sha256": hash })
            });
            json!({ "valid": true, "records": n, "head": head })
        }
        Err(b) => json!({
            "valid": false,
            "records_checked": records.len(),
            "first_broken": { "seq": b.seq, "ref": b.reference, "reason": b.reason },
        }),
    }
}
