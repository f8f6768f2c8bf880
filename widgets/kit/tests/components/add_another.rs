use careform_kit::components::{
    AddAnother, AddAnotherList, FieldError, List, RowActions, TextInput, indefinite_article,
};
use leptos::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{mount, settle};

/// The example: a list of `noun`s, each a name; the editor is one text input.
fn example(keys: AddAnotherList<String>, draft: RwSignal<String>) -> impl IntoView {
    named(keys, draft, "key")
}

fn named(keys: AddAnotherList<String>, draft: RwSignal<String>, noun: &'static str) -> impl IntoView {
    view! {
        <AddAnother
            rows=keys
            add_id="add_key"
            noun=noun
            name={|k: &String| k.clone()}
            row=move |key| view! {
                <div class="govuk-summary-list__row" data-row=key>
                    <dt class="govuk-summary-list__key">{move || keys.list.get(key).unwrap_or_default()}</dt>
                    <dd class="govuk-summary-list__value">"Held"</dd>
                    <RowActions key />
                </div>
            }
            open={move |k: Option<String>| draft.set(k.unwrap_or_default())}
            save={move |()| {
                let name = draft.get_untracked();
                if name.trim().is_empty() { Err(vec![FieldError::new("key_name", "Enter the key's name")]) } else { Ok(name) }
            }}
        >
            <TextInput id="key_name" label="Which key" value=draft />
        </AddAnother>
    }
}

fn buttons(ex: &crate::support::Example) -> Vec<String> {
    let list = ex.root.query_selector_all("button").unwrap();
    (0..list.length()).filter_map(|i| list.item(i)?.text_content()).collect()
}

#[wasm_bindgen_test]
async fn rows_are_added_changed_and_removed_each_keeping_its_key() {
    let keys = AddAnotherList::new(List::<String>::default());
    let draft = RwSignal::new(String::new());
    let ex = mount(move || example(keys, draft));
    settle().await;
    assert_eq!(buttons(&ex), ["Add a key"]);
    assert!(!ex.has("#key_name"), "the editor opens on demand");
    ex.assert_accessible().await;

    // Saving an empty row shows the editor's own error; the row is not added.
    ex.click("#add_key");
    settle().await;
    assert_eq!(ex.text(".govuk-inset-text h3"), "Add a key");
    ex.click(".govuk-inset-text .govuk-button");
    settle().await;
    assert_eq!(ex.text("#key_name-error"), "Error: Enter the key's name");
    assert!(keys.list.is_empty());
    ex.assert_accessible().await;

    for name in ["Front door", "Key safe"] {
        ex.type_into("#key_name", name);
        ex.click(".govuk-inset-text .govuk-button");
        settle().await;
        if name == "Front door" {
            assert!(ex.errors.get_untracked().is_empty(), "saving clears the editor's errors");
            ex.click("#add_key");
            settle().await;
        }
    }
    assert_eq!(keys.list.values(), ["Front door", "Key safe"]);
    assert_eq!(
        buttons(&ex),
        ["Change Front door", "Remove Front door", "Change Key safe", "Remove Key safe", "Add another key"]
    );
    ex.assert_accessible().await;

    // Change the first: the editor opens with its answer; the row keeps its key and its element.
    let first = ex.find("[data-row=\"0\"]");
    ex.click("[data-row=\"0\"] .govuk-button--secondary");
    settle().await;
    assert_eq!(ex.text(".govuk-inset-text h3"), "Change key");
    assert_eq!(draft.get_untracked(), "Front door");
    ex.type_into("#key_name", "Back door");
    ex.click(".govuk-inset-text .govuk-button");
    settle().await;
    assert_eq!(keys.list.values(), ["Back door", "Key safe"]);
    assert!(first.is_same_node(Some(&ex.find("[data-row=\"0\"]"))), "a changed row is the same row");
    assert_eq!(ex.text("[data-row=\"0\"] dt"), "Back door");
    assert_eq!(ex.text("[data-row=\"0\"] .govuk-button--secondary"), "Change Back door");

    // Remove it: focus goes on to the add button, not lost with the row.
    ex.click("[data-row=\"0\"] .govuk-button--warning");
    settle().await;
    assert_eq!(keys.list.values(), ["Key safe"]);
    let document = web_sys::window().unwrap().document().unwrap();
    assert_eq!(document.active_element().map(|e| e.id()).as_deref(), Some("add_key"));
    assert_eq!(ex.attr("[data-row=\"1\"]", "data-row").as_deref(), Some("1"), "the others keep their keys");
    ex.assert_accessible().await;
}

/// GOV.UK's add-another wording with the right article: "Add an offer", then "Add another offer".
#[wasm_bindgen_test]
async fn a_noun_that_starts_with_a_vowel_takes_an() {
    let offers = AddAnotherList::new(List::<String>::default());
    let draft = RwSignal::new(String::new());
    let ex = mount(move || named(offers, draft, "offer"));
    settle().await;
    assert_eq!(buttons(&ex), ["Add an offer"]);
    ex.click("#add_key");
    settle().await;
    assert_eq!(ex.text(".govuk-inset-text h3"), "Add an offer");
    ex.type_into("#key_name", "Box of chocolates");
    ex.click(".govuk-inset-text .govuk-button");
    settle().await;
    assert_eq!(buttons(&ex), ["Change Box of chocolates", "Remove Box of chocolates", "Add another offer"]);
    for (noun, article) in
        [("offer", "an"), ("Offer", "an"), ("attorney", "an"), ("item", "an"), ("key", "a"), ("worker", "a")]
    {
        assert_eq!(indefinite_article(noun), article, "{noun}");
    }
}
