//! The task lexicon's entries (LX-01 to LX-40): each names what a concept is; the profile
//! decides its class, so their outcome is `info`.

use super::task_scope::*;
use super::{Rule, S000, S003, S004, seed, url};
use crate::outcome::Outcome;

const FORM: &str = "task-scope";

/// LX-01: Washing or bathing.
pub static LX_01: Rule = Rule {
    id: "LX-01",
    form: FORM,
    title: "Washing or bathing",
    outcome: Outcome::Info,
    cites: &[seed(S004, "§10.9"), url(CQC_PERSONAL_CARE).note("SI 2014/2936 reg 2")],
};

/// LX-02: Hair care (a haircut alone is practical support).
pub static LX_02: Rule = Rule {
    id: "LX-02",
    form: FORM,
    title: "Hair care (a haircut alone is practical support)",
    outcome: Outcome::Info,
    cites: &[seed(S004, "§10.9"), url(HAIRDRESSING_ORDER)],
};

/// LX-03: Oral care.
pub static LX_03: Rule =
    Rule { id: "LX-03", form: FORM, title: "Oral care", outcome: Outcome::Info, cites: &[seed(S004, "§10.9")] };

/// LX-04: Dressing.
pub static LX_04: Rule = Rule {
    id: "LX-04",
    form: FORM,
    title: "Dressing",
    outcome: Outcome::Info,
    cites: &[seed(S004, "§10.9"), url(CARERS_COMPANIONS)],
};

/// LX-05: Getting up, going to bed, transfers and hoists.
pub static LX_05: Rule = Rule {
    id: "LX-05",
    form: FORM,
    title: "Getting up, going to bed, transfers and hoists",
    outcome: Outcome::Info,
    cites: &[seed(S004, "§10.9"), seed(S004, "§14.5"), seed(S004, "§14.8")],
};

/// LX-06: Eating and drinking help.
pub static LX_06: Rule = Rule {
    id: "LX-06",
    form: FORM,
    title: "Eating and drinking help",
    outcome: Outcome::Info,
    cites: &[seed(S004, "§10.9").note("feeding"), url(CQC_PERSONAL_CARE).note("SI 2014/2936 reg 2")],
};

/// LX-07: Meal preparation.
pub static LX_07: Rule =
    Rule {
        id: "LX-07", form: FORM, title: "Meal preparation", outcome: Outcome::Info, cites: &[seed(S004, "§10.11")]
    };

/// LX-08: Toileting and continence.
pub static LX_08: Rule = Rule {
    id: "LX-08",
    form: FORM,
    title: "Toileting and continence",
    outcome: Outcome::Info,
    cites: &[seed(S004, "§10.9"), url(CQC_PERSONAL_CARE).note("SI 2014/2936 reg 2")],
};

/// LX-09: Catheter or stoma bag.
pub static LX_09: Rule = Rule {
    id: "LX-09",
    form: FORM,
    title: "Catheter or stoma bag",
    outcome: Outcome::Info,
    cites: &[seed(S004, "§10.9"), url(GLOUCESTERSHIRE)],
};

/// LX-10: Shaving.
pub static LX_10: Rule = Rule {
    id: "LX-10",
    form: FORM,
    title: "Shaving",
    outcome: Outcome::Info,
    cites: &[seed(S004, "§10.9"), url(CARERS_COMPANIONS)],
};

/// LX-11: Hand care (nail cutting excluded).
pub static LX_11: Rule = Rule {
    id: "LX-11",
    form: FORM,
    title: "Hand care (nail cutting excluded)",
    outcome: Outcome::Info,
    cites: &[seed(S004, "§10.9").note("hand care excluding nail cutting")],
};

/// LX-12: Foot care (podiatry excluded).
pub static LX_12: Rule = Rule {
    id: "LX-12",
    form: FORM,
    title: "Foot care (podiatry excluded)",
    outcome: Outcome::Info,
    cites: &[seed(S004, "§10.9")],
};

/// LX-13: Skin care and creams.
pub static LX_13: Rule = Rule {
    id: "LX-13",
    form: FORM,
    title: "Skin care and creams",
    outcome: Outcome::Info,
    cites: &[seed(S004, "§10.9")],
};

/// LX-14: Pressure care.
pub static LX_14: Rule = Rule {
    id: "LX-14",
    form: FORM,
    title: "Pressure care",
    outcome: Outcome::Info,
    cites: &[seed(S004, "§10.9"), seed(S004, "§10.10")],
};

/// LX-15: Prostheses and aids.
pub static LX_15: Rule = Rule {
    id: "LX-15",
    form: FORM,
    title: "Prostheses and aids",
    outcome: Outcome::Info,
    cites: &[seed(S004, "§10.9"), url(GLOUCESTERSHIRE), url(CARERS_COMPANIONS)],
};

/// LX-16: Medication prompt.
pub static LX_16: Rule = Rule {
    id: "LX-16",
    form: FORM,
    title: "Medication prompt",
    outcome: Outcome::Info,
    cites: &[seed(S004, "§10.9"), seed(S004, "§11.1")],
};

/// LX-17: Medication administration (oral).
pub static LX_17: Rule = Rule {
    id: "LX-17",
    form: FORM,
    title: "Medication administration (oral)",
    outcome: Outcome::Info,
    cites: &[seed(S004, "§10.10"), url(NICE_NG67)],
};

/// LX-18: Non-oral medicines.
pub static LX_18: Rule = Rule {
    id: "LX-18",
    form: FORM,
    title: "Non-oral medicines",
    outcome: Outcome::Info,
    cites: &[seed(S004, "§10.10"), url(SCOTLAND_SCHEDULE)],
};

/// LX-19: Injections and insulin.
pub static LX_19: Rule = Rule {
    id: "LX-19",
    form: FORM,
    title: "Injections and insulin",
    outcome: Outcome::Info,
    cites: &[seed(S004, "§10.10"), url(CQC_DELEGATING), url(KIRKLEES)],
};

/// LX-20: Blood glucose.
pub static LX_20: Rule = Rule {
    id: "LX-20",
    form: FORM,
    title: "Blood glucose",
    outcome: Outcome::Info,
    cites: &[url(GLOUCESTERSHIRE).note("capillary blood test (finger prick test)")],
};

/// LX-21: Enteral feeding.
pub static LX_21: Rule = Rule {
    id: "LX-21",
    form: FORM,
    title: "Enteral feeding",
    outcome: Outcome::Info,
    cites: &[url(GLOUCESTERSHIRE), url(CQC_DELEGATING)],
};

/// LX-22: Bowel care.
pub static LX_22: Rule = Rule {
    id: "LX-22",
    form: FORM,
    title: "Bowel care",
    outcome: Outcome::Info,
    cites: &[url(GLOUCESTERSHIRE), url(KIRKLEES), url(CARETALK)],
};

/// LX-23: Dressings and wounds.
pub static LX_23: Rule = Rule {
    id: "LX-23",
    form: FORM,
    title: "Dressings and wounds",
    outcome: Outcome::Info,
    cites: &[seed(S004, "§10.10"), url(GLOUCESTERSHIRE)],
};

/// LX-24: Compression hosiery and bandaging.
pub static LX_24: Rule = Rule {
    id: "LX-24",
    form: FORM,
    title: "Compression hosiery and bandaging",
    outcome: Outcome::Info,
    cites: &[url(GLOUCESTERSHIRE), url(NURSING_TIMES), url(CARERS_COMPANIONS)],
};

/// LX-25: Oxygen.
pub static LX_25: Rule = Rule {
    id: "LX-25",
    form: FORM,
    title: "Oxygen",
    outcome: Outcome::Info,
    cites: &[url(BTS_OXYGEN).note("BTS quality statement 2"), url(SCOTLAND_SCHEDULE)],
};

/// LX-26: Observations.
pub static LX_26: Rule =
    Rule { id: "LX-26", form: FORM, title: "Observations", outcome: Outcome::Info, cites: &[url(DHSC_BLOG)] };

/// LX-27: Specimens.
pub static LX_27: Rule =
    Rule { id: "LX-27", form: FORM, title: "Specimens", outcome: Outcome::Info, cites: &[url(GLOUCESTERSHIRE)] };

/// LX-28: Airway and ventilation.
pub static LX_28: Rule = Rule {
    id: "LX-28",
    form: FORM,
    title: "Airway and ventilation",
    outcome: Outcome::Info,
    cites: &[seed(S004, "§10.10").note("derived: supervision of specialist medical treatment")],
};

/// LX-29: Intravenous and parenteral.
pub static LX_29: Rule = Rule {
    id: "LX-29",
    form: FORM,
    title: "Intravenous and parenteral",
    outcome: Outcome::Info,
    cites: &[seed(S004, "§10.10")],
};

/// LX-30: Domestic tasks.
pub static LX_30: Rule =
    Rule { id: "LX-30", form: FORM, title: "Domestic tasks", outcome: Outcome::Info, cites: &[seed(S004, "§10.11")] };

/// LX-31: Welfare and safety checks.
pub static LX_31: Rule = Rule {
    id: "LX-31",
    form: FORM,
    title: "Welfare and safety checks",
    outcome: Outcome::Info,
    cites: &[seed(S004, "§10.11"), seed(S004, "§17.1")],
};

/// LX-32: Social and emotional support.
pub static LX_32: Rule = Rule {
    id: "LX-32",
    form: FORM,
    title: "Social and emotional support",
    outcome: Outcome::Info,
    cites: &[seed(S004, "§10.11")],
};

/// LX-33: Money and shopping.
pub static LX_33: Rule = Rule {
    id: "LX-33",
    form: FORM,
    title: "Money and shopping",
    outcome: Outcome::Info,
    cites: &[seed(S000, "§6.2 b2"), url(DDC_REGULATED)],
};

/// LX-34: Escort and transport.
pub static LX_34: Rule = Rule {
    id: "LX-34",
    form: FORM,
    title: "Escort and transport",
    outcome: Outcome::Info,
    cites: &[seed(S003, "§9.7"), seed(S003, "§5.5")],
};

/// LX-35: Prescriptions.
pub static LX_35: Rule = Rule {
    id: "LX-35",
    form: FORM,
    title: "Prescriptions",
    outcome: Outcome::Info,
    cites: &[url(NICE_NG67).note("derived: medicines support covers any support to manage medicines")],
};

/// LX-36: Legal and financial documents.
pub static LX_36: Rule = Rule {
    id: "LX-36",
    form: FORM,
    title: "Legal and financial documents",
    outcome: Outcome::Info,
    cites: &[seed(S004, "§22.11")],
};

/// LX-37: Consent to treatment.
pub static LX_37: Rule = Rule {
    id: "LX-37",
    form: FORM,
    title: "Consent to treatment",
    outcome: Outcome::Info,
    cites: &[seed(S004, "§21.2")],
};

/// LX-38: Restrictive practice.
pub static LX_38: Rule = Rule {
    id: "LX-38",
    form: FORM,
    title: "Restrictive practice",
    outcome: Outcome::Info,
    cites: &[seed(S004, "§6.11")],
};

/// LX-39: Gardening, pets, DIY.
pub static LX_39: Rule = Rule {
    id: "LX-39",
    form: FORM,
    title: "Gardening, pets, DIY",
    outcome: Outcome::Info,
    cites: &[seed(S004, "§10.11"), url(SOMERSET_INFO)],
};

/// LX-40: Emergency.
pub static LX_40: Rule =
    Rule { id: "LX-40", form: FORM, title: "Emergency", outcome: Outcome::Info, cites: &[seed(S004, "§21.2")] };

pub(super) static RULES: &[&Rule] = &[
    &LX_01, &LX_02, &LX_03, &LX_04, &LX_05, &LX_06, &LX_07, &LX_08, &LX_09, &LX_10, &LX_11, &LX_12, &LX_13, &LX_14,
    &LX_15, &LX_16, &LX_17, &LX_18, &LX_19, &LX_20, &LX_21, &LX_22, &LX_23, &LX_24, &LX_25, &LX_26, &LX_27, &LX_28,
    &LX_29, &LX_30, &LX_31, &LX_32, &LX_33, &LX_34, &LX_35, &LX_36, &LX_37, &LX_38, &LX_39, &LX_40,
];
