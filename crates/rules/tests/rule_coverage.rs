//! Every rule id a check produces is registered, and every registered rule is produced by some
//! input: the task-scope fixture phrases under both built-in profiles, the README's example
//! inputs, plus one small input per rule that nothing else reaches. A rule that fires nowhere here is either dead or untested;
//! a rule the code cannot produce must not be registered.

use std::collections::BTreeSet;

use careform_rules::dbs_insurance::{Submission, check_submission};
use careform_rules::gift_register::{Register, check_register};
use careform_rules::key_holding::{Agreement, check_agreement};
use careform_rules::pa::{CODE_ID, current_code};
use careform_rules::provider_application::{self as application, check_application};
use careform_rules::registry::{self, rules};
use careform_rules::task_scope::{Delegation, Plan, Profile, Task, check_plan, summary};
use careform_rules::{AttestationRef, Report, check};
use chrono::NaiveDate;
use serde_json::{Map, Value, json};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

/// Every rule id a report carries: its findings, its workers' and insurance findings, and the
/// rules each task's classification names.
fn ids(report: &Report) -> Vec<String> {
    let mut out: Vec<String> = report.findings.iter().map(|f| f.rule.clone()).collect();
    // The parts as every caller outside a form sees them: JSON.
    let strings = |v: Option<&Value>| -> Vec<String> {
        v.and_then(Value::as_array).into_iter().flatten().filter_map(|s| s.as_str().map(str::to_owned)).collect()
    };
    let list = |name: &str| report.parts.get(name).and_then(Value::as_array).cloned().unwrap_or_default();
    for w in list("workers") {
        out.extend(w["findings"].as_array().into_iter().flatten().map(|f| f["rule"].as_str().unwrap().to_owned()));
    }
    for o in list("offers") {
        out.extend(o["findings"].as_array().into_iter().flatten().map(|f| f["rule"].as_str().unwrap().to_owned()));
    }
    if let Some(i) = report.parts.get("insurance") {
        out.extend(i["findings"].as_array().into_iter().flatten().map(|f| f["rule"].as_str().unwrap().to_owned()));
    }
    for t in list("tasks") {
        out.extend(strings(t.get("rules")));
    }
    out
}

fn fixtures() -> Vec<String> {
    include_str!("fixtures/task-scope.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').next().unwrap().to_owned())
        .collect()
}

fn delegation() -> Delegation {
    Delegation {
        professional: "Sam Lee, district nurse".into(),
        trained_on: "2026-06-01".into(),
        review_due: "2027-06-01".into(),
    }
}

fn plan(v: Value) -> Plan {
    serde_json::from_value(v).expect("a plan")
}

/// Plans that reach the plan-level rules.
fn plans() -> Vec<(&'static str, Plan)> {
    let yes = json!({"knows_support_wanted": true, "engages_directly": true, "understands_checking": true,
                     "checks_suitability": true, "controls_care": true});
    vec![
        ("bexley-homecare", plan(json!({"tasks": [{"description": "hoover the lounge"}]}))),
        (
            "bexley-homecare",
            plan(json!({"tasks": [{"description": "strip wash"}, {"description": "prompt medication from dosette"},
                                  {"description": "bed rails at night"}, {"description": "hoist transfer"},
                                  {"description": "home oxygen concentrator"}, {"description": "thickened fluids"},
                                  {"description": "make breakfast"}, {"description": "shopping"},
                                  {"description": "frobnicate the widget"}],
                        "visits": ["07:00", "08:00", "23:30"]})),
        ),
        (
            "somerset-micro-provider",
            plan(json!({"tasks": [{"description": "strip wash"},
                                  {"description": "insulin injection", "delegation": delegation()}],
                        "provider": {"individual_working_directly": true, "exemption": yes}})),
        ),
    ]
}

/// DBS and insurance submissions: a valid one, and one change per rule it does not reach.
fn submissions() -> Vec<Value> {
    let valid = json!({
        "applicant": {"legal_name": "Sam Patel"},
        "employee_count": 0,
        "services": ["personal care"],
        "workers": [{"name": "Sam Patel", "kind": "owner", "start_date": "2025-01-06", "tasks": ["strip wash"],
                     "dbs": {"certificate_number": "001234567890", "level": "enhanced_adults_barred", "workforce": "adult", "issue_date": "2024-05-01"}}],
        "insurance": {"public_liability": {"insurer": "Acme", "insured_name": "Sam Patel", "limit_pence": 500000000,
                                           "start_date": "2026-04-01", "expiry_date": "2027-03-31"}}
    });
    let worker = |dbs: Value, start: &str| {
        let mut v = valid.clone();
        v["workers"][0]["dbs"] = dbs;
        v["workers"][0]["start_date"] = json!(start);
        v
    };
    let mut out = vec![valid.clone()];
    out.push(worker(json!(null), "2025-01-06"));
    out.push(worker(
        json!({"certificate_number": "F1234567890", "level": "basic", "workforce": "child", "issue_date": "2026-12-01",
               "information_disclosed": true,
               "update_service": {"subscription_expiry": "2026-12-01", "status_check_date": "2024-01-01", "status_result": "changed"}}),
        "2025-01-06",
    ));
    out.push(worker(
        json!({"certificate_number": "001234567890", "level": "enhanced", "workforce": "adult", "issue_date": "2025-02-01"}),
        "2025-01-06",
    ));
    let mut insurance = valid.clone();
    insurance["employee_count"] = json!(2);
    insurance["transports_clients"] = json!(true);
    insurance["insurance"]["public_liability"]["insured_name"] = json!("Someone Else Ltd");
    insurance["insurance"]["public_liability"]["exclusions"] = json!(["personal care"]);
    insurance["insurance"]["public_liability"]["document_type"] = json!("cover_note");
    insurance["insurance"]["public_liability"]["limit_pence"] = json!(50_000_000);
    out.push(insurance);
    out
}

/// Gift registers: the issue's example offer, and one offer per kind of breach it does not reach.
fn registers() -> Vec<Value> {
    let offer = json!({"offered_on":"2026-11-02","worker":"Alex Rowe","client":"C-104","offered_by":"client","kind":"gift",
           "description":"Box of chocolates","estimated_value_pence":800,"solicited":false,"outcome":"declined",
           "reported_on":"2026-11-02","commissioner_notified_on":null,"safeguarding_concern":false});
    let with = |patch: Value| {
        let mut o = offer.clone();
        for (k, v) in patch.as_object().unwrap() {
            o[k.as_str()] = v.clone();
        }
        o
    };
    let accepted = |kind: &str| with(json!({"outcome": "accepted", "kind": kind}));
    let mut offers: Vec<Value> = [
        "gift",
        "money",
        "tip",
        "loan",
        "use_of_property",
        "store_card_or_loyalty",
        "safekeeping",
        "will_involvement",
        "legal_document",
        "betting",
        "financial_access",
    ]
    .into_iter()
    .map(accepted)
    .collect();
    offers.extend([
        with(json!({"kind": "will_involvement", "will_role": "witness", "outcome": "accepted"})),
        with(json!({"kind": "bequest", "outcome": "pending", "solicited": true, "safeguarding_concern": true})),
        with(json!({"outcome": "could_not_return", "care_record_noted": false, "council_employee": true})),
        with(json!({"worker": "", "reported_on": null})),
    ]);
    vec![json!({"provider": {"name": "Acme Care", "belongings_guidelines": false}, "offers": offers})]
}

/// Every report the corpus produces.
fn corpus() -> Vec<Report> {
    let mut reports = Vec::new();
    let profiles =
        [Profile::built_in("bexley-homecare").unwrap(), Profile::built_in("somerset-micro-provider").unwrap()];
    for description in fixtures() {
        for profile in &profiles {
            for delegation in [None, Some(delegation())] {
                let p = Plan { tasks: vec![Task { description: description.clone(), delegation }], ..Plan::default() };
                reports.push(check_plan(&p, profile, today()).expect("a fixture plan checks").erase());
            }
        }
    }
    for (profile, p) in plans() {
        reports.push(check_plan(&p, &Profile::built_in(profile).unwrap(), today()).unwrap().erase());
    }
    // The README's example inputs, as a reader would pipe them to `careform check`.
    let readme = include_str!("../../../README.md");
    for block in readme.split("```json").skip(1).filter_map(|b| b.split("```").next()) {
        for profile in &profiles {
            if let Ok(p) = serde_json::from_str::<Plan>(block) {
                reports.push(check_plan(&p, profile, today()).expect("the README's plan checks").erase());
            }
            if let Ok(r) = serde_json::from_str::<Register>(block) {
                reports.push(check_register(&r, profile, today()).expect("the README's register checks").erase());
            }
            if let Ok(s) = serde_json::from_str::<Submission>(block) {
                reports.push(check_submission(&s, profile, today()).expect("the README's submission checks").erase());
            }
            if let Ok(a) = serde_json::from_str::<Agreement>(block) {
                reports.push(check_agreement(&a, profile, today()).expect("the README's agreement checks").erase());
            }
        }
    }
    let token =
        Profile::from_json(r#"{"id":"token","extends":"somerset-micro-provider","gifts":{"token_value_pence":1000}}"#)
            .unwrap();
    for r in registers() {
        let r: Register = serde_json::from_value(r).expect("a register");
        for profile in profiles.iter().chain([&token]) {
            reports.push(check_register(&r, profile, today()).unwrap().erase());
        }
    }
    for s in submissions() {
        let s: Submission = serde_json::from_value(s).expect("a submission");
        for profile in &profiles {
            reports.push(check_submission(&s, profile, today()).unwrap().erase());
        }
    }
    // Through `check`, as the server runs each form: the demo, the PA acknowledgement without and
    // with its attestation, and a task-scope report that differs from the server's (CF-TS-02).
    let data = |v: Value| -> Map<String, Value> { v.as_object().unwrap().clone() };
    reports
        .push(check("careform-demo", "1", &data(json!({"name": "Jo", "date": "2030-01-01"})), &[], today()).unwrap());
    let pa = data(
        json!({"pa_name": "Sam Patel", "supporter_role": "interpreter", "client_name": "Jo", "employer": "client",
                         "activity_setting": "home_based", "reports_to": "none", "kitchen_cleared": "no",
                         "signature": "Sam Patel", "signed_date": "2026-11-23"}),
    );
    let code = current_code();
    let att = [AttestationRef { id: CODE_ID.into(), version: code.version.into(), text_sha256: code.text_sha256() }];
    reports.push(check("pa-acknowledgement", "1", &pa, &[], today()).unwrap());
    reports.push(check("pa-acknowledgement", "1", &pa, &att, today()).unwrap());
    let p = json!({"tasks": [{"description": "strip wash"}]});
    let mut shown = summary(&check_plan(&plan(p.clone()), &profiles[0], today()).unwrap());
    shown["tasks"][0]["category"] = json!("practical_support");
    let ts = data(json!({"profile": "bexley-homecare", "plan": p, "report": shown}));
    reports.push(check("task-scope", "1", &ts, &[], today()).unwrap());
    for a in applications() {
        for profile in &profiles {
            reports.push(check_application(&a, profile, today()).unwrap().erase());
        }
    }
    for agreement in key_holding_agreements() {
        let kh = data(json!({"profile": "bexley-homecare", "agreement": agreement}));
        reports.push(check("key-holding", "1", &kh, &[], today()).unwrap());
    }
    reports
}

/// Provider applications: the example, and one that reaches the exemption (MP-30, MP-33) with a
/// second worker (MP-17) and a task outside the boundary.
fn applications() -> Vec<application::Application> {
    let example = application::example(today());
    let mut second = example.clone();
    second.tasks.push(Task { description: "strip wash".into(), delegation: None });
    second.tasks.push(Task { description: "insulin injection".into(), delegation: None });
    second.workers[0].delivers_personal_care = true;
    let mut helper = second.workers[0].clone();
    helper.name = "Jo Carter".into();
    helper.is_applicant = false;
    helper.paid = false;
    helper.delivers_personal_care = false;
    second.workers.push(helper);
    vec![example, second]
}

/// Key-holding agreements: the issue's example, and two that break every rule between them.
fn key_holding_agreements() -> Vec<Value> {
    let example: Value = serde_json::from_str(include_str!("fixtures/key-holding-example.json")).unwrap();
    let mut first = example.clone();
    for (k, v) in [
        ("reason", json!("routine")),
        ("care_plan_reference", json!(null)),
        ("planned_end_date", json!("2026-12-05")),
        ("storage", json!(null)),
        ("no_duplicates_attested", json!(false)),
        ("signed_by", json!(null)),
        ("manager_approval", json!(null)),
        ("keys", json!([{"tag": "ELLIS", "doors": "", "copies": 1}])),
        ("alternatives_considered", json!([])),
        ("loss_theft_procedure", json!(false)),
        ("code_storage", json!("sms")),
        ("alarm_code_held", json!(true)),
        ("knock_before_entry_attested", json!(false)),
        ("unaccompanied_attested", json!(false)),
        ("insurance_covers_keys", json!(false)),
    ] {
        first[k] = v;
    }
    let mut second = example.clone();
    second["client"]["has_capacity"] = json!(false);
    second["returned"] = json!({"date": "2026-12-04", "to": "Margaret Ellis", "copies": 1});
    vec![example, first, second]
}

#[test]
fn every_rule_a_check_produces_is_registered_and_every_registered_rule_is_produced() {
    let produced: BTreeSet<String> = corpus().iter().flat_map(ids).collect();
    let unregistered: Vec<&String> = produced.iter().filter(|id| registry::by_id(id).is_none()).collect();
    assert!(unregistered.is_empty(), "rule ids produced but not registered: {unregistered:?}");
    let never: Vec<&str> = rules().map(|r| r.id).filter(|id| !produced.contains(*id)).collect();
    assert!(
        never.is_empty(),
        "registered rules no input produces (add an input here, or unregister a rule the code does not apply): {never:?}"
    );
}

#[test]
fn the_readme_examples_are_in_the_corpus() {
    let readme = include_str!("../../../README.md");
    let blocks: Vec<&str> = readme.split("```json").skip(1).filter_map(|b| b.split("```").next()).collect();
    assert!(blocks.iter().any(|b| serde_json::from_str::<Plan>(b).is_ok()), "a task-scope plan example");
    assert!(blocks.iter().any(|b| serde_json::from_str::<Submission>(b).is_ok()), "a dbs-insurance example");
    let example: Agreement = serde_json::from_str(include_str!("fixtures/key-holding-example.json")).unwrap();
    assert!(
        blocks.iter().any(|b| serde_json::from_str::<Agreement>(b).is_ok_and(|a| a == example)),
        "the issue's key-holding example"
    );
    assert!(blocks.iter().any(|b| serde_json::from_str::<Register>(b).is_ok()), "a gift-register example");
}
