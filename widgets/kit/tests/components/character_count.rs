use careform_kit::components::CharacterCount;
use leptos::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{mount, settle};

#[wasm_bindgen_test]
async fn the_character_count_tells_what_is_left_and_what_is_too_many() {
    let value = RwSignal::new(String::new());
    let ex = mount(move || view! { <CharacterCount id="notes" label="Notes" value max_chars=10 /> });
    settle().await;
    assert_eq!(ex.text("#notes-info"), "You have 10 characters remaining");
    assert_eq!(ex.attr("#notes-info", "aria-live").as_deref(), Some("polite"));
    assert_eq!(ex.attr("textarea", "aria-describedby").as_deref(), Some("notes-info"));
    ex.assert_accessible().await;
    ex.type_into("textarea", "123456789");
    settle().await;
    assert_eq!(ex.text("#notes-info"), "You have 1 character remaining");
    ex.type_into("textarea", "ééééééééééééé");
    settle().await;
    assert_eq!(ex.text("#notes-info"), "You have 3 characters too many", "counts characters, not bytes");
    assert!(ex.has_class("#notes-info", "govuk-error-message"));
    assert!(ex.has_class("textarea", "govuk-textarea--error"));
    assert_eq!(value.get_untracked().chars().count(), 13);
    ex.assert_accessible().await;
}

#[wasm_bindgen_test]
async fn the_character_count_adds_hint_and_error_to_its_description() {
    let ex = mount(
        || view! { <CharacterCount id="tasks" label="Tasks" hint="One per line" value=RwSignal::new(String::new()) max_chars=100 /> },
    );
    ex.fail("tasks", "Enter at least one task, one per line");
    settle().await;
    assert_eq!(ex.attr("textarea", "aria-describedby").as_deref(), Some("tasks-hint tasks-error tasks-info"));
    assert_eq!(ex.attr("textarea", "aria-invalid").as_deref(), Some("true"));
    ex.assert_accessible().await;
}
