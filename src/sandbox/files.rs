//! The Landlock half of the sandbox: which files the process may still open.

use std::path::{Path, PathBuf};

use landlock::{
    path_beneath_rules, Access, AccessFs, LandlockStatus, Ruleset, RulesetAttr, RulesetCreatedAttr,
    RulesetStatus, Scope, ABI,
};

use super::SandboxError;

/// The newest Landlock rights NANO asks for (ABI 6, Linux 6.12, adds the
/// scopes). An older kernel enforces what it knows; one without Landlock
/// is refused.
const LANDLOCK_ABI: ABI = ABI::V6;

/// System files a serving process still reads, where they exist.
const SYSTEM_READ: &[&str] = &[
    // Shared libraries: the resolver loads NSS modules when it first runs.
    "/lib",
    "/lib64",
    "/usr/lib",
    "/usr/lib64",
    "/etc/ld.so.cache",
    // Name resolution for fetch() (getaddrinfo).
    "/etc/hosts",
    "/etc/resolv.conf",
    "/etc/nsswitch.conf",
    "/etc/host.conf",
    "/etc/gai.conf",
    // Time zones, for Date and Intl.
    "/etc/localtime",
    "/usr/share/zoneinfo",
    // V8 seeds each new isolate's random number generator from it.
    "/dev/urandom",
    // The process's own entries and the CPU list.
    "/proc/self",
    "/sys/devices/system/cpu",
];

/// The folders and files the sandboxed process may open.
#[derive(Debug, Clone)]
pub struct FileAccess {
    /// Read (and map executable, for libraries), never write.
    pub read: Vec<PathBuf>,
    /// Read, write, create and remove beneath.
    pub read_write: Vec<PathBuf>,
}

impl FileAccess {
    /// The app folders and the config file (read), the cache folder (read
    /// and write) and the system files NANO reads while serving.
    pub fn for_apps(apps: &[PathBuf], cache: Option<&Path>) -> FileAccess {
        let mut read: Vec<PathBuf> = SYSTEM_READ.iter().map(PathBuf::from).collect();
        read.extend(
            apps.iter()
                .map(|path| path.canonicalize().unwrap_or_else(|_| path.clone())),
        );
        FileAccess {
            read,
            read_write: cache.map(Path::to_path_buf).into_iter().collect(),
        }
    }
}

/// Restricts the calling thread, and every thread it starts from now on,
/// to `access`; also stops it from connecting to abstract Unix sockets or
/// signalling processes outside the sandbox (where the kernel has scopes).
/// Paths that do not exist are left out. Returns the Landlock ABI in force.
pub fn restrict_files(access: &FileAccess) -> Result<ABI, SandboxError> {
    let existing = |paths: &[PathBuf]| -> Vec<PathBuf> {
        paths.iter().filter(|path| path.exists()).cloned().collect()
    };
    let status = Ruleset::default()
        .handle_access(AccessFs::from_all(LANDLOCK_ABI))?
        .scope(Scope::from_all(LANDLOCK_ABI))?
        .create()?
        .add_rules(path_beneath_rules(
            existing(&access.read),
            AccessFs::from_read(LANDLOCK_ABI),
        ))?
        .add_rules(path_beneath_rules(
            existing(&access.read_write),
            AccessFs::from_all(LANDLOCK_ABI),
        ))?
        .restrict_self()?;
    match (status.ruleset, status.landlock) {
        (RulesetStatus::NotEnforced, landlock) => {
            Err(SandboxError::LandlockUnavailable(format!("{landlock:?}")))
        }
        (_, LandlockStatus::Available { effective_abi, .. }) => Ok(effective_abi),
        (_, landlock) => Err(SandboxError::LandlockUnavailable(format!("{landlock:?}"))),
    }
}
