//! One offer's rules: recorded and reported (GR-04, GR-25), never solicited (GR-03, GR-06),
//! nothing taken under zero tolerance (GR-01, GR-02, GR-08, GR-10, GR-12 to GR-16, GR-18) unless the
//! profile's token value allows a small gift (GR-20), what became of one that could not be
//! returned (GR-21), and the optional fields' rules (GR-19, GR-24, GR-26, GR-28).

use chrono::NaiveDate;

use super::input::{Disposition, Kind, Offer, OfferOutcome, OfferedBy, Referral, WillRole};
use crate::date;
use crate::finding::Finding;
use crate::money::pounds;
use crate::outcome::Outcome::{self, Fail, Info, Pass, Warn};
use crate::profile::GiftSettings;
use crate::registry::{
    GR_01, GR_02, GR_03, GR_04, GR_06, GR_07, GR_08, GR_10, GR_12, GR_13, GR_14, GR_15, GR_16, GR_18, GR_19, GR_20,
    GR_21, GR_24, GR_25, GR_26, GR_28, Rule,
};

/// Every finding on one offer but its notification (`register`), in the order a manager reads them.
pub(super) fn findings(o: &Offer, s: &GiftSettings, today: NaiveDate) -> Vec<Finding> {
    let mut f = minimum_fields(o, today);
    f.push(recorded(o));
    if o.solicited {
        f.push(solicited(o));
    }
    match o.outcome {
        OfferOutcome::Accepted => f.extend(taken(o, s)),
        OfferOutcome::CouldNotReturn => f.extend(could_not_return(o)),
        OfferOutcome::Declined | OfferOutcome::Returned | OfferOutcome::Pending => {}
    }
    f.extend(optional(o));
    f
}

/// GR-25: the fields a register entry cannot do without, and dates in a possible order.
fn minimum_fields(o: &Offer, today: NaiveDate) -> Vec<Finding> {
    let mut f = Vec::new();
    for (field, value, say) in [
        ("worker", &o.worker, "Enter the worker the offer was made to"),
        ("client", &o.client, "Enter the client's reference"),
        ("description", &o.description, "Describe what was offered"),
    ] {
        if value.trim().is_empty() {
            f.push(Finding::new(&GR_25, Fail, say).at(field));
        }
    }
    let offered = date::parse_iso(o.offered_on.trim());
    if offered.is_some_and(|d| d > today) {
        f.push(Finding::new(&GR_25, Fail, "The date of the offer cannot be in the future").at("offered_on"));
    }
    let reported = o.reported_on.as_deref().and_then(|d| date::parse_iso(d.trim()));
    if let (Some(off), Some(rep)) = (offered, reported)
        && rep < off
    {
        f.push(Finding::new(&GR_25, Fail, "The offer cannot be reported before it was made").at("reported_on"));
    }
    if reported.is_some_and(|d| d > today) {
        f.push(Finding::new(&GR_25, Fail, "The date reported cannot be in the future").at("reported_on"));
    }
    f
}

/// GR-04: reported to the provider, and an outcome decided.
fn recorded(o: &Offer) -> Finding {
    let (outcome, message) = match (&o.reported_on, o.outcome) {
        (None, _) => (Fail, "Report the offer to the provider (manager or office) and record the date".to_owned()),
        (Some(_), OfferOutcome::Pending) => {
            (Warn, "Decide what happens to the offer: decline it, or return it, and record the outcome".to_owned())
        }
        (Some(d), _) => (Pass, format!("Recorded and reported to the provider on {}", long(d))),
    };
    Finding::new(&GR_04, outcome, message).at("reported_on")
}

/// GR-03 and GR-06: asking for anything is a breach even when it was then declined.
fn solicited(o: &Offer) -> Finding {
    let rule = if matches!(o.kind, Kind::Bequest | Kind::WillInvolvement) { &GR_06 } else { &GR_03 };
    Finding::new(
        rule,
        Fail,
        "The worker asked for it: soliciting anything from a client is a breach, even when it was then declined. Tell the manager",
    )
    .at("solicited")
}

/// The rule an accepted offer of this kind breaks, and what to say.
fn breach(o: &Offer) -> (&'static Rule, &'static str) {
    match o.kind {
        Kind::Gift | Kind::Hospitality | Kind::Other | Kind::Bequest => {
            (&GR_01, "Accepting a gift is a breach (zero tolerance): return it and tell the manager")
        }
        Kind::Money | Kind::Cheque | Kind::Voucher => (
            &GR_18,
            "Cash, cheques and vouchers are never acceptable, whatever the value: return it and tell the manager",
        ),
        Kind::Tip => (&GR_03, "A tip or reward beyond the agreed payment is a breach: return it and tell the manager"),
        Kind::Loan | Kind::SaleOrPurchase => {
            (&GR_15, "Lending, borrowing, buying or selling with a client is a breach: undo it and tell the manager")
        }
        Kind::UseOfProperty => {
            (&GR_14, "Personal use of a client's possessions is a breach: stop and tell the manager")
        }
        Kind::StoreCardOrLoyalty => {
            (&GR_10, "Using a client's store cards, loyalty points or discounts is a breach: stop and tell the manager")
        }
        Kind::Safekeeping => {
            (&GR_12, "Looking after a client's valuables is a breach: hand them back and tell the manager")
        }
        Kind::Betting => (&GR_13, "Betting with a client, syndicates included, is a breach: stop and tell the manager"),
        Kind::FinancialAccess => {
            (&GR_16, "Access to a client's PINs, cards or passwords is a breach: give it up and tell the manager")
        }
        Kind::WillInvolvement if matches!(o.will_role, Some(WillRole::Witness | WillRole::Executor)) => {
            (&GR_07, "A worker must never witness a client's will or be its executor: withdraw and tell the manager")
        }
        Kind::WillInvolvement => {
            (&GR_06, "A worker must never help make a client's will: withdraw and tell the manager")
        }
        Kind::LegalDocument => (
            &GR_08,
            "Help with a legal document needs the commissioner's prior agreement: record its reference, or withdraw and tell the manager",
        ),
    }
}

/// An accepted offer: a breach under zero tolerance, except a small gift under the profile's token
/// value (GR-20) and a legal document the commissioner agreed to in advance (GR-08).
fn taken(o: &Offer, s: &GiftSettings) -> Vec<Finding> {
    let token_kind = matches!(o.kind, Kind::Gift | Kind::Hospitality | Kind::Other);
    let value = i64::try_from(o.estimated_value_pence).unwrap_or(i64::MAX);
    if token_kind && s.token_value_pence > 0 && value <= s.token_value_pence {
        let limit = pounds(s.token_value_pence);
        let f = match o.manager_sign_off.as_deref().map(str::trim).filter(|m| !m.is_empty()) {
            Some(m) => Finding::new(
                &GR_20,
                Pass,
                format!("A token gift of {} (at most {limit}), signed off by {m}", pounds(value)),
            ),
            None => Finding::new(
                &GR_20,
                Warn,
                format!("A token gift of {} (at most {limit}): a manager must sign it off", pounds(value)),
            ),
        };
        return vec![f.citing(format!("{} (profile token value {limit})", GR_20.source())).at("manager_sign_off")];
    }
    if o.kind == Kind::LegalDocument
        && let Some(r) = o.commissioner_agreement_ref.as_deref().map(str::trim).filter(|r| !r.is_empty())
    {
        return vec![
            Finding::new(&GR_08, Pass, format!("The commissioner agreed in advance ({r})"))
                .at("commissioner_agreement_ref"),
        ];
    }
    let (rule, message) = breach(o);
    let mut f = vec![Finding::new(rule, Fail, message).at("outcome")];
    let gift_or_money = matches!(
        o.kind,
        Kind::Gift
            | Kind::Hospitality
            | Kind::Other
            | Kind::Bequest
            | Kind::Money
            | Kind::Cheque
            | Kind::Voucher
            | Kind::Tip
    );
    if gift_or_money && matches!(o.offered_by, OfferedBy::Client | OfferedBy::Representative) {
        f.push(
            Finding::new(
                &GR_02,
                Fail,
                "Gifts or money from a client or their representative (other than wages) are unacceptable conduct",
            )
            .at("offered_by"),
        );
    }
    f
}

/// GR-21: a gift that could not be returned, until its disposition is recorded.
fn could_not_return(o: &Offer) -> Vec<Finding> {
    let money = matches!(o.kind, Kind::Money | Kind::Cheque | Kind::Voucher);
    let (rule, outcome, message) = match o.disposition {
        None => (
            &GR_21,
            Warn,
            "Tell the manager at once, do not use it, and record what becomes of it (returned, given to charity, kept with authorisation)",
        ),
        Some(Disposition::KeptWithoutAuthorisation) => {
            (&GR_21, Fail, "Kept without the manager's authorisation: a breach. Hand it to the manager")
        }
        Some(Disposition::KeptWithAuthorisation) if money => (
            &GR_18,
            Fail,
            "Cash, cheques and vouchers are never kept, whatever the value: give it to charity or return it",
        ),
        Some(Disposition::KeptWithAuthorisation) => (&GR_21, Pass, "Kept with the manager's authorisation"),
        Some(Disposition::Returned) => (&GR_21, Pass, "Returned in the end"),
        Some(Disposition::GivenToCharity) => (&GR_21, Pass, "Given to charity"),
    };
    vec![Finding::new(rule, outcome, message).at("disposition")]
}

/// The rules of the fields beyond the shape: when absent they add at most a warning.
fn optional(o: &Offer) -> Vec<Finding> {
    let mut f = Vec::new();
    if o.kind == Kind::Bequest && o.outcome == OfferOutcome::Pending && o.dissuasion_recorded != Some(true) {
        f.push(
            Finding::new(
                &GR_19,
                Warn,
                "The client means to leave the worker a bequest: try to dissuade them and record it in the client's notes",
            )
            .at("dissuasion_recorded"),
        );
    }
    if o.safeguarding_concern && o.safeguarding_referral.is_none() {
        f.push(
            Finding::new(
                &GR_24,
                Warn,
                "Record the safeguarding referral decision (referred under the local procedures, or why not)",
            )
            .at("safeguarding_referral"),
        );
    }
    if o.safeguarding_referral == Some(Referral::Referred) {
        f.push(
            Finding::new(&GR_24, Pass, "Referred under the local safeguarding procedures").at("safeguarding_referral"),
        );
    }
    if o.care_record_noted == Some(false) {
        f.push(Finding::new(&GR_26, Warn, "Note the offer in the client's care record too").at("care_record_noted"));
    }
    if o.council_employee == Some(true) {
        f.push(
            Finding::new(
                &GR_28,
                Info,
                "A council employee who accepts any fee or reward other than proper pay commits an offence",
            )
            .at("council_employee"),
        );
    }
    f
}

/// "2 November 2026" for a date already checked to be real.
fn long(d: &str) -> String {
    date::parse_iso(d.trim()).map(date::format_long).unwrap_or_else(|| d.to_owned())
}

/// The worst of one offer's findings (guidance alone passes).
pub(super) fn outcome(f: &[Finding]) -> Outcome {
    Outcome::overall(f.iter().map(|f| f.outcome))
}
