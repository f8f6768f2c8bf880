//! The commitments of `000_0306a16ec1856581.txt` (§2 to §6, and §8), each with a stable id and its
//! exact text, and their rules: an unticked (missing or mismatched) commitment fails under its
//! rule; the optional contact-sharing consent (MP-26) never blocks; MP-53 and MP-54 are shown.
//!
//! A commitment is shown as its lead (the heading it sits under in the source) and its statement,
//! both verbatim (a statement broken across lines in the source is joined with one space). The
//! attestation's `text_sha256` is the SHA-256 of [`Commitment::shown`], base64url without padding,
//! as the PA acknowledgement attests its code.

use base64::Engine as _;
use sha2::{Digest as _, Sha256};

use super::input::CommitmentRef;
use crate::finding::Finding;
use crate::outcome::Outcome;
use crate::registry::{
    MP_01, MP_03, MP_07, MP_08, MP_09, MP_10, MP_11, MP_12, MP_13, MP_14, MP_15, MP_16, MP_19, MP_21, MP_22, MP_23,
    MP_24, MP_25, MP_26, MP_27, MP_36, MP_37, MP_38, MP_39, MP_40, MP_41, MP_42, MP_43, MP_44, MP_45, MP_46, MP_47,
    MP_48, MP_49, MP_50, MP_51, MP_52, MP_53, MP_54, MP_55, Rule,
};

/// The version every commitment's text has now; a changed text is a new version.
pub const VERSION: &str = "1";

/// One commitment.
#[derive(Debug, PartialEq, Eq)]
pub struct Commitment {
    /// Stable id (`mp-07-needs`), as attestations carry it.
    pub id: &'static str,
    /// The rule an unticked commitment fails.
    pub rule: &'static Rule,
    /// Where it is in the source (`§3 b1`).
    pub section: &'static str,
    /// The heading it sits under in the source, verbatim (lines joined with `\n`).
    pub lead: &'static str,
    /// The statement, verbatim.
    pub text: &'static str,
}

impl Commitment {
    /// The exact text shown and attested: the lead, a line break, the statement.
    pub fn shown(&self) -> String {
        format!("{}\n{}", self.lead, self.text)
    }

    /// SHA-256 (base64url, no padding) of [`Commitment::shown`].
    pub fn text_sha256(&self) -> String {
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(self.shown().as_bytes()))
    }

    /// Whether ticking it is optional (MP-26: sharing contact details is not a requirement).
    pub fn optional(&self) -> bool {
        std::ptr::eq(self.rule, &MP_26)
    }

    /// The attestation that ticks it.
    pub fn attest(&self) -> CommitmentRef {
        CommitmentRef { id: self.id.to_owned(), version: VERSION.to_owned(), text_sha256: self.text_sha256() }
    }
}

const fn c(
    id: &'static str,
    rule: &'static Rule,
    section: &'static str,
    lead: &'static str,
    text: &'static str,
) -> Commitment {
    Commitment { id, rule, section, lead, text }
}

/// Every commitment, in the source's order.
pub static COMMITMENTS: &[Commitment] = &[
    c(
        "mp-01-live-and-work",
        &MP_01,
        "§2 b1",
        "As a Micro-provider part of the Somerset Micro-enterprise Programme I have confirmed that I:",
        "Live and work in Somerset",
    ),
    c(
        "mp-03-independent-and-small",
        &MP_03,
        "§2 b2",
        "As a Micro-provider part of the Somerset Micro-enterprise Programme I have confirmed that I:",
        "Run or plan to run a small business, enterprise, venture or group that is totally independent, has fewer than 8 (full time equivalent) employees/volunteers that offers services or that help people improve their health or wellbeing and/or are defined as social care.",
    ),
    c(
        "mp-07-needs",
        &MP_07,
        "§3 b1",
        "The services and supports offered by my enterprise or group:",
        "Are designed to meet people’s needs and requirements",
    ),
    c(
        "mp-07-value",
        &MP_07,
        "§3 b2",
        "The services and supports offered by my enterprise or group:",
        "Value the person or people I support",
    ),
    c(
        "mp-07-flexible",
        &MP_07,
        "§3 b3",
        "The services and supports offered by my enterprise or group:",
        "Are flexible and responsive to change",
    ),
    c(
        "mp-07-independence",
        &MP_07,
        "§3 b4",
        "The services and supports offered by my enterprise or group:",
        "Promote people’s independence and choice",
    ),
    c(
        "mp-07-diversity",
        &MP_07,
        "§3 b5",
        "The services and supports offered by my enterprise or group:",
        "Promote diversity and equality of opportunity",
    ),
    c(
        "mp-08-compliant",
        &MP_08,
        "§4 b1",
        "I am committed to:",
        "Ensuring that my enterprise and its activity is compliant with all legislative and regulatory requirements.",
    ),
    c(
        "mp-09-competent",
        &MP_09,
        "§4 b2",
        "I am committed to:",
        "Undertake activities to which I am qualified, experienced and competent.",
    ),
    c(
        "mp-10-improving",
        &MP_10,
        "§4 b3",
        "I am committed to:",
        "Continually improving the quality of the services and supports that my enterprise offers.",
    ),
    c("mp-11-fair-price", &MP_11, "§4 b4", "I am committed to:", "Charging a fair price for my services."),
    c(
        "mp-12-cost-breakdown",
        &MP_12,
        "§4 b5",
        "I am committed to:",
        "Offering people who use my services a clear cost breakdown.",
    ),
    c(
        "mp-13-safe",
        &MP_13,
        "§4 b6",
        "I am committed to:",
        "Ensuring that my service is safe and follows safeguarding principles.",
    ),
    c(
        "mp-14-honest",
        &MP_14,
        "§4 b7",
        "I am committed to:",
        "Being open, honest and trustworthy, respecting confidential information.",
    ),
    c(
        "mp-15-honouring",
        &MP_15,
        "§4 b8",
        "I am committed to:",
        "Honouring commitments, agreements and arrangements to provide services and, where it is not possible to do so, explaining why.",
    ),
    c(
        "mp-16-dbs",
        &MP_16,
        "§5 b1",
        "My enterprise is well run and sustainable. I confirm that I:",
        "Have an enhanced Disclosure and Barring Check (DBS) for myself and any workers that is no more than 3 years old.",
    ),
    c(
        "mp-19-insurance",
        &MP_19,
        "§5 b2",
        "My enterprise is well run and sustainable. I confirm that I:",
        "Have current public liability and other insurance that covers all relevant aspects of the service my enterprise offers.",
    ),
    c(
        "mp-21-risk-guidelines",
        &MP_21,
        "§5 b3",
        "My enterprise is well run and sustainable. I confirm that I:",
        "Have current guidelines on risk management, safety and safeguarding that covers all relevant aspects of the service my enterprise offers.",
    ),
    c(
        "mp-22-complaints",
        &MP_22,
        "§5 b4",
        "My enterprise is well run and sustainable. I confirm that I:",
        "Have a current complaints procedure.",
    ),
    c(
        "mp-23-assessing-needs",
        &MP_23,
        "§5 b5",
        "My enterprise is well run and sustainable. I confirm that I:",
        "Have clear, up to date procedures for assessing and meeting the needs of the people who use my service.",
    ),
    c(
        "mp-24-contracts",
        &MP_24,
        "§5 b6",
        "My enterprise is well run and sustainable. I confirm that I:",
        "Have written contracts with all the people who use my services and/or their representatives.",
    ),
    c(
        "mp-25-cqc-boundaries",
        &MP_25,
        "§5 b7",
        "My enterprise is well run and sustainable. I confirm that I:",
        "Fully understand the boundaries of care regulation (CQC) and operate my service within these boundaries at all times.",
    ),
    c(
        "mp-26-share-contact",
        &MP_26,
        "§5 b8",
        "My enterprise is well run and sustainable. I confirm that I:",
        "Am happy for my contact details to be passed to other network members (not a requirement of membership).",
    ),
    c(
        "mp-27-never-disciplined",
        &MP_27,
        "§5 b9",
        "My enterprise is well run and sustainable. I confirm that I:",
        "I have never been subject to disciplinary or other action (such as termination of a contract) as a result of my poor practice within a care or related role.",
    ),
    c(
        "mp-36-harm",
        &MP_36,
        "§6.1 b1",
        "Unacceptable conduct, which may result in removal from the programme includes:\nPutting anyone at risk of harm",
        "Abusing, neglecting or harming a client or their representative",
    ),
    c(
        "mp-37-discrimination",
        &MP_37,
        "§6.1 b2",
        "Unacceptable conduct, which may result in removal from the programme includes:\nPutting anyone at risk of harm",
        "Discriminating unlawfully or unjustifiably against a client or their representative",
    ),
    c(
        "mp-38-trust",
        &MP_38,
        "§6.1 b3",
        "Unacceptable conduct, which may result in removal from the programme includes:\nPutting anyone at risk of harm",
        "Abusing the trust of a client or their representative or abuse the access to personal information about them",
    ),
    c(
        "mp-39-discussing",
        &MP_39,
        "§6.2 b1",
        "Unacceptable conduct, which may result in removal from the programme includes:\nBreaching confidentiality",
        "Discussing information relating to clients or their representative with others (through any means of communication, including posting comments on social media like Facebook or Twitter).",
    ),
    c(
        "mp-40-pins",
        &MP_40,
        "§6.2 b2",
        "Unacceptable conduct, which may result in removal from the programme includes:\nBreaching confidentiality",
        "Having access to or knowledge of customers PIN numbers, bank and credit cards or internet passwords.",
    ),
    c(
        "mp-41-disclosing",
        &MP_41,
        "§6.2 b3",
        "Unacceptable conduct, which may result in removal from the programme includes:\nBreaching confidentiality",
        "Disclosing anything to anybody regarding a client without their approval.",
    ),
    c(
        "mp-42-relationships",
        &MP_42,
        "§6.3 b1",
        "Unacceptable conduct, which may result in removal from the programme includes:\nForming Inappropriate relationships",
        "Forming inappropriate personal relationships with your client or their representative",
    ),
    c(
        "mp-43-gifts",
        &MP_43,
        "§6.3 b2",
        "Unacceptable conduct, which may result in removal from the programme includes:\nForming Inappropriate relationships",
        "Accepting gifts or money (other than wages) from your client or their representative",
    ),
    c(
        "mp-44-valuables",
        &MP_44,
        "§6.3 b3",
        "Unacceptable conduct, which may result in removal from the programme includes:\nForming Inappropriate relationships",
        "Agreeing to look after valuable items belonging to your client or their representative",
    ),
    c(
        "mp-45-children",
        &MP_45,
        "§6.4 b1",
        "Unacceptable conduct, which may result in removal from the programme includes:\nDisplaying Inappropriate or unprofessional behaviour",
        "Bringing children or dependants to the place of work",
    ),
    c(
        "mp-46-smoking",
        &MP_46,
        "§6.4 b2",
        "Unacceptable conduct, which may result in removal from the programme includes:\nDisplaying Inappropriate or unprofessional behaviour",
        "Smoking whilst working (including e-cigarettes and vaping)",
    ),
    c(
        "mp-47-alcohol",
        &MP_47,
        "§6.4 b3",
        "Unacceptable conduct, which may result in removal from the programme includes:\nDisplaying Inappropriate or unprofessional behaviour",
        "Consuming alcohol before or during work, even if duties require accompaniment to licensed premises (restaurant, bar, etc.)",
    ),
    c(
        "mp-48-illegal",
        &MP_48,
        "§6.4 b4",
        "Unacceptable conduct, which may result in removal from the programme includes:\nDisplaying Inappropriate or unprofessional behaviour",
        "Using any illegal substances or engaging in illegal behaviours",
    ),
    c(
        "mp-49-personal-items",
        &MP_49,
        "§6.4 b5",
        "Unacceptable conduct, which may result in removal from the programme includes:\nDisplaying Inappropriate or unprofessional behaviour",
        "Using any personal items belonging to a client that are not required to carry out",
    ),
    c(
        "mp-50-behaviour",
        &MP_50,
        "§6.4 b6",
        "Unacceptable conduct, which may result in removal from the programme includes:\nDisplaying Inappropriate or unprofessional behaviour",
        "Using any inappropriate behaviour at work, including abusive and foul language",
    ),
    c(
        "mp-12-cost-breakdown-conduct",
        &MP_12,
        "§6.4 b7",
        "Unacceptable conduct, which may result in removal from the programme includes:\nDisplaying Inappropriate or unprofessional behaviour",
        "Failing to provide a clear cost breakdown of services",
    ),
    c(
        "mp-51-poaching",
        &MP_51,
        "§6.4 b8",
        "Unacceptable conduct, which may result in removal from the programme includes:\nDisplaying Inappropriate or unprofessional behaviour",
        "Poaching or solicitation of clients from previous employers",
    ),
    c(
        "mp-52-records",
        &MP_52,
        "§6.4 b9",
        "Unacceptable conduct, which may result in removal from the programme includes:\nDisplaying Inappropriate or unprofessional behaviour",
        "Failing to regularly invoice, communicate clearly with clients and keep accurate and up to date records",
    ),
    c(
        "mp-55-code-of-conduct",
        &MP_55,
        "§8",
        "Further Information",
        "The Micro-enterprise Programme fully aligns itself with the standards set out in the Code of Conduct for Healthcare, Support Workers and Adult Social Care Workers in England.",
    ),
];

/// MP-53 and MP-54: the source's own words, shown with the application.
pub const DISCLAIMER: &str = "Please note that Somerset Council cannot recommend any organisations and are not responsible for how the organisations deliver their service.";
/// MP-53.
pub const RIGHT_TO_REFUSE: &str =
    "The Micro-Enterprise Programme reserves the right to refuse an application or remove a provider.";

/// The commitments section: one finding per commitment, then MP-53 and MP-54.
pub(super) fn findings(attested: &[CommitmentRef]) -> Vec<Finding> {
    let mut out = Vec::new();
    for c in COMMITMENTS {
        let field = format!("commitments.{}", c.id);
        let given = attested.iter().find(|a| a.id == c.id);
        let ticked = given.is_some_and(|a| a.version == VERSION && a.text_sha256 == c.text_sha256());
        let f = match (ticked, c.optional(), given) {
            (true, true, _) => Finding::new(
                c.rule,
                Outcome::Info,
                "You agreed to your contact details being passed to other network members.",
            ),
            (false, true, _) => Finding::new(
                c.rule,
                Outcome::Info,
                "You did not agree to your contact details being passed to other network members: that is your choice, and not a requirement of membership.",
            ),
            (true, false, _) => Finding::new(c.rule, Outcome::Pass, format!("You confirmed: {}", c.text)),
            (false, false, None) => Finding::new(c.rule, Outcome::Fail, format!("Confirm this commitment: {}", c.text)),
            (false, false, Some(_)) => Finding::new(
                c.rule,
                Outcome::Fail,
                format!(
                    "The text you confirmed is not version {VERSION} of this commitment as the programme publishes it; confirm it again: {}",
                    c.text
                ),
            ),
        };
        out.push(f.citing(format!("{} {}", crate::registry::S000, c.section)).at(field));
    }
    out.push(Finding::new(&MP_53, Outcome::Info, RIGHT_TO_REFUSE));
    out.push(Finding::new(&MP_54, Outcome::Info, DISCLAIMER));
    out
}
