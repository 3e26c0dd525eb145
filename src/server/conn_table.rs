//! Every open connection of one core and the deadline of what it waits
//! for. One sweep task per core expires the deadlines, so a connection
//! arms no timer of its own on the request path; keep-alive connections
//! waiting for their next request can be closed to make room.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use monoio::time::Instant;
use slab::Slab;

/// Why a connection is told to stop what it waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Alarm {
    /// Its deadline passed.
    Expired,
    /// It was idle and its place is needed for a new connection.
    Evicted,
    /// The core started to drain while it waited for a request of which it
    /// had received nothing (see [`ConnEntry::wake_on_drain`]).
    Draining,
}

#[derive(Default)]
pub(crate) struct ConnTable {
    slots: RefCell<Slab<Slot>>,
}

#[derive(Default)]
struct Slot {
    deadline: Option<Instant>,
    /// Since when it waits for a next request with nothing received.
    idle_since: Option<Instant>,
    alarm: Option<Alarm>,
    /// Whether a drain raises the alarm of this wait.
    wakes_on_drain: bool,
    waker: Option<Waker>,
}

impl ConnTable {
    /// Registers a connection; it leaves the table when the entry drops.
    pub(crate) fn join(self: &Rc<Self>) -> ConnEntry {
        let key = self.slots.borrow_mut().insert(Slot::default());
        ConnEntry {
            table: self.clone(),
            key,
        }
    }

    /// Raises the alarm of every connection whose deadline has passed.
    pub(crate) fn expire(&self, now: Instant) {
        for (_, slot) in self.slots.borrow_mut().iter_mut() {
            if slot.alarm.is_none() && slot.deadline.is_some_and(|d| d <= now) {
                slot.raise(Alarm::Expired);
            }
        }
    }

    /// Raises the alarm of every connection whose wait a drain ends.
    pub(crate) fn drain(&self) {
        for (_, slot) in self.slots.borrow_mut().iter_mut() {
            if slot.alarm.is_none() && slot.wakes_on_drain {
                slot.raise(Alarm::Draining);
            }
        }
    }

    /// Tells the connection idle the longest to close; false if none is idle.
    pub(crate) fn evict_oldest_idle(&self) -> bool {
        let mut slots = self.slots.borrow_mut();
        let oldest = slots
            .iter_mut()
            .filter(|(_, slot)| slot.alarm.is_none())
            .filter_map(|(_, slot)| slot.idle_since.map(|since| (since, slot)))
            .min_by_key(|(since, _)| *since);
        match oldest {
            Some((_, slot)) => {
                slot.raise(Alarm::Evicted);
                true
            }
            None => false,
        }
    }

    /// Whether some connection waits idle (and could make room).
    pub(crate) fn has_idle(&self) -> bool {
        self.slots
            .borrow()
            .iter()
            .any(|(_, slot)| slot.alarm.is_none() && slot.idle_since.is_some())
    }
}

impl Slot {
    fn raise(&mut self, alarm: Alarm) {
        self.alarm = Some(alarm);
        if let Some(waker) = self.waker.take() {
            waker.wake();
        }
    }
}

/// One connection's place in its core's table.
pub(crate) struct ConnEntry {
    table: Rc<ConnTable>,
    key: usize,
}

impl ConnEntry {
    /// Starts a new wait: until `deadline` (none: no limit), `idle_from`
    /// when the connection may be closed to make room, idle since then (or
    /// since its earlier idle wait, if this one continues it). Clears the
    /// last alarm; a drain does not raise it.
    pub(crate) fn arm(&self, deadline: Option<Instant>, idle_from: Option<Instant>) {
        let mut slots = self.table.slots.borrow_mut();
        let slot = &mut slots[self.key];
        slot.deadline = deadline;
        slot.alarm = None;
        slot.wakes_on_drain = false;
        slot.idle_since = idle_from.map(|from| slot.idle_since.unwrap_or(from));
    }

    /// Has a drain raise [`Alarm::Draining`] for the current wait. One
    /// table-wide pass at the drain wakes the waiting connections, so a wait
    /// registers nowhere else.
    pub(crate) fn wake_on_drain(&self) {
        self.table.slots.borrow_mut()[self.key].wakes_on_drain = true;
    }

    /// Resolves when the alarm of the current wait is raised.
    pub(crate) fn alarm(&self) -> AlarmWait<'_> {
        AlarmWait { entry: self }
    }
}

impl Drop for ConnEntry {
    fn drop(&mut self) {
        self.table.slots.borrow_mut().try_remove(self.key);
    }
}

pub(crate) struct AlarmWait<'a> {
    entry: &'a ConnEntry,
}

impl Future for AlarmWait<'_> {
    type Output = Alarm;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Alarm> {
        let mut slots = self.entry.table.slots.borrow_mut();
        let slot = &mut slots[self.entry.key];
        if let Some(alarm) = slot.alarm {
            return Poll::Ready(alarm);
        }
        match &mut slot.waker {
            Some(waker) if waker.will_wake(cx.waker()) => {}
            waker => *waker = Some(cx.waker().clone()),
        }
        Poll::Pending
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures::FutureExt;
    use std::time::Duration;

    #[test]
    fn a_passed_deadline_raises_the_alarm_until_rearmed() {
        let table = Rc::new(ConnTable::default());
        let entry = table.join();
        let now = Instant::now();
        entry.arm(Some(now + Duration::from_secs(1)), None);
        table.expire(now);
        assert!(entry.alarm().now_or_never().is_none());
        table.expire(now + Duration::from_secs(2));
        assert_eq!(entry.alarm().now_or_never(), Some(Alarm::Expired));
        entry.arm(None, None);
        table.expire(now + Duration::from_secs(3));
        assert!(entry.alarm().now_or_never().is_none());
    }

    #[test]
    fn a_drain_raises_the_alarm_of_waits_that_asked_for_it_only() {
        let table = Rc::new(ConnTable::default());
        let waiting = table.join();
        waiting.arm(None, Some(Instant::now()));
        waiting.wake_on_drain();
        let busy = table.join();
        busy.arm(None, None);
        let rearmed = table.join();
        rearmed.wake_on_drain();
        rearmed.arm(None, None);
        table.drain();
        assert_eq!(waiting.alarm().now_or_never(), Some(Alarm::Draining));
        assert!(busy.alarm().now_or_never().is_none());
        assert!(rearmed.alarm().now_or_never().is_none());
        waiting.arm(None, None);
        table.drain();
        assert!(waiting.alarm().now_or_never().is_none());
    }

    #[test]
    fn the_oldest_idle_connection_is_evicted_first() {
        let table = Rc::new(ConnTable::default());
        let busy = table.join();
        busy.arm(None, None);
        let older = table.join();
        older.arm(None, Some(Instant::now()));
        std::thread::sleep(Duration::from_millis(2));
        let newer = table.join();
        newer.arm(None, Some(Instant::now()));
        assert!(table.has_idle());
        assert!(table.evict_oldest_idle());
        assert_eq!(older.alarm().now_or_never(), Some(Alarm::Evicted));
        assert!(newer.alarm().now_or_never().is_none());
        assert!(table.evict_oldest_idle());
        assert_eq!(newer.alarm().now_or_never(), Some(Alarm::Evicted));
        assert!(!table.evict_oldest_idle());
        assert!(!table.has_idle());
        assert!(busy.alarm().now_or_never().is_none());
        drop((busy, older, newer));
        assert!(table.slots.borrow().is_empty());
    }
}
