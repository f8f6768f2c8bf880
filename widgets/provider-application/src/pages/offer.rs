//! What you offer: the tasks, one a line, each classified as it is typed by the task scope
//! checker (the same function `<careform-task-scope>`, the CLI and the server run).

use careform_kit::components::CharacterCount;
use careform_kit::parts::TaskResult;
use careform_kit::today;
use careform_rules::task_scope::{Plan, Task, check_plan};
use leptos::prelude::*;

use crate::widget::App;

/// The longest task list the text box takes.
const MAX_TASKS_CHARS: usize = 20_000;

/// The tasks and their classes.
#[component]
pub(crate) fn Offer(app: App) -> impl IntoView {
    let answers = app.answers;
    let verdicts = Memo::new(move |_| {
        let plan = Plan {
            tasks: answers.task_lines().into_iter().map(|description| Task { description, delegation: None }).collect(),
            ..Plan::default()
        };
        app.profile.with_value(|p| check_plan(&plan, p, today())).map(|r| r.parts.tasks).unwrap_or_default()
    });
    view! {
        <CharacterCount
            id="tasks"
            label="What will you do for the people you support?"
            hint="One task per line, in everyday words. For example: shopping, cleaning, help with dressing, sit and chat."
            value=answers.tasks
            max_chars=MAX_TASKS_CHARS
        />
        <h3 class="govuk-heading-m" id="careform-offer-results">"What each task is"</h3>
        <p class="govuk-body">"Personal care is a regulated activity: the provider must be registered with the CQC, unless the exemption for an individual working directly for the person applies."</p>
        <ol class="govuk-list careform-task-results" aria-labelledby="careform-offer-results" aria-live="polite">
            {move || verdicts.get().into_iter().map(|verdict| view! { <TaskResult verdict /> }).collect_view()}
        </ol>
    }
}
