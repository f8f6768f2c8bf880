//! The key-holding agreement: a provider holds a client's keys only in an emergency, for at most
//! two weeks, under a signed and approved agreement, and gives every copy back.
//!
//! Sources: `004_08a37aa4ee6b72b0.txt` §19.1–19.2 (and §24.1); rules catalogue section 5 (KH-01 to
//! KH-32) and §8.1 decision 6, registered in `registry::key_holding`. The limits are the profile's
//! (`profile::KeyHoldingSettings`).
//!
//! One form records both the agreement and, later, its return: the return is a second submission
//! of the same agreement with `returned` filled in and `agreement_reference` naming the first
//! submission's receipt. The rules read the agreement only; the server checks the reference
//! (it exists, is a key-holding agreement, and its agreement is this one).
//!
//! Key-safe codes are never stored or sent (decision 6): input carrying a member for one is refused
//! before any rule runs, here and in the server.

mod checks;
mod input;
mod tags;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

pub use crate::profile::KeyHoldingSettings as Settings;
pub use input::{
    Agreement, Approval, Client, CodeStorage, Key, MAX_KEYS, MAX_TEXT, Provider, Reason, Return, Role, Signature,
    Storage, refuse_codes,
};
pub use tags::{has_postcode, tag_problem};

use crate::date::format_iso;
use crate::entry::{Form, Standalone};
use crate::form::{CheckError, FieldDefinition, FieldKind, FormDefinition};
use crate::profile::Profile;
use crate::report::Report;

/// The form's id.
pub const ID: &str = "key-holding";
/// The profile `careform check key-holding` and `<careform-key-holding>` use when none is named:
/// the rules come from Bexley's homecare specification.
pub const DEFAULT_PROFILE: &str = "bexley-homecare";

/// The definition the widget signs and the server re-checks.
pub static DEFINITION: FormDefinition = FormDefinition {
    id: ID,
    version: "1",
    title: "Key-holding agreement",
    fields: &[
        FieldDefinition {
            name: "profile",
            label: "Policy profile",
            kind: FieldKind::Choice { options: &crate::profile::BUILT_IN },
            required: true,
            missing: "Select a policy profile",
        },
        FieldDefinition {
            name: "agreement",
            label: "Key-holding agreement",
            kind: FieldKind::Structured {
                schema: "careform key-holding input, version 1 (README: careform check key-holding)",
            },
            required: true,
            missing: "Enter the key-holding agreement",
        },
        FieldDefinition {
            name: "agreement_reference",
            label: "Reference of the agreement these keys were held under",
            kind: FieldKind::Text { max_chars: 12 },
            required: false,
            missing: "",
        },
    ],
    // A failing agreement is still a record the council must see (an overdue return above all).
    refuse_on_fail: false,
};

/// What the key-holding agreement adds to its report.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Parts {
    /// The last day the keys may be held: the planned end, never later than the profile's limit.
    pub return_by: String,
    /// `held` or `returned`.
    pub status: String,
    /// On a return: the receipt reference of the agreement it closes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreement_reference: Option<String>,
}

/// Checks an agreement under `profile`, as of `today`.
pub fn check_agreement(a: &Agreement, profile: &Profile, today: NaiveDate) -> Result<Report<Parts>, CheckError> {
    let found = input::problems(a);
    if !found.is_empty() {
        return Err(CheckError::Invalid(found));
    }
    let s = &profile.key_holding;
    let mut f = checks::Findings(Vec::new());
    checks::reason(a, &mut f);
    checks::care_plan(a, &mut f);
    checks::duration(a, s, today, &mut f);
    checks::storage(a, &mut f);
    checks::duplicates(a, &mut f);
    checks::signature(a, &mut f);
    checks::approval(a, &mut f);
    checks::keys(a, &mut f);
    checks::returned(a, s, today, &mut f);
    checks::optional(a, &mut f);
    // Findings in rule order, as every report lists them.
    f.0.sort_by(|x, y| x.rule.cmp(&y.rule));
    let mut report: Report<Parts> = Report::new(ID, f.0);
    report.profile = Some(profile.id.clone());
    report.parts = Parts {
        return_by: format_iso(checks::return_by(a, s)),
        status: if a.returned.is_some() { "returned" } else { "held" }.into(),
        agreement_reference: None,
    };
    Ok(report)
}

/// Parses an agreement strictly: entry codes refused first, then every member checked, the
/// message naming the field (`keys[0].copies: invalid type …`).
pub fn parse_agreement(value: &Value) -> Result<Agreement, (String, String)> {
    refuse_codes(value, "")?;
    crate::entry::from_value(value)
}

/// Whether `text` has the shape of a receipt reference, `CF-XXXX-XXXX`.
pub fn is_reference(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 12
        && text.starts_with("CF-")
        && b[7] == b'-'
        && b[3..7].iter().chain(&b[8..]).all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
}

/// The server's check of a submission's `data`: the named profile, the agreement, and on a
/// return the reference it names (its shape here; the server looks it up).
pub(crate) fn check(data: &Map<String, Value>, today: NaiveDate) -> Result<Report<Parts>, CheckError> {
    let invalid = |field: &str, why: String| CheckError::Invalid(vec![(field.to_owned(), why)]);
    let profile = crate::entry::data_profile(data)?;
    let agreement = parse_agreement(data.get("agreement").unwrap_or(&Value::Null))
        .map_err(|(at, why)| invalid(&format!("agreement.{at}"), why))?;
    let reference = data.get("agreement_reference").and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty());
    if let Some(r) = reference {
        if !is_reference(r) {
            return Err(invalid("agreement_reference", "must be a receipt reference such as CF-7K3M-Q9XD".into()));
        }
        if agreement.returned.is_none() {
            return Err(invalid(
                "agreement.returned",
                "a return names the agreement's reference and records the return".into(),
            ));
        }
    }
    let mut report = check_agreement(&agreement, &profile, today)?;
    report.parts.agreement_reference = reference.map(str::to_owned);
    Ok(report)
}

/// The form's entry.
pub static FORM: Form = Form {
    definition: &DEFINITION,
    check: |data, _, today| check(data, today).map(Report::erase),
    standalone: Some(Standalone { default_profile: DEFAULT_PROFILE, check: check_input, example: None }),
    #[cfg(feature = "schema")]
    schemas: || crate::entry::Schemas {
        fields: vec![("agreement", crate::entry::schema_of::<Agreement>())],
        report: crate::entry::schema_of::<Report<Parts>>(),
    },
};

/// `careform check key-holding`: one agreement on standard input.
fn check_input(input: &[u8], profile: &Profile, today: NaiveDate) -> Result<String, String> {
    let value: Value =
        serde_json::from_slice(input).map_err(|e| format!("the input is not a valid key-holding agreement: {e}"))?;
    let agreement = parse_agreement(&value)
        .map_err(|(at, why)| format!("the input is not a valid key-holding agreement: {at}: {why}"))?;
    let report = check_agreement(&agreement, profile, today).map_err(|e| e.to_string())?;
    Ok(serde_json::to_string_pretty(&report).expect("reports serialize"))
}
