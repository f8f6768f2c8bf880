//! The DBS and insurance validator (rules catalogue section 2).

use super::task_scope::DDC_REGULATED;
use super::{Rule, S000, S001, S003, S004, seed, url};
use crate::outcome::Outcome;

const FORM: &str = "dbs-insurance";
const APPLICANT_GUIDE: &str =
    "https://www.gov.uk/government/publications/dbs-update-service-applicant-guide/dbs-update-service-applicant-guide";
const EMPLOYER_GUIDE: &str =
    "http://www.gov.uk/government/publications/dbs-update-service-employer-guide/dbs-update-service-employer-guide";
const CERTIFICATE_NUMBER: &str = "https://onlinehelp.dbs.gov.uk/article/qed00186/how-do-i-let-an-organisation-carry-out-a-status-check-on-my-dbs-certificate";
const NO_EXPIRY: &str = "https://www.centralsurreyvoluntaryaction.co.uk/safeguarding/disclosure-and-barring-service/checking-someone-criminal-record-as-a-employer-or-volunteer-recruiter";
const STATUS_RESULTS: &str = "https://personnelchecks.freshdesk.com/support/solutions/articles/80001197803-how-to-use-the-dbs-update-service-feature";
const RENEW_SUBSCRIPTION: &str =
    "https://gov.uk/government/news/renew-your-dbs-update-service-subscription-dont-miss-out";
const YEARLY_CHECK: &str = "https://thirtyoneeight.org/dbs-service/dbs-update-service";
const NO_PASS_OR_FAIL: &str = "https://self-employed-dbs.co.uk/category/dbs-guides/";
const LEEDS: &str = "https://www.leedsdirectory.org/register/community-micro-enterprise-criteria/";
const EAST_SUSSEX: &str =
    "https://www.eastsussex.gov.uk/business/doing-business/tender-for-business/finance-insurance-requirements";
const MARKET_FLOOR: &str = "https://www.halifax.co.uk/insurance/business-insurance/public-liability-insurance/definitive-guide.html?wt.ac=pliability_guide";
const CERTIFICATE_CHECKS: &str = "https://www.proova.com/cert-of-insurance-a-b2b-guide-for-uk-insurers-and-brokers";
const GOV_EL: &str = "https://www.gov.uk/employers-liability-insurance";
const SOMERSET_CHOICES: &str =
    "https://www.somersetchoices.org.uk/adult/about-this-site/provider-approval-process.aspx";
const COVER_NOTES: &str = "https://www.markettradenews.com/insurance-matters-questions-answers-december-2014/";

/// DI-01: Care and support roles need an enhanced DBS check.
pub static DI_01: Rule = Rule {
    id: "DI-01",
    form: FORM,
    title: "Care and support roles need an enhanced DBS check",
    outcome: Outcome::Fail,
    cites: &[seed(S000, "§5 b1"), seed(S004, "§6.5 b1")],
};

/// DI-03: Regulated activity with adults needs the adults' barred list (fail), otherwise warn.
pub static DI_03: Rule = Rule {
    id: "DI-03",
    form: FORM,
    title: "Regulated activity with adults needs the adults' barred list (fail), otherwise warn",
    outcome: Outcome::Fail,
    cites: &[url(DDC_REGULATED), seed(S004, "§6.5 b3")],
};

/// DI-05: The certificate's workforce covers work with adults.
pub static DI_05: Rule = Rule {
    id: "DI-05",
    form: FORM,
    title: "The certificate's workforce covers work with adults",
    outcome: Outcome::Fail,
    cites: &[url(APPLICANT_GUIDE)],
};

/// DI-06: The certificate number is exactly 12 digits.
pub static DI_06: Rule = Rule {
    id: "DI-06",
    form: FORM,
    title: "The certificate number is exactly 12 digits",
    outcome: Outcome::Fail,
    cites: &[url(CERTIFICATE_NUMBER).note("12-digit certificate number")],
};

/// DI-07: An application form reference (starting with a letter) is not a certificate number.
pub static DI_07: Rule = Rule {
    id: "DI-07",
    form: FORM,
    title: "An application form reference (starting with a letter) is not a certificate number",
    outcome: Outcome::Fail,
    cites: &[url(APPLICANT_GUIDE)],
};

/// DI-08: The date of issue is a real date and not in the future.
pub static DI_08: Rule = Rule {
    id: "DI-08",
    form: FORM,
    title: "The date of issue is a real date and not in the future",
    outcome: Outcome::Fail,
    cites: &[seed(S000, "§5 b1").note("derived: the age limit needs a real date of issue")],
};

/// DI-09: The certificate is no older than the profile's limit (3 years), with a warning before.
pub static DI_09: Rule = Rule {
    id: "DI-09",
    form: FORM,
    title: "The certificate is no older than the profile's limit (3 years), with a warning before",
    outcome: Outcome::Fail,
    cites: &[seed(S000, "§5 b1").note("no more than 3 years old"), url(NO_EXPIRY)],
};

/// DI-13: The Update Service does not cover basic certificates.
pub static DI_13: Rule = Rule {
    id: "DI-13",
    form: FORM,
    title: "The Update Service does not cover basic certificates",
    outcome: Outcome::Fail,
    cites: &[url(EMPLOYER_GUIDE)],
};

/// DI-15: How to read an Update Service status check.
pub static DI_15: Rule = Rule {
    id: "DI-15",
    form: FORM,
    title: "How to read an Update Service status check",
    outcome: Outcome::Fail,
    cites: &[url(STATUS_RESULTS)],
};

/// DI-16: The Update Service subscription is renewed before it ends.
pub static DI_16: Rule = Rule {
    id: "DI-16",
    form: FORM,
    title: "The Update Service subscription is renewed before it ends",
    outcome: Outcome::Warn,
    cites: &[url(RENEW_SUBSCRIPTION)],
};

/// DI-17: A status check at least once every 12 months.
pub static DI_17: Rule = Rule {
    id: "DI-17",
    form: FORM,
    title: "A status check at least once every 12 months",
    outcome: Outcome::Warn,
    cites: &[url(YEARLY_CHECK)],
};

/// DI-18: A certificate that discloses information goes to a recorded suitability decision.
pub static DI_18: Rule = Rule {
    id: "DI-18",
    form: FORM,
    title: "A certificate that discloses information goes to a recorded suitability decision",
    outcome: Outcome::Warn,
    cites: &[url(NO_PASS_OR_FAIL)],
};

/// DI-19: Everyone who works with clients has a DBS check.
pub static DI_19: Rule = Rule {
    id: "DI-19",
    form: FORM,
    title: "Everyone who works with clients has a DBS check",
    outcome: Outcome::Fail,
    cites: &[seed(S004, "§6.5 b1"), seed(S003, "EoE Std 11.2"), seed(S003, "EoE Std 11.3")],
};

/// DI-20: The DBS check is in place before the worker starts.
pub static DI_20: Rule = Rule {
    id: "DI-20",
    form: FORM,
    title: "The DBS check is in place before the worker starts",
    outcome: Outcome::Fail,
    cites: &[seed(S003, "EoE Std 11.2")],
};

/// DI-30: Public liability insurance is required.
pub static DI_30: Rule = Rule {
    id: "DI-30",
    form: FORM,
    title: "Public liability insurance is required",
    outcome: Outcome::Fail,
    cites: &[seed(S000, "§5 b2").note("current public liability and other insurance"), seed(S001, "§6")],
};

/// DI-31: Each policy is current today, with a warning before it expires.
pub static DI_31: Rule = Rule {
    id: "DI-31",
    form: FORM,
    title: "Each policy is current today, with a warning before it expires",
    outcome: Outcome::Fail,
    cites: &[seed(S000, "§5 b2").note("current")],
};

/// DI-32: The public liability limit meets the profile's minimum (fail below £1m, warn below £5m).
pub static DI_32: Rule = Rule {
    id: "DI-32",
    form: FORM,
    title: "The public liability limit meets the profile's minimum (fail below £1m, warn below £5m)",
    outcome: Outcome::Fail,
    cites: &[url(LEEDS), url(EAST_SUSSEX), url(MARKET_FLOOR)],
};

/// DI-33: The insured name is the applicant's legal or trading name.
pub static DI_33: Rule = Rule {
    id: "DI-33",
    form: FORM,
    title: "The insured name is the applicant's legal or trading name",
    outcome: Outcome::Warn,
    cites: &[url(CERTIFICATE_CHECKS)],
};

/// DI-34: The policy's exclusions and business description cover the services offered.
pub static DI_34: Rule = Rule {
    id: "DI-34",
    form: FORM,
    title: "The policy's exclusions and business description cover the services offered",
    outcome: Outcome::Fail,
    cites: &[seed(S000, "§5 b2").note("covers all relevant aspects of the service")],
};

/// DI-36: Employers' liability of at least £5m from the first employee who is not close family.
pub static DI_36: Rule = Rule {
    id: "DI-36",
    form: FORM,
    title: "Employers' liability of at least £5m from the first employee who is not close family",
    outcome: Outcome::Fail,
    cites: &[url(GOV_EL).note("Employers' Liability (Compulsory Insurance) Act 1969")],
};

/// DI-37: No employers' liability is needed when the only employees are close family.
pub static DI_37: Rule = Rule {
    id: "DI-37",
    form: FORM,
    title: "No employers' liability is needed when the only employees are close family",
    outcome: Outcome::Info,
    cites: &[url(GOV_EL)],
};

/// DI-41: Professional indemnity insurance (warn when missing; a profile may make it fail).
pub static DI_41: Rule = Rule {
    id: "DI-41",
    form: FORM,
    title: "Professional indemnity insurance (warn when missing; a profile may make it fail)",
    outcome: Outcome::Warn,
    cites: &[url(SOMERSET_CHOICES)],
};

/// DI-42: An enterprise that drives clients has motor insurance for business use.
pub static DI_42: Rule = Rule {
    id: "DI-42",
    form: FORM,
    title: "An enterprise that drives clients has motor insurance for business use",
    outcome: Outcome::Fail,
    cites: &[url(SOMERSET_CHOICES), seed(S003, "§9.7")],
};

/// DI-44: Cover notes and letters are temporary evidence only.
pub static DI_44: Rule = Rule {
    id: "DI-44",
    form: FORM,
    title: "Cover notes and letters are temporary evidence only",
    outcome: Outcome::Warn,
    cites: &[url(COVER_NOTES)],
};

pub(super) static RULES: &[&Rule] = &[
    &DI_01, &DI_03, &DI_05, &DI_06, &DI_07, &DI_08, &DI_09, &DI_13, &DI_15, &DI_16, &DI_17, &DI_18, &DI_19, &DI_20,
    &DI_30, &DI_31, &DI_32, &DI_33, &DI_34, &DI_36, &DI_37, &DI_41, &DI_42, &DI_44,
];
