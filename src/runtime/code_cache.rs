//! V8 code caches of app modules, shared by every core.
//!
//! The first isolate to compile a module keeps V8's code cache for it; the
//! other cores, and every isolate that later replaces a terminated one, start
//! from that cache instead of parsing and compiling again. Entries are keyed
//! by path and a hash of the source, so an edited file is compiled afresh.
//! The lock is taken only while an app loads, never per request.

use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

type Key = (PathBuf, u64);

fn entries() -> &'static Mutex<HashMap<Key, Arc<[u8]>>> {
    static ENTRIES: OnceLock<Mutex<HashMap<Key, Arc<[u8]>>>> = OnceLock::new();
    ENTRIES.get_or_init(Mutex::default)
}

fn key(path: &Path, source: &str) -> Key {
    let mut hasher = DefaultHasher::new();
    source.hash(&mut hasher);
    (path.to_path_buf(), hasher.finish())
}

/// The cache stored for this file's current source, if any.
pub fn lookup(path: &Path, source: &str) -> Option<Arc<[u8]>> {
    let entries = entries().lock().unwrap_or_else(|e| e.into_inner());
    entries.get(&key(path, source)).cloned()
}

/// Keeps `cache` for this file's current source.
pub fn store(path: &Path, source: &str, cache: Vec<u8>) {
    let mut entries = entries().lock().unwrap_or_else(|e| e.into_inner());
    entries.insert(key(path, source), cache.into());
}
