//! What a form is (its fields and their kinds), what it is checked with (attestations), why data
//! cannot be checked, and the shape check every form's data passes first.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::date;

/// Why data could not be checked at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckError {
    /// No form has this id.
    UnknownForm(String),
    /// The form exists, but not in this version.
    UnknownVersion {
        /// The form.
        form: String,
        /// The version asked for.
        version: String,
    },
    /// The data does not have the form's shape; each entry names a field and what is wrong.
    Invalid(Vec<(String, String)>),
}

impl std::fmt::Display for CheckError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CheckError::UnknownForm(id) => write!(f, "no form has the id {id:?}"),
            CheckError::UnknownVersion { form, version } => write!(f, "form {form:?} has no version {version:?}"),
            CheckError::Invalid(problems) => {
                let list: Vec<String> = problems.iter().map(|(field, why)| format!("{field}: {why}")).collect();
                write!(f, "the data does not fit the form: {}", list.join("; "))
            }
        }
    }
}

impl std::error::Error for CheckError {}

/// A form the rules know: what the widget shows and what the server re-checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FormDefinition {
    /// Stable id, used in URLs, envelopes and profiles.
    pub id: &'static str,
    /// Version of the definition; a new version of its text or rules is a new version.
    pub version: &'static str,
    /// Title shown to people.
    pub title: &'static str,
    /// The fields, in the order they are asked.
    pub fields: &'static [FieldDefinition],
    /// Whether a report whose outcome is `fail` refuses the submission (a record that must be
    /// complete, like an acknowledgement) or is stored as a verdict (a checker's result).
    pub refuse_on_fail: bool,
}

/// What kind of answer a field takes; every answer travels as a JSON string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FieldKind {
    /// Free text of at most `max_chars` characters.
    Text {
        /// Longest answer accepted, in characters.
        max_chars: usize,
    },
    /// A calendar date, `YYYY-MM-DD`.
    Date,
    /// One of a fixed list of values.
    Choice {
        /// The values accepted.
        options: &'static [&'static str],
    },
    /// `yes` or `no`.
    YesNo,
    /// A JSON object or array the form's own rules read and check strictly.
    Structured {
        /// What the value is, in words (the README documents it).
        schema: &'static str,
    },
}

/// One question of a form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldDefinition {
    /// Name in `data`.
    pub name: &'static str,
    /// Label shown.
    pub label: &'static str,
    /// The answer's kind.
    pub kind: FieldKind,
    /// Whether an answer is always needed (rules may require it in some cases only).
    pub required: bool,
    /// What to say when a required answer is missing, written for this field as GOV.UK's error
    /// message guidance asks ("Enter your full name", not a message built from the label). Not
    /// part of the definition's hash: wording can improve without a new form version.
    #[serde(skip)]
    pub missing: &'static str,
}

/// An attestation as the rules see it: which statement, which version, the hash of the text shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttestationRef {
    /// Which statement.
    pub id: String,
    /// Its version.
    pub version: String,
    /// SHA-256 of the exact text shown, base64url without padding.
    pub text_sha256: String,
}

/// Data that passed the shape check: typed reads of its answers.
pub(crate) struct Answers<'a>(pub(crate) &'a Map<String, Value>);

impl Answers<'_> {
    /// A non-blank text answer.
    pub(crate) fn text(&self, name: &str) -> Option<&str> {
        self.0.get(name).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty())
    }
    /// A date answer (already checked to be a real date).
    pub(crate) fn date(&self, name: &str) -> Option<NaiveDate> {
        self.text(name).and_then(date::parse_iso)
    }
    /// A yes/no answer.
    pub(crate) fn yes(&self, name: &str) -> Option<bool> {
        self.text(name).map(|s| s == "yes")
    }
}

/// The message for a required field left empty: its own, else one made from its label.
fn missing(field: &FieldDefinition) -> String {
    match (field.missing, &field.kind) {
        ("", FieldKind::Choice { .. } | FieldKind::YesNo) => format!("Select {}", field.label.to_lowercase()),
        ("", _) => format!("Enter {}", field.label.to_lowercase()),
        (own, _) => own.to_owned(),
    }
}

/// Fields that are missing, unknown, of the wrong type, or out of range.
pub(crate) fn shape_problems(def: &FormDefinition, data: &Map<String, Value>) -> Vec<(String, String)> {
    let mut problems = Vec::new();
    for name in data.keys() {
        if !def.fields.iter().any(|f| f.name == name) {
            problems.push((name.clone(), "is not a field of this form".to_owned()));
        }
    }
    for field in def.fields {
        if let FieldKind::Structured { .. } = field.kind {
            match data.get(field.name) {
                None | Some(Value::Null) if field.required => problems.push((field.name.to_owned(), missing(field))),
                Some(Value::String(_) | Value::Bool(_) | Value::Number(_)) => {
                    problems.push((field.name.to_owned(), format!("{} must be a JSON object or array", field.label)))
                }
                _ => {}
            }
            continue;
        }
        let answer = match data.get(field.name) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.trim()),
            Some(_) => {
                problems.push((field.name.to_owned(), format!("{} must be text", field.label)));
                continue;
            }
        };
        let problem = match (answer.filter(|s| !s.is_empty()), &field.kind) {
            (None, _) if field.required => Some(missing(field)),
            (None, _) => None,
            (Some(s), FieldKind::Text { max_chars }) if s.chars().count() > *max_chars => {
                Some(format!("{} must be {max_chars} characters or fewer", field.label))
            }
            (Some(s), FieldKind::Date) if date::parse_iso(s).is_none() => {
                Some(format!("{} must be a real date in the form YYYY-MM-DD", field.label))
            }
            (Some(s), FieldKind::Choice { options }) if !options.contains(&s) => {
                Some(format!("{} must be one of: {}", field.label, options.join(", ")))
            }
            (Some(s), FieldKind::YesNo) if s != "yes" && s != "no" => {
                Some(format!("{} must be yes or no", field.label))
            }
            _ => None,
        };
        if let Some(p) = problem {
            problems.push((field.name.to_owned(), p));
        }
    }
    problems
}
