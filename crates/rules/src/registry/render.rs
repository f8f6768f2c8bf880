//! The registry as `careform rules` prints it and as the README holds it.

use serde_json::{Value, json};

use super::{Rule, rules};
use crate::outcome::Outcome;

fn selected(form: Option<&str>) -> impl Iterator<Item = &'static Rule> + '_ {
    rules().filter(move |r| form.is_none_or(|f| r.form == f))
}

/// An array of `{"id","form","title","outcome","source","cites"}`, one per rule (of one form, when given).
pub fn json(form: Option<&str>) -> Value {
    let all: Vec<Value> = selected(form)
        .map(|r| {
            let cites: Vec<Value> =
                r.cites.iter().map(|c| json!({"doc": c.doc, "section": c.section, "note": c.note})).collect();
            json!({"id": r.id, "form": r.form, "title": r.title, "outcome": r.outcome, "source": r.source(), "cites": cites})
        })
        .collect();
    Value::Array(all)
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
                "#### `{}`\n\n| rule | what it checks | outcome | source |\n| --- | --- | --- | --- |\n",
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
