//! Appending one submission on PostgreSQL. Every instance's appends take one row lock (the
//! chain's head), and on a machine whose cores the servers and the database share, the round
//! trips to the database are the cost that counts: each is a write, a wake-up of the backend, its
//! answer and a wake-up here.
//!
//! So an append is four round trips (and the pool's check of the connection it hands out):
//! `BEGIN` with the lock (the simple protocol takes both at once); one statement that spends the
//! nonce, issues the next, reads the head and looks for the sid; one that inserts the record with
//! its inbox row; `COMMIT`. Statements are sent with their parameter types (`*_typed`), one round
//! trip each instead of the three of prepare, execute and close.

use postgres::{Client, GenericClient};

use super::{COLUMNS, deliveries, find_by_sid, link_of};
use crate::store::inbox::verdict_of;
use crate::store::{Appended, ChainHead, Claim, Record, StoreError};

/// Sweeps the expired nonces, then remembers `nonce` for `origin` until `expires_at`: one
/// statement, outside any append (a sweep's row locks must not lengthen the chain lock).
pub(super) fn insert_nonce(
    c: &mut impl GenericClient,
    nonce: &str,
    origin: &str,
    now: i64,
    expires_at: i64,
) -> Result<(), StoreError> {
    // SKIP LOCKED: sweeps running at once on several connections each take what the others are
    // not taking, rather than waiting on (or deadlocking with) each other.
    c.execute_typed(
        "WITH swept AS (DELETE FROM nonces WHERE nonce IN
                            (SELECT nonce FROM nonces WHERE expires_at <= $3 FOR UPDATE SKIP LOCKED))
         INSERT INTO nonces (nonce, origin, expires_at) VALUES ($1, $2, $4)",
        t![&nonce => TEXT, &origin => TEXT, &now => INT8, &expires_at => INT8],
    )?;
    Ok(())
}

/// An open transaction that rolls back when dropped uncommitted (the pooled connection must
/// never go back to the pool holding the chain lock).
struct Tx<'a>(&'a mut Client, bool);

impl Tx<'_> {
    /// `BEGIN` and the chain lock in one round trip (the simple protocol takes both at once).
    fn begin_locked(c: &mut Client) -> Result<Tx<'_>, StoreError> {
        let tx = Tx(c, true);
        // READ COMMITTED whatever the database's default: each statement's snapshot is taken
        // after the lock, so it sees the head the previous holder committed.
        tx.0.batch_execute("BEGIN ISOLATION LEVEL READ COMMITTED; SELECT id FROM chain_lock WHERE id = 1 FOR UPDATE")?;
        Ok(tx)
    }

    fn commit(mut self) -> Result<(), StoreError> {
        self.1 = false;
        self.0.batch_execute("COMMIT")?;
        Ok(())
    }
}

impl Drop for Tx<'_> {
    fn drop(&mut self) {
        if self.1 {
            // If even this fails the connection is broken, and the pool discards it.
            let _ = self.0.batch_execute("ROLLBACK");
        }
    }
}

/// The whole append, in one transaction that holds the chain lock from its first statement:
/// every read sees everything appended before it, on any instance (READ COMMITTED: each
/// statement after the lock sees every commit before it). Committed only when it stores.
pub(super) fn append(
    c: &mut Client,
    claim: &Claim<'_>,
    build: &mut dyn FnMut(Option<&ChainHead>) -> Result<Record, String>,
) -> Result<Appended, StoreError> {
    let tx = Tx::begin_locked(c)?;
    // One statement: spend the nonce, issue the next one, read the head and look for the sid (the
    // expired nonces are swept by `issue_nonce`, outside the chain lock). A
    // concurrent spend of the same nonce on another connection waits on its row, then finds it
    // gone. Whatever is refused, dropping `tx` undoes the spend and the issue.
    let (next, expires_at) = claim.next_nonce.map_or((None, 0), |n| (Some(n.nonce), n.expires_at));
    let row = tx.0.query_typed_one(
        "WITH spent AS (DELETE FROM nonces WHERE nonce = $1 AND origin = $2 AND expires_at > $3 RETURNING 1),
              issued AS (INSERT INTO nonces (nonce, origin, expires_at) SELECT $4, $2, $5 WHERE $4::text IS NOT NULL)
         SELECT (SELECT count(*) FROM spent), h.seq, h.receipt, (SELECT s.seq FROM submissions s WHERE s.sid = $6)
         FROM (SELECT 1) AS one
         LEFT JOIN LATERAL (SELECT seq, receipt FROM submissions ORDER BY seq DESC LIMIT 1) AS h ON true",
        t![
            &claim.nonce => TEXT,
            &claim.origin => TEXT,
            &claim.now => INT8,
            &next => TEXT,
            &expires_at => INT8,
            &claim.sid => TEXT,
        ],
    )?;
    if row.get::<_, Option<i64>>(3).is_some() {
        // A retry is answered whatever its nonce, and spends nothing.
        return Ok(find_by_sid(&mut *tx.0, claim.sid)?.map_or(Appended::BadNonce, Appended::Existing));
    }
    if row.get::<_, i64>(0) != 1 {
        return Ok(Appended::BadNonce);
    }
    let head = row
        .get::<_, Option<i64>>(1)
        .map(|seq| ChainHead { seq: seq as u64, receipt: row.get::<_, Option<String>>(2).unwrap_or_default() });
    if let Some(token) = claim.request {
        let used = tx.0.execute_typed(
            "UPDATE pa_requests SET used_sid = $1 WHERE token = $2 AND used_sid IS NULL AND expires_at > $3",
            t![&claim.sid => TEXT, &token => TEXT, &claim.now => INT8],
        )?;
        if used != 1 {
            return Ok(Appended::BadRequestLink);
        }
    }
    if let Some(reference) = claim.closes {
        // The chain lock is held, so no other return can land before this one commits.
        let sql = "SELECT s.reference FROM submissions s JOIN submissions a ON a.reference = $1 \
                   WHERE s.form_id = a.form_id AND (s.report::jsonb ->> 'agreement_reference') = $1 \
                   ORDER BY s.seq LIMIT 1";
        if let Some(row) = tx.0.query_typed(sql, t![&reference => TEXT])?.first() {
            return Ok(Appended::AlreadyClosed(row.get(0)));
        }
    }
    let record = build(head.as_ref()).map_err(StoreError::Build)?;
    insert_record(&mut *tx.0, head.as_ref().map(link_of), &record)?;
    let seq = record.seq as i64;
    deliveries::queue(&mut *tx.0, seq, claim.deliver_to, claim.now)?;
    for sha256 in claim.files {
        tx.0.execute_typed(
            "INSERT INTO submission_files (seq, sha256) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            t![&seq => INT8, sha256 => TEXT],
        )?;
    }
    tx.commit()?;
    Ok(Appended::New(record))
}

/// The record and its inbox row (verdict and counts taken from the report once), in one statement.
fn insert_record(tx: &mut Client, prev: Option<String>, r: &Record) -> Result<(), StoreError> {
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
