//! Background threads that must not interrupt the cores.

use std::io;
use std::thread::JoinHandle;

/// Starts a thread named `name` that runs `body` as a batch thread: woken,
/// it does not preempt a thread running on its CPU, but waits for that
/// thread to pause (a core waiting for I/O) or for its time slice to end. A
/// core busy with requests wakes the log writer a few hundred times a second
/// and the watchdog ticks two hundred times a second; on a shared CPU each
/// wake-up otherwise stopped the core in the middle of its requests. Its
/// share of the CPU stays that of any other thread. A kernel that refuses
/// leaves the thread as it was, which only costs that.
pub fn spawn<T: Send + 'static>(
    name: &str,
    body: impl FnOnce() -> T + Send + 'static,
) -> io::Result<JoinHandle<T>> {
    std::thread::Builder::new().name(name.into()).spawn(|| {
        schedule_as_batch();
        body()
    })
}

fn schedule_as_batch() {
    use thread_priority::{
        NormalThreadSchedulePolicy, ThreadPriority, ThreadPriorityOsValue, ThreadSchedulePolicy,
    };
    // A batch thread's priority is its nice value: 0, as the others'.
    let nice_zero = ThreadPriority::Os(ThreadPriorityOsValue::default());
    let batch = ThreadSchedulePolicy::Normal(NormalThreadSchedulePolicy::Batch);
    let _ = thread_priority::set_thread_priority_and_policy(
        thread_priority::thread_native_id(),
        nice_zero,
        batch,
    );
}
