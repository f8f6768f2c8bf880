//! `careform serve`'s delivery flags: webhooks, officers' notifications, SMTP and retries.

use std::time::Duration;

use careform_server::config::FileConfig;
use careform_server::deliver::{Settings, parse_notify, parse_webhook};
use clap::Args;

#[derive(Args)]
pub struct DeliveryArgs {
    /// POST each stored submission of FORM, signed, to URL: FORM=URL, or URL for every form.
    /// https:// only (http:// to a loopback address). Repeatable.
    #[arg(long = "webhook", env = "CAREFORM_WEBHOOKS", value_delimiter = ',', value_name = "FORM=URL")]
    webhook: Vec<String>,
    /// E-mail EMAIL that a submission of FORM arrived (reference and form only, never the
    /// answers): FORM=EMAIL, or EMAIL for every form. Needs --smtp-url. Repeatable.
    #[arg(long = "notify", env = "CAREFORM_NOTIFY", value_delimiter = ',', value_name = "FORM=EMAIL")]
    notify: Vec<String>,
    /// The SMTP server notifications go through: smtp://host:port (plain), smtp://host?tls=required
    /// (STARTTLS), smtps://user:password@host (TLS).
    #[arg(long, env = "CAREFORM_SMTP_URL")]
    smtp_url: Option<String>,
    /// The notifications' From: address.
    #[arg(long, env = "CAREFORM_MAIL_FROM")]
    mail_from: Option<String>,
    /// Seconds one delivery attempt may take.
    #[arg(long, env = "CAREFORM_DELIVERY_TIMEOUT", default_value_t = 10, value_name = "SECS")]
    delivery_timeout: u64,
    /// Seconds before the first retry; each later retry waits twice as long (with jitter), up to --delivery-retry-max.
    #[arg(long, env = "CAREFORM_DELIVERY_RETRY_BASE", default_value_t = 30, value_name = "SECS")]
    delivery_retry_base: u64,
    /// The longest wait, in seconds, between two attempts.
    #[arg(long, env = "CAREFORM_DELIVERY_RETRY_MAX", default_value_t = 6 * 3600, value_name = "SECS")]
    delivery_retry_max: u64,
}

impl DeliveryArgs {
    /// The settings from these flags and the config file's `[webhooks]`, `[notify]`, `smtp_url`
    /// and `mail_from` (flags win; endpoints add up).
    pub fn settings(&self, file: &FileConfig) -> Result<Settings, String> {
        let defaults = Settings::default();
        let mut settings = Settings {
            smtp_url: self.smtp_url.clone().or_else(|| file.smtp_url.clone()),
            mail_from: self.mail_from.clone().or_else(|| file.mail_from.clone()).unwrap_or(defaults.mail_from),
            timeout: Duration::from_secs(self.delivery_timeout.max(1)),
            retry_base: Duration::from_secs(self.delivery_retry_base.max(1)),
            retry_max: Duration::from_secs(self.delivery_retry_max.max(self.delivery_retry_base).max(1)),
            ..Settings::default()
        };
        // The file's entries as FORM=VALUE, so both sources go through one parser.
        let from_file = |table: &std::collections::BTreeMap<String, Vec<String>>| -> Vec<String> {
            table.iter().flat_map(|(form, list)| list.iter().map(move |v| format!("{form}={v}"))).collect()
        };
        let (file_hooks, file_notify) = (from_file(&file.webhooks), from_file(&file.notify));
        let webhooks =
            self.webhook.iter().chain(&file_hooks).map(|v| parse_webhook(v).map_err(|e| format!("webhook {v:?}: {e}")));
        let notify =
            self.notify.iter().chain(&file_notify).map(|v| parse_notify(v).map_err(|e| format!("notify {v:?}: {e}")));
        for entry in webhooks.chain(notify) {
            let (form, endpoint) = entry?;
            settings.endpoints.entry(form).or_default().push(endpoint);
        }
        let _: lettre::message::Mailbox =
            settings.mail_from.parse().map_err(|e| format!("--mail-from {:?}: {e}", settings.mail_from))?;
        let notifies = settings.endpoints.values().flatten().any(|e| e.starts_with("mailto:"));
        match &settings.smtp_url {
            Some(url) => {
                careform_server::deliver::mail::transport(url, settings.timeout)?;
            }
            None if notifies => return Err("--notify needs --smtp-url".into()),
            None => {}
        }
        Ok(settings)
    }
}
