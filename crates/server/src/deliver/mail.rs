//! An officer's notification: that a submission arrived, its reference, its form and a link to
//! the inbox. Never the answers: e-mail is not secure enough for them.

use lettre::message::{Mailbox, header::ContentType};
use lettre::{AsyncSmtpTransport, AsyncTransport as _, Message, Tokio1Executor};

use crate::store::Record;

/// The transport for `smtp_url` (lettre's URL form: `smtp://host:port`, `smtp://host?tls=required`,
/// `smtps://user:pass@host`), with a per-message timeout.
pub fn transport(smtp_url: &str, timeout: std::time::Duration) -> Result<AsyncSmtpTransport<Tokio1Executor>, String> {
    Ok(AsyncSmtpTransport::<Tokio1Executor>::from_url(smtp_url)
        .map_err(|e| format!("--smtp-url {:?}: {e}", crate::store::redacted(smtp_url)))?
        .timeout(Some(timeout))
        .build())
}

/// The notification for `record`, to `to`.
pub fn message(from: &str, to: &str, public_url: &str, record: &Record) -> Result<Message, String> {
    let from: Mailbox = from.parse().map_err(|e| format!("--mail-from {from:?}: {e}"))?;
    let to: Mailbox = to.parse().map_err(|e| format!("notification address {to:?}: {e}"))?;
    let text = format!(
        "A submission has arrived.\n\n\
         Reference: {reference}\n\
         Form: {form} (version {version})\n\
         Received: {received}\n\n\
         Open it in the inbox (sign-in required):\n{public_url}/staff/inbox/submissions/{reference}\n\n\
         This e-mail does not contain the answers: e-mail is not secure enough for them.\n",
        reference = record.reference,
        form = record.form_id,
        version = record.form_version,
        received = record.received_at,
    );
    Message::builder()
        .from(from)
        .to(to)
        .subject(format!("Careform: {} submission {}", record.form_id, record.reference))
        .header(ContentType::TEXT_PLAIN)
        .body(text)
        .map_err(|e| format!("cannot build the notification: {e}"))
}

/// Sends one notification; `Ok` once the SMTP server has accepted it.
pub async fn send(
    transport: &AsyncSmtpTransport<Tokio1Executor>,
    message: Message,
    timeout: std::time::Duration,
) -> Result<(), String> {
    // The transport's timeout is per socket operation: a server that trickles its answers could
    // keep one send going past the worker's lease, and another worker would send it again.
    match tokio::time::timeout(timeout, transport.send(message)).await {
        Ok(sent) => sent.map(|_| ()).map_err(|e| format!("SMTP: {e}")),
        Err(_) => Err(format!("SMTP: no answer within {} s", timeout.as_secs())),
    }
}
