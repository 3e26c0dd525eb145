//! One app on one core: the bridge between HTTP and the app's runtime.
//! The core loads its own copy of the app into its own isolate, taken from
//! the core's warm pool, and replaces it when it is terminated (time or
//! memory limit) or when the app is reloaded (SIGHUP).

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures::future::{AbortHandle, Abortable};
use futures::lock::Mutex;
use tracing::{debug, error, info, warn};

use super::content_coding;
use super::hosted::HostedApp;
use super::http::{
    Handling, HttpRequest, HttpResponse, RequestContext, ResponseBody, WebSocketUpgrade,
};
use super::warm_pool::WarmPool;
use super::websocket;
use crate::http::{RequestHeaders, RequestId};
use crate::metrics::{Buckets, ScheduledOutcome, ScheduledRuns, COLD_START_BUCKETS_SECONDS};
use crate::runtime::{
    CacheLimits, CacheStore, Chunk, ChunkRead, ConsoleLevel, ConsoleSink, Death, Fetch,
    RuntimeError, Worker, WorkerBody, WorkerRequest, WorkerResponse,
};
use crate::v8::{Global, Value};

/// Limits of each app isolate.
#[derive(Clone, Debug, PartialEq)]
pub struct IsolateLimits {
    /// Longest single run of JavaScript; longer runs are terminated (503).
    pub cpu_limit: Duration,
    /// Heap limit in MiB; reaching it terminates the isolate (503).
    pub max_heap_mb: usize,
    /// Requests one isolate works on at once; more are answered 503.
    pub max_in_flight: usize,
    /// The app's Cache API store on each core.
    pub cache: CacheLimits,
}

/// How a reload of an app went on a core, sent to whoever watches the
/// reloads (`nano dev` prints them, with a load error's source line).
#[derive(Debug)]
pub struct LoadReport {
    pub app: String,
    pub outcome: Result<(), RuntimeError>,
}

/// Where a core sends its [`LoadReport`]s.
pub type LoadReports = crossbeam_channel::Sender<LoadReport>;

/// How often a version replaced by a reload checks whether its requests
/// have finished.
const RETIRE_POLL: Duration = Duration::from_millis(50);

/// What a core keeps about one app whether or not it is loaded: it
/// outlives the app's isolates (evictions, terminations, reloads).
pub(crate) struct AppStats {
    pub terminations: Terminations,
    /// Time from a request finding the app unloaded to the app loaded.
    pub cold_starts: RefCell<Buckets>,
    /// Why the app last failed to load; cleared when it loads.
    pub last_error: RefCell<Option<String>>,
    /// The exports NANO does not run that were last warned about, so that
    /// each core warns once per change of the list, not at every load.
    pub warned_unserved: RefCell<Option<String>>,
    /// Runs of its `scheduled` handler on this core.
    pub scheduled: RefCell<ScheduledRuns>,
}

impl Default for AppStats {
    fn default() -> Self {
        AppStats {
            terminations: Terminations::default(),
            cold_starts: RefCell::new(Buckets::new(&COLD_START_BUCKETS_SECONDS)),
            last_error: RefCell::default(),
            warned_unserved: RefCell::default(),
            scheduled: RefCell::default(),
        }
    }
}

/// Isolates of the app terminated on this core since start, by reason.
#[derive(Default)]
pub(crate) struct Terminations {
    pub cpu_limit: Cell<u64>,
    pub heap_limit: Cell<u64>,
}

impl Terminations {
    /// Counts the death of `worker`'s runtime, if it died. Called once per
    /// worker, when its event loop ends.
    fn note(&self, worker: &Worker) {
        let counter = match worker.runtime().death() {
            Some(Death::TimedOut) => &self.cpu_limit,
            Some(Death::OutOfMemory) => &self.heap_limit,
            Some(Death::Terminated) | None => return,
        };
        counter.set(counter.get() + 1);
    }
}

/// The worker that takes new requests, and the handle that stops its event
/// loop.
struct Live {
    worker: Rc<Worker>,
    event_loop: AbortHandle,
}

/// One app loaded (or about to be) on one core.
pub(crate) struct AppCore {
    hosted: RefCell<Arc<HostedApp>>,
    name: Rc<str>,
    core: usize,
    pool: Rc<WarmPool>,
    worker: RefCell<Option<Live>>,
    /// Held while a worker loads, so requests that come meanwhile wait for
    /// it instead of loading the app again.
    loading: Mutex<()>,
    /// Versions replaced by a reload, still finishing their requests and
    /// `waitUntil` work.
    retiring: RefCell<Vec<Weak<Worker>>>,
    replaced: Cell<u64>,
    in_flight: Cell<usize>,
    stats: Rc<AppStats>,
    cache: Rc<CacheStore>,
    reports: Option<LoadReports>,
}

impl AppCore {
    /// The app, not loaded yet: its first request loads it.
    pub(crate) fn new(
        hosted: Arc<HostedApp>,
        core: usize,
        pool: Rc<WarmPool>,
        stats: Rc<AppStats>,
        cache: Rc<CacheStore>,
        reports: Option<LoadReports>,
    ) -> Rc<AppCore> {
        Rc::new(AppCore {
            name: hosted.name.as_str().into(),
            hosted: RefCell::new(hosted),
            core,
            pool,
            worker: RefCell::new(None),
            loading: Mutex::new(()),
            retiring: RefCell::new(Vec::new()),
            replaced: Cell::new(0),
            in_flight: Cell::new(0),
            stats,
            cache,
            reports,
        })
    }

    /// Loads the app now; fails when it does not load.
    pub(crate) async fn load_now(self: &Rc<Self>) -> Result<(), RuntimeError> {
        self.worker().await.map(drop)
    }

    /// The live worker, loading one if there is none yet or the last was
    /// terminated.
    async fn worker(self: &Rc<Self>) -> Result<Rc<Worker>, RuntimeError> {
        match self.live_worker() {
            Some(worker) => Ok(worker),
            // Loading is rare and its future large (over 1 KiB): boxed, it
            // does not weigh on the future of every request.
            None => Box::pin(self.load_worker()).await,
        }
    }

    /// Loads a worker unless another load, waited for here, made one.
    async fn load_worker(self: &Rc<Self>) -> Result<Rc<Worker>, RuntimeError> {
        let _loading = self.loading.lock().await;
        if let Some(worker) = self.live_worker() {
            return Ok(worker);
        }
        let first = self.worker.borrow().is_none();
        let started = Instant::now();
        let hosted = self.hosted.borrow().clone();
        let (worker, warm) = match self.load(&hosted).await {
            Ok(loaded) => loaded,
            Err(error) => {
                *self.stats.last_error.borrow_mut() = Some(error.to_string());
                return Err(error);
            }
        };
        self.stats.last_error.borrow_mut().take();
        if first {
            let took = started.elapsed();
            self.stats.cold_starts.borrow_mut().observe(took);
            debug!(app = %self.name, core = self.core, warm, took_us = took.as_micros() as u64, "app loaded");
        }
        if let Some(old) = self.install(worker.clone()) {
            self.replaced.set(self.replaced.get() + 1);
            info!(app = %self.name, core = self.core, replaced = self.replaced.get(), warm, "isolate replaced");
            self.retire(old);
        }
        Ok(worker)
    }

    fn live_worker(&self) -> Option<Rc<Worker>> {
        let live = self.worker.borrow();
        let worker = &live.as_ref()?.worker;
        (!worker.runtime().is_dead()).then(|| worker.clone())
    }

    /// Loads `hosted` from disk into a runtime from the warm pool (or a new
    /// one); says whether the pool had one.
    async fn load(&self, hosted: &HostedApp) -> Result<(Rc<Worker>, bool), RuntimeError> {
        let (mut runtime, warm) = self.pool.take(hosted.limits.max_heap_mb)?;
        runtime.adopt(
            console_sink(self.name.clone(), self.core),
            Some(hosted.limits.cpu_limit),
        );
        self.cache.set_limits(hosted.limits.cache);
        runtime.set_cache(self.cache.clone());
        let worker = Worker::load(&hosted.spec, runtime).await?;
        self.warn_unserved(&worker);
        // Cron triggers run on core 0 only: one warning is enough.
        if self.core == 0 && !hosted.crons.is_empty() && !worker.has_scheduled_handler() {
            warn!(app = %self.name, core = self.core, "the app has cron triggers but no scheduled handler: export default {{ scheduled(controller, env, ctx) }}");
        }
        Ok((Rc::new(worker), warm))
    }

    /// Names the exports the app has that NANO never calls, when they
    /// differ from those last named.
    fn warn_unserved(&self, worker: &Worker) {
        let unserved = worker.unserved_exports();
        let mut warned = self.stats.warned_unserved.borrow_mut();
        if warned.as_deref() == unserved {
            return;
        }
        if let Some(list) = unserved {
            warn!(app = %self.name, core = self.core, "exports that NANO does not run, so they are never called: {list}");
        }
        *warned = unserved.map(str::to_owned);
    }

    /// Starts `worker`'s event loop and gives it the new requests; returns
    /// the one it takes over from.
    fn install(self: &Rc<Self>, worker: Rc<Worker>) -> Option<Live> {
        let (event_loop, registration) = AbortHandle::new_pair();
        let running = worker.clone();
        let (name, core) = (self.name.clone(), self.core);
        let stats = self.stats.clone();
        monoio::spawn(async move {
            let run = Abortable::new(running.runtime().run_forever(), registration);
            match run.await {
                Ok(ended) => debug!(app = %name, core, reason = %ended, "isolate event loop ended"),
                Err(_) => debug!(app = %name, core, "retired isolate stopped"),
            }
            stats.terminations.note(&running);
        });
        self.worker
            .borrow_mut()
            .replace(Live { worker, event_loop })
    }

    /// Loads the app again, as `hosted` now describes it; on success new
    /// requests go to the new version and the old one retires. On failure
    /// the old one keeps serving. An app not loaded yet only takes the new
    /// description: its first request loads it.
    pub(crate) async fn reload(self: Rc<Self>, hosted: Arc<HostedApp>) {
        if self.worker.borrow().is_none() {
            *self.hosted.borrow_mut() = hosted;
            return;
        }
        let _loading = self.loading.lock().await;
        let outcome = match self.load(&hosted).await {
            Ok((worker, _)) => {
                *self.hosted.borrow_mut() = hosted;
                self.stats.last_error.borrow_mut().take();
                if let Some(old) = self.install(worker) {
                    self.retire(old);
                }
                info!(app = %self.name, core = self.core, "app reloaded");
                Ok(())
            }
            Err(error) => {
                *self.stats.last_error.borrow_mut() = Some(error.to_string());
                error!(app = %self.name, core = self.core, error = %error, "reload failed; the previous version keeps serving");
                Err(error)
            }
        };
        if let Some(reports) = &self.reports {
            let app = self.name.to_string();
            // Nobody listening any more (the process is ending) is fine.
            let _ = reports.send(LoadReport { app, outcome });
        }
    }

    /// Unloads the app: its isolate finishes the requests it has, then is
    /// freed.
    pub(crate) fn unload(self: &Rc<Self>) {
        if let Some(live) = self.worker.borrow_mut().take() {
            self.retire(live);
        }
    }

    /// Lets a replaced version finish the requests and `waitUntil` work it
    /// has, then stops its event loop, which frees its isolate once the
    /// last request holding it lets go. A terminated one has nothing left
    /// to finish: its event loop stops now.
    fn retire(self: &Rc<Self>, old: Live) {
        let Live { worker, event_loop } = old;
        if worker.runtime().is_dead() {
            event_loop.abort();
            return;
        }
        let weak = Rc::downgrade(&worker);
        self.retiring.borrow_mut().push(weak.clone());
        let app = self.clone();
        monoio::spawn(async move {
            // Requests running on it hold references; so do its event loop
            // and this task.
            while Rc::strong_count(&worker) > 2 {
                monoio::time::sleep(RETIRE_POLL).await;
            }
            if let Err(error) = worker.wait_until_settled().await {
                warn!(app = %app.name, core = app.core, error = %error, "waitUntil work of a replaced version failed");
            }
            event_loop.abort();
            app.retiring
                .borrow_mut()
                .retain(|other| !other.ptr_eq(&weak));
        });
    }

    /// Every worker with work left: the live one and those retiring.
    pub(crate) fn workers(&self) -> Vec<Rc<Worker>> {
        let live = self
            .worker
            .borrow()
            .as_ref()
            .map(|live| live.worker.clone());
        let retiring = self.retiring.borrow();
        live.into_iter()
            .chain(retiring.iter().filter_map(Weak::upgrade))
            .collect()
    }

    /// Isolates of the app alive on this core: the live one and those
    /// retiring.
    pub(crate) fn isolates(&self) -> usize {
        self.workers().len()
    }

    pub(crate) fn in_flight(&self) -> usize {
        self.in_flight.get()
    }

    pub(crate) fn at_capacity(&self) -> bool {
        self.in_flight.get() >= self.hosted.borrow().limits.max_in_flight
    }

    /// Finishes the `waitUntil` work of every version.
    pub(crate) async fn drain(&self) {
        for worker in self.workers() {
            if let Err(error) = worker.wait_until_settled().await {
                warn!(app = %self.name, core = self.core, error = %error, "waitUntil work failed during drain");
            }
        }
    }

    /// Answers one request: at once when the app is loaded and answers at
    /// once (most requests), else with a future of its own.
    pub(crate) fn handle(self: Rc<Self>, request: HttpRequest, ctx: RequestContext) -> Handling {
        if self.at_capacity() {
            let limit = self.hosted.borrow().limits.max_in_flight;
            warn!(app = %self.name, core = self.core, request_id = %ctx.request_id, limit, "too many requests in flight in the isolate; answering 503");
            let mut response = HttpResponse::text(503, "Service Unavailable\n");
            response.headers.push(("retry-after".into(), "1".into()));
            return Handling::Ready(response);
        }
        let in_flight = InFlight::enter(&self);
        match self.live_worker() {
            Some(worker) => self.fetch(worker, request, ctx, in_flight),
            None => Handling::Pending(Box::pin(async move {
                match self.load_worker().await {
                    Ok(worker) => self.fetch(worker, request, ctx, in_flight).response().await,
                    Err(error) => {
                        error!(app = %self.name, core = self.core, request_id = %ctx.request_id, error = %error, "app failed to load");
                        HttpResponse::text(503, "Service Unavailable\n")
                    }
                }
            })),
        }
    }

    /// Hands the request to `worker`; the request stays in flight (`in_flight`
    /// held) until its response is made, by the future that waits for it
    /// when the app does not answer at once.
    fn fetch(
        self: Rc<Self>,
        worker: Rc<Worker>,
        request: HttpRequest,
        ctx: RequestContext,
        in_flight: InFlight,
    ) -> Handling {
        let accepted =
            content_coding::Accepted::from_header(request.header("accept-encoding").as_deref());
        let http11 = request.http11;
        let has_body = !request.body.is_empty() || !matches!(&*request.method, "GET" | "HEAD");
        let mut worker_request = WorkerRequest {
            url: request.target.shared_url(),
            method: request.method,
            headers: with_connecting_ip(request.headers, request.client_ip),
            body: has_body.then_some(request.body),
        };
        let label = ctx.request_id;
        let outcome = match worker.start_fetch(&mut worker_request, Some(label)) {
            Ok(Fetch::Answered(response)) => Ok(response),
            Ok(Fetch::Waiting(pending)) => {
                return Handling::Pending(Box::pin(async move {
                    let _in_flight = in_flight;
                    let outcome = pending.response().await;
                    self.respond(worker, outcome, &worker_request, http11, accepted, label)
                }))
            }
            Err(error) => Err(error),
        };
        Handling::Ready(self.respond(worker, outcome, &worker_request, http11, accepted, label))
    }

    /// The HTTP response to what the app answered `request`.
    fn respond(
        self: &Rc<Self>,
        worker: Rc<Worker>,
        outcome: Result<WorkerResponse, RuntimeError>,
        request: &WorkerRequest,
        http11: bool,
        accepted: content_coding::Accepted,
        label: RequestId,
    ) -> HttpResponse {
        match outcome {
            Ok(response) if response.web_socket.is_some() => {
                let key = websocket::upgrade_key(&request.method, http11, &request.headers);
                self.upgrade(worker, response, key, &label)
            }
            Ok(response) => {
                let mut http_response = HttpResponse {
                    status: response.status,
                    reason: Some(response.status_text),
                    headers: response.headers,
                    body: match response.body {
                        WorkerBody::None => ResponseBody::Empty,
                        WorkerBody::Bytes(bytes) => ResponseBody::Full(bytes),
                        WorkerBody::Stream(reader) => {
                            stream_body(worker, reader, self.clone(), label)
                        }
                    },
                };
                content_coding::encode(&mut http_response, response.body_is_encoded, accepted);
                http_response
            }
            Err(error) => self.failure(&label, &error),
        }
    }

    /// The 101 response that turns the connection into the WebSocket the
    /// app answered with; a 500 when the request did not ask for one.
    fn upgrade(
        &self,
        worker: Rc<Worker>,
        response: WorkerResponse,
        key: Result<String, &'static str>,
        request_id: &str,
    ) -> HttpResponse {
        let socket = response
            .web_socket
            .and_then(|id| worker.runtime().take_socket(id));
        match (socket, key) {
            (Some(socket), Ok(key)) => {
                let upgrade = WebSocketUpgrade {
                    socket,
                    keep: Box::new(worker),
                };
                websocket::switching_protocols(&key, response.headers, upgrade)
            }
            (None, _) => {
                error!(app = %self.name, core = self.core, request_id, "the response's WebSocket is no longer open; answering 500");
                HttpResponse::text(500, "Internal Server Error\n")
            }
            (Some(_), Err(why)) => {
                // Dropping the socket's end tells the app it closed (1006).
                error!(app = %self.name, core = self.core, request_id, "the app answered 101 with a WebSocket, but {why}; answering 500");
                HttpResponse::text(500, "Internal Server Error\n")
            }
        }
    }

    /// Runs the app's `scheduled` handler for the tick of `cron` due at
    /// `scheduled_time_ms`, loading the app first if need be; returns how
    /// it ended and, unless it went well, why.
    pub(crate) async fn scheduled(
        self: Rc<Self>,
        cron: &str,
        scheduled_time_ms: i64,
        label: RequestId,
    ) -> (ScheduledOutcome, Option<String>) {
        let _in_flight = InFlight::enter(&self);
        let outcome = match self.worker().await {
            Ok(worker) => worker.scheduled(cron, scheduled_time_ms, Some(label)).await,
            Err(error) => Err(error),
        };
        match outcome {
            Ok(()) => (ScheduledOutcome::Ok, None),
            Err(error) => {
                let outcome = match error {
                    RuntimeError::TimedOut => ScheduledOutcome::ExceededCpu,
                    RuntimeError::OutOfMemory(_) => ScheduledOutcome::ExceededMemory,
                    RuntimeError::Terminated => ScheduledOutcome::Canceled,
                    _ => ScheduledOutcome::Exception,
                };
                (outcome, Some(error.to_string()))
            }
        }
    }

    /// The client's view of a failed request; the details go to the log.
    fn failure(&self, request_id: &str, error: &RuntimeError) -> HttpResponse {
        match error {
            RuntimeError::TimedOut | RuntimeError::OutOfMemory(_) | RuntimeError::Terminated => {
                warn!(app = %self.name, core = self.core, request_id, error = %error, "request terminated; the isolate will be replaced");
                HttpResponse::text(503, "Service Unavailable\n")
            }
            other => {
                error!(app = %self.name, core = self.core, request_id, error = %other, "fetch handler failed");
                HttpResponse::text(500, "Internal Server Error\n")
            }
        }
    }
}

/// The headers with Workers' `CF-Connecting-IP` naming the client as the
/// server found it; a value the client sent itself is dropped.
fn with_connecting_ip(mut headers: RequestHeaders, client: std::net::IpAddr) -> RequestHeaders {
    headers.remove("cf-connecting-ip");
    match client {
        std::net::IpAddr::V4(v4) => {
            let mut v4_text = [0u8; IPV4_TEXT_MAX];
            let len = ipv4_text(v4, &mut v4_text);
            headers.push(b"cf-connecting-ip", &v4_text[..len]);
        }
        std::net::IpAddr::V6(_) => headers.push(b"cf-connecting-ip", client.to_string().as_bytes()),
    }
    headers
}

/// The longest IPv4 address in dotted form: `255.255.255.255`.
const IPV4_TEXT_MAX: usize = 15;

/// Writes `address` as std writes it into `out` (nearly every request's
/// client: no `core::fmt`, no allocation); returns its length.
fn ipv4_text(address: std::net::Ipv4Addr, out: &mut [u8; IPV4_TEXT_MAX]) -> usize {
    let mut len = 0;
    let mut digits = itoa::Buffer::new();
    for (i, octet) in address.octets().into_iter().enumerate() {
        if i > 0 {
            out[len] = b'.';
            len += 1;
        }
        let octet = digits.format(octet).as_bytes();
        out[len..len + octet.len()].copy_from_slice(octet);
        len += octet.len();
    }
    len
}

/// Counts a request of the app as in flight until its response head is
/// ready.
struct InFlight(Rc<AppCore>);

impl InFlight {
    fn enter(app: &Rc<AppCore>) -> Self {
        app.in_flight.set(app.in_flight.get() + 1);
        InFlight(app.clone())
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        let count = &self.0.in_flight;
        count.set(count.get() - 1);
    }
}

/// Chunks of a streamed body that are ready together are sent together, up
/// to this many bytes: one write instead of one per chunk.
const STREAM_BATCH_BYTES: usize = 64 * 1024;

/// Streams a ReadableStream body as the app produces it. What the stream
/// has ready goes out in one piece; a chunk the app is still making is
/// waited for only when nothing else is ready to send.
fn stream_body(
    worker: Rc<Worker>,
    reader: Global<Value>,
    app: Rc<AppCore>,
    request_id: RequestId,
) -> ResponseBody {
    let reading = BodyReader {
        worker,
        reader,
        waiting: None,
        finished: false,
    };
    let batches = futures::stream::unfold(reading, move |mut reading| {
        let app = app.clone();
        async move {
            let mut batch = Vec::new();
            while !reading.finished && batch.len() < STREAM_BATCH_BYTES {
                let Some(read) = reading.read_into(&mut batch, request_id).await else {
                    break;
                };
                match read {
                    Ok(Chunk::Appended) => {}
                    Ok(Chunk::End) => reading.finished = true,
                    Err(error) => {
                        reading.finished = true;
                        error!(app = %app.name, core = app.core, request_id = %request_id, error = %error, "response body stream failed");
                        return Some((Err(error.to_string()), reading));
                    }
                }
            }
            (!batch.is_empty()).then_some((Ok(batch), reading))
        }
    });
    ResponseBody::Stream(Box::pin(batches))
}

/// Cancels the app's stream when the client stops reading early.
struct BodyReader {
    worker: Rc<Worker>,
    reader: Global<Value>,
    /// A chunk read still running, started while a batch was ready to send.
    waiting: Option<Global<Value>>,
    finished: bool,
}

impl BodyReader {
    /// Reads the next chunk onto the end of `batch`. A chunk still being
    /// made is waited for only when `batch` is empty; otherwise its read is
    /// kept for the next batch and None says the batch is ready to send.
    async fn read_into(
        &mut self,
        batch: &mut Vec<u8>,
        request_id: RequestId,
    ) -> Option<Result<Chunk, RuntimeError>> {
        if let Some(waiting) = self.waiting.take() {
            return Some(self.worker.finish_chunk_read(waiting, batch).await);
        }
        if !batch.is_empty() {
            // More is ready: make room for the whole batch once instead of
            // growing it chunk by chunk.
            batch.reserve(STREAM_BATCH_BYTES.saturating_sub(batch.len()));
        }
        let label = Some(request_id);
        match self.worker.start_chunk_read(&self.reader, label, batch) {
            Ok(ChunkRead::Ready(chunk)) => Some(Ok(chunk)),
            Ok(ChunkRead::Waiting(waiting)) if !batch.is_empty() => {
                self.waiting = Some(waiting);
                None
            }
            Ok(ChunkRead::Waiting(waiting)) => {
                Some(self.worker.finish_chunk_read(waiting, batch).await)
            }
            Err(error) => Some(Err(error)),
        }
    }
}

impl Drop for BodyReader {
    fn drop(&mut self) {
        if !self.finished && !self.worker.runtime().is_dead() {
            self.worker.cancel_body(&self.reader);
        }
    }
}

/// Sends the app's `console.*` output to the log, tagged with the app and
/// the request its JavaScript runs for (`-` for none, e.g. top-level code).
fn console_sink(app: Rc<str>, core: usize) -> ConsoleSink {
    Box::new(move |level, text, label| {
        let request_id = label.unwrap_or("-");
        match level {
            ConsoleLevel::Debug => {
                debug!(target: "console", app = %app, core, request_id, "{text}")
            }
            ConsoleLevel::Log => info!(target: "console", app = %app, core, request_id, "{text}"),
            ConsoleLevel::Warn => warn!(target: "console", app = %app, core, request_id, "{text}"),
            ConsoleLevel::Error => {
                error!(target: "console", app = %app, core, request_id, "{text}")
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::{ipv4_text, with_connecting_ip, IPV4_TEXT_MAX};
    use crate::http::RequestHeaders;

    #[test]
    fn ipv4_addresses_read_as_std_writes_them() {
        for text in ["127.0.0.1", "0.0.0.0", "255.255.255.255", "10.20.3.4"] {
            let ip: std::net::Ipv4Addr = text.parse().unwrap();
            let mut out = [0u8; IPV4_TEXT_MAX];
            let len = ipv4_text(ip, &mut out);
            assert_eq!(&out[..len], text.as_bytes());
        }
    }

    #[test]
    fn the_connecting_ip_replaces_the_one_the_client_sent() {
        for client in ["10.20.3.4", "2001:db8::7"] {
            let mut headers = RequestHeaders::default();
            headers.push(b"CF-Connecting-IP", b"6.6.6.6");
            headers.push(b"host", b"a");
            let headers = with_connecting_ip(headers, client.parse().unwrap());
            let expected = format!("host:a\ncf-connecting-ip:{client}\n");
            assert_eq!(headers.as_latin1(), expected.as_bytes());
        }
    }
}
