//! `<careform-task-scope>`: paste a care plan's tasks, see each one classed as you type, with a
//! plain-English reason and its source, answer the exemption questions when personal care
//! appears, and send the signed result. The same rules run again on the server.

use careform_rules::task_scope::lexicon::lexicon;
use careform_rules::task_scope::{
    self, Category, Class, ComplianceAid, Delegation, Exemption, ID, Plan, Profile, Provider, Records, Task,
    TaskVerdict, check_plan,
};
use careform_rules::{CheckError, Finding, Outcome};

/// The checker's report, with each task's class.
type Report = careform_rules::Report<careform_rules::task_scope::Parts>;
use leptos::prelude::*;
use serde_json::{Map, Value, json};

use careform_kit::components::{
    CharacterCount, CheckboxOption, Checkboxes, ErrorSummary, Errors, FieldError, RadioOption, Radios, TextInput,
    error_for, outcome_tag,
};
use careform_kit::flow::{self, Delivery, Frame, Stage};
use careform_kit::{Config, draft, today};
use careform_rules::registry::{self, Rule};

/// The longest task list the text box takes.
const MAX_TASKS_CHARS: usize = 20_000;

/// Common care-plan tasks, one click each.
const COMMON_TASKS: &[&str] = &[
    "Strip wash",
    "Help with dressing",
    "Assist to toilet",
    "Empty the catheter leg bag",
    "Prompt medication from dosette box",
    "Apply barrier cream",
    "Prepare light meal",
    "Help to get up using the hoist",
    "Cut toenails",
    "Change the dressing on her leg",
    "Insulin injection",
    "Shopping",
    "Hoovering",
    "Sit and chat",
];

/// The five exemption questions' field names, in the order `Exemption::answers` gives them.
const EXEMPTION_KEYS: [&str; 5] =
    ["knows_support_wanted", "engages_directly", "understands_checking", "checks_suitability", "controls_care"];

/// The answers, one signal per question.
#[derive(Clone, Copy)]
struct Answers {
    tasks: RwSignal<String>,
    provider: RwSignal<String>,
    exemption: RwSignal<Vec<String>>,
    records: RwSignal<Vec<String>>,
    compliance_aid: RwSignal<String>,
    visits: RwSignal<String>,
    /// Delegations recorded, keyed by the task's line: (task, professional, trained on, review due).
    delegations: RwSignal<Vec<[String; 4]>>,
}

impl Answers {
    fn new() -> Self {
        Answers {
            tasks: RwSignal::new(String::new()),
            provider: RwSignal::new(String::new()),
            exemption: RwSignal::new(Vec::new()),
            records: RwSignal::new(Vec::new()),
            compliance_aid: RwSignal::new(String::new()),
            visits: RwSignal::new(String::new()),
            delegations: RwSignal::new(Vec::new()),
        }
    }

    /// The delegation recorded for `task`, if any field of it is filled in.
    fn delegation(&self, task: &str) -> Option<Delegation> {
        self.delegations.with(|all| {
            all.iter().find(|d| d[0] == task && d[1..].iter().any(|f| !f.trim().is_empty())).map(|d| Delegation {
                professional: d[1].trim().to_owned(),
                trained_on: d[2].trim().to_owned(),
                review_due: d[3].trim().to_owned(),
            })
        })
    }

    /// Sets field `i` (1 professional, 2 trained on, 3 review due) of `task`'s delegation.
    fn set_delegation(&self, task: &str, i: usize, value: String) {
        self.delegations.update(|all| match all.iter_mut().find(|d| d[0] == task) {
            Some(d) => d[i] = value,
            None => {
                let mut d: [String; 4] = Default::default();
                d[0] = task.to_owned();
                d[i] = value;
                all.push(d);
            }
        });
    }

    fn snapshot(&self) -> Value {
        json!({
            "tasks": self.tasks.get(),
            "provider": self.provider.get(),
            "exemption": self.exemption.get(),
            "records": self.records.get(),
            "compliance_aid": self.compliance_aid.get(),
            "visits": self.visits.get(),
            "delegations": self.delegations.get(),
        })
    }

    fn restore(&self, saved: &Value) {
        let text = |k: &str| saved[k].as_str().unwrap_or_default().to_owned();
        let list = |k: &str| -> Vec<String> {
            saved[k]
                .as_array()
                .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect())
                .unwrap_or_default()
        };
        self.tasks.set(text("tasks"));
        self.provider.set(text("provider"));
        self.exemption.set(list("exemption"));
        self.records.set(list("records"));
        self.compliance_aid.set(text("compliance_aid"));
        self.visits.set(text("visits"));
        self.delegations.set(serde_json::from_value(saved["delegations"].clone()).unwrap_or_default());
    }

    /// The plan, exactly as `careform check task-scope` reads it: one task per non-blank line.
    fn plan(&self) -> Plan {
        let has = |list: &[String], k: &str| list.iter().any(|v| v == k);
        let exemption = self.exemption.get();
        let records = self.records.get();
        let provider = match self.provider.get().as_str() {
            "" => None,
            chosen => Some(Provider {
                cqc_registered: chosen == "cqc_registered",
                individual_working_directly: chosen == "individual",
                exemption: if chosen == "individual" {
                    Exemption {
                        knows_support_wanted: has(&exemption, EXEMPTION_KEYS[0]),
                        engages_directly: has(&exemption, EXEMPTION_KEYS[1]),
                        understands_checking: has(&exemption, EXEMPTION_KEYS[2]),
                        checks_suitability: has(&exemption, EXEMPTION_KEYS[3]),
                        controls_care: has(&exemption, EXEMPTION_KEYS[4]),
                    }
                } else {
                    Exemption::default()
                },
            }),
        };
        Plan {
            tasks: self
                .tasks
                .get()
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(|l| Task { description: l.to_owned(), delegation: self.delegation(l) })
                .collect(),
            provider,
            records: Records {
                medication_record: has(&records, "medication_record"),
                compliance_aid: match self.compliance_aid.get().as_str() {
                    "dosette" => Some(ComplianceAid::Dosette),
                    "blister_28" => Some(ComplianceAid::Blister28),
                    "original_packs" => Some(ComplianceAid::OriginalPacks),
                    "none" => Some(ComplianceAid::None),
                    _ => None,
                },
                capacity_assessment: has(&records, "capacity_assessment"),
                best_interests_decision: has(&records, "best_interests_decision"),
                moving_handling_assessment: has(&records, "moving_handling_assessment"),
                moving_handling_training: has(&records, "moving_handling_training"),
                oxygen_risk_assessment: has(&records, "oxygen_risk_assessment"),
                salt_plan: has(&records, "salt_plan"),
                food_hygiene_training: has(&records, "food_hygiene_training"),
            },
            visits: self
                .visits
                .get()
                .split([',', ';', ' '])
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
                .collect(),
        }
    }
}

/// Which record each plan-level rule asks for: (rule, record field, label).
const RECORDS: &[(&Rule, &str, &str)] = &[
    (&registry::TS_09, "medication_record", "A medication record (seen taking, dose, time, signed and dated)"),
    (&registry::TS_29, "capacity_assessment", "A mental capacity assessment for the restriction"),
    (&registry::TS_29, "best_interests_decision", "A best-interests decision for the restriction"),
    (&registry::TS_27, "moving_handling_assessment", "A moving and handling assessment"),
    (&registry::TS_27, "moving_handling_training", "Moving and handling training for every worker"),
    (&registry::TS_34, "oxygen_risk_assessment", "A home oxygen risk assessment, including smoking"),
    (&registry::TS_38, "salt_plan", "A speech and language therapy plan"),
    (&registry::TS_31, "food_hygiene_training", "Food hygiene training for every worker"),
];

/// Problems that stop the check: the same shape errors the server would give, on the fields shown.
fn problems(result: &Result<Report, CheckError>) -> Vec<FieldError> {
    match result {
        Ok(_) => vec![],
        Err(CheckError::Invalid(list)) => list
            .iter()
            .map(|(field, why)| {
                let target = if field.starts_with("visits") {
                    "visits"
                } else if field.contains(".delegation.") {
                    "delegations"
                } else {
                    "tasks"
                };
                let message = match field.as_str() {
                    "tasks" => "Enter at least one task, one per line".to_owned(),
                    f if f.contains(".delegation.") => {
                        let line: usize = f[6..].split(']').next().and_then(|n| n.parse().ok()).unwrap_or(0);
                        let what = if f.ends_with("trained_on") { "training date" } else { "review date" };
                        format!("Task {}: the {what} {why}", line + 1)
                    }
                    f if f.starts_with("tasks[") => {
                        let line: usize = f[6..].split(']').next().and_then(|n| n.parse().ok()).unwrap_or(0);
                        format!("Task {} {why}", line + 1)
                    }
                    _ => format!("Call times: {why}"),
                };
                FieldError { target: target.into(), message }
            })
            .collect(),
        Err(other) => vec![FieldError { target: "tasks".into(), message: other.to_string() }],
    }
}

fn tag(v: &TaskVerdict) -> (&'static str, &'static str) {
    if v.negated {
        return ("govuk-tag govuk-tag--grey", "Someone else's task");
    }
    match v.category {
        Category::PersonalCare => ("govuk-tag govuk-tag--blue", "Personal care"),
        Category::PracticalSupport => ("govuk-tag govuk-tag--green", "Practical support"),
        Category::DelegatedHealthcare => ("govuk-tag govuk-tag--purple", "Delegated healthcare"),
        Category::ExcludedClinical => ("govuk-tag govuk-tag--red", "Excluded clinical task"),
        Category::NotPermitted => ("govuk-tag govuk-tag--red", "Never permitted"),
        Category::Unrecognised => ("govuk-tag govuk-tag--yellow", "Not recognised"),
    }
}

/// One task's verdict: what it is, why, and where the rule comes from.
#[component]
fn TaskResult(verdict: TaskVerdict) -> impl IntoView {
    let (class, label) = tag(&verdict);
    view! {
        <li class="careform-task" data-careform-category=verdict.category.as_str() data-careform-negated=verdict.negated.to_string()>
            <h4 class="govuk-heading-s govuk-!-margin-bottom-1">{verdict.description.clone()}</h4>
            <p class="govuk-body govuk-!-margin-bottom-1"><strong class=class>{label}</strong></p>
            <p class="govuk-body govuk-!-margin-bottom-1">{verdict.explanation.clone()}</p>
            <p class="govuk-hint govuk-!-font-size-16">{format!("Rules {}. Source: {}", verdict.rules.join(", "), verdict.sources.join("; "))}</p>
        </li>
    }
}

/// The plan-level findings, as GOV.UK summary rows.
#[component]
fn Findings(findings: Vec<Finding>) -> impl IntoView {
    let rows = findings
        .into_iter()
        .map(|f| {
            let (class, label) = outcome_tag(f.outcome);
            view! {
                <div class="govuk-summary-list__row" data-careform-rule=f.rule.clone() data-careform-outcome=format!("{:?}", f.outcome).to_lowercase()>
                    <dt class="govuk-summary-list__key">{f.rule.clone()}</dt>
                    <dd class="govuk-summary-list__value">
                        <strong class=class>{label}</strong>" "{f.message.clone()}
                        <br /><span class="govuk-hint govuk-!-font-size-16">{format!("Source: {}", f.source)}</span>
                    </dd>
                </div>
            }
        })
        .collect_view();
    view! { <dl class="govuk-summary-list">{rows}</dl> }
}

/// Counts of what is allowed, what needs a registered provider and what goes to a health professional.
#[component]
fn Summary(report: Report) -> impl IntoView {
    let tasks = report.parts.tasks.clone();
    let count = |pick: &dyn Fn(&TaskVerdict) -> bool| tasks.iter().filter(|t| pick(t)).count();
    let mine = |c: Category| move |t: &TaskVerdict| !t.negated && t.category == c;
    let groups = [
        ("practical", "Practical or social support: allowed", count(&mine(Category::PracticalSupport))),
        (
            "personal",
            "Personal care: needs a CQC-registered provider, or the exemption",
            count(&mine(Category::PersonalCare)),
        ),
        ("delegated", "Delegated healthcare: allowed as delegated", count(&mine(Category::DelegatedHealthcare))),
        ("health", "Must go to a health professional", count(&mine(Category::ExcludedClinical))),
        ("never", "Never permitted", count(&mine(Category::NotPermitted))),
        ("unknown", "Not recognised: ask what it involves", count(&mine(Category::Unrecognised))),
        ("others", "Someone else's task", count(&|t: &TaskVerdict| t.negated)),
    ];
    let (class, label) = match report.outcome {
        Outcome::Pass | Outcome::Info => ("govuk-tag govuk-tag--green", "No problems found"),
        Outcome::Warn => ("govuk-tag govuk-tag--yellow", "Things to check"),
        Outcome::Fail => ("govuk-tag govuk-tag--red", "Problems to fix"),
    };
    view! {
        <p class="govuk-body" data-careform-outcome=format!("{:?}", report.outcome).to_lowercase()><strong class=class>{label}</strong></p>
        <dl class="govuk-summary-list">
            {groups
                .into_iter()
                .filter(|(_, _, n)| *n > 0)
                .map(|(key, label, n)| view! {
                    <div class="govuk-summary-list__row" data-careform-group=key>
                        <dt class="govuk-summary-list__key">{label}</dt>
                        <dd class="govuk-summary-list__value">{format!("{n} task{}", if n == 1 { "" } else { "s" })}</dd>
                    </div>
                })
                .collect_view()}
        </dl>
    }
}

/// Whether a registered professional may delegate this task under `profile`.
fn delegable(v: &TaskVerdict, profile: &Profile) -> bool {
    !v.negated
        && v.concepts
            .iter()
            .any(|c| lexicon().concept_index(c).is_some_and(|k| profile.classes[k].category == Class::Delegable))
}

/// One delegated task's record: who delegated it, when the worker was trained, when it is reviewed.
#[component]
fn DelegationFields(answers: Answers, task: String, index: usize) -> impl IntoView {
    let legend = format!("Delegation of: {task}");
    let field = move |i: usize, label: &'static str, hint: Option<&'static str>| {
        let id = format!("delegation-{index}-{i}");
        let task = task.clone();
        let key = task.clone();
        let value = move || {
            answers.delegations.with(|all| all.iter().find(|d| d[0] == key).map(|d| d[i].clone()).unwrap_or_default())
        };
        view! {
            <div class="govuk-form-group">
                <label class="govuk-label" for=id.clone()>{label}</label>
                {hint.map(|h| view! { <div class="govuk-hint" id=format!("{id}-hint")>{h}</div> })}
                <input
                    class="govuk-input"
                    id=id.clone()
                    type="text"
                    aria-describedby=hint.map(|_| format!("{id}-hint"))
                    prop:value=value
                    on:input=move |ev| answers.set_delegation(&task, i, event_target_value(&ev))
                />
            </div>
        }
    };
    view! {
        <fieldset class="govuk-fieldset govuk-!-margin-bottom-6">
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
            {field(1, "Registered professional who delegated it", Some("Name and role, for example: Sam Lee, district nurse"))}
            {field(2, "Date the worker was trained and assessed competent", Some("As YYYY-MM-DD, for example 2026-06-01"))}
            {field(3, "Date the delegation is next reviewed", Some("As YYYY-MM-DD, for example 2027-06-01"))}
        </fieldset>
    }
}

/// The whole widget.
#[component]
pub fn TaskScope(config: Config) -> impl IntoView {
    let profile_id = config.profile.clone().unwrap_or_else(|| careform_rules::task_scope::DEFAULT_PROFILE.into());
    let profile = match Profile::built_in(&profile_id) {
        Ok(p) => p,
        Err(e) => return flow::unavailable(e.to_string()),
    };
    let profile = StoredValue::new(profile);
    let answers = Answers::new();
    let errors: Errors = RwSignal::new(Vec::new());
    let delivery = Delivery::start(ID, &config);
    let stage = delivery.stage;
    if let Some(saved) = draft::load(ID) {
        answers.restore(&saved);
    }
    Effect::new(move |_| {
        let snapshot = answers.snapshot();
        if !matches!(stage.get(), Stage::Received(_)) {
            draft::save(ID, &snapshot);
        }
    });

    // Re-checked on every keystroke: the same function the server and the CLI run.
    let result = Memo::new(move |_| profile.with_value(|p| check_plan(&answers.plan(), p, today())));
    // While a field is half typed (a date, a call time) the plan is briefly invalid: keep showing
    // the last good report rather than emptying the page under the person's cursor.
    let shown = RwSignal::new(None::<Report>);
    Effect::new(move |_| match result.get() {
        Ok(r) => shown.set(Some(r)),
        Err(_) if answers.tasks.with(|t| t.trim().is_empty()) => shown.set(None),
        Err(_) => {}
    });
    let report = move || shown.get();
    let has_personal_care = move || {
        report().is_some_and(|r| r.parts.tasks.iter().any(|t| !t.negated && t.category == Category::PersonalCare))
    };
    let delegable_tasks = move || {
        let mut seen: Vec<String> = Vec::new();
        if let Some(r) = report() {
            for t in r.parts.tasks.iter() {
                if profile.with_value(|p| delegable(t, p)) && !seen.contains(&t.description) {
                    seen.push(t.description.clone());
                }
            }
        }
        seen
    };
    let asks = move |rule: &Rule| report().is_some_and(|r| r.findings.iter().any(|f| f.rule == rule.id));

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let checked = result.get_untracked();
        let found = problems(&checked);
        let ready = found.is_empty();
        errors.set(found);
        let Ok(report) = checked else { return };
        if !ready {
            return;
        }
        let mut data = Map::new();
        data.insert("profile".into(), Value::String(profile.with_value(|p| p.id.clone())));
        data.insert("plan".into(), serde_json::to_value(answers.plan()).expect("plans serialize"));
        data.insert("report".into(), task_scope::summary(&report));
        let def = &careform_rules::task_scope::DEFINITION;
        delivery.submit(flow::payload(&config, def, data, vec![]));
    };

    let err = move |target: &'static str| error_for(errors, target);
    let pick = move |line: &'static str| {
        answers.tasks.update(|t| {
            if !t.is_empty() && !t.ends_with('\n') {
                t.push('\n');
            }
            t.push_str(line);
            t.push('\n');
        });
    };
    let records_shown = move || {
        let ticked = answers.records.get();
        RECORDS
            .iter()
            .filter(|(rule, field, _)| asks(rule) || ticked.iter().any(|t| t == field))
            .map(|(_, field, label)| CheckboxOption { value: field, label, reveal: None })
            .collect::<Vec<_>>()
    };
    let (title, description, source) =
        profile.with_value(|p| (p.title.clone(), p.description.clone(), p.source.clone()));

    let form = view! {
        <form novalidate on:submit=on_submit>
            <ErrorSummary errors=errors />
            <div class="govuk-inset-text">
                <p class="govuk-body"><strong>{format!("Rules applied: {title}")}</strong></p>
                <p class="govuk-body">{description}</p>
                <p class="govuk-hint govuk-!-font-size-16">{format!("Source: {source}")}</p>
            </div>
            <p class="govuk-body govuk-!-font-size-16" data-careform-draft>"Your answers are kept on this device as you type, until the check is received."</p>
            <CharacterCount
                id="tasks"
                label="Care plan tasks"
                hint="One task per line, in the plan's own words. For example: strip wash, empty the catheter bag, prompt tablets from the blister pack."
                value=answers.tasks
                error=err("tasks")
                max_chars=MAX_TASKS_CHARS
            />
            <details class="govuk-details">
                <summary class="govuk-details__summary"><span class="govuk-details__summary-text">"Pick from common tasks"</span></summary>
                <div class="govuk-details__text">
                    <ul class="govuk-list">
                        {COMMON_TASKS.iter().map(|t| view! {
                            <li><button type="button" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-1" on:click=move |_| pick(t)>{format!("Add \u{201c}{t}\u{201d}")}</button></li>
                        }).collect_view()}
                    </ul>
                </div>
            </details>
            <h2 class="govuk-heading-m" id="careform-results-title">"What each task is"</h2>
            <p class="govuk-body" role="status" aria-live="polite" data-careform-count>
                {move || match report() {
                    Some(r) => {
                        let n = r.parts.tasks.len();
                        format!("{n} task{} checked.", if n == 1 { "" } else { "s" })
                    }
                    None => "No tasks yet.".to_owned(),
                }}
            </p>
            <ol class="govuk-list careform-task-results" aria-labelledby="careform-results-title">
                {move || report().map(|r| r.parts.tasks.into_iter().map(|verdict| view! { <TaskResult verdict /> }).collect_view())}
            </ol>
            <div hidden=move || !has_personal_care()>
                <h2 class="govuk-heading-m">"Who provides the personal care"</h2>
                <Radios
                    id="provider"
                    legend="Who will provide the personal care?"
                    hint="Personal care is a CQC regulated activity: the provider must be registered, unless the exemption applies."
                    value=answers.provider
                    error=err("provider")
                    options=vec![
                        RadioOption { value: "cqc_registered", label: "A provider registered with the CQC", reveal: None },
                        RadioOption {
                            value: "individual",
                            label: "An individual working directly for the person, under their control",
                            reveal: Some(view! {
                                <Checkboxes
                                    id="exemption"
                                    legend="The person (or their representative) answers yes to:"
                                    hint="All five are needed for the exemption (001_fd57efb38e067e2e.txt §5)."
                                    values=answers.exemption
                                    error=err("exemption")
                                    options=Exemption::default()
                                        .answers()
                                        .iter()
                                        .zip(EXEMPTION_KEYS)
                                        .map(|((q, _), k)| CheckboxOption { value: k, label: q, reveal: None })
                                        .collect()
                                />
                            }.into_any()),
                        },
                        RadioOption { value: "organisation", label: "An organisation or agency that is not registered", reveal: None },
                    ]
                />
            </div>
            <div hidden=move || !asks(&registry::TS_09)>
                <Radios
                    id="compliance_aid"
                    legend="How are the medicines supplied?"
                    value=answers.compliance_aid
                    error=err("compliance_aid")
                    options=vec![
                        RadioOption { value: "dosette", label: "Dosette box filled by the pharmacy", reveal: None },
                        RadioOption { value: "blister_28", label: "28-day blister pack", reveal: None },
                        RadioOption { value: "original_packs", label: "Original packs", reveal: None },
                        RadioOption { value: "none", label: "Not known", reveal: None },
                    ]
                />
            </div>
            {move || {
                let options = records_shown();
                (!options.is_empty()).then(|| view! {
                    <Checkboxes id="records" legend="Which of these records does the plan have?" values=answers.records error=err("records") options />
                })
            }}
            <div hidden=move || delegable_tasks().is_empty()>
                <h2 class="govuk-heading-m" id="delegations" tabindex="-1">"Delegated healthcare tasks"</h2>
                <p class="govuk-body">"A registered health professional may delegate these tasks to a trained worker. Record the delegation to have them checked as delegated healthcare; without one they go to the health professional."</p>
                {move || err("delegations").get().map(|m| view! { <p class="govuk-error-message"><span class="govuk-visually-hidden">"Error: "</span>{m}</p> })}
                <For
                    each=move || delegable_tasks().into_iter().enumerate()
                    key=|(_, task)| task.clone()
                    children=move |(index, task)| view! { <DelegationFields answers task index /> }
                />
            </div>
            <TextInput id="visits" label="Call times (optional)" hint="24-hour clock, separated by commas. For example: 08:00, 12:30, 17:00" value=answers.visits error=err("visits") />
            <h2 class="govuk-heading-m">"Summary"</h2>
            {move || report().map(|r| view! { <Summary report=r.clone() /> <Findings findings=r.findings /> })}
            <button type="submit" class="govuk-button" disabled=move || stage.get() == Stage::Sending>"Send this check"</button>
        </form>
    };

    view! {
        <Frame
            delivery
            what="check"
            title="Check received"
            note="The server checked the plan again with the same rules and stored its own report with yours. This receipt was checked against the server's published key."
        >
            {form}
        </Frame>
    }
    .into_any()
}
