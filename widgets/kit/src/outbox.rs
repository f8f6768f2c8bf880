//! The outbox: a signed-off submission waits here until the server has it. Its `sid` and payload
//! are fixed when the person presses send, so however often it is retried (after a lost
//! response, a reload, a day offline) the server stores it once and answers with one receipt.

use careform_seal::SubmissionPayload;

use crate::storage;

fn key(form: &str) -> String {
    crate::page_key("outbox", form)
}

/// The submission waiting to be delivered, if any.
pub fn pending(form: &str) -> Option<SubmissionPayload> {
    storage::get(&key(form))
}

/// Puts a submission in the outbox. Fails if the browser will not store it, so the caller can
/// still try to send it at once.
pub fn put(form: &str, payload: &SubmissionPayload) -> Result<(), String> {
    storage::set(&key(form), payload)
}

/// Empties the outbox: delivered, or refused for good.
pub fn clear(form: &str) {
    storage::delete(&key(form));
}
