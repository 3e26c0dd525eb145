//! The counters one core writes on its request path.

use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

use hdrhistogram::Histogram;

use super::snapshot::{new_duration_histogram, CoreGauges, MetricsSnapshot, TerminationReason};

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
}

/// Metrics of one core. Not shared: only its own core writes it, so no
/// atomics or locks on the request path.
#[derive(Debug)]
pub struct CoreMetrics {
    core: usize,
    // Keyed by app then status so recording needs no allocation once an
    // (app, status) pair has been seen.
    requests: HashMap<String, HashMap<u16, u64>>,
    errors: HashMap<String, u64>,
    duration_us: Histogram<u64>,
    duration_sum_us: u64,
    in_flight: u64,
    isolates: IsolateStats,
    connections: u64,
    core_requests: u64,
    timed_out: u64,
    client_closed: u64,
    evicted: u64,
}

impl CoreMetrics {
    pub fn new(core: usize) -> Self {
        CoreMetrics {
            core,
            requests: HashMap::new(),
            errors: HashMap::new(),
            duration_us: new_duration_histogram(),
            duration_sum_us: 0,
            in_flight: 0,
            isolates: IsolateStats::default(),
            connections: 0,
            core_requests: 0,
            timed_out: 0,
            client_closed: 0,
            evicted: 0,
        }
    }

    /// Records one finished request. 5xx statuses also count as errors.
    pub fn record_request(&mut self, app: &str, status: u16, duration: Duration) {
        self.count(app, status);
        if status >= 500 {
            match self.errors.get_mut(app) {
                Some(n) => *n += 1,
                None => {
                    self.errors.insert(app.to_string(), 1);
                }
            }
        }
        let us = u64::try_from(duration.as_micros()).unwrap_or(u64::MAX);
        self.duration_us.saturating_record(us.max(1));
        self.duration_sum_us = self.duration_sum_us.saturating_add(us);
    }

    /// Counts a request the server refused before it reached the handler
    /// (400, 408, 413, 431, ...). Not timed: it never ran.
    pub fn record_rejected(&mut self, app: &str, status: u16) {
        self.count(app, status);
    }

    fn count(&mut self, app: &str, status: u16) {
        let by_status = match self.requests.get_mut(app) {
            Some(m) => m,
            None => self.requests.entry(app.to_string()).or_default(),
        };
        *by_status.entry(status).or_insert(0) += 1;
        self.core_requests += 1;
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
        for (app, by_status) in &self.requests {
            for (status, n) in by_status {
                requests_total.insert((app.clone(), *status), *n);
            }
        }
        MetricsSnapshot {
            requests_total,
            request_errors_total: self.errors.iter().map(|(k, v)| (k.clone(), *v)).collect(),
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
                stalled: self.isolates.stalled,
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
        m.record_request("a", 200, Duration::from_millis(2));
        m.record_request("a", 200, Duration::from_millis(4));
        m.record_request("a", 503, Duration::from_micros(10));
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
