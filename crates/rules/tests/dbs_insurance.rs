//! The DBS and insurance validator (rules catalogue section 2): every rule at its boundaries,
//! as table-driven cases over one valid submission changed a field at a time.

use careform_rules::dbs_insurance::{Submission, check_submission, parse_pounds, pounds, valid_until};
use careform_rules::task_scope::Profile;
use careform_rules::{CheckError, Outcome};

type Report = careform_rules::Report<careform_rules::dbs_insurance::Parts>;
use chrono::NaiveDate;
use serde_json::{Value, json};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

const TODAY: &str = "2026-11-23";

/// A sole trader doing personal care, everything in order.
fn valid() -> Value {
    json!({
        "applicant": {"legal_name": "Sam Patel", "trading_name": "Sam's Care"},
        "employee_count": 0,
        "services": ["personal care", "shopping"],
        "workers": [{
            "name": "Sam Patel", "role": "owner", "kind": "owner", "start_date": "2025-01-06",
            "tasks": ["strip wash", "shopping"],
            "dbs": {"certificate_number": "001234567890", "level": "enhanced_adults_barred", "workforce": "adult", "issue_date": "2024-05-01"}
        }],
        "insurance": {
            "public_liability": {"insurer": "Acme Insurance", "insured_name": "Sam Patel t/a Sam's Care", "limit_pence": 500000000,
                                 "start_date": "2026-04-01", "expiry_date": "2027-03-31", "document_type": "certificate",
                                 "business_description": "Domiciliary care and support", "exclusions": ["professional sports"]},
            "employers_liability": null,
            "professional_indemnity": {"insurer": "Acme Insurance", "insured_name": "Sam Patel", "limit_pence": 100000000,
                                       "start_date": "2026-04-01", "expiry_date": "2027-03-31"}
        }
    })
}

fn run_as(profile: &str, v: &Value, today: &str) -> Report {
    let s: Submission = serde_json::from_value(v.clone()).expect("fits the input shape");
    check_submission(&s, &Profile::built_in(profile).unwrap(), day(today)).expect("valid input")
}

fn run(v: &Value) -> Report {
    run_as("somerset-micro-provider", v, TODAY)
}

/// The outcome of `rule` wherever it is (workers, insurance); `None` when it did not fire.
fn outcome(report: &Report, rule: &str) -> Option<Outcome> {
    let workers = report.parts.workers.iter().flat_map(|w| &w.findings);
    let insurance = report.parts.insurance.findings.iter();
    workers.chain(insurance).chain(&report.findings).filter(|f| f.rule == rule).map(|f| f.outcome).max()
}

fn message(report: &Report, rule: &str) -> String {
    let workers = report.parts.workers.iter().flat_map(|w| &w.findings);
    let insurance = report.parts.insurance.findings.iter();
    workers.chain(insurance).filter(|f| f.rule == rule).map(|f| f.message.clone()).collect::<Vec<_>>().join(" | ")
}

fn with(path: &str, value: Value) -> Value {
    let mut v = valid();
    let mut at = &mut v;
    for part in path.split('.') {
        at = match part.parse::<usize>() {
            Ok(i) => &mut at[i],
            Err(_) => &mut at[part],
        };
    }
    *at = value;
    v
}

#[test]
fn the_valid_submission_passes_every_rule() {
    let r = run(&valid());
    assert_eq!(r.outcome, Outcome::Pass, "{r:#?}");
    assert_eq!(r.form, "dbs-insurance");
}

#[test]
fn table_of_rules_at_their_boundaries() {
    let w = "workers.0.dbs";
    let pl = "insurance.public_liability";
    // (case, input, rule, expected outcome)
    let cases: Vec<(&str, Value, &str, Outcome)> = vec![
        // DI-06 / DI-07: the certificate number.
        ("12 digits", with(&format!("{w}.certificate_number"), json!("001234567890")), "DI-06", Outcome::Pass),
        (
            "12 digits with spaces",
            with(&format!("{w}.certificate_number"), json!("0012 3456 7890")),
            "DI-06",
            Outcome::Pass,
        ),
        ("11 digits", with(&format!("{w}.certificate_number"), json!("00123456789")), "DI-06", Outcome::Fail),
        ("13 digits", with(&format!("{w}.certificate_number"), json!("0012345678901")), "DI-06", Outcome::Fail),
        ("digits and a dash", with(&format!("{w}.certificate_number"), json!("001234-567890")), "DI-06", Outcome::Fail),
        (
            "application reference",
            with(&format!("{w}.certificate_number"), json!("F1234567890")),
            "DI-07",
            Outcome::Fail,
        ),
        // DI-01: enhanced.
        ("basic", with(&format!("{w}.level"), json!("basic")), "DI-01", Outcome::Fail),
        ("standard", with(&format!("{w}.level"), json!("standard")), "DI-01", Outcome::Fail),
        ("enhanced", with(&format!("{w}.level"), json!("enhanced")), "DI-01", Outcome::Pass),
        // DI-03: barred list when the tasks are regulated activity.
        (
            "personal care, no adults' barred list",
            with(&format!("{w}.level"), json!("enhanced")),
            "DI-03",
            Outcome::Fail,
        ),
        (
            "children's list only",
            with(&format!("{w}.level"), json!("enhanced_children_barred")),
            "DI-03",
            Outcome::Fail,
        ),
        ("both lists", with(&format!("{w}.level"), json!("enhanced_both_barred")), "DI-03", Outcome::Pass),
        // DI-05: workforce.
        ("child workforce", with(&format!("{w}.workforce"), json!("child")), "DI-05", Outcome::Fail),
        ("other workforce", with(&format!("{w}.workforce"), json!("other")), "DI-05", Outcome::Fail),
        ("child and adult", with(&format!("{w}.workforce"), json!("child_and_adult")), "DI-05", Outcome::Pass),
        // DI-08 / DI-09: issue date and age (today 2026-11-23; 3 years; warn within 60 days).
        ("issued today", with(&format!("{w}.issue_date"), json!("2026-11-23")), "DI-09", Outcome::Pass),
        ("issued tomorrow", with(&format!("{w}.issue_date"), json!("2026-11-24")), "DI-08", Outcome::Fail),
        ("exactly 3 years old", with(&format!("{w}.issue_date"), json!("2023-11-23")), "DI-09", Outcome::Warn),
        ("3 years and a day", with(&format!("{w}.issue_date"), json!("2023-11-22")), "DI-09", Outcome::Fail),
        ("lapses in 60 days", with(&format!("{w}.issue_date"), json!("2024-01-22")), "DI-09", Outcome::Warn),
        ("lapses in 61 days", with(&format!("{w}.issue_date"), json!("2024-01-23")), "DI-09", Outcome::Pass),
        // DI-20: before starting.
        ("started before issue", with("workers.0.start_date", json!("2024-04-30")), "DI-20", Outcome::Fail),
        // DI-18: disclosures are a manual review.
        ("information disclosed", with(&format!("{w}.information_disclosed"), json!(true)), "DI-18", Outcome::Warn),
        // DI-19: everyone needs a check.
        (
            "volunteer with no DBS",
            with("workers.0", json!({"name": "Jo", "kind": "volunteer", "dbs": null})),
            "DI-19",
            Outcome::Fail,
        ),
        // DI-15: status results.
        (
            "status changed",
            with(
                &format!("{w}.update_service"),
                json!({"status_check_date": "2026-11-01", "status_result": "changed"}),
            ),
            "DI-15",
            Outcome::Fail,
        ),
        (
            "details mismatch",
            with(
                &format!("{w}.update_service"),
                json!({"status_check_date": "2026-11-01", "status_result": "details_mismatch"}),
            ),
            "DI-15",
            Outcome::Warn,
        ),
        (
            "basic on the Update Service",
            with(
                w,
                json!({"certificate_number": "001234567890", "level": "basic", "workforce": "adult", "issue_date": "2025-01-01", "update_service": {"status_result": "current", "status_check_date": "2026-11-01"}}),
            ),
            "DI-13",
            Outcome::Fail,
        ),
        (
            "status check over a year ago",
            with(
                &format!("{w}.update_service"),
                json!({"status_check_date": "2025-11-22", "status_result": "current"}),
            ),
            "DI-17",
            Outcome::Warn,
        ),
        (
            "subscription ends in 30 days",
            with(&format!("{w}.update_service"), json!({"subscription_expiry": "2026-12-23"})),
            "DI-16",
            Outcome::Warn,
        ),
        (
            "subscription ends in 31 days",
            with(&format!("{w}.update_service"), json!({"subscription_expiry": "2026-12-24"})),
            "DI-16",
            Outcome::Pass,
        ),
        // DI-30 / DI-31: public liability present and current.
        ("no public liability", with(pl, Value::Null), "DI-30", Outcome::Fail),
        ("expires today", with(&format!("{pl}.expiry_date"), json!("2026-11-23")), "DI-31", Outcome::Warn),
        ("expired yesterday", with(&format!("{pl}.expiry_date"), json!("2026-11-22")), "DI-31", Outcome::Fail),
        ("expires in 30 days", with(&format!("{pl}.expiry_date"), json!("2026-12-23")), "DI-31", Outcome::Warn),
        ("expires in 31 days", with(&format!("{pl}.expiry_date"), json!("2026-12-24")), "DI-31", Outcome::Pass),
        ("starts tomorrow", with(&format!("{pl}.start_date"), json!("2026-11-24")), "DI-31", Outcome::Fail),
        // DI-32: limit of indemnity in pence.
        ("£999,999.99", with(&format!("{pl}.limit_pence"), json!(99_999_999)), "DI-32", Outcome::Fail),
        ("£1m", with(&format!("{pl}.limit_pence"), json!(100_000_000)), "DI-32", Outcome::Warn),
        ("£4,999,999.99", with(&format!("{pl}.limit_pence"), json!(499_999_999)), "DI-32", Outcome::Warn),
        ("£5m", with(&format!("{pl}.limit_pence"), json!(500_000_000)), "DI-32", Outcome::Pass),
        // DI-33: insured name.
        (
            "insured name differs",
            with(&format!("{pl}.insured_name"), json!("Someone Else Ltd")),
            "DI-33",
            Outcome::Warn,
        ),
        // DI-34: exclusions and description.
        (
            "personal care excluded",
            with(&format!("{pl}.exclusions"), json!(["Personal care of any kind"])),
            "DI-34",
            Outcome::Fail,
        ),
        (
            "description without care",
            with(&format!("{pl}.business_description"), json!("Gardening services")),
            "DI-34",
            Outcome::Warn,
        ),
        // DI-44: cover notes.
        ("cover note", with(&format!("{pl}.document_type"), json!("cover_note")), "DI-44", Outcome::Warn),
        // DI-36 / DI-37: employers' liability.
        ("one employee, no EL", with("employee_count", json!(1)), "DI-36", Outcome::Fail),
        (
            "only family employees",
            {
                let mut v = with("employee_count", json!(2));
                v["family_employee_count"] = json!(2);
                v
            },
            "DI-37",
            Outcome::Info,
        ),
        (
            "EL £4,999,999.99",
            {
                let mut v = with("employee_count", json!(1));
                v["insurance"]["employers_liability"] = json!({"insurer": "Acme", "insured_name": "Sam Patel", "limit_pence": 499_999_999, "start_date": "2026-04-01", "expiry_date": "2027-03-31"});
                v
            },
            "DI-36",
            Outcome::Fail,
        ),
        (
            "EL £5m",
            {
                let mut v = with("employee_count", json!(1));
                v["insurance"]["employers_liability"] = json!({"insurer": "Acme", "insured_name": "Sam Patel", "limit_pence": 500_000_000, "start_date": "2026-04-01", "expiry_date": "2027-03-31"});
                v
            },
            "DI-36",
            Outcome::Pass,
        ),
        // DI-41: professional indemnity.
        ("no professional indemnity", with("insurance.professional_indemnity", Value::Null), "DI-41", Outcome::Warn),
        // DI-42: motor business use.
        ("drives clients, no motor cover", with("transports_clients", json!(true)), "DI-42", Outcome::Fail),
        (
            "drives clients, business use",
            {
                let mut v = with("transports_clients", json!(true));
                v["insurance"]["motor"] = json!({"insurer": "Acme", "insured_name": "Sam Patel", "start_date": "2026-04-01", "expiry_date": "2027-03-31", "business_use": true});
                v
            },
            "DI-42",
            Outcome::Pass,
        ),
    ];
    let mut wrong = Vec::new();
    for (case, input, rule, want) in &cases {
        let got = outcome(&run(input), rule);
        if got != Some(*want) {
            wrong.push(format!("{case}: {rule} want {want:?}, got {got:?}"));
        }
    }
    assert!(wrong.is_empty(), "{} of {} cases wrong:\n{}", wrong.len(), cases.len(), wrong.join("\n"));
}

#[test]
fn messages_give_the_lapse_date_and_say_what_a_reference_is() {
    let r = run(&with("workers.0.dbs.issue_date", json!("2024-01-22")));
    assert!(
        message(&r, "DI-09").contains("21 January 2027") || message(&r, "DI-09").contains("22 January 2027"),
        "{}",
        message(&r, "DI-09")
    );
    let w = &r.parts.workers[0];
    assert_eq!((w.dbs_valid_until.as_deref(), w.days_left), (Some("2027-01-22"), Some(60)));
    let r = run(&with("workers.0.dbs.certificate_number", json!("F1234567890")));
    assert!(message(&r, "DI-07").contains("application form reference"));
    let r = run(&with("workers.0.dbs.certificate_number", json!("00123456789")));
    assert!(message(&r, "DI-06").contains("11 digits"));
    let r = run(&with("insurance.public_liability.limit_pence", json!(99_999_999)));
    assert!(message(&r, "DI-32").contains("£999,999.99"), "{}", message(&r, "DI-32"));
}

#[test]
fn a_leap_day_certificate_reaches_three_years_on_28_february() {
    assert_eq!(valid_until(day("2024-02-29"), 3), Some(day("2027-02-28")));
    assert_eq!(valid_until(day("2024-02-29"), 4), Some(day("2028-02-29")));
    let v = with("workers.0.dbs.issue_date", json!("2024-02-29"));
    assert_eq!(outcome(&run_as("somerset-micro-provider", &v, "2027-02-28"), "DI-09"), Some(Outcome::Warn));
    assert_eq!(outcome(&run_as("somerset-micro-provider", &v, "2027-03-01"), "DI-09"), Some(Outcome::Fail));
}

#[test]
fn a_current_status_check_keeps_an_old_certificate_only_where_the_profile_says() {
    let mut v = with("workers.0.dbs.issue_date", json!("2022-06-01"));
    v["workers"][0]["dbs"]["update_service"] = json!({"status_check_date": "2026-11-01", "status_result": "current"});
    assert_eq!(outcome(&run_as("somerset-micro-provider", &v, TODAY), "DI-09"), Some(Outcome::Fail));
    assert_eq!(outcome(&run_as("bexley-homecare", &v, TODAY), "DI-09"), Some(Outcome::Pass));
    // A status check more than a year old does not.
    v["workers"][0]["dbs"]["update_service"]["status_check_date"] = json!("2025-11-01");
    assert_eq!(outcome(&run_as("bexley-homecare", &v, TODAY), "DI-09"), Some(Outcome::Fail));
}

#[test]
fn the_barred_list_follows_the_task_scope_classification() {
    let mut v = with("workers.0.dbs.level", json!("enhanced"));
    v["workers"][0]["tasks"] = json!(["sit and chat", "cut hair"]);
    assert_eq!(
        outcome(&run(&v), "DI-03"),
        Some(Outcome::Warn),
        "companionship and haircuts are not regulated activity"
    );
    v["workers"][0]["tasks"] = json!(["sit and chat", "collect pension"]);
    assert_eq!(outcome(&run(&v), "DI-03"), Some(Outcome::Fail), "money is regulated activity");
    v["workers"][0]["tasks"] = json!([]);
    v["workers"][0]["regulated_activity"] = json!(true);
    assert_eq!(outcome(&run(&v), "DI-03"), Some(Outcome::Fail));
}

#[test]
fn renewals_are_listed_soonest_first() {
    let r = run(&valid());
    let renewals = r.parts.renewals;
    assert!(renewals.windows(2).all(|w| w[0].days_left <= w[1].days_left));
    assert!(renewals.iter().any(|x| x.what == "DBS check: Sam Patel" && x.until == "2027-05-01"));
}

#[test]
fn a_profile_can_set_its_own_thresholds_but_not_below_the_statutory_floor() {
    let kent = Profile::from_json(r#"{"id":"kent","title":"Kent","extends":"somerset-micro-provider","dbs_insurance":{"public_liability_warn_below_pence":1000000000}}"#).unwrap();
    let s: Submission = serde_json::from_value(valid()).unwrap();
    let r = check_submission(&s, &kent, day(TODAY)).unwrap();
    assert_eq!(outcome(&r, "DI-32"), Some(Outcome::Warn), "£5m is below Kent's £10m");
    let err = Profile::from_json(
        r#"{"id":"x","title":"X","extends":"bexley-homecare","dbs_insurance":{"employers_liability_min_pence":1}}"#,
    )
    .unwrap_err();
    assert!(err.0.contains("statutory"), "{err}");
    let err = Profile::from_json(r#"{"id":"x","title":"X","extends":"bexley-homecare","dbs_insurance":{"max_age":2}}"#)
        .unwrap_err();
    assert!(err.0.contains("max_age"), "{err}");
}

#[test]
fn malformed_input_names_the_field() {
    let bad = |v: Value| {
        let s: Submission = serde_json::from_value(v).unwrap();
        match check_submission(&s, &Profile::built_in("somerset-micro-provider").unwrap(), day(TODAY)) {
            Err(CheckError::Invalid(p)) => p[0].0.clone(),
            other => panic!("expected invalid, got {other:?}"),
        }
    };
    assert_eq!(bad(with("workers.0.dbs.level", json!("super"))), "workers[0].dbs.level");
    assert_eq!(bad(with("workers.0.dbs.workforce", json!("adults"))), "workers[0].dbs.workforce");
    assert_eq!(
        bad(with("insurance.public_liability.expiry_date", json!("2027-02-30"))),
        "insurance.public_liability.expiry_date"
    );
    assert_eq!(bad(with("workers", json!([]))), "workers");
    assert_eq!(bad(with("applicant.legal_name", json!(" "))), "applicant.legal_name");
    assert!(
        serde_json::from_value::<Submission>(with("insurance.public_liability.limit_pence", json!(1.5))).is_err(),
        "no floats for money"
    );
}

#[test]
fn pounds_are_written_as_people_write_them() {
    assert_eq!(pounds(99_999_999), "£999,999.99");
    assert_eq!(pounds(100_000_000), "£1,000,000");
    assert_eq!(pounds(1_600), "£16");
}

#[test]
fn money_typed_by_people_is_read_in_pence() {
    assert_eq!(parse_pounds("£5,000,000"), Some(500_000_000));
    assert_eq!(parse_pounds("5m"), Some(500_000_000));
    assert_eq!(parse_pounds("2.5m"), Some(250_000_000));
    assert_eq!(parse_pounds("£999,999.99"), Some(99_999_999));
    assert_eq!(parse_pounds("1000000"), Some(100_000_000));
    assert_eq!(parse_pounds("10.5"), Some(1_050));
    for bad in ["", "£", "five million", "1.234", "-5", "5mm", "1e6"] {
        assert_eq!(parse_pounds(bad), None, "{bad:?}");
    }
}
