//! `careform audit` covers what the council acts on (each receipt commits to the stored verdict,
//! the origin and the form version) and, given a kept signed checkpoint, detects records deleted
//! from the end of the chain.

mod common;

use std::path::Path;

use common::*;
use serde_json::Value;

fn audit(data: &Path, extra: &[&str]) -> (i32, Value) {
    let mut args = vec!["audit", "--data-dir", data.to_str().unwrap()];
    args.extend_from_slice(extra);
    let (code, out, stderr) = careform(&args);
    assert!(code == 0 || code == 1, "{stderr}");
    (code, out)
}

fn db(data: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(data.join("careform.db")).unwrap()
}

fn column(data: &Path, name: &str, seq: i64) -> String {
    db(data).query_row(&format!("SELECT {name} FROM submissions WHERE seq = ?1"), [seq], |r| r.get(0)).unwrap()
}

fn set_column(data: &Path, name: &str, seq: i64, value: &str) {
    db(data)
        .execute(&format!("UPDATE submissions SET {name} = ?1 WHERE seq = ?2"), rusqlite::params![value, seq])
        .unwrap();
}

#[test]
fn editing_the_verdict_origin_or_form_version_breaks_the_audit() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = Server::start(dir.path(), &[]);
    let key = careform_seal::generate_key();
    for _ in 0..3 {
        assert_eq!(post(&server.base, &fresh_submission(&key, &server.base, hello()).to_json()).0, 201);
    }
    server.kill();
    assert_eq!(audit(dir.path(), &[]).0, 0);

    // The verdict flipped (pass to fail or fail to pass) in the stored report.
    let report = column(dir.path(), "report", 2);
    let mut edited: Value = serde_json::from_str(&report).unwrap();
    let flipped = if edited["outcome"] == "fail" { "pass" } else { "fail" };
    edited["outcome"] = flipped.into();
    let edits = [
        ("report", edited.to_string(), "report_sha256"),
        ("origin", "https://elsewhere.example".to_owned(), "origin"),
        ("form_version", "2".to_owned(), "receipt form"),
    ];
    for (name, value, reason) in edits {
        let original = column(dir.path(), name, 2);
        set_column(dir.path(), name, 2, &value);
        let (code, out) = audit(dir.path(), &[]);
        assert_eq!(code, 1, "editing {name} is detected: {out}");
        assert_eq!(out["first_broken"]["seq"], 2, "{out}");
        assert!(out["first_broken"]["reason"].as_str().unwrap().contains(reason), "{out}");
        set_column(dir.path(), name, 2, &original);
        assert_eq!(audit(dir.path(), &[]).0, 0, "restoring {name} restores the audit");
    }
}

#[test]
fn a_kept_checkpoint_detects_a_truncated_tail() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = Server::start(dir.path(), &[]);
    let key = careform_seal::generate_key();
    let mut from_receipts = Vec::new();
    for _ in 0..3 {
        let (status, body) = post(&server.base, &fresh_submission(&key, &server.base, hello()).to_json());
        assert_eq!(status, 201);
        from_receipts.push(body["checkpoint"].as_str().expect("a checkpoint with each receipt").to_owned());
    }
    let published = http().get(format!("{}/v1/checkpoint", server.base)).send().unwrap();
    assert_eq!(published.headers()["content-type"], "text/plain; charset=utf-8");
    let published = published.text().unwrap();
    let origin = format!("127.0.0.1:{}/careform", server.port);
    assert!(published.starts_with(&format!("{origin}\n3\n")), "{published}");
    assert!(published.contains(&format!("\n\n\u{2014} {origin} ")), "{published}");
    assert_eq!(published, from_receipts[2], "the head's checkpoint is the newest receipt's");
    server.kill();

    let kept = dir.path().join("kept-checkpoint");
    let first = dir.path().join("first-checkpoint");
    std::fs::write(&kept, &published).unwrap();
    std::fs::write(&first, &from_receipts[0]).unwrap();
    for file in [&kept, &first] {
        let (code, out) = audit(dir.path(), &["--checkpoint", file.to_str().unwrap()]);
        assert_eq!((code, &out["checkpoint_extended"]), (0, &Value::Bool(true)), "{out}");
    }

    // A checkpoint not signed by this server's key (here: its size edited) is refused.
    let forged = dir.path().join("forged");
    std::fs::write(&forged, published.replacen("\n3\n", "\n2\n", 1)).unwrap();
    let (code, out) = audit(dir.path(), &["--checkpoint", forged.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(out["first_broken"]["reason"].as_str().unwrap().contains("signature"), "{out}");

    // The newest record deleted: the chain left is intact, so only the checkpoint shows it.
    db(dir.path()).execute("DELETE FROM submissions WHERE seq = 3", []).unwrap();
    let (code, out) = audit(dir.path(), &[]);
    assert_eq!((code, &out["records"]), (0, &Value::from(2)), "{out}");
    let (code, out) = audit(dir.path(), &["--checkpoint", kept.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(out["first_broken"]["reason"].as_str().unwrap().contains("deleted from the end"), "{out}");
    // An older checkpoint the shorter chain still extends passes.
    assert_eq!(audit(dir.path(), &["--checkpoint", first.to_str().unwrap()]).0, 0);
}
