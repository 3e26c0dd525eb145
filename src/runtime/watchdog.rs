//! One thread for the whole process that stops JavaScript runs which
//! overstay their time limit.
//!
//! Each isolate owns a `RunLimit` whose slot it writes alone (start and end
//! of each run, two atomic stores); the watchdog only reads the slots, on a
//! fixed tick, and calls `TerminateExecution` on overdue ones. Nothing crosses
//! a channel per run: only registration does.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, OnceLock, Weak};
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, Sender};

use crate::v8::TerminateHandle;

/// How often the watchdog looks at the running slots: the precision of
/// every time limit.
pub const WATCHDOG_TICK: Duration = Duration::from_millis(5);

struct RunSlot {
    /// Nanoseconds since `epoch()` when the current run started; 0 when idle.
    started_ns: AtomicU64,
    limit: Duration,
    fired: AtomicBool,
    handle: TerminateHandle,
}

fn epoch() -> Instant {
    static EPOCH: OnceLock<Instant> = OnceLock::new();
    *EPOCH.get_or_init(Instant::now)
}

fn now_ns() -> u64 {
    // Never 0, which means idle.
    (epoch().elapsed().as_nanos() as u64).max(1)
}

fn registry() -> &'static Sender<Weak<RunSlot>> {
    static REGISTRY: OnceLock<Sender<Weak<RunSlot>>> = OnceLock::new();
    REGISTRY.get_or_init(|| {
        let (sender, receiver) = crossbeam_channel::unbounded();
        std::thread::Builder::new()
            .name("nano-watchdog".into())
            .spawn(move || watch(receiver))
            .expect("spawning the watchdog thread");
        sender
    })
}

fn watch(registrations: Receiver<Weak<RunSlot>>) {
    let mut slots: Vec<Weak<RunSlot>> = Vec::new();
    loop {
        match registrations.recv_timeout(WATCHDOG_TICK) {
            Ok(slot) => slots.push(slot),
            Err(crossbeam_channel::RecvTimeoutError::Timeout) => {}
            Err(crossbeam_channel::RecvTimeoutError::Disconnected) => return,
        }
        slots.extend(registrations.try_iter());
        let now = now_ns();
        slots.retain(|weak| {
            let Some(slot) = weak.upgrade() else {
                return false;
            };
            let started = slot.started_ns.load(Ordering::Acquire);
            let overdue =
                started != 0 && now.saturating_sub(started) > slot.limit.as_nanos() as u64;
            if overdue && !slot.fired.swap(true, Ordering::AcqRel) {
                slot.handle.terminate();
            }
            true
        });
    }
}

/// The time limit of one isolate's runs.
pub struct RunLimit {
    slot: Arc<RunSlot>,
}

impl RunLimit {
    pub fn new(handle: TerminateHandle, limit: Duration) -> RunLimit {
        let slot = Arc::new(RunSlot {
            started_ns: AtomicU64::new(0),
            limit,
            fired: AtomicBool::new(false),
            handle,
        });
        // If the watchdog is gone the process is exiting; limits no longer matter.
        let _ = registry().send(Arc::downgrade(&slot));
        RunLimit { slot }
    }

    /// Starts timing a run, unless one is already timed (runs nest when
    /// JavaScript calls back into Rust that calls JavaScript).
    pub fn start(&self) -> RunGuard<'_> {
        let owner = self
            .slot
            .started_ns
            .compare_exchange(0, now_ns(), Ordering::AcqRel, Ordering::Acquire)
            .is_ok();
        RunGuard { limit: self, owner }
    }

    /// Whether the watchdog terminated a run of this isolate.
    pub fn fired(&self) -> bool {
        self.slot.fired.load(Ordering::Acquire)
    }

    pub fn limit(&self) -> Duration {
        self.slot.limit
    }
}

/// Ends the timed run when dropped.
pub struct RunGuard<'a> {
    limit: &'a RunLimit,
    owner: bool,
}

impl Drop for RunGuard<'_> {
    fn drop(&mut self) {
        if self.owner {
            self.limit.slot.started_ns.store(0, Ordering::Release);
        }
    }
}
