//! The engine bridge: the one module that talks to V8 (through `bridge.cc`)
//! and the only place with `unsafe`. Everything above it uses these types.
//!
//! - [`Isolate`]: an owned V8 isolate (not `Send`), with [`TerminateHandle`]
//!   (which is) and a heap limit that terminates instead of aborting.
//! - [`Scope`]: a handle scope with an entered context; [`Local`] handles
//!   borrow it, [`Global`] handles outlive it.
//! - Ops ([`OpDecl`]): native functions whose bodies are Rust.
//! - Scripts, ES modules, code cache, promises, startup snapshots.
//! - The CPU time a thread spends optimising ([`OptimisingTime`]).

mod exception;
mod ffi;
mod isolate;
mod module;
mod module_host;
mod op;
mod optimising;
mod platform;
mod promise;
mod scope;
mod script;
mod snapshot;
mod stack_trace;
mod value;

pub use exception::{Exception, JsResult, Location, Throw};
pub use isolate::{
    gc_pauses_of_this_thread, isolates_alive, GcPauseTotal, GcPauses, HeapStats, Isolate,
    IsolateOptions, RejectEvent, RejectHandler, TerminateHandle,
};
pub use module::{ImportAttributes, ModuleResolver, ModuleStatus};
pub use module_host::ModuleHost;
pub use op::{OpCall, OpDecl, OpFn};
pub use optimising::{
    cpu_clock_ns, optimising_time_of_this_thread, shared_optimising_time, OptimisingTime,
};
pub use platform::{init, register_static_sources, v8_version};
pub use promise::PromiseState;
pub use scope::{
    Context, Function, Global, Local, Message, Module, Resolver, Scope, Script, Value,
};
pub use script::CacheUse;
pub use snapshot::{make_snapshot, Snapshot, SnapshotError, SnapshotKey};
pub use stack_trace::{FrameHook, FrameShown};
pub use value::{ErrorKind, Kind};
