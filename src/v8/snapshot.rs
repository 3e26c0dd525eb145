//! Startup snapshots: run bootstrap JavaScript once, serialise the heap, and
//! start later isolates from those bytes.

use std::sync::Arc;

use super::exception::Exception;
use super::exception::JsResult;
use super::ffi;
use super::isolate::Isolate;
use super::op::OpDecl;
use super::platform;
use super::scope::{Local, Scope, Value};
use super::script::take_bridge_bytes;

/// Serialised V8 heap with one default context. Cheap to clone and `Send`.
#[derive(Clone)]
pub struct Snapshot(Arc<[u8]>);

impl Snapshot {
    pub fn bytes(&self) -> &[u8] {
        &self.0
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The bootstrap failed, or V8 could not serialise its result.
#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    #[error("bootstrap failed: {0}")]
    Bootstrap(Exception),
    #[error("bootstrap was terminated")]
    Terminated,
    #[error("V8 could not serialise the snapshot")]
    Serialise,
}

/// Makes a snapshot: creates a context, lets `bootstrap` fill it (with the
/// `ops` installed on an object it receives), and serialises the result.
/// The value `bootstrap` returns is kept with the context; a restored
/// context gives it back once through `Scope::take_snapshot_data`.
pub fn make_snapshot(
    ops: &'static [OpDecl],
    bootstrap: impl for<'a> FnOnce(&'a Scope<'_>, Local<'a, Value>) -> JsResult<'a, Local<'a, Value>>,
) -> Result<Snapshot, SnapshotError> {
    platform::init();
    // SAFETY: the platform is initialised; the maker owns its isolate and is
    // consumed exactly once by nano_snapshot_maker_finish below.
    let maker = unsafe { ffi::nano_snapshot_maker_new() };
    // SAFETY: the maker is live.
    let raw = unsafe { ffi::nano_snapshot_maker_isolate(maker) };
    let isolate = Isolate::wrap(raw, ops, None, false);
    let outcome = {
        let scope = Scope::new(&isolate);
        let context = scope.new_context();
        scope.enter_context(context);
        let ops_object = scope.object();
        let result = scope
            .install_ops(ops_object)
            .and_then(|()| bootstrap(&scope, ops_object));
        match result {
            Ok(data) => {
                // SAFETY: the context and data are live in this scope.
                unsafe { ffi::nano_snapshot_maker_set_context(maker, context.raw(), data.raw()) };
                Ok(())
            }
            Err(throw) => Err(match scope.describe(&throw) {
                Some(exception) => SnapshotError::Bootstrap(exception),
                None => SnapshotError::Terminated,
            }),
        }
    };
    // Releases everything the wrapper holds before V8 serialises the heap.
    drop(isolate);
    let mut len = 0;
    // SAFETY: no handle scope is open and no Global of this isolate remains;
    // finish consumes the maker (and disposes its isolate) even on failure.
    let bytes = unsafe { take_bridge_bytes(ffi::nano_snapshot_maker_finish(maker, &mut len), len) };
    outcome?;
    match bytes {
        Some(bytes) if !bytes.is_empty() => Ok(Snapshot(bytes.into())),
        _ => Err(SnapshotError::Serialise),
    }
}

impl<'i> Scope<'i> {
    /// The value the snapshot's bootstrap returned, for a context restored
    /// from a snapshot; None the second time, or for a blank context.
    pub fn take_snapshot_data(&self) -> Option<Local<'_, Value>> {
        // SAFETY: the context is live; V8 returns an empty handle when there
        // is no data (or it was already taken).
        unsafe { Local::from_raw(ffi::nano_context_snapshot_data(self.raw_context())) }
    }
}
