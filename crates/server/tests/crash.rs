//! Kill -9 in the middle of a stream of submissions: every receipt the server gave out survives.

mod common;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use careform_seal::{Envelope, Jwks, verify_receipt};
use common::*;

#[test]
fn sigkill_mid_stream_loses_no_acknowledged_submission() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = Server::start(dir.path(), &[]);
    let port = server.port;
    let base = server.base.clone();
    let key_set: Jwks = serde_json::from_value(jwks(&base)).unwrap();

    // Two clients submit as fast as they can; every receipt they get is kept.
    let acknowledged: Arc<Mutex<Vec<Envelope>>> = Arc::default();
    let in_flight: Arc<Mutex<Vec<Envelope>>> = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let clients: Vec<_> = (0..2)
        .map(|_| {
            let (acked, unsure, stop, base) = (acknowledged.clone(), in_flight.clone(), stop.clone(), base.clone());
            std::thread::spawn(move || {
                submit_until_stopped(&base, &base, &acked, &unsure, &stop);
            })
        })
        .collect();

    while acknowledged.lock().unwrap().len() < 40 {
        std::thread::yield_now();
    }
    server.kill();
    stop.store(true, Ordering::SeqCst);
    for c in clients {
        c.join().unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(acknowledged.len() >= 40);

    // Restart on the same data directory and port.
    let server = Server::start_on(port, dir.path(), &[]);
    let (code, audit, err) = careform(&["audit", "--data-dir", dir.path().to_str().unwrap()]);
    assert_eq!(code, 0, "audit after the crash: {audit} {err}");
    let stored = audit["records"].as_u64().unwrap();
    assert!(stored >= acknowledged.len() as u64, "stored {stored} < acknowledged {}", acknowledged.len());

    // Each receipt a client holds is still the stored one at its place in the chain.
    let db = rusqlite::Connection::open(dir.path().join("careform.db")).unwrap();
    for receipt in &acknowledged {
        let p = verify_receipt(receipt.to_json().as_bytes(), &key_set).unwrap().payload;
        let stored: String = db
            .query_row("SELECT receipt FROM submissions WHERE seq = ?1", [p.seq as i64], |r| r.get(0))
            .unwrap_or_else(|_| panic!("acknowledged receipt {} (seq {}) is missing", p.reference, p.seq));
        assert_eq!(Envelope::from_json(stored.as_bytes()).unwrap(), *receipt);
    }

    // A submission cut off by the kill is retried with the same bytes: 200 if it was stored
    // before the kill, 201 if not (its nonce is in the database, still unspent). Never twice.
    let mut landed_now = 0;
    for env in in_flight.lock().unwrap().iter() {
        let (status, body) = post(&server.base, &env.to_json());
        assert!(matches!(status, 200 | 201), "{status} {body}");
        landed_now += u64::from(status == 201);
        assert_eq!(post(&server.base, &env.to_json()).0, 200, "a second retry is a duplicate");
    }
    let stored = stored + landed_now;
    assert_eq!(count_rows(dir.path()) as u64, stored);
    // The chain carries on from where it was.
    let key = careform_seal::generate_key();
    let (status, body) = post(&server.base, &fresh_submission(&key, &server.base, hello()).to_json());
    assert_eq!(status, 201, "{body}");
    let next: Envelope = serde_json::from_value(body["receipt"].clone()).unwrap();
    assert_eq!(verify_receipt(next.to_json().as_bytes(), &key_set).unwrap().payload.seq, stored + 1);
    assert_eq!(careform(&["audit", "--data-dir", dir.path().to_str().unwrap()]).0, 0);
}
