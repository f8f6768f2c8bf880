//! Two `careform serve` instances on one PostgreSQL database, as behind a load balancer: one
//! public URL, one key (a shared data directory), one receipt chain. Runs when
//! `CAREFORM_TEST_DATABASE_URL` names a PostgreSQL server (`scripts/test` sets it).

mod common;

use std::sync::Mutex;

use careform_seal::{Envelope, Jwks, verify_receipt};
use common::stores::TestDb;
use common::*;
use serde_json::Value;

const PUBLIC: &str = "http://careform.test";

fn start_two(db: &TestDb, data_dir: &std::path::Path, extra: &[&str]) -> [Server; 2] {
    let args: Vec<&str> =
        ["--database-url", db.url.as_str(), "--public-url", PUBLIC].into_iter().chain(extra.iter().copied()).collect();
    // One after the other would hide a race in creating the tables: both start at once.
    std::thread::scope(|s| {
        let a = s.spawn(|| Server::start(data_dir, &args));
        let b = s.spawn(|| Server::start(data_dir, &args));
        [a.join().unwrap(), b.join().unwrap()]
    })
}

/// A nonce from one instance, the submission to the other: nonces live in the database.
fn submit_across(key: &careform_seal::SigningKey, from: &str, to: &str) -> (u16, Value, Envelope) {
    let r = http().get(format!("{from}/v1/nonce")).header("Origin", ORIGIN).send().unwrap();
    let nonce = r.json::<Value>().unwrap()["nonce"].as_str().unwrap().to_owned();
    let env = sign(key, PUBLIC, &nonce, &payload(PUBLIC, &new_sid(), hello()));
    let (status, body) = post(to, &env.to_json());
    (status, body, env)
}

#[test]
fn two_instances_take_concurrent_load_into_one_intact_chain() {
    let Some(db) = TestDb::create("two_instances_take_concurrent_load_into_one_intact_chain") else { return };
    let dir = tempfile::tempdir().unwrap();
    let servers = start_two(&db, dir.path(), &[]);
    let bases = [servers[0].base.clone(), servers[1].base.clone()];
    let key_set: Jwks = serde_json::from_value(jwks(&bases[0])).unwrap();
    assert_eq!(jwks(&bases[1]), jwks(&bases[0]), "one key, shared through the data directory");

    let receipts: Mutex<Vec<Envelope>> = Mutex::default();
    std::thread::scope(|s| {
        for client in 0..4 {
            let (bases, receipts) = (&bases, &receipts);
            s.spawn(move || {
                let key = careform_seal::generate_key();
                for i in 0..25 {
                    let (from, to) = (&bases[(client + i) % 2], &bases[(client + i + 1) % 2]);
                    let (status, body, env) = submit_across(&key, from, to);
                    assert_eq!(status, 201, "{body}");
                    receipts.lock().unwrap().push(serde_json::from_value(body["receipt"].clone()).unwrap());
                    // The same bytes again, to the other instance: found, never stored twice.
                    assert_eq!(post(from, &env.to_json()).0, 200);
                }
            });
        }
    });
    let receipts = receipts.into_inner().unwrap();
    assert_eq!(receipts.len(), 100);
    let mut seqs: Vec<u64> =
        receipts.iter().map(|r| verify_receipt(r.to_json().as_bytes(), &key_set).unwrap().payload.seq).collect();
    seqs.sort();
    assert_eq!(seqs, (1..=100).collect::<Vec<u64>>(), "every acknowledged submission has its own place");

    let dir_arg = dir.path().to_str().unwrap();
    let (code, audit, err) = careform(&["audit", "--data-dir", dir_arg, "--database-url", &db.url]);
    assert_eq!(code, 0, "{audit} {err}");
    assert_eq!(audit["records"], 100, "{audit}");
    // Each receipt a client holds is the stored one.
    let mut c = postgres::Client::connect(&db.url, postgres::NoTls).unwrap();
    for receipt in &receipts {
        let seq = verify_receipt(receipt.to_json().as_bytes(), &key_set).unwrap().payload.seq as i64;
        let stored: String = c.query_one("SELECT receipt FROM submissions WHERE seq = $1", &[&seq]).unwrap().get(0);
        assert_eq!(Envelope::from_json(stored.as_bytes()).unwrap(), *receipt);
    }
    // A fork is refused by the database itself, whatever a server might do.
    let fork = c.execute(
        "INSERT INTO submissions (seq, prev, sid, reference, jkt, form_id, form_version, origin, payload_sha256,
                                  envelope, report, receipt, received_at)
         SELECT 101, prev, 'fork', 'CF-FORK', jkt, form_id, form_version, origin, payload_sha256, envelope, report,
                receipt, received_at FROM submissions WHERE seq = 100",
        &[],
    );
    let refused = fork.unwrap_err();
    let constraint = refused.as_db_error().and_then(|e| e.constraint());
    assert_eq!(constraint, Some("submissions_prev_key"), "two records cannot link to one head: {refused:?}");
}

#[test]
fn the_rate_limit_is_counted_across_instances() {
    let Some(db) = TestDb::create("the_rate_limit_is_counted_across_instances") else { return };
    let dir = tempfile::tempdir().unwrap();
    let servers = start_two(&db, dir.path(), &["--rate-limit-per-minute", "4"]);
    let status = |base: &str| http().get(format!("{base}/v1/nonce")).header("Origin", ORIGIN).send().unwrap().status();
    // The minute may turn between requests, which resets the count: then the whole run repeats.
    for _ in 0..3 {
        let minute = chrono::Utc::now().timestamp() / 60;
        let got: Vec<u16> = (0..6).map(|n| status(&servers[n % 2].base).as_u16()).collect();
        if chrono::Utc::now().timestamp() / 60 != minute {
            std::thread::sleep(std::time::Duration::from_secs(1));
            continue;
        }
        assert_eq!(got, [200, 200, 200, 200, 429, 429], "four in all, not four on each instance");
        return;
    }
    panic!("the minute turned in every attempt");
}

#[test]
fn the_command_line_tools_take_a_postgresql_url() {
    let Some(db) = TestDb::create("the_command_line_tools_take_a_postgresql_url") else { return };
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let url = db.url.as_str();
    let server = Server::start(dir.path(), &["--database-url", url, "--public-url", PUBLIC]);
    let key = careform_seal::generate_key();
    assert_eq!(submit_across(&key, &server.base, &server.base).0, 201);
    drop(server);
    let mut add = std::process::Command::new(BIN)
        .args([
            "staff",
            "add",
            "pia",
            "--role",
            "admin",
            "--form",
            "careform-demo",
            "--data-dir",
            d,
            "--database-url",
            url,
        ])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write as _;
    add.stdin.take().unwrap().write_all(b"correct horse battery staple\n").unwrap();
    let out = add.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let (code, _, err) = careform(&["staff", "list", "--data-dir", d, "--database-url", url]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = careform(&["retention", "set", "careform-demo", "30", "--data-dir", d, "--database-url", url]);
    assert_eq!(code, 0, "{err}");
    let out = std::process::Command::new(BIN)
        .args(["export", "--format", "json", "--data-dir", d, "--database-url", url])
        .output()
        .unwrap();
    let export: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(export["submissions"].as_array().map(Vec::len), Some(1), "{export}");
    let (code, purge, err) = careform(&["purge", "--dry-run", "--data-dir", d, "--database-url", url]);
    assert_eq!(code, 0, "{purge} {err}");
    let (code, audit, err) = careform(&["audit", "--data-dir", d, "--database-url", url]);
    assert_eq!((code, &audit["records"]), (0, &Value::from(1)), "{audit} {err}");
}
