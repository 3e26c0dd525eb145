//! One app's JavaScript world: an isolate from NANO's startup snapshot, its
//! context, its event loop (timers, async ops, microtasks), and the native
//! ops the Web API layer in `js/` is written over.

pub mod bindings;
mod bootstrap;
mod compression;
mod encoding;
mod error;
mod fetch;
mod handles;
mod html_rewriter;
mod js_runtime;
mod loader;
mod node;
mod ops;
mod snapshot_cache;
mod stack_frames;
mod state;
mod timers;
pub mod watchdog;
mod worker;

pub use crate::v8::{gc_pauses_of_this_thread, isolates_alive, optimising_time_of_this_thread};
pub use bindings::cache::{CacheCounts, CacheLimits, CacheStore};
pub use bootstrap::{
    load_or_make_startup_snapshot, make_startup_snapshot, set_snapshot_cache_dir, startup_snapshot,
};
pub use compression::{Deflater, Format as CompressionFormat};
pub use error::RuntimeError;
pub use fetch::tls::extra_ca_file;
pub use js_runtime::{
    print_to_stdio, Death, InterruptHandle, Runtime, RuntimeOptions, UncaughtPolicy,
};
pub use loader::{ModuleError, ModuleGraph, TypeProblem};
pub use state::{ConsoleLevel, ConsoleSink, OpFailure, OpOutcome, OpValue};
pub use worker::{
    find_entry, AppSpec, Chunk, ChunkRead, Fetch, PendingFetch, Worker, WorkerBody, WorkerRequest,
    WorkerResponse, ENTRY_CANDIDATES,
};
