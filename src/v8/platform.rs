//! The process-wide V8 platform, started once.

use std::ffi::{c_char, CStr, CString};
use std::sync::Once;

use super::{ffi, isolate, module, module_host, op, optimising, stack_trace};

/// V8 flags fixed for the whole process. A snapshot is only accepted by a
/// process started with the same flags, so they are not configurable.
/// `--harmony-import-assertions` lets apps `import data from "./x.json"
/// assert { type: "json" }` parse. `--no-verify-snapshot-checksum`: V8
/// would otherwise checksum the whole snapshot at every isolate start; a
/// snapshot is either made by this process or read from a file whose own
/// checksum was verified once (see `Snapshot::from_stored`).
/// `--no-concurrent-recompilation`: V8 10.2's optimising compiler, when it
/// runs on a background thread, gives up on every named property that a
/// typed array finds on its prototype (`length`, `byteLength`, `subarray`…):
/// it cannot read string contents there to rule out a numeric key, so such
/// loads and calls stay generic for the life of the code. Loops over bytes,
/// the core of parsers, encoders and hashes, ran 2–13× slower. Compiling on
/// the isolate's thread costs the same CPU, but holds up the core while it
/// runs (once per hot function); the watchdog leaves that time out of a
/// run's CPU limit (see `optimising`).
pub(super) const V8_FLAGS: &str =
    "--harmony-import-assertions --no-verify-snapshot-checksum --no-concurrent-recompilation";

/// Background threads for V8's own work (GC, compilation).
const PLATFORM_WORKER_THREADS: i32 = 2;

static INIT: Once = Once::new();

/// Starts V8 once per process; later calls do nothing.
pub fn init() {
    INIT.call_once(|| {
        let flags = CString::new(V8_FLAGS).expect("flags have no NUL");
        // SAFETY: runs exactly once, before any isolate exists; the callbacks
        // are `extern "C"` functions that live for the whole process.
        unsafe {
            ffi::nano_set_callbacks(
                op::dispatch,
                module::resolve_trampoline,
                isolate::promise_reject_trampoline,
                stack_trace::stack_frame_trampoline,
                optimising::optimising_trampoline,
            );
            ffi::nano_set_module_host_callbacks(
                module_host::dynamic_import_trampoline,
                module_host::import_meta_trampoline,
                module_host::deferred_trampoline,
                module_host::meta_resolve_trampoline,
            );
            ffi::nano_platform_init(flags.as_ptr(), PLATFORM_WORKER_THREADS);
        }
    });
}

/// Makes each of `sources` (ASCII text in the binary, such as
/// `include_str!` files) an external string wherever V8 is handed it: no
/// isolate then copies it, and a snapshot refers to it instead of holding
/// it. Must come before the first isolate that makes or uses such a
/// snapshot; only the first call counts. Sources that are not ASCII are
/// left out (V8 would hold them two bytes a character anyway).
pub fn register_static_sources(sources: &[&'static str]) {
    static REGISTERED: Once = Once::new();
    REGISTERED.call_once(|| {
        let ascii: Vec<&'static str> = sources.iter().copied().filter(|s| s.is_ascii()).collect();
        let data: Vec<*const c_char> = ascii.iter().map(|s| s.as_ptr().cast()).collect();
        let lengths: Vec<usize> = ascii.iter().map(|s| s.len()).collect();
        // SAFETY: each pointer and length describes ASCII text that lives
        // for the whole process (`'static`); the bridge copies the arrays.
        unsafe { ffi::nano_register_static_sources(data.as_ptr(), lengths.as_ptr(), data.len()) };
    });
}

/// The version of the linked V8, e.g. "10.2.154.26-node.26".
pub fn v8_version() -> String {
    init();
    // SAFETY: V8 returns a pointer to a static NUL-terminated string.
    unsafe { CStr::from_ptr(ffi::nano_v8_version()) }
        .to_string_lossy()
        .into_owned()
}
