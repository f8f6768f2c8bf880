//! The delivery queue on PostgreSQL (see `store/deliveries.rs` for what each call means). Several
//! instances' workers lease from one table: `FOR UPDATE SKIP LOCKED` lets each take rows no other
//! is taking, without waiting on them.

use postgres::GenericClient;

use super::super::deliveries::{Deliveries, Delivery, DeliveryState};
use super::super::{Record, StoreError};
use super::{COLUMNS, PgStore, to_record};

/// Queues one delivery per endpoint for the record `seq`, due at `now`, inside `append`'s transaction.
pub(super) fn queue(tx: &mut impl GenericClient, seq: i64, endpoints: &[String], now: i64) -> Result<(), StoreError> {
    for endpoint in endpoints {
        tx.execute_typed(
            "INSERT INTO deliveries (seq, endpoint, attempts, next_attempt_at) VALUES ($1, $2, 0, $3)
             ON CONFLICT (seq, endpoint) DO NOTHING",
            t![&seq => INT8, endpoint => TEXT, &now => INT8],
        )?;
    }
    Ok(())
}

impl Deliveries for PgStore {
    fn lease_due(&self, now: i64, lease_until: i64, limit: usize) -> Result<Vec<Delivery>, StoreError> {
        let rows = self.conn()?.query(
            "UPDATE deliveries SET next_attempt_at = $2 WHERE id IN (
                 SELECT id FROM deliveries WHERE delivered_at IS NULL AND next_attempt_at <= $1
                 ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
             RETURNING id, seq, endpoint, attempts",
            p![&now, &lease_until, &(limit as i64)],
        )?;
        let mut leased: Vec<Delivery> = rows
            .iter()
            .map(|r| Delivery {
                id: r.get(0),
                seq: r.get::<_, i64>(1) as u64,
                endpoint: r.get(2),
                attempts: r.get::<_, i32>(3) as u32,
            })
            .collect();
        // RETURNING gives no order; ids grow with arrival.
        leased.sort_by_key(|d| d.id);
        Ok(leased)
    }

    fn delivered(&self, id: i64, now: i64) -> Result<(), StoreError> {
        self.conn()?.execute("UPDATE deliveries SET delivered_at = $2 WHERE id = $1", p![&id, &now])?;
        Ok(())
    }

    fn delivery_failed(&self, id: i64, next_attempt_at: i64, error: &str) -> Result<(), StoreError> {
        self.conn()?.execute(
            "UPDATE deliveries SET attempts = attempts + 1, next_attempt_at = $2, last_error = $3
             WHERE id = $1 AND delivered_at IS NULL",
            p![&id, &next_attempt_at, &error],
        )?;
        Ok(())
    }

    fn delivery_held(&self, id: i64, next_attempt_at: i64, reason: &str) -> Result<(), StoreError> {
        self.conn()?.execute(
            "UPDATE deliveries SET next_attempt_at = $2, last_error = $3 WHERE id = $1 AND delivered_at IS NULL",
            p![&id, &next_attempt_at, &reason],
        )?;
        Ok(())
    }

    fn deliveries_of(&self, seq: u64) -> Result<Vec<DeliveryState>, StoreError> {
        let rows = self.conn()?.query(
            "SELECT endpoint, attempts, delivered_at, next_attempt_at, last_error FROM deliveries
             WHERE seq = $1 ORDER BY endpoint",
            p![&(seq as i64)],
        )?;
        Ok(rows
            .iter()
            .map(|r| DeliveryState {
                endpoint: r.get(0),
                attempts: r.get::<_, i32>(1) as u32,
                delivered_at: r.get(2),
                next_attempt_at: r.get(3),
                last_error: r.get(4),
            })
            .collect())
    }

    fn record_at(&self, seq: u64) -> Result<Option<Record>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM submissions WHERE seq = $1");
        Ok(self.conn()?.query(&sql, p![&(seq as i64)])?.first().map(|r| to_record(r, 0)))
    }
}
