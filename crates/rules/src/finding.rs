//! One rule's verdict on one piece of data, always made from a registered rule.

use serde::{Deserialize, Serialize};

use crate::outcome::Outcome;
use crate::registry::{self, Rule};

/// One rule's verdict on one piece of data.
///
/// `non_exhaustive`: code outside this crate cannot build a finding from a bare string id;
/// findings come from [`Finding::new`] and a registered rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Finding {
    /// The rule's id, e.g. `DI-07`: always a registered rule's ([`registry::by_id`] finds it).
    pub rule: String,
    /// Its outcome.
    pub outcome: Outcome,
    /// Plain English for the person filling in the form.
    pub message: String,
    /// Where the rule comes from: seed file and section, or a public source.
    pub source: String,
    /// The field the finding is about, when it is about one (widgets show it there).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

impl Finding {
    /// A finding of `rule`, citing the rule's own source.
    pub fn new(rule: &'static Rule, outcome: Outcome, message: impl Into<String>) -> Finding {
        Finding { rule: rule.id.to_owned(), outcome, message: message.into(), source: rule.source(), field: None }
    }

    /// The same finding, about one field.
    pub fn at(mut self, field: impl Into<String>) -> Finding {
        self.field = Some(field.into());
        self
    }

    /// The same finding with a more specific source than the rule's (e.g. the profile's figure).
    pub fn citing(mut self, source: impl Into<String>) -> Finding {
        self.source = source.into();
        self
    }

    /// The registered rule this finding is a verdict of.
    pub fn registered_rule(&self) -> Option<&'static Rule> {
        registry::by_id(&self.rule)
    }
}
