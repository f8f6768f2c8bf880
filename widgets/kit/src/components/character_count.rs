//! GOV.UK character count: a textarea that says how much room is left.

use leptos::prelude::*;

use super::{ErrorMessage, Text, field_state, group_class, hint_view};

/// "You have 3 characters remaining" / "You have 1 character too many".
fn count_message(remaining: i64) -> String {
    let plural = |n: i64| if n == 1 { "" } else { "s" };
    if remaining >= 0 {
        format!("You have {remaining} character{} remaining", plural(remaining))
    } else {
        format!("You have {} character{} too many", -remaining, plural(-remaining))
    }
}

/// A textarea with GOV.UK's character count: a live message says how many characters are left
/// (or how many too many), announced politely to screen readers.
#[component]
pub fn CharacterCount(
    /// The control's id (and `name`); hint, count and error ids derive from it, and its error is
    /// found by it.
    #[prop(into)]
    id: Text,
    /// The visible label.
    #[prop(into)]
    label: Text,
    /// The answer.
    value: RwSignal<String>,
    /// The most characters allowed.
    max_chars: usize,
    /// Hint text under the label.
    #[prop(optional, into)]
    hint: Option<Text>,
) -> impl IntoView {
    let (error, described_by) = field_state(&id, hint.is_some());
    let remaining = move || max_chars as i64 - value.with(|v| v.chars().count() as i64);
    let message_class = move || {
        if remaining() < 0 {
            "govuk-error-message govuk-character-count__message"
        } else {
            "govuk-hint govuk-character-count__message"
        }
    };
    let textarea_class = move || {
        if error.get().is_some() || remaining() < 0 { "govuk-textarea govuk-textarea--error" } else { "govuk-textarea" }
    };
    let info = format!("{id}-info");
    let describe = move || match described_by() {
        Some(ids) => format!("{ids} {info}"),
        None => info.clone(),
    };
    let group = group_class(error);
    view! {
        <div class=move || format!("{} govuk-character-count", group())>
            <label class="govuk-label" for=id.clone()>{label}</label>
            {hint_view(&id, hint)}
            <ErrorMessage id=id.clone() message=error />
            <textarea
                class=textarea_class
                id=id.clone()
                name=id.clone()
                rows="5"
                aria-describedby=describe
                aria-invalid=move || error.get().map(|_| "true")
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
            <div id=format!("{id}-info") class=message_class aria-live="polite">{move || count_message(remaining())}</div>
        </div>
    }
}
