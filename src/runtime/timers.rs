//! One-shot timer deadlines, ordered, cancellable by id.

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

#[derive(Default)]
pub struct TimerQueue {
    // (deadline, insertion order) keeps equal deadlines in FIFO order.
    by_deadline: BTreeMap<(Instant, u64), u32>,
    by_id: HashMap<u32, (Instant, u64)>,
    sequence: u64,
}

impl TimerQueue {
    pub fn start(&mut self, id: u32, delay: Duration) {
        self.cancel(id);
        let key = (Instant::now() + delay, self.sequence);
        self.sequence += 1;
        self.by_deadline.insert(key, id);
        self.by_id.insert(id, key);
    }

    pub fn cancel(&mut self, id: u32) {
        if let Some(key) = self.by_id.remove(&id) {
            self.by_deadline.remove(&key);
        }
    }

    /// The earliest deadline, if any timer is armed.
    pub fn next_deadline(&self) -> Option<Instant> {
        self.by_deadline
            .keys()
            .next()
            .map(|(deadline, _)| *deadline)
    }

    /// Removes and returns the earliest timer if it is due at `now`.
    pub fn pop_due(&mut self, now: Instant) -> Option<u32> {
        let (&key, &id) = self.by_deadline.iter().next()?;
        if key.0 > now {
            return None;
        }
        self.by_deadline.remove(&key);
        self.by_id.remove(&id);
        Some(id)
    }

    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }

    pub fn len(&self) -> usize {
        self.by_id.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fires_in_deadline_then_insertion_order() {
        let mut queue = TimerQueue::default();
        queue.start(1, Duration::from_millis(20));
        queue.start(2, Duration::ZERO);
        queue.start(3, Duration::ZERO);
        let later = Instant::now() + Duration::from_millis(50);
        assert_eq!(queue.pop_due(later), Some(2));
        assert_eq!(queue.pop_due(later), Some(3));
        assert_eq!(queue.pop_due(later), Some(1));
        assert_eq!(queue.pop_due(later), None);
        assert!(queue.is_empty());
    }

    #[test]
    fn cancel_and_restart_replace_the_deadline() {
        let mut queue = TimerQueue::default();
        queue.start(7, Duration::ZERO);
        queue.cancel(7);
        assert_eq!(queue.pop_due(Instant::now() + Duration::from_secs(1)), None);
        queue.start(8, Duration::from_secs(3600));
        queue.start(8, Duration::ZERO);
        assert_eq!(queue.len(), 1);
        assert_eq!(queue.pop_due(Instant::now()), Some(8));
    }
}
