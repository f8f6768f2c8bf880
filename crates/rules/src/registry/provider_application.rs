//! The micro-provider application (rules catalogue section 1, MP-01 to MP-59). Defaults: §8.1
//! decisions 2 to 4. The application also runs the DBS and insurance rules (DI-…) and the task
//! scope rules (TS-…, LX-…) on its own workers, policies and tasks: those stay registered once,
//! under their own forms. Not implemented: MP-05, MP-18 (DI-09 is the 3-year limit), MP-31,
//! MP-32, MP-34, MP-35, MP-56 to MP-59.

use super::{Rule, S000, S001, seed, url};
use crate::outcome::Outcome;

const FORM: &str = "provider-application";
const GOV_EL: &str = "https://www.gov.uk/employers-liability-insurance";
const CQC_PERSONAL_CARE: &str = "https://www.cqc.org.uk/guidance-providers/registration/personal-care";
const QCS_SOLE_TRADER: &str = "https://www.qcs.co.uk/ask-specialists/i-am-a-sole-trader-providing-a-bathing-and-showering-service-to-a-number-of-elderly-people-do-i-need-to-be-registered-with-the-cqc/";

/// Declares the rules of this form, each a static, and lists them in `RULES`.
macro_rules! rules {
    ($($name:ident = $id:literal, $title:literal, $outcome:ident, [$($cite:expr),+];)+) => {
        $(
            #[doc = concat!($id, ": ", $title, ".")]
            pub static $name: Rule = Rule { id: $id, form: FORM, title: $title, outcome: Outcome::$outcome, cites: &[$($cite),+] };
        )+
        /// The form's rules, in id order.
        pub(super) static RULES: &[&Rule] = &[$(&$name),+];
    };
}

rules! {
    MP_01 = "MP-01", "The applicant lives in the council's area (postcode; a straddling district goes to an officer)", Fail, [seed(S000, "§2 b1")];
    MP_02 = "MP-02", "The services are delivered in the council's area: none inside fails, some outside warns", Fail, [seed(S000, "§2 b1")];
    MP_03 = "MP-03", "The enterprise is totally independent: no parent organisation, not a franchise", Fail, [seed(S000, "§2 b2"), seed(S001, "§1")];
    MP_04 = "MP-04", "Size: more than 8 people by headcount fails, and 8 or more full-time equivalents fails (37.5 hours = 1 FTE; volunteers count)", Fail, [seed(S000, "§2 b2").note("fewer than 8 (full time equivalent)"), seed(S001, "§1").note("eight or fewer paid or unpaid workers")];
    MP_06 = "MP-06", "People who plan to run an enterprise may apply, with templates for their documents", Info, [seed(S000, "§2 b2").note("run or plan to run")];
    MP_07 = "MP-07", "The services are designed around people's needs, value them, are flexible, promote independence, choice, diversity and equality (five commitments)", Fail, [seed(S000, "§3")];
    MP_08 = "MP-08", "Commitment: compliant with all legislative and regulatory requirements", Fail, [seed(S000, "§4 b1")];
    MP_09 = "MP-09", "Commitment: only activities the applicant is qualified, experienced and competent for", Fail, [seed(S000, "§4 b2")];
    MP_10 = "MP-10", "Commitment: continually improving quality", Fail, [seed(S000, "§4 b3")];
    MP_11 = "MP-11", "Commitment: a fair price", Fail, [seed(S000, "§4 b4")];
    MP_12 = "MP-12", "A clear cost breakdown: a price list is evidence, and failing to give one is unacceptable conduct", Fail, [seed(S000, "§4 b5"), seed(S000, "§6.4 b7")];
    MP_13 = "MP-13", "Commitment: the service is safe and follows safeguarding principles", Fail, [seed(S000, "§4 b6")];
    MP_14 = "MP-14", "Commitment: open, honest and trustworthy, respecting confidential information", Fail, [seed(S000, "§4 b7")];
    MP_15 = "MP-15", "Commitment: honouring commitments, agreements and arrangements, explaining why when not possible", Fail, [seed(S000, "§4 b8")];
    MP_16 = "MP-16", "The applicant's own DBS check passes the DBS rules (enhanced, no more than 3 years old)", Fail, [seed(S000, "§5 b1")];
    MP_17 = "MP-17", "Every other worker, paid or volunteer, has a DBS check that passes the DBS rules", Fail, [seed(S000, "§5 b1").note("for myself and any workers")];
    MP_19 = "MP-19", "Current public liability insurance that passes the insurance rules", Fail, [seed(S000, "§5 b2"), seed(S001, "§6")];
    MP_20 = "MP-20", "Other insurance covers the service: employers' liability once anyone other than the applicant is paid, and the other policies", Fail, [seed(S000, "§5 b2"), url(GOV_EL)];
    MP_21 = "MP-21", "Current guidelines on risk management, safety and safeguarding (a document)", Fail, [seed(S000, "§5 b3")];
    MP_22 = "MP-22", "Commitment: a current complaints procedure", Fail, [seed(S000, "§5 b4")];
    MP_23 = "MP-23", "Commitment: clear, up to date procedures for assessing and meeting needs", Fail, [seed(S000, "§5 b5")];
    MP_24 = "MP-24", "Commitment: written contracts with everyone who uses the service", Fail, [seed(S000, "§5 b6")];
    MP_25 = "MP-25", "Within the boundaries of CQC regulation: the commitment, and no excluded clinical or never-permitted task offered", Fail, [seed(S000, "§5 b7"), seed(S000, "§7")];
    MP_26 = "MP-26", "Sharing contact details with other network members is optional and never blocks", Info, [seed(S000, "§5 b8")];
    MP_27 = "MP-27", "No disciplinary or other action for poor practice in a care or related role, ever", Fail, [seed(S000, "§5 b9")];
    MP_28 = "MP-28", "Evidence for the directory: DBS checks, public liability insurance, terms of service, support plan, complaints and safeguarding policies", Fail, [seed(S001, "§6")];
    MP_29 = "MP-29", "Personal care offered needs CQC registration or the individual exemption", Fail, [seed(S001, "§5"), url(CQC_PERSONAL_CARE)];
    MP_30 = "MP-30", "The exemption covers only a sole trader who delivers all the personal care personally", Fail, [seed(S001, "§5"), url(QCS_SOLE_TRADER)];
    MP_33 = "MP-33", "Under the exemption, each client answers yes to the five questions (per client, shown here)", Info, [seed(S001, "§5")];
    MP_36 = "MP-36", "Unacceptable conduct: abusing, neglecting or harming a client", Fail, [seed(S000, "§6.1 b1")];
    MP_37 = "MP-37", "Unacceptable conduct: unlawful or unjustifiable discrimination", Fail, [seed(S000, "§6.1 b2")];
    MP_38 = "MP-38", "Unacceptable conduct: abusing trust, or access to personal information", Fail, [seed(S000, "§6.1 b3")];
    MP_39 = "MP-39", "Unacceptable conduct: discussing client information with others, social media included", Fail, [seed(S000, "§6.2 b1")];
    MP_40 = "MP-40", "Unacceptable conduct: access to or knowledge of a client's PINs, cards or passwords", Fail, [seed(S000, "§6.2 b2")];
    MP_41 = "MP-41", "Unacceptable conduct: disclosing anything about a client without their approval", Fail, [seed(S000, "§6.2 b3")];
    MP_42 = "MP-42", "Unacceptable conduct: inappropriate personal relationships with a client", Fail, [seed(S000, "§6.3 b1")];
    MP_43 = "MP-43", "Unacceptable conduct: accepting gifts or money other than wages", Fail, [seed(S000, "§6.3 b2")];
    MP_44 = "MP-44", "Unacceptable conduct: looking after a client's valuable items", Fail, [seed(S000, "§6.3 b3")];
    MP_45 = "MP-45", "Unacceptable conduct: bringing children or dependants to the place of work", Fail, [seed(S000, "§6.4 b1")];
    MP_46 = "MP-46", "Unacceptable conduct: smoking or vaping while working", Fail, [seed(S000, "§6.4 b2")];
    MP_47 = "MP-47", "Unacceptable conduct: alcohol before or during work", Fail, [seed(S000, "§6.4 b3")];
    MP_48 = "MP-48", "Unacceptable conduct: illegal substances or behaviour", Fail, [seed(S000, "§6.4 b4")];
    MP_49 = "MP-49", "Unacceptable conduct: using a client's personal items the work does not need", Fail, [seed(S000, "§6.4 b5")];
    MP_50 = "MP-50", "Unacceptable conduct: inappropriate behaviour, abusive or foul language", Fail, [seed(S000, "§6.4 b6")];
    MP_51 = "MP-51", "Unacceptable conduct: poaching or soliciting clients from previous employers", Fail, [seed(S000, "§6.4 b8")];
    MP_52 = "MP-52", "Unacceptable conduct: failing to invoice regularly, communicate clearly and keep accurate records", Fail, [seed(S000, "§6.4 b9")];
    MP_53 = "MP-53", "The programme may refuse an application or remove a provider (shown)", Info, [seed(S000, "§1"), seed(S001, "§6")];
    MP_54 = "MP-54", "Somerset Council does not recommend organisations and is not responsible for how they deliver services (shown)", Info, [seed(S000, "§1")];
    MP_55 = "MP-55", "The programme aligns with the Code of Conduct for Healthcare Support Workers and Adult Social Care Workers: acknowledged", Fail, [seed(S000, "§8")];
}
