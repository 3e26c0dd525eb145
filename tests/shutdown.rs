//! Graceful shutdown of `nano serve` on SIGTERM / SIGINT.

mod common;

use std::net::TcpStream;
use std::time::{Duration, Instant};

use common::Server;

#[test]
fn sigterm_drains_in_flight_requests_and_exits_zero() {
    let mut s = Server::nano("kit", &["--cores", "2", "--drain-timeout", "10"]);
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
    let mut s = Server::nano("kit", &["--cores", "1"]);
    s.signal("INT");
    let status = s.wait_exit(Duration::from_secs(10)).expect("server exits");
    assert!(status.success());
}

#[test]
fn second_signal_exits_immediately() {
    let mut s = Server::nano("kit", &["--cores", "1", "--drain-timeout", "30"]);
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
    let mut s = Server::nano("kit", &["--cores", "1", "--drain-timeout", "1"]);
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
    let mut s = Server::nano("kit", &["--cores", "1", "--drain-timeout", "1"]);
    let r = s.get("/later?ms=30000&msg=never");
    assert_eq!(r.status, 202);
    let start = Instant::now();
    s.signal("TERM");
    let status = s.wait_exit(Duration::from_secs(10)).expect("server exits");
    assert!(status.success(), "exit status {status:?}");
    assert!(start.elapsed() < Duration::from_secs(6));
    assert!(!s.logs().join("\n").contains("waitUntil done: never"));
}
