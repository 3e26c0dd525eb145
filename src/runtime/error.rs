//! Errors that leave the runtime layer.

use super::modules::ModuleError;
use crate::v8::Exception;

#[derive(Debug, thiserror::Error)]
pub enum RuntimeError {
    /// JavaScript threw and nothing caught it.
    #[error("{}", .0)]
    Uncaught(Exception),
    /// A promise was rejected and no handler was attached.
    #[error("Uncaught (in promise) {}", .0)]
    UnhandledRejection(Exception),
    /// The run exceeded its time limit and was terminated.
    #[error("execution timed out: the time limit was exceeded")]
    TimedOut,
    /// The isolate reached its heap limit and was terminated.
    #[error("out of memory: the heap limit of {0} MiB was reached")]
    OutOfMemory(usize),
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
