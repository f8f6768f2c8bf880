//! The enterprise's insurance: a few kinds of policy, each asked the same questions, each with
//! its own error messages (GOV.UK writes each field's message for that field).

use careform_rules::date::parse_iso;
use careform_rules::dbs_insurance::{Insurance, Policy, parse_pounds};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::components::{DateInput, DateParts, FieldError, RadioOption, Radios, TextInput};

/// One kind of policy: how its fields are named and what is said when they are wrong.
pub struct PolicyKind {
    /// The key the rules know it by.
    pub key: &'static str,
    /// Its fields' ids start with this (`pl_insurer`, `pl_limit`).
    prefix: &'static str,
    /// The question, and the legend of whether it is held.
    pub title: &'static str,
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

/// Public liability cover: every enterprise needs it.
pub const PUBLIC_LIABILITY: PolicyKind = PolicyKind {
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
/// Employers' liability cover: asked once anyone but close family is employed.
pub const EMPLOYERS_LIABILITY: PolicyKind = PolicyKind {
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
/// Professional indemnity cover.
pub const PROFESSIONAL_INDEMNITY: PolicyKind = PolicyKind {
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
/// Motor cover: asked when the enterprise drives clients.
pub const MOTOR: PolicyKind = PolicyKind {
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
pub struct PolicyForm {
    /// Whether it is held: `yes`, `no`, or empty until answered.
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
pub fn PolicyBlock(
    /// Which policy.
    kind: &'static PolicyKind,
    /// Its answers.
    form: PolicyForm,
) -> impl IntoView {
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

/// The policies, one set of answers each.
#[derive(Clone, Copy, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Policies {
    public_liability: PolicyForm,
    employers_liability: PolicyForm,
    professional_indemnity: PolicyForm,
    motor: PolicyForm,
}

impl Policies {
    /// Every kind of policy with its answers, in the order they are asked.
    pub fn all(&self) -> [(&'static PolicyKind, PolicyForm); 4] {
        [
            (&PUBLIC_LIABILITY, self.public_liability),
            (&EMPLOYERS_LIABILITY, self.employers_liability),
            (&PROFESSIONAL_INDEMNITY, self.professional_indemnity),
            (&MOTOR, self.motor),
        ]
    }

    /// The policies as the rules read them: those `asks` says are asked about (the others are
    /// `None`), motor cover with its business use; `Err` names every field to fix.
    pub fn insurance(
        &self,
        asks: impl Fn(&PolicyKind) -> bool,
        motor_business: bool,
    ) -> Result<Insurance, Vec<FieldError>> {
        let mut e = Vec::new();
        let mut policy = |kind: &PolicyKind, form: PolicyForm| {
            if !asks(kind) {
                return None;
            }
            let business_use = (kind.key == "motor").then_some(motor_business);
            form.policy(kind, business_use).unwrap_or_else(|problems| {
                e.extend(problems);
                None
            })
        };
        let insurance = Insurance {
            public_liability: policy(&PUBLIC_LIABILITY, self.public_liability),
            employers_liability: policy(&EMPLOYERS_LIABILITY, self.employers_liability),
            professional_indemnity: policy(&PROFESSIONAL_INDEMNITY, self.professional_indemnity),
            motor: policy(&MOTOR, self.motor),
        };
        if e.is_empty() { Ok(insurance) } else { Err(e) }
    }

    /// Whether each policy that must be answered is (held or not).
    pub fn held_problems(&self) -> Vec<FieldError> {
        self.all().iter().filter_map(|(kind, form)| form.held_problem(kind)).collect()
    }
}

/// The policies `asks` says are asked about, each a [`PolicyBlock`], keyed so a policy's answers
/// stay in place as others come and go.
#[component]
pub fn PolicyBlocks(
    /// The answers.
    policies: Policies,
    /// Whether a kind of policy is asked about (employers' liability once anyone is employed, motor
    /// cover when clients are driven).
    asks: impl Fn(&PolicyKind) -> bool + Copy + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <For
            each=move || policies.all().into_iter().filter(move |(kind, _)| asks(kind))
            key=|(kind, _)| kind.key
            children=|(kind, form)| view! { <PolicyBlock kind form /> }
        />
    }
}
