//! The registry as `careform rules` prints it and as the README holds it.

use serde::Serialize;

use super::{Cite, Rule, rules};
use crate::outcome::Outcome;

fn selected(form: Option<&str>) -> impl Iterator<Item = &'static Rule> + '_ {
    rules().filter(move |r| form.is_none_or(|f| r.form == f))
}

/// One rule as `careform rules` prints it: the registry entry and its source as one line.
#[derive(Serialize)]
struct Entry {
    id: &'static str,
    form: &'static str,
    title: &'static str,
    outcome: Outcome,
    source: String,
    cites: Vec<CiteEntry>,
}

#[derive(Serialize)]
struct CiteEntry {
    doc: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    section: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    note: &'static str,
}

impl From<&Cite> for CiteEntry {
    fn from(c: &Cite) -> Self {
        CiteEntry { doc: c.doc, section: c.section, note: c.note }
    }
}

/// A JSON array of `{"id","form","title","outcome","source","cites"}`, one per rule (of one
/// form, when given), pretty-printed, in registry order.
pub fn json(form: Option<&str>) -> String {
    let all: Vec<Entry> = selected(form)
        .map(|r| Entry {
            id: r.id,
            form: r.form,
            title: r.title,
            outcome: r.outcome,
            source: r.source(),
            cites: r.cites.iter().map(CiteEntry::from).collect(),
        })
        .collect();
    serde_json::to_string_pretty(&all).expect("the registry serializes")
}

fn outcome_word(o: Outcome) -> &'static str {
    match o {
        Outcome::Pass => "pass",
        Outcome::Info => "info",
        Outcome::Warn => "warn",
        Outcome::Fail => "fail",
    }
}

/// A Markdown table per form (of one form, when given), in registry order.
pub fn markdown(form: Option<&str>) -> String {
    let cell = |s: &str| s.replace('|', "\\|");
    let mut out = String::new();
    let mut current = "";
    for r in selected(form) {
        if r.form != current {
            if !current.is_empty() {
                out.push('\n');
            }
            current = r.form;
            out.push_str(&format!(
                "### `{}`\n\n| rule | what it checks | outcome | source |\n| --- | --- | --- | --- |\n",
                r.form
            ));
        }
        out.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            r.id,
            cell(r.title),
            outcome_word(r.outcome),
            cell(&r.source())
        ));
    }
    out
}
