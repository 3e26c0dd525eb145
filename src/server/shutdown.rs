//! A one-shot, core-local broadcast: "stop accepting and wind down".
//!
//! Connections waiting for their next request race their read against
//! [`Shutdown::wait`], so idle keep-alive connections close as soon as a
//! drain starts instead of sitting out their idle timeout.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

#[derive(Clone, Default)]
pub(crate) struct Shutdown {
    inner: Rc<Inner>,
}

#[derive(Default)]
struct Inner {
    fired: Cell<bool>,
    next_id: Cell<u64>,
    // Keyed so a dropped waiter removes its own waker and the map stays the
    // size of the current waiters.
    waiters: RefCell<HashMap<u64, Waker>>,
}

impl Shutdown {
    pub(crate) fn fire(&self) {
        if self.inner.fired.replace(true) {
            return;
        }
        let waiters = std::mem::take(&mut *self.inner.waiters.borrow_mut());
        for (_, w) in waiters {
            w.wake();
        }
    }

    pub(crate) fn is_fired(&self) -> bool {
        self.inner.fired.get()
    }

    /// Resolves once [`Shutdown::fire`] has been called.
    pub(crate) fn wait(&self) -> Wait {
        let id = self.inner.next_id.get();
        self.inner.next_id.set(id.wrapping_add(1));
        Wait {
            inner: self.inner.clone(),
            id,
        }
    }
}

pub(crate) struct Wait {
    inner: Rc<Inner>,
    id: u64,
}

impl Future for Wait {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.inner.fired.get() {
            return Poll::Ready(());
        }
        self.inner
            .waiters
            .borrow_mut()
            .insert(self.id, cx.waker().clone());
        Poll::Pending
    }
}

impl Drop for Wait {
    fn drop(&mut self) {
        self.inner.waiters.borrow_mut().remove(&self.id);
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
