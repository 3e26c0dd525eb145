//! The client address the app sees as `CF-Connecting-IP`: the peer, a
//! trusted proxy's `X-Forwarded-For`, or a PROXY protocol header.

mod common;

use std::io::{ErrorKind, Read};
use std::net::Ipv6Addr;
use std::time::{Duration, Instant};

use common::{nano_command, run_to_exit, Client, Server};

/// The `cf-connecting-ip` values the kit app's `/headers` route saw.
fn connecting_ips(body: &str) -> Vec<&str> {
    body.lines()
        .filter_map(|line| line.strip_prefix("cf-connecting-ip: "))
        .collect()
}

/// Asks `/headers` on `client` with `extra` header lines; returns the
/// `CF-Connecting-IP` values the app got.
fn seen_by_app(client: &mut Client, extra: &str) -> Vec<String> {
    client.send(&format!("GET /headers HTTP/1.1\r\nHost: t\r\n{extra}\r\n"));
    let r = client.response();
    assert_eq!(r.status, 200);
    connecting_ips(&r.text())
        .into_iter()
        .map(str::to_string)
        .collect()
}

fn ask(server: &Server, extra: &str) -> Vec<String> {
    seen_by_app(&mut server.client(), extra)
}

#[test]
fn without_trusted_proxies_the_peer_is_the_client_and_spoofing_is_overwritten() {
    let s = Server::nano("kit", &["--cores", "1"]);
    assert_eq!(ask(&s, ""), ["127.0.0.1"]);
    assert_eq!(
        ask(
            &s,
            "X-Forwarded-For: 203.0.113.9\r\nCF-Connecting-IP: 6.6.6.6\r\ncf-connecting-ip: 7.7.7.7\r\n"
        ),
        ["127.0.0.1"]
    );
}

#[test]
fn a_trusted_proxy_forwards_the_first_untrusted_address_from_the_right() {
    let s = Server::nano(
        "kit",
        &[
            "--cores",
            "1",
            "--trusted-proxy",
            "127.0.0.0/8",
            "--trusted-proxy",
            "10.0.0.0/8",
            "--trusted-proxy",
            "fd00::/8",
        ],
    );
    // The leftmost entries are whatever the client wrote; the chain is
    // walked from the right past trusted proxies.
    assert_eq!(
        ask(
            &s,
            "X-Forwarded-For: 6.6.6.6, 203.0.113.9\r\nX-Forwarded-For: 10.1.2.3\r\nCF-Connecting-IP: 6.6.6.6\r\n"
        ),
        ["203.0.113.9"]
    );
    assert_eq!(
        ask(&s, "X-Forwarded-For: 2001:db8::5, fd00::2\r\n"),
        ["2001:db8::5"]
    );
    // A trusted peer that forwards nothing is itself the client.
    assert_eq!(ask(&s, ""), ["127.0.0.1"]);
    // The app still sees the header as sent.
    let mut c = s.client();
    c.send("GET /headers HTTP/1.1\r\nHost: t\r\nX-Forwarded-For: 198.51.100.1\r\n\r\n");
    let text = c.response().text();
    assert!(text.contains("x-forwarded-for: 198.51.100.1\n"), "{text}");
}

#[test]
fn an_untrusted_proxy_is_not_believed() {
    let s = Server::nano("kit", &["--cores", "1", "--trusted-proxy", "10.0.0.0/8"]);
    assert_eq!(ask(&s, "X-Forwarded-For: 203.0.113.9\r\n"), ["127.0.0.1"]);
}

#[test]
fn a_bad_trusted_proxy_is_a_usage_error() {
    let (status, stderr) = run_to_exit(
        &mut nano_command("kit", &["--trusted-proxy", "10.0.0.0/33"]),
        Duration::from_secs(20),
    );
    assert!(!status.success());
    assert!(stderr.contains("expected a CIDR"), "{stderr}");
}

const V2_SIGNATURE: &[u8] = b"\r\n\r\n\0\r\nQUIT\n";

/// A PROXY protocol v2 header, written from the specification.
fn v2_header(command: u8, family: u8, addresses: &[u8]) -> Vec<u8> {
    let mut out = V2_SIGNATURE.to_vec();
    out.push(0x20 | command);
    out.push(family);
    out.extend_from_slice(&(addresses.len() as u16).to_be_bytes());
    out.extend_from_slice(addresses);
    out
}

fn v2_ipv4(source: [u8; 4]) -> Vec<u8> {
    let mut addresses = source.to_vec();
    addresses.extend_from_slice(&[127, 0, 0, 1, 0xdc, 0x04, 0x1f, 0x90]);
    v2_header(0x1, 0x11, &addresses)
}

fn proxied_server(extra: &[&str]) -> Server {
    let mut args = vec!["--cores", "1", "--proxy-protocol"];
    args.extend_from_slice(extra);
    Server::nano("kit", &args)
}

/// Sends `header`, then asks twice on the same connection: the address
/// holds for the connection's life.
fn ask_after_header(server: &Server, header: &[u8]) -> Vec<String> {
    let mut c = server.client();
    c.send_bytes(header);
    let first = seen_by_app(&mut c, "");
    let second = seen_by_app(&mut c, "");
    assert_eq!(first, second);
    first
}

#[test]
fn proxy_protocol_v1_and_v2_name_the_client() {
    let s = proxied_server(&[]);
    assert_eq!(
        ask_after_header(&s, b"PROXY TCP4 203.0.113.9 127.0.0.1 56324 8080\r\n"),
        ["203.0.113.9"]
    );
    assert_eq!(
        ask_after_header(&s, b"PROXY TCP6 2001:db8::9 ::1 56324 8080\r\n"),
        ["2001:db8::9"]
    );
    // UNKNOWN: the proxy's own connection, so the peer is the client.
    assert_eq!(ask_after_header(&s, b"PROXY UNKNOWN\r\n"), ["127.0.0.1"]);
    assert_eq!(
        ask_after_header(&s, &v2_ipv4([198, 51, 100, 7])),
        ["198.51.100.7"]
    );
    let mut ipv6 = "2001:db8::77"
        .parse::<Ipv6Addr>()
        .unwrap()
        .octets()
        .to_vec();
    ipv6.extend_from_slice(&Ipv6Addr::LOCALHOST.octets());
    ipv6.extend_from_slice(&[0x0f, 0xa0, 0x1f, 0x90]);
    assert_eq!(
        ask_after_header(&s, &v2_header(0x1, 0x21, &ipv6)),
        ["2001:db8::77"]
    );
    // LOCAL (a health check from the proxy itself) ignores its addresses.
    let mut local = v2_ipv4([198, 51, 100, 7]);
    local[12] = 0x20;
    assert_eq!(ask_after_header(&s, &local), ["127.0.0.1"]);

    // Sent in pieces, byte by byte, the header still works.
    let mut c = s.client();
    for byte in b"PROXY TCP4 192.0.2.1 127.0.0.1 1 2\r\n" {
        c.send_bytes(&[*byte]);
        std::thread::sleep(Duration::from_millis(2));
    }
    assert_eq!(seen_by_app(&mut c, ""), ["192.0.2.1"]);
}

#[test]
fn proxy_protocol_source_is_checked_against_trusted_proxies() {
    let s = proxied_server(&["--trusted-proxy", "10.0.0.0/8"]);
    let mut c = s.client();
    c.send_bytes(b"PROXY TCP4 10.0.0.5 127.0.0.1 1 2\r\n");
    assert_eq!(
        seen_by_app(&mut c, "X-Forwarded-For: 203.0.113.50\r\n"),
        ["203.0.113.50"]
    );
    let mut c = s.client();
    c.send_bytes(b"PROXY TCP4 192.0.2.5 127.0.0.1 1 2\r\n");
    assert_eq!(
        seen_by_app(&mut c, "X-Forwarded-For: 203.0.113.50\r\n"),
        ["192.0.2.5"]
    );
}

/// Sends `bytes` and expects the connection closed with no response.
fn assert_closed_without_answer(server: &Server, bytes: &[u8]) {
    let mut c = server.client();
    c.send_bytes(bytes);
    let mut got = Vec::new();
    let mut stream = c.stream();
    match stream.read_to_end(&mut got) {
        Ok(_) => {}
        Err(e) if e.kind() == ErrorKind::ConnectionReset => {}
        Err(e) => panic!("connection not closed: {e}"),
    }
    assert!(
        got.is_empty(),
        "answered {:?}",
        String::from_utf8_lossy(&got)
    );
}

#[test]
fn a_connection_without_a_valid_proxy_header_is_logged_and_closed() {
    let s = proxied_server(&["--header-timeout-ms", "500"]);
    assert_closed_without_answer(&s, b"GET / HTTP/1.1\r\nHost: t\r\n\r\n");
    assert_closed_without_answer(
        &s,
        b"PROXY TCP4 203.0.113.x 127.0.0.1 1 2\r\nGET / HTTP/1.1\r\n",
    );
    let mut bad_version = v2_ipv4([198, 51, 100, 7]);
    bad_version[12] = 0x31;
    assert_closed_without_answer(&s, &bad_version);
    let mut oversized = V2_SIGNATURE.to_vec();
    oversized.extend_from_slice(&[0x21, 0x11, 0xff, 0xff]);
    assert_closed_without_answer(&s, &oversized);
    for reason in [
        "does not start with a PROXY protocol header",
        "invalid PROXY protocol v1 header",
        "invalid PROXY protocol v2 header",
        "over the limit",
    ] {
        s.wait_for_log(Duration::from_secs(5), |l| {
            l.contains("without a valid PROXY protocol header") && l.contains(reason)
        })
        .unwrap_or_else(|| panic!("no log line for {reason:?}: {:?}", s.logs()));
    }

    // A connection that sends nothing is closed at the header timeout,
    // quietly, as without --proxy-protocol.
    assert_closed_without_answer(&s, b"");
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        !s.logs()
            .iter()
            .any(|l| l.contains("did not come within the header timeout")),
        "{:?}",
        s.logs()
    );

    // A header that never ends is closed at the header timeout.
    let started = Instant::now();
    assert_closed_without_answer(&s, b"PROXY TCP4 203.0.113.9 ");
    assert!(
        started.elapsed() < Duration::from_secs(8),
        "closed after {:?}",
        started.elapsed()
    );
    s.wait_for_log(Duration::from_secs(5), |l| {
        l.contains("did not come within the header timeout")
    })
    .unwrap_or_else(|| panic!("no timeout line: {:?}", s.logs()));

    // The listener still serves proxied connections.
    assert_eq!(
        ask_after_header(&s, b"PROXY TCP4 203.0.113.9 127.0.0.1 1 2\r\n"),
        ["203.0.113.9"]
    );
}
