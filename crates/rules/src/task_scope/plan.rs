//! A care plan as `careform check task-scope` reads it and the widget sends it, and why one
//! cannot be checked.

use chrono::NaiveTime;
use serde::{Deserialize, Serialize};

use super::{MAX_DESCRIPTION, MAX_TASKS, MAX_VISITS};
use crate::date;

/// A care plan as `careform check task-scope` reads it and the widget sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ComplianceAid {
    /// A dosette box filled by the pharmacy.
    Dosette,
    /// A 28-day blister (bubble) pack: `blister28`, and `blister_28` as the README and the rules
    /// catalogue spell it.
    #[serde(alias = "blister_28")]
    Blister28,
    /// The original packs.
    OriginalPacks,
    /// None.
    None,
}

/// Records the plan holds: each `true` means the record exists and is current.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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

/// Why a plan cannot be checked: each entry names a field and what is wrong.
pub(super) fn problems(plan: &Plan) -> Vec<(String, String)> {
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
pub(super) fn parse_time(s: &str) -> Option<NaiveTime> {
    let b = s.trim().as_bytes();
    if b.len() != 5 || b[2] != b':' || !b[..2].iter().chain(&b[3..]).all(u8::is_ascii_digit) {
        return None;
    }
    let n = |i: usize| u32::from(b[i] - b'0') * 10 + u32::from(b[i + 1] - b'0');
    NaiveTime::from_hms_opt(n(0), n(3), 0)
}

pub(super) fn hhmm(t: NaiveTime) -> String {
    use chrono::Timelike as _;
    format!("{:02}:{:02}", t.hour(), t.minute())
}
