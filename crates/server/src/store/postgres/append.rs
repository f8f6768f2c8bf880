//! Appending one submission on PostgreSQL, shaped by the chain lock: every instance's appends
//! wait for that one row lock, so the time it is held bounds how many submissions a second all
//! instances together can store. Only what needs the chain head runs under it.
//!
//! Each statement is sent with its parameter types (`*_typed`), so it is one round trip to the
//! database, not the three of prepare, execute and close; and statements that belong together are
//! one statement (a head read, an insert of the record with its inbox row). What only touches this
//! submission's own rows (its nonce, its link, the next nonce) happens before the lock: the row
//! locks those statements take are enough, and dropping the transaction undoes them.

use postgres::{GenericClient, Transaction};

use super::{COLUMNS, deliveries, find_by_sid, link_of, verdict_of};
use crate::store::{Appended, ChainHead, Claim, Record, StoreError};

/// Sweeps the expired nonces, then remembers `nonce` for `origin` until `expires_at`: one statement.
pub(super) fn insert_nonce(
    c: &mut impl GenericClient,
    nonce: &str,
    origin: &str,
    now: i64,
    expires_at: i64,
) -> Result<(), StoreError> {
    c.execute_typed(
        "WITH swept AS (DELETE FROM nonces WHERE expires_at <= $3)
         INSERT INTO nonces (nonce, origin, expires_at) VALUES ($1, $2, $4)",
        t![&nonce => TEXT, &origin => TEXT, &now => INT8, &expires_at => INT8],
    )?;
    Ok(())
}

/// The whole append in `tx`; committed here only when it stores. Any other outcome returns with
/// `tx` still open, and dropping it rolls back what it spent.
pub(super) fn append(
    mut tx: Transaction<'_>,
    claim: &Claim<'_>,
    build: &mut dyn FnMut(Option<&ChainHead>) -> Result<Record, String>,
) -> Result<Appended, StoreError> {
    // Before the lock, in one statement: spend the nonce and issue the next one (a concurrent
    // append of the same nonce waits on its row and then finds it gone). Were it not spent, the
    // next one is dropped with the rest of the transaction.
    let (next, expires_at) = claim.next_nonce.map_or((None, 0), |n| (Some(n.nonce), n.expires_at));
    let spent: i64 = tx
        .query_typed_one(
            "WITH spent AS (DELETE FROM nonces WHERE nonce = $1 AND origin = $2 AND expires_at > $3 RETURNING 1),
                  swept AS (DELETE FROM nonces WHERE $4::text IS NOT NULL AND expires_at <= $3),
                  issued AS (INSERT INTO nonces (nonce, origin, expires_at) SELECT $4, $2, $5 WHERE $4::text IS NOT NULL)
             SELECT count(*) FROM spent",
            t![&claim.nonce => TEXT, &claim.origin => TEXT, &claim.now => INT8, &next => TEXT, &expires_at => INT8],
        )?
        .get(0);
    if spent != 1 {
        // Unless this sid is stored already: a retry is answered whatever its nonce.
        return Ok(find_by_sid(&mut tx, claim.sid)?.map_or(Appended::BadNonce, Appended::Existing));
    }
    if let Some(token) = claim.request {
        let used = tx.execute_typed(
            "UPDATE pa_requests SET used_sid = $1 WHERE token = $2 AND used_sid IS NULL AND expires_at > $3",
            t![&claim.sid => TEXT, &token => TEXT, &claim.now => INT8],
        )?;
        if used != 1 {
            return Ok(find_by_sid(&mut tx, claim.sid)?.map_or(Appended::BadRequestLink, Appended::Existing));
        }
    }

    // Taken here: every read below sees everything appended before it, on any instance
    // (READ COMMITTED: each statement after the lock sees every commit before it).
    tx.execute_typed("SELECT id FROM chain_lock WHERE id = 1 FOR UPDATE", &[])?;
    let row = tx.query_typed_one(
        "SELECT h.seq, h.receipt, (SELECT s.seq FROM submissions s WHERE s.sid = $1)
         FROM (SELECT 1) AS one
         LEFT JOIN LATERAL (SELECT seq, receipt FROM submissions ORDER BY seq DESC LIMIT 1) AS h ON true",
        t![&claim.sid => TEXT],
    )?;
    if row.get::<_, Option<i64>>(2).is_some() {
        // Stored by a concurrent request since the caller looked (the nonce was another one).
        return Ok(find_by_sid(&mut tx, claim.sid)?.map_or(Appended::BadNonce, Appended::Existing));
    }
    let head = row
        .get::<_, Option<i64>>(0)
        .map(|seq| ChainHead { seq: seq as u64, receipt: row.get::<_, Option<String>>(1).unwrap_or_default() });
    if let Some(reference) = claim.closes {
        // The chain lock is held, so no other return can land before this one commits.
        let sql = "SELECT s.reference FROM submissions s JOIN submissions a ON a.reference = $1 \
                   WHERE s.form_id = a.form_id AND (s.report::jsonb ->> 'agreement_reference') = $1 \
                   ORDER BY s.seq LIMIT 1";
        if let Some(row) = tx.query_typed(sql, t![&reference => TEXT])?.first() {
            return Ok(Appended::AlreadyClosed(row.get(0)));
        }
    }
    let record = build(head.as_ref()).map_err(StoreError::Build)?;
    insert_record(&mut tx, head.as_ref().map(link_of), &record)?;
    let seq = record.seq as i64;
    deliveries::queue(&mut tx, seq, claim.deliver_to, claim.now)?;
    for sha256 in claim.files {
        tx.execute_typed(
            "INSERT INTO submission_files (seq, sha256) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            t![&seq => INT8, sha256 => TEXT],
        )?;
    }
    tx.commit()?;
    Ok(Appended::New(record))
}

/// The record and its inbox row (verdict and counts taken from the report once), in one statement.
fn insert_record(tx: &mut Transaction<'_>, prev: Option<String>, r: &Record) -> Result<(), StoreError> {
    let (verdict, fails, warns, passes) = verdict_of(&r.report);
    let seq = r.seq as i64;
    tx.execute_typed(
        &format!(
            "WITH stored AS (
                 INSERT INTO submissions (prev, {COLUMNS})
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13))
             INSERT INTO inbox_items (seq, reference, form_id, form_version, jkt, received_at, verdict, fails, warns, passes)
             VALUES ($2, $4, $6, $7, $5, $13, $14, $15, $16, $17)"
        ),
        t![
            &prev => TEXT,
            &seq => INT8,
            &r.sid => TEXT,
            &r.reference => TEXT,
            &r.jkt => TEXT,
            &r.form_id => TEXT,
            &r.form_version => TEXT,
            &r.origin => TEXT,
            &r.payload_sha256 => TEXT,
            &r.envelope => TEXT,
            &r.report => TEXT,
            &r.receipt => TEXT,
            &r.received_at => TEXT,
            &verdict => TEXT,
            &fails => INT8,
            &warns => INT8,
            &passes => INT8,
        ],
    )?;
    Ok(())
}
