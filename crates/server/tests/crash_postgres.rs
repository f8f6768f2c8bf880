//! SIGKILL of one of two instances on one PostgreSQL in the middle of a stream: every receipt
//! given out survives, the chain stays one and intact, and a cut-off submission retried at the
//! other instance lands exactly once. Runs when `CAREFORM_TEST_DATABASE_URL` is set.

mod common;

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use careform_seal::{Envelope, Jwks, verify_receipt};
use common::stores::TestDb;
use common::*;

const PUBLIC: &str = "http://careform.test";

#[test]
fn sigkill_of_one_instance_loses_no_acknowledged_submission() {
    let Some(db) = TestDb::create("sigkill_of_one_instance_loses_no_acknowledged_submission") else { return };
    let dir = tempfile::tempdir().unwrap();
    let args = ["--database-url", db.url.as_str(), "--public-url", PUBLIC];
    let mut victim = Server::start(dir.path(), &args);
    let survivor = Server::start(dir.path(), &args);
    let (vbase, sbase) = (victim.base.clone(), survivor.base.clone());
    let key_set: Jwks = serde_json::from_value(jwks(&sbase)).unwrap();
    let (acked, unsure, stop) =
        (Mutex::new(Vec::<Envelope>::new()), Mutex::new(Vec::<Envelope>::new()), AtomicBool::new(false));
    std::thread::scope(|s| {
        for base in [&vbase, &sbase, &vbase] {
            let (acked, unsure, stop) = (&acked, &unsure, &stop);
            s.spawn(move || {
                submit_until_stopped(base, PUBLIC, acked, unsure, stop);
            });
        }
        while acked.lock().unwrap().len() < 60 {
            std::thread::yield_now();
        }
        victim.kill();
        stop.store(true, Ordering::SeqCst);
    });
    let acked = acked.into_inner().unwrap();
    // Retried at the instance still up: 200 if stored before the kill, 201 if not. Never twice.
    let mut landed = 0;
    for env in unsure.into_inner().unwrap() {
        let (status, body) = post(&sbase, &env.to_json());
        assert!(matches!(status, 200 | 201), "{status} {body}");
        landed += u64::from(status == 201);
        assert_eq!(post(&sbase, &env.to_json()).0, 200, "a second retry is a duplicate");
    }
    let d = dir.path().to_str().unwrap();
    let (code, audit, err) = careform(&["audit", "--data-dir", d, "--database-url", &db.url]);
    assert_eq!(code, 0, "{audit} {err}");
    let stored = audit["records"].as_u64().unwrap();
    assert!(stored >= acked.len() as u64 + landed, "stored {stored}, acknowledged {} + retried {landed}", acked.len());
    let mut c = postgres::Client::connect(&db.url, postgres::NoTls).unwrap();
    for receipt in &acked {
        let seq = verify_receipt(receipt.to_json().as_bytes(), &key_set).unwrap().payload.seq as i64;
        let row: String = c.query_one("SELECT receipt FROM submissions WHERE seq = $1", &[&seq]).unwrap().get(0);
        assert_eq!(Envelope::from_json(row.as_bytes()).unwrap(), *receipt);
    }
}
