//! `careform check gift-register` (exit 0 evaluated, 2 malformed with the field named) and the
//! server's re-check of a signed gift register entry through the form's entry.

mod common;

use std::io::Write as _;
use std::process::{Command, Output, Stdio};

use careform_seal::{FormRef, SubmissionPayload, canonicalize_serializable, sha256_b64u};
use common::*;
use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_careform");

/// The issue's example input, exactly.
const EXAMPLE: &str = r#"{"provider":{"name":"Acme Care"},"offers":[{"offered_on":"2026-11-02","worker":"Alex Rowe","client":"C-104","offered_by":"client","kind":"gift","description":"Box of chocolates","estimated_value_pence":800,"solicited":false,"outcome":"declined","reported_on":"2026-11-02","commissioner_notified_on":null,"safeguarding_concern":false}]}"#;

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(BIN)
        .args(["check", "gift-register"])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let _ = child.stdin.take().unwrap().write_all(stdin);
    child.wait_with_output().unwrap()
}

fn report(args: &[&str], stdin: &str) -> Value {
    let out = run(args, stdin.as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn example_with(offer: Value) -> String {
    let mut v: Value = serde_json::from_str(EXAMPLE).unwrap();
    for (k, val) in offer.as_object().unwrap() {
        v["offers"][0][k.as_str()] = val.clone();
    }
    v.to_string()
}

#[test]
fn the_issues_example_passes_with_the_documented_shape() {
    let r = report(&["--today", "2026-11-23"], EXAMPLE);
    assert_eq!(r["form"], "gift-register");
    assert_eq!(r["outcome"], "pass", "{r:#}");
    assert_eq!(r["profile"], careform_rules::gift_register::DEFAULT_PROFILE, "the widget's default profile");
    assert_eq!(r["offers"][0]["outcome"], "pass");
    assert_eq!(r["notifications"], json!([]));
    for f in r["offers"][0]["findings"].as_array().unwrap().iter().chain(r["findings"].as_array().unwrap()) {
        for key in ["rule", "outcome", "message", "source"] {
            assert!(f[key].is_string(), "{key} in {f}");
        }
    }
}

#[test]
fn an_accepted_gift_fails_and_lists_the_commissioners_notification() {
    let r = report(&["--today", "2026-11-23"], &example_with(json!({"outcome": "accepted"})));
    assert_eq!(r["outcome"], "fail");
    let rules: Vec<&str> =
        r["offers"][0]["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert!(rules.contains(&"GR-01") && rules.contains(&"GR-02") && rules.contains(&"GR-05"), "{rules:?}");
    let n = &r["notifications"][0];
    assert_eq!(
        (&n["to"], &n["offer"], &n["notified_on"], &n["due_by"]),
        (&json!("commissioner"), &json!(0), &Value::Null, &json!("2026-11-09"))
    );
    assert!(n["reason"].as_str().unwrap().contains("accepted"));
    let source = n["source"].as_str().unwrap();
    assert!(source.contains("003_511e571f1df8e389.txt §16.1") && source.contains("5 working days"), "{source}");
}

#[test]
fn a_council_profile_file_sets_the_token_value() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kent.json");
    std::fs::write(
        &file,
        r#"{"id":"kent-gifts","extends":"somerset-micro-provider","gifts":{"token_value_pence":1000}}"#,
    )
    .unwrap();
    let file = file.to_str().unwrap();
    let accepted = |pence: u64| {
        example_with(
            json!({"outcome": "accepted", "estimated_value_pence": pence, "commissioner_notified_on": "2026-11-03"}),
        )
    };
    let at = report(&["--profile-file", file, "--today", "2026-11-23"], &accepted(1000));
    assert_eq!((&at["profile"], &at["outcome"]), (&json!("kent-gifts"), &json!("warn")), "{at:#}");
    let over = report(&["--profile-file", file, "--today", "2026-11-23"], &accepted(1001));
    assert_eq!(over["outcome"], "fail");
    let default = report(&["--today", "2026-11-23"], &accepted(1));
    assert_eq!(default["outcome"], "fail", "zero tolerance by default");
}

#[test]
fn malformed_input_exits_2_naming_the_field() {
    let cases: Vec<(String, &str)> = vec![
        (String::new(), "no input"),
        ("[]".into(), "not a valid gift register"),
        (example_with(json!({"kind": "gadget"})), "offers[0].kind"),
        (example_with(json!({"outcome": "kept"})), "offers[0].outcome"),
        (example_with(json!({"offered_by": "neighbour"})), "offers[0].offered_by"),
        (example_with(json!({"estimated_value_pence": 8.5})), "offers[0].estimated_value_pence"),
        (example_with(json!({"estimated_value_pence": "800"})), "offers[0].estimated_value_pence"),
        (example_with(json!({"client_name": "Margaret Ellis"})), "client_name"),
        (example_with(json!({"offered_on": "2026-11-31"})), "offers[0].offered_on"),
        (example_with(json!({"reported_on": "yesterday"})), "offers[0].reported_on"),
        (
            EXAMPLE.replace(r#""provider":{"name":"Acme Care"}"#, r#""provider":{"name":"Acme Care","cqc":1}"#),
            "provider.cqc",
        ),
        (EXAMPLE.replace(r#""solicited":false,"#, ""), "solicited"),
        (format!("{EXAMPLE} {{}}"), "trailing characters"),
    ];
    for (stdin, needle) in cases {
        let out = run(&["--today", "2026-11-23"], stdin.as_bytes());
        assert_eq!(out.status.code(), Some(2), "{stdin}");
        assert!(out.stdout.is_empty(), "nothing on stdout when refusing");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(needle), "{stdin}: {err}");
    }
    let out = run(&["--profile", "kent"], EXAMPLE.as_bytes());
    assert_eq!(out.status.code(), Some(2));
}

fn gift_form() -> FormRef {
    let def = careform_rules::form("gift-register", "1").unwrap();
    FormRef { id: def.id.into(), version: def.version.into(), sha256: sha256_b64u(&canonicalize_serializable(def)) }
}

#[test]
fn the_server_rechecks_a_signed_entry_stores_a_breach_and_refuses_a_malformed_one() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &["--allow-origin", &format!("gift-register={ORIGIN}")]);
    let key = careform_seal::generate_key();
    let submit = |register: Value| {
        let data = json!({"profile": "somerset-micro-provider", "register": register});
        let payload = SubmissionPayload { form: gift_form(), ..payload(&server.base, &new_sid(), data) };
        post(&server.base, &sign(&key, &server.base, &nonce(&server.base, ORIGIN), &payload).to_json())
    };
    let example: Value = serde_json::from_str(EXAMPLE).unwrap();
    let (status, body) = submit(example.clone());
    assert_eq!(status, 201, "{body}");
    // A breach is what the register exists to keep: stored, not refused.
    let (status, body) = submit(serde_json::from_str(&example_with(json!({"outcome": "accepted"}))).unwrap());
    assert_eq!(status, 201, "{body}");
    let (status, body) = submit(serde_json::from_str(&example_with(json!({"kind": "gadget"}))).unwrap());
    assert_eq!((status, body["error"].as_str()), (422, Some("invalidData")), "{body}");
    assert!(body.to_string().contains("register.offers[0].kind"), "{body}");
    assert_eq!(count_rows(dir.path()), 2);
}
