//! Delivery to council systems: after a submission is stored, each of its form's webhooks gets a
//! signed POST and each of its officers an e-mail notification, through the durable queue in
//! `store::deliveries` (rows inserted with the submission, so nothing is lost on a crash).

use std::collections::BTreeMap;
use std::time::Duration;

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
