//! Raw declarations of `bridge.cc`. Everything here is unsafe to call; the
//! sibling modules wrap it in types that uphold V8's rules.

use std::ffi::{c_char, c_int, c_void};

/// An opaque `v8::Isolate`.
#[repr(C)]
pub struct RawIsolate {
    _private: [u8; 0],
}

/// An opaque snapshot maker (`v8::SnapshotCreator` plus bookkeeping).
#[repr(C)]
pub struct RawSnapshotMaker {
    _private: [u8; 0],
}

/// A `v8::Local<T>`: one pointer to a handle slot.
pub type Handle = *mut c_void;

/// The bridge's `GcPauseTotals`: a thread's garbage collection pauses.
#[repr(C)]
#[derive(Default)]
pub struct GcPauseTotals {
    pub minor_count: u64,
    pub minor_ns: u64,
    pub major_count: u64,
    pub major_ns: u64,
}

/// What a JavaScript-running bridge call reports when it fails.
#[repr(C)]
pub struct Caught {
    pub exception: Handle,
    pub message: Handle,
    pub terminated: c_int,
}

impl Caught {
    pub fn new() -> Self {
        Caught {
            exception: std::ptr::null_mut(),
            message: std::ptr::null_mut(),
            terminated: 0,
        }
    }
}

#[repr(C)]
pub struct CompileOptions {
    pub cache: *const u8,
    pub cache_len: usize,
    pub cache_rejected: c_int,
    /// Added to line numbers in messages and stack traces.
    pub line_offset: c_int,
}

pub type OpDispatchFn = extern "C" fn(core: *mut c_void, op_id: u32, info: *const c_void);
/// Frees bytes an ArrayBuffer took over: V8's `BackingStore::DeleterCallback`.
pub type BytesDeleterFn =
    extern "C" fn(data: *mut c_void, length: usize, deleter_data: *mut c_void);
pub type ModuleResolveFn = extern "C" fn(
    core: *mut c_void,
    context: Handle,
    specifier: Handle,
    referrer: Handle,
) -> Handle;
pub type PromiseRejectFn =
    extern "C" fn(core: *mut c_void, event: c_int, promise: Handle, value: Handle);
pub type DynamicImportFn = extern "C" fn(
    core: *mut c_void,
    resource_name: Handle,
    specifier: Handle,
    assertions: Handle,
) -> Handle;
pub type ImportMetaFn = extern "C" fn(core: *mut c_void, module: Handle, meta: Handle);
pub type DeferredFn = extern "C" fn(core: *mut c_void, task: *mut c_void);
pub type MetaResolveFn = extern "C" fn(core: *mut c_void, url: Handle, specifier: Handle) -> Handle;
pub type StackFrameFn = extern "C" fn(
    core: *mut c_void,
    file: *const c_char,
    file_len: usize,
    line: c_int,
    column: c_int,
    shown_line: *mut c_int,
    shown_column: *mut c_int,
) -> c_int;

/// An optimising compile on the isolate's own thread began (1) or ended (0).
pub type OptimisingFn = extern "C" fn(began: c_int);

extern "C" {
    pub fn nano_set_callbacks(
        op_dispatch: OpDispatchFn,
        module_resolve: ModuleResolveFn,
        promise_reject: PromiseRejectFn,
        stack_frame: StackFrameFn,
        optimising: OptimisingFn,
    );
    pub fn nano_set_module_host_callbacks(
        dynamic_import: DynamicImportFn,
        import_meta: ImportMetaFn,
        deferred: DeferredFn,
        meta_resolve: MetaResolveFn,
    );
    pub fn nano_platform_init(flags: *const c_char, worker_threads: c_int);
    pub fn nano_v8_version() -> *const c_char;
    pub fn nano_v8_library_path() -> *const c_char;

    pub fn nano_isolate_new(
        snapshot: *const c_char,
        snapshot_len: usize,
        max_heap_bytes: usize,
    ) -> *mut RawIsolate;
    pub fn nano_isolate_dispose(isolate: *mut RawIsolate);
    pub fn nano_isolate_set_core(isolate: *mut RawIsolate, core: *mut c_void);
    pub fn nano_isolate_enter(isolate: *mut RawIsolate);
    pub fn nano_isolate_exit(isolate: *mut RawIsolate);
    /// The isolate this thread has entered last, or null.
    pub fn nano_isolate_current() -> *mut RawIsolate;
    pub fn nano_isolate_terminate(isolate: *mut RawIsolate);
    pub fn nano_isolate_cancel_terminate(isolate: *mut RawIsolate);
    pub fn nano_isolate_near_heap_limit(isolate: *mut RawIsolate) -> c_int;
    pub fn nano_thread_gc_pauses(out: *mut GcPauseTotals);
    pub fn nano_isolate_run_microtasks(isolate: *mut RawIsolate);
    pub fn nano_isolate_pump_platform(isolate: *mut RawIsolate) -> c_int;
    pub fn nano_isolate_has_pending_background_tasks(isolate: *mut RawIsolate) -> c_int;
    pub fn nano_isolate_heap_stats(
        isolate: *mut RawIsolate,
        used: *mut usize,
        total: *mut usize,
        limit: *mut usize,
    );
    pub fn nano_isolate_low_memory(isolate: *mut RawIsolate);

    pub fn nano_handle_scope_size() -> usize;
    pub fn nano_handle_scope_open(storage: *mut c_void, isolate: *mut RawIsolate);
    pub fn nano_handle_scope_close(storage: *mut c_void);
    pub fn nano_context_new(isolate: *mut RawIsolate) -> Handle;
    pub fn nano_context_enter(context: Handle);
    pub fn nano_context_exit(context: Handle);
    pub fn nano_context_global(context: Handle) -> Handle;
    pub fn nano_context_snapshot_data(context: Handle) -> Handle;
    pub fn nano_isolate_current_context(isolate: *mut RawIsolate) -> Handle;

    pub fn nano_global_new(isolate: *mut RawIsolate, data: Handle) -> *mut c_void;
    pub fn nano_global_get(isolate: *mut RawIsolate, global: *mut c_void) -> Handle;
    pub fn nano_global_free(global: *mut c_void);

    pub fn nano_value_kind(value: Handle) -> c_int;
    pub fn nano_value_is_function(value: Handle) -> c_int;
    pub fn nano_undefined(isolate: *mut RawIsolate) -> Handle;
    pub fn nano_null(isolate: *mut RawIsolate) -> Handle;
    pub fn nano_boolean_new(isolate: *mut RawIsolate, value: c_int) -> Handle;
    pub fn nano_value_is_true(value: Handle) -> c_int;
    pub fn nano_value_truthy(isolate: *mut RawIsolate, value: Handle) -> c_int;
    pub fn nano_number_new(isolate: *mut RawIsolate, value: f64) -> Handle;
    pub fn nano_number_value(value: Handle, out: *mut f64) -> c_int;
    pub fn nano_bigint_new(isolate: *mut RawIsolate, value: i64) -> Handle;
    pub fn nano_bigint_value(value: Handle, lossless: *mut c_int) -> i64;
    pub fn nano_strict_equals(a: Handle, b: Handle) -> c_int;
    pub fn nano_same_data(a: Handle, b: Handle) -> c_int;
    pub fn nano_register_static_sources(
        data: *const *const c_char,
        lengths: *const usize,
        count: usize,
    );
    pub fn nano_string_new(isolate: *mut RawIsolate, utf8: *const c_char, len: usize) -> Handle;
    pub fn nano_string_new_latin1(isolate: *mut RawIsolate, bytes: *const u8, len: usize)
        -> Handle;
    /// -2: not a string; -1: held two bytes per character; else its length.
    pub fn nano_string_read_one_byte(
        isolate: *mut RawIsolate,
        value: Handle,
        buffer: *mut u8,
        capacity: usize,
    ) -> i64;
    pub fn nano_string_utf8_length(isolate: *mut RawIsolate, string: Handle) -> usize;
    pub fn nano_string_write_utf8(
        isolate: *mut RawIsolate,
        string: Handle,
        buffer: *mut c_char,
        capacity: usize,
    ) -> usize;
    pub fn nano_value_to_string(context: Handle, value: Handle, caught: *mut Caught) -> Handle;
    pub fn nano_object_new(isolate: *mut RawIsolate) -> Handle;
    pub fn nano_object_get(
        context: Handle,
        object: Handle,
        key: Handle,
        caught: *mut Caught,
    ) -> Handle;
    pub fn nano_object_get_index(
        context: Handle,
        object: Handle,
        index: u32,
        caught: *mut Caught,
    ) -> Handle;
    pub fn nano_object_set(
        context: Handle,
        object: Handle,
        key: Handle,
        value: Handle,
        caught: *mut Caught,
    ) -> c_int;
    pub fn nano_array_new(isolate: *mut RawIsolate, elements: *const Handle, len: usize) -> Handle;
    pub fn nano_array_length(array: Handle) -> u32;
    pub fn nano_array_buffer_new(isolate: *mut RawIsolate, data: *const u8, len: usize) -> Handle;
    pub fn nano_array_buffer_adopt(
        isolate: *mut RawIsolate,
        data: *mut u8,
        len: usize,
        deleter: BytesDeleterFn,
        deleter_data: *mut c_void,
    ) -> Handle;
    pub fn nano_uint8_array_new(buffer: Handle, offset: usize, len: usize) -> Handle;
    pub fn nano_array_buffer_detach(value: Handle) -> c_int;
    pub fn nano_array_buffer_bytes(buffer: Handle, len: *mut usize) -> *const u8;
    pub fn nano_view_bytes(view: Handle, len: *mut usize) -> *const u8;

    pub fn nano_error_new(isolate: *mut RawIsolate, kind: c_int, message: Handle) -> Handle;
    pub fn nano_throw(isolate: *mut RawIsolate, value: Handle);
    pub fn nano_message_text(message: Handle) -> Handle;
    pub fn nano_message_resource_name(message: Handle) -> Handle;
    pub fn nano_message_line(context: Handle, message: Handle) -> c_int;
    pub fn nano_message_column(context: Handle, message: Handle) -> c_int;
    pub fn nano_message_source_line(context: Handle, message: Handle) -> Handle;

    pub fn nano_op_function_new(context: Handle, op_id: u32, name: Handle) -> Handle;
    pub fn nano_callback_length(info: *const c_void) -> c_int;
    pub fn nano_callback_arg(info: *const c_void, index: c_int) -> Handle;
    pub fn nano_callback_this(info: *const c_void) -> Handle;
    pub fn nano_callback_return(info: *const c_void, value: Handle);
    pub fn nano_function_call(
        context: Handle,
        function: Handle,
        receiver: Handle,
        argc: usize,
        argv: *const Handle,
        caught: *mut Caught,
    ) -> Handle;

    pub fn nano_resolver_new(context: Handle) -> Handle;
    pub fn nano_resolver_promise(resolver: Handle) -> Handle;
    pub fn nano_resolver_settle(
        context: Handle,
        resolver: Handle,
        value: Handle,
        reject: c_int,
        caught: *mut Caught,
    ) -> c_int;
    pub fn nano_proxy_details(value: Handle, target: *mut Handle, handler: *mut Handle) -> c_int;
    pub fn nano_preview_entries(value: Handle, is_key_value: *mut c_int) -> Handle;
    pub fn nano_promise_state(value: Handle) -> c_int;
    pub fn nano_promise_result(promise: Handle) -> Handle;
    pub fn nano_promise_mark_handled(promise: Handle);
    pub fn nano_context_set_promise_hooks(
        context: Handle,
        init: Handle,
        before: Handle,
        after: Handle,
    );

    pub fn nano_script_compile(
        context: Handle,
        source: Handle,
        name: Handle,
        options: *mut CompileOptions,
        caught: *mut Caught,
    ) -> Handle;
    pub fn nano_script_run(context: Handle, script: Handle, caught: *mut Caught) -> Handle;
    pub fn nano_script_code_cache(script: Handle, len: *mut usize) -> *mut u8;
    pub fn nano_bytes_free(bytes: *mut u8);

    pub fn nano_module_compile(
        context: Handle,
        source: Handle,
        name: Handle,
        options: *mut CompileOptions,
        caught: *mut Caught,
    ) -> Handle;
    pub fn nano_module_request_count(module: Handle) -> c_int;
    pub fn nano_module_request_specifier(context: Handle, module: Handle, index: c_int) -> Handle;
    pub fn nano_module_instantiate(context: Handle, module: Handle, caught: *mut Caught) -> c_int;
    pub fn nano_module_evaluate(context: Handle, module: Handle, caught: *mut Caught) -> Handle;
    pub fn nano_module_status(module: Handle) -> c_int;
    pub fn nano_module_namespace(module: Handle) -> Handle;
    pub fn nano_module_exception(module: Handle) -> Handle;
    pub fn nano_module_identity_hash(module: Handle) -> c_int;
    pub fn nano_module_code_cache(module: Handle, len: *mut usize) -> *mut u8;
    pub fn nano_module_request_assertions(context: Handle, module: Handle, index: c_int) -> Handle;
    pub fn nano_import_meta_resolve_new(context: Handle, url: Handle) -> Handle;
    pub fn nano_defer(context: Handle, task: *mut c_void) -> c_int;
    pub fn nano_promise_then_value(context: Handle, promise: Handle, value: Handle) -> Handle;

    pub fn nano_snapshot_maker_new() -> *mut RawSnapshotMaker;
    pub fn nano_snapshot_maker_isolate(maker: *mut RawSnapshotMaker) -> *mut RawIsolate;
    pub fn nano_snapshot_maker_set_context(
        maker: *mut RawSnapshotMaker,
        context: Handle,
        data: Handle,
    );
    pub fn nano_snapshot_maker_finish(maker: *mut RawSnapshotMaker, len: *mut usize) -> *mut u8;
}
