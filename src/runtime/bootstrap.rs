//! The bootstrap JavaScript and NANO's startup snapshot built from it.

use std::sync::OnceLock;

use super::ops::OPS;
use crate::v8::{make_snapshot, JsResult, Local, Scope, Snapshot, SnapshotError, Value};

/// The Web API layer, evaluated in this order. Each file is a classic script
/// taking `globalThis.__nano` (`{ ops, internal }`); the last one returns the
/// hooks object Rust calls into.
const SOURCES: &[(&str, &str)] = &[
    ("nano:core", include_str!("js/00_core.js")),
    ("nano:timers", include_str!("js/01_timers.js")),
    ("nano:inspect", include_str!("js/02_inspect.js")),
    ("nano:console", include_str!("js/03_console.js")),
    ("nano:finish", include_str!("js/99_finish.js")),
];

/// Evaluates the bootstrap into the entered context; returns the hooks.
pub fn bootstrap<'s>(scope: &'s Scope<'_>, ops: Local<'s, Value>) -> JsResult<'s, Local<'s, Value>> {
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

/// NANO's startup snapshot, built on first use and shared by every thread.
pub fn startup_snapshot() -> Result<Snapshot, SnapshotError> {
    static SNAPSHOT: OnceLock<Snapshot> = OnceLock::new();
    if let Some(snapshot) = SNAPSHOT.get() {
        return Ok(snapshot.clone());
    }
    let snapshot = make_snapshot(OPS, bootstrap)?;
    Ok(SNAPSHOT.get_or_init(|| snapshot).clone())
}
