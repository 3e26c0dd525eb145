//! SIGINT/SIGTERM (shut down) and SIGHUP (reload the app) delivered as
//! channel messages, without signal handlers: the signals are blocked in
//! every server thread and one thread takes them with `sigwait`.

use std::io;
use std::thread::JoinHandle;

use crossbeam_channel::Sender;
use nix::sys::signal::{SigSet, SigmaskHow, Signal};

pub(crate) struct ServerSignals {
    set: SigSet,
}

/// The signal that reloads the app.
pub(crate) const RELOAD: Signal = Signal::SIGHUP;

fn server_signals() -> SigSet {
    let mut set = SigSet::empty();
    set.add(Signal::SIGINT);
    set.add(Signal::SIGTERM);
    set.add(RELOAD);
    set
}

/// Runs `spawn` with the server's signals blocked in the calling thread, so
/// that a thread it starts before `serve` never takes one (a SIGHUP would
/// end the process instead of reloading it).
pub fn with_server_signals_blocked<T>(spawn: impl FnOnce() -> T) -> io::Result<T> {
    let previous = server_signals().thread_swap_mask(SigmaskHow::SIG_BLOCK)?;
    let spawned = spawn();
    previous.thread_set_mask()?;
    Ok(spawned)
}

impl ServerSignals {
    /// Blocks SIGINT, SIGTERM and SIGHUP in the calling thread. Threads spawned
    /// afterwards inherit the mask, so only [`spawn_waiter`]'s thread sees
    /// them; call this before spawning any server thread.
    ///
    /// [`spawn_waiter`]: Self::spawn_waiter
    pub(crate) fn block() -> io::Result<Self> {
        let set = server_signals();
        set.thread_block().map_err(io::Error::from)?;
        Ok(ServerSignals { set })
    }

    /// Starts a thread that forwards each signal until the receiver is gone.
    pub(crate) fn spawn_waiter(&self, tx: Sender<Signal>) -> io::Result<JoinHandle<()>> {
        let set = self.set;
        std::thread::Builder::new()
            .name("nano-signals".to_string())
            .spawn(move || loop {
                match set.wait() {
                    Ok(sig) => {
                        if tx.send(sig).is_err() {
                            return;
                        }
                    }
                    Err(_) => return,
                }
            })
    }

    /// Restores default delivery in the calling thread.
    pub(crate) fn unblock(&self) {
        let _ = self.set.thread_unblock();
    }
}
