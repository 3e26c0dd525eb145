//! Wall-clock time derived from monotonic readings.
//!
//! A request reads the monotonic clock where it needs a time anyway (its
//! start, its write, its end), and its `Date` header and log line need the
//! wall-clock time at those instants. Reading `CLOCK_REALTIME` for them as
//! well would add two clock reads per request, so the wall clock is anchored
//! to a monotonic reading and taken again once the anchor is a second old:
//! a step of the system clock shows within a second.

use std::cell::Cell;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use monoio::time::Instant;

/// How long one anchor serves.
const ANCHOR_LIFETIME: Duration = Duration::from_secs(1);

/// One core's wall clock (not shared: a `Cell`). Times are durations since
/// the Unix epoch, the form their readers format.
pub(crate) struct WallClock {
    anchor: Cell<(Instant, Duration)>,
}

impl Default for WallClock {
    fn default() -> WallClock {
        WallClock {
            anchor: Cell::new(fresh_anchor()),
        }
    }
}

impl WallClock {
    /// The wall-clock time at `at`, a monotonic reading of this core.
    pub(crate) fn at(&self, at: Instant) -> Duration {
        let (anchored, wall) = self.anchor.get();
        match at.checked_duration_since(anchored) {
            Some(since) if since < ANCHOR_LIFETIME => wall + since,
            Some(_) => {
                let (anchored, wall) = fresh_anchor();
                self.anchor.set((anchored, wall));
                match at.checked_duration_since(anchored) {
                    Some(since) => wall + since,
                    None => wall.saturating_sub(anchored.duration_since(at)),
                }
            }
            // A reading older than the anchor (taken before the last re-anchor).
            None => wall.saturating_sub(anchored.duration_since(at)),
        }
    }
}

fn fresh_anchor() -> (Instant, Duration) {
    let wall = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    (Instant::now(), wall)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How far a derived time may be from `SystemTime::now()` read next to
    /// it: the two reads are not simultaneous.
    const CLOSE: Duration = Duration::from_millis(50);

    fn distance(a: Duration, b: Duration) -> Duration {
        a.abs_diff(b)
    }

    fn wall_now() -> Duration {
        SystemTime::now().duration_since(UNIX_EPOCH).unwrap()
    }

    #[test]
    fn derived_times_follow_the_monotonic_readings() {
        let clock = WallClock::default();
        let start = Instant::now();
        let later = start + Duration::from_millis(300);
        assert_eq!(
            clock.at(later) - clock.at(start),
            Duration::from_millis(300)
        );
        assert!(distance(clock.at(Instant::now()), wall_now()) < CLOSE);
    }

    #[test]
    fn an_old_anchor_is_replaced_and_earlier_readings_still_map() {
        let clock = WallClock::default();
        let before = Instant::now();
        clock
            .anchor
            .set((before - Duration::from_secs(5), Duration::ZERO));
        let now = Instant::now();
        assert!(distance(clock.at(now), wall_now()) < CLOSE);
        let (anchored, _) = clock.anchor.get();
        assert!(anchored >= now);
        let earlier = clock.at(before - Duration::from_millis(10));
        assert!(distance(earlier, wall_now() - Duration::from_millis(10)) < CLOSE);
    }
}
