//! The gift register (rules catalogue section 4). Defaults: §8.1 decision 5 (zero tolerance).

use super::{Rule, S000, S003, S004, seed, url};
use crate::outcome::Outcome;

const FORM: &str = "gift-register";
const UTTLESFORD: &str = "https://www.uttlesford.gov.uk/article/6350/Gifts-and-hospitality-guidance-HRP-62";
const CAREWORKER_AGENCY: &str = "https://www.careworkeragency.com/?p=1182";
const DOCEST: &str = "https://docest.com/doc/594644/policy-on-gifts-and-gratuities";
const CUMBERLAND_GIFTS: &str = "https://intranet.cumberland.rohallion.cloud/gifts-and-hospitality-code-conduct/gifts";
const CUMBERLAND_CONDUCT: &str =
    "https://intranet.cumberland.rohallion.cloud/officer-code-conduct/hospitality-and-gifts";
const MORAY: &str = "http://interchange.moray.gov.uk/int_standard/Page_109682.html";
const ORCHARD: &str = "https://orchardhomecareservices.co.uk/faqs/";
const KELLY_PARK: &str = "http://www.kellypark.co.uk/company-info/gifts-a-legacies?tmpl=component&visleer=1";
const HULL: &str = "http://www.hullappp.co.uk/gifts-to-staff/";

/// GR-01: Workers must not accept any gift, monetary or otherwise.
pub static GR_01: Rule = Rule {
    id: "GR-01",
    form: FORM,
    title: "Workers must not accept any gift, monetary or otherwise (zero tolerance by default)",
    outcome: Outcome::Fail,
    cites: &[seed(S004, "§22.11 b2")],
};

/// GR-02: Accepting gifts or money from a client or their representative is unacceptable conduct.
pub static GR_02: Rule = Rule {
    id: "GR-02",
    form: FORM,
    title: "Accepting gifts or money (other than wages) from a client or their representative is unacceptable conduct",
    outcome: Outcome::Fail,
    cites: &[seed(S000, "§6.3 b2")],
};

/// GR-03: No gratuity, tip, reward, collection or charge, solicited or accepted.
pub static GR_03: Rule = Rule {
    id: "GR-03",
    form: FORM,
    title: "Workers must not solicit or accept any gratuity, tip, reward, collection or charge",
    outcome: Outcome::Fail,
    cites: &[seed(S004, "§22.11 b1")],
};

/// GR-04: Every offer is reported to the provider and recorded, declined offers included.
pub static GR_04: Rule = Rule {
    id: "GR-04",
    form: FORM,
    title: "Every offer is reported to the provider and recorded, declined offers included",
    outcome: Outcome::Fail,
    cites: &[seed(S004, "§22.11 b2"), url(UTTLESFORD)],
};

/// GR-05: Concerns about gifts accepted are reported to the commissioner, by the profile's deadline.
pub static GR_05: Rule = Rule {
    id: "GR-05",
    form: FORM,
    title: "An accepted gift is reported to the commissioner (a date is needed; late by the profile's working days warns)",
    outcome: Outcome::Fail,
    cites: &[seed(S004, "§22.11 b2"), seed(S003, "§16.1").note("as soon as it is practical")],
};

/// GR-06: No involvement in making a client's will, no soliciting a bequest or legacy.
pub static GR_06: Rule = Rule {
    id: "GR-06",
    form: FORM,
    title: "Workers must not get involved in making a client's will or solicit any bequest or legacy",
    outcome: Outcome::Fail,
    cites: &[seed(S004, "§22.11 b3")],
};

/// GR-07: Never a witness or executor of a client's will.
pub static GR_07: Rule = Rule {
    id: "GR-07",
    form: FORM,
    title: "Workers must not act as witness or executor of a client's will",
    outcome: Outcome::Fail,
    cites: &[seed(S004, "§22.11 b4")],
};

/// GR-08: No other legal document unless the commissioner agreed in advance.
pub static GR_08: Rule = Rule {
    id: "GR-08",
    form: FORM,
    title: "No involvement with any other legal document unless the commissioner agreed in advance",
    outcome: Outcome::Fail,
    cites: &[seed(S004, "§22.11 b5")],
};

/// GR-10: No financial or non-financial gain, store cards and loyalty points included.
pub static GR_10: Rule = Rule {
    id: "GR-10",
    form: FORM,
    title: "No direct or indirect gain from the client, including store cards, loyalty points or discounts",
    outcome: Outcome::Fail,
    cites: &[seed(S004, "§22.11 b7")],
};

/// GR-11: A legacy or bequest is notified to the commissioning team.
pub static GR_11: Rule = Rule {
    id: "GR-11",
    form: FORM,
    title: "A legacy or bequest to the provider or its staff is notified to the commissioner",
    outcome: Outcome::Fail,
    cites: &[seed(S003, "§16.1(6)"), seed(S004, "§22.11 b2")],
};

/// GR-12: No looking after a client's valuables.
pub static GR_12: Rule = Rule {
    id: "GR-12",
    form: FORM,
    title: "Workers must not agree to look after valuables for a client or their representative",
    outcome: Outcome::Fail,
    cites: &[seed(S000, "§6.3 b3"), url(DOCEST)],
};

/// GR-13: No betting with clients, syndicates included.
pub static GR_13: Rule = Rule {
    id: "GR-13",
    form: FORM,
    title: "Workers must not bet with clients, lottery and football-pool syndicates included",
    outcome: Outcome::Fail,
    cites: &[seed(S004, "§22.7"), url(DOCEST)],
};

/// GR-14: No personal use of a client's possessions.
pub static GR_14: Rule = Rule {
    id: "GR-14",
    form: FORM,
    title: "Workers must not make personal use of a client's possessions (telephone, car)",
    outcome: Outcome::Fail,
    cites: &[seed(S004, "§22.8"), seed(S000, "§6.4 b5")],
};

/// GR-15: No lending, borrowing, buying or selling.
pub static GR_15: Rule = Rule {
    id: "GR-15",
    form: FORM,
    title: "Workers must not borrow or lend money or property, or buy or sell goods or services with a client",
    outcome: Outcome::Fail,
    cites: &[url(DOCEST), url(ORCHARD)],
};

/// GR-16: No access to PINs, cards or passwords.
pub static GR_16: Rule = Rule {
    id: "GR-16",
    form: FORM,
    title: "Workers must not have access to the client's PINs, bank or credit cards or passwords",
    outcome: Outcome::Fail,
    cites: &[seed(S000, "§6.2 b2")],
};

/// GR-17: The provider has written guidelines on handling clients' belongings.
pub static GR_17: Rule = Rule {
    id: "GR-17",
    form: FORM,
    title: "The provider has robust written guidelines on handling clients' belongings, money included",
    outcome: Outcome::Fail,
    cites: &[seed(S004, "§22.6")],
};

/// GR-18: Cash, cheques and vouchers are never acceptable, whatever the value.
pub static GR_18: Rule = Rule {
    id: "GR-18",
    form: FORM,
    title: "Cash, cheques and vouchers are never acceptable, whatever the value",
    outcome: Outcome::Fail,
    cites: &[url(UTTLESFORD), url(CAREWORKER_AGENCY)],
};

/// GR-19: A bequest the worker learns of is discouraged, and that is recorded.
pub static GR_19: Rule = Rule {
    id: "GR-19",
    form: FORM,
    title: "A bequest the worker learns of is discouraged and the dissuasion recorded",
    outcome: Outcome::Warn,
    cites: &[url(KELLY_PARK), url(HULL)],
};

/// GR-20: The profile's token value (default 0): at or under it a warn for a manager's sign-off.
pub static GR_20: Rule = Rule {
    id: "GR-20",
    form: FORM,
    title: "An accepted gift at or under the profile's token value (not cash, cheques or vouchers) needs a manager's sign-off",
    outcome: Outcome::Warn,
    cites: &[seed(S004, "§22.11 b2"), url(CUMBERLAND_GIFTS), url(MORAY)],
};

/// GR-21: A gift that could not be returned has its disposition recorded; kept only with authorisation.
pub static GR_21: Rule = Rule {
    id: "GR-21",
    form: FORM,
    title: "A gift that could not be returned warns until its disposition is recorded; kept without authorisation fails",
    outcome: Outcome::Fail,
    cites: &[url(CUMBERLAND_CONDUCT), url(UTTLESFORD)],
};

/// GR-23: Repeated offers from one client are reviewed for safeguarding.
pub static GR_23: Rule = Rule {
    id: "GR-23",
    form: FORM,
    title: "Three or more offers from one client within 90 days (profile) need a safeguarding review",
    outcome: Outcome::Warn,
    cites: &[url(MORAY)],
};

/// GR-24: A safeguarding concern is referred and notified to the commissioner.
pub static GR_24: Rule = Rule {
    id: "GR-24",
    form: FORM,
    title: "A safeguarding concern is notified to the commissioner and its referral decision recorded",
    outcome: Outcome::Fail,
    cites: &[seed(S004, "§6.4 b1")],
};

/// GR-25: The register's minimum fields are filled in and consistent.
pub static GR_25: Rule = Rule {
    id: "GR-25",
    form: FORM,
    title: "The minimum register fields are filled in (worker, client reference, description) and the dates are consistent",
    outcome: Outcome::Fail,
    cites: &[seed(S004, "§22.11 b2").note("derived"), seed(S003, "§16.1(6)"), url(CUMBERLAND_GIFTS)],
};

/// GR-26: The offer is also noted in the client's care record.
pub static GR_26: Rule = Rule {
    id: "GR-26",
    form: FORM,
    title: "The offer is also noted in the client's care record",
    outcome: Outcome::Warn,
    cites: &[url(CAREWORKER_AGENCY)],
};

/// GR-27: Failing to declare an offer can lead to disciplinary action.
pub static GR_27: Rule = Rule {
    id: "GR-27",
    form: FORM,
    title: "Failing to declare an offer or a gift can lead to disciplinary action",
    outcome: Outcome::Info,
    cites: &[url(CAREWORKER_AGENCY), url(DOCEST)],
};

/// GR-28: Council employees: accepting any fee or reward is a criminal offence.
pub static GR_28: Rule = Rule {
    id: "GR-28",
    form: FORM,
    title: "A council employee accepting any fee or reward other than proper pay commits an offence (LGA 1972 s.117)",
    outcome: Outcome::Info,
    cites: &[url(UTTLESFORD)],
};

pub(super) static RULES: &[&Rule] = &[
    &GR_01, &GR_02, &GR_03, &GR_04, &GR_05, &GR_06, &GR_07, &GR_08, &GR_10, &GR_11, &GR_12, &GR_13, &GR_14, &GR_15,
    &GR_16, &GR_17, &GR_18, &GR_19, &GR_20, &GR_21, &GR_23, &GR_24, &GR_25, &GR_26, &GR_27, &GR_28,
];
