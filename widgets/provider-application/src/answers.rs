//! The application's answers: one serde struct of signals, saved as the draft as they are typed,
//! with the page the person is on, so a closed tab opens again where they left it.

use careform_kit::components::{FieldError, List};
use careform_kit::files::EvidenceItem;
use careform_kit::parts::{Policies, PolicyKind};
use careform_rules::provider_application::Worker;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Every answer, and where the person is.
#[derive(Clone, Copy, Default, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct Answers {
    /// The page shown: empty for the task list, a section's id, or `check` (check your answers).
    pub page: RwSignal<String>,
    /// The sections the person said they have completed.
    pub done: RwSignal<Vec<String>>,
    /// About you.
    pub legal_name: RwSignal<String>,
    pub home_postcode: RwSignal<String>,
    pub prior_action: RwSignal<String>,
    /// Your enterprise.
    pub legal_form: RwSignal<String>,
    pub trading_status: RwSignal<String>,
    pub franchise: RwSignal<String>,
    pub has_parent: RwSignal<String>,
    pub parent_organisation: RwSignal<String>,
    pub cqc_registered: RwSignal<String>,
    pub cqc_provider_id: RwSignal<String>,
    /// Where you work: postcodes, districts or sectors, one a line or separated by commas.
    pub areas: RwSignal<String>,
    /// What you offer: the tasks, one a line, as the task scope checker reads them.
    pub tasks: RwSignal<String>,
    /// Everyone who works in the enterprise, the applicant included.
    pub workers: List<Worker>,
    /// Insurance.
    pub policies: Policies,
    /// The document chosen for each kind of evidence, in `EvidenceKind::ALL` order.
    pub evidence: [RwSignal<Option<EvidenceItem>>; 8],
    /// The commitments ticked, by id.
    pub commitments: RwSignal<Vec<String>>,
}

/// A yes or no answer, `None` until given.
pub(crate) fn yes(answer: RwSignal<String>) -> Option<bool> {
    match answer.get().as_str() {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

/// Whether a text answer is given.
pub(crate) fn given(answer: RwSignal<String>) -> bool {
    !answer.get().trim().is_empty()
}

/// `message` on `target` when `ok` is false.
pub(crate) fn need(ok: bool, target: &str, message: &str) -> Option<FieldError> {
    (!ok).then(|| FieldError::new(target, message))
}

impl Answers {
    /// The service area as listed: one entry per line or comma.
    pub fn area_list(&self) -> Vec<String> {
        self.areas.get().split([',', '\n', ';']).map(str::trim).filter(|p| !p.is_empty()).map(str::to_owned).collect()
    }

    /// Whether the policy `kind` is asked about: employers' liability once anyone but the
    /// applicant is paid (the validator counts them as employees); the application does not ask
    /// about driving clients, so no motor cover.
    pub fn asks(&self, kind: &PolicyKind) -> bool {
        match kind.key {
            "employers_liability" => self.workers.values().iter().any(|w| w.paid && !w.is_applicant),
            "motor" => false,
            _ => true,
        }
    }

    /// The tasks, one per non-blank line, exactly as `careform check task-scope` reads a plan.
    pub fn task_lines(&self) -> Vec<String> {
        self.tasks.get().lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect()
    }
}
