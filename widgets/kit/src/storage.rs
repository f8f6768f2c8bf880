//! The page's storage: `localStorage` when the browser allows it, otherwise memory for the life
//! of the page. A widget inside a third-party iframe (the `/embed/` page on a council's site) is
//! refused `localStorage` by browsers that block third-party storage, and `gloo-storage` throws
//! then; the form must still work there, it only cannot keep a draft across a reload.
//! Values are JSON, as `gloo-storage` wrote them, so drafts saved before this module still load.

use std::cell::RefCell;
use std::collections::HashMap;

use serde::Serialize;
use serde::de::DeserializeOwned;

thread_local! {
    static MEMORY: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
}

/// `localStorage`, or `None` where the browser refuses it.
fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The value under `key`, if any and if it parses as `T`.
pub fn get<T: DeserializeOwned>(key: &str) -> Option<T> {
    let raw = match local() {
        Some(s) => s.get_item(key).ok().flatten(),
        None => MEMORY.with(|m| m.borrow().get(key).cloned()),
    }?;
    serde_json::from_str(&raw).ok()
}

/// Keeps `value` under `key`; an error when the browser refuses it (storage full).
pub fn set<T: Serialize>(key: &str, value: &T) -> Result<(), String> {
    let raw = serde_json::to_string(value).map_err(|e| e.to_string())?;
    match local() {
        Some(s) => s.set_item(key, &raw).map_err(|e| format!("the browser would not keep it: {e:?}")),
        None => {
            MEMORY.with(|m| m.borrow_mut().insert(key.to_owned(), raw));
            Ok(())
        }
    }
}

/// Forgets `key`.
pub fn delete(key: &str) {
    match local() {
        Some(s) => {
            let _ = s.remove_item(key);
        }
        None => {
            MEMORY.with(|m| m.borrow_mut().remove(key));
        }
    }
}
