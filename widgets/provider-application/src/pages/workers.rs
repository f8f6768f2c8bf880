//! Workers and DBS checks: everyone who works in the enterprise, the applicant first, each with
//! their hours and DBS certificate (the DBS questions of `<careform-dbs-insurance>`, from the
//! kit), added, changed and removed with GOV.UK's add-another pattern.

use careform_kit::components::{AddAnother, FieldError, Problems, RadioOption, Radios, RowActions, TextInput};
use careform_kit::parts::{DbsFields, DbsForm};
use careform_rules::provider_application::Worker;
use leptos::prelude::*;

use crate::answers::{given, yes};
use crate::widget::App;

/// The worker being added or changed (not kept in the draft until saved).
#[derive(Clone, Copy, Default)]
pub(crate) struct WorkerForm {
    name: RwSignal<String>,
    is_applicant: RwSignal<String>,
    paid: RwSignal<String>,
    hours: RwSignal<String>,
    personal_care: RwSignal<String>,
    dbs: DbsForm,
}

fn yes_no(answer: bool) -> String {
    if answer { "yes" } else { "no" }.to_owned()
}

/// Hours a week as typed ("37.5", "20") in whole minutes, up to a week's.
fn minutes(hours: &str) -> Option<u32> {
    let h: f64 = hours.trim().parse().ok()?;
    (h.is_finite() && (0.0..=168.0).contains(&h)).then(|| (h * 60.0).round() as u32)
}

/// Whole minutes as hours for the hours field ("37.5", "30": a float's `Display` drops ".0").
fn hours(minutes: u32) -> String {
    format!("{}", f64::from(minutes) / 60.0)
}

impl WorkerForm {
    /// Empties every answer (a new worker is the applicant while no one else is), or fills
    /// them from `worker` to change it.
    pub fn load(&self, worker: Option<&Worker>, applicant: Option<String>) {
        match worker {
            Some(w) => {
                self.name.set(w.name.clone());
                self.is_applicant.set(yes_no(w.is_applicant));
                self.paid.set(yes_no(w.paid));
                self.hours.set(hours(w.weekly_minutes));
                self.personal_care.set(yes_no(w.delivers_personal_care));
            }
            None => {
                self.name.set(applicant.clone().unwrap_or_default());
                self.is_applicant.set(if applicant.is_some() { "yes" } else { "" }.to_owned());
                for answer in [self.paid, self.hours, self.personal_care] {
                    answer.set(String::new());
                }
            }
        }
        self.dbs.load(worker.and_then(|w| w.dbs.as_ref()));
    }

    /// The worker, or what to fix first.
    pub fn worker(&self) -> Result<Worker, Vec<FieldError>> {
        let mut e: Vec<FieldError> = [
            (given(self.name), "worker_name", "Enter the worker's full name"),
            (yes(self.is_applicant).is_some(), "worker_is_applicant", "Select whether this worker is you"),
            (yes(self.paid).is_some(), "worker_paid", "Select whether they are paid or a volunteer"),
            (
                minutes(&self.hours.get()).is_some(),
                "worker_hours",
                "Enter their usual hours a week as a number from 0 to 168, for example 37.5",
            ),
            (yes(self.personal_care).is_some(), "worker_personal_care", "Select whether they deliver personal care"),
        ]
        .into_iter()
        .filter(|(ok, _, _)| !ok)
        .map(|(_, target, message)| FieldError::new(target, message))
        .collect();
        e.extend(self.dbs.problems());
        e.extend(self.dbs.update_problem());
        if !e.is_empty() {
            return Err(e);
        }
        Ok(Worker {
            name: self.name.get().trim().to_owned(),
            is_applicant: yes(self.is_applicant) == Some(true),
            paid: yes(self.paid) == Some(true),
            weekly_minutes: minutes(&self.hours.get()).unwrap_or(0),
            delivers_personal_care: yes(self.personal_care) == Some(true),
            dbs: self.dbs.dbs(),
        })
    }
}

/// The questions about one worker and their certificate.
#[component]
fn WorkerFields(form: WorkerForm) -> impl IntoView {
    view! {
        <TextInput id="worker_name" label="Full name" value=form.name autocomplete="off" />
        <Radios id="worker_is_applicant" legend="Is this worker you?" value=form.is_applicant inline=true options=RadioOption::yes_no() />
        <Radios id="worker_paid" legend="Are they paid?" value=form.paid options=RadioOption::list(&[("yes", "Paid"), ("no", "Volunteer (unpaid)")]) />
        <TextInput id="worker_hours" label="Usual hours a week" hint="For example, 37.5. Full time is 37.5 hours." value=form.hours width_class="govuk-input--width-4" />
        <Radios id="worker_personal_care" legend="Do they deliver personal care?" hint="Such as help with washing, dressing, eating or going to the toilet." value=form.personal_care inline=true options=RadioOption::yes_no() />
        <DbsFields form=form.dbs />
    }
}

/// One saved worker: name, what they do, their DBS verdict, Change and Remove.
#[component]
fn WorkerRow(key: u32, app: App) -> impl IntoView {
    let workers = app.workers;
    let name = move || workers.list.get(key).map(|w| w.name).unwrap_or_default();
    let about = move || {
        workers.list.get(key).map(|w| {
            let who = if w.is_applicant { "You. " } else { "" };
            let paid = if w.paid { "Paid" } else { "Volunteer" };
            let care = if w.delivers_personal_care { ", delivers personal care" } else { "" };
            format!("{who}{paid}, {} hours a week{care}.", hours(w.weekly_minutes))
        })
    };
    // The rules report workers in the order given.
    let findings = move || {
        let i = workers.list.index(key)?;
        app.report().and_then(|r| r.parts.workers.get(i).map(|w| w.findings.clone()))
    };
    view! {
        <div class="govuk-summary-list__row" data-careform-worker=name>
            <dt class="govuk-summary-list__key">{name}</dt>
            <dd class="govuk-summary-list__value">
                <p class="govuk-body">{about}</p>
                {move || findings().map(|findings| view! { <Problems findings /> })}
            </dd>
            <RowActions key />
        </div>
    }
}

/// The workers list, its editor and its add button.
#[component]
pub(crate) fn Workers(app: App) -> impl IntoView {
    let (workers, editor, answers) = (app.workers, app.editor, app.answers);
    // A new worker is the applicant, named as in "About you", until the applicant is listed.
    let applicant = move || {
        let listed = workers.list.values().iter().any(|w| w.is_applicant);
        (!listed).then(|| answers.legal_name.get_untracked().trim().to_owned())
    };
    view! {
        <p class="govuk-body">"Add everyone who works in your enterprise, paid or unpaid, starting with yourself. The programme is for enterprises of eight or fewer workers, and fewer than 8 full-time equivalent (37.5 hours a week each)."</p>
        <AddAnother
            rows=workers
            add_id="add_worker"
            noun="worker"
            name={|w: &Worker| w.name.clone()}
            row=move |key| view! { <WorkerRow key app /> }
            open={move |w: Option<Worker>| editor.load(w.as_ref(), untrack(applicant))}
            save={move |()| editor.worker()}
        >
            <WorkerFields form=editor />
        </AddAnother>
    }
}
