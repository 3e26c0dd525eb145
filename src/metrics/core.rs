//! The counters one core writes on its request path.

use std::collections::BTreeMap;
use std::time::Duration;

use hdrhistogram::Histogram;

use super::app::{AppCounters, AppLabel, Buckets};
use super::scheduled::ScheduledRuns;
use super::snapshot::{
    new_duration_histogram, CacheResult, CoreGauges, EvictionReason, MetricsSnapshot,
    TerminationReason,
};
use crate::http::websocket::Traffic;
use crate::v8::GcPauses;

/// What a core's app handler and watchdog report about its isolates when
/// metrics are read (they keep their own counts; nothing is pushed per
/// request).
#[derive(Debug, Clone, Default)]
pub struct IsolateStats {
    /// Isolates alive (see the `nano_isolates` help text).
    pub alive: usize,
    /// Terminations since start, by app and reason.
    pub terminations: Vec<(String, TerminationReason, u64)>,
    /// CPU time the core spent in runs of JavaScript longer than the stall
    /// threshold.
    pub stalled: Duration,
    /// CPU time V8 spent optimising code on the core's thread.
    pub optimising: Duration,
    /// Garbage collection pauses of the core's isolates.
    pub gc_pauses: GcPauses,
    /// Per app hosted on the core.
    pub apps: Vec<AppIsolates>,
}

/// One app's isolates on one core.
#[derive(Debug, Clone)]
pub struct AppIsolates {
    pub name: String,
    /// Loaded now (0 or 1, plus versions still retiring).
    pub isolates: usize,
    /// Time from a request finding the app unloaded to the app loaded.
    pub cold_starts: Buckets,
    /// Isolates evicted as least recently used, to stay within the core's
    /// limit.
    pub evicted_lru: u64,
    /// Isolates evicted after idling past the idle timeout.
    pub evicted_idle: u64,
    /// Runs of its `scheduled` handler.
    pub scheduled: ScheduledRuns,
    /// Cache API `match` calls that found a response, and that did not.
    pub cache_hits: u64,
    pub cache_misses: u64,
    /// Bytes its Cache API store holds now.
    pub cache_bytes: u64,
}

/// Metrics of one core. Not shared: only its own core writes it, so no
/// atomics or locks on the request path.
#[derive(Debug)]
pub struct CoreMetrics {
    core: usize,
    /// Indexed by `AppLabel::id`: no hashing and no allocation per request
    /// once an app has been seen.
    apps: Vec<Option<AppCounters>>,
    duration_us: Histogram<u64>,
    duration_sum_us: u64,
    in_flight: u64,
    isolates: IsolateStats,
    connections: u64,
    core_requests: u64,
    timed_out: u64,
    client_closed: u64,
    evicted: u64,
    websockets: u64,
    websocket_traffic: Traffic,
}

impl CoreMetrics {
    pub fn new(core: usize) -> Self {
        CoreMetrics {
            core,
            apps: Vec::new(),
            duration_us: new_duration_histogram(),
            duration_sum_us: 0,
            in_flight: 0,
            isolates: IsolateStats::default(),
            connections: 0,
            core_requests: 0,
            timed_out: 0,
            client_closed: 0,
            evicted: 0,
            websockets: 0,
            websocket_traffic: Traffic::default(),
        }
    }

    /// Records one finished request. 5xx statuses also count as errors.
    pub fn record_request(&mut self, app: &AppLabel, status: u16, duration: Duration) {
        let counters = self.count(app, status);
        if status >= 500 {
            counters.errors += 1;
        }
        counters.durations.observe(duration);
        let us = u64::try_from(duration.as_micros()).unwrap_or(u64::MAX);
        self.duration_us.saturating_record(us.max(1));
        self.duration_sum_us = self.duration_sum_us.saturating_add(us);
    }

    /// Counts a request the server refused before it reached the handler
    /// (400, 408, 413, 431, ...). Not timed: it never ran.
    pub fn record_rejected(&mut self, app: &AppLabel, status: u16) {
        self.count(app, status);
    }

    fn count(&mut self, app: &AppLabel, status: u16) -> &mut AppCounters {
        self.core_requests += 1;
        if self.apps.len() <= app.id {
            self.apps.resize(app.id + 1, None);
        }
        let counters = self.apps[app.id].get_or_insert_with(|| AppCounters::new(app.name.clone()));
        counters.count(status);
        counters
    }

    pub fn request_started(&mut self) {
        self.in_flight += 1;
    }

    pub fn request_finished(&mut self) {
        self.in_flight = self.in_flight.saturating_sub(1);
    }

    /// A request passed its deadline before its response was done.
    pub fn request_timed_out(&mut self) {
        self.timed_out += 1;
    }

    /// A request was cancelled because its client closed the connection.
    pub fn request_client_closed(&mut self) {
        self.client_closed += 1;
    }

    /// An idle keep-alive connection was closed to make room for a new one.
    pub fn connection_evicted(&mut self) {
        self.evicted += 1;
    }

    pub fn connection_opened(&mut self) {
        self.connections += 1;
    }

    pub fn connection_closed(&mut self) {
        self.connections = self.connections.saturating_sub(1);
    }

    /// A connection became a WebSocket.
    pub fn websocket_opened(&mut self) {
        self.websockets += 1;
    }

    pub fn websocket_closed(&mut self) {
        self.websockets = self.websockets.saturating_sub(1);
    }

    /// The messages the core's WebSockets moved since start.
    pub fn set_websocket_traffic(&mut self, traffic: Traffic) {
        self.websocket_traffic = traffic;
    }

    pub fn set_isolate_stats(&mut self, stats: IsolateStats) {
        self.isolates = stats;
    }

    pub fn connections(&self) -> u64 {
        self.connections
    }

    pub fn in_flight(&self) -> u64 {
        self.in_flight
    }

    /// A copy to send to the admin thread.
    pub fn snapshot(&self) -> MetricsSnapshot {
        let mut requests_total = BTreeMap::new();
        let mut request_errors_total = BTreeMap::new();
        let mut app_durations = BTreeMap::new();
        for app in self.apps.iter().flatten() {
            let name = app.name.to_string();
            for (status, n) in &app.by_status {
                requests_total.insert((name.clone(), *status), *n);
            }
            if app.errors > 0 {
                request_errors_total.insert(name.clone(), app.errors);
            }
            app_durations.insert(name, app.durations.clone());
        }
        let mut app_isolates = BTreeMap::new();
        let mut app_cold_starts = BTreeMap::new();
        let mut app_evictions_total = BTreeMap::new();
        let mut scheduled_total = BTreeMap::new();
        let mut scheduled_durations = BTreeMap::new();
        let mut cache_total = BTreeMap::new();
        let mut cache_bytes = BTreeMap::new();
        for app in &self.isolates.apps {
            if app.cache_bytes > 0 {
                cache_bytes.insert(app.name.clone(), app.cache_bytes);
            }
            if app.cache_hits + app.cache_misses > 0 {
                cache_total.insert((app.name.clone(), CacheResult::Hit), app.cache_hits);
                cache_total.insert((app.name.clone(), CacheResult::Miss), app.cache_misses);
            }
            if app.scheduled.count() > 0 {
                for (outcome, n) in &app.scheduled.by_outcome {
                    scheduled_total.insert((app.name.clone(), *outcome), *n);
                }
                scheduled_durations.insert(app.name.clone(), app.scheduled.durations.clone());
            }
            app_isolates.insert(app.name.clone(), app.isolates as u64);
            app_cold_starts.insert(app.name.clone(), app.cold_starts.clone());
            for (reason, n) in [
                (EvictionReason::Lru, app.evicted_lru),
                (EvictionReason::Idle, app.evicted_idle),
            ] {
                app_evictions_total.insert((app.name.clone(), reason), n);
            }
        }
        MetricsSnapshot {
            requests_total,
            request_errors_total,
            app_durations,
            app_isolates,
            app_cold_starts,
            app_evictions_total,
            scheduled_total,
            scheduled_durations,
            cache_total,
            cache_bytes,
            isolate_terminations_total: self
                .isolates
                .terminations
                .iter()
                .map(|(app, reason, n)| ((app.clone(), *reason), *n))
                .collect(),
            duration_us: self.duration_us.clone(),
            duration_sum_us: self.duration_sum_us,
            cores: vec![CoreGauges {
                core: self.core,
                in_flight: self.in_flight,
                isolates: self.isolates.alive as u64,
                connections: self.connections,
                requests_total: self.core_requests,
                requests_timed_out: self.timed_out,
                requests_client_closed: self.client_closed,
                connections_evicted: self.evicted,
                websockets: self.websockets,
                websocket_messages_received: self.websocket_traffic.received,
                websocket_messages_sent: self.websocket_traffic.sent,
                stalled: self.isolates.stalled,
                optimising: self.isolates.optimising,
                gc_pauses: self.isolates.gc_pauses,
            }],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_requests_errors_and_gauges() {
        let mut m = CoreMetrics::new(3);
        let a = AppLabel {
            id: 4,
            name: "a".into(),
        };
        m.record_request(&a, 200, Duration::from_millis(2));
        m.record_request(&a, 200, Duration::from_millis(4));
        m.record_request(&a, 503, Duration::from_micros(10));
        m.connection_opened();
        m.request_started();
        m.set_isolate_stats(IsolateStats {
            alive: 2,
            ..IsolateStats::default()
        });
        let s = m.snapshot();
        assert_eq!(s.requests_total[&("a".to_string(), 200)], 2);
        assert_eq!(s.requests_total[&("a".to_string(), 503)], 1);
        assert_eq!(s.request_errors_total["a"], 1);
        assert_eq!(s.app_durations["a"].count(), 3);
        assert_eq!(s.duration_us.len(), 3);
        assert_eq!(s.duration_sum_us, 6010);
        let g = &s.cores[0];
        assert_eq!(
            (
                g.core,
                g.in_flight,
                g.isolates,
                g.connections,
                g.requests_total
            ),
            (3, 1, 2, 1, 3)
        );
        m.request_finished();
        m.connection_closed();
        m.connection_closed();
        assert_eq!((m.in_flight(), m.connections()), (0, 0));
    }
}
