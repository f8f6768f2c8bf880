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
    /// Waits for another task to be finished first: shown without a link.
    CannotStartYet,
}

impl TaskStatus {
    fn label(self) -> &'static str {
        match self {
            TaskStatus::NotStarted => "Not yet started",
            TaskStatus::InProgress => "In progress",
            TaskStatus::Completed => "Completed",
            TaskStatus::Error => "There is a problem",
            TaskStatus::CannotStartYet => "Cannot start yet",
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
            let status = t.status;
            let status_view = move || match status.get() {
                TaskStatus::Completed => view! { <span>{TaskStatus::Completed.label()}</span> }.into_any(),
                // GOV.UK shows this as plain grey text, not a tag.
                TaskStatus::CannotStartYet => view! { <span>{TaskStatus::CannotStartYet.label()}</span> }.into_any(),
                s => {
                    let class =
                        if s == TaskStatus::Error { "govuk-tag govuk-tag--red" } else { "govuk-tag govuk-tag--blue" };
                    view! { <strong class=class>{s.label()}</strong> }.into_any()
                }
            };
            let open = t.open;
            let (id, title) = (t.id, t.title);
            // A memo: the link below is drawn again only when this flips, not at every change of
            // the status (from "Not yet started" to "In progress", say), which would replace
            // the element under a keyboard user's focus, so their Enter went nowhere.
            let blocked = Memo::new(move |_| status.get() == TaskStatus::CannotStartYet);
            let blocked = move || blocked.get();
            // A task that cannot start yet is not a link (GOV.UK task list): nothing to follow.
            let name = move || {
                if blocked() {
                    view! { <span>{title}</span> }.into_any()
                } else {
                    view! {
                        <a
                            class="govuk-link govuk-task-list__link"
                            href=format!("#{id}")
                            aria-describedby=format!("{id}-status")
                            on:click=move |ev| {
                                ev.prevent_default();
                                open.run(());
                            }
                        >
                            {title}
                        </a>
                    }
                    .into_any()
                }
            };
            let item_class = move || {
                if blocked() {
                    "govuk-task-list__item"
                } else {
                    "govuk-task-list__item govuk-task-list__item--with-link"
                }
            };
            let status_class = move || {
                if blocked() {
                    "govuk-task-list__status govuk-task-list__status--cannot-start-yet"
                } else {
                    "govuk-task-list__status"
                }
            };
            view! {
                <li class=item_class data-careform-task=id>
                    <div class="govuk-task-list__name-and-hint">{name}</div>
                    <div class=status_class id=format!("{id}-status")>{status_view}</div>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="govuk-task-list">{items}</ul> }
}
