//! Careform's rules: every checkable rule of every form, with its id and source.
//!
//! Pure and deterministic: no I/O, no clock (callers pass `today`), no web dependencies, so
//! the widget (wasm) and the server (native) reach the same verdict on the same data.
//!
//! Layers, lowest first (a module uses only those below it; `tests/layers.rs` checks it):
//! `outcome`, `date`, `money` ← `registry` (every rule) ← `finding`, `report`, `form` ←
//! `lexicon` (data) ← `profile` (every setting of every form) ← the forms (`demo`, `pa`,
//! `task_scope`, `dbs_insurance`) ← this file, which lists the forms and dispatches checks.

use chrono::NaiveDate;
use serde_json::{Map, Value};

pub mod date;
pub mod dbs_insurance;
mod demo;
mod finding;
mod form;
pub mod lexicon;
pub mod money;
mod outcome;
pub mod pa;
pub mod profile;
pub mod registry;
mod report;
pub mod task_scope;

pub use finding::Finding;
pub use form::{AttestationRef, CheckError, FieldDefinition, FieldKind, FormDefinition};
pub use outcome::Outcome;
pub use report::Report;

use form::{Answers, shape_problems};

/// Every form the rules know.
pub fn forms() -> &'static [&'static FormDefinition] {
    static FORMS: [&FormDefinition; 4] =
        [&demo::DEFINITION, &pa::DEFINITION, &task_scope::DEFINITION, &dbs_insurance::DEFINITION];
    &FORMS
}

/// The form with this id and version.
pub fn form(id: &str, version: &str) -> Result<&'static FormDefinition, CheckError> {
    let def = forms().iter().find(|f| f.id == id).ok_or_else(|| CheckError::UnknownForm(id.to_owned()))?;
    if def.version != version {
        return Err(CheckError::UnknownVersion { form: id.to_owned(), version: version.to_owned() });
    }
    Ok(def)
}

/// Checks one submission against its form, as of `today`.
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
    let answers = Answers(data);
    Ok(match def.id {
        demo::ID => demo::check(&answers, today),
        pa::ID => pa::check(&answers, attestations, today),
        task_scope::ID => task_scope::check(data, today)?,
        dbs_insurance::ID => dbs_insurance::check(data, today)?,
        other => unreachable!("form {other} is listed in forms() but has no check"),
    })
}
