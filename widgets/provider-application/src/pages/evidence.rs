//! Policies and evidence: the documents the programme asks for, one upload each (the kit's file
//! upload: checked, hashed and kept on this device, uploaded at once; the outbox uploads what the
//! server still lacks before sending the application that lists them).

use careform_kit::components::{FileUpload, default_hint};
use careform_rules::provider_application::EvidenceKind;
use leptos::prelude::*;

use crate::answers::Answers;

/// What to upload for each kind of document.
fn hint(kind: EvidenceKind) -> &'static str {
    match kind {
        EvidenceKind::DbsChecks => "The DBS certificate of everyone who works in your enterprise, in one file.",
        EvidenceKind::PublicLiabilityInsurance => "Your certificate or schedule.",
        EvidenceKind::TermsOfService => {
            "The contract you agree with each client, with its notice and cancellation terms."
        }
        EvidenceKind::SupportPlan => "How you assess and record what each person needs.",
        EvidenceKind::ComplaintsPolicy => "How a client or their family can complain, and what you do.",
        EvidenceKind::SafeguardingPolicy => "What you do if you think someone is at risk of abuse or neglect.",
        EvidenceKind::PriceList => "What you charge, including travel and cancellation charges.",
        EvidenceKind::RiskAndSafety => "Your guidelines on managing risk and keeping people safe.",
    }
}

/// `label` with its first letter in capitals, as a label or a heading.
pub(crate) fn capitalised(label: &str) -> String {
    let mut c = label.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// The documents, one upload per kind.
#[component]
pub(crate) fn EvidencePage(answers: Answers) -> impl IntoView {
    view! {
        <p class="govuk-body">"Upload each document. If you have not started trading yet, upload your templates."</p>
        {EvidenceKind::ALL.iter().zip(answers.evidence).map(|(&kind, value)| view! {
            <FileUpload
                id=format!("evidence-{}", kind.as_str())
                kind=kind.as_str()
                label=capitalised(kind.label())
                hint=format!("{} {}.", hint(kind), default_hint())
                value
            />
        }).collect_view()}
    }
}
