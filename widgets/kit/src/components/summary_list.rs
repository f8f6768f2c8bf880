//! GOV.UK summary list rows ("check your answers", a receipt's details).

use leptos::prelude::*;

/// One row of a summary list: a label and its answer.
#[component]
pub fn SummaryRow(
    /// The row's label.
    #[prop(into)]
    key: Oco<'static, str>,
    /// The answer.
    #[prop(into)]
    value: String,
) -> impl IntoView {
    view! {
        <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">{key}</dt>
            <dd class="govuk-summary-list__value">{value}</dd>
        </div>
    }
}
