//! The pages: the task list, one page per section (its questions, whether it is completed, save
//! and continue) and "Check your answers" with the declaration and the send button.

mod about;
mod check;
mod commitments;
mod evidence;
mod insurance;
mod offer;
mod summary;
mod task_list;
mod workers;

use careform_kit::components::{ErrorSummary, Errors, FieldError, RadioOption, Radios};
use leptos::prelude::*;

use crate::answers::Answers;
use crate::sections::{Section, find};
use crate::widget::App;

pub(crate) use check::CheckPage;
pub(crate) use task_list::TaskListPage;
pub(crate) use workers::WorkerForm;

/// The id of every page's heading, focused when the page changes.
pub(crate) const TITLE_ID: &str = "careform-page-title";

/// A page's heading: focusable, so moving to the page moves focus (and a screen reader) to it.
#[component]
pub(crate) fn PageTitle(#[prop(into)] text: String) -> impl IntoView {
    view! { <h2 class="govuk-heading-l" id=TITLE_ID tabindex="-1">{text}</h2> }
}

/// Shows `page` (empty: the task list), with no errors left from the page before.
pub(crate) fn go(answers: Answers, errors: Errors, page: &str) {
    errors.set(Vec::new());
    answers.page.set(page.to_owned());
}

/// A link that opens `page`; in-page links cannot reach into the shadow root's pages, so it
/// changes the page itself.
#[component]
pub(crate) fn PageLink(
    app: App,
    page: &'static str,
    /// The link's id, for an error summary to point at.
    #[prop(optional, into)]
    id: Option<String>,
    children: Children,
) -> impl IntoView {
    view! {
        <a class="govuk-link" id=id href=format!("#{page}") on:click=move |ev| {
            ev.prevent_default();
            go(app.answers, app.form.errors, page);
        }>{children()}</a>
    }
}

/// The section `id`'s page, or the task list for an unknown id (an old draft's page).
pub(crate) fn section_page(app: App, id: &str) -> AnyView {
    let Some(section) = find(id) else { return view! { <TaskListPage app /> }.into_any() };
    let questions = match section.id {
        "about-you" => view! { <about::AboutYou answers=app.answers /> }.into_any(),
        "enterprise" => view! { <about::Enterprise answers=app.answers /> }.into_any(),
        "where" => view! { <about::Area answers=app.answers /> }.into_any(),
        "offer" => view! { <offer::Offer app /> }.into_any(),
        "workers" => view! { <workers::Workers app /> }.into_any(),
        "insurance" => view! { <insurance::InsurancePage answers=app.answers /> }.into_any(),
        "evidence" => view! { <evidence::EvidencePage answers=app.answers /> }.into_any(),
        _ => view! { <commitments::Commitments answers=app.answers /> }.into_any(),
    };
    view! { <SectionPage app section>{questions}</SectionPage> }.into_any()
}

/// A section's page around its questions: the heading, the error summary, "Have you completed
/// this section?" (GOV.UK's task list pattern) and "Save and continue", back to the task list.
#[component]
fn SectionPage(app: App, section: &'static Section, children: Children) -> impl IntoView {
    let App { answers, form, .. } = app;
    let id = section.id;
    let completed =
        RwSignal::new(if answers.done.with_untracked(|d| d.iter().any(|x| x == id)) { "yes" } else { "" }.to_owned());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let done = completed.get_untracked();
        let mut problems: Vec<FieldError> = Vec::new();
        if done.is_empty() {
            problems.push(FieldError::new("completed", "Select whether you have completed this section"));
        } else if done == "yes" {
            problems = untrack(|| answers.section_problems(id));
            problems.extend(untrack(|| app.extra_problems(id)));
        }
        if !form.check(problems) {
            return;
        }
        answers.mark(id, done == "yes");
        go(answers, form.errors, "");
    };
    view! {
        <p class="govuk-body"><PageLink app page="">"Back to the task list"</PageLink></p>
        <form novalidate on:submit=on_submit data-careform-page=id>
            <ErrorSummary />
            <PageTitle text=section.title />
            {children()}
            <Radios id="completed" legend="Have you completed this section?" value=completed options=vec![
                RadioOption::new("yes", "Yes, I've completed this section"),
                RadioOption::new("no", "No, I'll come back to it later"),
            ] />
            <button type="submit" class="govuk-button">"Save and continue"</button>
        </form>
    }
}
