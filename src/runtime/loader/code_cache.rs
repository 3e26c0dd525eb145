//! V8 code caches of app modules, shared by every core.
//!
//! The second isolate to compile a module keeps V8's code cache for it; the
//! other cores, and every isolate that later replaces a terminated or
//! evicted one, start from that cache instead of parsing and compiling
//! again. Not the first: making a cache costs more than compiling a small
//! module (a median of 0.14 ms, at times 7 ms, on an app's cold start),
//! and a module compiled once, such as one app of many on one core, may
//! never be compiled again. Entries are keyed by path and a hash of the
//! source, so an edited file is compiled afresh. The lock is taken only
//! while an app loads, never per request.

use std::collections::hash_map::DefaultHasher;
use std::collections::{hash_map, HashMap};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

pub(super) type Key = (PathBuf, u64);

/// What the process has of one file's source.
enum Entry {
    /// Compiled once, with no cache kept.
    CompiledOnce,
    Cache(Arc<[u8]>),
}

/// What to do about compiling a file.
pub enum Lookup {
    /// Compile from this cache.
    Hit(Arc<[u8]>),
    /// Compile from source; when `keep`, make a cache of the result and
    /// `store` it: the file was compiled before, so it will likely be again.
    Miss { keep: bool },
}

fn entries() -> &'static Mutex<HashMap<Key, Entry>> {
    static ENTRIES: OnceLock<Mutex<HashMap<Key, Entry>>> = OnceLock::new();
    ENTRIES.get_or_init(Mutex::default)
}

pub(super) fn key(path: &Path, source: &str) -> Key {
    let mut hasher = DefaultHasher::new();
    source.hash(&mut hasher);
    (path.to_path_buf(), hasher.finish())
}

/// The cache stored for this file's current source, or whether to keep one
/// of the compile about to happen; counts that compile.
pub fn lookup(path: &Path, source: &str) -> Lookup {
    let mut entries = entries().lock().unwrap_or_else(|e| e.into_inner());
    match entries.entry(key(path, source)) {
        hash_map::Entry::Occupied(entry) => match entry.get() {
            Entry::Cache(cache) => Lookup::Hit(cache.clone()),
            Entry::CompiledOnce => Lookup::Miss { keep: true },
        },
        hash_map::Entry::Vacant(entry) => {
            entry.insert(Entry::CompiledOnce);
            Lookup::Miss { keep: false }
        }
    }
}

/// Keeps `cache` for this file's current source.
pub fn store(path: &Path, source: &str, cache: Vec<u8>) {
    let mut entries = entries().lock().unwrap_or_else(|e| e.into_inner());
    entries.insert(key(path, source), Entry::Cache(cache.into()));
}
