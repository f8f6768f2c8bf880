//! The PA code-of-practice acknowledgement (002_b95db3235203d26a.txt; catalogue section 6).

use careform_rules::pa::{CODE_ID, CODE_VERSIONS, current_code};
use careform_rules::{AttestationRef, CheckError, Outcome, Report, check};
use chrono::NaiveDate;
use serde_json::{Map, Value, json};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn complete() -> Value {
    json!({
        "pa_name": "Sam Patel",
        "supporter_role": "pa_or_support_worker",
        "client_name": "Jo Bloggs",
        "employer": "client",
        "activity_setting": "main_base",
        "activity_date": "2026-11-24",
        "reports_to": "none",
        "kitchen_cleared": "no",
        "signature": "Sam Patel",
        "signed_date": "2026-11-23"
    })
}

fn attested() -> Vec<AttestationRef> {
    let code = current_code();
    vec![AttestationRef { id: CODE_ID.into(), version: code.version.into(), text_sha256: code.text_sha256() }]
}

fn run(data: &Value, attestations: &[AttestationRef]) -> Report {
    let map: Map<String, Value> = data.as_object().unwrap().clone();
    check("pa-acknowledgement", "1", &map, attestations, today()).unwrap()
}

fn outcome_of(report: &Report, rule: &str) -> Outcome {
    report.findings.iter().find(|f| f.rule == rule).unwrap_or_else(|| panic!("no {rule} in {report:?}")).outcome
}

fn with(changes: Value) -> Value {
    let mut d = complete();
    for (k, v) in changes.as_object().unwrap() {
        d[k] = v.clone();
    }
    d
}

#[test]
fn the_code_is_shown_clause_by_clause_exactly_as_the_seed_has_it() {
    let text = current_code().text();
    assert_eq!(text.title, "Code of Practice for Personal Assistance");
    assert_eq!(text.paragraphs.len(), 3);
    assert_eq!(text.clauses.len(), 19, "the seed has 19 bullets (b1–b19)");
    assert!(text.clauses[7].contains("Tuesday from 12-1pm"));
    assert!(text.clauses[15].contains("follow jthe Ground Rules"), "the publisher's typo is kept: the text is theirs");
    // Every clause appears verbatim in the publisher's source.
    for clause in &text.clauses {
        assert!(current_code().source.contains(clause.as_str()), "{clause}");
    }
    assert_eq!(current_code().text_sha256().len(), 43);
}

#[test]
fn a_complete_acknowledgement_of_the_published_text_passes() {
    let r = run(&complete(), &attested());
    assert_eq!(r.outcome, Outcome::Pass, "{r:?}");
    assert!(r.findings.iter().all(|f| f.source.starts_with("002_b95db3235203d26a.txt")), "{r:?}");
}

/// PA-03 to PA-22: one rule per clause of the code, each answering for itself.
fn clauses() -> Vec<String> {
    (3..=22).map(|n| format!("PA-{n:02}")).collect()
}

#[test]
fn the_attestation_must_cover_exactly_a_published_version() {
    let mut other_text = attested();
    other_text[0].text_sha256 = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA".into();
    let mut unknown = attested();
    unknown[0].version = "99".into();
    for (why, attestations) in [("none", vec![]), ("other text", other_text), ("unknown version", unknown)] {
        let r = run(&complete(), &attestations);
        assert_eq!(r.outcome, Outcome::Fail, "{why}: {r:?}");
        // Every clause fails on its own, so each rule answers (PA-10 included), with one message.
        for rule in clauses() {
            assert_eq!(outcome_of(&r, &rule), Outcome::Fail, "{why}: {rule}");
        }
        let messages: std::collections::BTreeSet<&str> =
            r.findings.iter().filter(|f| f.outcome == Outcome::Fail).map(|f| f.message.as_str()).collect();
        assert_eq!(messages.len(), 1, "{why}: one message for the one attestation: {messages:?}");
    }
    // Every published version stays valid for the version it names; each clause then passes.
    for v in CODE_VERSIONS {
        let att = [AttestationRef { id: CODE_ID.into(), version: v.version.into(), text_sha256: v.text_sha256() }];
        let r = run(&complete(), &att);
        for rule in clauses() {
            assert_eq!(outcome_of(&r, &rule), Outcome::Pass, "version {}: {rule}", v.version);
        }
    }
}

#[test]
fn each_clause_has_one_finding_in_rule_order() {
    let r = run(&complete(), &attested());
    let ids: Vec<&str> = r.findings.iter().map(|f| f.rule.as_str()).collect();
    let mut want = vec!["PA-01".to_owned(), "PA-02".to_owned()];
    want.extend(clauses());
    want.push("PA-26".into());
    assert_eq!(ids, want);
    // Each clause cites its own bullet of the code.
    let pa10 = r.findings.iter().find(|f| f.rule == "PA-10").unwrap();
    assert_eq!(pa10.source, "002_b95db3235203d26a.txt b8");
}

#[test]
fn a_problem_with_an_answer_is_shown_even_before_the_code_is_confirmed() {
    let r = run(&with(json!({ "reports_to": "manager" })), &[]);
    let pa21 = r.findings.iter().find(|f| f.rule == "PA-21").unwrap();
    assert_eq!((pa21.outcome, pa21.field.as_deref()), (Outcome::Fail, Some("reports_to_contact")));
}

#[test]
fn each_rule_fires_on_its_own_trigger() {
    let cases: &[(&str, Value, Outcome)] = &[
        ("PA-01", json!({ "activity_setting": "home_based" }), Outcome::Info),
        ("PA-01", json!({ "activity_setting": "other" }), Outcome::Warn),
        ("PA-02", json!({ "supporter_role": "interpreter" }), Outcome::Info),
        ("PA-02", json!({ "supporter_role": "family_carer_participating" }), Outcome::Info),
        ("PA-18", json!({ "kitchen_cleared": "yes" }), Outcome::Warn),
        ("PA-18", json!({ "kitchen_cleared": "yes", "food_hygiene_training_date": "2025-01-10" }), Outcome::Pass),
        ("PA-18", json!({ "kitchen_cleared": "yes", "food_hygiene_training_date": "2026-11-24" }), Outcome::Fail),
        ("PA-21", json!({ "reports_to": "manager" }), Outcome::Fail),
        ("PA-21", json!({ "reports_to": "manager", "reports_to_contact": "Lee, 07700 900000" }), Outcome::Fail),
        (
            "PA-21",
            json!({ "reports_to": "carer", "reports_to_contact": "Lee", "manager_informed_of_code": "yes" }),
            Outcome::Pass,
        ),
        ("PA-26", json!({ "signed_date": "2026-11-24" }), Outcome::Fail),
        ("PA-26", json!({ "signed_date": "2026-11-23" }), Outcome::Pass),
        ("PA-26", json!({ "employer": "agency" }), Outcome::Fail),
        ("PA-26", json!({ "employer": "agency", "employer_name": "Care Co" }), Outcome::Pass),
        ("PA-26", json!({ "signature": "S Patel" }), Outcome::Warn),
        ("PA-26", json!({ "signature": "  sam   PATEL " }), Outcome::Pass),
    ];
    for (rule, changes, expected) in cases {
        let r = run(&with(changes.clone()), &attested());
        assert_eq!(outcome_of(&r, rule), *expected, "{rule} with {changes}: {r:?}");
    }
}

#[test]
fn missing_or_malformed_answers_are_named_field_by_field() {
    let mut d = complete();
    d.as_object_mut().unwrap().remove("signature");
    d["employer"] = json!("friend");
    d["signed_date"] = json!("23/11/2026");
    d["kitchen_cleared"] = json!("maybe");
    let err = check("pa-acknowledgement", "1", d.as_object().unwrap(), &attested(), today()).unwrap_err();
    let CheckError::Invalid(problems) = err else { panic!("{err:?}") };
    let fields: Vec<&str> = problems.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(fields, ["employer", "kitchen_cleared", "signature", "signed_date"]);
}

/// Each message is written for its field (GOV.UK error message guidance), never built from a
/// label: "Enter your full name to sign", not "Enter type your full name to sign".
#[test]
fn missing_answers_get_messages_written_for_their_fields() {
    let Err(CheckError::Invalid(problems)) = check("pa-acknowledgement", "1", &Map::new(), &[], today()) else {
        panic!("an empty form is invalid")
    };
    let message = |field: &str| problems.iter().find(|(f, _)| f == field).map(|(_, m)| m.as_str());
    assert_eq!(message("signature"), Some("Enter your full name to sign"));
    assert_eq!(message("kitchen_cleared"), Some("Select yes if you have been cleared to use the kitchen"));
    assert_eq!(message("supporter_role"), Some("Select your role"));
    assert_eq!(message("employer"), Some("Select who employs you"));
    for (field, m) in &problems {
        assert!(!m.starts_with("Enter type") && !m.starts_with("Select you "), "{field}: {m}");
    }
}

/// The widget shows a conditional field exactly when the rules ask for it: every choice that
/// makes the rules require an answer is one for which `asks_*` says the field is shown.
#[test]
fn conditional_fields_are_asked_exactly_when_required() {
    use careform_rules::pa::{asks_employer_name, asks_reports_to_contact};
    for employer in ["client", "agency", "other"] {
        let mut data = complete();
        data["employer"] = json!(employer);
        let requires = run(&data, &attested()).findings.iter().any(|f| f.field.as_deref() == Some("employer_name"));
        assert_eq!(requires, asks_employer_name(employer), "employer {employer}");
    }
    for reports_to in ["none", "manager", "carer"] {
        let mut data = complete();
        data["reports_to"] = json!(reports_to);
        let requires =
            run(&data, &attested()).findings.iter().any(|f| f.field.as_deref() == Some("reports_to_contact"));
        assert_eq!(requires, asks_reports_to_contact(reports_to), "reports_to {reports_to}");
    }
}
