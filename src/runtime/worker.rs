//! A Workers app loaded into a runtime: its entry module, its `env`, and the
//! calls that hand it requests and read its responses.

use std::borrow::Cow;
use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use super::bindings::kv::KvNamespace;
use super::error::RuntimeError;
use super::js_runtime::{Runtime, Settled};
use super::state::SettlementSlot;
use crate::http::{HeaderText, RequestHeaders, RequestId};
use crate::v8::{Global, Local, Scope, Value};

/// Entry files tried, in order, when the app names none.
pub const ENTRY_CANDIDATES: &[&str] = &[
    "index.js",
    "worker.js",
    "main.js",
    "index.mjs",
    "worker.mjs",
    "index.ts",
    "worker.ts",
    "main.ts",
];

/// What identifies an app on disk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppSpec {
    /// The app folder; imports may not leave it.
    pub root: PathBuf,
    /// The entry module inside `root`.
    pub entry: PathBuf,
    /// `env` bindings (`--var KEY=VALUE`).
    pub vars: Vec<(String, String)>,
    /// KV namespaces bound in `env` (`--kv BINDING`).
    pub kv: Vec<KvNamespace>,
}

/// A request as the app receives it.
pub struct WorkerRequest {
    pub method: Cow<'static, str>,
    pub url: Rc<str>,
    pub headers: RequestHeaders,
    pub body: Option<Vec<u8>>,
}

/// The body of an app's response.
pub enum WorkerBody {
    None,
    Bytes(Vec<u8>),
    /// A ReadableStream's reader, read with `Worker::start_chunk_read`.
    Stream(Global<Value>),
}

/// What a finished chunk read of a streamed body gave.
pub enum Chunk {
    /// The chunk's bytes were appended to the caller's buffer.
    Appended,
    /// The stream is done.
    End,
}

/// A chunk read of a streamed body: finished, or the promise of its chunk.
pub enum ChunkRead {
    Ready(Chunk),
    Waiting(Global<Value>),
}

pub struct WorkerResponse {
    pub status: u16,
    pub status_text: String,
    pub headers: Vec<(HeaderText, HeaderText)>,
    pub body: WorkerBody,
    /// `encodeBody: "manual"`: the body already has the Content-Encoding
    /// header's coding; otherwise the server applies it.
    pub body_is_encoded: bool,
    /// The socket of a `webSocket` response (status 101), for
    /// `Runtime::take_socket`.
    pub web_socket: Option<u32>,
}

pub struct Worker {
    namespace: Global<Value>,
    env: Global<Value>,
    /// The V8 strings of the methods requests have named so far, each made
    /// once: a method shared as static text (a standard one, see
    /// `http::method_name`); others are made per request.
    method_strings: RefCell<Vec<(&'static str, Global<Value>)>>,
    runtime: Runtime,
    unserved_exports: Option<String>,
    has_scheduled_handler: bool,
}

impl Worker {
    /// Evaluates the app in a fresh `runtime` and checks it has a fetch handler.
    pub async fn load(app: &AppSpec, runtime: Runtime) -> Result<Worker, RuntimeError> {
        let namespace = runtime.load_main_module(&app.root, &app.entry).await?;
        let (env, unserved_exports, has_scheduled_handler) = {
            let scope = runtime.scope();
            let env = scope.object();
            for (key, value) in &app.vars {
                scope
                    .set(env, key, scope.string(value))
                    .map_err(|throw| runtime.error_from(&scope, &throw))?;
            }
            for namespace in &app.kv {
                let id = runtime.add_kv_namespace(namespace.clone());
                runtime
                    .call_hook(&scope, "kvNamespace", &[scope.number(id as f64)])
                    .and_then(|object| scope.set(env, &namespace.binding, object))
                    .map_err(|throw| runtime.error_from(&scope, &throw))?;
            }
            let form = runtime
                .call_hook(&scope, "workerForm", &[namespace.get(&scope)])
                .map_err(|throw| runtime.error_from(&scope, &throw))?;
            match scope.string_value(form).as_deref() {
                Some("module") | Some("listener") => {}
                Some(reason) => {
                    return Err(RuntimeError::Load(format!(
                        "{}: {reason}",
                        app.entry.display()
                    )))
                }
                None => return Err(RuntimeError::Load("cannot tell the app's form".into())),
            }
            let unserved = runtime
                .call_hook(&scope, "unservedExports", &[namespace.get(&scope)])
                .map_err(|throw| runtime.error_from(&scope, &throw))?;
            let unserved = scope.string_value(unserved).filter(|list| !list.is_empty());
            let scheduled = runtime
                .call_hook(&scope, "hasScheduledHandler", &[namespace.get(&scope)])
                .map_err(|throw| runtime.error_from(&scope, &throw))?;
            (scope.global(env), unserved, scope.is_truthy(scheduled))
        };
        Ok(Worker {
            namespace,
            env,
            runtime,
            unserved_exports,
            has_scheduled_handler,
            method_strings: RefCell::default(),
        })
    }

    pub fn runtime(&self) -> &Runtime {
        &self.runtime
    }

    /// The exports NANO never calls (handlers for events other than fetch,
    /// classes), listed for a warning; None when there are none.
    pub fn unserved_exports(&self) -> Option<&str> {
        self.unserved_exports.as_deref()
    }

    /// Whether the default export has a `scheduled` handler.
    pub fn has_scheduled_handler(&self) -> bool {
        self.has_scheduled_handler
    }

    /// Runs the app's `scheduled` handler for the tick of `cron` due at
    /// `scheduled_time_ms` (Unix milliseconds), and waits for it and its
    /// `waitUntil` work. `label` tags its console output.
    pub async fn scheduled(
        &self,
        cron: &str,
        scheduled_time_ms: i64,
        label: Option<RequestId>,
    ) -> Result<(), RuntimeError> {
        self.runtime.set_label(label);
        let pending = {
            let scope = self.runtime.scope();
            let args = [
                self.namespace.get(&scope),
                self.env.get(&scope),
                self.string_or_error(&scope, cron)?,
                scope.number(scheduled_time_ms as f64),
            ];
            let returned = self.call_hook(&scope, "dispatchScheduled", &args)?;
            scope.global(returned)
        };
        self.runtime.settled(pending).await.map(drop)
    }

    /// Hands a request to the app and waits for its Response (see
    /// [`Worker::start_fetch`]).
    pub async fn fetch(
        self: &Rc<Self>,
        request: &mut WorkerRequest,
        label: Option<RequestId>,
    ) -> Result<WorkerResponse, RuntimeError> {
        match self.start_fetch(request, label)? {
            Fetch::Answered(response) => Ok(response),
            Fetch::Waiting(pending) => pending.response().await,
        }
    }

    /// Hands a request to the app: its Response when the app answered at
    /// once (a Response returned, or a promise settled by the handler's
    /// microtasks), else the answer to wait for. The body is taken from
    /// `request` and given to the app without a copy. `label` tags the
    /// console output of the request's JavaScript (see
    /// `Runtime::set_label`).
    pub fn start_fetch(
        self: &Rc<Self>,
        request: &mut WorkerRequest,
        label: Option<RequestId>,
    ) -> Result<Fetch, RuntimeError> {
        self.runtime.set_label(label);
        // The app hands its Response over with `op_respond`, naming this
        // settlement: at once, or from the reaction to its promise.
        let answer = self.runtime.new_settlement();
        let request = {
            let scope = self.runtime.scope();
            let headers = scope
                .try_latin1_string(request.headers.as_latin1())
                .map_err(|throw| self.runtime.error_from(&scope, &throw))?;
            let body = match request.body.take() {
                Some(bytes) => scope.uint8_array_from_vec(bytes),
                None => scope.null(),
            };
            let args = [
                scope.number(answer.id as f64),
                self.namespace.get(&scope),
                self.env.get(&scope),
                match request.method {
                    Cow::Borrowed(shared) => self.shared_method_string(&scope, shared),
                    Cow::Owned(ref method) => scope.string(method),
                },
                self.string_or_error(&scope, &request.url)?,
                headers,
                body,
            ];
            self.call_hook(&scope, "dispatchFetch", &args)?;
            // The handler's microtasks run now (most async handlers answer
            // in them); a failure there fails the request, whatever it
            // answered.
            self.runtime.run_microtasks()?;
            if let Some(settled) = self.runtime.take_settlement(&answer) {
                return response_of(settled?).map(Fetch::Answered);
            }
            let request = self.call_hook(&scope, "takeRequest", &[])?;
            scope.global(request)
        };
        Ok(Fetch::Waiting(PendingFetch {
            worker: self.clone(),
            answer,
            request: Some(request),
            label,
        }))
    }

    /// Aborts the signal of a request the app still works on (its client
    /// left, or its time ran out), and runs what that sets off.
    fn abort_request(&self, request: &Global<Value>, label: Option<RequestId>) {
        if self.runtime.is_dead() {
            return;
        }
        self.runtime.set_label(label);
        {
            let scope = self.runtime.scope();
            // A failure here means the runtime is dead; nothing to abort.
            let _ = self.call_hook(&scope, "abortRequest", &[request.get(&scope)]);
        }
        let _ = self.runtime.run_microtasks();
    }

    /// The V8 string of a method shared as static text, made once.
    fn shared_method_string<'s>(
        &self,
        scope: &'s Scope<'_>,
        method: &'static str,
    ) -> Local<'s, Value> {
        let known = self.method_strings.borrow();
        if let Some((_, string)) = known.iter().find(|(name, _)| *name == method) {
            return string.get(scope);
        }
        drop(known);
        let string = scope.string(method);
        self.method_strings
            .borrow_mut()
            .push((method, scope.global(string)));
        string
    }

    fn string_or_error<'s>(
        &self,
        scope: &'s Scope<'_>,
        text: &str,
    ) -> Result<Local<'s, Value>, RuntimeError> {
        scope
            .try_string(text)
            .map_err(|throw| self.runtime.error_from(scope, &throw))
    }

    fn call_hook<'s>(
        &self,
        scope: &'s Scope<'_>,
        name: &'static str,
        args: &[Local<'_, Value>],
    ) -> Result<Local<'s, Value>, RuntimeError> {
        self.runtime
            .call_hook(scope, name, args)
            .map_err(|throw| self.runtime.error_from(scope, &throw))
    }

    /// Starts reading the next chunk of a streamed body into `out`. Most
    /// reads are done at once (the stream had a chunk queued, or its source
    /// made one without waiting); the rest finish with
    /// [`Worker::finish_chunk_read`].
    pub fn start_chunk_read(
        &self,
        reader: &Global<Value>,
        label: Option<RequestId>,
        out: &mut Vec<u8>,
    ) -> Result<ChunkRead, RuntimeError> {
        self.runtime.set_label(label);
        let scope = self.runtime.scope();
        let pending = self.call_hook(&scope, "readChunk", &[reader.get(&scope)])?;
        Ok(match self.runtime.settle_now(&scope, pending)? {
            Some(chunk) => ChunkRead::Ready(append_chunk(&scope, chunk, out)),
            None => ChunkRead::Waiting(scope.global(pending)),
        })
    }

    /// Waits for a chunk read that did not finish at once; its bytes go to
    /// `out`.
    pub async fn finish_chunk_read(
        &self,
        waiting: Global<Value>,
        out: &mut Vec<u8>,
    ) -> Result<Chunk, RuntimeError> {
        let chunk = self.runtime.settled(waiting).await?;
        let scope = self.runtime.scope();
        Ok(append_chunk(&scope, chunk.get(&scope), out))
    }

    /// Cancels a streamed body the client no longer reads.
    pub fn cancel_body(&self, reader: &Global<Value>) {
        let scope = self.runtime.scope();
        let reason = scope.string("the client went away");
        // A failure here means the runtime is already dead; nothing to cancel.
        let _ = self.call_hook(&scope, "cancelBody", &[reader.get(&scope), reason]);
    }

    /// Waits for every `waitUntil` promise registered so far.
    pub async fn wait_until_settled(&self) -> Result<(), RuntimeError> {
        let pending = {
            let scope = self.runtime.scope();
            let pending = self.call_hook(&scope, "waitUntilSettled", &[])?;
            scope.global(pending)
        };
        self.runtime.settled(pending).await.map(drop)
    }
}

/// The Response a request's settlement came to.
fn response_of(settled: Settled) -> Result<WorkerResponse, RuntimeError> {
    match settled {
        Settled::Response(response) => Ok(response),
        Settled::Value(_) => panic!("a request is settled by op_respond or its error"),
    }
}

/// Copies a chunk (a `Uint8Array`, as the `readChunk` hook checked) to the
/// end of `out`; anything else marks the end of the stream.
fn append_chunk(scope: &Scope<'_>, chunk: Local<'_, Value>, out: &mut Vec<u8>) -> Chunk {
    match scope.with_bytes(chunk, |bytes| out.extend_from_slice(bytes)) {
        Some(()) => Chunk::Appended,
        None => Chunk::End,
    }
}

/// How a request handed to the app went on at once.
pub enum Fetch {
    Answered(WorkerResponse),
    Waiting(PendingFetch),
}

/// A request the app has not answered yet. Dropped before the answer, it
/// cancels the request: the app's `request.signal` aborts.
pub struct PendingFetch {
    worker: Rc<Worker>,
    answer: SettlementSlot,
    /// The app's Request, for `abortRequest`; None once answered.
    request: Option<Global<Value>>,
    label: Option<RequestId>,
}

impl PendingFetch {
    /// Waits for the app's Response.
    pub async fn response(mut self) -> Result<WorkerResponse, RuntimeError> {
        let settled = self.worker.runtime.settlement(&self.answer).await;
        self.request = None;
        response_of(settled?)
    }
}

impl Drop for PendingFetch {
    fn drop(&mut self) {
        if let Some(request) = self.request.take() {
            self.worker.abort_request(&request, self.label.take());
        }
    }
}

/// Finds the entry module of the app folder `root`: `main` in the app's
/// `package.json`, else the first of `ENTRY_CANDIDATES` that exists.
pub fn find_entry(root: &Path) -> Result<PathBuf, String> {
    // Whether `root` is a folder is asked only when no entry is found: a
    // config of many apps calls this once per app at start.
    let package = root.join("package.json");
    if let Ok(text) = std::fs::read_to_string(&package) {
        if let Some(main) = package_main(&text) {
            let entry = root.join(main);
            return if entry.is_file() {
                Ok(entry)
            } else {
                Err(format!(
                    "{}: \"main\" names {}, which does not exist",
                    package.display(),
                    entry.display()
                ))
            };
        }
    }
    if let Some(entry) = ENTRY_CANDIDATES
        .iter()
        .map(|name| root.join(name))
        .find(|path| path.is_file())
    {
        return Ok(entry);
    }
    if !root.is_dir() {
        return Err(format!("{} is not a folder", root.display()));
    }
    Err(format!(
        "{}: no entry module (set \"main\" in package.json, or add one of {})",
        root.display(),
        ENTRY_CANDIDATES.join(", ")
    ))
}

/// The `main` field of a package.json, if it has one.
fn package_main(text: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    value.get("main")?.as_str().map(str::to_string)
}
