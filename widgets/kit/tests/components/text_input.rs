use careform_kit::components::TextInput;
use leptos::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{mount, settle};

#[wasm_bindgen_test]
async fn a_text_input_ties_its_label_hint_and_error_to_the_control() {
    let value = RwSignal::new(String::new());
    let ex = mount(
        move || view! { <TextInput id="name" label="Your name" hint="As you sign it" value autocomplete="name" /> },
    );
    settle().await;
    assert_eq!(ex.attr("label", "for").as_deref(), Some("name"));
    assert_eq!(ex.attr("input", "name").as_deref(), Some("name"));
    assert_eq!(ex.attr("input", "aria-describedby").as_deref(), Some("name-hint"));
    assert_eq!(ex.attr("input", "aria-invalid"), None);
    assert!(!ex.has(".govuk-error-message"));
    ex.assert_accessible().await;

    // The error comes from the form's errors, found by the field's id.
    ex.fail("name", "Enter your name");
    settle().await;
    assert_eq!(ex.attr("input", "aria-invalid").as_deref(), Some("true"));
    assert_eq!(ex.attr("input", "aria-describedby").as_deref(), Some("name-hint name-error"));
    assert_eq!(ex.text("#name-error"), "Error: Enter your name");
    assert_eq!(ex.text("#name-error .govuk-visually-hidden"), "Error: ", "the prefix does not rely on colour");
    assert!(ex.has_class(".govuk-form-group", "govuk-form-group--error"));
    assert!(ex.has_class("input", "govuk-input--error"));
    ex.assert_accessible().await;

    ex.type_into("input", "Ana");
    assert_eq!(value.get_untracked(), "Ana");
}

#[wasm_bindgen_test]
async fn a_text_input_takes_an_id_built_at_run_time_and_ignores_other_fields_errors() {
    let row = 3;
    let ex = mount(move || {
        view! { <TextInput id=format!("offer-{row}-value") label="Value" value=RwSignal::new(String::new()) width_class="govuk-input--width-10" /> }
    });
    ex.fail("offer-2-value", "Enter the value of the second offer");
    settle().await;
    assert_eq!(ex.attr("input", "id").as_deref(), Some("offer-3-value"));
    assert_eq!(ex.attr("input", "aria-invalid"), None, "another row's error is not this row's");
    assert!(ex.has_class("input", "govuk-input--width-10"));
    ex.assert_accessible().await;
}
