//! Cheap refusals first (a dead nonce before the rules), and the modes of the files the server
//! keeps (data directory 0700, database and its -wal/-shm 0600, a shared database refused).

mod common;

use std::fs;
use std::os::unix::fs::PermissionsExt as _;
use std::path::Path;

use careform_seal::{FormRef, b64u_encode, canonicalize_serializable, random_bytes, sha256_b64u};
use common::*;
use serde_json::{Value, json};

fn task_scope() -> FormRef {
    let def = careform_rules::form("task-scope", "1").unwrap();
    FormRef { id: def.id.into(), version: def.version.into(), sha256: sha256_b64u(&canonicalize_serializable(def)) }
}

fn big_plan() -> Value {
    let tasks: Vec<Value> =
        (0..250).map(|i| json!({ "description": format!("Help with shopping and laundry, visit {i}") })).collect();
    json!({ "profile": "somerset-micro-provider", "plan": { "tasks": tasks } })
}

#[test]
fn a_dead_nonce_is_refused_before_the_rules_run() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &["--allow-origin", "task-scope=https://council.example"]);
    let base = &server.base;
    let key = careform_seal::generate_key();
    let mut invalid = big_plan();
    invalid["plan"]["visits"] = json!(["25:00"]);
    let submit = |data: &Value, nonce: &str| {
        let mut p = payload(base, &new_sid(), data.clone());
        p.form = task_scope();
        post(base, &sign(&key, base, nonce, &p).to_json())
    };

    // With a live nonce the rules see the plan and refuse the impossible visit time...
    let (status, body) = submit(&invalid, &nonce(base, ORIGIN));
    assert_eq!((status, body["error"].as_str()), (422, Some("invalidData")), "{body}");
    // ...but with a made-up one the nonce is refused first: the rules never ran.
    let made_up = b64u_encode(&random_bytes::<16>());
    for data in [&invalid, &big_plan()] {
        let (status, body) = submit(data, &made_up);
        assert_eq!((status, body["error"].as_str()), (400, Some("badNonce")), "{body}");
        assert!(body["nonce"].is_string(), "a fresh nonce to sign again with: {body}");
    }
    // A nonce already spent is as dead as a made-up one.
    let spent = nonce(base, ORIGIN);
    assert_eq!(post(base, &sign(&key, base, &spent, &payload(base, &new_sid(), hello())).to_json()).0, 201);
    let (status, body) = submit(&invalid, &spent);
    assert_eq!((status, body["error"].as_str()), (400, Some("badNonce")), "{body}");
    assert_eq!(count_rows(dir.path()), 1);
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())).permissions().mode() & 0o777
}

fn set_mode(path: &Path, mode: u32) {
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn the_data_directory_and_database_are_private() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let mut server = Server::start(&data, &[]);
    let env = fresh_submission(&careform_seal::generate_key(), &server.base, hello());
    assert_eq!(post(&server.base, &env.to_json()).0, 201);
    assert_eq!(mode(&data), 0o700);
    for name in ["careform.db", "careform.db-wal", "careform.db-shm", "server-key.b64u"] {
        assert_eq!(mode(&data.join(name)), 0o600, "{name}");
    }
    server.kill();

    // An older version's modes: the directory and the leftover -wal/-shm are ours, so tightened.
    set_mode(&data, 0o755);
    set_mode(&data.join("careform.db-wal"), 0o644);
    set_mode(&data.join("careform.db-shm"), 0o644);
    let mut server = Server::start(&data, &[]);
    assert_eq!(mode(&data), 0o700);
    assert_eq!(mode(&data.join("careform.db-wal")), 0o600);
    assert_eq!(mode(&data.join("careform.db-shm")), 0o600);
    server.kill();
}

#[test]
fn a_database_others_can_read_is_refused() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    drop(Server::start(&data, &[]));
    let db = data.join("careform.db");
    for loose in [0o644, 0o640, 0o604] {
        set_mode(&db, loose);
        let port = free_port().to_string();
        let (code, _, stderr) =
            careform(&["serve", "--address", &format!("127.0.0.1:{port}"), "--data-dir", data.to_str().unwrap()]);
        assert_eq!(code, 2, "{stderr}");
        assert!(stderr.contains("is readable by others") && stderr.contains("chmod 600"), "{stderr}");
    }
    set_mode(&db, 0o600);
    drop(Server::start(&data, &[]));
}
