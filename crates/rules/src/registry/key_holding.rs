//! The key-holding agreement (rules catalogue section 5; decision 6 of §8.1).

use super::{Rule, S004, seed, url};
use crate::outcome::Outcome;

const FORM: &str = "key-holding";
const CAMDEN_ASSESSMENT: &str =
    "https://ascpractice.camden.gov.uk/connecting-people-to-support/housing-matters/key-safes/assessment";
const CAMDEN_ORDERING: &str =
    "https://ascpractice.camden.gov.uk/connecting-people-to-support/housing-matters/key-safes/ordering-a-key-safe";
const CAVENDISH: &str = "https://cavendishhomecare.com/?p=10819";
const PRIME: &str = "https://www.prime-recruitmentltd.com/post/policy-no-03-3700-management-of-service-users-keys-door-entry-codes-alarm-codes";
const VERIVIUS: &str = "https://verivius.co.uk/sample-policies/domiciliary-care-entry-to-the-home-keys-and-access";

/// KH-01: Keys are held only in an emergency.
pub static KH_01: Rule = Rule {
    id: "KH-01",
    form: FORM,
    title: "Keys are held only in an emergency: routine or convenience fails; another reason warns for a manager's review and must be written down",
    outcome: Outcome::Fail,
    cites: &[seed(S004, "§19.1")
        .note("very exceptional … in emergencies such as the sudden incapacity of an informal carer")],
};

/// KH-02: The key holding is recorded in the care plan.
pub static KH_02: Rule = Rule {
    id: "KH-02",
    form: FORM,
    title: "The key holding is recorded in the care plan (its reference)",
    outcome: Outcome::Fail,
    cites: &[seed(S004, "§19.1").note("must record such occurrence in the Care Plan")],
};

/// KH-03: At most two weeks from the start to the planned end; a warning from day 10 while held.
pub static KH_03: Rule = Rule {
    id: "KH-03",
    form: FORM,
    title: "At most 14 days (the profile's limit) from the start to the planned end; while held, a warning from day 10 (the profile's) and on the end date",
    outcome: Outcome::Fail,
    cites: &[seed(S004, "§19.1").note("a maximum of two weeks")],
};

/// KH-04: Alternatives to holding keys were considered.
pub static KH_04: Rule = Rule {
    id: "KH-04",
    form: FORM,
    title: "Alternatives were considered (door intercom, door-entry devices, assistive technology); warn when none are recorded",
    outcome: Outcome::Warn,
    cites: &[url(CAMDEN_ASSESSMENT)],
};

/// KH-05: Safe keeping: storage recorded; carried by the worker only with a secure handling procedure.
pub static KH_05: Rule = Rule {
    id: "KH-05",
    form: FORM,
    title: "Where the keys are kept is recorded; carried by the worker warns without a secure handling procedure",
    outcome: Outcome::Fail,
    cites: &[seed(S004, "§19.1"), seed(S004, "§19.2 b2")],
};

/// KH-06: No duplicates; every copy received is returned.
pub static KH_06: Rule = Rule {
    id: "KH-06",
    form: FORM,
    title: "No duplicate keys are made or obtained (attested), and on return the copies returned equal the copies received",
    outcome: Outcome::Fail,
    cites: &[seed(S004, "§19.1").note("no duplicate keys are made or obtained")],
};

/// KH-07: Written, signed permission.
pub static KH_07: Rule = Rule {
    id: "KH-07",
    form: FORM,
    title: "Written permission, signed and dated, from the client or an appropriate authority",
    outcome: Outcome::Fail,
    cites: &[seed(S004, "§19.1"), seed(S004, "§19.2 b1")],
};

/// KH-09: A client who lacks capacity does not sign alone.
pub static KH_09: Rule = Rule {
    id: "KH-09",
    form: FORM,
    title: "A client without capacity does not sign: an attorney for property, a deputy, next of kin, or a social worker recording a best-interests decision does",
    outcome: Outcome::Fail,
    cites: &[url(CAMDEN_ASSESSMENT)],
};

/// KH-10: Provider management approves before the keys are held.
pub static KH_10: Rule = Rule {
    id: "KH-10",
    form: FORM,
    title: "A manager approved the key holding on or before the start date",
    outcome: Outcome::Fail,
    cites: &[url(CAVENDISH).note("never … without the express permission of … management")],
};

/// KH-11: A procedure for loss or theft of keys is in place.
pub static KH_11: Rule = Rule {
    id: "KH-11",
    form: FORM,
    title: "A procedure for the loss or theft of keys is in place (fails when it is not; a note when not stated)",
    outcome: Outcome::Fail,
    cites: &[seed(S004, "§19.2 b3")],
};

/// KH-13: Entry codes stay confidential: never in the agreement, visit notes or messages.
pub static KH_13: Rule = Rule {
    id: "KH-13",
    form: FORM,
    title: "Key-safe and other entry codes are kept in a secure system, never on the agreement, in visit notes or in messages (Careform refuses input carrying one)",
    outcome: Outcome::Fail,
    cites: &[seed(S004, "§19.2 b4"), url(CAMDEN_ORDERING)],
};

/// KH-19: Knock or ring and call out before entering.
pub static KH_19: Rule = Rule {
    id: "KH-19",
    form: FORM,
    title: "Workers knock or ring and call out before entering (attested)",
    outcome: Outcome::Fail,
    cites: &[seed(S004, "§19.2 b5")],
};

/// KH-20: Key tags carry a code, never the client's name, address or postcode.
pub static KH_20: Rule = Rule {
    id: "KH-20",
    form: FORM,
    title: "Key tags carry a code, never the client's name, address or postcode",
    outcome: Outcome::Fail,
    cites: &[url(CAVENDISH), url(PRIME)],
};

/// KH-21: The key log: each key's tag, doors and number of copies.
pub static KH_21: Rule = Rule {
    id: "KH-21",
    form: FORM,
    title: "The key log lists each key: its tag, the doors it opens and the number of copies (at least one)",
    outcome: Outcome::Fail,
    cites: &[url(PRIME)],
};

/// KH-22: Alarm codes are held only with written authorisation.
pub static KH_22: Rule = Rule {
    id: "KH-22",
    form: FORM,
    title: "An intruder alarm code is held only with written authorisation",
    outcome: Outcome::Fail,
    cites: &[url(PRIME)],
};

/// KH-26: Workers are not accompanied by anyone not authorised to visit.
pub static KH_26: Rule = Rule {
    id: "KH-26",
    form: FORM,
    title: "Workers are not accompanied by anyone not authorised to visit (attested)",
    outcome: Outcome::Fail,
    cites: &[seed(S004, "§24.1")],
};

/// KH-29: Keys go back by the planned end, to the client or an authorised person.
pub static KH_29: Rule = Rule {
    id: "KH-29",
    form: FORM,
    title: "Keys are returned by the planned end date, to the client or an authorised person; still held after it fails",
    outcome: Outcome::Fail,
    cites: &[seed(S004, "§19.1").note("derived: the two-week maximum")],
};

/// KH-30: Insurance covers holding clients' keys.
pub static KH_30: Rule = Rule {
    id: "KH-30",
    form: FORM,
    title: "The provider's insurance covers holding clients' keys (warn when it does not)",
    outcome: Outcome::Warn,
    cites: &[url(VERIVIUS)],
};

pub(super) static RULES: &[&Rule] = &[
    &KH_01, &KH_02, &KH_03, &KH_04, &KH_05, &KH_06, &KH_07, &KH_09, &KH_10, &KH_11, &KH_13, &KH_19, &KH_20, &KH_21,
    &KH_22, &KH_26, &KH_29, &KH_30,
];
