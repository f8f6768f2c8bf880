//! Group commit: appends that arrive together are stored in one transaction, yet each gets its
//! own outcome (a refused one undoes only itself) and the chain stays one unbroken line.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Barrier};

use careform_server::store::deliveries::Deliveries as _;
use careform_server::store::{Appended, ChainHead, Claim, PaRequest, Record, SqliteStore, Store, StoreError};

const ORIGIN: &str = "https://council.example";
/// Every append queues a delivery to it; only the kept ones may leave a row.
const HOOK: &str = "https://hooks.council.example/careform";

/// A record whose receipt names the receipt it follows, so the chain can be walked afterwards.
fn record(head: Option<&ChainHead>, sid: &str, form_id: &str, report: &str) -> Record {
    Record {
        seq: head.map_or(1, |h| h.seq + 1),
        sid: sid.into(),
        reference: format!("CF-{sid}"),
        jkt: "jkt".into(),
        form_id: form_id.into(),
        form_version: "1".into(),
        origin: ORIGIN.into(),
        payload_sha256: format!("sha-{sid}"),
        envelope: "{}".into(),
        report: report.into(),
        receipt: format!("{sid}<-{}", head.map_or("", |h| h.receipt.split("<-").next().unwrap())),
        received_at: "2026-12-07T02:00:00Z".into(),
    }
}

/// One concurrent writer: what it claims and what it should come to.
#[derive(Clone)]
struct Writer {
    sid: String,
    nonce: String,
    request: Option<String>,
    closes: Option<String>,
    files: Vec<String>,
    build_fails: bool,
    form: &'static str,
}

fn writer(sid: &str) -> Writer {
    Writer {
        sid: sid.into(),
        nonce: format!("nonce-{sid}"),
        request: None,
        closes: None,
        files: vec![],
        build_fails: false,
        form: "careform-demo",
    }
}

fn run(store: &SqliteStore, w: &Writer, gate: Option<(&AtomicBool, usize)>) -> Result<Appended, StoreError> {
    let claim = Claim {
        nonce: &w.nonce,
        origin: ORIGIN,
        now: 10,
        sid: &w.sid,
        request: w.request.as_deref(),
        closes: w.closes.as_deref(),
        files: &w.files,
        deliver_to: &[HOOK.to_owned()],
        next_nonce: None,
    };
    let report = match &w.closes {
        Some(r) => format!(r#"{{"agreement_reference":"{r}"}}"#),
        None => "{}".to_owned(),
    };
    store.append(&claim, &mut |head| {
        if let Some((entered, others)) = gate {
            // Hold the batch open until every other writer is queued behind it.
            entered.store(true, Ordering::SeqCst);
            while store.queued_writers() < others {
                std::thread::yield_now();
            }
        }
        if w.build_fails {
            return Err("the builder refused".into());
        }
        Ok(record(head, &w.sid, w.form, &report))
    })
}

#[test]
fn concurrent_appends_share_one_commit_and_each_gets_its_own_outcome() {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(SqliteStore::open(&dir.path().join("c.db"), false).unwrap());
    // An agreement already stored, which two racing returns will both try to close.
    store.issue_nonce("nonce-agreement", ORIGIN, 0, i64::MAX).unwrap();
    let mut agreement = writer("agreement");
    agreement.form = "key-holding";
    assert!(matches!(run(&store, &agreement, None).unwrap(), Appended::New(_)));
    store
        .put_request(&PaRequest {
            token: "link".into(),
            pa_name: "Sam".into(),
            pa_email: "sam@example.org".into(),
            client_name: "Jo".into(),
            employer: "client".into(),
            activity_date: None,
            code_version: "1".into(),
            issued_by: "officer".into(),
            issued_at: 0,
            expires_at: i64::MAX,
        })
        .unwrap();

    let mut writers: Vec<Writer> = (0..12).map(|i| writer(&format!("plain{i}"))).collect();
    let mut twin = writer("twin");
    twin.nonce = "nonce-twin-2".into();
    writers.extend([writer("twin"), twin]);
    let mut forged = writer("forged");
    forged.nonce = "never-issued".into();
    writers.push(forged);
    for sid in ["linkA", "linkB"] {
        let mut w = writer(sid);
        w.request = Some("link".into());
        writers.push(w);
    }
    for sid in ["returnA", "returnB"] {
        let mut w = writer(sid);
        w.closes = Some("CF-agreement".into());
        w.form = "key-holding";
        writers.push(w);
    }
    let mut broken = writer("broken");
    broken.build_fails = true;
    writers.push(broken);
    let mut with_files = writer("files");
    with_files.files = vec!["aa".repeat(32), "bb".repeat(32)];
    writers.push(with_files);
    for w in &writers {
        if w.nonce != "never-issued" {
            store.issue_nonce(&w.nonce, ORIGIN, 0, i64::MAX).unwrap();
        }
    }
    // The first writer opens the batch and holds it until all the others are queued behind it.
    let first = writer("first");
    store.issue_nonce(&first.nonce, ORIGIN, 0, i64::MAX).unwrap();
    let batches_before = store.batches_committed();
    let entered = Arc::new(AtomicBool::new(false));
    let others = writers.len();
    let leader = {
        let (store, entered) = (store.clone(), entered.clone());
        std::thread::spawn(move || run(&store, &first, Some((&entered, others))))
    };
    while !entered.load(Ordering::SeqCst) {
        std::thread::yield_now();
    }
    let start = Arc::new(Barrier::new(writers.len()));
    let handles: Vec<_> = writers
        .iter()
        .cloned()
        .map(|w| {
            let (store, start) = (store.clone(), start.clone());
            std::thread::spawn(move || {
                start.wait();
                (w.sid.clone(), run(&store, &w, None))
            })
        })
        .collect();
    assert!(matches!(leader.join().unwrap().unwrap(), Appended::New(_)));
    let outcomes: Vec<(String, Result<Appended, StoreError>)> =
        handles.into_iter().map(|h| h.join().unwrap()).collect();
    assert_eq!(store.batches_committed(), batches_before + 1, "every append shared one commit");

    let outcome = |sid: &str| outcomes.iter().filter(|(s, _)| s == sid).map(|(_, o)| o).collect::<Vec<_>>();
    for i in 0..12 {
        assert!(matches!(outcome(&format!("plain{i}"))[..], [Ok(Appended::New(_))]));
    }
    // Two writers with one sid: one stored, the other answered with that record, its nonce kept.
    let twins = outcome("twin");
    let new = twins.iter().filter(|o| matches!(o, Ok(Appended::New(_)))).count();
    let existing: Vec<&Record> =
        twins.iter().filter_map(|o| if let Ok(Appended::Existing(r)) = o { Some(r) } else { None }).collect();
    assert_eq!((new, existing.len()), (1, 1), "twins");
    assert_eq!(existing[0].sid, "twin");
    let twin_nonce_left =
        ["nonce-twin", "nonce-twin-2"].iter().filter(|n| store.nonce_usable(n, ORIGIN, 10).unwrap()).count();
    assert_eq!(twin_nonce_left, 1, "the duplicate's nonce was not spent");
    assert!(matches!(outcome("forged")[..], [Ok(Appended::BadNonce)]));
    // One link, two writers: one spends it, the other is refused and keeps its nonce.
    let (a, b) = (outcome("linkA"), outcome("linkB"));
    let link_outcomes = [a[0], b[0]];
    assert_eq!(link_outcomes.iter().filter(|o| matches!(o, Ok(Appended::New(_)))).count(), 1);
    assert_eq!(link_outcomes.iter().filter(|o| matches!(o, Ok(Appended::BadRequestLink))).count(), 1);
    // One agreement, two returns: the second sees the first inside the same transaction.
    let (a, b) = (outcome("returnA"), outcome("returnB"));
    let returns = [a[0], b[0]];
    assert_eq!(returns.iter().filter(|o| matches!(o, Ok(Appended::New(_)))).count(), 1);
    let closed_by: Vec<&String> =
        returns.iter().filter_map(|o| if let Ok(Appended::AlreadyClosed(e)) = o { Some(e) } else { None }).collect();
    assert_eq!(closed_by.len(), 1);
    assert!(closed_by[0] == "CF-returnA" || closed_by[0] == "CF-returnB");
    assert!(matches!(outcome("broken")[..], [Err(StoreError::Build(_))]));
    assert!(matches!(outcome("files")[..], [Ok(Appended::New(_))]));

    // Refused writers spent nothing: their nonces are still usable.
    for n in ["nonce-broken", "nonce-linkA", "nonce-linkB", "nonce-returnA", "nonce-returnB"] {
        let expected = match n {
            "nonce-broken" => true,
            _ => !outcomes.iter().any(|(s, o)| format!("nonce-{s}") == n && matches!(o, Ok(Appended::New(_)))),
        };
        assert_eq!(store.nonce_usable(n, ORIGIN, 10).unwrap(), expected, "{n}");
    }

    // One unbroken chain: agreement, first, then the 17 new records, each naming the one before.
    let records = store.records().unwrap();
    assert_eq!(records.len(), 2 + 12 + 1 + 1 + 1 + 1);
    for (i, r) in records.iter().enumerate() {
        assert_eq!(r.seq, i as u64 + 1);
        let prev = if i == 0 { "" } else { records[i - 1].sid.as_str() };
        assert_eq!(r.receipt, format!("{}<-{prev}", r.sid));
    }
    assert_eq!(store.files_of("files").unwrap(), vec!["aa".repeat(32), "bb".repeat(32)]);
    // Everything answered was durable: a fresh connection sees it all.
    let db = rusqlite::Connection::open(dir.path().join("c.db")).unwrap();
    let rows: i64 = db.query_row("SELECT COUNT(*) FROM submissions", [], |r| r.get(0)).unwrap();
    assert_eq!(rows as usize, records.len());
    // Each stored record has exactly its one delivery queued; a refused item left none behind.
    for r in &records {
        let queued = store.deliveries_of(r.seq).unwrap();
        assert_eq!(queued.iter().map(|d| d.endpoint.as_str()).collect::<Vec<_>>(), vec![HOOK], "seq {}", r.seq);
    }
    let deliveries: i64 = db.query_row("SELECT COUNT(*) FROM deliveries", [], |r| r.get(0)).unwrap();
    assert_eq!(deliveries as usize, records.len());
}
