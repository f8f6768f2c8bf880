//! The homecare task scope checker: each care-plan task classed as personal care, practical
//! support, excluded clinical, delegated healthcare or never permitted, under a council's
//! policy profile, and the plan-level rules that follow.
//!
//! `plan` holds the input and its shape check, `classify` a task's class, `findings` the
//! plan-level rules; this file holds the form and puts them together.
//!
//! Sources: rules catalogue section 3 (TS-01 to TS-39, LX-01 to LX-40);
//! `004_08a37aa4ee6b72b0.txt` §10.9–10.11, §22.11; `001_fd57efb38e067e2e.txt` §5;
//! `000_0306a16ec1856581.txt` §6.2.

mod classify;
mod findings;
mod plan;

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The task lexicon (it moved to the crate's data layer; this path stays for callers).
pub use crate::lexicon;
pub use crate::profile::{BUILT_IN, Class, Profile, ProfileError};
pub use crate::report::{Category, TaskVerdict};
pub use classify::classify;
pub use plan::{ComplianceAid, Delegation, Exemption, Plan, Provider, Records, Task};

use crate::entry::{Form, Standalone};
use crate::finding::Finding;
use crate::form::{CheckError, FieldDefinition, FieldKind, FormDefinition};
use crate::outcome::Outcome;
use crate::registry::CF_TS_02;
use crate::report::Report;

/// The form's id.
pub const ID: &str = "task-scope";
/// The profile `careform check task-scope` and `<careform-task-scope>` both use when none is named.
pub const DEFAULT_PROFILE: &str = "bexley-homecare";
/// Most tasks one plan may hold.
pub const MAX_TASKS: usize = 250;
/// Longest task description, in characters.
pub const MAX_DESCRIPTION: usize = 500;
/// Most visits one plan may list.
pub const MAX_VISITS: usize = 48;

/// The definition the widget signs and the server re-checks.
pub static DEFINITION: FormDefinition = FormDefinition {
    id: ID,
    version: "1",
    title: "Homecare task scope check",
    fields: &[
        FieldDefinition {
            name: "profile",
            label: "Policy profile",
            kind: FieldKind::Choice { options: &BUILT_IN },
            required: true,
            missing: "Select a policy profile",
        },
        FieldDefinition {
            name: "plan",
            label: "Care plan",
            kind: FieldKind::Structured {
                schema: "careform task-scope plan, version 1 (README: careform check task-scope)",
            },
            required: true,
            missing: "Enter the care plan",
        },
        FieldDefinition {
            name: "report",
            label: "Report shown",
            kind: FieldKind::Structured { schema: "careform task-scope report, version 1" },
            required: false,
            missing: "",
        },
    ],
    refuse_on_fail: false,
};

/// What the task scope checker adds to its report.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Parts {
    /// Each task's classification, in the plan's order.
    pub tasks: Vec<TaskVerdict>,
}

/// Checks a whole plan under `profile`, as of `today`.
pub fn check_plan(plan: &Plan, profile: &Profile, today: NaiveDate) -> Result<Report<Parts>, CheckError> {
    let problems = plan::problems(plan);
    if !problems.is_empty() {
        return Err(CheckError::Invalid(problems));
    }
    let mut tasks = Vec::with_capacity(plan.tasks.len());
    let mut flags = BTreeSet::new();
    for t in &plan.tasks {
        let (verdict, f) = classify::classify_full(t, profile, &plan.records, today);
        flags.extend(f);
        tasks.push(verdict);
    }
    let mut report: Report<Parts> = Report::new(ID, findings::plan_findings(plan, profile, &tasks, &flags));
    // The tasks count too; info never blocks: a plan with only notes passes.
    report.outcome = Outcome::overall(report.findings.iter().map(|f| f.outcome).chain(tasks.iter().map(|t| t.outcome)));
    report.profile = Some(profile.id.clone());
    report.parts.tasks = tasks;
    Ok(report)
}

/// The form's entry.
pub static FORM: Form = Form {
    definition: &DEFINITION,
    check: |data, _, today| check(data, today).map(Report::erase),
    standalone: Some(Standalone { default_profile: DEFAULT_PROFILE, check: check_input, example: None }),
    #[cfg(feature = "schema")]
    schemas: || crate::entry::Schemas {
        fields: vec![("plan", crate::entry::schema_of::<Plan>()), ("report", crate::entry::schema_of::<Summary>())],
        report: crate::entry::schema_of::<Report<Parts>>(),
    },
};

/// `careform check task-scope`: a plan on standard input.
fn check_input(input: &[u8], profile: &Profile, today: NaiveDate) -> Result<String, String> {
    crate::entry::parse_and_check(input, "task-scope plan", |plan: &Plan| check_plan(plan, profile, today))
}

/// What the widget signs as the report it showed: each task's category and outcome and each
/// finding's rule and outcome (the explanations are the rules' own words, so they are not repeated).
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Summary {
    /// The report's outcome.
    pub outcome: Outcome,
    /// Each task's class and outcome, in the plan's order.
    pub tasks: Vec<TaskSummary>,
    /// Each plan finding's rule and outcome.
    pub findings: Vec<FindingSummary>,
}

/// One task, as the summary holds it.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TaskSummary {
    /// Its class.
    pub category: Category,
    /// Its outcome.
    pub outcome: Outcome,
}

/// One finding, as the summary holds it.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FindingSummary {
    /// The rule's id.
    pub rule: String,
    /// Its outcome.
    pub outcome: Outcome,
}

/// The [`Summary`] of a report, as JSON.
pub fn summary(report: &Report<Parts>) -> Value {
    let summary = Summary {
        outcome: report.outcome,
        tasks: report.parts.tasks.iter().map(|t| TaskSummary { category: t.category, outcome: t.outcome }).collect(),
        findings: report.findings.iter().map(|f| FindingSummary { rule: f.rule.clone(), outcome: f.outcome }).collect(),
    };
    serde_json::to_value(summary).expect("summaries serialize")
}

/// The form's check: the server re-runs the plan under the named profile and compares the
/// report the widget showed with its own (CF-TS-02).
pub(crate) fn check(data: &Map<String, Value>, today: NaiveDate) -> Result<Report<Parts>, CheckError> {
    let profile = crate::entry::data_profile(data)?;
    let plan: Plan = crate::entry::data_field(data, "plan")?;
    let mut report = check_plan(&plan, &profile, today)?;
    if let Some(shown) = data.get("report") {
        let ours = summary(&report);
        if *shown != ours {
            report.findings.push(Finding::new(&CF_TS_02, Outcome::Warn, "The report shown in the browser differs from the server's own check of the same plan; the server's report is the one stored. (A different date, a different version of Careform, or an altered report.)").at("report"));
            report.outcome = report.outcome.max(Outcome::Warn);
        }
    }
    Ok(report)
}
