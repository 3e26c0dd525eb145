//! The Rust side of one JavaScript world: what ops read and write.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::future::Future;
use std::rc::Rc;
use std::task::Waker;
use std::time::Instant;

use futures::future::LocalBoxFuture;
use futures::stream::FuturesUnordered;

use super::bindings::cache::CacheStore;
use super::bindings::kv::KvNamespace;
use super::bindings::websocket::WebSockets;
use super::compression::Codec;
use super::encoding::LegacyDecoder;
use super::handles::Handles;
use super::html_rewriter::HtmlRewriterStream;
use super::stack_frames::StackFrames;
use super::timers::TimerQueue;
use super::worker::WorkerResponse;
use crate::http::RequestId;
use crate::v8::{ErrorKind, Exception, Global, JsResult, Local, OpCall, Resolver, Scope, Value};

/// Where `console.*` output goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConsoleLevel {
    Debug,
    Log,
    Warn,
    Error,
}

/// Receives each line of console output (and reported errors) with the task
/// label current when it was written (see `RuntimeState::label`).
pub type ConsoleSink = Box<dyn Fn(ConsoleLevel, &str, Option<&str>)>;

/// What an async op produces; turned into a JavaScript value when its
/// promise is settled.
#[derive(Clone, Debug, PartialEq)]
pub enum OpValue {
    Undefined,
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Bytes(Vec<u8>),
    List(Vec<OpValue>),
}

impl OpValue {
    pub fn to_js<'s>(&self, scope: &'s Scope<'_>) -> Local<'s, Value> {
        match self {
            OpValue::Undefined => scope.undefined(),
            OpValue::Null => scope.null(),
            OpValue::Bool(value) => scope.boolean(*value),
            OpValue::Number(value) => scope.number(*value),
            OpValue::String(value) => scope.string(value),
            OpValue::Bytes(bytes) => scope.uint8_array(bytes),
            OpValue::List(items) => {
                let items: Vec<_> = items.iter().map(|item| item.to_js(scope)).collect();
                scope.array(&items)
            }
        }
    }
}

/// Why an async op failed; becomes the rejection reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpFailure {
    pub kind: ErrorKind,
    pub message: String,
}

impl OpFailure {
    pub fn type_error(message: impl Into<String>) -> Self {
        OpFailure {
            kind: ErrorKind::TypeError,
            message: message.into(),
        }
    }
}

pub type OpOutcome = Result<OpValue, OpFailure>;

type PendingOp = LocalBoxFuture<'static, (u32, OpOutcome, Option<RequestId>)>;

/// What a promise Rust waits on came to (see `Runtime::settled`), or a
/// request's Response (see `Worker::fetch`).
pub enum Outcome {
    Fulfilled(Global<Value>),
    Rejected(Global<Value>),
    /// The Response the app handed over with `op_respond`.
    Responded(WorkerResponse),
}

enum Settlement {
    Waiting(Option<Waker>),
    Settled(Outcome),
}

pub struct RuntimeState {
    /// Where `console.*` goes; a runtime restored ahead of need gets its
    /// app's sink when an app adopts it.
    pub console: RefCell<ConsoleSink>,
    /// Which piece of work the JavaScript running now belongs to (the
    /// server uses request ids). Timers and async ops keep the label current
    /// when they start and restore it when they fire, so output after an
    /// `await` is still labelled with its request.
    pub label: Cell<Option<RequestId>>,
    /// `performance.timeOrigin`: when the runtime was made, or adopted.
    pub time_origin: Cell<Instant>,
    pub timers: RefCell<TimerQueue>,
    pub pending_ops: RefCell<FuturesUnordered<PendingOp>>,
    pub resolvers: RefCell<HashMap<u32, Global<Resolver>>>,
    next_op_id: Cell<u32>,
    /// Rejected promises with no handler yet, in rejection order.
    pub rejections: RefCell<Vec<(Global<Value>, Global<Value>)>>,
    /// Exceptions nothing caught, waiting for the embedder to report them.
    pub uncaught: RefCell<Vec<Exception>>,
    waker: RefCell<Option<Waker>>,
    /// What is waited on, by id: few at a time (one per request in flight),
    /// so a list is quicker than a map.
    settlements: RefCell<Vec<(u32, Settlement)>>,
    /// Outbound fetches in flight and their unread bodies.
    pub fetch: Rc<super::fetch::FetchState>,
    /// Open CompressionStream / DecompressionStream codecs.
    pub codecs: RefCell<Handles<Codec>>,
    /// Open HTMLRewriter streams.
    pub html_rewriters: RefCell<Handles<HtmlRewriterStream>>,
    /// Open WebSockets (shared with the ops of outbound upgrades).
    pub websockets: Rc<RefCell<WebSockets>>,
    /// Decoders of TextDecoders for encodings other than UTF-8.
    pub text_decoders: RefCell<Handles<LegacyDecoder>>,
    next_settlement_id: Cell<u32>,
    /// The app's KV namespaces; the ops name one by its index.
    pub kv: RefCell<Vec<KvNamespace>>,
    /// How `error.stack` shows each frame.
    pub stack_frames: Rc<StackFrames>,
    /// The Cache API's store: the app's on this core (`Runtime::set_cache`),
    /// else one of the runtime's own, made on first use.
    cache: RefCell<Option<Rc<CacheStore>>>,
}

impl RuntimeState {
    pub fn new(console: ConsoleSink) -> Self {
        RuntimeState {
            console: RefCell::new(console),
            label: Cell::default(),
            time_origin: Cell::new(Instant::now()),
            timers: RefCell::default(),
            pending_ops: RefCell::default(),
            resolvers: RefCell::default(),
            next_op_id: Cell::new(1),
            rejections: RefCell::default(),
            uncaught: RefCell::default(),
            waker: RefCell::default(),
            settlements: RefCell::default(),
            fetch: Rc::default(),
            codecs: RefCell::default(),
            html_rewriters: RefCell::default(),
            websockets: Rc::default(),
            text_decoders: RefCell::default(),
            next_settlement_id: Cell::new(1),
            kv: RefCell::default(),
            stack_frames: Rc::default(),
            cache: RefCell::default(),
        }
    }

    /// The store `caches` reads and writes.
    pub fn cache(&self) -> Rc<CacheStore> {
        self.cache.borrow_mut().get_or_insert_default().clone()
    }

    pub fn set_cache(&self, store: Rc<CacheStore>) {
        *self.cache.borrow_mut() = Some(store);
    }

    /// Wakes the event loop after new work was queued from outside it.
    pub fn wake(&self) {
        if let Some(waker) = self.waker.borrow_mut().take() {
            waker.wake();
        }
    }

    pub fn set_waker(&self, waker: &Waker) {
        *self.waker.borrow_mut() = Some(waker.clone());
    }

    /// Registers a promise to wait on; JavaScript reports it with
    /// `op_settled`. The entry lives as long as the returned guard, so a
    /// wait that is given up (an interrupted REPL input, a dropped request)
    /// leaves nothing behind.
    pub fn new_settlement(self: &Rc<Self>) -> SettlementSlot {
        let id = self.next_settlement_id.get();
        self.next_settlement_id.set(id.wrapping_add(1));
        self.settlements
            .borrow_mut()
            .push((id, Settlement::Waiting(None)));
        SettlementSlot {
            state: self.clone(),
            id,
        }
    }

    /// Settlement `id` if it has come (its entry goes); None while it is
    /// waited for.
    pub fn take_settled(&self, id: u32) -> Option<Outcome> {
        let mut settlements = self.settlements.borrow_mut();
        let index = settlements.iter().position(|(entry, settlement)| {
            *entry == id && matches!(settlement, Settlement::Settled(_))
        })?;
        let (_, Settlement::Settled(outcome)) = settlements.swap_remove(index) else {
            return None;
        };
        Some(outcome)
    }

    /// Has `waker` woken when settlement `id` comes.
    pub fn wait_on(&self, id: u32, waker: &Waker) {
        let mut settlements = self.settlements.borrow_mut();
        let waiting = Settlement::Waiting(Some(waker.clone()));
        match settlements.iter_mut().find(|(entry, _)| *entry == id) {
            Some((_, settlement)) => *settlement = waiting,
            None => settlements.push((id, waiting)),
        }
    }

    /// How many settlements are waited on.
    pub fn settlements_waited_on(&self) -> usize {
        self.settlements.borrow().len()
    }

    /// Fills the settlement `id` and wakes its waiter; a settlement no one
    /// waits on any more (a request given up) is dropped.
    pub fn settle(&self, id: u32, outcome: Outcome) {
        let mut settlements = self.settlements.borrow_mut();
        if let Some((_, slot)) = settlements.iter_mut().find(|(entry, _)| *entry == id) {
            if let Settlement::Waiting(Some(waker)) =
                std::mem::replace(slot, Settlement::Settled(outcome))
            {
                waker.wake();
            }
        }
    }

    /// Wakes every task waiting on a promise (the runtime died).
    pub fn wake_settlements(&self) {
        for (_, settlement) in self.settlements.borrow_mut().iter_mut() {
            if let Settlement::Waiting(waker) = settlement {
                if let Some(waker) = waker.take() {
                    waker.wake();
                }
            }
        }
    }

    /// Whether timers or async ops are still outstanding.
    pub fn has_pending_work(&self) -> bool {
        !self.timers.borrow().is_empty() || !self.pending_ops.borrow().is_empty()
    }

    /// Starts an async op: returns its promise to JavaScript now and settles
    /// it from the event loop when `work` completes.
    pub fn spawn_op<'s>(&self, call: &OpCall<'s>, work: impl Future<Output = OpOutcome> + 'static) {
        let scope = call.scope;
        let resolver = scope.resolver();
        call.set_return(scope.resolver_promise(resolver));
        let id = self.next_op_id.get();
        self.next_op_id.set(id.wrapping_add(1));
        let label = self.label.get();
        self.resolvers
            .borrow_mut()
            .insert(id, scope.global(resolver));
        self.pending_ops
            .borrow_mut()
            .push(Box::pin(async move { (id, work.await, label) }));
        self.wake();
    }
}

/// The runtime state of the isolate an op runs in.
pub fn state_of<'s>(call: &OpCall<'s>) -> JsResult<'s, Rc<RuntimeState>> {
    call.scope.slot::<RuntimeState>().ok_or_else(|| {
        call.scope
            .throw_error(ErrorKind::Error, "runtime state is unavailable")
    })
}

/// A promise being waited on, by id; its entry goes when this does.
pub struct SettlementSlot {
    state: Rc<RuntimeState>,
    pub id: u32,
}

impl Drop for SettlementSlot {
    fn drop(&mut self) {
        let mut settlements = self.state.settlements.borrow_mut();
        if let Some(index) = settlements.iter().position(|(entry, _)| *entry == self.id) {
            settlements.swap_remove(index);
        }
    }
}
