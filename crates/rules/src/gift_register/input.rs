//! What the register holds: the provider and its offers, with their closed lists of values; and
//! the problems that stop a check (field by field). Unknown members and values are refused by
//! serde (`deny_unknown_fields`, the enums), money is whole pence (a float is refused).

use serde::{Deserialize, Serialize};

use super::MAX_OFFERS;
use crate::date;

/// The input of `careform check gift-register` and the widget's `register`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Register {
    /// The provider that keeps the register.
    pub provider: Provider,
    /// Every offer, declined ones included (GR-04).
    pub offers: Vec<Offer>,
}

/// The provider.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Provider {
    /// Its name.
    pub name: String,
    /// GR-17: it has written guidelines on handling clients' belongings (not checked when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub belongings_guidelines: Option<bool>,
}

/// One offer, as the worker or the office records it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Offer {
    /// When it was offered, `YYYY-MM-DD`.
    pub offered_on: String,
    /// The worker it was offered to.
    pub worker: String,
    /// The client's reference (no name is needed).
    pub client: String,
    /// Who offered it.
    pub offered_by: OfferedBy,
    /// What was offered.
    pub kind: Kind,
    /// What it was, in words.
    pub description: String,
    /// Its rough value in whole pence.
    pub estimated_value_pence: u64,
    /// The worker asked for it.
    pub solicited: bool,
    /// What happened.
    pub outcome: OfferOutcome,
    /// When it was reported to the provider, `YYYY-MM-DD` (`null`: not yet).
    pub reported_on: Option<String>,
    /// When the commissioner was told, `YYYY-MM-DD` (`null`: not yet).
    pub commissioner_notified_on: Option<String>,
    /// Someone is concerned about abuse, pressure or exploitation.
    pub safeguarding_concern: bool,
    /// GR-21: what became of an offer that could not be returned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disposition: Option<Disposition>,
    /// GR-20: the manager who signed off a token gift.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manager_sign_off: Option<String>,
    /// GR-08: the commissioner's prior agreement to help with a legal document (its reference).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commissioner_agreement_ref: Option<String>,
    /// GR-06/GR-07: the part the worker was asked to play in a will.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub will_role: Option<WillRole>,
    /// GR-19: for a bequest the worker learned of, the worker tried to dissuade the client and recorded it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dissuasion_recorded: Option<bool>,
    /// GR-24: the safeguarding referral decision for a concern.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub safeguarding_referral: Option<Referral>,
    /// GR-26: the offer is noted in the client's care record too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub care_record_noted: Option<bool>,
    /// GR-28: the worker is a council employee.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub council_employee: Option<bool>,
    /// Why it was declined, returned or kept, in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// Declares a closed list of values: a snake_case serde enum with its values listed for forms.
macro_rules! choices {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            #[default]
            $($(#[$vdoc])* #[doc = concat!("`", $text, "`")] $variant),+
        }
        impl $name {
            /// Every value, in order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The value as JSON spells it.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }
    };
}

choices!(
    /// Who offered it.
    OfferedBy { Client = "client", Representative = "representative", Relative = "relative", Friend = "friend", Other = "other" }
);

choices!(
    /// What was offered (or asked of the worker).
    Kind {
        Gift = "gift", Money = "money", Tip = "tip", Voucher = "voucher", Cheque = "cheque", Loan = "loan",
        Bequest = "bequest", Hospitality = "hospitality", UseOfProperty = "use_of_property",
        StoreCardOrLoyalty = "store_card_or_loyalty", Safekeeping = "safekeeping",
        WillInvolvement = "will_involvement", LegalDocument = "legal_document", Betting = "betting",
        SaleOrPurchase = "sale_or_purchase", FinancialAccess = "financial_access", Other = "other",
    }
);

choices!(
    /// What happened to the offer.
    OfferOutcome { Declined = "declined", Accepted = "accepted", Returned = "returned", CouldNotReturn = "could_not_return", Pending = "pending" }
);

choices!(
    /// What became of an offer that could not be returned.
    Disposition {
        Returned = "returned", GivenToCharity = "given_to_charity", KeptWithAuthorisation = "kept_with_authorisation",
        KeptWithoutAuthorisation = "kept_without_authorisation",
    }
);

choices!(
    /// The part the worker was asked to play in a will.
    WillRole { MakingTheWill = "making_the_will", Witness = "witness", Executor = "executor" }
);

choices!(
    /// The safeguarding referral decision.
    Referral { Referred = "referred", NotReferred = "not_referred" }
);

/// Field problems that stop the check, named by path.
pub(super) fn problems(r: &Register) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let long = |v: &str, max: usize| v.chars().count() > max;
    if long(&r.provider.name, 300) {
        out.push(("provider.name".into(), "must be 300 characters or fewer".into()));
    }
    if r.offers.len() > MAX_OFFERS {
        out.push(("offers".into(), format!("at most {MAX_OFFERS} offers")));
    }
    for (i, o) in r.offers.iter().enumerate() {
        let at = |f: &str| format!("offers[{i}].{f}");
        if date::parse_iso(o.offered_on.trim()).is_none() {
            out.push((at("offered_on"), "must be a real date, YYYY-MM-DD".into()));
        }
        for (f, v) in [("reported_on", &o.reported_on), ("commissioner_notified_on", &o.commissioner_notified_on)] {
            if v.as_deref().is_some_and(|v| date::parse_iso(v.trim()).is_none()) {
                out.push((at(f), "must be a real date, YYYY-MM-DD, or null".into()));
            }
        }
        let texts = [
            ("worker", Some(&o.worker), 300),
            ("client", Some(&o.client), 100),
            ("description", Some(&o.description), 500),
            ("manager_sign_off", o.manager_sign_off.as_ref(), 300),
            ("commissioner_agreement_ref", o.commissioner_agreement_ref.as_ref(), 300),
            ("reason", o.reason.as_ref(), 500),
        ];
        for (f, v, max) in texts {
            if v.is_some_and(|v| long(v, max)) {
                out.push((at(f), format!("must be {max} characters or fewer")));
            }
        }
        // Values beyond any gift make no sense and overflow arithmetic: £10 million is plenty.
        if o.estimated_value_pence > 1_000_000_000 {
            out.push((at("estimated_value_pence"), "must be at most 1000000000 (£10,000,000)".into()));
        }
    }
    out
}
