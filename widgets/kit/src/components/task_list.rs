//! GOV.UK task list: each task a link with its status.

use leptos::prelude::*;

/// Where a task of a task list stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskStatus {
    /// Not begun.
    NotStarted,
    /// Begun but not finished.
    InProgress,
    /// Finished.
    Completed,
    /// Has a problem to fix.
    Error,
}

impl TaskStatus {
    fn label(self) -> &'static str {
        match self {
            TaskStatus::NotStarted => "Not yet started",
            TaskStatus::InProgress => "In progress",
            TaskStatus::Completed => "Completed",
            TaskStatus::Error => "There is a problem",
        }
    }
}

/// One task of a task list.
pub struct Task {
    /// A unique id for the task.
    pub id: &'static str,
    /// The task's name, a link to it.
    pub title: &'static str,
    /// Its status.
    pub status: Signal<TaskStatus>,
    /// What choosing the task does (show its section).
    pub open: Callback<()>,
}

/// GOV.UK task list: each task a link with its status, the status tied to the link for screen readers.
#[component]
pub fn TaskList(
    /// The tasks, in order.
    tasks: Vec<Task>,
) -> impl IntoView {
    let items = tasks
        .into_iter()
        .map(|t| {
            let status_id = format!("{}-status", t.id);
            let status = t.status;
            let status_view = move || match status.get() {
                TaskStatus::Completed => view! { <span>{TaskStatus::Completed.label()}</span> }.into_any(),
                s => {
                    let class =
                        if s == TaskStatus::Error { "govuk-tag govuk-tag--red" } else { "govuk-tag govuk-tag--blue" };
                    view! { <strong class=class>{s.label()}</strong> }.into_any()
                }
            };
            let open = t.open;
            view! {
                <li class="govuk-task-list__item govuk-task-list__item--with-link">
                    <div class="govuk-task-list__name-and-hint">
                        <a
                            class="govuk-link govuk-task-list__link"
                            href=format!("#{}", t.id)
                            aria-describedby=status_id.clone()
                            on:click=move |ev| {
                                ev.prevent_default();
                                open.run(());
                            }
                        >
                            {t.title}
                        </a>
                    </div>
                    <div class="govuk-task-list__status" id=status_id>{status_view}</div>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="govuk-task-list">{items}</ul> }
}
