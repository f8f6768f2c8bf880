//! The register as a whole: what the commissioner must be told and by when (GR-05, GR-11,
//! GR-24), repeated offers from one client (GR-23), and the provider's own guidelines (GR-17).

use std::collections::BTreeMap;

use chrono::{Datelike as _, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::input::{Kind, Offer, OfferOutcome, Provider};
use crate::date;
use crate::finding::Finding;
use crate::outcome::Outcome::{Fail, Info, Pass, Warn};
use crate::profile::GiftSettings;
use crate::registry::{GR_05, GR_11, GR_17, GR_23, GR_24, GR_25, GR_27, Rule};

/// Something the commissioner must be told about one offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Notification {
    /// Who is told: always `commissioner` (the council's commissioning team).
    pub to: String,
    /// The offer's index in `offers`.
    pub offer: usize,
    /// Why, in words ("a bequest or legacy; a safeguarding concern").
    pub reason: String,
    /// The rules that need it (GR-11 bequest, GR-05 accepted, GR-24 safeguarding concern).
    pub rules: Vec<String>,
    /// The day to tell the commissioner by: the profile's working days after the report.
    pub due_by: String,
    /// Where the duty and the deadline come from: the rules' sources and the profile's setting.
    pub source: String,
    /// When the commissioner was told (`null`: not yet).
    pub notified_on: Option<String>,
}

/// The last day to tell the commissioner: `days` working days (Monday to Friday; bank holidays
/// are not known to the rules, so they count) after `from`.
pub fn notice_due(from: NaiveDate, days: u32) -> NaiveDate {
    let mut d = from;
    let mut left = days;
    while left > 0 {
        d = d + Days::new(1);
        if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
            left -= 1;
        }
    }
    d
}

/// The notification one offer needs, if any, and its findings: a date is needed (fail while
/// there is none), and a date after the deadline warns.
pub(super) fn notification(i: usize, o: &Offer, s: &GiftSettings) -> (Option<Notification>, Vec<Finding>) {
    let mut needs: Vec<(&'static Rule, &str)> = Vec::new();
    if o.kind == Kind::Bequest {
        needs.push((&GR_11, "a bequest or legacy"));
    }
    if o.outcome == OfferOutcome::Accepted {
        needs.push((&GR_05, "an accepted offer"));
    }
    if o.safeguarding_concern {
        needs.push((&GR_24, "a safeguarding concern"));
    }
    if needs.is_empty() {
        return (None, Vec::new());
    }
    let from = o.reported_on.as_deref().or(Some(o.offered_on.as_str())).and_then(|d| date::parse_iso(d.trim()));
    let due = from.map(|d| notice_due(d, s.commissioner_notice_working_days)).unwrap_or_default();
    let by = date::format_long(due);
    let notified = o.commissioner_notified_on.as_deref().and_then(|d| date::parse_iso(d.trim()));
    let reason = needs.iter().map(|(_, r)| *r).collect::<Vec<_>>().join("; ");
    // The seeds say "as soon as it is practical" (S003 §16.1); the profile says how many days that is.
    let deadline = format!(
        "deadline: {} working days after the report (profile gifts.commissioner_notice_working_days)",
        s.commissioner_notice_working_days
    );
    let findings = needs
        .iter()
        .map(|(rule, why)| {
            let f = match notified {
                None => Finding::new(rule, Fail, format!("Tell the commissioner about {why} by {by}")),
                Some(d) if d > due => Finding::new(
                    rule,
                    Warn,
                    format!("The commissioner was told on {}, after {by}: tell them sooner", date::format_long(d)),
                ),
                Some(d) => Finding::new(rule, Pass, format!("The commissioner was told on {}", date::format_long(d))),
            };
            f.citing(format!("{}; {deadline}", rule.source())).at(format!("offers[{i}].commissioner_notified_on"))
        })
        .collect();
    // Each document once, in the rules' order, then the deadline.
    let mut cites: Vec<String> = Vec::new();
    for part in needs.iter().flat_map(|(r, _)| r.source().split("; ").map(str::to_owned).collect::<Vec<_>>()) {
        if !cites.contains(&part) {
            cites.push(part);
        }
    }
    cites.push(deadline);
    let n = Notification {
        to: "commissioner".into(),
        source: cites.join("; "),
        offer: i,
        reason,
        rules: needs.iter().map(|(r, _)| r.id.to_owned()).collect(),
        due_by: date::format_iso(due),
        notified_on: notified.map(date::format_iso),
    };
    (Some(n), findings)
}

/// GR-23: the profile's number of offers (3) from one client within its window (90 days, first
/// to last) raise a safeguarding review; one finding per client.
pub(super) fn repeated(offers: &[Offer], s: &GiftSettings) -> Vec<Finding> {
    let mut by_client: BTreeMap<String, Vec<NaiveDate>> = BTreeMap::new();
    for o in offers {
        if let Some(d) = date::parse_iso(o.offered_on.trim())
            && !o.client.trim().is_empty()
        {
            by_client.entry(o.client.trim().to_lowercase()).or_default().push(d);
        }
    }
    let n = s.repeat_offers as usize;
    let mut out = Vec::new();
    for (client, mut days) in by_client {
        days.sort();
        let hit = days.windows(n).find(|w| (w[n - 1] - w[0]).num_days() <= i64::from(s.repeat_window_days));
        if let Some(w) = hit {
            let name = offers.iter().map(|o| o.client.trim()).find(|c| c.to_lowercase() == client).unwrap_or_default();
            out.push(Finding::new(
                &GR_23,
                Warn,
                format!(
                    "{n} offers from {name} between {} and {} (within {} days): review for safeguarding (financial abuse or undue pressure)",
                    date::format_long(w[0]),
                    date::format_long(w[n - 1]),
                    s.repeat_window_days
                ),
            ));
        }
    }
    out
}

/// The provider's findings: its name (GR-25) and its guidelines on belongings (GR-17, when given);
/// and the reminder every register carries (GR-27).
pub(super) fn provider(p: &Provider) -> Vec<Finding> {
    let mut f = Vec::new();
    if p.name.trim().is_empty() {
        f.push(Finding::new(&GR_25, Fail, "Enter the provider's name").at("provider.name"));
    }
    match p.belongings_guidelines {
        Some(false) => f.push(
            Finding::new(
                &GR_17,
                Fail,
                "The provider needs written guidelines on handling clients' belongings and money",
            )
            .at("provider.belongings_guidelines"),
        ),
        Some(true) => f.push(Finding::new(&GR_17, Pass, "Written guidelines on clients' belongings are in place")),
        None => {}
    }
    f.push(Finding::new(
        &GR_27,
        Info,
        "Every offer must be declared, declined ones too: failing to declare an offer or a gift can lead to disciplinary action",
    ));
    f
}
