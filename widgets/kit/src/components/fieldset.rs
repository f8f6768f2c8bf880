//! GOV.UK fieldset: controls that answer one question together, under its legend.

use leptos::prelude::*;

use super::{ErrorMessage, Text, field_state, group_class, hint_view};

/// A fieldset with its legend, hint and error message: the GOV.UK wrapper for controls that
/// answer one question together (radios, checkboxes, the parts of a date).
#[component]
pub fn Fieldset(
    /// The group's id; hint and error ids derive from it, and its error is found by it.
    #[prop(into)]
    id: Text,
    /// The fieldset's legend: the question.
    #[prop(into)]
    legend: Text,
    /// Hint text under the legend (an `Option`, so the controls built on this pass theirs on).
    #[prop(default = None)]
    hint: Option<Text>,
    /// `role="group"`, for inputs that make one answer between them (a date).
    #[prop(optional)]
    group: bool,
    /// The controls.
    children: Children,
) -> impl IntoView {
    let (error, describe) = field_state(&id, hint.is_some());
    view! {
        <div class=group_class(error)>
            <fieldset class="govuk-fieldset" role=group.then_some("group") aria-describedby=describe>
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
                {hint_view(&id, hint)}
                <ErrorMessage id=id.clone() message=error />
                {children()}
            </fieldset>
        </div>
    }
}
