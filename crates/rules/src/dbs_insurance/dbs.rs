//! The DBS rules, worker by worker (DI-01 to DI-20).

use chrono::{Months, NaiveDate};

use super::input::{Dbs, UpdateService, Worker};
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

/// One worker's verdict: a rule per function below, in the order a reader checks a certificate.
pub(super) fn check_worker(
    i: usize,
    w: &Worker,
    profile: &Profile,
    today: NaiveDate,
    renewals: &mut Vec<Renewal>,
) -> WorkerReport {
    let name = w.name.trim().to_owned();
    let Some(d) = &w.dbs else {
        let f = vec![no_check(w, &name).at(format!("workers[{i}].dbs"))];
        return WorkerReport { name, outcome: Outcome::Fail, dbs_valid_until: None, days_left: None, findings: f };
    };
    let at = |field: &str| format!("workers[{i}].dbs.{field}");
    let mut f = vec![
        certificate_number(d).at(at("certificate_number")),
        enhanced(d).at(at("level")),
        barred_list(d, regulated(w, profile, today)).at(at("level")),
        workforce(d).at(at("workforce")),
    ];
    let issue = date::parse_iso(d.issue_date.trim());
    let mut valid = None;
    match issue {
        Some(day) if day <= today => {
            let (finding, until, left) = age(d, day, profile, today);
            f.push(finding.at(at("issue_date")));
            valid = Some((until, left));
            renewals.push(Renewal {
                what: format!("DBS check: {name}"),
                until: date::format_iso(until),
                days_left: left,
            });
            if let Some(late) = started_before(w, &name, day) {
                f.push(late.at(format!("workers[{i}].start_date")));
            }
        }
        _ => f.push(issue_date(issue).at(at("issue_date"))),
    }
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
        if let Some(result) = status_result(u) {
            f.push(result.at(at("update_service.status_result")));
        }
        if let Some(exp) = u.subscription_expiry.as_deref().and_then(|v| date::parse_iso(v.trim())) {
            let left = days(today, exp);
            f.push(subscription(exp, left).at(at("update_service.subscription_expiry")));
            renewals.push(Renewal {
                what: format!("Update Service: {name}"),
                until: date::format_iso(exp),
                days_left: left,
            });
        }
        if let Some(stale) = status_check_age(u, today) {
            f.push(stale.at(at("update_service.status_check_date")));
        }
    }
    if d.information_disclosed {
        f.push(
            Finding::new(
                &DI_18,
                Outcome::Warn,
                "The certificate discloses information: a DBS check has no pass or fail, so a manager must make a recorded suitability decision.",
            )
            .at(at("information_disclosed")),
        );
    }
    WorkerReport {
        name,
        outcome: Outcome::worst(f.iter().map(|x| x.outcome)),
        dbs_valid_until: valid.map(|(u, _)| date::format_iso(u)),
        days_left: valid.map(|(_, l)| l),
        findings: f,
    }
}

/// DI-19: everyone who works with clients has a check.
fn no_check(w: &Worker, name: &str) -> Finding {
    let kind = w.kind.as_deref().unwrap_or("worker");
    Finding::new(
        &DI_19,
        Outcome::Fail,
        format!(
            "{name} has no DBS check. Every {kind} needs one before working with clients: staff, volunteers, temporary, agency and bank staff, students and trainees alike."
        ),
    )
}

/// DI-06, or DI-07 when it starts with a letter: the 12-digit certificate number.
fn certificate_number(d: &Dbs) -> Finding {
    let number: String = d.certificate_number.chars().filter(|c| !c.is_whitespace()).collect();
    if number.chars().next().is_some_and(|c| c.is_alphabetic()) {
        return Finding::new(
            &DI_07,
            Outcome::Fail,
            format!(
                "\"{}\" starts with a letter: it looks like an application form reference, not a certificate number. The certificate number is the 12 digits printed on the certificate.",
                d.certificate_number.trim()
            ),
        );
    }
    if number.len() == 12 && number.chars().all(|c| c.is_ascii_digit()) {
        Finding::new(&DI_06, Outcome::Pass, "The certificate number has 12 digits.")
    } else if number.chars().all(|c| c.is_ascii_digit()) {
        Finding::new(
            &DI_06,
            Outcome::Fail,
            format!("The certificate number has {} digits; it should have exactly 12.", number.len()),
        )
    } else {
        Finding::new(&DI_06, Outcome::Fail, "The certificate number must be 12 digits (spaces are ignored).")
    }
}

/// DI-01: an enhanced check.
fn enhanced(d: &Dbs) -> Finding {
    if d.level.starts_with("enhanced") {
        Finding::new(&DI_01, Outcome::Pass, "The check is enhanced.")
    } else {
        Finding::new(
            &DI_01,
            Outcome::Fail,
            format!("A {} check is not enough: care and support roles need an enhanced DBS check.", d.level),
        )
    }
}

/// DI-03: the adults' barred list, required for regulated activity (`None`: not known).
fn barred_list(d: &Dbs, regulated: Option<bool>) -> Finding {
    let adults_barred = matches!(d.level.as_str(), "enhanced_adults_barred" | "enhanced_both_barred");
    let (o, m) = match (regulated, adults_barred) {
        (_, true) => (Outcome::Pass, "The check includes the adults' barred list."),
        (Some(true), false) => (
            Outcome::Fail,
            "This worker's tasks are regulated activity with adults (personal care, health care, help with money or shopping, or transport): the check must include the adults' barred list.",
        ),
        (Some(false), false) => (
            Outcome::Warn,
            "The check does not include the adults' barred list; it is needed as soon as the work includes personal care, health care, money or transport.",
        ),
        (None, false) => (
            Outcome::Warn,
            "The check does not include the adults' barred list. List the worker's tasks to know whether their work is regulated activity, which needs it.",
        ),
    };
    Finding::new(&DI_03, o, m)
}

/// DI-05: a workforce that covers work with adults.
fn workforce(d: &Dbs) -> Finding {
    if matches!(d.workforce.as_str(), "adult" | "child_and_adult") {
        Finding::new(&DI_05, Outcome::Pass, "The workforce on the certificate covers work with adults.")
    } else {
        Finding::new(
            &DI_05,
            Outcome::Fail,
            format!(
                "The certificate's workforce is \"{}\": work with adults needs \"adult\" or \"child and adult\".",
                d.workforce.replace('_', " ")
            ),
        )
    }
}

/// DI-08: a date of issue that is missing, not a date, or in the future.
fn issue_date(issue: Option<NaiveDate>) -> Finding {
    match issue {
        Some(day) => Finding::new(
            &DI_08,
            Outcome::Fail,
            format!("The date of issue, {}, is in the future.", date::format_long(day)),
        ),
        None => Finding::new(&DI_08, Outcome::Fail, "Enter the date of issue as it is printed on the certificate."),
    }
}

/// DI-09: the certificate's age under the profile's limit; with the last acceptable day and the
/// days left until it.
fn age(d: &Dbs, day: NaiveDate, profile: &Profile, today: NaiveDate) -> (Finding, NaiveDate, i64) {
    let settings = &profile.dbs_insurance;
    let years = settings.dbs_max_age_years;
    let until = valid_until(day, years).unwrap_or(day);
    let left = days(today, until);
    let status = d.update_service.clone().unwrap_or_default();
    let checked_on = status.status_check_date.as_deref().and_then(|v| date::parse_iso(v.trim()));
    let current_check = status.status_result.as_deref() == Some("current")
        && checked_on.is_some_and(|c| c <= today && valid_until(c, 1).is_some_and(|u| u >= today));
    let (issued, until_long) = (date::format_long(day), date::format_long(until));
    let (o, m) = if left < 0 && settings.status_check_extends && current_check {
        (
            Outcome::Pass,
            format!(
                "Issued {issued}, more than {years} years ago, but an Update Service status check on {} says it is current, which this profile accepts.",
                date::format_long(checked_on.expect("checked"))
            ),
        )
    } else if left < 0 {
        (
            Outcome::Fail,
            format!(
                "Issued {issued}: more than {years} years old. It stopped being acceptable after {until_long}; a new check is needed."
            ),
        )
    } else if left <= i64::from(settings.dbs_warn_days) {
        (
            Outcome::Warn,
            format!(
                "Issued {issued}: it reaches {years} years on {until_long} ({left} days from today). Start a new check now."
            ),
        )
    } else {
        (Outcome::Pass, format!("Issued {issued}: acceptable until {until_long} ({left} days from today)."))
    };
    // The limit is the profile's: the finding says which, and how many years.
    let source = format!("{}; profile {}: {years} years", DI_09.source(), profile.id);
    (Finding::new(&DI_09, o, m).citing(source), until, left)
}

/// DI-20: the check was in place before the worker started.
fn started_before(w: &Worker, name: &str, issued: NaiveDate) -> Option<Finding> {
    let start = w.start_date.as_deref().and_then(|v| date::parse_iso(v.trim())).filter(|s| *s < issued)?;
    Some(Finding::new(
        &DI_20,
        Outcome::Fail,
        format!(
            "{name} started on {}, before the certificate was issued on {}: a suitable DBS check must be in place before starting.",
            date::format_long(start),
            date::format_long(issued)
        ),
    ))
}

/// DI-15: what the latest Update Service status check says.
fn status_result(u: &UpdateService) -> Option<Finding> {
    let (o, m) = match u.status_result.as_deref()? {
        "current" => (Outcome::Pass, "The latest status check says the certificate remains current."),
        "changed" => (
            Outcome::Fail,
            "The status check says new information has come to light: a new DBS check is needed and the new certificate must be seen.",
        ),
        "details_mismatch" => (
            Outcome::Warn,
            "The status check says the details do not match: check the certificate number, surname and date of birth exactly as printed and check again.",
        ),
        "no_subscription" => {
            (Outcome::Warn, "The status check found no active subscription: the certificate's own age limit applies.")
        }
        _ => return None,
    };
    Some(Finding::new(&DI_15, o, m))
}

/// DI-16: the Update Service subscription, renewed before it ends.
fn subscription(exp: NaiveDate, left: i64) -> Finding {
    let ends = date::format_long(exp);
    if left < 0 {
        Finding::new(&DI_16, Outcome::Warn, format!("The Update Service subscription ended on {ends}."))
    } else if left <= 30 {
        Finding::new(
            &DI_16,
            Outcome::Warn,
            format!(
                "The Update Service subscription ends on {ends} ({left} days): renew it (£16 a year, free for volunteers)."
            ),
        )
    } else {
        Finding::new(&DI_16, Outcome::Pass, format!("The Update Service subscription runs until {ends}."))
    }
}

/// DI-17: a status check at least once every 12 months.
fn status_check_age(u: &UpdateService, today: NaiveDate) -> Option<Finding> {
    let c = u.status_check_date.as_deref().and_then(|v| date::parse_iso(v.trim()))?;
    valid_until(c, 1).is_some_and(|until| until < today).then(|| {
        Finding::new(
            &DI_17,
            Outcome::Warn,
            format!("The last status check was on {}, more than 12 months ago.", date::format_long(c)),
        )
    })
}
