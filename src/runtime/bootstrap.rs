//! The bootstrap JavaScript and NANO's startup snapshot built from it.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use super::ops::OPS;
use super::snapshot_cache;
use crate::v8::{
    make_snapshot, register_static_sources, JsResult, Local, PromiseState, Scope, Snapshot,
    SnapshotError, SnapshotKey, Throw, Value,
};

/// The Web API layer, evaluated in this order. Each file is a classic script
/// taking `globalThis.__nano` (`{ ops, internal }`); the last one returns the
/// hooks object Rust calls into.
const SOURCES: &[(&str, &str)] = &[
    ("nano:util", include_str!("js/00_util.js")),
    ("nano:core", include_str!("js/00_core.js")),
    ("nano:async_context", include_str!("js/01_async_context.js")),
    ("nano:es_builtins", include_str!("js/01_es_builtins.js")),
    ("nano:timers", include_str!("js/01_timers.js")),
    ("nano:inspect", include_str!("js/02_inspect.js")),
    ("nano:console", include_str!("js/03_console.js")),
    ("nano:dom_exception", include_str!("js/10_dom_exception.js")),
    ("nano:event", include_str!("js/11_event.js")),
    ("nano:abort", include_str!("js/12_abort.js")),
    ("nano:performance", include_str!("js/14_performance.js")),
    ("nano:encoding", include_str!("js/20_encoding.js")),
    ("nano:url", include_str!("js/30_url.js")),
    ("nano:streams", include_str!("js/40_streams.js")),
    ("nano:mime", include_str!("js/49_mime.js")),
    ("nano:headers", include_str!("js/50_headers.js")),
    ("nano:blob", include_str!("js/51_blob.js")),
    ("nano:form_data", include_str!("js/52_form_data.js")),
    ("nano:body", include_str!("js/53_body.js")),
    ("nano:request", include_str!("js/54_request.js")),
    ("nano:response", include_str!("js/55_response.js")),
    ("nano:data_url", include_str!("js/56_data_url.js")),
    ("nano:fetch", include_str!("js/56_fetch.js")),
    ("nano:wasm", include_str!("js/57_wasm.js")),
    ("nano:crypto", include_str!("js/70_crypto.js")),
    ("nano:clone", include_str!("js/75_structured_clone.js")),
    ("nano:worker", include_str!("js/60_worker.js")),
    ("nano:node_core", include_str!("js/80_node_core.js")),
    ("nano:lazy", include_str!("js/98_lazy.js")),
    ("nano:finish", include_str!("js/99_finish.js")),
];

/// Files left out of the snapshot and loaded in an isolate on first use:
/// of one of their globals (declared in 98_lazy.js), or of a `node:` module
/// (80_node_core.js). Each evaluates to a function of `{ ops, internal }`.
const LAZY_FILES: &[(&str, &str)] = &[
    ("nano:urlpattern", include_str!("js/35_urlpattern.js")),
    ("nano:compression", include_str!("js/45_compression.js")),
    ("nano:html_rewriter", include_str!("js/58_html_rewriter.js")),
    ("nano:cache", include_str!("js/59_cache.js")),
    ("nano:websocket", include_str!("js/61_websocket.js")),
    ("nano:kv", include_str!("js/62_kv.js")),
    ("nano:node_buffer", include_str!("js/81_node_buffer.js")),
    ("nano:node_events", include_str!("js/82_node_events.js")),
    (
        "nano:node_async_hooks",
        include_str!("js/83_node_async_hooks.js"),
    ),
    ("nano:node_util", include_str!("js/84_node_util.js")),
    ("nano:node_crypto", include_str!("js/85_node_crypto.js")),
    ("nano:node_path_url", include_str!("js/86_node_path_url.js")),
    ("nano:node_assert", include_str!("js/87_node_assert.js")),
];

/// The source of the lazily loaded file `name`.
pub fn lazy_file(name: &str) -> Option<&'static str> {
    LAZY_FILES
        .iter()
        .find(|(file, _)| *file == name)
        .map(|(_, source)| *source)
}

/// Run after the bootstrap while the snapshot is made (see the file).
const WARM_UP: (&str, &str) = ("nano:warm_up", include_str!("js/warm_up.js"));

/// Every isolate restored from the snapshot refers to these sources in the
/// binary instead of holding a copy (see `register_static_sources`); the
/// snapshot is made and read after this.
fn register_sources() {
    let sources: Vec<&'static str> = SOURCES
        .iter()
        .chain(LAZY_FILES)
        .chain([&WARM_UP])
        .map(|(_, source)| *source)
        .collect();
    register_static_sources(&sources);
}

/// Evaluates the bootstrap into the entered context; returns the hooks.
pub fn bootstrap<'s>(
    scope: &'s Scope<'_>,
    ops: Local<'s, Value>,
) -> JsResult<'s, Local<'s, Value>> {
    let nano = scope.object();
    scope.set(nano, "ops", ops)?;
    scope.set(nano, "internal", scope.object())?;
    scope.set(scope.global_object(), "__nano", nano)?;
    let mut hooks = scope.undefined();
    for (name, source) in SOURCES {
        hooks = scope.eval(source, name)?;
    }
    Ok(hooks)
}

/// The folder where the startup snapshot is kept between processes.
static CACHE_DIR: OnceLock<Option<PathBuf>> = OnceLock::new();

/// Keeps the startup snapshot in `dir` (None: in memory only, the default).
/// Takes effect when called before the first snapshot is needed; later
/// calls do nothing.
pub fn set_snapshot_cache_dir(dir: Option<PathBuf>) {
    let _ = CACHE_DIR.set(dir);
}

/// NANO's startup snapshot, read from the cache folder or built on first
/// use, and shared by every thread.
pub fn startup_snapshot() -> Result<Snapshot, SnapshotError> {
    static SNAPSHOT: OnceLock<Snapshot> = OnceLock::new();
    static MAKING: Mutex<()> = Mutex::new(());
    if let Some(snapshot) = SNAPSHOT.get() {
        return Ok(snapshot.clone());
    }
    // Threads that ask at once wait for one snapshot instead of each making
    // their own.
    let _making = MAKING.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(snapshot) = SNAPSHOT.get() {
        return Ok(snapshot.clone());
    }
    let snapshot = match CACHE_DIR.get().and_then(Option::as_deref) {
        Some(dir) => load_or_make_startup_snapshot(dir)?,
        None => make_startup_snapshot()?,
    };
    Ok(SNAPSHOT.get_or_init(|| snapshot).clone())
}

/// Makes NANO's startup snapshot: the bootstrap, the warm-up, serialised.
/// No cache is read or written.
pub fn make_startup_snapshot() -> Result<Snapshot, SnapshotError> {
    register_sources();
    make_snapshot(OPS, bootstrap_and_warm_up)
}

/// The startup snapshot this build stored in `dir`, else a new one, which
/// is then stored there for the next process (when it can be).
pub fn load_or_make_startup_snapshot(dir: &Path) -> Result<Snapshot, SnapshotError> {
    register_sources();
    let key = SnapshotKey::new(OPS, &bootstrap_fingerprint());
    snapshot_cache::load_or_make(dir, key, make_startup_snapshot)
}

/// The bootstrap, then the warm-up that has V8 compile what every isolate
/// runs at start and on its first request, so the snapshot holds the
/// bytecode. A warm-up that fails fails the snapshot: it is a bug.
fn bootstrap_and_warm_up<'s>(
    scope: &'s Scope<'_>,
    ops: Local<'s, Value>,
) -> JsResult<'s, Local<'s, Value>> {
    let hooks = bootstrap(scope, ops)?;
    let (name, source) = WARM_UP;
    let warm_up = scope.eval(source, name)?;
    let response = scope.call(warm_up, scope.undefined(), &[hooks, ops])?;
    scope.run_microtasks();
    if scope.promise_state(response) != Some(PromiseState::Fulfilled) {
        let why = scope.promise_result(response).unwrap_or(response);
        return Err(Throw::Exception {
            value: why,
            message: None,
        });
    }
    Ok(hooks)
}

/// Names the bootstrap: each file's name, length and CRC-32, in order.
fn bootstrap_fingerprint() -> Vec<u8> {
    let mut fingerprint = Vec::new();
    for (name, source) in SOURCES.iter().chain([&WARM_UP]) {
        fingerprint.extend_from_slice(name.as_bytes());
        fingerprint.push(0);
        fingerprint.extend_from_slice(&(source.len() as u64).to_le_bytes());
        fingerprint.extend_from_slice(&crc32fast::hash(source.as_bytes()).to_le_bytes());
    }
    fingerprint
}

#[cfg(test)]
mod tests {
    use super::*;

    /// V8 keeps each script's source in the heap of every isolate, and a
    /// source with one character past Latin-1 is kept at two bytes a
    /// character: the JavaScript is written in ASCII (escapes in strings).
    #[test]
    fn every_bootstrap_file_is_ascii() {
        for (name, source) in SOURCES.iter().chain(LAZY_FILES).chain([&WARM_UP]) {
            let at = source.find(|c: char| !c.is_ascii());
            assert_eq!(at, None, "{name} has a non-ASCII character at byte {at:?}");
        }
    }
}
