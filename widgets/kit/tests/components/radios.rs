use careform_kit::components::{RadioOption, Radios};
use leptos::prelude::*;
use wasm_bindgen::JsCast as _;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{mount, settle};

fn example(value: RwSignal<String>) -> impl IntoView {
    view! {
        <Radios
            id="who"
            legend="Who employs you"
            hint="Choose one"
            value
            options=vec![
                RadioOption::new("client", "My client"),
                RadioOption::new("agency", "An agency").reveal(view! { <p>"Agency name"</p> }),
            ]
        />
    }
}

#[wasm_bindgen_test]
async fn a_radio_reveals_its_conditional_content_only_while_chosen() {
    let value = RwSignal::new(String::new());
    let ex = mount(move || example(value));
    settle().await;
    assert!(ex.has_class("#who-agency-reveal", "govuk-radios__conditional--hidden"));
    assert_eq!(ex.attr("#who-agency", "aria-controls").as_deref(), Some("who-agency-reveal"));
    assert_eq!(ex.attr("#who", "aria-controls"), None, "only options with content control it");
    assert_eq!(ex.attr("#who", "name").as_deref(), Some("who"), "the first radio carries the group's id");
    assert!(ex.text("legend").contains("Who employs you"));
    assert_eq!(ex.attr("fieldset", "aria-describedby").as_deref(), Some("who-hint"));
    ex.assert_accessible().await;

    ex.click("#who-agency");
    settle().await;
    assert_eq!(value.get_untracked(), "agency");
    assert!(!ex.has_class("#who-agency-reveal", "govuk-radios__conditional--hidden"));
    ex.assert_accessible().await;

    value.set("client".into());
    settle().await;
    let client: web_sys::HtmlInputElement = ex.find("#who").unchecked_into();
    assert!(client.checked());
}

#[wasm_bindgen_test]
async fn radios_show_their_error_on_the_fieldset() {
    let ex = mount(
        || view! { <Radios id="drives" legend="Do you drive clients?" value=RwSignal::new(String::new()) inline=true options=RadioOption::yes_no() /> },
    );
    ex.fail("drives", "Select whether you drive clients");
    settle().await;
    assert_eq!(ex.attr("fieldset", "aria-describedby").as_deref(), Some("drives-error"));
    assert_eq!(ex.text("#drives-error"), "Error: Select whether you drive clients");
    assert!(ex.has_class(".govuk-radios", "govuk-radios--inline"));
    assert_eq!(ex.attr("#drives-no", "value").as_deref(), Some("no"));
    ex.assert_accessible().await;
}
