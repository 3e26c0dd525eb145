//! What the embedder answers for `import()` and `import.meta`.

use std::ffi::c_void;

use super::exception::{JsResult, Throw};
use super::ffi::{self, Handle};
use super::isolate::IsolateCore;
use super::module::ImportAttributes;
use super::scope::{Local, Module, Scope, Value};
use super::value::ErrorKind;

/// Loads modules on demand for one isolate (see `Isolate::set_module_host`).
pub trait ModuleHost {
    /// `import(specifier)` in the script or module named `referrer`: the
    /// module's namespace, or a promise of it. A throw rejects the import.
    fn import<'s>(
        &self,
        scope: &'s Scope<'_>,
        referrer: Option<&str>,
        specifier: &str,
        attributes: &ImportAttributes,
    ) -> JsResult<'s, Local<'s, Value>>;

    /// `import.meta.resolve(specifier)` in the module at `url` (see
    /// `Scope::import_meta_resolve`): the URL it resolves to.
    fn resolve<'s>(
        &self,
        scope: &'s Scope<'_>,
        url: &str,
        specifier: &str,
    ) -> JsResult<'s, Local<'s, Value>>;

    /// Fills `module`'s `import.meta` object the first time it is read.
    fn init_import_meta<'s>(
        &self,
        scope: &'s Scope<'_>,
        module: Local<'s, Module>,
        meta: Local<'s, Value>,
    );
}

impl<'i> Scope<'i> {
    /// An `import.meta.resolve` function for the module at `url`, answered
    /// by the isolate's `ModuleHost::resolve`.
    pub fn import_meta_resolve(&self, url: &str) -> Option<Local<'_, Value>> {
        let url = self.string(url);
        // SAFETY: context and string are live.
        unsafe {
            Local::from_raw(ffi::nano_import_meta_resolve_new(
                self.raw_context(),
                url.raw(),
            ))
        }
    }
}

pub(crate) extern "C" fn meta_resolve_trampoline(
    core: *mut c_void,
    url: Handle,
    specifier: Handle,
) -> Handle {
    // SAFETY: slot 0 holds the live IsolateCore of the calling isolate.
    let core: &IsolateCore = unsafe { &*(core as *const IsolateCore) };
    let scope = Scope::for_callback(core);
    // SAFETY: V8 passes live handles of the current handle scope.
    let (url, specifier) = unsafe {
        (
            Local::<Value>::from_raw(url),
            Local::<Value>::from_raw(specifier),
        )
    };
    let url = url
        .and_then(|url| scope.string_value(url))
        .unwrap_or_default();
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let specifier = match specifier {
            Some(specifier) => scope.to_js_string(specifier)?,
            None => String::new(),
        };
        match host_of(core) {
            Some(host) => host.resolve(&scope, &url, &specifier),
            None => Err(scope.throw_error(ErrorKind::TypeError, "modules are not available here")),
        }
    }));
    match outcome {
        Ok(Ok(resolved)) => resolved.raw(),
        Ok(Err(Throw::Exception { value, .. })) => {
            scope.throw(value);
            std::ptr::null_mut()
        }
        Ok(Err(Throw::Terminated)) => std::ptr::null_mut(),
        Err(_) => {
            let error = scope.error(ErrorKind::Error, "internal error while resolving a module");
            scope.throw(error);
            std::ptr::null_mut()
        }
    }
}

/// Work queued with `Scope::defer`.
type DeferredTask = Box<dyn FnOnce(&Scope<'_>)>;

impl<'i> Scope<'i> {
    /// Runs `task` in a microtask of this scope's context, after the
    /// JavaScript running now (module evaluation that must not nest).
    pub fn defer(&self, task: impl FnOnce(&Scope<'_>) + 'static) {
        let task: *mut DeferredTask = Box::into_raw(Box::new(Box::new(task)));
        // SAFETY: the context is live; the bridge hands the pointer back to
        // `deferred_trampoline` exactly once, or not at all when it fails.
        if unsafe { ffi::nano_defer(self.raw_context(), task.cast()) } == 0 {
            // SAFETY: not queued, so still ours.
            drop(unsafe { Box::from_raw(task) });
        }
    }
}

pub(crate) extern "C" fn deferred_trampoline(core: *mut c_void, task: *mut c_void) {
    // SAFETY: slot 0 holds the live IsolateCore; `task` is the box leaked
    // by `Scope::defer`, handed back once.
    let (core, task) = unsafe {
        (
            &*(core as *const IsolateCore),
            Box::from_raw(task.cast::<DeferredTask>()),
        )
    };
    let scope = Scope::for_callback(core);
    let run = std::panic::AssertUnwindSafe(|| task(&scope));
    if std::panic::catch_unwind(run).is_err() {
        tracing::error!("a deferred task panicked");
    }
}

fn host_of(core: &IsolateCore) -> Option<std::rc::Rc<dyn ModuleHost>> {
    core.module_host.borrow().clone()
}

pub(crate) extern "C" fn dynamic_import_trampoline(
    core: *mut c_void,
    resource_name: Handle,
    specifier: Handle,
    assertions: Handle,
) -> Handle {
    // SAFETY: slot 0 holds the live IsolateCore of the calling isolate.
    let core: &IsolateCore = unsafe { &*(core as *const IsolateCore) };
    let scope = Scope::for_callback(core);
    // SAFETY: V8 passes live handles of the current handle scope.
    let (resource_name, specifier, assertions) = unsafe {
        (
            Local::<Value>::from_raw(resource_name),
            Local::<Value>::from_raw(specifier),
            Local::<Value>::from_raw(assertions),
        )
    };
    let referrer = resource_name.and_then(|name| scope.string_value(name));
    let specifier = specifier
        .and_then(|spec| scope.string_value(spec))
        .unwrap_or_default();
    let attributes = assertions
        .map(|pairs| scope.import_attributes(pairs))
        .unwrap_or_default();
    let resolver = scope.resolver();
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match host_of(core) {
        Some(host) => host.import(&scope, referrer.as_deref(), &specifier, &attributes),
        None => Err(Throw::Exception {
            value: scope.error(ErrorKind::TypeError, "import() is not available here"),
            message: None,
        }),
    }));
    let settled = match outcome {
        Ok(Ok(namespace)) => scope.settle(resolver, namespace, false),
        Ok(Err(Throw::Exception { value, .. })) => scope.settle(resolver, value, true),
        Ok(Err(Throw::Terminated)) => return std::ptr::null_mut(),
        Err(_) => {
            let error = scope.error(ErrorKind::Error, "internal error while importing a module");
            scope.settle(resolver, error, true)
        }
    };
    match settled {
        Ok(()) => scope.resolver_promise(resolver).raw(),
        Err(_) => std::ptr::null_mut(),
    }
}

pub(crate) extern "C" fn import_meta_trampoline(core: *mut c_void, module: Handle, meta: Handle) {
    // SAFETY: slot 0 holds the live IsolateCore of the calling isolate.
    let core: &IsolateCore = unsafe { &*(core as *const IsolateCore) };
    let Some(host) = host_of(core) else { return };
    let scope = Scope::for_callback(core);
    // SAFETY: V8 passes live handles of the current handle scope.
    let (module, meta) = unsafe { (Local::<Module>::from_raw(module), Local::from_raw(meta)) };
    let (Some(module), Some(meta)) = (module, meta) else {
        return;
    };
    let fill = std::panic::AssertUnwindSafe(|| host.init_import_meta(&scope, module, meta));
    if std::panic::catch_unwind(fill).is_err() {
        tracing::error!("import.meta initialisation panicked");
    }
}
