//! The key-holding agreement end to end without a browser: `careform check key-holding` (exit 0
//! evaluated, 2 malformed, naming the field), and the server's re-check of an agreement and of
//! its return, which must name a stored agreement from the same origin and carry it unchanged.

mod common;

use std::process::Output;

use careform_seal::{FormRef, SigningKey, canonicalize_serializable, sha256_b64u};
use common::{ORIGIN, Server, new_sid, nonce, payload, sign};
use serde_json::{Value, json};

fn example() -> Value {
    serde_json::from_str(include_str!("../../rules/tests/fixtures/key-holding-example.json")).unwrap()
}

fn run(args: &[&str], stdin: &[u8]) -> Output {
    common::run_check("key-holding", args, stdin)
}

fn refused(stdin: &[u8]) -> String {
    let out = run(&["--today", "2026-11-23"], stdin);
    assert_eq!(out.status.code(), Some(2), "stdout: {}", String::from_utf8_lossy(&out.stdout));
    assert!(out.stdout.is_empty(), "nothing on stdout when refusing");
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn the_issues_example_passes_with_the_documented_shape() {
    let out = run(&["--today", "2026-11-23"], example().to_string().as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((r["form"].as_str(), r["outcome"].as_str()), (Some("key-holding"), Some("pass")), "{r:#}");
    assert_eq!(r["profile"], "bexley-homecare", "the default profile");
    assert_eq!(r["return_by"], "2026-12-03");
    for f in r["findings"].as_array().unwrap() {
        for key in ["rule", "outcome", "message", "source"] {
            assert!(f[key].is_string(), "{key} in {f}");
        }
    }
}

#[test]
fn a_failing_agreement_is_evaluated_with_exit_0_under_the_profile_named() {
    let mut late = example();
    late["planned_end_date"] = json!("2026-12-05");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("council.json");
    std::fs::write(&file, r#"{"id":"short-keys","title":"Short","extends":"bexley-homecare","key_holding":{"max_days":7,"warn_from_day":5}}"#)
        .unwrap();
    for (args, outcome, return_by) in [
        (vec!["--today", "2026-12-04"], "fail", "2026-12-04"),
        (vec!["--today", "2026-11-23", "--profile", "somerset-micro-provider"], "fail", "2026-12-04"),
        (vec!["--today", "2026-11-21", "--profile-file", file.to_str().unwrap()], "fail", "2026-11-27"),
    ] {
        let out = run(&args, late.to_string().as_bytes());
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        let r: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!((r["outcome"].as_str(), r["return_by"].as_str()), (Some(outcome), Some(return_by)), "{args:?}");
        assert!(r["findings"].as_array().unwrap().iter().any(|f| f["rule"] == "KH-03" && f["outcome"] == "fail"));
    }
}

#[test]
fn malformed_input_exits_2_naming_the_field() {
    let edit = |f: &dyn Fn(&mut Value)| {
        let mut v = example();
        f(&mut v);
        v.to_string().into_bytes()
    };
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("a key-safe code", edit(&|v| v["key_safe_code"] = json!("4821")), "key_safe_code"),
        ("a key-safe code on a key", edit(&|v| v["keys"][0]["key_safe_code"] = json!("4821")), "keys[0].key_safe_code"),
        ("an unknown member", edit(&|v| v["colour"] = json!("red")), "colour"),
        ("an unknown reason", edit(&|v| v["reason"] = json!("holiday")), "reason"),
        ("an unknown storage", edit(&|v| v["storage"] = json!("under_the_mat")), "storage"),
        ("an unknown role", edit(&|v| v["signed_by"]["role"] = json!("neighbour")), "signed_by.role"),
        ("a float for copies", edit(&|v| v["keys"][0]["copies"] = json!(1.5)), "keys[0].copies"),
        ("copies as text", edit(&|v| v["keys"][0]["copies"] = json!("1")), "keys[0].copies"),
        ("no start date", edit(&|v| drop(v.as_object_mut().unwrap().remove("start_date"))), "start_date"),
        ("not a date", edit(&|v| v["planned_end_date"] = json!("3 December")), "planned_end_date"),
        ("not JSON", b"{".to_vec(), "not a valid key-holding agreement"),
        ("no input", b"  ".to_vec(), "no input"),
    ];
    for (what, stdin, named) in cases {
        let err = refused(&stdin);
        assert!(err.contains(named), "{what}: {err}");
    }
}

fn form() -> FormRef {
    let def = careform_rules::form("key-holding", "1").unwrap();
    FormRef { id: def.id.into(), version: def.version.into(), sha256: sha256_b64u(&canonicalize_serializable(def)) }
}

/// Signs and posts key-holding `data` from `origin`'s page.
fn submit(base: &str, key: &SigningKey, origin: &str, data: Value) -> (u16, Value) {
    let mut p = payload(base, &new_sid(), data);
    p.form = form();
    p.origin = origin.into();
    common::post_raw(
        base,
        sign(key, base, &nonce(base, origin), &p).to_json().into_bytes(),
        "application/jose+json",
        Some(origin),
    )
}

fn stored_report(dir: &std::path::Path, reference: &str) -> Value {
    let db = rusqlite::Connection::open(dir.join("careform.db")).unwrap();
    let report: String =
        db.query_row("SELECT report FROM submissions WHERE reference = ?1", [reference], |r| r.get(0)).unwrap();
    serde_json::from_str(&report).unwrap()
}

/// The reference of a verified receipt.
fn reference(base: &str, body: &Value) -> String {
    let key_set: careform_seal::Jwks = serde_json::from_value(common::jwks(base)).unwrap();
    careform_seal::verify_receipt(body["receipt"].to_string().as_bytes(), &key_set).unwrap().payload.reference
}

#[test]
fn the_server_rechecks_an_agreement_and_links_its_return() {
    const OTHER: &str = "https://other.example";
    let dir = tempfile::tempdir().unwrap();
    let origins = format!("key-holding={ORIGIN},key-holding={OTHER}");
    let server = Server::start(dir.path(), &["--allow-origin", &origins]);
    let base = &server.base;
    let (worker, office) = (SigningKey::from_bytes(&[7u8; 32]), SigningKey::from_bytes(&[8u8; 32]));
    // Dates around today, so the server's own "today" sees the keys still held.
    let today = chrono::Utc::now().date_naive();
    let iso = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
    let mut agreement = example();
    for (at, d) in [("/start_date", today), ("/planned_end_date", today + chrono::Days::new(13))] {
        *agreement.pointer_mut(at).unwrap() = json!(iso(d));
    }
    for at in ["/signed_by/date", "/manager_approval/date"] {
        *agreement.pointer_mut(at).unwrap() = json!(iso(today));
    }
    let data = json!({"profile": "bexley-homecare", "agreement": agreement});

    // A key-safe code is refused anywhere in the data; nothing is stored.
    let mut coded = data.clone();
    coded["agreement"]["keys"][0]["key_safe_code"] = json!("4821");
    let (status, body) = submit(base, &worker, ORIGIN, coded);
    assert_eq!((status, body["error"].as_str()), (422, Some("invalidData")), "{body}");
    assert!(body.to_string().contains("key_safe_code"), "{body}");
    assert_eq!(common::count_rows(dir.path()), 0);

    let (status, body) = submit(base, &worker, ORIGIN, data.clone());
    assert_eq!(status, 201, "{body}");
    assert!(body.get("refers_to").is_none(), "an agreement refers to nothing");
    let first = reference(base, &body);
    let r = stored_report(dir.path(), &first);
    assert_eq!((r["outcome"].as_str(), r["status"].as_str()), (Some("pass"), Some("held")), "{r:#}");
    assert_eq!(r["return_by"], iso(today + chrono::Days::new(13)));

    let mut ret = data.clone();
    ret["agreement"]["returned"] = json!({"date": iso(today), "to": "Margaret Ellis", "copies": 1});
    ret["agreement_reference"] = json!(first);

    // Refusals: a reference nobody issued, one from another origin, a changed agreement, a
    // return without its return, and a reference that is itself a return.
    let mut unknown = ret.clone();
    unknown["agreement_reference"] = json!("CF-0000-0000");
    let (status, body) = submit(base, &office, ORIGIN, unknown);
    assert_eq!((status, body["error"].as_str()), (422, Some("agreementNotFound")), "{body}");
    let (status, body) = submit(base, &office, OTHER, ret.clone());
    assert_eq!((status, body["error"].as_str()), (422, Some("agreementNotFound")), "another council's page: {body}");
    let mut changed = ret.clone();
    changed["agreement"]["keys"][0]["copies"] = json!(2);
    changed["agreement"]["returned"]["copies"] = json!(2);
    let (status, body) = submit(base, &office, ORIGIN, changed);
    assert_eq!((status, body["error"].as_str()), (422, Some("agreementMismatch")), "{body}");
    let mut unreturned = ret.clone();
    unreturned["agreement"]["returned"] = json!(null);
    let (status, body) = submit(base, &office, ORIGIN, unreturned);
    assert_eq!((status, body["error"].as_str()), (422, Some("invalidData")), "{body}");
    assert_eq!(common::count_rows(dir.path()), 1, "nothing refused is stored");

    // The return, from another device (the office): stored, its verdict rechecked, and its
    // response names the agreement, so the receipt shows both references.
    let (status, body) = submit(base, &office, ORIGIN, ret.clone());
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["refers_to"]["reference"], json!(first));
    let second = reference(base, &body);
    assert_ne!(first, second);
    let r = stored_report(dir.path(), &second);
    assert_eq!((r["outcome"].as_str(), r["status"].as_str()), (Some("pass"), Some("returned")), "{r:#}");
    assert_eq!(r["agreement_reference"], json!(first));

    // A second return of the same agreement is refused (one per agreement),
    // and so is a return that names a return.
    let mut again = ret.clone();
    again["agreement"]["returned"]["copies"] = json!(0);
    let (status, body) = submit(base, &office, ORIGIN, again);
    assert_eq!((status, body["error"].as_str()), (422, Some("agreementReturned")), "{body}");
    assert!(body["detail"].as_str().unwrap_or_default().contains(&second), "{body}");
    let mut of_return = ret;
    of_return["agreement_reference"] = json!(second);
    let (status, body) = submit(base, &office, ORIGIN, of_return);
    assert_eq!((status, body["error"].as_str()), (422, Some("agreementNotFound")), "{body}");
    assert_eq!(common::count_rows(dir.path()), 2);
}

#[test]
fn a_short_or_late_return_is_recorded_as_a_fail() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &["--allow-origin", &format!("key-holding={ORIGIN}")]);
    let base = &server.base;
    let key = SigningKey::from_bytes(&[9u8; 32]);
    // Started 20 days ago: the 14-day limit is past, and one copy of two comes back today.
    let today = chrono::Utc::now().date_naive();
    let iso = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
    let start = iso(today - chrono::Days::new(20));
    let mut agreement = example();
    for at in ["/start_date", "/signed_by/date", "/manager_approval/date"] {
        *agreement.pointer_mut(at).unwrap() = json!(start);
    }
    agreement["planned_end_date"] = json!(iso(today - chrono::Days::new(7)));
    agreement["keys"][0]["copies"] = json!(2);
    let data = json!({"profile": "bexley-homecare", "agreement": agreement});
    let (status, body) = submit(base, &key, ORIGIN, data.clone());
    assert_eq!(status, 201, "an overdue agreement is still recorded: {body}");
    let first = reference(base, &body);
    assert!(stored_report(dir.path(), &first)["findings"].as_array().unwrap().iter().any(|f| f["rule"] == "KH-29"));
    let mut ret = data;
    ret["agreement"]["returned"] = json!({"date": iso(today), "to": "Margaret Ellis", "copies": 1});
    ret["agreement_reference"] = json!(first);
    let (status, body) = submit(base, &key, ORIGIN, ret);
    assert_eq!(status, 201, "{body}");
    let r = stored_report(dir.path(), &reference(base, &body));
    assert_eq!(r["outcome"], "fail");
    let failed: Vec<&str> = r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["outcome"] == "fail")
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(failed, ["KH-06", "KH-29"], "{r:#}");
}
