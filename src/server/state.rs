//! What every connection task on one core shares (through an `Rc`).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use super::config::Limits;
use super::date::DateCache;
use super::http::CoreHandler;
use super::shutdown::Shutdown;
use crate::metrics::CoreMetrics;

pub(crate) struct CoreState {
    pub core: usize,
    pub app: String,
    pub limits: Limits,
    pub handler: Rc<dyn CoreHandler>,
    pub metrics: RefCell<CoreMetrics>,
    pub shutdown: Shutdown,
    next_request: Cell<u64>,
    date: RefCell<DateCache>,
}

impl CoreState {
    pub(crate) fn new(
        core: usize,
        app: String,
        limits: Limits,
        handler: Rc<dyn CoreHandler>,
    ) -> Self {
        CoreState {
            core,
            app,
            limits,
            handler,
            metrics: RefCell::new(CoreMetrics::new(core)),
            shutdown: Shutdown::default(),
            next_request: Cell::new(0),
            date: RefCell::new(DateCache::default()),
        }
    }

    /// Unique in the process: the core index, then this core's counter.
    pub(crate) fn next_request_id(&self) -> String {
        let n = self.next_request.get().wrapping_add(1);
        self.next_request.set(n);
        format!("{:x}-{:08x}", self.core, n)
    }

    pub(crate) fn with_date<R>(&self, f: impl FnOnce(&str) -> R) -> R {
        f(self.date.borrow_mut().now())
    }
}
