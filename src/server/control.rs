//! Messages from the supervising threads to the cores, and the readiness
//! state the admin listener reports.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use std::sync::Arc;

use crossbeam_channel::Sender;

use super::hosted::HostedApps;
use super::http::AppStatus;
use super::scheduler::ScheduledReport;
use crate::metrics::MetricsSnapshot;

/// A request to one core. Cores poll for these off the request path.
#[derive(Debug)]
pub enum Control {
    /// Reply with a copy of the core's metrics.
    Metrics(Sender<MetricsSnapshot>),
    /// Stop accepting, finish in-flight requests, drain, and exit.
    Shutdown,
    /// Reply with the core's view of each app.
    Apps(Sender<(usize, Vec<AppStatus>)>),
    /// Load the apps again from disk, or take a new set of apps (the
    /// config file was read again), and serve new requests with them.
    Reload(Option<Arc<HostedApps>>),
    /// Run an app's `scheduled` handler now, for `cron` (None: the app's
    /// first trigger), and reply when it has finished; None when there is
    /// no such app.
    Scheduled {
        app: String,
        cron: Option<String>,
        reply: Sender<Option<ScheduledReport>>,
    },
}

/// Whether every core is accepting connections and can take new work.
/// Shared by the cores (which report their listeners and load) and the
/// admin listener (which reads it).
#[derive(Debug)]
pub struct Readiness {
    expected: usize,
    accepting: AtomicUsize,
    draining: AtomicBool,
    /// Per core: at its connection limit with none idle, or its isolate at
    /// its in-flight limit.
    saturated: Vec<AtomicBool>,
}

impl Readiness {
    pub fn new(cores: usize) -> Self {
        Readiness {
            expected: cores,
            accepting: AtomicUsize::new(0),
            draining: AtomicBool::new(false),
            saturated: (0..cores).map(|_| AtomicBool::new(false)).collect(),
        }
    }

    pub fn set_saturated(&self, core: usize, saturated: bool) {
        if let Some(flag) = self.saturated.get(core) {
            flag.store(saturated, Ordering::Relaxed);
        }
    }

    /// Some core cannot take new work now.
    pub fn is_saturated(&self) -> bool {
        self.saturated.iter().any(|f| f.load(Ordering::Relaxed))
    }

    pub fn listener_opened(&self) {
        self.accepting.fetch_add(1, Ordering::SeqCst);
    }

    pub fn listener_closed(&self) {
        self.accepting.fetch_sub(1, Ordering::SeqCst);
    }

    pub fn set_draining(&self) {
        self.draining.store(true, Ordering::SeqCst);
    }

    pub fn is_draining(&self) -> bool {
        self.draining.load(Ordering::SeqCst)
    }

    /// True while not draining, every core has its listener open and none
    /// is saturated.
    pub fn is_ready(&self) -> bool {
        !self.is_draining()
            && self.accepting.load(Ordering::SeqCst) == self.expected
            && !self.is_saturated()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ready_only_with_all_cores_and_not_draining() {
        let r = Readiness::new(2);
        assert!(!r.is_ready());
        r.listener_opened();
        assert!(!r.is_ready());
        r.listener_opened();
        assert!(r.is_ready());
        r.set_saturated(1, true);
        assert!(!r.is_ready());
        r.set_saturated(1, false);
        assert!(r.is_ready());
        r.set_draining();
        assert!(!r.is_ready());
    }
}
