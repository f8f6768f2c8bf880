//! `<careform-provider-application>`: a person who runs, or plans to run, a care
//! micro-enterprise applies to the council's micro-provider programme. GOV.UK's task list: eight
//! sections, each with its status, then "Check your answers" with the rules' findings and their
//! sources, and the signed submission. The answers and the page are kept as the draft, so a
//! closed tab opens where the person left it.

use careform_kit::Config;
use careform_kit::components::{AddAnotherList, focus_by_id};
use careform_kit::flow::Frame;
use careform_kit::form::{self, Form, use_form};
use careform_rules::CheckError;
use careform_rules::provider_application::{self, DEFAULT_PROFILE, Worker};
use careform_rules::task_scope::Profile;
use leptos::prelude::*;

use crate::answers::Answers;
use crate::application::Report;
use crate::pages::{CheckPage, TITLE_ID, TaskListPage, WorkerForm, section_page};

/// What every page works with.
#[derive(Clone, Copy)]
pub(crate) struct App {
    /// The answers (the draft).
    pub answers: Answers,
    /// The form: errors, delivery.
    pub form: Form,
    /// The workers with their editor's state.
    pub workers: AddAnotherList<Worker>,
    /// The worker being added or changed.
    pub editor: WorkerForm,
    /// The council's rules.
    pub profile: StoredValue<Profile>,
    checked: Memo<Result<Report, CheckError>>,
}

impl App {
    /// The rules' report on the answers as they stand, or why they cannot be checked yet.
    pub fn checked(&self) -> Result<Report, CheckError> {
        self.checked.get()
    }

    /// The report, when the answers can be checked.
    pub fn report(&self) -> Option<Report> {
        self.checked.get().ok()
    }

    /// What a section's page must settle beyond its answers: a worker left half added.
    pub fn extra_problems(&self, id: &str) -> Vec<careform_kit::components::FieldError> {
        (id == "workers" && self.workers.is_open())
            .then(|| {
                careform_kit::components::FieldError::new("worker_name", "Save or cancel the worker you are adding")
            })
            .into_iter()
            .collect()
    }
}

/// The whole widget.
#[component]
pub fn ProviderApplication(config: Config) -> impl IntoView {
    let profile = match form::profile(&config, DEFAULT_PROFILE) {
        Ok(p) => p,
        Err(message) => return message,
    };
    let (form, answers): (Form, Answers) = use_form(&provider_application::DEFINITION, &config);
    let checked = Memo::new(move |_| profile.with_value(|p| answers.check(p)));
    let app = App {
        answers,
        form,
        workers: AddAnotherList::new(answers.workers),
        editor: WorkerForm::default(),
        profile,
        checked,
    };
    // Moving to another page moves focus to its heading (not on the first load: the page is
    // the host's until the person acts).
    let root = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |seen: Option<()>| {
        answers.page.track();
        if seen.is_some() {
            request_animation_frame(move || {
                if let Some(el) = root.get_untracked() {
                    focus_by_id(&el, TITLE_ID);
                }
            });
        }
    });
    let page = move || match answers.page.get().as_str() {
        "" => view! { <TaskListPage app /> }.into_any(),
        "check" => view! { <CheckPage app /> }.into_any(),
        id => section_page(app, id),
    };
    view! {
        <Frame
            delivery=form.delivery
            what="application"
            title="Application received"
            note="The council checked your application again with the same rules and keeps it with your documents. An officer will contact you. This receipt was checked against the server's published key."
        >
            <div node_ref=root>{page}</div>
        </Frame>
    }
    .into_any()
}
