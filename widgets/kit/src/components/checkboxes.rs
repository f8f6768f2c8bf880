//! GOV.UK checkboxes: any number of choices.

use leptos::prelude::*;

use super::radios::choice_item;
use super::{ChoiceOption, Fieldset, Text};

/// An option of [`Checkboxes`].
pub type CheckboxOption = ChoiceOption;

/// Checkboxes in a fieldset with a legend: any number of choices.
#[component]
pub fn Checkboxes(
    /// The group's id (and `name`); the first checkbox carries it, and its error is found by it.
    #[prop(into)]
    id: Text,
    /// The fieldset's legend: the question.
    #[prop(into)]
    legend: Text,
    /// The values ticked, in option order.
    values: RwSignal<Vec<String>>,
    /// The choices, in order.
    options: Vec<CheckboxOption>,
    /// Hint text under the legend.
    #[prop(optional, into)]
    hint: Option<Text>,
) -> impl IntoView {
    let order: Vec<&'static str> = options.iter().map(|o| o.value).collect();
    let items = options
        .into_iter()
        .enumerate()
        .map(|(i, option)| {
            let v = option.value;
            let ticked = move || values.with(|vs| vs.iter().any(|x| x == v));
            let order = order.clone();
            let tick = move |on: bool| {
                values.update(|vs| {
                    vs.retain(|x| x != v);
                    if on {
                        vs.push(v.to_owned());
                        // Keep the answers in the order the options are shown.
                        vs.sort_by_key(|x| order.iter().position(|o| o == x));
                    }
                })
            };
            choice_item("checkboxes", &id, i, option, ticked, tick)
        })
        .collect_view();
    view! {
        <Fieldset id legend hint>
            <div class="govuk-checkboxes">{items}</div>
        </Fieldset>
    }
}
