//! Owned isolates, their per-isolate bookkeeping, and the `Send` handle that
//! stops running JavaScript from another thread.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::ffi::{c_int, c_void};
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::ffi::{self, Handle, RawIsolate};
use super::module_host::ModuleHost;
use super::op::OpDecl;
use super::platform;
use super::scope::{Local, Scope, Value};
use super::snapshot::Snapshot;
use super::stack_trace::FrameHook;

thread_local! {
    /// Owned isolates created on this thread and not yet disposed.
    static ISOLATES_ALIVE: Cell<usize> = const { Cell::new(0) };
    /// The isolate this thread keeps entered while no scope is open, so that
    /// the next scope on it enters nothing in V8 (see `TOP`), where an entry
    /// would look up the thread's data under V8's lock. A core that
    /// serves one app enters its isolate once; one that switches apps
    /// re-enters only when it switches.
    static RESIDENT: Cell<*mut RawIsolate> = const { Cell::new(std::ptr::null_mut()) };
    /// How many `Entered` are alive on this thread.
    static ENTERED_DEPTH: Cell<usize> = const { Cell::new(0) };
    /// The isolate on top of V8's entry stack for this thread, as this
    /// module's entries and residency left it (null: none known). An entry
    /// of the isolate already on top would only count in V8, so it is
    /// skipped: a request's scopes then cost no call into V8 to enter.
    static TOP: Cell<*mut RawIsolate> = const { Cell::new(std::ptr::null_mut()) };
}

/// An isolate entered for as long as this lives (V8's `Isolate::Scope`).
pub(crate) struct Entered {
    /// The isolate this entry entered in V8; null when it was on top
    /// already.
    entered: *mut RawIsolate,
    /// What was on top before.
    below: *mut RawIsolate,
}

impl Entered {
    pub(crate) fn new(raw: *mut RawIsolate) -> Entered {
        // Residency changes only between scopes, and only while the resident
        // isolate is the one V8 has on top of the thread's entry stack (a
        // snapshot maker enters its own isolate itself).
        // SAFETY: reads a thread-local of V8.
        if ENTERED_DEPTH.get() == 0
            && RESIDENT.get() != raw
            && RESIDENT.get() == unsafe { ffi::nano_isolate_current() }
        {
            let previous = RESIDENT.replace(raw);
            // SAFETY: `previous` is live (an isolate leaves residency before
            // it is disposed) and on top of this thread's entry stack; `raw`
            // is live for as long as its caller.
            unsafe {
                if !previous.is_null() {
                    ffi::nano_isolate_exit(previous);
                }
                ffi::nano_isolate_enter(raw);
            }
            TOP.set(raw);
        }
        let below = TOP.replace(raw);
        let entered = if below == raw {
            std::ptr::null_mut()
        } else {
            // SAFETY: the caller holds the live isolate; Drop exits it.
            unsafe { ffi::nano_isolate_enter(raw) };
            raw
        };
        ENTERED_DEPTH.set(ENTERED_DEPTH.get() + 1);
        Entered { entered, below }
    }
}

impl Drop for Entered {
    fn drop(&mut self) {
        ENTERED_DEPTH.set(ENTERED_DEPTH.get() - 1);
        TOP.set(self.below);
        if !self.entered.is_null() {
            // SAFETY: entered in `new`; entries are exited in reverse order,
            // as `Entered` values are dropped.
            unsafe { ffi::nano_isolate_exit(self.entered) };
        }
    }
}

/// Marks `raw` as on top of the thread's entry stack while this lives, for
/// an isolate V8 entered itself (a snapshot maker's).
pub(crate) struct EnteredByV8 {
    below: *mut RawIsolate,
}

impl EnteredByV8 {
    pub(crate) fn new(raw: *mut RawIsolate) -> EnteredByV8 {
        EnteredByV8 {
            below: TOP.replace(raw),
        }
    }
}

impl Drop for EnteredByV8 {
    fn drop(&mut self) {
        TOP.set(self.below);
    }
}

/// Exits `raw` if it is this thread's resident isolate: V8 refuses to
/// dispose of (or snapshot) an entered isolate.
fn leave_residency(raw: *mut RawIsolate) {
    if RESIDENT.get() != raw {
        return;
    }
    assert_eq!(
        ENTERED_DEPTH.get(),
        0,
        "an isolate is dropped while a scope of another is open"
    );
    // SAFETY: reads a thread-local of V8.
    assert_eq!(
        unsafe { ffi::nano_isolate_current() },
        raw,
        "the resident isolate is on top of the entry stack"
    );
    RESIDENT.set(std::ptr::null_mut());
    TOP.set(std::ptr::null_mut());
    // SAFETY: the resident isolate is live and, with no scope open, on top
    // of this thread's entry stack.
    unsafe { ffi::nano_isolate_exit(raw) };
}

/// How many isolates this thread has created and not yet disposed: every
/// one whose memory is still held, whatever state it is in.
pub fn isolates_alive() -> usize {
    ISOLATES_ALIVE.with(Cell::get)
}

/// Options for a new isolate.
#[derive(Clone, Default)]
pub struct IsolateOptions {
    /// Restore from this startup snapshot instead of starting blank.
    pub snapshot: Option<Snapshot>,
    /// Heap limit in bytes; 0 keeps V8's default. Reaching it terminates the
    /// running JavaScript instead of aborting the process.
    pub max_heap_bytes: usize,
}

/// Why a promise-rejection notification was sent (V8's `PromiseRejectEvent`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RejectEvent {
    RejectedWithoutHandler,
    HandlerAddedAfterReject,
    RejectAfterResolved,
    ResolveAfterResolved,
}

pub type RejectHandler =
    dyn for<'a> Fn(&'a Scope<'_>, RejectEvent, Local<'a, Value>, Option<Local<'a, Value>>);

/// Heap usage as V8 reports it.
#[derive(Clone, Copy, Debug)]
pub struct HeapStats {
    pub used_bytes: usize,
    pub total_bytes: usize,
    pub limit_bytes: usize,
}

/// Garbage collection pauses of one kind: how many, and their wall time.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GcPauseTotal {
    pub count: u64,
    pub time: Duration,
}

/// The garbage collection pauses of every isolate this thread has run:
/// minor (the young generation) and major (the whole heap). While one
/// lasts, the thread runs nothing else.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GcPauses {
    pub minor: GcPauseTotal,
    pub major: GcPauseTotal,
}

/// The pauses of the isolates of the calling thread since it started.
pub fn gc_pauses_of_this_thread() -> GcPauses {
    let mut totals = ffi::GcPauseTotals::default();
    // SAFETY: the bridge only copies its thread-local totals to `totals`.
    unsafe { ffi::nano_thread_gc_pauses(&mut totals) };
    GcPauses {
        minor: GcPauseTotal {
            count: totals.minor_count,
            time: Duration::from_nanos(totals.minor_ns),
        },
        major: GcPauseTotal {
            count: totals.major_count,
            time: Duration::from_nanos(totals.major_ns),
        },
    }
}

/// State shared with `TerminateHandle`s on other threads. The isolate pointer
/// is cleared (under the lock) before the isolate is disposed.
struct TerminateShared {
    isolate: Mutex<Option<usize>>,
    requested: AtomicBool,
}

/// A `Send + Sync` handle that can stop the isolate's running JavaScript.
#[derive(Clone)]
pub struct TerminateHandle(Arc<TerminateShared>);

impl TerminateHandle {
    /// Asks V8 to terminate whatever JavaScript runs now. Returns false when
    /// the isolate no longer exists.
    pub fn terminate(&self) -> bool {
        let guard = self.0.isolate.lock().unwrap_or_else(|e| e.into_inner());
        match *guard {
            Some(raw) => {
                self.0.requested.store(true, Ordering::SeqCst);
                // SAFETY: the pointer is live while it is in the mutex (it is
                // taken out before disposal), and TerminateExecution is the
                // one isolate call V8 documents as safe from any thread.
                unsafe { ffi::nano_isolate_terminate(raw as *mut RawIsolate) };
                true
            }
            None => false,
        }
    }
}

/// What the isolate's callbacks need, at a stable address stored in V8's
/// isolate data slot 0.
pub(crate) struct IsolateCore {
    pub(crate) raw: *mut RawIsolate,
    pub(crate) ops: &'static [OpDecl],
    pub(crate) alive: Rc<Cell<bool>>,
    slot: RefCell<Option<Rc<dyn Any>>>,
    reject_handler: RefCell<Option<Rc<RejectHandler>>>,
    frame_hook: RefCell<Option<Rc<FrameHook>>>,
    pub(crate) module_resolver: Cell<Option<*mut c_void>>,
    pub(crate) module_host: RefCell<Option<Rc<dyn ModuleHost>>>,
    /// The storage of the last closed handle scope, for the next one: a
    /// scope is opened for every request, and this saves its allocation.
    pub(crate) spare_handle_scope: Cell<Option<HandleScopeStorage>>,
    /// The persistent handle of the context the isolate keeps entered
    /// between scopes (`Isolate::keep_context_entered`); null when none.
    pub(crate) kept_context: Cell<Handle>,
    /// Contexts that open scopes entered on top of the kept one.
    pub(crate) contexts_entered: Cell<usize>,
    terminate: Arc<TerminateShared>,
}

/// Heap room for a C++ `v8::HandleScope`, which must not move while open.
pub(crate) type HandleScopeStorage = Box<[std::mem::MaybeUninit<usize>]>;

/// An owned V8 isolate. Not `Send`: it lives and dies on one thread.
pub struct Isolate {
    core: Box<IsolateCore>,
    // Keeps the snapshot bytes alive: V8 reads them whenever a context is made.
    _snapshot: Option<Snapshot>,
    owned: bool,
}

impl Isolate {
    /// Creates an isolate whose native functions are `ops` (the same table,
    /// in the same order, that a snapshot it restores was made with).
    pub fn new(ops: &'static [OpDecl], options: IsolateOptions) -> Isolate {
        platform::init();
        let (data, len) = match &options.snapshot {
            Some(snapshot) => (snapshot.bytes().as_ptr(), snapshot.bytes().len()),
            None => (std::ptr::null(), 0),
        };
        // SAFETY: the platform is initialised; the snapshot bytes outlive the
        // isolate because `_snapshot` holds them.
        let raw = unsafe { ffi::nano_isolate_new(data.cast(), len, options.max_heap_bytes) };
        assert!(!raw.is_null(), "V8 could not create an isolate");
        ISOLATES_ALIVE.with(|alive| alive.set(alive.get() + 1));
        Isolate::wrap(raw, ops, options.snapshot, true)
    }

    /// Wraps an isolate created elsewhere (the snapshot maker's).
    pub(crate) fn wrap(
        raw: *mut RawIsolate,
        ops: &'static [OpDecl],
        snapshot: Option<Snapshot>,
        owned: bool,
    ) -> Isolate {
        let core = Box::new(IsolateCore {
            raw,
            ops,
            alive: Rc::new(Cell::new(true)),
            slot: RefCell::new(None),
            reject_handler: RefCell::new(None),
            frame_hook: RefCell::new(None),
            module_resolver: Cell::new(None),
            module_host: RefCell::new(None),
            spare_handle_scope: Cell::new(None),
            kept_context: Cell::new(std::ptr::null_mut()),
            contexts_entered: Cell::new(0),
            terminate: Arc::new(TerminateShared {
                isolate: Mutex::new(Some(raw as usize)),
                requested: AtomicBool::new(false),
            }),
        });
        // SAFETY: `core` is boxed, so its address is stable for the isolate's
        // life; Drop clears nothing V8 could read after disposal.
        unsafe { ffi::nano_isolate_set_core(raw, &*core as *const IsolateCore as *mut c_void) };
        Isolate {
            core,
            _snapshot: snapshot,
            owned,
        }
    }

    pub(crate) fn core(&self) -> &IsolateCore {
        &self.core
    }

    /// A handle other threads may use to stop this isolate's JavaScript.
    pub fn terminate_handle(&self) -> TerminateHandle {
        TerminateHandle(self.core.terminate.clone())
    }

    /// Whether a `TerminateHandle` asked for termination since the last reset.
    pub fn termination_requested(&self) -> bool {
        self.core.terminate.requested.load(Ordering::SeqCst)
    }

    /// Whether the heap limit was reached. The isolate should be discarded.
    pub fn heap_limit_reached(&self) -> bool {
        // SAFETY: the isolate is live for as long as `self`.
        unsafe { ffi::nano_isolate_near_heap_limit(self.core.raw) != 0 }
    }

    /// Lets JavaScript run again after a termination has unwound.
    pub fn cancel_termination(&self) {
        self.core.terminate.requested.store(false, Ordering::SeqCst);
        // SAFETY: the isolate is live for as long as `self`.
        unsafe { ffi::nano_isolate_cancel_terminate(self.core.raw) };
    }

    /// Runs every queued microtask (the policy is explicit).
    pub fn run_microtasks(&self) {
        let _entered = Entered::new(self.core.raw);
        // SAFETY: the isolate is live and entered.
        unsafe { ffi::nano_isolate_run_microtasks(self.core.raw) };
    }

    /// Runs V8's pending foreground tasks (e.g. finished background compiles);
    /// true when at least one ran. Promises they settle react only at the
    /// next microtask checkpoint.
    pub fn pump_platform(&self) -> bool {
        // SAFETY: the isolate is live and used on its own thread.
        unsafe { ffi::nano_isolate_pump_platform(self.core.raw) != 0 }
    }

    /// Whether V8 has background work (e.g. an asynchronous WebAssembly
    /// compile) that will later post a foreground task for `pump_platform`.
    pub fn has_pending_background_tasks(&self) -> bool {
        // SAFETY: the isolate is live and used on its own thread.
        unsafe { ffi::nano_isolate_has_pending_background_tasks(self.core.raw) != 0 }
    }

    pub fn heap_stats(&self) -> HeapStats {
        let (mut used, mut total, mut limit) = (0, 0, 0);
        // SAFETY: the isolate is live; the out-pointers are valid locals.
        unsafe { ffi::nano_isolate_heap_stats(self.core.raw, &mut used, &mut total, &mut limit) };
        HeapStats {
            used_bytes: used,
            total_bytes: total,
            limit_bytes: limit,
        }
    }

    /// Asks V8 for a full garbage collection.
    pub fn collect_garbage(&self) {
        let _entered = Entered::new(self.core.raw);
        // SAFETY: the isolate is live, entered, and used on its own thread.
        unsafe { ffi::nano_isolate_low_memory(self.core.raw) };
    }

    /// Stores the embedder's state, reachable from ops via `Scope::slot`.
    pub fn set_slot(&self, value: Rc<dyn Any>) {
        *self.core.slot.borrow_mut() = Some(value);
    }

    /// Answers `import()` and `import.meta` from now on.
    pub fn set_module_host(&self, host: Rc<dyn ModuleHost>) {
        *self.core.module_host.borrow_mut() = Some(host);
    }

    /// Called for every promise rejection V8 reports.
    pub fn set_reject_handler(&self, handler: Rc<RejectHandler>) {
        *self.core.reject_handler.borrow_mut() = Some(handler);
    }

    /// Decides how each frame of an `error.stack` is shown.
    pub fn set_frame_hook(&self, hook: Rc<FrameHook>) {
        *self.core.frame_hook.borrow_mut() = Some(hook);
    }
}

impl IsolateCore {
    pub(crate) fn frame_hook(&self) -> Option<Rc<FrameHook>> {
        self.frame_hook.borrow().clone()
    }

    pub(crate) fn slot(&self) -> Option<Rc<dyn Any>> {
        self.slot.borrow().clone()
    }
}

impl Drop for Isolate {
    fn drop(&mut self) {
        *self
            .core
            .terminate
            .isolate
            .lock()
            .unwrap_or_else(|e| e.into_inner()) = None;
        self.core.alive.set(false);
        // The embedder state may hold Globals; release them while V8 lives.
        self.core.slot.borrow_mut().take();
        self.core.reject_handler.borrow_mut().take();
        self.core.module_host.borrow_mut().take();
        self.core.frame_hook.borrow_mut().take();
        leave_residency(self.core.raw);
        if self.owned {
            // SAFETY: no handle scope is open (scopes borrow the isolate) and
            // no other thread can reach the pointer any more.
            unsafe { ffi::nano_isolate_dispose(self.core.raw) };
            ISOLATES_ALIVE.with(|alive| alive.set(alive.get() - 1));
        }
    }
}

pub(crate) extern "C" fn promise_reject_trampoline(
    core: *mut c_void,
    event: c_int,
    promise: Handle,
    value: Handle,
) {
    // SAFETY: slot 0 always holds the live IsolateCore of this isolate.
    let core = unsafe { &*(core as *const IsolateCore) };
    let Some(handler) = core.reject_handler.borrow().clone() else {
        return;
    };
    let event = match event {
        0 => RejectEvent::RejectedWithoutHandler,
        1 => RejectEvent::HandlerAddedAfterReject,
        2 => RejectEvent::RejectAfterResolved,
        _ => RejectEvent::ResolveAfterResolved,
    };
    let scope = Scope::for_callback(core);
    // SAFETY: V8 passes live handles of the current handle scope (or null).
    let (promise, value) = unsafe { (Local::from_raw(promise), Local::from_raw(value)) };
    let Some(promise) = promise else { return };
    let run = std::panic::AssertUnwindSafe(|| handler(&scope, event, promise, value));
    if std::panic::catch_unwind(run).is_err() {
        tracing::error!("promise rejection handler panicked");
    }
}
