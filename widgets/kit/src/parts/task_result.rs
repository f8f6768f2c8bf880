//! One care-plan task's verdict from the task scope checker: what it is, why, and the rules and
//! sources behind it.

use careform_rules::task_scope::{Category, TaskVerdict};
use leptos::prelude::*;

fn tag(v: &TaskVerdict) -> (&'static str, &'static str) {
    if v.negated {
        return ("govuk-tag govuk-tag--grey", "Someone else's task");
    }
    match v.category {
        Category::PersonalCare => ("govuk-tag govuk-tag--blue", "Personal care"),
        Category::PracticalSupport => ("govuk-tag govuk-tag--green", "Practical support"),
        Category::DelegatedHealthcare => ("govuk-tag govuk-tag--purple", "Delegated healthcare"),
        Category::ExcludedClinical => ("govuk-tag govuk-tag--red", "Excluded clinical task"),
        Category::NotPermitted => ("govuk-tag govuk-tag--red", "Never permitted"),
        Category::Unrecognised => ("govuk-tag govuk-tag--yellow", "Not recognised"),
    }
}

/// One task's verdict: what it is, why, and where the rule comes from (an `<li>`).
#[component]
pub fn TaskResult(
    /// The checker's verdict on the task.
    verdict: TaskVerdict,
) -> impl IntoView {
    let (class, label) = tag(&verdict);
    view! {
        <li class="careform-task" data-careform-category=verdict.category.as_str() data-careform-negated=verdict.negated.to_string()>
            <h4 class="govuk-heading-s govuk-!-margin-bottom-1">{verdict.description.clone()}</h4>
            <p class="govuk-body govuk-!-margin-bottom-1"><strong class=class>{label}</strong></p>
            <p class="govuk-body govuk-!-margin-bottom-1">{verdict.explanation.clone()}</p>
            <p class="govuk-hint govuk-!-font-size-16">{format!("Rules {}. Source: {}", verdict.rules.join(", "), verdict.sources.join("; "))}</p>
        </li>
    }
}
