//! GOV.UK tags for a rule's outcome.

use careform_rules::Outcome;
use leptos::prelude::*;

/// A rule outcome as a GOV.UK tag: its classes and its words.
pub fn outcome_tag(outcome: Outcome) -> (&'static str, &'static str) {
    match outcome {
        Outcome::Pass => ("govuk-tag govuk-tag--green", "Met"),
        Outcome::Info => ("govuk-tag govuk-tag--grey", "Note"),
        Outcome::Warn => ("govuk-tag govuk-tag--yellow", "Check"),
        Outcome::Fail => ("govuk-tag govuk-tag--red", "Not met"),
    }
}

/// A whole report's outcome as a GOV.UK tag, as a check's summary leads with it.
fn verdict_tag(outcome: Outcome) -> (&'static str, &'static str) {
    match outcome {
        Outcome::Pass | Outcome::Info => ("govuk-tag govuk-tag--green", "No problems found"),
        Outcome::Warn => ("govuk-tag govuk-tag--yellow", "Things to check"),
        Outcome::Fail => ("govuk-tag govuk-tag--red", "Problems to fix"),
    }
}

/// The line a check's summary opens with: the whole report's outcome as a tag, and as
/// `data-careform-outcome` for scripts and tests.
#[component]
pub fn Verdict(
    /// The report's outcome.
    outcome: Outcome,
) -> impl IntoView {
    let (class, label) = verdict_tag(outcome);
    view! {
        <p class="govuk-body" data-careform-outcome=format!("{outcome:?}").to_lowercase()>
            <strong class=class>{label}</strong>
        </p>
    }
}
