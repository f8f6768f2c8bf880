//! How a rule, a part of a form, or a whole form came out.

use serde::{Deserialize, Serialize};

/// How a rule, a part of a form, or a whole form came out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// Condition met (and what nothing checked comes to).
    #[default]
    Pass,
    /// Guidance only; never blocks.
    Info,
    /// Allowed, but someone must act on it.
    Warn,
    /// Non-compliant.
    Fail,
}

impl Outcome {
    /// The worst of several outcomes (`Pass` for none).
    pub fn worst<I: IntoIterator<Item = Outcome>>(outcomes: I) -> Outcome {
        outcomes.into_iter().max().unwrap_or(Outcome::Pass)
    }

    /// A whole form's outcome: the worst of its parts, where notes alone (`info`) count as `pass`,
    /// because guidance never blocks a submission.
    pub fn overall<I: IntoIterator<Item = Outcome>>(outcomes: I) -> Outcome {
        match Outcome::worst(outcomes) {
            Outcome::Info => Outcome::Pass,
            other => other,
        }
    }
}
