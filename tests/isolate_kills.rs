//! Isolates killed by a limit while other requests are in flight are
//! freed: the process's memory comes back within a bound and the
//! `nano_isolates` gauge returns to its baseline. Each kill of a heap-limit
//! isolate used to keep the whole dead isolate (tens of MiB) for good.

mod common;

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use common::{metric, Client, Server};

/// Isolates killed in the test, half by the heap limit, half by the CPU limit.
const KILLS: usize = 12;
/// Resident memory the process may keep above its level under the same
/// load before any kill. Each heap-limit kill that leaked held at least the
/// 16 MiB heap (the near-heap-limit callback lets it grow past that), so
/// the six heap kills alone would pass this bound.
const RSS_BOUND_MIB: f64 = 96.0;
/// Clients that keep requests in flight during the kills. Their route
/// answers at once, so the killed isolate has no timer or op left that
/// would wake its event loop (a request waiting on a timer would).
const CLIENTS: usize = 6;

fn isolates(s: &Server) -> Option<f64> {
    metric(&s.admin_get("/metrics").text(), "nano_isolates{core=\"0\"}")
}

/// Sends `path` over keep-alive connections until `stop`; counts answers.
/// Requests that shared a killed isolate may get 503; nothing else.
fn keep_busy(s: &Server, path: &str, stop: &AtomicBool, answered: &AtomicUsize) {
    let mut client = Client::connect(s.addr);
    while !stop.load(Ordering::Relaxed) {
        client.send(&format!("GET {path} HTTP/1.1\r\nHost: t\r\n\r\n"));
        match client.try_response(false) {
            Ok(r) => {
                assert!(r.status == 200 || r.status == 503, "{path}: {}", r.status);
                answered.fetch_add(1, Ordering::Relaxed);
            }
            Err(_) => client = Client::connect(s.addr),
        }
    }
}

#[test]
fn killed_isolates_are_freed_while_other_requests_are_in_flight() {
    let s = Server::nano(
        "api",
        &[
            "--cores",
            "1",
            "--max-heap-mb",
            "16",
            "--cpu-limit-ms",
            "300",
            "--access-log",
            "off",
        ],
    );
    let stop = AtomicBool::new(false);
    let answered = AtomicUsize::new(0);
    let (baseline_rss, stalled_before) = std::thread::scope(|scope| {
        for _ in 0..CLIENTS {
            scope.spawn(|| keep_busy(&s, "/resp/string", &stop, &answered));
        }
        // The level under load, with the replacement's spare ready.
        std::thread::sleep(Duration::from_secs(1));
        let baseline_rss = s.rss_mib();
        let m = s.admin_get("/metrics").text();
        let stalled_before = metric(&m, "nano_core_stalled_seconds_total{core=\"0\"}");
        for kill in 0..KILLS {
            let path = if kill % 2 == 0 {
                "/fail/memory"
            } else {
                "/fail/loop"
            };
            let r = s.get(path);
            assert_eq!(r.status, 503, "{path}");
        }
        stop.store(true, Ordering::Relaxed);
        (baseline_rss, stalled_before)
    });
    assert!(answered.load(Ordering::Relaxed) > 0, "the load never ran");
    assert_eq!(s.get("/resp/string").status, 200);

    // Every killed isolate is freed once the requests it held are answered.
    let deadline = Instant::now() + Duration::from_secs(10);
    while isolates(&s) != Some(1.0) {
        assert!(
            Instant::now() < deadline,
            "killed isolates are still alive: {:?}",
            isolates(&s)
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let rss = s.rss_mib();
    assert!(
        rss <= baseline_rss + RSS_BOUND_MIB,
        "RSS went from {baseline_rss:.0} MiB to {rss:.0} MiB after {KILLS} kills"
    );

    let m = s.admin_get("/metrics").text();
    let killed = |reason: &str| {
        metric(
            &m,
            &format!("nano_isolate_terminations_total{{app=\"api\",reason=\"{reason}\"}}"),
        )
    };
    assert_eq!(killed("heap_limit"), Some((KILLS / 2) as f64), "{m}");
    assert_eq!(killed("cpu_limit"), Some((KILLS / 2) as f64), "{m}");
    // Runs of the load are short; each endless loop stalled the core for
    // its 300 ms of CPU (the watchdog may miss a few ms at either end).
    assert!(stalled_before.unwrap_or(1.0) < 0.1, "{stalled_before:?}");
    let stalled = metric(&m, "nano_core_stalled_seconds_total{core=\"0\"}").unwrap_or(0.0);
    assert!(
        stalled >= (KILLS / 2) as f64 * 0.25,
        "stalled {stalled} s\n{m}"
    );
}
