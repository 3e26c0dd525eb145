//! Per-app series: the label every request is counted under, and
//! fixed-bucket histograms small enough to keep one per app per core.

use std::rc::Rc;
use std::time::Duration;

/// The app a request was counted under. `id` is fixed for the process's
/// life (a name keeps its id across reloads), so a core indexes its
/// counters by it without hashing the name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppLabel {
    pub id: usize,
    pub name: Rc<str>,
}

/// The label of requests no app was routed to.
pub const UNROUTED_ID: usize = 0;
pub const UNROUTED_NAME: &str = "-";

impl AppLabel {
    pub fn unrouted() -> AppLabel {
        AppLabel {
            id: UNROUTED_ID,
            name: UNROUTED_NAME.into(),
        }
    }
}

/// Observations counted into fixed buckets, as Prometheus histograms are.
#[derive(Debug, Clone, PartialEq)]
pub struct Buckets {
    /// Upper bounds in seconds, ascending.
    pub bounds: &'static [f64],
    /// Per bound, observations at or below it and above the one before;
    /// one more entry for those above every bound.
    pub counts: Vec<u64>,
    pub sum_seconds: f64,
}

impl Buckets {
    pub fn new(bounds: &'static [f64]) -> Buckets {
        debug_assert!(bounds.windows(2).all(|pair| pair[0] < pair[1]));
        Buckets {
            bounds,
            counts: vec![0; bounds.len() + 1],
            sum_seconds: 0.0,
        }
    }

    pub fn observe(&mut self, value: Duration) {
        let seconds = value.as_secs_f64();
        let bucket = self
            .bounds
            .iter()
            .position(|bound| seconds <= *bound)
            .unwrap_or(self.bounds.len());
        self.counts[bucket] += 1;
        self.sum_seconds += seconds;
    }

    pub fn count(&self) -> u64 {
        self.counts.iter().sum()
    }

    /// Adds `other`, which has the same bounds.
    pub fn add(&mut self, other: &Buckets) {
        assert_eq!(
            self.bounds, other.bounds,
            "buckets of one series share bounds"
        );
        for (mine, theirs) in self.counts.iter_mut().zip(&other.counts) {
            *mine += theirs;
        }
        self.sum_seconds += other.sum_seconds;
    }

    /// `(upper bound, cumulative count)` per bound, for rendering.
    pub fn cumulative(&self) -> impl Iterator<Item = (f64, u64)> + '_ {
        self.bounds
            .iter()
            .zip(&self.counts)
            .scan(0, |total, (bound, n)| {
                *total += n;
                Some((*bound, *total))
            })
    }
}

/// Upper bounds of `nano_app_cold_start_seconds`: from a warm isolate
/// (well under a millisecond) to a large app compiled cold.
pub const COLD_START_BUCKETS_SECONDS: [f64; 12] = [
    0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0,
];

/// What a core counts per app on the request path.
#[derive(Debug, Clone)]
pub(crate) struct AppCounters {
    pub name: Rc<str>,
    /// Requests by status code; an app answers with few distinct codes,
    /// so a short list beats a map.
    pub by_status: Vec<(u16, u64)>,
    pub errors: u64,
    pub durations: Buckets,
}

impl AppCounters {
    pub fn new(name: Rc<str>) -> AppCounters {
        AppCounters {
            name,
            by_status: Vec::new(),
            errors: 0,
            durations: Buckets::new(&super::DURATION_BUCKETS_SECONDS),
        }
    }

    pub fn count(&mut self, status: u16) {
        match self.by_status.iter_mut().find(|(code, _)| *code == status) {
            Some((_, n)) => *n += 1,
            None => self.by_status.push((status, 1)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_place_and_accumulate() {
        let mut b = Buckets::new(&[0.001, 0.01]);
        b.observe(Duration::from_micros(500));
        b.observe(Duration::from_millis(1));
        b.observe(Duration::from_millis(5));
        b.observe(Duration::from_secs(1));
        assert_eq!(b.counts, vec![2, 1, 1]);
        assert_eq!(b.count(), 4);
        assert_eq!(
            b.cumulative().collect::<Vec<_>>(),
            vec![(0.001, 2), (0.01, 3)]
        );
        let mut total = b.clone();
        total.add(&b);
        assert_eq!(total.counts, vec![4, 2, 2]);
        assert!((total.sum_seconds - 2.0 * 1.0065).abs() < 1e-9);
    }
}
