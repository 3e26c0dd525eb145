//! Runs of apps' `scheduled` handlers (cron triggers and `nano trigger`),
//! counted per app by outcome, with their durations.

use std::time::Duration;

use super::app::Buckets;
use super::prometheus::DURATION_BUCKETS_SECONDS;

/// How a scheduled run ended (the `outcome` label), as Workers names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ScheduledOutcome {
    Ok,
    /// The handler (or its `waitUntil` work) threw, the app has no
    /// scheduled handler, or it did not load.
    Exception,
    /// A run of its JavaScript overstayed the app's CPU limit.
    ExceededCpu,
    /// The isolate reached its heap limit.
    ExceededMemory,
    /// The isolate was terminated under it for another reason.
    Canceled,
}

impl ScheduledOutcome {
    pub fn label(self) -> &'static str {
        match self {
            ScheduledOutcome::Ok => "ok",
            ScheduledOutcome::Exception => "exception",
            ScheduledOutcome::ExceededCpu => "exceeded_cpu",
            ScheduledOutcome::ExceededMemory => "exceeded_memory",
            ScheduledOutcome::Canceled => "canceled",
        }
    }
}

/// One app's scheduled runs on one core.
#[derive(Debug, Clone, PartialEq)]
pub struct ScheduledRuns {
    /// Runs by outcome; few outcomes occur, so a short list beats a map.
    pub by_outcome: Vec<(ScheduledOutcome, u64)>,
    pub durations: Buckets,
}

impl Default for ScheduledRuns {
    fn default() -> Self {
        ScheduledRuns {
            by_outcome: Vec::new(),
            durations: Buckets::new(&DURATION_BUCKETS_SECONDS),
        }
    }
}

impl ScheduledRuns {
    pub fn record(&mut self, outcome: ScheduledOutcome, took: Duration) {
        match self
            .by_outcome
            .iter_mut()
            .find(|(seen, _)| *seen == outcome)
        {
            Some((_, n)) => *n += 1,
            None => self.by_outcome.push((outcome, 1)),
        }
        self.durations.observe(took);
    }

    pub fn count(&self) -> u64 {
        self.by_outcome.iter().map(|(_, n)| n).sum()
    }
}
