//! SQLite's retention schema upgrades an older database (the retention behaviour itself is in the
//! store conformance suite, tests/store_inbox.rs, run on both stores).

use careform_server::store;

#[test]
fn a_database_from_before_retention_gets_the_trigger_that_lets_a_purge_blank_notes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.db");
    let old = rusqlite::Connection::open(&path).unwrap();
    old.execute_batch(
        "CREATE TABLE inbox_audit (id INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
                                   reference TEXT, detail TEXT NOT NULL DEFAULT '') STRICT;
         CREATE TRIGGER inbox_audit_no_update BEFORE UPDATE ON inbox_audit
         BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;",
    )
    .unwrap();
    drop(old);
    // As an operator would after the server refuses a database others can read.
    std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    drop(store::open(&format!("sqlite:{}", path.display()), false).unwrap());
    let db = rusqlite::Connection::open(&path).unwrap();
    let mut stmt = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name").unwrap();
    let names: Vec<String> = stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    assert!(names.contains(&"inbox_audit_only_purge_blanks".to_owned()), "{names:?}");
    assert!(!names.contains(&"inbox_audit_no_update".to_owned()), "{names:?}");
}
