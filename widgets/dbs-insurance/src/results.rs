//! What the check found: problems with their sources, and what to renew when.

use careform_kit::components::{Verdict, outcome_tag};
use careform_rules::date::{format_long, parse_iso};
use careform_rules::dbs_insurance::Renewal;
use careform_rules::{Finding, Outcome};

/// The validator's report, with its workers, insurance and renewals.
pub(crate) type Report = careform_rules::Report<careform_rules::dbs_insurance::Parts>;
use leptos::prelude::*;

/// Findings that need someone to act (warn, fail), each with its tag and source.
#[component]
pub(crate) fn Problems(findings: Vec<Finding>) -> impl IntoView {
    let items: Vec<Finding> = findings.into_iter().filter(|f| f.outcome >= Outcome::Warn).collect();
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
