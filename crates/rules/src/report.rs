//! What the checks return: a form's report, and the parts of it some forms add (each task's
//! class, each worker's DBS verdict, the insurance verdict, what to renew).
//!
//! These types sit below the forms, so a report can hold any form's parts without the shared
//! layer depending on a form's module.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::finding::Finding;
use crate::outcome::Outcome;

/// A form's verdict on a whole submission: the findings every form has, and the parts a form
/// adds (each task's class, each worker's verdict, …) in `parts`, flattened into the same JSON
/// object. A form with parts reports `Report<ItsParts>`; the server, the CLI and the store see
/// every form's report alike as `Report` (parts as a JSON map), so a new form adds its own parts
/// type in its own module and never edits this one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Report<P = Map<String, Value>> {
    /// The form's id.
    pub form: String,
    /// The worst outcome of the findings.
    pub outcome: Outcome,
    /// Every finding, in rule order.
    pub findings: Vec<Finding>,
    /// The policy profile the form was checked under, for forms that have one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
    /// What this form adds to its report.
    #[serde(flatten)]
    pub parts: P,
}

impl<P: Default> Report<P> {
    /// A report whose outcome is the worst of its findings (`info` alone counts as `pass`).
    pub fn new(form: &str, findings: Vec<Finding>) -> Self {
        Report {
            form: form.to_owned(),
            outcome: Outcome::overall(findings.iter().map(|f| f.outcome)),
            findings,
            profile: None,
            parts: P::default(),
        }
    }
}

impl<P: Serialize> Report<P> {
    /// The same report with its parts as a JSON map: what every caller outside the form handles.
    pub fn erase(self) -> Report {
        let parts = match serde_json::to_value(&self.parts).expect("report parts serialize") {
            Value::Object(map) => map,
            Value::Null => Map::new(),
            other => unreachable!("report parts must serialize to a JSON object, not {other}"),
        };
        Report { form: self.form, outcome: self.outcome, findings: self.findings, profile: self.profile, parts }
    }
}

/// A task's class under a profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// No concept of the lexicon matched: a person must decide; Careform does not guess.
    Unrecognised,
    /// Practical or social support: not a CQC regulated activity.
    PracticalSupport,
    /// Personal care: a CQC regulated activity.
    PersonalCare,
    /// A clinical task done under a valid delegation from a registered professional.
    DelegatedHealthcare,
    /// A clinical task the worker must not do.
    ExcludedClinical,
    /// Never permitted for a care worker.
    NotPermitted,
}

impl Category {
    /// Precedence when several concepts match: not permitted > excluded > delegated > personal care > practical.
    pub fn rank(self) -> u8 {
        self as u8
    }

    pub(crate) fn describe(self) -> &'static str {
        match self {
            Category::Unrecognised => "not recognised",
            Category::PracticalSupport => "practical or social support, not a CQC regulated activity",
            Category::PersonalCare => {
                "personal care, a CQC regulated activity when the person cannot do it for themselves because of age, illness or disability"
            }
            Category::DelegatedHealthcare => "a delegated healthcare task",
            Category::ExcludedClinical => {
                "a clinical task that a care worker must not do; it goes to a health professional"
            }
            Category::NotPermitted => "never permitted for a care worker",
        }
    }

    /// The snake_case name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Unrecognised => "unrecognised",
            Category::PracticalSupport => "practical_support",
            Category::PersonalCare => "personal_care",
            Category::DelegatedHealthcare => "delegated_healthcare",
            Category::ExcludedClinical => "excluded_clinical",
            Category::NotPermitted => "not_permitted",
        }
    }
}

/// One task's classification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TaskVerdict {
    /// The task as written.
    pub description: String,
    /// Its class.
    pub category: Category,
    /// What follows for the plan: `pass`, `info` (not the worker's task), `warn` or `fail`.
    pub outcome: Outcome,
    /// The rule ids that decided it (lexicon entry, catalogue rules, the profile's rule).
    pub rules: Vec<String>,
    /// Plain English: what it is and why.
    pub explanation: String,
    /// Where each deciding rule comes from.
    pub sources: Vec<String>,
    /// The plan says someone else does this, or that it is not done.
    pub negated: bool,
    /// The lexicon concepts found, deciding one first.
    pub concepts: Vec<String>,
}

/// One worker's verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct WorkerReport {
    /// The worker's name.
    pub name: String,
    /// The worst of the findings.
    pub outcome: Outcome,
    /// The last day the certificate is acceptable under the profile's age limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dbs_valid_until: Option<String>,
    /// Days from today until then (negative: lapsed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_left: Option<i64>,
    /// Each rule's verdict.
    pub findings: Vec<Finding>,
}

/// The insurance verdict.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct InsuranceReport {
    /// The worst of the findings.
    pub outcome: Outcome,
    /// Each rule's verdict.
    pub findings: Vec<Finding>,
}

/// Something to renew, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Renewal {
    /// What: a worker's DBS check or a policy.
    pub what: String,
    /// The last day it is acceptable, `YYYY-MM-DD`.
    pub until: String,
    /// Days from today (negative: already lapsed).
    pub days_left: i64,
}
