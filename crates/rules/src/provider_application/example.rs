//! `careform check provider-application --example`: a complete application that passes on the
//! given day. A sole trader who lives and works in Somerset, is the enterprise's only worker and
//! offers practical support only, with a DBS check a year old, public liability insurance in
//! force, every document and every commitment. Dates are relative to `today`, so the example
//! passes whenever it is asked for.

use chrono::{Days, NaiveDate};
use sha2::{Digest as _, Sha256};

use super::commitments::COMMITMENTS;
use super::input::{Applicant, Application, Evidence, EvidenceKind, LegalForm, MediaType, TradingStatus, Worker};
use crate::date;
use crate::dbs_insurance::{Dbs, Insurance, Policy};
use crate::task_scope::Task;

/// The example application for `today`.
pub fn example(today: NaiveDate) -> Application {
    let day = |back: u64, on: u64| date::format_iso(today - Days::new(back) + Days::new(on));
    let task = |d: &str| Task { description: d.to_owned(), delegation: None };
    // The example's documents are not real files: each hash is of a line naming the document,
    // so `sha256sum` on that line reproduces it.
    let document = |kind: EvidenceKind, name: &str| Evidence {
        kind,
        name: name.to_owned(),
        media_type: MediaType::Pdf,
        bytes: 48_213,
        sha256: format!("{:x}", Sha256::digest(format!("Careform example: {name}\n").as_bytes())),
    };
    Application {
        applicant: Applicant {
            legal_name: "Sam Carter".into(),
            home_postcode: "TA1 4DY".into(),
            legal_form: LegalForm::SoleTrader,
            franchise: false,
            parent_organisation: None,
            prior_action: false,
            cqc_provider_id: None,
            trading_status: TradingStatus::Trading,
        },
        service_area_postcodes: vec!["TA1".into(), "TA2 7".into(), "TA3 5AB".into()],
        workers: vec![Worker {
            name: "Sam Carter".into(),
            is_applicant: true,
            paid: true,
            weekly_minutes: 1800,
            delivers_personal_care: false,
            dbs: Some(Dbs {
                certificate_number: "001234567890".into(),
                level: "enhanced_adults_barred".into(),
                workforce: "adult".into(),
                issue_date: day(365, 0),
                information_disclosed: false,
                update_service: None,
            }),
        }],
        tasks: vec![task("shopping"), task("cleaning the house"), task("gardening")],
        insurance: Insurance {
            public_liability: Some(Policy {
                insurer: "Mendip Mutual".into(),
                insured_name: "Sam Carter".into(),
                limit_pence: 500_000_000,
                start_date: day(30, 0),
                expiry_date: day(30, 364),
                document_type: Some("certificate".into()),
                ..Policy::default()
            }),
            professional_indemnity: Some(Policy {
                insurer: "Mendip Mutual".into(),
                insured_name: "Sam Carter".into(),
                limit_pence: 100_000_000,
                start_date: day(30, 0),
                expiry_date: day(30, 364),
                document_type: Some("certificate".into()),
                ..Policy::default()
            }),
            ..Insurance::default()
        },
        evidence: vec![
            document(EvidenceKind::DbsChecks, "dbs-certificate.pdf"),
            document(EvidenceKind::PublicLiabilityInsurance, "public-liability-certificate.pdf"),
            document(EvidenceKind::TermsOfService, "terms-of-service.pdf"),
            document(EvidenceKind::SupportPlan, "support-plan.pdf"),
            document(EvidenceKind::ComplaintsPolicy, "complaints-policy.pdf"),
            document(EvidenceKind::SafeguardingPolicy, "safeguarding-policy.pdf"),
            document(EvidenceKind::PriceList, "price-list.pdf"),
            document(EvidenceKind::RiskAndSafety, "risk-and-safety.pdf"),
        ],
        commitments: COMMITMENTS.iter().map(|c| c.attest()).collect(),
    }
}

/// The example as pretty-printed JSON (what `--example` prints).
pub(super) fn example_json(today: NaiveDate) -> String {
    serde_json::to_string_pretty(&example(today)).expect("applications serialize")
}
