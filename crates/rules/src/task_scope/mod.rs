//! The homecare task scope checker: each care-plan task classed as personal care, practical
//! support, excluded clinical, delegated healthcare or never permitted, under a council's
//! policy profile, and the plan-level rules that follow.
//!
//! Sources: rules catalogue section 3 (TS-01 to TS-39, LX-01 to LX-40);
//! `004_08a37aa4ee6b72b0.txt` §10.9–10.11, §22.11; `001_fd57efb38e067e2e.txt` §5;
//! `000_0306a16ec1856581.txt` §6.2.

pub mod lexicon;

use std::collections::BTreeSet;

use chrono::{Months, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

pub use crate::profile::{BUILT_IN, Class, Profile, ProfileError};
use crate::{CheckError, FieldDefinition, FieldKind, Finding, FormDefinition, Outcome, Report, date};
use lexicon::{Flag, lexicon};

/// The form's id.
pub const ID: &str = "task-scope";
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
        },
        FieldDefinition {
            name: "plan",
            label: "Care plan",
            kind: FieldKind::Structured {
                schema: "careform task-scope plan, version 1 (README: careform check task-scope)",
            },
            required: true,
        },
        FieldDefinition {
            name: "report",
            label: "Report shown",
            kind: FieldKind::Structured { schema: "careform task-scope report, version 1" },
            required: false,
        },
    ],
    refuse_on_fail: false,
};

/// A task's class under a profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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

    fn describe(self) -> &'static str {
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

/// A care plan as `careform check task-scope` reads it and the widget sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// The tasks, one per line of the care plan.
    pub tasks: Vec<Task>,
    /// Who provides the care.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<Provider>,
    /// Records the plan holds.
    #[serde(default)]
    pub records: Records,
    /// Call times, `HH:MM`, 24-hour clock.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub visits: Vec<String>,
}

/// One task of the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Task {
    /// The task in the plan's own words.
    pub description: String,
    /// The delegation of a clinical task, when a registered professional has delegated it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delegation: Option<Delegation>,
}

/// A registered professional's delegation of one clinical task (TS-18).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Delegation {
    /// Who delegated it: name and role, e.g. "Sam Lee, district nurse".
    pub professional: String,
    /// When the worker was trained and assessed competent, `YYYY-MM-DD`.
    pub trained_on: String,
    /// When the delegation is next reviewed, `YYYY-MM-DD`.
    pub review_due: String,
}

/// The provider, for the registration rule (TS-35).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provider {
    /// Registered with the Care Quality Commission for personal care.
    #[serde(default)]
    pub cqc_registered: bool,
    /// An individual contracted directly by the person (or a related third party), working
    /// under their control and direction, with no agency or employer managing the care.
    #[serde(default)]
    pub individual_working_directly: bool,
    /// The person's answers to the five exemption questions of `001_fd57efb38e067e2e.txt` §5.
    #[serde(default)]
    pub exemption: Exemption,
}

/// The five questions a person answers yes to, to use a micro-provider exempt from registration.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exemption {
    /// The person knows what support or care they want.
    #[serde(default)]
    pub knows_support_wanted: bool,
    /// The person is willing and able to engage directly with a provider and tell them what is needed.
    #[serde(default)]
    pub engages_directly: bool,
    /// The person understands how to check the suitability of a provider and make good decisions.
    #[serde(default)]
    pub understands_checking: bool,
    /// The person is willing and able to check suitability and decide whether to engage.
    #[serde(default)]
    pub checks_suitability: bool,
    /// The person has capacity to control, direct and co-ordinate their care and will do so.
    #[serde(default)]
    pub controls_care: bool,
}

impl Exemption {
    /// The questions, as `001_fd57efb38e067e2e.txt` §5 words them, with their answers.
    pub fn answers(&self) -> [(&'static str, bool); 5] {
        [
            ("The person knows what support or care they want", self.knows_support_wanted),
            (
                "The person is willing and able to engage directly with a provider and tell them what is needed",
                self.engages_directly,
            ),
            (
                "The person understands how to check the suitability of a provider and make good decisions about engaging their services",
                self.understands_checking,
            ),
            (
                "The person is willing and able to check the suitability of a provider and decide whether to engage their services",
                self.checks_suitability,
            ),
            (
                "The person has the capacity to control, direct and co-ordinate their care and is willing and able to do so",
                self.controls_care,
            ),
        ]
    }
}

/// How medicines are supplied (TS-08).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComplianceAid {
    /// A dosette box filled by the pharmacy.
    Dosette,
    /// A 28-day blister (bubble) pack.
    Blister28,
    /// The original packs.
    OriginalPacks,
    /// None.
    None,
}

/// Records the plan holds: each `true` means the record exists and is current.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Records {
    /// TS-09: a medication record (seen taking, dose, time, GP advice, signed and dated).
    #[serde(default)]
    pub medication_record: bool,
    /// TS-08: how medicines are supplied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compliance_aid: Option<ComplianceAid>,
    /// TS-29: a mental capacity assessment for any restriction.
    #[serde(default)]
    pub capacity_assessment: bool,
    /// TS-29: a best-interests decision for any restriction.
    #[serde(default)]
    pub best_interests_decision: bool,
    /// TS-27: a moving and handling assessment.
    #[serde(default)]
    pub moving_handling_assessment: bool,
    /// TS-27: every worker trained in moving and handling and the equipment used.
    #[serde(default)]
    pub moving_handling_training: bool,
    /// TS-34: a home oxygen risk assessment including smoking.
    #[serde(default)]
    pub oxygen_risk_assessment: bool,
    /// TS-38: a speech and language therapy plan for swallowing.
    #[serde(default)]
    pub salt_plan: bool,
    /// TS-31: food hygiene training for anyone preparing food.
    #[serde(default)]
    pub food_hygiene_training: bool,
}

/// One task's classification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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

/// One task description classified under `profile`, as of `today` (delegations lapse).
pub fn classify(task: &Task, profile: &Profile, records: &Records, today: NaiveDate) -> TaskVerdict {
    classify_full(task, profile, records, today).0
}

/// A classification and the flags of the concepts that are the worker's.
fn classify_full(task: &Task, profile: &Profile, records: &Records, today: NaiveDate) -> (TaskVerdict, BTreeSet<Flag>) {
    let lex = lexicon();
    let description = task.description.trim().to_owned();
    let found = lex.find(&description);
    let negated = !found.matches.is_empty() && found.matches.iter().all(|m| m.negated);
    let considered: Vec<usize> = found.matches.iter().filter(|m| m.negated == negated).map(|m| m.concept).collect();
    if considered.is_empty() {
        let verdict = TaskVerdict {
            description,
            category: Category::Unrecognised,
            outcome: Outcome::Warn,
            rules: vec!["CF-TS-01".into()],
            explanation: "Careform does not recognise this task, so it has not guessed. Ask the care coordinator or a health professional what it involves, or describe it in everyday words (for example \"help with a strip wash\").".into(),
            sources: vec![CF_TS_01_SOURCE.into()],
            negated: false,
            concepts: vec![],
        };
        return (verdict, BTreeSet::new());
    }
    let delegation = task.delegation.as_ref().map(|d| delegation_status(d, profile, today));
    let mut judged: Vec<Judged> =
        considered.iter().map(|&k| judge(k, profile, delegation.as_ref(), &found.markers, records)).collect();
    // The deciding concept first: highest precedence, then worst outcome, then lexicon order.
    judged.sort_by(|a, b| b.category.rank().cmp(&a.category.rank()).then(b.outcome.cmp(&a.outcome)));
    let lead = &judged[0];
    let mut rules = Vec::new();
    let mut sources = Vec::new();
    for j in &judged {
        for r in &j.rules {
            if !rules.contains(r) {
                rules.push(r.clone());
            }
        }
        for s in &j.sources {
            if !sources.contains(s) {
                sources.push(s.clone());
            }
        }
    }
    let mut explanation = if negated {
        format!(
            "The plan says someone else does this, or that it is not done: it is not the worker's task. If the worker did it, it would be {}: {}.",
            lead.label.to_lowercase(),
            lead.category.describe()
        )
    } else {
        format!("{}: this is {}.", lead.label, lead.category.describe())
    };
    for note in &lead.notes {
        explanation.push(' ');
        explanation.push_str(note);
    }
    let others: Vec<String> = judged[1..]
        .iter()
        .filter(|j| j.label != lead.label)
        .map(|j| {
            let notes = if j.notes.is_empty() || negated { String::new() } else { format!(" ({})", j.notes.join(" ")) };
            format!("{}: {}{}", j.label, j.category.as_str().replace('_', " "), notes)
        })
        .collect();
    if !others.is_empty() {
        explanation.push_str(&format!(" Also in this task: {}.", others.join("; ")));
    }
    if !found.corrections.is_empty() {
        let read: Vec<String> = found.corrections.iter().map(|(w, r)| format!("\"{w}\" as \"{r}\"")).collect();
        explanation.push_str(&format!(" (Read {}.)", read.join(", ")));
    }
    let flags = if negated { BTreeSet::new() } else { judged.iter().flat_map(|j| j.flags.iter().copied()).collect() };
    let verdict = TaskVerdict {
        description,
        category: lead.category,
        outcome: if negated { Outcome::Info } else { Outcome::worst(judged.iter().map(|j| j.outcome)) },
        rules,
        explanation,
        sources,
        negated,
        concepts: judged.iter().map(|j| j.concept.clone()).collect(),
    };
    (verdict, flags)
}

/// Careform's own rule for lines it cannot class.
const CF_TS_01_SOURCE: &str =
    "Careform rule CF-TS-01: an unrecognised task is never guessed (rules catalogue §3, engine notes)";

/// One concept judged under the profile.
struct Judged {
    concept: String,
    label: String,
    category: Category,
    outcome: Outcome,
    rules: Vec<String>,
    sources: Vec<String>,
    notes: Vec<String>,
    flags: Vec<Flag>,
}

/// Whether a recorded delegation holds on `today`; `Err` says what is wrong.
struct DelegationStatus {
    valid: Result<(), String>,
    stale_training: Option<String>,
    summary: String,
}

fn delegation_status(d: &Delegation, profile: &Profile, today: NaiveDate) -> DelegationStatus {
    let trained = date::parse_iso(d.trained_on.trim());
    let review = date::parse_iso(d.review_due.trim());
    let valid = if d.professional.trim().is_empty() {
        Err("the plan does not say which registered professional delegated it".to_owned())
    } else {
        match (trained, review) {
            (None, _) => Err("the training date is not a real date".to_owned()),
            (_, None) => Err("the review date is not a real date".to_owned()),
            (Some(t), _) if t > today => {
                Err(format!("the worker's training is dated {}, after today", date::format_long(t)))
            }
            (_, Some(r)) if r < today => Err(format!("its review was due on {} and is overdue", date::format_long(r))),
            _ => Ok(()),
        }
    };
    let months = profile.settings.delegation_review_months;
    let stale_training =
        trained.filter(|t| t.checked_add_months(Months::new(months)).is_some_and(|lapse| lapse < today));
    DelegationStatus {
        valid,
        stale_training: stale_training.map(|t| {
            format!(
                "The worker's competence was last assessed on {}, more than {months} months ago: reassess it.",
                date::format_long(t)
            )
        }),
        summary: match (trained, review) {
            (Some(t), Some(r)) => format!(
                "Delegated by {}; worker trained {}; review due {}.",
                d.professional.trim(),
                date::format_long(t),
                date::format_long(r)
            ),
            _ => String::new(),
        },
    }
}

fn judge(
    k: usize,
    profile: &Profile,
    delegation: Option<&DelegationStatus>,
    markers: &BTreeSet<String>,
    records: &Records,
) -> Judged {
    let concept = &lexicon().concepts[k];
    let rule = &profile.classes[k];
    let mut rules = vec![concept.lexicon.clone()];
    rules.extend(concept.rules.iter().cloned());
    let mut sources = vec![concept.source.clone()];
    let mut notes: Vec<String> = rule.note.iter().cloned().collect();
    let (category, mut outcome) = match rule.category {
        Class::PersonalCare => (Category::PersonalCare, Outcome::Pass),
        Class::PracticalSupport => (Category::PracticalSupport, Outcome::Pass),
        Class::ExcludedClinical => (Category::ExcludedClinical, Outcome::Fail),
        Class::NotPermitted => (Category::NotPermitted, Outcome::Fail),
        Class::Delegable => {
            rules.push("TS-18".into());
            match delegation {
                Some(DelegationStatus { valid: Ok(()), stale_training, summary }) => {
                    notes.push(summary.clone());
                    match stale_training {
                        Some(why) => {
                            notes.push(why.clone());
                            (Category::DelegatedHealthcare, Outcome::Warn)
                        }
                        None => (Category::DelegatedHealthcare, Outcome::Pass),
                    }
                }
                Some(DelegationStatus { valid: Err(why), .. }) => {
                    notes.push(format!(
                        "A registered health professional may delegate it to a trained worker, but this delegation is not valid: {why}."
                    ));
                    (Category::ExcludedClinical, Outcome::Fail)
                }
                None => {
                    notes.push("A registered health professional may delegate it to a trained worker; the plan records no delegation (who delegated it, when the worker was trained, when it is reviewed).".into());
                    (Category::ExcludedClinical, Outcome::Fail)
                }
            }
        }
    };
    if let Some(raise) = rule.outcome {
        outcome = outcome.max(raise);
    }
    if let Some(r) = &rule.rule
        && !rules.contains(r)
    {
        rules.push(r.clone());
    }
    if let Some(s) = &rule.source {
        sources.push(format!("{}: {s}", profile.id));
    }
    // TS-08: reminders need a compliance aid where the profile says so.
    if concept.flags.contains(&Flag::MedicationPrompt) && category == Category::PersonalCare {
        let aid_in_text = markers.contains("compliance_aid");
        let aid_recorded = matches!(records.compliance_aid, Some(ComplianceAid::Dosette | ComplianceAid::Blister28));
        let original = markers.contains("original_packs")
            || matches!(records.compliance_aid, Some(ComplianceAid::OriginalPacks | ComplianceAid::None));
        if original || !(aid_in_text || aid_recorded) {
            let level = profile.settings.medication_prompt_without_compliance_aid;
            outcome = outcome.max(level);
            if level >= Outcome::Warn {
                notes.push(
                    "No dosette box or 28-day blister pack is recorded: reminders are allowed only with one.".into(),
                );
            }
            if !rules.contains(&"TS-08".to_owned()) {
                rules.push("TS-08".into());
            }
        }
    }
    Judged {
        concept: concept.id.clone(),
        label: concept.label.clone(),
        category,
        outcome,
        rules,
        sources,
        notes,
        flags: concept.flags.clone(),
    }
}

/// Why a plan cannot be checked: each entry names a field and what is wrong.
fn plan_problems(plan: &Plan) -> Vec<(String, String)> {
    let mut problems = Vec::new();
    if plan.tasks.is_empty() {
        problems.push(("tasks".into(), "the plan has no tasks: give at least one".into()));
    }
    if plan.tasks.len() > MAX_TASKS {
        problems.push((
            "tasks".into(),
            format!("a plan may have at most {MAX_TASKS} tasks; this one has {}", plan.tasks.len()),
        ));
    }
    for (i, t) in plan.tasks.iter().enumerate() {
        let field = format!("tasks[{i}].description");
        if t.description.trim().is_empty() {
            problems.push((field, "is empty: describe the task".into()));
        } else if t.description.chars().count() > MAX_DESCRIPTION {
            problems.push((field, format!("must be {MAX_DESCRIPTION} characters or fewer")));
        }
        if let Some(d) = &t.delegation {
            for (name, value) in [("trained_on", &d.trained_on), ("review_due", &d.review_due)] {
                if date::parse_iso(value.trim()).is_none() {
                    problems.push((format!("tasks[{i}].delegation.{name}"), "must be a real date, YYYY-MM-DD".into()));
                }
            }
            if d.professional.chars().count() > 200 {
                problems
                    .push((format!("tasks[{i}].delegation.professional"), "must be 200 characters or fewer".into()));
            }
        }
    }
    if plan.visits.len() > MAX_VISITS {
        problems.push(("visits".into(), format!("at most {MAX_VISITS} visits")));
    }
    for (i, v) in plan.visits.iter().enumerate() {
        if parse_time(v).is_none() {
            problems.push((format!("visits[{i}]"), format!("{v:?} is not a time of day, HH:MM (24-hour clock)")));
        }
    }
    problems
}

/// `HH:MM` on the 24-hour clock (by hand: chrono's parser would add tens of KB to the widgets).
fn parse_time(s: &str) -> Option<NaiveTime> {
    let b = s.trim().as_bytes();
    if b.len() != 5 || b[2] != b':' || !b[..2].iter().chain(&b[3..]).all(u8::is_ascii_digit) {
        return None;
    }
    let n = |i: usize| u32::from(b[i] - b'0') * 10 + u32::from(b[i + 1] - b'0');
    NaiveTime::from_hms_opt(n(0), n(3), 0)
}

fn hhmm(t: NaiveTime) -> String {
    use chrono::Timelike as _;
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// Checks a whole plan under `profile`, as of `today`.
pub fn check_plan(plan: &Plan, profile: &Profile, today: NaiveDate) -> Result<Report, CheckError> {
    let problems = plan_problems(plan);
    if !problems.is_empty() {
        return Err(CheckError::Invalid(problems));
    }
    let mut tasks = Vec::with_capacity(plan.tasks.len());
    let mut flags = BTreeSet::new();
    for t in &plan.tasks {
        let (verdict, f) = classify_full(t, profile, &plan.records, today);
        flags.extend(f);
        tasks.push(verdict);
    }
    let findings = plan_findings(plan, profile, &tasks, &flags);
    let outcome = Outcome::worst(findings.iter().map(|f| f.outcome).chain(tasks.iter().map(|t| t.outcome)));
    Ok(Report {
        form: ID.into(),
        // Info never blocks: a plan with only notes passes.
        outcome: if outcome == Outcome::Info { Outcome::Pass } else { outcome },
        findings,
        profile: Some(profile.id.clone()),
        tasks: Some(tasks),
        workers: None,
        insurance: None,
        renewals: None,
    })
}

fn finding(rule: &str, outcome: Outcome, message: String, source: &str, field: &str) -> Finding {
    Finding { rule: rule.into(), outcome, message, source: source.into(), field: Some(field.into()) }
}

const S004: &str = "004_08a37aa4ee6b72b0.txt";

fn plan_findings(plan: &Plan, profile: &Profile, tasks: &[TaskVerdict], flags: &BTreeSet<Flag>) -> Vec<Finding> {
    let mut out = Vec::new();
    let mine = |c: Category| tasks.iter().filter(move |t| !t.negated && t.category == c);
    let personal = mine(Category::PersonalCare).count();
    let delegated = mine(Category::DelegatedHealthcare).count();
    let r = &plan.records;

    // TS-35: personal care needs a registered provider or the exemption.
    if personal > 0 {
        let provider = plan.provider.clone().unwrap_or_default();
        let source = "001_fd57efb38e067e2e.txt §5 (personal care is regulated; the exemption and its five questions); CQC Scope of registration p.14; catalogue TS-35";
        let unanswered: Vec<&str> =
            provider.exemption.answers().iter().filter(|(_, yes)| !yes).map(|(q, _)| *q).collect();
        let (outcome, message) = if provider.cqc_registered {
            (
                Outcome::Pass,
                format!("The plan has personal care ({personal} task(s)) and the provider is registered with the CQC."),
            )
        } else if !profile.settings.exemption_allowed {
            (
                Outcome::Fail,
                format!(
                    "The plan has personal care ({personal} task(s)): under the {} profile it must come from a CQC-registered provider, and this provider is not registered.",
                    profile.id
                ),
            )
        } else if !provider.individual_working_directly {
            (
                Outcome::Fail,
                format!(
                    "The plan has personal care ({personal} task(s)), and the provider is neither registered with the CQC nor an individual working directly for the person, so the exemption cannot apply."
                ),
            )
        } else if !unanswered.is_empty() {
            (
                Outcome::Fail,
                format!(
                    "The plan has personal care ({personal} task(s)) and the provider is not registered with the CQC. The exemption needs a yes to all five questions; not yet yes: {}.",
                    unanswered.join("; ")
                ),
            )
        } else {
            (
                Outcome::Pass,
                format!(
                    "The plan has personal care ({personal} task(s)); the provider is an individual working directly for the person, who answered yes to all five exemption questions."
                ),
            )
        };
        out.push(finding("TS-35", outcome, message, source, "provider"));
        if delegated > 0 && !provider.cqc_registered && outcome == Outcome::Pass {
            out.push(finding("TS-36", Outcome::Info, "Delegated clinical tasks do not remove a directly employed worker's exemption from CQC registration.".into(), "https://activeindependence.org/should-pas-register-with-the-care-quality-commission/ (catalogue TS-36)", "provider"));
        }
    }
    // TS-16: cleaning only alongside personal care.
    if profile.settings.cleaning_needs_personal_care && flags.contains(&Flag::Cleaning) && personal == 0 {
        out.push(finding("TS-16", Outcome::Fail, format!("The plan has domestic cleaning but no personal care: under the {} profile cleaning is in scope only as part of a care schedule that includes personal care.", profile.id), &format!("{S004} §10.11"), "tasks"));
    }
    // TS-09: medication record.
    if flags.contains(&Flag::Medication) {
        let (o, m) = if r.medication_record {
            (Outcome::Pass, "A medication record is kept.".to_owned())
        } else {
            (Outcome::Warn, "The plan has medication tasks but no medication record: record that the person was seen taking each medicine, the dose and time, any advice to see the GP, signed and dated by the worker; the provider needs a written medication policy.".to_owned())
        };
        out.push(finding("TS-09", o, m, &format!("{S004} §11.1"), "records.medication_record"));
    }
    // TS-29: restraint needs capacity and best-interests records.
    if flags.contains(&Flag::Restraint) {
        let missing: Vec<&str> = [
            ("a mental capacity assessment", r.capacity_assessment),
            ("a best-interests decision", r.best_interests_decision),
        ]
        .iter()
        .filter(|(_, has)| !has)
        .map(|(n, _)| *n)
        .collect();
        let (o, m) = if missing.is_empty() {
            (
                Outcome::Pass,
                "The restriction is backed by a capacity assessment and a best-interests decision.".to_owned(),
            )
        } else {
            (
                Outcome::Fail,
                format!(
                    "The plan has restraint or a restrictive practice without {}. Any physical intervention is reported to the council within one working day.",
                    missing.join(" and ")
                ),
            )
        };
        out.push(finding("TS-29", o, m, &format!("{S004} §6.11"), "records.capacity_assessment"));
    }
    // TS-27: moving and handling.
    if flags.contains(&Flag::MovingHandling) {
        let missing: Vec<&str> = [
            ("a moving and handling assessment", r.moving_handling_assessment),
            ("moving and handling training for every worker", r.moving_handling_training),
        ]
        .iter()
        .filter(|(_, has)| !has)
        .map(|(n, _)| *n)
        .collect();
        let (o, m) = if missing.is_empty() {
            (Outcome::Pass, "Moving and handling is assessed and the workers are trained.".to_owned())
        } else {
            (Outcome::Fail, format!("The plan has moving and handling without {}.", missing.join(" or ")))
        };
        out.push(finding(
            "TS-27",
            o,
            m,
            &format!("{S004} §10.2, §14.4, §14.5; 003_511e571f1df8e389.txt EoE Std 10.2"),
            "records.moving_handling_assessment",
        ));
    }
    // TS-34: oxygen risk assessment.
    if flags.contains(&Flag::Oxygen) && !r.oxygen_risk_assessment {
        out.push(finding("TS-34", Outcome::Warn, "The plan has home oxygen but no home risk assessment (including smoking and naked flames). Workers must not smoke or vape while working.".into(), "BTS quality statement 2 (catalogue TS-34); 000_0306a16ec1856581.txt §6.4 b2", "records.oxygen_risk_assessment"));
    }
    // TS-38: swallowing.
    if flags.contains(&Flag::Dysphagia) && !r.salt_plan {
        out.push(finding(
            "TS-38",
            Outcome::Warn,
            "The plan has a modified diet or thickened fluids but no speech and language therapy plan.".into(),
            "003_511e571f1df8e389.txt EoE Std 3.11, §5.6",
            "records.salt_plan",
        ));
    }
    // TS-31: food hygiene.
    if flags.contains(&Flag::Food) && !r.food_hygiene_training {
        out.push(finding(
            "TS-31",
            Outcome::Warn,
            "The plan has food preparation: record the workers' food hygiene training.".into(),
            "003_511e571f1df8e389.txt EoE Std 4.6; 004_08a37aa4ee6b72b0.txt §22.1",
            "records.food_hygiene_training",
        ));
    }
    // TS-32: money is DBS regulated activity.
    if flags.contains(&Flag::Money) {
        out.push(finding("TS-32", Outcome::Info, "Handling the person's money or shopping for them is regulated activity for DBS purposes: the worker needs an enhanced DBS check with the adults' barred list, and must never hold PINs or cards.".into(), "catalogue TS-32; 000_0306a16ec1856581.txt §6.2 b2", "tasks"));
    }
    // Delegated tasks: indemnity (catalogue §8.1 decision 4).
    if delegated > 0 {
        out.push(finding("TS-18", Outcome::Warn, format!("The plan has {delegated} delegated healthcare task(s): confirm the provider's insurance or indemnity covers delegated tasks, and that the worker knows when and how to escalate."), "catalogue TS-18, TS-19 and §8.1 decision 4", "tasks"));
    }
    // TS-30: calls at least four hours apart; most care between 06:00 and 23:00.
    let mut times: Vec<NaiveTime> = plan.visits.iter().filter_map(|v| parse_time(v)).collect();
    times.sort();
    if let Some(gap) = profile.settings.min_visit_gap_minutes {
        let close: Vec<String> = times
            .windows(2)
            .filter(|w| (w[1] - w[0]).num_minutes() < i64::from(gap))
            .map(|w| format!("{} and {}", hhmm(w[0]), hhmm(w[1])))
            .collect();
        if !close.is_empty() {
            out.push(finding(
                "TS-30",
                Outcome::Warn,
                format!("Calls less than {} hours {} minutes apart: {}.", gap / 60, gap % 60, close.join("; "))
                    .replace(" 0 minutes", ""),
                &format!("{S004} §10.16"),
                "visits",
            ));
        }
    }
    let early = NaiveTime::from_hms_opt(6, 0, 0).expect("a time");
    let late = NaiveTime::from_hms_opt(23, 0, 0).expect("a time");
    let odd: Vec<String> = times.iter().filter(|t| **t < early || **t > late).map(|t| hhmm(*t)).collect();
    if !odd.is_empty() {
        out.push(finding(
            "TS-30",
            Outcome::Info,
            format!("Calls outside 06:00 to 23:00: {}.", odd.join(", ")),
            &format!("{S004} §10.3"),
            "visits",
        ));
    }
    out
}

/// What the widget signs as the report it showed: each task's category and outcome and each
/// finding's rule and outcome (the explanations are the rules' own words, so they are not repeated).
pub fn summary(report: &Report) -> Value {
    let tasks: Vec<Value> = report
        .tasks
        .iter()
        .flatten()
        .map(|t| serde_json::json!({"category": t.category, "outcome": t.outcome}))
        .collect();
    let findings: Vec<Value> =
        report.findings.iter().map(|f| serde_json::json!({"rule": f.rule, "outcome": f.outcome})).collect();
    serde_json::json!({"outcome": report.outcome, "tasks": tasks, "findings": findings})
}

/// The form's check: the server re-runs the plan under the named profile and compares the
/// report the widget showed with its own (CF-TS-02).
pub(crate) fn check(data: &Map<String, Value>, today: NaiveDate) -> Result<Report, CheckError> {
    let profile_id = data.get("profile").and_then(Value::as_str).unwrap_or_default();
    let profile = Profile::built_in(profile_id).map_err(|e| CheckError::Invalid(vec![("profile".into(), e.0)]))?;
    let plan: Plan = serde_json::from_value(data.get("plan").cloned().unwrap_or(Value::Null))
        .map_err(|e| CheckError::Invalid(vec![("plan".into(), e.to_string())]))?;
    let mut report = check_plan(&plan, &profile, today)?;
    if let Some(shown) = data.get("report") {
        let ours = summary(&report);
        if *shown != ours {
            report.findings.push(Finding {
                rule: "CF-TS-02".into(),
                outcome: Outcome::Warn,
                message: "The report shown in the browser differs from the server's own check of the same plan; the server's report is the one stored. (A different date, a different version of Careform, or an altered report.)".into(),
                source: "Careform rule CF-TS-02: the server re-checks every submission (architecture: never trust the client)".into(),
                field: Some("report".into()),
            });
            report.outcome = report.outcome.max(Outcome::Warn);
        }
    }
    Ok(report)
}
