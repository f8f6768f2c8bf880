//! The council inbox's storage: staff roles and forms, each submission's status and assignee,
//! and the append-only audit log. Kept apart from `store.rs` (the receiving path).
//!
//! `inbox_items` holds one row per submission, filled by a trigger in the same transaction that
//! stores the submission, with the verdict and finding counts taken from the stored report once,
//! so listing and filtering 100,000 submissions never parses JSON.

use rusqlite::{Connection, OptionalExtension as _, params, params_from_iter};

mod schema;
mod types;

pub(super) use schema::SCHEMA;
pub use types::*;

use super::{Record, SqliteStore, StoreError};

/// The inbox's store calls; every store has them.
pub trait Inbox {
    /// An account's role and forms, or `None` if there is no such account.
    fn account(&self, username: &str) -> Result<Option<Account>, StoreError>;
    /// Every account, by username.
    fn accounts(&self) -> Result<Vec<Account>, StoreError>;
    /// Sets an account's role and/or forms (`None` keeps what it has). False if no such account.
    fn set_access(&self, username: &str, role: Option<Role>, forms: Option<&[String]>) -> Result<bool, StoreError>;
    /// Deletes an account, its access and its sessions. False if there was no such account.
    fn remove_staff(&self, username: &str) -> Result<bool, StoreError>;
    /// Ends every session of an account (after its password is set again).
    fn end_sessions(&self, username: &str) -> Result<usize, StoreError>;
    /// One page of the list, newest first, of the forms in `forms` (`None`: every form).
    fn items(
        &self,
        forms: Option<&[String]>,
        filter: &Filter,
        cursor: Cursor,
        limit: usize,
    ) -> Result<Vec<Item>, StoreError>;
    /// Everything the filter selects of the forms in `forms`, newest first, with each stored record.
    fn export_items(&self, forms: Option<&[String]>, filter: &Filter) -> Result<Vec<(Item, Record)>, StoreError>;
    /// One submission with its record.
    fn item(&self, reference: &str) -> Result<Option<(Item, Record)>, StoreError>;
    /// Other submissions signed by the same device key, newest first (at most `limit`).
    fn same_device(&self, jkt: &str, except: &str, limit: usize) -> Result<Vec<Item>, StoreError>;
    /// Sets a submission's status if it is `from` now, with its audit row, in one transaction.
    /// False if the status was not `from` (someone else moved it first).
    fn set_status(&self, reference: &str, from: &str, to: &str, audit: &NewAudit<'_>) -> Result<bool, StoreError>;
    /// Assigns a submission (or unassigns it), with its audit row, in one transaction.
    fn assign(&self, reference: &str, assignee: Option<&str>, audit: &NewAudit<'_>) -> Result<(), StoreError>;
    /// Appends an audit row.
    fn audit(&self, audit: &NewAudit<'_>) -> Result<(), StoreError>;
    /// The audit rows about one submission, oldest first.
    fn audit_of(&self, reference: &str) -> Result<Vec<AuditRow>, StoreError>;
    /// A staff-issued PA acknowledgement link, by its token (used or not).
    fn pa_request(&self, token: &str) -> Result<Option<super::PaRequest>, StoreError>;
    /// Records a failed sign-in; locks the account for `lock_secs` from the `max_failures`th.
    fn sign_in_failed(&self, username: &str, now: i64, max_failures: i64, lock_secs: i64) -> Result<(), StoreError>;
    /// Until when an account is locked, if it is.
    fn locked_until(&self, username: &str, now: i64) -> Result<Option<i64>, StoreError>;
    /// Forgets the failures after a good sign-in.
    fn sign_in_succeeded(&self, username: &str) -> Result<(), StoreError>;
}

const ITEM_COLUMNS: &str = "i.seq, i.reference, i.form_id, i.form_version, i.jkt, i.received_at, i.verdict, i.fails, i.warns, i.passes, i.status, i.assignee";

fn row_to_item(row: &rusqlite::Row<'_>) -> rusqlite::Result<Item> {
    Ok(Item {
        seq: row.get(0)?,
        reference: row.get(1)?,
        form_id: row.get(2)?,
        form_version: row.get(3)?,
        jkt: row.get(4)?,
        received_at: row.get(5)?,
        verdict: row.get(6)?,
        fails: row.get(7)?,
        warns: row.get(8)?,
        passes: row.get(9)?,
        status: row.get(10)?,
        assignee: row.get(11)?,
    })
}

/// The WHERE clause and its parameters for `forms` and `filter`.
fn conditions(forms: Option<&[String]>, filter: &Filter) -> (String, Vec<String>) {
    let mut sql = vec!["1".to_owned()];
    let mut args: Vec<String> = Vec::new();
    if let Some(forms) = forms {
        // No forms given: nothing is visible (`IN ()` is valid SQLite and selects nothing).
        let marks = vec!["?"; forms.len()].join(", ");
        sql.push(format!("i.form_id IN ({marks})"));
        args.extend(forms.iter().cloned());
    }
    let mut eq = |column: &str, value: &Option<String>| {
        if let Some(v) = value {
            sql.push(format!("{column} = ?"));
            args.push(v.clone());
        }
    };
    eq("i.form_id", &filter.form);
    eq("i.status", &filter.status);
    eq("i.verdict", &filter.verdict);
    // Dates also bound `seq` (found through the received_at index), so the newest-first walk
    // over `seq` starts and stops near the range instead of reading every row outside it.
    // Submissions are numbered as they arrive, so `seq` and `received_at` rise together; a day
    // of slack keeps this exact even if the clock stepped back, and the exact test follows.
    let day = |d: &str, by: i64| {
        careform_rules::date::parse_iso(d)
            .map(|d| careform_rules::date::format_iso(d + chrono::Duration::days(by)))
            .unwrap_or_else(|| d.to_owned())
    };
    if let Some(since) = &filter.since {
        sql.push(
            "i.seq >= COALESCE((SELECT seq FROM inbox_items WHERE received_at >= ? ORDER BY received_at, seq LIMIT 1), 9223372036854775807) \
             AND i.received_at >= ?"
                .into(),
        );
        args.push(day(since, -1));
        args.push(since.clone());
    }
    if let Some(until) = &filter.until {
        // Every time on a day sorts below `DAYU` ('U' follows 'T').
        sql.push(
            "i.seq <= COALESCE((SELECT seq FROM inbox_items WHERE received_at < ? ORDER BY received_at DESC, seq DESC LIMIT 1), 0) \
             AND i.received_at < ?"
                .into(),
        );
        args.push(format!("{}U", day(until, 1)));
        args.push(format!("{until}U"));
    }
    if let Some(r) = &filter.reference {
        // A prefix as a range over the reference index.
        sql.push("i.reference >= ? AND i.reference < ?".into());
        args.push(r.clone());
        args.push(format!("{r}\u{10FFFF}"));
    }
    (sql.join(" AND "), args)
}

fn record_by_reference(conn: &Connection, reference: &str) -> rusqlite::Result<Option<Record>> {
    conn.query_row(
        &format!("SELECT {} FROM submissions WHERE reference = ?1", super::COLUMNS),
        params![reference],
        super::row_to_record,
    )
    .optional()
}

fn insert_audit(conn: &Connection, a: &NewAudit<'_>) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO inbox_audit (at, actor, action, reference, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![a.at, a.actor, a.action, a.reference, a.detail],
    )?;
    Ok(())
}

fn account(conn: &Connection, username: &str) -> rusqlite::Result<Option<Account>> {
    let Some(role) = conn
        .query_row(
            "SELECT a.role FROM staff s LEFT JOIN staff_access a ON a.username = s.username WHERE s.username = ?1",
            params![username],
            |r| r.get::<_, Option<String>>(0),
        )
        .optional()?
    else {
        return Ok(None);
    };
    let mut stmt = conn.prepare("SELECT form_id FROM staff_forms WHERE username = ?1 ORDER BY form_id")?;
    let forms = stmt.query_map(params![username], |r| r.get(0))?.collect::<Result<_, _>>()?;
    let role = role.as_deref().and_then(Role::parse).unwrap_or(Role::Officer);
    Ok(Some(Account { username: username.to_owned(), role, forms }))
}

impl Inbox for SqliteStore {
    fn account(&self, username: &str) -> Result<Option<Account>, StoreError> {
        Ok(account(&self.read(), username)?)
    }

    fn accounts(&self) -> Result<Vec<Account>, StoreError> {
        let conn = self.read();
        let names: Vec<String> = conn
            .prepare("SELECT username FROM staff ORDER BY username")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(names.iter().filter_map(|n| account(&conn, n).transpose()).collect::<Result<_, _>>()?)
    }

    fn set_access(&self, username: &str, role: Option<Role>, forms: Option<&[String]>) -> Result<bool, StoreError> {
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        if account(&tx, username)?.is_none() {
            return Ok(false);
        }
        if let Some(role) = role {
            tx.execute(
                "INSERT INTO staff_access (username, role) VALUES (?1, ?2)
                 ON CONFLICT (username) DO UPDATE SET role = ?2",
                params![username, role.as_str()],
            )?;
        }
        if let Some(forms) = forms {
            tx.execute("DELETE FROM staff_forms WHERE username = ?1", params![username])?;
            for f in forms {
                tx.execute(
                    "INSERT OR IGNORE INTO staff_forms (username, form_id) VALUES (?1, ?2)",
                    params![username, f],
                )?;
            }
        }
        tx.commit()?;
        Ok(true)
    }

    fn remove_staff(&self, username: &str) -> Result<bool, StoreError> {
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        let removed = tx.execute("DELETE FROM staff WHERE username = ?1", params![username])?;
        for table in ["staff_access", "staff_forms", "staff_sessions", "sign_in_failures"] {
            tx.execute(&format!("DELETE FROM {table} WHERE username = ?1"), params![username])?;
        }
        tx.commit()?;
        Ok(removed == 1)
    }

    fn end_sessions(&self, username: &str) -> Result<usize, StoreError> {
        Ok(self.lock().execute("DELETE FROM staff_sessions WHERE username = ?1", params![username])?)
    }

    fn items(
        &self,
        forms: Option<&[String]>,
        filter: &Filter,
        cursor: Cursor,
        limit: usize,
    ) -> Result<Vec<Item>, StoreError> {
        let (mut clause, mut args) = conditions(forms, filter);
        let order = match cursor {
            Cursor::First => "DESC",
            Cursor::After(seq) => {
                clause.push_str(" AND i.seq < ?");
                args.push(seq.to_string());
                "DESC"
            }
            Cursor::Before(seq) => {
                clause.push_str(" AND i.seq > ?");
                args.push(seq.to_string());
                "ASC"
            }
        };
        // Left to itself, SQLite walks a form's rows in seq order to find the few a reference matches.
        let table =
            if filter.reference.is_some() { "inbox_items i INDEXED BY inbox_items_reference" } else { "inbox_items i" };
        let sql = format!("SELECT {ITEM_COLUMNS} FROM {table} WHERE {clause} ORDER BY i.seq {order} LIMIT {limit}");
        let conn = self.read();
        let mut stmt = conn.prepare(&sql)?;
        let mut rows: Vec<Item> =
            stmt.query_map(params_from_iter(args.iter()), row_to_item)?.collect::<Result<_, _>>()?;
        if order == "ASC" {
            rows.reverse();
        }
        Ok(rows)
    }

    fn export_items(&self, forms: Option<&[String]>, filter: &Filter) -> Result<Vec<(Item, Record)>, StoreError> {
        let (clause, args) = conditions(forms, filter);
        let columns: String = super::COLUMNS.split(", ").map(|c| format!(", s.{c}")).collect();
        let sql = format!(
            "SELECT {ITEM_COLUMNS}{columns} FROM inbox_items i JOIN submissions s ON s.seq = i.seq \
             WHERE {clause} ORDER BY i.seq DESC"
        );
        let conn = self.read();
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(args.iter()), |row| {
            let item = row_to_item(row)?;
            let record = Record {
                seq: row.get::<_, i64>(12)? as u64,
                sid: row.get(13)?,
                reference: row.get(14)?,
                jkt: row.get(15)?,
                form_id: row.get(16)?,
                form_version: row.get(17)?,
                origin: row.get(18)?,
                payload_sha256: row.get(19)?,
                envelope: row.get(20)?,
                report: row.get(21)?,
                receipt: row.get(22)?,
                received_at: row.get(23)?,
            };
            Ok((item, record))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn item(&self, reference: &str) -> Result<Option<(Item, Record)>, StoreError> {
        let conn = self.read();
        let item = conn
            .query_row(
                &format!("SELECT {ITEM_COLUMNS} FROM inbox_items i WHERE i.reference = ?1"),
                params![reference],
                row_to_item,
            )
            .optional()?;
        let Some(item) = item else { return Ok(None) };
        Ok(record_by_reference(&conn, reference)?.map(|r| (item, r)))
    }

    fn same_device(&self, jkt: &str, except: &str, limit: usize) -> Result<Vec<Item>, StoreError> {
        let conn = self.read();
        let mut stmt = conn.prepare(&format!(
            "SELECT {ITEM_COLUMNS} FROM inbox_items i WHERE i.jkt = ?1 AND i.reference <> ?2 ORDER BY i.seq DESC LIMIT {limit}"
        ))?;
        Ok(stmt.query_map(params![jkt, except], row_to_item)?.collect::<Result<_, _>>()?)
    }

    fn set_status(&self, reference: &str, from: &str, to: &str, audit: &NewAudit<'_>) -> Result<bool, StoreError> {
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        let changed = tx.execute(
            "UPDATE inbox_items SET status = ?1 WHERE reference = ?2 AND status = ?3",
            params![to, reference, from],
        )?;
        if changed != 1 {
            return Ok(false);
        }
        insert_audit(&tx, audit)?;
        tx.commit()?;
        Ok(true)
    }

    fn assign(&self, reference: &str, assignee: Option<&str>, audit: &NewAudit<'_>) -> Result<(), StoreError> {
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        tx.execute("UPDATE inbox_items SET assignee = ?1 WHERE reference = ?2", params![assignee, reference])?;
        insert_audit(&tx, audit)?;
        tx.commit()?;
        Ok(())
    }

    fn audit(&self, audit: &NewAudit<'_>) -> Result<(), StoreError> {
        Ok(insert_audit(&self.lock(), audit)?)
    }

    fn audit_of(&self, reference: &str) -> Result<Vec<AuditRow>, StoreError> {
        let conn = self.read();
        let mut stmt = conn.prepare(
            "SELECT id, at, actor, action, reference, detail FROM inbox_audit WHERE reference = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map(params![reference], |r| {
            Ok(AuditRow {
                id: r.get(0)?,
                at: r.get(1)?,
                actor: r.get(2)?,
                action: r.get(3)?,
                reference: r.get(4)?,
                detail: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn pa_request(&self, token: &str) -> Result<Option<super::PaRequest>, StoreError> {
        let sql = "SELECT token, pa_name, pa_email, client_name, employer, activity_date, code_version, issued_by,
                          issued_at, expires_at FROM pa_requests WHERE token = ?1";
        let row = self.read().query_row(sql, params![token], |r| {
            Ok(super::PaRequest {
                token: r.get(0)?,
                pa_name: r.get(1)?,
                pa_email: r.get(2)?,
                client_name: r.get(3)?,
                employer: r.get(4)?,
                activity_date: r.get(5)?,
                code_version: r.get(6)?,
                issued_by: r.get(7)?,
                issued_at: r.get(8)?,
                expires_at: r.get(9)?,
            })
        });
        Ok(row.optional()?)
    }

    fn sign_in_failed(&self, username: &str, now: i64, max_failures: i64, lock_secs: i64) -> Result<(), StoreError> {
        // Counted only for real accounts, so made-up names cannot fill the table.
        self.lock().execute(
            "INSERT INTO sign_in_failures (username, failures, locked_until)
             SELECT username, 1, 0 FROM staff WHERE username = ?1
             ON CONFLICT (username) DO UPDATE SET
                 failures = CASE WHEN failures + 1 >= ?3 THEN 0 ELSE failures + 1 END,
                 locked_until = CASE WHEN failures + 1 >= ?3 THEN ?2 + ?4 ELSE locked_until END",
            params![username, now, max_failures, lock_secs],
        )?;
        Ok(())
    }

    fn locked_until(&self, username: &str, now: i64) -> Result<Option<i64>, StoreError> {
        Ok(self
            .read()
            .query_row(
                "SELECT locked_until FROM sign_in_failures WHERE username = ?1 AND locked_until > ?2",
                params![username, now],
                |r| r.get(0),
            )
            .optional()?)
    }

    fn sign_in_succeeded(&self, username: &str) -> Result<(), StoreError> {
        self.lock().execute("DELETE FROM sign_in_failures WHERE username = ?1", params![username])?;
        Ok(())
    }
}
