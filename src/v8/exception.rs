//! What JavaScript threw, and a Rust description of it.

use std::fmt;

use super::ffi;
use super::scope::{Local, Message, Scope, Value};
use super::stack_trace::FrameShown;
use super::value::Kind;

/// Why JavaScript did not return a value.
#[derive(Clone, Copy)]
pub enum Throw<'s> {
    /// An exception was thrown (and caught by the bridge).
    Exception {
        value: Local<'s, Value>,
        message: Option<Local<'s, Message>>,
    },
    /// Execution was terminated (timeout, heap limit, shutdown).
    Terminated,
}

pub type JsResult<'s, T> = Result<T, Throw<'s>>;

impl fmt::Debug for Throw<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Throw::Exception { .. } => f.write_str("Throw::Exception"),
            Throw::Terminated => f.write_str("Throw::Terminated"),
        }
    }
}

/// Where in the source an exception was thrown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    pub resource: String,
    pub line: u32,
    pub column: u32,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.resource, self.line, self.column)
    }
}

/// A thrown exception, described in Rust terms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exception {
    /// V8's message, e.g. "Uncaught TypeError: x is not a function".
    pub message: String,
    /// The error's `stack` property, when it has one.
    pub stack: Option<String>,
    pub location: Option<Location>,
    /// The line of source where it was thrown.
    pub source_line: Option<String>,
}

impl fmt::Display for Exception {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.stack {
            Some(stack) => write!(f, "{stack}"),
            None => write!(f, "{}", self.message),
        }
    }
}

impl<'i> Scope<'i> {
    /// Describes what was thrown. None for a termination.
    pub fn describe(&self, throw: &Throw<'_>) -> Option<Exception> {
        let Throw::Exception { value, message } = *throw else {
            return None;
        };
        let context = self.raw_context();
        let mut location = None;
        let mut source_line = None;
        let mut text = None;
        if let Some(message) = message {
            // SAFETY: the message and context handles are live in this scope.
            unsafe {
                let resource =
                    Local::<Value>::from_raw(ffi::nano_message_resource_name(message.raw()))
                        .and_then(|name| self.string_value(name));
                let line = ffi::nano_message_line(context, message.raw());
                let column = ffi::nano_message_column(context, message.raw());
                if let Some(resource) = resource {
                    location = Some(Location {
                        resource,
                        line: line.max(0) as u32,
                        column: column.max(0) as u32,
                    });
                }
                source_line =
                    Local::<Value>::from_raw(ffi::nano_message_source_line(context, message.raw()))
                        .and_then(|line| self.string_value(line));
                text = Local::<Value>::from_raw(ffi::nano_message_text(message.raw()))
                    .and_then(|text| self.string_value(text));
            }
        }
        if let (Some(location), Some(hook)) = (&mut location, self.core.frame_hook()) {
            // Generated code (stripped TypeScript) is reported where its
            // source is; the generated line is not that source's.
            if let FrameShown::At { line, column } =
                hook(&location.resource, location.line, location.column)
            {
                (location.line, location.column) = (line, column);
                source_line = None;
            }
        }
        let stack = if value.is_object() {
            self.get(value, "stack")
                .ok()
                .filter(|stack| stack.kind() == Kind::String)
                .and_then(|stack| self.string_value(stack))
        } else {
            None
        };
        let message = text.unwrap_or_else(|| {
            let shown = self
                .to_js_string(value)
                .unwrap_or_else(|_| "exception".to_string());
            format!("Uncaught {shown}")
        });
        Some(Exception {
            message,
            stack,
            location,
            source_line,
        })
    }
}
