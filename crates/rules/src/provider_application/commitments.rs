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
pub use super::texts::COMMITMENTS;
use crate::finding::Finding;
use crate::outcome::Outcome;
use crate::registry::{MP_26, MP_53, MP_54, Rule};

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

    /// What the person is asked to confirm, in a sentence that reads on its own.
    fn asked(&self) -> String {
        let heading = self.lead.lines().last().unwrap_or_default();
        if self.section.starts_with("§6") {
            format!(
                "that you will not do this, which is unacceptable conduct ({}): {}",
                heading.to_lowercase(),
                self.text
            )
        } else if heading.ends_with(':') {
            // An introduction ("I am committed to:") reads on into the statement.
            format!("this commitment: {heading} {}", self.text)
        } else {
            format!("this commitment: {}", self.text)
        }
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
            (false, false, None) => Finding::new(c.rule, Outcome::Fail, format!("Confirm {}", c.asked())),
            (false, false, Some(_)) => Finding::new(
                c.rule,
                Outcome::Fail,
                format!(
                    "The text you confirmed is not version {VERSION} of this commitment as the programme publishes it: confirm {}",
                    c.asked()
                ),
            ),
        };
        out.push(f.citing(format!("{} {}", crate::registry::S000, c.section)).at(field));
    }
    out.push(Finding::new(&MP_53, Outcome::Info, RIGHT_TO_REFUSE));
    out.push(Finding::new(&MP_54, Outcome::Info, DISCLAIMER));
    out
}
