//! One thread for the whole process that stops JavaScript runs which
//! overstay their CPU time limit.
//!
//! A thread runs JavaScript of one isolate at a time, so the watchdog
//! watches threads, not isolates: each thread that runs JavaScript has a
//! `ThreadRuns` whose run counter it writes alone, odd while a run is in
//! progress (one atomic store at each end of a run, no system call), and
//! which names the isolate of the latest run (rewritten only when the
//! thread switches isolates). On a fixed tick the watchdog reads the
//! counters; when it first sees a run it notes the thread's CPU time, and
//! when the thread has since used more CPU than the isolate's limit it
//! calls `TerminateExecution`. So a run is stopped after at most its limit
//! plus one tick of CPU time, and, where the run's thread and the watchdog
//! share a CPU, the rest of that thread's time slice (a few milliseconds:
//! the watchdog is a batch thread, so that its ticks do not interrupt a
//! core serving requests); time a thread spends descheduled does not
//! count, nor does time V8 spends optimising code on the thread: that is
//! the engine's work, which the app does not choose and cannot bound. A tick
//! costs the same with one app loaded or thousands. Nothing crosses a
//! channel per run: only a thread's first run does.
//!
//! The watchdog also adds up, per thread, the CPU time spent in runs longer
//! than [`STALL_THRESHOLD`] (killed or not, optimising included): while such
//! a run lasts, its thread serves nothing else. It counts from when it first
//! sees a run, so each long run is counted up to one tick short at either
//! end.

use std::cell::OnceCell;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock, Weak};
use std::time::Duration;

use crossbeam_channel::{Receiver, Sender, TryRecvError};
use nix::time::ClockId;

use crate::v8::{cpu_clock_ns, shared_optimising_time, OptimisingTime, TerminateHandle};

/// How often the watchdog looks at the threads' runs: the precision of
/// every time limit.
pub const WATCHDOG_TICK: Duration = Duration::from_millis(5);

/// Runs that use more CPU time than this count as stalls of their thread.
pub const STALL_THRESHOLD: Duration = Duration::from_millis(10);

thread_local! {
    /// This thread's runs, made at its first `RunLimit`.
    static THREAD_RUNS: OnceCell<Arc<ThreadRuns>> = const { OnceCell::new() };
}

fn runs_of_this_thread() -> Arc<ThreadRuns> {
    THREAD_RUNS.with(|runs| {
        runs.get_or_init(|| {
            let runs = Arc::new(ThreadRuns {
                runs: AtomicU64::new(0),
                thread_clock: current_thread_clock(),
                optimising: shared_optimising_time(),
                isolate_id: AtomicUsize::new(0),
                isolate: Mutex::new(None),
                stalled_ns: AtomicU64::new(0),
            });
            // If the watchdog is gone the process is exiting; limits no longer matter.
            let _ = registry().send(Arc::downgrade(&runs));
            runs
        })
        .clone()
    })
}

/// CPU time this thread spent in runs longer than [`STALL_THRESHOLD`],
/// killed or not (see the module's notes on precision).
pub fn stalled_time_of_this_thread() -> Duration {
    Duration::from_nanos(runs_of_this_thread().stalled_ns.load(Ordering::Relaxed))
}

/// The JavaScript runs of one thread.
struct ThreadRuns {
    /// Counts run starts and ends: odd while a run is in progress.
    runs: AtomicU64,
    /// The CPU clock of the thread, readable from other threads.
    thread_clock: ClockId,
    /// The part of that CPU time that V8 spent optimising.
    optimising: Arc<OptimisingTime>,
    /// The isolate of the latest run: its slot's address (an identity, never
    /// followed, so that a run of the same isolate takes no lock), then the
    /// slot. The thread writes them before it marks a run begun, and only
    /// when the isolate changes.
    isolate_id: AtomicUsize,
    isolate: Mutex<Option<Arc<IsolateSlot>>>,
    /// CPU time spent in stalls, in nanoseconds, written by the watchdog.
    stalled_ns: AtomicU64,
}

/// One isolate's limit and the means to stop it.
struct IsolateSlot {
    limit: Duration,
    fired: AtomicBool,
    handle: TerminateHandle,
}

/// The CPU clock of the calling thread as other threads name it: Linux's
/// `MAKE_THREAD_CPUCLOCK(tid, CPUCLOCK_SCHED)`, as `pthread_getcpuclockid` builds it.
fn current_thread_clock() -> ClockId {
    const CPUCLOCK_SCHED: i32 = 2;
    const CPUCLOCK_PERTHREAD: i32 = 4;
    let tid = nix::unistd::gettid().as_raw();
    ClockId::from_raw((!tid << 3) | CPUCLOCK_SCHED | CPUCLOCK_PERTHREAD)
}

fn registry() -> &'static Sender<Weak<ThreadRuns>> {
    static REGISTRY: OnceLock<Sender<Weak<ThreadRuns>>> = OnceLock::new();
    REGISTRY.get_or_init(|| {
        let (sender, receiver) = crossbeam_channel::unbounded();
        crate::batch_thread::spawn("nano-watchdog", move || watch(receiver))
            .expect("spawning the watchdog thread");
        sender
    })
}

/// What the watchdog remembers of a thread between ticks.
struct Watched {
    thread: Weak<ThreadRuns>,
    /// The run counter when this run was first seen, and the thread's CPU
    /// time and optimising time then.
    run: u64,
    cpu_at_first_sight: u64,
    optimising_at_first_sight: u64,
    /// CPU time of this run already added to the thread's stalls.
    counted_as_stall: u64,
}

fn watch(registrations: Receiver<Weak<ThreadRuns>>) {
    let mut watched: Vec<Watched> = Vec::new();
    loop {
        // A plain sleep: waiting on the channel with a timeout spins
        // (sched_yield) before it parks, on every tick.
        std::thread::sleep(WATCHDOG_TICK);
        loop {
            match registrations.try_recv() {
                Ok(thread) => watched.push(Watched {
                    thread,
                    run: 0,
                    cpu_at_first_sight: 0,
                    optimising_at_first_sight: 0,
                    counted_as_stall: 0,
                }),
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => return,
            }
        }
        watched.retain_mut(|entry| {
            let Some(thread) = entry.thread.upgrade() else {
                return false;
            };
            check(entry, &thread);
            true
        });
    }
}

/// One tick's look at one thread.
fn check(entry: &mut Watched, thread: &ThreadRuns) {
    let run = thread.runs.load(Ordering::Acquire);
    if run.is_multiple_of(2) {
        return;
    }
    let Some(cpu_now) = cpu_clock_ns(thread.thread_clock) else {
        return;
    };
    // Read after the CPU clock, so an optimisation in progress counts no
    // further than the reading.
    let Some(optimising_now) = thread.optimising.up_to(cpu_now) else {
        return;
    };
    if run != entry.run {
        entry.run = run;
        entry.cpu_at_first_sight = cpu_now;
        entry.optimising_at_first_sight = optimising_now;
        entry.counted_as_stall = 0;
        return;
    }
    let elapsed = cpu_now.saturating_sub(entry.cpu_at_first_sight);
    if elapsed > STALL_THRESHOLD.as_nanos() as u64 {
        let stalled = elapsed - entry.counted_as_stall;
        thread.stalled_ns.fetch_add(stalled, Ordering::Relaxed);
        entry.counted_as_stall = elapsed;
    }
    let used =
        elapsed.saturating_sub(optimising_now.saturating_sub(entry.optimising_at_first_sight));
    let isolate = thread
        .isolate
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    // The isolate named is this run's only if the run is still the same.
    if thread.runs.load(Ordering::Acquire) != run {
        return;
    }
    if let Some(isolate) = isolate {
        if used > isolate.limit.as_nanos() as u64 && !isolate.fired.swap(true, Ordering::AcqRel) {
            isolate.handle.terminate();
        }
    }
}

/// The time limit of one isolate's runs.
pub struct RunLimit {
    isolate: Arc<IsolateSlot>,
    thread: Arc<ThreadRuns>,
}

impl RunLimit {
    /// Called on the isolate's thread, whose CPU time is measured.
    pub fn new(handle: TerminateHandle, limit: Duration) -> RunLimit {
        RunLimit {
            isolate: Arc::new(IsolateSlot {
                limit,
                fired: AtomicBool::new(false),
                handle,
            }),
            thread: runs_of_this_thread(),
        }
    }

    /// Starts timing a run, unless one is already timed (runs nest when
    /// JavaScript calls back into Rust that calls JavaScript).
    pub fn start(&self) -> RunGuard<'_> {
        let thread = &self.thread;
        // Only this thread writes the counter, so load + store is enough.
        let runs = thread.runs.load(Ordering::Relaxed);
        let owner = runs.is_multiple_of(2);
        if owner {
            let id = Arc::as_ptr(&self.isolate) as usize;
            if thread.isolate_id.load(Ordering::Relaxed) != id {
                *thread.isolate.lock().unwrap_or_else(|e| e.into_inner()) =
                    Some(self.isolate.clone());
                thread.isolate_id.store(id, Ordering::Relaxed);
            }
            thread.runs.store(runs + 1, Ordering::Release);
        }
        RunGuard { limit: self, owner }
    }

    /// Whether the watchdog terminated a run of this isolate.
    pub fn fired(&self) -> bool {
        self.isolate.fired.load(Ordering::Acquire)
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
            let runs = &self.limit.thread.runs;
            runs.store(runs.load(Ordering::Relaxed) + 1, Ordering::Release);
        }
    }
}
