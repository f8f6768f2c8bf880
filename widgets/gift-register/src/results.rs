//! What the register comes to: its verdict, what the commissioner must be told and by when, and
//! the register's own findings (repeated offers from one client).

use careform_kit::components::{Problems, Verdict};
use careform_rules::date::{format_long, parse_iso};
use careform_rules::gift_register::Notification;
use leptos::prelude::*;

/// The register's report, with its offers and notifications.
pub(crate) type Report = careform_rules::Report<careform_rules::gift_register::Parts>;

fn long(d: &str) -> String {
    parse_iso(d).map(format_long).unwrap_or_else(|| d.to_owned())
}

/// One notification in words: who, why, by when (the rules' date, from the profile), or when it
/// was done; and where the duty and the deadline come from.
#[component]
pub(crate) fn NotificationLine(n: Notification) -> impl IntoView {
    let text = match &n.notified_on {
        Some(d) => format!("The commissioner was told on {} about {}.", long(d), n.reason),
        None => format!("Tell the commissioner by {} about {}.", long(&n.due_by), n.reason),
    };
    let state = if n.notified_on.is_some() { "told" } else { "due" };
    view! {
        <p class="govuk-body" data-careform-notification=state data-careform-due=n.due_by.clone()>
            <strong>{text}</strong>" "
            <span class="govuk-hint govuk-!-font-size-16">{format!("Rules {}. Source: {}", n.rules.join(", "), n.source)}</span>
        </p>
    }
}

/// The whole register: its verdict, the notifications, and the register's own findings.
#[component]
pub(crate) fn RegisterResults(report: Report) -> impl IntoView {
    let notices = report.parts.notifications.clone();
    let none = notices
        .is_empty()
        .then(|| view! { <p class="govuk-body">"The commissioner does not need to be told about these offers."</p> });
    view! {
        <Verdict outcome=report.outcome />
        <h3 class="govuk-heading-s">"Telling the commissioner"</h3>
        {none}
        {notices.into_iter().map(|n| view! { <NotificationLine n /> }).collect_view()}
        <h3 class="govuk-heading-s">"Across the register"</h3>
        <Problems findings=report.findings.clone() />
    }
}
