//! The enterprise's insurance: a few kinds of policy, each asked the same questions, each with
//! its own error messages (GOV.UK writes each field's message for that field).

use careform_kit::components::{DateInput, DateParts, FieldError, RadioOption, Radios, TextInput};
use careform_rules::date::parse_iso;
use careform_rules::dbs_insurance::{Policy, parse_pounds};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One kind of policy: how its fields are named and what is said when they are wrong.
pub(crate) struct PolicyKind {
    /// The key the rules know it by.
    pub key: &'static str,
    /// Its fields' ids start with this (`pl_insurer`, `pl_limit`).
    prefix: &'static str,
    /// The question, and the legend of whether it is held.
    title: &'static str,
    /// Why it is asked.
    hint: &'static str,
    /// When whether it is held must be answered before sending.
    held_missing: Option<&'static str>,
    /// When the limit is not an amount in pounds.
    limit_wrong: &'static str,
    /// Motor cover has no limit of indemnity to give.
    limit_optional: bool,
    /// When the start date is not a real date.
    start_wrong: &'static str,
    /// When the expiry date is not a real date.
    expiry_wrong: &'static str,
}

pub(crate) const PUBLIC_LIABILITY: PolicyKind = PolicyKind {
    key: "public_liability",
    prefix: "pl",
    title: "Public liability insurance",
    hint: "Required for every enterprise.",
    held_missing: Some("Select whether you have public liability insurance"),
    limit_wrong: "Enter the public liability limit of indemnity in pounds, for example £5,000,000",
    limit_optional: false,
    start_wrong: "Enter the date your public liability cover starts as a real date, for example 1 4 2026",
    expiry_wrong: "Enter the date your public liability cover ends as a real date, for example 31 3 2027",
};
pub(crate) const EMPLOYERS_LIABILITY: PolicyKind = PolicyKind {
    key: "employers_liability",
    prefix: "el",
    title: "Employers' liability insurance",
    hint: "Compulsory when you employ anyone who is not close family: at least £5 million.",
    held_missing: None,
    limit_wrong: "Enter the employers' liability limit of indemnity in pounds, for example £5,000,000",
    limit_optional: false,
    start_wrong: "Enter the date your employers' liability cover starts as a real date, for example 1 4 2026",
    expiry_wrong: "Enter the date your employers' liability cover ends as a real date, for example 31 3 2027",
};
pub(crate) const PROFESSIONAL_INDEMNITY: PolicyKind = PolicyKind {
    key: "professional_indemnity",
    prefix: "pi",
    title: "Professional indemnity insurance",
    hint: "Councils ask for it from personal assistants, drivers and meal services.",
    held_missing: Some("Select whether you have professional indemnity insurance"),
    limit_wrong: "Enter the professional indemnity limit of indemnity in pounds, for example £1,000,000",
    limit_optional: false,
    start_wrong: "Enter the date your professional indemnity cover starts as a real date, for example 1 4 2026",
    expiry_wrong: "Enter the date your professional indemnity cover ends as a real date, for example 31 3 2027",
};
pub(crate) const MOTOR: PolicyKind = PolicyKind {
    key: "motor",
    prefix: "motor",
    title: "Motor insurance",
    hint: "Needed when you drive clients.",
    held_missing: None,
    limit_wrong: "Enter the motor insurance limit in pounds, or leave it empty",
    limit_optional: true,
    start_wrong: "Enter the date your motor insurance starts as a real date, for example 1 4 2026",
    expiry_wrong: "Enter the date your motor insurance ends as a real date, for example 31 3 2027",
};

impl PolicyKind {
    fn id(&self, field: &str) -> String {
        format!("{}_{field}", self.prefix)
    }
}

/// One policy's answers.
#[derive(Clone, Copy, Default, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct PolicyForm {
    pub held: RwSignal<String>,
    insurer: RwSignal<String>,
    insured: RwSignal<String>,
    limit: RwSignal<String>,
    start: DateParts,
    expiry: DateParts,
    document: RwSignal<String>,
}

impl PolicyForm {
    /// Whether it is held has been answered, if `kind` must have that answered.
    pub fn held_problem(&self, kind: &PolicyKind) -> Option<FieldError> {
        let missing = kind.held_missing.filter(|_| self.held.get().is_empty())?;
        Some(FieldError::new(kind.id("held"), missing))
    }

    /// The policy, if held (`business_use` for motor cover); `Err` names the fields to fix.
    pub fn policy(&self, kind: &PolicyKind, business_use: Option<bool>) -> Result<Option<Policy>, Vec<FieldError>> {
        if self.held.get() != "yes" {
            return Ok(None);
        }
        let mut e = Vec::new();
        let limit_text = self.limit.get();
        let limit =
            if kind.limit_optional && limit_text.trim().is_empty() { Some(0) } else { parse_pounds(&limit_text) };
        if limit.is_none() {
            e.push(FieldError::new(kind.id("limit"), kind.limit_wrong));
        }
        let (start, expiry) = (self.start.text(), self.expiry.text());
        for (text, field, message) in [(&start, "start", kind.start_wrong), (&expiry, "expiry", kind.expiry_wrong)] {
            if parse_iso(text).is_none() {
                e.push(FieldError::new(kind.id(field), message));
            }
        }
        if !e.is_empty() {
            return Err(e);
        }
        Ok(Some(Policy {
            insurer: self.insurer.get().trim().to_owned(),
            insured_name: self.insured.get().trim().to_owned(),
            limit_pence: limit.unwrap_or(0),
            start_date: start,
            expiry_date: expiry,
            document_type: Some(self.document.get()).filter(|d| !d.is_empty()),
            business_description: None,
            exclusions: vec![],
            business_use,
        }))
    }
}

/// One policy: whether it is held and, when it is, its details.
#[component]
pub(crate) fn PolicyBlock(kind: &'static PolicyKind, form: PolicyForm) -> impl IntoView {
    let id = |field: &str| kind.id(field);
    let details = view! {
        <TextInput id=id("insurer") label="Insurer" value=form.insurer />
        <TextInput id=id("insured") label="Name insured, as on the certificate" value=form.insured />
        <TextInput id=id("limit") label="Limit of indemnity" hint="In pounds, for example £5,000,000" value=form.limit width_class="govuk-input--width-10" />
        <DateInput id=id("start") legend="Cover starts" hint="For example, 1 4 2026" value=form.start />
        <DateInput id=id("expiry") legend="Cover ends" hint="For example, 31 3 2027" value=form.expiry />
        <Radios id=id("document") legend="What evidence do you have?" value=form.document options=RadioOption::list(&[
            ("certificate", "Certificate or schedule"),
            ("cover_note", "Cover note or letter (temporary)"),
        ]) />
    };
    view! {
        <h3 class="govuk-heading-s">{kind.title}</h3>
        <Radios id=id("held") legend=kind.title hint=kind.hint value=form.held options=vec![
            RadioOption::new("yes", "I have this insurance").reveal(details),
            RadioOption::new("no", "I do not have it"),
        ] />
    }
}
