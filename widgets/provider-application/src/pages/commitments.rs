//! Commitments: every commitment and "I have never…" statement of the "Doing it right" standard,
//! shown with its exact text (what is signed is that text's SHA-256), grouped under the
//! standard's own headings; the programme's disclaimer and its right to refuse.

use careform_kit::components::{CheckboxOption, Checkboxes};
use careform_rules::provider_application::{COMMITMENTS, Commitment, DISCLAIMER, RIGHT_TO_REFUSE};
use leptos::prelude::*;

use crate::answers::Answers;

/// The commitments in runs that share a heading, in the standard's order.
fn groups() -> Vec<Vec<&'static Commitment>> {
    let mut out: Vec<Vec<&'static Commitment>> = Vec::new();
    for c in COMMITMENTS {
        match out.last_mut() {
            Some(group) if group[0].lead == c.lead => group.push(c),
            _ => out.push(vec![c]),
        }
    }
    out
}

/// The commitments page.
#[component]
pub(crate) fn Commitments(answers: Answers) -> impl IntoView {
    let groups = groups()
        .into_iter()
        .enumerate()
        .map(|(i, group)| {
            let options = group
                .iter()
                .map(|c| {
                    let label = if c.optional() { format!("{} (optional)", c.text) } else { c.text.to_owned() };
                    CheckboxOption::new(c.id, label)
                })
                .collect();
            view! {
                <Checkboxes id=format!("commitments-{i}") legend=group[0].lead values=answers.commitments options />
            }
        })
        .collect_view();
    view! {
        <p class="govuk-body">"Tick each statement that is true for you and your enterprise. Each one you leave unticked means the application does not meet the standard, except sharing your contact details, which is your choice."</p>
        <div class="govuk-inset-text">
            <p class="govuk-body">{RIGHT_TO_REFUSE}</p>
            <p class="govuk-body">{DISCLAIMER}</p>
        </div>
        {groups}
    }
}
