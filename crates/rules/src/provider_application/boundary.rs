//! What the enterprise offers, and the CQC boundary: each task classified by the task scope
//! checker under the profile (its own rules, its own verdicts), then MP-25 (no excluded clinical
//! or never-permitted task), MP-29 and MP-30 (personal care needs registration or the individual
//! exemption) and MP-33 (the five questions, per client, shown).
//!
//! The task scope checker's plan-level rules (records, visit times) are about one client's care
//! plan, which an application does not have: they apply when a plan is checked, not here.

use chrono::NaiveDate;

use super::enterprise::legal_form;
use super::input::{Application, LegalForm};
use crate::finding::Finding;
use crate::outcome::Outcome;
use crate::profile::Profile;
use crate::registry::{self, MP_25, MP_29, MP_30, MP_33};
use crate::report::{Category, TaskVerdict};
use crate::task_scope::{Exemption, Records, classify};

/// The offer section's findings and each task's verdict.
pub(super) struct Offer {
    pub(super) findings: Vec<Finding>,
    pub(super) tasks: Vec<TaskVerdict>,
}

/// Whether the enterprise offers personal care: a task classed so, or a worker who delivers it.
pub(super) fn offers_personal_care(a: &Application, tasks: &[TaskVerdict]) -> bool {
    tasks.iter().any(|t| !t.negated && t.category == Category::PersonalCare)
        || a.workers.iter().any(|w| w.delivers_personal_care)
}

/// The offer section.
pub(super) fn offer(a: &Application, profile: &Profile, today: NaiveDate) -> Offer {
    let records = Records::default();
    let tasks: Vec<TaskVerdict> = a.tasks.iter().map(|t| classify(t, profile, &records, today)).collect();
    let mut findings = Vec::new();
    // A task the checker does not pass is shown under the rule that decided it.
    for (i, t) in tasks.iter().enumerate() {
        if matches!(t.outcome, Outcome::Warn | Outcome::Fail)
            // The catalogue's rule, not the lexicon entry that matched the words.
            && let Some(rule) = t.rules.iter().find(|id| !id.starts_with("LX-")).or(t.rules.first()).and_then(|id| registry::by_id(id))
        {
            findings.push(
                Finding::new(rule, t.outcome, format!("{:?}: {}", t.description, t.explanation))
                    .at(format!("tasks[{i}]")),
            );
        }
    }
    let outside: Vec<&str> = tasks
        .iter()
        .filter(|t| !t.negated && matches!(t.category, Category::ExcludedClinical | Category::NotPermitted))
        .map(|t| t.description.as_str())
        .collect();
    findings.push(if outside.is_empty() {
        Finding::new(&MP_25, Outcome::Pass, "Nothing you offer is a clinical task a care worker must not do, or a task never permitted.")
    } else {
        Finding::new(&MP_25, Outcome::Fail, format!("You offer what a care worker must not do: {}. Take it out of your offer; it belongs to a health professional or is never permitted.", outside.join("; ")))
    }.at("tasks"));
    findings.extend(registration(a, &tasks));
    Offer { findings, tasks }
}

/// MP-29, MP-30, MP-33: personal care needs CQC registration, or the exemption for a sole trader
/// who delivers all of it personally, with each client answering yes to the five questions.
fn registration(a: &Application, tasks: &[TaskVerdict]) -> Vec<Finding> {
    if !offers_personal_care(a, tasks) {
        return vec![
            Finding::new(
                &MP_29,
                Outcome::Pass,
                "You do not offer personal care, so CQC registration is not needed for what you offer.",
            )
            .at("tasks"),
        ];
    }
    let ap = &a.applicant;
    if let Some(id) = ap.cqc_provider_id.as_deref().map(str::trim).filter(|id| !id.is_empty()) {
        return vec![Finding::new(&MP_29, Outcome::Pass, format!("You offer personal care and are registered with the CQC (provider id {id}); an officer confirms the registration covers personal care.")).at("applicant.cqc_provider_id")];
    }
    let mut reasons = Vec::new();
    if ap.legal_form != LegalForm::SoleTrader {
        reasons.push(Finding::new(&MP_30, Outcome::Fail, format!("The exemption from CQC registration covers only an individual contracted directly by the person; a {} offering personal care must be registered.", legal_form(ap.legal_form))).at("applicant.legal_form"));
    }
    for (i, w) in a.workers.iter().enumerate() {
        if w.delivers_personal_care && !w.is_applicant {
            reasons.push(Finding::new(&MP_30, Outcome::Fail, format!("{} delivers personal care: without CQC registration only you, working directly for each person, may deliver it.", w.name.trim())).at(format!("workers[{i}].delivers_personal_care")));
        }
    }
    if reasons.is_empty() {
        let questions: Vec<&str> = Exemption::default().answers().iter().map(|(q, _)| *q).collect();
        return vec![
            Finding::new(&MP_30, Outcome::Pass, "You offer personal care as a sole trader who delivers all of it personally: the exemption from CQC registration may apply, client by client.").at("applicant.legal_form"),
            Finding::new(&MP_33, Outcome::Info, format!("Each client (or their representative) must answer yes to all five questions before you give personal care without CQC registration; otherwise point them to a CQC-registered provider. {}.", questions.join("; "))).at("tasks"),
        ];
    }
    let mut out = vec![Finding::new(&MP_29, Outcome::Fail, "You offer personal care without CQC registration, and the exemption cannot apply: register with the CQC, or take personal care out of your offer.").at("tasks")];
    out.extend(reasons);
    out
}
