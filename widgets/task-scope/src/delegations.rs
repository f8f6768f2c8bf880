//! Delegated healthcare: for each task a registered professional may delegate, who delegated it,
//! when the worker was trained and when it is reviewed.

use careform_kit::components::{ErrorMessage, error_for};
use careform_rules::task_scope::lexicon::lexicon;
use careform_rules::task_scope::{Class, Profile, TaskVerdict};
use leptos::prelude::*;

use crate::answers::{Answers, DelegationField};

/// Whether a registered professional may delegate this task under `profile`.
pub(crate) fn delegable(v: &TaskVerdict, profile: &Profile) -> bool {
    !v.negated
        && v.concepts
            .iter()
            .any(|c| lexicon().concept_index(c).is_some_and(|k| profile.classes[k].category == Class::Delegable))
}

/// One delegated task's record. Its answers live in a map keyed by the task's words rather than
/// in signals of the row's own: rows come and go as the plan is retyped, and an entry outlives
/// its row, so what was typed for a task is there again when the task comes back.
#[component]
fn DelegationFields(answers: Answers, task: String, index: usize) -> impl IntoView {
    let legend = format!("Delegation of: {task}");
    let field = move |field: DelegationField, n: usize, label: &'static str, hint: &'static str| {
        let id = format!("delegation-{index}-{n}");
        let (read, write) = (task.clone(), task.clone());
        view! {
            <div class="govuk-form-group">
                <label class="govuk-label" for=id.clone()>{label}</label>
                <div class="govuk-hint" id=format!("{id}-hint")>{hint}</div>
                <input
                    class="govuk-input"
                    id=id.clone()
                    type="text"
                    aria-describedby=format!("{id}-hint")
                    prop:value=move || answers.delegation_text(&read, field)
                    on:input=move |ev| answers.set_delegation(&write, field, event_target_value(&ev))
                />
            </div>
        }
    };
    view! {
        <fieldset class="govuk-fieldset govuk-!-margin-bottom-6">
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
            {field(DelegationField::Professional, 1, "Registered professional who delegated it", "Name and role, for example: Sam Lee, district nurse")}
            {field(DelegationField::TrainedOn, 2, "Date the worker was trained and assessed competent", "As YYYY-MM-DD, for example 2026-06-01")}
            {field(DelegationField::ReviewDue, 3, "Date the delegation is next reviewed", "As YYYY-MM-DD, for example 2027-06-01")}
        </fieldset>
    }
}

/// The delegated tasks' section: shown while the plan has any, one keyed fieldset per task.
#[component]
pub(crate) fn Delegations(answers: Answers, tasks: Signal<Vec<String>>) -> impl IntoView {
    view! {
        <div hidden=move || tasks.with(Vec::is_empty)>
            <h2 class="govuk-heading-m" id="delegations" tabindex="-1">"Delegated healthcare tasks"</h2>
            <p class="govuk-body">"A registered health professional may delegate these tasks to a trained worker. Record the delegation to have them checked as delegated healthcare; without one they go to the health professional."</p>
            <ErrorMessage id="delegations" message=error_for("delegations") />
            <For
                each=move || tasks.get().into_iter().enumerate()
                key=|(_, task)| task.clone()
                children=move |(index, task)| view! { <DelegationFields answers task index /> }
            />
        </div>
    }
}
