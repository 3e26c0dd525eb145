//! Promises and their resolvers, so Rust can settle a promise later.

use std::ffi::c_int;

use super::exception::JsResult;
use super::ffi::{self, Caught};
use super::scope::{Local, Resolver, Scope, Value};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromiseState {
    Pending,
    Fulfilled,
    Rejected,
}

impl<'i> Scope<'i> {
    /// Runs every queued microtask, for code that holds only a scope (a
    /// snapshot's bootstrap); a runtime uses `Isolate::run_microtasks`.
    pub fn run_microtasks(&self) {
        // SAFETY: the scope keeps the isolate entered and a handle scope open.
        unsafe { ffi::nano_isolate_run_microtasks(self.isolate_raw()) };
    }

    /// A new pending promise's resolver.
    pub fn resolver(&self) -> Local<'_, Resolver> {
        // SAFETY: a context is entered.
        unsafe { Local::from_raw(ffi::nano_resolver_new(self.raw_context())) }
            .expect("V8 could not create a promise")
    }

    pub fn resolver_promise(&self, resolver: Local<'_, Resolver>) -> Local<'_, Value> {
        // SAFETY: the resolver is live.
        unsafe { Local::from_raw(ffi::nano_resolver_promise(resolver.raw())) }.expect("a promise")
    }

    /// Fulfils (or rejects, when `reject`) the resolver's promise.
    pub fn settle(
        &self,
        resolver: Local<'_, Resolver>,
        value: Local<'_, Value>,
        reject: bool,
    ) -> JsResult<'_, ()> {
        let mut caught = Caught::new();
        // SAFETY: context, resolver and value are live.
        let ok = unsafe {
            ffi::nano_resolver_settle(
                self.raw_context(),
                resolver.raw(),
                value.raw(),
                reject as c_int,
                &mut caught,
            )
        };
        if ok != 0 {
            Ok(())
        } else {
            Err(self.throw_from(&caught))
        }
    }

    /// The state of a Promise; None for other values.
    pub fn promise_state(&self, value: Local<'_, Value>) -> Option<PromiseState> {
        // SAFETY: the handle is live; the bridge checks that it is a promise.
        match unsafe { ffi::nano_promise_state(value.raw()) } {
            0 => Some(PromiseState::Pending),
            1 => Some(PromiseState::Fulfilled),
            2 => Some(PromiseState::Rejected),
            _ => None,
        }
    }

    /// Has V8 call `init(promise, parent)` when a promise is made, and
    /// `before(promise)`/`after(promise)` around each of its reactions, in
    /// the entered context. False (nothing installed) unless all three are
    /// functions.
    pub fn set_promise_hooks(
        &self,
        init: Local<'_, Value>,
        before: Local<'_, Value>,
        after: Local<'_, Value>,
    ) -> bool {
        if [init, before, after].iter().any(|hook| !hook.is_function()) {
            return false;
        }
        // SAFETY: the context is entered and the three handles are live functions.
        unsafe {
            ffi::nano_context_set_promise_hooks(
                self.raw_context(),
                init.raw(),
                before.raw(),
                after.raw(),
            )
        };
        true
    }

    /// The value or reason of a settled promise.
    pub fn promise_result(&self, promise: Local<'_, Value>) -> Option<Local<'_, Value>> {
        match self.promise_state(promise)? {
            PromiseState::Pending => None,
            // SAFETY: the promise is settled, so V8 has a result.
            _ => unsafe { Local::from_raw(ffi::nano_promise_result(promise.raw())) },
        }
    }

    /// `promise.then(() => value)`.
    pub fn promise_then_value<'s>(
        &'s self,
        promise: Local<'_, Value>,
        value: Local<'_, Value>,
    ) -> Option<Local<'s, Value>> {
        self.promise_state(promise)?;
        // SAFETY: it is a promise; context and value are live.
        unsafe {
            Local::from_raw(ffi::nano_promise_then_value(
                self.raw_context(),
                promise.raw(),
                value.raw(),
            ))
        }
    }

    /// Stops V8 from reporting this promise's rejection as unhandled.
    pub fn mark_handled(&self, promise: Local<'_, Value>) {
        if self.promise_state(promise).is_some() {
            // SAFETY: it is a promise.
            unsafe { ffi::nano_promise_mark_handled(promise.raw()) };
        }
    }
}
