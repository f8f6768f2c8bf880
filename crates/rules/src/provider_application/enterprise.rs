//! The sections about the applicant and the enterprise: about you (MP-01, MP-27), the
//! enterprise (MP-03, MP-04), where the services are delivered (MP-02), and the evidence
//! (MP-28, MP-12, MP-21, MP-06).

use super::area::{Place, parse, place};
use super::input::{Application, EvidenceKind, LegalForm, TradingStatus};
use crate::finding::Finding;
use crate::outcome::Outcome;
use crate::profile::ProviderApplicationSettings;
use crate::registry::{MP_01, MP_02, MP_03, MP_04, MP_06, MP_12, MP_21, MP_27, MP_28, Rule};

/// The area's name for findings, or words saying the profile names none.
fn area(s: &ProviderApplicationSettings) -> &str {
    if s.area_name.trim().is_empty() { "the council's area" } else { s.area_name.trim() }
}

/// A rule's source with the profile's provenance for the area, when it gives one.
fn with_provenance(rule: &'static Rule, s: &ProviderApplicationSettings) -> String {
    match s.area_provenance.trim() {
        "" => rule.source(),
        p => format!("{}; area: {p}", rule.source()),
    }
}

/// About you: where the applicant lives (MP-01) and any earlier action (MP-27).
pub(super) fn about_you(a: &Application, s: &ProviderApplicationSettings) -> Vec<Finding> {
    let home = a.applicant.home_postcode.trim();
    let (outcome, message) = match parse(home).filter(|p| p.full) {
        None => (Outcome::Fail, "Enter a real postcode for your home, like TA1 2AB".to_owned()),
        Some(p) => match place(&p, s) {
            Place::Inside => (Outcome::Pass, format!("You live in {} ({}).", area(s), p.district)),
            Place::Straddling => (
                Outcome::Warn,
                format!(
                    "Postcode district {} crosses the boundary of {}: an officer will confirm from your address that you live inside it.",
                    p.district,
                    area(s)
                ),
            ),
            Place::Outside => {
                (Outcome::Fail, format!("{home} is outside {}: members of the programme live in it.", area(s)))
            }
            Place::Unknown => (
                Outcome::Warn,
                "The profile does not name the council's area: an officer will confirm where you live.".to_owned(),
            ),
        },
    };
    let mut out =
        vec![Finding::new(&MP_01, outcome, message).citing(with_provenance(&MP_01, s)).at("applicant.home_postcode")];
    out.push(if a.applicant.prior_action {
        Finding::new(&MP_27, Outcome::Fail, "You have been subject to disciplinary or other action because of poor practice in a care or related role: the programme cannot accept the application.")
    } else {
        Finding::new(&MP_27, Outcome::Pass, "No disciplinary or other action because of poor practice in a care or related role.")
    }.at("applicant.prior_action"));
    out
}

/// The enterprise: independence (MP-03) and size by headcount and by full-time equivalents (MP-04).
pub(super) fn enterprise(a: &Application, s: &ProviderApplicationSettings) -> Vec<Finding> {
    let ap = &a.applicant;
    let parent = ap.parent_organisation.as_deref().map(str::trim).filter(|p| !p.is_empty());
    let independence = match (parent, ap.franchise) {
        (Some(p), _) => Finding::new(
            &MP_03,
            Outcome::Fail,
            format!("Your enterprise is part of {p}: members are totally independent of any larger organisation."),
        )
        .at("applicant.parent_organisation"),
        (None, true) => Finding::new(&MP_03, Outcome::Fail, "A franchise is not independent of a larger organisation.")
            .at("applicant.franchise"),
        (None, false) => Finding::new(
            &MP_03,
            Outcome::Pass,
            "Your enterprise is independent: no parent organisation, not a franchise.",
        )
        .at("applicant.parent_organisation"),
    };
    let counted: Vec<_> = a.workers.iter().filter(|w| w.paid || s.volunteers_count).collect();
    let who = if s.volunteers_count { "paid or unpaid workers, you included" } else { "paid workers, you included" };
    let people = counted.len();
    let headcount = if people > s.max_headcount as usize {
        Finding::new(
            &MP_04,
            Outcome::Fail,
            format!("{people} {who}: a micro-provider has {} or fewer.", s.max_headcount),
        )
    } else {
        Finding::new(&MP_04, Outcome::Pass, format!("{people} {who}: {} or fewer.", s.max_headcount))
    };
    // Whole minutes, so the boundary is exact: 8 FTE is 8 × 2250 minutes, not a rounded float.
    let minutes: u64 = counted.iter().map(|w| u64::from(w.weekly_minutes)).sum();
    let limit = u64::from(s.fte_limit) * u64::from(s.fte_week_minutes);
    let hundredths = minutes * 100 / u64::from(s.fte_week_minutes);
    let fte = format!("{}.{:02}", hundredths / 100, hundredths % 100);
    let hours = format!("{}.{:02}", u64::from(s.fte_week_minutes) / 60, u64::from(s.fte_week_minutes) % 60 * 100 / 60);
    let size = if minutes >= limit {
        Finding::new(
            &MP_04,
            Outcome::Fail,
            format!(
                "{fte} full-time equivalents ({minutes} minutes a week, {hours} hours a week each): a micro-provider has fewer than {}.",
                s.fte_limit
            ),
        )
    } else {
        Finding::new(
            &MP_04,
            Outcome::Pass,
            format!(
                "{fte} full-time equivalents ({minutes} minutes a week, {hours} hours a week each): fewer than {}.",
                s.fte_limit
            ),
        )
    };
    vec![independence, headcount.at("workers"), size.at("workers")]
}

/// Where the services are delivered (MP-02): none inside fails, some outside or across the
/// boundary warns; a postcode that cannot be read is an error for its field.
pub(super) fn where_(a: &Application, s: &ProviderApplicationSettings) -> Vec<Finding> {
    let mut out = Vec::new();
    let (mut inside, mut across, mut outside, mut unknown) = (0, Vec::new(), Vec::new(), 0);
    for (i, text) in a.service_area_postcodes.iter().enumerate() {
        match parse(text) {
            None => out.push(
                Finding::new(
                    &MP_02,
                    Outcome::Fail,
                    format!(
                        "{:?} is not a postcode: enter a postcode (TA1 2AB), a sector (TA1 2) or a district (TA1)",
                        text.trim()
                    ),
                )
                .at(format!("service_area_postcodes[{i}]")),
            ),
            Some(p) => match place(&p, s) {
                Place::Inside => inside += 1,
                Place::Straddling => across.push(p.district),
                Place::Outside => outside.push(text.trim().to_uppercase()),
                Place::Unknown => unknown += 1,
            },
        }
    }
    let f = |o, m: String| Finding::new(&MP_02, o, m).citing(with_provenance(&MP_02, s)).at("service_area_postcodes");
    if a.service_area_postcodes.is_empty() {
        out.push(f(Outcome::Fail, "Enter the postcodes where you deliver your services.".into()));
    } else if unknown > 0 {
        out.push(f(
            Outcome::Warn,
            "The profile does not name the council's area: an officer will confirm where you work.".into(),
        ));
    } else if inside == 0 && across.is_empty() {
        if out.is_empty() {
            out.push(f(Outcome::Fail, format!("None of the places you work is in {}: members work in it.", area(s))));
        }
    } else {
        if !across.is_empty() {
            out.push(f(
                Outcome::Warn,
                format!(
                    "{} cross the boundary of {}: an officer will confirm where you work.",
                    across.join(", "),
                    area(s)
                ),
            ));
        }
        if !outside.is_empty() {
            out.push(f(
                Outcome::Warn,
                format!(
                    "You also work outside {}: {}. The programme is for services in it.",
                    area(s),
                    outside.join(", ")
                ),
            ));
        }
        if inside > 0 && across.is_empty() && outside.is_empty() && out.is_empty() {
            out.push(f(Outcome::Pass, format!("You work in {}.", area(s))));
        }
    }
    out
}

/// Evidence: the six documents of S001 §6 (MP-28), the price list (MP-12), the risk and safety
/// guidelines (MP-21), and what a pre-start applicant may give (MP-06).
pub(super) fn evidence(a: &Application) -> Vec<Finding> {
    let mut out = Vec::new();
    for kind in EvidenceKind::ALL {
        let rule = match kind {
            EvidenceKind::PriceList => &MP_12,
            EvidenceKind::RiskAndSafety => &MP_21,
            _ => &MP_28,
        };
        let files: Vec<&str> = a.evidence.iter().filter(|e| e.kind == *kind).map(|e| e.name.trim()).collect();
        let f = if files.is_empty() {
            Finding::new(rule, Outcome::Fail, format!("Upload your {}.", kind.label()))
        } else {
            Finding::new(rule, Outcome::Pass, format!("Your {}: {}.", kind.label(), files.join(", ")))
        };
        out.push(f.at(format!("evidence.{}", kind.as_str())));
    }
    let message = match a.applicant.trading_status {
        TradingStatus::PreStart => {
            "You plan to start: templates of your terms of service, support plan and policies are accepted now; the programme sees the documents you use before you start."
        }
        TradingStatus::Trading => "You are trading: upload the documents you use now, not templates.",
    };
    out.push(Finding::new(&MP_06, Outcome::Info, message).at("applicant.trading_status"));
    out
}

/// The legal form in words.
pub(super) fn legal_form(f: LegalForm) -> &'static str {
    match f {
        LegalForm::SoleTrader => "sole trader",
        LegalForm::Partnership => "partnership",
        LegalForm::LimitedCompany => "limited company",
        LegalForm::Cic => "community interest company",
        LegalForm::Charity => "charity",
        LegalForm::UnincorporatedGroup => "unincorporated group",
    }
}
