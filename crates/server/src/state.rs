//! What every handler may touch: settings, the store, the receipt key and the rate limiter.
//! Its own module so that each area's routes (`http`, `staff`) depend on it, not on each other.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;

use careform_seal::SigningKey;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::config::Config;
use crate::store::Store;

/// Everything a handler may touch.
#[derive(Clone)]
pub struct AppState {
    /// Settings.
    pub config: Arc<Config>,
    /// Storage.
    pub store: Arc<dyn Store>,
    /// The receipt-signing key.
    pub key: Arc<SigningKey>,
    pub(crate) limiter: Arc<DefaultKeyedRateLimiter<IpAddr>>,
    /// Uploads being read now ([`crate::uploads::MAX_CONCURRENT_UPLOADS`] at most).
    pub(crate) uploads: Arc<tokio::sync::Semaphore>,
}

impl AppState {
    /// State for a server with these parts.
    pub fn new(config: Config, store: Arc<dyn Store>, key: SigningKey) -> Self {
        let per_minute = NonZeroU32::new(config.rate_limit_per_minute.max(1)).expect("at least 1");
        let limiter = RateLimiter::keyed(Quota::per_minute(per_minute));
        AppState {
            config: Arc::new(config),
            store,
            key: Arc::new(key),
            limiter: Arc::new(limiter),
            uploads: Arc::new(tokio::sync::Semaphore::new(crate::uploads::MAX_CONCURRENT_UPLOADS)),
        }
    }

    /// Counts a request from `client` and answers whether it is over the per-minute limit. When
    /// the store counts requests (PostgreSQL), every instance sharing it shares one count per
    /// address and minute; otherwise (or while the database cannot answer) this process counts.
    pub(crate) async fn over_rate_limit(&self, client: IpAddr) -> bool {
        if self.store.counts_requests() {
            let (store, key) = (self.store.clone(), client.to_string());
            let minute = chrono::Utc::now().timestamp().div_euclid(60);
            match tokio::task::spawn_blocking(move || store.count_request(&key, minute)).await {
                Ok(Ok(hits)) => return hits > u64::from(self.config.rate_limit_per_minute.max(1)),
                Ok(Err(e)) => tracing::warn!("shared rate count failed, counting in this process: {e}"),
                Err(e) => tracing::warn!("shared rate count failed, counting in this process: {e}"),
            }
        }
        self.limiter.check_key(&client).is_err()
    }
}
