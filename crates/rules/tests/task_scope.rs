//! The homecare task scope checker (rules catalogue section 3): the fixture table under each
//! built-in profile, each plan-level rule, custom profiles and properties of the classifier.

use careform_rules::task_scope::{
    Category, ComplianceAid, Delegation, Exemption, Plan, Profile, Provider, Records, Task, check_plan, classify,
};
use careform_rules::{CheckError, Outcome};

type Report = careform_rules::Report<careform_rules::task_scope::Parts>;
use chrono::NaiveDate;
use proptest::prelude::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn task(description: &str) -> Task {
    Task { description: description.into(), delegation: None }
}

fn delegated(description: &str) -> Task {
    Task {
        description: description.into(),
        delegation: Some(Delegation {
            professional: "Sam Lee, district nurse".into(),
            trained_on: "2026-06-01".into(),
            review_due: "2027-06-01".into(),
        }),
    }
}

fn bexley() -> Profile {
    Profile::built_in("bexley-homecare").unwrap()
}

fn somerset() -> Profile {
    Profile::built_in("somerset-micro-provider").unwrap()
}

fn code(category: Category) -> &'static str {
    match category {
        Category::PersonalCare => "PC",
        Category::PracticalSupport => "PS",
        Category::ExcludedClinical => "EX",
        Category::DelegatedHealthcare => "DH",
        Category::NotPermitted => "ND",
        Category::Unrecognised => "UN",
    }
}

fn shown(t: &Task, profile: &Profile) -> String {
    let v = classify(t, profile, &Records::default(), today());
    format!("{}{}", if v.negated { "-" } else { "" }, code(v.category))
}

/// The fixture rows: (description, bexley, somerset, somerset with delegation).
fn fixtures() -> Vec<(String, String, String, String)> {
    include_str!("fixtures/task-scope.tsv")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert_eq!(cols.len(), 4, "fixture row needs 4 columns: {l:?}");
            (cols[0].to_owned(), cols[1].to_owned(), cols[2].to_owned(), cols[3].to_owned())
        })
        .collect()
}

#[test]
fn at_least_150_fixture_phrases() {
    assert!(fixtures().len() >= 150, "{} fixtures", fixtures().len());
}

#[test]
fn every_fixture_phrase_comes_out_as_expected_under_every_profile() {
    let (b, s) = (bexley(), somerset());
    let mut wrong = Vec::new();
    for (description, want_b, want_s, want_sd) in fixtures() {
        let got = [shown(&task(&description), &b), shown(&task(&description), &s), shown(&delegated(&description), &s)];
        let want = [want_b, want_s, want_sd];
        if got != want {
            wrong.push(format!("{description:?}: want {want:?}, got {got:?}"));
        }
    }
    assert!(wrong.is_empty(), "{} of {} fixtures wrong:\n{}", wrong.len(), fixtures().len(), wrong.join("\n"));
}

#[test]
fn every_classification_names_its_rules_and_sources() {
    for (description, ..) in fixtures() {
        for profile in [bexley(), somerset()] {
            let v = classify(&task(&description), &profile, &Records::default(), today());
            assert!(!v.rules.is_empty(), "{description:?} has no rule ids");
            assert!(!v.sources.is_empty(), "{description:?} has no source");
            assert!(!v.explanation.is_empty());
            for s in &v.sources {
                assert!(
                    s.contains(".txt §")
                        || s.contains(".txt EoE Std")
                        || s.contains("http")
                        || s.contains("catalogue")
                        || s.contains("SI 20")
                        || s.contains("Gloucestershire")
                        || s.contains("Careform rule")
                        || s.contains("Kirklees")
                        || s.contains("NICE")
                        || s.contains("BTS")
                        || s.contains("DHSC")
                        || s.contains("Forum"),
                    "{description:?}: source {s:?} names no seed section or public source"
                );
            }
        }
    }
}

#[test]
fn a_misspelling_is_read_and_said_so() {
    let v = classify(&task("Empty the catheder bag"), &bexley(), &Records::default(), today());
    assert_eq!(v.category, Category::PersonalCare);
    assert!(v.explanation.contains("\"catheder\" as \"catheter\""), "{}", v.explanation);
}

#[test]
fn qualifiers_change_the_class() {
    let b = bexley();
    let pairs = [
        ("cream", Category::PersonalCare, "cream on broken skin", Category::ExcludedClinical),
        ("empty the catheter bag", Category::PersonalCare, "change the catheter", Category::ExcludedClinical),
        ("help with dressing", Category::PersonalCare, "apply a dressing", Category::ExcludedClinical),
        ("check pressure areas", Category::PersonalCare, "treat pressure sore", Category::ExcludedClinical),
        ("wash hair", Category::PersonalCare, "cut hair", Category::PracticalSupport),
        ("shopping", Category::PracticalSupport, "shopping with her bank card", Category::NotPermitted),
    ];
    for (plain, want_plain, qualified, want_qualified) in pairs {
        assert_eq!(classify(&task(plain), &b, &Records::default(), today()).category, want_plain, "{plain}");
        assert_eq!(
            classify(&task(qualified), &b, &Records::default(), today()).category,
            want_qualified,
            "{qualified}"
        );
    }
}

#[test]
fn a_delegation_must_name_the_professional_and_be_in_date() {
    let s = somerset();
    let mut t = delegated("insulin injection");
    assert_eq!(classify(&t, &s, &Records::default(), today()).category, Category::DelegatedHealthcare);
    // TS-18: the review is overdue → excluded.
    t.delegation.as_mut().unwrap().review_due = "2026-11-22".into();
    let v = classify(&t, &s, &Records::default(), today());
    assert_eq!((v.category, v.outcome), (Category::ExcludedClinical, Outcome::Fail));
    assert!(v.explanation.contains("overdue"), "{}", v.explanation);
    // Due today is still in date.
    t.delegation.as_mut().unwrap().review_due = "2026-11-23".into();
    assert_eq!(classify(&t, &s, &Records::default(), today()).category, Category::DelegatedHealthcare);
    // No professional → excluded.
    t.delegation.as_mut().unwrap().professional = "  ".into();
    assert_eq!(classify(&t, &s, &Records::default(), today()).category, Category::ExcludedClinical);
    // Trained more than 12 months ago → delegated, but warn.
    let mut old = delegated("insulin injection");
    old.delegation.as_mut().unwrap().trained_on = "2025-11-22".into();
    let v = classify(&old, &s, &Records::default(), today());
    assert_eq!((v.category, v.outcome), (Category::DelegatedHealthcare, Outcome::Warn));
    old.delegation.as_mut().unwrap().trained_on = "2025-11-23".into();
    assert_eq!(classify(&old, &s, &Records::default(), today()).outcome, Outcome::Pass);
    // Bexley has no delegated tasks, whatever the plan records.
    assert_eq!(
        classify(&delegated("insulin injection"), &bexley(), &Records::default(), today()).category,
        Category::ExcludedClinical
    );
}

#[test]
fn medication_reminders_need_a_compliance_aid_under_bexley() {
    let b = bexley();
    let none = Records::default();
    assert_eq!(classify(&task("prompt medication"), &b, &none, today()).outcome, Outcome::Warn);
    assert_eq!(classify(&task("prompt medication from dosette box"), &b, &none, today()).outcome, Outcome::Pass);
    let blister = Records { compliance_aid: Some(ComplianceAid::Blister28), ..Records::default() };
    assert_eq!(classify(&task("prompt medication"), &b, &blister, today()).outcome, Outcome::Pass);
    let v = classify(&task("prompt meds from original packs"), &b, &blister, today());
    assert_eq!(v.outcome, Outcome::Warn);
    assert!(v.rules.contains(&"TS-08".to_owned()));
    // Somerset: information only.
    assert_eq!(classify(&task("prompt medication"), &somerset(), &none, today()).outcome, Outcome::Info);
}

fn plan(tasks: &[&str]) -> Plan {
    Plan { tasks: tasks.iter().map(|t| task(t)).collect(), ..Plan::default() }
}

fn finding(report: &Report, rule: &str) -> Outcome {
    report.findings.iter().find(|f| f.rule == rule).unwrap_or_else(|| panic!("no {rule} in {report:#?}")).outcome
}

fn has(report: &Report, rule: &str) -> bool {
    report.findings.iter().any(|f| f.rule == rule)
}

fn all_yes() -> Exemption {
    Exemption {
        knows_support_wanted: true,
        engages_directly: true,
        understands_checking: true,
        checks_suitability: true,
        controls_care: true,
    }
}

#[test]
fn ts35_personal_care_needs_registration_or_the_exemption() {
    let s = somerset();
    let mut p = plan(&["strip wash"]);
    assert_eq!(finding(&check_plan(&p, &s, today()).unwrap(), "TS-35"), Outcome::Fail);
    p.provider = Some(Provider { cqc_registered: true, ..Provider::default() });
    assert_eq!(finding(&check_plan(&p, &s, today()).unwrap(), "TS-35"), Outcome::Pass);
    p.provider = Some(Provider { individual_working_directly: true, exemption: all_yes(), ..Provider::default() });
    assert_eq!(finding(&check_plan(&p, &s, today()).unwrap(), "TS-35"), Outcome::Pass);
    // One "no" of the five and the exemption is gone; the message names the question.
    let mut four = all_yes();
    four.controls_care = false;
    p.provider = Some(Provider { individual_working_directly: true, exemption: four, ..Provider::default() });
    let r = check_plan(&p, &s, today()).unwrap();
    assert_eq!(finding(&r, "TS-35"), Outcome::Fail);
    assert!(r.findings[0].message.contains("capacity to control"), "{}", r.findings[0].message);
    // Not an individual working directly: no exemption.
    p.provider = Some(Provider { individual_working_directly: false, exemption: all_yes(), ..Provider::default() });
    assert_eq!(finding(&check_plan(&p, &s, today()).unwrap(), "TS-35"), Outcome::Fail);
    // Bexley's contract does not allow the exemption.
    p.provider = Some(Provider { individual_working_directly: true, exemption: all_yes(), ..Provider::default() });
    assert_eq!(finding(&check_plan(&p, &bexley(), today()).unwrap(), "TS-35"), Outcome::Fail);
    // No personal care: no registration finding.
    assert!(!has(&check_plan(&plan(&["shopping"]), &s, today()).unwrap(), "TS-35"));
    // Negated personal care is not the provider's.
    assert!(!has(&check_plan(&plan(&["family helps with washing"]), &s, today()).unwrap(), "TS-35"));
}

#[test]
fn ts09_medication_without_a_record_warns() {
    let s = somerset();
    let mut p = plan(&["prompt medication from dosette box"]);
    assert_eq!(finding(&check_plan(&p, &s, today()).unwrap(), "TS-09"), Outcome::Warn);
    p.records.medication_record = true;
    assert_eq!(finding(&check_plan(&p, &s, today()).unwrap(), "TS-09"), Outcome::Pass);
    assert!(!has(&check_plan(&plan(&["shopping"]), &s, today()).unwrap(), "TS-09"));
}

#[test]
fn ts29_restraint_needs_capacity_and_best_interests_records() {
    let s = somerset();
    let mut p = plan(&["bed rails up at night"]);
    assert_eq!(finding(&check_plan(&p, &s, today()).unwrap(), "TS-29"), Outcome::Fail);
    p.records.capacity_assessment = true;
    assert_eq!(finding(&check_plan(&p, &s, today()).unwrap(), "TS-29"), Outcome::Fail);
    p.records.best_interests_decision = true;
    assert_eq!(finding(&check_plan(&p, &s, today()).unwrap(), "TS-29"), Outcome::Pass);
}

#[test]
fn ts27_moving_and_handling_needs_training_and_assessment() {
    let s = somerset();
    let mut p = plan(&["hoist from bed to chair"]);
    assert_eq!(finding(&check_plan(&p, &s, today()).unwrap(), "TS-27"), Outcome::Fail);
    p.records.moving_handling_assessment = true;
    assert_eq!(finding(&check_plan(&p, &s, today()).unwrap(), "TS-27"), Outcome::Fail);
    p.records.moving_handling_training = true;
    assert_eq!(finding(&check_plan(&p, &s, today()).unwrap(), "TS-27"), Outcome::Pass);
}

#[test]
fn ts30_calls_less_than_four_hours_apart_warn() {
    let s = somerset();
    let mut p = plan(&["shopping"]);
    p.visits = vec!["12:00".into(), "08:00".into(), "16:00".into()];
    assert!(!has(&check_plan(&p, &s, today()).unwrap(), "TS-30"), "exactly 4 hours apart passes");
    p.visits = vec!["08:00".into(), "11:59".into()];
    let r = check_plan(&p, &s, today()).unwrap();
    assert_eq!(finding(&r, "TS-30"), Outcome::Warn);
    assert!(r.findings.iter().any(|f| f.message.contains("08:00 and 11:59")));
    p.visits = vec!["05:30".into()];
    assert_eq!(finding(&check_plan(&p, &s, today()).unwrap(), "TS-30"), Outcome::Info);
}

#[test]
fn ts16_cleaning_alone_fails_under_bexley_only() {
    let p = plan(&["hoovering", "laundry"]);
    assert_eq!(finding(&check_plan(&p, &bexley(), today()).unwrap(), "TS-16"), Outcome::Fail);
    assert!(!has(&check_plan(&p, &somerset(), today()).unwrap(), "TS-16"));
    let with_care = plan(&["hoovering", "strip wash"]);
    assert!(!has(&check_plan(&with_care, &bexley(), today()).unwrap(), "TS-16"));
}

#[test]
fn other_plan_findings_oxygen_swallowing_food_money_delegation() {
    let s = somerset();
    let r = check_plan(&plan(&["oxygen concentrator", "thickened fluids", "make breakfast", "shopping"]), &s, today())
        .unwrap();
    assert_eq!(finding(&r, "TS-34"), Outcome::Warn);
    assert_eq!(finding(&r, "TS-38"), Outcome::Warn);
    assert_eq!(finding(&r, "TS-31"), Outcome::Warn);
    assert_eq!(finding(&r, "TS-32"), Outcome::Info);
    let mut p = Plan { tasks: vec![delegated("insulin injection")], ..Plan::default() };
    assert_eq!(finding(&check_plan(&p, &s, today()).unwrap(), "TS-18"), Outcome::Warn);
    p.tasks[0].delegation = None;
    assert!(!has(&check_plan(&p, &s, today()).unwrap(), "TS-18"));
}

#[test]
fn the_report_outcome_is_the_worst_of_tasks_and_findings() {
    let s = somerset();
    let exempt = Provider { individual_working_directly: true, exemption: all_yes(), ..Provider::default() };
    let mut p = plan(&["strip wash", "sit and chat"]);
    p.provider = Some(exempt);
    assert_eq!(check_plan(&p, &s, today()).unwrap().outcome, Outcome::Pass);
    p.tasks.push(task("fly a kite"));
    assert_eq!(check_plan(&p, &s, today()).unwrap().outcome, Outcome::Warn);
    p.tasks.push(task("witness her will"));
    assert_eq!(check_plan(&p, &s, today()).unwrap().outcome, Outcome::Fail);
    // Only someone else's task: information, so the plan passes.
    assert_eq!(check_plan(&plan(&["family does the shopping"]), &s, today()).unwrap().outcome, Outcome::Pass);
}

#[test]
fn malformed_plans_are_refused_with_the_field_named() {
    let s = somerset();
    let bad = |p: &Plan| match check_plan(p, &s, today()) {
        Err(CheckError::Invalid(problems)) => problems,
        other => panic!("expected invalid, got {other:?}"),
    };
    assert_eq!(bad(&plan(&[]))[0].0, "tasks");
    assert_eq!(bad(&plan(&["  "]))[0].0, "tasks[0].description");
    assert_eq!(bad(&plan(&[&"x".repeat(501)]))[0].0, "tasks[0].description");
    let mut p = plan(&["shopping"]);
    p.visits = vec!["8am".into()];
    assert_eq!(bad(&p)[0].0, "visits[0]");
    let mut p = Plan { tasks: vec![delegated("insulin")], ..Plan::default() };
    p.tasks[0].delegation.as_mut().unwrap().review_due = "2027-02-30".into();
    assert_eq!(bad(&p)[0].0, "tasks[0].delegation.review_due");
    let unknown: Result<Plan, _> = serde_json::from_str(r#"{"tasks":[],"provder":{}}"#);
    assert!(unknown.unwrap_err().to_string().contains("provder"));
}

#[test]
fn custom_profiles_extend_or_replace_and_bad_ones_are_clear_errors() {
    let custom = Profile::from_json(
        r#"{"id":"kent-homecare","title":"Kent","extends":"bexley-homecare","classes":{"nail-cutting":"personal_care"},"settings":{"min_visit_gap_minutes":null}}"#,
    )
    .unwrap();
    assert_eq!(custom.id, "kent-homecare");
    assert_eq!(classify(&task("cut toenails"), &custom, &Records::default(), today()).category, Category::PersonalCare);
    assert_eq!(
        classify(&task("eye drops"), &custom, &Records::default(), today()).category,
        Category::ExcludedClinical
    );
    let mut p = plan(&["shopping"]);
    p.visits = vec!["08:00".into(), "09:00".into()];
    assert!(!has(&check_plan(&p, &custom, today()).unwrap(), "TS-30"));

    let err = |json: &str| Profile::from_json(json).unwrap_err().0;
    assert!(err("{").contains("not valid"));
    assert!(err(r#"{"id":"x","title":"X","extends":"nowhere"}"#).contains("no built-in profile called \"nowhere\""));
    assert!(
        err(r#"{"id":"x","title":"X","extends":"bexley-homecare","classes":{"nail-art":"personal_care"}}"#)
            .contains("\"nail-art\"")
    );
    assert!(
        err(r#"{"id":"x","title":"X","extends":"bexley-homecare","classes":{"nail-cutting":"fine"}}"#)
            .contains("classes.nail-cutting")
    );
    assert!(
        err(r#"{"id":"x","title":"X","classes":{"washing":"personal_care"},"settings":{}}"#).contains("no class for")
    );
    assert!(err(r#"{"id":"x","title":"X","extends":"bexley-homecare","colour":"red"}"#).contains("colour"));
    assert!(Profile::built_in("leeds").unwrap_err().0.contains("bexley-homecare, somerset-micro-provider"));
}

/// How permissive a verdict is: lower is more permissive for the worker.
fn strictness(category: Category) -> u8 {
    category.rank()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn case_and_surrounding_whitespace_never_matter(
        index in 0usize..200,
        upper in proptest::collection::vec(any::<bool>(), 0..64),
        before in "[ \t]{0,4}",
        after in "[ \t\n]{0,4}",
    ) {
        let rows = fixtures();
        let (description, ..) = &rows[index % rows.len()];
        let cased: String = description.chars().enumerate()
            .map(|(i, c)| if upper.get(i).copied().unwrap_or(false) { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() })
            .collect();
        let padded = format!("{before}{cased}{after}");
        for profile in [bexley(), somerset()] {
            let a = classify(&task(description), &profile, &Records::default(), today());
            let b = classify(&task(&padded), &profile, &Records::default(), today());
            prop_assert_eq!((a.category, a.outcome, a.negated, &a.rules), (b.category, b.outcome, b.negated, &b.rules), "{:?} vs {:?}", description, padded);
        }
    }

    #[test]
    fn a_negation_never_makes_a_task_more_permissive(
        index in 0usize..200,
        cue in prop::sample::select(vec!["Do not ", "Never ", "No ", "Family: ", "Daughter will "]),
    ) {
        // A negation's scope is its clause; these phrases are one clause each.
        let rows: Vec<_> = fixtures().into_iter().filter(|(d, ..)| !d.contains([',', ';', '(', '.'])).collect();
        let (description, ..) = &rows[index % rows.len()];
        let negated = format!("{cue}{}", description.to_lowercase());
        for profile in [bexley(), somerset()] {
            let plain = classify(&task(description), &profile, &Records::default(), today());
            let not = classify(&task(&negated), &profile, &Records::default(), today());
            prop_assert!(strictness(not.category) >= strictness(plain.category),
                "{:?} ({:?}) became {:?} ({:?})", description, plain.category, negated, not.category);
        }
    }

    #[test]
    fn any_text_is_classified_without_panicking(text in "\\PC{0,200}") {
        let v = classify(&task(&text), &bexley(), &Records::default(), today());
        prop_assert!(!v.rules.is_empty());
    }
}

#[test]
fn a_blister_pack_is_read_as_the_readme_spells_it_and_as_the_widget_sends_it() {
    use careform_rules::task_scope::ComplianceAid;
    for spelling in ["\"blister_28\"", "\"blister28\""] {
        assert_eq!(serde_json::from_str::<ComplianceAid>(spelling).unwrap(), ComplianceAid::Blister28);
    }
    assert_eq!(serde_json::to_string(&ComplianceAid::Blister28).unwrap(), "\"blister28\"", "what drafts hold");
}
