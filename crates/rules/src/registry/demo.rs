//! The pipeline self-test form's one rule: Careform's own, not a council's.

use super::{Cite, README, Rule};
use crate::outcome::Outcome;

/// A date, when given, is not after today.
pub static DEMO_01: Rule = Rule {
    id: "DEMO-01",
    form: "careform-demo",
    title: "A date, when given, is not in the future",
    outcome: Outcome::Fail,
    cites: &[Cite { doc: README, section: "The demo", note: "Careform pipeline self-test" }],
};

pub(super) static RULES: &[&Rule] = &[&DEMO_01];
