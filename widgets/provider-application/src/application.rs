//! The answers as the rules read them: the application `careform check provider-application`
//! checks, the signed payload's `data` and the commitments as attestations.

use careform_kit::today;
use careform_rules::provider_application::{
    Applicant, Application, COMMITMENTS, Evidence, LegalForm, TradingStatus, check_application,
};
use careform_rules::task_scope::{Profile, Task};
use careform_rules::{AttestationRef, CheckError};
use leptos::prelude::*;
use serde_json::{Map, Value};

use crate::answers::{Answers, yes};

/// The application's report, section by section.
pub(crate) type Report = careform_rules::Report<careform_rules::provider_application::Parts>;

/// The value of a closed list spelt `text`, or the list's first until one is chosen (the page
/// asks for it before the section can be completed).
fn choice<T: Copy + Default>(all: &[T], as_str: fn(T) -> &'static str, text: &str) -> T {
    all.iter().copied().find(|v| as_str(*v) == text).unwrap_or_default()
}

fn trimmed(text: String) -> Option<String> {
    Some(text.trim().to_owned()).filter(|t| !t.is_empty())
}

impl Answers {
    /// The application, with the commitments ticked.
    pub fn application(&self) -> Application {
        let when = |asked: bool, text: String| if asked { trimmed(text) } else { None };
        Application {
            applicant: Applicant {
                legal_name: self.legal_name.get().trim().to_owned(),
                home_postcode: self.home_postcode.get().trim().to_owned(),
                legal_form: choice(LegalForm::ALL, LegalForm::as_str, &self.legal_form.get()),
                franchise: yes(self.franchise) == Some(true),
                parent_organisation: when(yes(self.has_parent) == Some(true), self.parent_organisation.get()),
                prior_action: yes(self.prior_action) == Some(true),
                cqc_provider_id: when(yes(self.cqc_registered) == Some(true), self.cqc_provider_id.get()),
                trading_status: choice(TradingStatus::ALL, TradingStatus::as_str, &self.trading_status.get()),
            },
            service_area_postcodes: self.area_list(),
            workers: self.workers.values(),
            tasks: self.task_lines().into_iter().map(|description| Task { description, delegation: None }).collect(),
            insurance: self.policies.insurance(|k| self.asks(k), false).unwrap_or_default(),
            evidence: self.evidence_list(),
            commitments: self.ticked().map(|c| c.attest()).collect(),
        }
    }

    /// The documents chosen, as the rules read them (the kit's item has the same members).
    pub fn evidence_list(&self) -> Vec<Evidence> {
        self.evidence
            .iter()
            .filter_map(|item| item.get())
            .filter_map(|item| serde_json::to_value(item).ok().and_then(|v| serde_json::from_value(v).ok()))
            .collect()
    }

    /// The commitments ticked, in the standard's order.
    fn ticked(&self) -> impl Iterator<Item = &'static careform_rules::provider_application::Commitment> {
        let ticked = self.commitments.get();
        COMMITMENTS.iter().filter(move |c| ticked.iter().any(|t| t == c.id))
    }

    /// The commitments ticked as the submission's attestations (the exact text's SHA-256).
    pub fn attestations(&self) -> Vec<AttestationRef> {
        self.ticked()
            .map(|c| {
                let r = c.attest();
                AttestationRef { id: r.id, version: r.version, text_sha256: r.text_sha256 }
            })
            .collect()
    }

    /// The rules' report on the application under `profile`, as the server will check it.
    pub fn check(&self, profile: &Profile) -> Result<Report, CheckError> {
        check_application(&self.application(), profile, today())
    }
}

/// The signed payload's `data`: the profile and the application's members (its commitments
/// travel as attestations).
pub(crate) fn data(profile: &str, application: &Application) -> Map<String, Value> {
    let Value::Object(mut data) = serde_json::to_value(application).expect("applications serialize") else {
        unreachable!("an application serializes as an object")
    };
    data.remove("commitments");
    data.insert("profile".into(), Value::String(profile.to_owned()));
    data
}
