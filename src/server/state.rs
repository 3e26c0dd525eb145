//! What every connection task on one core shares (through an `Rc`).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use monoio::time::Instant;

use super::access_log::AccessLog;
use super::config::{Limits, ProxySettings};
use super::conn_table::ConnTable;
use super::core_load::CoreLoad;
use super::date::DateCache;
use super::http::CoreHandler;
use super::shutdown::Shutdown;
use super::wall_clock::WallClock;
use crate::http::websocket::Traffic;
use crate::http::RequestId;
use crate::metrics::CoreMetrics;

pub(crate) struct CoreState {
    pub core: usize,
    pub limits: Limits,
    pub proxy: ProxySettings,
    pub access_log: AccessLog,
    pub handler: Rc<dyn CoreHandler>,
    pub metrics: RefCell<CoreMetrics>,
    pub shutdown: Shutdown,
    pub conns: Rc<ConnTable>,
    /// Requests running now: shared with the handler, which does its
    /// background work between requests.
    pub load: Rc<CoreLoad>,
    /// Messages its WebSockets moved, counted as they go (the metrics are
    /// borrowed only briefly, and a socket's loop holds this across waits).
    pub websocket_traffic: Cell<Traffic>,
    next_request: Cell<u64>,
    date: RefCell<DateCache>,
    pub(crate) wall_clock: WallClock,
    /// Request body bytes held now (see `Limits::max_buffered_body_bytes`).
    buffered_body_bytes: Cell<usize>,
}

impl CoreState {
    pub(crate) fn new(
        core: usize,
        limits: Limits,
        proxy: ProxySettings,
        access_log: AccessLog,
        handler: Rc<dyn CoreHandler>,
        load: Rc<CoreLoad>,
    ) -> Self {
        CoreState {
            core,
            limits,
            proxy,
            access_log,
            handler,
            metrics: RefCell::new(CoreMetrics::new(core)),
            shutdown: Shutdown::default(),
            conns: Rc::default(),
            load,
            websocket_traffic: Cell::default(),
            next_request: Cell::new(0),
            date: RefCell::new(DateCache::default()),
            wall_clock: WallClock::default(),
            buffered_body_bytes: Cell::new(0),
        }
    }

    /// The next request's id (see [`RequestId`]).
    pub(crate) fn next_request_id(&self) -> RequestId {
        let n = self.next_request.get().wrapping_add(1);
        self.next_request.set(n);
        RequestId::new(self.core, n)
    }

    pub(crate) fn request_started(&self) {
        self.metrics.borrow_mut().request_started();
        self.load.request_started();
    }

    pub(crate) fn request_finished(&self) {
        self.metrics.borrow_mut().request_finished();
        self.load.request_finished();
    }

    /// Starts the drain: what waits on the shutdown signal ends, and each
    /// connection waiting for a request it has received nothing of is given
    /// a grace time to send it.
    pub(crate) fn start_draining(&self) {
        self.shutdown.fire();
        self.conns.drain();
    }

    /// Calls `f` with the `Date` header's value at `at`.
    pub(crate) fn with_date<R>(&self, at: Instant, f: impl FnOnce(&str) -> R) -> R {
        f(self.date.borrow_mut().at(self.wall_clock.at(at)))
    }
}

/// Request body bytes one connection holds, counted against the core's
/// `max_buffered_body_bytes` until dropped.
pub(crate) struct BodyReservation {
    state: Rc<CoreState>,
    bytes: usize,
}

impl BodyReservation {
    pub(crate) fn new(state: Rc<CoreState>) -> Self {
        BodyReservation { state, bytes: 0 }
    }

    /// Holds `total` bytes in all (never fewer than before); false, holding
    /// nothing more, if that would pass the core's limit.
    pub(crate) fn hold(&mut self, total: usize) -> bool {
        let extra = total.saturating_sub(self.bytes);
        let held = &self.state.buffered_body_bytes;
        if held.get() + extra > self.state.limits.max_buffered_body_bytes {
            return false;
        }
        held.set(held.get() + extra);
        self.bytes += extra;
        true
    }
}

impl Drop for BodyReservation {
    fn drop(&mut self) {
        let held = &self.state.buffered_body_bytes;
        debug_assert!(held.get() >= self.bytes);
        held.set(held.get() - self.bytes);
    }
}
