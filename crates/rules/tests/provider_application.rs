//! The micro-provider application (rules catalogue section 1): the example passes, and every rule
//! flips it at its boundary, as table-driven cases over the example changed one thing at a time.

use careform_rules::dbs_insurance::Policy;
use careform_rules::profile::Profile;
use careform_rules::provider_application::{
    Application, COMMITMENTS, EvidenceKind, LegalForm, Parts, SECTIONS, TradingStatus, Worker, check_application,
    example, parse_postcode,
};
use careform_rules::task_scope::Task;
use careform_rules::{AttestationRef, CheckError, Outcome};
use chrono::NaiveDate;
use serde_json::{Value, json};

use Outcome::{Fail, Info, Pass, Warn};

type Report = careform_rules::Report<Parts>;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 6).unwrap()
}

fn somerset() -> Profile {
    Profile::built_in("somerset-micro-provider").unwrap()
}

fn run_with(a: &Application, p: &Profile) -> Report {
    check_application(a, p, today()).expect("a valid application")
}

fn run(a: &Application) -> Report {
    run_with(a, &somerset())
}

/// The example changed by `f`.
fn with(f: impl FnOnce(&mut Application)) -> Application {
    let mut a = example(today());
    f(&mut a);
    a
}

/// The worst outcome of `rule` in the report; `None` when it did not fire.
fn outcome(r: &Report, rule: &str) -> Option<Outcome> {
    r.findings.iter().filter(|f| f.rule == rule).map(|f| f.outcome).max()
}

/// The outcome of `rule` at `field`.
fn at(r: &Report, rule: &str, field: &str) -> Option<Outcome> {
    r.findings.iter().filter(|f| f.rule == rule && f.field.as_deref() == Some(field)).map(|f| f.outcome).max()
}

fn section(r: &Report, id: &str) -> Outcome {
    r.parts.sections.iter().find(|s| s.id == id).unwrap().outcome
}

fn worker(name: &str, paid: bool, minutes: u32) -> Worker {
    let mut w = example(today()).workers[0].clone();
    w.name = name.into();
    w.is_applicant = false;
    w.paid = paid;
    w.weekly_minutes = minutes;
    w
}

#[test]
fn the_example_passes_on_any_day_with_every_section_in_order() {
    for d in ["2026-12-06", "2028-02-29", "2031-01-01"] {
        let day = NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
        let r = check_application(&example(day), &somerset(), day).unwrap();
        assert_eq!(r.outcome, Pass, "{d}: {:#?}", r.findings.iter().filter(|f| f.outcome > Info).collect::<Vec<_>>());
        let ids: Vec<&str> = r.parts.sections.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, SECTIONS);
        let flat: Vec<_> = r.parts.sections.iter().flat_map(|s| s.findings.clone()).collect();
        assert_eq!(flat, r.findings, "the report's findings are the sections', in order");
    }
    let r = run(&example(today()));
    for (rule, o) in [("MP-53", Info), ("MP-54", Info), ("MP-29", Pass), ("MP-16", Pass), ("MP-19", Pass)] {
        assert_eq!(outcome(&r, rule), Some(o), "{rule}");
    }
}

#[test]
fn size_by_headcount_8_passes_and_9_fails() {
    for (people, expected) in [(8, Pass), (9, Fail)] {
        let a = with(|a| {
            a.workers[0].weekly_minutes = 60;
            a.workers.extend((1..people).map(|i| worker(&format!("Volunteer {i}"), false, 60)));
        });
        assert_eq!(at(&run(&a), "MP-04", "workers"), Some(expected), "{people} people");
    }
    // A profile that does not count volunteers: 9 people, one a volunteer, pass.
    let paid_only = Profile::from_json(
        r#"{"id":"paid-only","extends":"somerset-micro-provider","provider_application":{"volunteers_count":false}}"#,
    )
    .unwrap();
    let a = with(|a| {
        a.workers.extend((1..8).map(|i| worker(&format!("Paid {i}"), true, 60)));
        a.workers.push(worker("Volunteer", false, 60));
        a.insurance.employers_liability = a.insurance.public_liability.clone();
    });
    assert_eq!(outcome(&run(&a), "MP-04"), Some(Fail));
    assert_eq!(outcome(&run_with(&a, &paid_only), "MP-04"), Some(Pass));
}

#[test]
fn size_by_full_time_equivalents_7_9_passes_and_8_0_fails() {
    // 37.5 hours = 2250 minutes: 7.9 FTE = 17775 minutes, 8.0 FTE = 18000; a volunteer counts.
    for (minutes, expected, fte) in [(17775, Pass, "7.90"), (17999, Pass, "7.99"), (18000, Fail, "8.00")] {
        let a = with(|a| {
            a.workers[0].weekly_minutes = 2250;
            // Eight people at most, so only the FTE test decides.
            let mut rest = minutes - 2250;
            while rest > 0 {
                let m = rest.min(2250);
                a.workers.push(worker("Volunteer", false, m));
                rest -= m;
            }
        });
        let r = run(&a);
        let f = r.findings.iter().filter(|f| f.rule == "MP-04").find(|f| f.message.contains("full-time")).unwrap();
        assert_eq!(f.outcome, expected, "{minutes}: {}", f.message);
        assert!(f.message.starts_with(fte), "{}", f.message);
    }
}

#[test]
fn personal_care_needs_registration_or_a_sole_trader_delivering_it_personally() {
    let personal = |form: LegalForm, cqc: Option<&str>, helper_delivers: bool| {
        with(|a| {
            a.applicant.legal_form = form;
            a.applicant.cqc_provider_id = cqc.map(str::to_owned);
            a.tasks.push(Task { description: "strip wash".into(), delegation: None });
            a.workers[0].delivers_personal_care = true;
            if helper_delivers {
                let mut w = worker("Jo Carter", false, 600);
                w.delivers_personal_care = true;
                a.workers.push(w);
            }
        })
    };
    let sole = run(&personal(LegalForm::SoleTrader, None, false));
    assert_eq!((sole.outcome, outcome(&sole, "MP-30"), outcome(&sole, "MP-33")), (Pass, Some(Pass), Some(Info)));
    assert!(sole.findings.iter().any(|f| f.rule == "MP-33" && f.message.contains("capacity to control")));
    for form in [LegalForm::LimitedCompany, LegalForm::Partnership, LegalForm::Cic] {
        let r = run(&personal(form, None, false));
        assert_eq!(
            (outcome(&r, "MP-29"), at(&r, "MP-30", "applicant.legal_form")),
            (Some(Fail), Some(Fail)),
            "{form:?}"
        );
        assert_eq!(section(&r, "offer"), Fail);
        let registered = run(&personal(form, Some("1-123456789"), false));
        assert_eq!((registered.outcome, outcome(&registered, "MP-29")), (Pass, Some(Pass)), "{form:?} registered");
    }
    let helper = run(&personal(LegalForm::SoleTrader, None, true));
    assert_eq!(at(&helper, "MP-30", "workers[1].delivers_personal_care"), Some(Fail));
    // No task of personal care, but a worker who delivers it: still personal care.
    let declared = run(&with(|a| {
        a.applicant.legal_form = LegalForm::LimitedCompany;
        a.workers[0].delivers_personal_care = true;
    }));
    assert_eq!(outcome(&declared, "MP-29"), Some(Fail));
}

#[test]
fn an_excluded_clinical_task_fails_through_the_task_scope_rules() {
    let r = run(&with(|a| a.tasks.push(Task { description: "insulin injection".into(), delegation: None })));
    assert_eq!(outcome(&r, "MP-25"), Some(Fail));
    assert_eq!(at(&r, "TS-10", "tasks[3]"), Some(Fail), "the task scope checker's own rule");
    assert_eq!(r.parts.tasks[3].category.as_str(), "excluded_clinical");
    let unknown = run(&with(|a| a.tasks.push(Task { description: "frobnicate".into(), delegation: None })));
    assert_eq!((unknown.outcome, outcome(&unknown, "CF-TS-01")), (Warn, Some(Warn)));
}

#[test]
fn each_evidence_item_missing_fails_under_its_rule() {
    for kind in EvidenceKind::ALL {
        let r = run(&with(|a| a.evidence.retain(|e| e.kind != *kind)));
        let rule = match kind {
            EvidenceKind::PriceList => "MP-12",
            EvidenceKind::RiskAndSafety => "MP-21",
            _ => "MP-28",
        };
        assert_eq!(at(&r, rule, &format!("evidence.{}", kind.as_str())), Some(Fail), "{kind:?}");
        assert_eq!((r.outcome, section(&r, "evidence")), (Fail, Fail), "{kind:?}");
    }
    let pre = run(&with(|a| a.applicant.trading_status = TradingStatus::PreStart));
    assert_eq!(pre.outcome, Pass);
    assert!(pre.findings.iter().any(|f| f.rule == "MP-06" && f.outcome == Info && f.message.contains("templates")));
}

#[test]
fn the_home_postcode_inside_outside_straddling_and_malformed() {
    let cases = [
        ("TA1 4DY", Pass),
        ("ta14dy", Pass),
        ("BA20 1AB", Pass),
        ("BS1 4DJ", Fail),
        ("EX1 1AA", Fail),
        ("BA1 1AA", Fail),
        ("BA3 4AB", Warn),
        ("DT9 5AA", Warn),
        ("TA20 1AA", Warn),
        ("TA1", Fail),
        ("TA1 4", Fail),
        ("12345", Fail),
        ("", Fail),
        ("TA1 4DYX", Fail),
    ];
    for (postcode, expected) in cases {
        let r = run(&with(|a| a.applicant.home_postcode = postcode.into()));
        assert_eq!(at(&r, "MP-01", "applicant.home_postcode"), Some(expected), "{postcode:?}");
    }
    // A sector a council lists inside a straddling district.
    let sector = Profile::from_json(
        r#"{"id":"s","extends":"somerset-micro-provider","provider_application":{"area_sectors":["BA3 4"]}}"#,
    )
    .unwrap();
    let r = run_with(&with(|a| a.applicant.home_postcode = "BA3 4AB".into()), &sector);
    assert_eq!(outcome(&r, "MP-01"), Some(Pass));
    let r = run_with(&with(|a| a.applicant.home_postcode = "BA3 5AB".into()), &sector);
    assert_eq!(outcome(&r, "MP-01"), Some(Warn));
    let source = &r.findings.iter().find(|f| f.rule == "MP-01").unwrap().source;
    assert!(
        source.contains("000_0306a16ec1856581.txt §2 b1") && source.contains("Somerset Council's area"),
        "{source}"
    );
}

#[test]
fn the_service_area_none_inside_fails_some_outside_or_straddling_warns_malformed_fails() {
    let cases: Vec<(Vec<&str>, &str, Outcome)> = vec![
        (vec!["TA1", "BA5 2"], "service_area_postcodes", Pass),
        (vec!["TA1", "BS1"], "service_area_postcodes", Warn),
        (vec!["TA1", "BA3"], "service_area_postcodes", Warn),
        (vec!["BA3 4"], "service_area_postcodes", Warn),
        (vec!["BS1", "EX1 1AA"], "service_area_postcodes", Fail),
        (vec![], "service_area_postcodes", Fail),
        (vec!["TA1", "T@1"], "service_area_postcodes[1]", Fail),
        (vec!["TA1", "TA1 22"], "service_area_postcodes[1]", Fail),
    ];
    for (areas, field, expected) in cases {
        let r = run(&with(|a| a.service_area_postcodes = areas.iter().map(|s| s.to_string()).collect()));
        assert_eq!(at(&r, "MP-02", field), Some(expected), "{areas:?}");
        assert_eq!(section(&r, "where"), expected, "{areas:?}");
    }
    let p = parse_postcode(" ta3 5ab ").unwrap();
    assert_eq!((p.district.as_str(), p.sector.as_deref(), p.full), ("TA3", Some("TA3 5"), true));
}

#[test]
fn each_commitment_unticked_or_altered_fails_except_the_optional_consent() {
    assert_eq!(COMMITMENTS.len(), 43);
    for c in COMMITMENTS {
        let r = run(&with(|a| a.commitments.retain(|x| x.id != c.id)));
        let field = format!("commitments.{}", c.id);
        if c.id == "mp-26-share-contact" {
            assert_eq!((r.outcome, at(&r, "MP-26", &field)), (Pass, Some(Info)), "optional");
            continue;
        }
        assert_eq!((r.outcome, at(&r, c.rule.id, &field)), (Fail, Some(Fail)), "{}", c.id);
        let altered = run(&with(|a| a.commitments.iter_mut().find(|x| x.id == c.id).unwrap().text_sha256 = "x".into()));
        assert_eq!(at(&altered, c.rule.id, &field), Some(Fail), "{} altered", c.id);
        let old = run(&with(|a| a.commitments.iter_mut().find(|x| x.id == c.id).unwrap().version = "0".into()));
        assert_eq!(at(&old, c.rule.id, &field), Some(Fail), "{} another version", c.id);
    }
    let ids: std::collections::BTreeSet<&str> = COMMITMENTS.iter().map(|c| c.id).collect();
    assert_eq!(ids.len(), COMMITMENTS.len(), "ids are unique");
}

#[test]
fn each_commitment_text_is_the_source_verbatim() {
    let seed = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds/000_0306a16ec1856581.txt");
    let Ok(text) = std::fs::read_to_string(&seed) else {
        println!("note: {} is absent, so the texts were not compared", seed.display());
        return;
    };
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = squash(&text);
    for c in COMMITMENTS {
        assert!(text.contains(&squash(c.text)), "{}: {:?}", c.id, c.text);
        for line in c.lead.lines() {
            assert!(text.contains(&squash(line)), "{}: {line:?}", c.id);
        }
    }
}

#[test]
fn independence_and_prior_action_fail() {
    let cases: Vec<(Application, &str, &str)> = vec![
        (
            with(|a| a.applicant.parent_organisation = Some("Big Care plc".into())),
            "MP-03",
            "applicant.parent_organisation",
        ),
        (with(|a| a.applicant.franchise = true), "MP-03", "applicant.franchise"),
        (with(|a| a.applicant.prior_action = true), "MP-27", "applicant.prior_action"),
    ];
    for (a, rule, field) in cases {
        let r = run(&a);
        assert_eq!((r.outcome, at(&r, rule, field)), (Fail, Some(Fail)), "{rule} {field}");
    }
    let blank = run(&with(|a| a.applicant.parent_organisation = Some("  ".into())));
    assert_eq!(blank.outcome, Pass, "a blank parent organisation is none");
}

#[test]
fn dbs_and_insurance_go_through_the_dbs_insurance_rules() {
    let old = run(&with(|a| a.workers[0].dbs.as_mut().unwrap().issue_date = "2023-12-05".into()));
    assert_eq!((outcome(&old, "DI-09"), outcome(&old, "MP-16")), (Some(Fail), Some(Fail)), "older than 3 years");
    let edge = run(&with(|a| a.workers[0].dbs.as_mut().unwrap().issue_date = "2023-12-06".into()));
    assert_eq!(outcome(&edge, "MP-16"), Some(Warn), "3 years to the day: within the warning window");
    let basic = run(&with(|a| a.workers[0].dbs.as_mut().unwrap().level = "basic".into()));
    assert_eq!((outcome(&basic, "DI-01"), outcome(&basic, "MP-16")), (Some(Fail), Some(Fail)));
    let none = run(&with(|a| a.workers.push(Worker { dbs: None, ..worker("Jo Carter", false, 60) })));
    assert_eq!((at(&none, "MP-17", "workers[1].dbs"), outcome(&none, "DI-19")), (Some(Fail), Some(Fail)));
    let no_pl = run(&with(|a| a.insurance.public_liability = None));
    assert_eq!(
        (outcome(&no_pl, "DI-30"), outcome(&no_pl, "MP-19"), section(&no_pl, "insurance")),
        (Some(Fail), Some(Fail), Fail)
    );
    // Employers' liability once anyone other than the applicant is paid; a volunteer is not.
    let volunteer = run(&with(|a| a.workers.push(worker("Jo Carter", false, 600))));
    assert_eq!((volunteer.outcome, outcome(&volunteer, "MP-20")), (Pass, Some(Pass)));
    let employee = run(&with(|a| a.workers.push(worker("Jo Carter", true, 600))));
    assert_eq!((outcome(&employee, "DI-36"), outcome(&employee, "MP-20")), (Some(Fail), Some(Fail)));
    let covered = run(&with(|a| {
        a.workers.push(worker("Jo Carter", true, 600));
        a.insurance.employers_liability =
            Some(Policy { limit_pence: 500_000_000, ..a.insurance.public_liability.clone().unwrap() });
    }));
    assert_eq!((covered.outcome, outcome(&covered, "MP-20")), (Pass, Some(Pass)));
    // A worker who delivers no personal care is not judged on it (the barred list): the validator
    // sees each worker's own tasks.
    assert_eq!(covered.parts.workers.len(), 2);
}

#[test]
fn malformed_applications_name_the_member() {
    let problem = |a: Application| match check_application(&a, &somerset(), today()) {
        Err(CheckError::Invalid(p)) => p.into_iter().map(|(f, _)| f).collect::<Vec<_>>(),
        other => panic!("expected problems, got {other:?}"),
    };
    assert_eq!(problem(with(|a| a.workers[0].is_applicant = false)), ["workers"]);
    let one_paid_helper = with(|a| a.workers.push(worker("Jo", true, 60)));
    assert!(check_application(&one_paid_helper, &somerset(), today()).is_ok(), "one applicant, one employee");
    assert_eq!(problem(with(|a| a.evidence[0].sha256 = a.evidence[0].sha256.to_uppercase())), ["evidence[0].sha256"]);
    assert_eq!(problem(with(|a| a.evidence[0].bytes = 10 * 1024 * 1024 + 1)), ["evidence[0].bytes"]);
    assert_eq!(problem(with(|a| a.workers[0].weekly_minutes = 10_081)), ["workers[0].weekly_minutes"]);
    assert_eq!(
        problem(with(|a| {
            for e in a.evidence.iter_mut() {
                e.bytes = 7 * 1024 * 1024;
            }
        })),
        ["evidence"],
        "more than 50 MiB in all"
    );
    // Through JSON: unknown members, unknown values and fractions are refused by name.
    let json = serde_json::to_value(example(today())).unwrap();
    for (path, value, needle) in [
        ("/applicant/legal_form", json!("plc"), "unknown variant"),
        ("/evidence/0/media_type", json!("text/html"), "unknown variant"),
        ("/workers/0/weekly_minutes", json!(1800.5), "invalid type"),
    ] {
        let mut v = json.clone();
        *v.pointer_mut(path).unwrap() = value;
        let e = serde_json::from_value::<Application>(v).unwrap_err().to_string();
        assert!(e.contains(needle), "{path}: {e}");
    }
    let mut v = json.clone();
    v["applicant"]["nickname"] = json!("Sam");
    assert!(serde_json::from_value::<Application>(v).is_err(), "unknown members are refused");
}

#[test]
fn the_servers_recheck_reads_the_commitments_from_the_attestations_and_agrees_with_the_cli() {
    let a = example(today());
    let mut data = serde_json::to_value(&a).unwrap().as_object().unwrap().clone();
    data.remove("commitments");
    data.insert("profile".into(), json!("somerset-micro-provider"));
    let atts: Vec<AttestationRef> = a
        .commitments
        .iter()
        .map(|c| AttestationRef { id: c.id.clone(), version: c.version.clone(), text_sha256: c.text_sha256.clone() })
        .collect();
    let server = careform_rules::check("provider-application", "1", &data, &atts, today()).unwrap();
    assert_eq!(server, run(&a).erase(), "the same report as the offline check");
    let none = careform_rules::check("provider-application", "1", &data, &[], today()).unwrap();
    assert_eq!(none.outcome, Fail);
    let sections: &Value = &none.parts["sections"];
    assert_eq!(sections[7]["id"], "commitments");
    assert_eq!(sections[7]["outcome"], "fail");
    let mut bad = data.clone();
    bad["workers"][0]["dbs"]["level"] = json!(7);
    match careform_rules::check("provider-application", "1", &bad, &atts, today()) {
        Err(CheckError::Invalid(p)) => assert_eq!(p[0].0, "workers[0].dbs.level"),
        other => panic!("{other:?}"),
    }
    let mut unknown = data;
    unknown.insert("commitments".into(), json!([]));
    assert!(matches!(
        careform_rules::check("provider-application", "1", &unknown, &atts, today()),
        Err(CheckError::Invalid(p)) if p[0].0 == "commitments"
    ));
}
