//! The agreement's answers as typed (kept as the draft), and the agreement the rules read.

use careform_kit::components::{DateParts, FieldError, List};
use careform_rules::date::parse_iso;
use careform_rules::key_holding::{Agreement, Approval, Client, Key, Provider, Signature};
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// Every answer, one signal each.
#[derive(Clone, Copy, Default, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct Answers {
    pub provider: RwSignal<String>,
    pub client_ref: RwSignal<String>,
    pub client_name: RwSignal<String>,
    pub capacity: RwSignal<String>,
    pub reason: RwSignal<String>,
    pub reason_text: RwSignal<String>,
    pub start: DateParts,
    pub end: DateParts,
    pub keys: List<Key>,
    pub storage: RwSignal<String>,
    pub handling: RwSignal<String>,
    pub no_duplicates: RwSignal<bool>,
    pub role: RwSignal<String>,
    pub signatory: RwSignal<String>,
    pub signed: DateParts,
    pub best_interests: RwSignal<String>,
    pub manager: RwSignal<String>,
    pub approved: DateParts,
    pub care_plan: RwSignal<String>,
}

/// A radio's value as the rules' enum (`None` while nothing is chosen).
fn choice<T: DeserializeOwned>(value: RwSignal<String>) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(value.get())).ok()
}

/// Trimmed text, `None` when blank.
fn text(value: RwSignal<String>) -> Option<String> {
    Some(value.get().trim().to_owned()).filter(|t| !t.is_empty())
}

impl Answers {
    /// The client as the rules read them (their name is checked against the key tags).
    pub fn client(&self) -> Client {
        Client {
            reference: self.client_ref.get().trim().to_owned(),
            name: self.client_name.get().trim().to_owned(),
            has_capacity: self.capacity.get() != "no",
            address: None,
            postcode: None,
        }
    }

    /// The agreement as the rules read it, or the dates to fix first (the rules need real dates).
    pub fn agreement(&self) -> Result<Agreement, Vec<FieldError>> {
        let mut e = Vec::new();
        let mut date = |parts: DateParts, id: &str, message: &str, needed: bool| {
            let t = parts.text();
            if (needed || !t.is_empty()) && parse_iso(&t).is_none() {
                e.push(FieldError::new(id, message));
            }
            t
        };
        let start = date(self.start, "start", "Enter the start date as a real date, for example 20 11 2026", true);
        let end = date(self.end, "end", "Enter the planned end date as a real date, for example 3 12 2026", true);
        let signing = !self.role.get().is_empty();
        let signed = date(self.signed, "signed", "Enter the date it was signed as a real date", signing);
        let approving = !self.manager.get().trim().is_empty();
        let approved =
            date(self.approved, "approved", "Enter the date the manager approved it as a real date", approving);
        if !e.is_empty() {
            return Err(e);
        }
        let signed_by = choice(self.role).map(|role| Signature {
            role,
            name: self.signatory.get().trim().to_owned(),
            date: signed,
            best_interests_record: text(self.best_interests),
        });
        Ok(Agreement {
            provider: Provider { name: self.provider.get().trim().to_owned() },
            client: self.client(),
            reason: choice(self.reason),
            reason_text: text(self.reason_text),
            start_date: start,
            planned_end_date: end,
            keys: self.keys.values(),
            storage: choice(self.storage),
            no_duplicates_attested: self.no_duplicates.get(),
            signed_by,
            manager_approval: approving
                .then(|| Approval { name: self.manager.get().trim().to_owned(), date: approved }),
            care_plan_reference: text(self.care_plan),
            secure_handling_procedure: text(self.handling).filter(|_| self.storage.get() == "carried_by_worker"),
            ..Agreement::default()
        })
    }

    /// Empties every answer: once an agreement is received, so recording its return (which puts
    /// the form back to filling) never leaves the sent agreement as a draft to send twice.
    pub fn clear(&self) {
        for text in [
            self.provider,
            self.client_ref,
            self.client_name,
            self.capacity,
            self.reason,
            self.reason_text,
            self.storage,
            self.handling,
            self.role,
            self.signatory,
            self.best_interests,
            self.manager,
            self.care_plan,
        ] {
            text.set(String::new());
        }
        for date in [self.start, self.end, self.signed, self.approved] {
            date.clear();
        }
        self.no_duplicates.set(false);
        for key in self.keys.keys() {
            self.keys.remove(key);
        }
    }

    /// What must be answered before sending, beyond what the rules judge.
    pub fn missing(&self, editing_key: bool) -> Vec<FieldError> {
        let mut found = Vec::new();
        for (value, id, message) in [
            (self.provider, "provider", "Enter the provider's name"),
            (self.client_ref, "client_ref", "Enter the client's reference"),
            (self.client_name, "client_name", "Enter the client's name"),
            (self.capacity, "capacity", "Select whether the client has capacity to agree"),
        ] {
            if value.get().trim().is_empty() {
                found.push(FieldError::new(id, message));
            }
        }
        if editing_key {
            found.push(FieldError::new("key_tag", "Save or cancel the key you are adding"));
        }
        found
    }
}
