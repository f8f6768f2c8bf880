//! The background worker `careform serve` spawns: leases due deliveries, attempts each, records
//! the outcome. Retries back off exponentially (capped, with jitter) and survive restarts, since
//! the schedule lives in the database; a lease that a dead server held simply runs out.

use std::sync::Arc;
use std::time::Duration;

use lettre::{AsyncSmtpTransport, Tokio1Executor};

use super::{Settings, mail, webhook};
use crate::state::AppState;
use crate::store::deliveries::Delivery;
use crate::store::{Record, Store, StoreError};

/// How often the worker looks for due deliveries when it found none.
const POLL: Duration = Duration::from_secs(1);
/// Most deliveries attempted at once.
const BATCH: usize = 32;
/// Why a queued delivery was not sent: its endpoint was removed from the configuration.
pub const NOT_CONFIGURED: &str =
    "not sent: this endpoint is no longer configured for this form (it resumes if configured again)";

struct Worker {
    state: AppState,
    client: reqwest::Client,
    smtp: Option<AsyncSmtpTransport<Tokio1Executor>>,
}

/// Runs until the runtime stops. Fails only if the SMTP URL cannot be understood, which
/// `careform serve` checks before it starts.
pub async fn run(state: AppState) -> Result<(), String> {
    let settings = &state.config.delivery;
    let smtp = settings.smtp_url.as_deref().map(|url| mail::transport(url, settings.timeout)).transpose()?;
    let worker = Arc::new(Worker { client: webhook::client(settings.timeout), smtp, state });
    loop {
        let now = unix_now();
        // Long enough for an attempt to finish; a lease held by a dead server runs out then.
        let lease_until = now + 2 * worker.state.config.delivery.timeout.as_secs() as i64 + 5;
        match blocking(&worker.state.store, move |s| s.lease_due(now, lease_until, BATCH)).await {
            Ok(due) if !due.is_empty() => {
                let mut attempts = tokio::task::JoinSet::new();
                for delivery in due {
                    attempts.spawn(worker.clone().attempt(delivery));
                }
                while attempts.join_next().await.is_some() {}
            }
            Ok(_) => tokio::time::sleep(POLL).await,
            Err(e) => {
                tracing::error!("delivery queue: {e}");
                tokio::time::sleep(POLL).await;
            }
        }
    }
}

/// What one attempt came to.
enum Outcome {
    /// Acknowledged.
    Delivered,
    /// Not attempted: the endpoint is no longer configured for the record's form.
    Held,
    /// Attempted (or could not be), and failed: why.
    Failed(String),
}

impl Worker {
    async fn attempt(self: Arc<Self>, delivery: Delivery) {
        let (id, store) = (delivery.id, &self.state.store);
        let outcome = match self.record(&delivery).await {
            Err(error) => Outcome::Failed(error),
            // Queued rows name the endpoints of their day: one taken out of the configuration
            // since (a retired system, a leaked URL, an officer who left) gets nothing from now on.
            Ok(record) if !self.state.config.delivery.endpoints_for(&record.form_id).contains(&delivery.endpoint) => {
                Outcome::Held
            }
            Ok(record) => self.send(&delivery, &record).await.map_or_else(Outcome::Failed, |()| Outcome::Delivered),
        };
        let recorded = match outcome {
            Outcome::Delivered => blocking(store, move |s| s.delivered(id, unix_now())).await,
            // Not a failure: looked at again soon, so an endpoint configured again (or one another
            // instance still has) is not kept waiting behind a long backoff.
            Outcome::Held => {
                let next = unix_now() + self.state.config.delivery.retry_base.as_secs().max(1) as i64;
                blocking(store, move |s| s.delivery_held(id, next, NOT_CONFIGURED)).await
            }
            Outcome::Failed(error) => {
                let next = unix_now() + backoff(&self.state.config.delivery, delivery.attempts).as_secs() as i64;
                tracing::warn!(endpoint = %delivery.endpoint, seq = delivery.seq, "delivery failed: {error}");
                blocking(store, move |s| s.delivery_failed(id, next, &error)).await
            }
        };
        if let Err(e) = recorded {
            // The lease runs out and the delivery is tried again: a duplicate the receiver drops.
            tracing::error!("cannot record a delivery's outcome: {e}");
        }
    }

    /// The stored submission a delivery sends.
    async fn record(&self, delivery: &Delivery) -> Result<Record, String> {
        let seq = delivery.seq;
        blocking(&self.state.store, move |s| s.record_at(seq))
            .await
            .map_err(|e| e.to_string())?
            .ok_or_else(|| format!("no stored submission at seq {seq}"))
    }

    async fn send(&self, delivery: &Delivery, record: &Record) -> Result<(), String> {
        let config = &self.state.config;
        if let Some(to) = delivery.endpoint.strip_prefix("mailto:") {
            let smtp = self.smtp.as_ref().ok_or("no SMTP server is configured (--smtp-url)")?;
            let message = mail::message(&config.delivery.mail_from, to, &config.public_url, record)?;
            mail::send(smtp, message, config.delivery.timeout).await
        } else {
            let body = webhook::body(&self.state.key, &config.public_url, record)?.to_json();
            webhook::post(&self.client, &delivery.endpoint, webhook::delivery_id(record), body).await
        }
    }
}

/// The wait before the next attempt after `attempts` earlier failures: `retry_base` doubled for
/// each, capped at `retry_max`, then a random half of it taken off so that deliveries failing
/// together do not all come back at once.
pub fn backoff(settings: &Settings, attempts: u32) -> Duration {
    let full = settings.retry_base.saturating_mul(1u32 << attempts.min(20)).min(settings.retry_max);
    let jitter = f64::from(u32::from_le_bytes(careform_seal::random_bytes::<4>())) / f64::from(u32::MAX);
    full.mul_f64(1.0 - jitter / 2.0).max(Duration::from_secs(1))
}

fn unix_now() -> i64 {
    chrono::Utc::now().timestamp()
}

async fn blocking<T: Send + 'static>(
    store: &Arc<dyn Store>,
    f: impl FnOnce(&dyn Store) -> Result<T, StoreError> + Send + 'static,
) -> Result<T, StoreError> {
    let store = store.clone();
    tokio::task::spawn_blocking(move || f(store.as_ref()))
        .await
        .unwrap_or_else(|e| Err(StoreError::Build(format!("store task failed: {e}"))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_cap_with_at_most_half_taken_off() {
        let s =
            Settings { retry_base: Duration::from_secs(10), retry_max: Duration::from_secs(100), ..Default::default() };
        for (attempts, full) in [(0, 10), (1, 20), (2, 40), (3, 80), (4, 100), (30, 100)] {
            let d = backoff(&s, attempts).as_secs_f64();
            assert!(d <= full as f64 && d >= full as f64 / 2.0, "attempt {attempts}: {d}");
        }
    }
}
