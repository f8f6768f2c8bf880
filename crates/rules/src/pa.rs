//! The personal assistant (PA) code-of-practice acknowledgement of Together! 2012 CIC.
//! Source: `002_b95db3235203d26a.txt`; rules PA-01 to PA-26 of the rules catalogue, section 6.

use base64::Engine as _;
use chrono::NaiveDate;
use sha2::{Digest as _, Sha256};

use crate::{Answers, AttestationRef, FieldDefinition, FieldKind, Finding, FormDefinition, Outcome, Report};

/// The form's id.
pub const ID: &str = "pa-acknowledgement";
/// The attestation id for the code.
pub const CODE_ID: &str = "together-pa-code";
const SEED: &str = "002_b95db3235203d26a.txt";

/// The definition.
pub static DEFINITION: FormDefinition = FormDefinition {
    id: ID,
    version: "1",
    title: "Code of Practice for Personal Assistance: acknowledgement",
    fields: &[
        FieldDefinition {
            name: "request",
            label: "Acknowledgement link",
            kind: FieldKind::Text { max_chars: 64 },
            required: false,
        },
        FieldDefinition {
            name: "pa_name",
            label: "Your full name",
            kind: FieldKind::Text { max_chars: 200 },
            required: true,
        },
        FieldDefinition {
            name: "supporter_role",
            label: "Your role",
            kind: FieldKind::Choice { options: &["pa_or_support_worker", "family_carer_participating", "interpreter"] },
            required: true,
        },
        FieldDefinition {
            name: "client_name",
            label: "Your client's name",
            kind: FieldKind::Text { max_chars: 200 },
            required: true,
        },
        FieldDefinition {
            name: "employer",
            label: "Who employs you",
            kind: FieldKind::Choice { options: &["client", "agency", "other"] },
            required: true,
        },
        FieldDefinition {
            name: "employer_name",
            label: "Employer's name",
            kind: FieldKind::Text { max_chars: 200 },
            required: false,
        },
        FieldDefinition {
            name: "activity_setting",
            label: "Where you will support your client",
            kind: FieldKind::Choice { options: &["main_base", "home_based", "other"] },
            required: true,
        },
        FieldDefinition { name: "activity_date", label: "Activity date", kind: FieldKind::Date, required: false },
        FieldDefinition {
            name: "reports_to",
            label: "Who you report back to",
            kind: FieldKind::Choice { options: &["none", "manager", "carer"] },
            required: true,
        },
        FieldDefinition {
            name: "reports_to_contact",
            label: "Their name and contact details",
            kind: FieldKind::Text { max_chars: 500 },
            required: false,
        },
        FieldDefinition {
            name: "manager_informed_of_code",
            label: "You will tell them about this code",
            kind: FieldKind::YesNo,
            required: false,
        },
        FieldDefinition {
            name: "kitchen_cleared",
            label: "You have been cleared to use the kitchen",
            kind: FieldKind::YesNo,
            required: true,
        },
        FieldDefinition {
            name: "food_hygiene_training_date",
            label: "Date of your food hygiene training",
            kind: FieldKind::Date,
            required: false,
        },
        FieldDefinition {
            name: "signature",
            label: "Type your full name to sign",
            kind: FieldKind::Text { max_chars: 200 },
            required: true,
        },
        FieldDefinition { name: "signed_date", label: "Date signed", kind: FieldKind::Date, required: true },
    ],
    refuse_on_fail: true,
};

/// One published version of the code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeVersion {
    /// The version name carried in attestations.
    pub version: &'static str,
    /// The publisher's text, exactly as published.
    pub source: &'static str,
}

/// The code as it is shown: title, introductory paragraphs, then the clauses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeText {
    /// The heading.
    pub title: String,
    /// The paragraphs before the clauses.
    pub paragraphs: Vec<String>,
    /// The clauses, one per bullet of the source.
    pub clauses: Vec<String>,
}

impl CodeVersion {
    /// The text split into what the widget shows, whitespace trimmed, bullets removed.
    pub fn text(&self) -> CodeText {
        let mut lines = self.source.lines().map(str::trim).filter(|l| !l.is_empty());
        let title = lines.next().unwrap_or_default().to_owned();
        let (mut paragraphs, mut clauses) = (Vec::new(), Vec::new());
        for line in lines {
            match line.strip_prefix('•') {
                Some(clause) => clauses.push(clause.trim().to_owned()),
                None => paragraphs.push(line.to_owned()),
            }
        }
        CodeText { title, paragraphs, clauses }
    }

    /// SHA-256 (base64url) of the exact text shown: [`CodeText::shown`].
    pub fn text_sha256(&self) -> String {
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(self.text().shown().as_bytes()))
    }
}

impl CodeText {
    /// The exact UTF-8 text shown, as one string: title, paragraphs and clauses, one per line.
    /// This is what an attestation's `text_sha256` covers.
    pub fn shown(&self) -> String {
        let mut all = vec![self.title.clone()];
        all.extend(self.paragraphs.iter().cloned());
        all.extend(self.clauses.iter().map(|c| format!("• {c}")));
        all.join("\n")
    }
}

/// Every published version, oldest first. A new version is appended; none is removed.
pub static CODE_VERSIONS: &[CodeVersion] =
    &[CodeVersion { version: "1", source: include_str!("../texts/together-pa-code-v1.txt") }];

/// The newest version: the one new acknowledgements are asked for.
pub fn current_code() -> &'static CodeVersion {
    CODE_VERSIONS.last().expect("at least one version")
}

fn finding(rule: &str, outcome: Outcome, message: String, section: &str) -> Finding {
    Finding { rule: rule.into(), outcome, message, source: format!("{SEED} {section}"), field: None }
}

fn about(mut f: Finding, field: &str) -> Finding {
    f.field = Some(field.to_owned());
    f
}

/// The rules of the acknowledgement.
pub(crate) fn check(a: &Answers<'_>, attestations: &[AttestationRef], today: NaiveDate) -> Report {
    let mut f = Vec::new();

    f.push(match a.text("activity_setting") {
        Some("home_based") => finding(
            "PA-01",
            Outcome::Info,
            "This code is for in-person work at the main activity base; it is not aimed at home-based support.".into(),
            "¶1",
        ),
        Some("other") => finding(
            "PA-01",
            Outcome::Warn,
            "This code is written for the main activity base; check with the activity leader how it applies elsewhere."
                .into(),
            "¶1",
        ),
        _ => finding("PA-01", Outcome::Pass, "The code applies at the main activity base.".into(), "¶1"),
    });

    f.push(match a.text("supporter_role") {
        Some("family_carer_participating") => finding(
            "PA-02",
            Outcome::Info,
            "Carers taking part in their own right follow the Ground Rules for Participants instead of this code."
                .into(),
            "¶2",
        ),
        Some("interpreter") => finding(
            "PA-02",
            Outcome::Info,
            "BSL and other interpreters follow their own professional code of behaviour instead of this code.".into(),
            "¶2",
        ),
        _ => finding("PA-02", Outcome::Pass, "Professional support workers follow this code.".into(), "¶2"),
    });

    f.push(about(attestation_finding(attestations), "confirm"));

    let cleared = a.yes("kitchen_cleared") == Some(true);
    f.push(about(
        match (cleared, a.date("food_hygiene_training_date")) {
            (_, Some(d)) if d > today => {
                finding("PA-18", Outcome::Fail, format!("The food hygiene training date {d} is in the future."), "b15")
            }
            (true, None) => finding(
                "PA-18",
                Outcome::Warn,
                "You are cleared to use the kitchen: give the date of your food hygiene training.".into(),
                "b15; 003_511e571f1df8e389.txt EoE Std 4.6",
            ),
            (true, Some(_)) => {
                finding("PA-18", Outcome::Pass, "Cleared for the kitchen, with food hygiene training.".into(), "b15")
            }
            (false, _) => finding(
                "PA-18",
                Outcome::Pass,
                "Not cleared for the kitchen: hot drinks and bottled water are offered.".into(),
                "b15",
            ),
        },
        "food_hygiene_training_date",
    ));

    f.push(match a.text("reports_to") {
        Some(who @ ("manager" | "carer")) => {
            if a.text("reports_to_contact").is_none() {
                about(
                    finding("PA-21", Outcome::Fail, format!("Give your {who}'s name and contact details."), "b18"),
                    "reports_to_contact",
                )
            } else if a.yes("manager_informed_of_code") != Some(true) {
                about(
                    finding(
                        "PA-21",
                        Outcome::Fail,
                        format!("Confirm you will tell your {who} about this code."),
                        "b18",
                    ),
                    "manager_informed_of_code",
                )
            } else {
                finding("PA-21", Outcome::Pass, format!("Your {who} will be told about this code."), "b18")
            }
        }
        _ => finding("PA-21", Outcome::Pass, "You do not report back to a manager or carer.".into(), "b18"),
    });

    f.push(record_finding(a, today));
    Report::new(ID, f)
}

/// PA-03 to PA-22: the code itself, confirmed over the exact text of a published version.
fn attestation_finding(attestations: &[AttestationRef]) -> Finding {
    let section = "¶2, b1–b19";
    let Some(att) = attestations.iter().find(|a| a.id == CODE_ID) else {
        return finding(
            "PA-03–PA-22",
            Outcome::Fail,
            "Confirm you have read the code and will follow it.".into(),
            section,
        );
    };
    match CODE_VERSIONS.iter().find(|v| v.version == att.version) {
        None => finding(
            "PA-03–PA-22",
            Outcome::Fail,
            format!("There is no version {:?} of the code.", att.version),
            section,
        ),
        Some(v) if v.text_sha256() != att.text_sha256 => finding(
            "PA-03–PA-22",
            Outcome::Fail,
            format!("The text confirmed is not version {} of the code as Together! 2012 CIC published it.", v.version),
            section,
        ),
        Some(v) => finding(
            "PA-03–PA-22",
            Outcome::Pass,
            format!("You confirmed version {} of the code, exactly as published.", v.version),
            section,
        ),
    }
}

/// PA-26: the record is complete and signed (derived: an auditable record needs these).
fn record_finding(a: &Answers<'_>, today: NaiveDate) -> Finding {
    let rule = "PA-26";
    let section = "¶3 (derived: the record an acknowledgement needs)";
    if let Some(d) = a.date("signed_date").filter(|d| *d > today) {
        return about(
            finding(rule, Outcome::Fail, format!("The date signed, {d}, is in the future."), section),
            "signed_date",
        );
    }
    if matches!(a.text("employer"), Some("agency" | "other")) && a.text("employer_name").is_none() {
        return about(finding(rule, Outcome::Fail, "Enter your employer's name".into(), section), "employer_name");
    }
    let same = |x: Option<&str>, y: Option<&str>| {
        let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        x.map(norm) == y.map(norm)
    };
    if !same(a.text("signature"), a.text("pa_name")) {
        return about(
            finding(
                rule,
                Outcome::Warn,
                "The signature is not the same as the name given; check both are your full name.".into(),
                section,
            ),
            "signature",
        );
    }
    finding(rule, Outcome::Pass, "Named, signed and dated.".into(), section)
}
