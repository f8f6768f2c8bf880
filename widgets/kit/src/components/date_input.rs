//! GOV.UK date input: day, month and year as three inputs, as GOV.UK asks for memorable dates.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::{Fieldset, Text, error_for, input_class};

/// A date as typed: day, month and year, each as the person wrote it.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DateParts {
    /// The day, `1` to `31` as typed.
    pub day: RwSignal<String>,
    /// The month, `1` to `12` as typed.
    pub month: RwSignal<String>,
    /// The year, four digits as typed.
    pub year: RwSignal<String>,
}

impl DateParts {
    /// `YYYY-MM-DD` (empty when all three parts are); the rules judge whether it is a real date.
    pub fn text(&self) -> String {
        let (d, m, y) = (self.day.get(), self.month.get(), self.year.get());
        if d.trim().is_empty() && m.trim().is_empty() && y.trim().is_empty() {
            return String::new();
        }
        format!("{:0>4}-{:0>2}-{:0>2}", y.trim(), m.trim(), d.trim())
    }

    /// Puts a `YYYY-MM-DD` back into the three parts (empties them for anything else).
    pub fn set_text(&self, text: &str) {
        let parts: Vec<&str> = text.split('-').collect();
        let [y, m, d] = parts[..] else { return self.clear() };
        self.year.set(y.to_owned());
        self.month.set(m.trim_start_matches('0').to_owned());
        self.day.set(d.trim_start_matches('0').to_owned());
    }

    /// Empties all three parts.
    pub fn clear(&self) {
        for part in [self.day, self.month, self.year] {
            part.set(String::new());
        }
    }
}

/// A date as three inputs (day, month, year) in a fieldset with `role="group"`. The day input
/// carries the group's id, so the error summary can focus it; the others are `{id}-month` and
/// `{id}-year`.
#[component]
pub fn DateInput(
    /// The date's id; hint and error ids derive from it, and its error is found by it.
    #[prop(into)]
    id: Text,
    /// The fieldset's legend: the question.
    #[prop(into)]
    legend: Text,
    /// The answer.
    value: DateParts,
    /// Hint text under the legend.
    #[prop(optional, into)]
    hint: Option<Text>,
) -> impl IntoView {
    let error = error_for(id.to_string());
    let part = |suffix: &'static str, label: &'static str, signal: RwSignal<String>, width: &'static str| {
        let part_id = format!("{id}-{suffix}");
        let input_id = if suffix == "day" { id.to_string() } else { part_id.clone() };
        view! {
            <div class="govuk-date-input__item">
                <div class="govuk-form-group">
                    <label class="govuk-label govuk-date-input__label" for=input_id.clone()>{label}</label>
                    <input
                        class=input_class("govuk-input govuk-date-input__input", Some(width), error)
                        id=input_id
                        name=part_id
                        type="text"
                        inputmode="numeric"
                        aria-invalid=move || error.get().map(|_| "true")
                        prop:value=move || signal.get()
                        on:input=move |ev| signal.set(event_target_value(&ev))
                    />
                </div>
            </div>
        }
    };
    let parts = view! {
        <div class="govuk-date-input">
            {part("day", "Day", value.day, "govuk-input--width-2")}
            {part("month", "Month", value.month, "govuk-input--width-2")}
            {part("year", "Year", value.year, "govuk-input--width-4")}
        </div>
    };
    view! { <Fieldset id legend hint group=true>{parts}</Fieldset> }
}
