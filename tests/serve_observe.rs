//! What `nano serve` tells its operator: JSON logs with request lines and
//! the app's console output, and Prometheus metrics.

mod common;

use std::collections::HashSet;
use std::time::Duration;

use common::{metric, Client, Server};
use serde_json::Value;

/// A field of a JSON log record, at the top level or under `fields`.
fn field<'a>(record: &'a Value, name: &str) -> Option<&'a Value> {
    record
        .get("fields")
        .and_then(|f| f.get(name))
        .or_else(|| record.get(name))
}

fn text_field(record: &Value, name: &str) -> Option<String> {
    field(record, name).map(|v| match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    })
}

/// Every stderr line parsed as a JSON object; panics on any other line.
fn records(s: &Server) -> Vec<Value> {
    s.logs()
        .iter()
        .map(|line| {
            let value: Value = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("not a JSON log line ({e}): {line:?}"));
            assert!(value.is_object(), "not an object: {line}");
            value
        })
        .collect()
}

fn request_line(records: &[Value], request_id: &str) -> Option<Value> {
    records
        .iter()
        .find(|r| {
            text_field(r, "message").as_deref() == Some("request")
                && text_field(r, "request_id").as_deref() == Some(request_id)
        })
        .cloned()
}

#[test]
fn json_logs_have_one_object_per_line_with_request_fields() {
    let s = Server::nano("api", &["--cores", "1", "--log-format", "json"]);
    let r = s.get("/resp/string?x=1");
    assert_eq!(r.status, 200);
    let id = r.header("x-request-id").expect("x-request-id").to_string();
    assert!(!id.is_empty());
    let found = s.wait_for_log(Duration::from_secs(5), |l| {
        l.contains(&id) && l.contains("\"request\"")
    });
    assert!(found.is_some(), "no request line for {id}: {:?}", s.logs());
    let all = records(&s);
    let line =
        request_line(&all, &id).unwrap_or_else(|| panic!("no request line for {id}: {all:?}"));
    assert_eq!(text_field(&line, "app").as_deref(), Some("api"), "{line}");
    assert_eq!(
        text_field(&line, "method").as_deref(),
        Some("GET"),
        "{line}"
    );
    assert_eq!(
        text_field(&line, "path").as_deref(),
        Some("/resp/string"),
        "{line}"
    );
    assert_eq!(
        field(&line, "status").and_then(Value::as_u64),
        Some(200),
        "{line}"
    );
    assert_eq!(
        field(&line, "core").and_then(Value::as_u64),
        Some(0),
        "{line}"
    );
    let duration = line
        .get("fields")
        .and_then(Value::as_object)
        .and_then(|f| {
            f.iter()
                .find(|(k, _)| k.starts_with("duration"))
                .map(|(_, v)| v.clone())
        })
        .unwrap_or_else(|| panic!("no duration field: {line}"));
    assert!(duration.as_f64().is_some_and(|d| d >= 0.0), "{line}");
    assert!(
        line.get("timestamp").is_some() && line.get("level").is_some(),
        "{line}"
    );
    // The start-up lines are JSON too, and still announce the addresses.
    assert!(all
        .iter()
        .any(|r| text_field(r, "message").is_some_and(|m| m.starts_with("listening on http://"))));
}

#[test]
fn console_output_carries_the_app_and_request_id() {
    let s = Server::nano("api", &["--cores", "1", "--log-format", "json"]);
    let r = s.get("/log?msg=hello-from-js");
    assert_eq!(r.status, 200);
    let id = r.header("x-request-id").unwrap().to_string();
    s.wait_for_log(Duration::from_secs(5), |l| {
        l.contains("app says hello-from-js")
    })
    .unwrap_or_else(|| panic!("console output missing: {:?}", s.logs()));
    s.wait_for_log(Duration::from_secs(5), |l| {
        l.contains(&id) && l.contains("\"request\"")
    })
    .unwrap_or_else(|| panic!("request line missing: {:?}", s.logs()));
    let all = records(&s);
    let line = all
        .iter()
        .find(|r| text_field(r, "message").as_deref() == Some("app says hello-from-js"))
        .unwrap_or_else(|| panic!("no console record: {all:?}"));
    assert_eq!(text_field(line, "app").as_deref(), Some("api"), "{line}");
    assert_eq!(
        text_field(line, "request_id").as_deref(),
        Some(id.as_str()),
        "{line}"
    );
    assert_eq!(
        line.get("level").and_then(Value::as_str),
        Some("INFO"),
        "{line}"
    );
    assert!(
        request_line(&all, &id).is_some(),
        "the request line has the same id"
    );
}

#[test]
fn console_output_after_an_await_keeps_its_request_id() {
    let s = Server::nano("api", &["--cores", "1", "--log-format", "json"]);
    // A logs, waits 800 ms, logs again; B starts and logs while A waits,
    // and is still waiting when A logs again.
    let mut a = s.client();
    a.send("GET /log-later?msg=A&ms=800 HTTP/1.1\r\nHost: t\r\n\r\n");
    s.wait_for_log(Duration::from_secs(5), |l| l.contains("before A"))
        .expect("A started");
    let mut b = s.client();
    b.send("GET /log-later?msg=B&ms=1500 HTTP/1.1\r\nHost: t\r\n\r\n");
    let (ra, rb) = (a.response(), b.response());
    assert_eq!((ra.status, rb.status), (200, 200));
    let (id_a, id_b) = (
        ra.header("x-request-id").unwrap(),
        rb.header("x-request-id").unwrap(),
    );
    for message in ["after A", "after B"] {
        s.wait_for_log(Duration::from_secs(5), |l| l.contains(message))
            .unwrap_or_else(|| panic!("no console record {message:?}: {:?}", s.logs()));
    }
    let all = records(&s);
    let console = |message: &str| {
        all.iter()
            .find(|r| text_field(r, "message").as_deref() == Some(message))
            .and_then(|r| text_field(r, "request_id"))
            .unwrap_or_else(|| panic!("no console record {message:?}: {all:?}"))
    };
    // Synchronous output is the request's own.
    assert_eq!(console("before A"), id_a);
    assert_eq!(console("before B"), id_b);
    // Output after an await (resumed by a timer) is still the request's own.
    let after_a = console("after A");
    assert_eq!(after_a, id_a, "\"after A\" (B is {id_b})");
    let after_b = console("after B");
    assert_eq!(after_b, id_b, "\"after B\" (A is {id_a})");
}

#[test]
fn access_log_off_keeps_console_output_and_drops_request_lines() {
    let s = Server::nano(
        "api",
        &[
            "--cores",
            "1",
            "--log-format",
            "json",
            "--access-log",
            "off",
        ],
    );
    let r = s.get("/log?msg=still-logged");
    assert_eq!(r.status, 200);
    let id = r.header("x-request-id").unwrap().to_string();
    s.wait_for_log(Duration::from_secs(5), |l| {
        l.contains("app says still-logged")
    })
    .unwrap_or_else(|| panic!("console output missing: {:?}", s.logs()));
    // A second request's console line is written after the first request's
    // line would have been, on the same core.
    assert_eq!(s.get("/log?msg=second").status, 200);
    s.wait_for_log(Duration::from_secs(5), |l| l.contains("app says second"))
        .unwrap_or_else(|| panic!("console output missing: {:?}", s.logs()));
    let all = records(&s);
    assert!(request_line(&all, &id).is_none(), "{all:?}");
    assert!(!all
        .iter()
        .any(|r| text_field(r, "message").as_deref() == Some("request")));
}

#[test]
fn log_level_warn_drops_info_lines_but_not_the_announcement() {
    // Server::nano finds the ports in the announcement lines: they are printed.
    let s = Server::nano(
        "api",
        &[
            "--cores",
            "1",
            "--log-format",
            "json",
            "--log-level",
            "warn",
        ],
    );
    assert_eq!(s.get("/log?msg=dropped").status, 200);
    assert_eq!(s.get("/fail/throw").status, 500);
    s.wait_for_log(Duration::from_secs(5), |l| {
        l.contains("kaboom from the handler")
    })
    .unwrap_or_else(|| panic!("the error line is missing: {:?}", s.logs()));
    let all = records(&s);
    let info: Vec<&Value> = all
        .iter()
        .filter(|r| text_field(r, "level").as_deref() == Some("INFO"))
        .collect();
    assert_eq!(info.len(), 2, "{info:?}");
    assert!(info
        .iter()
        .all(|r| text_field(r, "message").is_some_and(|m| m.contains("listening on http://"))));
    assert!(!s.logs().iter().any(|l| l.contains("app says dropped")));
}

#[test]
fn access_log_sample_logs_one_request_in_n_and_every_5xx() {
    let s = Server::nano(
        "api",
        &[
            "--cores",
            "1",
            "--log-format",
            "json",
            "--access-log-sample",
            "4",
        ],
    );
    let ids: Vec<String> = (0..8)
        .map(|_| {
            let r = s.get("/resp/string");
            assert_eq!(r.status, 200);
            r.header("x-request-id").unwrap().to_string()
        })
        .collect();
    let failed = s.get("/fail/throw");
    assert_eq!(failed.status, 500);
    let failed_id = failed.header("x-request-id").unwrap().to_string();
    // Lines of a core are written in order: once the 500's line is out,
    // every earlier one that was kept is too.
    s.wait_for_log(Duration::from_secs(5), |l| {
        l.contains(&failed_id) && l.contains("\"status\":500")
    })
    .unwrap_or_else(|| panic!("the 5xx request line is missing: {:?}", s.logs()));
    let all = records(&s);
    let logged: Vec<&String> = ids
        .iter()
        .filter(|id| request_line(&all, id).is_some())
        .collect();
    assert_eq!(logged, [&ids[3], &ids[7]], "{all:?}");
}

#[test]
fn request_ids_are_unique_and_match_the_log() {
    let s = Server::nano("kit", &["--cores", "2", "--log-format", "json"]);
    let mut ids = HashSet::new();
    for _ in 0..20 {
        let r = s.get("/");
        assert_eq!(r.status, 200);
        assert!(
            ids.insert(r.header("x-request-id").unwrap().to_string()),
            "duplicate id"
        );
    }
    // Several on one keep-alive connection too.
    let mut c = s.client();
    for _ in 0..5 {
        c.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n");
        assert!(ids.insert(c.response().header("x-request-id").unwrap().to_string()));
    }
    let last = ids.iter().next().unwrap().clone();
    s.wait_for_log(Duration::from_secs(5), |l| l.contains(&last))
        .expect("logged");
    // Every request line is logged once it has been answered; wait for all.
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    loop {
        let all = records(&s);
        let missing: Vec<_> = ids
            .iter()
            .filter(|id| request_line(&all, id).is_none())
            .collect();
        if missing.is_empty() {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no request line for {missing:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn garbage_collection_pauses_are_counted() {
    let s = Server::nano("api", &["--cores", "1", "--cpu-limit-ms", "5000"]);
    let pauses = |kind: &str| {
        let m = s.admin_get("/metrics").text();
        let count = metric(
            &m,
            &format!("nano_gc_pauses_total{{core=\"0\",kind=\"{kind}\"}}"),
        );
        let seconds = metric(
            &m,
            &format!("nano_gc_pause_seconds_total{{core=\"0\",kind=\"{kind}\"}}"),
        );
        (
            count.expect("a pause count"),
            seconds.expect("a pause time"),
        )
    };
    let (before, before_seconds) = pauses("minor");
    assert_eq!(s.get("/garbage").status, 200);
    let (after, after_seconds) = pauses("minor");
    assert!(
        after >= before + 2.0,
        "minor pauses {before} -> {after} after 40 MiB of garbage"
    );
    assert!(after_seconds > before_seconds);
    // Major pauses are reported too, though none need have happened.
    pauses("major");
}

#[test]
fn metrics_after_traffic_on_two_cores() {
    let s = Server::nano("api", &["--cores", "2", "--cpu-limit-ms", "200"]);
    let mut ok = 0;
    let m = loop {
        for _ in 0..40 {
            assert_eq!(s.get("/resp/string").status, 200);
        }
        ok += 40;
        let m = s.admin_get("/metrics").text();
        let served = |core: u32| {
            metric(&m, &format!("nano_core_requests_total{{core=\"{core}\"}}")).unwrap_or(0.0)
        };
        if (served(0) > 0.0 && served(1) > 0.0) || ok >= 400 {
            break m;
        }
    };
    for core in 0..2 {
        let served =
            metric(&m, &format!("nano_core_requests_total{{core=\"{core}\"}}")).unwrap_or(0.0);
        assert!(
            served > 0.0,
            "core {core} served nothing after {ok} connections:\n{m}"
        );
    }
    assert_eq!(s.get("/fail/throw").status, 500);
    assert_eq!(s.get("/fail/loop").status, 503);
    assert_eq!(s.get("/resp/null204").status, 204);
    let m = s.admin_get("/metrics").text();
    assert_eq!(
        metric(&m, "nano_requests_total{app=\"api\",status=\"200\"}"),
        Some(ok as f64),
        "{m}"
    );
    assert_eq!(
        metric(&m, "nano_requests_total{app=\"api\",status=\"204\"}"),
        Some(1.0),
        "{m}"
    );
    assert_eq!(
        metric(&m, "nano_requests_total{app=\"api\",status=\"500\"}"),
        Some(1.0),
        "{m}"
    );
    assert_eq!(
        metric(&m, "nano_requests_total{app=\"api\",status=\"503\"}"),
        Some(1.0),
        "{m}"
    );
    assert_eq!(
        metric(&m, "nano_request_errors_total{app=\"api\"}"),
        Some(2.0),
        "{m}"
    );
    let total = (ok + 3) as f64;
    assert_eq!(
        metric(&m, "nano_request_duration_seconds_count"),
        Some(total),
        "{m}"
    );
    assert_eq!(
        metric(&m, "nano_request_duration_seconds_bucket{le=\"+Inf\"}"),
        Some(total),
        "{m}"
    );
    // Buckets are cumulative and there is more than one.
    let buckets: Vec<f64> = m
        .lines()
        .filter(|l| l.starts_with("nano_request_duration_seconds_bucket{"))
        .filter_map(|l| l.rsplit(' ').next()?.parse().ok())
        .collect();
    assert!(buckets.len() > 2, "{m}");
    assert!(
        buckets.windows(2).all(|w| w[0] <= w[1]),
        "buckets not cumulative:\n{m}"
    );
    assert!(metric(&m, "nano_request_duration_seconds_sum").unwrap() > 0.0);
    for core in 0..2 {
        // One live isolate per core, even after one was replaced.
        assert_eq!(
            metric(&m, &format!("nano_isolates{{core=\"{core}\"}}")),
            Some(1.0),
            "{m}"
        );
        assert_eq!(
            metric(&m, &format!("nano_requests_in_flight{{core=\"{core}\"}}")),
            Some(0.0),
            "{m}"
        );
    }
    let c0 = metric(&m, "nano_core_requests_total{core=\"0\"}").unwrap();
    let c1 = metric(&m, "nano_core_requests_total{core=\"1\"}").unwrap();
    assert_eq!(c0 + c1, total, "{m}");
}

#[test]
fn in_flight_gauge_counts_interleaved_requests() {
    let s = Server::nano("api", &["--cores", "1"]);
    let mut clients: Vec<Client> = (0..5)
        .map(|_| {
            let mut c = s.client();
            c.send("GET /wait?ms=1500 HTTP/1.1\r\nHost: t\r\n\r\n");
            c
        })
        .collect();
    let deadline = std::time::Instant::now() + Duration::from_secs(1);
    let m = loop {
        let m = s.admin_get("/metrics").text();
        if metric(&m, "nano_requests_in_flight{core=\"0\"}") == Some(5.0)
            || std::time::Instant::now() > deadline
        {
            break m;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(
        metric(&m, "nano_requests_in_flight{core=\"0\"}"),
        Some(5.0),
        "{m}"
    );
    assert_eq!(metric(&m, "nano_isolates{core=\"0\"}"), Some(1.0), "{m}");
    for c in &mut clients {
        assert_eq!(c.response().status, 200);
    }
}

#[test]
fn requests_are_served_while_nobody_reads_the_log() {
    use std::io::{BufRead, BufReader};
    use std::time::Instant;

    let (mut child, stderr) = common::spawn_with_stderr(&mut common::nano_command(
        "kit",
        &["--cores", "1", "--log-format", "json"],
    ))
    .expect("spawn nano serve");
    let mut stderr = BufReader::new(stderr);
    // Read up to the address, then leave the pipe unread.
    let addr = loop {
        let mut line = String::new();
        let read = stderr.read_line(&mut line).expect("read stderr");
        assert!(read > 0, "nano serve exited before announcing its address");
        if line.contains("admin listening") {
            continue;
        }
        if let Some(addr) = common::addr_after(&line, "listening on http://") {
            break addr;
        }
    };
    let mut client = Client::connect(addr);
    // Far more request lines than the pipe (64 KiB) and the log writer's
    // queue (2 MiB) hold.
    for _ in 0..12_000 {
        client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n");
        assert_eq!(client.response().status, 200);
    }
    // Once the log is read again, the loss is reported.
    let (lines, received) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in stderr.lines() {
            let Ok(line) = line else { break };
            let _ = lines.send(line);
        }
    });
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n");
        assert_eq!(client.response().status, 200);
        if received
            .try_iter()
            .any(|line| line.contains("log lines dropped"))
        {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the dropped log lines were never reported"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
}

#[test]
fn the_log_writer_and_the_watchdog_run_as_batch_threads_and_the_cores_do_not() {
    /// SCHED_BATCH in `sched_setscheduler(2)`.
    const SCHED_BATCH: u32 = 3;
    let s = Server::nano("kit", &["--cores", "1"]);
    assert_eq!(s.get("/").status, 200);
    let mut policies = Vec::new();
    for task in std::fs::read_dir(format!("/proc/{}/task", s.pid())).expect("the server's threads")
    {
        let task = task.expect("a thread").path();
        let name = std::fs::read_to_string(task.join("comm")).expect("a thread's name");
        let stat = std::fs::read_to_string(task.join("stat")).expect("a thread's stat");
        // `policy` is field 41 of proc(5)'s stat; the name (field 2, in
        // parentheses) may hold spaces, so fields are counted after it.
        let after_name = &stat[stat.rfind(')').expect("a stat line") + 2..];
        let policy: u32 = after_name
            .split(' ')
            .nth(41 - 3)
            .and_then(|field| field.parse().ok())
            .expect("a policy field");
        policies.push((name.trim().to_string(), policy));
    }
    for background in ["nano-log", "nano-watchdog"] {
        let thread = policies.iter().find(|(name, _)| name == background);
        assert_eq!(
            thread.map(|(_, policy)| *policy),
            Some(SCHED_BATCH),
            "{background}: {policies:?}"
        );
    }
    let core = policies.iter().find(|(name, _)| name == "nano-core-0");
    assert_eq!(core.map(|(_, policy)| *policy), Some(0), "{policies:?}");
}
