//! Ctrl-C while an input runs. SIGINT is blocked in every thread of the
//! REPL and taken by one thread with `sigwait`:
//!
//! - while an input is evaluated, it interrupts the JavaScript (the session
//!   goes on) and tells the REPL, which may be waiting on a promise;
//! - otherwise it takes SIGINT's default action, ending the process as it
//!   did before. At a terminal's prompt, Ctrl-C is a key that the line
//!   editor reads (no signal is sent then).

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use futures::channel::mpsc::{unbounded, UnboundedReceiver, UnboundedSender};
use futures::StreamExt;
use nix::sys::signal::{raise, SigSet, Signal};

use crate::runtime::InterruptHandle;

pub struct Interrupts {
    /// What a SIGINT interrupts now: set only while an input is evaluated.
    target: Arc<Mutex<Option<InterruptHandle>>>,
    notices: UnboundedReceiver<()>,
}

impl Interrupts {
    /// Blocks SIGINT in the calling thread and starts the thread that takes
    /// it. Call it before any other thread starts (V8's included): threads
    /// inherit the mask. None (and SIGINT as before) if that fails.
    pub fn install() -> Option<Interrupts> {
        let mut set = SigSet::empty();
        set.add(Signal::SIGINT);
        set.thread_block().ok()?;
        let target = Arc::new(Mutex::new(None));
        let (notify, notices) = unbounded();
        let shared = target.clone();
        let spawned = std::thread::Builder::new()
            .name("nano-repl-sigint".into())
            .spawn(move || wait_for_signals(set, &shared, &notify));
        if spawned.is_err() {
            let _ = set.thread_unblock();
            return None;
        }
        Some(Interrupts { target, notices })
    }

    /// Routes SIGINT to `handle` until the returned guard is dropped.
    pub fn during(&mut self, handle: InterruptHandle) -> Evaluating<'_> {
        // Notices from an earlier input are stale.
        while self.notices.try_recv().is_ok() {}
        *lock(&self.target) = Some(handle);
        Evaluating { interrupts: self }
    }
}

/// An input being evaluated: SIGINT interrupts it.
pub struct Evaluating<'a> {
    interrupts: &'a mut Interrupts,
}

impl Evaluating<'_> {
    /// Resolves when a SIGINT came during this evaluation.
    pub async fn interrupted(&mut self) {
        if self.interrupts.notices.next().await.is_none() {
            // The signal thread is gone: no interrupt can come.
            std::future::pending::<()>().await;
        }
    }
}

impl Drop for Evaluating<'_> {
    fn drop(&mut self) {
        *lock(&self.interrupts.target) = None;
    }
}

fn lock(target: &Mutex<Option<InterruptHandle>>) -> MutexGuard<'_, Option<InterruptHandle>> {
    target.lock().unwrap_or_else(PoisonError::into_inner)
}

fn wait_for_signals(
    set: SigSet,
    target: &Mutex<Option<InterruptHandle>>,
    notify: &UnboundedSender<()>,
) {
    while let Ok(signal) = set.wait() {
        let target = lock(target);
        match &*target {
            Some(handle) => {
                handle.interrupt();
                let _ = notify.unbounded_send(());
            }
            None => {
                drop(target);
                // Default action: unblocked here, the signal ends the process.
                if set.thread_unblock().is_ok() {
                    let _ = raise(signal);
                    let _ = set.thread_block();
                }
            }
        }
    }
}
