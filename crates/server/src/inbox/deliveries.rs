//! A submission's deliveries on its page: each webhook and notification, whether it arrived,
//! how many attempts failed and why the last one did.

use super::esc;
use crate::store::deliveries::DeliveryState;

fn utc(secs: i64) -> String {
    chrono::DateTime::from_timestamp(secs, 0).map_or_else(String::new, |t| t.format("%Y-%m-%d %H:%M:%S").to_string())
}

/// Where a delivery goes, in words: an e-mail address or the webhook URL.
fn target(endpoint: &str) -> String {
    match endpoint.strip_prefix("mailto:") {
        Some(address) => format!("E-mail to {}", esc(address)),
        None => format!("Webhook {}", esc(endpoint)),
    }
}

/// The section, or nothing for a submission that went nowhere.
pub(super) fn section(list: &[DeliveryState]) -> String {
    if list.is_empty() {
        return String::new();
    }
    let rows: String = list
        .iter()
        .map(|d| {
            let held = d.last_error.as_deref() == Some(crate::deliver::worker::NOT_CONFIGURED);
            let (colour, word, when) = match (d.delivered_at, d.attempts) {
                (Some(at), _) => ("green", "Delivered", format!("at {} UTC", utc(at))),
                (None, _) if held => ("yellow", "Held", "looked at again while it waits".to_owned()),
                (None, 0) => ("blue", "Waiting", "to be sent".to_owned()),
                (None, _) => ("red", "Failed", format!("next attempt at {} UTC", utc(d.next_attempt_at))),
            };
            let status = format!("<strong class=\"govuk-tag govuk-tag--{colour}\">{word}</strong>");
            let detail = match &d.last_error {
                Some(e) if held => format!("{}; {when}", esc(e)),
                Some(e) => format!("{when}; {} failed attempt(s), the last: {}", d.attempts, esc(e)),
                None => when,
            };
            format!(
                "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key careform-break\">{}</dt>\
                 <dd class=\"govuk-summary-list__value careform-break\">{status} {detail}</dd></div>",
                target(&d.endpoint)
            )
        })
        .collect();
    format!(
        "<h2 class=\"govuk-heading-m\">Deliveries</h2><dl class=\"govuk-summary-list\" id=\"deliveries\">{rows}</dl>"
    )
}
