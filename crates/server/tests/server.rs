//! The careform server as councils run it: a real process, a real SQLite file, real HTTP.

mod common;

use careform_seal::{Envelope, FormRef, SigningKey, canonicalize_serializable, resign, sha256_b64u, verify_receipt};
use common::*;
use serde_json::{Value, json};

fn receipt_of(body: &Value) -> Envelope {
    serde_json::from_value(body["receipt"].clone()).expect("a receipt envelope")
}

#[test]
fn a_submission_round_trips_into_a_chained_verifiable_receipt() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &[]);
    let key = careform_seal::generate_key();
    let key_set: careform_seal::Jwks = serde_json::from_value(jwks(&server.base)).unwrap();

    let first = fresh_submission(&key, &server.base, hello());
    let (status, body) = post(&server.base, &first.to_json());
    assert_eq!(status, 201, "{body}");
    assert!(body["next_nonce"].as_str().is_some_and(|n| n.len() >= 20));
    let r1 = verify_receipt(receipt_of(&body).to_json().as_bytes(), &key_set).unwrap().payload;
    assert_eq!((r1.seq, r1.prev.clone()), (1, None));
    assert_eq!(r1.submission.jws_sha256, first.jws_sha256());
    assert_eq!(r1.iss, server.base);
    assert!(r1.reference.starts_with("CF-"), "{}", r1.reference);

    let second = fresh_submission(&key, &server.base, hello());
    let (status, body2) = post(&server.base, &second.to_json());
    assert_eq!(status, 201, "{body2}");
    let r2 = verify_receipt(receipt_of(&body2).to_json().as_bytes(), &key_set).unwrap().payload;
    assert_eq!(r2.seq, 2);
    assert_eq!(r2.prev, Some(receipt_of(&body).jws_sha256()), "the second receipt links to the first");
    assert_ne!(r1.reference, r2.reference);

    // Anyone holding the files can check them offline with the CLI.
    let sub_file = dir.path().join("sub.json");
    let receipt_file = dir.path().join("receipt.json");
    let jwks_file = dir.path().join("jwks.json");
    std::fs::write(&sub_file, first.to_json()).unwrap();
    std::fs::write(&receipt_file, receipt_of(&body).to_json()).unwrap();
    std::fs::write(&jwks_file, jwks(&server.base).to_string()).unwrap();
    let (code, out, _) = careform(&["verify", "submission", sub_file.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(out["valid"], true);
    assert_eq!(out["jkt"], careform_seal::thumbprint(&key.verifying_key()));
    assert_eq!(out["form"]["id"], "careform-demo");
    let (code, out, _) =
        careform(&["verify", "receipt", receipt_file.to_str().unwrap(), "--jwks", jwks_file.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(
        (out["valid"].clone(), out["seq"].clone(), out["ref"].clone()),
        (json!(true), json!(1), json!(r1.reference))
    );
    // What the receipt commits to beyond its place in the chain, for a council to compare.
    assert_eq!(out["jws_sha256"], json!(first.jws_sha256()));
    assert_eq!(out["origin"], json!(r1.submission.origin));
    assert_eq!(out["payload_sha256"], json!(r1.submission.payload_sha256));
    assert!(out["report_sha256"].as_str().is_some_and(|h| h.len() == 43), "{out}");
}

#[test]
fn a_spent_nonce_is_refused_with_a_fresh_one_and_the_resigned_envelope_lands() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &[]);
    let key = careform_seal::generate_key();
    let n = nonce(&server.base, ORIGIN);
    let a = sign(&key, &server.base, &n, &payload(&server.base, &new_sid(), hello()));
    assert_eq!(post(&server.base, &a.to_json()).0, 201);

    // The same nonce on another submission: replay.
    let b = sign(&key, &server.base, &n, &payload(&server.base, &new_sid(), hello()));
    let (status, body) = post(&server.base, &b.to_json());
    assert_eq!((status, body["error"].as_str()), (400, Some("badNonce")), "{body}");
    let fresh = body["nonce"].as_str().unwrap();
    assert_ne!(fresh, n);
    let b2 = resign(&key, &b, fresh, &format!("{}/v1/submissions", server.base));
    assert_eq!(b2.payload, b.payload);
    assert_eq!(post(&server.base, &b2.to_json()).0, 201);

    // An unknown nonce, and a nonce bound to another origin, are refused the same way.
    let c = sign(&key, &server.base, "never-issued", &payload(&server.base, &new_sid(), hello()));
    assert_eq!(post(&server.base, &c.to_json()).1["error"], "badNonce");
    let other_origin_nonce = nonce(&server.base, &server.base);
    let d = sign(&key, &server.base, &other_origin_nonce, &payload(&server.base, &new_sid(), hello()));
    assert_eq!(post(&server.base, &d.to_json()).1["error"], "badNonce");
    assert_eq!(count_rows(dir.path()), 2);
}

#[test]
fn a_retry_gets_the_stored_receipt_and_a_reused_sid_with_other_content_is_422() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &[]);
    let key = careform_seal::generate_key();
    let env = fresh_submission(&key, &server.base, hello());
    let (s1, first) = post(&server.base, &env.to_json());
    assert_eq!(s1, 201);
    // The very same bytes again (the response was lost): 200, same receipt.
    let (s2, again) = post(&server.base, &env.to_json());
    assert_eq!(s2, 200, "{again}");
    assert_eq!(again["receipt"], first["receipt"]);
    // Re-signed with a new nonce over the same payload: still the same submission.
    let resigned = resign(&key, &env, &nonce(&server.base, ORIGIN), &format!("{}/v1/submissions", server.base));
    let (s3, third) = post(&server.base, &resigned.to_json());
    assert_eq!((s3, &third["receipt"]), (200, &first["receipt"]));
    assert_eq!(count_rows(dir.path()), 1);

    // Same sid, other content: refused.
    let sid = careform_seal::verify_submission(env.to_json().as_bytes()).unwrap().payload.sid;
    let other =
        sign(&key, &server.base, &nonce(&server.base, ORIGIN), &payload(&server.base, &sid, json!({ "name": "Bob" })));
    let (s4, body) = post(&server.base, &other.to_json());
    assert_eq!((s4, body["error"].as_str()), (422, Some("sidReused")), "{body}");
    // Same sid and payload from another device key: also refused.
    let thief = SigningKey::from_bytes(&[3u8; 32]);
    let stolen = resign(&thief, &env, &nonce(&server.base, ORIGIN), &format!("{}/v1/submissions", server.base));
    assert_eq!(post(&server.base, &stolen.to_json()).0, 422);
    assert_eq!(count_rows(dir.path()), 1);
}

#[test]
fn bad_requests_get_clear_json_errors_and_nothing_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &[]);
    let key = careform_seal::generate_key();
    let base = &server.base;
    let good = fresh_submission(&key, base, hello());

    let (s, b) = post_raw(base, good.to_json().into_bytes(), "application/json", Some(ORIGIN));
    assert_eq!((s, b["error"].as_str()), (415, Some("unsupportedMediaType")));

    let (s, b) =
        post_raw(base, vec![b' '; careform_server::http::MAX_BODY_BYTES + 1], "application/jose+json", Some(ORIGIN));
    assert_eq!((s, b["error"].as_str()), (413, Some("tooLarge")));

    let (s, b) = post(base, "{not json");
    assert_eq!((s, b["error"].as_str()), (400, Some("badJson")), "{b}");

    let mut tampered = good.clone();
    tampered.signature = fresh_submission(&key, base, hello()).signature;
    let (s, b) = post(base, &tampered.to_json());
    assert_eq!((s, b["error"].as_str()), (400, Some("badSignature")));

    // A page the council has not allowed: no nonce, no submission.
    let r = http().get(format!("{base}/v1/nonce")).header("Origin", "https://evil.example").send().unwrap();
    assert_eq!(r.status(), 403);
    let mut p = payload(base, &new_sid(), hello());
    p.origin = "https://evil.example".into();
    let evil = sign(&key, base, &nonce(base, ORIGIN), &p);
    assert_eq!(
        post_raw(base, evil.to_json().into_bytes(), "application/jose+json", Some("https://evil.example")).0,
        403
    );
    // The Origin header and the signed origin must agree.
    let (s, b) = post_raw(base, good.to_json().into_bytes(), "application/jose+json", Some(base));
    assert_eq!((s, b["error"].as_str()), (400, Some("originMismatch")));

    // Data the rules refuse, an unknown form, and a form hash that is not this server's.
    let (s, b) = post(base, &fresh_submission(&key, base, json!({ "message": "no name" })).to_json());
    assert_eq!((s, b["error"].as_str()), (422, Some("invalidData")), "{b}");
    assert_eq!(b["problems"][0]["field"], "name");
    // An origin allowed only for careform-demo may not submit other forms at all...
    let mut p = payload(base, &new_sid(), hello());
    p.form.id = "no-such-form".into();
    let (s, b) = post(base, &sign(&key, base, &nonce(base, ORIGIN), &p).to_json());
    assert_eq!((s, b["error"].as_str()), (403, Some("originNotAllowed")), "{b}");
    // ...and from the server's own origin (allowed for every form) an unknown form is 422.
    p.origin = base.clone();
    let own = sign(&key, base, &nonce(base, base), &p);
    let (s, b) = post_raw(base, own.to_json().into_bytes(), "application/jose+json", Some(base));
    assert_eq!((s, b["error"].as_str()), (422, Some("unknownForm")), "{b}");
    let mut p = payload(base, &new_sid(), hello());
    p.form.sha256 = careform_seal::b64u_encode(&[0u8; 32]);
    let (s, b) = post(base, &sign(&key, base, &nonce(base, ORIGIN), &p).to_json());
    assert_eq!((s, b["error"].as_str()), (422, Some("formMismatch")), "{b}");
    // Addressed to another server.
    let mut p = payload(base, &new_sid(), hello());
    p.aud = "https://other.example".into();
    let (s, b) = post(base, &sign(&key, base, &nonce(base, ORIGIN), &p).to_json());
    assert_eq!((s, b["error"].as_str()), (400, Some("badAudience")));

    assert_eq!(count_rows(dir.path()), 0, "nothing refused is stored");
    assert_eq!(post(base, &good.to_json()).0, 201, "the good one still lands");
}

#[test]
fn a_client_over_the_rate_limit_gets_429() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &["--rate-limit-per-minute", "3"]);
    let statuses: Vec<u16> = (0..5)
        .map(|_| {
            http().get(format!("{}/v1/nonce", server.base)).header("Origin", ORIGIN).send().unwrap().status().as_u16()
        })
        .collect();
    assert_eq!(statuses, [200, 200, 200, 429, 429]);
}

#[test]
fn the_server_key_is_private_and_stable_across_restarts() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let mut server = Server::start(dir.path(), &[]);
    let before = jwks(&server.base);
    let mode = std::fs::metadata(dir.path().join("server-key.b64u")).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    server.kill();
    let server = Server::start(dir.path(), &[]);
    assert_eq!(jwks(&server.base), before);
    assert_eq!(before["keys"][0]["kty"], "OKP");
    assert_eq!(before["keys"][0]["crv"], "Ed25519");
}

#[test]
fn audit_passes_an_intact_store_and_names_the_first_broken_record() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &[]);
    let key = careform_seal::generate_key();
    for _ in 0..4 {
        assert_eq!(post(&server.base, &fresh_submission(&key, &server.base, hello()).to_json()).0, 201);
    }
    let data = dir.path().to_str().unwrap();
    let (code, out, err) = careform(&["audit", "--data-dir", data]);
    assert_eq!(code, 0, "{out} {err}");
    assert_eq!((out["valid"].clone(), out["records"].clone()), (json!(true), json!(4)));

    // Someone edits what record 3 says was submitted (a valid-looking JSON change).
    let db = rusqlite::Connection::open(dir.path().join("careform.db")).unwrap();
    let env: String = db.query_row("SELECT envelope FROM submissions WHERE seq = 3", [], |r| r.get(0)).unwrap();
    let mut v: Value = serde_json::from_str(&env).unwrap();
    let other = fresh_submission(&key, &server.base, json!({ "name": "Changed" }));
    v["payload"] = json!(other.payload);
    db.execute("UPDATE submissions SET envelope = ?1 WHERE seq = 3", [v.to_string()]).unwrap();
    let (code, out, _) = careform(&["audit", "--data-dir", data]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(out["first_broken"]["seq"], 3);
    assert!(out["first_broken"]["reason"].as_str().unwrap().contains("submission"), "{out}");

    // Put it back, then delete record 2 outright: the chain shows the gap.
    db.execute("UPDATE submissions SET envelope = ?1 WHERE seq = 3", [env]).unwrap();
    assert_eq!(careform(&["audit", "--data-dir", data]).0, 0);
    db.execute("DELETE FROM submissions WHERE seq = 2", []).unwrap();
    let (code, out, _) = careform(&["audit", "--data-dir", data]);
    assert_eq!(code, 1);
    assert_eq!(out["first_broken"]["seq"], 2);
}

#[test]
fn verify_reports_invalid_envelopes_with_exit_1_and_io_errors_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let key = SigningKey::from_bytes(&[5u8; 32]);
    let base = "https://careform.example";
    let mut env = sign(&key, base, "n", &payload(base, &new_sid(), hello()));
    env.signature = careform_seal::b64u_encode(&[0u8; 64]);
    let f = dir.path().join("bad.json");
    std::fs::write(&f, env.to_json()).unwrap();
    let (code, out, _) = careform(&["verify", "submission", f.to_str().unwrap()]);
    assert_eq!((code, out["valid"].clone(), out["error"].clone()), (1, json!(false), json!("badSignature")));
    let (code, _, err) = careform(&["verify", "submission", "/no/such/file"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot read /no/such/file"), "{err}");
    assert_eq!(careform(&["verify", "receipt", f.to_str().unwrap()]).0, 2, "--jwks is required");
    assert_eq!(careform(&["audit", "--data-dir", dir.path().join("none").to_str().unwrap()]).0, 2);
}

#[test]
fn cors_answers_configured_origins_only() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &[]);
    let preflight = |origin: &str| {
        http()
            .request(reqwest::Method::OPTIONS, format!("{}/v1/submissions", server.base))
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", "content-type")
            .send()
            .unwrap()
    };
    let allowed = preflight(ORIGIN);
    assert_eq!(allowed.headers().get("access-control-allow-origin").unwrap(), ORIGIN);
    let refused = preflight("https://evil.example");
    assert!(refused.headers().get("access-control-allow-origin").is_none());
}

#[test]
fn a_toml_file_and_environment_variables_configure_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("careform.toml");
    std::fs::write(&config, "rate_limit_per_minute = 50\n[origins]\n\"careform-demo\" = [\"https://toml.example/\"]\n")
        .unwrap();
    let server = Server::start_env(
        free_port(),
        &dir.path().join("data"),
        &["--config", config.to_str().unwrap()],
        &[("CAREFORM_ALLOW_ORIGINS", "https://env.example,careform-demo=https://env2.example")],
    );
    let status = |origin: &str| {
        http().get(format!("{}/v1/nonce", server.base)).header("Origin", origin).send().unwrap().status().as_u16()
    };
    for origin in ["https://toml.example", "https://env.example", "https://env2.example", &server.base] {
        assert_eq!(status(origin), 200, "{origin}");
    }
    assert_eq!(status(ORIGIN), 403, "only configured origins");
    drop(server);

    // A flag replaces the environment variable's list, which adds to the file's.
    let server = Server::start_env(
        free_port(),
        &dir.path().join("data"),
        &["--config", config.to_str().unwrap(), "--allow-origin", "https://flag.example"],
        &[("CAREFORM_ALLOW_ORIGINS", "https://env.example")],
    );
    let status = |origin: &str| {
        http().get(format!("{}/v1/nonce", server.base)).header("Origin", origin).send().unwrap().status().as_u16()
    };
    assert_eq!((status("https://flag.example"), status("https://toml.example")), (200, 200));
    assert_eq!(status("https://env.example"), 403);
    let db = rusqlite::Connection::open(dir.path().join("data/careform.db"))
        .expect("the SQLite file is in the data directory");
    let mode: String = db.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");

    // A bad file is a clear error naming the file, before anything listens.
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "adress = \"127.0.0.1:1\"\n").unwrap();
    let out = std::process::Command::new(BIN).args(["serve", "--config", bad.to_str().unwrap()]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.toml") && err.contains("adress"), "{err}");
}

#[test]
fn the_server_rechecks_a_pa_acknowledgement_against_the_published_code_text() {
    use careform_rules::pa::current_code;
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &[]);
    let base = &server.base;
    let (status, body) = post_pa_acknowledgement(base, careform_seal::b64u_encode(&[7u8; 32]), None);
    assert_eq!((status, body["error"].as_str()), (422, Some("rulesFailed")), "{body}");
    // Each clause of the code (PA-03 to PA-22) fails on its own: the attestation covers them all.
    let failed: Vec<&str> = body["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
    let clauses: Vec<String> = (3..=22).map(|n| format!("PA-{n:02}")).collect();
    assert_eq!(failed, clauses, "{body}");
    assert_eq!(count_rows(dir.path()), 0);

    let (status, body) = post_pa_acknowledgement(base, current_code().text_sha256(), None);
    assert_eq!(status, 201, "{body}");
    let db = rusqlite::Connection::open(dir.path().join("careform.db")).unwrap();
    let report: String = db.query_row("SELECT report FROM submissions", [], |r| r.get(0)).unwrap();
    let report: Value = serde_json::from_str(&report).unwrap();
    assert_eq!(report["outcome"], "pass", "the server keeps its own verdict: {report}");
}

#[test]
fn the_server_recomputes_a_task_scope_report_and_flags_one_that_differs() {
    use careform_rules::task_scope::{Plan, Profile, check_plan, summary};
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &["--allow-origin", "task-scope=https://council.example"]);
    let base = &server.base;
    let def = careform_rules::form("task-scope", "1").unwrap();
    let form = FormRef {
        id: def.id.into(),
        version: def.version.into(),
        sha256: sha256_b64u(&canonicalize_serializable(def)),
    };
    let plan: Plan =
        serde_json::from_value(json!({"tasks":[{"description":"strip wash"},{"description":"cut toenails"}]})).unwrap();
    let today = chrono::Utc::now().date_naive();
    let honest = summary(&check_plan(&plan, &Profile::built_in("bexley-homecare").unwrap(), today).unwrap());
    let mut forged = honest.clone();
    forged["tasks"][1]["category"] = json!("personal_care");
    let key = SigningKey::from_bytes(&[9u8; 32]);
    let mut stored = Vec::new();
    for shown in [honest, forged] {
        let mut p = payload(base, &new_sid(), json!({"profile":"bexley-homecare","plan": plan, "report": shown}));
        p.form = form.clone();
        let env = sign(&key, base, &nonce(base, ORIGIN), &p);
        let (status, body) = post(base, &env.to_json());
        assert_eq!(status, 201, "{body}");
        let db = rusqlite::Connection::open(dir.path().join("careform.db")).unwrap();
        let report: String =
            db.query_row("SELECT report FROM submissions WHERE sid = ?1", [&p.sid], |r| r.get(0)).unwrap();
        stored.push(serde_json::from_str::<Value>(&report).unwrap());
    }
    // The server's own classification is stored, with each task's category and source.
    assert_eq!(stored[0]["tasks"][1]["category"], "excluded_clinical");
    assert!(stored[0]["findings"].as_array().unwrap().iter().all(|f| f["rule"] != "CF-TS-02"));
    assert_eq!(stored[1]["tasks"][1]["category"], "excluded_clinical", "a forged report is not believed");
    assert!(
        stored[1]["findings"].as_array().unwrap().iter().any(|f| f["rule"] == "CF-TS-02" && f["outcome"] == "warn")
    );

    // A malformed plan is refused with the field named.
    let mut p = payload(base, &new_sid(), json!({"profile":"bexley-homecare","plan":{"tasks":[{"descripton":"x"}]}}));
    p.form = form;
    let (status, body) = post(base, &sign(&key, base, &nonce(base, ORIGIN), &p).to_json());
    assert_eq!((status, body["error"].as_str()), (422, Some("invalidData")), "{body}");
    assert!(body.to_string().contains("descripton"), "{body}");
}
