//! `<careform-dbs-insurance>`: a provider adds each worker's DBS certificate and the
//! enterprise's policies, sees every problem with the date things lapse, a list of what to renew
//! and when, and sends the signed result. The server re-checks it with the same rules.

use careform_kit::components::{
    AddAnotherList, CheckboxOption, Checkboxes, FieldError, List, RadioOption, Radios, TextInput,
};
use careform_kit::form::{self, Form, FormPage, Wording, use_form};
use careform_kit::parts::{Policies, PolicyBlocks, PolicyKind};
use careform_kit::{Config, today};
use careform_rules::CheckError;
use careform_rules::dbs_insurance::{
    self, Applicant, DEFAULT_PROFILE, Insurance, Submission, Worker, check_submission,
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::results::CheckResults;
use crate::worker::{WorkerForm, Workers};

/// The answers, saved as the draft as they are typed (all but a worker not yet saved).
#[derive(Clone, Copy, Default, Serialize, Deserialize)]
#[serde(default)]
struct Answers {
    legal_name: RwSignal<String>,
    employees: RwSignal<String>,
    family: RwSignal<String>,
    transports: RwSignal<String>,
    services: RwSignal<Vec<String>>,
    workers: List<Worker>,
    policies: Policies,
    motor_business: RwSignal<String>,
}

fn count(text: RwSignal<String>) -> Option<u32> {
    text.get().trim().parse().ok()
}

impl Answers {
    /// Employers' liability is compulsory once anyone but close family is employed.
    fn needs_el(&self) -> bool {
        count(self.employees).unwrap_or(0) > count(self.family).unwrap_or(0)
    }

    /// Whether the policy `kind` is asked about.
    fn asks(&self, kind: &PolicyKind) -> bool {
        match kind.key {
            "employers_liability" => self.needs_el(),
            "motor" => self.transports.get() == "yes",
            _ => true,
        }
    }

    /// Everything typed, as the rules read it; `Err` lists what to fix first.
    fn submission(&self) -> Result<Submission, Vec<FieldError>> {
        let (insurance, mut e) =
            match self.policies.insurance(|kind| self.asks(kind), self.motor_business.get() == "yes") {
                Ok(insurance) => (insurance, Vec::new()),
                Err(problems) => (Insurance::default(), problems),
            };
        for (field, message) in [
            (self.employees, "Enter the number of employees as a whole number"),
            (self.family, "Enter the number of family employees as a whole number"),
        ] {
            if count(field).is_none() && !field.get().trim().is_empty() {
                e.push(FieldError::new(if field == self.employees { "employees" } else { "family" }, message));
            }
        }
        if !e.is_empty() {
            return Err(e);
        }
        Ok(Submission {
            applicant: Applicant { legal_name: self.legal_name.get().trim().to_owned(), trading_name: None },
            employee_count: count(self.employees).unwrap_or(0),
            family_employee_count: count(self.family).unwrap_or(0),
            transports_clients: self.transports.get() == "yes",
            services: self.services.get(),
            workers: self.workers.values(),
            insurance,
        })
    }

    /// What must be answered before sending, beyond what `submission` checks.
    fn missing(&self, workers: AddAnotherList<Worker>) -> Vec<FieldError> {
        let mut found = Vec::new();
        if self.legal_name.get().trim().is_empty() {
            found.push(FieldError::new("legal_name", "Enter the applicant's legal name"));
        }
        if self.workers.is_empty() {
            found.push(FieldError::new("add_worker", "Add at least one worker (you count, if you work with clients)"));
        }
        if workers.is_open() {
            found.push(FieldError::new("worker_name", "Save or cancel the worker you are adding"));
        }
        if self.transports.get().is_empty() {
            found.push(FieldError::new("transports", "Select whether you drive clients"));
        }
        found.extend(self.policies.held_problems());
        found
    }
}

/// The whole widget.
#[component]
pub fn DbsInsurance(config: Config) -> impl IntoView {
    let profile = match form::profile(&config, DEFAULT_PROFILE) {
        Ok(p) => p,
        Err(message) => return message,
    };
    let (form, answers): (Form, Answers) = use_form(&dbs_insurance::DEFINITION, &config);
    let workers = AddAnotherList::new(answers.workers);
    let editor = WorkerForm::default();

    let result =
        Memo::new(move |_| answers.submission().ok().map(|s| profile.with_value(|p| check_submission(&s, p, today()))));
    let report = move || result.get().and_then(Result::ok);
    let worker_reports = Signal::derive(move || report().map(|r| r.parts.workers).unwrap_or_default());

    let on_send = move || {
        let mut found = untrack(|| answers.missing(workers));
        let checked = untrack(|| answers.submission());
        match &checked {
            Err(e) => found.extend(e.iter().cloned()),
            Ok(s) if found.is_empty() => {
                if let Err(CheckError::Invalid(p)) = profile.with_value(|p| check_submission(s, p, today())) {
                    found.extend(
                        p.into_iter().map(|(field, why)| FieldError::new("add_worker", format!("{field}: {why}"))),
                    );
                }
            }
            Ok(_) => {}
        }
        let Ok(submission) = checked else { return };
        if !form.check(found) {
            return;
        }
        form.send(profile.with_value(|p| form::checker_data(&p.id, "submission", &submission)), vec![]);
    };
    let wording = Wording {
        what: "check",
        title: "Check received",
        note: "The server checked the certificates and policies again with the same rules. This receipt was checked against the server's published key.",
        draft: "Your answers are kept on this device as you type (all but a worker you have not saved yet), until the check is received.",
        send: "Send this check",
    };

    view! {
        <FormPage form wording on_send>
            <h2 class="govuk-heading-m">"About the enterprise"</h2>
            <TextInput id="legal_name" label="Applicant's legal name" hint="Your own name if you are a sole trader, or the company's registered name" value=answers.legal_name autocomplete="organization" />
            <TextInput id="employees" label="How many people do you employ? (optional)" hint="Not counting yourself. 0 if none." value=answers.employees width_class="govuk-input--width-3" />
            <TextInput id="family" label="How many of them are close family? (optional)" hint="Husband, wife or civil partner, parent, child, brother, sister, grandparent or grandchild" value=answers.family width_class="govuk-input--width-3" />
            <Radios id="transports" legend="Do you drive clients?" value=answers.transports inline=true options=RadioOption::yes_no() />
            <Checkboxes id="services" legend="What do you offer? (optional)" hint="Your insurance must cover each of these." values=answers.services options=CheckboxOption::list(&[
                ("personal care", "Personal care"),
                ("support", "Practical or social support"),
                ("shopping", "Shopping and errands"),
                ("transport", "Transport or escorting"),
            ]) />
            <h2 class="govuk-heading-m">"Workers and their DBS checks"</h2>
            <Workers workers editor reports=worker_reports />
            <h2 class="govuk-heading-m">"Insurance"</h2>
            <PolicyBlocks policies=answers.policies asks=move |kind: &PolicyKind| answers.asks(kind) />
            <div hidden=move || answers.transports.get() != "yes">
                <Radios id="motor_business" legend="Does your motor insurance cover business use (carrying clients)?" value=answers.motor_business inline=true options=RadioOption::yes_no() />
            </div>
            <h2 class="govuk-heading-m">"Check your answers"</h2>
            {move || report().map(|report| view! { <CheckResults report /> })}
        </FormPage>
    }
    .into_any()
}
