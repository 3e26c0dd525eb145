//! Handle scopes, local and global handles.
//!
//! A `Scope` opens a V8 handle scope (and optionally enters a context); every
//! `Local` made through it borrows it, so no local handle outlives its scope.
//! A `Global` keeps a value alive across scopes and turns of the event loop.

use std::cell::Cell;
use std::ffi::c_void;
use std::marker::PhantomData;
use std::mem::MaybeUninit;
use std::ptr::NonNull;
use std::rc::Rc;

use super::ffi::{self, Handle};
use super::isolate::{Entered, HandleScopeStorage, Isolate, IsolateCore};

/// Marker types naming what a handle points at.
pub enum Value {}
pub enum Context {}
pub enum Script {}
pub enum Module {}
pub enum Message {}
pub enum Resolver {}
/// A value checked to be callable.
pub enum Function {}

/// A handle valid while the scope `'s` is open: one pointer, laid out as
/// V8's `Local<T>` (slices of them are passed to V8 as handle arrays).
#[repr(transparent)]
pub struct Local<'s, T = Value> {
    ptr: NonNull<c_void>,
    _marker: PhantomData<(&'s (), *const T)>,
}

impl<T> Clone for Local<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Local<'_, T> {}

impl<'s, T> Local<'s, T> {
    /// # Safety
    /// `raw` must be null or a handle of a scope that outlives `'s`, pointing
    /// at a `T`.
    pub(crate) unsafe fn from_raw(raw: Handle) -> Option<Local<'s, T>> {
        NonNull::new(raw).map(|ptr| Local {
            ptr,
            _marker: PhantomData,
        })
    }

    pub(crate) fn raw(self) -> Handle {
        self.ptr.as_ptr()
    }

    /// Reinterprets the handle; callers check the kind first.
    pub(crate) fn cast<U>(self) -> Local<'s, U> {
        Local {
            ptr: self.ptr,
            _marker: PhantomData,
        }
    }
}

/// A persistent handle, released on drop. Dropping it after its isolate is
/// gone leaks the slot instead of touching freed memory.
pub struct Global<T = Value> {
    ptr: NonNull<c_void>,
    isolate: *mut ffi::RawIsolate,
    alive: Rc<Cell<bool>>,
    _marker: PhantomData<*const T>,
}

impl<T> Global<T> {
    /// A local handle to the same value, in `scope`.
    pub fn get<'s>(&self, scope: &'s Scope<'_>) -> Local<'s, T> {
        assert_eq!(
            self.isolate, scope.core.raw,
            "a Global used in another isolate"
        );
        // SAFETY: the global belongs to this (live) isolate, and the scope
        // has a handle scope open.
        unsafe {
            Local::from_raw(ffi::nano_global_get(self.isolate, self.ptr.as_ptr()))
                .expect("a Global is never empty")
        }
    }
}

impl<T> Drop for Global<T> {
    fn drop(&mut self) {
        if self.alive.get() {
            // SAFETY: the slot was made by nano_global_new for this isolate,
            // which is still alive.
            unsafe { ffi::nano_global_free(self.ptr.as_ptr()) };
        }
    }
}

/// An open handle scope, optionally with an entered context.
pub struct Scope<'i> {
    pub(crate) core: &'i IsolateCore,
    context: Cell<Handle>,
    entered_context: Cell<bool>,
    // Storage of the C++ HandleScope; None for scopes V8 opened for a callback.
    handle_scope: Option<HandleScopeStorage>,
    // Declared after `handle_scope`: the isolate is exited after the handle
    // scope closes (see Drop). None for callback scopes.
    _entered: Option<Entered>,
}

impl<'i> Scope<'i> {
    /// Opens a handle scope on `isolate`, with no context entered.
    pub fn new(isolate: &'i Isolate) -> Scope<'i> {
        let core = isolate.core();
        let entered = Entered::new(core.raw);
        // SAFETY: the storage is large enough and suitably aligned for a
        // v8::HandleScope, which stays at this heap address until Drop; the
        // isolate is entered.
        let storage = unsafe {
            let mut storage = core.spare_handle_scope.take().unwrap_or_else(|| {
                let words = ffi::nano_handle_scope_size().div_ceil(std::mem::size_of::<usize>());
                vec![MaybeUninit::<usize>::uninit(); words].into_boxed_slice()
            });
            ffi::nano_handle_scope_open(storage.as_mut_ptr().cast(), core.raw);
            storage
        };
        Scope {
            core,
            context: Cell::new(std::ptr::null_mut()),
            entered_context: Cell::new(false),
            handle_scope: Some(storage),
            _entered: Some(entered),
        }
    }

    /// Opens a handle scope and enters `context`, unless the isolate keeps
    /// it entered and no other context is entered on top of it.
    pub fn with_context(isolate: &'i Isolate, context: &Global<Context>) -> Scope<'i> {
        let scope = Scope::new(isolate);
        let local = context.get(&scope);
        let core = scope.core;
        if core.kept_context.get() == context.ptr.as_ptr() && core.contexts_entered.get() == 0 {
            scope.context.set(local.raw());
        } else {
            scope.enter_context(local);
        }
        scope
    }

    /// A scope for a callback from V8: its handle scope and context are V8's.
    pub(crate) fn for_callback(core: &'i IsolateCore) -> Scope<'i> {
        // SAFETY: called from inside a V8 callback on the isolate's thread.
        let context = unsafe { ffi::nano_isolate_current_context(core.raw) };
        Scope {
            core,
            context: Cell::new(context),
            entered_context: Cell::new(false),
            handle_scope: None,
            _entered: None,
        }
    }

    /// Enters `context` for the rest of this scope.
    pub fn enter_context(&self, context: Local<'_, Context>) {
        assert!(!self.entered_context.get(), "a scope enters one context");
        // SAFETY: the handle is live in this scope; Drop exits it.
        unsafe { ffi::nano_context_enter(context.raw()) };
        self.context.set(context.raw());
        self.entered_context.set(true);
        let entered = &self.core.contexts_entered;
        entered.set(entered.get() + 1);
    }

    /// Creates a new context (restored from the snapshot when there is one).
    pub fn new_context(&self) -> Local<'_, Context> {
        // SAFETY: a handle scope is open on the isolate.
        unsafe { Local::from_raw(ffi::nano_context_new(self.core.raw)) }
            .expect("V8 could not create a context")
    }

    /// The entered context. Panics when none is entered: a programming error.
    pub fn context(&self) -> Local<'_, Context> {
        // SAFETY: the context handle lives in this scope or an enclosing one.
        unsafe { Local::from_raw(self.context.get()) }.expect("no context entered in this scope")
    }

    pub(crate) fn raw_context(&self) -> Handle {
        self.context().raw()
    }

    /// The global object of the entered context.
    pub fn global_object(&self) -> Local<'_, Value> {
        // SAFETY: the context is live in this scope.
        unsafe { Local::from_raw(ffi::nano_context_global(self.raw_context())) }
            .expect("a context has a global object")
    }

    /// Makes a persistent handle to `local`.
    pub fn global<T>(&self, local: Local<'_, T>) -> Global<T> {
        // SAFETY: the local is live in this scope's isolate.
        let ptr = unsafe { ffi::nano_global_new(self.core.raw, local.raw()) };
        Global {
            ptr: NonNull::new(ptr).expect("allocation of a Global"),
            isolate: self.core.raw,
            alive: self.core.alive.clone(),
            _marker: PhantomData,
        }
    }

    /// The embedder state stored with `Isolate::set_slot`, if of type `T`.
    pub fn slot<T: 'static>(&self) -> Option<Rc<T>> {
        self.core.slot().and_then(|any| any.downcast::<T>().ok())
    }

    pub(crate) fn isolate_raw(&self) -> *mut ffi::RawIsolate {
        self.core.raw
    }
}

impl Isolate {
    /// Keeps `context` entered from now until `leave_kept_context`, so that
    /// a scope of it enters nothing in V8: an isolate that runs one app's
    /// context enters it once, not for every request. Its owner leaves it
    /// before dropping `context`.
    pub fn keep_context_entered(&self, context: &Global<Context>) {
        let core = self.core();
        assert!(
            core.kept_context.get().is_null() && core.contexts_entered.get() == 0,
            "an isolate keeps one context entered, at the bottom of its stack"
        );
        let scope = Scope::new(self);
        // SAFETY: the handle is live in this scope; `leave_kept_context`
        // exits it.
        unsafe { ffi::nano_context_enter(context.get(&scope).raw()) };
        core.kept_context.set(context.ptr.as_ptr());
    }

    /// Exits the context `keep_context_entered` kept entered, if it is
    /// `context`.
    pub fn leave_kept_context(&self, context: &Global<Context>) {
        let core = self.core();
        if core.kept_context.get() != context.ptr.as_ptr() {
            return;
        }
        assert_eq!(
            core.contexts_entered.get(),
            0,
            "a context is entered on top of the kept one"
        );
        let scope = Scope::new(self);
        // SAFETY: entered by `keep_context_entered` and on top of the
        // isolate's entered contexts; exited once (the mark is cleared).
        unsafe { ffi::nano_context_exit(context.get(&scope).raw()) };
        core.kept_context.set(std::ptr::null_mut());
    }
}

impl Drop for Scope<'_> {
    fn drop(&mut self) {
        if self.entered_context.get() {
            // SAFETY: this scope entered the context and exits it once.
            unsafe { ffi::nano_context_exit(self.context.get()) };
            let entered = &self.core.contexts_entered;
            entered.set(entered.get() - 1);
        }
        if let Some(mut storage) = self.handle_scope.take() {
            // SAFETY: the handle scope was opened in `new` at this address;
            // the isolate is exited after it, when `_entered` drops.
            unsafe { ffi::nano_handle_scope_close(storage.as_mut_ptr().cast()) };
            self.core.spare_handle_scope.set(Some(storage));
        }
    }
}
