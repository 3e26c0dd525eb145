//! How many requests one core is running now, shared by the server (which
//! counts them) and the handler (whose background work waits for none).

use std::cell::Cell;
use std::future::poll_fn;
use std::task::{Poll, Waker};

/// Requests between their head and the end of their response, on one core.
#[derive(Default)]
pub struct CoreLoad {
    in_flight: Cell<usize>,
    /// The task waiting in `idle`: one at a time (the warm pool's refill),
    /// so the latest wins. One left by a wait given up is woken for nothing.
    idle_waiter: Cell<Option<Waker>>,
}

impl CoreLoad {
    pub(crate) fn request_started(&self) {
        self.in_flight.set(self.in_flight.get() + 1);
    }

    /// Wakes the idle waiter when this was the last request running, so
    /// background work starts in the very gap between two requests.
    pub(crate) fn request_finished(&self) {
        let left = self.in_flight.get();
        assert!(left > 0, "a request finished that had not started");
        self.in_flight.set(left - 1);
        if left == 1 {
            if let Some(waiter) = self.idle_waiter.take() {
                waiter.wake();
            }
        }
    }

    /// Resolves once no request runs on the core. For one task at a time.
    pub async fn idle(&self) {
        poll_fn(|cx| {
            if self.in_flight.get() == 0 {
                return Poll::Ready(());
            }
            self.idle_waiter.set(Some(cx.waker().clone()));
            Poll::Pending
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::rc::Rc;
    use std::time::Duration;

    #[monoio::test(timer_enabled = true)]
    async fn idle_resolves_when_the_last_request_finishes() {
        let load = Rc::new(CoreLoad::default());
        load.idle().await;
        load.request_started();
        load.request_started();
        let resolved = Rc::new(Cell::new(false));
        let waiter = {
            let (load, resolved) = (load.clone(), resolved.clone());
            monoio::spawn(async move {
                load.idle().await;
                resolved.set(true);
            })
        };
        let a_turn = Duration::from_millis(5);
        monoio::time::sleep(a_turn).await;
        load.request_finished();
        monoio::time::sleep(a_turn).await;
        assert!(!resolved.get(), "one request still runs");
        load.request_finished();
        monoio::time::timeout(Duration::from_secs(5), waiter)
            .await
            .expect("the waiter is woken by the last request's end");
        assert!(resolved.get());
    }
}
