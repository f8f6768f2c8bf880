//! Retention and `careform purge`: decided submissions past their form's period are deleted
//! with the files no other submission lists, the receipt chain stays (so `careform audit` still
//! passes), each purge is an audit row, and a dry run changes nothing.

mod common;

use std::path::Path;

use common::inbox::*;
use common::*;
use serde_json::{Value, json};

const PW: &str = "a long enough password";

fn reference_of(base: &str, body: &Value) -> String {
    let jwks: careform_seal::Jwks = serde_json::from_value(jwks(base)).unwrap();
    careform_seal::verify_receipt(body["receipt"].to_string().as_bytes(), &jwks).unwrap().payload.reference
}

/// An application whose documents are uploaded PDFs named `prefix` + their example name.
fn application(base: &str, prefix: &str) -> Value {
    let mut a = application_example();
    for item in a["evidence"].as_array_mut().unwrap() {
        item["name"] = json!(format!("{prefix}{}", item["name"].as_str().unwrap()));
    }
    with_real_evidence(base, &a)
}

fn send_application(base: &str, a: &Value) -> String {
    let (status, body) = post_application(base, &careform_seal::generate_key(), &new_sid(), a);
    assert_eq!(status, 201, "{body}");
    reference_of(base, &body)
}

fn shas(a: &Value) -> Vec<String> {
    let mut v: Vec<String> =
        a["evidence"].as_array().unwrap().iter().map(|e| e["sha256"].as_str().unwrap().to_owned()).collect();
    v.sort();
    v.dedup();
    v
}

fn held(dir: &Path, sha256: &str) -> bool {
    dir.join("files").join(&sha256[..2]).join(&sha256[2..]).exists()
}

/// Every row of every table a purge touches, and the files on disk, as text.
fn snapshot(dir: &Path) -> Vec<String> {
    let db = rusqlite::Connection::open(dir.join("careform.db")).unwrap();
    let mut out = Vec::new();
    for table in ["submissions", "submission_files", "inbox_items", "inbox_audit", "purged"] {
        let mut stmt = db.prepare(&format!("SELECT * FROM {table} ORDER BY 1, 2")).unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| Ok((0..n).map(|i| format!("{:?}", r.get_ref(i).unwrap())).collect::<Vec<_>>().join("|")))
            .unwrap();
        out.extend(rows.map(|r| format!("{table}: {}", r.unwrap())));
    }
    let mut files: Vec<String> = walk(&dir.join("files"));
    files.sort();
    out.extend(files);
    out
}

fn walk(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else { return vec![] };
    entries
        .flatten()
        .flat_map(|e| if e.path().is_dir() { walk(&e.path()) } else { vec![e.path().display().to_string()] })
        .collect()
}

/// Moves the decisions on `reference` back to 2020, as if made long ago (the audit log refuses
/// changes, so the test lifts its trigger; the next read-write open of the store restores it).
fn decided_long_ago(dir: &Path, reference: &str) {
    let db = rusqlite::Connection::open(dir.join("careform.db")).unwrap();
    db.execute_batch("DROP TRIGGER IF EXISTS inbox_audit_only_purge_blanks").unwrap();
    let n = db
        .execute(
            "UPDATE inbox_audit SET at = '2020-01-01T00:00:00Z' WHERE reference = ?1 AND action = 'status'",
            [reference],
        )
        .unwrap();
    assert_eq!(n, 2, "in review, then the decision");
}

fn decide(s: &Session, reference: &str, status: &str, reason: &str) {
    let path = format!("/staff/inbox/submissions/{reference}/status");
    let t = s.csrf();
    assert_eq!(s.post(&path, &[("csrf", &t), ("status", "in_review")]).status(), 303);
    assert_eq!(s.post(&path, &[("csrf", &t), ("status", status), ("reason", reason)]).status(), 303);
}

#[test]
fn a_purge_deletes_exactly_the_decided_expired_submissions_and_their_unshared_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let forms = ["--form", "provider-application", "--form", "careform-demo"];
    assert_eq!(staff_add(d, "pia", PW, &forms).0, 0);
    assert_eq!(staff_add(d, "ada", PW, &["--role", "admin"]).0, 0);
    let server = Server::start(d, &["--allow-origin", &format!("provider-application={ORIGIN}")]);
    let base = &server.base;

    // old: decided long ago, its form kept 30 days: purged. open: not decided, and lists one of
    // old's files. recent: decided today. demo: decided long ago, but its form has no period.
    let old_app = application(base, "old-");
    let mut open_app = application(base, "open-");
    open_app["evidence"][0] = old_app["evidence"][0].clone();
    let recent_app = application(base, "recent-");
    let old = send_application(base, &old_app);
    let open = send_application(base, &open_app);
    let recent = send_application(base, &recent_app);
    let (status, body) = post(base, &fresh_submission(&careform_seal::generate_key(), base, hello()).to_json());
    assert_eq!(status, 201, "{body}");
    let demo = reference_of(base, &body);

    let pia = Session::sign_in(base, "pia", PW);
    decide(&pia, &old, "approved", "");
    decide(&pia, &recent, "rejected", "Not in our area");
    decide(&pia, &demo, "rejected", "A test");
    let t = pia.csrf();
    let note = format!("/staff/inbox/submissions/{old}/note");
    assert_eq!(pia.post(&note, &[("csrf", &t), ("note", "Phoned Jo Bloggs at home")]).status(), 303);
    decided_long_ago(d, &old);
    decided_long_ago(d, &demo);

    // The period: refused for unknown forms and zero days, shown on the admin page.
    assert_eq!(careform_in(d, &["retention", "set", "no-such-form", "30"]).0, 2);
    assert_eq!(careform_in(d, &["retention", "set", "provider-application", "0"]).0, 2);
    assert_eq!(careform_in(d, &["retention", "set", "provider-application", "30"]).0, 0);
    assert_eq!(careform_in(d, &["retention", "list"]).1, "provider-application\t30\n");
    let db = rusqlite::Connection::open(d.join("careform.db")).unwrap();
    let blank = "UPDATE inbox_audit SET detail = '' WHERE action = 'note'";
    assert!(db.execute(blank, []).is_err(), "a note of a submission not purged cannot be blanked");
    let unlink = "UPDATE inbox_audit SET detail = '', reference = NULL WHERE action = 'note'";
    assert!(db.execute(unlink, []).is_err(), "nor unlinked and blanked");
    drop(db);
    let admin = Session::sign_in(base, "ada", PW).text("/staff/admin");
    assert!(admin.contains("id=\"retention-provider-application\">30 days after the decision<"), "{admin}");
    assert!(admin.contains("id=\"retention-careform-demo\">Kept until removed"), "{admin}");

    // A dry run names old alone, with its files, and changes nothing.
    let shared = old_app["evidence"][0]["sha256"].as_str().unwrap().to_owned();
    let mut gone = shas(&old_app);
    gone.retain(|s| *s != shared);
    let before = snapshot(d);
    let (code, out, err) = careform_in(d, &["purge", "--dry-run"]);
    assert_eq!(code, 0, "{err}");
    let dry: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(dry["dry_run"], true);
    let listed = dry["submissions"].as_array().unwrap();
    assert_eq!(listed.len(), 1, "{dry}");
    assert_eq!(listed[0]["reference"], old.as_str());
    assert_eq!(listed[0]["status"], "approved");
    assert_eq!(listed[0]["decided_at"], "2020-01-01T00:00:00Z");
    assert_eq!(listed[0]["retention_days"], 30);
    assert_eq!(listed[0]["files_deleted"], json!(gone));
    assert_eq!(listed[0]["files_kept"], json!([shared]));
    assert_eq!(dry["files_deleted"], gone.len());
    assert_eq!(snapshot(d), before, "a dry run changes nothing");

    let (code, out, err) = careform_in(d, &["purge"]);
    assert_eq!(code, 0, "{err}");
    let done: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(done["dry_run"], false);
    assert_eq!(done["submissions"], dry["submissions"]);
    assert_eq!(done["files_deleted"], gone.len());

    for sha in &gone {
        assert!(!held(d, sha), "old's own file {sha} is deleted");
    }
    assert!(held(d, &shared), "a file another submission lists stays");
    for sha in shas(&open_app).iter().chain(&shas(&recent_app)) {
        assert!(held(d, sha), "{sha} of a submission kept");
    }
    let db = rusqlite::Connection::open(d.join("careform.db")).unwrap();
    let (envelope, report, receipt): (String, String, String) = db
        .query_row("SELECT envelope, report, receipt FROM submissions WHERE reference = ?1", [&old], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!((envelope.as_str(), report.as_str()), ("", "{}"), "answers and report deleted");
    assert!(!receipt.is_empty(), "the receipt stays");
    let count = |sql: &str| -> i64 { db.query_row(sql, [&old], |r| r.get(0)).unwrap() };
    assert_eq!(count("SELECT COUNT(*) FROM inbox_items WHERE reference = ?1"), 0);
    assert_eq!(
        count("SELECT COUNT(*) FROM submission_files f JOIN submissions s ON s.seq = f.seq WHERE s.reference = ?1"),
        0
    );
    assert_eq!(count("SELECT COUNT(*) FROM inbox_audit WHERE reference = ?1 AND detail LIKE '%Jo Bloggs%'"), 0);
    assert_eq!(count("SELECT COUNT(*) FROM inbox_audit WHERE reference = ?1 AND action = 'note'"), 1, "who, when");
    let purged: String = db
        .query_row("SELECT detail FROM inbox_audit WHERE reference = ?1 AND action = 'purged'", [&old], |r| r.get(0))
        .unwrap();
    assert!(purged.starts_with("provider-application approved on 2020-01-01T00:00:00Z, kept 30 days"), "{purged}");
    for kept in [&open, &recent, &demo] {
        let envelope: String =
            db.query_row("SELECT envelope FROM submissions WHERE reference = ?1", [kept], |r| r.get(0)).unwrap();
        assert!(!envelope.is_empty(), "{kept} is kept");
    }
    assert!(db.execute("UPDATE inbox_audit SET detail = 'x' WHERE action = 'purged'", []).is_err(), "append-only");

    // The inbox no longer has it; the chain still verifies; a second purge finds nothing.
    assert_eq!(pia.get(&format!("/staff/inbox/submissions/{old}")).status(), 404);
    assert!(!pia.text("/staff/inbox").contains(&old));
    let (code, out, _) = careform(&["audit", "--data-dir", d.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(
        (out["valid"].clone(), out["records"].clone(), out["purged"].clone()),
        (json!(true), json!(4), json!(1))
    );
    let (_, out, _) = careform_in(d, &["purge"]);
    assert_eq!(serde_json::from_str::<Value>(&out).unwrap()["submissions"], json!([]));

    // A blank envelope that no purge made is still a broken record.
    db.execute("UPDATE submissions SET envelope = '' WHERE reference = ?1", [&recent]).unwrap();
    let (code, out, _) = careform(&["audit", "--data-dir", d.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
}

#[test]
fn purge_refuses_a_missing_database_and_an_unreachable_postgres() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = careform_in(dir.path(), &["purge", "--dry-run"]);
    assert_eq!(code, 2);
    assert!(err.contains("no database"), "{err}");
    assert!(!dir.path().join("careform.db").exists(), "nothing created");
    // Nothing listens on port 9: the purge stops with PostgreSQL's reason, exit 2.
    let (code, _, err) =
        careform_in(dir.path(), &["purge", "--database-url", "postgres://careform@127.0.0.1:9/careform"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("cannot connect to PostgreSQL"), "{err}");
}
