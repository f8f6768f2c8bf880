//! A key-holding return names the agreement it closes by its receipt reference. Before storing
//! it, the server checks that the reference is a key-holding agreement received here from the same
//! origin, still open (no return received for it yet), and that the return carries that very agreement (the same profile and every
//! field the same, `returned` aside). The return's receipt response then names the agreement, so
//! the person's receipt shows both references.
//!
//! The device key need not match: the office often records the return on another computer; knowing
//! the whole signed agreement and its reference is what ties the two.

use careform_seal::{VerifiedSubmission, verify_submission};
use serde_json::{Map, Value};

use crate::receive::Refusal;
use crate::store::{Record, Store};

/// The reference a key-holding submission's data names, if it is a return.
fn named_reference(data: &Map<String, Value>) -> Option<&str> {
    data.get("agreement_reference").and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty())
}

/// The data with what a return adds taken out: what must equal the stored agreement's data.
fn without_return(data: &Map<String, Value>) -> Map<String, Value> {
    let mut d = data.clone();
    d.remove("agreement_reference");
    if let Some(Value::Object(a)) = d.get_mut("agreement") {
        a.insert("returned".into(), Value::Null);
    }
    d
}

fn refused(code: &'static str, detail: &str) -> Refusal {
    Refusal::Invalid {
        code,
        detail: detail.to_owned(),
        problems: vec![("agreement_reference".into(), detail.to_owned())],
    }
}

/// Checks a key-holding return against the agreement it names; anything else passes untouched.
pub fn check_return(store: &dyn Store, verified: &VerifiedSubmission) -> Result<(), Refusal> {
    let p = &verified.payload;
    if p.form.id != careform_rules::key_holding::ID {
        return Ok(());
    }
    let Some(reference) = named_reference(&p.data) else { return Ok(()) };
    // Another origin's record, another form's and no record at all look alike to the sender.
    let not_found = || refused("agreementNotFound", "no key-holding agreement with this reference was received here");
    let record: Record = store.find_by_reference(reference)?.ok_or_else(not_found)?;
    // A purged agreement (its answers deleted after its retention period) is gone for a return too.
    if record.form_id != p.form.id || record.origin != p.origin || record.envelope.is_empty() {
        return Err(not_found());
    }
    let stored = verify_submission(record.envelope.as_bytes())
        .map_err(|e| Refusal::Store(crate::store::StoreError::Build(format!("stored submission {reference}: {e}"))))?;
    let stored = &stored.payload.data;
    if named_reference(stored).is_some() {
        return Err(refused("agreementNotFound", "this reference is a return; name the agreement's own reference"));
    }
    if stored.get("agreement").and_then(|a| a.get("returned")).is_some_and(|r| !r.is_null()) {
        return Err(refused("agreementReturned", "that agreement already records the keys' return"));
    }
    // One return per agreement: the record is append-only, so a second would contradict the first.
    // Checked here for a clear answer early, and again inside the store's transaction (`closes`),
    // where two returns racing for the same agreement are told apart.
    if let Some(earlier) = store.referring_to(&p.form.id, reference)? {
        return Err(already_returned(&earlier));
    }
    if without_return(&p.data) != without_return(stored) {
        return Err(refused(
            "agreementMismatch",
            "the return must carry the agreement exactly as it was signed, with only the return added",
        ));
    }
    Ok(())
}

/// The agreement a key-holding return closes, for the store to hold to one return each.
pub fn closes(verified: &VerifiedSubmission) -> Option<&str> {
    let p = &verified.payload;
    (p.form.id == careform_rules::key_holding::ID).then(|| named_reference(&p.data)).flatten()
}

/// The refusal of a second return of one agreement.
pub fn already_returned(earlier: &str) -> Refusal {
    refused("agreementReturned", &format!("the return of that agreement was received already ({earlier})"))
}

/// What a receipt response adds for a stored record: the agreement a return closes.
pub fn refers_to(record: &Record) -> Option<String> {
    // Every receipt response passes here: only a key-holding record's report is worth parsing.
    if record.form_id != careform_rules::key_holding::ID {
        return None;
    }
    let report: Value = serde_json::from_str(&record.report).ok()?;
    report.get("agreement_reference").and_then(Value::as_str).map(str::to_owned)
}
