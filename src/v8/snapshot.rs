//! Startup snapshots: run bootstrap JavaScript once, serialise the heap, and
//! start later isolates from those bytes. A snapshot can also be kept as a
//! self-checking file ([`Snapshot::to_stored`]) and read back by a later
//! process of the same executable ([`Snapshot::from_stored`]).

use std::ffi::CStr;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::sync::Arc;

use sha2::{Digest, Sha256};

use super::exception::Exception;
use super::exception::JsResult;
use super::ffi;
use super::isolate::{EnteredByV8, Isolate};
use super::op::OpDecl;
use super::platform;
use super::scope::{Local, Scope, Value};
use super::script::take_bridge_bytes;

/// Serialised V8 heap with one default context. Cheap to clone and `Send`.
#[derive(Clone)]
pub struct Snapshot {
    /// V8's bytes are `data[start..]`; a snapshot read back from a file
    /// keeps the file's header in front of them instead of copying.
    data: Arc<Vec<u8>>,
    start: usize,
}

impl Snapshot {
    pub fn bytes(&self) -> &[u8] {
        &self.data[self.start..]
    }

    pub fn len(&self) -> usize {
        self.bytes().len()
    }

    pub fn is_empty(&self) -> bool {
        self.bytes().is_empty()
    }

    /// The snapshot as a file: a header (format, `key`, length, CRC-32 of
    /// the bytes) followed by V8's bytes.
    pub fn to_stored(&self, key: &SnapshotKey) -> Vec<u8> {
        let bytes = self.bytes();
        let mut stored = Vec::with_capacity(STORED_HEADER_LEN + bytes.len());
        stored.extend_from_slice(STORED_MAGIC);
        stored.extend_from_slice(&key.0);
        stored.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
        stored.extend_from_slice(&crc32fast::hash(bytes).to_le_bytes());
        stored.extend_from_slice(bytes);
        stored
    }

    /// Reads back what [`Snapshot::to_stored`] wrote under the same key;
    /// None when the header, the key, the length or the checksum differ
    /// (another executable, a truncated or damaged file). V8 aborts the
    /// process on bytes it cannot read, so nothing else reaches it. The
    /// checksum catches damage, not tampering: V8 trusts a snapshot like
    /// code, so only pass bytes of a file no other user can write.
    pub fn from_stored(stored: Vec<u8>, key: &SnapshotKey) -> Option<Snapshot> {
        let header = stored.get(..STORED_HEADER_LEN)?;
        let (magic, rest) = header.split_at(STORED_MAGIC.len());
        let (stored_key, rest) = rest.split_at(key.0.len());
        let (len, crc) = rest.split_at(8);
        let bytes = &stored[STORED_HEADER_LEN..];
        let intact = magic == STORED_MAGIC
            && stored_key == key.0
            && u64::from_le_bytes(len.try_into().ok()?) == bytes.len() as u64
            && u32::from_le_bytes(crc.try_into().ok()?) == crc32fast::hash(bytes)
            && !bytes.is_empty();
        intact.then(|| Snapshot {
            data: Arc::new(stored),
            start: STORED_HEADER_LEN,
        })
    }
}

/// The first bytes of a stored snapshot; the digit is the header's version.
const STORED_MAGIC: &[u8; 8] = b"NANOSNP1";
/// Magic, key, payload length (u64 LE), CRC-32 of the payload (u32 LE).
const STORED_HEADER_LEN: usize = 8 + 32 + 8 + 4;

/// Everything a snapshot's bytes depend on: the bootstrap (as its caller
/// names it), the op table (names, in order), the V8 library (version, file)
/// with this process's flags, and the running executable (which holds the
/// bridge and its external references). A stored snapshot is used only
/// under an equal key, so a rebuilt binary or an updated libnode never
/// reads bytes another one wrote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SnapshotKey([u8; 32]);

impl SnapshotKey {
    /// None when this process cannot tell which executable or V8 library it
    /// runs (no `/proc`): then no stored snapshot may be used.
    pub fn new(ops: &[OpDecl], bootstrap: &[u8]) -> Option<SnapshotKey> {
        let mut hash = Sha256::new();
        hash.update(b"nano startup snapshot\0");
        hash.update((bootstrap.len() as u64).to_le_bytes());
        hash.update(bootstrap);
        for op in ops {
            hash.update(op.name.as_bytes());
            hash.update(b"\0");
        }
        // SAFETY: V8 returns a pointer to a static NUL-terminated string;
        // asking for it needs no initialised platform.
        hash.update(unsafe { CStr::from_ptr(ffi::nano_v8_version()) }.to_bytes());
        hash.update(b"\0");
        hash.update(platform::V8_FLAGS.as_bytes());
        hash.update(b"\0");
        hash_file_identity(&mut hash, Path::new("/proc/self/exe"))?;
        // SAFETY: null, or the loader's NUL-terminated name of a library that
        // stays loaded for the life of the process.
        let library = unsafe { ffi::nano_v8_library_path() };
        if library.is_null() {
            return None;
        }
        // SAFETY: checked non-null above; see the previous comment.
        let library = unsafe { CStr::from_ptr(library) }.to_str().ok()?;
        hash.update(library.as_bytes());
        hash.update(b"\0");
        hash_file_identity(&mut hash, Path::new(library))?;
        Some(SnapshotKey(hash.finalize().into()))
    }

    /// A short hex name for the key (file names).
    pub fn short_name(&self) -> String {
        self.0[..12].iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// A file's identity without reading it: device, inode, size, modification
/// time.
fn hash_file_identity(hash: &mut Sha256, path: &Path) -> Option<()> {
    let meta = std::fs::metadata(path).ok()?;
    for field in [
        meta.dev(),
        meta.ino(),
        meta.size(),
        meta.mtime() as u64,
        meta.mtime_nsec() as u64,
    ] {
        hash.update(field.to_le_bytes());
    }
    Some(())
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
    // The maker entered its isolate; scopes of it enter nothing more.
    let on_top = EnteredByV8::new(raw);
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
    drop(on_top);
    let mut len = 0;
    // SAFETY: no handle scope is open and no Global of this isolate remains;
    // finish consumes the maker (and disposes its isolate) even on failure.
    let bytes = unsafe { take_bridge_bytes(ffi::nano_snapshot_maker_finish(maker, &mut len), len) };
    outcome?;
    match bytes {
        Some(bytes) if !bytes.is_empty() => Ok(Snapshot {
            data: Arc::new(bytes),
            start: 0,
        }),
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
