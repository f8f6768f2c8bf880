//! The personal assistant (PA) code-of-practice acknowledgement of Together! 2012 CIC.
//! Source: `002_b95db3235203d26a.txt`; rules PA-01 to PA-26 of the rules catalogue, section 6
//! (registered in `registry::pa`).

use base64::Engine as _;
use chrono::NaiveDate;
use sha2::{Digest as _, Sha256};

use crate::finding::Finding;
use crate::form::{Answers, AttestationRef, FieldDefinition, FieldKind, FormDefinition};
use crate::outcome::Outcome;
use crate::registry::{self, CLAUSES, PA_01, PA_02, PA_18, PA_21, PA_26};
use crate::report::Report;

/// The form's id.
pub const ID: &str = "pa-acknowledgement";
/// The attestation id for the code.
pub const CODE_ID: &str = "together-pa-code";

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
            missing: "",
        },
        FieldDefinition {
            name: "pa_name",
            label: "Your full name",
            kind: FieldKind::Text { max_chars: 200 },
            required: true,
            missing: "Enter your full name",
        },
        FieldDefinition {
            name: "supporter_role",
            label: "Your role",
            kind: FieldKind::Choice { options: &["pa_or_support_worker", "family_carer_participating", "interpreter"] },
            required: true,
            missing: "Select your role",
        },
        FieldDefinition {
            name: "client_name",
            label: "Your client's name",
            kind: FieldKind::Text { max_chars: 200 },
            required: true,
            missing: "Enter your client's name",
        },
        FieldDefinition {
            name: "employer",
            label: "Who employs you",
            kind: FieldKind::Choice { options: &["client", "agency", "other"] },
            required: true,
            missing: "Select who employs you",
        },
        FieldDefinition {
            name: "employer_name",
            label: "Employer's name",
            kind: FieldKind::Text { max_chars: 200 },
            required: false,
            missing: "Enter your employer's name",
        },
        FieldDefinition {
            name: "activity_setting",
            label: "Where you will support your client",
            kind: FieldKind::Choice { options: &["main_base", "home_based", "other"] },
            required: true,
            missing: "Select where you will support your client",
        },
        FieldDefinition {
            name: "activity_date",
            label: "Activity date",
            kind: FieldKind::Date,
            required: false,
            missing: "",
        },
        FieldDefinition {
            name: "reports_to",
            label: "Who you report back to",
            kind: FieldKind::Choice { options: &["none", "manager", "carer"] },
            required: true,
            missing: "Select who you report back to",
        },
        FieldDefinition {
            name: "reports_to_contact",
            label: "Their name and contact details",
            kind: FieldKind::Text { max_chars: 500 },
            required: false,
            missing: "Enter the name and contact details of the person you report back to",
        },
        FieldDefinition {
            name: "manager_informed_of_code",
            label: "You will tell them about this code",
            kind: FieldKind::YesNo,
            required: false,
            missing: "",
        },
        FieldDefinition {
            name: "kitchen_cleared",
            label: "You have been cleared to use the kitchen",
            kind: FieldKind::YesNo,
            required: true,
            missing: "Select yes if you have been cleared to use the kitchen",
        },
        FieldDefinition {
            name: "food_hygiene_training_date",
            label: "Date of your food hygiene training",
            kind: FieldKind::Date,
            required: false,
            missing: "",
        },
        FieldDefinition {
            name: "signature",
            label: "Type your full name to sign",
            kind: FieldKind::Text { max_chars: 200 },
            required: true,
            missing: "Enter your full name to sign",
        },
        FieldDefinition {
            name: "signed_date",
            label: "Date signed",
            kind: FieldKind::Date,
            required: true,
            missing: "Enter the date signed",
        },
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

/// The rules of the acknowledgement, in rule order: PA-01, PA-02, then PA-03 to PA-22 (one per
/// clause of the code; PA-18 and PA-21 also check the answers they ask for), then PA-26.
pub(crate) fn check(a: &Answers<'_>, attestations: &[AttestationRef], today: NaiveDate) -> Report {
    let mut f = Vec::new();

    f.push(match a.text("activity_setting") {
        Some("home_based") => Finding::new(
            &PA_01,
            Outcome::Info,
            "This code is for in-person work at the main activity base; it is not aimed at home-based support.",
        ),
        Some("other") => Finding::new(
            &PA_01,
            Outcome::Warn,
            "This code is written for the main activity base; check with the activity leader how it applies elsewhere.",
        ),
        _ => Finding::new(&PA_01, Outcome::Pass, "The code applies at the main activity base."),
    });

    f.push(match a.text("supporter_role") {
        Some("family_carer_participating") => Finding::new(
            &PA_02,
            Outcome::Info,
            "Carers taking part in their own right follow the Ground Rules for Participants instead of this code.",
        ),
        Some("interpreter") => Finding::new(
            &PA_02,
            Outcome::Info,
            "BSL and other interpreters follow their own professional code of behaviour instead of this code.",
        ),
        _ => Finding::new(&PA_02, Outcome::Pass, "Professional support workers follow this code."),
    });

    let confirmed = attestation(attestations);
    for clause in CLAUSES {
        let own = if std::ptr::eq(clause, &PA_18) {
            Some(kitchen_finding(a, today))
        } else if std::ptr::eq(clause, &PA_21) {
            Some(reporting_finding(a))
        } else {
            None
        };
        f.push(clause_finding(clause, &confirmed, own));
    }

    f.push(record_finding(a, today));
    Report::new(ID, f)
}

/// Whether the attestation covers exactly a published version of the code: its version, or why not.
fn attestation(attestations: &[AttestationRef]) -> Result<&'static str, String> {
    let Some(att) = attestations.iter().find(|a| a.id == CODE_ID) else {
        return Err("Confirm you have read the code and will follow it.".into());
    };
    match CODE_VERSIONS.iter().find(|v| v.version == att.version) {
        None => Err(format!("There is no version {:?} of the code.", att.version)),
        Some(v) if v.text_sha256() != att.text_sha256 => Err(format!(
            "The text confirmed is not version {} of the code as Together! 2012 CIC published it.",
            v.version
        )),
        Some(v) => Ok(v.version),
    }
}

/// One clause's verdict. The one attestation covers every clause, so a missing or wrong one fails
/// each clause with the same message (a form shows it once). A clause that also asks for answers
/// (PA-18, PA-21) reports a problem with them first, then the attestation, then its own result.
fn clause_finding(rule: &'static registry::Rule, confirmed: &Result<&str, String>, own: Option<Finding>) -> Finding {
    match (confirmed, own) {
        (_, Some(own)) if own.outcome == Outcome::Fail => own,
        (Err(why), _) => Finding::new(rule, Outcome::Fail, why.clone()).at("confirm"),
        (Ok(_), Some(own)) => own,
        (Ok(version), None) => Finding::new(
            rule,
            Outcome::Pass,
            format!("You confirmed version {version} of the code, exactly as published."),
        )
        .at("confirm"),
    }
}

/// PA-18: the kitchen, and food hygiene training for a PA cleared to use it.
fn kitchen_finding(a: &Answers<'_>, today: NaiveDate) -> Finding {
    let b15 = PA_18.cites[0].to_string();
    let cleared = a.yes("kitchen_cleared") == Some(true);
    let f = match (cleared, a.date("food_hygiene_training_date")) {
        (_, Some(d)) if d > today => {
            Finding::new(&PA_18, Outcome::Fail, format!("The food hygiene training date {d} is in the future."))
                .citing(b15)
        }
        (true, None) => Finding::new(
            &PA_18,
            Outcome::Warn,
            "You are cleared to use the kitchen: give the date of your food hygiene training.",
        ),
        (true, Some(_)) => {
            Finding::new(&PA_18, Outcome::Pass, "Cleared for the kitchen, with food hygiene training.").citing(b15)
        }
        (false, _) => Finding::new(
            &PA_18,
            Outcome::Pass,
            "Not cleared for the kitchen: hot drinks and bottled water are offered.",
        )
        .citing(b15),
    };
    f.at("food_hygiene_training_date")
}

/// Whether the form asks for the employer's name, for this answer to "Who employs you": the
/// widget shows the field exactly when the rules require it (one place decides both).
pub fn asks_employer_name(employer: &str) -> bool {
    matches!(employer, "agency" | "other")
}

/// Whether the form asks for the contact details of the person the PA reports to (and for the
/// promise to tell them about the code), for this answer to "Who you report back to".
pub fn asks_reports_to_contact(reports_to: &str) -> bool {
    matches!(reports_to, "manager" | "carer")
}

/// PA-21: a PA who reports back to a manager or carer tells them about the code.
fn reporting_finding(a: &Answers<'_>) -> Finding {
    match a.text("reports_to") {
        Some(who) if asks_reports_to_contact(who) => {
            if a.text("reports_to_contact").is_none() {
                Finding::new(&PA_21, Outcome::Fail, format!("Give your {who}'s name and contact details."))
                    .at("reports_to_contact")
            } else if a.yes("manager_informed_of_code") != Some(true) {
                Finding::new(&PA_21, Outcome::Fail, format!("Confirm you will tell your {who} about this code."))
                    .at("manager_informed_of_code")
            } else {
                Finding::new(&PA_21, Outcome::Pass, format!("Your {who} will be told about this code."))
            }
        }
        _ => Finding::new(&PA_21, Outcome::Pass, "You do not report back to a manager or carer."),
    }
}

/// PA-26: the record is complete and signed (derived: an auditable record needs these).
fn record_finding(a: &Answers<'_>, today: NaiveDate) -> Finding {
    if let Some(d) = a.date("signed_date").filter(|d| *d > today) {
        return Finding::new(&PA_26, Outcome::Fail, format!("The date signed, {d}, is in the future."))
            .at("signed_date");
    }
    if a.text("employer").is_some_and(asks_employer_name) && a.text("employer_name").is_none() {
        return Finding::new(&PA_26, Outcome::Fail, "Enter your employer's name").at("employer_name");
    }
    let same = |x: Option<&str>, y: Option<&str>| {
        let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        x.map(norm) == y.map(norm)
    };
    if !same(a.text("signature"), a.text("pa_name")) {
        return Finding::new(
            &PA_26,
            Outcome::Warn,
            "The signature is not the same as the name given; check both are your full name.",
        )
        .at("signature");
    }
    Finding::new(&PA_26, Outcome::Pass, "Named, signed and dated.")
}

/// The form's entry: the acknowledgement is signed, never checked offline, and has no structured
/// answers.
pub static FORM: crate::entry::Form = crate::entry::Form {
    definition: &DEFINITION,
    check: |data, attestations, today| Ok(check(&crate::form::Answers(data), attestations, today)),
    standalone: None,
    #[cfg(feature = "schema")]
    schemas: || crate::entry::Schemas { fields: vec![], report: crate::entry::schema_of::<Report>() },
};

/// The PA form's whole check (shape, then rules), as [`crate::check`] runs it for this form, for
/// a caller that knows it holds a PA acknowledgement: the widget calls this rather than the
/// dispatcher so its wasm module does not carry every other form's rules.
pub fn check_data(
    data: &serde_json::Map<String, serde_json::Value>,
    attestations: &[AttestationRef],
    today: NaiveDate,
) -> Result<Report, crate::form::CheckError> {
    let problems = crate::form::shape_problems(&DEFINITION, data);
    if !problems.is_empty() {
        return Err(crate::form::CheckError::Invalid(problems));
    }
    Ok(check(&crate::form::Answers(data), attestations, today))
}
