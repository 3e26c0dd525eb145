//! ES modules: compile, list imports, instantiate with a resolver, evaluate.

use std::ffi::c_void;

use super::exception::JsResult;
use super::ffi::{self, Caught, Handle};
use super::isolate::IsolateCore;
use super::scope::{Local, Module, Scope, Value};
use super::script::{take_bridge_bytes, CacheUse};
use super::value::ErrorKind;

/// V8's `Module::Status`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModuleStatus {
    Uninstantiated,
    Instantiating,
    Instantiated,
    Evaluating,
    Evaluated,
    Errored,
}

/// An import's attributes (`with { type: "json" }`), as (key, value) pairs.
pub type ImportAttributes = Vec<(String, String)>;

/// Finds the module for `specifier` imported by `referrer`, or says why not.
pub type ModuleResolver<'r> = dyn for<'a> FnMut(&'a Scope<'_>, &str, Local<'a, Module>) -> Result<Local<'a, Module>, String>
    + 'r;

impl<'i> Scope<'i> {
    pub fn compile_module(
        &self,
        source: &str,
        name: &str,
        cache: Option<&[u8]>,
    ) -> JsResult<'_, (Local<'_, Module>, CacheUse)> {
        self.compile_with(ffi::nano_module_compile, source, name, cache, 0)
    }

    /// The specifiers this module imports, in source order.
    pub fn module_requests(&self, module: Local<'_, Module>) -> Vec<String> {
        // SAFETY: the module is live; indices are below the count.
        unsafe {
            let count = ffi::nano_module_request_count(module.raw());
            (0..count)
                .filter_map(|index| {
                    let raw =
                        ffi::nano_module_request_specifier(self.raw_context(), module.raw(), index);
                    Local::<Value>::from_raw(raw).and_then(|spec| self.string_value(spec))
                })
                .collect()
        }
    }

    /// The attributes of each import, in the order of `module_requests`.
    pub fn module_request_attributes(&self, module: Local<'_, Module>) -> Vec<ImportAttributes> {
        // SAFETY: the module is live; indices are below the count.
        unsafe {
            let count = ffi::nano_module_request_count(module.raw());
            (0..count)
                .map(|index| {
                    let raw = ffi::nano_module_request_assertions(
                        self.raw_context(),
                        module.raw(),
                        index,
                    );
                    Local::<Value>::from_raw(raw)
                        .map(|pairs| self.import_attributes(pairs))
                        .unwrap_or_default()
                })
                .collect()
        }
    }

    /// Reads the bridge's [key, value, key, value, ...] array.
    pub(crate) fn import_attributes(&self, pairs: Local<'_, Value>) -> ImportAttributes {
        let strings: Vec<String> = (0..self.array_length(pairs).unwrap_or(0))
            .map(|index| {
                self.get_index(pairs, index)
                    .ok()
                    .and_then(|item| self.string_value(item))
                    .unwrap_or_default()
            })
            .collect();
        strings
            .chunks_exact(2)
            .map(|pair| (pair[0].clone(), pair[1].clone()))
            .collect()
    }

    /// Links the module graph; `resolve` is asked for every import.
    pub fn instantiate_module(
        &self,
        module: Local<'_, Module>,
        resolve: &mut ModuleResolver<'_>,
    ) -> JsResult<'_, ()> {
        // The trampoline finds the resolver through the isolate for the
        // duration of this call only.
        let erased: *mut ModuleResolver<'_> = resolve;
        let slot = Box::new(erased);
        let previous = self
            .core
            .module_resolver
            .replace(Some(Box::into_raw(slot).cast()));
        let mut caught = Caught::new();
        // SAFETY: module and context are live; the resolver pointer stays
        // valid until it is taken back below.
        let ok =
            unsafe { ffi::nano_module_instantiate(self.raw_context(), module.raw(), &mut caught) };
        let installed = self.core.module_resolver.replace(previous);
        if let Some(raw) = installed {
            // SAFETY: this is the box leaked above.
            drop(unsafe { Box::from_raw(raw.cast::<*mut ModuleResolver<'_>>()) });
        }
        if ok != 0 {
            Ok(())
        } else {
            Err(self.throw_from(&caught))
        }
    }

    /// Evaluates an instantiated module. The result is a promise (modules
    /// may use top-level await).
    pub fn evaluate_module(&self, module: Local<'_, Module>) -> JsResult<'_, Local<'_, Value>> {
        let mut caught = Caught::new();
        // SAFETY: module and context are live.
        let raw =
            unsafe { ffi::nano_module_evaluate(self.raw_context(), module.raw(), &mut caught) };
        self.caught_result(raw, &caught)
    }

    pub fn module_status(&self, module: Local<'_, Module>) -> ModuleStatus {
        // SAFETY: the module is live.
        match unsafe { ffi::nano_module_status(module.raw()) } {
            0 => ModuleStatus::Uninstantiated,
            1 => ModuleStatus::Instantiating,
            2 => ModuleStatus::Instantiated,
            3 => ModuleStatus::Evaluating,
            4 => ModuleStatus::Evaluated,
            _ => ModuleStatus::Errored,
        }
    }

    /// The namespace object; only valid once the module is instantiated.
    pub fn module_namespace(&self, module: Local<'_, Module>) -> Option<Local<'_, Value>> {
        match self.module_status(module) {
            ModuleStatus::Uninstantiated | ModuleStatus::Instantiating => None,
            // SAFETY: the module is instantiated.
            _ => unsafe { Local::from_raw(ffi::nano_module_namespace(module.raw())) },
        }
    }

    /// The exception of an errored module.
    pub fn module_exception(&self, module: Local<'_, Module>) -> Option<Local<'_, Value>> {
        match self.module_status(module) {
            // SAFETY: the module is errored, so it has an exception.
            ModuleStatus::Errored => unsafe {
                Local::from_raw(ffi::nano_module_exception(module.raw()))
            },
            _ => None,
        }
    }

    /// A hash for bucketing modules; equal modules have equal hashes.
    pub fn module_identity_hash(&self, module: Local<'_, Module>) -> i32 {
        // SAFETY: the module is live.
        unsafe { ffi::nano_module_identity_hash(module.raw()) }
    }

    /// Whether two handles point at the same module.
    pub fn same_module(&self, a: Local<'_, Module>, b: Local<'_, Module>) -> bool {
        // SAFETY: both handles are live.
        unsafe { ffi::nano_same_data(a.raw(), b.raw()) != 0 }
    }

    /// The code cache of a compiled, not yet evaluated module.
    pub fn module_code_cache(&self, module: Local<'_, Module>) -> Option<Vec<u8>> {
        let mut len = 0;
        // SAFETY: the module is live; the bridge returns an owned buffer.
        unsafe { take_bridge_bytes(ffi::nano_module_code_cache(module.raw(), &mut len), len) }
    }
}

pub(crate) extern "C" fn resolve_trampoline(
    core: *mut c_void,
    _context: Handle,
    specifier: Handle,
    referrer: Handle,
) -> Handle {
    // SAFETY: slot 0 holds the live IsolateCore of the calling isolate.
    let core: &IsolateCore = unsafe { &*(core as *const IsolateCore) };
    let scope = Scope::for_callback(core);
    let Some(slot) = core.module_resolver.get() else {
        let error = scope.error(
            ErrorKind::Error,
            "modules are resolved only while instantiating",
        );
        scope.throw(error);
        return std::ptr::null_mut();
    };
    // SAFETY: `instantiate_module` installed this pointer and keeps the
    // resolver alive until InstantiateModule returns; V8 passes live handles.
    let (resolve, specifier, referrer) = unsafe {
        let resolve: &mut ModuleResolver<'_> = &mut **slot.cast::<*mut ModuleResolver<'_>>();
        (
            resolve,
            Local::<Value>::from_raw(specifier),
            Local::<Module>::from_raw(referrer),
        )
    };
    let specifier = specifier
        .and_then(|spec| scope.string_value(spec))
        .unwrap_or_default();
    let Some(referrer) = referrer else {
        return std::ptr::null_mut();
    };
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        resolve(&scope, &specifier, referrer)
    }));
    match outcome {
        Ok(Ok(module)) => module.raw(),
        Ok(Err(reason)) => {
            let error = scope.error(ErrorKind::Error, &reason);
            scope.throw(error);
            std::ptr::null_mut()
        }
        Err(_) => {
            let error = scope.error(ErrorKind::Error, "internal error while resolving a module");
            scope.throw(error);
            std::ptr::null_mut()
        }
    }
}
