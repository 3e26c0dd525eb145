//! A one-shot, core-local broadcast: "stop accepting and wind down".
//!
//! The accept loops and open WebSockets race their wait against
//! [`Shutdown::wait`]. Connections waiting for their next request are
//! told through the connection table instead (`ConnTable::drain`), which
//! they are registered in anyway: a wait registered here would cost every
//! request a waker clone and a slab slot.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use slab::Slab;

#[derive(Clone, Default)]
pub(crate) struct Shutdown {
    inner: Rc<Inner>,
}

#[derive(Default)]
struct Inner {
    fired: Cell<bool>,
    /// A slab slot per waiter: no hashing, no allocation once the slab
    /// has grown.
    waiters: RefCell<Slab<Waker>>,
}

impl Shutdown {
    pub(crate) fn fire(&self) {
        if self.inner.fired.replace(true) {
            return;
        }
        let waiters = std::mem::take(&mut *self.inner.waiters.borrow_mut());
        for w in waiters.into_iter().map(|(_, w)| w) {
            w.wake();
        }
    }

    pub(crate) fn is_fired(&self) -> bool {
        self.inner.fired.get()
    }

    pub(crate) fn wait(&self) -> Wait {
        Wait {
            inner: self.inner.clone(),
            slot: None,
        }
    }
}

pub(crate) struct Wait {
    inner: Rc<Inner>,
    /// Where this waiter's waker is kept once it has been polled.
    slot: Option<usize>,
}

impl Future for Wait {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.inner.fired.get() {
            return Poll::Ready(());
        }
        let mut waiters = self.inner.waiters.borrow_mut();
        match self.slot.and_then(|slot| waiters.get_mut(slot)) {
            Some(waker) if waker.will_wake(cx.waker()) => {}
            Some(waker) => *waker = cx.waker().clone(),
            None => {
                let slot = waiters.insert(cx.waker().clone());
                drop(waiters);
                self.slot = Some(slot);
            }
        }
        Poll::Pending
    }
}

impl Drop for Wait {
    fn drop(&mut self) {
        if let Some(slot) = self.slot {
            self.inner.waiters.borrow_mut().try_remove(slot);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures::FutureExt;

    #[test]
    fn wait_resolves_after_fire_and_cleans_up() {
        let s = Shutdown::default();
        let mut w = s.wait();
        assert!((&mut w).now_or_never().is_none());
        assert_eq!(s.inner.waiters.borrow().len(), 1);
        s.fire();
        assert!(s.is_fired());
        assert!((&mut w).now_or_never().is_some());
        drop(w);
        assert!(s.inner.waiters.borrow().is_empty());
        assert!(s.wait().now_or_never().is_some());
    }

    #[test]
    fn dropped_waiter_deregisters() {
        let s = Shutdown::default();
        let mut w = s.wait();
        assert!((&mut w).now_or_never().is_none());
        drop(w);
        assert!(s.inner.waiters.borrow().is_empty());
    }
}
