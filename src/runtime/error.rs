//! Errors that leave the runtime layer.

use super::loader::ModuleError;
use crate::v8::Exception;

#[derive(Debug, thiserror::Error)]
pub enum RuntimeError {
    /// JavaScript threw and nothing caught it.
    #[error("{}", describe(.0, "Uncaught "))]
    Uncaught(Exception),
    /// A promise was rejected and no handler was attached.
    #[error("{}", describe(.0, "Uncaught (in promise) "))]
    UnhandledRejection(Exception),
    /// The run exceeded its time limit and was terminated.
    #[error("execution timed out: the time limit was exceeded")]
    TimedOut,
    /// The isolate reached its heap limit and was terminated.
    #[error("out of memory: the heap limit of {0} MiB was reached")]
    OutOfMemory(usize),
    /// A promise was awaited but nothing was left that could settle it.
    #[error("the promise never settled: no timers or pending operations are left")]
    Stalled,
    /// Execution was interrupted on request (Ctrl-C); the runtime goes on.
    #[error("script execution was interrupted")]
    Interrupted,
    /// Execution was terminated for another reason (e.g. shutdown).
    #[error("execution was terminated")]
    Terminated,
    /// The app's modules could not be read, compiled or linked.
    #[error(transparent)]
    Module(#[from] ModuleError),
    /// The runtime itself could not start.
    #[error("{0}")]
    Load(String),
}

impl RuntimeError {
    /// The message of a SyntaxError nothing caught (without "Uncaught
    /// SyntaxError: "); None for other errors.
    pub fn syntax_message(&self) -> Option<&str> {
        let RuntimeError::Uncaught(exception) = self else {
            return None;
        };
        let message = exception
            .message
            .strip_prefix("Uncaught ")
            .unwrap_or(&exception.message);
        message.strip_prefix("SyntaxError: ")
    }
}

/// The stack when there is one, else V8's message (which reads "Uncaught ...").
fn describe(exception: &Exception, prefix: &str) -> String {
    match &exception.stack {
        Some(stack) => format!("{prefix}{stack}"),
        None => {
            let message = exception
                .message
                .strip_prefix("Uncaught ")
                .unwrap_or(&exception.message);
            format!("{prefix}{message}")
        }
    }
}
