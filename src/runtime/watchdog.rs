//! One thread for the whole process that stops JavaScript runs which
//! overstay their CPU time limit.
//!
//! Each isolate owns a `RunLimit` whose slot it writes alone: a run counter,
//! odd while a run is in progress (one atomic store at each end of a run, no
//! system call). On a fixed tick the watchdog reads the counters; when it
//! first sees a run it notes the CPU time of the isolate's thread, and when
//! that thread has since used more CPU than the limit it calls
//! `TerminateExecution`. So a run is stopped after at most its limit plus one
//! tick of CPU time; time a thread spends descheduled does not count.
//! Nothing crosses a channel per run: only registration does.
//!
//! The watchdog also adds up, per thread, the CPU time spent in runs longer
//! than [`STALL_THRESHOLD`] (killed or not): while such a run lasts, its
//! thread serves nothing else. It counts from when it first sees a run, so
//! each long run is counted up to one tick short at either end.

use std::cell::OnceCell;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, OnceLock, Weak};
use std::time::Duration;

use crossbeam_channel::{Receiver, Sender, TryRecvError};
use nix::time::{clock_gettime, ClockId};

use crate::v8::TerminateHandle;

/// How often the watchdog looks at the running slots: the precision of
/// every time limit.
pub const WATCHDOG_TICK: Duration = Duration::from_millis(5);

/// Runs that use more CPU time than this count as stalls of their thread.
pub const STALL_THRESHOLD: Duration = Duration::from_millis(10);

thread_local! {
    /// CPU time this thread's isolates spent in stalls, in nanoseconds;
    /// written by the watchdog, shared by every run slot made on the thread.
    static STALLED_NS: OnceCell<Arc<AtomicU64>> = const { OnceCell::new() };
}

fn stalled_ns_of_this_thread() -> Arc<AtomicU64> {
    STALLED_NS.with(|cell| cell.get_or_init(Arc::default).clone())
}

/// CPU time this thread spent in runs longer than [`STALL_THRESHOLD`],
/// killed or not (see the module's notes on precision).
pub fn stalled_time_of_this_thread() -> Duration {
    Duration::from_nanos(stalled_ns_of_this_thread().load(Ordering::Relaxed))
}

struct RunSlot {
    /// Counts run starts and ends: odd while a run is in progress.
    runs: AtomicU64,
    /// The CPU clock of the isolate's thread, readable from other threads.
    thread_clock: ClockId,
    limit: Duration,
    fired: AtomicBool,
    handle: TerminateHandle,
    /// Where stalls of the isolate's thread are added up.
    stalled_ns: Arc<AtomicU64>,
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

/// What the watchdog remembers of a slot between ticks.
struct Watched {
    slot: Weak<RunSlot>,
    /// The run counter when this run was first seen, and the thread's CPU
    /// time then.
    run: u64,
    cpu_at_first_sight: u64,
    /// CPU time of this run already added to the thread's stalls.
    counted_as_stall: u64,
}

fn watch(registrations: Receiver<Weak<RunSlot>>) {
    let mut watched: Vec<Watched> = Vec::new();
    let watch_new = |slot| Watched {
        slot,
        run: 0,
        cpu_at_first_sight: 0,
        counted_as_stall: 0,
    };
    loop {
        // A plain sleep: waiting on the channel with a timeout spins
        // (sched_yield) before it parks, on every tick.
        std::thread::sleep(WATCHDOG_TICK);
        loop {
            match registrations.try_recv() {
                Ok(slot) => watched.push(watch_new(slot)),
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => return,
            }
        }
        watched.retain_mut(|entry| {
            let Some(slot) = entry.slot.upgrade() else {
                return false;
            };
            let run = slot.runs.load(Ordering::Acquire);
            if run % 2 == 0 {
                return true;
            }
            let Some(cpu_now) = cpu_ns(slot.thread_clock) else {
                return true;
            };
            if run != entry.run {
                entry.run = run;
                entry.cpu_at_first_sight = cpu_now;
                entry.counted_as_stall = 0;
                return true;
            }
            let used = cpu_now.saturating_sub(entry.cpu_at_first_sight);
            if used > STALL_THRESHOLD.as_nanos() as u64 {
                let stalled = used - entry.counted_as_stall;
                slot.stalled_ns.fetch_add(stalled, Ordering::Relaxed);
                entry.counted_as_stall = used;
            }
            if used > slot.limit.as_nanos() as u64 && !slot.fired.swap(true, Ordering::AcqRel) {
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
            runs: AtomicU64::new(0),
            thread_clock: current_thread_clock(),
            limit,
            fired: AtomicBool::new(false),
            handle,
            stalled_ns: stalled_ns_of_this_thread(),
        });
        // If the watchdog is gone the process is exiting; limits no longer matter.
        let _ = registry().send(Arc::downgrade(&slot));
        RunLimit { slot }
    }

    /// Starts timing a run, unless one is already timed (runs nest when
    /// JavaScript calls back into Rust that calls JavaScript).
    pub fn start(&self) -> RunGuard<'_> {
        // Only the isolate's thread writes the counter, so load + store is enough.
        let runs = self.slot.runs.load(Ordering::Relaxed);
        let owner = runs.is_multiple_of(2);
        if owner {
            self.slot.runs.store(runs + 1, Ordering::Release);
        }
        RunGuard { limit: self, owner }
    }

    /// Whether the watchdog terminated a run of this isolate.
    pub fn fired(&self) -> bool {
        self.slot.fired.load(Ordering::Acquire)
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
            let runs = self.limit.slot.runs.load(Ordering::Relaxed);
            self.limit.slot.runs.store(runs + 1, Ordering::Release);
        }
    }
}
