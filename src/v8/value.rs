//! JavaScript values to and from Rust.

use std::borrow::Cow;
use std::ffi::{c_int, c_void};

use super::exception::{JsResult, Throw};
use super::ffi::{self, Caught, Handle};
use super::scope::{Function, Local, Scope, Value};

/// The kind of a JavaScript value, as far as Rust code needs to tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Undefined,
    Null,
    Boolean,
    Number,
    BigInt,
    String,
    Symbol,
    Function,
    Array,
    ArrayBuffer,
    SharedArrayBuffer,
    Uint8Array,
    /// Any other typed array or DataView.
    ArrayBufferView,
    Promise,
    Object,
}

/// The JavaScript error constructors Rust code throws.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    Error = 0,
    TypeError = 1,
    RangeError = 2,
    SyntaxError = 3,
}

impl<'s> Local<'s, Value> {
    pub fn kind(self) -> Kind {
        // SAFETY: the handle is live.
        match unsafe { ffi::nano_value_kind(self.raw()) } {
            0 => Kind::Undefined,
            1 => Kind::Null,
            2 => Kind::Boolean,
            3 => Kind::Number,
            4 => Kind::BigInt,
            5 => Kind::String,
            6 => Kind::Symbol,
            7 => Kind::Function,
            8 => Kind::Array,
            9 => Kind::ArrayBuffer,
            10 => Kind::Uint8Array,
            11 => Kind::ArrayBufferView,
            12 => Kind::Promise,
            14 => Kind::SharedArrayBuffer,
            _ => Kind::Object,
        }
    }

    /// Whether this can be called; one check, where `kind` makes several
    /// (a call's function is checked on every call).
    pub fn is_function(self) -> bool {
        // SAFETY: the handle is live.
        unsafe { ffi::nano_value_is_function(self.raw()) != 0 }
    }

    /// This value as a function, if it is one: checked once, then called
    /// as often as need be.
    pub fn as_function(self) -> Option<Local<'s, Function>> {
        self.is_function().then(|| self.cast())
    }

    pub fn is_nullish(self) -> bool {
        matches!(self.kind(), Kind::Undefined | Kind::Null)
    }

    /// Whether `typeof` would say "object" or "function" (property access works).
    pub fn is_object(self) -> bool {
        !matches!(
            self.kind(),
            Kind::Undefined
                | Kind::Null
                | Kind::Boolean
                | Kind::Number
                | Kind::BigInt
                | Kind::String
                | Kind::Symbol
        )
    }

    /// The number, when this is a Number.
    pub fn as_number(self) -> Option<f64> {
        let mut number = 0.0;
        // SAFETY: the handle is live and `number` a valid place for a double.
        let is_number = unsafe { ffi::nano_number_value(self.raw(), &mut number) } != 0;
        is_number.then_some(number)
    }

    /// The boolean, when this is a Boolean.
    pub fn as_bool(self) -> Option<bool> {
        // SAFETY: the handle is live.
        (self.kind() == Kind::Boolean).then(|| unsafe { ffi::nano_value_is_true(self.raw()) != 0 })
    }

    /// The value when this is a BigInt that fits an i64.
    pub fn as_i64_bigint(self) -> Option<i64> {
        if self.kind() != Kind::BigInt {
            return None;
        }
        let mut lossless: c_int = 0;
        // SAFETY: the kind was checked.
        let value = unsafe { ffi::nano_bigint_value(self.raw(), &mut lossless) };
        (lossless != 0).then_some(value)
    }

    pub fn strict_equals(self, other: Local<'_, Value>) -> bool {
        // SAFETY: both handles are live.
        unsafe { ffi::nano_strict_equals(self.raw(), other.raw()) != 0 }
    }
}

impl<'i> Scope<'i> {
    fn local(&self, raw: Handle) -> Local<'_, Value> {
        // SAFETY: `raw` was just returned by V8 for this scope.
        unsafe { Local::from_raw(raw) }.expect("V8 returned an empty handle")
    }

    /// Turns the outcome of a JavaScript-running bridge call into a Result.
    pub(crate) fn caught_result(
        &self,
        raw: Handle,
        caught: &Caught,
    ) -> JsResult<'_, Local<'_, Value>> {
        // SAFETY: on success V8 returned a handle of this scope; on failure
        // the bridge recorded handles of this scope in `caught`.
        match unsafe { Local::from_raw(raw) } {
            Some(value) => Ok(value),
            None => Err(self.throw_from(caught)),
        }
    }

    pub(crate) fn throw_from(&self, caught: &Caught) -> Throw<'_> {
        if caught.terminated != 0 {
            return Throw::Terminated;
        }
        // SAFETY: the bridge stored handles of this scope (or null).
        unsafe {
            match Local::from_raw(caught.exception) {
                Some(value) => Throw::Exception {
                    value,
                    message: Local::from_raw(caught.message),
                },
                None => Throw::Terminated,
            }
        }
    }

    pub fn undefined(&self) -> Local<'_, Value> {
        // SAFETY: a handle scope is open.
        self.local(unsafe { ffi::nano_undefined(self.isolate_raw()) })
    }

    pub fn null(&self) -> Local<'_, Value> {
        // SAFETY: a handle scope is open.
        self.local(unsafe { ffi::nano_null(self.isolate_raw()) })
    }

    pub fn boolean(&self, value: bool) -> Local<'_, Value> {
        // SAFETY: a handle scope is open.
        self.local(unsafe { ffi::nano_boolean_new(self.isolate_raw(), value as c_int) })
    }

    pub fn number(&self, value: f64) -> Local<'_, Value> {
        // SAFETY: a handle scope is open.
        self.local(unsafe { ffi::nano_number_new(self.isolate_raw(), value) })
    }

    pub fn bigint(&self, value: i64) -> Local<'_, Value> {
        // SAFETY: a handle scope is open.
        self.local(unsafe { ffi::nano_bigint_new(self.isolate_raw(), value) })
    }

    /// A string; strings too long for V8 are a RangeError.
    pub fn try_string(&self, value: &str) -> Result<Local<'_, Value>, Throw<'_>> {
        // SAFETY: the pointer and length describe valid UTF-8.
        let raw =
            unsafe { ffi::nano_string_new(self.isolate_raw(), value.as_ptr().cast(), value.len()) };
        self.new_string_or_range_error(raw)
    }

    /// A string of `bytes` read one character each (Latin-1, as HTTP header
    /// values are); strings too long for V8 are a RangeError.
    pub fn try_latin1_string(&self, bytes: &[u8]) -> Result<Local<'_, Value>, Throw<'_>> {
        // SAFETY: the pointer and length describe `bytes`.
        let raw =
            unsafe { ffi::nano_string_new_latin1(self.isolate_raw(), bytes.as_ptr(), bytes.len()) };
        self.new_string_or_range_error(raw)
    }

    /// What a string constructor of the bridge returned: null means too long.
    fn new_string_or_range_error(&self, raw: ffi::Handle) -> Result<Local<'_, Value>, Throw<'_>> {
        // SAFETY: a non-null result of the bridge's string constructors is a
        // handle of this scope.
        match unsafe { Local::from_raw(raw) } {
            Some(string) => Ok(string),
            None => Err(self.throw_error(ErrorKind::RangeError, "string too long")),
        }
    }

    /// A string of `bytes` read one character each. Panics on strings over
    /// V8's ~512 MiB limit: use `try_latin1_string` for untrusted sizes.
    pub fn latin1_string(&self, bytes: &[u8]) -> Local<'_, Value> {
        match self.try_latin1_string(bytes) {
            Ok(string) => string,
            Err(_) => panic!("string of {} bytes exceeds V8's limit", bytes.len()),
        }
    }

    /// A string. Panics on strings over V8's ~512 MiB limit: use `try_string`
    /// for untrusted sizes.
    pub fn string(&self, value: &str) -> Local<'_, Value> {
        match self.try_string(value) {
            Ok(string) => string,
            Err(_) => panic!("string of {} bytes exceeds V8's limit", value.len()),
        }
    }

    /// The UTF-8 text of a String value (lone surrogates become U+FFFD).
    pub fn string_value(&self, value: Local<'_, Value>) -> Option<String> {
        self.string_value_known(value, &[]).map(Cow::into_owned)
    }

    /// The text of a String value like `string_value`, borrowed from
    /// `known` when it is one of those texts: common ones then cost no
    /// allocation.
    pub fn string_value_known(
        &self,
        value: Local<'_, Value>,
        known: &[&'static str],
    ) -> Option<Cow<'static, str>> {
        // Most strings V8 holds one byte per character (header names and
        // values, ASCII text): copy those out and skip the UTF-8 encoder.
        const SMALL: usize = 256;
        const NOT_A_STRING: i64 = -2;
        let mut small = [0u8; SMALL];
        // SAFETY: the value is live and `small` has room for SMALL bytes,
        // which V8 fills only when the value is a string that fits.
        let length = unsafe {
            ffi::nano_string_read_one_byte(
                self.isolate_raw(),
                value.raw(),
                small.as_mut_ptr(),
                SMALL,
            )
        };
        if length == NOT_A_STRING {
            return None;
        }
        if let Ok(length) = usize::try_from(length) {
            if length <= SMALL {
                let bytes = &small[..length];
                if let Some(text) = known.iter().find(|text| text.as_bytes() == bytes) {
                    return Some(Cow::Borrowed(text));
                }
                return Some(Cow::Owned(one_byte_text(bytes.to_vec())));
            }
            let mut large = vec![0u8; length];
            // SAFETY: as above, with a buffer of exactly the string's length.
            unsafe {
                ffi::nano_string_read_one_byte(
                    self.isolate_raw(),
                    value.raw(),
                    large.as_mut_ptr(),
                    length,
                )
            };
            return Some(Cow::Owned(one_byte_text(large)));
        }
        // SAFETY: the value is a live String; the buffer holds `len` bytes and
        // V8 writes at most that many, all valid UTF-8 (invalid is replaced).
        let text = unsafe {
            let len = ffi::nano_string_utf8_length(self.isolate_raw(), value.raw());
            let mut buffer = Vec::<u8>::with_capacity(len);
            let written = ffi::nano_string_write_utf8(
                self.isolate_raw(),
                value.raw(),
                buffer.as_mut_ptr().cast(),
                len,
            );
            buffer.set_len(written.min(len));
            String::from_utf8_unchecked(buffer)
        };
        Some(Cow::Owned(text))
    }

    /// `String(value)`, which may run JavaScript (toString methods).
    pub fn to_js_string(&self, value: Local<'_, Value>) -> JsResult<'_, String> {
        if let Some(text) = self.string_value(value) {
            return Ok(text);
        }
        let mut caught = Caught::new();
        // SAFETY: context and value are live in this scope.
        let raw =
            unsafe { ffi::nano_value_to_string(self.raw_context(), value.raw(), &mut caught) };
        let string = self.caught_result(raw, &caught)?;
        Ok(self.string_value(string).unwrap_or_default())
    }

    /// JavaScript truthiness.
    pub fn is_truthy(&self, value: Local<'_, Value>) -> bool {
        // SAFETY: the value is live.
        unsafe { ffi::nano_value_truthy(self.isolate_raw(), value.raw()) != 0 }
    }

    pub fn object(&self) -> Local<'_, Value> {
        // SAFETY: a handle scope is open.
        self.local(unsafe { ffi::nano_object_new(self.isolate_raw()) })
    }

    /// `object[key]`, which may run getters.
    pub fn get(&self, object: Local<'_, Value>, key: &str) -> JsResult<'_, Local<'_, Value>> {
        let key = self.try_string(key)?;
        self.get_value(object, key)
    }

    pub fn get_value(
        &self,
        object: Local<'_, Value>,
        key: Local<'_, Value>,
    ) -> JsResult<'_, Local<'_, Value>> {
        if !object.is_object() {
            return Err(self.throw_error(
                ErrorKind::TypeError,
                "cannot read a property of a non-object",
            ));
        }
        let mut caught = Caught::new();
        // SAFETY: the handles are live and `object` is an object.
        let raw = unsafe {
            ffi::nano_object_get(self.raw_context(), object.raw(), key.raw(), &mut caught)
        };
        self.caught_result(raw, &caught)
    }

    pub fn get_index(
        &self,
        object: Local<'_, Value>,
        index: u32,
    ) -> JsResult<'_, Local<'_, Value>> {
        if !object.is_object() {
            return Err(
                self.throw_error(ErrorKind::TypeError, "cannot read an index of a non-object")
            );
        }
        let mut caught = Caught::new();
        // SAFETY: the handles are live and `object` is an object.
        let raw = unsafe {
            ffi::nano_object_get_index(self.raw_context(), object.raw(), index, &mut caught)
        };
        self.caught_result(raw, &caught)
    }

    /// `object[key] = value`, which may run setters.
    pub fn set(
        &self,
        object: Local<'_, Value>,
        key: &str,
        value: Local<'_, Value>,
    ) -> JsResult<'_, ()> {
        let key = self.try_string(key)?;
        if !object.is_object() {
            return Err(self.throw_error(
                ErrorKind::TypeError,
                "cannot set a property of a non-object",
            ));
        }
        let mut caught = Caught::new();
        // SAFETY: the handles are live and `object` is an object.
        let ok = unsafe {
            ffi::nano_object_set(
                self.raw_context(),
                object.raw(),
                key.raw(),
                value.raw(),
                &mut caught,
            )
        };
        if ok != 0 {
            Ok(())
        } else {
            Err(self.throw_from(&caught))
        }
    }

    pub fn array(&self, elements: &[Local<'_, Value>]) -> Local<'_, Value> {
        // SAFETY: every element is live, and `Local` is a transparent
        // handle pointer, so the slice is the array of handles V8 expects.
        self.local(unsafe {
            ffi::nano_array_new(self.isolate_raw(), elements.as_ptr().cast(), elements.len())
        })
    }

    /// The length of an Array, or None for other values.
    pub fn array_length(&self, value: Local<'_, Value>) -> Option<u32> {
        // SAFETY: the kind was checked.
        (value.kind() == Kind::Array).then(|| unsafe { ffi::nano_array_length(value.raw()) })
    }

    /// A new ArrayBuffer holding a copy of `bytes`.
    pub fn array_buffer(&self, bytes: &[u8]) -> Local<'_, Value> {
        // SAFETY: the slice is valid for reads of its length.
        self.local(unsafe {
            ffi::nano_array_buffer_new(self.isolate_raw(), bytes.as_ptr(), bytes.len())
        })
    }

    /// A new Uint8Array over a new ArrayBuffer holding a copy of `bytes`.
    pub fn uint8_array(&self, bytes: &[u8]) -> Local<'_, Value> {
        let buffer = self.array_buffer(bytes);
        // SAFETY: `buffer` is a live ArrayBuffer of exactly this length.
        self.local(unsafe { ffi::nano_uint8_array_new(buffer.raw(), 0, bytes.len()) })
    }

    /// A new Uint8Array over `bytes`, taken over by V8 without a copy (and
    /// freed when the array is collected).
    pub fn uint8_array_from_vec(&self, bytes: Vec<u8>) -> Local<'_, Value> {
        if bytes.is_empty() {
            return self.uint8_array(&[]);
        }
        let mut bytes = std::mem::ManuallyDrop::new(bytes);
        let (data, len, capacity) = (bytes.as_mut_ptr(), bytes.len(), bytes.capacity());
        // SAFETY: the Vec's allocation passes to V8, which hands it back to
        // `free_adopted_bytes` once, with this pointer and length; the
        // capacity travels as the deleter's data. Nothing else frees it.
        let buffer = self.local(unsafe {
            ffi::nano_array_buffer_adopt(
                self.isolate_raw(),
                data,
                len,
                free_adopted_bytes,
                capacity as *mut c_void,
            )
        });
        // SAFETY: `buffer` is a live ArrayBuffer of exactly this length.
        self.local(unsafe { ffi::nano_uint8_array_new(buffer.raw(), 0, len) })
    }

    /// Runs `read` over the bytes of an ArrayBuffer or view; None for other values.
    pub fn with_bytes<R>(
        &self,
        value: Local<'_, Value>,
        read: impl FnOnce(&[u8]) -> R,
    ) -> Option<R> {
        self.with_bytes_mut(value, |bytes| read(bytes))
    }

    /// Runs `write` over the bytes of an ArrayBuffer or view (for results
    /// handed back in a buffer JavaScript passed); None for other values.
    pub fn with_bytes_mut<R>(
        &self,
        value: Local<'_, Value>,
        write: impl FnOnce(&mut [u8]) -> R,
    ) -> Option<R> {
        let mut len = 0usize;
        // SAFETY: the kind selects the matching accessor; V8 returns a pointer
        // to `len` bytes that stay valid while no JavaScript runs, and `write`
        // cannot run JavaScript (it has no scope). No other reference to
        // those bytes exists on the Rust side while `write` holds them.
        unsafe {
            let data = match value.kind() {
                Kind::ArrayBuffer => ffi::nano_array_buffer_bytes(value.raw(), &mut len),
                Kind::Uint8Array | Kind::ArrayBufferView => {
                    ffi::nano_view_bytes(value.raw(), &mut len)
                }
                _ => return None,
            };
            if data.is_null() || len == 0 {
                return Some(write(&mut []));
            }
            Some(write(std::slice::from_raw_parts_mut(data.cast_mut(), len)))
        }
    }

    /// Detaches an ArrayBuffer (its views see zero length after); false when
    /// `value` is not an ArrayBuffer or V8 refuses (e.g. WebAssembly memory).
    pub fn detach_array_buffer(&self, value: Local<'_, Value>) -> bool {
        if value.kind() != Kind::ArrayBuffer {
            return false;
        }
        // SAFETY: the value is a live ArrayBuffer handle of this scope.
        unsafe { ffi::nano_array_buffer_detach(value.raw()) != 0 }
    }

    /// A copy of the bytes of an ArrayBuffer or view.
    pub fn bytes(&self, value: Local<'_, Value>) -> Option<Vec<u8>> {
        self.with_bytes(value, <[u8]>::to_vec)
    }

    /// The target and handler of a Proxy (null for a revoked one); None for
    /// other values.
    pub fn proxy_details(
        &self,
        value: Local<'_, Value>,
    ) -> Option<(Local<'_, Value>, Local<'_, Value>)> {
        let (mut target, mut handler) = (std::ptr::null_mut(), std::ptr::null_mut());
        // SAFETY: the value is live; the out-pointers are valid locals.
        let is_proxy =
            unsafe { ffi::nano_proxy_details(value.raw(), &mut target, &mut handler) } != 0;
        if !is_proxy {
            return None;
        }
        // SAFETY: V8 returned handles of this scope (V8 gives null for revoked).
        let target = unsafe { Local::from_raw(target) }.unwrap_or_else(|| self.null());
        let handler = unsafe { Local::from_raw(handler) }.unwrap_or_else(|| self.null());
        Some((target, handler))
    }

    /// The entries of a Map or Set iterator (not advancing it), WeakMap or
    /// WeakSet, and whether they come as key, value pairs (flattened);
    /// None for other values.
    pub fn preview_entries(&self, value: Local<'_, Value>) -> Option<(Local<'_, Value>, bool)> {
        let mut is_key_value: c_int = 0;
        // SAFETY: the value is live; the out-pointer is a valid c_int.
        let entries = unsafe { ffi::nano_preview_entries(value.raw(), &mut is_key_value) };
        // SAFETY: a handle of this scope, or null for other values.
        let entries = unsafe { Local::from_raw(entries) }?;
        Some((entries, is_key_value != 0))
    }

    /// A new error object of `kind`.
    pub fn error(&self, kind: ErrorKind, message: &str) -> Local<'_, Value> {
        let message = self.string(message);
        // SAFETY: `message` is a live String.
        self.local(unsafe { ffi::nano_error_new(self.isolate_raw(), kind as c_int, message.raw()) })
    }

    /// Schedules `value` to be thrown when control returns to JavaScript.
    pub fn throw(&self, value: Local<'_, Value>) {
        // SAFETY: the value is live; this isolate runs on this thread.
        unsafe { ffi::nano_throw(self.isolate_raw(), value.raw()) };
    }

    /// A new error as a `Throw` for Rust callers; not yet thrown into JavaScript.
    pub fn throw_error(&self, kind: ErrorKind, message: &str) -> Throw<'_> {
        let error = self.error(kind, message);
        Throw::Exception {
            value: error,
            message: None,
        }
    }
}

/// The text of a string V8 held one byte per character; ASCII (nearly
/// all of them) is taken as it is, without another look for UTF-8.
fn one_byte_text(bytes: Vec<u8>) -> String {
    if bytes.is_ascii() {
        // SAFETY: ASCII is UTF-8.
        return unsafe { String::from_utf8_unchecked(bytes) };
    }
    crate::latin1::decode(&bytes)
}

/// Frees the bytes of a Vec given to V8 by `uint8_array_from_vec`.
extern "C" fn free_adopted_bytes(data: *mut c_void, length: usize, capacity: *mut c_void) {
    // SAFETY: V8 calls this once per adopted buffer, with the pointer and
    // length `uint8_array_from_vec` gave it and the Vec's capacity as data;
    // the global allocator may free on any thread.
    drop(unsafe { Vec::from_raw_parts(data.cast::<u8>(), length, capacity as usize) });
}
