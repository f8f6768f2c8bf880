//! What the check found: problems with their sources, and what to renew when.

use careform_kit::components::{Problems, Verdict};
use careform_rules::date::{format_long, parse_iso};
use careform_rules::dbs_insurance::Renewal;

/// The validator's report, with its workers, insurance and renewals.
pub(crate) type Report = careform_rules::Report<careform_rules::dbs_insurance::Parts>;
use leptos::prelude::*;

/// One thing to renew, with the date and the days left.
fn renewal_row(x: Renewal) -> impl IntoView {
    let when = parse_iso(&x.until).map(format_long).unwrap_or(x.until.clone());
    let text =
        if x.days_left >= 0 { format!("by {when} ({} days)", x.days_left) } else { format!("lapsed after {when}") };
    view! {
        <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">{x.what}</dt>
            <dd class="govuk-summary-list__value">{text}</dd>
        </div>
    }
}

/// The whole check: its verdict, the insurance problems and what to renew and when.
#[component]
pub(crate) fn CheckResults(report: Report) -> impl IntoView {
    let insurance = report.parts.insurance.findings.clone();
    let renewals = report.parts.renewals.clone();
    view! {
        <Verdict outcome=report.outcome />
        <h3 class="govuk-heading-s">"Insurance"</h3>
        <Problems findings=insurance />
        <h3 class="govuk-heading-s">"What to renew and when"</h3>
        <dl class="govuk-summary-list" data-careform-renewals>{renewals.into_iter().map(renewal_row).collect_view()}</dl>
    }
}
