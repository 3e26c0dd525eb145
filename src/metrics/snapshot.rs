//! A copy of one or more cores' metrics, and merging them.

use std::collections::BTreeMap;
use std::time::Duration;

use hdrhistogram::Histogram;

use super::app::Buckets;
use super::scheduled::ScheduledOutcome;
use crate::v8::GcPauses;

/// Highest duration tracked exactly: one hour in microseconds. Longer
/// requests are recorded at this value.
const MAX_TRACKED_US: u64 = 3_600_000_000;

pub(crate) fn new_duration_histogram() -> Histogram<u64> {
    // Fixed bounds and 3 significant digits: small, and every core's
    // histogram has the same layout so merging never fails.
    Histogram::new_with_bounds(1, MAX_TRACKED_US, 3).expect("static histogram bounds are valid")
}

/// Gauges and counters of one core.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoreGauges {
    pub core: usize,
    pub in_flight: u64,
    pub isolates: u64,
    pub connections: u64,
    pub requests_total: u64,
    pub requests_timed_out: u64,
    pub requests_client_closed: u64,
    pub connections_evicted: u64,
    /// Open WebSockets (each also counts as a connection).
    pub websockets: u64,
    pub websocket_messages_received: u64,
    pub websocket_messages_sent: u64,
    /// CPU time the core spent in over-long runs of JavaScript.
    pub stalled: Duration,
    /// CPU time V8 spent optimising code on the core's thread.
    pub optimising: Duration,
    /// Garbage collection pauses of the core's isolates.
    pub gc_pauses: GcPauses,
}

/// Why an isolate was terminated (the `reason` label).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TerminationReason {
    /// A run of JavaScript overstayed the CPU time limit.
    CpuLimit,
    /// The isolate reached its heap limit.
    HeapLimit,
}

impl TerminationReason {
    pub fn label(self) -> &'static str {
        match self {
            TerminationReason::CpuLimit => "cpu_limit",
            TerminationReason::HeapLimit => "heap_limit",
        }
    }
}

/// Why an app's isolate was evicted (the `reason` label).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EvictionReason {
    /// The core was at its isolate limit and this app was used least recently.
    Lru,
    /// The app had no request for longer than the idle timeout.
    Idle,
}

impl EvictionReason {
    pub fn label(self) -> &'static str {
        match self {
            EvictionReason::Lru => "lru",
            EvictionReason::Idle => "idle",
        }
    }
}

/// What a Cache API `match` found (the `result` label).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CacheResult {
    Hit,
    Miss,
}

impl CacheResult {
    pub fn label(self) -> &'static str {
        match self {
            CacheResult::Hit => "hit",
            CacheResult::Miss => "miss",
        }
    }
}

/// Metrics of one core, or of several merged.
#[derive(Debug, Clone)]
pub struct MetricsSnapshot {
    /// Requests by (app, status code).
    pub requests_total: BTreeMap<(String, u16), u64>,
    /// 5xx responses by app.
    pub request_errors_total: BTreeMap<String, u64>,
    /// Request durations by app, in fixed buckets.
    pub app_durations: BTreeMap<String, Buckets>,
    /// App isolates loaded now, by app.
    pub app_isolates: BTreeMap<String, u64>,
    /// Time to load an app that was not loaded, by app.
    pub app_cold_starts: BTreeMap<String, Buckets>,
    /// App isolates evicted, by app and reason.
    pub app_evictions_total: BTreeMap<(String, EvictionReason), u64>,
    /// Runs of `scheduled` handlers, by app and outcome.
    pub scheduled_total: BTreeMap<(String, ScheduledOutcome), u64>,
    /// Durations of `scheduled` runs by app, in fixed buckets.
    pub scheduled_durations: BTreeMap<String, Buckets>,
    /// Cache API `match` calls, by app and result; apps that made none are
    /// left out.
    pub cache_total: BTreeMap<(String, CacheResult), u64>,
    /// Bytes of the Cache API stores, by app; apps holding none are left out.
    pub cache_bytes: BTreeMap<String, u64>,
    /// Isolates terminated by a limit, by app and reason.
    pub isolate_terminations_total: BTreeMap<(String, TerminationReason), u64>,
    /// Request durations in microseconds.
    pub duration_us: Histogram<u64>,
    /// Exact sum of all recorded durations in microseconds.
    pub duration_sum_us: u64,
    /// One entry per core, sorted by core index after a merge.
    pub cores: Vec<CoreGauges>,
}

impl Default for MetricsSnapshot {
    fn default() -> Self {
        MetricsSnapshot {
            requests_total: BTreeMap::new(),
            request_errors_total: BTreeMap::new(),
            app_durations: BTreeMap::new(),
            app_isolates: BTreeMap::new(),
            app_cold_starts: BTreeMap::new(),
            app_evictions_total: BTreeMap::new(),
            scheduled_total: BTreeMap::new(),
            scheduled_durations: BTreeMap::new(),
            cache_total: BTreeMap::new(),
            cache_bytes: BTreeMap::new(),
            isolate_terminations_total: BTreeMap::new(),
            duration_us: new_duration_histogram(),
            duration_sum_us: 0,
            cores: Vec::new(),
        }
    }
}

impl MetricsSnapshot {
    /// Sums counters and histograms and collects per-core gauges.
    pub fn merge(snapshots: impl IntoIterator<Item = MetricsSnapshot>) -> MetricsSnapshot {
        let mut out = MetricsSnapshot::default();
        for s in snapshots {
            for (k, v) in s.requests_total {
                *out.requests_total.entry(k).or_insert(0) += v;
            }
            for (k, v) in s.request_errors_total {
                *out.request_errors_total.entry(k).or_insert(0) += v;
            }
            for (k, v) in s.app_isolates {
                *out.app_isolates.entry(k).or_insert(0) += v;
            }
            for (k, v) in s.app_evictions_total {
                *out.app_evictions_total.entry(k).or_insert(0) += v;
            }
            add_buckets(&mut out.app_durations, s.app_durations);
            add_buckets(&mut out.app_cold_starts, s.app_cold_starts);
            for (k, v) in s.scheduled_total {
                *out.scheduled_total.entry(k).or_insert(0) += v;
            }
            add_buckets(&mut out.scheduled_durations, s.scheduled_durations);
            for (k, v) in s.cache_total {
                *out.cache_total.entry(k).or_insert(0) += v;
            }
            for (k, v) in s.cache_bytes {
                *out.cache_bytes.entry(k).or_insert(0) += v;
            }
            for (k, v) in s.isolate_terminations_total {
                *out.isolate_terminations_total.entry(k).or_insert(0) += v;
            }
            if out.duration_us.add(&s.duration_us).is_err() {
                // Only a histogram built with other bounds can fail to add;
                // fall back to re-recording its values, saturating.
                for v in s.duration_us.iter_recorded() {
                    out.duration_us
                        .saturating_record_n(v.value_iterated_to(), v.count_at_value());
                }
            }
            out.duration_sum_us = out.duration_sum_us.saturating_add(s.duration_sum_us);
            out.cores.extend(s.cores);
        }
        out.cores.sort_by_key(|c| c.core);
        out
    }
}

fn add_buckets(into: &mut BTreeMap<String, Buckets>, from: BTreeMap<String, Buckets>) {
    for (app, buckets) in from {
        match into.get_mut(&app) {
            Some(total) => total.add(&buckets),
            None => {
                into.insert(app, buckets);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::{AppLabel, CoreMetrics, IsolateStats};

    #[test]
    fn merge_sums_counters_and_histograms() {
        let mut a = CoreMetrics::new(1);
        let mut b = CoreMetrics::new(0);
        let label = |id, name: &str| AppLabel {
            id,
            name: name.into(),
        };
        let (x, y) = (label(1, "x"), label(2, "y"));
        a.record_request(&x, 200, Duration::from_millis(1));
        a.record_request(&y, 500, Duration::from_millis(3));
        b.record_request(&x, 200, Duration::from_millis(2));
        b.record_request(&x, 404, Duration::from_millis(2));
        b.connection_opened();
        let killed = |app: &str, cpu_limit, heap_limit| IsolateStats {
            alive: 1,
            terminations: vec![
                (app.to_string(), TerminationReason::CpuLimit, cpu_limit),
                (app.to_string(), TerminationReason::HeapLimit, heap_limit),
            ],
            stalled: Duration::from_millis(cpu_limit * 10),
            optimising: Duration::ZERO,
            gc_pauses: GcPauses::default(),
            apps: Vec::new(),
        };
        a.set_isolate_stats(killed("x", 2, 1));
        b.set_isolate_stats(killed("x", 3, 0));
        let m = MetricsSnapshot::merge([a.snapshot(), b.snapshot()]);
        let x = |reason| m.isolate_terminations_total[&("x".to_string(), reason)];
        assert_eq!(x(TerminationReason::CpuLimit), 5);
        assert_eq!(x(TerminationReason::HeapLimit), 1);
        assert_eq!(m.requests_total[&("x".to_string(), 200)], 2);
        assert_eq!(m.requests_total[&("x".to_string(), 404)], 1);
        assert_eq!(m.requests_total[&("y".to_string(), 500)], 1);
        assert_eq!(m.request_errors_total.get("x"), None);
        assert_eq!(m.request_errors_total["y"], 1);
        assert_eq!(m.duration_us.len(), 4);
        assert_eq!(m.app_durations["x"].count(), 3);
        assert_eq!(m.duration_sum_us, 8000);
        assert_eq!(
            m.cores.iter().map(|c| c.core).collect::<Vec<_>>(),
            vec![0, 1]
        );
        assert_eq!(m.cores[0].connections, 1);
        assert_eq!(m.cores[1].requests_total, 2);
        assert_eq!(m.cores[1].stalled, Duration::from_millis(20));
    }

    #[test]
    fn merge_of_nothing_is_empty() {
        let m = MetricsSnapshot::merge(Vec::new());
        assert!(m.requests_total.is_empty() && m.cores.is_empty());
        assert_eq!(m.duration_us.len(), 0);
    }
}
