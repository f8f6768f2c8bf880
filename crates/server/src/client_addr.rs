//! Which address a request comes from, for the rate limits and the connection cap.
//!
//! Behind a reverse proxy or load balancer every connection comes from the proxy, so limits per
//! address would throttle everyone together. A proxy named with `--trusted-proxy` is believed
//! about the client it forwards for: the address is read from `X-Forwarded-For`, right to left,
//! skipping the trusted proxies themselves (each proxy appends the address it received from, so
//! only entries added by trusted hops are believed; whatever a client writes there itself sits to
//! their left). From any other peer the header is ignored, so a client cannot choose its own
//! address. Its connections are not capped per address either (the total cap still holds).

use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::HeaderMap;
use axum::http::request::Parts;
use ipnet::IpNet;

/// The proxies believed about `X-Forwarded-For`: addresses or CIDR ranges.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// Reads `--trusted-proxy` values: `10.0.0.5`, `10.0.0.0/8`, `::1`, `fd00::/8`.
    pub fn parse(values: &[String]) -> Result<Self, String> {
        let nets = values
            .iter()
            .map(|v| {
                let v = v.trim();
                v.parse::<IpNet>().or_else(|_| v.parse::<IpAddr>().map(IpNet::from)).map_err(|_| {
                    format!("--trusted-proxy: {v:?} is not an IP address or a CIDR range such as 10.0.0.0/8")
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(TrustedProxies(nets))
    }

    /// Whether `ip` is one of the trusted proxies.
    pub fn contains(&self, ip: IpAddr) -> bool {
        // An IPv4 peer on a dual-stack socket shows as ::ffff:a.b.c.d.
        let ip = ip.to_canonical();
        self.0.iter().any(|net| net.contains(&ip))
    }

    /// The client's address: `peer` itself unless it is a trusted proxy, else the rightmost
    /// `X-Forwarded-For` entry that is not one (the leftmost when all are). An entry that is not
    /// an address stops the walk at the last trusted hop, which is then the client.
    pub fn client_of(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        if !self.contains(peer) {
            return peer;
        }
        let mut client = peer;
        // Several header lines are one list, in order (RFC 9110 §5.3). A line that is not text
        // stops the walk like any other entry that is not an address.
        for line in headers.get_all("x-forwarded-for").iter().rev() {
            let Ok(line) = line.to_str() else { return client };
            for entry in line.rsplit(',') {
                let Some(ip) = parse_entry(entry.trim()) else { return client };
                client = ip;
                if !self.contains(ip) {
                    return client;
                }
            }
        }
        client
    }
}

/// `203.0.113.7`, `2001:db8::1`, or either with a port (`203.0.113.7:5100`, `[2001:db8::1]:5100`).
fn parse_entry(entry: &str) -> Option<IpAddr> {
    entry
        .parse::<IpAddr>()
        .ok()
        .or_else(|| entry.parse::<SocketAddr>().ok().map(|s| s.ip()))
        .map(|ip| ip.to_canonical())
}

/// The address a request is counted against: see the module's notes. Needs the serve loop's
/// `ConnectInfo` (and its trusted proxies, if any).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientIp(pub IpAddr);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Infallible> {
        let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
        let trusted = parts.extensions.get::<Arc<TrustedProxies>>();
        // Without the serve loop's connection info (never in `careform serve`), one shared bucket.
        let peer = peer.unwrap_or(IpAddr::from([0, 0, 0, 0]));
        Ok(ClientIp(trusted.map_or(peer, |t| t.client_of(peer, &parts.headers))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn forwarded(lines: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for line in lines {
            h.append("x-forwarded-for", line.parse().unwrap());
        }
        h
    }

    #[test]
    fn only_a_trusted_peer_is_believed() {
        let t = TrustedProxies::parse(&["10.0.0.0/8".into(), "192.0.2.1".into()]).unwrap();
        let h = forwarded(&["203.0.113.7"]);
        assert_eq!(t.client_of(ip("198.51.100.9"), &h), ip("198.51.100.9"), "an untrusted peer's header is ignored");
        assert_eq!(t.client_of(ip("10.1.2.3"), &h), ip("203.0.113.7"));
        assert_eq!(t.client_of(ip("192.0.2.1"), &h), ip("203.0.113.7"));
        assert_eq!(t.client_of(ip("10.1.2.3"), &HeaderMap::new()), ip("10.1.2.3"), "no header: the proxy itself");
        assert_eq!(TrustedProxies::default().client_of(ip("10.1.2.3"), &h), ip("10.1.2.3"), "none trusted");
    }

    #[test]
    fn the_rightmost_untrusted_entry_is_the_client() {
        let t = TrustedProxies::parse(&["10.0.0.0/8".into()]).unwrap();
        // The client wrote 1.1.1.1 itself; the first proxy appended its real address; a second
        // trusted proxy appended the first's.
        let h = forwarded(&["1.1.1.1, 203.0.113.7, 10.0.0.2"]);
        assert_eq!(t.client_of(ip("10.0.0.3"), &h), ip("203.0.113.7"));
        let split = forwarded(&["1.1.1.1", "203.0.113.7, 10.0.0.2"]);
        assert_eq!(t.client_of(ip("10.0.0.3"), &split), ip("203.0.113.7"), "several header lines are one list");
        let all_trusted = forwarded(&["10.9.9.9, 10.0.0.2"]);
        assert_eq!(t.client_of(ip("10.0.0.3"), &all_trusted), ip("10.9.9.9"));
        let junk = forwarded(&["203.0.113.7, not-an-address, 10.0.0.2"]);
        assert_eq!(t.client_of(ip("10.0.0.3"), &junk), ip("10.0.0.2"), "the walk stops at the last trusted hop");
        let mut binary = HeaderMap::new();
        binary.append("x-forwarded-for", "203.0.113.9".parse().unwrap());
        binary.append("x-forwarded-for", axum::http::HeaderValue::from_bytes(b"\xff10.0.0.2").unwrap());
        binary.append("x-forwarded-for", "10.0.0.2".parse().unwrap());
        assert_eq!(t.client_of(ip("10.0.0.3"), &binary), ip("10.0.0.2"), "a line that is not text stops it too");
    }

    #[test]
    fn ports_ipv6_and_mapped_addresses() {
        let t = TrustedProxies::parse(&["::1".into(), "127.0.0.1".into()]).unwrap();
        assert_eq!(t.client_of(ip("::1"), &forwarded(&["203.0.113.7:5100"])), ip("203.0.113.7"));
        assert_eq!(t.client_of(ip("::1"), &forwarded(&["[2001:db8::1]:443"])), ip("2001:db8::1"));
        assert_eq!(t.client_of(ip("::ffff:127.0.0.1"), &forwarded(&["2001:db8::1"])), ip("2001:db8::1"));
        assert!(TrustedProxies::parse(&["10.0.0.0/33".into()]).unwrap_err().contains("--trusted-proxy"));
        assert!(TrustedProxies::parse(&["proxy.example".into()]).is_err());
    }
}
