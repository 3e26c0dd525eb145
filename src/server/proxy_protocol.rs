//! The PROXY protocol header (v1 text, v2 binary; haproxy.org
//! proxy-protocol.txt) that a layer-4 load balancer sends before anything
//! else on a connection, naming the client whose connection it relays.

use std::net::{IpAddr, SocketAddr};

use ppp::PartialResult;
use thiserror::Error;

/// Longest v2 header accepted: the 16-byte preamble plus addresses and
/// TLVs. Balancers send well under this (AWS NLB about 100 bytes); the
/// format allows 64 KiB, which a connection should not make us buffer.
pub(crate) const MAX_V2_HEADER_BYTES: usize = 4096;

/// Longest v1 header, CRLF included (fixed by the specification).
const MAX_V1_HEADER_BYTES: usize = 107;

const V1_PREFIX: &[u8] = b"PROXY ";
/// The 16 bytes before a v2 header's addresses: signature, version and
/// command, family and protocol, length.
const V2_PREAMBLE_BYTES: usize = 16;

/// A complete header: the client it names (none for a `LOCAL` command, an
/// `UNKNOWN` or unspecified family: the connection is the proxy's own) and
/// the bytes it used.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct ProxyHeader {
    pub source: Option<SocketAddr>,
    pub used: usize,
}

#[derive(Debug, PartialEq, Eq)]
pub(crate) enum ProxyParsed {
    Complete(ProxyHeader),
    Partial,
}

/// Why a connection's first bytes are not a PROXY header.
#[derive(Debug, Error, PartialEq)]
pub(crate) enum ProxyHeaderError {
    #[error("the connection does not start with a PROXY protocol header")]
    Missing,
    #[error("invalid PROXY protocol v1 header: {0}")]
    V1(#[from] ppp::v1::BinaryParseError),
    #[error("invalid PROXY protocol v2 header: {0}")]
    V2(#[from] ppp::v2::ParseError),
    #[error("PROXY protocol v2 header of {0} bytes is over the limit of {MAX_V2_HEADER_BYTES}")]
    TooLong(usize),
}

/// Parses the PROXY header at the start of `buf`.
pub(crate) fn parse_proxy_header(buf: &[u8]) -> Result<ProxyParsed, ProxyHeaderError> {
    if starts_with_or_within(buf, ppp::v2::PROTOCOL_PREFIX) {
        parse_v2(buf)
    } else if starts_with_or_within(buf, V1_PREFIX) {
        parse_v1(buf)
    } else {
        Err(ProxyHeaderError::Missing)
    }
}

/// `buf` starts with `prefix`, or is a beginning of it.
fn starts_with_or_within(buf: &[u8], prefix: &[u8]) -> bool {
    let n = buf.len().min(prefix.len());
    buf[..n] == prefix[..n]
}

fn parse_v1(buf: &[u8]) -> Result<ProxyParsed, ProxyHeaderError> {
    let window = &buf[..buf.len().min(MAX_V1_HEADER_BYTES)];
    // The line is parsed once its CRLF has come: a line cut short in the
    // middle of a field ("... 56324 ") cannot be told from a malformed one.
    let Some(cr) = window.iter().position(|&b| b == b'\r') else {
        if window.len() == MAX_V1_HEADER_BYTES {
            return Err(ppp::v1::BinaryParseError::from(ppp::v1::ParseError::HeaderTooLong).into());
        }
        return Ok(ProxyParsed::Partial);
    };
    if cr + 1 == buf.len() {
        return Ok(ProxyParsed::Partial);
    }
    let header = ppp::v1::Header::try_from(window)?;
    let source = match header.addresses {
        ppp::v1::Addresses::Tcp4(a) => {
            Some(SocketAddr::new(IpAddr::V4(a.source_address), a.source_port))
        }
        ppp::v1::Addresses::Tcp6(a) => {
            Some(SocketAddr::new(IpAddr::V6(a.source_address), a.source_port))
        }
        ppp::v1::Addresses::Unknown => None,
    };
    Ok(ProxyParsed::Complete(ProxyHeader {
        source,
        used: header.header.len(),
    }))
}

fn parse_v2(buf: &[u8]) -> Result<ProxyParsed, ProxyHeaderError> {
    if buf.len() >= V2_PREAMBLE_BYTES {
        let declared = u16::from_be_bytes([buf[14], buf[15]]) as usize;
        let total = V2_PREAMBLE_BYTES + declared;
        if total > MAX_V2_HEADER_BYTES {
            return Err(ProxyHeaderError::TooLong(total));
        }
    }
    let parsed = ppp::v2::Header::try_from(buf);
    if parsed.is_incomplete() {
        return Ok(ProxyParsed::Partial);
    }
    let header = parsed?;
    let source = match (header.command, header.addresses) {
        (ppp::v2::Command::Local, _) => None,
        (ppp::v2::Command::Proxy, ppp::v2::Addresses::IPv4(a)) => {
            Some(SocketAddr::new(IpAddr::V4(a.source_address), a.source_port))
        }
        (ppp::v2::Command::Proxy, ppp::v2::Addresses::IPv6(a)) => {
            Some(SocketAddr::new(IpAddr::V6(a.source_address), a.source_port))
        }
        (ppp::v2::Command::Proxy, _) => None,
    };
    Ok(ProxyParsed::Complete(ProxyHeader {
        source,
        used: header.len(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIGNATURE: &[u8] = b"\r\n\r\n\0\r\nQUIT\n";

    /// A v2 header written byte by byte from the specification.
    fn v2(command: u8, family: u8, addresses: &[u8], tlvs: &[u8]) -> Vec<u8> {
        let mut out = SIGNATURE.to_vec();
        out.push(0x20 | command);
        out.push(family);
        let len = (addresses.len() + tlvs.len()) as u16;
        out.extend_from_slice(&len.to_be_bytes());
        out.extend_from_slice(addresses);
        out.extend_from_slice(tlvs);
        out
    }

    fn complete(source: Option<&str>, used: usize) -> Result<ProxyParsed, ProxyHeaderError> {
        Ok(ProxyParsed::Complete(ProxyHeader {
            source: source.map(|s| s.parse().unwrap()),
            used,
        }))
    }

    #[test]
    fn v1_tcp4_and_tcp6_name_the_source() {
        let line = "PROXY TCP4 203.0.113.9 10.0.0.1 56324 443\r\n";
        let mut input = line.as_bytes().to_vec();
        input.extend_from_slice(b"GET / HTTP/1.1\r\n");
        assert_eq!(
            parse_proxy_header(&input),
            complete(Some("203.0.113.9:56324"), line.len())
        );
        let line = "PROXY TCP6 2001:db8::9 2001:db8::1 4000 80\r\n";
        assert_eq!(
            parse_proxy_header(line.as_bytes()),
            complete(Some("[2001:db8::9]:4000"), line.len())
        );
        assert_eq!(parse_proxy_header(b"PROXY UNKNOWN\r\n"), complete(None, 15));
    }

    #[test]
    fn v1_incomplete_is_partial_at_every_length() {
        let line = b"PROXY TCP4 203.0.113.9 10.0.0.1 56324 443\r\n";
        for end in 0..line.len() {
            assert_eq!(
                parse_proxy_header(&line[..end]),
                Ok(ProxyParsed::Partial),
                "{:?}",
                String::from_utf8_lossy(&line[..end])
            );
        }
    }

    #[test]
    fn v1_malformed_is_an_error() {
        for bad in [
            &b"PROXY TCP4 203.0.113.x 10.0.0.1 1 2\r\n"[..],
            b"PROXY TCP4 203.0.113.9 10.0.0.1 1 99999\r\n",
            b"PROXY UDP4 203.0.113.9 10.0.0.1 1 2\r\n",
            b"PROXY TCP4 203.0.113.9 10.0.0.1 1 2\rX",
            b"PROXY TCP4\r\nGET / HTTP/1.1\r\n",
            b"PROXY TCP4 203.0.113.9 10.0.0.1 1 \r\n",
        ] {
            assert!(
                matches!(parse_proxy_header(bad), Err(ProxyHeaderError::V1(_))),
                "{:?}",
                String::from_utf8_lossy(bad)
            );
        }
        // No CRLF within the longest possible header.
        let endless = format!("PROXY TCP6 {}", "1".repeat(200));
        assert!(matches!(
            parse_proxy_header(endless.as_bytes()),
            Err(ProxyHeaderError::V1(_))
        ));
    }

    #[test]
    fn anything_else_is_missing() {
        assert_eq!(
            parse_proxy_header(b"GET / HTTP/1.1\r\n"),
            Err(ProxyHeaderError::Missing)
        );
        assert_eq!(parse_proxy_header(b"PROXX"), Err(ProxyHeaderError::Missing));
        assert_eq!(parse_proxy_header(b""), Ok(ProxyParsed::Partial));
    }

    #[test]
    fn v2_ipv4_ipv6_and_local() {
        let ipv4 = [203, 0, 113, 9, 10, 0, 0, 1, 0xdc, 0x04, 0x01, 0xbb];
        let mut input = v2(0x1, 0x11, &ipv4, &[]);
        let used = input.len();
        input.extend_from_slice(b"GET / HTTP/1.1\r\n");
        assert_eq!(
            parse_proxy_header(&input),
            complete(Some("203.0.113.9:56324"), used)
        );

        let mut ipv6 = Vec::new();
        ipv6.extend_from_slice(
            &"2001:db8::9"
                .parse::<std::net::Ipv6Addr>()
                .unwrap()
                .octets(),
        );
        ipv6.extend_from_slice(
            &"2001:db8::1"
                .parse::<std::net::Ipv6Addr>()
                .unwrap()
                .octets(),
        );
        ipv6.extend_from_slice(&[0x0f, 0xa0, 0x00, 0x50]);
        // A TLV (PP2_TYPE_AUTHORITY) after the addresses is skipped.
        let tlv = [0x02, 0x00, 0x03, b'a', b'.', b'b'];
        let input = v2(0x1, 0x21, &ipv6, &tlv);
        assert_eq!(
            parse_proxy_header(&input),
            complete(Some("[2001:db8::9]:4000"), input.len())
        );

        let input = v2(0x0, 0x00, &[], &[]);
        assert_eq!(parse_proxy_header(&input), complete(None, 16));
        // LOCAL ignores whatever addresses it carries.
        let input = v2(0x0, 0x11, &ipv4, &[]);
        assert_eq!(parse_proxy_header(&input), complete(None, 28));
    }

    #[test]
    fn v2_incomplete_is_partial_at_every_length() {
        let input = v2(0x1, 0x11, &[1, 2, 3, 4, 5, 6, 7, 8, 0, 1, 0, 2], &[]);
        for end in 0..input.len() {
            assert_eq!(parse_proxy_header(&input[..end]), Ok(ProxyParsed::Partial));
        }
    }

    #[test]
    fn v2_malformed_or_oversized_is_an_error() {
        let ipv4 = [1, 2, 3, 4, 5, 6, 7, 8, 0, 1, 0, 2];
        let mut bad_version = v2(0x1, 0x11, &ipv4, &[]);
        bad_version[12] = 0x31;
        let bad_command = v2(0x7, 0x11, &ipv4, &[]);
        let bad_family = v2(0x1, 0x41, &ipv4, &[]);
        let short_addresses = v2(0x1, 0x21, &ipv4, &[]);
        for bad in [bad_version, bad_command, bad_family, short_addresses] {
            assert!(
                matches!(parse_proxy_header(&bad), Err(ProxyHeaderError::V2(_))),
                "{bad:?}"
            );
        }
        let mut huge = SIGNATURE.to_vec();
        huge.extend_from_slice(&[0x21, 0x11, 0xff, 0xff]);
        assert_eq!(
            parse_proxy_header(&huge),
            Err(ProxyHeaderError::TooLong(16 + 0xffff))
        );
    }
}
