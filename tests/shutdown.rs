//! Graceful shutdown of `nano serve` on SIGTERM / SIGINT.

mod common;

use std::io::ErrorKind;
use std::net::TcpStream;
use std::sync::Barrier;
use std::time::{Duration, Instant};

use common::{Client, Server};

#[test]
fn sigterm_drains_in_flight_requests_and_exits_zero() {
    let mut s = Server::nano(
        "kit",
        &[
            "--cores",
            "2",
            "--drain-timeout",
            "10",
            "--shutdown-delay",
            "0",
        ],
    );
    // An idle keep-alive connection, background work, and a slow request
    // in flight.
    let mut idle = s.client();
    idle.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n");
    assert_eq!(idle.response().status, 200);
    let mut later = s.client();
    later.send("GET /later?ms=1500&msg=flushed HTTP/1.1\r\nHost: t\r\n\r\n");
    assert_eq!(later.response().status, 202);
    let mut slow = s.client();
    slow.send("GET /sleep?ms=1000 HTTP/1.1\r\nHost: t\r\n\r\n");
    std::thread::sleep(Duration::from_millis(200));

    let signalled = Instant::now();
    s.signal("TERM");
    // Wait for the drain to begin: readiness flips within a bound.
    let deadline = Instant::now() + Duration::from_secs(3);
    while s.admin_get("/readyz").status != 503 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }

    // Draining: not ready, listeners closed, idle connections closed.
    assert_eq!(s.admin_get("/readyz").status, 503);
    assert_eq!(s.admin_get("/healthz").status, 200);
    // Each core closes its listener as it begins draining.
    let deadline = Instant::now() + Duration::from_secs(3);
    while TcpStream::connect_timeout(&s.addr, Duration::from_secs(2)).is_ok() {
        assert!(
            Instant::now() < deadline,
            "new connections still accepted while draining"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(idle.is_closed());
    assert!(later.is_closed());

    // The in-flight request completes, told the connection is closing.
    let r = slow.response();
    assert_eq!(r.status, 200);
    assert_eq!(r.text(), "slept 1000\n");
    assert_eq!(r.header("connection"), Some("close"));

    let status = s.wait_exit(Duration::from_secs(10)).expect("server exits");
    assert!(status.success(), "exit status {status:?}");
    assert!(signalled.elapsed() < Duration::from_secs(8));
    // waitUntil work started before the signal ran to its end.
    s.wait_for_log(Duration::from_secs(5), |l| l.contains("shutdown complete"))
        .expect("shutdown complete logged");
    let logs = s.logs().join("\n");
    assert!(logs.contains("waitUntil done: flushed"), "logs: {logs}");
    let done = logs.find("waitUntil done: flushed").unwrap();
    let complete = logs
        .find("shutdown complete")
        .expect("shutdown complete logged");
    assert!(done < complete, "waitUntil finished after the exit: {logs}");
}

#[test]
fn sigint_on_an_idle_server_exits_zero() {
    let mut s = Server::nano("kit", &["--cores", "1", "--shutdown-delay", "0"]);
    s.signal("INT");
    let status = s.wait_exit(Duration::from_secs(10)).expect("server exits");
    assert!(status.success());
}

#[test]
fn second_signal_exits_immediately() {
    let mut s = Server::nano(
        "kit",
        &[
            "--cores",
            "1",
            "--drain-timeout",
            "30",
            "--shutdown-delay",
            "0",
        ],
    );
    let mut slow = s.client();
    slow.send("GET /sleep?ms=20000 HTTP/1.1\r\nHost: t\r\n\r\n");
    std::thread::sleep(Duration::from_millis(200));
    s.signal("TERM");
    std::thread::sleep(Duration::from_millis(300));
    let start = Instant::now();
    s.signal("TERM");
    let status = s.wait_exit(Duration::from_secs(5)).expect("server exits");
    assert!(!status.success());
    assert!(start.elapsed() < Duration::from_secs(3));
}

#[test]
fn drain_timeout_bounds_shutdown() {
    let mut s = Server::nano(
        "kit",
        &[
            "--cores",
            "1",
            "--drain-timeout",
            "1",
            "--shutdown-delay",
            "0",
        ],
    );
    let mut slow = s.client();
    slow.send("GET /sleep?ms=20000 HTTP/1.1\r\nHost: t\r\n\r\n");
    std::thread::sleep(Duration::from_millis(200));
    let start = Instant::now();
    s.signal("TERM");
    let status = s.wait_exit(Duration::from_secs(10)).expect("server exits");
    assert!(status.success());
    assert!(start.elapsed() < Duration::from_secs(6));
    assert!(slow.is_closed());
}

#[test]
fn drain_timeout_bounds_wait_until_work() {
    let mut s = Server::nano(
        "kit",
        &[
            "--cores",
            "1",
            "--drain-timeout",
            "1",
            "--shutdown-delay",
            "0",
        ],
    );
    let r = s.get("/later?ms=30000&msg=never");
    assert_eq!(r.status, 202);
    let start = Instant::now();
    s.signal("TERM");
    let status = s.wait_exit(Duration::from_secs(10)).expect("server exits");
    assert!(status.success(), "exit status {status:?}");
    assert!(start.elapsed() < Duration::from_secs(6));
    assert!(!s.logs().join("\n").contains("waitUntil done: never"));
}

/// Waits until new connections are refused: the listeners are closed.
fn wait_listeners_closed(s: &Server, limit: Duration) {
    let deadline = Instant::now() + limit;
    while TcpStream::connect_timeout(&s.addr, Duration::from_secs(2)).is_ok() {
        assert!(Instant::now() < deadline, "the listeners stayed open");
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn sigterm_keeps_serving_until_the_shutdown_delay_is_over() {
    let mut s = Server::nano("kit", &["--cores", "1", "--shutdown-delay", "2"]);
    let mut kept = s.client();
    kept.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n");
    assert_eq!(kept.response().status, 200);
    let signalled = Instant::now();
    s.signal("TERM");
    let deadline = Instant::now() + Duration::from_secs(3);
    while s.admin_get("/readyz").status != 503 {
        assert!(Instant::now() < deadline, "readyz stayed ready");
        std::thread::sleep(Duration::from_millis(20));
    }
    // Not ready, yet serving as usual: keep-alive and new connections.
    let r = s.admin_get("/readyz");
    assert_eq!(r.text(), "draining\n");
    if signalled.elapsed() < Duration::from_millis(1500) {
        kept.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n");
        let r = kept.response();
        assert_eq!(r.status, 200);
        assert_eq!(r.header("connection"), None);
        assert_eq!(s.get("/").status, 200);
    }
    wait_listeners_closed(&s, Duration::from_secs(10));
    assert!(
        signalled.elapsed() >= Duration::from_millis(1900),
        "the listeners closed {:?} after the signal",
        signalled.elapsed()
    );
    let status = s.wait_exit(Duration::from_secs(10)).expect("server exits");
    assert!(status.success(), "exit status {status:?}");
}

#[test]
fn an_idle_connection_is_read_before_it_is_closed_in_a_drain() {
    let mut s = Server::nano("kit", &["--cores", "1", "--shutdown-delay", "0"]);
    let mut idle = s.client();
    idle.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n");
    assert_eq!(idle.response().status, 200);
    s.signal("TERM");
    wait_listeners_closed(&s, Duration::from_secs(5));
    // The drain has begun; a request sent now, before the client could
    // know, is answered and told the connection closes.
    idle.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n");
    let r = idle.response();
    assert_eq!(r.status, 200);
    assert_eq!(r.header("connection"), Some("close"));
    assert!(idle.is_closed());
    let status = s.wait_exit(Duration::from_secs(10)).expect("server exits");
    assert!(status.success(), "exit status {status:?}");
}

/// What one keep-alive client saw while sending requests across a drain.
#[derive(Debug, Default)]
struct Tally {
    answered: usize,
    /// Requests written that got neither a response nor anything else.
    lost: usize,
    /// The connection ended as HTTP allows: a response said
    /// `connection: close`, or the server closed it before a request was
    /// written.
    ended_cleanly: bool,
}

/// Sends requests in a loop on one connection until the server ends it.
fn keep_sending(client: &mut Client, until: Instant) -> Tally {
    let mut tally = Tally::default();
    while Instant::now() < until {
        // A close that came before the request is written loses nothing.
        client.stream().set_nonblocking(true).unwrap();
        let mut byte = [0u8; 1];
        let peeked = client.stream().peek(&mut byte);
        client.stream().set_nonblocking(false).unwrap();
        match peeked {
            Ok(0) => {
                tally.ended_cleanly = true;
                return tally;
            }
            Err(e) if e.kind() == ErrorKind::WouldBlock => {}
            other => panic!("unexpected bytes or error before a request: {other:?}"),
        }
        use std::io::Write;
        if client
            .stream()
            .try_clone()
            .unwrap()
            .write_all(b"GET / HTTP/1.1\r\nHost: t\r\n\r\n")
            .is_err()
        {
            tally.lost += 1;
            return tally;
        }
        match client.try_response(false) {
            Ok(r) if r.status == 200 => {
                tally.answered += 1;
                if r.header("connection") == Some("close") {
                    tally.ended_cleanly = true;
                    return tally;
                }
            }
            Ok(r) => panic!("unexpected status {}", r.status),
            Err(_) => {
                tally.lost += 1;
                return tally;
            }
        }
    }
    tally
}

#[test]
fn a_drain_loses_no_request_sent_on_keep_alive_connections() {
    const CLIENTS: usize = 8;
    let mut s = Server::nano(
        "kit",
        &[
            "--cores",
            "2",
            "--shutdown-delay",
            "1",
            "--drain-timeout",
            "10",
        ],
    );
    let start = Barrier::new(CLIENTS + 1);
    let until = Instant::now() + Duration::from_secs(20);
    let tallies: Vec<Tally> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..CLIENTS)
            .map(|_| {
                let start = &start;
                let addr = s.addr;
                scope.spawn(move || {
                    let mut client = Client::connect(addr);
                    start.wait();
                    keep_sending(&mut client, until)
                })
            })
            .collect();
        start.wait();
        std::thread::sleep(Duration::from_millis(300));
        s.signal("TERM");
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for (i, tally) in tallies.iter().enumerate() {
        assert_eq!(tally.lost, 0, "client {i} lost a request: {tally:?}");
        assert!(
            tally.ended_cleanly,
            "client {i} never saw the drain: {tally:?}"
        );
        assert!(tally.answered > 0, "client {i}: {tally:?}");
    }
    let status = s.wait_exit(Duration::from_secs(15)).expect("server exits");
    assert!(status.success(), "exit status {status:?}");
}

#[test]
fn connections_waiting_to_be_accepted_when_the_listener_closes_are_answered() {
    const WAITING: usize = 4;
    let mut s = Server::nano(
        "cancel",
        &[
            "--cores",
            "1",
            "--shutdown-delay",
            "0",
            "--cpu-limit-ms",
            "10000",
        ],
    );
    // The core is busy in JavaScript while the signal comes and new
    // clients connect: their connections wait in the accept queue.
    let mut busy = s.client();
    busy.send("GET /spin?ms=1500 HTTP/1.1\r\nHost: t\r\n\r\n");
    std::thread::sleep(Duration::from_millis(300));
    s.signal("TERM");
    let mut waiting: Vec<Client> = (0..WAITING)
        .map(|_| {
            let mut c = s.client();
            c.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n");
            c
        })
        .collect();
    assert_eq!(busy.response().text(), "spun 1500\n");
    for (i, c) in waiting.iter_mut().enumerate() {
        let r = c
            .try_response(false)
            .unwrap_or_else(|e| panic!("waiting client {i} lost its request: {e}"));
        assert_eq!(r.status, 200);
        assert_eq!(r.header("connection"), Some("close"));
    }
    let status = s.wait_exit(Duration::from_secs(10)).expect("server exits");
    assert!(status.success(), "exit status {status:?}");
}
