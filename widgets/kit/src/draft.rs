//! Drafts: a form's answers kept in the browser as the person types, until a receipt arrives,
//! so a reload, a crash or a closed tab loses nothing.

use crate::storage;
use serde_json::Value;

/// The storage key for `form` on this page: one draft per form per page.
fn key(form: &str) -> String {
    crate::page_key("draft", form)
}

/// The saved draft, if any.
pub fn load(form: &str) -> Option<Value> {
    storage::get::<Value>(&key(form))
}

/// Saves the draft (storage full or disabled: the form still works, it just is not kept).
pub fn save(form: &str, answers: &Value) {
    let _ = storage::set(&key(form), answers);
}

/// Forgets the draft: the server has it now.
pub fn clear(form: &str) {
    storage::delete(&key(form));
}
