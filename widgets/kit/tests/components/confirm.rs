use careform_kit::components::Confirm;
use leptos::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{mount, settle};

#[wasm_bindgen_test]
async fn a_confirmation_is_one_labelled_checkbox_with_its_error() {
    let checked = RwSignal::new(false);
    let ex =
        mount(move || view! { <Confirm id="confirm" label="I have read the code and I will follow it" checked /> });
    settle().await;
    assert_eq!(ex.attr("label", "for").as_deref(), Some("confirm"));
    assert_eq!(ex.attr("input", "type").as_deref(), Some("checkbox"));
    assert_eq!(ex.attr("input", "aria-describedby"), None);
    ex.assert_accessible().await;

    ex.fail("confirm", "Confirm you have read the code");
    settle().await;
    assert_eq!(ex.attr("input", "aria-describedby").as_deref(), Some("confirm-error"));
    assert_eq!(ex.attr("input", "aria-invalid").as_deref(), Some("true"));
    assert_eq!(ex.text("#confirm-error"), "Error: Confirm you have read the code");
    ex.assert_accessible().await;

    ex.click("input");
    assert!(checked.get_untracked());
}
