//! GOV.UK error summary.

use leptos::prelude::*;
use wasm_bindgen::JsCast as _;

use super::{FieldError, focus_by_id, use_errors};

/// One problem as a link that focuses its field.
fn problem_link(e: FieldError) -> impl IntoView {
    let target = e.target.clone();
    view! {
        <li>
            <a
                href=format!("#{}", e.target)
                on:click=move |ev| {
                    ev.prevent_default();
                    if let Some(el) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
                        focus_by_id(&el, &target);
                    }
                }
            >
                {e.message}
            </a>
        </li>
    }
}

/// The form's error summary (its errors from context): listed at the top, focused when it
/// appears, each link focusing its field.
#[component]
pub fn ErrorSummary() -> impl IntoView {
    let errors = use_errors();
    let summary = NodeRef::<leptos::html::Div>::new();
    // Move focus to the summary each time a new set of errors is shown.
    Effect::new(move |_| {
        if !errors.with(Vec::is_empty)
            && let Some(el) = summary.get()
        {
            let _ = el.focus();
        }
    });
    move || {
        (!errors.with(Vec::is_empty)).then(|| {
            view! {
                <div class="govuk-error-summary" node_ref=summary tabindex="-1">
                    <div role="alert">
                        <h2 class="govuk-error-summary__title">"There is a problem"</h2>
                        <div class="govuk-error-summary__body">
                            <ul class="govuk-list govuk-error-summary__list">
                                {errors.get().into_iter().map(problem_link).collect_view()}
                            </ul>
                        </div>
                    </div>
                </div>
            }
        })
    }
}
