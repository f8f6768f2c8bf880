use careform_kit::components::{ErrorSummary, FieldError, TextInput};
use leptos::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{mount, settle};

#[wasm_bindgen_test]
async fn the_error_summary_takes_focus_and_its_links_focus_their_fields() {
    let ex = mount(|| {
        view! {
            <ErrorSummary />
            <TextInput id="pa_name" label="Your full name" value=RwSignal::new(String::new()) />
            <TextInput id="client_name" label="Your client's name" value=RwSignal::new(String::new()) />
        }
    });
    settle().await;
    assert!(!ex.has(".govuk-error-summary"), "no summary without errors");

    ex.errors.set(vec![
        FieldError::new("pa_name", "Enter your full name"),
        FieldError::new("client_name", "Enter your client's name"),
    ]);
    settle().await;
    let document = web_sys::window().unwrap().document().unwrap();
    let summary = ex.find(".govuk-error-summary");
    assert_eq!(document.active_element().as_ref(), Some(summary.as_ref()), "focus moves to the summary");
    assert_eq!(ex.text(".govuk-error-summary h2"), "There is a problem");
    assert_eq!(ex.attr(".govuk-error-summary [role=alert]", "role").as_deref(), Some("alert"));
    assert_eq!(ex.attr(".govuk-error-summary li:nth-child(2) a", "href").as_deref(), Some("#client_name"));
    ex.assert_accessible().await;
    ex.click(".govuk-error-summary li:nth-child(2) a");
    assert_eq!(document.active_element().map(|e| e.id()).as_deref(), Some("client_name"));

    ex.errors.set(Vec::new());
    settle().await;
    assert!(!ex.has(".govuk-error-summary"), "fixed: the summary goes");
}
