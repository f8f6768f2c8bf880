//! The default store: one SQLite file.

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use rusqlite::{Connection, OpenFlags, OptionalExtension as _, params};

use super::group_commit::{Exclusive, Item, Writer};
use super::{
    Appended, COLUMNS, ChainHead, Claim, PaRequest, PaRequestState, Record, Store, StoreError, deliveries, inbox,
    retention,
};

/// The default store: one SQLite file, WAL, `synchronous=FULL`. Submissions and nonces are
/// written in group commits (see `group_commit`); every read goes through a second connection,
/// which sees only committed (durable) data, never a batch still open, and never waits for the
/// writer (an inbox list or export does not hold up submissions).
pub struct SqliteStore {
    writer: Writer,
    reader: Mutex<Connection>,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS nonces (
    nonce TEXT PRIMARY KEY,
    origin TEXT NOT NULL,
    expires_at INTEGER NOT NULL
) STRICT;
-- Every nonce issued first sweeps the expired ones: a range, not a scan of the table.
CREATE INDEX IF NOT EXISTS nonces_expiry ON nonces (expires_at);
CREATE TABLE IF NOT EXISTS staff (
    username TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS staff_sessions (
    token_sha256 TEXT PRIMARY KEY,
    username TEXT NOT NULL,
    expires_at INTEGER NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS pa_requests (
    token TEXT PRIMARY KEY,
    pa_name TEXT NOT NULL,
    pa_email TEXT NOT NULL,
    client_name TEXT NOT NULL,
    employer TEXT NOT NULL,
    activity_date TEXT,
    code_version TEXT NOT NULL,
    issued_by TEXT NOT NULL,
    issued_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_sid TEXT UNIQUE
) STRICT;
CREATE TABLE IF NOT EXISTS submissions (
    seq INTEGER PRIMARY KEY,
    sid TEXT NOT NULL UNIQUE,
    reference TEXT NOT NULL UNIQUE,
    jkt TEXT NOT NULL,
    form_id TEXT NOT NULL,
    form_version TEXT NOT NULL,
    origin TEXT NOT NULL,
    payload_sha256 TEXT NOT NULL,
    envelope TEXT NOT NULL,
    report TEXT NOT NULL,
    receipt TEXT NOT NULL,
    received_at TEXT NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS submission_files (
    seq INTEGER NOT NULL REFERENCES submissions (seq),
    sha256 TEXT NOT NULL,
    PRIMARY KEY (seq, sha256)
) STRICT;
CREATE INDEX IF NOT EXISTS submission_files_by_file ON submission_files (sha256);
";

impl SqliteStore {
    /// Opens (and, unless read-only, creates) the SQLite file.
    pub fn open(path: &Path, read_only: bool) -> Result<Self, StoreError> {
        let conn = if read_only {
            if !path.exists() {
                return Err(StoreError::Config(format!("no database at {}", path.display())));
            }
            read_only_connection(path)?
        } else {
            // A missing folder is made private; an existing one is the operator's (it may be
            // shared, e.g. /var/lib), so only the data directory itself is tightened, by `serve`.
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty() && !d.exists()) {
                crate::private::private_dir(dir).map_err(StoreError::Config)?;
            }
            crate::private::prepare_database(path).map_err(StoreError::Config)?;
            let conn = Connection::open(path)?;
            // WAL with FULL: a commit is on disk before the receipt leaves, so nothing acknowledged
            // is lost even if the process or machine dies right after.
            conn.pragma_update(None, "journal_mode", "WAL")?;
            conn.pragma_update(None, "synchronous", "FULL")?;
            // Each batched write runs in a savepoint, whose undo journal SQLite spills to a temporary
            // file past 64 KiB: kept in memory, that is a third fewer write(2) calls per submission.
            conn.pragma_update(None, "temp_store", "MEMORY")?;
            conn.execute_batch(SCHEMA)?;
            conn.execute_batch(inbox::SCHEMA)?;
            conn.execute_batch(retention::SCHEMA)?;
            conn.execute_batch(deliveries::SCHEMA)?;
            conn
        };
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // Opened after the writer, so the file and its schema exist.
        let reader = read_only_connection(path)?;
        Ok(SqliteStore { writer: Writer::new(conn), reader: Mutex::new(reader) })
    }

    /// The writing connection, with no batch open: for writes that are their own transaction.
    pub(super) fn lock(&self) -> Exclusive<'_> {
        self.writer.exclusive()
    }

    /// Writers queued for the next group commit now (a diagnostic, and how tests line writers up).
    pub fn queued_writers(&self) -> usize {
        self.writer.queued()
    }

    /// Group commits since the store opened.
    pub fn batches_committed(&self) -> u64 {
        self.writer.committed()
    }

    /// The reading connection: committed data only.
    pub(super) fn read(&self) -> MutexGuard<'_, Connection> {
        // Reads leave nothing half-done, so a panic elsewhere while holding it changes nothing.
        self.reader.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

fn read_only_connection(path: &Path) -> Result<Connection, StoreError> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(conn)
}

pub(crate) fn row_to_record(row: &rusqlite::Row<'_>) -> rusqlite::Result<Record> {
    Ok(Record {
        seq: row.get::<_, i64>(0)? as u64,
        sid: row.get(1)?,
        reference: row.get(2)?,
        jkt: row.get(3)?,
        form_id: row.get(4)?,
        form_version: row.get(5)?,
        origin: row.get(6)?,
        payload_sha256: row.get(7)?,
        envelope: row.get(8)?,
        report: row.get(9)?,
        receipt: row.get(10)?,
        received_at: row.get(11)?,
    })
}

/// The stored submission (of the agreement's own form, as the agreement's reference is unique)
/// whose report says it closes `reference`.
fn closed_by(conn: &Connection, reference: &str) -> Result<Option<String>, StoreError> {
    let sql = "SELECT s.reference FROM submissions s JOIN submissions a ON a.reference = ?1 \
               WHERE s.form_id = a.form_id AND json_extract(s.report, '$.agreement_reference') = ?1 \
               ORDER BY s.seq LIMIT 1";
    Ok(conn.query_row(sql, params![reference], |r| r.get(0)).optional()?)
}

/// Remembers `nonce` for `origin` until `expires_at`.
fn insert_nonce(conn: &Connection, nonce: &str, origin: &str, expires_at: i64) -> rusqlite::Result<()> {
    conn.prepare_cached("INSERT INTO nonces (nonce, origin, expires_at) VALUES (?1, ?2, ?3)")?
        .execute(params![nonce, origin, expires_at])?;
    Ok(())
}

fn find_by_sid(conn: &Connection, sid: &str) -> rusqlite::Result<Option<Record>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM submissions WHERE sid = ?1"))?;
    stmt.query_row(params![sid], row_to_record).optional()
}

fn chain_head(conn: &Connection) -> rusqlite::Result<Option<ChainHead>> {
    let mut stmt = conn.prepare_cached("SELECT seq, receipt FROM submissions ORDER BY seq DESC LIMIT 1")?;
    stmt.query_row([], |r| Ok(ChainHead { seq: r.get::<_, i64>(0)? as u64, receipt: r.get(1)? })).optional()
}

impl Store for SqliteStore {
    fn nonce_usable(&self, nonce: &str, origin: &str, now: i64) -> Result<bool, StoreError> {
        let sql = "SELECT 1 FROM nonces WHERE nonce = ?1 AND origin = ?2 AND expires_at > ?3";
        Ok(self.read().query_row(sql, params![nonce, origin, now], |_| Ok(())).optional()?.is_some())
    }

    fn head(&self) -> Result<Option<ChainHead>, StoreError> {
        Ok(chain_head(&self.read())?)
    }

    fn issue_nonce(&self, nonce: &str, origin: &str, now: i64, expires_at: i64) -> Result<(), StoreError> {
        // Batched with the submissions, so a nonce shares their fsync.
        self.writer.batched(|conn| {
            // The sweep of expired nonces rides here, not in every submission (as on PostgreSQL).
            conn.prepare_cached("DELETE FROM nonces WHERE expires_at <= ?1")?.execute(params![now])?;
            insert_nonce(conn, nonce, origin, expires_at)?;
            Ok(Item::Keep(()))
        })
    }

    fn find_by_sid(&self, sid: &str) -> Result<Option<Record>, StoreError> {
        Ok(find_by_sid(&self.read(), sid)?)
    }

    fn find_by_reference(&self, reference: &str) -> Result<Option<Record>, StoreError> {
        let conn = self.read();
        let sql = format!("SELECT {COLUMNS} FROM submissions WHERE reference = ?1");
        Ok(conn.query_row(&sql, params![reference], row_to_record).optional()?)
    }

    fn referring_to(&self, form_id: &str, reference: &str) -> Result<Option<String>, StoreError> {
        let sql = "SELECT reference FROM submissions WHERE form_id = ?1 \
                   AND json_extract(report, '$.agreement_reference') = ?2 ORDER BY seq LIMIT 1";
        Ok(self.read().query_row(sql, params![form_id, reference], |r| r.get(0)).optional()?)
    }

    fn append(
        &self,
        claim: &Claim<'_>,
        build: &mut dyn FnMut(Option<&ChainHead>) -> Result<Record, String>,
    ) -> Result<Appended, StoreError> {
        // One item of a group commit: inside its own savepoint of a transaction that holds the
        // write lock, so every check below stays true until the batch commits.
        self.writer.batched(|conn| append_item(conn, claim, build))
    }

    fn records(&self) -> Result<Vec<Record>, StoreError> {
        let conn = self.read();
        let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM submissions ORDER BY seq"))?;
        let rows = stmt.query_map([], row_to_record)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn files_of(&self, sid: &str) -> Result<Vec<String>, StoreError> {
        let conn = self.read();
        let mut stmt = conn.prepare(
            "SELECT f.sha256 FROM submission_files f JOIN submissions s ON s.seq = f.seq WHERE s.sid = ?1 ORDER BY f.sha256",
        )?;
        let rows = stmt.query_map(params![sid], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn file_referenced(&self, sha256: &str) -> Result<bool, StoreError> {
        let sql = "SELECT EXISTS (SELECT 1 FROM submission_files WHERE sha256 = ?1)";
        Ok(self.read().query_row(sql, params![sha256], |r| r.get(0))?)
    }

    fn put_staff(&self, username: &str, password_hash: &str, now: i64) -> Result<(), StoreError> {
        self.lock().execute(
            "INSERT INTO staff (username, password_hash, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (username) DO UPDATE SET password_hash = ?2, updated_at = ?3",
            params![username, password_hash, now],
        )?;
        Ok(())
    }

    fn staff_password_hash(&self, username: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .read()
            .query_row("SELECT password_hash FROM staff WHERE username = ?1", params![username], |r| r.get(0))
            .optional()?)
    }

    fn put_session(&self, token_sha256: &str, username: &str, now: i64, expires_at: i64) -> Result<(), StoreError> {
        let conn = self.lock();
        conn.execute("DELETE FROM staff_sessions WHERE expires_at <= ?1", params![now])?;
        conn.execute(
            "INSERT INTO staff_sessions (token_sha256, username, expires_at) VALUES (?1, ?2, ?3)",
            params![token_sha256, username, expires_at],
        )?;
        Ok(())
    }

    fn session_user(&self, token_sha256: &str, now: i64) -> Result<Option<String>, StoreError> {
        Ok(self
            .read()
            .query_row(
                "SELECT username FROM staff_sessions WHERE token_sha256 = ?1 AND expires_at > ?2",
                params![token_sha256, now],
                |r| r.get(0),
            )
            .optional()?)
    }

    fn delete_session(&self, token_sha256: &str) -> Result<(), StoreError> {
        self.lock().execute("DELETE FROM staff_sessions WHERE token_sha256 = ?1", params![token_sha256])?;
        Ok(())
    }

    fn put_request(&self, r: &PaRequest) -> Result<(), StoreError> {
        self.lock().execute(
            "INSERT INTO pa_requests (token, pa_name, pa_email, client_name, employer, activity_date, code_version,
                                      issued_by, issued_at, expires_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                r.token,
                r.pa_name,
                r.pa_email,
                r.client_name,
                r.employer,
                r.activity_date,
                r.code_version,
                r.issued_by,
                r.issued_at,
                r.expires_at
            ],
        )?;
        Ok(())
    }

    fn requests(&self) -> Result<Vec<PaRequestState>, StoreError> {
        let conn = self.read();
        let mut stmt = conn.prepare(
            "SELECT r.token, r.pa_name, r.pa_email, r.client_name, r.employer, r.activity_date, r.code_version,
                    r.issued_by, r.issued_at, r.expires_at, s.reference, s.received_at
             FROM pa_requests r LEFT JOIN submissions s ON s.sid = r.used_sid
             ORDER BY r.issued_at DESC, r.rowid DESC",
        )?;
        let rows = stmt.query_map([], |row| {
            let reference: Option<String> = row.get(10)?;
            let received_at: Option<String> = row.get(11)?;
            Ok(PaRequestState {
                request: PaRequest {
                    token: row.get(0)?,
                    pa_name: row.get(1)?,
                    pa_email: row.get(2)?,
                    client_name: row.get(3)?,
                    employer: row.get(4)?,
                    activity_date: row.get(5)?,
                    code_version: row.get(6)?,
                    issued_by: row.get(7)?,
                    issued_at: row.get(8)?,
                    expires_at: row.get(9)?,
                },
                acknowledged: reference.zip(received_at),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// One submission's part of a batch: spend the nonce (and link), check the agreement is still
/// open, then build the next record from the chain head (which may be an earlier item of this
/// batch) and store it with its files, its deliveries and the next nonce. Refusals are `Undo`, so what they touched is rolled back.
fn append_item(
    conn: &Connection,
    claim: &Claim<'_>,
    build: &mut dyn FnMut(Option<&ChainHead>) -> Result<Record, String>,
) -> Result<Item<Appended>, StoreError> {
    if let Some(existing) = find_by_sid(conn, claim.sid)? {
        return Ok(Item::Undo(Appended::Existing(existing)));
    }
    let spent = conn
        .prepare_cached("DELETE FROM nonces WHERE nonce = ?1 AND origin = ?2 AND expires_at > ?3")?
        .execute(params![claim.nonce, claim.origin, claim.now])?;
    if spent != 1 {
        return Ok(Item::Undo(Appended::BadNonce));
    }
    if let Some(token) = claim.request {
        let used = conn
            .prepare_cached(
                "UPDATE pa_requests SET used_sid = ?1 WHERE token = ?2 AND used_sid IS NULL AND expires_at > ?3",
            )?
            .execute(params![claim.sid, token, claim.now])?;
        if used != 1 {
            // Undo rolls back the spent nonce too.
            return Ok(Item::Undo(Appended::BadRequestLink));
        }
    }
    if let Some(reference) = claim.closes
        && let Some(earlier) = closed_by(conn, reference)?
    {
        return Ok(Item::Undo(Appended::AlreadyClosed(earlier)));
    }
    let head = chain_head(conn)?;
    let record = build(head.as_ref()).map_err(StoreError::Build)?;
    conn.prepare_cached(&format!(
        "INSERT INTO submissions ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
    ))?
    .execute(params![
        record.seq as i64,
        record.sid,
        record.reference,
        record.jkt,
        record.form_id,
        record.form_version,
        record.origin,
        record.payload_sha256,
        record.envelope,
        record.report,
        record.receipt,
        record.received_at
    ])?;
    let mut link = conn.prepare_cached("INSERT OR IGNORE INTO submission_files (seq, sha256) VALUES (?1, ?2)")?;
    for sha256 in claim.files {
        link.execute(params![record.seq as i64, sha256])?;
    }
    // Queued in the submission's own savepoint: stored means it will be delivered.
    deliveries::queue(conn, record.seq, claim.deliver_to, claim.now)?;
    if let Some(next) = claim.next_nonce {
        insert_nonce(conn, next.nonce, claim.origin, next.expires_at)?;
    }
    Ok(Item::Keep(Appended::New(record)))
}
