//! Retention and purge on PostgreSQL (see `store/retention.rs` for what each call means and what
//! a purge keeps).

use std::collections::BTreeSet;

use postgres::GenericClient;

use super::super::StoreError;
use super::super::retention::{Expired, Period, Retention, cutoff, share_out};
use super::PgStore;

fn expired(c: &mut impl GenericClient, now: &str) -> Result<Vec<Expired>, StoreError> {
    // approved and rejected are final, so a decided submission's last status row is its decision.
    let sql = "SELECT i.seq, i.reference, i.form_id, i.status, r.days,
                      (SELECT MAX(a.at) FROM inbox_audit a WHERE a.reference = i.reference AND a.action = 'status')
               FROM inbox_items i JOIN retention r ON r.form_id = i.form_id
               WHERE i.status IN ('approved', 'rejected') ORDER BY i.seq";
    let mut out = Vec::new();
    for row in c.query(sql, &[])? {
        let days = row.get::<_, i32>(4) as u32;
        let decided_at: Option<String> = row.get(5);
        let (Some(decided_at), Some(cut)) = (decided_at, cutoff(now, days)) else { continue };
        if decided_at >= cut {
            continue;
        }
        let seq: i64 = row.get(0);
        let files = c.query(
            "SELECT f.sha256, EXISTS (SELECT 1 FROM submission_files o WHERE o.sha256 = f.sha256 AND o.seq <> f.seq)
             FROM submission_files f WHERE f.seq = $1 ORDER BY f.sha256",
            p![&seq],
        )?;
        let (mut files_removed, mut files_kept) = (Vec::new(), Vec::new());
        for f in files {
            if f.get(1) { files_kept.push(f.get(0)) } else { files_removed.push(f.get(0)) }
        }
        out.push(Expired {
            seq,
            reference: row.get(1),
            form_id: row.get(2),
            status: row.get(3),
            decided_at,
            days,
            files_removed,
            files_kept,
        });
    }
    share_out(&mut out, &mut |sha, seq| {
        Ok(c.query("SELECT seq FROM submission_files WHERE sha256 = $1 AND seq <> $2", p![&sha, &seq])?
            .iter()
            .map(|r| r.get(0))
            .collect())
    })?;
    Ok(out)
}

impl Retention for PgStore {
    fn set_retention(&self, form_id: &str, days: Option<u32>) -> Result<(), StoreError> {
        let mut c = self.conn()?;
        match days {
            Some(days) => c.execute(
                "INSERT INTO retention (form_id, days) VALUES ($1, $2) ON CONFLICT (form_id) DO UPDATE SET days = $2",
                p![&form_id, &(days.min(i32::MAX as u32) as i32)],
            )?,
            None => c.execute("DELETE FROM retention WHERE form_id = $1", p![&form_id])?,
        };
        Ok(())
    }

    fn retention(&self) -> Result<Vec<Period>, StoreError> {
        let rows = self.conn()?.query("SELECT form_id, days FROM retention ORDER BY form_id", &[])?;
        Ok(rows.iter().map(|r| Period { form_id: r.get(0), days: r.get::<_, i32>(1) as u32 }).collect())
    }

    fn expired(&self, now: &str) -> Result<Vec<Expired>, StoreError> {
        expired(&mut *self.conn()?, now)
    }

    fn purge(&self, now: &str, actor: &str) -> Result<Vec<Expired>, StoreError> {
        let mut c = self.conn()?;
        let mut tx = c.transaction()?;
        // The chain lock keeps appends (and another instance's purge) out until this commits, as
        // SQLite's write lock does.
        tx.execute("SELECT id FROM chain_lock WHERE id = 1 FOR UPDATE", &[])?;
        let list = expired(&mut tx, now)?;
        for e in &list {
            tx.execute("DELETE FROM submission_files WHERE seq = $1", p![&e.seq])?;
            // '{}', not '': the store's queries read reports as JSON.
            tx.execute("UPDATE submissions SET envelope = '', report = '{}' WHERE seq = $1", p![&e.seq])?;
            tx.execute("DELETE FROM inbox_items WHERE seq = $1", p![&e.seq])?;
            tx.execute(
                "INSERT INTO purged (seq, reference, purged_at) VALUES ($1, $2, $3)",
                p![&e.seq, &e.reference, &now],
            )?;
            tx.execute(
                "UPDATE inbox_audit SET detail = '' WHERE reference = $1 AND action = 'note'",
                p![&e.reference],
            )?;
            let detail = e.audit_detail();
            tx.execute(
                "INSERT INTO inbox_audit (at, actor, action, reference, detail) VALUES ($1, $2, 'purged', $3, $4)",
                p![&now, &actor, &e.reference, &detail],
            )?;
        }
        tx.commit()?;
        Ok(list)
    }

    fn purged_seqs(&self) -> Result<BTreeSet<u64>, StoreError> {
        let rows = self.conn()?.query("SELECT seq FROM purged", &[])?;
        Ok(rows.iter().map(|r| r.get::<_, i64>(0) as u64).collect())
    }
}
