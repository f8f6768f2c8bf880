//! The DBS and insurance validator: every worker's DBS certificate and the enterprise's
//! insurance, checked against a council's profile as of `today`.
//!
//! Sources: `000_0306a16ec1856581.txt` §5 b1–b2 ("enhanced DBS … no more than 3 years old";
//! "current public liability and other insurance"); `004_08a37aa4ee6b72b0.txt` §6.5;
//! `003_511e571f1df8e389.txt` EoE Standard 11; rules catalogue section 2 (DI-01 to DI-48).
//!
//! Anniversaries: a limit of N years ends on the same day N years after the issue date; a
//! certificate issued on 29 February reaches it on 28 February in a year that is not a leap year
//! (chrono's month arithmetic clamps to the month's last day), the earlier of the two possible days.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::task_scope::{Category, Profile, Records, Task, classify};
use crate::{CheckError, FieldDefinition, FieldKind, Finding, FormDefinition, Outcome, Report, date};

/// The definition the widget signs and the server re-checks.
pub static DEFINITION: FormDefinition = FormDefinition {
    id: ID,
    version: "1",
    title: "DBS and insurance check",
    fields: &[
        FieldDefinition {
            name: "profile",
            label: "Policy profile",
            kind: FieldKind::Choice { options: &crate::task_scope::BUILT_IN },
            required: true,
        },
        FieldDefinition {
            name: "submission",
            label: "Workers and insurance",
            kind: FieldKind::Structured {
                schema: "careform dbs-insurance input, version 1 (README: careform check dbs-insurance)",
            },
            required: true,
        },
    ],
    refuse_on_fail: false,
};

/// The form's check: the server re-runs the rules under the named profile.
pub(crate) fn check(data: &serde_json::Map<String, serde_json::Value>, today: NaiveDate) -> Result<Report, CheckError> {
    let profile_id = data.get("profile").and_then(serde_json::Value::as_str).unwrap_or_default();
    let profile = Profile::built_in(profile_id).map_err(|e| CheckError::Invalid(vec![("profile".into(), e.0)]))?;
    let submission: Submission = serde_json::from_value(data.get("submission").cloned().unwrap_or_default())
        .map_err(|e| CheckError::Invalid(vec![("submission".into(), e.to_string())]))?;
    check_submission(&submission, &profile, today)
}

/// The form's id.
pub const ID: &str = "dbs-insurance";
/// Most workers one submission may list.
pub const MAX_WORKERS: usize = 50;

const S000: &str = "000_0306a16ec1856581.txt";
const S003: &str = "003_511e571f1df8e389.txt";
const S004: &str = "004_08a37aa4ee6b72b0.txt";
const GOV_EL: &str = "https://www.gov.uk/employers-liability-insurance";

/// £1 in pence.
const POUND: i64 = 100;
/// The statutory minimum of employers' liability cover: £5 million.
pub const EL_STATUTORY_MIN_PENCE: i64 = 5_000_000 * POUND;

/// A profile's DBS and insurance thresholds (the `dbs_insurance` section of a profile).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// DI-09: the oldest a certificate may be, in years.
    pub dbs_max_age_years: u32,
    /// DI-09: warn this many days before a certificate reaches the limit.
    pub dbs_warn_days: u32,
    /// DI-15: whether a current Update Service status check keeps an older certificate acceptable.
    pub status_check_extends: bool,
    /// DI-32: public liability below this fails.
    pub public_liability_fail_below_pence: i64,
    /// DI-32: public liability below this warns.
    pub public_liability_warn_below_pence: i64,
    /// DI-36: employers' liability below this fails (never below the statutory £5m).
    pub employers_liability_min_pence: i64,
    /// DI-31: warn when a policy expires within this many days.
    pub insurance_warn_days: u32,
    /// DI-41: the outcome when professional indemnity is missing.
    pub professional_indemnity_missing: Outcome,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            dbs_max_age_years: 3,
            dbs_warn_days: 60,
            status_check_extends: false,
            public_liability_fail_below_pence: 1_000_000 * POUND,
            public_liability_warn_below_pence: 5_000_000 * POUND,
            employers_liability_min_pence: EL_STATUTORY_MIN_PENCE,
            insurance_warn_days: 30,
            professional_indemnity_missing: Outcome::Warn,
        }
    }
}

impl Settings {
    /// Settings that make sense together; the statutory floor cannot be lowered.
    pub fn check(&self) -> Result<(), String> {
        if self.dbs_max_age_years == 0 || self.dbs_max_age_years > 20 {
            return Err("dbs_max_age_years must be between 1 and 20".into());
        }
        if self.dbs_warn_days > 365 || self.insurance_warn_days > 365 {
            return Err("warning periods must be at most 365 days".into());
        }
        if self.public_liability_fail_below_pence < 0
            || self.public_liability_warn_below_pence < self.public_liability_fail_below_pence
        {
            return Err("public_liability_warn_below_pence must be at least public_liability_fail_below_pence".into());
        }
        if self.employers_liability_min_pence < EL_STATUTORY_MIN_PENCE {
            return Err(format!(
                "employers_liability_min_pence cannot be below the statutory £5m ({EL_STATUTORY_MIN_PENCE} pence)"
            ));
        }
        Ok(())
    }
}

/// The input of `careform check dbs-insurance` and the widget's `plan`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
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

/// One worker's verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InsuranceReport {
    /// The worst of the findings.
    pub outcome: Outcome,
    /// Each rule's verdict.
    pub findings: Vec<Finding>,
}

/// Something to renew, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Renewal {
    /// What: a worker's DBS check or a policy.
    pub what: String,
    /// The last day it is acceptable, `YYYY-MM-DD`.
    pub until: String,
    /// Days from today (negative: already lapsed).
    pub days_left: i64,
}

fn finding(rule: &str, outcome: Outcome, message: String, source: &str, field: &str) -> Finding {
    Finding { rule: rule.into(), outcome, message, source: source.into(), field: Some(field.into()) }
}

/// Pounds as people write them: £1,000,000 or £999,999.99.
pub fn pounds(pence: i64) -> String {
    let (whole, part) = (pence / POUND, pence % POUND);
    let digits = whole.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if part == 0 { format!("£{grouped}") } else { format!("£{grouped}.{part:02}") }
}

/// What a person types as money ("£5,000,000", "5m", "999999.99") in pence; `None` when it is not an amount.
pub fn parse_pounds(text: &str) -> Option<i64> {
    let t: String = text.trim().trim_start_matches('£').chars().filter(|c| *c != ',' && !c.is_whitespace()).collect();
    let t = t.to_lowercase();
    let (number, scale) = match t.strip_suffix('m') {
        Some(n) => (n.to_owned(), 1_000_000.0_f64),
        None => match t.strip_suffix('k') {
            Some(n) => (n.to_owned(), 1_000.0),
            None => (t, 1.0),
        },
    };
    let (whole, frac) = number.split_once('.').unwrap_or((&number, ""));
    if whole.is_empty() || !whole.chars().all(|c| c.is_ascii_digit()) || !frac.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    if scale == 1.0 {
        if frac.len() > 2 {
            return None;
        }
        let pence: i64 = format!("{frac:0<2}").parse().ok()?;
        return whole.parse::<i64>().ok()?.checked_mul(100)?.checked_add(pence);
    }
    // "2.5m": whole units of the scale, with at most the decimals that make whole pounds.
    let value: f64 = number.parse().ok()?;
    let pounds = value * scale;
    (pounds.fract() == 0.0 && pounds < 1e12).then(|| pounds as i64 * 100)
}

/// The last day a certificate issued on `issue` is acceptable under a limit of `years`.
pub fn valid_until(issue: NaiveDate, years: u32) -> Option<NaiveDate> {
    issue.checked_add_months(Months::new(years * 12))
}

fn days(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}

/// Field problems that stop the check, named by path.
fn problems(s: &Submission) -> Vec<(String, String)> {
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

/// Checks a submission under `profile`, as of `today`.
pub fn check_submission(s: &Submission, profile: &Profile, today: NaiveDate) -> Result<Report, CheckError> {
    let found = problems(s);
    if !found.is_empty() {
        return Err(CheckError::Invalid(found));
    }
    let settings = &profile.dbs_insurance;
    let mut renewals = Vec::new();
    let workers: Vec<WorkerReport> =
        s.workers.iter().enumerate().map(|(i, w)| check_worker(i, w, profile, today, &mut renewals)).collect();
    let insurance = check_insurance(s, settings, today, &mut renewals);
    let findings = Vec::new();
    let outcome = Outcome::worst(workers.iter().map(|w| w.outcome).chain([insurance.outcome]));
    renewals.sort_by_key(|r| r.days_left);
    Ok(Report {
        form: ID.into(),
        outcome: if outcome == Outcome::Info { Outcome::Pass } else { outcome },
        findings,
        profile: Some(profile.id.clone()),
        tasks: None,
        workers: Some(workers),
        insurance: Some(insurance),
        renewals: Some(renewals),
    })
}

/// Whether the worker's work is regulated activity with adults (DI-03): personal care, health
/// care, money or shopping, or conveying, as the task scope checker classes their tasks.
fn regulated(w: &Worker, profile: &Profile, today: NaiveDate) -> Option<bool> {
    if w.tasks.is_empty() {
        return w.regulated_activity;
    }
    let records = Records::default();
    let any = w.tasks.iter().any(|t| {
        let v = classify(&Task { description: t.clone(), delegation: None }, profile, &records, today);
        !v.negated
            && (matches!(
                v.category,
                Category::PersonalCare | Category::DelegatedHealthcare | Category::ExcludedClinical
            ) || v.concepts.iter().any(|c| matches!(c.as_str(), "money-shopping" | "pin-cards" | "escort")))
    });
    Some(any || w.regulated_activity == Some(true))
}

fn check_worker(
    i: usize,
    w: &Worker,
    profile: &Profile,
    today: NaiveDate,
    renewals: &mut Vec<Renewal>,
) -> WorkerReport {
    let settings = &profile.dbs_insurance;
    let mut f = Vec::new();
    let at = |field: &str| format!("workers[{i}].dbs.{field}");
    let name = w.name.trim().to_owned();
    let mut valid_until_out = None;
    let Some(d) = &w.dbs else {
        let kind = w.kind.as_deref().unwrap_or("worker");
        f.push(finding(
            "DI-19",
            Outcome::Fail,
            format!("{name} has no DBS check. Every {kind} needs one before working with clients: staff, volunteers, temporary, agency and bank staff, students and trainees alike."),
            &format!("{S004} §6.5 b1; {S003} EoE Std 11.2, 11.3"),
            &format!("workers[{i}].dbs"),
        ));
        return WorkerReport { name, outcome: Outcome::Fail, dbs_valid_until: None, days_left: None, findings: f };
    };
    // DI-06 / DI-07: the certificate number.
    let number: String = d.certificate_number.chars().filter(|c| !c.is_whitespace()).collect();
    let (o, m) = if number.chars().next().is_some_and(|c| c.is_alphabetic()) {
        (
            Outcome::Fail,
            format!(
                "\"{}\" starts with a letter: it looks like an application form reference, not a certificate number. The certificate number is the 12 digits printed on the certificate.",
                d.certificate_number.trim()
            ),
        )
    } else if number.len() == 12 && number.chars().all(|c| c.is_ascii_digit()) {
        (Outcome::Pass, "The certificate number has 12 digits.".to_owned())
    } else if number.chars().all(|c| c.is_ascii_digit()) {
        (Outcome::Fail, format!("The certificate number has {} digits; it should have exactly 12.", number.len()))
    } else {
        (Outcome::Fail, "The certificate number must be 12 digits (spaces are ignored).".to_owned())
    };
    let rule =
        if o == Outcome::Fail && number.chars().next().is_some_and(|c| c.is_alphabetic()) { "DI-07" } else { "DI-06" };
    f.push(finding(
        rule,
        o,
        m,
        "https://onlinehelp.dbs.gov.uk/article/qed00186 (12-digit certificate number); catalogue DI-06, DI-07",
        &at("certificate_number"),
    ));
    // DI-01: enhanced.
    let enhanced = d.level.starts_with("enhanced");
    f.push(finding(
        "DI-01",
        if enhanced { Outcome::Pass } else { Outcome::Fail },
        if enhanced {
            "The check is enhanced.".into()
        } else {
            format!("A {} check is not enough: care and support roles need an enhanced DBS check.", d.level)
        },
        &format!("{S000} §5 b1; {S004} §6.5 b1"),
        &at("level"),
    ));
    // DI-03: adults' barred list for regulated activity.
    let adults_barred = matches!(d.level.as_str(), "enhanced_adults_barred" | "enhanced_both_barred");
    let (o, m) = match (regulated(w, profile, today), adults_barred) {
        (_, true) => (Outcome::Pass, "The check includes the adults' barred list.".to_owned()),
        (Some(true), false) => (Outcome::Fail, "This worker's tasks are regulated activity with adults (personal care, health care, help with money or shopping, or transport): the check must include the adults' barred list.".to_owned()),
        (Some(false), false) => (Outcome::Warn, "The check does not include the adults' barred list; it is needed as soon as the work includes personal care, health care, money or transport.".to_owned()),
        (None, false) => (Outcome::Warn, "The check does not include the adults' barred list. List the worker's tasks to know whether their work is regulated activity, which needs it.".to_owned()),
    };
    f.push(finding(
        "DI-03",
        o,
        m,
        &format!("catalogue DI-03 (regulated activity with adults); {S004} §6.5 b3; catalogue §8.1 decision 3"),
        &at("level"),
    ));
    // DI-05: workforce.
    let adult_workforce = matches!(d.workforce.as_str(), "adult" | "child_and_adult");
    f.push(finding(
        "DI-05",
        if adult_workforce { Outcome::Pass } else { Outcome::Fail },
        if adult_workforce {
            "The workforce on the certificate covers work with adults.".into()
        } else {
            format!(
                "The certificate's workforce is \"{}\": work with adults needs \"adult\" or \"child and adult\".",
                d.workforce.replace('_', " ")
            )
        },
        "https://www.gov.uk/government/publications/dbs-update-service-applicant-guide (catalogue DI-05)",
        &at("workforce"),
    ));
    // DI-08 / DI-09: issue date and age.
    let issue = date::parse_iso(d.issue_date.trim());
    let status = d.update_service.clone().unwrap_or_default();
    let checked_on = status.status_check_date.as_deref().and_then(|v| date::parse_iso(v.trim()));
    let current_check = status.status_result.as_deref() == Some("current")
        && checked_on.is_some_and(|c| c <= today && valid_until(c, 1).is_some_and(|u| u >= today));
    match issue {
        None => f.push(finding(
            "DI-08",
            Outcome::Fail,
            "Enter the date of issue as it is printed on the certificate.".into(),
            "catalogue DI-08",
            &at("issue_date"),
        )),
        Some(day) if day > today => f.push(finding(
            "DI-08",
            Outcome::Fail,
            format!("The date of issue, {}, is in the future.", date::format_long(day)),
            "catalogue DI-08",
            &at("issue_date"),
        )),
        Some(day) => {
            let years = settings.dbs_max_age_years;
            let until = valid_until(day, years).unwrap_or(day);
            let left = days(today, until);
            valid_until_out = Some((until, left));
            let source = format!("{S000} §5 b1 (no more than 3 years old); profile {}: {years} years", profile.id);
            let (o, m) = if left < 0 && settings.status_check_extends && current_check {
                (
                    Outcome::Pass,
                    format!(
                        "Issued {}, more than {years} years ago, but an Update Service status check on {} says it is current, which this profile accepts.",
                        date::format_long(day),
                        date::format_long(checked_on.expect("checked"))
                    ),
                )
            } else if left < 0 {
                (
                    Outcome::Fail,
                    format!(
                        "Issued {}: more than {years} years old. It stopped being acceptable after {}; a new check is needed.",
                        date::format_long(day),
                        date::format_long(until)
                    ),
                )
            } else if left <= i64::from(settings.dbs_warn_days) {
                (
                    Outcome::Warn,
                    format!(
                        "Issued {}: it reaches {years} years on {} ({left} days from today). Start a new check now.",
                        date::format_long(day),
                        date::format_long(until)
                    ),
                )
            } else {
                (
                    Outcome::Pass,
                    format!(
                        "Issued {}: acceptable until {} ({left} days from today).",
                        date::format_long(day),
                        date::format_long(until)
                    ),
                )
            };
            f.push(finding("DI-09", o, m, &source, &at("issue_date")));
            renewals.push(Renewal {
                what: format!("DBS check: {name}"),
                until: date::format_iso(until),
                days_left: left,
            });
            // DI-20: checked before starting.
            if let Some(start) = w.start_date.as_deref().and_then(|v| date::parse_iso(v.trim()))
                && start < day
            {
                f.push(finding("DI-20", Outcome::Fail, format!("{name} started on {}, before the certificate was issued on {}: a suitable DBS check must be in place before starting.", date::format_long(start), date::format_long(day)), &format!("{S003} EoE Std 11.2"), &format!("workers[{i}].start_date")));
            }
        }
    }
    // DI-13, DI-15, DI-16, DI-17: the Update Service.
    if let Some(u) = &d.update_service {
        if d.level == "basic" {
            f.push(finding(
                "DI-13",
                Outcome::Fail,
                "The Update Service does not cover basic certificates: a status check cannot be made.".into(),
                "DBS Update Service employer guide (catalogue DI-13)",
                &at("update_service"),
            ));
        }
        match u.status_result.as_deref() {
            Some("current") => f.push(finding("DI-15", Outcome::Pass, "The latest status check says the certificate remains current.".into(), "catalogue DI-15", &at("update_service.status_result"))),
            Some("changed") => f.push(finding("DI-15", Outcome::Fail, "The status check says new information has come to light: a new DBS check is needed and the new certificate must be seen.".into(), "catalogue DI-15", &at("update_service.status_result"))),
            Some("details_mismatch") => f.push(finding("DI-15", Outcome::Warn, "The status check says the details do not match: check the certificate number, surname and date of birth exactly as printed and check again.".into(), "catalogue DI-15", &at("update_service.status_result"))),
            Some("no_subscription") => f.push(finding("DI-15", Outcome::Warn, "The status check found no active subscription: the certificate's own age limit applies.".into(), "catalogue DI-15", &at("update_service.status_result"))),
            _ => {}
        }
        if let Some(exp) = u.subscription_expiry.as_deref().and_then(|v| date::parse_iso(v.trim())) {
            let left = days(today, exp);
            let (o, m) = if left < 0 {
                (Outcome::Warn, format!("The Update Service subscription ended on {}.", date::format_long(exp)))
            } else if left <= 30 {
                (
                    Outcome::Warn,
                    format!(
                        "The Update Service subscription ends on {} ({left} days): renew it (£16 a year, free for volunteers).",
                        date::format_long(exp)
                    ),
                )
            } else {
                (Outcome::Pass, format!("The Update Service subscription runs until {}.", date::format_long(exp)))
            };
            f.push(finding("DI-16", o, m, "https://gov.uk/government/news/renew-your-dbs-update-service-subscription-dont-miss-out (catalogue DI-16)", &at("update_service.subscription_expiry")));
            renewals.push(Renewal {
                what: format!("Update Service: {name}"),
                until: date::format_iso(exp),
                days_left: left,
            });
        }
        if let Some(c) = checked_on
            && valid_until(c, 1).is_some_and(|u| u < today)
        {
            f.push(finding(
                "DI-17",
                Outcome::Warn,
                format!("The last status check was on {}, more than 12 months ago.", date::format_long(c)),
                "catalogue DI-17",
                &at("update_service.status_check_date"),
            ));
        }
    }
    // DI-18: disclosures go to a person.
    if d.information_disclosed {
        f.push(finding("DI-18", Outcome::Warn, "The certificate discloses information: a DBS check has no pass or fail, so a manager must make a recorded suitability decision.".into(), "catalogue DI-18 and §8.1 decision 3", &at("information_disclosed")));
    }
    let outcome = Outcome::worst(f.iter().map(|x| x.outcome));
    WorkerReport {
        name,
        outcome,
        dbs_valid_until: valid_until_out.map(|(u, _)| date::format_iso(u)),
        days_left: valid_until_out.map(|(_, l)| l),
        findings: f,
    }
}

/// Lower case letters and digits only, without company suffixes: for comparing names.
fn name_key(s: &str) -> String {
    let lower = s.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| {
            !w.is_empty() && !matches!(*w, "ltd" | "limited" | "cic" | "llp" | "plc" | "t" | "a" | "trading" | "as")
        })
        .collect();
    words.join(" ")
}

/// What the insurance checks build up: findings, and the dates to renew by.
struct Ledger<'a> {
    settings: &'a Settings,
    today: NaiveDate,
    f: Vec<Finding>,
    renewals: &'a mut Vec<Renewal>,
}

impl Ledger<'_> {
    /// Currency of one policy (DI-31): fails outside its dates, warns close to expiry.
    fn currency(&mut self, label: &str, p: &Policy, field: &str, source: &str) {
        let (Some(start), Some(end)) = (date::parse_iso(p.start_date.trim()), date::parse_iso(p.expiry_date.trim()))
        else {
            return;
        };
        let left = days(self.today, end);
        let (o, m) = if self.today < start {
            (Outcome::Fail, format!("{label} starts on {}: it is not in force yet.", date::format_long(start)))
        } else if left < 0 {
            (Outcome::Fail, format!("{label} expired on {}.", date::format_long(end)))
        } else if left <= i64::from(self.settings.insurance_warn_days) {
            (
                Outcome::Warn,
                format!("{label} expires on {} ({left} days from today): send the renewal.", date::format_long(end)),
            )
        } else {
            (Outcome::Pass, format!("{label} is current until {} ({left} days from today).", date::format_long(end)))
        };
        self.f.push(finding("DI-31", o, m, source, field));
        self.renewals.push(Renewal { what: label.to_owned(), until: date::format_iso(end), days_left: left });
        if matches!(p.document_type.as_deref(), Some("cover_note" | "letter")) {
            self.f.push(finding("DI-44", Outcome::Warn, format!("The evidence for {} is a cover note or letter: temporary evidence only. Send the certificate or schedule within 30 days.", label.to_lowercase()), "catalogue DI-44", field));
        }
    }
}

fn check_insurance(
    s: &Submission,
    settings: &Settings,
    today: NaiveDate,
    renewals: &mut Vec<Renewal>,
) -> InsuranceReport {
    let mut ledger = Ledger { settings, today, f: Vec::new(), renewals };
    let ins = &s.insurance;
    let src_pl = format!("{S000} §5 b2 (current public liability and other insurance)");
    match &ins.public_liability {
        None => ledger.f.push(finding(
            "DI-30",
            Outcome::Fail,
            "Public liability insurance is required.".into(),
            &src_pl,
            "insurance.public_liability",
        )),
        Some(pl) => {
            ledger.f.push(finding(
                "DI-30",
                Outcome::Pass,
                format!(
                    "Public liability insurance with {}.",
                    if pl.insurer.trim().is_empty() { "an insurer" } else { pl.insurer.trim() }
                ),
                &src_pl,
                "insurance.public_liability",
            ));
            ledger.currency("Public liability insurance", pl, "insurance.public_liability.expiry_date", &src_pl);
            let limit = pl.limit_pence;
            let (o, m) = if limit < settings.public_liability_fail_below_pence {
                (
                    Outcome::Fail,
                    format!(
                        "The limit of indemnity, {}, is below the {} minimum.",
                        pounds(limit),
                        pounds(settings.public_liability_fail_below_pence)
                    ),
                )
            } else if limit < settings.public_liability_warn_below_pence {
                (
                    Outcome::Warn,
                    format!(
                        "The limit of indemnity, {}, meets the {} minimum but is below the {} many councils ask for.",
                        pounds(limit),
                        pounds(settings.public_liability_fail_below_pence),
                        pounds(settings.public_liability_warn_below_pence)
                    ),
                )
            } else {
                (Outcome::Pass, format!("The limit of indemnity is {}.", pounds(limit)))
            };
            ledger.f.push(finding(
                "DI-32",
                o,
                m,
                "catalogue DI-32 and §8.1 decision 4 (fail below £1m, warn below £5m; profile setting)",
                "insurance.public_liability.limit_pence",
            ));
            // DI-33: insured name.
            let insured = name_key(&pl.insured_name);
            let names: Vec<String> = std::iter::once(&s.applicant.legal_name)
                .chain(s.applicant.trading_name.as_ref())
                .map(|n| name_key(n))
                .collect();
            // "Sam Patel t/a Sam's Care" insures Sam Patel: the insured name holds one of the applicant's.
            let padded = format!(" {insured} ");
            if !insured.is_empty() && !names.iter().any(|n| !n.is_empty() && padded.contains(&format!(" {n} "))) {
                ledger.f.push(finding(
                    "DI-33",
                    Outcome::Warn,
                    format!(
                        "The policy insures \"{}\", not the applicant \"{}\": check the policy is the applicant's.",
                        pl.insured_name.trim(),
                        s.applicant.legal_name.trim()
                    ),
                    "catalogue DI-33",
                    "insurance.public_liability.insured_name",
                ));
            }
            // DI-34: exclusions and description against the services.
            for service in &s.services {
                let key = name_key(service);
                if key.is_empty() {
                    continue;
                }
                if let Some(x) = pl.exclusions.iter().find(|x| name_key(x).contains(&key)) {
                    ledger.f.push(finding(
                        "DI-34",
                        Outcome::Fail,
                        format!("The policy excludes \"{}\", which the enterprise offers ({service}).", x.trim()),
                        &format!("{S000} §5 b2 (covers all relevant aspects of the service)"),
                        "insurance.public_liability.exclusions",
                    ));
                }
            }
            if let Some(desc) = &pl.business_description {
                let d = name_key(desc);
                if !["care", "support", "carer", "companion", "domiciliary", "befriend"]
                    .iter()
                    .any(|w| d.split(' ').any(|x| x.starts_with(w)))
                {
                    ledger.f.push(finding(
                        "DI-34",
                        Outcome::Warn,
                        format!(
                            "The policy describes the business as \"{}\", which does not mention care or support work.",
                            desc.trim()
                        ),
                        &format!("{S000} §5 b2"),
                        "insurance.public_liability.business_description",
                    ));
                }
            }
        }
    }
    // DI-36 / DI-37: employers' liability.
    let non_family = s.employee_count - s.family_employee_count;
    let src_el = format!("{GOV_EL} (Employers' Liability (Compulsory Insurance) Act 1969)");
    if non_family == 0 {
        let m = if s.employee_count == 0 {
            "No employees: employers' liability insurance is not required.".to_owned()
        } else {
            "Every employee is close family: employers' liability insurance is not required.".to_owned()
        };
        ledger.f.push(finding("DI-37", Outcome::Info, m, &src_el, "insurance.employers_liability"));
    } else {
        match &ins.employers_liability {
            None => ledger.f.push(finding("DI-36", Outcome::Fail, format!("The enterprise employs {non_family} person(s) who are not close family: employers' liability insurance of at least £5m is compulsory (fines of up to £2,500 a day without it)."), &src_el, "insurance.employers_liability")),
            Some(el) => {
                let min = settings.employers_liability_min_pence;
                ledger.f.push(finding(
                    "DI-36",
                    if el.limit_pence >= min { Outcome::Pass } else { Outcome::Fail },
                    if el.limit_pence >= min { format!("Employers' liability cover of {}.", pounds(el.limit_pence)) } else { format!("Employers' liability cover of {} is below the {} minimum.", pounds(el.limit_pence), pounds(min)) },
                    &src_el,
                    "insurance.employers_liability.limit_pence",
                ));
                ledger.currency("Employers' liability insurance", el, "insurance.employers_liability.expiry_date", &src_el);
            }
        }
    }
    // DI-41: professional indemnity.
    match &ins.professional_indemnity {
        None => ledger.f.push(finding("DI-41", settings.professional_indemnity_missing, "No professional indemnity insurance: councils ask for it from personal assistants, drivers and meal services.".into(), "https://www.somersetchoices.org.uk/adult/about-this-site/provider-approval-process.aspx (catalogue DI-41)", "insurance.professional_indemnity")),
        Some(pi) => ledger.currency("Professional indemnity insurance", pi, "insurance.professional_indemnity.expiry_date", "catalogue DI-41"),
    }
    // DI-42: motor business use.
    if s.transports_clients {
        match &ins.motor {
            Some(m) if m.business_use == Some(true) => {
                ledger.f.push(finding(
                    "DI-42",
                    Outcome::Pass,
                    "Motor insurance covers business use.".into(),
                    "catalogue DI-42",
                    "insurance.motor.business_use",
                ));
                ledger.currency("Motor insurance", m, "insurance.motor.expiry_date", "catalogue DI-42");
            }
            _ => ledger.f.push(finding(
                "DI-42",
                Outcome::Fail,
                "The enterprise drives clients: motor insurance must include business use (carrying clients).".into(),
                &format!("catalogue DI-42; {S003} §9.7"),
                "insurance.motor",
            )),
        }
    }
    let f = ledger.f;
    InsuranceReport { outcome: Outcome::worst(f.iter().map(|x| x.outcome)), findings: f }
}
