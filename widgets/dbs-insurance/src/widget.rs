//! `<careform-dbs-insurance>`: a provider adds each worker's DBS certificate and the
//! enterprise's policies, sees every problem with the date things lapse, a list of what to renew
//! and when, and sends the signed result. The server re-checks it with the same rules.

use careform_rules::dbs_insurance::{
    Applicant, Dbs, ID, Insurance, Policy, Submission, UpdateService, Worker, check_submission, parse_pounds,
};
use careform_rules::task_scope::Profile;
use careform_rules::{CheckError, Finding, Outcome};

/// The validator's report, with its workers, insurance and renewals.
type Report = careform_rules::Report<careform_rules::dbs_insurance::Parts>;
use leptos::prelude::*;
use serde_json::{Map, Value};

use careform_kit::components::{
    CheckboxOption, Checkboxes, DateInput, ErrorSummary, Errors, FieldError, RadioOption, Radios, TextInput, date_text,
    error_for, outcome_tag,
};
use careform_kit::flow::{self, Delivery, Frame, Stage};
use careform_kit::{Config, draft, today};

/// Puts a `YYYY-MM-DD` back into day, month and year.
fn set_date(text: &str, d: RwSignal<String>, m: RwSignal<String>, y: RwSignal<String>) {
    let parts: Vec<&str> = text.split('-').collect();
    if let [yy, mm, dd] = parts[..] {
        y.set(yy.to_owned());
        m.set(mm.trim_start_matches('0').to_owned());
        d.set(dd.trim_start_matches('0').to_owned());
    }
}

/// The worker being added or changed.
#[derive(Clone, Copy)]
struct WorkerForm {
    name: RwSignal<String>,
    kind: RwSignal<String>,
    start: [RwSignal<String>; 3],
    regulated: RwSignal<String>,
    number: RwSignal<String>,
    level: RwSignal<String>,
    workforce: RwSignal<String>,
    issue: [RwSignal<String>; 3],
    disclosed: RwSignal<String>,
    update: RwSignal<String>,
    checked: [RwSignal<String>; 3],
    result: RwSignal<String>,
}

fn s() -> RwSignal<String> {
    RwSignal::new(String::new())
}

impl WorkerForm {
    fn new() -> Self {
        WorkerForm {
            name: s(),
            kind: s(),
            start: [s(), s(), s()],
            regulated: s(),
            number: s(),
            level: s(),
            workforce: s(),
            issue: [s(), s(), s()],
            disclosed: s(),
            update: s(),
            checked: [s(), s(), s()],
            result: s(),
        }
    }

    fn clear(&self) {
        for x in [
            self.name,
            self.kind,
            self.regulated,
            self.number,
            self.level,
            self.workforce,
            self.disclosed,
            self.update,
            self.result,
        ] {
            x.set(String::new());
        }
        for x in self.start.iter().chain(&self.issue).chain(&self.checked) {
            x.set(String::new());
        }
    }

    fn load(&self, w: &Worker) {
        self.clear();
        self.name.set(w.name.clone());
        self.kind.set(w.kind.clone().unwrap_or_default());
        set_date(w.start_date.as_deref().unwrap_or_default(), self.start[0], self.start[1], self.start[2]);
        self.regulated.set(match w.regulated_activity {
            Some(true) => "yes".into(),
            Some(false) => "no".into(),
            None => String::new(),
        });
        if let Some(d) = &w.dbs {
            self.number.set(d.certificate_number.clone());
            self.level.set(d.level.clone());
            self.workforce.set(d.workforce.clone());
            set_date(&d.issue_date, self.issue[0], self.issue[1], self.issue[2]);
            self.disclosed.set(if d.information_disclosed { "yes" } else { "no" }.into());
            if let Some(u) = &d.update_service {
                self.update.set("yes".into());
                set_date(
                    u.status_check_date.as_deref().unwrap_or_default(),
                    self.checked[0],
                    self.checked[1],
                    self.checked[2],
                );
                self.result.set(u.status_result.clone().unwrap_or_default());
            } else {
                self.update.set("no".into());
            }
        }
    }

    /// The worker as the rules read them, or what to fix first.
    fn worker(&self) -> Result<Worker, Vec<FieldError>> {
        let mut e = Vec::new();
        let mut need = |ok: bool, target: &str, message: &str| {
            if !ok {
                e.push(FieldError { target: target.into(), message: message.into() });
            }
        };
        need(!self.name.get().trim().is_empty(), "worker_name", "Enter the worker's name");
        need(!self.kind.get().is_empty(), "worker_kind", "Select how they work");
        need(
            !self.regulated.get().is_empty(),
            "worker_regulated",
            "Select whether their work includes personal care, health care, money or driving",
        );
        let has_dbs = !self.number.get().trim().is_empty();
        let issue = date_text(self.issue[0], self.issue[1], self.issue[2]);
        if has_dbs {
            need(!self.level.get().is_empty(), "dbs_level", "Select the level of the check");
            need(!self.workforce.get().is_empty(), "dbs_workforce", "Select the workforce on the certificate");
            need(
                careform_rules::date::parse_iso(&issue).is_some(),
                "dbs_issue",
                "Enter the date of issue as a real date, for example 1 5 2024",
            );
        }
        let start = date_text(self.start[0], self.start[1], self.start[2]);
        need(
            start.is_empty() || careform_rules::date::parse_iso(&start).is_some(),
            "worker_start",
            "Enter the start date as a real date, for example 6 1 2025",
        );
        let checked = date_text(self.checked[0], self.checked[1], self.checked[2]);
        if self.update.get() == "yes" {
            need(
                checked.is_empty() || careform_rules::date::parse_iso(&checked).is_some(),
                "dbs_checked",
                "Enter the status check date as a real date",
            );
        }
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
                update_service: (self.update.get() == "yes").then(|| UpdateService {
                    subscription_expiry: None,
                    status_check_date: (!checked.is_empty()).then_some(checked),
                    status_result: Some(self.result.get()).filter(|r| !r.is_empty()),
                }),
            }),
        })
    }
}

/// Static ids for one policy's fields (the kit's ids are `&'static str`).
struct PolicyIds {
    key: &'static str,
    title: &'static str,
    insurer: &'static str,
    insured: &'static str,
    limit: &'static str,
    start: &'static str,
    expiry: &'static str,
    document: &'static str,
}

const PL: PolicyIds = PolicyIds {
    key: "public_liability",
    title: "Public liability insurance",
    insurer: "pl_insurer",
    insured: "pl_insured",
    limit: "pl_limit",
    start: "pl_start",
    expiry: "pl_expiry",
    document: "pl_document",
};
const EL: PolicyIds = PolicyIds {
    key: "employers_liability",
    title: "Employers' liability insurance",
    insurer: "el_insurer",
    insured: "el_insured",
    limit: "el_limit",
    start: "el_start",
    expiry: "el_expiry",
    document: "el_document",
};
const PI: PolicyIds = PolicyIds {
    key: "professional_indemnity",
    title: "Professional indemnity insurance",
    insurer: "pi_insurer",
    insured: "pi_insured",
    limit: "pi_limit",
    start: "pi_start",
    expiry: "pi_expiry",
    document: "pi_document",
};
const MOTOR: PolicyIds = PolicyIds {
    key: "motor",
    title: "Motor insurance",
    insurer: "motor_insurer",
    insured: "motor_insured",
    limit: "motor_limit",
    start: "motor_start",
    expiry: "motor_expiry",
    document: "motor_document",
};

/// One policy's answers.
#[derive(Clone, Copy)]
struct PolicyForm {
    held: RwSignal<String>,
    insurer: RwSignal<String>,
    insured: RwSignal<String>,
    limit: RwSignal<String>,
    start: [RwSignal<String>; 3],
    expiry: [RwSignal<String>; 3],
    document: RwSignal<String>,
    business_use: RwSignal<String>,
}

impl PolicyForm {
    fn new() -> Self {
        PolicyForm {
            held: s(),
            insurer: s(),
            insured: s(),
            limit: s(),
            start: [s(), s(), s()],
            expiry: [s(), s(), s()],
            document: s(),
            business_use: s(),
        }
    }

    /// Every answer, in a fixed order: what the draft keeps.
    fn fields(&self) -> [RwSignal<String>; 12] {
        let [s0, s1, s2] = self.start;
        let [e0, e1, e2] = self.expiry;
        [self.held, self.insurer, self.insured, self.limit, s0, s1, s2, e0, e1, e2, self.document, self.business_use]
    }

    fn snapshot(&self) -> Vec<String> {
        self.fields().iter().map(|f| f.get()).collect()
    }

    fn restore(&self, saved: &Value) {
        for (field, value) in self.fields().iter().zip(saved.as_array().into_iter().flatten()) {
            field.set(value.as_str().unwrap_or_default().to_owned());
        }
    }

    /// The policy, if held; `Err` names a field to fix.
    fn policy(&self, ids: &PolicyIds) -> Result<Option<Policy>, Vec<FieldError>> {
        if self.held.get() != "yes" {
            return Ok(None);
        }
        let mut e = Vec::new();
        let limit = if ids.key == "motor" && self.limit.get().trim().is_empty() {
            Some(0)
        } else {
            parse_pounds(&self.limit.get())
        };
        if limit.is_none() {
            e.push(FieldError {
                target: ids.limit.into(),
                message: format!(
                    "Enter the {} limit of indemnity in pounds, for example £5,000,000",
                    ids.title.to_lowercase()
                ),
            });
        }
        let start = date_text(self.start[0], self.start[1], self.start[2]);
        let expiry = date_text(self.expiry[0], self.expiry[1], self.expiry[2]);
        for (text, target, what) in [(&start, ids.start, "start date"), (&expiry, ids.expiry, "expiry date")] {
            if careform_rules::date::parse_iso(text).is_none() {
                e.push(FieldError {
                    target: target.into(),
                    message: format!("Enter the {} {what} as a real date", ids.title.to_lowercase()),
                });
            }
        }
        if !e.is_empty() {
            return Err(e);
        }
        Ok(Some(Policy {
            insurer: self.insurer.get().trim().to_owned(),
            insured_name: self.insured.get().trim().to_owned(),
            limit_pence: limit.unwrap_or(0),
            start_date: start,
            expiry_date: expiry,
            document_type: Some(self.document.get()).filter(|d| !d.is_empty()),
            business_description: None,
            exclusions: vec![],
            business_use: (ids.key == "motor").then(|| self.business_use.get() == "yes"),
        }))
    }
}

/// One policy's questions.
#[component]
fn PolicyFields(ids: &'static PolicyIds, form: PolicyForm, errors: Errors) -> impl IntoView {
    let err = move |t: &'static str| error_for(errors, t);
    view! {
        <TextInput id=ids.insurer label="Insurer" value=form.insurer error=err(ids.insurer) />
        <TextInput id=ids.insured label="Name insured, as on the certificate" value=form.insured error=err(ids.insured) />
        <TextInput id=ids.limit label="Limit of indemnity" hint="In pounds, for example £5,000,000" value=form.limit error=err(ids.limit) width_class="govuk-input--width-10" />
        <DateInput id=ids.start legend="Cover starts" hint="For example, 1 4 2026" day=form.start[0] month=form.start[1] year=form.start[2] error=err(ids.start) />
        <DateInput id=ids.expiry legend="Cover ends" hint="For example, 31 3 2027" day=form.expiry[0] month=form.expiry[1] year=form.expiry[2] error=err(ids.expiry) />
        <Radios id=ids.document legend="What evidence do you have?" value=form.document error=err(ids.document) options=vec![
            RadioOption { value: "certificate", label: "Certificate or schedule", reveal: None },
            RadioOption { value: "cover_note", label: "Cover note or letter (temporary)", reveal: None },
        ] />
    }
}

/// Findings that need someone to act (warn, fail), each with its tag and source.
#[component]
fn Problems(findings: Vec<Finding>) -> impl IntoView {
    let items: Vec<Finding> = findings.into_iter().filter(|f| f.outcome >= Outcome::Warn).collect();
    if items.is_empty() {
        return view! { <p class="govuk-body">"No problems found."</p> }.into_any();
    }
    view! {
        <ul class="govuk-list">
            {items.into_iter().map(|f| {
                let (class, label) = outcome_tag(f.outcome);
                view! {
                    <li data-careform-rule=f.rule.clone() data-careform-outcome=format!("{:?}", f.outcome).to_lowercase()>
                        <strong class=class>{label}</strong>" "{f.message.clone()}
                        <br /><span class="govuk-hint govuk-!-font-size-16">{format!("{}. Source: {}", f.rule, f.source)}</span>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// The whole widget.
#[component]
pub fn DbsInsurance(config: Config) -> impl IntoView {
    let profile_id = config.profile.clone().unwrap_or_else(|| careform_rules::dbs_insurance::DEFAULT_PROFILE.into());
    let profile = match Profile::built_in(&profile_id) {
        Ok(p) => StoredValue::new(p),
        Err(e) => return flow::unavailable(e.to_string()),
    };
    let errors: Errors = RwSignal::new(Vec::new());
    let delivery = Delivery::start(ID, &config);
    let stage = delivery.stage;
    let legal_name = s();
    let employees = s();
    let family = s();
    let transports = s();
    let services = RwSignal::new(Vec::<String>::new());
    let workers = RwSignal::new(Vec::<Worker>::new());
    let editing = RwSignal::new(None::<Option<usize>>);
    let worker_form = WorkerForm::new();
    let pl = PolicyForm::new();
    let el = PolicyForm::new();
    let pi = PolicyForm::new();
    let motor = PolicyForm::new();

    // The draft keeps everything but a worker half added: a reload or a crash loses nothing saved.
    let policies =
        [("public_liability", pl), ("employers_liability", el), ("professional_indemnity", pi), ("motor", motor)];
    if let Some(saved) = draft::load(ID) {
        legal_name.set(saved["legal_name"].as_str().unwrap_or_default().to_owned());
        employees.set(saved["employees"].as_str().unwrap_or_default().to_owned());
        family.set(saved["family"].as_str().unwrap_or_default().to_owned());
        transports.set(saved["transports"].as_str().unwrap_or_default().to_owned());
        services.set(serde_json::from_value(saved["services"].clone()).unwrap_or_default());
        workers.set(serde_json::from_value(saved["workers"].clone()).unwrap_or_default());
        for (key, form) in policies {
            form.restore(&saved["policies"][key]);
        }
    }
    Effect::new(move |_| {
        let snapshot = serde_json::json!({
            "legal_name": legal_name.get(), "employees": employees.get(), "family": family.get(),
            "transports": transports.get(), "services": services.get(), "workers": workers.get(),
            "policies": policies.iter().map(|(k, f)| ((*k).to_owned(), serde_json::json!(f.snapshot()))).collect::<Map<String, Value>>(),
        });
        if !matches!(stage.get(), Stage::Received(_)) {
            draft::save(ID, &snapshot);
        }
    });

    let count = |sig: RwSignal<String>| sig.get().trim().parse::<u32>().ok();
    let needs_el = move || count(employees).unwrap_or(0) > count(family).unwrap_or(0);
    // Everything typed, as the rules read it; `Err` lists what to fix first.
    let submission = move || -> Result<Submission, Vec<FieldError>> {
        let mut e = Vec::new();
        let mut policy = |form: &PolicyForm, ids: &PolicyIds, asked: bool| {
            if asked {
                form.policy(ids).unwrap_or_else(|x| {
                    e.extend(x);
                    None
                })
            } else {
                None
            }
        };
        let insurance = Insurance {
            public_liability: policy(&pl, &PL, true),
            employers_liability: policy(&el, &EL, needs_el()),
            professional_indemnity: policy(&pi, &PI, true),
            motor: policy(&motor, &MOTOR, transports.get() == "yes"),
        };
        if count(employees).is_none() && !employees.get().trim().is_empty() {
            e.push(FieldError {
                target: "employees".into(),
                message: "Enter the number of employees as a whole number".into(),
            });
        }
        if count(family).is_none() && !family.get().trim().is_empty() {
            e.push(FieldError {
                target: "family".into(),
                message: "Enter the number of family employees as a whole number".into(),
            });
        }
        if !e.is_empty() {
            return Err(e);
        }
        Ok(Submission {
            applicant: Applicant { legal_name: legal_name.get().trim().to_owned(), trading_name: None },
            employee_count: count(employees).unwrap_or(0),
            family_employee_count: count(family).unwrap_or(0),
            transports_clients: transports.get() == "yes",
            services: services.get(),
            workers: workers.get(),
            insurance,
        })
    };
    let result =
        Memo::new(move |_| submission().ok().map(|s| profile.with_value(|p| check_submission(&s, p, today()))));
    let report = move || result.get().and_then(Result::ok);

    let save_worker = move |_| match worker_form.worker() {
        Err(e) => errors.set(e),
        Ok(w) => {
            errors.set(Vec::new());
            workers.update(|all| match editing.get_untracked() {
                Some(Some(i)) if i < all.len() => all[i] = w,
                _ => all.push(w),
            });
            editing.set(None);
            worker_form.clear();
        }
    };

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut found: Vec<FieldError> = Vec::new();
        if legal_name.get_untracked().trim().is_empty() {
            found.push(FieldError { target: "legal_name".into(), message: "Enter the applicant's legal name".into() });
        }
        if workers.with_untracked(Vec::is_empty) {
            found.push(FieldError {
                target: "add_worker".into(),
                message: "Add at least one worker (you count, if you work with clients)".into(),
            });
        }
        if editing.get_untracked().is_some() {
            found.push(FieldError {
                target: "worker_name".into(),
                message: "Save or cancel the worker you are adding".into(),
            });
        }
        if transports.get_untracked().is_empty() {
            found.push(FieldError { target: "transports".into(), message: "Select whether you drive clients".into() });
        }
        if pl.held.get_untracked().is_empty() {
            found.push(FieldError {
                target: "pl_held".into(),
                message: "Select whether you have public liability insurance".into(),
            });
        }
        if pi.held.get_untracked().is_empty() {
            found.push(FieldError {
                target: "pi_held".into(),
                message: "Select whether you have professional indemnity insurance".into(),
            });
        }
        let checked = untrack(submission);
        match &checked {
            Err(e) => found.extend(e.iter().cloned()),
            Ok(s) => {
                if let Err(CheckError::Invalid(p)) = profile.with_value(|p| check_submission(s, p, today()))
                    && found.is_empty()
                {
                    found.extend(p.into_iter().map(|(field, why)| FieldError {
                        target: "add_worker".into(),
                        message: format!("{field}: {why}"),
                    }));
                }
            }
        }
        let ready = found.is_empty();
        errors.set(found);
        let Ok(s) = checked else { return };
        if !ready {
            return;
        }
        let mut data = Map::new();
        data.insert("profile".into(), Value::String(profile.with_value(|p| p.id.clone())));
        data.insert("submission".into(), serde_json::to_value(&s).expect("submissions serialize"));
        let def = &careform_rules::dbs_insurance::DEFINITION;
        delivery.submit(flow::payload(&config, def, data, vec![]));
    };

    let err = move |t: &'static str| error_for(errors, t);
    let worker_rows = move || {
        let reports = report().map(|r: Report| r.parts.workers).unwrap_or_default();
        workers.get().into_iter().enumerate().map(|(i, w)| {
            let r = reports.get(i).cloned();
            let (class, label) = outcome_tag(r.as_ref().map_or(Outcome::Info, |r| r.outcome));
            let until = match r.as_ref().and_then(|r| r.dbs_valid_until.clone().zip(r.days_left)) {
                Some((u, d)) if d >= 0 => format!("DBS acceptable until {} ({d} days)", careform_rules::date::parse_iso(&u).map(careform_rules::date::format_long).unwrap_or(u)),
                Some((u, _)) => format!("DBS lapsed after {}", careform_rules::date::parse_iso(&u).map(careform_rules::date::format_long).unwrap_or(u)),
                None => "No DBS check recorded".to_owned(),
            };
            let findings = r.map(|r| r.findings).unwrap_or_default();
            let name = w.name.clone();
            view! {
                <div class="govuk-summary-list__row" data-careform-worker=name.clone()>
                    <dt class="govuk-summary-list__key">{name.clone()}</dt>
                    <dd class="govuk-summary-list__value">
                        <strong class=class>{label}</strong>" "{until}
                        <Problems findings />
                    </dd>
                    <dd class="govuk-summary-list__actions">
                        <ul class="govuk-summary-list__actions-list">
                            <li class="govuk-summary-list__actions-list-item">
                                <button type="button" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" on:click=move |_| {
                                    if let Some(w) = workers.with_untracked(|all| all.get(i).cloned()) {
                                        worker_form.load(&w);
                                        editing.set(Some(Some(i)));
                                    }
                                }>"Change"<span class="govuk-visually-hidden">{format!(" {name}")}</span></button>
                            </li>
                            <li class="govuk-summary-list__actions-list-item">
                                <button type="button" class="govuk-button govuk-button--warning govuk-!-margin-bottom-0" on:click=move |_| workers.update(|all| { if i < all.len() { all.remove(i); } })>
                                    "Remove"<span class="govuk-visually-hidden">{format!(" {}", w.name)}</span>
                                </button>
                            </li>
                        </ul>
                    </dd>
                </div>
            }
        }).collect_view()
    };

    let worker_editor = move || {
        editing.get().map(|_| view! {
        <div class="govuk-inset-text">
            <h3 class="govuk-heading-s">{move || if matches!(editing.get(), Some(Some(_))) { "Change worker" } else { "Add a worker" }}</h3>
            <TextInput id="worker_name" label="Full name" value=worker_form.name error=err("worker_name") autocomplete="off" />
            <Radios id="worker_kind" legend="How do they work?" value=worker_form.kind error=err("worker_kind") options=vec![
                RadioOption { value: "owner", label: "Owner (you)", reveal: None },
                RadioOption { value: "employee", label: "Employee", reveal: None },
                RadioOption { value: "volunteer", label: "Volunteer", reveal: None },
                RadioOption { value: "temporary", label: "Temporary or bank", reveal: None },
                RadioOption { value: "agency", label: "Agency", reveal: None },
                RadioOption { value: "student", label: "Student or trainee", reveal: None },
                RadioOption { value: "self_employed", label: "Self-employed", reveal: None },
            ] />
            <DateInput id="worker_start" legend="When did they start (or when will they start) working with clients? (optional)" hint="For example, 6 1 2025" day=worker_form.start[0] month=worker_form.start[1] year=worker_form.start[2] error=err("worker_start") />
            <Radios id="worker_regulated" legend="Does their work include personal care, health care, help with money or shopping, or driving clients?" value=worker_form.regulated error=err("worker_regulated") inline=true options=vec![
                RadioOption { value: "yes", label: "Yes", reveal: None },
                RadioOption { value: "no", label: "No", reveal: None },
            ] />
            <TextInput id="dbs_number" label="DBS certificate number" hint="The 12 digits at the top of the certificate. Leave empty if they have no DBS check." value=worker_form.number error=err("dbs_number") width_class="govuk-input--width-20" />
            <Radios id="dbs_level" legend="Level of the check" value=worker_form.level error=err("dbs_level") options=vec![
                RadioOption { value: "basic", label: "Basic", reveal: None },
                RadioOption { value: "standard", label: "Standard", reveal: None },
                RadioOption { value: "enhanced", label: "Enhanced", reveal: None },
                RadioOption { value: "enhanced_adults_barred", label: "Enhanced with adults' barred list", reveal: None },
                RadioOption { value: "enhanced_children_barred", label: "Enhanced with children's barred list", reveal: None },
                RadioOption { value: "enhanced_both_barred", label: "Enhanced with adults' and children's barred lists", reveal: None },
            ] />
            <Radios id="dbs_workforce" legend="Workforce on the certificate" value=worker_form.workforce error=err("dbs_workforce") options=vec![
                RadioOption { value: "adult", label: "Adult", reveal: None },
                RadioOption { value: "child_and_adult", label: "Child and adult", reveal: None },
                RadioOption { value: "child", label: "Child", reveal: None },
                RadioOption { value: "other", label: "Other", reveal: None },
            ] />
            <DateInput id="dbs_issue" legend="Date of issue" hint="For example, 1 5 2024" day=worker_form.issue[0] month=worker_form.issue[1] year=worker_form.issue[2] error=err("dbs_issue") />
            <Radios id="dbs_disclosed" legend="Does the certificate show any information (convictions, cautions or police information)?" value=worker_form.disclosed error=err("dbs_disclosed") inline=true options=vec![
                RadioOption { value: "yes", label: "Yes", reveal: None },
                RadioOption { value: "no", label: "No", reveal: None },
            ] />
            <Radios id="dbs_update" legend="Are they on the DBS Update Service?" value=worker_form.update error=err("dbs_update") options=vec![
                RadioOption { value: "yes", label: "Yes", reveal: Some(view! {
                    <DateInput id="dbs_checked" legend="Date of the latest status check" day=worker_form.checked[0] month=worker_form.checked[1] year=worker_form.checked[2] error=err("dbs_checked") />
                    <Radios id="dbs_result" legend="Result of the status check" value=worker_form.result error=err("dbs_result") options=vec![
                        RadioOption { value: "current", label: "Current: no new information", reveal: None },
                        RadioOption { value: "changed", label: "Changed: new information", reveal: None },
                        RadioOption { value: "details_mismatch", label: "Details did not match", reveal: None },
                        RadioOption { value: "no_subscription", label: "No active subscription", reveal: None },
                    ] />
                }.into_any()) },
                RadioOption { value: "no", label: "No", reveal: None },
            ] />
            <div class="govuk-button-group">
                <button type="button" class="govuk-button" on:click=save_worker>"Save worker"</button>
                <button type="button" class="govuk-button govuk-button--secondary" on:click=move |_| { editing.set(None); worker_form.clear(); errors.set(Vec::new()); }>"Cancel"</button>
            </div>
        </div>
    })
    };

    let policy_block = move |ids: &'static PolicyIds, form: PolicyForm, held_id: &'static str, hint: &'static str| {
        view! {
            <h3 class="govuk-heading-s">{ids.title}</h3>
            <Radios id=held_id legend=ids.title hint=hint value=form.held error=err(held_id) inline=false options=vec![
                RadioOption { value: "yes", label: "I have this insurance", reveal: Some(view! { <PolicyFields ids form errors /> }.into_any()) },
                RadioOption { value: "no", label: "I do not have it", reveal: None },
            ] />
        }
    };

    let form = view! {
        <form novalidate on:submit=on_submit>
            <ErrorSummary errors=errors />
            <p class="govuk-body govuk-!-font-size-16" data-careform-draft>"Your answers are kept on this device as you type (all but a worker you have not saved yet), until the check is received."</p>
            <h2 class="govuk-heading-m">"About the enterprise"</h2>
            <TextInput id="legal_name" label="Applicant's legal name" hint="Your own name if you are a sole trader, or the company's registered name" value=legal_name error=err("legal_name") autocomplete="organization" />
            <TextInput id="employees" label="How many people do you employ? (optional)" hint="Not counting yourself. 0 if none." value=employees error=err("employees") width_class="govuk-input--width-3" />
            <TextInput id="family" label="How many of them are close family? (optional)" hint="Husband, wife or civil partner, parent, child, brother, sister, grandparent or grandchild" value=family error=err("family") width_class="govuk-input--width-3" />
            <Radios id="transports" legend="Do you drive clients?" value=transports error=err("transports") inline=true options=vec![
                RadioOption { value: "yes", label: "Yes", reveal: None },
                RadioOption { value: "no", label: "No", reveal: None },
            ] />
            <Checkboxes id="services" legend="What do you offer? (optional)" hint="Your insurance must cover each of these." values=services error=err("services") options=vec![
                CheckboxOption { value: "personal care", label: "Personal care", reveal: None },
                CheckboxOption { value: "support", label: "Practical or social support", reveal: None },
                CheckboxOption { value: "shopping", label: "Shopping and errands", reveal: None },
                CheckboxOption { value: "transport", label: "Transport or escorting", reveal: None },
            ] />
            <h2 class="govuk-heading-m">"Workers and their DBS checks"</h2>
            <dl class="govuk-summary-list">{worker_rows}</dl>
            {worker_editor}
            <div hidden=move || editing.get().is_some()>
                <button type="button" id="add_worker" class="govuk-button govuk-button--secondary" on:click=move |_| { worker_form.clear(); editing.set(Some(None)); }>
                    {move || if workers.with(Vec::is_empty) { "Add a worker" } else { "Add another worker" }}
                </button>
            </div>
            <h2 class="govuk-heading-m">"Insurance"</h2>
            {policy_block(&PL, pl, "pl_held", "Required for every enterprise.")}
            <div hidden=move || !needs_el()>{policy_block(&EL, el, "el_held", "Compulsory when you employ anyone who is not close family: at least £5 million.")}</div>
            {policy_block(&PI, pi, "pi_held", "Councils ask for it from personal assistants, drivers and meal services.")}
            <div hidden=move || transports.get() != "yes">
                {policy_block(&MOTOR, motor, "motor_held", "Needed when you drive clients.")}
                <Radios id="motor_business" legend="Does your motor insurance cover business use (carrying clients)?" value=motor.business_use error=err("motor_business") inline=true options=vec![
                    RadioOption { value: "yes", label: "Yes", reveal: None },
                    RadioOption { value: "no", label: "No", reveal: None },
                ] />
            </div>
            <h2 class="govuk-heading-m">"Check your answers"</h2>
            {move || report().map(|r| {
                let insurance = r.parts.insurance.findings.clone();
                let (class, label) = match r.outcome {
                    Outcome::Pass | Outcome::Info => ("govuk-tag govuk-tag--green", "No problems found"),
                    Outcome::Warn => ("govuk-tag govuk-tag--yellow", "Things to check"),
                    Outcome::Fail => ("govuk-tag govuk-tag--red", "Problems to fix"),
                };
                let renewals = r.parts.renewals.clone();
                view! {
                    <p class="govuk-body" data-careform-outcome=format!("{:?}", r.outcome).to_lowercase()><strong class=class>{label}</strong></p>
                    <h3 class="govuk-heading-s">"Insurance"</h3>
                    <Problems findings=insurance />
                    <h3 class="govuk-heading-s">"What to renew and when"</h3>
                    <dl class="govuk-summary-list" data-careform-renewals>
                        {renewals.into_iter().map(|x| {
                            let when = careform_rules::date::parse_iso(&x.until).map(careform_rules::date::format_long).unwrap_or(x.until.clone());
                            let text = if x.days_left >= 0 { format!("by {when} ({} days)", x.days_left) } else { format!("lapsed after {when}") };
                            view! {
                                <div class="govuk-summary-list__row">
                                    <dt class="govuk-summary-list__key">{x.what.clone()}</dt>
                                    <dd class="govuk-summary-list__value">{text}</dd>
                                </div>
                            }
                        }).collect_view()}
                    </dl>
                }
            })}
            <button type="submit" class="govuk-button" disabled=move || stage.get() == Stage::Sending>"Send this check"</button>
        </form>
    };

    view! {
        <Frame
            delivery
            what="check"
            title="Check received"
            note="The server checked the certificates and policies again with the same rules. This receipt was checked against the server's published key."
        >
            {form}
        </Frame>
    }
    .into_any()
}
