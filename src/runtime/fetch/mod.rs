//! Outbound `fetch()`: the HTTP client and the per-runtime table of requests
//! in flight and response bodies not yet read. The ops are in `ops/fetch.rs`,
//! the JavaScript in `js/56_fetch.js`.

pub mod client;
pub mod pool;
pub mod tls;

use std::cell::RefCell;
use std::collections::HashMap;

use std::rc::Rc;

use futures::future::{AbortHandle, AbortRegistration};

pub use client::{Body, Request};
pub use pool::IdlePool;

/// One fetch, keyed by the id JavaScript gave it: a handle that aborts
/// whatever future works on it now (connect and head, or one body read),
/// and the body between reads.
struct Entry {
    abort: AbortHandle,
    body: Option<Body>,
}

/// The fetches of one runtime. Dropping it closes their connections.
#[derive(Default)]
pub struct FetchState {
    entries: RefCell<HashMap<u32, Entry>>,
    /// Keep-alive connections between fetches.
    pub idle: Rc<IdlePool>,
}

impl FetchState {
    /// Registers fetch `id` (replacing a stale one) and returns what makes
    /// its start future abortable.
    pub fn begin(&self, id: u32) -> AbortRegistration {
        let (abort, registration) = AbortHandle::new_pair();
        let old = self
            .entries
            .borrow_mut()
            .insert(id, Entry { abort, body: None });
        if let Some(old) = old {
            old.abort.abort();
        }
        registration
    }

    /// Keeps the body for later reads; false when the fetch was cancelled.
    pub fn store_body(&self, id: u32, body: Body) -> bool {
        match self.entries.borrow_mut().get_mut(&id) {
            Some(entry) => {
                entry.body = Some(body);
                true
            }
            None => false,
        }
    }

    /// Takes the body out for one read, with a fresh abort registration.
    pub fn take_body(&self, id: u32) -> Result<(Body, AbortRegistration), &'static str> {
        let mut entries = self.entries.borrow_mut();
        let entry = entries
            .get_mut(&id)
            .ok_or("the response body was cancelled")?;
        let body = entry
            .body
            .take()
            .ok_or("the response body is already being read")?;
        let (abort, registration) = AbortHandle::new_pair();
        entry.abort = abort;
        Ok((body, registration))
    }

    /// Returns the body after a read, unless it was cancelled meanwhile.
    pub fn put_back(&self, id: u32, body: Body) {
        if let Some(entry) = self.entries.borrow_mut().get_mut(&id) {
            entry.body = Some(body);
        }
    }

    /// Forgets fetch `id` after it ended normally or with an error.
    pub fn finish(&self, id: u32) {
        self.entries.borrow_mut().remove(&id);
    }

    /// Aborts fetch `id`: its pending op fails now and its connection closes.
    pub fn cancel(&self, id: u32) {
        let entry = self.entries.borrow_mut().remove(&id);
        if let Some(entry) = entry {
            entry.abort.abort();
        }
    }
}
