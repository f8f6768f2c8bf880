//! The insurance rules (DI-30 to DI-44).

use chrono::NaiveDate;

use super::dbs::days;
use super::input::{Policy, Submission};
use crate::date;
use crate::finding::Finding;
use crate::money::pounds;
use crate::outcome::Outcome;
use crate::profile::DbsInsuranceSettings;
use crate::registry::{DI_30, DI_31, DI_32, DI_33, DI_34, DI_36, DI_37, DI_41, DI_42, DI_44};
use crate::report::{InsuranceReport, Renewal};

/// Lower case letters and digits only, without company suffixes: for comparing names.
fn name_key(s: &str) -> String {
    let lower = s.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| {
            !w.is_empty() && !matches!(*w, "ltd" | "limited" | "cic" | "llp" | "plc" | "t" | "a" | "trading" | "as")
        })
        .collect();
    words.join(" ")
}

/// What the insurance checks build up: findings, and the dates to renew by.
struct Ledger<'a> {
    settings: &'a DbsInsuranceSettings,
    today: NaiveDate,
    f: Vec<Finding>,
    renewals: &'a mut Vec<Renewal>,
}

impl Ledger<'_> {
    /// Currency of one policy (DI-31): fails outside its dates, warns close to expiry.
    fn currency(&mut self, label: &str, p: &Policy, field: &str) {
        let (Some(start), Some(end)) = (date::parse_iso(p.start_date.trim()), date::parse_iso(p.expiry_date.trim()))
        else {
            return;
        };
        let left = days(self.today, end);
        let (o, m) = if self.today < start {
            (Outcome::Fail, format!("{label} starts on {}: it is not in force yet.", date::format_long(start)))
        } else if left < 0 {
            (Outcome::Fail, format!("{label} expired on {}.", date::format_long(end)))
        } else if left <= i64::from(self.settings.insurance_warn_days) {
            (
                Outcome::Warn,
                format!("{label} expires on {} ({left} days from today): send the renewal.", date::format_long(end)),
            )
        } else {
            (Outcome::Pass, format!("{label} is current until {} ({left} days from today).", date::format_long(end)))
        };
        self.f.push(Finding::new(&DI_31, o, m).at(field));
        self.renewals.push(Renewal { what: label.to_owned(), until: date::format_iso(end), days_left: left });
        if matches!(p.document_type.as_deref(), Some("cover_note" | "letter")) {
            // DI-44: temporary evidence.
            self.f.push(
                Finding::new(
                    &DI_44,
                    Outcome::Warn,
                    format!(
                        "The evidence for {} is a cover note or letter: temporary evidence only. Send the certificate or schedule within 30 days.",
                        label.to_lowercase()
                    ),
                )
                .at(field),
            );
        }
    }
}

/// The policies' verdict: a rule per function below, public liability first.
pub(super) fn check_insurance(
    s: &Submission,
    settings: &DbsInsuranceSettings,
    today: NaiveDate,
    renewals: &mut Vec<Renewal>,
) -> InsuranceReport {
    let mut ledger = Ledger { settings, today, f: Vec::new(), renewals };
    let ins = &s.insurance;
    match &ins.public_liability {
        None => ledger.f.push(
            Finding::new(&DI_30, Outcome::Fail, "Public liability insurance is required.")
                .at("insurance.public_liability"),
        ),
        Some(pl) => {
            let insurer = if pl.insurer.trim().is_empty() { "an insurer" } else { pl.insurer.trim() };
            ledger.f.push(
                Finding::new(&DI_30, Outcome::Pass, format!("Public liability insurance with {insurer}."))
                    .at("insurance.public_liability"),
            );
            ledger.currency("Public liability insurance", pl, "insurance.public_liability.expiry_date");
            ledger.f.push(limit(pl, settings).at("insurance.public_liability.limit_pence"));
            if let Some(other) = insured_name(s, pl) {
                ledger.f.push(other.at("insurance.public_liability.insured_name"));
            }
            ledger.f.extend(cover(s, pl));
        }
    }
    employers_liability(&mut ledger, s);
    match &ins.professional_indemnity {
        None => ledger.f.push(
            Finding::new(
                &DI_41,
                settings.professional_indemnity_missing,
                "No professional indemnity insurance: councils ask for it from personal assistants, drivers and meal services.",
            )
            .at("insurance.professional_indemnity"),
        ),
        Some(pi) => {
            ledger.currency("Professional indemnity insurance", pi, "insurance.professional_indemnity.expiry_date")
        }
    }
    if s.transports_clients {
        motor(&mut ledger, s);
    }
    let f = ledger.f;
    InsuranceReport { outcome: Outcome::worst(f.iter().map(|x| x.outcome)), findings: f }
}

/// DI-32: the public liability limit against the profile's thresholds.
fn limit(pl: &Policy, settings: &DbsInsuranceSettings) -> Finding {
    let (limit, fail_below, warn_below) =
        (pl.limit_pence, settings.public_liability_fail_below_pence, settings.public_liability_warn_below_pence);
    if limit < fail_below {
        Finding::new(
            &DI_32,
            Outcome::Fail,
            format!("The limit of indemnity, {}, is below the {} minimum.", pounds(limit), pounds(fail_below)),
        )
    } else if limit < warn_below {
        Finding::new(
            &DI_32,
            Outcome::Warn,
            format!(
                "The limit of indemnity, {}, meets the {} minimum but is below the {} many councils ask for.",
                pounds(limit),
                pounds(fail_below),
                pounds(warn_below)
            ),
        )
    } else {
        Finding::new(&DI_32, Outcome::Pass, format!("The limit of indemnity is {}.", pounds(limit)))
    }
}

/// DI-33: the policy insures the applicant (legal or trading name); a warning when it does not.
fn insured_name(s: &Submission, pl: &Policy) -> Option<Finding> {
    let insured = name_key(&pl.insured_name);
    let names: Vec<String> = std::iter::once(&s.applicant.legal_name)
        .chain(s.applicant.trading_name.as_ref())
        .map(|n| name_key(n))
        .collect();
    // "Sam Patel t/a Sam's Care" insures Sam Patel: the insured name holds one of the applicant's.
    let padded = format!(" {insured} ");
    let theirs = insured.is_empty() || names.iter().any(|n| !n.is_empty() && padded.contains(&format!(" {n} ")));
    (!theirs).then(|| {
        Finding::new(
            &DI_33,
            Outcome::Warn,
            format!(
                "The policy insures \"{}\", not the applicant \"{}\": check the policy is the applicant's.",
                pl.insured_name.trim(),
                s.applicant.legal_name.trim()
            ),
        )
    })
}

/// DI-34: no service offered is excluded, and the business description mentions care or support.
fn cover(s: &Submission, pl: &Policy) -> Vec<Finding> {
    let mut out = Vec::new();
    for service in &s.services {
        let key = name_key(service);
        if key.is_empty() {
            continue;
        }
        if let Some(x) = pl.exclusions.iter().find(|x| name_key(x).contains(&key)) {
            out.push(
                Finding::new(
                    &DI_34,
                    Outcome::Fail,
                    format!("The policy excludes \"{}\", which the enterprise offers ({service}).", x.trim()),
                )
                .at("insurance.public_liability.exclusions"),
            );
        }
    }
    if let Some(desc) = &pl.business_description {
        let d = name_key(desc);
        if !["care", "support", "carer", "companion", "domiciliary", "befriend"]
            .iter()
            .any(|w| d.split(' ').any(|x| x.starts_with(w)))
        {
            out.push(
                Finding::new(
                    &DI_34,
                    Outcome::Warn,
                    format!(
                        "The policy describes the business as \"{}\", which does not mention care or support work.",
                        desc.trim()
                    ),
                )
                .at("insurance.public_liability.business_description"),
            );
        }
    }
    out
}

/// DI-36 and DI-37: employers' liability from the first employee who is not close family.
fn employers_liability(ledger: &mut Ledger<'_>, s: &Submission) {
    let non_family = s.employee_count - s.family_employee_count;
    if non_family == 0 {
        let m = if s.employee_count == 0 {
            "No employees: employers' liability insurance is not required."
        } else {
            "Every employee is close family: employers' liability insurance is not required."
        };
        ledger.f.push(Finding::new(&DI_37, Outcome::Info, m).at("insurance.employers_liability"));
        return;
    }
    let Some(el) = &s.insurance.employers_liability else {
        ledger.f.push(
            Finding::new(
                &DI_36,
                Outcome::Fail,
                format!(
                    "The enterprise employs {non_family} person(s) who are not close family: employers' liability insurance of at least £5m is compulsory (fines of up to £2,500 a day without it)."
                ),
            )
            .at("insurance.employers_liability"),
        );
        return;
    };
    let min = ledger.settings.employers_liability_min_pence;
    let finding = if el.limit_pence >= min {
        Finding::new(&DI_36, Outcome::Pass, format!("Employers' liability cover of {}.", pounds(el.limit_pence)))
    } else {
        Finding::new(
            &DI_36,
            Outcome::Fail,
            format!("Employers' liability cover of {} is below the {} minimum.", pounds(el.limit_pence), pounds(min)),
        )
    };
    ledger.f.push(finding.at("insurance.employers_liability.limit_pence"));
    ledger.currency("Employers' liability insurance", el, "insurance.employers_liability.expiry_date");
}

/// DI-42: an enterprise that drives clients has motor cover for business use.
fn motor(ledger: &mut Ledger<'_>, s: &Submission) {
    match &s.insurance.motor {
        Some(m) if m.business_use == Some(true) => {
            ledger.f.push(
                Finding::new(&DI_42, Outcome::Pass, "Motor insurance covers business use.")
                    .at("insurance.motor.business_use"),
            );
            ledger.currency("Motor insurance", m, "insurance.motor.expiry_date");
        }
        _ => ledger.f.push(
            Finding::new(
                &DI_42,
                Outcome::Fail,
                "The enterprise drives clients: motor insurance must include business use (carrying clients).",
            )
            .at("insurance.motor"),
        ),
    }
}
