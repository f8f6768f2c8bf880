use careform_kit::Config;
use careform_kit::components::{DateParts, FieldError, List, TextInput};
use careform_kit::form::{Form, FormPage, Wording, use_form};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast as _;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{mount, settle};

/// An example form's answers: text, a date and a list, as a widget keeps them.
#[derive(Clone, Copy, Default, Serialize, Deserialize)]
#[serde(default)]
struct Answers {
    name: RwSignal<String>,
    born: DateParts,
    keys: List<String>,
}

fn config() -> Config {
    serde_json::from_str(r#"{"endpoint":"http://127.0.0.1:9","origin":"http://127.0.0.1:9"}"#).unwrap()
}

fn example(on_mount: impl FnOnce(Form, Answers) + 'static) -> impl IntoView {
    let (form, answers): (Form, Answers) = use_form(&careform_rules::pa::DEFINITION, &config());
    on_mount(form, answers);
    let wording = Wording {
        what: "example",
        title: "Example received",
        note: "A note.",
        draft: "Your answers are kept on this device as you type.",
        send: "Send example",
    };
    let on_send = move || {
        let ok = form.check(if answers.name.get_untracked().is_empty() {
            vec![FieldError::new("name", "Enter your name")]
        } else {
            vec![]
        });
        assert!(!ok, "the example never sends");
    };
    view! {
        <FormPage form wording on_send>
            <TextInput id="name" label="Your name" value=answers.name />
        </FormPage>
    }
}

#[wasm_bindgen_test]
async fn the_answers_are_kept_as_the_draft_and_come_back_on_the_next_load() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.clear().unwrap();
    let first = RwSignal::new(None::<Answers>);
    let ex = mount(move || example(move |_, a| first.set(Some(a))));
    settle().await;
    assert_eq!(ex.attr("[data-careform-draft]", "data-careform-draft").as_deref(), Some(""));
    ex.type_into("#name", "Ana");
    let answers = first.get_untracked().unwrap();
    answers.born.set_text("1990-02-03");
    answers.keys.push("Front door".into());
    settle().await;
    drop(ex);

    let again = RwSignal::new(None::<Answers>);
    let ex = mount(move || example(move |_, a| again.set(Some(a))));
    settle().await;
    let restored = again.get_untracked().unwrap();
    assert_eq!(restored.name.get_untracked(), "Ana");
    assert_eq!(restored.born.text(), "1990-02-03");
    assert_eq!(restored.keys.values(), ["Front door"]);
    assert_eq!(ex.find("#name").unchecked_into::<web_sys::HtmlInputElement>().value(), "Ana");
    storage.clear().unwrap();
}

#[wasm_bindgen_test]
async fn pressing_send_shows_the_problems_in_the_summary_and_beside_the_field() {
    web_sys::window().unwrap().local_storage().unwrap().unwrap().clear().unwrap();
    let ex = mount(|| example(|_, _| {}));
    settle().await;
    ex.assert_accessible().await;
    ex.click("button[type=submit]");
    settle().await;
    assert_eq!(ex.text(".govuk-error-summary a"), "Enter your name");
    assert_eq!(ex.text("#name-error"), "Error: Enter your name");
    ex.assert_accessible().await;
}
