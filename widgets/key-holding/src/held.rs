//! The agreements this device sent whose keys are not back yet, kept in the browser so the return
//! can be recorded days later: the return carries the agreement exactly as it was signed, and
//! names its reference (the server checks both).

use careform_kit::storage;
use careform_rules::key_holding::Agreement;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// One agreement whose keys are held.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Held {
    /// The agreement's receipt reference (empty while it is on its way).
    pub reference: String,
    /// The profile it was checked under.
    pub profile: String,
    /// The agreement as signed.
    pub agreement: Agreement,
}

impl Held {
    /// The form's `data` for it: the agreement under its profile and, on a return (the agreement's
    /// reference known), the reference it closes.
    pub(crate) fn data(&self) -> Map<String, Value> {
        let mut data = careform_kit::form::checker_data(&self.profile, "agreement", &self.agreement);
        if !self.reference.is_empty() {
            data.insert("agreement_reference".into(), Value::String(self.reference.clone()));
        }
        data
    }
}

const HELD: &str = "careform:key-holding:held";
const SENDING: &str = "careform:key-holding:sending";

/// Every agreement still open on this device, oldest first.
pub(crate) fn all() -> Vec<Held> {
    storage::get(HELD).unwrap_or_default()
}

fn save(list: &[Held]) {
    // Storage full or off: the return can still be recorded from the printed receipt's details.
    let _ = storage::set(HELD, &list);
}

/// Remembers the agreement being sent, until its receipt names it.
pub(crate) fn sending(held: &Held) {
    let _ = storage::set(SENDING, held);
}

/// A receipt arrived: an agreement joins the list under its reference; a return (the receipt
/// refers to an agreement) takes its agreement off.
pub(crate) fn received(reference: &str, refers_to: Option<&str>) {
    let mut list = all();
    match refers_to {
        Some(agreement) => list.retain(|h| h.reference != agreement),
        None => {
            if let Some(mut h) = storage::get::<Held>(SENDING) {
                storage::delete(SENDING);
                h.reference = reference.to_owned();
                if !list.iter().any(|x| x.reference == h.reference) {
                    list.push(h);
                }
            }
        }
    }
    save(&list);
}
