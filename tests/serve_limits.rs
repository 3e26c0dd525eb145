//! A bad app hurts only the request that misbehaves: throws, rejections,
//! wrong return values, endless loops and memory bombs end in a clean 5xx
//! and a log line, the isolate is replaced when it has to be, and the
//! process keeps serving. Also: many requests interleave in one isolate.

mod common;

use std::sync::Barrier;
use std::time::{Duration, Instant};

use common::{metric, Client, Server};

fn api(extra: &[&str]) -> Server {
    let mut args = vec!["--cores", "1"];
    args.extend_from_slice(extra);
    Server::nano("api", &args)
}

/// Log lines from the first one that mentions `request_id` on.
fn log_from(s: &Server, request_id: &str) -> String {
    let logs = s.logs();
    let first = logs
        .iter()
        .position(|l| l.contains(request_id))
        .unwrap_or(logs.len());
    logs[first..].join("\n")
}

fn assert_serving(s: &mut Server) {
    assert!(s.is_running(), "the server process died");
    let r = s.get("/resp/string");
    assert_eq!((r.status, r.text().as_str()), (200, "plain text body"));
}

#[test]
fn many_requests_interleave_in_one_isolate() {
    let s = api(&[]);
    assert_eq!(s.get("/wait?ms=1").status, 200);
    const N: usize = 100;
    let barrier = Barrier::new(N);
    let start = Instant::now();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..N)
            .map(|_| {
                scope.spawn(|| {
                    let mut c = Client::connect(s.addr);
                    barrier.wait();
                    c.send("GET /wait?ms=50 HTTP/1.1\r\nHost: t\r\n\r\n");
                    c.response()
                })
            })
            .collect();
        for handle in handles {
            let r = handle.join().expect("client thread");
            assert_eq!((r.status, r.text().as_str()), (200, "waited 50\n"));
        }
    });
    let took = start.elapsed();
    // One after another would take at least 5 s.
    assert!(
        took < Duration::from_secs(2),
        "{N} requests of 50 ms took {took:?}"
    );
    let m = s.admin_get("/metrics").text();
    assert_eq!(metric(&m, "nano_isolates{core=\"0\"}"), Some(1.0));
    assert_eq!(
        metric(&m, "nano_requests_total{app=\"api\",status=\"200\"}"),
        Some((N + 1) as f64)
    );
}

/// Answers that come from promise reactions while other requests are being
/// dispatched reach their own requests: waits of different lengths end in
/// a mixed order, between requests answered at once.
#[test]
fn interleaved_requests_each_get_their_own_response() {
    let s = api(&[]);
    const N: usize = 60;
    let barrier = Barrier::new(N);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..N)
            .map(|i| {
                let barrier = &barrier;
                let addr = s.addr;
                scope.spawn(move || {
                    let mut c = Client::connect(addr);
                    barrier.wait();
                    let (path, expected) = if i % 3 == 0 {
                        ("/resp/string".to_string(), "plain text body".to_string())
                    } else {
                        let ms = (i * 7) % 40;
                        (format!("/wait?ms={ms}"), format!("waited {ms}\n"))
                    };
                    let mut answers = Vec::new();
                    for _ in 0..5 {
                        c.send(&format!("GET {path} HTTP/1.1\r\nHost: t\r\n\r\n"));
                        let r = c.response();
                        answers.push((r.status, r.text()));
                    }
                    (expected, answers)
                })
            })
            .collect();
        for handle in handles {
            let (expected, answers) = handle.join().expect("client thread");
            for answer in answers {
                assert_eq!(answer, (200, expected.clone()));
            }
        }
    });
}

#[test]
fn a_throwing_handler_gets_500_and_a_logged_stack() {
    let mut s = api(&[]);
    let r = s.get("/fail/throw");
    assert_eq!(r.status, 500);
    assert_eq!(r.text(), "Internal Server Error\n");
    assert!(
        !r.text().contains("kaboom"),
        "the error leaked to the client"
    );
    let id = r.header("x-request-id").expect("request id").to_string();
    s.wait_for_log(Duration::from_secs(5), |l| {
        l.contains("kaboom from the handler")
    })
    .unwrap_or_else(|| panic!("error not logged: {:?}", s.logs()));
    // The stack follows the message on lines of its own.
    s.wait_for_log(Duration::from_secs(5), |l| {
        l.trim_start().starts_with("at ") && l.contains("index.js:")
    })
    .unwrap_or_else(|| panic!("no stack line: {:?}", s.logs()));
    let log = log_from(&s, &id);
    assert!(log.contains("kaboom from the handler"), "{log}");
    assert!(
        log.lines()
            .any(|l| l.trim_start().starts_with("at ") && l.contains("index.js:")),
        "no stack line in: {log}"
    );
    let line = s
        .logs()
        .into_iter()
        .find(|l| l.contains("kaboom from the handler"))
        .unwrap();
    assert!(
        line.contains(&id),
        "error line lacks the request id {id}: {line}"
    );
    assert!(line.contains("app=api"), "{line}");
    assert_serving(&mut s);
}

#[test]
fn a_throw_after_an_await_gets_500() {
    let mut s = api(&[]);
    let r = s.get("/fail/throw-later");
    assert_eq!(
        (r.status, r.text().as_str()),
        (500, "Internal Server Error\n")
    );
    assert!(s
        .wait_for_log(Duration::from_secs(5), |l| l
            .contains("kaboom after an await"))
        .is_some());
    assert_serving(&mut s);
}

#[test]
fn a_rejected_promise_gets_500() {
    let mut s = api(&[]);
    let r = s.get("/fail/reject");
    assert_eq!(
        (r.status, r.text().as_str()),
        (500, "Internal Server Error\n")
    );
    assert!(s
        .wait_for_log(Duration::from_secs(5), |l| l
            .contains("rejected on purpose"))
        .is_some());
    assert_serving(&mut s);
}

#[test]
fn a_non_response_return_gets_500_and_says_why() {
    let mut s = api(&[]);
    let r = s.get("/fail/not-response");
    assert_eq!(
        (r.status, r.text().as_str()),
        (500, "Internal Server Error\n")
    );
    let line = s
        .wait_for_log(Duration::from_secs(5), |l| l.contains("not a Response"))
        .unwrap_or_else(|| panic!("no log line: {:?}", s.logs()));
    assert!(line.contains("string"), "{line}");
    assert_serving(&mut s);
}

#[test]
fn an_endless_loop_gets_503_and_a_fresh_isolate() {
    let mut s = api(&["--cpu-limit-ms", "100"]);
    assert_serving(&mut s);
    let start = Instant::now();
    let r = s.get("/fail/loop");
    let took = start.elapsed();
    assert_eq!(r.status, 503);
    assert_eq!(r.text(), "Service Unavailable\n");
    assert!(took < Duration::from_secs(3), "the loop ran for {took:?}");
    // The next request on the same server succeeds in a new isolate.
    assert_serving(&mut s);
    let replaced = s
        .wait_for_log(Duration::from_secs(5), |l| l.contains("isolate replaced"))
        .unwrap_or_else(|| panic!("no replacement logged: {:?}", s.logs()));
    // The replacement came from the warm pool, filled after start-up.
    assert!(replaced.contains("warm=true"), "{replaced}");
    // A loop reached after an await (from a timer) is caught as well.
    let start = Instant::now();
    assert_eq!(s.get("/fail/loop-later").status, 503);
    assert!(start.elapsed() < Duration::from_secs(3));
    assert_serving(&mut s);
    let m = s.admin_get("/metrics").text();
    assert_eq!(metric(&m, "nano_isolates{core=\"0\"}"), Some(1.0));
    assert_eq!(
        metric(&m, "nano_requests_total{app=\"api\",status=\"503\"}"),
        Some(2.0)
    );
}

/// A Response returned as it is goes to the server in the same call as the
/// request; the handler's microtasks run right after. One that loops ends
/// the request in a 503, not in the Response, and the next request gets its
/// own answer from a fresh isolate.
#[test]
fn a_loop_in_the_microtasks_after_a_response_gets_503() {
    let app = tempfile::tempdir().unwrap();
    std::fs::write(
        app.path().join("index.js"),
        "let served = 0;\n\
         export default {\n  fetch(request) {\n    served += 1;\n    \
         if (new URL(request.url).pathname === \"/loop-after\") queueMicrotask(() => { for (;;) {} });\n    \
         return new Response(`served ${served}`);\n  },\n};\n",
    )
    .unwrap();
    let app = app.path().to_str().unwrap().to_string();
    let s = Server::nano(&app, &["--cores", "1", "--cpu-limit-ms", "100"]);
    assert_eq!(s.get("/").text(), "served 1");
    let r = s.get("/loop-after");
    assert_eq!(
        (r.status, r.text().as_str()),
        (503, "Service Unavailable\n")
    );
    let r = s.get("/");
    assert_eq!(
        (r.status, r.text().as_str()),
        (200, "served 1"),
        "a fresh isolate"
    );
}

/// V8 optimises hot code on the core's thread, inside a run of the app's
/// JavaScript. That compile is the engine's work, so it does not count
/// against the run's CPU limit: here it takes 50-100 ms (a function of 400
/// branchy statements) against a limit of 10 ms, while each request's own
/// JavaScript takes 0.3 ms (2-3 ms for the first calls, which compile the
/// function to bytecode and baseline code).
#[test]
fn optimising_hot_code_does_not_count_against_the_cpu_limit() {
    let statements: String = (0..400)
        .map(|i| {
            format!(
                "  x = (x * 31 + a[{}] + {i}) | 0; if (x & {}) y += x; else y -= x >> 1;\n",
                i % 7,
                1 << (i % 5)
            )
        })
        .collect();
    let app = tempfile::tempdir().unwrap();
    std::fs::write(
        app.path().join("index.js"),
        format!(
            "function branchy(a) {{\n  let x = 0, y = 0;\n{statements}  return x ^ y;\n}}\n\
             const a = [1, 2, 3, 4, 5, 6, 7];\n\
             export default {{\n  fetch() {{\n    let s = 0;\n    \
             for (let i = 0; i < 4; i++) s += branchy(a);\n    \
             return new Response(String(s));\n  }},\n}};\n"
        ),
    )
    .unwrap();
    let app = app.path().to_str().unwrap().to_string();
    let s = Server::nano(&app, &["--cores", "1", "--cpu-limit-ms", "10"]);
    let stalled = || {
        let m = s.admin_get("/metrics").text();
        metric(&m, "nano_core_stalled_seconds_total{core=\"0\"}").expect("the stall series")
    };
    // The optimisation shows as a stall of the core: one run over 10 ms.
    let mut requests = 0;
    while stalled() == 0.0 {
        assert!(
            requests < 5000,
            "no optimisation seen in {requests} requests"
        );
        for _ in 0..20 {
            let r = s.get("/");
            assert_eq!(r.status, 200, "request {requests}: {}", r.text());
            requests += 1;
        }
    }
    assert_eq!(s.get("/").status, 200);
    let m = s.admin_get("/metrics").text();
    let optimising = metric(&m, "nano_core_optimising_seconds_total{core=\"0\"}");
    assert!(optimising > Some(0.01), "{optimising:?}");
}

#[test]
fn requests_sharing_a_terminated_isolate_are_answered() {
    let mut s = api(&["--cpu-limit-ms", "100"]);
    assert_serving(&mut s);
    // A request waiting on a timer in the isolate that the loop will kill.
    let mut waiting = s.client();
    waiting.send("GET /wait?ms=2000 HTTP/1.1\r\nHost: t\r\n\r\n");
    std::thread::sleep(Duration::from_millis(200));
    let start = Instant::now();
    assert_eq!(s.get("/fail/loop").status, 503);
    // It gets an answer (its isolate is gone) instead of hanging.
    let r = waiting
        .try_response(false)
        .expect("the waiting request was answered");
    assert!(r.status == 503 || r.status == 200, "status {}", r.status);
    assert!(start.elapsed() < Duration::from_secs(5));
    assert_serving(&mut s);
}

#[test]
fn a_memory_bomb_gets_503_and_the_server_keeps_serving() {
    let mut s = api(&["--max-heap-mb", "64", "--cpu-limit-ms", "30000"]);
    assert_serving(&mut s);
    for _ in 0..2 {
        let start = Instant::now();
        let r = s.get("/fail/memory");
        assert_eq!(r.status, 503);
        assert_eq!(r.text(), "Service Unavailable\n");
        assert!(start.elapsed() < Duration::from_secs(20));
        assert_serving(&mut s);
    }
    let line = s
        .wait_for_log(Duration::from_secs(5), |l| l.contains("out of memory"))
        .unwrap_or_else(|| panic!("no out-of-memory line: {:?}", s.logs()));
    assert!(line.contains("64 MiB"), "{line}");
}

#[test]
fn the_process_survives_every_failure_in_a_row() {
    let mut s = api(&["--cpu-limit-ms", "200", "--max-heap-mb", "64"]);
    for (path, status) in [
        ("/fail/throw", 500),
        ("/fail/reject", 500),
        ("/fail/not-response", 500),
        ("/fail/loop", 503),
        ("/fail/throw-later", 500),
        ("/fail/memory", 503),
        ("/body/json", 500),
    ] {
        let r = s.get(path);
        assert_eq!(r.status, status, "{path}");
        assert_serving(&mut s);
    }
    let m = s.admin_get("/metrics").text();
    assert_eq!(
        metric(&m, "nano_request_errors_total{app=\"api\"}"),
        Some(7.0),
        "{m}"
    );
}

#[test]
fn requests_over_the_in_flight_limit_get_503() {
    let mut s = api(&["--max-in-flight", "2"]);
    let mut slow: Vec<Client> = (0..2)
        .map(|_| {
            let mut c = Client::connect(s.addr);
            c.send("GET /wait?ms=1500 HTTP/1.1\r\nHost: t\r\n\r\n");
            c
        })
        .collect();
    // Both slow requests are in the isolate before the third arrives.
    let deadline = Instant::now() + Duration::from_secs(5);
    while metric(
        &s.admin_get("/metrics").text(),
        "nano_requests_in_flight{core=\"0\"}",
    ) != Some(2.0)
    {
        assert!(Instant::now() < deadline, "the slow requests never started");
        std::thread::sleep(Duration::from_millis(20));
    }
    let start = Instant::now();
    let r = s.get("/resp/string");
    assert_eq!(r.status, 503);
    assert_eq!(r.header("retry-after"), Some("1"));
    assert!(
        start.elapsed() < Duration::from_secs(1),
        "the refusal waited"
    );
    for c in &mut slow {
        assert_eq!(c.response().text(), "waited 1500\n");
    }
    // With the isolate free again, requests are served.
    assert_serving(&mut s);
    assert!(s
        .logs()
        .iter()
        .any(|l| l.contains("too many requests in flight")));
}
