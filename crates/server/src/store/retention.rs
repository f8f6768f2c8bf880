//! Retention: per form, how many days after its decision an approved or rejected submission is
//! kept, and the purge that deletes what is past it.
//!
//! A purge keeps the `submissions` row's chain fields (seq, sid, reference, device key
//! thumbprint, form, origin, payload hash, received time) and the receipt JWS, so `careform
//! audit` still verifies every receipt and the chain through it; it blanks the envelope (the
//! signed answers) and the report, deletes the inbox row (status, assignee), the file links and
//! the files no other submission lists, and blanks the text of the notes about it. The audit
//! rows themselves stay (who viewed, decided, downloaded, when), and a `purged` row is added.

use rusqlite::{Connection, params};

use super::{SqliteStore, StoreError};

/// Tables and triggers; run after the inbox's schema on every read-write open.
pub(super) const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS retention (
    form_id TEXT PRIMARY KEY,
    days INTEGER NOT NULL CHECK (days >= 1)
) STRICT;
CREATE TABLE IF NOT EXISTS purged (
    seq INTEGER PRIMARY KEY,
    reference TEXT NOT NULL UNIQUE,
    purged_at TEXT NOT NULL
) STRICT;
-- The audit log stays append-only but for one change: a purge blanks the text of a note about
-- a purged submission (notes are free text about people). `IS`, not `=`: a NULL must not make
-- the condition unknown (which would let the update through). Databases made before retention
-- had a stricter trigger (no updates at all), dropped once this one exists.
CREATE TRIGGER IF NOT EXISTS inbox_audit_only_purge_blanks BEFORE UPDATE ON inbox_audit
WHEN NOT (OLD.action IS 'note' AND NEW.detail IS '' AND NEW.id IS OLD.id AND NEW.at IS OLD.at
          AND NEW.actor IS OLD.actor AND NEW.action IS OLD.action AND NEW.reference IS OLD.reference
          AND EXISTS (SELECT 1 FROM purged p WHERE p.reference = OLD.reference))
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
DROP TRIGGER IF EXISTS inbox_audit_no_update;
";

/// A form's retention period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    /// The form id.
    pub form_id: String,
    /// Days after the decision.
    pub days: u32,
}

/// A decided submission past its form's retention period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expired {
    /// Chain position.
    pub seq: i64,
    /// Receipt reference.
    pub reference: String,
    /// Form id.
    pub form_id: String,
    /// `approved` or `rejected`.
    pub status: String,
    /// When it was decided (the time of its last status change), `YYYY-MM-DDTHH:MM:SSZ`.
    pub decided_at: String,
    /// The form's period then.
    pub days: u32,
    /// Its files (SHA-256 hex) no other submission lists: deleted with it.
    pub files_removed: Vec<String>,
    /// Its files another submission still lists: kept.
    pub files_kept: Vec<String>,
}

/// The retention store calls; every store has them.
pub trait Retention {
    /// Sets a form's period (`None` keeps its submissions for good).
    fn set_retention(&self, form_id: &str, days: Option<u32>) -> Result<(), StoreError>;
    /// Every form's period, by form id.
    fn retention(&self) -> Result<Vec<Period>, StoreError>;
    /// The decided submissions whose decision is older than their form's period at `now`
    /// (`YYYY-MM-DDTHH:MM:SSZ`), oldest first, with what would become of their files.
    fn expired(&self, now: &str) -> Result<Vec<Expired>, StoreError>;
    /// Purges what [`Retention::expired`] answers at `now`, in one transaction, with a `purged`
    /// audit row by `actor` for each. Returns what was purged; deleting the files themselves is
    /// the caller's (once this has committed).
    fn purge(&self, now: &str, actor: &str) -> Result<Vec<Expired>, StoreError>;
    /// The chain positions of purged submissions (`careform audit` accepts their blank envelopes).
    fn purged_seqs(&self) -> Result<std::collections::BTreeSet<u64>, StoreError>;
}

/// The cutoff for `days` before `now`, in the audit log's time format.
pub(super) fn cutoff(now: &str, days: u32) -> Option<String> {
    let now = chrono::DateTime::parse_from_rfc3339(now).ok()?;
    Some((now - chrono::Duration::days(i64::from(days))).format("%Y-%m-%dT%H:%M:%SZ").to_string())
}

fn expired(conn: &Connection, now: &str) -> Result<Vec<Expired>, StoreError> {
    // approved and rejected are final, so a decided submission's last status row is its decision.
    let sql = "SELECT i.seq, i.reference, i.form_id, i.status, r.days,
                      (SELECT MAX(a.at) FROM inbox_audit a WHERE a.reference = i.reference AND a.action = 'status')
               FROM inbox_items i JOIN retention r ON r.form_id = i.form_id
               WHERE i.status IN ('approved', 'rejected') ORDER BY i.seq";
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, u32>(4)?,
            r.get::<_, Option<String>>(5)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (seq, reference, form_id, status, days, decided_at) = row?;
        let (Some(decided_at), Some(cut)) = (decided_at, cutoff(now, days)) else { continue };
        if decided_at >= cut {
            continue;
        }
        let mut files = conn.prepare(
            "SELECT f.sha256, EXISTS (SELECT 1 FROM submission_files o WHERE o.sha256 = f.sha256 AND o.seq <> f.seq)
             FROM submission_files f WHERE f.seq = ?1 ORDER BY f.sha256",
        )?;
        let (mut files_removed, mut files_kept) = (Vec::new(), Vec::new());
        for f in files.query_map(params![seq], |r| Ok((r.get::<_, String>(0)?, r.get::<_, bool>(1)?)))? {
            let (sha256, shared) = f?;
            if shared { files_kept.push(sha256) } else { files_removed.push(sha256) }
        }
        out.push(Expired { seq, reference, form_id, status, decided_at, days, files_removed, files_kept });
    }
    share_out(&mut out, &mut |sha, seq| {
        Ok(conn
            .prepare("SELECT seq FROM submission_files WHERE sha256 = ?1 AND seq <> ?2")?
            .query_map(params![sha, seq], |r| r.get(0))?
            .collect::<Result<_, _>>()?)
    })?;
    Ok(out)
}

/// Answers the other submissions (seq) that list a file (SHA-256) besides `seq`.
pub(super) type OtherListers<'a> = dyn FnMut(&str, i64) -> Result<Vec<i64>, StoreError> + 'a;

/// Two expired submissions sharing a file: neither keeps it for the other. `others` answers the
/// other submissions (seq) that list a file.
pub(super) fn share_out(out: &mut [Expired], others: &mut OtherListers<'_>) -> Result<(), StoreError> {
    let mut gone: Vec<(usize, String)> = Vec::new();
    for (n, e) in out.iter().enumerate() {
        for sha in &e.files_kept {
            if others(sha, e.seq)?.iter().all(|s| out.iter().any(|x| x.seq == *s)) {
                gone.push((n, sha.clone()));
            }
        }
    }
    for (n, sha) in gone {
        out[n].files_kept.retain(|s| *s != sha);
        if !out[n].files_removed.contains(&sha) {
            out[n].files_removed.push(sha);
            out[n].files_removed.sort();
        }
    }
    Ok(())
}

impl Expired {
    /// The `purged` audit row's detail.
    pub(super) fn audit_detail(&self) -> String {
        format!(
            "{} {} on {}, kept {} days: answers, report, notes and {} file(s) deleted, {} file(s) kept (listed by another submission)",
            self.form_id,
            self.status,
            self.decided_at,
            self.days,
            self.files_removed.len(),
            self.files_kept.len()
        )
    }
}

impl Retention for SqliteStore {
    fn set_retention(&self, form_id: &str, days: Option<u32>) -> Result<(), StoreError> {
        let conn = self.lock();
        match days {
            Some(days) => conn.execute(
                "INSERT INTO retention (form_id, days) VALUES (?1, ?2) ON CONFLICT (form_id) DO UPDATE SET days = ?2",
                params![form_id, days],
            )?,
            None => conn.execute("DELETE FROM retention WHERE form_id = ?1", params![form_id])?,
        };
        Ok(())
    }

    fn retention(&self) -> Result<Vec<Period>, StoreError> {
        let conn = self.read();
        let mut stmt = conn.prepare("SELECT form_id, days FROM retention ORDER BY form_id")?;
        let rows = stmt.query_map([], |r| Ok(Period { form_id: r.get(0)?, days: r.get(1)? }))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn expired(&self, now: &str) -> Result<Vec<Expired>, StoreError> {
        expired(&self.read(), now)
    }

    fn purge(&self, now: &str, actor: &str) -> Result<Vec<Expired>, StoreError> {
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let list = expired(&tx, now)?;
        for e in &list {
            tx.execute("DELETE FROM submission_files WHERE seq = ?1", params![e.seq])?;
            // '{}', not '': the store's queries read reports with json_extract.
            tx.execute("UPDATE submissions SET envelope = '', report = '{}' WHERE seq = ?1", params![e.seq])?;
            tx.execute("DELETE FROM inbox_items WHERE seq = ?1", params![e.seq])?;
            tx.execute(
                "INSERT INTO purged (seq, reference, purged_at) VALUES (?1, ?2, ?3)",
                params![e.seq, e.reference, now],
            )?;
            tx.execute(
                "UPDATE inbox_audit SET detail = '' WHERE reference = ?1 AND action = 'note'",
                params![e.reference],
            )?;
            let detail = e.audit_detail();
            tx.execute(
                "INSERT INTO inbox_audit (at, actor, action, reference, detail) VALUES (?1, ?2, 'purged', ?3, ?4)",
                params![now, actor, e.reference, detail],
            )?;
        }
        tx.commit()?;
        Ok(list)
    }

    fn purged_seqs(&self) -> Result<std::collections::BTreeSet<u64>, StoreError> {
        let conn = self.read();
        // A database opened read-only that no purge-aware server has opened yet has no table.
        let exists: bool =
            conn.query_row("SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'purged')", [], |r| r.get(0))?;
        if !exists {
            return Ok(Default::default());
        }
        let mut stmt = conn.prepare("SELECT seq FROM purged")?;
        let rows = stmt.query_map([], |r| r.get::<_, i64>(0).map(|s| s as u64))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
