//! A staff-issued PA acknowledgement link is for one person: the server compares the link's PA
//! name, participant, activity date and code version with the signed data and refuses a
//! mismatch, so the link cannot be spent by someone else, or for another client. Names are
//! compared ignoring case and repeated spaces (people type them); the date and version exactly.

use careform_seal::SubmissionPayload;

use crate::receive::Refusal;
use crate::store::Store;

fn same_name(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    norm(a) == norm(b)
}

/// Refuses a PA acknowledgement whose data differs from the link it spends. A token the store
/// does not know, or an expired link, is left to the spending step, which refuses it (as
/// `requestInvalid`) in its transaction. `now` is Unix seconds.
pub fn check(store: &dyn Store, p: &SubmissionPayload, now: i64) -> Result<(), Refusal> {
    if p.form.id != careform_rules::pa::ID {
        return Ok(());
    }
    let Some(token) = p.data.get("request").and_then(|v| v.as_str()).filter(|t| !t.is_empty()) else {
        return Ok(());
    };
    let Some(link) = store.pa_request(token)?.filter(|l| l.expires_at > now) else { return Ok(()) };
    let text = |k: &str| p.data.get(k).and_then(|v| v.as_str()).unwrap_or("").to_owned();
    let mut problems = Vec::new();
    if !same_name(&text("pa_name"), &link.pa_name) {
        problems.push(("pa_name".to_owned(), format!("This link was issued for {}", link.pa_name)));
    }
    if !same_name(&text("client_name"), &link.client_name) {
        problems.push(("client_name".to_owned(), format!("This link was issued for work with {}", link.client_name)));
    }
    if let Some(date) = &link.activity_date
        && text("activity_date") != *date
    {
        problems.push(("activity_date".to_owned(), format!("This link was issued for the activity on {date}")));
    }
    // Today the rules already refuse a version that does not exist, and there is only one;
    // this holds the link to its version once there are more.
    let version = p.attestations.iter().find(|a| a.id == careform_rules::pa::CODE_ID).map(|a| a.version.as_str());
    if version != Some(link.code_version.as_str()) {
        problems
            .push(("attestations".to_owned(), format!("This link asks for version {} of the code", link.code_version)));
    }
    if problems.is_empty() {
        return Ok(());
    }
    Err(Refusal::Invalid {
        code: "requestMismatch",
        detail: "this acknowledgement link was issued for someone else or another activity; ask for your own link"
            .into(),
        problems,
    })
}
