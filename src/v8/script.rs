//! Classic scripts and their code cache.

use super::exception::JsResult;
use super::ffi::{self, Caught, CompileOptions, Handle};
use super::scope::{Local, Scope, Script, Value};

/// What happened to a code cache offered to the compiler.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CacheUse {
    /// No cache was offered.
    None,
    /// The cache was used and compilation skipped.
    Accepted,
    /// The cache did not match (other source or V8 build) and was ignored.
    Rejected,
}

fn compile_options(cache: Option<&[u8]>, line_offset: i32) -> CompileOptions {
    CompileOptions {
        cache: cache.map_or(std::ptr::null(), <[u8]>::as_ptr),
        cache_len: cache.map_or(0, <[u8]>::len),
        cache_rejected: 0,
        line_offset,
    }
}

fn cache_use(cache: Option<&[u8]>, options: &CompileOptions) -> CacheUse {
    match cache {
        None => CacheUse::None,
        Some(_) if options.cache_rejected != 0 => CacheUse::Rejected,
        Some(_) => CacheUse::Accepted,
    }
}

/// Copies a bridge-allocated buffer into a Vec and frees it.
///
/// # Safety
/// `bytes` is null or a `new[]` buffer of `len` bytes from the bridge.
pub(crate) unsafe fn take_bridge_bytes(bytes: *mut u8, len: usize) -> Option<Vec<u8>> {
    if bytes.is_null() {
        return None;
    }
    let copy = std::slice::from_raw_parts(bytes, len).to_vec();
    ffi::nano_bytes_free(bytes);
    Some(copy)
}

impl<'i> Scope<'i> {
    /// Compiles a classic script named `name` (shown in stack traces),
    /// consuming `cache` when given.
    pub fn compile_script(
        &self,
        source: &str,
        name: &str,
        cache: Option<&[u8]>,
    ) -> JsResult<'_, (Local<'_, Script>, CacheUse)> {
        self.compile_with(ffi::nano_script_compile, source, name, cache, 0)
    }

    /// Runs one of the bridge's compile functions (script or module).
    pub(crate) fn compile_with<T>(
        &self,
        compile: unsafe extern "C" fn(
            Handle,
            Handle,
            Handle,
            *mut CompileOptions,
            *mut Caught,
        ) -> Handle,
        source: &str,
        name: &str,
        cache: Option<&[u8]>,
        line_offset: i32,
    ) -> JsResult<'_, (Local<'_, T>, CacheUse)> {
        let source = self.try_string(source)?;
        let name = self.try_string(name)?;
        let mut options = compile_options(cache, line_offset);
        let mut caught = Caught::new();
        // SAFETY: handles are live; `options` points at `cache`, which
        // outlives the call; `compile` is a bridge compile function.
        let raw = unsafe {
            compile(
                self.raw_context(),
                source.raw(),
                name.raw(),
                &mut options,
                &mut caught,
            )
        };
        let compiled = self.caught_result(raw, &caught)?;
        Ok((compiled.cast(), cache_use(cache, &options)))
    }

    pub fn run_script(&self, script: Local<'_, Script>) -> JsResult<'_, Local<'_, Value>> {
        let mut caught = Caught::new();
        // SAFETY: the script and context are live.
        let raw = unsafe { ffi::nano_script_run(self.raw_context(), script.raw(), &mut caught) };
        self.caught_result(raw, &caught)
    }

    /// Compiles and runs a classic script.
    pub fn eval(&self, source: &str, name: &str) -> JsResult<'_, Local<'_, Value>> {
        self.eval_at(source, name, 0)
    }

    /// Compiles and runs a classic script whose first line is reported as
    /// line `1 + line_offset` (code wrapped in lines of its own).
    pub fn eval_at(
        &self,
        source: &str,
        name: &str,
        line_offset: i32,
    ) -> JsResult<'_, Local<'_, Value>> {
        let (script, _) =
            self.compile_with(ffi::nano_script_compile, source, name, None, line_offset)?;
        self.run_script(script)
    }

    /// The code cache of a compiled script, for a later `compile_script`.
    pub fn script_code_cache(&self, script: Local<'_, Script>) -> Option<Vec<u8>> {
        let mut len = 0;
        // SAFETY: the script is live; the bridge returns an owned buffer.
        unsafe { take_bridge_bytes(ffi::nano_script_code_cache(script.raw(), &mut len), len) }
    }
}
