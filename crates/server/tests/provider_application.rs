//! `careform check provider-application [--example]` (exit 0 evaluated, 2 malformed with the
//! member named) and the server's re-check of a signed application, whose commitments are its
//! attestations.

mod common;

use careform_seal::{Attestation, FormRef, SubmissionPayload, canonicalize_serializable, sha256_b64u};
use common::*;
use serde_json::{Value, json};

const TODAY: &str = "2026-12-06";

fn example() -> Value {
    let out = run_check("provider-application", &["--example", "--today", TODAY], b"");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn report(args: &[&str], input: &Value) -> Value {
    let out = run_check("provider-application", args, input.to_string().as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn the_example_passes_with_the_documented_shape_and_each_change_flips_it() {
    let ex = example();
    let r = report(&["--today", TODAY], &ex);
    assert_eq!(
        (&r["form"], &r["outcome"], &r["profile"]),
        (&json!("provider-application"), &json!("pass"), &json!("somerset-micro-provider")),
        "{r:#}"
    );
    let ids: Vec<&str> = r["sections"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["about-you", "enterprise", "where", "offer", "workers", "insurance", "evidence", "commitments"]);
    for s in r["sections"].as_array().unwrap() {
        assert!(s["outcome"].is_string() && s["findings"].is_array(), "{s}");
    }
    for f in r["findings"].as_array().unwrap() {
        for key in ["rule", "outcome", "message", "source"] {
            assert!(f[key].is_string(), "{key} in {f}");
        }
    }
    // The example is for the day asked: a year later its DBS check and insurance have moved on,
    // but the example printed for that day passes on it.
    let later = run_check("provider-application", &["--example", "--today", "2030-06-30"], b"");
    let later: Value = serde_json::from_slice(&later.stdout).unwrap();
    assert_eq!(report(&["--today", "2030-06-30"], &later)["outcome"], "pass");

    let changes: Vec<(&str, Value, &str)> = vec![
        ("/applicant/home_postcode", json!("BS1 4DJ"), "MP-01"),
        ("/applicant/franchise", json!(true), "MP-03"),
        ("/applicant/prior_action", json!(true), "MP-27"),
        ("/service_area_postcodes", json!(["EX1"]), "MP-02"),
        ("/tasks", json!([{"description": "insulin injection"}]), "MP-25"),
        ("/evidence", json!([]), "MP-28"),
        ("/commitments", json!([]), "MP-07"),
        ("/insurance/public_liability", Value::Null, "MP-19"),
        ("/workers/0/dbs", Value::Null, "MP-16"),
    ];
    for (path, value, rule) in changes {
        let mut v = ex.clone();
        *v.pointer_mut(path).unwrap() = value;
        let r = report(&["--today", TODAY], &v);
        assert_eq!(r["outcome"], "fail", "{path}");
        assert!(
            r["findings"].as_array().unwrap().iter().any(|f| f["rule"] == rule && f["outcome"] == "fail"),
            "{path}: {rule} fails"
        );
    }
}

#[test]
fn a_council_profile_file_changes_the_size_tests() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("small.json");
    std::fs::write(
        &file,
        r#"{"id":"small","extends":"somerset-micro-provider","provider_application":{"fte_limit":1}}"#,
    )
    .unwrap();
    let mut ex = example();
    ex["workers"][0]["weekly_minutes"] = json!(2250);
    let r = report(&["--profile-file", file.to_str().unwrap(), "--today", TODAY], &ex);
    assert_eq!((&r["profile"], &r["outcome"]), (&json!("small"), &json!("fail")), "{r:#}");
    assert_eq!(report(&["--today", TODAY], &ex)["outcome"], "pass");
    let r = report(&["--profile", "bexley-homecare", "--today", TODAY], &ex);
    assert_eq!(r["outcome"], "fail", "TA1 is not in Bexley");
}

#[test]
fn malformed_input_exits_2_naming_the_member() {
    let ex = example();
    let with = |path: &str, value: Value| {
        let mut v = ex.clone();
        *v.pointer_mut(path).unwrap() = value;
        v.to_string()
    };
    let mut extra = ex.clone();
    extra["applicant"]["nickname"] = json!("Sam");
    let mut profile = ex.clone();
    profile["profile"] = json!("somerset-micro-provider");
    let cases: Vec<(String, &str)> = vec![
        (String::new(), "no input"),
        ("[]".into(), "not a valid provider application"),
        (with("/applicant/legal_form", json!("plc")), "applicant.legal_form"),
        (with("/applicant/trading_status", json!("soon")), "applicant.trading_status"),
        (with("/workers/0/weekly_minutes", json!(1800.5)), "workers[0].weekly_minutes"),
        (with("/workers/0/is_applicant", json!(false)), "workers"),
        (with("/evidence/0/kind", json!("passport")), "evidence[0].kind"),
        (with("/evidence/0/media_type", json!("text/html")), "evidence[0].media_type"),
        (with("/evidence/0/sha256", json!("ABC")), "evidence[0].sha256"),
        (with("/evidence/0/bytes", json!(10 * 1024 * 1024 + 1)), "evidence[0].bytes"),
        (with("/workers/0/dbs/level", json!("gold")), "workers[0].dbs.level"),
        (extra.to_string(), "applicant.nickname"),
        (profile.to_string(), "profile"),
        (format!("{ex} {{}}"), "trailing characters"),
    ];
    for (stdin, needle) in cases {
        let out = run_check("provider-application", &["--today", TODAY], stdin.as_bytes());
        assert_eq!(out.status.code(), Some(2), "{needle}: {}", String::from_utf8_lossy(&out.stdout));
        assert!(out.stdout.is_empty(), "nothing on stdout when refusing");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(needle), "{needle}: {err}");
    }
    // --example is for forms that provide one, and takes no profile.
    let out = run_check("task-scope", &["--example"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("provider-application"));
    let out = run_check("provider-application", &["--example", "--profile", "bexley-homecare"], b"");
    assert_eq!(out.status.code(), Some(2));
}

fn application_form() -> FormRef {
    let def = careform_rules::form("provider-application", "1").unwrap();
    FormRef { id: def.id.into(), version: def.version.into(), sha256: sha256_b64u(&canonicalize_serializable(def)) }
}

#[test]
fn the_server_rechecks_a_signed_application_from_its_data_and_attestations() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &["--allow-origin", &format!("provider-application={ORIGIN}")]);
    let key = careform_seal::generate_key();
    // The example for the server's today, as the widget would build it on the day.
    let today = careform_rules::date::format_iso(chrono::Utc::now().date_naive());
    let out = run_check("provider-application", &["--example", "--today", &today], b"");
    let ex: Value = serde_json::from_slice(&out.stdout).unwrap();
    let ex = with_real_evidence(&server.base, &ex);
    let submit = |data: Value, commitments: &Value| {
        let mut data = data;
        data.as_object_mut().unwrap().remove("commitments");
        data["profile"] = json!("somerset-micro-provider");
        let mut payload = SubmissionPayload { form: application_form(), ..payload(&server.base, &new_sid(), data) };
        payload.attestations = commitments
            .as_array()
            .unwrap()
            .iter()
            .map(|c| Attestation {
                id: c["id"].as_str().unwrap().into(),
                version: c["version"].as_str().unwrap().into(),
                text_sha256: c["text_sha256"].as_str().unwrap().into(),
                accepted: true,
            })
            .collect();
        post(&server.base, &sign(&key, &server.base, &nonce(&server.base, ORIGIN), &payload).to_json())
    };
    let (status, body) = submit(ex.clone(), &ex["commitments"]);
    assert_eq!(status, 201, "{body}");
    // Unticked commitments are a failing application: stored with its verdict for the officer.
    let (status, body) = submit(ex.clone(), &json!([]));
    assert_eq!(status, 201, "{body}");
    let mut bad = ex.clone();
    bad["evidence"][0]["media_type"] = json!("text/html");
    let (status, body) = submit(bad, &ex["commitments"]);
    assert_eq!((status, body["error"].as_str()), (422, Some("invalidData")), "{body}");
    assert!(body.to_string().contains("evidence[0].media_type"), "{body}");
    assert_eq!(count_rows(dir.path()), 2);
    let c = rusqlite::Connection::open(dir.path().join("careform.db")).unwrap();
    let outcomes: Vec<String> = c
        .prepare("SELECT json_extract(report, '$.outcome') FROM submissions ORDER BY seq")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(outcomes, ["pass", "fail"]);
}
