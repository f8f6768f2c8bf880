//! Delivery to council systems: after a submission is stored, each of its form's webhooks gets a
//! signed POST and each of its officers an e-mail notification, through the durable queue in
//! `store::deliveries` (rows inserted with the submission, so nothing is lost on a crash).

use std::collections::BTreeMap;
use std::time::Duration;

pub mod mail;
pub mod webhook;
pub mod worker;

use crate::config::ANY_FORM;

/// Where and how the server delivers.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Per form (`*` for every form): endpoints, `https://…` webhooks and `mailto:…` officers.
    pub endpoints: BTreeMap<String, Vec<String>>,
    /// `smtp://host:port`, `smtps://…` (lettre's URL form); required when any `mailto:` is set.
    pub smtp_url: Option<String>,
    /// The notification's `From:` address.
    pub mail_from: String,
    /// How long one attempt may take.
    pub timeout: Duration,
    /// The first retry's delay; each later one doubles it, up to `retry_max`, with jitter.
    pub retry_base: Duration,
    /// The longest delay between attempts.
    pub retry_max: Duration,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            endpoints: BTreeMap::new(),
            smtp_url: None,
            mail_from: "careform@localhost".into(),
            timeout: Duration::from_secs(10),
            retry_base: Duration::from_secs(30),
            retry_max: Duration::from_secs(6 * 3600),
        }
    }
}

impl Settings {
    /// Every endpoint a submission of `form` goes to, each once, in a stable order.
    pub fn endpoints_for(&self, form: &str) -> Vec<String> {
        let mut all: Vec<String> =
            [form, ANY_FORM].iter().filter_map(|k| self.endpoints.get(*k)).flatten().cloned().collect();
        all.sort();
        all.dedup();
        all
    }
}

/// Parses one `--webhook` value, `FORM=URL` (or `URL` for every form). The URL must be
/// `https://`; plain `http://` only to a loopback address (a receiver on the same machine, tests).
pub fn parse_webhook(value: &str) -> Result<(String, String), String> {
    let (form, url) = split_form(value);
    // What errors echo: a password in the URL is not repeated into logs.
    let shown = crate::store::redacted(url);
    let parsed = reqwest::Url::parse(url).map_err(|e| format!("{shown:?} is not a URL: {e}"))?;
    let loopback = match parsed.host() {
        Some(url::Host::Domain(d)) => d == "localhost",
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    match parsed.scheme() {
        "https" => {}
        "http" if loopback => {}
        _ => return Err(format!("{shown:?} must be an https:// URL (http:// is allowed only to a loopback address)")),
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(format!("{shown:?} must not carry credentials (they would sit in logs and the inbox)"));
    }
    Ok((form, parsed.to_string()))
}

/// Parses one `--notify` value, `FORM=EMAIL` (or `EMAIL` for every form), into a `mailto:` endpoint.
pub fn parse_notify(value: &str) -> Result<(String, String), String> {
    let (form, address) = split_form(value);
    let address: lettre::Address = address.parse().map_err(|e| format!("{address:?} is not an e-mail address: {e}"))?;
    Ok((form, format!("mailto:{address}")))
}

fn split_form(value: &str) -> (String, &str) {
    match value.split_once('=') {
        Some((form, rest)) if !form.contains(':') && !form.contains('@') => (form.trim().to_owned(), rest.trim()),
        _ => (ANY_FORM.to_owned(), value.trim()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn webhooks_are_https_or_loopback_http() {
        assert_eq!(parse_webhook("pa=https://c.gov.uk/hook").unwrap(), ("pa".into(), "https://c.gov.uk/hook".into()));
        assert_eq!(parse_webhook("http://127.0.0.1:9/h").unwrap(), ("*".into(), "http://127.0.0.1:9/h".into()));
        assert!(parse_webhook("pa=http://c.gov.uk/hook").unwrap_err().contains("https://"));
        assert!(parse_webhook("pa=https://u:p@c.gov.uk/").unwrap_err().contains("credentials"));
        assert!(!parse_webhook("pa=http://u:secret@c.gov.uk/").unwrap_err().contains("secret"), "not echoed");
        assert!(parse_webhook("pa=ftp://c.gov.uk/").is_err());
    }

    #[test]
    fn notify_takes_an_address() {
        assert_eq!(parse_notify("pa=o@c.gov.uk").unwrap(), ("pa".into(), "mailto:o@c.gov.uk".into()));
        assert_eq!(parse_notify("o@c.gov.uk").unwrap(), ("*".into(), "mailto:o@c.gov.uk".into()));
        assert!(parse_notify("pa=nobody").is_err());
    }
}
