//! `nano serve --sandbox`: defence in depth for the JavaScript a server
//! runs, should it ever escape V8. Two kernel mechanisms, each through a
//! crate with a safe API:
//!
//! - Landlock (`files`): the process may read only the app folder and the
//!   system files it still needs, and write only to its cache folder.
//!   Landlock (up to ABI 7) binds the calling thread and the threads it
//!   starts afterwards, so it is applied before the server starts any thread.
//! - seccomp (`syscalls`): no exec, no ptrace or cross-process memory access,
//!   no sockets but TCP and UDP over IPv4 and IPv6, no new listening
//!   sockets, no io_uring. Installed on every thread at once (TSYNC) when
//!   start-up is done.

mod files;
mod syscalls;

pub use files::{restrict_files, FileAccess};
pub use syscalls::SyscallFilter;

/// Why the sandbox cannot be set up. `--sandbox` never runs unprotected:
/// each of these stops the server before it serves.
#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    #[error(
        "this kernel does not enforce Landlock ({0}); --sandbox needs Linux 5.13 or later \
         with Landlock enabled (e.g. lsm=landlock on the kernel command line)"
    )]
    LandlockUnavailable(String),
    #[error("cannot set up the Landlock rules: {0}")]
    Landlock(#[from] landlock::RulesetError),
    #[error("cannot build the seccomp filter for this machine: {0}")]
    FilterBuild(#[from] seccompiler::BackendError),
    #[error(
        "cannot install the seccomp filter on every thread (does this kernel have seccomp?): {0}"
    )]
    FilterInstall(#[from] seccompiler::Error),
}
