//! What the validator checks: the applicant, the workers and their certificates, the policies;
//! and the problems that stop a check (field by field).

use serde::{Deserialize, Serialize};

use super::MAX_WORKERS;
use crate::date;

/// The input of `careform check dbs-insurance` and the widget's `plan`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Submission {
    /// Who applies.
    pub applicant: Applicant,
    /// Employees of the enterprise (not counting the owner).
    #[serde(default)]
    pub employee_count: u32,
    /// How many of those employees are close family (spouse or civil partner, parent, child,
    /// sibling, grandparent, grandchild and step- or half- relations): they need no employers' liability.
    #[serde(default)]
    pub family_employee_count: u32,
    /// The enterprise drives clients (DI-42).
    #[serde(default)]
    pub transports_clients: bool,
    /// What the enterprise offers, in words the policies must cover (DI-34), e.g. "personal care".
    #[serde(default)]
    pub services: Vec<String>,
    /// Everyone who works with clients, the owner included.
    pub workers: Vec<Worker>,
    /// The policies.
    pub insurance: Insurance,
}

/// The applicant.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Applicant {
    /// The legal name (person or company).
    pub legal_name: String,
    /// A trading name, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trading_name: Option<String>,
}

/// One worker.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Worker {
    /// Their name.
    pub name: String,
    /// Their role, in words.
    #[serde(default)]
    pub role: String,
    /// How they work: `owner`, `employee`, `volunteer`, `temporary`, `agency`, `student`, `self_employed`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The day they start (or started) working with clients, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<String>,
    /// What they do, as care-plan tasks: classified by the task scope checker to decide whether
    /// the work is regulated activity (DI-03).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<String>,
    /// Whether their work is regulated activity with adults, when there are no tasks to classify.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regulated_activity: Option<bool>,
    /// Their DBS certificate (`null` when they have none).
    #[serde(default)]
    pub dbs: Option<Dbs>,
}

/// A DBS certificate as the person reads it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Dbs {
    /// The 12-digit certificate number.
    pub certificate_number: String,
    /// `basic`, `standard`, `enhanced`, `enhanced_adults_barred`, `enhanced_children_barred`, `enhanced_both_barred`.
    pub level: String,
    /// `adult`, `child`, `child_and_adult` or `other`.
    pub workforce: String,
    /// The date of issue, `YYYY-MM-DD`.
    pub issue_date: String,
    /// The certificate discloses information (convictions, cautions, police information).
    #[serde(default)]
    pub information_disclosed: bool,
    /// The DBS Update Service, when the holder subscribes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update_service: Option<UpdateService>,
}

/// An Update Service subscription and its latest status check.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateService {
    /// When the subscription ends, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscription_expiry: Option<String>,
    /// When the latest status check was made, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_check_date: Option<String>,
    /// Its result: `current`, `changed`, `details_mismatch` or `no_subscription`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_result: Option<String>,
}

/// The policies.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Insurance {
    /// Public liability.
    #[serde(default)]
    pub public_liability: Option<Policy>,
    /// Employers' liability.
    #[serde(default)]
    pub employers_liability: Option<Policy>,
    /// Professional indemnity.
    #[serde(default)]
    pub professional_indemnity: Option<Policy>,
    /// Motor insurance for the vehicles used with clients.
    #[serde(default)]
    pub motor: Option<Policy>,
}

/// One policy as its certificate or schedule says.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// The insurer.
    #[serde(default)]
    pub insurer: String,
    /// The name insured.
    #[serde(default)]
    pub insured_name: String,
    /// The limit of indemnity, in pence (motor: may be 0).
    #[serde(default)]
    pub limit_pence: i64,
    /// First day of cover, `YYYY-MM-DD`.
    pub start_date: String,
    /// Last day of cover, `YYYY-MM-DD`.
    pub expiry_date: String,
    /// `certificate`, `schedule`, `cover_note` or `letter`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_type: Option<String>,
    /// The business or activities the policy describes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub business_description: Option<String>,
    /// Exclusions the policy lists.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclusions: Vec<String>,
    /// Motor: covers business use (or carrying clients).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub business_use: Option<bool>,
}

/// Field problems that stop the check, named by path.
pub(super) fn problems(s: &Submission) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if s.applicant.legal_name.trim().is_empty() {
        out.push(("applicant.legal_name".into(), "Enter the applicant's legal name".into()));
    }
    if s.workers.is_empty() {
        out.push(("workers".into(), "Add at least one worker (the owner counts)".into()));
    }
    if s.workers.len() > MAX_WORKERS {
        out.push(("workers".into(), format!("at most {MAX_WORKERS} workers")));
    }
    if s.family_employee_count > s.employee_count {
        out.push(("family_employee_count".into(), "cannot be more than employee_count".into()));
    }
    let long = |v: &str| v.chars().count() > 300;
    for (i, w) in s.workers.iter().enumerate() {
        if w.name.trim().is_empty() {
            out.push((format!("workers[{i}].name"), "Enter the worker's name".into()));
        }
        if long(&w.name) || long(&w.role) || w.tasks.len() > 100 || w.tasks.iter().any(|t| long(t)) {
            out.push((
                format!("workers[{i}]"),
                "names, roles and tasks must be 300 characters or fewer, at most 100 tasks".into(),
            ));
        }
        if let Some(d) = &w.start_date
            && date::parse_iso(d.trim()).is_none()
        {
            out.push((format!("workers[{i}].start_date"), "must be a real date, YYYY-MM-DD".into()));
        }
        if let Some(kind) = &w.kind
            && !WORKER_KINDS.contains(&kind.as_str())
        {
            out.push((format!("workers[{i}].kind"), format!("must be one of: {}", WORKER_KINDS.join(", "))));
        }
        if let Some(d) = &w.dbs {
            let at = |f: &str| format!("workers[{i}].dbs.{f}");
            if !LEVELS.contains(&d.level.as_str()) {
                out.push((at("level"), format!("must be one of: {}", LEVELS.join(", "))));
            }
            if !WORKFORCES.contains(&d.workforce.as_str()) {
                out.push((at("workforce"), format!("must be one of: {}", WORKFORCES.join(", "))));
            }
            if long(&d.certificate_number) {
                out.push((at("certificate_number"), "is too long".into()));
            }
            if let Some(u) = &d.update_service {
                for (f, v) in
                    [("subscription_expiry", &u.subscription_expiry), ("status_check_date", &u.status_check_date)]
                {
                    if v.as_deref().is_some_and(|v| date::parse_iso(v.trim()).is_none()) {
                        out.push((at(&format!("update_service.{f}")), "must be a real date, YYYY-MM-DD".into()));
                    }
                }
                if u.status_result.as_deref().is_some_and(|r| !STATUS_RESULTS.contains(&r)) {
                    out.push((
                        at("update_service.status_result"),
                        format!("must be one of: {}", STATUS_RESULTS.join(", ")),
                    ));
                }
            }
        }
    }
    for (name, policy) in s.insurance.named() {
        if let Some(p) = policy {
            let at = |f: &str| format!("insurance.{name}.{f}");
            for (f, v) in [("start_date", &p.start_date), ("expiry_date", &p.expiry_date)] {
                if date::parse_iso(v.trim()).is_none() {
                    out.push((at(f), "must be a real date, YYYY-MM-DD".into()));
                }
            }
            if p.limit_pence < 0 {
                out.push((at("limit_pence"), "must not be negative".into()));
            }
            if p.document_type.as_deref().is_some_and(|d| !DOCUMENT_TYPES.contains(&d)) {
                out.push((at("document_type"), format!("must be one of: {}", DOCUMENT_TYPES.join(", "))));
            }
            if long(&p.insurer) || long(&p.insured_name) || p.exclusions.len() > 50 {
                out.push((at("insurer"), "names must be 300 characters or fewer, at most 50 exclusions".into()));
            }
        }
    }
    out
}

/// DBS levels, lowest first.
pub const LEVELS: [&str; 6] =
    ["basic", "standard", "enhanced", "enhanced_adults_barred", "enhanced_children_barred", "enhanced_both_barred"];
/// DBS workforces.
pub const WORKFORCES: [&str; 4] = ["adult", "child", "child_and_adult", "other"];
/// How a worker works.
pub const WORKER_KINDS: [&str; 7] =
    ["owner", "employee", "volunteer", "temporary", "agency", "student", "self_employed"];
/// Update Service status check results.
pub const STATUS_RESULTS: [&str; 4] = ["current", "changed", "details_mismatch", "no_subscription"];
/// Kinds of insurance evidence.
pub const DOCUMENT_TYPES: [&str; 4] = ["certificate", "schedule", "cover_note", "letter"];

impl Insurance {
    fn named(&self) -> [(&'static str, &Option<Policy>); 4] {
        [
            ("public_liability", &self.public_liability),
            ("employers_liability", &self.employers_liability),
            ("professional_indemnity", &self.professional_indemnity),
            ("motor", &self.motor),
        ]
    }
}
