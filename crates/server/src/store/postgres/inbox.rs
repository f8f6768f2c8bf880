//! The inbox's store calls on PostgreSQL (see `store/inbox.rs` for what each means).

use postgres::types::ToSql;
use postgres::{GenericClient, Row};

use super::super::inbox::{Account, AuditRow, Cursor, Filter, Inbox, Item, NewAudit, Role};
use super::super::{PaRequest, Record, StoreError};
use super::{COLUMNS, PgStore, to_record};

const ITEM_COLUMNS: &str = "i.seq, i.reference, i.form_id, i.form_version, i.jkt, i.received_at, i.verdict, i.fails, i.warns, i.passes, i.status, i.assignee";
pub(super) const REQUEST_COLUMNS: &str =
    "token, pa_name, pa_email, client_name, employer, activity_date, code_version, issued_by, issued_at, expires_at";

fn to_item(row: &Row) -> Item {
    Item {
        seq: row.get(0),
        reference: row.get(1),
        form_id: row.get(2),
        form_version: row.get(3),
        jkt: row.get(4),
        received_at: row.get(5),
        verdict: row.get(6),
        fails: row.get(7),
        warns: row.get(8),
        passes: row.get(9),
        status: row.get(10),
        assignee: row.get(11),
    }
}

pub(super) fn to_request(r: &Row) -> PaRequest {
    PaRequest {
        token: r.get(0),
        pa_name: r.get(1),
        pa_email: r.get(2),
        client_name: r.get(3),
        employer: r.get(4),
        activity_date: r.get(5),
        code_version: r.get(6),
        issued_by: r.get(7),
        issued_at: r.get(8),
        expires_at: r.get(9),
    }
}

/// A query's parameters, numbered as they are pushed.
#[derive(Default)]
struct Args(Vec<Box<dyn ToSql + Sync>>);

impl Args {
    /// Adds a parameter; answers its placeholder.
    fn push(&mut self, value: impl ToSql + Sync + 'static) -> String {
        self.0.push(Box::new(value));
        format!("${}", self.0.len())
    }
    fn refs(&self) -> Vec<&(dyn ToSql + Sync)> {
        self.0.iter().map(|b| b.as_ref()).collect()
    }
}

/// The WHERE clause for `forms` and `filter` (the SQLite store's `conditions`, which explains the
/// date bounds).
fn conditions(forms: Option<&[String]>, filter: &Filter, args: &mut Args) -> String {
    let mut sql = vec!["TRUE".to_owned()];
    if let Some(forms) = forms {
        // An empty list selects nothing.
        sql.push(format!("i.form_id = ANY({})", args.push(forms.to_vec())));
    }
    for (column, value) in [("i.form_id", &filter.form), ("i.status", &filter.status), ("i.verdict", &filter.verdict)] {
        if let Some(v) = value {
            sql.push(format!("{column} = {}", args.push(v.clone())));
        }
    }
    let day = |d: &str, by: i64| {
        careform_rules::date::parse_iso(d)
            .map(|d| careform_rules::date::format_iso(d + chrono::Duration::days(by)))
            .unwrap_or_else(|| d.to_owned())
    };
    if let Some(since) = &filter.since {
        let (slack, exact) = (args.push(day(since, -1)), args.push(since.clone()));
        sql.push(format!(
            "i.seq >= COALESCE((SELECT seq FROM inbox_items WHERE received_at >= {slack} ORDER BY received_at, seq LIMIT 1), 9223372036854775807) \
             AND i.received_at >= {exact}"
        ));
    }
    if let Some(until) = &filter.until {
        let (slack, exact) = (args.push(format!("{}U", day(until, 1))), args.push(format!("{until}U")));
        sql.push(format!(
            "i.seq <= COALESCE((SELECT seq FROM inbox_items WHERE received_at < {slack} ORDER BY received_at DESC, seq DESC LIMIT 1), 0) \
             AND i.received_at < {exact}"
        ));
    }
    if let Some(r) = &filter.reference {
        sql.push(format!("starts_with(i.reference, {})", args.push(r.clone())));
    }
    sql.join(" AND ")
}

fn insert_audit(c: &mut impl GenericClient, a: &NewAudit<'_>) -> Result<(), StoreError> {
    c.execute(
        "INSERT INTO inbox_audit (at, actor, action, reference, detail) VALUES ($1, $2, $3, $4, $5)",
        p![&a.at, &a.actor, &a.action, &a.reference, &a.detail],
    )?;
    Ok(())
}

fn account(c: &mut impl GenericClient, username: &str) -> Result<Option<Account>, StoreError> {
    let rows = c.query(
        "SELECT a.role FROM staff s LEFT JOIN staff_access a ON a.username = s.username WHERE s.username = $1",
        p![&username],
    )?;
    let Some(row) = rows.first() else { return Ok(None) };
    let role: Option<String> = row.get(0);
    let forms = c.query("SELECT form_id FROM staff_forms WHERE username = $1 ORDER BY form_id", p![&username])?;
    let role = role.as_deref().and_then(Role::parse).unwrap_or(Role::Officer);
    Ok(Some(Account { username: username.to_owned(), role, forms: forms.iter().map(|r| r.get(0)).collect() }))
}

impl Inbox for PgStore {
    fn account(&self, username: &str) -> Result<Option<Account>, StoreError> {
        account(&mut *self.conn()?, username)
    }

    fn accounts(&self) -> Result<Vec<Account>, StoreError> {
        let mut c = self.conn()?;
        let names: Vec<String> =
            c.query("SELECT username FROM staff ORDER BY username", &[])?.iter().map(|r| r.get(0)).collect();
        Ok(names.iter().map(|n| account(&mut *c, n)).collect::<Result<Vec<_>, _>>()?.into_iter().flatten().collect())
    }

    fn set_access(&self, username: &str, role: Option<Role>, forms: Option<&[String]>) -> Result<bool, StoreError> {
        let mut c = self.conn()?;
        let mut tx = c.transaction()?;
        if account(&mut tx, username)?.is_none() {
            return Ok(false);
        }
        if let Some(role) = role {
            tx.execute(
                "INSERT INTO staff_access (username, role) VALUES ($1, $2) ON CONFLICT (username) DO UPDATE SET role = $2",
                p![&username, &role.as_str()],
            )?;
        }
        if let Some(forms) = forms {
            tx.execute("DELETE FROM staff_forms WHERE username = $1", p![&username])?;
            for f in forms {
                tx.execute(
                    "INSERT INTO staff_forms (username, form_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                    p![&username, f],
                )?;
            }
        }
        tx.commit()?;
        Ok(true)
    }

    fn remove_staff(&self, username: &str) -> Result<bool, StoreError> {
        let mut c = self.conn()?;
        let mut tx = c.transaction()?;
        let removed = tx.execute("DELETE FROM staff WHERE username = $1", p![&username])?;
        for table in ["staff_access", "staff_forms", "staff_sessions", "sign_in_failures"] {
            tx.execute(&format!("DELETE FROM {table} WHERE username = $1"), p![&username])?;
        }
        tx.commit()?;
        Ok(removed == 1)
    }

    fn end_sessions(&self, username: &str) -> Result<usize, StoreError> {
        Ok(self.conn()?.execute("DELETE FROM staff_sessions WHERE username = $1", p![&username])? as usize)
    }

    fn items(
        &self,
        forms: Option<&[String]>,
        filter: &Filter,
        cursor: Cursor,
        limit: usize,
    ) -> Result<Vec<Item>, StoreError> {
        let mut args = Args::default();
        let mut clause = conditions(forms, filter, &mut args);
        let order = match cursor {
            Cursor::First => "DESC",
            Cursor::After(seq) => {
                clause.push_str(&format!(" AND i.seq < {}", args.push(seq)));
                "DESC"
            }
            Cursor::Before(seq) => {
                clause.push_str(&format!(" AND i.seq > {}", args.push(seq)));
                "ASC"
            }
        };
        let sql =
            format!("SELECT {ITEM_COLUMNS} FROM inbox_items i WHERE {clause} ORDER BY i.seq {order} LIMIT {limit}");
        let mut rows: Vec<Item> = self.conn()?.query(&sql, &args.refs())?.iter().map(to_item).collect();
        if order == "ASC" {
            rows.reverse();
        }
        Ok(rows)
    }

    fn export_items(&self, forms: Option<&[String]>, filter: &Filter) -> Result<Vec<(Item, Record)>, StoreError> {
        let mut args = Args::default();
        let clause = conditions(forms, filter, &mut args);
        let columns: String = COLUMNS.split(", ").map(|c| format!(", s.{c}")).collect();
        let sql = format!(
            "SELECT {ITEM_COLUMNS}{columns} FROM inbox_items i JOIN submissions s ON s.seq = i.seq \
             WHERE {clause} ORDER BY i.seq DESC"
        );
        Ok(self.conn()?.query(&sql, &args.refs())?.iter().map(|r| (to_item(r), to_record(r, 12))).collect())
    }

    fn item(&self, reference: &str) -> Result<Option<(Item, Record)>, StoreError> {
        let sql = format!(
            "SELECT {ITEM_COLUMNS}, {} FROM inbox_items i JOIN submissions s ON s.seq = i.seq WHERE i.reference = $1",
            COLUMNS.split(", ").map(|c| format!("s.{c}")).collect::<Vec<_>>().join(", ")
        );
        Ok(self.conn()?.query(&sql, p![&reference])?.first().map(|r| (to_item(r), to_record(r, 12))))
    }

    fn same_device(&self, jkt: &str, except: &str, limit: usize) -> Result<Vec<Item>, StoreError> {
        let sql = format!(
            "SELECT {ITEM_COLUMNS} FROM inbox_items i WHERE i.jkt = $1 AND i.reference <> $2 ORDER BY i.seq DESC LIMIT {limit}"
        );
        Ok(self.conn()?.query(&sql, p![&jkt, &except])?.iter().map(to_item).collect())
    }

    fn set_status(&self, reference: &str, from: &str, to: &str, audit: &NewAudit<'_>) -> Result<bool, StoreError> {
        let mut c = self.conn()?;
        let mut tx = c.transaction()?;
        let changed = tx.execute(
            "UPDATE inbox_items SET status = $1 WHERE reference = $2 AND status = $3",
            p![&to, &reference, &from],
        )?;
        if changed != 1 {
            return Ok(false);
        }
        insert_audit(&mut tx, audit)?;
        tx.commit()?;
        Ok(true)
    }

    fn assign(&self, reference: &str, assignee: Option<&str>, audit: &NewAudit<'_>) -> Result<(), StoreError> {
        let mut c = self.conn()?;
        let mut tx = c.transaction()?;
        tx.execute("UPDATE inbox_items SET assignee = $1 WHERE reference = $2", p![&assignee, &reference])?;
        insert_audit(&mut tx, audit)?;
        tx.commit()?;
        Ok(())
    }

    fn audit(&self, audit: &NewAudit<'_>) -> Result<(), StoreError> {
        insert_audit(&mut *self.conn()?, audit)
    }

    fn audit_of(&self, reference: &str) -> Result<Vec<AuditRow>, StoreError> {
        let rows = self.conn()?.query(
            "SELECT id, at, actor, action, reference, detail FROM inbox_audit WHERE reference = $1 ORDER BY id",
            p![&reference],
        )?;
        Ok(rows
            .iter()
            .map(|r| AuditRow {
                id: r.get(0),
                at: r.get(1),
                actor: r.get(2),
                action: r.get(3),
                reference: r.get(4),
                detail: r.get(5),
            })
            .collect())
    }

    fn pa_request(&self, token: &str) -> Result<Option<PaRequest>, StoreError> {
        let sql = format!("SELECT {REQUEST_COLUMNS} FROM pa_requests WHERE token = $1");
        Ok(self.conn()?.query(&sql, p![&token])?.first().map(to_request))
    }

    fn sign_in_failed(&self, username: &str, now: i64, max_failures: i64, lock_secs: i64) -> Result<(), StoreError> {
        // Counted only for real accounts, so made-up names cannot fill the table.
        self.conn()?.execute(
            "INSERT INTO sign_in_failures (username, failures, locked_until)
             SELECT username, 1, 0 FROM staff WHERE username = $1
             ON CONFLICT (username) DO UPDATE SET
                 failures = CASE WHEN sign_in_failures.failures + 1 >= $3 THEN 0 ELSE sign_in_failures.failures + 1 END,
                 locked_until = CASE WHEN sign_in_failures.failures + 1 >= $3 THEN $2::BIGINT + $4::BIGINT
                                     ELSE sign_in_failures.locked_until END",
            p![&username, &now, &max_failures, &lock_secs],
        )?;
        Ok(())
    }

    fn locked_until(&self, username: &str, now: i64) -> Result<Option<i64>, StoreError> {
        let sql = "SELECT locked_until FROM sign_in_failures WHERE username = $1 AND locked_until > $2";
        Ok(self.conn()?.query(sql, p![&username, &now])?.first().map(|r| r.get(0)))
    }

    fn sign_in_succeeded(&self, username: &str) -> Result<(), StoreError> {
        self.conn()?.execute("DELETE FROM sign_in_failures WHERE username = $1", p![&username])?;
        Ok(())
    }
}
