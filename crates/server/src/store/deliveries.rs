//! The durable delivery queue: one row per submission and endpoint (an `https://` webhook or a
//! `mailto:` notification), inserted in the submission's own transaction so nothing is lost if
//! the server dies between storing and delivering, and worked through by `crate::deliver`.

use rusqlite::{Connection, OptionalExtension as _, params};

use super::{COLUMNS, Record, SqliteStore, StoreError, row_to_record};

/// Tables; run on every read-write open.
pub(super) const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS deliveries (
    id INTEGER PRIMARY KEY,
    seq INTEGER NOT NULL REFERENCES submissions (seq),
    endpoint TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    delivered_at INTEGER,
    last_error TEXT,
    UNIQUE (seq, endpoint)
) STRICT;
-- The worker's question every poll: what is undelivered and due.
CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries (next_attempt_at) WHERE delivered_at IS NULL;
";

/// One due delivery, leased to the caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    /// Row id.
    pub id: i64,
    /// The submission's chain position.
    pub seq: u64,
    /// `https://…` (or loopback `http://…`) webhook, or `mailto:…`.
    pub endpoint: String,
    /// Failed attempts so far.
    pub attempts: u32,
}

/// What became of one delivery, for the inbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryState {
    /// Where it goes.
    pub endpoint: String,
    /// Failed attempts so far.
    pub attempts: u32,
    /// When it was acknowledged (Unix seconds), if it was.
    pub delivered_at: Option<i64>,
    /// When it is (or was last) due (Unix seconds).
    pub next_attempt_at: i64,
    /// Why the last attempt failed, if it did.
    pub last_error: Option<String>,
}

/// The delivery queue's store calls; every store has them.
pub trait Deliveries {
    /// Up to `limit` undelivered rows with `next_attempt_at <= now`, oldest first; sets their
    /// `next_attempt_at` to `lease_until` in the same statement so another worker or instance
    /// skips them meanwhile (PostgreSQL: `FOR UPDATE SKIP LOCKED`).
    fn lease_due(&self, now: i64, lease_until: i64, limit: usize) -> Result<Vec<Delivery>, StoreError>;
    /// Acknowledged (2xx, or the SMTP server accepted the message).
    fn delivered(&self, id: i64, now: i64) -> Result<(), StoreError>;
    /// Failed: `attempts += 1`, next try at `next_attempt_at`, the error kept for the inbox.
    fn delivery_failed(&self, id: i64, next_attempt_at: i64, error: &str) -> Result<(), StoreError>;
    /// Not attempted (its endpoint is no longer configured): looked at again at `next_attempt_at`,
    /// `reason` kept for the inbox, the failed attempts left as they were.
    fn delivery_held(&self, id: i64, next_attempt_at: i64, reason: &str) -> Result<(), StoreError>;
    /// Every delivery of the record `seq`, in endpoint order.
    fn deliveries_of(&self, seq: u64) -> Result<Vec<DeliveryState>, StoreError>;
    /// The record at chain position `seq` (what a leased delivery sends), if any.
    fn record_at(&self, seq: u64) -> Result<Option<Record>, StoreError>;
}

/// Queues one delivery per endpoint for the record `seq`, due at `now`; called inside `append`'s
/// transaction so the rows commit (or not) with the submission.
pub(super) fn queue(tx: &Connection, seq: u64, endpoints: &[String], now: i64) -> rusqlite::Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT OR IGNORE INTO deliveries (seq, endpoint, attempts, next_attempt_at) VALUES (?1, ?2, 0, ?3)",
    )?;
    for endpoint in endpoints {
        stmt.execute(params![seq as i64, endpoint, now])?;
    }
    Ok(())
}

impl Deliveries for SqliteStore {
    fn lease_due(&self, now: i64, lease_until: i64, limit: usize) -> Result<Vec<Delivery>, StoreError> {
        // The worker polls every second and most seconds nothing is due: look on the reading
        // connection first, so an idle poll neither waits for nor holds up a group commit.
        let due: bool = self.read().query_row(
            "SELECT EXISTS (SELECT 1 FROM deliveries WHERE delivered_at IS NULL AND next_attempt_at <= ?1)",
            params![now],
            |r| r.get(0),
        )?;
        if !due {
            return Ok(Vec::new());
        }
        let conn = self.lock();
        // One statement: the select and the lease cannot be split by another writer.
        let mut stmt = conn.prepare_cached(
            "UPDATE deliveries SET next_attempt_at = ?2 WHERE id IN (
                 SELECT id FROM deliveries WHERE delivered_at IS NULL AND next_attempt_at <= ?1
                 ORDER BY next_attempt_at, id LIMIT ?3)
             RETURNING id, seq, endpoint, attempts",
        )?;
        let rows = stmt.query_map(params![now, lease_until, limit as i64], |r| {
            Ok(Delivery { id: r.get(0)?, seq: r.get::<_, i64>(1)? as u64, endpoint: r.get(2)?, attempts: r.get(3)? })
        })?;
        let mut leased: Vec<Delivery> = rows.collect::<Result<_, _>>()?;
        // RETURNING gives no order; ids grow with arrival.
        leased.sort_by_key(|d| d.id);
        Ok(leased)
    }

    fn delivered(&self, id: i64, now: i64) -> Result<(), StoreError> {
        self.lock().execute("UPDATE deliveries SET delivered_at = ?2 WHERE id = ?1", params![id, now])?;
        Ok(())
    }

    fn delivery_failed(&self, id: i64, next_attempt_at: i64, error: &str) -> Result<(), StoreError> {
        self.lock().execute(
            "UPDATE deliveries SET attempts = attempts + 1, next_attempt_at = ?2, last_error = ?3
             WHERE id = ?1 AND delivered_at IS NULL",
            params![id, next_attempt_at, error],
        )?;
        Ok(())
    }

    fn delivery_held(&self, id: i64, next_attempt_at: i64, reason: &str) -> Result<(), StoreError> {
        self.lock().execute(
            "UPDATE deliveries SET next_attempt_at = ?2, last_error = ?3 WHERE id = ?1 AND delivered_at IS NULL",
            params![id, next_attempt_at, reason],
        )?;
        Ok(())
    }

    fn deliveries_of(&self, seq: u64) -> Result<Vec<DeliveryState>, StoreError> {
        let conn = self.read();
        // A database opened read-only that no delivery-aware server has opened yet has no table.
        let exists: bool =
            conn.query_row("SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'deliveries')", [], |r| r.get(0))?;
        if !exists {
            return Ok(vec![]);
        }
        let mut stmt = conn.prepare(
            "SELECT endpoint, attempts, delivered_at, next_attempt_at, last_error FROM deliveries
             WHERE seq = ?1 ORDER BY endpoint",
        )?;
        let rows = stmt.query_map(params![seq as i64], |r| {
            Ok(DeliveryState {
                endpoint: r.get(0)?,
                attempts: r.get(1)?,
                delivered_at: r.get(2)?,
                next_attempt_at: r.get(3)?,
                last_error: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn record_at(&self, seq: u64) -> Result<Option<Record>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM submissions WHERE seq = ?1");
        Ok(self.read().query_row(&sql, params![seq as i64], row_to_record).optional()?)
    }
}
