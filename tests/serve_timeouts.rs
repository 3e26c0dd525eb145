//! Connections and requests that overstay: idle keep-alive connections,
//! trickled bodies, handlers past their deadline, clients that leave while
//! the app works, and a core that runs short of connections or slots.

mod common;

use std::io::Write;
use std::thread::sleep;
use std::time::{Duration, Instant};

use common::{metric, Client, Server};

fn one_core(app: &str, extra: &[&str]) -> Server {
    let mut args = vec!["--cores", "1"];
    args.extend_from_slice(extra);
    Server::nano(app, &args)
}

fn get(c: &mut Client, path: &str) -> common::Response {
    c.send(&format!("GET {path} HTTP/1.1\r\nHost: t\r\n\r\n"));
    c.response()
}

/// Polls `check` every 50 ms until it holds or `limit` passes.
fn eventually(limit: Duration, mut check: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + limit;
    loop {
        if check() {
            return true;
        }
        if Instant::now() >= deadline {
            return false;
        }
        sleep(Duration::from_millis(50));
    }
}

fn core_metric(s: &Server, series: &str) -> Option<f64> {
    metric(&s.admin_get("/metrics").text(), series)
}

#[test]
fn an_idle_keep_alive_connection_is_closed_quietly_after_the_idle_timeout() {
    let s = one_core("kit", &["--idle-timeout-ms", "500"]);
    let mut busy = s.client();
    let mut idle = s.client();
    assert_eq!(get(&mut idle, "/").status, 200);
    let since = Instant::now();
    // A connection used more often than the timeout stays open.
    for _ in 0..6 {
        assert_eq!(get(&mut busy, "/").status, 200);
        sleep(Duration::from_millis(200));
    }
    assert!(idle.is_closed(), "the idle connection got bytes");
    let took = since.elapsed();
    assert!(took >= Duration::from_millis(400), "closed after {took:?}");
    assert!(took < Duration::from_secs(5), "closed after {took:?}");
    assert_eq!(get(&mut busy, "/").status, 200);
}

#[test]
fn a_trickled_body_gets_408_at_the_body_timeout() {
    let s = one_core("kit", &["--body-timeout-ms", "1000"]);
    let mut c = s.client();
    c.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\n");
    let started = Instant::now();
    // One byte every 100 ms: every pause is short, the whole body is not.
    let mut writer = c.stream().try_clone().unwrap();
    let trickle = std::thread::spawn(move || {
        for _ in 0..60 {
            if writer.write_all(b"x").is_err() {
                break;
            }
            sleep(Duration::from_millis(100));
        }
    });
    let r = c.response();
    let took = started.elapsed();
    assert_eq!(r.status, 408);
    assert!(took >= Duration::from_millis(900), "408 after {took:?}");
    assert!(took < Duration::from_secs(5), "408 after {took:?}");
    trickle.join().unwrap();
}

#[test]
fn a_request_past_its_deadline_gets_504_and_its_signal_aborts() {
    let s = one_core("cancel", &["--request-timeout-ms", "500"]);
    let mut c = s.client();
    let started = Instant::now();
    let r = get(&mut c, "/until-aborted");
    let took = started.elapsed();
    assert_eq!(r.status, 504);
    assert!(took >= Duration::from_millis(400), "504 after {took:?}");
    assert!(took < Duration::from_secs(5), "504 after {took:?}");
    // The connection stays usable, and the app saw its signal abort.
    assert_eq!(
        get(&mut c, "/aborted").text(),
        r#"{"aborted":1,"reasons":["AbortError"]}"#
    );
    assert!(s
        .wait_for_log(Duration::from_secs(5), |l| l
            .contains("signal aborted: AbortError"))
        .is_some());
    assert_eq!(
        core_metric(&s, "nano_requests_timed_out_total{core=\"0\"}"),
        Some(1.0)
    );
    assert_eq!(
        core_metric(&s, "nano_requests_total{app=\"cancel\",status=\"504\"}"),
        Some(1.0)
    );
}

#[test]
fn handlers_that_never_settle_do_not_hold_their_slots() {
    let s = one_core(
        "cancel",
        &["--max-in-flight", "5", "--request-timeout-ms", "500"],
    );
    let mut abandoned: Vec<Client> = (0..5)
        .map(|_| {
            let mut c = s.client();
            c.send("GET /never HTTP/1.1\r\nHost: t\r\n\r\n");
            c
        })
        .collect();
    for c in &mut abandoned {
        assert_eq!(c.response().status, 504);
    }
    for _ in 0..10 {
        assert_eq!(s.get("/").status, 200);
    }
    assert_eq!(
        core_metric(&s, "nano_requests_in_flight{core=\"0\"}"),
        Some(0.0)
    );
}

#[test]
fn a_client_that_leaves_aborts_its_request_and_frees_its_slot() {
    let s = one_core("cancel", &["--max-in-flight", "5"]);
    for path in ["/until-aborted", "/never"] {
        let clients: Vec<Client> = (0..5)
            .map(|_| {
                let mut c = s.client();
                c.send(&format!("GET {path} HTTP/1.1\r\nHost: t\r\n\r\n"));
                c
            })
            .collect();
        assert!(
            eventually(Duration::from_secs(5), || core_metric(
                &s,
                "nano_requests_in_flight{core=\"0\"}"
            ) == Some(5.0)),
            "the requests never started"
        );
        assert_eq!(s.get("/").status, 503, "all five slots should be taken");
        drop(clients);
        // Noticed while the app works, not at the (60 s) request deadline.
        assert!(
            eventually(Duration::from_secs(5), || core_metric(
                &s,
                "nano_requests_in_flight{core=\"0\"}"
            ) == Some(0.0)),
            "the slots were not freed"
        );
        assert_eq!(s.get("/").status, 200);
    }
    let aborted = s.get("/aborted").text();
    assert_eq!(
        aborted,
        r#"{"aborted":5,"reasons":["AbortError","AbortError","AbortError","AbortError","AbortError"]}"#
    );
    assert_eq!(
        core_metric(&s, "nano_requests_client_closed_total{core=\"0\"}"),
        Some(10.0)
    );
}

#[test]
fn a_request_sent_while_a_handler_runs_is_kept_and_answered_next() {
    let s = one_core("cancel", &[]);
    let mut c = s.client();
    c.send("GET /sleep?ms=400 HTTP/1.1\r\nHost: t\r\n\r\n");
    sleep(Duration::from_millis(150));
    c.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n");
    sleep(Duration::from_millis(50));
    c.send("GET /sleep?ms=1 HTTP/1.1\r\nHost: t\r\n\r\n");
    assert_eq!(c.response().text(), "slept 400\n");
    assert_eq!(c.response().text(), "ok\n");
    assert_eq!(c.response().text(), "slept 1\n");
}

#[test]
fn a_stalled_response_stream_is_cut_at_the_deadline() {
    let s = one_core("cancel", &["--request-timeout-ms", "500"]);
    let mut c = s.client();
    c.send("GET /stall HTTP/1.1\r\nHost: t\r\n\r\n");
    let started = Instant::now();
    // The head and first chunk came; the rest never does, so the response
    // cannot be read whole: the connection is closed mid-body.
    assert!(c.try_response(false).is_err());
    let took = started.elapsed();
    assert!(took >= Duration::from_millis(400), "cut after {took:?}");
    assert!(took < Duration::from_secs(5), "cut after {took:?}");
}

#[test]
fn idle_connections_make_room_at_the_connection_limit() {
    let s = one_core("kit", &["--max-connections", "2"]);
    let mut older = s.client();
    assert_eq!(get(&mut older, "/").status, 200);
    sleep(Duration::from_millis(20));
    let mut newer = s.client();
    assert_eq!(get(&mut newer, "/").status, 200);
    // Both are idle: the one idle longest is closed for the newcomer.
    let mut third = s.client();
    assert_eq!(get(&mut third, "/").status, 200);
    assert!(older.is_closed());
    assert_eq!(get(&mut newer, "/").status, 200);
    assert_eq!(
        core_metric(&s, "nano_connections_evicted_total{core=\"0\"}"),
        Some(1.0)
    );
}

#[test]
fn readyz_is_503_while_the_isolate_is_at_its_in_flight_limit() {
    let s = one_core("cancel", &["--max-in-flight", "1"]);
    assert_eq!(s.admin_get("/readyz").status, 200);
    let mut slow = s.client();
    slow.send("GET /sleep?ms=2000 HTTP/1.1\r\nHost: t\r\n\r\n");
    assert!(
        eventually(Duration::from_secs(3), || {
            let r = s.admin_get("/readyz");
            r.status == 503 && r.text() == "saturated\n"
        }),
        "readyz stayed ready at the in-flight limit"
    );
    assert_eq!(slow.response().text(), "slept 2000\n");
    assert!(
        eventually(Duration::from_secs(3), || s.admin_get("/readyz").status
            == 200),
        "readyz did not recover"
    );
}

#[test]
fn readyz_is_503_while_a_core_is_full_of_busy_connections() {
    let s = one_core("cancel", &["--max-connections", "2"]);
    let busy: Vec<Client> = (0..2)
        .map(|_| {
            let mut c = s.client();
            c.send("GET /sleep?ms=2000 HTTP/1.1\r\nHost: t\r\n\r\n");
            c
        })
        .collect();
    assert!(
        eventually(Duration::from_secs(3), || s.admin_get("/readyz").status
            == 503),
        "readyz stayed ready with every connection busy"
    );
    let mut extra = s.client();
    assert_eq!(extra.response().status, 503);
    drop(busy);
    assert!(
        eventually(Duration::from_secs(5), || s.admin_get("/readyz").status
            == 200),
        "readyz did not recover"
    );
}
