//! The key-holding agreement, rule by rule: table-driven boundaries around the issue's example
//! input (issue 11, section 2), which passes as it is.

use careform_rules::Outcome::{self, Fail, Info, Pass, Warn};
use careform_rules::key_holding::{Agreement, check_agreement, parse_agreement};
use careform_rules::profile::Profile;
use chrono::NaiveDate;
use serde_json::{Value, json};

/// The issue's example input, exactly.
fn example() -> Value {
    serde_json::from_str(include_str!("fixtures/key-holding-example.json")).unwrap()
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The example with each `(JSON pointer, value)` set.
fn with(edits: &[(&str, Value)]) -> Value {
    let mut v = example();
    for (at, value) in edits {
        *v.pointer_mut(at).unwrap_or_else(|| panic!("{at} is in the example")) = value.clone();
    }
    v
}

fn bexley() -> Profile {
    Profile::built_in("bexley-homecare").unwrap()
}

/// The findings of `rule` (outcomes) and the whole outcome.
fn verdict(v: &Value, today: &str, profile: &Profile, rule: &str) -> (Vec<Outcome>, Outcome) {
    let a: Agreement = parse_agreement(v).unwrap_or_else(|e| panic!("{e:?}"));
    let r = check_agreement(&a, profile, day(today)).unwrap();
    (r.findings.iter().filter(|f| f.rule == rule).map(|f| f.outcome).collect(), r.outcome)
}

/// One row: what it shows, the edits, today, the rule, its outcome (`Pass`: no finding of it,
/// `Info`: a note), and the whole agreement's outcome.
type Row = (&'static str, Vec<(&'static str, Value)>, &'static str, &'static str, Outcome, Outcome);

fn run(rows: Vec<Row>, profile: &Profile) {
    let mut wrong = Vec::new();
    for (what, edits, today, rule, expected, overall) in rows {
        let (found, whole) = verdict(&with(&edits), today, profile, rule);
        let got = found.iter().copied().max().unwrap_or(Pass);
        if got != expected || whole != overall {
            wrong.push(format!("{what}: {rule} {got:?} (wanted {expected:?}), whole {whole:?} (wanted {overall:?})"));
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}

const T: &str = "2026-11-23";

#[test]
fn the_issues_example_passes_with_its_return_by_date() {
    let a: Agreement = parse_agreement(&example()).unwrap();
    let r = check_agreement(&a, &bexley(), day(T)).unwrap().erase();
    assert_eq!(r.outcome, Pass, "{:#?}", r.findings);
    assert_eq!(r.parts["return_by"], "2026-12-03");
    assert_eq!(r.parts["status"], "held");
    assert!(r.findings.iter().all(|f| f.outcome == Info), "only notes for fields not given: {:#?}", r.findings);
}

#[test]
fn dates_the_fourteen_day_cap_day_ten_and_the_day_after_the_end() {
    let end = "/planned_end_date";
    run(
        vec![
            ("14 days", vec![(end, json!("2026-12-04"))], T, "KH-03", Pass, Pass),
            ("15 days", vec![(end, json!("2026-12-05"))], T, "KH-03", Fail, Fail),
            ("end before start", vec![(end, json!("2026-11-19"))], T, "KH-03", Fail, Fail),
            ("end on the start day", vec![(end, json!("2026-11-20"))], "2026-11-20", "KH-03", Warn, Warn),
            ("day 9", vec![], "2026-11-29", "KH-03", Pass, Pass),
            ("day 10", vec![], "2026-11-30", "KH-03", Warn, Warn),
            (
                "short agreement, day before its end",
                vec![(end, json!("2026-11-25"))],
                "2026-11-24",
                "KH-03",
                Pass,
                Pass,
            ),
            ("short agreement, on its end date", vec![(end, json!("2026-11-25"))], "2026-11-25", "KH-03", Warn, Warn),
            ("the planned end day, still held", vec![], "2026-12-03", "KH-29", Pass, Warn),
            ("the day after the planned end, still held", vec![], "2026-12-04", "KH-29", Fail, Fail),
            ("15 days planned, day 15 still held", vec![(end, json!("2026-12-05"))], "2026-12-05", "KH-29", Fail, Fail),
            (
                "returned on the planned end",
                vec![("/returned", json!({"date": "2026-12-03", "to": "Margaret Ellis", "copies": 1}))],
                "2026-12-20",
                "KH-29",
                Pass,
                Pass,
            ),
            (
                "returned the day after",
                vec![("/returned", json!({"date": "2026-12-04", "to": "Margaret Ellis", "copies": 1}))],
                "2026-12-20",
                "KH-29",
                Fail,
                Fail,
            ),
            (
                "returned before the start",
                vec![("/returned", json!({"date": "2026-11-19", "to": "Margaret Ellis", "copies": 1}))],
                T,
                "KH-29",
                Fail,
                Fail,
            ),
            (
                "returned to nobody",
                vec![("/returned", json!({"date": "2026-12-01", "to": " ", "copies": 1}))],
                T,
                "KH-29",
                Fail,
                Fail,
            ),
            (
                "returned: no day-10 warning",
                vec![("/returned", json!({"date": "2026-12-01", "to": "Margaret Ellis", "copies": 1}))],
                "2026-12-01",
                "KH-03",
                Pass,
                Pass,
            ),
        ],
        &bexley(),
    );
}

#[test]
fn reasons_storage_duplicates_and_the_care_plan() {
    run(
        vec![
            ("carer incapacity", vec![], T, "KH-01", Pass, Pass),
            ("other emergency", vec![("/reason", json!("other_emergency"))], T, "KH-01", Pass, Pass),
            ("routine", vec![("/reason", json!("routine"))], T, "KH-01", Fail, Fail),
            ("convenience", vec![("/reason", json!("convenience"))], T, "KH-01", Fail, Fail),
            ("other, described", vec![("/reason", json!("other"))], T, "KH-01", Warn, Warn),
            (
                "other, undescribed",
                vec![("/reason", json!("other")), ("/reason_text", json!(" "))],
                T,
                "KH-01",
                Fail,
                Fail,
            ),
            ("no reason", vec![("/reason", json!(null))], T, "KH-01", Fail, Fail),
            ("no care plan reference", vec![("/care_plan_reference", json!(null))], T, "KH-02", Fail, Fail),
            ("blank care plan reference", vec![("/care_plan_reference", json!(""))], T, "KH-02", Fail, Fail),
            ("locked cabinet", vec![("/storage", json!("locked_cabinet"))], T, "KH-05", Pass, Pass),
            ("key safe at home", vec![("/storage", json!("key_safe_at_home"))], T, "KH-05", Pass, Pass),
            ("carried by the worker", vec![("/storage", json!("carried_by_worker"))], T, "KH-05", Warn, Warn),
            ("no storage", vec![("/storage", json!(null))], T, "KH-05", Fail, Fail),
            ("duplicates not attested", vec![("/no_duplicates_attested", json!(false))], T, "KH-06", Fail, Fail),
            (
                "one copy of one returned",
                vec![("/returned", json!({"date": "2026-12-01", "to": "Margaret Ellis", "copies": 1}))],
                T,
                "KH-06",
                Pass,
                Pass,
            ),
            (
                "two copies of one returned",
                vec![("/returned", json!({"date": "2026-12-01", "to": "Margaret Ellis", "copies": 2}))],
                T,
                "KH-06",
                Fail,
                Fail,
            ),
            (
                "none of one returned",
                vec![("/returned", json!({"date": "2026-12-01", "to": "Margaret Ellis", "copies": 0}))],
                T,
                "KH-06",
                Fail,
                Fail,
            ),
            (
                "three copies of two keys, all back",
                vec![
                    (
                        "/keys",
                        json!([{"tag": "K-1", "doors": "front", "copies": 2}, {"tag": "K-2", "doors": "back", "copies": 1}]),
                    ),
                    ("/returned", json!({"date": "2026-12-01", "to": "Margaret Ellis", "copies": 3})),
                ],
                T,
                "KH-06",
                Pass,
                Pass,
            ),
        ],
        &bexley(),
    );
    let mut v = with(&[("/storage", json!("carried_by_worker"))]);
    v["secure_handling_procedure"] = json!("Keys in a locked pouch, signed out and in at the office (procedure KP-3)");
    assert_eq!(verdict(&v, T, &bexley(), "KH-05"), (vec![], Pass), "a recorded procedure");
}

#[test]
fn signatures_capacity_and_approval() {
    let role = |r: &str| ("/signed_by/role", json!(r));
    let no_capacity = ("/client/has_capacity", json!(false));
    run(
        vec![
            ("client with capacity", vec![], T, "KH-09", Pass, Pass),
            ("no signature", vec![("/signed_by", json!(null))], T, "KH-07", Fail, Fail),
            ("unnamed signature", vec![("/signed_by/name", json!(""))], T, "KH-07", Fail, Fail),
            ("signed on the start day", vec![("/signed_by/date", json!("2026-11-20"))], T, "KH-07", Pass, Pass),
            ("signed after the start", vec![("/signed_by/date", json!("2026-11-21"))], T, "KH-07", Fail, Fail),
            ("no capacity, client alone", vec![no_capacity.clone()], T, "KH-09", Fail, Fail),
            ("no capacity, attorney", vec![no_capacity.clone(), role("lpa_property")], T, "KH-09", Pass, Pass),
            ("no capacity, deputy", vec![no_capacity.clone(), role("deputy")], T, "KH-09", Pass, Pass),
            ("no capacity, next of kin", vec![no_capacity.clone(), role("next_of_kin")], T, "KH-09", Pass, Pass),
            (
                "no capacity, social worker, no record",
                vec![no_capacity.clone(), role("social_worker_best_interests")],
                T,
                "KH-09",
                Warn,
                Warn,
            ),
            ("capacity, next of kin signs", vec![role("next_of_kin")], T, "KH-09", Warn, Warn),
            ("no approval", vec![("/manager_approval", json!(null))], T, "KH-10", Fail, Fail),
            ("approved on the start day", vec![], T, "KH-10", Pass, Pass),
            ("approved the day before", vec![("/manager_approval/date", json!("2026-11-19"))], T, "KH-10", Pass, Pass),
            ("approved the day after", vec![("/manager_approval/date", json!("2026-11-21"))], T, "KH-10", Fail, Fail),
            ("approved by nobody", vec![("/manager_approval/name", json!(" "))], T, "KH-10", Fail, Fail),
        ],
        &bexley(),
    );
    let mut v = with(&[no_capacity, role("social_worker_best_interests")]);
    v["signed_by"]["best_interests_record"] = json!("BI-2026-114");
    assert_eq!(verdict(&v, T, &bexley(), "KH-09"), (vec![], Pass), "a recorded best-interests decision");
}

#[test]
fn key_tags_and_the_key_log() {
    let tag = |t: &str| ("/keys/0/tag", json!(t));
    run(
        vec![
            ("a code", vec![tag("K-0417")], T, "KH-20", Pass, Pass),
            ("the surname", vec![tag("ELLIS front")], T, "KH-20", Fail, Fail),
            ("the first name, lower case", vec![tag("margaret-1")], T, "KH-20", Fail, Fail),
            ("a postcode", vec![tag("DA6 7AT")], T, "KH-20", Fail, Fail),
            ("a postcode without its space", vec![tag("K-SE19LP")], T, "KH-20", Fail, Fail),
            ("no keys", vec![("/keys", json!([]))], T, "KH-21", Fail, Fail),
            ("no tag", vec![tag(" ")], T, "KH-21", Fail, Fail),
            ("no doors", vec![("/keys/0/doors", json!(""))], T, "KH-21", Fail, Fail),
            ("no copies", vec![("/keys/0/copies", json!(0))], T, "KH-21", Fail, Fail),
            ("two copies", vec![("/keys/0/copies", json!(2))], T, "KH-21", Pass, Pass),
        ],
        &bexley(),
    );
    let mut v = with(&[tag("acacia-2")]);
    v["client"]["address"] = json!("14 Acacia Road");
    assert_eq!(verdict(&v, T, &bexley(), "KH-20").0, vec![Fail], "a word of the address");
}

#[test]
fn the_catalogues_other_rules_apply_in_full_when_given_and_only_note_when_absent() {
    let rows: Vec<(&str, Value, &str, Outcome)> = vec![
        ("alternatives_considered", json!([]), "KH-04", Warn),
        ("alternatives_considered", json!(["door intercom"]), "KH-04", Pass),
        ("loss_theft_procedure", json!(false), "KH-11", Fail),
        ("loss_theft_procedure", json!(true), "KH-11", Pass),
        ("code_storage", json!("sms"), "KH-13", Fail),
        ("code_storage", json!("visit_notes"), "KH-13", Fail),
        ("code_storage", json!("paper_agreement"), "KH-13", Fail),
        ("code_storage", json!("secure_system"), "KH-13", Pass),
        ("code_storage", json!("none_held"), "KH-13", Pass),
        ("alarm_code_held", json!(true), "KH-22", Fail),
        ("knock_before_entry_attested", json!(false), "KH-19", Fail),
        ("knock_before_entry_attested", json!(true), "KH-19", Pass),
        ("unaccompanied_attested", json!(false), "KH-26", Fail),
        ("unaccompanied_attested", json!(true), "KH-26", Pass),
        ("insurance_covers_keys", json!(false), "KH-30", Warn),
        ("insurance_covers_keys", json!(true), "KH-30", Pass),
    ];
    for (field, value, rule, expected) in rows {
        let mut v = example();
        v[field] = value.clone();
        let (found, whole) = verdict(&v, T, &bexley(), rule);
        assert_eq!(found.into_iter().max().unwrap_or(Pass), expected, "{field} = {value}");
        assert_eq!(whole, expected, "{field} = {value}: the whole outcome");
    }
    let mut v = example();
    v["alarm_code_held"] = json!(true);
    v["alarm_code_authorised"] = json!(true);
    assert_eq!(verdict(&v, T, &bexley(), "KH-22").0, vec![]);
    for (rule, note) in [("KH-04", Info), ("KH-11", Info)] {
        assert_eq!(verdict(&example(), T, &bexley(), rule), (vec![note], Pass), "{rule} absent: a note, not a warning");
    }
}

#[test]
fn a_council_may_shorten_the_limits_but_not_lengthen_them() {
    let p = Profile::from_json(
        r#"{"id":"short","title":"Short","extends":"bexley-homecare","key_holding":{"max_days":7,"warn_from_day":5}}"#,
    )
    .unwrap();
    let end = "/planned_end_date";
    run(
        vec![
            ("7 days", vec![(end, json!("2026-11-27"))], T, "KH-03", Pass, Pass),
            ("8 days", vec![(end, json!("2026-11-28"))], T, "KH-03", Fail, Fail),
            ("day 4", vec![(end, json!("2026-11-27"))], "2026-11-24", "KH-03", Pass, Pass),
            ("day 5", vec![(end, json!("2026-11-27"))], "2026-11-25", "KH-03", Warn, Warn),
        ],
        &p,
    );
    let a: Agreement = parse_agreement(&example()).unwrap();
    assert_eq!(check_agreement(&a, &p, day(T)).unwrap().parts.return_by, "2026-11-27", "capped by the profile");
    for bad in [r#"{"max_days":15}"#, r#"{"max_days":0}"#, r#"{"warn_from_day":15}"#, r#"{"days":3}"#] {
        let json = format!(r#"{{"id":"x","title":"X","extends":"bexley-homecare","key_holding":{bad}}}"#);
        let e = Profile::from_json(&json).unwrap_err();
        assert!(e.0.contains("key_holding"), "{bad}: {e}");
    }
}

#[test]
fn entry_codes_unknown_members_and_unknown_values_are_refused_naming_the_field() {
    let refused = |v: Value| parse_agreement(&v).unwrap_err();
    let mut v = example();
    v["key_safe_code"] = json!("4821");
    assert_eq!(refused(v).0, "key_safe_code");
    let mut v = example();
    v["keys"][0]["key_safe_code"] = json!("4821");
    assert_eq!(refused(v).0, "keys[0].key_safe_code");
    let mut v = example();
    v["client"]["Key_Safe_Code_2"] = json!("4821");
    assert_eq!(refused(v).0, "client.Key_Safe_Code_2");
    let (at, why) = refused(with(&[("/reason", json!("holiday"))]));
    assert_eq!(at, "reason", "{why}");
    let (at, _) = refused(with(&[("/keys/0/copies", json!(1.5))]));
    assert_eq!(at, "keys[0].copies");
    let mut v = example();
    v["signed_by"]["witness"] = json!("x");
    assert!(refused(v).1.contains("witness"));
    let bad_date: Agreement = parse_agreement(&with(&[("/start_date", json!("2026-02-30"))])).unwrap();
    let e = check_agreement(&bad_date, &bexley(), day(T)).unwrap_err().to_string();
    assert!(e.contains("start_date"), "{e}");
}

/// The server's re-check names the agreement itself when it is not an object (it used to say
/// `agreement..`), and a member inside it by its path from `data`.
#[test]
fn the_server_check_names_the_agreement_or_its_member() {
    let entry = careform_rules::entry("key-holding").unwrap();
    let problems = |agreement: Value| {
        let data = json!({"profile": "bexley-homecare", "agreement": agreement});
        match (entry.check)(data.as_object().unwrap(), &[], day(T)) {
            Err(careform_rules::CheckError::Invalid(p)) => p.into_iter().map(|(at, _)| at).collect::<Vec<_>>(),
            other => panic!("expected the agreement refused, got {other:?}"),
        }
    };
    assert_eq!(problems(json!("not an agreement")), ["agreement"]);
    assert_eq!(problems(Value::Null), ["agreement"]);
    assert_eq!(problems(with(&[("/keys/0/copies", json!(1.5))])), ["agreement.keys[0].copies"]);
}
