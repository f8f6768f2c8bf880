use careform_kit::components::{Verdict, outcome_tag};
use careform_rules::Outcome;
use leptos::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{mount, settle};

#[wasm_bindgen_test]
async fn a_verdict_says_the_outcome_in_words_and_marks_it_for_scripts() {
    let ex = mount(|| {
        let (class, label) = outcome_tag(Outcome::Warn);
        view! {
            <Verdict outcome=Outcome::Fail />
            <p class="govuk-body"><strong class=class>{label}</strong>" The certificate is 11 digits"</p>
        }
    });
    settle().await;
    assert_eq!(ex.attr("[data-careform-outcome]", "data-careform-outcome").as_deref(), Some("fail"));
    assert_eq!(ex.text("[data-careform-outcome] strong"), "Problems to fix", "words, not colour alone");
    assert!(ex.has_class("[data-careform-outcome] strong", "govuk-tag--red"));
    assert_eq!(ex.text("p:nth-of-type(2) strong"), "Check");
    ex.assert_accessible().await;
}
