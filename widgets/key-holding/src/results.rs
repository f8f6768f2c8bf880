//! What the rules found: the verdict, the return-by date, and each problem with its source.

use careform_kit::components::{Problems, Verdict};
use careform_rules::date::{format_long, parse_iso};
use careform_rules::key_holding::Parts;
use leptos::prelude::*;

/// The key-holding report.
pub(crate) type Report = careform_rules::Report<Parts>;

/// The whole verdict: outcome, return-by date, problems.
#[component]
pub(crate) fn Results(report: Report) -> impl IntoView {
    let by = report.parts.return_by.clone();
    let long = parse_iso(&by).map(format_long).unwrap_or_else(|| by.clone());
    view! {
        <Verdict outcome=report.outcome />
        <p class="govuk-body" data-careform-return-by=by>"Return the keys by "<strong>{long}</strong></p>
        <Problems findings=report.findings />
    }
}
