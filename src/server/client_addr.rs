//! Who the client is behind load balancers: the connection's peer, unless
//! that peer is a trusted proxy, in which case `X-Forwarded-For` names the
//! client (RFC 7239 §5.2 order: each proxy appends the address it saw).

use std::net::IpAddr;

use ipnet::IpNet;

use crate::http::RequestHeaders;

/// Proxies whose `X-Forwarded-For` entries are believed.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies {
    networks: Vec<IpNet>,
}

impl TrustedProxies {
    pub fn new(networks: Vec<IpNet>) -> Self {
        TrustedProxies { networks }
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        let ip = ip.to_canonical();
        self.networks.iter().any(|net| net.contains(&ip))
    }

    /// The client's address for a request that came from `peer` with these
    /// headers (names lowercase). `X-Forwarded-For` is read only when the
    /// peer is trusted; it is walked from the right past trusted addresses,
    /// and the first untrusted one is the client. An entry that is not an
    /// address stops the walk at the last trusted hop, which is then the
    /// best known client; a chain of trusted addresses only gives its
    /// leftmost.
    pub fn client_ip(&self, peer: IpAddr, headers: &RequestHeaders) -> IpAddr {
        let peer = peer.to_canonical();
        if !self.trusts(peer) {
            return peer;
        }
        let forwarded: Vec<_> = headers.get_all("x-forwarded-for").collect();
        let mut entries: Vec<&str> = forwarded
            .iter()
            .flat_map(|value| value.split(','))
            .collect();
        let mut client = peer;
        while let Some(entry) = entries.pop() {
            let Some(ip) = parse_forwarded_ip(entry.trim()) else {
                return client;
            };
            client = ip;
            if !self.trusts(ip) {
                return ip;
            }
        }
        client
    }
}

/// An `X-Forwarded-For` entry: an IP address, optionally with a port
/// (`1.2.3.4:5`, `[::1]:5`), as some proxies write it.
fn parse_forwarded_ip(entry: &str) -> Option<IpAddr> {
    if let Ok(ip) = entry.parse::<IpAddr>() {
        return Some(ip.to_canonical());
    }
    entry
        .parse::<std::net::SocketAddr>()
        .ok()
        .map(|addr| addr.ip().to_canonical())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trusted(cidrs: &[&str]) -> TrustedProxies {
        TrustedProxies::new(cidrs.iter().map(|c| c.parse().unwrap()).collect())
    }

    fn xff(values: &[&str]) -> RequestHeaders {
        let mut headers = RequestHeaders::default();
        for value in values {
            headers.push(b"x-forwarded-for", value.as_bytes());
        }
        headers
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_forwards() {
        let proxies = trusted(&["10.0.0.0/8"]);
        let headers = xff(&["1.2.3.4"]);
        assert_eq!(
            proxies.client_ip(ip("192.0.2.7"), &headers),
            ip("192.0.2.7")
        );
        assert_eq!(
            TrustedProxies::default().client_ip(ip("10.0.0.1"), &headers),
            ip("10.0.0.1")
        );
    }

    #[test]
    fn walks_from_the_right_past_trusted_hops() {
        let proxies = trusted(&["10.0.0.0/8", "fd00::/8"]);
        // The client may put anything on the left; only the first
        // untrusted address from the right counts.
        let headers = xff(&["6.6.6.6, 203.0.113.9", "10.1.1.1"]);
        assert_eq!(
            proxies.client_ip(ip("10.0.0.1"), &headers),
            ip("203.0.113.9")
        );
        let headers = xff(&["2001:db8::5, fd00::2"]);
        assert_eq!(
            proxies.client_ip(ip("fd00::1"), &headers),
            ip("2001:db8::5")
        );
    }

    #[test]
    fn a_trusted_peer_without_the_header_is_the_client() {
        let proxies = trusted(&["127.0.0.0/8"]);
        assert_eq!(
            proxies.client_ip(ip("127.0.0.1"), &RequestHeaders::default()),
            ip("127.0.0.1")
        );
    }

    #[test]
    fn only_trusted_addresses_gives_the_leftmost() {
        let proxies = trusted(&["10.0.0.0/8"]);
        let headers = xff(&["10.9.9.9, 10.8.8.8"]);
        assert_eq!(proxies.client_ip(ip("10.0.0.1"), &headers), ip("10.9.9.9"));
    }

    #[test]
    fn garbage_stops_at_the_last_trusted_hop() {
        let proxies = trusted(&["10.0.0.0/8"]);
        let headers = xff(&["203.0.113.9, not-an-ip, 10.2.2.2"]);
        assert_eq!(proxies.client_ip(ip("10.0.0.1"), &headers), ip("10.2.2.2"));
        let headers = xff(&[""]);
        assert_eq!(proxies.client_ip(ip("10.0.0.1"), &headers), ip("10.0.0.1"));
    }

    #[test]
    fn ports_and_mapped_addresses_are_understood() {
        let proxies = trusted(&["10.0.0.0/8"]);
        let headers = xff(&["[2001:db8::7]:443, 198.51.100.3:1234"]);
        assert_eq!(
            proxies.client_ip(ip("::ffff:10.0.0.1"), &headers),
            ip("198.51.100.3")
        );
        let headers = xff(&["::ffff:198.51.100.4"]);
        assert_eq!(
            proxies.client_ip(ip("10.0.0.1"), &headers),
            ip("198.51.100.4")
        );
    }
}
