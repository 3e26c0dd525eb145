//! NANO's startup snapshot kept on disk, so a process starts from the bytes
//! an earlier one made instead of running the bootstrap again.
//!
//! The file is `snapshot-<key>.bin` in the cache folder. Its key
//! ([`SnapshotKey`]) changes with the executable, the V8 library, the op
//! table and the bootstrap JavaScript, so a file is only read by the build
//! that wrote it. A file is written under a temporary name and renamed, so
//! processes starting at the same time see a whole file or none. Anything
//! wrong with the folder or the file (missing, unwritable, another user's,
//! truncated, damaged) only means the snapshot is made in memory as before.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use tracing::debug;

use crate::v8::{Snapshot, SnapshotError, SnapshotKey};

/// Snapshot files of other builds kept in the folder (a release and a debug
/// build, or two checkouts, may share it); older ones are removed.
const KEEP_OTHERS: usize = 3;
/// A temporary file this old was left by a process that died mid-write.
const STALE_TEMP: Duration = Duration::from_secs(600);
/// Larger files are not read (a snapshot is a few MiB).
const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// The snapshot stored under `key` in `dir`, else the one `make` returns,
/// which is then stored for the next process (when it can be). Without a
/// key (the executable cannot be identified) nothing is read or written.
pub fn load_or_make(
    dir: &Path,
    key: Option<SnapshotKey>,
    make: impl FnOnce() -> Result<Snapshot, SnapshotError>,
) -> Result<Snapshot, SnapshotError> {
    let Some(key) = key else {
        debug!("startup snapshot: executable not identified; not cached");
        return make();
    };
    let path = dir.join(format!("snapshot-{}.bin", key.short_name()));
    match load(&path, &key) {
        Ok(snapshot) => {
            debug!(path = %path.display(), "startup snapshot read from the cache");
            return Ok(snapshot);
        }
        Err(why) => debug!(path = %path.display(), %why, "startup snapshot not cached"),
    }
    let snapshot = make()?;
    match store(dir, &path, &snapshot.to_stored(&key)) {
        Ok(()) => debug!(path = %path.display(), "startup snapshot cached"),
        Err(error) => debug!(path = %path.display(), %error, "startup snapshot not cached"),
    }
    Ok(snapshot)
}

fn load(path: &Path, key: &SnapshotKey) -> Result<Snapshot, String> {
    let mut file = File::open(path).map_err(|error| error.to_string())?;
    let meta = file.metadata().map_err(|error| error.to_string())?;
    if !written_by_this_user(&meta) {
        return Err("the file is another user's, or writable by others".into());
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err("the file is too large".into());
    }
    let mut stored = Vec::with_capacity(meta.len() as usize);
    file.read_to_end(&mut stored)
        .map_err(|error| error.to_string())?;
    Snapshot::from_stored(stored, key).ok_or_else(|| "the file is damaged or stale".into())
}

/// A snapshot is code: only a file this user owns, and nobody else may
/// write, is used.
fn written_by_this_user(meta: &fs::Metadata) -> bool {
    // `/proc/self` belongs to the process's effective user.
    let me = fs::metadata("/proc/self").map(|proc| proc.uid());
    me.is_ok_and(|uid| uid == meta.uid()) && meta.mode() & 0o022 == 0
}

fn store(dir: &Path, path: &Path, stored: &[u8]) -> io::Result<()> {
    static TEMP_FILES: AtomicU64 = AtomicU64::new(0);
    fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .and_then(|name| name.to_str())
        .unwrap_or("snapshot");
    let temp = dir.join(format!(
        ".{name}.{}.{}.tmp",
        std::process::id(),
        TEMP_FILES.fetch_add(1, Ordering::Relaxed)
    ));
    let written = write_new(&temp, stored).and_then(|()| fs::rename(&temp, path));
    if written.is_err() {
        let _ = fs::remove_file(&temp);
    }
    written?;
    prune(dir, path);
    Ok(())
}

fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o644)
        .open(path)?;
    file.write_all(bytes)
}

/// Removes snapshot files beyond the newest [`KEEP_OTHERS`] of other builds,
/// and temporary files a killed process left behind.
fn prune(dir: &Path, keep: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut others = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let Some(name) = name.to_str() else {
            continue;
        };
        let Ok(modified) = entry.metadata().and_then(|meta| meta.modified()) else {
            continue;
        };
        if name.starts_with("snapshot-") && name.ends_with(".bin") && path != keep {
            others.push((modified, path));
        } else if name.starts_with(".snapshot-")
            && name.ends_with(".tmp")
            && SystemTime::now()
                .duration_since(modified)
                .is_ok_and(|age| age > STALE_TEMP)
        {
            let _ = fs::remove_file(path);
        }
    }
    others.sort_by_key(|(modified, _)| std::cmp::Reverse(*modified));
    for (_, path) in others.into_iter().skip(KEEP_OTHERS) {
        let _ = fs::remove_file(path);
    }
}
