//! The pipeline self-test form: the smallest real form, used by the demo page's placeholder
//! widget and the server's integration tests. Its one rule is Careform's own, not a council's.

use chrono::NaiveDate;

use crate::entry::Form;
use crate::finding::Finding;
use crate::form::{Answers, AttestationRef, FieldDefinition, FieldKind, FormDefinition};
use crate::outcome::Outcome;
use crate::registry::DEMO_01;
use crate::report::Report;

/// The form's id.
pub const ID: &str = "careform-demo";

/// The definition.
pub static DEFINITION: FormDefinition = FormDefinition {
    id: ID,
    version: "1",
    title: "Careform pipeline check",
    fields: &[
        FieldDefinition {
            name: "name",
            label: "Your name",
            kind: FieldKind::Text { max_chars: 200 },
            required: true,
            missing: "Enter your name",
        },
        FieldDefinition {
            name: "message",
            label: "Message",
            kind: FieldKind::Text { max_chars: 2000 },
            required: false,
            missing: "",
        },
        FieldDefinition { name: "date", label: "Date", kind: FieldKind::Date, required: false, missing: "" },
    ],
    refuse_on_fail: false,
};

/// The form's entry: a demo form has no standalone check and no structured answers.
pub static FORM: Form = Form {
    definition: &DEFINITION,
    check: |data, _: &[AttestationRef], today| Ok(check(&Answers(data), today)),
    standalone: None,
    #[cfg(feature = "schema")]
    schemas: || crate::entry::Schemas { fields: vec![], report: crate::entry::schema_of::<Report>() },
};

/// DEMO-01: a date, when given, is not after `today`.
pub(crate) fn check(answers: &Answers<'_>, today: NaiveDate) -> Report {
    let (outcome, message) = match answers.date("date") {
        None => (Outcome::Pass, "No date given.".to_owned()),
        Some(d) if d > today => (Outcome::Fail, format!("The date {d} is in the future (today is {today}).")),
        Some(_) => (Outcome::Pass, "Date is valid.".to_owned()),
    };
    Report::new(ID, vec![Finding::new(&DEMO_01, outcome, message).at("date")])
}
