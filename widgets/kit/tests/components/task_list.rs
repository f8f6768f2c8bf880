use careform_kit::components::{Task, TaskList, TaskStatus};
use leptos::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{mount, settle};

#[wasm_bindgen_test]
async fn a_task_list_ties_each_status_to_its_link_and_opens_the_task() {
    let status = RwSignal::new(TaskStatus::NotStarted);
    let opened = RwSignal::new(0);
    let ex = mount(move || {
        let tasks = vec![Task {
            id: "workers",
            title: "Add your workers",
            status: status.into(),
            open: Callback::new(move |_| opened.update(|n| *n += 1)),
        }];
        view! { <TaskList tasks /> }
    });
    settle().await;
    assert_eq!(ex.attr("a.govuk-task-list__link", "aria-describedby").as_deref(), Some("workers-status"));
    assert_eq!(ex.text("#workers-status"), "Not yet started");
    ex.assert_accessible().await;
    ex.click("a.govuk-task-list__link");
    assert_eq!(opened.get_untracked(), 1);
    status.set(TaskStatus::Completed);
    settle().await;
    assert_eq!(ex.text("#workers-status"), "Completed");
    assert!(!ex.has("#workers-status .govuk-tag"), "completed tasks show plain text, not a tag");
    status.set(TaskStatus::Error);
    settle().await;
    assert!(ex.has_class("#workers-status .govuk-tag", "govuk-tag--red"));
    ex.assert_accessible().await;
}

#[wasm_bindgen_test]
async fn a_task_that_cannot_start_yet_is_plain_text_until_it_can() {
    let status = RwSignal::new(TaskStatus::CannotStartYet);
    let ex = mount(move || {
        let tasks =
            vec![Task { id: "send", title: "Check and send", status: status.into(), open: Callback::new(|_| ()) }];
        view! { <TaskList tasks /> }
    });
    settle().await;
    assert_eq!(ex.text("#send-status"), "Cannot start yet");
    assert!(!ex.has("a.govuk-task-list__link"), "nothing to follow yet");
    assert!(ex.has_class("#send-status", "govuk-task-list__status--cannot-start-yet"));
    ex.assert_accessible().await;
    status.set(TaskStatus::NotStarted);
    settle().await;
    assert!(ex.has("a.govuk-task-list__link"));
    assert_eq!(ex.text("#send-status"), "Not yet started");
}
