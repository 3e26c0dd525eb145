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

    /// Unique in the process: the core index, then this core's counter, in
    /// hex (`1-0000002a`). Made for every request, so without `format!`.
    pub(crate) fn next_request_id(&self) -> Rc<str> {
        let n = self.next_request.get().wrapping_add(1);
        self.next_request.set(n);
        let mut text = [0u8; REQUEST_ID_MAX];
        let dash = put_hex(&mut text, 0, self.core as u64, 1);
        text[dash] = b'-';
        let end = put_hex(&mut text, dash + 1, n, 8);
        Rc::from(std::str::from_utf8(&text[..end]).expect("hex digits are ASCII"))
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

/// The longest request id: two 64-bit numbers in hex and the dash.
const REQUEST_ID_MAX: usize = 2 * 16 + 1;

/// Writes `value` in lowercase hex, zero-padded to at least `width` (at
/// most 16) digits, into `out` from `at`; returns where the digits end.
fn put_hex(out: &mut [u8], at: usize, value: u64, width: usize) -> usize {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    assert!(width <= 16, "a u64 has 16 hex digits");
    let digits = (16 - value.leading_zeros() as usize / 4).max(width);
    for (i, slot) in out[at..at + digits].iter_mut().enumerate() {
        let shift = 4 * (digits - 1 - i);
        *slot = DIGITS[((value >> shift) & 0xf) as usize];
    }
    at + digits
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

#[cfg(test)]
mod tests {
    use super::put_hex;

    #[test]
    fn hex_is_padded_like_format() {
        for (value, width) in [
            (0u64, 1),
            (0, 8),
            (0x2a, 8),
            (0xdead_beef_1234, 8),
            (u64::MAX, 1),
            (15, 1),
            (16, 1),
        ] {
            let mut out = [b'?'; 20];
            let end = put_hex(&mut out, 2, value, width);
            assert_eq!(out[..2], *b"??", "nothing before `at` is written");
            assert_eq!(&out[2..end], format!("{value:0width$x}").as_bytes());
        }
    }
}
