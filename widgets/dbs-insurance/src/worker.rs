//! The workers: each one's DBS certificate, added, changed and removed with GOV.UK's add-another
//! pattern, each row with its verdict.

use careform_kit::components::{
    AddAnother, AddAnotherList, DateInput, DateParts, FieldError, Problems, RadioOption, Radios, RowActions, TextInput,
    outcome_tag,
};
use careform_rules::Outcome;
use careform_rules::date::{format_long, parse_iso};
use careform_rules::dbs_insurance::{Dbs, UpdateService, Worker, WorkerReport};
use leptos::prelude::*;

/// The worker being added or changed (not kept in the draft until saved).
#[derive(Clone, Copy, Default)]
pub(crate) struct WorkerForm {
    name: RwSignal<String>,
    kind: RwSignal<String>,
    start: DateParts,
    regulated: RwSignal<String>,
    number: RwSignal<String>,
    level: RwSignal<String>,
    workforce: RwSignal<String>,
    issue: DateParts,
    disclosed: RwSignal<String>,
    update: RwSignal<String>,
    checked: DateParts,
    result: RwSignal<String>,
}

fn yes_no(answer: bool) -> String {
    if answer { "yes" } else { "no" }.to_owned()
}

impl WorkerForm {
    /// Empties every answer, or fills them from `worker` to change it.
    pub fn load(&self, worker: Option<&Worker>) {
        let w = worker.cloned().unwrap_or_default();
        let dbs = w.dbs.as_ref();
        let update = dbs.and_then(|d| d.update_service.as_ref());
        self.name.set(w.name.clone());
        self.kind.set(w.kind.clone().unwrap_or_default());
        self.start.set_text(w.start_date.as_deref().unwrap_or_default());
        self.regulated.set(w.regulated_activity.map(yes_no).unwrap_or_default());
        self.number.set(dbs.map(|d| d.certificate_number.clone()).unwrap_or_default());
        self.level.set(dbs.map(|d| d.level.clone()).unwrap_or_default());
        self.workforce.set(dbs.map(|d| d.workforce.clone()).unwrap_or_default());
        self.issue.set_text(dbs.map(|d| d.issue_date.as_str()).unwrap_or_default());
        self.disclosed.set(dbs.map(|d| yes_no(d.information_disclosed)).unwrap_or_default());
        self.update.set(dbs.map(|d| yes_no(d.update_service.is_some())).unwrap_or_default());
        self.checked.set_text(update.and_then(|u| u.status_check_date.as_deref()).unwrap_or_default());
        self.result.set(update.and_then(|u| u.status_result.clone()).unwrap_or_default());
    }

    /// The worker as the rules read them, or what to fix first.
    pub fn worker(&self) -> Result<Worker, Vec<FieldError>> {
        let mut e = Vec::new();
        let mut need = |ok: bool, target: &str, message: &str| {
            if !ok {
                e.push(FieldError::new(target, message));
            }
        };
        let real_or_empty = |text: &str| text.is_empty() || parse_iso(text).is_some();
        need(!self.name.get().trim().is_empty(), "worker_name", "Enter the worker's name");
        need(!self.kind.get().is_empty(), "worker_kind", "Select how they work");
        need(
            !self.regulated.get().is_empty(),
            "worker_regulated",
            "Select whether their work includes personal care, health care, money or driving",
        );
        let has_dbs = !self.number.get().trim().is_empty();
        let issue = self.issue.text();
        if has_dbs {
            need(!self.level.get().is_empty(), "dbs_level", "Select the level of the check");
            need(!self.workforce.get().is_empty(), "dbs_workforce", "Select the workforce on the certificate");
            need(
                parse_iso(&issue).is_some(),
                "dbs_issue",
                "Enter the date of issue as a real date, for example 1 5 2024",
            );
        }
        let start = self.start.text();
        need(real_or_empty(&start), "worker_start", "Enter the start date as a real date, for example 6 1 2025");
        let checked = self.checked.text();
        let on_update = self.update.get() == "yes";
        need(!on_update || real_or_empty(&checked), "dbs_checked", "Enter the status check date as a real date");
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
            dbs: has_dbs.then(|| Dbs {
                certificate_number: self.number.get().trim().to_owned(),
                level: self.level.get(),
                workforce: self.workforce.get(),
                issue_date: issue,
                information_disclosed: self.disclosed.get() == "yes",
                update_service: on_update.then(|| UpdateService {
                    subscription_expiry: None,
                    status_check_date: (!checked.is_empty()).then_some(checked),
                    status_result: Some(self.result.get()).filter(|r| !r.is_empty()),
                }),
            }),
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
        <TextInput id="dbs_number" label="DBS certificate number" hint="The 12 digits at the top of the certificate. Leave empty if they have no DBS check." value=form.number width_class="govuk-input--width-20" />
        <Radios id="dbs_level" legend="Level of the check" value=form.level options=RadioOption::list(&[
            ("basic", "Basic"),
            ("standard", "Standard"),
            ("enhanced", "Enhanced"),
            ("enhanced_adults_barred", "Enhanced with adults' barred list"),
            ("enhanced_children_barred", "Enhanced with children's barred list"),
            ("enhanced_both_barred", "Enhanced with adults' and children's barred lists"),
        ]) />
        <Radios id="dbs_workforce" legend="Workforce on the certificate" value=form.workforce options=RadioOption::list(&[
            ("adult", "Adult"),
            ("child_and_adult", "Child and adult"),
            ("child", "Child"),
            ("other", "Other"),
        ]) />
        <DateInput id="dbs_issue" legend="Date of issue" hint="For example, 1 5 2024" value=form.issue />
        <Radios id="dbs_disclosed" legend="Does the certificate show any information (convictions, cautions or police information)?" value=form.disclosed inline=true options=RadioOption::yes_no() />
        <Radios id="dbs_update" legend="Are they on the DBS Update Service?" value=form.update options=vec![
            RadioOption::new("yes", "Yes").reveal(view! {
                <DateInput id="dbs_checked" legend="Date of the latest status check" value=form.checked />
                <Radios id="dbs_result" legend="Result of the status check" value=form.result options=RadioOption::list(&[
                    ("current", "Current: no new information"),
                    ("changed", "Changed: new information"),
                    ("details_mismatch", "Details did not match"),
                    ("no_subscription", "No active subscription"),
                ]) />
            }),
            RadioOption::new("no", "No"),
        ] />
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
