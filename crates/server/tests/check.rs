//! `careform check task-scope`: the stable command other systems call. Exit 0 when the input
//! was evaluated (whatever the outcome), 2 with a clear message when it is malformed.

mod common;

use std::process::Output;

use common::run_check;

use serde_json::{Value, json};

fn run(args: &[&str], stdin: &[u8]) -> Output {
    run_check("task-scope", args, stdin)
}

fn report(args: &[&str], input: &Value) -> Value {
    let out = run(args, input.to_string().as_bytes());
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("one JSON report on stdout")
}

fn refused(args: &[&str], stdin: &[u8]) -> String {
    let out = run(args, stdin);
    assert_eq!(out.status.code(), Some(2), "stdout: {}", String::from_utf8_lossy(&out.stdout));
    assert!(out.stdout.is_empty(), "nothing on stdout when refusing");
    String::from_utf8(out.stderr).unwrap()
}

/// The shared fixture table: (description, bexley, somerset).
fn fixtures() -> Vec<(String, String, String)> {
    include_str!("../../rules/tests/fixtures/task-scope.tsv")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            (c[0].to_owned(), c[1].to_owned(), c[2].to_owned())
        })
        .collect()
}

fn code(task: &Value) -> String {
    let c = match task["category"].as_str().unwrap() {
        "personal_care" => "PC",
        "practical_support" => "PS",
        "excluded_clinical" => "EX",
        "delegated_healthcare" => "DH",
        "not_permitted" => "ND",
        "unrecognised" => "UN",
        other => panic!("unknown category {other}"),
    };
    format!("{}{c}", if task["negated"] == json!(true) { "-" } else { "" })
}

#[test]
fn the_report_has_the_documented_shape() {
    let r = report(&["--today", "2026-11-23"], &json!({"tasks":[{"description":"Empty the catheter leg bag"}]}));
    assert_eq!(r["form"], "task-scope");
    assert_eq!(r["profile"], "bexley-homecare", "the default profile");
    assert!(["pass", "warn", "fail"].contains(&r["outcome"].as_str().unwrap()));
    let t = &r["tasks"][0];
    assert_eq!(t["description"], "Empty the catheter leg bag");
    assert_eq!(t["category"], "personal_care");
    assert!(t["rules"].as_array().unwrap().iter().any(|r| r == "TS-07"));
    assert!(t["explanation"].as_str().unwrap().contains("personal care"));
    let f = &r["findings"][0];
    for key in ["rule", "outcome", "message", "source"] {
        assert!(f[key].is_string(), "finding has {key}: {f}");
    }
}

#[test]
fn the_cli_gives_the_fixture_answers_under_both_profiles() {
    let rows = fixtures();
    let tasks: Vec<Value> = rows.iter().map(|(d, ..)| json!({"description": d})).collect();
    for (profile, column) in [("bexley-homecare", 1), ("somerset-micro-provider", 2)] {
        let r = report(&["--profile", profile, "--today", "2026-11-23"], &json!({"tasks": tasks}));
        let got: Vec<String> = r["tasks"].as_array().unwrap().iter().map(code).collect();
        for (row, got) in rows.iter().zip(&got) {
            let want = if column == 1 { &row.1 } else { &row.2 };
            assert_eq!(got, want, "{profile}: {:?}", row.0);
        }
    }
}

#[test]
fn exit_0_whatever_the_outcome() {
    let r = report(&[], &json!({"tasks":[{"description":"witness her will"}]}));
    assert_eq!(r["outcome"], "fail");
}

#[test]
fn a_council_profile_file_is_used_and_a_bad_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("kent.json");
    std::fs::write(
        &good,
        r#"{"id":"kent","title":"Kent","extends":"bexley-homecare","classes":{"nail-cutting":"personal_care"}}"#,
    )
    .unwrap();
    let r = report(&["--profile-file", good.to_str().unwrap()], &json!({"tasks":[{"description":"cut toenails"}]}));
    assert_eq!(r["profile"], "kent");
    assert_eq!(r["tasks"][0]["category"], "personal_care");

    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        r#"{"id":"kent","title":"Kent","extends":"bexley-homecare","classes":{"nail-art":"personal_care"}}"#,
    )
    .unwrap();
    let input = br#"{"tasks":[{"description":"shave"}]}"#;
    assert!(refused(&["--profile-file", bad.to_str().unwrap()], input).contains("nail-art"));
    assert!(refused(&["--profile-file", "/nonexistent/profile.json"], input).contains("cannot read the profile file"));
}

#[test]
fn malformed_input_exits_2_with_a_clear_message() {
    let cases: &[(&[&str], &[u8], &str)] = &[
        (&[], b"", "no input"),
        (&[], b"{not json", "not a valid task-scope plan"),
        (&[], br#"{"tasks":[{"descripton":"wash"}]}"#, "descripton"),
        (&[], br#"{"tasks":[]}"#, "no tasks"),
        (&[], br#"{"tasks":[{"description":"   "}]}"#, "tasks[0].description"),
        (&[], br#"{"tasks":"wash"}"#, "invalid type"),
        (&[], br#"{"tasks":[{"description":"wash"}],"visits":["25:00"]}"#, "visits[0]"),
        (&["--profile", "leeds"], br#"{"tasks":[{"description":"wash"}]}"#, "no built-in profile called \"leeds\""),
        (&["--today", "2026-02-30"], br#"{"tasks":[{"description":"wash"}]}"#, "--today"),
    ];
    for (args, stdin, needle) in cases {
        let message = refused(args, stdin);
        assert!(message.contains(needle), "{args:?} {:?}: {message}", String::from_utf8_lossy(stdin));
    }
    // --profile and --profile-file together is a usage error (clap also exits 2).
    let message = refused(&["--profile", "bexley-homecare", "--profile-file", "x.json"], b"{}");
    assert!(message.contains("cannot be used with"), "{message}");
}

#[test]
fn oversized_input_is_refused() {
    let big = format!(r#"{{"tasks":[{{"description":"{}"}}]}}"#, "a".repeat(1024 * 1024 + 10));
    assert!(refused(&[], big.as_bytes()).contains("larger than"));
}

#[test]
fn today_decides_whether_a_delegation_is_in_date() {
    let input = json!({"tasks":[{"description":"insulin injection","delegation":{"professional":"Sam Lee, district nurse","trained_on":"2026-06-01","review_due":"2026-12-01"}}]});
    let before = report(&["--profile", "somerset-micro-provider", "--today", "2026-12-01"], &input);
    assert_eq!(before["tasks"][0]["category"], "delegated_healthcare");
    let after = report(&["--profile", "somerset-micro-provider", "--today", "2026-12-02"], &input);
    assert_eq!(after["tasks"][0]["category"], "excluded_clinical");
}

fn run_dbs(args: &[&str], stdin: &[u8]) -> Output {
    run_check("dbs-insurance", args, stdin)
}

const DBS_INPUT: &str = r#"{"applicant":{"legal_name":"Sam Patel"},"employee_count":0,"workers":[{"name":"Sam Patel","role":"owner","dbs":{"certificate_number":"001234567890","level":"enhanced_adults_barred","workforce":"adult","issue_date":"2024-05-01"}}],"insurance":{"public_liability":{"insurer":"Acme","insured_name":"Sam Patel","limit_pence":500000000,"start_date":"2026-04-01","expiry_date":"2027-03-31"},"employers_liability":null}}"#;

#[test]
fn dbs_insurance_prints_the_documented_report() {
    let out = run_dbs(&["--profile", "somerset-micro-provider", "--today", "2026-11-23"], DBS_INPUT.as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["form"], "dbs-insurance");
    assert!(["pass", "warn", "fail"].contains(&r["outcome"].as_str().unwrap()));
    assert_eq!(r["workers"][0]["name"], "Sam Patel");
    assert_eq!(r["workers"][0]["outcome"], "pass");
    assert_eq!(r["workers"][0]["dbs_valid_until"], "2027-05-01");
    assert!(
        r["insurance"]["findings"].as_array().unwrap().iter().all(|f| f["rule"].is_string() && f["source"].is_string())
    );
    assert!(r["findings"].is_array());
    // The same input a day after the certificate's third anniversary: exit 0, outcome fail.
    let out = run_dbs(&["--profile", "somerset-micro-provider", "--today", "2027-05-02"], DBS_INPUT.as_bytes());
    assert_eq!(out.status.code(), Some(0));
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["outcome"], "fail");
}

#[test]
fn dbs_insurance_refuses_malformed_input_with_exit_2() {
    let cases: &[(&[u8], &str)] = &[
        (b"", "no input"),
        (b"[]", "not a valid dbs-insurance submission"),
        (br#"{"applicant":{"legal_name":"A"},"workers":[],"insurance":{}}"#, "workers"),
        (br#"{"applicant":{"legal_name":"A"},"workers":[{"name":"B","dbs":{"certificate_number":"1","level":"mega","workforce":"adult","issue_date":"2024-01-01"}}],"insurance":{}}"#, "workers[0].dbs.level"),
        (br#"{"applicant":{"legal_name":"A"},"workers":[{"name":"B"}],"insurance":{"public_liability":{"limit_pence":1.5,"start_date":"2026-01-01","expiry_date":"2027-01-01"}}}"#, "invalid type"),
        (br#"{"applicant":{"legal_name":"A"},"workers":[{"name":"B"}],"insurance":{},"employees":3}"#, "employees"),
    ];
    for (stdin, needle) in cases {
        let out = run_dbs(&[], stdin);
        assert_eq!(out.status.code(), Some(2), "{:?}", String::from_utf8_lossy(stdin));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(needle), "{:?}: {err}", String::from_utf8_lossy(stdin));
    }
}

/// "Today" is the council's calendar date: the zone is named with --time-zone (default
/// Europe/London, as the server and the widgets); a zone that does not exist is refused.
#[test]
fn an_unknown_time_zone_is_refused_and_a_known_one_is_accepted() {
    let plan = br#"{"tasks":[{"description":"Shopping"}]}"#;
    let message = refused(&["--time-zone", "Europe/Londn"], plan);
    assert!(message.contains("--time-zone") && message.contains("Europe/Londn"), "{message}");
    let out = run(&["--time-zone", "Pacific/Kiritimati"], plan);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
}

/// `careform check dbs-insurance` and `<careform-dbs-insurance>` default to the same profile.
#[test]
fn dbs_insurance_defaults_to_the_widgets_profile() {
    let out = run_dbs(&["--today", "2026-11-23"], DBS_INPUT.as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["profile"], careform_rules::dbs_insurance::DEFAULT_PROFILE);
    assert_eq!(careform_rules::dbs_insurance::DEFAULT_PROFILE, "somerset-micro-provider");
}
