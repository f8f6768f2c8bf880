//! The store holds a key-holding agreement to one return inside its own transaction: the check in
//! `returns` before it answers early, but two returns racing past that check must not both land.

use careform_server::store::{self, Appended, ChainHead, Claim, Record, Store};

fn record(head: Option<&ChainHead>, sid: &str, reference: &str, report: &str) -> Record {
    Record {
        seq: head.map_or(1, |h| h.seq + 1),
        sid: sid.into(),
        reference: reference.into(),
        jkt: "jkt".into(),
        form_id: "key-holding".into(),
        form_version: "1".into(),
        origin: "https://council.example".into(),
        payload_sha256: format!("sha-{sid}"),
        envelope: "{}".into(),
        report: report.into(),
        receipt: format!("receipt-{sid}"),
        received_at: "2026-12-06T12:00:00Z".into(),
    }
}

fn append(store: &dyn Store, sid: &str, reference: &str, report: &str, closes: Option<&str>) -> Appended {
    let nonce = format!("nonce-{sid}");
    store.issue_nonce(&nonce, "https://council.example", 0, i64::MAX).unwrap();
    let claim = Claim {
        nonce: &nonce,
        origin: "https://council.example",
        now: 1,
        sid,
        request: None,
        closes,
        files: &[],
        deliver_to: &[],
    };
    store.append(&claim, &mut |head| Ok(record(head, sid, reference, report))).unwrap()
}

#[test]
fn a_second_return_of_one_agreement_is_refused_inside_the_transaction() {
    let dir = tempfile::tempdir().unwrap();
    let store = store::open(&format!("sqlite:{}", dir.path().join("c.db").display()), false).unwrap();
    let store = store.as_ref();
    assert!(matches!(append(store, "a", "CF-AAAA-AAAA", "{}", None), Appended::New(_)));
    let closing = r#"{"agreement_reference":"CF-AAAA-AAAA"}"#;
    assert!(matches!(append(store, "r1", "CF-RRRR-0001", closing, Some("CF-AAAA-AAAA")), Appended::New(_)));
    // Straight to the store, as a return that passed the early check before r1 committed would.
    match append(store, "r2", "CF-RRRR-0002", closing, Some("CF-AAAA-AAAA")) {
        Appended::AlreadyClosed(earlier) => assert_eq!(earlier, "CF-RRRR-0001"),
        other => panic!("second return stored: {}", matches!(other, Appended::New(_))),
    }
    assert_eq!(store.records().unwrap().len(), 2, "nothing stored for the refused return");
    // Its nonce was not spent: the refusal rolled the whole transaction back.
    let claim = Claim {
        nonce: "nonce-r2",
        origin: "https://council.example",
        now: 1,
        sid: "r3",
        request: None,
        closes: None,
        files: &[],
        deliver_to: &[],
    };
    let again = store.append(&claim, &mut |head| Ok(record(head, "r3", "CF-OTHER-0003", "{}"))).unwrap();
    assert!(matches!(again, Appended::New(_)));
}

#[test]
fn a_submissions_files_are_recorded_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let store = store::open(&format!("sqlite:{}", dir.path().join("c.db").display()), false).unwrap();
    let (a, b) = ("a".repeat(64), "b".repeat(64));
    store.issue_nonce("n1", "https://council.example", 0, i64::MAX).unwrap();
    let files = [b.clone(), a.clone()];
    let claim = Claim {
        nonce: "n1",
        origin: "https://council.example",
        now: 1,
        sid: "s1",
        request: None,
        closes: None,
        files: &files,
        deliver_to: &[],
    };
    assert!(matches!(
        store.append(&claim, &mut |h| Ok(record(h, "s1", "CF-FILE-0001", "{}"))).unwrap(),
        Appended::New(_)
    ));
    assert_eq!(store.files_of("s1").unwrap(), [a.clone(), b.clone()]);
    assert!(store.file_referenced(&a).unwrap() && store.file_referenced(&b).unwrap());
    assert!(!store.file_referenced(&"c".repeat(64)).unwrap());
    // A refused append records nothing: its files stay unlisted.
    let claim = Claim { sid: "s2", nonce: "spent", files: &["c".repeat(64)], ..claim };
    assert!(matches!(
        store.append(&claim, &mut |h| Ok(record(h, "s2", "CF-FILE-0002", "{}"))).unwrap(),
        Appended::BadNonce
    ));
    assert!(!store.file_referenced(&"c".repeat(64)).unwrap());
}
