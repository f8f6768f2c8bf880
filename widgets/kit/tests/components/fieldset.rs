use careform_kit::components::Fieldset;
use leptos::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{mount, settle};

#[wasm_bindgen_test]
async fn a_fieldset_names_its_group_and_describes_it_by_hint_and_error() {
    let ex = mount(|| {
        view! {
            <Fieldset id="contact" legend="How should we contact you?" hint=Some("Choose one".into())>
                <label class="govuk-label" for="contact-email">"Email"</label>
                <input class="govuk-input" id="contact-email" type="text" />
            </Fieldset>
        }
    });
    settle().await;
    assert_eq!(ex.text("legend"), "How should we contact you?");
    assert_eq!(ex.attr("fieldset", "role"), None, "only a group of parts of one answer is a group");
    assert_eq!(ex.attr("fieldset", "aria-describedby").as_deref(), Some("contact-hint"));
    ex.assert_accessible().await;
    ex.fail("contact", "Select how we should contact you");
    settle().await;
    assert_eq!(ex.attr("fieldset", "aria-describedby").as_deref(), Some("contact-hint contact-error"));
    assert!(ex.has_class(".govuk-form-group", "govuk-form-group--error"));
    ex.assert_accessible().await;
}
