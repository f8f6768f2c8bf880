//! GOV.UK radios, and the option type radios and checkboxes share (with conditional reveal).

use leptos::prelude::*;

use super::{Fieldset, Text};

/// One option of a radio or checkbox group; `reveal` is shown beneath it while it is chosen.
pub struct ChoiceOption {
    /// The value stored.
    pub value: &'static str,
    /// The label shown.
    pub label: Text,
    /// Content revealed when chosen (GOV.UK conditional reveal).
    pub reveal: Option<AnyView>,
}

/// An option of [`Radios`].
pub type RadioOption = ChoiceOption;

impl ChoiceOption {
    /// The option `value`, labelled `label`, revealing nothing.
    pub fn new(value: &'static str, label: impl Into<Text>) -> Self {
        ChoiceOption { value, label: label.into(), reveal: None }
    }

    /// This option, showing `content` beneath it while it is chosen.
    pub fn reveal(self, content: impl IntoView + 'static) -> Self {
        ChoiceOption { reveal: Some(content.into_any()), ..self }
    }

    /// Options from `(value, label)` pairs, in order.
    pub fn list(pairs: &[(&'static str, &'static str)]) -> Vec<Self> {
        pairs.iter().map(|&(value, label)| ChoiceOption::new(value, label)).collect()
    }

    /// "Yes" (`yes`) and "No" (`no`).
    pub fn yes_no() -> Vec<Self> {
        Self::list(&[("yes", "Yes"), ("no", "No")])
    }
}

/// The input id of option `value` in group `id`: the first option carries the group's own id,
/// so the error summary's link focuses it.
pub(crate) fn option_id(id: &str, index: usize, value: &str) -> String {
    if index == 0 { id.to_owned() } else { format!("{id}-{value}") }
}

/// GOV.UK's conditional reveal under a radio or checkbox (`kind`: `radios` or `checkboxes`).
pub(crate) fn reveal_view(
    kind: &'static str,
    id: String,
    shown: impl Fn() -> bool + Send + Sync + 'static,
    content: AnyView,
) -> impl IntoView {
    let class = move || {
        if shown() {
            format!("govuk-{kind}__conditional")
        } else {
            format!("govuk-{kind}__conditional govuk-{kind}__conditional--hidden")
        }
    };
    view! { <div class=class id=id>{content}</div> }
}

/// One radio or checkbox (`kind`: `radios` or `checkboxes`) with its label and, beneath it,
/// what it reveals while `checked`.
pub(crate) fn choice_item<C, F>(
    kind: &'static str,
    group: &str,
    index: usize,
    option: ChoiceOption,
    checked: C,
    on_change: F,
) -> impl IntoView + use<C, F>
where
    C: Fn() -> bool + Copy + Send + Sync + 'static,
    F: Fn(bool) + 'static,
{
    let input_id = option_id(group, index, option.value);
    let reveal_id = format!("{group}-{}-reveal", option.value);
    let controls = option.reveal.is_some().then(|| reveal_id.clone());
    let reveal = option.reveal.map(|content| reveal_view(kind, reveal_id, checked, content));
    view! {
        <div class=format!("govuk-{kind}__item")>
            <input
                class=format!("govuk-{kind}__input")
                id=input_id.clone()
                name=group.to_owned()
                type=if kind == "radios" { "radio" } else { "checkbox" }
                value=option.value
                aria-controls=controls
                prop:checked=checked
                on:change=move |ev| on_change(event_target_checked(&ev))
            />
            <label class=format!("govuk-label govuk-{kind}__label") for=input_id>{option.label}</label>
        </div>
        {reveal}
    }
}

/// Radios in a fieldset with a legend: one answer from a few.
#[component]
pub fn Radios(
    /// The group's id (and `name`); the first radio carries it, and its error is found by it.
    #[prop(into)]
    id: Text,
    /// The fieldset's legend: the question.
    #[prop(into)]
    legend: Text,
    /// The answer: the chosen option's value, empty while none is.
    value: RwSignal<String>,
    /// The choices, in order.
    options: Vec<RadioOption>,
    /// Hint text under the legend.
    #[prop(optional, into)]
    hint: Option<Text>,
    /// Lay short choices side by side.
    #[prop(optional)]
    inline: bool,
) -> impl IntoView {
    let items = options
        .into_iter()
        .enumerate()
        .map(|(i, option)| {
            let v = option.value;
            choice_item("radios", &id, i, option, move || value.get() == v, move |_| value.set(v.to_owned()))
        })
        .collect_view();
    view! {
        <Fieldset id legend hint>
            <div class=if inline { "govuk-radios govuk-radios--inline" } else { "govuk-radios" }>{items}</div>
        </Fieldset>
    }
}
