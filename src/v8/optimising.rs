//! The CPU time a thread spends in V8's optimising compiler on that thread.
//!
//! V8 10.2 compiles optimised code on the isolate's own thread (see
//! `platform::V8_FLAGS` for why), in the middle of a run of JavaScript. That
//! time is the engine's, not the app's: the watchdog reads it here and leaves
//! it out of a run's CPU time limit. V8 announces each such compile as a timer
//! event at its start and its end (the bridge's `on_timer_event`).

use std::ffi::c_int;
use std::sync::atomic::{fence, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use nix::time::{clock_gettime, ClockId};

/// One thread's optimising time, written by that thread and read by others.
#[derive(Default)]
pub struct OptimisingTime {
    /// Odd while the thread rewrites the two fields below.
    version: AtomicU64,
    /// CPU time of the compiles that have ended, in nanoseconds.
    ended_ns: AtomicU64,
    /// The thread's CPU clock when the compile in progress began; 0 when
    /// none is.
    began_at_ns: AtomicU64,
}

impl OptimisingTime {
    /// CPU time spent optimising up to `thread_cpu_ns`, a reading of the
    /// thread's CPU clock taken by the caller; `None` while the thread is
    /// between the two writes of a compile's start or end (ask again later).
    pub fn up_to(&self, thread_cpu_ns: u64) -> Option<u64> {
        let before = self.version.load(Ordering::Acquire);
        let ended = self.ended_ns.load(Ordering::Relaxed);
        let began_at = self.began_at_ns.load(Ordering::Relaxed);
        fence(Ordering::Acquire);
        if before % 2 == 1 || self.version.load(Ordering::Relaxed) != before {
            return None;
        }
        let in_progress = match began_at {
            0 => 0,
            began_at => thread_cpu_ns.saturating_sub(began_at),
        };
        Some(ended + in_progress)
    }

    /// Rewrites the fields; only the owning thread calls it.
    fn update(&self, write: impl FnOnce()) {
        let version = self.version.load(Ordering::Relaxed);
        self.version.store(version + 1, Ordering::Relaxed);
        fence(Ordering::Release);
        write();
        self.version.store(version + 2, Ordering::Release);
    }
}

thread_local! {
    static THIS_THREAD: Arc<OptimisingTime> = Arc::default();
}

/// The calling thread's optimising time, to be read from other threads.
pub fn shared_optimising_time() -> Arc<OptimisingTime> {
    THIS_THREAD.with(Arc::clone)
}

/// CPU time the calling thread has spent optimising so far. Called from
/// Rust, so no compile is in progress on this thread.
pub fn optimising_time_of_this_thread() -> Duration {
    Duration::from_nanos(THIS_THREAD.with(|time| time.ended_ns.load(Ordering::Relaxed)))
}

/// A CPU clock's reading in nanoseconds. Linux always reads a thread's
/// clock; were it to fail, a compile would simply count as the app's time.
pub fn cpu_clock_ns(clock: ClockId) -> Option<u64> {
    let now = Duration::from(clock_gettime(clock).ok()?);
    Some(now.as_nanos() as u64)
}

fn this_thread_cpu_ns() -> Option<u64> {
    cpu_clock_ns(ClockId::CLOCK_THREAD_CPUTIME_ID)
}

/// Called by the bridge on the isolate's thread at each compile's start and end.
pub(super) extern "C" fn optimising_trampoline(began: c_int) {
    let now = this_thread_cpu_ns();
    THIS_THREAD.with(|time| {
        if began != 0 {
            let Some(now) = now else { return };
            time.update(|| time.began_at_ns.store(now, Ordering::Relaxed));
        } else {
            // Only this thread writes the fields, so it reads them as is.
            let began_at = time.began_at_ns.load(Ordering::Relaxed);
            if began_at == 0 {
                return;
            }
            let spent = now.map_or(0, |now| now.saturating_sub(began_at));
            let ended = time.ended_ns.load(Ordering::Relaxed) + spent;
            time.update(|| {
                time.ended_ns.store(ended, Ordering::Relaxed);
                time.began_at_ns.store(0, Ordering::Relaxed);
            });
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_compile_in_progress_counts_up_to_the_reading() {
        std::thread::spawn(|| {
            let time = shared_optimising_time();
            assert_eq!(time.up_to(this_thread_cpu_ns().unwrap()), Some(0));
            optimising_trampoline(1);
            let began_at = time.began_at_ns.load(Ordering::Relaxed);
            assert!(began_at > 0);
            assert_eq!(time.up_to(began_at + 500), Some(500));
            optimising_trampoline(0);
            let ended = time.up_to(u64::MAX).expect("no write in progress");
            // The compile's end was read after its start.
            assert_eq!(time.began_at_ns.load(Ordering::Relaxed), 0);
            assert_eq!(time.up_to(0), Some(ended));
            assert_eq!(
                optimising_time_of_this_thread().as_nanos(),
                u128::from(ended)
            );
        })
        .join()
        .unwrap();
    }

    #[test]
    fn an_end_without_a_start_is_ignored() {
        std::thread::spawn(|| {
            optimising_trampoline(0);
            assert_eq!(shared_optimising_time().up_to(u64::MAX), Some(0));
        })
        .join()
        .unwrap();
    }
}
