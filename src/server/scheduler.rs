//! The cron triggers of a core's apps: when each is next due, and the
//! report of one scheduled run. Only core 0 runs them, so each tick runs
//! once in the process.

use std::collections::HashMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::hosted::HostedApps;
use crate::metrics::ScheduledOutcome;

/// Longest wait between two looks at the triggers, so that a reload's new
/// triggers start within it.
pub(crate) const CRON_CHECK_MAX: Duration = Duration::from_secs(1);

/// How one scheduled run went, as `nano trigger` reports it.
#[derive(Debug, Clone, PartialEq)]
pub struct ScheduledReport {
    pub app: String,
    pub cron: String,
    /// When the run was due, in milliseconds since the Unix epoch.
    pub scheduled_time_ms: i64,
    pub outcome: ScheduledOutcome,
    pub duration: Duration,
    /// Why it failed, unless the outcome is ok.
    pub error: Option<String>,
}

/// A tick that is due: the app's id, its cron pattern and when it was due.
pub(crate) struct DueTick {
    pub app: usize,
    pub cron: String,
    pub scheduled_time_ms: i64,
}

/// When each trigger of each app fires next.
#[derive(Default)]
pub(crate) struct CronTable {
    /// By app id and pattern.
    next: HashMap<(usize, String), i64>,
}

impl CronTable {
    /// The ticks due at `now_ms` for the triggers `apps` has now, and the
    /// time of the next tick after them. A trigger met for the first time
    /// is due at its first match after `now_ms`; one whose time passed
    /// fires once, however many of its ticks passed (the core was busy),
    /// and is next due at its first match after `now_ms`.
    pub fn due(&mut self, apps: &HostedApps, now_ms: i64) -> (Vec<DueTick>, Option<i64>) {
        let mut ticks = Vec::new();
        let mut next = HashMap::with_capacity(self.next.len());
        for app in &apps.apps {
            for cron in &app.crons {
                let key = (app.id, cron.as_str().to_string());
                let Some(mut at) = self.next.remove(&key).or_else(|| cron.next_after(now_ms))
                else {
                    continue;
                };
                if at <= now_ms {
                    ticks.push(DueTick {
                        app: app.id,
                        cron: key.1.clone(),
                        scheduled_time_ms: at,
                    });
                    let Some(following) = cron.next_after(now_ms) else {
                        continue;
                    };
                    at = following;
                }
                next.insert(key, at);
            }
        }
        self.next = next;
        (ticks, self.next.values().min().copied())
    }
}

/// Now, in milliseconds since the Unix epoch.
pub(crate) fn unix_now_ms() -> i64 {
    let since_epoch = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    i64::try_from(since_epoch.as_millis()).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cron::CronSchedule;

    /// 2026-01-01T00:00:00Z.
    const NEW_YEAR_MS: i64 = 1_767_225_600_000;
    const MINUTE_MS: i64 = 60_000;

    fn apps(crons: &[&str]) -> HostedApps {
        let mut definition = crate::server::hosted::tests::app("a", &[], Some(8081));
        definition.crons = crons
            .iter()
            .map(|text| CronSchedule::parse(text).unwrap())
            .collect();
        HostedApps::new(vec![definition], None)
    }

    fn times(ticks: &[DueTick]) -> Vec<(&str, i64)> {
        ticks
            .iter()
            .map(|tick| (tick.cron.as_str(), tick.scheduled_time_ms))
            .collect()
    }

    #[test]
    fn a_trigger_fires_at_its_next_match_and_not_before() {
        let apps = apps(&["* * * * *"]);
        let mut table = CronTable::default();
        let (ticks, next) = table.due(&apps, NEW_YEAR_MS + 500);
        assert!(ticks.is_empty());
        assert_eq!(next, Some(NEW_YEAR_MS + MINUTE_MS));
        let (ticks, _) = table.due(&apps, NEW_YEAR_MS + MINUTE_MS - 1);
        assert!(ticks.is_empty());
        let (ticks, next) = table.due(&apps, NEW_YEAR_MS + MINUTE_MS + 3);
        assert_eq!(times(&ticks), [("* * * * *", NEW_YEAR_MS + MINUTE_MS)]);
        assert_eq!(next, Some(NEW_YEAR_MS + 2 * MINUTE_MS));
    }

    #[test]
    fn ticks_missed_while_busy_run_once() {
        let apps = apps(&["* * * * *", "0 0 1 1 *"]);
        let mut table = CronTable::default();
        table.due(&apps, NEW_YEAR_MS + 1);
        let (ticks, next) = table.due(&apps, NEW_YEAR_MS + 10 * MINUTE_MS + 1);
        assert_eq!(times(&ticks), [("* * * * *", NEW_YEAR_MS + MINUTE_MS)]);
        assert_eq!(next, Some(NEW_YEAR_MS + 11 * MINUTE_MS));
    }

    #[test]
    fn a_removed_trigger_is_forgotten() {
        let mut table = CronTable::default();
        table.due(&apps(&["* * * * *"]), NEW_YEAR_MS);
        let (ticks, next) = table.due(&apps(&[]), NEW_YEAR_MS + 2 * MINUTE_MS);
        assert!(ticks.is_empty());
        assert_eq!(next, None);
    }
}
