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
}
