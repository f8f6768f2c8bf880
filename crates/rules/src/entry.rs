//! A form as one registered entry: its definition, the check the server runs on a submission's
//! `data`, the standalone check `careform check <form>` runs on a file, and (with the `schema`
//! feature, in the server) the JSON Schemas of its structured answers and of its report.
//!
//! Each form's module defines its `FORM`; the crate root lists them once (`FORMS`). The server's
//! re-check, `careform check`, `GET /v1/forms` and the widgets all reach a form through its entry,
//! so adding a form is its own module plus one line in that list.

use chrono::NaiveDate;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::form::{AttestationRef, CheckError, FormDefinition};
use crate::profile::Profile;
use crate::report::Report;

/// The server's re-check of a submission's `data` (its fields already shape-checked), given the
/// attestations the submission carries and the council's calendar day.
pub type CheckFn = fn(&Map<String, Value>, &[AttestationRef], NaiveDate) -> Result<Report, CheckError>;

/// One form, as the rest of Careform sees it.
pub struct Form {
    /// What the widget shows and signs (its hash is the submission's `form.sha256`).
    pub definition: &'static FormDefinition,
    /// The server's re-check of a submission's `data`, after the shape check of its fields.
    pub check: CheckFn,
    /// `careform check <id>`, for forms a provider can check offline without signing anything.
    pub standalone: Option<Standalone>,
    /// JSON Schemas of the form's structured answers, by field name, and of its report.
    #[cfg(feature = "schema")]
    pub schemas: fn() -> Schemas,
}

/// The offline check of a form: a JSON document on standard input, checked under a profile.
pub struct Standalone {
    /// The profile used when none is named (the same one the form's widget uses).
    pub default_profile: &'static str,
    /// Parses the input and checks it: the report as pretty-printed JSON (in the report type's own
    /// field order), or one line for people saying why the input cannot be checked.
    pub check: fn(&[u8], &Profile, NaiveDate) -> Result<String, String>,
    /// `careform check <id> --example`: a complete input that passes on the given day, as
    /// pretty-printed JSON, for forms that provide one.
    pub example: Option<fn(NaiveDate) -> String>,
}

/// A form's schemas (JSON Schema 2020-12 documents).
#[cfg(feature = "schema")]
pub struct Schemas {
    /// A schema for each structured field of `data`.
    pub fields: Vec<(&'static str, Value)>,
    /// The report the check returns.
    pub report: Value,
}

/// Parses a standalone check's input as `I` and checks it: the shared half of every
/// [`Standalone::check`]. `what` names the input in the message ("task-scope plan"), and the
/// message names the member that is wrong (`offers[0].kind: unknown variant …`).
pub(crate) fn parse_and_check<I: DeserializeOwned, P: Serialize>(
    input: &[u8],
    what: &str,
    check: impl FnOnce(&I) -> Result<Report<P>, CheckError>,
) -> Result<String, String> {
    let invalid = |why: String| format!("the input is not a valid {what}: {why}");
    let mut de = serde_json::Deserializer::from_slice(input);
    let parsed: I = serde_path_to_error::deserialize(&mut de).map_err(|e| match e.path().to_string().as_str() {
        "." => invalid(e.inner().to_string()),
        path => invalid(format!("{path}: {}", e.inner())),
    })?;
    de.end().map_err(|e| invalid(e.to_string()))?;
    let report = check(&parsed).map_err(|e| e.to_string())?;
    Ok(serde_json::to_string_pretty(&report).expect("reports serialize"))
}

/// A structured value as `T`, or the path of the member that is wrong (`.` for the value itself)
/// and why.
pub(crate) fn from_value<T: DeserializeOwned>(value: &Value) -> Result<T, (String, String)> {
    serde_path_to_error::deserialize(value).map_err(|e| (e.path().to_string(), e.inner().to_string()))
}

/// The built-in profile a checker form's `data` names in its `profile` member.
pub(crate) fn data_profile(data: &Map<String, Value>) -> Result<Profile, CheckError> {
    let id = data.get("profile").and_then(Value::as_str).unwrap_or_default();
    Profile::built_in(id).map_err(|e| CheckError::Invalid(vec![("profile".into(), e.0)]))
}

/// The structured member `field` of a submission's `data` as `T`; a problem names the member
/// that is wrong by its path from `data` (`register.offers[0].kind`).
pub(crate) fn data_field<T: DeserializeOwned>(data: &Map<String, Value>, field: &str) -> Result<T, CheckError> {
    from_value(data.get(field).unwrap_or(&Value::Null)).map_err(|(path, why)| {
        let at = if path == "." { field.to_owned() } else { format!("{field}.{path}") };
        CheckError::Invalid(vec![(at, why)])
    })
}

/// The schema of `T` as a JSON value.
#[cfg(feature = "schema")]
pub(crate) fn schema_of<T: schemars::JsonSchema>() -> Value {
    serde_json::to_value(schemars::schema_for!(T)).expect("schemas serialize")
}
