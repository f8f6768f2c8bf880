//! The micro-provider application: a person who runs, or plans to run, a care micro-enterprise
//! applies to the Somerset Micro-Enterprise Programme and its "trusted provider" directory by
//! showing they meet the "Doing it right" standard.
//!
//! Sources: `000_0306a16ec1856581.txt` (the whole code), `001_fd57efb38e067e2e.txt` (§1 size and
//! independence, §5 personal care and the exemption, §6 evidence); rules catalogue section 1
//! (MP-01 to MP-59), registered in `registry::provider_application`; defaults from §8.1
//! decisions 2 to 4, in the profile's `provider_application` and `dbs_insurance` sections.
//!
//! The application reuses the other checkers on its own data, never a copy of their rules: each
//! task is classified by `task_scope::classify`, the workers' DBS checks and the policies go
//! through `dbs_insurance::check_submission`.
//!
//! `input` holds what is checked and its shape check, `area` the postcodes, `enterprise` the
//! about-you, enterprise, where and evidence sections, `boundary` the offer (the CQC boundary),
//! `safety` the workers' DBS checks and the insurance, `commitments` the attested statements.
//!
//! The report's sections, in the order the widget's task list shows them (ids are stable):
//! `about-you`, `enterprise`, `where`, `offer`, `workers`, `insurance`, `evidence`, `commitments`.

mod area;
mod boundary;
mod commitments;
mod enterprise;
mod example;
mod input;
mod safety;
mod texts;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

pub use crate::profile::ProviderApplicationSettings as Settings;
pub use area::{Place, Postcode, parse as parse_postcode, place};
pub use commitments::{COMMITMENTS, Commitment, DISCLAIMER, RIGHT_TO_REFUSE, VERSION as COMMITMENT_VERSION};
pub use example::example;
pub use input::{
    Applicant, Application, CommitmentRef, Evidence, EvidenceKind, LegalForm, MAX_DESCRIPTION, MAX_TASKS, MediaType,
    TradingStatus, Worker,
};

use crate::entry::{Form, Standalone};
use crate::finding::Finding;
use crate::form::{AttestationRef, CheckError, FieldDefinition, FieldKind, FormDefinition};
use crate::outcome::Outcome;
use crate::profile::Profile;
use crate::report::{Renewal, Report, TaskVerdict, WorkerReport};

/// The form's id.
pub const ID: &str = "provider-application";
/// The profile `careform check provider-application` and the widget use when none is named.
pub const DEFAULT_PROFILE: &str = "somerset-micro-provider";
/// Most service area postcodes one application may list.
pub const MAX_POSTCODES: usize = 100;
/// Most evidence files one application may list.
pub const MAX_EVIDENCE: usize = 40;
/// Most commitments one application may carry.
pub const MAX_COMMITMENTS: usize = 100;
/// Largest evidence file: 10 MiB (the server's upload limit).
pub const MAX_FILE_BYTES: u64 = crate::files::MAX_FILE_BYTES;
/// Largest total of an application's evidence files: 50 MiB (the server's limit per submission).
pub const MAX_APPLICATION_BYTES: u64 = crate::files::MAX_SUBMISSION_BYTES;

/// The report's section ids, in order.
pub const SECTIONS: [&str; 8] =
    ["about-you", "enterprise", "where", "offer", "workers", "insurance", "evidence", "commitments"];

const fn structured(name: &'static str, label: &'static str, missing: &'static str) -> FieldDefinition {
    FieldDefinition {
        name,
        label,
        kind: FieldKind::Structured {
            schema: "careform provider-application input, version 1 (README: careform check provider-application)",
        },
        required: true,
        missing,
    }
}

/// The definition the widget signs and the server re-checks. The commitments travel as the
/// submission's attestations, not as a field.
pub static DEFINITION: FormDefinition = FormDefinition {
    id: ID,
    version: "1",
    title: "Micro-provider application",
    fields: &[
        FieldDefinition {
            name: "profile",
            label: "Policy profile",
            kind: FieldKind::Choice { options: &crate::profile::BUILT_IN },
            required: true,
            missing: "Select a policy profile",
        },
        structured("applicant", "About you", "Tell us about you"),
        structured("service_area_postcodes", "Where you work", "Enter the postcodes where you work"),
        structured("workers", "Workers", "Add the people who work in your enterprise"),
        structured("tasks", "What you offer", "Add what you offer"),
        structured("insurance", "Insurance", "Enter your insurance"),
        structured("evidence", "Documents", "Upload your documents"),
    ],
    // A failing application is the officer's to see, with its verdict: it is stored, not refused.
    refuse_on_fail: false,
};

/// The form's entry.
pub static FORM: Form = Form {
    definition: &DEFINITION,
    check: |data, attestations, today| check(data, attestations, today).map(Report::erase),
    standalone: Some(Standalone {
        default_profile: DEFAULT_PROFILE,
        check: check_input,
        example: Some(example::example_json),
    }),
    #[cfg(feature = "schema")]
    schemas: || {
        use crate::entry::schema_of;
        crate::entry::Schemas {
            fields: vec![
                ("applicant", schema_of::<Applicant>()),
                ("service_area_postcodes", schema_of::<Vec<String>>()),
                ("workers", schema_of::<Vec<Worker>>()),
                ("tasks", schema_of::<Vec<crate::task_scope::Task>>()),
                ("insurance", schema_of::<crate::dbs_insurance::Insurance>()),
                ("evidence", schema_of::<Vec<Evidence>>()),
            ],
            report: schema_of::<Report<Parts>>(),
        }
    },
};

/// The server's re-check: the data's members and the submission's attestations as one
/// application, under the named built-in profile.
fn check(
    data: &Map<String, Value>,
    attestations: &[AttestationRef],
    today: NaiveDate,
) -> Result<Report<Parts>, CheckError> {
    let profile = crate::entry::data_profile(data)?;
    let mut whole: Map<String, Value> =
        data.iter().filter(|(k, _)| *k != "profile").map(|(k, v)| (k.clone(), v.clone())).collect();
    let refs: Vec<CommitmentRef> = attestations
        .iter()
        .map(|a| CommitmentRef { id: a.id.clone(), version: a.version.clone(), text_sha256: a.text_sha256.clone() })
        .collect();
    whole.insert("commitments".into(), serde_json::to_value(refs).expect("commitments serialize"));
    let application: Application = crate::entry::from_value(&Value::Object(whole))
        .map_err(|(path, why)| CheckError::Invalid(vec![(if path == "." { "data".into() } else { path }, why)]))?;
    check_application(&application, &profile, today)
}

/// The form's whole check (shape, then rules), as [`crate::check`] runs it for this form, for a
/// caller that knows it holds an application: the widget calls this rather than the dispatcher,
/// so its wasm module carries only the forms it uses.
pub fn check_data(
    data: &Map<String, Value>,
    attestations: &[AttestationRef],
    today: NaiveDate,
) -> Result<Report<Parts>, CheckError> {
    let problems = crate::form::shape_problems(&DEFINITION, data);
    if !problems.is_empty() {
        return Err(CheckError::Invalid(problems));
    }
    check(data, attestations, today)
}

/// `careform check provider-application`: an application on standard input.
fn check_input(input: &[u8], profile: &Profile, today: NaiveDate) -> Result<String, String> {
    crate::entry::parse_and_check(input, "provider application", |a: &Application| check_application(a, profile, today))
}

/// What the application adds to its report.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Parts {
    /// Each section's verdict, in [`SECTIONS`] order (the report's `findings` are theirs, in order).
    pub sections: Vec<Section>,
    /// Each task's classification by the task scope checker, in the application's order.
    pub tasks: Vec<TaskVerdict>,
    /// Each worker's DBS verdict by the DBS and insurance validator, in the application's order.
    pub workers: Vec<WorkerReport>,
    /// What to renew and when, soonest first.
    pub renewals: Vec<Renewal>,
}

/// One section's verdict.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Section {
    /// The section's id (one of [`SECTIONS`]).
    pub id: String,
    /// The worst of its findings (notes alone pass).
    pub outcome: Outcome,
    /// Its findings, `field` a path from the application (`workers[0].dbs.issue_date`).
    pub findings: Vec<Finding>,
}

/// Checks an application under `profile`, as of `today`.
pub fn check_application(a: &Application, profile: &Profile, today: NaiveDate) -> Result<Report<Parts>, CheckError> {
    let mut found = input::problems(a);
    let total: u64 = a.evidence.iter().map(|e| e.bytes).sum();
    if total > MAX_APPLICATION_BYTES {
        found.push((
            "evidence".into(),
            format!("the files come to {total} bytes; at most {MAX_APPLICATION_BYTES} (50 MiB)"),
        ));
    }
    if !found.is_empty() {
        return Err(CheckError::Invalid(found));
    }
    let settings = &profile.provider_application;
    let offer = boundary::offer(a, profile, today);
    let safety = safety::check(a, &offer.tasks, profile, today)?;
    let sections = [
        ("about-you", enterprise::about_you(a, settings)),
        ("enterprise", enterprise::enterprise(a, settings)),
        ("where", enterprise::where_(a, settings)),
        ("offer", offer.findings),
        ("workers", safety.workers),
        ("insurance", safety.insurance),
        ("evidence", enterprise::evidence(a)),
        ("commitments", commitments::findings(&a.commitments)),
    ];
    let sections: Vec<Section> = sections
        .into_iter()
        .map(|(id, findings)| Section {
            id: id.into(),
            outcome: Outcome::overall(findings.iter().map(|f| f.outcome)),
            findings,
        })
        .collect();
    let findings: Vec<Finding> = sections.iter().flat_map(|s| s.findings.iter().cloned()).collect();
    let mut report: Report<Parts> = Report::new(ID, findings);
    report.profile = Some(profile.id.clone());
    report.parts = Parts { sections, tasks: offer.tasks, workers: safety.reports, renewals: safety.renewals };
    Ok(report)
}
