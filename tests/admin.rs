//! Admin endpoints and start-up of `nano serve`.

mod common;

use std::net::TcpStream;
use std::process::Command;
use std::time::{Duration, Instant};

use common::{app_path, free_port, metric, run_to_exit, Server};

/// Sends `n` requests for `path`, each on its own connection, all `200`.
fn spread(s: &Server, path: &str, n: usize) {
    for _ in 0..n {
        assert_eq!(s.get(path).status, 200);
    }
}

#[test]
fn metrics_cover_both_cores() {
    let s = Server::nano("kit", &["--cores", "2"]);
    // The kernel spreads connections over the two listeners by hash; many
    // short connections reach both.
    let mut sent = 0;
    let m = loop {
        spread(&s, "/", 40);
        sent += 40;
        let m = s.admin_get("/metrics").text();
        let c0 = metric(&m, "nano_core_requests_total{core=\"0\"}").unwrap_or(0.0);
        let c1 = metric(&m, "nano_core_requests_total{core=\"1\"}").unwrap_or(0.0);
        if (c0 > 0.0 && c1 > 0.0) || sent >= 400 {
            break m;
        }
    };
    let c0 = metric(&m, "nano_core_requests_total{core=\"0\"}").unwrap();
    let c1 = metric(&m, "nano_core_requests_total{core=\"1\"}").unwrap();
    assert!(
        c0 > 0.0 && c1 > 0.0,
        "after {sent} connections: core 0 {c0}, core 1 {c1}"
    );
    assert_eq!(s.get("/error").status, 500);
    let r = s.admin_get("/metrics");
    assert_eq!(r.status, 200);
    assert!(r.header("content-type").unwrap().starts_with("text/plain"));
    let m = r.text();
    let ok = metric(&m, "nano_requests_total{app=\"kit\",status=\"200\"}").unwrap();
    assert_eq!(ok as usize, sent);
    assert_eq!(
        metric(&m, "nano_requests_total{app=\"kit\",status=\"500\"}"),
        Some(1.0)
    );
    assert_eq!(
        metric(&m, "nano_request_errors_total{app=\"kit\"}"),
        Some(1.0)
    );
    let c0 = metric(&m, "nano_core_requests_total{core=\"0\"}").unwrap();
    let c1 = metric(&m, "nano_core_requests_total{core=\"1\"}").unwrap();
    assert_eq!((c0 + c1) as usize, sent + 1);
    assert_eq!(
        metric(&m, "nano_request_duration_seconds_count"),
        Some((sent + 1) as f64)
    );
    assert_eq!(
        metric(&m, "nano_request_duration_seconds_bucket{le=\"+Inf\"}"),
        Some((sent + 1) as f64)
    );
    assert!(metric(&m, "nano_request_duration_seconds_sum").unwrap() > 0.0);
    for core in 0..2 {
        assert_eq!(
            metric(&m, &format!("nano_isolates{{core=\"{core}\"}}")),
            Some(1.0)
        );
        assert_eq!(
            metric(&m, &format!("nano_requests_in_flight{{core=\"{core}\"}}")),
            Some(0.0)
        );
        assert!(metric(&m, &format!("nano_connections{{core=\"{core}\"}}")).is_some());
    }
}

#[test]
fn in_flight_and_connections_gauges_move() {
    let s = Server::nano("kit", &["--cores", "1"]);
    let mut c = s.client();
    c.send("GET /sleep?ms=1500 HTTP/1.1\r\nHost: t\r\n\r\n");
    // Wait until the request is seen in flight, within a bound.
    let deadline = Instant::now() + Duration::from_secs(1);
    let m = loop {
        let m = s.admin_get("/metrics").text();
        if metric(&m, "nano_requests_in_flight{core=\"0\"}") == Some(1.0)
            || Instant::now() > deadline
        {
            break m;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(
        metric(&m, "nano_requests_in_flight{core=\"0\"}"),
        Some(1.0),
        "{m}"
    );
    assert_eq!(metric(&m, "nano_connections{core=\"0\"}"), Some(1.0), "{m}");
    assert_eq!(c.response().status, 200);
    let m = s.admin_get("/metrics").text();
    assert_eq!(
        metric(&m, "nano_requests_in_flight{core=\"0\"}"),
        Some(0.0),
        "{m}"
    );
}

#[test]
fn health_and_readiness() {
    let s = Server::nano("kit", &["--cores", "2"]);
    let r = s.admin_get("/healthz");
    assert_eq!((r.status, r.text().as_str()), (200, "ok\n"));
    assert_eq!(s.admin_get("/readyz").status, 200);
    assert_eq!(s.admin_get("/nope").status, 404);
}

/// Runs `nano serve` on an app that must not start; returns its exit code
/// and stderr.
fn serve_fails(app: &str) -> (Option<i32>, String) {
    let (status, logs) = run_to_exit(
        Command::new(env!("CARGO_BIN_EXE_nano"))
            .arg("serve")
            .arg(app_path(app))
            .args(["--port", "0", "--admin-port", "0", "--cores", "2"]),
        Duration::from_secs(30),
    );
    assert!(
        !logs.contains("listening on"),
        "announced although it failed: {logs}"
    );
    (status.code(), logs)
}

#[test]
fn a_syntax_error_fails_serve_with_its_location() {
    let (code, logs) = serve_fails("bad_syntax");
    assert_eq!(code, Some(1), "logs: {logs}");
    assert!(
        logs.contains("index.js:3:"),
        "no file:line:column in: {logs}"
    );
    assert!(logs.contains("SyntaxError"), "logs: {logs}");
}

#[test]
fn a_top_level_throw_fails_serve_with_its_message() {
    let (code, logs) = serve_fails("top_throw");
    assert_eq!(code, Some(1), "logs: {logs}");
    assert!(
        logs.contains("config missing: DATABASE_URL"),
        "logs: {logs}"
    );
    assert!(logs.contains("index.js:3:"), "no location in: {logs}");
}

#[test]
fn an_app_without_a_fetch_handler_fails_serve() {
    let (code, logs) = serve_fails("no_fetch");
    assert_eq!(code, Some(1), "logs: {logs}");
    assert!(logs.contains("no fetch handler"), "logs: {logs}");
    assert!(
        logs.contains("export default { fetch"),
        "no hint in: {logs}"
    );
}

#[test]
fn a_missing_app_folder_is_a_usage_error() {
    let (code, logs) = serve_fails("tests/apps/does-not-exist");
    assert_eq!(code, Some(2), "logs: {logs}");
    assert!(logs.contains("does-not-exist"), "logs: {logs}");
}

#[test]
fn a_failed_start_leaves_nothing_listening() {
    // Take a port, free it, and ask nano to serve a broken app on it.
    let port = free_port();
    let (status, logs) = run_to_exit(
        Command::new(env!("CARGO_BIN_EXE_nano"))
            .arg("serve")
            .arg(app_path("bad_syntax"))
            .args([
                "--port",
                &port.to_string(),
                "--admin-port",
                "0",
                "--cores",
                "1",
            ]),
        Duration::from_secs(30),
    );
    assert_eq!(status.code(), Some(1), "logs: {logs}");
    assert!(
        TcpStream::connect_timeout(&([127, 0, 0, 1], port).into(), Duration::from_secs(2)).is_err(),
        "something still listens on {port}"
    );
}

#[test]
fn a_port_another_server_listens_on_is_refused_naming_the_flag() {
    let first = Server::nano("kit", &[]);
    let taken = [
        (first.addr.port().to_string(), "0".to_string(), "--port"),
        (
            "0".to_string(),
            first.admin.unwrap().port().to_string(),
            "--admin-port",
        ),
    ];
    for (port, admin_port, flag) in taken {
        let (status, logs) = run_to_exit(
            Command::new(env!("CARGO_BIN_EXE_nano"))
                .arg("serve")
                .arg(app_path("kit"))
                .args(["--port", &port, "--admin-port", &admin_port]),
            Duration::from_secs(30),
        );
        assert_eq!(status.code(), Some(2), "{logs}");
        assert!(
            logs.contains("already in use by another process") && logs.contains(flag),
            "{logs}"
        );
        assert!(!logs.contains("listening on"), "{logs}");
    }
    // The first server is untouched: every connection still reaches it.
    for _ in 0..20 {
        assert_eq!(first.get("/").status, 200);
    }
}
