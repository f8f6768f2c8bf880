//! The accept loop: HTTP/1.1 with header, body and idle timeouts and connection caps, so idle or
//! slow clients cannot hold every file descriptor and stop the server answering anyone.
//!
//! `axum::serve` has no timeouts or caps; this loop uses hyper's own connection builder (its
//! header read timeout), tower-http's body timeout and a semaphore, which is what `axum::serve`
//! wraps anyway.

use std::collections::HashMap;
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower_http::timeout::RequestBodyTimeoutLayer;

use crate::client_addr::TrustedProxies;

/// File descriptors kept back from connections: the database and its -wal/-shm, the key,
/// evidence files being written, the runtime's own.
const RESERVED_FDS: u64 = 64;

/// How the serve loop guards its connections.
#[derive(Debug, Clone)]
pub struct Limits {
    /// From when the server waits for a request (a new connection, or a kept-alive one after its
    /// last response) until that request's headers are complete; also the idle keep-alive timeout.
    pub header_timeout: Duration,
    /// The longest pause allowed between two pieces of a request body.
    pub body_timeout: Duration,
    /// Connections open at once from one client address.
    pub per_address: usize,
    /// Connections open at once in all.
    pub total: usize,
    /// Proxies whose `X-Forwarded-For` names the client (see `client_addr`); their own
    /// connections are not capped per address.
    pub trusted_proxies: Arc<TrustedProxies>,
}

/// `careform serve`'s flags for [`Limits`].
#[derive(Debug, clap::Args)]
pub struct LimitArgs {
    /// Seconds a client has to send a request's headers, counted from when the server waits for
    /// the request: a silent new connection, or a kept-alive one idle this long, is closed.
    #[arg(long, env = "CAREFORM_HEADER_TIMEOUT", default_value_t = 30, value_name = "SECS")]
    pub header_timeout: u64,
    /// Seconds a request body may pause between two pieces before the request is dropped (`408`).
    #[arg(long, env = "CAREFORM_BODY_TIMEOUT", default_value_t = 30, value_name = "SECS")]
    pub body_timeout: u64,
    /// Connections open at once from one client address; more are closed on arrival.
    #[arg(long, env = "CAREFORM_MAX_CONNECTIONS_PER_ADDRESS", default_value_t = 128, value_name = "N")]
    pub max_connections_per_address: usize,
    /// Connections open at once in all (default: 4096, or the open-file limit less 64 if lower).
    #[arg(long, env = "CAREFORM_MAX_CONNECTIONS", value_name = "N")]
    pub max_connections: Option<usize>,
    /// A reverse proxy or load balancer (address or CIDR range holding proxies only) whose
    /// X-Forwarded-For names the client for the rate limits; its own connections are not capped
    /// per address. Repeatable.
    #[arg(long = "trusted-proxy", env = "CAREFORM_TRUSTED_PROXIES", value_delimiter = ',', value_name = "IP|CIDR")]
    pub trusted_proxy: Vec<String>,
}

impl LimitArgs {
    /// Checks the flags against each other and the open-file limit.
    pub fn limits(&self) -> Result<Limits, String> {
        let secs = |n: u64, flag: &str| {
            if n == 0 { Err(format!("--{flag} must be at least 1 second")) } else { Ok(Duration::from_secs(n)) }
        };
        if self.max_connections_per_address == 0 {
            return Err("--max-connections-per-address must be at least 1".into());
        }
        Ok(Limits {
            header_timeout: secs(self.header_timeout, "header-timeout")?,
            body_timeout: secs(self.body_timeout, "body-timeout")?,
            per_address: self.max_connections_per_address,
            total: total_cap(self.max_connections, open_file_limit())?,
            trusted_proxies: Arc::new(TrustedProxies::parse(&self.trusted_proxy)?),
        })
    }
}

/// This process's soft limit on open files, from `/proc/self/limits` (Linux), if readable.
pub fn open_file_limit() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = text.lines().find(|l| l.starts_with("Max open files"))?;
    line["Max open files".len()..].split_whitespace().next()?.parse().ok()
}

/// The total connection cap: `requested` (default 4096), kept below the open-file limit less a
/// reserve, since a server out of descriptors cannot accept even the request that would help.
pub fn total_cap(requested: Option<usize>, file_limit: Option<u64>) -> Result<usize, String> {
    let ceiling = file_limit.map(|l| l.saturating_sub(RESERVED_FDS) as usize);
    match (requested, ceiling) {
        (_, Some(0)) => Err(format!("the open-file limit is too low; raise `ulimit -n` above {RESERVED_FDS}")),
        (Some(n), Some(c)) if n > c => Err(format!(
            "--max-connections {n} is above what the open-file limit ({}) allows ({c}); lower it or raise `ulimit -n`",
            file_limit.unwrap_or_default()
        )),
        (Some(0), _) => Err("--max-connections must be at least 1".into()),
        (Some(n), _) => Ok(n),
        (None, c) => Ok(c.map_or(4096, |c| c.min(4096))),
    }
}

/// Counts the open connections of each client address.
#[derive(Default)]
struct PerAddress(Mutex<HashMap<IpAddr, usize>>);

/// One counted connection; uncounted when dropped.
struct Slot(Arc<PerAddress>, IpAddr);

impl PerAddress {
    fn take(self: &Arc<Self>, ip: IpAddr, cap: usize) -> Option<Slot> {
        let mut map = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let n = map.entry(ip).or_default();
        if *n >= cap {
            return None;
        }
        *n += 1;
        Some(Slot(self.clone(), ip))
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut map = self.0.0.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(n) = map.get_mut(&self.1) {
            *n -= 1;
            if *n == 0 {
                map.remove(&self.1);
            }
        }
    }
}

/// Serves `app` on `listener` until `shutdown` completes, then lets open requests finish.
pub async fn serve(listener: TcpListener, app: Router, limits: Limits, shutdown: impl Future<Output = ()>) {
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(limits.header_timeout);
    let total = Arc::new(Semaphore::new(limits.total));
    let per_address = Arc::new(PerAddress::default());
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    // The same for every connection, so added once; only the peer's address is per connection.
    let app = app
        .layer(axum::Extension(limits.trusted_proxies.clone()))
        .layer(RequestBodyTimeoutLayer::new(limits.body_timeout));
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    // Out of descriptors (the caps should prevent it) or a connection gone before
                    // it was accepted: wait a moment rather than spin.
                    tracing::warn!("accept failed: {e}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        // Over a cap the connection is closed at once: cheaper than an answer, and a browser retries.
        let Ok(permit) = total.clone().try_acquire_owned() else {
            tracing::warn!("{} connections open; closed one from {peer}", limits.total);
            continue;
        };
        // A trusted proxy carries many clients' connections: only the total cap applies to it.
        let slot = if limits.trusted_proxies.contains(peer.ip()) {
            None
        } else {
            let Some(slot) = per_address.take(peer.ip(), limits.per_address) else {
                tracing::warn!("{} connections open from {}; closed another", limits.per_address, peer.ip());
                continue;
            };
            Some(slot)
        };
        let service =
            tower::ServiceBuilder::new().layer(axum::Extension(ConnectInfo::<SocketAddr>(peer))).service(app.clone());
        let connection = http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                tracing::debug!("connection from {peer}: {e}");
            }
            drop((permit, slot));
        });
    }
    drop(listener);
    // Requests in flight finish (their receipts are sent); idle connections close now.
    if tokio::time::timeout(Duration::from_secs(30), graceful.shutdown()).await.is_err() {
        tracing::warn!("connections still open 30 s after shutdown began; closing them");
    }
}

/// Whether a body read failed because the client paused longer than the body timeout.
pub fn is_body_timeout(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut cause = Some(e);
    while let Some(c) = cause {
        if c.is::<tower_http::timeout::TimeoutError>() {
            return true;
        }
        cause = c.source();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_total_cap_stays_below_the_file_limit() {
        assert_eq!(total_cap(None, Some(256)), Ok(192));
        assert_eq!(total_cap(None, Some(1 << 20)), Ok(4096));
        assert_eq!(total_cap(None, None), Ok(4096));
        assert_eq!(total_cap(Some(100), Some(256)), Ok(100));
        assert!(total_cap(Some(300), Some(256)).unwrap_err().contains("ulimit -n"));
        assert!(total_cap(None, Some(10)).is_err());
    }

    #[test]
    fn each_address_has_its_own_count() {
        let counts = Arc::new(PerAddress::default());
        let a: IpAddr = [127, 0, 0, 1].into();
        let b: IpAddr = [127, 0, 0, 2].into();
        let first = counts.take(a, 2).unwrap();
        let _second = counts.take(a, 2).unwrap();
        assert!(counts.take(a, 2).is_none());
        assert!(counts.take(b, 2).is_some());
        drop(first);
        assert!(counts.take(a, 2).is_some());
    }
}
