//! What an application holds, with its closed lists of values, and the problems that stop a
//! check (field by field). Unknown members and values are refused by serde
//! (`deny_unknown_fields`, the enums); sizes are whole numbers (no floats in signed payloads).

use serde::{Deserialize, Serialize};

use super::{MAX_COMMITMENTS, MAX_EVIDENCE, MAX_FILE_BYTES, MAX_POSTCODES};
use crate::dbs_insurance::{Dbs, Insurance, MAX_WORKERS};
use crate::task_scope::{MAX_DESCRIPTION, MAX_TASKS, Task};

/// The input of `careform check provider-application`: the signed payload's `data` members (less
/// `profile`), with the commitments the submission attests.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Application {
    /// Who applies.
    pub applicant: Applicant,
    /// Where the services are delivered: postcodes, postcode sectors (`TA1 2`) or districts (`TA1`).
    pub service_area_postcodes: Vec<String>,
    /// Everyone who works in the enterprise, paid or not, the applicant included.
    pub workers: Vec<Worker>,
    /// What the enterprise offers, as care-plan tasks (classified by the task scope checker).
    pub tasks: Vec<Task>,
    /// The policies, exactly as the DBS and insurance validator reads them.
    pub insurance: Insurance,
    /// The documents uploaded, one entry per file.
    pub evidence: Vec<Evidence>,
    /// The commitments attested (the signed submission's `attestations`).
    pub commitments: Vec<CommitmentRef>,
}

/// The applicant.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Applicant {
    /// The legal name (person or organisation).
    pub legal_name: String,
    /// Where the applicant lives: a full postcode.
    pub home_postcode: String,
    /// The enterprise's legal form.
    pub legal_form: LegalForm,
    /// The enterprise is a franchise (MP-03).
    pub franchise: bool,
    /// A larger organisation the enterprise belongs to, if any (MP-03).
    pub parent_organisation: Option<String>,
    /// The applicant has been subject to disciplinary or other action because of poor practice
    /// in a care or related role (MP-27).
    pub prior_action: bool,
    /// The CQC provider id, when the enterprise is registered.
    pub cqc_provider_id: Option<String>,
    /// Trading now, or planning to (MP-06).
    pub trading_status: TradingStatus,
}

/// One worker.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Worker {
    /// Their name.
    pub name: String,
    /// This worker is the applicant (exactly one is).
    pub is_applicant: bool,
    /// Paid (false: a volunteer).
    pub paid: bool,
    /// Usual minutes a week (37.5 hours = 2250).
    pub weekly_minutes: u32,
    /// They deliver personal care.
    pub delivers_personal_care: bool,
    /// Their DBS certificate, as the DBS and insurance validator reads it (`null`: none).
    pub dbs: Option<Dbs>,
}

/// One uploaded document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// What it is evidence of.
    pub kind: EvidenceKind,
    /// The file's name as uploaded.
    pub name: String,
    /// Its type, as sniffed from its bytes.
    pub media_type: MediaType,
    /// Its size in bytes.
    pub bytes: u64,
    /// Its SHA-256, 64 lowercase hexadecimal digits (what `sha256sum` prints).
    pub sha256: String,
}

/// A commitment attested: which, which version, and the SHA-256 of the exact text shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CommitmentRef {
    /// The commitment's id (`mp-07-needs`).
    pub id: String,
    /// Its version.
    pub version: String,
    /// SHA-256 of its exact text, base64url without padding.
    pub text_sha256: String,
}

/// Declares a closed list of values: a snake_case serde enum with its values listed for forms.
macro_rules! choices {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        pub enum $name {
            #[default]
            $($(#[$vdoc])* #[doc = concat!("`", $text, "`")] #[serde(rename = $text)] $variant),+
        }
        impl $name {
            /// Every value, in order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The value as JSON spells it.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }
    };
}

choices!(
    /// The enterprise's legal form.
    LegalForm {
        SoleTrader = "sole_trader", Partnership = "partnership", LimitedCompany = "limited_company", Cic = "cic",
        Charity = "charity", UnincorporatedGroup = "unincorporated_group",
    }
);

choices!(
    /// Trading now, or planning to.
    TradingStatus { Trading = "trading", PreStart = "pre_start" }
);

choices!(
    /// What a document is evidence of: the six of S001 §6 (MP-28), the price list (MP-12) and the
    /// risk and safety guidelines (MP-21).
    EvidenceKind {
        DbsChecks = "dbs_checks", PublicLiabilityInsurance = "public_liability_insurance",
        TermsOfService = "terms_of_service", SupportPlan = "support_plan", ComplaintsPolicy = "complaints_policy",
        SafeguardingPolicy = "safeguarding_policy", PriceList = "price_list", RiskAndSafety = "risk_and_safety",
    }
);

choices!(
    /// The file types accepted (sniffed from the bytes by the server).
    MediaType {
        Pdf = "application/pdf", Jpeg = "image/jpeg", Png = "image/png",
        Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        Odt = "application/vnd.oasis.opendocument.text",
    }
);

impl EvidenceKind {
    /// What the kind is, in words for findings.
    pub fn label(self) -> &'static str {
        match self {
            EvidenceKind::DbsChecks => "DBS checks",
            EvidenceKind::PublicLiabilityInsurance => "public liability insurance",
            EvidenceKind::TermsOfService => "terms of service",
            EvidenceKind::SupportPlan => "support plan",
            EvidenceKind::ComplaintsPolicy => "complaints policy",
            EvidenceKind::SafeguardingPolicy => "safeguarding policy",
            EvidenceKind::PriceList => "price list",
            EvidenceKind::RiskAndSafety => "risk and safety guidelines",
        }
    }
}

/// Field problems that stop the check, named by path from the application.
pub(super) fn problems(a: &Application) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let long = |v: &str, max: usize| v.chars().count() > max;
    let ap = &a.applicant;
    if ap.legal_name.trim().is_empty() {
        out.push(("applicant.legal_name".into(), "Enter your legal name".into()));
    }
    for (f, v) in [
        ("legal_name", Some(&ap.legal_name)),
        ("home_postcode", Some(&ap.home_postcode)),
        ("parent_organisation", ap.parent_organisation.as_ref()),
        ("cqc_provider_id", ap.cqc_provider_id.as_ref()),
    ] {
        if v.is_some_and(|v| long(v, 300)) {
            out.push((format!("applicant.{f}"), "must be 300 characters or fewer".into()));
        }
    }
    if a.service_area_postcodes.len() > MAX_POSTCODES || a.service_area_postcodes.iter().any(|p| long(p, 20)) {
        out.push(("service_area_postcodes".into(), format!("at most {MAX_POSTCODES} postcodes of 20 characters")));
    }
    if a.workers.is_empty() || a.workers.len() > MAX_WORKERS {
        out.push(("workers".into(), format!("Add between 1 and {MAX_WORKERS} workers (you count)")));
    }
    if a.workers.iter().filter(|w| w.is_applicant).count() != 1 {
        out.push(("workers".into(), "Exactly one worker is you, the applicant (is_applicant: true)".into()));
    }
    for (i, w) in a.workers.iter().enumerate() {
        if w.name.trim().is_empty() || long(&w.name, 300) {
            out.push((format!("workers[{i}].name"), "Enter the worker's name (300 characters or fewer)".into()));
        }
        // A week has 10080 minutes.
        if w.weekly_minutes > 7 * 24 * 60 {
            out.push((format!("workers[{i}].weekly_minutes"), "must be at most 10080 (a whole week)".into()));
        }
    }
    if a.tasks.len() > MAX_TASKS || a.tasks.iter().any(|t| long(&t.description, MAX_DESCRIPTION)) {
        out.push(("tasks".into(), format!("at most {MAX_TASKS} tasks of {MAX_DESCRIPTION} characters")));
    }
    if a.evidence.len() > MAX_EVIDENCE {
        out.push(("evidence".into(), format!("at most {MAX_EVIDENCE} files")));
    }
    for (i, e) in a.evidence.iter().enumerate() {
        let at = |f: &str| format!("evidence[{i}].{f}");
        if e.name.trim().is_empty() || long(&e.name, 255) {
            out.push((at("name"), "must be a file name of 1 to 255 characters".into()));
        }
        if e.bytes == 0 || e.bytes > MAX_FILE_BYTES {
            out.push((at("bytes"), format!("must be between 1 and {MAX_FILE_BYTES} (10 MiB)")));
        }
        if e.sha256.len() != 64 || !e.sha256.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
            out.push((at("sha256"), "must be 64 lowercase hexadecimal digits (as sha256sum prints)".into()));
        }
    }
    if a.commitments.len() > MAX_COMMITMENTS
        || a.commitments.iter().any(|c| long(&c.id, 100) || long(&c.version, 20) || long(&c.text_sha256, 100))
    {
        out.push(("commitments".into(), format!("at most {MAX_COMMITMENTS} commitments of short ids and hashes")));
    }
    out
}
