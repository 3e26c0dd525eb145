//! One thread for the whole process that stops JavaScript runs which
//! overstay their CPU time limit.
//!
//! Each isolate owns a `RunLimit` whose slot it writes alone: at the start
//! of a run, the CPU time its thread has used so far (`CLOCK_THREAD_CPUTIME_ID`);
//! at the end, zero. The watchdog reads the slots on a fixed tick, reads each
//! running thread's CPU clock, and calls `TerminateExecution` when a run has
//! used more than its limit. Time a thread spends descheduled does not count.
//! Nothing crosses a channel per run: only registration does.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, OnceLock, Weak};
use std::time::Duration;

use crossbeam_channel::{Receiver, Sender};
use nix::time::{clock_gettime, ClockId};

use crate::v8::TerminateHandle;

/// How often the watchdog looks at the running slots: the precision of
/// every time limit.
pub const WATCHDOG_TICK: Duration = Duration::from_millis(5);

struct RunSlot {
    /// The thread's CPU time in nanoseconds when the current run started
    /// (plus one, so that 0 can mean idle).
    started_ns: AtomicU64,
    /// The CPU clock of the isolate's thread, readable from other threads.
    thread_clock: ClockId,
    limit: Duration,
    fired: AtomicBool,
    handle: TerminateHandle,
}

fn cpu_ns(clock: ClockId) -> Option<u64> {
    let now = clock_gettime(clock).ok()?;
    Some(now.tv_sec() as u64 * 1_000_000_000 + now.tv_nsec() as u64)
}

/// The CPU clock of the calling thread as other threads name it: Linux's
/// `MAKE_THREAD_CPUCLOCK(tid, CPUCLOCK_SCHED)`, as `pthread_getcpuclockid` builds it.
fn current_thread_clock() -> ClockId {
    const CPUCLOCK_SCHED: i32 = 2;
    const CPUCLOCK_PERTHREAD: i32 = 4;
    let tid = nix::unistd::gettid().as_raw();
    ClockId::from_raw((!tid << 3) | CPUCLOCK_SCHED | CPUCLOCK_PERTHREAD)
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
        slots.retain(|weak| {
            let Some(slot) = weak.upgrade() else {
                return false;
            };
            let started = slot.started_ns.load(Ordering::Acquire);
            if started == 0 {
                return true;
            }
            let used = cpu_ns(slot.thread_clock).map_or(0, |now| (now + 1).saturating_sub(started));
            let overdue = used > slot.limit.as_nanos() as u64;
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
    /// Called on the isolate's thread, whose CPU time is measured.
    pub fn new(handle: TerminateHandle, limit: Duration) -> RunLimit {
        let slot = Arc::new(RunSlot {
            started_ns: AtomicU64::new(0),
            thread_clock: current_thread_clock(),
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
        let now = cpu_ns(ClockId::CLOCK_THREAD_CPUTIME_ID).unwrap_or(0) + 1;
        let owner = self
            .slot
            .started_ns
            .compare_exchange(0, now, Ordering::AcqRel, Ordering::Acquire)
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
