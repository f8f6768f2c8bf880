//! `careform rules`: the registry as JSON or Markdown, and the README's tables kept in step with it.

use std::process::{Command, Output};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_careform");

fn rules(args: &[&str]) -> Output {
    Command::new(BIN).arg("rules").args(args).output().unwrap()
}

fn json(args: &[&str]) -> Vec<Value> {
    let out = rules(args);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("a JSON array")
}

#[test]
fn json_lists_every_rule_with_its_form_title_outcome_and_source() {
    let all = json(&[]);
    for r in &all {
        for key in ["id", "form", "title", "outcome", "source"] {
            assert!(r[key].is_string() && !r[key].as_str().unwrap().is_empty(), "{key} in {r}");
        }
    }
    let ids: Vec<&str> = all.iter().map(|r| r["id"].as_str().unwrap()).collect();
    for id in ["DEMO-01", "PA-10", "TS-35", "LX-01", "CF-TS-01", "DI-09"] {
        assert!(ids.contains(&id), "{id} in {ids:?}");
    }
    let pa = json(&["--form", "pa-acknowledgement", "--format", "json"]);
    assert!(pa.iter().all(|r| r["form"] == "pa-acknowledgement"));
    assert_eq!(pa.iter().filter(|r| r["id"].as_str().unwrap().starts_with("PA-")).count(), 23);
}

#[test]
fn an_unknown_form_is_a_usage_error() {
    let out = rules(&["--form", "no-such-form"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-form"));
}

#[test]
fn the_readme_rule_tables_are_what_careform_rules_prints() {
    let out = rules(&["--format", "markdown"]);
    assert_eq!(out.status.code(), Some(0));
    let printed = String::from_utf8(out.stdout).unwrap();
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md")).unwrap();
    let (begin, end) = ("<!-- rules:begin -->", "<!-- rules:end -->");
    let start = readme.find(begin).expect("README.md has <!-- rules:begin -->") + begin.len();
    let stop = readme.find(end).expect("README.md has <!-- rules:end -->");
    assert!(
        readme[start..stop].trim() == printed.trim(),
        "README.md's rule tables differ from `careform rules --format markdown`: run scripts/rules-readme"
    );
}
