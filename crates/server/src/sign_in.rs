//! What keeps the staff sign-in standing under attack: at most [`MAX_HASHING`] password hashes
//! at once (Argon2id takes 19 MiB each; past the bound the answer is 503 with Retry-After),
//! sign-in limits of its own (per address and for the whole server, apart from the `/v1/`
//! bucket, so a busy embedding page cannot lock staff out), and an account locked for
//! [`LOCK_SECS`] after [`MAX_FAILURES`] wrong passwords in a row.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::LazyLock;

use axum::extract::Request;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::{DefaultDirectRateLimiter, DefaultKeyedRateLimiter, Quota, RateLimiter};
use tokio::sync::{Semaphore, SemaphorePermit};

use crate::client_addr::ClientIp;

/// Password hashes (or checks) running at once.
pub const MAX_HASHING: usize = 4;
/// Sign-in attempts per minute from one address.
pub const PER_ADDRESS_PER_MINUTE: u32 = 30;
/// Sign-in attempts per minute to the whole server.
pub const GLOBAL_PER_MINUTE: u32 = 300;
/// Wrong passwords in a row that lock an account.
pub const MAX_FAILURES: i64 = 5;
/// How long a locked account stays locked.
pub const LOCK_SECS: i64 = 15 * 60;

static HASHING: Semaphore = Semaphore::const_new(MAX_HASHING);

fn per_minute(n: u32) -> Quota {
    Quota::per_minute(NonZeroU32::new(n).expect("a positive quota"))
}

static PER_ADDRESS: LazyLock<DefaultKeyedRateLimiter<IpAddr>> =
    LazyLock::new(|| RateLimiter::keyed(per_minute(PER_ADDRESS_PER_MINUTE)));
static GLOBAL: LazyLock<DefaultDirectRateLimiter> =
    LazyLock::new(|| RateLimiter::direct(per_minute(GLOBAL_PER_MINUTE)));

/// A slot to hash a password in, or `None` when [`MAX_HASHING`] are already running.
pub fn hashing_slot() -> Option<SemaphorePermit<'static>> {
    HASHING.try_acquire().ok()
}

fn refuse(status: StatusCode, retry_after: &'static str, text: &'static str) -> Response {
    let mut r = (status, text).into_response();
    r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static(retry_after));
    r
}

/// 503 with Retry-After: every hashing slot is taken.
pub fn busy() -> Response {
    refuse(StatusCode::SERVICE_UNAVAILABLE, "2", "Too many people are signing in at once. Try again in a few seconds.")
}

/// The sign-in limits, on `POST /staff/login` only (the form itself may always be shown).
pub async fn limit(ClientIp(client): ClientIp, req: Request, next: Next) -> Response {
    if req.method() == Method::POST && (PER_ADDRESS.check_key(&client).is_err() || GLOBAL.check().is_err()) {
        return refuse(StatusCode::TOO_MANY_REQUESTS, "60", "Too many sign-in attempts. Wait a minute and try again.");
    }
    next.run(req).await
}
