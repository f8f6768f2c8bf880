//! What the checker shows as it runs: each task's verdict, the counts, the plan-level findings.

use careform_kit::components::{Verdict, outcome_tag};
pub(crate) use careform_kit::parts::TaskResult;
use careform_rules::Finding;
use careform_rules::task_scope::{Category, TaskVerdict};

/// The checker's report, with each task's class.
pub(crate) type Report = careform_rules::Report<careform_rules::task_scope::Parts>;
use leptos::prelude::*;

/// The plan-level findings, as GOV.UK summary rows.
#[component]
pub(crate) fn Findings(findings: Vec<Finding>) -> impl IntoView {
    let rows = findings
        .into_iter()
        .map(|f| {
            let (class, label) = outcome_tag(f.outcome);
            view! {
                <div class="govuk-summary-list__row" data-careform-rule=f.rule.clone() data-careform-outcome=format!("{:?}", f.outcome).to_lowercase()>
                    <dt class="govuk-summary-list__key">{f.rule.clone()}</dt>
                    <dd class="govuk-summary-list__value">
                        <strong class=class>{label}</strong>" "{f.message.clone()}
                        <br /><span class="govuk-hint govuk-!-font-size-16">{format!("Source: {}", f.source)}</span>
                    </dd>
                </div>
            }
        })
        .collect_view();
    view! { <dl class="govuk-summary-list">{rows}</dl> }
}

/// Counts of what is allowed, what needs a registered provider and what goes to a health professional.
#[component]
pub(crate) fn Summary(report: Report) -> impl IntoView {
    let tasks = report.parts.tasks.clone();
    let count = |pick: &dyn Fn(&TaskVerdict) -> bool| tasks.iter().filter(|t| pick(t)).count();
    let mine = |c: Category| move |t: &TaskVerdict| !t.negated && t.category == c;
    let groups = [
        ("practical", "Practical or social support: allowed", count(&mine(Category::PracticalSupport))),
        (
            "personal",
            "Personal care: needs a CQC-registered provider, or the exemption",
            count(&mine(Category::PersonalCare)),
        ),
        ("delegated", "Delegated healthcare: allowed as delegated", count(&mine(Category::DelegatedHealthcare))),
        ("health", "Must go to a health professional", count(&mine(Category::ExcludedClinical))),
        ("never", "Never permitted", count(&mine(Category::NotPermitted))),
        ("unknown", "Not recognised: ask what it involves", count(&mine(Category::Unrecognised))),
        ("others", "Someone else's task", count(&|t: &TaskVerdict| t.negated)),
    ];
    view! {
        <Verdict outcome=report.outcome />
        <dl class="govuk-summary-list">
            {groups
                .into_iter()
                .filter(|(_, _, n)| *n > 0)
                .map(|(key, label, n)| view! {
                    <div class="govuk-summary-list__row" data-careform-group=key>
                        <dt class="govuk-summary-list__key">{label}</dt>
                        <dd class="govuk-summary-list__value">{format!("{n} task{}", if n == 1 { "" } else { "s" })}</dd>
                    </div>
                })
                .collect_view()}
        </dl>
    }
}
