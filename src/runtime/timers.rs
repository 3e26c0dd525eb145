//! One-shot timer deadlines, ordered, cancellable by id. Each remembers the
//! task label that was current when it was set (see `RuntimeState::label`).

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

use crate::http::RequestId;

/// (deadline, insertion order): equal deadlines fire in FIFO order.
type Key = (Instant, u64);

#[derive(Default)]
pub struct TimerQueue {
    by_deadline: BTreeMap<Key, u32>,
    by_id: HashMap<u32, (Key, Option<RequestId>)>,
    sequence: u64,
}

impl TimerQueue {
    pub fn start(&mut self, id: u32, delay: Duration, label: Option<RequestId>) {
        self.cancel(id);
        let key = (Instant::now() + delay, self.sequence);
        self.sequence += 1;
        self.by_deadline.insert(key, id);
        self.by_id.insert(id, (key, label));
    }

    pub fn cancel(&mut self, id: u32) {
        if let Some((key, _)) = self.by_id.remove(&id) {
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

    /// Removes and returns the earliest timer (and its label) if it is due
    /// at `now`.
    pub fn pop_due(&mut self, now: Instant) -> Option<(u32, Option<RequestId>)> {
        let (&key, &id) = self.by_deadline.iter().next()?;
        if key.0 > now {
            return None;
        }
        self.by_deadline.remove(&key);
        let (_, label) = self.by_id.remove(&id)?;
        Some((id, label))
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
        let label = RequestId::new(0, 2);
        queue.start(1, Duration::from_millis(20), None);
        queue.start(2, Duration::ZERO, Some(label));
        queue.start(3, Duration::ZERO, None);
        let later = Instant::now() + Duration::from_millis(50);
        assert_eq!(queue.pop_due(later), Some((2, Some(label))));
        assert_eq!(queue.pop_due(later), Some((3, None)));
        assert_eq!(queue.pop_due(later), Some((1, None)));
        assert_eq!(queue.pop_due(later), None);
        assert!(queue.is_empty());
    }

    #[test]
    fn cancel_and_restart_replace_the_deadline() {
        let mut queue = TimerQueue::default();
        queue.start(7, Duration::ZERO, None);
        queue.cancel(7);
        assert_eq!(queue.pop_due(Instant::now() + Duration::from_secs(1)), None);
        queue.start(8, Duration::from_secs(3600), None);
        queue.start(8, Duration::ZERO, None);
        assert_eq!(queue.len(), 1);
        assert_eq!(queue.pop_due(Instant::now()), Some((8, None)));
    }
}
