//! What a key-holding agreement records, as `careform check key-holding` reads it and the widget
//! signs it; and the problems that stop a check (field by field).
//!
//! Every struct refuses unknown members, so a key-safe code can never ride along in a member the
//! rules do not read (decision 6); `refuse_codes` names the offence when the member is one.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::date;

/// Longest free text accepted in any field, in characters.
pub const MAX_TEXT: usize = 500;
/// Most keys one agreement may list.
pub const MAX_KEYS: usize = 20;

/// One key-holding agreement, and its return once the keys are back.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Agreement {
    /// The provider holding the keys.
    pub provider: Provider,
    /// The client whose keys they are.
    pub client: Client,
    /// Why the provider holds the keys (KH-01).
    pub reason: Option<Reason>,
    /// The reason in words: needed when `reason` is `other`.
    #[serde(default)]
    pub reason_text: Option<String>,
    /// The first day the keys are held, `YYYY-MM-DD`.
    pub start_date: String,
    /// The day they are to be returned by, `YYYY-MM-DD`.
    pub planned_end_date: String,
    /// The keys received.
    #[serde(default)]
    pub keys: Vec<Key>,
    /// Where the keys are kept between visits (KH-05).
    pub storage: Option<Storage>,
    /// The provider's attestation that no duplicate is made or obtained (KH-06).
    #[serde(default)]
    pub no_duplicates_attested: bool,
    /// Who signed the agreement (KH-07, KH-09).
    pub signed_by: Option<Signature>,
    /// The manager who approved it (KH-10).
    pub manager_approval: Option<Approval>,
    /// Where the care plan records it (KH-02).
    #[serde(default)]
    pub care_plan_reference: Option<String>,
    /// The return, once the keys are back (`null` while they are held).
    #[serde(default)]
    pub returned: Option<Return>,
    /// How the keys are kept safe when a worker carries them (KH-05), in words or a document reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secure_handling_procedure: Option<String>,
    /// KH-04: what was considered instead (door intercom, door-entry device, assistive technology …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alternatives_considered: Option<Vec<String>>,
    /// KH-11: a procedure for the loss or theft of keys is in place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loss_theft_procedure: Option<bool>,
    /// KH-13: where any entry code the provider holds is kept (the code itself never is here).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_storage: Option<CodeStorage>,
    /// KH-22: the provider holds an intruder alarm code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alarm_code_held: Option<bool>,
    /// KH-22: the client (or their authority) authorised it in writing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alarm_code_authorised: Option<bool>,
    /// KH-19: workers knock or ring and call out before entering.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub knock_before_entry_attested: Option<bool>,
    /// KH-26: workers come unaccompanied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unaccompanied_attested: Option<bool>,
    /// KH-30: the provider's insurance covers holding clients' keys.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub insurance_covers_keys: Option<bool>,
}

/// The provider.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Provider {
    /// Its name.
    pub name: String,
}

/// The client.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Client {
    /// The provider's reference for the client.
    #[serde(rename = "ref")]
    pub reference: String,
    /// Their name: read only to keep it off the key tags (KH-20).
    pub name: String,
    /// Whether they have capacity to agree to the key holding (KH-09).
    pub has_capacity: bool,
    /// Their address, when given: kept off the key tags too (KH-20).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Their postcode, when given: kept off the key tags too (KH-20).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postcode: Option<String>,
}

/// Why the keys are held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// An informal carer suddenly cannot help (S004 §19.1's example).
    CarerSuddenIncapacity,
    /// Another emergency.
    OtherEmergency,
    /// Holding keys as a matter of routine.
    Routine,
    /// Holding keys because it is convenient.
    Convenience,
    /// Something else, in words, for a manager to review.
    Other,
}

/// One key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Key {
    /// The label on the key: a code (KH-20).
    pub tag: String,
    /// The doors (or alarm) it opens.
    pub doors: String,
    /// How many copies were received.
    pub copies: u32,
}

/// Where the keys are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Storage {
    /// The office safe.
    OfficeSafe,
    /// A locked cabinet.
    LockedCabinet,
    /// A key safe at the client's home.
    KeySafeAtHome,
    /// The worker carries them.
    CarriedByWorker,
}

/// Where an entry code is kept (KH-13).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum CodeStorage {
    /// No code is held.
    NoneHeld,
    /// A secure, access-controlled system.
    SecureSystem,
    /// Written on the paper agreement.
    PaperAgreement,
    /// In visit notes.
    VisitNotes,
    /// In text messages.
    Sms,
}

/// Who signs the agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The client.
    Client,
    /// An attorney under a lasting power of attorney for property and financial affairs.
    LpaProperty,
    /// A deputy appointed by the Court of Protection.
    Deputy,
    /// The client's next of kin.
    NextOfKin,
    /// A social worker, recording a best-interests decision.
    SocialWorkerBestInterests,
}

/// A signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Signature {
    /// Who signs.
    pub role: Role,
    /// Their name.
    pub name: String,
    /// When, `YYYY-MM-DD`.
    pub date: String,
    /// Where a social worker's best-interests decision is recorded (KH-09).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub best_interests_record: Option<String>,
}

/// A manager's approval.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Approval {
    /// The manager's name.
    pub name: String,
    /// When, `YYYY-MM-DD`.
    pub date: String,
}

/// The keys' return.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Return {
    /// When, `YYYY-MM-DD`.
    pub date: String,
    /// To whom (the client or an authorised person), who signs for them.
    pub to: String,
    /// How many copies came back.
    pub copies: u32,
}

/// A member that would carry an entry code: refused wherever it appears (decision 6).
pub fn refuse_codes(value: &Value, path: &str) -> Result<(), (String, String)> {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let here = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                let name = k.to_ascii_lowercase();
                if name.contains("key_safe_code") || name == "alarm_code" || name == "entry_code" || name == "code" {
                    return Err((
                        here,
                        "entry codes are never stored or sent (key-safe codes go in the provider's secure system only); remove this member".into(),
                    ));
                }
                refuse_codes(v, &here)?;
            }
            Ok(())
        }
        Value::Array(items) => items.iter().enumerate().try_for_each(|(i, v)| refuse_codes(v, &format!("{path}[{i}]"))),
        _ => Ok(()),
    }
}

/// Dates that are not real dates, texts that are too long, too many keys.
pub(super) fn problems(a: &Agreement) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut date = |field: &str, value: &str| {
        if date::parse_iso(value).is_none() {
            out.push((field.to_owned(), format!("{value:?} is not a real date in the form YYYY-MM-DD")));
        }
    };
    date("start_date", &a.start_date);
    date("planned_end_date", &a.planned_end_date);
    if let Some(s) = &a.signed_by {
        date("signed_by.date", &s.date);
    }
    if let Some(m) = &a.manager_approval {
        date("manager_approval.date", &m.date);
    }
    if let Some(r) = &a.returned {
        date("returned.date", &r.date);
    }
    let mut texts: Vec<(String, &str)> = vec![
        ("provider.name".into(), &a.provider.name),
        ("client.ref".into(), &a.client.reference),
        ("client.name".into(), &a.client.name),
    ];
    for (name, v) in [
        ("reason_text", &a.reason_text),
        ("care_plan_reference", &a.care_plan_reference),
        ("secure_handling_procedure", &a.secure_handling_procedure),
        ("client.address", &a.client.address),
        ("client.postcode", &a.client.postcode),
    ] {
        if let Some(v) = v {
            texts.push((name.into(), v));
        }
    }
    for (i, k) in a.keys.iter().enumerate() {
        texts.push((format!("keys[{i}].tag"), &k.tag));
        texts.push((format!("keys[{i}].doors"), &k.doors));
    }
    for (i, t) in a.alternatives_considered.iter().flatten().enumerate() {
        texts.push((format!("alternatives_considered[{i}]"), t));
    }
    for (field, text) in texts {
        if text.chars().count() > MAX_TEXT {
            out.push((field, format!("must be {MAX_TEXT} characters or fewer")));
        }
    }
    if a.keys.len() > MAX_KEYS {
        out.push(("keys".into(), format!("at most {MAX_KEYS} keys in one agreement")));
    }
    out
}
