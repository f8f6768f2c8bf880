//! Workers' DBS checks and the insurance: the application's own workers and policies go through
//! the DBS and insurance validator (`dbs_insurance::check_submission`, rules DI-…), whose findings
//! are shown as they are; MP-16, MP-17, MP-19 and MP-20 give the application's verdict on them.

use chrono::NaiveDate;

use super::input::Application;
use crate::dbs_insurance::{Applicant, Submission, Worker as DbsWorker, check_submission};
use crate::finding::Finding;
use crate::form::CheckError;
use crate::outcome::Outcome;
use crate::profile::Profile;
use crate::registry::{MP_16, MP_17, MP_19, MP_20};
use crate::report::{Category, Renewal, TaskVerdict, WorkerReport};

/// The workers and insurance sections, and the validator's own parts.
pub(super) struct Safety {
    pub(super) workers: Vec<Finding>,
    pub(super) insurance: Vec<Finding>,
    pub(super) reports: Vec<WorkerReport>,
    pub(super) renewals: Vec<Renewal>,
}

/// The application as the DBS and insurance validator reads it. Each worker's tasks are the
/// enterprise's, less personal care for a worker who does not deliver it, so the validator
/// decides the barred list (regulated activity) from the work each one does. Employees are the
/// paid workers other than the applicant: from the first, employers' liability is required.
pub(super) fn submission(a: &Application, tasks: &[TaskVerdict]) -> Submission {
    let personal_care = super::boundary::offers_personal_care(a, tasks);
    let workers = a
        .workers
        .iter()
        .map(|w| DbsWorker {
            name: w.name.clone(),
            kind: Some(
                if w.is_applicant {
                    "owner"
                } else if w.paid {
                    "employee"
                } else {
                    "volunteer"
                }
                .to_owned(),
            ),
            tasks: tasks
                .iter()
                .filter(|t| !t.negated && (w.delivers_personal_care || t.category != Category::PersonalCare))
                .map(|t| t.description.clone())
                .collect(),
            dbs: w.dbs.clone(),
            ..DbsWorker::default()
        })
        .collect();
    Submission {
        applicant: Applicant { legal_name: a.applicant.legal_name.clone(), trading_name: None },
        employee_count: a.workers.iter().filter(|w| w.paid && !w.is_applicant).count() as u32,
        family_employee_count: 0,
        transports_clients: false,
        services: if personal_care { vec!["personal care".into()] } else { Vec::new() },
        workers,
        insurance: a.insurance.clone(),
    }
}

/// A verdict on the validator's verdict: pass, warn or fail as it came out.
fn verdict(outcome: Outcome) -> Outcome {
    if outcome == Outcome::Info { Outcome::Pass } else { outcome }
}

/// The workers and insurance sections.
pub(super) fn check(
    a: &Application,
    tasks: &[TaskVerdict],
    profile: &Profile,
    today: NaiveDate,
) -> Result<Safety, CheckError> {
    let report = check_submission(&submission(a, tasks), profile, today)?;
    let parts = report.parts;
    let mut workers = Vec::new();
    for (i, (w, r)) in a.workers.iter().zip(&parts.workers).enumerate() {
        workers.extend(r.findings.iter().cloned());
        let o = verdict(r.outcome);
        let name = w.name.trim();
        let message = match (w.is_applicant, o) {
            (true, Outcome::Pass) => "Your DBS check meets the DBS rules.".to_owned(),
            (true, Outcome::Warn) => "Your DBS check meets the DBS rules, with something to act on (above).".to_owned(),
            (true, _) => "Your DBS check does not meet the DBS rules (above).".to_owned(),
            (false, Outcome::Pass) => format!("{name}'s DBS check meets the DBS rules."),
            (false, Outcome::Warn) => {
                format!("{name}'s DBS check meets the DBS rules, with something to act on (above).")
            }
            (false, _) => format!("{name}'s DBS check does not meet the DBS rules (above)."),
        };
        let rule = if w.is_applicant { &MP_16 } else { &MP_17 };
        workers.push(Finding::new(rule, o, message).at(format!("workers[{i}].dbs")));
    }
    let found = &parts.insurance.findings;
    let public = |f: &&Finding| f.field.as_deref().is_some_and(|p| p.starts_with("insurance.public_liability"));
    let pl = verdict(Outcome::worst(found.iter().filter(public).map(|f| f.outcome)));
    let other = verdict(Outcome::worst(found.iter().filter(|f| !public(f)).map(|f| f.outcome)));
    let mut insurance = found.clone();
    insurance.push(
        Finding::new(
            &MP_19,
            pl,
            match pl {
                Outcome::Fail => "Your public liability insurance does not meet the insurance rules (above).",
                Outcome::Warn => {
                    "Your public liability insurance meets the insurance rules, with something to act on (above)."
                }
                _ => "Your public liability insurance is current and meets the insurance rules.",
            },
        )
        .at("insurance.public_liability"),
    );
    let employees = a.workers.iter().filter(|w| w.paid && !w.is_applicant).count();
    let el = if employees > 0 {
        let whom = if employees == 1 { "another worker".to_owned() } else { format!("{employees} other workers") };
        format!("You pay {whom}, so employers' liability insurance is required. ")
    } else {
        String::new()
    };
    insurance.push(
        Finding::new(
            &MP_20,
            other,
            match other {
                Outcome::Fail => format!(
                    "{el}Your other insurance does not cover the service as the insurance rules require (above)."
                ),
                Outcome::Warn => format!("{el}Your other insurance has gaps to act on (above)."),
                _ => format!("{el}Your other insurance covers the service."),
            },
        )
        .at("insurance"),
    );
    Ok(Safety { workers, insurance, reports: parts.workers, renewals: parts.renewals })
}
