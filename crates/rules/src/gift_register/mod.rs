//! The gift register: each offer of a gift, money, a favour or a part in a client's affairs that a
//! worker receives, checked against the council's profile as of `today`.
//!
//! Sources: `004_08a37aa4ee6b72b0.txt` §22.11 (and §22.6 to §22.8), `000_0306a16ec1856581.txt`
//! §6.3 ("Forming inappropriate relationships"), `003_511e571f1df8e389.txt` §16.1(6) (legacies and
//! bequests notified); rules catalogue section 4 (GR-01 to GR-28), registered in
//! `registry::gift_register`; defaults from the catalogue's §8.1 decision 5 (zero tolerance), in
//! the profile's `gifts` section (`profile::GiftSettings`).
//!
//! `input` holds what is checked and its shape check, `offer` the rules of one offer, `register`
//! the notifications to the commissioner, repeated offers and the provider's own rules.

mod input;
mod offer;
mod register;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use crate::profile::GiftSettings as Settings;
pub use input::{Disposition, Kind, Offer, OfferOutcome, OfferedBy, Provider, Referral, Register, WillRole};
pub use register::{Notification, notice_due};

use crate::entry::{Form, Standalone};
use crate::finding::Finding;
use crate::form::{CheckError, FieldDefinition, FieldKind, FormDefinition};
use crate::outcome::Outcome;
use crate::profile::Profile;
use crate::report::Report;

/// The form's id.
pub const ID: &str = "gift-register";
/// The profile `careform check gift-register` and `<careform-gift-register>` both use when none is named.
pub const DEFAULT_PROFILE: &str = "somerset-micro-provider";
/// Most offers one register may hold.
pub const MAX_OFFERS: usize = 200;

/// The definition the widget signs and the server re-checks.
pub static DEFINITION: FormDefinition = FormDefinition {
    id: ID,
    version: "1",
    title: "Gift register",
    fields: &[
        FieldDefinition {
            name: "profile",
            label: "Policy profile",
            kind: FieldKind::Choice { options: &crate::profile::BUILT_IN },
            required: true,
            missing: "Select a policy profile",
        },
        FieldDefinition {
            name: "register",
            label: "Offers",
            kind: FieldKind::Structured {
                schema: "careform gift-register input, version 1 (README: careform check gift-register)",
            },
            required: true,
            missing: "Record the offer",
        },
    ],
    // A breach is exactly what the register must keep: a failing entry is stored with its verdict.
    refuse_on_fail: false,
};

/// The form's entry.
pub static FORM: Form = Form {
    definition: &DEFINITION,
    check: |data, _, today| check(data, today).map(Report::erase),
    standalone: Some(Standalone { default_profile: DEFAULT_PROFILE, check: check_input, example: None }),
    #[cfg(feature = "schema")]
    schemas: || crate::entry::Schemas {
        fields: vec![("register", crate::entry::schema_of::<Register>())],
        report: crate::entry::schema_of::<Report<Parts>>(),
    },
};

/// The server's re-check: the register under the named built-in profile.
fn check(data: &serde_json::Map<String, serde_json::Value>, today: NaiveDate) -> Result<Report<Parts>, CheckError> {
    let profile = crate::entry::data_profile(data)?;
    check_register(&crate::entry::data_field(data, "register")?, &profile, today)
}

/// `careform check gift-register`: the register on standard input.
fn check_input(input: &[u8], profile: &Profile, today: NaiveDate) -> Result<String, String> {
    crate::entry::parse_and_check(input, "gift register", |r: &Register| check_register(r, profile, today))
}

/// What the gift register adds to its report.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Parts {
    /// Each offer's verdict, in the register's order.
    pub offers: Vec<OfferReport>,
    /// What the commissioner must be told, offer by offer.
    pub notifications: Vec<Notification>,
}

/// One offer's verdict.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OfferReport {
    /// The worst of the findings.
    pub outcome: Outcome,
    /// Each rule's verdict, its `field` a path from the register (`offers[0].outcome`).
    pub findings: Vec<Finding>,
}

/// Checks a register under `profile`, as of `today`.
pub fn check_register(r: &Register, profile: &Profile, today: NaiveDate) -> Result<Report<Parts>, CheckError> {
    let found = input::problems(r);
    if !found.is_empty() {
        return Err(CheckError::Invalid(found));
    }
    let settings = &profile.gifts;
    let mut parts = Parts::default();
    for (i, o) in r.offers.iter().enumerate() {
        let mut findings: Vec<Finding> = offer::findings(o, settings, today)
            .into_iter()
            .map(|f| {
                let field = f.field.clone().map(|name| format!("offers[{i}].{name}"));
                Finding { field, ..f }
            })
            .collect();
        let (notification, told) = register::notification(i, o, settings);
        findings.extend(told);
        parts.notifications.extend(notification);
        parts.offers.push(OfferReport { outcome: offer::outcome(&findings), findings });
    }
    let mut findings = register::provider(&r.provider);
    findings.extend(register::repeated(&r.offers, settings));
    let mut report: Report<Parts> = Report::new(ID, findings);
    report.outcome = Outcome::overall(parts.offers.iter().map(|o| o.outcome).chain([report.outcome]));
    report.profile = Some(profile.id.clone());
    report.parts = parts;
    Ok(report)
}
