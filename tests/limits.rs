//! Each limit of `nano serve` gives the client a precise status and closes
//! cleanly, in front of a JavaScript app.

mod common;

use std::io::Write;
use std::thread::sleep;
use std::time::{Duration, Instant};

use common::{Client, Server};

#[test]
fn malformed_request_gets_400_and_close() {
    let s = Server::nano("kit", &["--cores", "1"]);
    for raw in [
        "GARBAGE\r\n\r\n",
        "GET / HTTP/1.1\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: t\r\nBad Header\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nab",
        "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        "GET / HTTP/1.1\r\nHost: t\r\n\0\r\n\r\n",
    ] {
        let mut c = s.client();
        c.send(raw);
        let r = c.response();
        assert_eq!(r.status, 400, "for {raw:?}");
        assert_eq!(r.header("connection"), Some("close"));
        assert!(!r.body.is_empty());
        assert!(c.is_closed());
    }
    // Binary junk never takes the server down.
    let mut c = s.client();
    c.send_bytes(&[0xff, 0x00, 0x13, 0x37, b'\r', b'\n', b'\r', b'\n']);
    assert_eq!(c.response().status, 400);
    assert_eq!(s.get("/").status, 200);
}

#[test]
fn oversized_headers_get_431() {
    let s = Server::nano("kit", &["--cores", "1", "--max-header-bytes", "1024"]);
    let mut c = s.client();
    c.send(&format!(
        "GET / HTTP/1.1\r\nHost: t\r\nX-Big: {}\r\n\r\n",
        "a".repeat(2000)
    ));
    let r = c.response();
    assert_eq!(r.status, 431);
    assert!(c.is_closed());
    // Also when the head never ends.
    let mut c = s.client();
    c.send(&format!(
        "GET / HTTP/1.1\r\nHost: t\r\nX-Big: {}",
        "a".repeat(2000)
    ));
    assert_eq!(c.response().status, 431);
    // A head within the limit still reaches the app.
    assert_eq!(s.get("/").status, 200);
}

#[test]
fn oversized_body_gets_413() {
    let s = Server::nano("kit", &["--cores", "1", "--max-body-bytes", "1000"]);
    let mut c = s.client();
    c.send(&format!(
        "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5000\r\n\r\n{}",
        "x".repeat(5000)
    ));
    let r = c.response();
    assert_eq!(r.status, 413);
    assert!(c.is_closed());
    // Chunked bodies are counted after decoding.
    let mut c = s.client();
    c.send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n400\r\n");
    c.send(&"y".repeat(1024));
    assert_eq!(c.response().status, 413);
    // Within the limit is fine, and reaches the app whole.
    let mut c = s.client();
    c.send(&format!(
        "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 1000\r\n\r\n{}",
        "z".repeat(1000)
    ));
    let r = c.response();
    assert_eq!(r.status, 200);
    assert_eq!(r.text(), "z".repeat(1000));
}

#[test]
fn bodies_held_at_once_on_a_core_are_limited() {
    let s = Server::nano(
        "kit",
        &[
            "--cores",
            "1",
            "--max-body-bytes",
            "1000",
            "--max-buffered-body-bytes",
            "1500",
        ],
    );
    // A first upload arrives slowly and holds 1000 bytes of the 1500.
    let mut first = s.client();
    first.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 1000\r\n\r\n");
    first.send(&"a".repeat(10));
    sleep(Duration::from_millis(200));
    // A second one would pass the core's limit: 503, before its body is read.
    let mut second = s.client();
    second.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 1000\r\n\r\n");
    let r = second.response();
    assert_eq!(r.status, 503);
    assert!(second.is_closed());
    // A chunked one is counted as it grows.
    let mut chunked = s.client();
    chunked.send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n");
    chunked.send(&format!("258\r\n{}\r\n", "c".repeat(600)));
    assert_eq!(chunked.response().status, 503);
    // A small one still fits, and the first completes.
    let small = s.request("POST", "/echo", &[], b"small");
    assert_eq!((small.status, small.text().as_str()), (200, "small"));
    first.send(&"a".repeat(990));
    assert_eq!(first.response().text(), "a".repeat(1000));
    // Its bytes are given back: a full-size upload fits again.
    let again = s.request("POST", "/echo", &[], &[b'b'; 1000]);
    assert_eq!(again.status, 200);
}

#[test]
fn slow_headers_get_408() {
    let s = Server::nano("kit", &["--cores", "1", "--header-timeout-ms", "500"]);
    let mut c = s.client();
    let start = Instant::now();
    c.send("GET / HTTP/1.1\r\nHost: t\r\n");
    let r = c.response();
    assert_eq!(r.status, 408);
    assert!(start.elapsed() >= Duration::from_millis(400));
    assert!(start.elapsed() < Duration::from_secs(5));
    assert!(c.is_closed());
    // A connection that sends nothing is closed quietly.
    let mut c = s.client();
    assert!(c.try_response(false).is_err());
}

/// Sends `GET path` on a new connection, without reading the answer.
fn request_on_new_connection(s: &Server, path: &str) -> Client {
    let mut c = s.client();
    c.send(&format!("GET {path} HTTP/1.1\r\nHost: t\r\n\r\n"));
    c
}

#[test]
fn connections_queued_while_the_core_is_busy_are_all_served() {
    let s = Server::nano("cancel", &["--cores", "1", "--cpu-limit-ms", "5000"]);
    let mut spinner = request_on_new_connection(&s, "/spin?ms=500");
    sleep(Duration::from_millis(100));
    // More connections than one turn accepts wait in the listener's queue.
    let mut queued: Vec<Client> = (0..150)
        .map(|_| request_on_new_connection(&s, "/"))
        .collect();
    assert_eq!(spinner.response().text(), "spun 500\n");
    for c in &mut queued {
        assert_eq!(c.response().text(), "ok\n");
    }
}

#[test]
fn connections_accepted_in_one_turn_still_respect_the_limit() {
    let s = Server::nano(
        "cancel",
        &[
            "--cores",
            "1",
            "--max-connections",
            "3",
            "--cpu-limit-ms",
            "5000",
        ],
    );
    // The app is loaded first, so that the spin below starts at once.
    let mut sleeper = request_on_new_connection(&s, "/");
    assert_eq!(sleeper.response().text(), "ok\n");
    // Busy throughout, so never closed to make room.
    sleeper.send("GET /sleep?ms=3000 HTTP/1.1\r\nHost: t\r\n\r\n");
    let mut spinner = request_on_new_connection(&s, "/spin?ms=1500");
    sleep(Duration::from_millis(300));
    // Queued while the core spins, then taken from the queue together.
    let mut queued: Vec<Client> = (0..3).map(|_| request_on_new_connection(&s, "/")).collect();
    assert_eq!(spinner.response().text(), "spun 1500\n");
    let statuses: Vec<u16> = queued.iter_mut().map(|c| c.response().status).collect();
    assert!(
        statuses
            .iter()
            .all(|&status| status == 200 || status == 503),
        "{statuses:?}"
    );
    // Beside the sleeper, at most two connections may be open.
    let served = statuses.iter().filter(|&&status| status == 200).count();
    assert!((1..=2).contains(&served), "{statuses:?}");
    assert_eq!(sleeper.response().text(), "slept 3000\n");
}

#[test]
fn connections_over_the_limit_get_503() {
    let s = Server::nano("kit", &["--cores", "1", "--max-connections", "2"]);
    // Two connections busy with a request each (idle ones would make room).
    let mut held: Vec<Client> = (0..2)
        .map(|_| {
            let mut c = s.client();
            c.send("GET /sleep?ms=1500 HTTP/1.1\r\nHost: t\r\n\r\n");
            c
        })
        .collect();
    let mut extra = s.client();
    let r = extra.response();
    assert_eq!(r.status, 503);
    assert!(!r.body.is_empty());
    assert!(extra.is_closed());
    // Held connections still work; freeing one admits a new client.
    for c in &mut held {
        assert_eq!(c.response().text(), "slept 1500\n");
    }
    held[0].send("GET / HTTP/1.1\r\nHost: t\r\n\r\n");
    assert_eq!(held[0].response().status, 200);
    held.pop();
    // The server notices the close on its own schedule; give it a while.
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let mut again = s.client();
        again.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n");
        let status = again.response().status;
        let _ = again.stream().flush();
        if status == 200 {
            break;
        }
        assert_eq!(status, 503);
        assert!(Instant::now() < deadline, "a freed slot was never reused");
        sleep(Duration::from_millis(100));
    }
}
