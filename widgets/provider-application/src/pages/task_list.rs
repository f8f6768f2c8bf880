//! The first page: every section with where it stands, then "Check your answers and send".

use careform_kit::components::{Task, TaskList, TaskStatus};
use leptos::prelude::*;

use super::{PageTitle, go};
use crate::sections::SECTIONS;
use crate::widget::App;

/// The task list.
#[component]
pub(crate) fn TaskListPage(app: App) -> impl IntoView {
    let App { answers, form, .. } = app;
    let open = move |page: &'static str| Callback::new(move |_| go(answers, form.errors, page));
    let tasks = SECTIONS
        .iter()
        .map(|s| Task { id: s.id, title: s.title, status: Signal::derive(move || answers.status(s)), open: open(s.id) })
        .collect();
    let send = vec![Task {
        id: "check",
        title: "Check your answers and send",
        status: Signal::derive(move || {
            if answers.all_completed() { TaskStatus::NotStarted } else { TaskStatus::CannotStartYet }
        }),
        open: open("check"),
    }];
    let count = move || {
        let n = SECTIONS.iter().filter(|s| answers.completed(s.id)).count();
        format!("You have completed {n} of {} sections.", SECTIONS.len())
    };
    view! {
        <PageTitle text="Apply to be a micro-provider" />
        <p class="govuk-body">"Tell us about you and your enterprise, show how you meet the \"Doing it right\" standard, and upload your documents. You can do the sections in any order and come back later: your answers are kept on this device until your application is received."</p>
        <p class="govuk-body" data-careform-progress>{count}</p>
        <h3 class="govuk-heading-m">"Your application"</h3>
        <TaskList tasks />
        <h3 class="govuk-heading-m">"Send your application"</h3>
        <TaskList tasks=send />
    }
}
