//! The pipeline self-test form: shape checks and its one dated rule, with `today` injected.

use careform_rules::{CheckError, Outcome, check, form, forms};
use chrono::NaiveDate;
use serde_json::{Map, Value, json};

fn data(v: Value) -> Map<String, Value> {
    v.as_object().unwrap().clone()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

#[test]
fn a_date_today_passes_and_tomorrow_fails_as_of_the_injected_today() {
    let r = check("careform-demo", "1", &data(json!({ "name": "Ana", "date": "2026-11-23" })), &[], today()).unwrap();
    assert_eq!((r.outcome, r.findings[0].rule.as_str()), (Outcome::Pass, "DEMO-01"));
    let r = check("careform-demo", "1", &data(json!({ "name": "Ana", "date": "2026-11-24" })), &[], today()).unwrap();
    assert_eq!(r.outcome, Outcome::Fail);
    assert!(r.findings[0].message.contains("2026-11-24"), "{}", r.findings[0].message);
    let err = check("careform-demo", "1", &data(json!({ "name": "Ana", "date": "2026-02-30" })), &[], today());
    assert!(matches!(err, Err(CheckError::Invalid(p)) if p[0].1.contains("real date")), "not a calendar date");
}

#[test]
fn data_that_does_not_fit_the_form_is_refused_with_every_problem_named() {
    let err = check("careform-demo", "1", &data(json!({ "name": "  ", "extra": 1, "message": 5 })), &[], today())
        .unwrap_err();
    let CheckError::Invalid(problems) = err else { panic!("{err:?}") };
    let fields: Vec<&str> = problems.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(fields, ["extra", "name", "message"]);
    let long = "x".repeat(2001);
    assert!(matches!(
        check("careform-demo", "1", &data(json!({ "name": "Ana", "message": long })), &[], today()),
        Err(CheckError::Invalid(_))
    ));
}

#[test]
fn unknown_forms_and_versions_are_errors_not_guesses() {
    assert_eq!(form("nope", "1").unwrap_err(), CheckError::UnknownForm("nope".into()));
    assert!(matches!(form("careform-demo", "2"), Err(CheckError::UnknownVersion { .. })));
    assert!(forms().all(|f| form(f.id, f.version).is_ok()));
}

#[test]
fn the_worst_outcome_wins() {
    assert_eq!(Outcome::worst([Outcome::Pass, Outcome::Warn, Outcome::Info]), Outcome::Warn);
    assert_eq!(Outcome::worst([Outcome::Warn, Outcome::Fail]), Outcome::Fail);
    assert_eq!(Outcome::worst([]), Outcome::Pass);
}
