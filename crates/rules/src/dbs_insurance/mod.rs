//! The DBS and insurance validator: every worker's DBS certificate and the enterprise's
//! insurance, checked against a council's profile as of `today`.
//!
//! Sources: `000_0306a16ec1856581.txt` §5 b1–b2 ("enhanced DBS … no more than 3 years old";
//! "current public liability and other insurance"); `004_08a37aa4ee6b72b0.txt` §6.5;
//! `003_511e571f1df8e389.txt` EoE Standard 11; rules catalogue section 2 (DI-01 to DI-48),
//! registered in `registry::dbs_insurance`.
//!
//! `input` holds what is checked and its shape check, `dbs` the certificate rules, `insurance`
//! the policy rules; the thresholds are the profile's (`profile::DbsInsuranceSettings`).
//!
//! Anniversaries: a limit of N years ends on the same day N years after the issue date; a
//! certificate issued on 29 February reaches it on 28 February in a year that is not a leap year
//! (chrono's month arithmetic clamps to the month's last day), the earlier of the two possible days.

mod dbs;
mod input;
mod insurance;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use crate::money::{parse_pounds, pounds};
pub use crate::profile::{DbsInsuranceSettings as Settings, EL_STATUTORY_MIN_PENCE};
pub use crate::report::{InsuranceReport, Renewal, WorkerReport};
pub use dbs::valid_until;
pub use input::{
    Applicant, DOCUMENT_TYPES, Dbs, Insurance, LEVELS, Policy, STATUS_RESULTS, Submission, UpdateService, WORKER_KINDS,
    WORKFORCES, Worker,
};

use crate::entry::{Form, Standalone};
use crate::form::{CheckError, FieldDefinition, FieldKind, FormDefinition};
use crate::outcome::Outcome;
use crate::profile::Profile;
use crate::report::Report;

/// The definition the widget signs and the server re-checks.
pub static DEFINITION: FormDefinition = FormDefinition {
    id: ID,
    version: "1",
    title: "DBS and insurance check",
    fields: &[
        FieldDefinition {
            name: "profile",
            label: "Policy profile",
            kind: FieldKind::Choice { options: &crate::profile::BUILT_IN },
            required: true,
            missing: "Select a policy profile",
        },
        FieldDefinition {
            name: "submission",
            label: "Workers and insurance",
            kind: FieldKind::Structured {
                schema: "careform dbs-insurance input, version 1 (README: careform check dbs-insurance)",
            },
            required: true,
            missing: "Enter the workers and insurance",
        },
    ],
    refuse_on_fail: false,
};

/// The form's check: the server re-runs the rules under the named profile.
pub(crate) fn check(
    data: &serde_json::Map<String, serde_json::Value>,
    today: NaiveDate,
) -> Result<Report<Parts>, CheckError> {
    let profile = crate::entry::data_profile(data)?;
    check_submission(&crate::entry::data_field(data, "submission")?, &profile, today)
}

/// The form's entry.
pub static FORM: Form = Form {
    definition: &DEFINITION,
    check: |data, _, today| check(data, today).map(Report::erase),
    standalone: Some(Standalone { default_profile: DEFAULT_PROFILE, check: check_input, example: None }),
    #[cfg(feature = "schema")]
    schemas: || crate::entry::Schemas {
        fields: vec![("submission", crate::entry::schema_of::<Submission>())],
        report: crate::entry::schema_of::<Report<Parts>>(),
    },
};

/// `careform check dbs-insurance`: workers and insurance on standard input.
fn check_input(input: &[u8], profile: &Profile, today: NaiveDate) -> Result<String, String> {
    crate::entry::parse_and_check(input, "dbs-insurance submission", |s: &Submission| {
        check_submission(s, profile, today)
    })
}

/// The form's id.
pub const ID: &str = "dbs-insurance";
/// The profile `careform check dbs-insurance` and `<careform-dbs-insurance>` both use when none is named.
pub const DEFAULT_PROFILE: &str = "somerset-micro-provider";
/// Most workers one submission may list.
pub const MAX_WORKERS: usize = 50;

/// What the DBS and insurance validator adds to its report.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Parts {
    /// Each worker's DBS verdict, in the submission's order.
    pub workers: Vec<WorkerReport>,
    /// The insurance verdict.
    pub insurance: InsuranceReport,
    /// What to renew and when, soonest first.
    pub renewals: Vec<Renewal>,
}

/// Checks a submission under `profile`, as of `today`.
pub fn check_submission(s: &Submission, profile: &Profile, today: NaiveDate) -> Result<Report<Parts>, CheckError> {
    let found = input::problems(s);
    if !found.is_empty() {
        return Err(CheckError::Invalid(found));
    }
    let settings = &profile.dbs_insurance;
    let mut renewals = Vec::new();
    let workers: Vec<WorkerReport> =
        s.workers.iter().enumerate().map(|(i, w)| dbs::check_worker(i, w, profile, today, &mut renewals)).collect();
    let insurance = insurance::check_insurance(s, settings, today, &mut renewals);
    renewals.sort_by_key(|r| r.days_left);
    let mut report: Report<Parts> = Report::new(ID, Vec::new());
    report.outcome = Outcome::overall(workers.iter().map(|w| w.outcome).chain([insurance.outcome]));
    report.profile = Some(profile.id.clone());
    report.parts = Parts { workers, insurance, renewals };
    Ok(report)
}
