//! Policy profiles: one council's rules as data. How it classes each concept of the task
//! lexicon, its task-scope thresholds, its DBS and insurance thresholds, and its gift register
//! settings. Built-in profiles are JSON files in `data/profiles`; a council may pass its own,
//! complete or as changes to a built-in one (`"extends"`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::lexicon::lexicon;
use crate::outcome::Outcome;
use crate::registry;

mod sections;

use sections::section;
pub use sections::{
    DbsInsuranceSettings, EL_STATUTORY_MIN_PENCE, GiftSettings, KeyHoldingSettings, ProviderApplicationSettings,
};

/// How a profile classes a concept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    /// Personal care.
    PersonalCare,
    /// Practical or social support.
    PracticalSupport,
    /// A clinical task a care worker must not do.
    ExcludedClinical,
    /// A clinical task a registered professional may delegate: delegated healthcare when the
    /// plan records a valid delegation, excluded otherwise.
    Delegable,
    /// Never permitted for a care worker.
    NotPermitted,
}

/// A profile's verdict on one concept.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClassRule {
    /// The class.
    pub category: Class,
    /// Raises the task's outcome (never lowers it), e.g. `warn` for something to agree first.
    #[serde(default)]
    pub outcome: Option<Outcome>,
    /// Plain English added to the explanation.
    #[serde(default)]
    pub note: Option<String>,
    /// A rule id that decided it, besides the concept's own.
    #[serde(default)]
    pub rule: Option<String>,
    /// Where this profile's class comes from.
    #[serde(default)]
    pub source: Option<String>,
}

/// A profile's thresholds for the plan-level rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// TS-08: the outcome of a medication reminder with no dosette box or blister pack.
    pub medication_prompt_without_compliance_aid: Outcome,
    /// TS-16: domestic cleaning only in a plan that has personal care.
    pub cleaning_needs_personal_care: bool,
    /// TS-35: whether the CQC exemption for an individual working directly for the person applies.
    pub exemption_allowed: bool,
    /// TS-30: the least time between calls, in minutes (`null`: not checked).
    pub min_visit_gap_minutes: Option<u32>,
    /// TS-18: how many months a delegated task's training stays current.
    pub delegation_review_months: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SettingsPatch {
    medication_prompt_without_compliance_aid: Option<Outcome>,
    cleaning_needs_personal_care: Option<bool>,
    exemption_allowed: Option<bool>,
    #[serde(default, deserialize_with = "some")]
    min_visit_gap_minutes: Option<Option<u32>>,
    delegation_review_months: Option<u32>,
}

/// Tells "absent" from "null" for a setting that may be switched off.
fn some<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<u32>>, D::Error> {
    Option::<u32>::deserialize(d).map(Some)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProfileFile {
    id: String,
    /// Inherited from the base when the profile `extends` one.
    #[serde(default)]
    title: String,
    #[serde(default)]
    extends: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    settings: Option<SettingsPatch>,
    #[serde(default)]
    classes: BTreeMap<String, Value>,
    /// The DBS and insurance validator's thresholds (changes to the base, or to the defaults).
    #[serde(default)]
    dbs_insurance: Option<Value>,
    /// The gift register's settings (changes to the base, or to the defaults).
    #[serde(default)]
    gifts: Option<Value>,
    /// The key-holding agreement's limits (changes to the base, or to the defaults).
    #[serde(default)]
    key_holding: Option<Value>,
    /// The micro-provider application's area and size tests (changes to the base, or to the defaults).
    #[serde(default)]
    provider_application: Option<Value>,
}

/// A complete profile: a class for every concept of the lexicon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    /// Its id, as reports show it.
    pub id: String,
    /// Its title.
    pub title: String,
    /// What it is, in plain English.
    pub description: String,
    /// Where it comes from.
    pub source: String,
    /// Thresholds.
    pub settings: Settings,
    /// One rule per concept, in lexicon order.
    pub classes: Vec<ClassRule>,
    /// The DBS and insurance validator's thresholds.
    pub dbs_insurance: DbsInsuranceSettings,
    /// The gift register's settings.
    pub gifts: GiftSettings,
    /// The key-holding agreement's limits.
    pub key_holding: KeyHoldingSettings,
    /// The micro-provider application's area and size tests.
    pub provider_application: ProviderApplicationSettings,
}

/// The built-in profiles' ids.
pub const BUILT_IN: [&str; 2] = ["bexley-homecare", "somerset-micro-provider"];

/// Why a profile cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileError(pub String);

impl std::fmt::Display for ProfileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ProfileError {}

fn parse(json: &str) -> Result<ProfileFile, ProfileError> {
    serde_json::from_str(json).map_err(|e| ProfileError(format!("the profile is not valid: {e}")))
}

fn built_in_json(id: &str) -> Option<&'static str> {
    match id {
        "bexley-homecare" => Some(include_str!("../../data/profiles/bexley-homecare.json")),
        "somerset-micro-provider" => Some(include_str!("../../data/profiles/somerset-micro-provider.json")),
        _ => None,
    }
}

impl Profile {
    /// A built-in profile by id.
    pub fn built_in(id: &str) -> Result<Profile, ProfileError> {
        let json = built_in_json(id).ok_or_else(|| {
            ProfileError(format!(
                "there is no built-in profile called {id:?}; the built-in profiles are {}",
                BUILT_IN.join(", ")
            ))
        })?;
        parse(json)
            .and_then(|file| Profile::build(file, None))
            .map_err(|e| ProfileError(format!("built-in profile {id}: {e}")))
    }

    /// A council's own profile from JSON: complete, or `"extends"` a built-in one and changes it.
    ///
    /// A rule a class names must be registered (`careform rules`). Built-in profiles are checked by
    /// a test instead, so the widgets, which only use those, do not carry the whole registry.
    pub fn from_json(json: &str) -> Result<Profile, ProfileError> {
        let file = parse(json)?;
        for (concept, value) in &file.classes {
            if let Some(r) = value.get("rule").and_then(Value::as_str)
                && registry::by_id(r).is_none()
            {
                return Err(ProfileError(format!(
                    "profile {:?}: classes.{concept}: \"rule\" names {r:?}, which is not a registered rule (see careform rules)",
                    file.id
                )));
            }
        }
        let base = match &file.extends {
            Some(id) => Some(Profile::built_in(id).map_err(|e| ProfileError(format!("\"extends\": {e}")))?),
            None => None,
        };
        Profile::build(file, base)
    }

    fn build(file: ProfileFile, base: Option<Profile>) -> Result<Profile, ProfileError> {
        let err = |m: String| ProfileError(format!("profile {:?}: {m}", file.id));
        let title = match (&base, file.title.trim()) {
            (Some(b), "") => b.title.clone(),
            (_, t) => t.to_owned(),
        };
        if file.id.trim().is_empty() || title.is_empty() {
            return Err(err("\"id\" and \"title\" must not be empty".into()));
        }
        let lex = lexicon();
        let mut classes: Vec<Option<ClassRule>> = match &base {
            Some(b) => b.classes.iter().cloned().map(Some).collect(),
            None => vec![None; lex.concepts.len()],
        };
        for (id, value) in &file.classes {
            let k = lex.concept_index(id).ok_or_else(|| {
                err(format!("\"classes\" names {id:?}, which is not a concept of the task lexicon (see README, 'Task scope profiles')"))
            })?;
            let rule = match value {
                Value::String(_) => ClassRule {
                    category: serde_json::from_value(value.clone()).map_err(|e| err(format!("classes.{id}: {e}")))?,
                    outcome: None,
                    note: None,
                    rule: None,
                    source: None,
                },
                _ => serde_json::from_value(value.clone()).map_err(|e| err(format!("classes.{id}: {e}")))?,
            };
            classes[k] = Some(rule);
        }
        let missing: Vec<&str> =
            classes.iter().zip(&lex.concepts).filter(|(c, _)| c.is_none()).map(|(_, c)| c.id.as_str()).collect();
        if !missing.is_empty() {
            return Err(err(format!(
                "no class for {}; give every concept a class, or \"extends\" a built-in profile",
                missing.join(", ")
            )));
        }
        let mut settings = match (&base, &file.settings) {
            (Some(b), _) => b.settings.clone(),
            (None, None) => return Err(err("\"settings\" is missing".into())),
            (None, Some(_)) => Settings {
                medication_prompt_without_compliance_aid: Outcome::Info,
                cleaning_needs_personal_care: false,
                exemption_allowed: true,
                min_visit_gap_minutes: None,
                delegation_review_months: 12,
            },
        };
        if let Some(p) = &file.settings {
            if base.is_none()
                && (p.medication_prompt_without_compliance_aid.is_none()
                    || p.cleaning_needs_personal_care.is_none()
                    || p.exemption_allowed.is_none()
                    || p.min_visit_gap_minutes.is_none()
                    || p.delegation_review_months.is_none())
            {
                return Err(err("a profile that does not extend another must give every setting".into()));
            }
            if let Some(v) = p.medication_prompt_without_compliance_aid {
                settings.medication_prompt_without_compliance_aid = v;
            }
            if let Some(v) = p.cleaning_needs_personal_care {
                settings.cleaning_needs_personal_care = v;
            }
            if let Some(v) = p.exemption_allowed {
                settings.exemption_allowed = v;
            }
            if let Some(v) = p.min_visit_gap_minutes {
                settings.min_visit_gap_minutes = v;
            }
            if let Some(v) = p.delegation_review_months {
                settings.delegation_review_months = v;
            }
        }
        if settings.delegation_review_months == 0 || settings.delegation_review_months > 120 {
            return Err(err("delegation_review_months must be between 1 and 120".into()));
        }
        if settings.min_visit_gap_minutes.is_some_and(|m| m > 24 * 60) {
            return Err(err("min_visit_gap_minutes must be at most 1440".into()));
        }
        // Each form's settings: the base's (or the defaults), with this file's changes on top.
        let dbs_insurance: DbsInsuranceSettings =
            section(base.as_ref().map(|b| &b.dbs_insurance), &file.dbs_insurance, "dbs_insurance").map_err(err)?;
        dbs_insurance.check().map_err(|e| err(format!("dbs_insurance: {e}")))?;
        let gifts: GiftSettings = section(base.as_ref().map(|b| &b.gifts), &file.gifts, "gifts").map_err(err)?;
        gifts.check().map_err(|e| err(format!("gifts: {e}")))?;
        let key_holding: KeyHoldingSettings =
            section(base.as_ref().map(|b| &b.key_holding), &file.key_holding, "key_holding").map_err(err)?;
        key_holding.check().map_err(|e| err(format!("key_holding: {e}")))?;
        let provider_application: ProviderApplicationSettings =
            section(base.as_ref().map(|b| &b.provider_application), &file.provider_application, "provider_application")
                .map_err(err)?;
        provider_application.check().map_err(|e| err(format!("provider_application: {e}")))?;
        Ok(Profile {
            provider_application,
            dbs_insurance,
            gifts,
            key_holding,
            id: file.id.clone(),
            title,
            description: file
                .description
                .clone()
                .or_else(|| base.as_ref().map(|b| b.description.clone()))
                .unwrap_or_default(),
            source: file.source.clone().or_else(|| base.as_ref().map(|b| b.source.clone())).unwrap_or_default(),
            settings,
            classes: classes.into_iter().map(|c| c.expect("checked above")).collect(),
        })
    }
}
