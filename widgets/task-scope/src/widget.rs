//! `<careform-task-scope>`: paste a care plan's tasks, see each one classed as you type, with a
//! plain-English reason and its source, answer the exemption questions when personal care
//! appears, and send the signed result. The same rules run again on the server.

use careform_kit::components::{
    CharacterCount, CheckboxOption, Checkboxes, FieldError, RadioOption, Radios, TextInput,
};
use careform_kit::form::{self, Form, FormPage, Wording, use_form};
use careform_kit::{Config, today};
use careform_rules::CheckError;
use careform_rules::registry::{self, Rule};
use careform_rules::task_scope::{self, Category, DEFAULT_PROFILE, Exemption, check_plan};

use crate::results::Report;
use leptos::prelude::*;

use crate::answers::{Answers, EXEMPTION_KEYS};
use crate::delegations::{Delegations, delegable};
use crate::results::{Findings, Summary, TaskResult};

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

/// The line number in a field path such as `tasks[2].delegation.review_due` (0 first).
fn line_of(field: &str) -> usize {
    field.get(6..).and_then(|f| f.split(']').next()).and_then(|n| n.parse().ok()).unwrap_or(0)
}

/// Problems that stop the check: the same shape errors the server would give, on the fields shown.
fn problems(result: &Result<Report, CheckError>) -> Vec<FieldError> {
    match result {
        Ok(_) => vec![],
        Err(CheckError::Invalid(list)) => list
            .iter()
            .map(|(field, why)| match field.as_str() {
                "tasks" => FieldError::new("tasks", "Enter at least one task, one per line"),
                f if f.contains(".delegation.") => {
                    let what = if f.ends_with("trained_on") { "training date" } else { "review date" };
                    FieldError::new("delegations", format!("Task {}: the {what} {why}", line_of(f) + 1))
                }
                f if f.starts_with("visits") => FieldError::new("visits", format!("Call times: {why}")),
                f => FieldError::new("tasks", format!("Task {} {why}", line_of(f) + 1)),
            })
            .collect(),
        Err(other) => vec![FieldError::new("tasks", other.to_string())],
    }
}

/// The whole widget.
#[component]
pub fn TaskScope(config: Config) -> impl IntoView {
    let profile = match form::profile(&config, DEFAULT_PROFILE) {
        Ok(p) => p,
        Err(message) => return message,
    };
    let (form, answers): (Form, Answers) = use_form(&task_scope::DEFINITION, &config);

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
    let delegable_tasks = Signal::derive(move || {
        let mut seen: Vec<String> = Vec::new();
        for t in report().iter().flat_map(|r| r.parts.tasks.iter()) {
            if profile.with_value(|p| delegable(t, p)) && !seen.contains(&t.description) {
                seen.push(t.description.clone());
            }
        }
        seen
    });
    let asks = move |rule: &Rule| report().is_some_and(|r| r.findings.iter().any(|f| f.rule == rule.id));

    let on_send = move || {
        let checked = result.get_untracked();
        if !form.check(problems(&checked)) {
            return;
        }
        let Ok(report) = checked else { return };
        let mut data = profile.with_value(|p| form::checker_data(&p.id, "plan", &answers.plan()));
        data.insert("report".into(), task_scope::summary(&report));
        form.send(data, vec![]);
    };

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
            .map(|&(_, field, label)| CheckboxOption::new(field, label))
            .collect::<Vec<_>>()
    };
    let exemption_questions = Exemption::default()
        .answers()
        .iter()
        .zip(EXEMPTION_KEYS)
        .map(|((q, _), k)| CheckboxOption::new(k, *q))
        .collect();
    let (title, description, source) =
        profile.with_value(|p| (p.title.clone(), p.description.clone(), p.source.clone()));
    let wording = Wording {
        what: "check",
        title: "Check received",
        note: "The server checked the plan again with the same rules and stored its own report with yours. This receipt was checked against the server's published key.",
        draft: "Your answers are kept on this device as you type, until the check is received.",
        send: "Send this check",
    };

    view! {
        <FormPage form wording on_send>
            <div class="govuk-inset-text">
                <p class="govuk-body"><strong>{format!("Rules applied: {title}")}</strong></p>
                <p class="govuk-body">{description}</p>
                <p class="govuk-hint govuk-!-font-size-16">{format!("Source: {source}")}</p>
            </div>
            <CharacterCount
                id="tasks"
                label="Care plan tasks"
                hint="One task per line, in the plan's own words. For example: strip wash, empty the catheter bag, prompt tablets from the blister pack."
                value=answers.tasks
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
                    options=vec![
                        RadioOption::new("cqc_registered", "A provider registered with the CQC"),
                        RadioOption::new("individual", "An individual working directly for the person, under their control").reveal(view! {
                            <Checkboxes
                                id="exemption"
                                legend="The person (or their representative) answers yes to:"
                                hint="All five are needed for the exemption (001_fd57efb38e067e2e.txt §5)."
                                values=answers.exemption
                                options=exemption_questions
                            />
                        }),
                        RadioOption::new("organisation", "An organisation or agency that is not registered"),
                    ]
                />
            </div>
            <div hidden=move || !asks(&registry::TS_09)>
                <Radios
                    id="compliance_aid"
                    legend="How are the medicines supplied?"
                    value=answers.compliance_aid
                    options=RadioOption::list(&[
                        ("dosette", "Dosette box filled by the pharmacy"),
                        ("blister_28", "28-day blister pack"),
                        ("original_packs", "Original packs"),
                        ("none", "Not known"),
                    ])
                />
            </div>
            {move || {
                let options = records_shown();
                (!options.is_empty()).then(|| view! {
                    <Checkboxes id="records" legend="Which of these records does the plan have?" values=answers.records options />
                })
            }}
            <Delegations answers tasks=delegable_tasks />
            <TextInput id="visits" label="Call times (optional)" hint="24-hour clock, separated by commas. For example: 08:00, 12:30, 17:00" value=answers.visits />
            <h2 class="govuk-heading-m">"Summary"</h2>
            {move || report().map(|r| view! { <Summary report=r.clone() /> <Findings findings=r.findings /> })}
        </FormPage>
    }
    .into_any()
}
