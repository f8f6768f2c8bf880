use careform_kit::components::{CheckboxOption, Checkboxes};
use leptos::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{mount, settle};

#[wasm_bindgen_test]
async fn checkboxes_keep_every_ticked_value_in_option_order_and_reveal_their_content() {
    let values = RwSignal::new(Vec::<String>::new());
    let ex = mount(move || {
        view! {
            <Checkboxes
                id="cover"
                legend="Which insurance do you hold?"
                values
                options=vec![
                    CheckboxOption::new("public", "Public liability"),
                    CheckboxOption::new("employers", "Employers' liability").reveal(view! { <p>"Limit"</p> }),
                ]
            />
        }
    });
    settle().await;
    assert!(ex.has_class("#cover-employers-reveal", "govuk-checkboxes__conditional--hidden"));
    ex.assert_accessible().await;
    ex.click("#cover-employers");
    ex.click("#cover");
    settle().await;
    assert_eq!(values.get_untracked(), ["public", "employers"]);
    assert!(!ex.has_class("#cover-employers-reveal", "govuk-checkboxes__conditional--hidden"));
    ex.click("#cover-employers");
    settle().await;
    assert_eq!(values.get_untracked(), ["public"]);
    assert!(ex.has_class("#cover-employers-reveal", "govuk-checkboxes__conditional--hidden"));

    ex.fail("cover", "Select the insurance you hold");
    settle().await;
    assert_eq!(ex.text("#cover-error"), "Error: Select the insurance you hold");
    ex.assert_accessible().await;
}
