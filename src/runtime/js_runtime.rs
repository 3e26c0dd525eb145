//! One app's JavaScript world: an isolate restored from the startup
//! snapshot, one context, and its event loop.

use std::cell::{Cell, RefCell};
use std::future::{poll_fn, Future};
use std::path::Path;
use std::pin::{pin, Pin};
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context as TaskContext, Poll};
use std::time::{Duration, Instant};

use futures::{FutureExt, StreamExt};

use super::bindings::cache::CacheStore;
use super::bindings::kv::KvNamespace;
use super::bootstrap::{bootstrap, startup_snapshot};
use super::error::RuntimeError;
use super::loader::{AppModules, ModuleGraph};
use super::ops::OPS;
use super::state::{ConsoleLevel, ConsoleSink, OpOutcome, Outcome, RuntimeState, SettlementSlot};
use super::watchdog::{RunGuard, RunLimit};
use super::worker::WorkerResponse;
use crate::http::websocket::SocketEnd;
use crate::http::RequestId;
use crate::v8::{
    Context, Exception, Function, Global, Isolate, IsolateOptions, JsResult, Local, PromiseState,
    RejectEvent, Scope, TerminateHandle, Throw, Value,
};

/// What to do with errors JavaScript did not catch outside a direct call
/// (throwing timers, unhandled rejections).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UncaughtPolicy {
    /// End the event loop with the error (`nano eval`).
    Fail,
    /// Print it to the console's error level and carry on (`nano serve`).
    Report,
}

pub struct RuntimeOptions {
    /// Heap limit in MiB; 0 keeps V8's default.
    pub max_heap_mb: usize,
    /// Longest a single run of JavaScript may take; None for no limit.
    pub run_time_limit: Option<Duration>,
    pub console: ConsoleSink,
    pub uncaught: UncaughtPolicy,
    /// Start from the startup snapshot (the normal case) or from a blank
    /// isolate running the bootstrap (kept for comparison in benchmarks).
    pub from_snapshot: bool,
}

impl Default for RuntimeOptions {
    fn default() -> Self {
        RuntimeOptions {
            max_heap_mb: 0,
            run_time_limit: None,
            console: Box::new(print_to_stdio),
            uncaught: UncaughtPolicy::Fail,
            from_snapshot: true,
        }
    }
}

/// The default console sink: log and debug to stdout, warn and error to stderr.
pub fn print_to_stdio(level: ConsoleLevel, text: &str, _label: Option<&str>) {
    use std::io::Write;
    match level {
        ConsoleLevel::Debug | ConsoleLevel::Log => {
            let _ = writeln!(std::io::stdout().lock(), "{text}");
        }
        ConsoleLevel::Warn | ConsoleLevel::Error => {
            let _ = writeln!(std::io::stderr().lock(), "{text}");
        }
    }
}

type SleepFuture = Pin<Box<monoio::time::Sleep>>;

/// What a settlement came to: the value of a watched promise, or the
/// Response of a request.
pub enum Settled {
    Value(Global<Value>),
    Response(WorkerResponse),
}

pub struct Runtime {
    state: Rc<RuntimeState>,
    hooks: Global<Value>,
    context: Global<Context>,
    run_limit: Option<RunLimit>,
    max_heap_mb: usize,
    uncaught: UncaughtPolicy,
    /// The armed wake-up for the earliest timer.
    sleep: RefCell<Option<(Instant, SleepFuture)>>,
    /// The re-poll armed while V8 works in the background (it cannot wake us).
    background_sleep: RefCell<Option<SleepFuture>>,
    /// Hook functions already looked up, by name.
    hook_functions: RefCell<Vec<(&'static str, Global<Function>)>>,
    /// Set once execution was terminated; the isolate is unusable after.
    dead: Cell<Option<Death>>,
    /// Set by an [`InterruptHandle`]: the next termination is an interrupt.
    interrupt: Arc<AtomicBool>,
    // Dropped last: every Global above belongs to it.
    isolate: Isolate,
}

impl Drop for Runtime {
    fn drop(&mut self) {
        // Before the context's Global goes.
        self.isolate.leave_kept_context(&self.context);
    }
}

impl Runtime {
    pub fn new(options: RuntimeOptions) -> Result<Runtime, RuntimeError> {
        let snapshot = if options.from_snapshot {
            Some(startup_snapshot().map_err(|error| RuntimeError::Load(error.to_string()))?)
        } else {
            None
        };
        let from_snapshot = snapshot.is_some();
        let isolate = Isolate::new(
            OPS,
            IsolateOptions {
                snapshot,
                max_heap_bytes: options.max_heap_mb * 1024 * 1024,
            },
        );
        let state = Rc::new(RuntimeState::new(options.console));
        isolate.set_slot(state.clone());
        isolate.set_reject_handler(Rc::new(track_rejection));
        let stack_frames = state.stack_frames.clone();
        isolate.set_frame_hook(Rc::new(move |file, line, column| {
            stack_frames.shown(file, line, column)
        }));
        let (context, hooks) = {
            let scope = Scope::new(&isolate);
            let context = scope.new_context();
            scope.enter_context(context);
            let hooks = if from_snapshot {
                scope.take_snapshot_data()
            } else {
                let ops = scope.object();
                scope
                    .install_ops(ops)
                    .and_then(|()| bootstrap(&scope, ops))
                    .ok()
            };
            let hooks = hooks.filter(|hooks| hooks.is_object()).ok_or_else(|| {
                RuntimeError::Load("the runtime's bootstrap did not complete".into())
            })?;
            // Per-context set-up the snapshot cannot hold (V8 adds
            // `WebAssembly` only to contexts restored from it).
            let start = scope.get(hooks, "start").ok().filter(|f| f.is_function());
            if let Some(start) = start {
                scope.call(start, hooks, &[]).map_err(|throw| {
                    let why = scope.describe(&throw).map(|e| e.to_string());
                    RuntimeError::Load(format!(
                        "the runtime's start hook failed: {}",
                        why.unwrap_or_else(|| "terminated".into())
                    ))
                })?;
            }
            (scope.global(context), scope.global(hooks))
        };
        let run_limit = options
            .run_time_limit
            .map(|limit| RunLimit::new(isolate.terminate_handle(), limit));
        // Its one context stays entered (see Drop), so `scope()` enters nothing.
        isolate.keep_context_entered(&context);
        Ok(Runtime {
            state,
            hooks,
            context,
            run_limit,
            max_heap_mb: options.max_heap_mb,
            uncaught: options.uncaught,
            sleep: RefCell::new(None),
            background_sleep: RefCell::new(None),
            hook_functions: RefCell::new(Vec::new()),
            dead: Cell::new(None),
            interrupt: Arc::new(AtomicBool::new(false)),
            isolate,
        })
    }

    /// Gives a runtime restored ahead of need, before any app used it, to
    /// an app: its console output, its run time limit and a fresh time
    /// origin. The heap limit was fixed when the isolate was made.
    pub fn adopt(&mut self, console: ConsoleSink, run_time_limit: Option<Duration>) {
        *self.state.console.borrow_mut() = console;
        self.state.time_origin.set(Instant::now());
        self.run_limit =
            run_time_limit.map(|limit| RunLimit::new(self.isolate.terminate_handle(), limit));
    }

    /// Gives the runtime the store its app's `caches` use on this core,
    /// which outlives the runtime (reloads, replaced isolates).
    pub fn set_cache(&self, store: Rc<CacheStore>) {
        self.state.set_cache(store);
    }

    /// Gives the runtime's ops a KV namespace; returns its number there.
    pub fn add_kv_namespace(&self, namespace: KvNamespace) -> usize {
        let mut namespaces = self.state.kv.borrow_mut();
        namespaces.push(namespace);
        namespaces.len() - 1
    }

    pub fn isolate(&self) -> &Isolate {
        &self.isolate
    }

    /// A handle scope with this runtime's context entered.
    pub fn scope(&self) -> Scope<'_> {
        Scope::with_context(&self.isolate, &self.context)
    }

    /// Calls `hooks[name](...args)`, one of the functions the bootstrap
    /// returned, timed as a run. The functions are looked up once.
    pub fn call_hook<'s>(
        &self,
        scope: &'s Scope<'_>,
        name: &'static str,
        args: &[Local<'_, Value>],
    ) -> JsResult<'s, Local<'s, Value>> {
        let hooks = self.hooks.get(scope);
        let cached = self
            .hook_functions
            .borrow()
            .iter()
            .find(|(cached, _)| *cached == name)
            .map(|(_, function)| function.get(scope));
        let function = match cached {
            Some(function) => function,
            None => {
                let value = scope.get(hooks, name)?;
                let Some(function) = value.as_function() else {
                    // Fails as any call of what is not a function does.
                    return scope.call(value, hooks, args);
                };
                let global = scope.global(function);
                self.hook_functions.borrow_mut().push((name, global));
                function
            }
        };
        let _run = self.start_run();
        scope.call_function(function, hooks, args)
    }

    /// Labels the JavaScript about to run (and the timers and async ops it
    /// starts) as belonging to one piece of work, e.g. a request.
    pub fn set_label(&self, label: Option<RequestId>) {
        self.state.label.set(label);
    }

    /// Times one run of JavaScript against the run time limit.
    pub fn start_run(&self) -> Option<RunGuard<'_>> {
        self.run_limit.as_ref().map(RunLimit::start)
    }

    /// Whether the runtime was terminated and must be replaced.
    pub fn is_dead(&self) -> bool {
        self.dead.get().is_some()
    }

    /// Turns a failed run into a RuntimeError; a termination kills the runtime.
    pub fn error_from(&self, scope: &Scope<'_>, throw: &Throw<'_>) -> RuntimeError {
        match scope.describe(throw) {
            Some(exception) => RuntimeError::Uncaught(exception),
            None => self.terminated(),
        }
    }

    fn terminated(&self) -> RuntimeError {
        if let Some(interrupted) = self.take_interrupt() {
            return interrupted;
        }
        let death = if self.isolate.heap_limit_reached() {
            Death::OutOfMemory
        } else if self.run_limit.as_ref().is_some_and(RunLimit::fired) {
            Death::TimedOut
        } else {
            Death::Terminated
        };
        self.dead.set(Some(death));
        // Its sockets close with 1011: no handler can run for them now.
        self.state
            .websockets
            .borrow_mut()
            .abandon_all(crate::http::websocket::INTERNAL_ERROR);
        self.state.wake_settlements();
        // The event loop ends on its next poll, releasing what it holds; a
        // dead isolate has no timer or op left that would wake it.
        self.state.wake();
        self.death_error(death)
    }

    /// Why the runtime was terminated; None while it lives.
    pub fn death(&self) -> Option<Death> {
        self.dead.get()
    }

    fn death_error(&self, death: Death) -> RuntimeError {
        match death {
            Death::OutOfMemory => RuntimeError::OutOfMemory(self.max_heap_mb),
            Death::TimedOut => RuntimeError::TimedOut,
            Death::Terminated => RuntimeError::Terminated,
        }
    }

    // User interrupts (Ctrl-C in `nano repl`): unlike the other ways a run
    // is terminated, an interrupt leaves the runtime usable.

    /// A handle that interrupts whatever JavaScript runs now, from any thread.
    /// The run fails with [`RuntimeError::Interrupted`] and the runtime lives on.
    pub fn interrupt_handle(&self) -> InterruptHandle {
        InterruptHandle {
            terminate: self.isolate.terminate_handle(),
            requested: self.interrupt.clone(),
        }
    }

    /// Drops an interrupt that came after the JavaScript it was meant for
    /// had returned, so that it does not stop the next run. Call it when no
    /// JavaScript runs; returns whether there was one.
    pub fn clear_interrupt(&self) -> bool {
        self.take_interrupt().is_some()
    }

    /// Turns a termination asked for by an `InterruptHandle` back into a
    /// usable isolate. A full heap is not an interrupt.
    fn take_interrupt(&self) -> Option<RuntimeError> {
        if self.isolate.heap_limit_reached() || !self.interrupt.swap(false, Ordering::SeqCst) {
            return None;
        }
        self.isolate.cancel_termination();
        Some(RuntimeError::Interrupted)
    }

    fn check_alive(&self) -> Result<(), RuntimeError> {
        match self.dead.get() {
            None => Ok(()),
            Some(death) => Err(self.death_error(death)),
        }
    }

    /// Runs a classic script; returns its completion value.
    /// Then runs the microtasks it queued and reports what they left uncaught.
    pub fn execute_script(&self, source: &str, name: &str) -> Result<Global<Value>, RuntimeError> {
        self.execute_script_at(source, name, 0)
    }

    /// `execute_script` for code wrapped in `-line_offset` lines of its own:
    /// errors point at the lines of the code itself.
    pub fn execute_script_at(
        &self,
        source: &str,
        name: &str,
        line_offset: i32,
    ) -> Result<Global<Value>, RuntimeError> {
        self.check_alive()?;
        let value = {
            let scope = self.scope();
            let _run = self.start_run();
            match scope.eval_at(source, name, line_offset) {
                Ok(value) => scope.global(value),
                Err(throw) => return Err(self.error_from(&scope, &throw)),
            }
        };
        self.run_microtasks()?;
        Ok(value)
    }

    /// Lets classic scripts `import()` modules inside `root`, resolving
    /// relative specifiers from `script_folder` (`nano eval`, the REPL).
    pub fn allow_script_imports(
        &self,
        root: &Path,
        script_folder: &Path,
    ) -> Result<(), RuntimeError> {
        let graph = ModuleGraph::new(root)?.with_script_folder(script_folder)?;
        self.isolate.set_module_host(AppModules::new(graph));
        Ok(())
    }

    /// Loads and evaluates an app's entry module (awaiting top-level await)
    /// and returns its namespace object.
    pub async fn load_main_module(
        &self,
        root: &Path,
        entry: &Path,
    ) -> Result<Global<Value>, RuntimeError> {
        self.check_alive()?;
        let modules = AppModules::new(ModuleGraph::new(root)?);
        self.isolate.set_module_host(modules.clone());
        let (evaluation, module) = {
            let scope = self.scope();
            let module = modules.load(&scope, entry)?;
            let _run = self.start_run();
            let evaluation = scope
                .evaluate_module(module)
                .map_err(|throw| self.error_from(&scope, &throw))?;
            (scope.global(evaluation), scope.global(module))
        };
        self.resolve(evaluation).await?;
        let scope = self.scope();
        let module = module.get(&scope);
        if let Some(exception) = scope.module_exception(module) {
            let thrown = Throw::Exception {
                value: exception,
                message: None,
            };
            return Err(self.error_from(&scope, &thrown));
        }
        let namespace = scope
            .module_namespace(module)
            .ok_or_else(|| RuntimeError::Load("the module was not instantiated".into()))?;
        Ok(scope.global(namespace))
    }

    /// Runs queued microtasks, then reports what they left uncaught.
    pub fn run_microtasks(&self) -> Result<(), RuntimeError> {
        self.run_microtasks_unreported()?;
        self.handle_uncaught()
    }

    /// Runs queued microtasks; what they leave uncaught waits in the state.
    fn run_microtasks_unreported(&self) -> Result<(), RuntimeError> {
        {
            let _run = self.start_run();
            self.isolate.run_microtasks();
        }
        if self.isolate.heap_limit_reached() || self.isolate.termination_requested() {
            return Err(self.terminated());
        }
        // JavaScript may have started background work (an asynchronous
        // WebAssembly compile) that no op reports: let the event loop look.
        if self.isolate.has_pending_background_tasks() {
            self.state.wake();
        }
        Ok(())
    }

    /// Reports (or fails with) errors nothing caught.
    fn handle_uncaught(&self) -> Result<(), RuntimeError> {
        // The usual case, after every request: nothing to collect.
        if self.state.uncaught.borrow().is_empty() && self.state.rejections.borrow().is_empty() {
            return Ok(());
        }
        let mut errors: Vec<RuntimeError> = self
            .state
            .uncaught
            .borrow_mut()
            .drain(..)
            .map(RuntimeError::Uncaught)
            .collect();
        errors.extend(
            self.take_unhandled_rejections()
                .into_iter()
                .map(RuntimeError::UnhandledRejection),
        );
        match self.uncaught {
            UncaughtPolicy::Fail => match errors.into_iter().next() {
                Some(error) => Err(error),
                None => Ok(()),
            },
            UncaughtPolicy::Report => {
                for error in errors {
                    let label = self.state.label.get();
                    (self.state.console.borrow())(
                        ConsoleLevel::Error,
                        &error.to_string(),
                        label.as_deref(),
                    );
                }
                Ok(())
            }
        }
    }

    fn take_unhandled_rejections(&self) -> Vec<Exception> {
        let rejections = std::mem::take(&mut *self.state.rejections.borrow_mut());
        if rejections.is_empty() {
            return Vec::new();
        }
        let scope = self.scope();
        rejections
            .into_iter()
            .filter_map(|(_, reason)| {
                let thrown = Throw::Exception {
                    value: reason.get(&scope),
                    message: None,
                };
                scope.describe(&thrown)
            })
            .collect()
    }

    /// Waits for `value` (a promise or not) to settle while other tasks drive
    /// the event loop (`run_forever`). A rejection becomes an error.
    pub async fn settled(&self, value: Global<Value>) -> Result<Global<Value>, RuntimeError> {
        {
            let scope = self.scope();
            if let Some(settled) = self.settle_now(&scope, value.get(&scope))? {
                return Ok(scope.global(settled));
            }
        }
        let slot = self.state.new_settlement();
        {
            let scope = self.scope();
            let args = [value.get(&scope), scope.number(slot.id as f64)];
            let watched = self.call_hook(&scope, "watch", &args);
            if let Err(throw) = watched {
                return Err(self.error_from(&scope, &throw));
            }
        }
        self.run_microtasks()?;
        match self.settlement(&slot).await? {
            Settled::Value(value) => Ok(value),
            Settled::Response(_) => panic!("op_respond settled a watched promise"),
        }
    }

    /// Registers a settlement to wait on: a promise `watch`ed, or a request's
    /// Response (`op_respond`).
    pub(crate) fn new_settlement(&self) -> SettlementSlot {
        self.state.new_settlement()
    }

    /// What settlement `slot` came to, if it has come (a rejection becomes
    /// its error); None while it is waited for.
    pub(crate) fn take_settlement(
        &self,
        slot: &SettlementSlot,
    ) -> Option<Result<Settled, RuntimeError>> {
        let reason = match self.state.take_settled(slot.id)? {
            Outcome::Fulfilled(value) => return Some(Ok(Settled::Value(value))),
            Outcome::Responded(response) => return Some(Ok(Settled::Response(response))),
            Outcome::Rejected(reason) => reason,
        };
        let scope = self.scope();
        let thrown = Throw::Exception {
            value: reason.get(&scope),
            message: None,
        };
        Some(Err(self.error_from(&scope, &thrown)))
    }

    /// Waits for settlement `slot` while other tasks drive the event loop
    /// (`run_forever`).
    pub(crate) async fn settlement(&self, slot: &SettlementSlot) -> Result<Settled, RuntimeError> {
        poll_fn(|cx| {
            if let Err(death) = self.check_alive() {
                return Poll::Ready(Err(death));
            }
            if let Some(settled) = self.take_settlement(slot) {
                return Poll::Ready(settled);
            }
            self.state.wait_on(slot.id, cx.waker());
            Poll::Pending
        })
        .await
    }

    /// Runs the microtask checkpoint, then gives the value of `value` if it
    /// is not a promise or has settled; None while it is pending. Most
    /// promises (a stream's chunk already queued, say) settle in that
    /// checkpoint, so this is looked at before paying for a watcher. A
    /// rejection becomes the error (and is not reported as unhandled).
    pub fn settle_now<'s>(
        &self,
        scope: &'s Scope<'_>,
        value: Local<'s, Value>,
    ) -> Result<Option<Local<'s, Value>>, RuntimeError> {
        self.run_microtasks_unreported()?;
        let settled = self.take_if_settled(scope, value);
        self.handle_uncaught()?;
        settled.transpose()
    }

    /// The value of a non-promise or a settled promise; None while pending.
    /// A rejection is handled here, so it is not reported as unhandled.
    fn take_if_settled<'s>(
        &self,
        scope: &'s Scope<'_>,
        value: Local<'s, Value>,
    ) -> Option<Result<Local<'s, Value>, RuntimeError>> {
        let Some(state) = scope.promise_state(value) else {
            return Some(Ok(value));
        };
        let result = scope.promise_result(value)?;
        match state {
            PromiseState::Pending => None,
            PromiseState::Fulfilled => Some(Ok(result)),
            PromiseState::Rejected => {
                scope.mark_handled(value);
                forget_rejection(&self.state, scope, value);
                let thrown = Throw::Exception {
                    value: result,
                    message: None,
                };
                Some(Err(self.error_from(scope, &thrown)))
            }
        }
    }

    /// Drives the event loop for as long as the runtime lives: new work from
    /// other tasks wakes it. Ends only when the runtime is terminated.
    pub async fn run_forever(&self) -> RuntimeError {
        poll_fn(|cx| match self.poll_event_loop(cx) {
            Poll::Ready(Err(error)) => Poll::Ready(error),
            Poll::Ready(Ok(())) | Poll::Pending => Poll::Pending,
        })
        .await
    }

    /// Drives timers and async ops until nothing is left to do.
    pub async fn run_event_loop(&self) -> Result<(), RuntimeError> {
        poll_fn(|cx| self.poll_event_loop(cx)).await
    }

    /// Drives the event loop until `value` settles (see `settled`); returns
    /// its value, or its rejection as an error.
    pub async fn resolve(&self, value: Global<Value>) -> Result<Global<Value>, RuntimeError> {
        self.drive(self.settled(value)).await
    }

    /// Drives the event loop until `work` completes. Fails if the loop dies,
    /// or runs out of timers and ops first (nothing could complete it then).
    pub async fn drive<T>(
        &self,
        work: impl Future<Output = Result<T, RuntimeError>>,
    ) -> Result<T, RuntimeError> {
        let mut work = pin!(work);
        poll_fn(|cx| {
            if let Poll::Ready(done) = work.as_mut().poll(cx) {
                return Poll::Ready(done);
            }
            match self.poll_event_loop(cx) {
                Poll::Ready(Err(error)) => Poll::Ready(Err(error)),
                Poll::Ready(Ok(())) => match work.as_mut().poll(cx) {
                    Poll::Ready(done) => Poll::Ready(done),
                    Poll::Pending => Poll::Ready(Err(RuntimeError::Stalled)),
                },
                Poll::Pending => work.as_mut().poll(cx),
            }
        })
        .await
    }

    /// One pass of the event loop: settle finished ops, fire due timers.
    /// Ready(Ok) when no timers or ops remain.
    pub fn poll_event_loop(&self, cx: &mut TaskContext<'_>) -> Poll<Result<(), RuntimeError>> {
        if let Err(error) = self.check_alive() {
            return Poll::Ready(Err(error));
        }
        self.state.set_waker(cx.waker());
        loop {
            let mut progressed = false;
            // Foreground tasks V8 posted (a finished WebAssembly compile
            // settles its promise in one); their reactions are microtasks.
            if self.isolate.pump_platform() {
                if let Err(error) = self.run_microtasks() {
                    return Poll::Ready(Err(error));
                }
                progressed = true;
            }
            loop {
                let next = self.state.pending_ops.borrow_mut().poll_next_unpin(cx);
                let Poll::Ready(Some((id, outcome, label))) = next else {
                    break;
                };
                self.set_label(label);
                if let Err(error) = self.settle_op(id, outcome) {
                    return Poll::Ready(Err(error));
                }
                progressed = true;
            }
            loop {
                let due = self.state.timers.borrow_mut().pop_due(Instant::now());
                let Some((id, label)) = due else {
                    break;
                };
                self.set_label(label);
                if let Err(error) = self.fire_timer(id) {
                    return Poll::Ready(Err(error));
                }
                progressed = true;
            }
            let background = self.isolate.has_pending_background_tasks();
            if !self.state.has_pending_work() && !background {
                return Poll::Ready(Ok(()));
            }
            if self.poll_timer_sleep(cx).is_ready() || progressed {
                continue;
            }
            if background && self.poll_background_sleep(cx).is_ready() {
                continue;
            }
            return Poll::Pending;
        }
    }

    /// While V8 has background work, looks again every millisecond: its
    /// default platform posts the result as a task without waking anyone.
    fn poll_background_sleep(&self, cx: &mut TaskContext<'_>) -> Poll<()> {
        let mut sleep = self.background_sleep.borrow_mut();
        let future =
            sleep.get_or_insert_with(|| Box::pin(monoio::time::sleep(Duration::from_millis(1))));
        let ready = future.poll_unpin(cx);
        if ready.is_ready() {
            *sleep = None;
        }
        ready
    }

    /// Arms (or re-arms) the sleep until the earliest timer; Ready when it is due.
    fn poll_timer_sleep(&self, cx: &mut TaskContext<'_>) -> Poll<()> {
        let Some(deadline) = self.state.timers.borrow().next_deadline() else {
            return Poll::Pending;
        };
        let mut sleep = self.sleep.borrow_mut();
        if sleep.as_ref().map(|(armed, _)| *armed) != Some(deadline) {
            let delay = deadline.saturating_duration_since(Instant::now());
            *sleep = Some((deadline, Box::pin(monoio::time::sleep(delay))));
        }
        let (_, future) = sleep.as_mut().expect("armed above");
        let ready = future.poll_unpin(cx);
        if ready.is_ready() {
            *sleep = None;
        }
        ready
    }

    fn fire_timer(&self, id: u32) -> Result<(), RuntimeError> {
        {
            let scope = self.scope();
            let outcome = self.call_hook(&scope, "fireTimer", &[scope.number(id as f64)]);
            if let Err(throw) = outcome {
                match self.error_from(&scope, &throw) {
                    RuntimeError::Uncaught(exception) => {
                        self.state.uncaught.borrow_mut().push(exception)
                    }
                    fatal => return Err(fatal),
                }
            }
        }
        self.run_microtasks()
    }

    fn settle_op(&self, id: u32, outcome: OpOutcome) -> Result<(), RuntimeError> {
        let Some(resolver) = self.state.resolvers.borrow_mut().remove(&id) else {
            return Ok(());
        };
        {
            let scope = self.scope();
            let resolver = resolver.get(&scope);
            let _run = self.start_run();
            let settled = match outcome {
                Ok(value) => scope.settle(resolver, value.to_js(&scope), false),
                Err(failure) => {
                    scope.settle(resolver, scope.error(failure.kind, &failure.message), true)
                }
            };
            if let Err(throw) = settled {
                return Err(self.error_from(&scope, &throw));
            }
        }
        self.run_microtasks()
    }

    /// Shows a value the way `console.log` would.
    pub fn inspect(&self, value: &Global<Value>) -> String {
        let text = {
            let scope = self.scope();
            scope.string_value(value.get(&scope))
        };
        text.unwrap_or_else(|| self.inspect_value(value))
    }

    /// Shows any value the way `util.inspect` would: unlike [`inspect`](Self::inspect),
    /// strings come out quoted (`'abc'`), as a REPL shows them.
    pub fn inspect_value(&self, value: &Global<Value>) -> String {
        let scope = self.scope();
        let local = value.get(&scope);
        let shown = self
            .call_hook(&scope, "inspect", &[local])
            .ok()
            .and_then(|text| scope.string_value(text));
        shown.unwrap_or_else(|| scope.to_js_string(local).unwrap_or_default())
    }

    /// Compiles a classic script without running it: Ok when it parses,
    /// else the SyntaxError (with its location) as `RuntimeError::Uncaught`.
    pub fn check_syntax(&self, source: &str, name: &str) -> Result<(), RuntimeError> {
        self.check_alive()?;
        let scope = self.scope();
        let compiled = scope.compile_script(source, name, None).map(drop);
        compiled.map_err(|throw| self.error_from(&scope, &throw))
    }

    /// Whether `source` compiles as an ES module (its imports unread).
    pub fn compiles_as_module(&self, source: &str, name: &str) -> bool {
        let scope = self.scope();
        scope.compile_module(source, name, None).is_ok()
    }

    /// The far end of the `WebSocketPair` socket `id` the app handed to a
    /// response, for the server to run; None when there is no such socket.
    pub fn take_socket(&self, id: u32) -> Option<SocketEnd> {
        self.state.websockets.borrow_mut().take_socket(id)
    }

    /// How many settlements Rust code waits on right now: promises
    /// (`settled`) and requests' Responses (`Worker::fetch`).
    pub fn promises_waited_on(&self) -> usize {
        self.state.settlements_waited_on()
    }

    /// How many timers and async ops are outstanding.
    pub fn pending_work(&self) -> (usize, usize) {
        (
            self.state.timers.borrow().len(),
            self.state.pending_ops.borrow().len(),
        )
    }
}

/// V8's promise-rejection notifications, kept until the microtasks settle:
/// a handler may still be attached in the same turn.
fn track_rejection<'a>(
    scope: &'a Scope<'_>,
    event: RejectEvent,
    promise: Local<'a, Value>,
    reason: Option<Local<'a, Value>>,
) {
    let Some(state) = scope.slot::<RuntimeState>() else {
        return;
    };
    match event {
        RejectEvent::RejectedWithoutHandler => {
            let reason = reason.unwrap_or_else(|| scope.undefined());
            state
                .rejections
                .borrow_mut()
                .push((scope.global(promise), scope.global(reason)));
        }
        RejectEvent::HandlerAddedAfterReject => {
            forget_rejection(&state, scope, promise);
        }
        RejectEvent::RejectAfterResolved | RejectEvent::ResolveAfterResolved => {}
    }
}

/// Interrupts a [`Runtime`]'s JavaScript from another thread (see
/// [`Runtime::interrupt_handle`]).
#[derive(Clone)]
pub struct InterruptHandle {
    terminate: TerminateHandle,
    requested: Arc<AtomicBool>,
}

impl InterruptHandle {
    /// Stops the JavaScript running now (or the next to run, if none does
    /// until [`Runtime::clear_interrupt`]).
    pub fn interrupt(&self) {
        self.requested.store(true, Ordering::SeqCst);
        self.terminate.terminate();
    }
}

/// Drops `promise` from the unhandled rejections: a handler was attached.
fn forget_rejection(state: &RuntimeState, scope: &Scope<'_>, promise: Local<'_, Value>) {
    state
        .rejections
        .borrow_mut()
        .retain(|(rejected, _)| !rejected.get(scope).strict_equals(promise));
}

/// Why a runtime can no longer run JavaScript.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Death {
    /// It reached its heap limit.
    OutOfMemory,
    /// A run overstayed its CPU time limit.
    TimedOut,
    /// Another `TerminateExecution`.
    Terminated,
}
