//! GOV.UK text input.

use leptos::prelude::*;

use super::{ErrorMessage, Text, field_state, group_class, hint_view, input_class};

/// A text input with label, optional hint and its error.
#[component]
pub fn TextInput(
    /// The control's id (and `name`); hint and error ids derive from it, and its error is found by it.
    #[prop(into)]
    id: Text,
    /// The visible label.
    #[prop(into)]
    label: Text,
    /// The answer.
    value: RwSignal<String>,
    /// Hint text under the label.
    #[prop(optional, into)]
    hint: Option<Text>,
    /// The `autocomplete` token, e.g. `name`.
    #[prop(optional)]
    autocomplete: Option<&'static str>,
    /// A GOV.UK width class, e.g. `govuk-input--width-10`.
    #[prop(optional)]
    width_class: Option<&'static str>,
) -> impl IntoView {
    let (error, describe) = field_state(&id, hint.is_some());
    view! {
        <div class=group_class(error)>
            <label class="govuk-label" for=id.clone()>{label}</label>
            {hint_view(&id, hint)}
            <ErrorMessage id=id.clone() message=error />
            <input
                class=input_class("govuk-input", width_class, error)
                id=id.clone()
                name=id
                type="text"
                spellcheck="false"
                autocomplete=autocomplete
                aria-describedby=describe
                aria-invalid=move || error.get().map(|_| "true")
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </div>
    }
}
