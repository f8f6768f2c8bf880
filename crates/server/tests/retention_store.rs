//! The store's retention at its edges: the period counts from the decision, only approved and
//! rejected submissions go, and a file shared only by submissions purged together goes with them.

use careform_server::store::inbox::NewAudit;
use careform_server::store::{self, Appended, ChainHead, Claim, Record, Store};

fn record(head: Option<&ChainHead>, sid: &str) -> Record {
    Record {
        seq: head.map_or(1, |h| h.seq + 1),
        sid: sid.into(),
        reference: format!("CF-{sid}"),
        jkt: "jkt".into(),
        form_id: "provider-application".into(),
        form_version: "1".into(),
        origin: "https://council.example".into(),
        payload_sha256: format!("sha-{sid}"),
        envelope: "{}".into(),
        report: r#"{"outcome":"pass","findings":[]}"#.into(),
        receipt: format!("receipt-{sid}"),
        received_at: "2026-01-01T12:00:00Z".into(),
    }
}

fn append(store: &dyn Store, sid: &str, files: &[String]) {
    let nonce = format!("nonce-{sid}");
    store.issue_nonce(&nonce, "https://council.example", 0, i64::MAX).unwrap();
    let claim = Claim {
        nonce: &nonce,
        origin: "https://council.example",
        now: 1,
        sid,
        request: None,
        closes: None,
        files,
        deliver_to: &[],
    };
    assert!(matches!(store.append(&claim, &mut |h| Ok(record(h, sid))).unwrap(), Appended::New(_)));
}

/// Moves `sid` to `status` (through in review) at `at`.
fn decide(store: &dyn Store, sid: &str, status: &str, at: &str) {
    let r = format!("CF-{sid}");
    let audit = |detail: &'static str| NewAudit { at, actor: "pia", action: "status", reference: Some(&r), detail };
    assert!(store.set_status(&r, "new", "in_review", &audit("in_review")).unwrap());
    if status != "in_review" {
        let detail: &'static str = if status == "approved" { "approved" } else { "rejected: no" };
        assert!(store.set_status(&r, "in_review", status, &audit(detail)).unwrap());
    }
}

#[test]
fn the_period_counts_from_the_decision_and_shared_files_go_only_with_all_their_submissions() {
    let dir = tempfile::tempdir().unwrap();
    let store = store::open(&format!("sqlite:{}", dir.path().join("c.db").display()), false).unwrap();
    let store = store.as_ref();
    let (x, y, z) = ("1".repeat(64), "2".repeat(64), "3".repeat(64));
    append(store, "a", &[x.clone(), y.clone()]); // approved 31 days ago: goes
    append(store, "b", std::slice::from_ref(&y)); // rejected 31 days ago: goes, so y goes with a and b
    append(store, "c", std::slice::from_ref(&z)); // approved 29 days ago: stays
    append(store, "d", std::slice::from_ref(&z)); // in review 40 days ago: not decided, stays
    decide(store, "a", "approved", "2026-11-05T23:59:59Z");
    decide(store, "b", "rejected", "2026-11-05T00:00:00Z");
    decide(store, "c", "approved", "2026-11-07T00:00:01Z");
    decide(store, "d", "in_review", "2026-10-27T00:00:00Z");
    let now = "2026-12-07T00:00:00Z";
    assert!(store.expired(now).unwrap().is_empty(), "no period set: nothing expires");
    store.set_retention("provider-application", Some(30)).unwrap();
    store.set_retention("careform-demo", Some(1)).unwrap();
    let expired = store.expired(now).unwrap();
    let refs: Vec<&str> = expired.iter().map(|e| e.reference.as_str()).collect();
    assert_eq!(refs, ["CF-a", "CF-b"]);
    assert_eq!(expired[0].files_removed, [x.clone(), y.clone()]);
    assert_eq!(expired[1].files_removed, std::slice::from_ref(&y));
    assert!(expired.iter().all(|e| e.files_kept.is_empty()), "{expired:?}");

    let purged = store.purge(now, "careform purge").unwrap();
    assert_eq!(purged, expired);
    assert!(!store.file_referenced(&x).unwrap() && !store.file_referenced(&y).unwrap());
    assert!(store.file_referenced(&z).unwrap());
    assert_eq!(store.purged_seqs().unwrap().into_iter().collect::<Vec<_>>(), [1, 2]);
    assert_eq!(store.records().unwrap().len(), 4, "every row of the chain stays");
    assert!(store.expired(now).unwrap().is_empty());
    store.set_retention("provider-application", None).unwrap();
    let periods: Vec<(String, u32)> = store.retention().unwrap().into_iter().map(|p| (p.form_id, p.days)).collect();
    assert_eq!(periods, [("careform-demo".to_owned(), 1)]);
}

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
