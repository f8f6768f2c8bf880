//! The registry itself: one entry per id, each for a form that exists, each citing something;
//! every rule id the data files name (the lexicon, the built-in profiles) is registered.

use std::collections::BTreeSet;

use careform_rules::registry::{by_id, rules};
use careform_rules::{Finding, Outcome, forms};
use serde_json::Value;

#[test]
fn each_rule_is_registered_once_for_a_form_that_exists_and_cites_something() {
    let mut seen = BTreeSet::new();
    for r in rules() {
        assert!(seen.insert(r.id), "{} is registered twice", r.id);
        assert!(forms().any(|f| f.id == r.form), "{} names the form {:?}, which does not exist", r.id, r.form);
        assert!(!r.title.trim().is_empty() && !r.cites.is_empty(), "{} needs a title and a source", r.id);
        assert!(r.id.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-'), "{}", r.id);
    }
}

#[test]
fn every_rule_id_the_lexicon_and_the_built_in_profiles_name_is_registered() {
    let lexicon: Value = serde_json::from_str(include_str!("../data/task-scope/lexicon.json")).unwrap();
    let mut named = Vec::new();
    for c in lexicon["concepts"].as_array().unwrap() {
        named.push(c["lexicon"].as_str().unwrap().to_owned());
        named.extend(c["rules"].as_array().unwrap().iter().map(|r| r.as_str().unwrap().to_owned()));
    }
    for profile in [
        include_str!("../data/profiles/bexley-homecare.json"),
        include_str!("../data/profiles/somerset-micro-provider.json"),
    ] {
        let p: Value = serde_json::from_str(profile).unwrap();
        for class in p["classes"].as_object().unwrap().values() {
            if let Some(rule) = class.get("rule").and_then(Value::as_str) {
                named.push(rule.to_owned());
            }
        }
    }
    let missing: Vec<&String> = named.iter().filter(|id| by_id(id).is_none()).collect();
    assert!(missing.is_empty(), "named in the data but not registered: {missing:?}");
}

#[test]
fn a_council_profile_cannot_name_an_unregistered_rule() {
    let json = r#"{"id":"x","title":"X","extends":"bexley-homecare","classes":{"washing":{"category":"personal_care","rule":"TS-99"}}}"#;
    let err = careform_rules::profile::Profile::from_json(json).unwrap_err();
    assert!(err.0.contains("TS-99") && err.0.contains("not a registered rule"), "{err}");
}

#[test]
fn a_finding_carries_its_rules_id_and_source() {
    let f = Finding::new(&careform_rules::registry::DI_09, Outcome::Warn, "soon").at("workers[0].dbs.issue_date");
    assert_eq!(f.rule, "DI-09");
    assert_eq!(f.source, careform_rules::registry::DI_09.source());
    assert_eq!(f.registered_rule().map(|r| r.id), Some("DI-09"));
    let json = serde_json::to_string(&f).unwrap();
    let at = |key: &str| json.find(&format!("\"{key}\":")).unwrap_or_else(|| panic!("{key} in {json}"));
    let order = ["rule", "outcome", "message", "source", "field"].map(at);
    assert!(order.is_sorted(), "the JSON shape stays as it was: {json}");
}
