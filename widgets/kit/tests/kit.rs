//! The form kit in a real browser (wasm-bindgen-test in headless Chromium): what assistive
//! technology and keyboard users depend on.
#![cfg(target_arch = "wasm32")]

use careform_kit::components::{
    CharacterCount, CheckboxOption, Checkboxes, ErrorSummary, FieldError, RadioOption, Radios, Task, TaskList,
    TaskStatus, TextInput,
};
use leptos::prelude::*;
use wasm_bindgen::JsCast as _;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn container() -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let div = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

/// Lets Leptos's scheduled effects run.
async fn settle() {
    gloo_timers::future::TimeoutFuture::new(20).await;
}

fn attr(root: &web_sys::HtmlElement, selector: &str, name: &str) -> Option<String> {
    root.query_selector(selector).unwrap().unwrap_or_else(|| panic!("no {selector}")).get_attribute(name)
}

#[wasm_bindgen_test]
async fn a_text_input_ties_its_label_hint_and_error_to_the_control() {
    let root = container();
    let value = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    leptos::mount::mount_to(root.clone(), move || {
        view! { <TextInput id="name" label="Your name" hint="As you sign it" value error=Signal::derive(move || error.get()) /> }
    })
    .forget();
    settle().await;
    assert_eq!(attr(&root, "label", "for").as_deref(), Some("name"));
    assert_eq!(attr(&root, "input", "aria-describedby").as_deref(), Some("name-hint"));
    assert_eq!(attr(&root, "input", "aria-invalid"), None);
    assert!(root.query_selector(".govuk-error-message").unwrap().is_none());

    error.set(Some("Enter your name".into()));
    settle().await;
    assert_eq!(attr(&root, "input", "aria-invalid").as_deref(), Some("true"));
    assert_eq!(attr(&root, "input", "aria-describedby").as_deref(), Some("name-hint name-error"));
    let message = root.query_selector("#name-error").unwrap().unwrap();
    assert_eq!(message.text_content().as_deref(), Some("Error: Enter your name"));
    assert_eq!(
        message.query_selector(".govuk-visually-hidden").unwrap().unwrap().text_content().as_deref(),
        Some("Error: "),
        "the prefix is for screen readers, so the error does not rely on colour"
    );

    // Typing updates the answer.
    let input: web_sys::HtmlInputElement = root.query_selector("input").unwrap().unwrap().unchecked_into();
    input.set_value("Ana");
    input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    assert_eq!(value.get_untracked(), "Ana");
}

#[wasm_bindgen_test]
async fn a_radio_reveals_its_conditional_content_only_while_chosen() {
    let root = container();
    let value = RwSignal::new(String::new());
    leptos::mount::mount_to(root.clone(), move || {
        view! {
            <Radios
                id="who"
                legend="Who employs you"
                value
                error=Signal::derive(|| None)
                options=vec![
                    RadioOption { value: "client", label: "My client", reveal: None },
                    RadioOption { value: "agency", label: "An agency", reveal: Some(view! { <p>"Agency name"</p> }.into_any()) },
                ]
            />
        }
    })
    .forget();
    settle().await;
    let reveal = root.query_selector("#who-agency-reveal").unwrap().unwrap();
    assert!(reveal.class_list().contains("govuk-radios__conditional--hidden"));
    assert_eq!(attr(&root, "#who-agency", "aria-controls").as_deref(), Some("who-agency-reveal"));
    assert_eq!(attr(&root, "#who", "name").as_deref(), Some("who"), "the first radio carries the group's id");
    assert!(root.query_selector("legend").unwrap().unwrap().text_content().unwrap().contains("Who employs you"));

    value.set("agency".into());
    settle().await;
    assert!(!reveal.class_list().contains("govuk-radios__conditional--hidden"));
    let agency: web_sys::HtmlInputElement = root.query_selector("#who-agency").unwrap().unwrap().unchecked_into();
    assert!(agency.checked());
}

#[wasm_bindgen_test]
async fn the_error_summary_takes_focus_and_its_links_focus_their_fields() {
    let root = container();
    let errors = RwSignal::new(Vec::<FieldError>::new());
    leptos::mount::mount_to(root.clone(), move || {
        view! {
            <ErrorSummary errors />
            <TextInput id="pa_name" label="Your full name" value=RwSignal::new(String::new()) error=Signal::derive(|| None) />
        }
    })
    .forget();
    settle().await;
    assert!(root.query_selector(".govuk-error-summary").unwrap().is_none(), "no summary without errors");

    errors.set(vec![FieldError { target: "pa_name".into(), message: "Enter your full name".into() }]);
    settle().await;
    let document = web_sys::window().unwrap().document().unwrap();
    let summary = root.query_selector(".govuk-error-summary").unwrap().unwrap();
    assert_eq!(document.active_element().as_ref(), Some(&summary), "focus moves to the summary");
    assert_eq!(summary.query_selector("h2").unwrap().unwrap().text_content().as_deref(), Some("There is a problem"));
    let link: web_sys::HtmlElement = summary.query_selector("a").unwrap().unwrap().unchecked_into();
    assert_eq!(link.get_attribute("href").as_deref(), Some("#pa_name"));
    link.click();
    assert_eq!(document.active_element().map(|e| e.id()).as_deref(), Some("pa_name"));
}

fn type_into(root: &web_sys::HtmlElement, selector: &str, text: &str) {
    let el = root.query_selector(selector).unwrap().unwrap();
    let el: web_sys::HtmlTextAreaElement = el.unchecked_into();
    el.set_value(text);
    el.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
}

#[wasm_bindgen_test]
async fn the_character_count_tells_what_is_left_and_what_is_too_many() {
    let root = container();
    let value = RwSignal::new(String::new());
    leptos::mount::mount_to(root.clone(), move || {
        view! { <CharacterCount id="notes" label="Notes" value max_chars=10 error=Signal::derive(|| None) /> }
    })
    .forget();
    settle().await;
    let info = root.query_selector("#notes-info").unwrap().unwrap();
    assert_eq!(info.text_content().as_deref(), Some("You have 10 characters remaining"));
    assert_eq!(info.get_attribute("aria-live").as_deref(), Some("polite"));
    assert_eq!(attr(&root, "textarea", "aria-describedby").as_deref(), Some("notes-info"));
    type_into(&root, "textarea", "123456789");
    settle().await;
    assert_eq!(info.text_content().as_deref(), Some("You have 1 character remaining"));
    type_into(&root, "textarea", "ééééééééééééé");
    settle().await;
    assert_eq!(info.text_content().as_deref(), Some("You have 3 characters too many"), "counts characters, not bytes");
    assert!(info.class_list().contains("govuk-error-message"));
    assert!(root.query_selector("textarea").unwrap().unwrap().class_list().contains("govuk-textarea--error"));
    assert_eq!(value.get_untracked().chars().count(), 13);
}

#[wasm_bindgen_test]
async fn checkboxes_keep_every_ticked_value_in_option_order_and_reveal_their_content() {
    let root = container();
    let values = RwSignal::new(Vec::<String>::new());
    leptos::mount::mount_to(root.clone(), move || {
        view! {
            <Checkboxes
                id="cover"
                legend="Which insurance do you hold?"
                values
                error=Signal::derive(|| None)
                options=vec![
                    CheckboxOption { value: "public", label: "Public liability", reveal: None },
                    CheckboxOption { value: "employers", label: "Employers' liability", reveal: Some(view! { <p>"Limit"</p> }.into_any()) },
                ]
            />
        }
    })
    .forget();
    settle().await;
    let tick = |selector: &str| {
        let el: web_sys::HtmlInputElement = root.query_selector(selector).unwrap().unwrap().unchecked_into();
        el.click();
    };
    let reveal = root.query_selector("#cover-employers-reveal").unwrap().unwrap();
    assert!(reveal.class_list().contains("govuk-checkboxes__conditional--hidden"));
    tick("#cover-employers");
    tick("#cover");
    settle().await;
    assert_eq!(values.get_untracked(), ["public", "employers"]);
    assert!(!reveal.class_list().contains("govuk-checkboxes__conditional--hidden"));
    tick("#cover-employers");
    settle().await;
    assert_eq!(values.get_untracked(), ["public"]);
    assert!(reveal.class_list().contains("govuk-checkboxes__conditional--hidden"));
}

#[wasm_bindgen_test]
async fn a_task_list_ties_each_status_to_its_link_and_opens_the_task() {
    let root = container();
    let status = RwSignal::new(TaskStatus::NotStarted);
    let opened = RwSignal::new(0);
    leptos::mount::mount_to(root.clone(), move || {
        let tasks = vec![Task {
            id: "workers",
            title: "Add your workers",
            status: status.into(),
            open: Callback::new(move |_| opened.update(|n| *n += 1)),
        }];
        view! { <TaskList tasks /> }
    })
    .forget();
    settle().await;
    let link: web_sys::HtmlElement = root.query_selector("a.govuk-task-list__link").unwrap().unwrap().unchecked_into();
    assert_eq!(link.get_attribute("aria-describedby").as_deref(), Some("workers-status"));
    let status_cell = root.query_selector("#workers-status").unwrap().unwrap();
    assert_eq!(status_cell.text_content().as_deref(), Some("Not yet started"));
    link.click();
    assert_eq!(opened.get_untracked(), 1);
    status.set(TaskStatus::Completed);
    settle().await;
    assert_eq!(status_cell.text_content().as_deref(), Some("Completed"));
    assert!(status_cell.query_selector(".govuk-tag").unwrap().is_none(), "completed tasks show plain text, not a tag");
}

/// The rules' "today" is the council's calendar date, not the browser's or UTC's.
#[wasm_bindgen_test]
fn today_is_the_date_in_the_councils_time_zone() {
    use chrono::NaiveDate;
    // 23:30 UTC on 30 June 2026 is 00:30 on 1 July in London (BST).
    let late = js_sys::Date::new(&"2026-06-30T23:30:00Z".into());
    assert_eq!(careform_kit::today_in(&late, "Europe/London"), NaiveDate::from_ymd_opt(2026, 7, 1));
    assert_eq!(careform_kit::today_in(&late, "UTC"), NaiveDate::from_ymd_opt(2026, 6, 30));
    assert_eq!(careform_kit::today_in(&late, "Not/AZone"), None);
}
