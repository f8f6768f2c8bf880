//! Policies and evidence: the documents the programme asks for, one upload each.

use careform_rules::provider_application::EvidenceKind;
use leptos::prelude::*;

use crate::widget::App;

/// What to upload for each kind of document, and why.
pub(crate) fn hint(kind: EvidenceKind) -> &'static str {
    match kind {
        EvidenceKind::DbsChecks => "The DBS certificate of everyone who works in your enterprise.",
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

/// The documents, one section per kind.
#[component]
pub(crate) fn EvidencePage(app: App) -> impl IntoView {
    let _ = app;
    view! {
        <p class="govuk-body">"Upload each document as a PDF, Word (DOCX), OpenDocument text (ODT), JPEG or PNG file of up to 10 MB. If you have not started trading yet, upload your templates."</p>
        {EvidenceKind::ALL.iter().map(|&kind| view! {
            <h3 class="govuk-heading-s">{capitalised(kind.label())}</h3>
            <p class="govuk-hint">{hint(kind)}</p>
        }).collect_view()}
    }
}

/// `label` with its first letter in capitals, as a heading.
fn capitalised(label: &str) -> String {
    let mut c = label.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}
