//! The findings a check shows: each one that needs someone to act, with its tag, rule and source.

use careform_rules::{Finding, Outcome};
use leptos::prelude::*;

use super::outcome_tag;

/// Findings that need someone to act (warn, fail), each with its tag, rule and source, and
/// `data-careform-rule` / `data-careform-outcome` for scripts and tests; "No problems found."
/// when there are none.
#[component]
pub fn Problems(
    /// The findings (passes are left out, and notes unless `notes`).
    findings: Vec<Finding>,
    /// Show the notes (info) too: what the person should know, such as a condition of an
    /// exemption, though nothing needs fixing.
    #[prop(optional)]
    notes: bool,
) -> impl IntoView {
    let least = if notes { Outcome::Info } else { Outcome::Warn };
    let items: Vec<Finding> = findings.into_iter().filter(|f| f.outcome >= least).collect();
    if items.is_empty() {
        return view! { <p class="govuk-body">"No problems found."</p> }.into_any();
    }
    view! {
        <ul class="govuk-list">
            {items.into_iter().map(|f| {
                let (class, label) = outcome_tag(f.outcome);
                view! {
                    <li data-careform-rule=f.rule.clone() data-careform-outcome=format!("{:?}", f.outcome).to_lowercase()>
                        <strong class=class>{label}</strong>" "{f.message.clone()}
                        <br /><span class="govuk-hint govuk-!-font-size-16">{format!("{}. Source: {}", f.rule, f.source)}</span>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}
