//! Property-based fuzzing of each form's data parsing and checks, for every form in `FORMS`: the
//! server's re-check (`careform_rules::check`) of data that is valid with a few things changed,
//! and of data that is random; and each standalone check (`careform check`) of bytes. Whatever
//! comes in, the answer is a report or a clean refusal naming what is wrong, never a panic.
//! `CAREFORM_FUZZ_CASES=N` runs N cases per property by hand.

#[path = "../../seal/tests/fuzz_support/mod.rs"]
mod fuzz_support;

use careform_rules::profile::{BUILT_IN, Profile};
use careform_rules::{CheckError, FORMS, Report};
use chrono::NaiveDate;
use fuzz_support::{apply, edits, json_value, key, object, run};
use proptest::prelude::*;
use serde_json::{Value, json};

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

const DBS: &str = r#"{"applicant":{"legal_name":"Sam Patel"},"employee_count":0,"workers":[{"name":"Sam Patel","role":"owner","dbs":{"certificate_number":"001234567890","level":"enhanced_adults_barred","workforce":"adult","issue_date":"2024-05-01"}}],"insurance":{"public_liability":{"insurer":"Acme","insured_name":"Sam Patel","limit_pence":500000000,"start_date":"2026-04-01","expiry_date":"2027-03-31"},"employers_liability":null}}"#;

/// Data each form accepts, to change a little: the fuzzing then reaches the rules behind the
/// shape check, not only the shape check.
fn seed(id: &str) -> Value {
    let gift = json!({"provider": {"name": "Acme Care"}, "offers": [{"offered_on": "2026-11-02", "worker": "Alex Rowe",
        "client": "C-104", "offered_by": "client", "kind": "gift", "description": "Box of chocolates",
        "estimated_value_pence": 800, "solicited": false, "outcome": "accepted", "reported_on": "2026-11-02",
        "commissioner_notified_on": null, "safeguarding_concern": false}]});
    match id {
        "careform-demo" => json!({ "name": "Ana Smith", "message": "Testing", "date": "2026-11-01" }),
        "pa-acknowledgement" => json!({
            "pa_name": "Sam Patel", "supporter_role": "pa_or_support_worker", "client_name": "Jo Bloggs",
            "employer": "client", "activity_setting": "main_base", "reports_to": "none", "kitchen_cleared": "no",
            "signature": "Sam Patel", "signed_date": "2026-11-23" }),
        "task-scope" => json!({ "profile": "bexley-homecare",
            "plan": { "tasks": [{ "description": "help with shopping" }, { "description": "give medication from a blister pack" }], "visits": ["08:00"] } }),
        "dbs-insurance" => {
            json!({ "profile": "somerset-micro-provider", "submission": serde_json::from_str::<Value>(DBS).unwrap() })
        }
        "gift-register" => json!({ "profile": "somerset-micro-provider", "register": gift }),
        "key-holding" => json!({ "profile": "bexley-homecare",
            "agreement": serde_json::from_str::<Value>(include_str!("fixtures/key-holding-example.json")).unwrap() }),
        "provider-application" => {
            let form = careform_rules::entry(id).unwrap();
            let example = (form.standalone.as_ref().unwrap().example.unwrap())(day());
            let mut data: Value = serde_json::from_str(&example).unwrap();
            if data.get("profile").is_none() {
                data["profile"] = json!("somerset-micro-provider");
            }
            // The commitments travel as the submission's attestations, not in its data.
            data.as_object_mut().unwrap().remove("commitments");
            data
        }
        other => panic!("no seed for the form {other}: add one here"),
    }
}

/// A check's answer is a report, or a refusal that names each field and what is wrong with it.
fn assert_clean(id: &str, result: Result<Report, CheckError>) -> Result<(), TestCaseError> {
    match result {
        Ok(report) => {
            prop_assert!(serde_json::to_value(&report).is_ok(), "{}: the report does not serialize", id);
        }
        Err(CheckError::Invalid(problems)) => {
            prop_assert!(!problems.is_empty(), "{}: refused with no problem named", id);
            // (A field may be named "": a member whose name is empty is named as it is.)
            for (field, message) in problems {
                prop_assert!(!message.trim().is_empty(), "{}: {:?} has no message", id, field);
            }
        }
        Err(e) => prop_assert!(false, "{}: {} for a form and version that exist", id, e),
    }
    Ok(())
}

#[test]
fn every_seed_is_accepted_so_the_fuzzing_reaches_the_rules() {
    for form in FORMS {
        let id = form.definition.id;
        let result = careform_rules::check(id, form.definition.version, &object(seed(id)), &[], day());
        assert!(result.is_ok(), "{id}: {result:?}");
    }
}

/// Valid data with up to four things changed (a value replaced, a member removed or added, an
/// item repeated, a string emptied or lengthened), checked on a day within a few years.
#[test]
fn changed_data_gets_a_report_or_a_clean_refusal() {
    let seeds: Vec<(&str, &str, Value)> =
        FORMS.iter().map(|f| (f.definition.id, f.definition.version, seed(f.definition.id))).collect();
    let cases = (0..seeds.len(), edits(4), -2000i64..2000);
    run("rules: changed data", 600, cases, |(which, changes, days)| {
        let (id, version, seed) = &seeds[which];
        let mut data = seed.clone();
        apply(&mut data, &changes);
        let today = day() + chrono::Duration::days(days);
        assert_clean(id, careform_rules::check(id, version, &object(data), &[], today))
    });
}

/// Random data: each field present or not, with any value, plus members no form has.
#[test]
fn random_data_gets_a_report_or_a_clean_refusal() {
    let cases = (
        0..FORMS.len(),
        prop::collection::vec((any::<bool>(), json_value()), 16),
        prop::collection::vec((key(), json_value()), 0..3),
    );
    run("rules: random data", 250, cases, |(which, values, extra)| {
        let def = FORMS[which].definition;
        let mut data = serde_json::Map::new();
        for (field, (present, value)) in def.fields.iter().zip(values) {
            if present {
                data.insert(field.name.to_owned(), value);
            }
        }
        data.extend(extra);
        assert_clean(def.id, careform_rules::check(def.id, def.version, &data, &[], day()))
    });
}

/// `careform check FORM`: the bytes of a changed input, or any bytes, under either built-in
/// profile. The answer is a report (JSON) or one line for people.
#[test]
fn standalone_checks_answer_any_bytes_cleanly() {
    let inputs: Vec<(usize, Value)> = FORMS
        .iter()
        .enumerate()
        .filter(|(_, f)| f.standalone.is_some())
        .map(|(i, f)| {
            let data = seed(f.definition.id);
            // The standalone input is the form's one structured answer (or, for the application, the data).
            let input = data.as_object().unwrap().iter().find(|(k, _)| *k != "profile").map(|(_, v)| v.clone());
            (i, if f.definition.id == "provider-application" { data } else { input.unwrap() })
        })
        .collect();
    let bytes = prop_oneof![
        (0..inputs.len(), edits(4)).prop_map(|(i, _)| (i, None)),
        (0..inputs.len(), prop::collection::vec(any::<u8>(), 0..256)).prop_map(|(i, b)| (i, Some(b))),
    ];
    let cases = (bytes, edits(4), any::<bool>());
    run("rules: standalone checks", 400, cases, |((which, raw), changes, profile)| {
        let (form, input) = &inputs[which];
        let form = FORMS[*form];
        let bytes = raw.unwrap_or_else(|| {
            let mut input = input.clone();
            apply(&mut input, &changes);
            input.to_string().into_bytes()
        });
        let profile = Profile::built_in(BUILT_IN[usize::from(profile)]).unwrap();
        match (form.standalone.as_ref().unwrap().check)(&bytes, &profile, day()) {
            Ok(report) => prop_assert!(serde_json::from_str::<Value>(&report).is_ok(), "not JSON: {}", report),
            Err(message) => {
                prop_assert!(!message.trim().is_empty() && !message.contains('\n'), "{:?}", message)
            }
        }
        Ok(())
    });
}
