//! A single GOV.UK checkbox: a statement the person confirms.

use leptos::prelude::*;

use super::{ErrorMessage, Text, field_state, group_class};

/// A single checkbox: a statement the person confirms (no fieldset: it is its own question).
#[component]
pub fn Confirm(
    /// The control's id (and `name`); the error id derives from it, and its error is found by it.
    #[prop(into)]
    id: Text,
    /// The visible label: the statement.
    #[prop(into)]
    label: Text,
    /// Whether it is ticked.
    checked: RwSignal<bool>,
) -> impl IntoView {
    let (error, describe) = field_state(&id, false);
    view! {
        <div class=group_class(error)>
            <ErrorMessage id=id.clone() message=error />
            <div class="govuk-checkboxes">
                <div class="govuk-checkboxes__item">
                    <input
                        class="govuk-checkboxes__input"
                        id=id.clone()
                        name=id.clone()
                        type="checkbox"
                        aria-describedby=describe
                        aria-invalid=move || error.get().map(|_| "true")
                        prop:checked=move || checked.get()
                        on:change=move |ev| checked.set(event_target_checked(&ev))
                    />
                    <label class="govuk-label govuk-checkboxes__label" for=id>{label}</label>
                </div>
            </div>
        </div>
    }
}
