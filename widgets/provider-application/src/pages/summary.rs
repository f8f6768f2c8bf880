//! Each section's answers as summary rows for "Check your answers".

use careform_kit::parts::PolicyKind;
use careform_rules::provider_application::{COMMITMENTS, EvidenceKind};
use leptos::prelude::*;

use super::evidence::capitalised;
use crate::answers::Answers;

/// `yes`/`no` in words.
fn yes_no(answer: RwSignal<String>) -> String {
    match answer.get().as_str() {
        "yes" => "Yes".to_owned(),
        "no" => "No".to_owned(),
        _ => "Not answered".to_owned(),
    }
}

fn text(answer: RwSignal<String>) -> String {
    let t = answer.get().trim().to_owned();
    if t.is_empty() { "Not answered".to_owned() } else { t }
}

/// What a closed-list answer says, in the words the page shows.
fn label(value: &str, options: &[(&str, &str)]) -> String {
    options.iter().find(|(v, _)| *v == value).map_or("Not answered", |(_, l)| l).to_owned()
}

/// The rows of section `id`: (question, answer).
pub(crate) fn rows(answers: Answers, id: &str) -> Vec<(String, String)> {
    let row = |k: &str, v: String| (k.to_owned(), v);
    match id {
        "about-you" => vec![
            row("Full legal name", text(answers.legal_name)),
            row("Home postcode", text(answers.home_postcode)),
            row("Disciplinary or other action in a care role", yes_no(answers.prior_action)),
        ],
        "enterprise" => vec![
            row(
                "Set up as",
                label(
                    &answers.legal_form.get(),
                    &[
                        ("sole_trader", "Sole trader"),
                        ("partnership", "Partnership"),
                        ("limited_company", "Limited company"),
                        ("cic", "Community interest company"),
                        ("charity", "Charity"),
                        ("unincorporated_group", "Unincorporated group"),
                    ],
                ),
            ),
            row(
                "Trading",
                label(&answers.trading_status.get(), &[("trading", "Trading now"), ("pre_start", "Planning to start")]),
            ),
            row("Franchise", yes_no(answers.franchise)),
            row(
                "Part of a larger organisation",
                if answers.has_parent.get() == "yes" {
                    text(answers.parent_organisation)
                } else {
                    yes_no(answers.has_parent)
                },
            ),
            row(
                "Registered with the CQC",
                if answers.cqc_registered.get() == "yes" {
                    text(answers.cqc_provider_id)
                } else {
                    yes_no(answers.cqc_registered)
                },
            ),
        ],
        "where" => vec![row("Postcodes", answers.area_list().join(", "))],
        "offer" => vec![row("Tasks", answers.task_lines().join("; "))],
        "workers" => answers
            .workers
            .values()
            .into_iter()
            .map(|w| {
                let dbs = w.dbs.as_ref().map_or("no DBS check".to_owned(), |d| {
                    format!("DBS {} issued {}", d.certificate_number, d.issue_date)
                });
                let who = if w.is_applicant { " (you)" } else { "" };
                (
                    format!("{}{who}", w.name),
                    format!(
                        "{}, {} minutes a week, {dbs}",
                        if w.paid { "paid" } else { "volunteer" },
                        w.weekly_minutes
                    ),
                )
            })
            .collect(),
        "insurance" => answers
            .policies
            .all()
            .into_iter()
            .filter(|(kind, _)| answers.asks(kind))
            .map(|(kind, form): (&PolicyKind, _)| row(kind.title, yes_no(form.held)))
            .collect(),
        "evidence" => EvidenceKind::ALL
            .iter()
            .zip(answers.evidence)
            .map(|(kind, item)| {
                row(&capitalised(kind.label()), item.get().map_or("Not uploaded".to_owned(), |i| i.name))
            })
            .collect(),
        _ => {
            let ticked = answers.commitments.with(Vec::len);
            vec![row("Commitments ticked", format!("{ticked} of {}", COMMITMENTS.len()))]
        }
    }
}
