//! The homecare task scope checker: catalogue rules TS-01 to TS-39 that the code applies, and
//! Careform's own CF-TS rules.

use super::{Cite, README, Rule, S000, S001, S003, S004, seed, url};
use crate::outcome::Outcome;

const FORM: &str = "task-scope";

pub(super) const CQC_PERSONAL_CARE: &str = "https://uksupportedhousing.com/knowledgebank/personal-care/";
pub(super) const SOMERSET_GUIDANCE: &str =
    "https://connectsomerset.org.uk/get-help-at-home-with-micro-providers/service-guidance-when-using-micro-providers/";
pub(super) const SOMERSET_INFO: &str =
    "https://connectsomerset.org.uk/get-help-at-home-with-micro-providers/information-and-advice-on-micro-providers";
pub(super) const CARERS_COMPANIONS: &str = "http://carersandcompanions.co.uk/schedule-of-what-carers-do-and-dont-do/";
pub(super) const GLOUCESTERSHIRE: &str = "https://gloucestershire.gov.uk/health-and-social-care/adult-social-care/social-care-policies-and-procedures/intimate-personal-care-and-clinical-tasks/intimate-personal-care-and-clinical-tasks-policy/category-2-tasks-that-may-be-delegated-by-a-health-professional-to-the-local-authority";
pub(super) const CQC_DELEGATING: &str =
    "https://www.cqc.org.uk/guidance-providers/adult-social-care/delegating-medicines-administration";
pub(super) const KIRKLEES: &str = "https://www.kirklees.gov.uk/beta/adult-social-care-providers/medication-guidance/roles-not-undertaken-by-contracted-providers.aspx";
pub(super) const SKILLS_FOR_CARE_DHA: &str = "https://www.skillsforcare.org.uk/Leadership-management/commissioning-and-planning-workforce/Delegated-healthcare-tasks.aspx";
pub(super) const AXE_VALLEY: &str = "https://www.axevalleyhomecare.co.uk/axe_services/medication-assistance/";
pub(super) const FIND_THE_NEEDLE: &str = "https://findtheneedle.co.uk/companies/wandp-assessment-and-training-centre/news/current-focus-areas-for-social-care-providers-in-cqc-inspections";
pub(super) const DDC_REGULATED: &str =
    "https://www.ddc.uk.net/help-advice/what-is-regulated-activity/what-is-regulated-activity-with-adults/";
pub(super) const DISCLOSURES_ONLINE: &str = "https://disclosuresonline.co.uk/regulated-activity-adults";
pub(super) const BTS_OXYGEN: &str = "https://pmc.ncbi.nlm.nih.gov/articles/PMC5623332/table/tblu3";
pub(super) const ACTIVE_INDEPENDENCE: &str =
    "https://activeindependence.org/should-pas-register-with-the-care-quality-commission/";
pub(super) const SCOTLAND_SCHEDULE: &str = "https://www.legislation.gov.uk/asp/2002/5/schedule/1/enacted/data.html";
pub(super) const HAIRDRESSING_ORDER: &str = "https://legislation.gov.uk/uksi/2012/2113/article/6/data.html";
pub(super) const NICE_NG67: &str = "https://www.nice.org.uk/guidance/NG67/chapter/Recommendations";
pub(super) const NURSING_TIMES: &str =
    "https://www.nursingtimes.net/should-health-care-assistants-apply-compression-bandages/203413.article";
pub(super) const DHSC_BLOG: &str =
    "https://socialcare.blog.gov.uk/2023/06/27/supporting-delegated-healthcare-in-the-care-workforce/";
pub(super) const CARETALK: &str =
    "https://www.caretalk.co.uk/learn/delegated-healthcare-activities-from-skills-for-care/";
pub(super) const CQC_SCOPE_P14: &str = "https://www.qcs.co.uk/ask-specialists/i-am-a-sole-trader-providing-a-bathing-and-showering-service-to-a-number-of-elderly-people-do-i-need-to-be-registered-with-the-cqc/";

/// TS-01: Personal care is physical help with eating, drinking, toileting, washing, dressing, oral care, skin, hair and nails (SI 2014/2936 reg 2).
pub static TS_01: Rule = Rule {
    id: "TS-01",
    form: FORM,
    title: "Personal care is physical help with eating, drinking, toileting, washing, dressing, oral care, skin, hair and nails (SI 2014/2936 reg 2)",
    outcome: Outcome::Info,
    cites: &[url(CQC_PERSONAL_CARE).note("SI 2014/2936 reg 2"), url(SOMERSET_GUIDANCE)],
};

/// TS-02: Prompting is personal care only together with supervision, for someone who cannot decide without it.
pub static TS_02: Rule = Rule {
    id: "TS-02",
    form: FORM,
    title: "Prompting is personal care only together with supervision, for someone who cannot decide without it",
    outcome: Outcome::Info,
    cites: &[url(CQC_PERSONAL_CARE).note("SI 2014/2936 reg 2")],
};

/// TS-04: Bexley's list of personal care tasks.
pub static TS_04: Rule = Rule {
    id: "TS-04",
    form: FORM,
    title: "Bexley's list of personal care tasks",
    outcome: Outcome::Info,
    cites: &[seed(S004, "§10.9")],
};

/// TS-05: Nail cutting is excluded from hand and foot care: refer to podiatry.
pub static TS_05: Rule = Rule {
    id: "TS-05",
    form: FORM,
    title: "Nail cutting is excluded from hand and foot care: refer to podiatry",
    outcome: Outcome::Fail,
    cites: &[seed(S004, "§10.9"), url(CQC_PERSONAL_CARE).note("SI 2014/2936 reg 2")],
};

/// TS-06: Skin care only where there is no inflamed or broken skin.
pub static TS_06: Rule = Rule {
    id: "TS-06",
    form: FORM,
    title: "Skin care only where there is no inflamed or broken skin",
    outcome: Outcome::Fail,
    cites: &[seed(S004, "§10.9"), url(CARERS_COMPANIONS)],
};

/// TS-07: Catheter and stoma: emptying bags is personal care; tubes are excluded.
pub static TS_07: Rule = Rule {
    id: "TS-07",
    form: FORM,
    title: "Catheter and stoma: emptying bags is personal care; tubes are excluded",
    outcome: Outcome::Fail,
    cites: &[seed(S004, "§10.9").note("though not tubes"), url(GLOUCESTERSHIRE)],
};

/// TS-08: Medication reminders only with a dosette box or 28-day blister pack.
pub static TS_08: Rule = Rule {
    id: "TS-08",
    form: FORM,
    title: "Medication reminders only with a dosette box or 28-day blister pack",
    outcome: Outcome::Warn,
    cites: &[seed(S004, "§10.9")],
};

/// TS-09: A medication task needs a medication record.
pub static TS_09: Rule = Rule {
    id: "TS-09",
    form: FORM,
    title: "A medication task needs a medication record",
    outcome: Outcome::Warn,
    cites: &[seed(S004, "§11.1")],
};

/// TS-10: Administering drugs, including by injection, is excluded unless validly delegated.
pub static TS_10: Rule = Rule {
    id: "TS-10",
    form: FORM,
    title: "Administering drugs, including by injection, is excluded unless validly delegated",
    outcome: Outcome::Fail,
    cites: &[seed(S004, "§10.10"), url(CQC_DELEGATING), url(KIRKLEES)],
};

/// TS-11: Applying dressings is excluded (a replacement dressing may be delegated).
pub static TS_11: Rule = Rule {
    id: "TS-11",
    form: FORM,
    title: "Applying dressings is excluded (a replacement dressing may be delegated)",
    outcome: Outcome::Fail,
    cites: &[seed(S004, "§10.10"), url(GLOUCESTERSHIRE)],
};

/// TS-12: Wound care is excluded.
pub static TS_12: Rule = Rule {
    id: "TS-12",
    form: FORM,
    title: "Wound care is excluded",
    outcome: Outcome::Fail,
    cites: &[seed(S004, "§10.10")],
};

/// TS-13: Treating pressure sores is excluded; monitoring pressure areas is personal care.
pub static TS_13: Rule = Rule {
    id: "TS-13",
    form: FORM,
    title: "Treating pressure sores is excluded; monitoring pressure areas is personal care",
    outcome: Outcome::Fail,
    cites: &[seed(S004, "§10.9"), seed(S004, "§10.10")],
};

/// TS-14: Supervising specialist medical treatment is excluded.
pub static TS_14: Rule = Rule {
    id: "TS-14",
    form: FORM,
    title: "Supervising specialist medical treatment is excluded",
    outcome: Outcome::Fail,
    cites: &[seed(S004, "§10.10")],
};

/// TS-15: Practical and social support: not a CQC regulated activity.
pub static TS_15: Rule = Rule {
    id: "TS-15",
    form: FORM,
    title: "Practical and social support: not a CQC regulated activity",
    outcome: Outcome::Info,
    cites: &[seed(S004, "§10.11")],
};

/// TS-16: Domestic cleaning only as part of a schedule that includes personal care (Bexley).
pub static TS_16: Rule = Rule {
    id: "TS-16",
    form: FORM,
    title: "Domestic cleaning only as part of a schedule that includes personal care (Bexley)",
    outcome: Outcome::Fail,
    cites: &[seed(S004, "§10.11")],
};

/// TS-18: A delegated healthcare task needs a valid delegation; confirm indemnity and escalation.
pub static TS_18: Rule = Rule {
    id: "TS-18",
    form: FORM,
    title: "A delegated healthcare task needs a valid delegation; confirm indemnity and escalation",
    outcome: Outcome::Fail,
    cites: &[url(KIRKLEES), url(GLOUCESTERSHIRE), url(CQC_DELEGATING), url(SKILLS_FOR_CARE_DHA)],
};

/// TS-20: The worker never gives consent to medical treatment.
pub static TS_20: Rule = Rule {
    id: "TS-20",
    form: FORM,
    title: "The worker never gives consent to medical treatment",
    outcome: Outcome::Fail,
    cites: &[seed(S004, "§21.2")],
};

/// TS-21: Covert, as-required or homely-remedy medicines need a protocol signed by the prescriber.
pub static TS_21: Rule = Rule {
    id: "TS-21",
    form: FORM,
    title: "Covert, as-required or homely-remedy medicines need a protocol signed by the prescriber",
    outcome: Outcome::Fail,
    cites: &[seed(S003, "EoE Std 8.2")],
};

/// TS-24: No medicines left out or put into a box by family (secondary dispensing).
pub static TS_24: Rule = Rule {
    id: "TS-24",
    form: FORM,
    title: "No medicines left out or put into a box by family (secondary dispensing)",
    outcome: Outcome::Fail,
    cites: &[url(AXE_VALLEY).note("provider reporting CQC advice")],
};

/// TS-25: Prescribed creams are recorded each time, with a body map.
pub static TS_25: Rule = Rule {
    id: "TS-25",
    form: FORM,
    title: "Prescribed creams are recorded each time, with a body map",
    outcome: Outcome::Info,
    cites: &[url(FIND_THE_NEEDLE)],
};

/// TS-27: Moving and handling needs an assessment and trained workers.
pub static TS_27: Rule = Rule {
    id: "TS-27",
    form: FORM,
    title: "Moving and handling needs an assessment and trained workers",
    outcome: Outcome::Fail,
    cites: &[seed(S004, "§10.2"), seed(S004, "§14.4"), seed(S004, "§14.5"), seed(S003, "EoE Std 10.2")],
};

/// TS-28: Double-handed tasks follow the provider's double-handling policy.
pub static TS_28: Rule = Rule {
    id: "TS-28",
    form: FORM,
    title: "Double-handed tasks follow the provider's double-handling policy",
    outcome: Outcome::Info,
    cites: &[seed(S004, "§14.8")],
};

/// TS-29: Restraint needs a capacity assessment and a best-interests decision.
pub static TS_29: Rule = Rule {
    id: "TS-29",
    form: FORM,
    title: "Restraint needs a capacity assessment and a best-interests decision",
    outcome: Outcome::Fail,
    cites: &[seed(S004, "§6.11")],
};

/// TS-30: Calls at least 4 hours apart (warn); calls outside 06:00 to 23:00 (info).
pub static TS_30: Rule = Rule {
    id: "TS-30",
    form: FORM,
    title: "Calls at least 4 hours apart (warn); calls outside 06:00 to 23:00 (info)",
    outcome: Outcome::Warn,
    cites: &[seed(S004, "§10.16"), seed(S004, "§10.3")],
};

/// TS-31: Food preparation needs food hygiene training.
pub static TS_31: Rule = Rule {
    id: "TS-31",
    form: FORM,
    title: "Food preparation needs food hygiene training",
    outcome: Outcome::Warn,
    cites: &[seed(S003, "EoE Std 4.6"), seed(S004, "§22.1")],
};

/// TS-32: Handling money or shopping is DBS regulated activity; never PINs or cards.
pub static TS_32: Rule = Rule {
    id: "TS-32",
    form: FORM,
    title: "Handling money or shopping is DBS regulated activity; never PINs or cards",
    outcome: Outcome::Info,
    cites: &[url(DDC_REGULATED), seed(S000, "§6.2 b2")],
};

/// TS-33: Escort and transport are practical support; conveying is DBS regulated activity.
pub static TS_33: Rule = Rule {
    id: "TS-33",
    form: FORM,
    title: "Escort and transport are practical support; conveying is DBS regulated activity",
    outcome: Outcome::Info,
    cites: &[seed(S003, "§9.7"), seed(S003, "§5.5"), url(DISCLOSURES_ONLINE)],
};

/// TS-34: Home oxygen needs a home risk assessment including smoking.
pub static TS_34: Rule = Rule {
    id: "TS-34",
    form: FORM,
    title: "Home oxygen needs a home risk assessment including smoking",
    outcome: Outcome::Warn,
    cites: &[url(BTS_OXYGEN).note("BTS quality statement 2"), seed(S000, "§6.4 b2")],
};

/// TS-35: Personal care needs a CQC-registered provider or the exemption.
pub static TS_35: Rule = Rule {
    id: "TS-35",
    form: FORM,
    title: "Personal care needs a CQC-registered provider or the exemption",
    outcome: Outcome::Fail,
    cites: &[
        seed(S001, "§5").note("personal care is regulated; the exemption and its five questions"),
        url(CQC_SCOPE_P14).note("CQC Scope of registration p.14"),
    ],
};

/// TS-36: Delegated clinical tasks do not remove a directly employed worker's exemption.
pub static TS_36: Rule = Rule {
    id: "TS-36",
    form: FORM,
    title: "Delegated clinical tasks do not remove a directly employed worker's exemption",
    outcome: Outcome::Info,
    cites: &[url(ACTIVE_INDEPENDENCE)],
};

/// TS-38: A modified diet or thickened fluids needs a speech and language therapy plan.
pub static TS_38: Rule = Rule {
    id: "TS-38",
    form: FORM,
    title: "A modified diet or thickened fluids needs a speech and language therapy plan",
    outcome: Outcome::Warn,
    cites: &[seed(S003, "EoE Std 3.11"), seed(S003, "§5.6")],
};

/// TS-39: Scotland's free personal care schedule is not English law.
pub static TS_39: Rule = Rule {
    id: "TS-39",
    form: FORM,
    title: "Scotland's free personal care schedule is not English law",
    outcome: Outcome::Info,
    cites: &[url(SCOTLAND_SCHEDULE)],
};

/// CF-TS-01: An unrecognised task is never guessed: a person decides.
pub static CF_TS_01: Rule = Rule {
    id: "CF-TS-01",
    form: FORM,
    title: "An unrecognised task is never guessed: a person decides",
    outcome: Outcome::Warn,
    cites: &[Cite {
        doc: README,
        section: "Homecare task scope checker",
        note: "Careform rule: an unrecognised task is never guessed",
    }],
};

/// CF-TS-02: The report shown in the browser matches the server's own check.
pub static CF_TS_02: Rule = Rule {
    id: "CF-TS-02",
    form: FORM,
    title: "The report shown in the browser matches the server's own check",
    outcome: Outcome::Warn,
    cites: &[Cite {
        doc: README,
        section: "Homecare task scope checker",
        note: "Careform rule: the server re-checks every submission",
    }],
};

pub(super) static RULES: &[&Rule] = &[
    &TS_01, &TS_02, &TS_04, &TS_05, &TS_06, &TS_07, &TS_08, &TS_09, &TS_10, &TS_11, &TS_12, &TS_13, &TS_14, &TS_15,
    &TS_16, &TS_18, &TS_20, &TS_21, &TS_24, &TS_25, &TS_27, &TS_28, &TS_29, &TS_30, &TS_31, &TS_32, &TS_33, &TS_34,
    &TS_35, &TS_36, &TS_38, &TS_39, &CF_TS_01, &CF_TS_02,
];
