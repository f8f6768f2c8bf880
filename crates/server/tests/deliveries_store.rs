//! The delivery queue: rows are queued in the submission's own transaction, leased so two
//! workers never hold one row, and keep their attempts and last error for the inbox. Part of the
//! store conformance suite: run on SQLite and on PostgreSQL (see tests/common/stores.rs).

mod common;

use careform_server::store::deliveries::Delivery;
use careform_server::store::{Appended, Claim, Store};
use common::stores::{self, Fresh};

conformance! {
    deliveries_are_queued_with_the_submission_leased_once_and_retried,
}

fn append(store: &dyn Store, sid: &str, nonce: &str, deliver_to: &[String]) -> Appended {
    let claim = Claim { now: 100, deliver_to, ..stores::claim(sid, nonce) };
    store.append(&claim, &mut |head| Ok(stores::record(head, sid, &format!("CF-{sid}"), "task-scope", "{}"))).unwrap()
}

fn deliveries_are_queued_with_the_submission_leased_once_and_retried(f: &Fresh) {
    let store = f.store();
    let endpoints = vec!["https://council.example/hook".to_owned(), "mailto:officer@council.example".to_owned()];
    store.issue_nonce("n1", "https://council.example", 0, i64::MAX).unwrap();
    assert!(matches!(append(store, "s1", "n1", &endpoints), Appended::New(_)));
    // A refused append (its nonce is spent) queues nothing.
    assert!(matches!(append(store, "s2", "n1", &endpoints), Appended::BadNonce));

    assert!(store.lease_due(99, 200, 10).unwrap().is_empty(), "not due before the submission's time");
    let leased = store.lease_due(100, 200, 10).unwrap();
    let want: Vec<Delivery> = endpoints
        .iter()
        .enumerate()
        .map(|(i, e)| Delivery { id: i as i64 + 1, seq: 1, endpoint: e.clone(), attempts: 0 })
        .collect();
    assert_eq!(leased, want);
    assert!(store.lease_due(150, 300, 10).unwrap().is_empty(), "leased rows are skipped until the lease ends");

    store.delivered(leased[1].id, 120).unwrap();
    store.delivery_failed(leased[0].id, 400, "HTTP 500").unwrap();
    let states = store.deliveries_of(1).unwrap();
    assert_eq!(states[0].endpoint, "https://council.example/hook");
    assert_eq!((states[0].attempts, states[0].delivered_at, states[0].next_attempt_at), (1, None, 400));
    assert_eq!(states[0].last_error.as_deref(), Some("HTTP 500"));
    assert_eq!((states[1].attempts, states[1].delivered_at), (0, Some(120)));

    // Only the failed one comes back, once it is due again, with its attempts counted.
    assert!(store.lease_due(399, 500, 10).unwrap().is_empty());
    let again = store.lease_due(400, 500, 10).unwrap();
    assert_eq!(again, [Delivery { attempts: 1, ..want[0].clone() }]);
    assert_eq!(store.record_at(1).unwrap().unwrap().sid, "s1");
    assert!(store.record_at(2).unwrap().is_none());
}
