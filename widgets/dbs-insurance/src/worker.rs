//! The workers: each one's DBS certificate, added, changed and removed with GOV.UK's add-another
//! pattern, each row with its verdict.

use careform_kit::components::{
    AddAnother, AddAnotherList, DateInput, DateParts, FieldError, Problems, RadioOption, Radios, RowActions, TextInput,
    outcome_tag,
};
use careform_kit::parts::{DbsFields, DbsForm};
use careform_rules::Outcome;
use careform_rules::date::{format_long, parse_iso};
use careform_rules::dbs_insurance::{Worker, WorkerReport};
use leptos::prelude::*;

/// The worker being added or changed (not kept in the draft until saved).
#[derive(Clone, Copy, Default)]
pub(crate) struct WorkerForm {
    name: RwSignal<String>,
    kind: RwSignal<String>,
    start: DateParts,
    regulated: RwSignal<String>,
    dbs: DbsForm,
}

impl WorkerForm {
    /// Empties every answer, or fills them from `worker` to change it.
    pub fn load(&self, worker: Option<&Worker>) {
        let w = worker.cloned().unwrap_or_default();
        self.name.set(w.name.clone());
        self.kind.set(w.kind.clone().unwrap_or_default());
        self.start.set_text(w.start_date.as_deref().unwrap_or_default());
        self.regulated.set(w.regulated_activity.map(|r| if r { "yes" } else { "no" }.to_owned()).unwrap_or_default());
        self.dbs.load(w.dbs.as_ref());
    }

    /// The worker as the rules read them, or what to fix first.
    pub fn worker(&self) -> Result<Worker, Vec<FieldError>> {
        let mut e = Vec::new();
        let mut need = |ok: bool, target: &str, message: &str| {
            if !ok {
                e.push(FieldError::new(target, message));
            }
        };
        need(!self.name.get().trim().is_empty(), "worker_name", "Enter the worker's name");
        need(!self.kind.get().is_empty(), "worker_kind", "Select how they work");
        need(
            !self.regulated.get().is_empty(),
            "worker_regulated",
            "Select whether their work includes personal care, health care, money or driving",
        );
        let start = self.start.text();
        let start_ok = start.is_empty() || parse_iso(&start).is_some();
        e.extend(self.dbs.problems());
        if !start_ok {
            e.push(FieldError::new("worker_start", "Enter the start date as a real date, for example 6 1 2025"));
        }
        e.extend(self.dbs.update_problem());
        if !e.is_empty() {
            return Err(e);
        }
        Ok(Worker {
            name: self.name.get().trim().to_owned(),
            role: String::new(),
            kind: Some(self.kind.get()),
            start_date: (!start.is_empty()).then_some(start),
            tasks: vec![],
            regulated_activity: Some(self.regulated.get() == "yes"),
            dbs: self.dbs.dbs(),
        })
    }
}

/// The questions about one worker and their certificate.
#[component]
fn WorkerFields(form: WorkerForm) -> impl IntoView {
    view! {
        <TextInput id="worker_name" label="Full name" value=form.name autocomplete="off" />
        <Radios id="worker_kind" legend="How do they work?" value=form.kind options=RadioOption::list(&[
            ("owner", "Owner (you)"),
            ("employee", "Employee"),
            ("volunteer", "Volunteer"),
            ("temporary", "Temporary or bank"),
            ("agency", "Agency"),
            ("student", "Student or trainee"),
            ("self_employed", "Self-employed"),
        ]) />
        <DateInput id="worker_start" legend="When did they start (or when will they start) working with clients? (optional)" hint="For example, 6 1 2025" value=form.start />
        <Radios id="worker_regulated" legend="Does their work include personal care, health care, help with money or shopping, or driving clients?" value=form.regulated inline=true options=RadioOption::yes_no() />
        <DbsFields form=form.dbs />
    }
}

/// How long a worker's certificate is good for, in words.
fn validity(report: Option<&WorkerReport>) -> String {
    let long = |u: &str| parse_iso(u).map(format_long).unwrap_or_else(|| u.to_owned());
    match report.and_then(|r| r.dbs_valid_until.as_deref().zip(r.days_left)) {
        Some((u, d)) if d >= 0 => format!("DBS acceptable until {} ({d} days)", long(u)),
        Some((u, _)) => format!("DBS lapsed after {}", long(u)),
        None => "No DBS check recorded".to_owned(),
    }
}

/// One saved worker: name, verdict, problems, and Change and Remove.
#[component]
fn WorkerRow(key: u32, workers: AddAnotherList<Worker>, reports: Signal<Vec<WorkerReport>>) -> impl IntoView {
    let name = move || workers.list.get(key).map(|w| w.name).unwrap_or_default();
    // The rules report workers in the order given.
    let report = move || workers.list.index(key).and_then(|i| reports.with(|all| all.get(i).cloned()));
    let verdict = move || {
        let r = report();
        let (class, label) = outcome_tag(r.as_ref().map_or(Outcome::Info, |r| r.outcome));
        let until = validity(r.as_ref());
        let findings = r.map(|r| r.findings).unwrap_or_default();
        view! { <strong class=class>{label}</strong>" "{until}<Problems findings /> }
    };
    view! {
        <div class="govuk-summary-list__row" data-careform-worker=name>
            <dt class="govuk-summary-list__key">{name}</dt>
            <dd class="govuk-summary-list__value">{verdict}</dd>
            <RowActions key />
        </div>
    }
}

/// The workers list, its editor and its add button.
#[component]
pub(crate) fn Workers(
    workers: AddAnotherList<Worker>,
    editor: WorkerForm,
    reports: Signal<Vec<WorkerReport>>,
) -> impl IntoView {
    view! {
        <AddAnother
            rows=workers
            add_id="add_worker"
            noun="worker"
            name={|w: &Worker| w.name.clone()}
            row=move |key| view! { <WorkerRow key workers reports /> }
            open={move |w: Option<Worker>| editor.load(w.as_ref())}
            save={move |()| editor.worker()}
        >
            <WorkerFields form=editor />
        </AddAnother>
    }
}
