//! Careform's rules: every checkable rule of every form, with its id and source.
//!
//! Pure and deterministic: no I/O, no clock (callers pass `today`), no web dependencies, so
//! the widget (wasm) and the server (native) reach the same verdict on the same data.
//!
//! Layers, lowest first (a module uses only those below it; `tests/layers.rs` checks it):
//! `outcome`, `date`, `money` ← `registry` (every rule) ← `finding`, `report`, `form` ←
//! `lexicon` (data) ← `profile` (every setting of every form) ← `entry` (what a form is to its
//! callers) ← the forms (`demo`, `pa`,
//! `task_scope`, `dbs_insurance`, `gift_register`, `key_holding`, `provider_application`, which
//! composes the task scope and DBS and insurance checkers) ← this file, which lists the forms (`FORMS`) and dispatches checks.

use chrono::NaiveDate;
use serde_json::{Map, Value};

pub mod date;
pub mod dbs_insurance;
mod demo;
pub mod entry;
pub mod files;
mod finding;
mod form;
pub mod gift_register;
pub mod key_holding;
pub mod lexicon;
pub mod money;
mod outcome;
pub mod pa;
pub mod profile;
pub mod provider_application;
pub mod registry;
mod report;
pub mod task_scope;

#[cfg(feature = "schema")]
pub use entry::Schemas;
pub use entry::Standalone;
pub use finding::Finding;
pub use form::{AttestationRef, CheckError, FieldDefinition, FieldKind, FormDefinition};
pub use outcome::Outcome;
pub use report::Report;

use entry::Form;
use form::shape_problems;

/// Every form, registered once: the server's re-check, `careform check`, `GET /v1/forms` and the
/// listings below all come from this list. A new form is its own module and one line here.
pub static FORMS: [&Form; 7] = [
    &demo::FORM,
    &pa::FORM,
    &task_scope::FORM,
    &dbs_insurance::FORM,
    &gift_register::FORM,
    &key_holding::FORM,
    &provider_application::FORM,
];

/// Every form's definition, in [`FORMS`] order.
pub fn forms() -> impl Iterator<Item = &'static FormDefinition> {
    FORMS.iter().map(|f| f.definition)
}

/// The registered form with this id, in any version.
pub fn entry(id: &str) -> Option<&'static Form> {
    FORMS.iter().copied().find(|f| f.definition.id == id)
}

/// The form with this id and version.
pub fn form(id: &str, version: &str) -> Result<&'static FormDefinition, CheckError> {
    let def = entry(id).ok_or_else(|| CheckError::UnknownForm(id.to_owned()))?.definition;
    if def.version != version {
        return Err(CheckError::UnknownVersion { form: id.to_owned(), version: version.to_owned() });
    }
    Ok(def)
}

/// Checks one submission against its form, as of `today`: the shape of every field, then the
/// form's own rules through its entry.
pub fn check(
    form_id: &str,
    version: &str,
    data: &Map<String, Value>,
    attestations: &[AttestationRef],
    today: NaiveDate,
) -> Result<Report, CheckError> {
    let def = form(form_id, version)?;
    let problems = shape_problems(def, data);
    if !problems.is_empty() {
        return Err(CheckError::Invalid(problems));
    }
    (entry(form_id).expect("form() found it").check)(data, attestations, today)
}
