//! The pipeline self-test form: the smallest real form, used by the demo page's placeholder
//! widget and the server's integration tests until the care forms arrive. Its one rule is
//! Careform's own, not a council's.

use chrono::NaiveDate;
use serde_json::{Map, Value};

use crate::{FieldDefinition, Finding, FormDefinition, Outcome, Report};

/// The form's id.
pub const ID: &str = "careform-demo";

/// The definition.
pub static DEFINITION: FormDefinition = FormDefinition {
    id: ID,
    version: "1",
    title: "Careform pipeline check",
    fields: &[
        FieldDefinition { name: "name", label: "Your name", max_chars: 200, required: true },
        FieldDefinition { name: "message", label: "Message", max_chars: 2000, required: false },
        FieldDefinition { name: "date", label: "Date", max_chars: 10, required: false },
    ],
};

/// DEMO-01: a date, when given, is a real calendar date and not after `today`.
pub fn check(data: &Map<String, Value>, today: NaiveDate) -> Report {
    let source = "Careform pipeline self-test (README, 'The demo')".to_owned();
    let finding = match data.get("date").and_then(Value::as_str) {
        None => Finding { rule: "DEMO-01".into(), outcome: Outcome::Pass, message: "No date given.".into(), source },
        Some(text) => match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            Err(_) => Finding {
                rule: "DEMO-01".into(),
                outcome: Outcome::Fail,
                message: format!("{text:?} is not a date in the form YYYY-MM-DD."),
                source,
            },
            Ok(d) if d > today => Finding {
                rule: "DEMO-01".into(),
                outcome: Outcome::Fail,
                message: format!("The date {d} is in the future (today is {today})."),
                source,
            },
            Ok(_) => {
                Finding { rule: "DEMO-01".into(), outcome: Outcome::Pass, message: "Date is valid.".into(), source }
            }
        },
    };
    Report::new(ID, vec![finding])
}
