//! The DBS rules, worker by worker (DI-01 to DI-20).

use chrono::{Months, NaiveDate};

use super::input::Worker;
use crate::date;
use crate::finding::Finding;
use crate::outcome::Outcome;
use crate::profile::Profile;
use crate::registry::{
    DI_01, DI_03, DI_05, DI_06, DI_07, DI_08, DI_09, DI_13, DI_15, DI_16, DI_17, DI_18, DI_19, DI_20,
};
use crate::report::{Renewal, WorkerReport};
use crate::task_scope::{Category, Records, Task, classify};

/// The last day a certificate issued on `issue` is acceptable under a limit of `years`.
pub fn valid_until(issue: NaiveDate, years: u32) -> Option<NaiveDate> {
    issue.checked_add_months(Months::new(years * 12))
}

pub(super) fn days(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}

/// Whether the worker's work is regulated activity with adults (DI-03): personal care, health
/// care, money or shopping, or conveying, as the task scope checker classes their tasks.
fn regulated(w: &Worker, profile: &Profile, today: NaiveDate) -> Option<bool> {
    if w.tasks.is_empty() {
        return w.regulated_activity;
    }
    let records = Records::default();
    let any = w.tasks.iter().any(|t| {
        let v = classify(&Task { description: t.clone(), delegation: None }, profile, &records, today);
        !v.negated
            && (matches!(
                v.category,
                Category::PersonalCare | Category::DelegatedHealthcare | Category::ExcludedClinical
            ) || v.concepts.iter().any(|c| matches!(c.as_str(), "money-shopping" | "pin-cards" | "escort")))
    });
    Some(any || w.regulated_activity == Some(true))
}

pub(super) fn check_worker(
    i: usize,
    w: &Worker,
    profile: &Profile,
    today: NaiveDate,
    renewals: &mut Vec<Renewal>,
) -> WorkerReport {
    let settings = &profile.dbs_insurance;
    let mut f = Vec::new();
    let at = |field: &str| format!("workers[{i}].dbs.{field}");
    let name = w.name.trim().to_owned();
    let mut valid_until_out = None;
    let Some(d) = &w.dbs else {
        let kind = w.kind.as_deref().unwrap_or("worker");
        f.push(Finding::new(&DI_19, Outcome::Fail, format!("{name} has no DBS check. Every {kind} needs one before working with clients: staff, volunteers, temporary, agency and bank staff, students and trainees alike.")).at(format!("workers[{i}].dbs")));
        return WorkerReport { name, outcome: Outcome::Fail, dbs_valid_until: None, days_left: None, findings: f };
    };
    // DI-06 / DI-07: the certificate number.
    let number: String = d.certificate_number.chars().filter(|c| !c.is_whitespace()).collect();
    let (o, m) = if number.chars().next().is_some_and(|c| c.is_alphabetic()) {
        (
            Outcome::Fail,
            format!(
                "\"{}\" starts with a letter: it looks like an application form reference, not a certificate number. The certificate number is the 12 digits printed on the certificate.",
                d.certificate_number.trim()
            ),
        )
    } else if number.len() == 12 && number.chars().all(|c| c.is_ascii_digit()) {
        (Outcome::Pass, "The certificate number has 12 digits.".to_owned())
    } else if number.chars().all(|c| c.is_ascii_digit()) {
        (Outcome::Fail, format!("The certificate number has {} digits; it should have exactly 12.", number.len()))
    } else {
        (Outcome::Fail, "The certificate number must be 12 digits (spaces are ignored).".to_owned())
    };
    let rule =
        if o == Outcome::Fail && number.chars().next().is_some_and(|c| c.is_alphabetic()) { &DI_07 } else { &DI_06 };
    f.push(Finding::new(rule, o, m).at(at("certificate_number")));
    // DI-01: enhanced.
    let enhanced = d.level.starts_with("enhanced");
    f.push(
        Finding::new(
            &DI_01,
            if enhanced { Outcome::Pass } else { Outcome::Fail },
            if enhanced {
                "The check is enhanced.".into()
            } else {
                format!("A {} check is not enough: care and support roles need an enhanced DBS check.", d.level)
            },
        )
        .at(at("level")),
    );
    // DI-03: adults' barred list for regulated activity.
    let adults_barred = matches!(d.level.as_str(), "enhanced_adults_barred" | "enhanced_both_barred");
    let (o, m) = match (regulated(w, profile, today), adults_barred) {
        (_, true) => (Outcome::Pass, "The check includes the adults' barred list.".to_owned()),
        (Some(true), false) => (Outcome::Fail, "This worker's tasks are regulated activity with adults (personal care, health care, help with money or shopping, or transport): the check must include the adults' barred list.".to_owned()),
        (Some(false), false) => (Outcome::Warn, "The check does not include the adults' barred list; it is needed as soon as the work includes personal care, health care, money or transport.".to_owned()),
        (None, false) => (Outcome::Warn, "The check does not include the adults' barred list. List the worker's tasks to know whether their work is regulated activity, which needs it.".to_owned()),
    };
    f.push(Finding::new(&DI_03, o, m).at(at("level")));
    // DI-05: workforce.
    let adult_workforce = matches!(d.workforce.as_str(), "adult" | "child_and_adult");
    f.push(
        Finding::new(
            &DI_05,
            if adult_workforce { Outcome::Pass } else { Outcome::Fail },
            if adult_workforce {
                "The workforce on the certificate covers work with adults.".into()
            } else {
                format!(
                    "The certificate's workforce is \"{}\": work with adults needs \"adult\" or \"child and adult\".",
                    d.workforce.replace('_', " ")
                )
            },
        )
        .at(at("workforce")),
    );
    // DI-08 / DI-09: issue date and age.
    let issue = date::parse_iso(d.issue_date.trim());
    let status = d.update_service.clone().unwrap_or_default();
    let checked_on = status.status_check_date.as_deref().and_then(|v| date::parse_iso(v.trim()));
    let current_check = status.status_result.as_deref() == Some("current")
        && checked_on.is_some_and(|c| c <= today && valid_until(c, 1).is_some_and(|u| u >= today));
    match issue {
        None => f.push(
            Finding::new(&DI_08, Outcome::Fail, "Enter the date of issue as it is printed on the certificate.")
                .at(at("issue_date")),
        ),
        Some(day) if day > today => f.push(
            Finding::new(
                &DI_08,
                Outcome::Fail,
                format!("The date of issue, {}, is in the future.", date::format_long(day)),
            )
            .at(at("issue_date")),
        ),
        Some(day) => {
            let years = settings.dbs_max_age_years;
            let until = valid_until(day, years).unwrap_or(day);
            let left = days(today, until);
            valid_until_out = Some((until, left));
            // The limit is the profile's: the finding says which, and how many years.
            let source = format!("{}; profile {}: {years} years", DI_09.source(), profile.id);
            let (o, m) = if left < 0 && settings.status_check_extends && current_check {
                (
                    Outcome::Pass,
                    format!(
                        "Issued {}, more than {years} years ago, but an Update Service status check on {} says it is current, which this profile accepts.",
                        date::format_long(day),
                        date::format_long(checked_on.expect("checked"))
                    ),
                )
            } else if left < 0 {
                (
                    Outcome::Fail,
                    format!(
                        "Issued {}: more than {years} years old. It stopped being acceptable after {}; a new check is needed.",
                        date::format_long(day),
                        date::format_long(until)
                    ),
                )
            } else if left <= i64::from(settings.dbs_warn_days) {
                (
                    Outcome::Warn,
                    format!(
                        "Issued {}: it reaches {years} years on {} ({left} days from today). Start a new check now.",
                        date::format_long(day),
                        date::format_long(until)
                    ),
                )
            } else {
                (
                    Outcome::Pass,
                    format!(
                        "Issued {}: acceptable until {} ({left} days from today).",
                        date::format_long(day),
                        date::format_long(until)
                    ),
                )
            };
            f.push(Finding::new(&DI_09, o, m).citing(source).at(at("issue_date")));
            renewals.push(Renewal {
                what: format!("DBS check: {name}"),
                until: date::format_iso(until),
                days_left: left,
            });
            // DI-20: checked before starting.
            if let Some(start) = w.start_date.as_deref().and_then(|v| date::parse_iso(v.trim()))
                && start < day
            {
                f.push(Finding::new(&DI_20, Outcome::Fail, format!("{name} started on {}, before the certificate was issued on {}: a suitable DBS check must be in place before starting.", date::format_long(start), date::format_long(day))).at(format!("workers[{i}].start_date")));
            }
        }
    }
    // DI-13, DI-15, DI-16, DI-17: the Update Service.
    if let Some(u) = &d.update_service {
        if d.level == "basic" {
            f.push(
                Finding::new(
                    &DI_13,
                    Outcome::Fail,
                    "The Update Service does not cover basic certificates: a status check cannot be made.",
                )
                .at(at("update_service")),
            );
        }
        match u.status_result.as_deref() {
            Some("current") => f.push(Finding::new(&DI_15, Outcome::Pass, "The latest status check says the certificate remains current.").at(at("update_service.status_result"))),
            Some("changed") => f.push(Finding::new(&DI_15, Outcome::Fail, "The status check says new information has come to light: a new DBS check is needed and the new certificate must be seen.").at(at("update_service.status_result"))),
            Some("details_mismatch") => f.push(Finding::new(&DI_15, Outcome::Warn, "The status check says the details do not match: check the certificate number, surname and date of birth exactly as printed and check again.").at(at("update_service.status_result"))),
            Some("no_subscription") => f.push(Finding::new(&DI_15, Outcome::Warn, "The status check found no active subscription: the certificate's own age limit applies.").at(at("update_service.status_result"))),
            _ => {}
        }
        if let Some(exp) = u.subscription_expiry.as_deref().and_then(|v| date::parse_iso(v.trim())) {
            let left = days(today, exp);
            let (o, m) = if left < 0 {
                (Outcome::Warn, format!("The Update Service subscription ended on {}.", date::format_long(exp)))
            } else if left <= 30 {
                (
                    Outcome::Warn,
                    format!(
                        "The Update Service subscription ends on {} ({left} days): renew it (£16 a year, free for volunteers).",
                        date::format_long(exp)
                    ),
                )
            } else {
                (Outcome::Pass, format!("The Update Service subscription runs until {}.", date::format_long(exp)))
            };
            f.push(Finding::new(&DI_16, o, m).at(at("update_service.subscription_expiry")));
            renewals.push(Renewal {
                what: format!("Update Service: {name}"),
                until: date::format_iso(exp),
                days_left: left,
            });
        }
        if let Some(c) = checked_on
            && valid_until(c, 1).is_some_and(|u| u < today)
        {
            f.push(
                Finding::new(
                    &DI_17,
                    Outcome::Warn,
                    format!("The last status check was on {}, more than 12 months ago.", date::format_long(c)),
                )
                .at(at("update_service.status_check_date")),
            );
        }
    }
    // DI-18: disclosures go to a person.
    if d.information_disclosed {
        f.push(Finding::new(&DI_18, Outcome::Warn, "The certificate discloses information: a DBS check has no pass or fail, so a manager must make a recorded suitability decision.").at(at("information_disclosed")));
    }
    let outcome = Outcome::worst(f.iter().map(|x| x.outcome));
    WorkerReport {
        name,
        outcome,
        dbs_valid_until: valid_until_out.map(|(u, _)| date::format_iso(u)),
        days_left: valid_until_out.map(|(_, l)| l),
        findings: f,
    }
}
