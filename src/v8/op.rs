//! Native functions ("ops") whose bodies are Rust.
//!
//! Every op of an isolate is listed in one static table; a JavaScript function
//! for op `i` carries `i` as its data, and one C++ trampoline dispatches to the
//! table. The table is the same when a snapshot is made and when it is
//! restored, so functions captured in the snapshot keep working.

use std::borrow::Cow;
use std::ffi::c_void;

use super::exception::{JsResult, Throw};
use super::ffi::{self, Caught};
use super::isolate::IsolateCore;
use super::scope::{Function, Local, Scope, Value};
use super::value::ErrorKind;

/// An op's body. It reads arguments and sets the return value through `call`;
/// returning `Err` throws the error into JavaScript.
pub type OpFn = for<'s> fn(&OpCall<'s>) -> JsResult<'s, ()>;

/// One entry of an op table.
#[derive(Clone, Copy)]
pub struct OpDecl {
    pub name: &'static str,
    pub func: OpFn,
}

/// One call of an op from JavaScript.
pub struct OpCall<'s> {
    pub scope: &'s Scope<'s>,
    info: *const c_void,
}

impl<'s> OpCall<'s> {
    pub fn len(&self) -> usize {
        // SAFETY: `info` is the live FunctionCallbackInfo of this call.
        unsafe { ffi::nano_callback_length(self.info) as usize }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Argument `index`; `undefined` past the end, as in JavaScript.
    pub fn arg(&self, index: usize) -> Local<'s, Value> {
        let index = i32::try_from(index).unwrap_or(i32::MAX);
        // SAFETY: V8 returns `undefined` for indices past the end.
        unsafe { Local::from_raw(ffi::nano_callback_arg(self.info, index)) }
            .expect("V8 returns a handle for every index")
    }

    pub fn this(&self) -> Local<'s, Value> {
        // SAFETY: `info` is live for this call.
        unsafe { Local::from_raw(ffi::nano_callback_this(self.info)) }.expect("a receiver")
    }

    pub fn set_return(&self, value: Local<'_, Value>) {
        // SAFETY: `info` is live; the value is live in the callback's scope.
        unsafe { ffi::nano_callback_return(self.info, value.raw()) };
    }

    /// Argument `index` as a string, or a TypeError naming the op's argument.
    pub fn string_arg(&self, index: usize, what: &str) -> JsResult<'s, String> {
        self.scope
            .string_value(self.arg(index))
            .ok_or_else(|| self.type_error(&format!("{what} must be a string")))
    }

    /// Argument `index` as a string borrowed from `known` when it is one of
    /// those texts (see `Scope::string_value_known`), or a TypeError.
    pub fn known_string_arg(
        &self,
        index: usize,
        what: &str,
        known: &[&'static str],
    ) -> JsResult<'s, Cow<'static, str>> {
        self.scope
            .string_value_known(self.arg(index), known)
            .ok_or_else(|| self.type_error(&format!("{what} must be a string")))
    }

    /// Argument `index` as a number, or a TypeError.
    pub fn number_arg(&self, index: usize, what: &str) -> JsResult<'s, f64> {
        self.arg(index)
            .as_number()
            .ok_or_else(|| self.type_error(&format!("{what} must be a number")))
    }

    pub fn type_error(&self, message: &str) -> Throw<'s> {
        self.scope.throw_error(ErrorKind::TypeError, message)
    }
}

pub(crate) extern "C" fn dispatch(core: *mut c_void, op_id: u32, info: *const c_void) {
    // SAFETY: slot 0 holds the live IsolateCore of the calling isolate.
    let core: &IsolateCore = unsafe { &*(core as *const IsolateCore) };
    let scope = Scope::for_callback(core);
    let Some(decl) = core.ops.get(op_id as usize) else {
        let error = scope.error(ErrorKind::Error, "unknown native function");
        scope.throw(error);
        return;
    };
    let call = OpCall {
        scope: &scope,
        info,
    };
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| (decl.func)(&call)));
    match outcome {
        Ok(Ok(())) => {}
        Ok(Err(Throw::Exception { value, .. })) => scope.throw(value),
        // Termination keeps unwinding by itself.
        Ok(Err(Throw::Terminated)) => {}
        Err(_) => {
            let error = scope.error(
                ErrorKind::Error,
                &format!("internal error in native function {}", decl.name),
            );
            scope.throw(error);
        }
    }
}

impl<'i> Scope<'i> {
    /// Makes a JavaScript function for each op and stores it on `target`
    /// under the op's name.
    pub fn install_ops(&self, target: Local<'_, Value>) -> JsResult<'_, ()> {
        for (id, decl) in self.core.ops.iter().enumerate() {
            let name = self.string(decl.name);
            // SAFETY: context and name are live; the op id indexes the table.
            let raw =
                unsafe { ffi::nano_op_function_new(self.raw_context(), id as u32, name.raw()) };
            // SAFETY: a non-null result is a handle of this scope.
            let function = unsafe { Local::<Value>::from_raw(raw) }.ok_or_else(|| {
                self.throw_error(ErrorKind::Error, "could not create a native function")
            })?;
            self.set(target, decl.name, function)?;
        }
        Ok(())
    }

    /// `function.call(receiver, ...args)`.
    pub fn call(
        &self,
        function: Local<'_, Value>,
        receiver: Local<'_, Value>,
        args: &[Local<'_, Value>],
    ) -> JsResult<'_, Local<'_, Value>> {
        match function.as_function() {
            Some(function) => self.call_function(function, receiver, args),
            None => Err(self.throw_error(ErrorKind::TypeError, "not a function")),
        }
    }

    /// [`Scope::call`] of a value already known to be a function.
    pub fn call_function(
        &self,
        function: Local<'_, Function>,
        receiver: Local<'_, Value>,
        args: &[Local<'_, Value>],
    ) -> JsResult<'_, Local<'_, Value>> {
        let mut caught = Caught::new();
        // SAFETY: all handles are live; `function` is callable; `Local` is a
        // transparent handle pointer, so `args` is the handle array V8 reads.
        let raw = unsafe {
            ffi::nano_function_call(
                self.raw_context(),
                function.raw(),
                receiver.raw(),
                args.len(),
                args.as_ptr().cast(),
                &mut caught,
            )
        };
        self.caught_result(raw, &caught)
    }
}
