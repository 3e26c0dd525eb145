//! Prometheus text exposition format (version 0.0.4).

use std::fmt::Write;
use std::time::Duration;

use super::app::Buckets;
use super::snapshot::{CoreGauges, MetricsSnapshot};
use crate::runtime::watchdog::STALL_THRESHOLD;
use crate::v8::GcPauseTotal;

/// A per-core series: name, type, help text, and how to read it.
type CoreSeries = (
    &'static str,
    &'static str,
    &'static str,
    fn(&CoreGauges) -> u64,
);

/// Upper bounds of the `nano_request_duration_seconds` buckets.
pub const DURATION_BUCKETS_SECONDS: [f64; 15] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

fn escape_label(v: &str) -> String {
    let mut s = String::with_capacity(v.len());
    for c in v.chars() {
        match c {
            '\\' => s.push_str("\\\\"),
            '"' => s.push_str("\\\""),
            '\n' => s.push_str("\\n"),
            c => s.push(c),
        }
    }
    s
}

/// Renders merged metrics. Bucket counts come from the hdrhistogram, so a
/// value is placed by its 3-significant-digit equivalence range.
pub fn render(m: &MetricsSnapshot) -> String {
    let mut out = String::with_capacity(4096);
    // Writing to a String cannot fail.
    let _ = write_all(m, &mut out);
    out
}

fn write_all(m: &MetricsSnapshot, out: &mut String) -> std::fmt::Result {
    writeln!(
        out,
        "# HELP nano_requests_total Requests answered, by app and status code."
    )?;
    writeln!(out, "# TYPE nano_requests_total counter")?;
    for ((app, status), n) in &m.requests_total {
        writeln!(
            out,
            "nano_requests_total{{app=\"{}\",status=\"{}\"}} {}",
            escape_label(app),
            status,
            n
        )?;
    }

    writeln!(
        out,
        "# HELP nano_request_errors_total Responses with a 5xx status, by app."
    )?;
    writeln!(out, "# TYPE nano_request_errors_total counter")?;
    for (app, n) in &m.request_errors_total {
        writeln!(
            out,
            "nano_request_errors_total{{app=\"{}\"}} {}",
            escape_label(app),
            n
        )?;
    }

    writeln!(
        out,
        "# HELP nano_isolate_terminations_total Isolates terminated by a limit (reason cpu_limit or heap_limit), by app."
    )?;
    writeln!(out, "# TYPE nano_isolate_terminations_total counter")?;
    for ((app, reason), n) in &m.isolate_terminations_total {
        writeln!(
            out,
            "nano_isolate_terminations_total{{app=\"{}\",reason=\"{}\"}} {}",
            escape_label(app),
            reason.label(),
            n
        )?;
    }

    writeln!(
        out,
        "# HELP nano_request_duration_seconds Time from request head to response end."
    )?;
    writeln!(out, "# TYPE nano_request_duration_seconds histogram")?;
    let h = &m.duration_us;
    for le in DURATION_BUCKETS_SECONDS {
        let le_us = (le * 1_000_000.0) as u64;
        let count = if h.is_empty() {
            0
        } else {
            h.count_between(0, le_us)
        };
        writeln!(
            out,
            "nano_request_duration_seconds_bucket{{le=\"{le}\"}} {count}"
        )?;
    }
    writeln!(
        out,
        "nano_request_duration_seconds_bucket{{le=\"+Inf\"}} {}",
        h.len()
    )?;
    writeln!(
        out,
        "nano_request_duration_seconds_sum {}",
        m.duration_sum_us as f64 / 1_000_000.0
    )?;
    writeln!(out, "nano_request_duration_seconds_count {}", h.len())?;

    write_app_histogram(
        out,
        "nano_app_request_duration_seconds",
        "Time from request head to response end, by app.",
        &m.app_durations,
    )?;
    write_app_histogram(
        out,
        "nano_app_cold_start_seconds",
        "Time to load an app on a core where it was not loaded (first request, or after an eviction), by app.",
        &m.app_cold_starts,
    )?;
    writeln!(
        out,
        "# HELP nano_scheduled_total Runs of scheduled() handlers (cron triggers and nano trigger), by app and outcome."
    )?;
    writeln!(out, "# TYPE nano_scheduled_total counter")?;
    for ((app, outcome), n) in &m.scheduled_total {
        writeln!(
            out,
            "nano_scheduled_total{{app=\"{}\",outcome=\"{}\"}} {n}",
            escape_label(app),
            outcome.label()
        )?;
    }
    write_app_histogram(
        out,
        "nano_scheduled_duration_seconds",
        "Time from the start of a scheduled() run to the end of its waitUntil work, by app.",
        &m.scheduled_durations,
    )?;
    writeln!(
        out,
        "# HELP nano_app_isolates App isolates loaded now on all cores, by app."
    )?;
    writeln!(out, "# TYPE nano_app_isolates gauge")?;
    for (app, n) in &m.app_isolates {
        writeln!(
            out,
            "nano_app_isolates{{app=\"{}\"}} {n}",
            escape_label(app)
        )?;
    }
    writeln!(
        out,
        "# HELP nano_app_evictions_total App isolates unloaded: reason lru (the core was at its isolate limit) or idle (no request for the idle timeout), by app."
    )?;
    writeln!(out, "# TYPE nano_app_evictions_total counter")?;
    for ((app, reason), n) in &m.app_evictions_total {
        writeln!(
            out,
            "nano_app_evictions_total{{app=\"{}\",reason=\"{}\"}} {n}",
            escape_label(app),
            reason.label()
        )?;
    }
    writeln!(
        out,
        "# HELP nano_cache_requests_total Cache API match calls by app: result hit (a response was found) or miss."
    )?;
    writeln!(out, "# TYPE nano_cache_requests_total counter")?;
    for ((app, result), n) in &m.cache_total {
        writeln!(
            out,
            "nano_cache_requests_total{{app=\"{}\",result=\"{}\"}} {n}",
            escape_label(app),
            result.label()
        )?;
    }
    writeln!(
        out,
        "# HELP nano_cache_bytes Bytes the Cache API stores hold, by app (all cores)."
    )?;
    writeln!(out, "# TYPE nano_cache_bytes gauge")?;
    for (app, n) in &m.cache_bytes {
        writeln!(out, "nano_cache_bytes{{app=\"{}\"}} {n}", escape_label(app))?;
    }

    let gauges: [CoreSeries; 10] = [
        (
            "nano_requests_in_flight",
            "gauge",
            "Requests being handled.",
            |g| g.in_flight,
        ),
        (
            "nano_isolates",
            "gauge",
            "Isolates alive: serving, retiring after a reload or an eviction, or terminated and not yet freed; the warm pool is not counted.",
            |g| g.isolates,
        ),
        (
            "nano_connections",
            "gauge",
            "Open client connections.",
            |g| g.connections,
        ),
        (
            "nano_core_requests_total",
            "counter",
            "Requests answered.",
            |g| g.requests_total,
        ),
        (
            "nano_requests_timed_out_total",
            "counter",
            "Requests that passed their deadline (--request-timeout-ms).",
            |g| g.requests_timed_out,
        ),
        (
            "nano_requests_client_closed_total",
            "counter",
            "Requests cancelled because the client closed the connection first.",
            |g| g.requests_client_closed,
        ),
        (
            "nano_connections_evicted_total",
            "counter",
            "Idle keep-alive connections closed to make room for new ones.",
            |g| g.connections_evicted,
        ),
        (
            "nano_websockets",
            "gauge",
            "Open WebSockets served (each is also a connection).",
            |g| g.websockets,
        ),
        (
            "nano_websocket_messages_received_total",
            "counter",
            "Messages received on WebSockets served.",
            |g| g.websocket_messages_received,
        ),
        (
            "nano_websocket_messages_sent_total",
            "counter",
            "Messages sent on WebSockets served.",
            |g| g.websocket_messages_sent,
        ),
    ];
    for (name, kind, help, get) in gauges {
        writeln!(out, "# HELP {name} {help} Per core.")?;
        writeln!(out, "# TYPE {name} {kind}")?;
        for g in &m.cores {
            writeln!(out, "{name}{{core=\"{}\"}} {}", g.core, get(g))?;
        }
    }
    let stalled_help = format!(
        "CPU time spent in runs of JavaScript longer than {} ms, killed or not (the core serves nothing else meanwhile).",
        STALL_THRESHOLD.as_millis()
    );
    type CoreTime = fn(&CoreGauges) -> Duration;
    let core_times: [(&str, &str, CoreTime); 2] = [
        ("nano_core_stalled_seconds_total", &stalled_help, |g| g.stalled),
        (
            "nano_core_optimising_seconds_total",
            "CPU time V8 spent optimising the apps' hot code on the core's thread: inside runs of JavaScript but not counted against their CPU limit (the core serves nothing else meanwhile).",
            |g| g.optimising,
        ),
    ];
    for (name, help, time) in core_times {
        writeln!(out, "# HELP {name} {help} Per core.")?;
        writeln!(out, "# TYPE {name} counter")?;
        for g in &m.cores {
            writeln!(
                out,
                "{name}{{core=\"{}\"}} {}",
                g.core,
                time(g).as_secs_f64()
            )?;
        }
    }
    type PauseValue = fn(GcPauseTotal) -> f64;
    let gc_pause_metrics: [(&str, &str, PauseValue); 2] = [
        (
            "nano_gc_pauses_total",
            "Garbage collection pauses of the isolates, by kind: minor (the young generation) or major (the whole heap). The core runs nothing else meanwhile.",
            |total| total.count as f64,
        ),
        (
            "nano_gc_pause_seconds_total",
            "Wall time of those pauses.",
            |total| total.time.as_secs_f64(),
        ),
    ];
    for (name, help, value) in gc_pause_metrics {
        writeln!(out, "# HELP {name} {help} Per core.")?;
        writeln!(out, "# TYPE {name} counter")?;
        for g in &m.cores {
            for (kind, total) in [("minor", g.gc_pauses.minor), ("major", g.gc_pauses.major)] {
                writeln!(
                    out,
                    "{name}{{core=\"{}\",kind=\"{kind}\"}} {}",
                    g.core,
                    value(total)
                )?;
            }
        }
    }
    Ok(())
}

/// A histogram with an `app` label, from fixed buckets.
fn write_app_histogram(
    out: &mut String,
    name: &str,
    help: &str,
    by_app: &std::collections::BTreeMap<String, Buckets>,
) -> std::fmt::Result {
    writeln!(out, "# HELP {name} {help}")?;
    writeln!(out, "# TYPE {name} histogram")?;
    for (app, buckets) in by_app {
        let app = escape_label(app);
        for (le, count) in buckets.cumulative() {
            writeln!(out, "{name}_bucket{{app=\"{app}\",le=\"{le}\"}} {count}")?;
        }
        let count = buckets.count();
        writeln!(out, "{name}_bucket{{app=\"{app}\",le=\"+Inf\"}} {count}")?;
        writeln!(out, "{name}_sum{{app=\"{app}\"}} {}", buckets.sum_seconds)?;
        writeln!(out, "{name}_count{{app=\"{app}\"}} {count}")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::{
        AppIsolates, AppLabel, CoreMetrics, IsolateStats, ScheduledOutcome, ScheduledRuns,
        TerminationReason, COLD_START_BUCKETS_SECONDS,
    };
    use crate::v8::GcPauses;

    fn sample() -> String {
        let mut a = CoreMetrics::new(0);
        let mut b = CoreMetrics::new(1);
        let hello = AppLabel {
            id: 1,
            name: "hello".into(),
        };
        let weird = AppLabel {
            id: 2,
            name: "we\"ird".into(),
        };
        a.record_request(&hello, 200, Duration::from_micros(300));
        a.record_request(&hello, 200, Duration::from_millis(20));
        b.record_request(&hello, 500, Duration::from_secs(2));
        b.record_request(&weird, 404, Duration::from_secs(100));
        let mut cold_starts = Buckets::new(&COLD_START_BUCKETS_SECONDS);
        cold_starts.observe(Duration::from_micros(800));
        let mut scheduled = ScheduledRuns::default();
        scheduled.record(ScheduledOutcome::Ok, Duration::from_millis(3));
        scheduled.record(ScheduledOutcome::Exception, Duration::from_millis(40));
        b.set_isolate_stats(IsolateStats {
            alive: 4,
            terminations: vec![("hello".into(), TerminationReason::HeapLimit, 2)],
            stalled: Duration::from_millis(1500),
            optimising: Duration::from_millis(250),
            gc_pauses: GcPauses {
                minor: GcPauseTotal {
                    count: 40,
                    time: Duration::from_millis(6),
                },
                major: GcPauseTotal {
                    count: 1,
                    time: Duration::from_micros(2500),
                },
            },
            apps: vec![AppIsolates {
                name: "hello".into(),
                isolates: 1,
                cold_starts,
                evicted_lru: 3,
                evicted_idle: 0,
                scheduled,
                cache_hits: 5,
                cache_misses: 2,
                cache_bytes: 1234,
            }],
        });
        b.connection_opened();
        render(&MetricsSnapshot::merge([a.snapshot(), b.snapshot()]))
    }

    #[test]
    fn renders_counters_and_gauges() {
        let s = sample();
        assert!(s.contains("nano_requests_total{app=\"hello\",status=\"200\"} 2\n"));
        assert!(s.contains("nano_requests_total{app=\"hello\",status=\"500\"} 1\n"));
        assert!(s.contains("nano_requests_total{app=\"we\\\"ird\",status=\"404\"} 1\n"));
        assert!(s.contains("nano_request_errors_total{app=\"hello\"} 1\n"));
        assert!(s.contains("nano_isolates{core=\"1\"} 4\n"));
        assert!(
            s.contains("nano_isolate_terminations_total{app=\"hello\",reason=\"heap_limit\"} 2\n")
        );
        assert!(s.contains("nano_core_stalled_seconds_total{core=\"1\"} 1.5\n"));
        assert!(s.contains("nano_core_stalled_seconds_total{core=\"0\"} 0\n"));
        assert!(s.contains("nano_core_optimising_seconds_total{core=\"1\"} 0.25\n"));
        assert!(s.contains("nano_core_optimising_seconds_total{core=\"0\"} 0\n"));
        assert!(s.contains("nano_gc_pauses_total{core=\"1\",kind=\"minor\"} 40\n"));
        assert!(s.contains("nano_gc_pauses_total{core=\"1\",kind=\"major\"} 1\n"));
        assert!(s.contains("nano_gc_pause_seconds_total{core=\"1\",kind=\"minor\"} 0.006\n"));
        assert!(s.contains("nano_gc_pause_seconds_total{core=\"1\",kind=\"major\"} 0.0025\n"));
        assert!(s.contains("nano_gc_pauses_total{core=\"0\",kind=\"minor\"} 0\n"));
        assert!(s.contains("nano_isolates{core=\"0\"} 0\n"));
        assert!(s.contains("nano_connections{core=\"1\"} 1\n"));
        assert!(s.contains("nano_core_requests_total{core=\"0\"} 2\n"));
        assert!(s.contains("nano_requests_in_flight{core=\"0\"} 0\n"));
        assert!(s.contains("# TYPE nano_request_duration_seconds histogram\n"));
        assert!(s.contains("nano_app_isolates{app=\"hello\"} 1\n"));
        assert!(s.contains("nano_scheduled_total{app=\"hello\",outcome=\"ok\"} 1\n"));
        assert!(s.contains("nano_scheduled_total{app=\"hello\",outcome=\"exception\"} 1\n"));
        assert!(s.contains("nano_scheduled_duration_seconds_count{app=\"hello\"} 2\n"));
        assert!(
            s.contains("nano_scheduled_duration_seconds_bucket{app=\"hello\",le=\"0.005\"} 1\n")
        );
        assert!(s.contains("nano_app_evictions_total{app=\"hello\",reason=\"lru\"} 3\n"));
        assert!(s.contains("nano_cache_requests_total{app=\"hello\",result=\"hit\"} 5\n"));
        assert!(s.contains("nano_cache_requests_total{app=\"hello\",result=\"miss\"} 2\n"));
        assert!(s.contains("nano_cache_bytes{app=\"hello\"} 1234\n"));
        assert!(s.contains("nano_app_cold_start_seconds_bucket{app=\"hello\",le=\"0.0005\"} 0\n"));
        assert!(s.contains("nano_app_cold_start_seconds_bucket{app=\"hello\",le=\"0.001\"} 1\n"));
        assert!(s.contains("nano_app_cold_start_seconds_count{app=\"hello\"} 1\n"));
        assert!(s.contains("nano_app_request_duration_seconds_count{app=\"hello\"} 3\n"));
        assert!(
            s.contains("nano_app_request_duration_seconds_bucket{app=\"hello\",le=\"0.025\"} 2\n")
        );
    }

    #[test]
    fn renders_cumulative_buckets() {
        let s = sample();
        let bucket = |le: &str| -> u64 {
            let key = format!("nano_request_duration_seconds_bucket{{le=\"{le}\"}} ");
            let line = s
                .lines()
                .find(|l| l.starts_with(&key))
                .expect("bucket line");
            line[key.len()..].parse().unwrap()
        };
        assert_eq!(bucket("0.0005"), 1);
        assert_eq!(bucket("0.01"), 1);
        assert_eq!(bucket("0.025"), 2);
        assert_eq!(bucket("2.5"), 3);
        assert_eq!(bucket("30"), 3);
        assert_eq!(bucket("+Inf"), 4);
        assert!(s.contains("nano_request_duration_seconds_count 4\n"));
        assert!(s.contains("nano_request_duration_seconds_sum 102.0203\n"));
    }

    #[test]
    fn empty_renders_zero_buckets() {
        let s = render(&MetricsSnapshot::default());
        assert!(s.contains("nano_request_duration_seconds_bucket{le=\"+Inf\"} 0\n"));
        assert!(s.contains("nano_request_duration_seconds_count 0\n"));
    }
}
