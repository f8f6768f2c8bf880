//! The PostgreSQL store: many `careform serve` instances share one database and one receipt chain.
//!
//! The `Store` interface is synchronous and the server calls it on tokio's blocking pool, so this
//! uses the blocking `postgres` client behind an `r2d2` pool. Every append locks the one-row
//! `chain_lock` table `FOR UPDATE` first, so appends from every instance are serialised and each
//! reads the head the previous one committed (READ COMMITTED: each statement after the lock sees
//! every commit before it).

use std::sync::atomic::{AtomicI64, Ordering};

use postgres::{GenericClient, NoTls, Row};
use r2d2_postgres::{PostgresConnectionManager, r2d2};

use super::{Appended, ChainHead, Claim, PaRequest, PaRequestState, Record, Store, StoreError};

/// A statement's parameters: `p![&a, &b]` (a plain array of references has no single type).
macro_rules! p {
    ($($v:expr),* $(,)?) => { &[$($v as &(dyn ::postgres::types::ToSql + Sync)),*] };
}

/// A statement's parameters with their types, for the one-round-trip `*_typed` calls:
/// `t![&a => TEXT, &b => INT8]`.
macro_rules! t {
    ($($v:expr => $ty:ident),* $(,)?) => {
        &[$(($v as &(dyn ::postgres::types::ToSql + Sync), ::postgres::types::Type::$ty)),*]
    };
}

mod append;
mod deliveries;
mod inbox;
mod retention;
mod schema;

type Pool = r2d2::Pool<PostgresConnectionManager<NoTls>>;
type Conn = r2d2::PooledConnection<PostgresConnectionManager<NoTls>>;

/// Connections one instance holds at most: the blocking pool runs at most this many store calls
/// at once; more would queue in PostgreSQL instead of here.
const POOL_SIZE: u32 = 16;
/// Any key will do, as long as nothing else in the database takes the same advisory lock.
const SCHEMA_LOCK: i64 = 0x6361_7265_666f_726d; // "careform"

/// Submissions, receipts, nonces, sessions and the inbox in one PostgreSQL database.
pub struct PgStore {
    /// Always there until the store is dropped (see its `Drop`).
    pool: Option<Pool>,
    /// The last minute whose stale rate counts this instance cleared.
    rate_swept: AtomicI64,
}

impl From<postgres::Error> for StoreError {
    fn from(e: postgres::Error) -> Self {
        StoreError::Pg(Box::new(e))
    }
}

impl From<r2d2::Error> for StoreError {
    fn from(e: r2d2::Error) -> Self {
        StoreError::Config(format!("cannot reach PostgreSQL: {e}"))
    }
}

pub(super) use super::COLUMNS;

/// A row of [`COLUMNS`] from `at` on.
pub(super) fn to_record(row: &Row, at: usize) -> Record {
    Record {
        seq: row.get::<_, i64>(at) as u64,
        sid: row.get(at + 1),
        reference: row.get(at + 2),
        jkt: row.get(at + 3),
        form_id: row.get(at + 4),
        form_version: row.get(at + 5),
        origin: row.get(at + 6),
        payload_sha256: row.get(at + 7),
        envelope: row.get(at + 8),
        report: row.get(at + 9),
        receipt: row.get(at + 10),
        received_at: row.get(at + 11),
    }
}

impl PgStore {
    /// Connects to `url` (`postgres://USER:PASSWORD@HOST:PORT/DATABASE`) and, unless read-only,
    /// creates the tables that are missing.
    pub fn open(url: &str, read_only: bool) -> Result<Self, StoreError> {
        let config: postgres::Config =
            url.parse().map_err(|e| StoreError::Config(format!("bad PostgreSQL URL: {e}")))?;
        let manager = PostgresConnectionManager::new(config, NoTls);
        // One connection up front (so a wrong URL fails now, with PostgreSQL's reason), the rest on demand.
        let pool = r2d2::Pool::builder()
            .max_size(POOL_SIZE)
            .min_idle(Some(1))
            .connection_timeout(std::time::Duration::from_secs(10))
            .build(manager)
            .map_err(|e| StoreError::Config(format!("cannot connect to PostgreSQL: {e}")))?;
        let store = PgStore { pool: Some(pool), rate_swept: AtomicI64::new(0) };
        let mut conn = store.conn()?;
        if read_only {
            let there: bool = conn.query_one("SELECT to_regclass('submissions') IS NOT NULL", &[])?.get(0);
            if !there {
                return Err(StoreError::Config("no Careform tables in this PostgreSQL database".into()));
            }
        } else {
            let mut tx = conn.transaction()?;
            // Two instances starting at once would otherwise race to create the same tables.
            tx.execute("SELECT pg_advisory_xact_lock($1)", p![&SCHEMA_LOCK])?;
            // Not "relation ... already exists, skipping" for every table at every start.
            tx.batch_execute("SET LOCAL client_min_messages = warning")?;
            tx.batch_execute(schema::SCHEMA)?;
            tx.commit()?;
        }
        drop(conn);
        Ok(store)
    }

    pub(super) fn conn(&self) -> Result<Conn, StoreError> {
        Ok(self.pool.as_ref().expect("the pool lives as long as the store").get()?)
    }
}

impl Drop for PgStore {
    fn drop(&mut self) {
        // Closing a connection blocks on the client's own runtime, which panics on a thread that
        // runs tokio's (where the server's last handle to the store goes at shutdown): close
        // them on a thread of their own.
        if let Some(pool) = self.pool.take()
            && tokio::runtime::Handle::try_current().is_ok()
        {
            let _ = std::thread::spawn(move || drop(pool)).join();
        }
    }
}

fn opt_record(rows: Vec<Row>) -> Option<Record> {
    rows.first().map(|r| to_record(r, 0))
}

fn find_by_sid(c: &mut impl GenericClient, sid: &str) -> Result<Option<Record>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM submissions WHERE sid = $1");
    Ok(opt_record(c.query_typed(&sql, t![&sid => TEXT])?))
}

fn chain_head(c: &mut impl GenericClient) -> Result<Option<ChainHead>, StoreError> {
    let rows = c.query("SELECT seq, receipt FROM submissions ORDER BY seq DESC LIMIT 1", &[])?;
    Ok(rows.first().map(|r| ChainHead { seq: r.get::<_, i64>(0) as u64, receipt: r.get(1) }))
}

/// What the `prev` column holds: the hash the next receipt links to (a stored receipt that is not
/// a JWS, which only tests store, is hashed as text).
fn link_of(head: &ChainHead) -> String {
    crate::receive::receipt_hash(&head.receipt).unwrap_or_else(|_| careform_seal::sha256_b64u(head.receipt.as_bytes()))
}

impl Store for PgStore {
    fn issue_nonce(&self, nonce: &str, origin: &str, now: i64, expires_at: i64) -> Result<(), StoreError> {
        append::insert_nonce(&mut *self.conn()?, nonce, origin, now, expires_at)
    }

    fn nonce_usable(&self, nonce: &str, origin: &str, now: i64) -> Result<bool, StoreError> {
        let sql = "SELECT 1 FROM nonces WHERE nonce = $1 AND origin = $2 AND expires_at > $3";
        Ok(!self.conn()?.query_typed(sql, t![&nonce => TEXT, &origin => TEXT, &now => INT8])?.is_empty())
    }

    fn head(&self) -> Result<Option<ChainHead>, StoreError> {
        chain_head(&mut *self.conn()?)
    }

    fn find_by_sid(&self, sid: &str) -> Result<Option<Record>, StoreError> {
        find_by_sid(&mut *self.conn()?, sid)
    }

    fn find_by_reference(&self, reference: &str) -> Result<Option<Record>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM submissions WHERE reference = $1");
        Ok(opt_record(self.conn()?.query(&sql, p![&reference])?))
    }

    fn referring_to(&self, form_id: &str, reference: &str) -> Result<Option<String>, StoreError> {
        let sql = "SELECT reference FROM submissions WHERE form_id = $1 \
                   AND (report::jsonb ->> 'agreement_reference') = $2 ORDER BY seq LIMIT 1";
        Ok(self.conn()?.query(sql, p![&form_id, &reference])?.first().map(|r| r.get(0)))
    }

    fn append(
        &self,
        claim: &Claim<'_>,
        build: &mut dyn FnMut(Option<&ChainHead>) -> Result<Record, String>,
    ) -> Result<Appended, StoreError> {
        append::append(&mut *self.conn()?, claim, build)
    }

    fn records(&self) -> Result<Vec<Record>, StoreError> {
        let rows = self.conn()?.query(&format!("SELECT {COLUMNS} FROM submissions ORDER BY seq"), &[])?;
        Ok(rows.iter().map(|r| to_record(r, 0)).collect())
    }

    fn files_of(&self, sid: &str) -> Result<Vec<String>, StoreError> {
        let sql = "SELECT f.sha256 FROM submission_files f JOIN submissions s ON s.seq = f.seq \
                   WHERE s.sid = $1 ORDER BY f.sha256";
        Ok(self.conn()?.query(sql, p![&sid])?.iter().map(|r| r.get(0)).collect())
    }

    fn file_referenced(&self, sha256: &str) -> Result<bool, StoreError> {
        let sql = "SELECT EXISTS (SELECT 1 FROM submission_files WHERE sha256 = $1)";
        Ok(self.conn()?.query_one(sql, p![&sha256])?.get(0))
    }

    fn put_staff(&self, username: &str, password_hash: &str, now: i64) -> Result<(), StoreError> {
        self.conn()?.execute(
            "INSERT INTO staff (username, password_hash, updated_at) VALUES ($1, $2, $3)
             ON CONFLICT (username) DO UPDATE SET password_hash = $2, updated_at = $3",
            p![&username, &password_hash, &now],
        )?;
        Ok(())
    }

    fn staff_password_hash(&self, username: &str) -> Result<Option<String>, StoreError> {
        let rows = self.conn()?.query("SELECT password_hash FROM staff WHERE username = $1", p![&username])?;
        Ok(rows.first().map(|r| r.get(0)))
    }

    fn put_session(&self, token_sha256: &str, username: &str, now: i64, expires_at: i64) -> Result<(), StoreError> {
        let mut c = self.conn()?;
        c.execute("DELETE FROM staff_sessions WHERE expires_at <= $1", p![&now])?;
        c.execute(
            "INSERT INTO staff_sessions (token_sha256, username, expires_at) VALUES ($1, $2, $3)",
            p![&token_sha256, &username, &expires_at],
        )?;
        Ok(())
    }

    fn session_user(&self, token_sha256: &str, now: i64) -> Result<Option<String>, StoreError> {
        let sql = "SELECT username FROM staff_sessions WHERE token_sha256 = $1 AND expires_at > $2";
        Ok(self.conn()?.query(sql, p![&token_sha256, &now])?.first().map(|r| r.get(0)))
    }

    fn delete_session(&self, token_sha256: &str) -> Result<(), StoreError> {
        self.conn()?.execute("DELETE FROM staff_sessions WHERE token_sha256 = $1", p![&token_sha256])?;
        Ok(())
    }

    fn put_request(&self, r: &PaRequest) -> Result<(), StoreError> {
        self.conn()?.execute(
            "INSERT INTO pa_requests (token, pa_name, pa_email, client_name, employer, activity_date, code_version,
                                      issued_by, issued_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            &[
                &r.token,
                &r.pa_name,
                &r.pa_email,
                &r.client_name,
                &r.employer,
                &r.activity_date,
                &r.code_version,
                &r.issued_by,
                &r.issued_at,
                &r.expires_at,
            ],
        )?;
        Ok(())
    }

    fn requests(&self) -> Result<Vec<PaRequestState>, StoreError> {
        let rows = self.conn()?.query(
            &format!(
                "SELECT {}, s.reference, s.received_at FROM pa_requests r LEFT JOIN submissions s ON s.sid = r.used_sid
                 ORDER BY r.issued_at DESC, r.id DESC",
                inbox::REQUEST_COLUMNS
            ),
            &[],
        )?;
        Ok(rows
            .iter()
            .map(|row| {
                let reference: Option<String> = row.get(10);
                let received_at: Option<String> = row.get(11);
                PaRequestState { request: inbox::to_request(row), acknowledged: reference.zip(received_at) }
            })
            .collect())
    }

    fn counts_requests(&self) -> bool {
        true
    }

    fn count_request(&self, client: &str, minute: i64) -> Result<u64, StoreError> {
        let mut c = self.conn()?;
        // Once a minute per instance, the minutes before the last are cleared away.
        if self.rate_swept.swap(minute, Ordering::Relaxed) != minute {
            c.execute("DELETE FROM rate_counts WHERE minute < $1", p![&(minute - 1)])?;
        }
        let row = c.query_typed_one(
            "INSERT INTO rate_counts (client, minute, hits) VALUES ($1, $2, 1)
             ON CONFLICT (client, minute) DO UPDATE SET hits = rate_counts.hits + 1 RETURNING hits",
            t![&client => TEXT, &minute => INT8],
        )?;
        Ok(row.get::<_, i64>(0) as u64)
    }
}
