use careform_kit::components::Problems;
use careform_rules::registry::{KH_03, KH_04, KH_20};
use careform_rules::{Finding, Outcome};
use leptos::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{mount, settle};

#[wasm_bindgen_test]
async fn problems_list_what_to_act_on_with_rule_source_and_marks_and_leave_notes_out() {
    let findings = vec![
        Finding::new(&KH_04, Outcome::Info, "Record the alternatives considered"),
        Finding::new(&KH_03, Outcome::Warn, "The keys have been held for 10 days"),
        Finding::new(&KH_20, Outcome::Fail, "Change the tag"),
    ];
    let ex = mount(move || view! { <Problems findings /> });
    settle().await;
    assert_eq!(ex.attr("li:nth-of-type(1)", "data-careform-rule").as_deref(), Some("KH-03"), "a note is left out");
    assert_eq!(ex.attr("li:nth-of-type(1)", "data-careform-outcome").as_deref(), Some("warn"));
    assert_eq!(ex.attr("li:nth-of-type(2)", "data-careform-outcome").as_deref(), Some("fail"));
    assert_eq!(ex.text("li:nth-of-type(2) strong"), "Not met", "words, not colour alone");
    assert!(ex.text("li:nth-of-type(1) .govuk-hint").contains(&format!("KH-03. Source: {}", KH_03.source())));
    ex.assert_accessible().await;
}

#[wasm_bindgen_test]
async fn no_problems_says_so() {
    let ex = mount(|| view! { <Problems findings=vec![Finding::new(&KH_04, Outcome::Info, "a note")] /> });
    settle().await;
    assert!(!ex.has("li"));
    assert_eq!(ex.text("p"), "No problems found.");
    ex.assert_accessible().await;
}
