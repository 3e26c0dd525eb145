//! One core thread: its runtime, listener, accept loop, control polling
//! and drain.

use std::net::SocketAddr;
use std::panic::AssertUnwindSafe;
use std::pin::pin;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

use crossbeam_channel::{Receiver, Sender, TryRecvError};
use futures::future::{select, Either};
use futures::FutureExt;
use monoio::io::{AsyncWriteRent, AsyncWriteRentExt};
use monoio::net::TcpStream;
use monoio::time::{sleep, timeout, Instant};
use tracing::{info, warn};

use super::access_log::AccessLog;
use super::config::{Limits, ProxySettings};
use super::conn::serve_connection;
use super::control::{Control, Readiness};
use super::core_load::CoreLoad;
use super::http::HandlerFactory;
use super::listener::CoreListener;
use super::log_buffer::{buffer_thread_logs, flush_thread_logs};
use super::response::{encode_head, error_response, HeadParams};
use super::runtime::build_runtime;
use super::state::CoreState;

/// How often a core looks at its control channel. Control traffic (metric
/// scrapes, shutdown) is rare and tolerates a few milliseconds of delay,
/// while a crossbeam receiver cannot wake a monoio task; polling from a task
/// of its own keeps cross-thread wake-ups entirely off the request path.
const CONTROL_POLL: Duration = Duration::from_millis(10);
/// How often a core expires the deadlines of its connections and reports
/// whether it can take new work: every timeout fires up to this late.
const SWEEP_INTERVAL: Duration = Duration::from_millis(100);
/// Back-off after a failed accept (e.g. out of file descriptors).
const ACCEPT_BACKOFF: Duration = Duration::from_millis(20);
/// Connections taken from the listener's queue per accept that completes.
/// Each awaited accept costs a turn of the loop, in which every busy
/// connection is served first: a burst of new connections taken one per
/// turn would wait for hundreds of turns.
const ACCEPT_BATCH: usize = 64;

/// What a core thread needs to start.
pub(crate) struct CoreStart {
    pub index: usize,
    pub cpu: Option<core_affinity::CoreId>,
    /// The listeners: the shared one first, then one per app with a port
    /// of its own.
    pub addrs: Vec<SocketAddr>,
    pub limits: Limits,
    pub drain_timeout: Duration,
    pub access_log: AccessLog,
    pub proxy: ProxySettings,
    /// Whether the core may use io_uring (not under a syscall filter).
    pub io_uring: bool,
    pub factory: HandlerFactory,
    pub control: Receiver<Control>,
    /// Receives the bound addresses, or why the core could not start.
    pub ready: Sender<(usize, anyhow::Result<Vec<SocketAddr>>)>,
    pub readiness: Arc<Readiness>,
}

/// Body of a core thread; returns when the core has drained.
pub(crate) fn run_core(start: CoreStart) {
    if let Some(cpu) = start.cpu {
        if !core_affinity::set_for_current(cpu) {
            warn!(
                core = start.index,
                cpu = cpu.id,
                "could not pin thread to cpu; continuing unpinned"
            );
        }
    }
    let mut rt = match build_runtime(start.io_uring) {
        Ok(rt) => rt,
        Err(e) => {
            let err = anyhow::Error::new(e)
                .context(format!("core {}: building the runtime", start.index));
            let _ = start.ready.send((start.index, Err(err)));
            return;
        }
    };
    rt.block_on(core_main(start));
}

async fn core_main(start: CoreStart) {
    let CoreStart {
        index,
        addrs,
        limits,
        drain_timeout,
        access_log,
        proxy,
        factory,
        control,
        ready,
        readiness,
        ..
    } = start;

    let load = Rc::new(CoreLoad::default());
    let started = match std::panic::catch_unwind(AssertUnwindSafe(|| factory(index, load.clone())))
    {
        Ok(future) => AssertUnwindSafe(future).catch_unwind().await,
        Err(panic) => Err(panic),
    };
    let handler = match started {
        Ok(Ok(h)) => h,
        Ok(Err(e)) => {
            let _ = ready.send((
                index,
                Err(e.context(format!("core {index}: creating the handler"))),
            ));
            return;
        }
        Err(_) => {
            let _ = ready.send((
                index,
                Err(anyhow::anyhow!("core {index}: handler factory panicked")),
            ));
            return;
        }
    };
    let mut listeners = Vec::with_capacity(addrs.len());
    for addr in &addrs {
        match CoreListener::bind(*addr) {
            Ok(l) => listeners.push(l),
            Err(e) => {
                let err = anyhow::Error::new(e).context(format!("core {index}: binding {addr}"));
                let _ = ready.send((index, Err(err)));
                return;
            }
        }
    }
    let locals = listeners
        .iter()
        .zip(&addrs)
        .map(|(l, addr)| l.listener.local_addr().unwrap_or(*addr))
        .collect();

    let state = Rc::new(CoreState::new(
        index, limits, proxy, access_log, handler, load,
    ));
    monoio::spawn(control_loop(state.clone(), control));
    monoio::spawn(sweep_loop(state.clone(), readiness.clone()));
    readiness.listener_opened();
    let _ = ready.send((index, Ok(locals)));
    // From here on this thread logs a line per request: batch the writes.
    buffer_thread_logs();

    let accepting = listeners
        .iter()
        .enumerate()
        .map(|(which, l)| accept_loop(l, which, &state));
    futures::future::join_all(accepting).await;
    // Closing a listener makes the kernel refuse (or steer to another
    // core, while one still listens) any new connection; those it had
    // already completed are served, each told the connection closes.
    for (which, listener) in listeners.into_iter().enumerate() {
        for (stream, peer) in listener.close() {
            monoio::spawn(serve_connection(stream, peer, which, state.clone()));
        }
    }
    readiness.listener_closed();
    info!(core = index, "listener closed; draining");
    drain(&state, drain_timeout).await;
    info!(core = index, "core stopped");
    flush_thread_logs();
}

async fn accept_loop(listener: &CoreListener, which: usize, state: &Rc<CoreState>) {
    loop {
        let accepted = {
            let stop = state.shutdown.wait();
            match select(pin!(listener.listener.accept()), pin!(stop)).await {
                Either::Left((r, _)) => r,
                Either::Right(_) => return,
            }
        };
        match accepted {
            Ok((stream, peer)) => {
                admit(stream, peer, which, state);
                for _ in 1..ACCEPT_BATCH {
                    let Some((stream, peer)) = listener.accept_waiting() else {
                        break;
                    };
                    admit(stream, peer, which, state);
                }
            }
            Err(e) => {
                warn!(core = state.core, error = %e, "accept failed");
                sleep(ACCEPT_BACKOFF).await;
            }
        }
    }
}

/// Serves a new connection, making room for it by closing the oldest idle
/// one at the core's limit, or refusing it when none is idle.
fn admit(stream: TcpStream, peer: SocketAddr, which: usize, state: &Rc<CoreState>) {
    let max = state.limits.max_connections_per_core as u64;
    if state.metrics.borrow().connections() < max {
        monoio::spawn(serve_connection(stream, peer, which, state.clone()));
    } else if state.conns.evict_oldest_idle() {
        // The evicted connection closes at its next poll.
        state.metrics.borrow_mut().connection_evicted();
        monoio::spawn(serve_connection(stream, peer, which, state.clone()));
    } else {
        warn!(core = state.core, %peer, limit = max, "connection limit reached and none idle; answering 503");
        monoio::spawn(refuse_overloaded(stream, state.clone()));
    }
}

/// Answers 503 on a connection over the limit and closes it.
async fn refuse_overloaded(mut stream: TcpStream, state: Rc<CoreState>) {
    let resp = error_response(503);
    let request_id = state.next_request_id();
    let mut out = Vec::with_capacity(256);
    state.with_date(Instant::now(), |date| {
        let params = HeadParams {
            is_head: false,
            http11: true,
            keep_alive: false,
            request_id: &request_id,
            date,
        };
        encode_head(&resp, &params, &mut out);
    });
    if let super::http::ResponseBody::Full(body) = &resp.body {
        out.extend_from_slice(body);
    }
    let _ = timeout(Duration::from_secs(1), stream.write_all(out)).await;
    let _ = stream.shutdown().await;
}

/// Serves control messages until the channel closes (which also means
/// shut down).
async fn control_loop(state: Rc<CoreState>, rx: Receiver<Control>) {
    loop {
        loop {
            match rx.try_recv() {
                Ok(Control::Metrics(reply)) => {
                    let isolates = state.handler.isolate_stats();
                    let snapshot = {
                        let mut m = state.metrics.borrow_mut();
                        m.set_isolate_stats(isolates);
                        m.set_websocket_traffic(state.websocket_traffic.get());
                        m.snapshot()
                    };
                    let _ = reply.send(snapshot);
                }
                Ok(Control::Shutdown) => state.start_draining(),
                Ok(Control::Apps(reply)) => {
                    let _ = reply.send((state.core, state.handler.app_status()));
                }
                Ok(Control::Reload(apps)) => {
                    monoio::spawn(state.handler.reload(apps));
                }
                Ok(Control::Scheduled { app, cron, reply }) => {
                    match state.handler.scheduled(&app, cron) {
                        Some(run) => {
                            monoio::spawn(async move {
                                let _ = reply.send(Some(run.await));
                            });
                        }
                        None => {
                            let _ = reply.send(None);
                        }
                    }
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    state.start_draining();
                    return;
                }
            }
        }
        flush_thread_logs();
        sleep(CONTROL_POLL).await;
    }
}

/// Expires connection deadlines and tells the admin listener whether this
/// core can take new work, until the core stops.
async fn sweep_loop(state: Rc<CoreState>, readiness: Arc<Readiness>) {
    loop {
        sleep(SWEEP_INTERVAL).await;
        state.conns.expire(Instant::now());
        let max = state.limits.max_connections_per_core as u64;
        let full = state.metrics.borrow().connections() >= max && !state.conns.has_idle();
        readiness.set_saturated(state.core, full || state.handler.at_capacity());
    }
}

/// Waits for open connections to finish (idle ones close on the shutdown
/// signal), up to `limit`, then lets the handler finish background work.
async fn drain(state: &CoreState, limit: Duration) {
    let deadline = Instant::now() + limit;
    while state.metrics.borrow().connections() > 0 && Instant::now() < deadline {
        sleep(Duration::from_millis(10)).await;
    }
    let left = state.metrics.borrow().connections();
    if left > 0 {
        warn!(
            core = state.core,
            connections = left,
            "drain timeout passed; dropping open connections"
        );
    }
    // The handler gets whatever drain time is left, but at least a second.
    let budget = deadline
        .saturating_duration_since(Instant::now())
        .max(Duration::from_secs(1));
    if timeout(budget, state.handler.drain()).await.is_err() {
        warn!(core = state.core, "handler drain did not finish in time");
    }
}
