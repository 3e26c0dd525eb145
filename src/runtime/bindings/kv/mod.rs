//! Workers KV namespaces (`env.MY_KV.get/put/delete/list`).
//!
//! An app binds a name in its `env` to a namespace; apps that name the same
//! namespace share its keys. The data lives in one store for the process:
//! an SQLite database in the data folder, or Redis when several NANO
//! instances must see the same keys. Store I/O never runs on a core thread:
//! a few storage threads, each with its own connection, take jobs from a
//! channel and settle the op's promise through a oneshot channel, which
//! wakes the core's event loop (as `fetch`'s DNS lookups do).

pub mod limits;
mod redis;
mod sqlite;
mod store;

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crossbeam_channel::{Receiver, RecvTimeoutError, Sender};
use futures::channel::oneshot;

pub use self::store::{
    KvBackend, KvConnection, ListPage, ListQuery, ListedKey, NewEntry, StoredValue,
};

/// Storage threads of the process: reads run in parallel on them, and a
/// slow write holds up only its own thread.
const STORAGE_THREADS: usize = 4;
/// How often expired keys are removed from a store that keeps them.
const SWEEP_EVERY: Duration = Duration::from_secs(600);

/// One namespace an app binds (`[[app.kv]]`, `--kv`): plain config.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KvBinding {
    /// The name in the app's `env`.
    pub binding: String,
    pub namespace: String,
}

/// Whether `name` may name a namespace: 1 to 64 of A-Z, a-z, 0-9, `-`, `_`
/// and `.` (it becomes part of Redis key names).
pub fn is_namespace_name(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// Where the namespaces are stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KvStorage {
    /// `kv.sqlite3` in this folder (created if missing).
    Embedded { data_dir: PathBuf },
    /// A Redis server, `redis://[user:password@]host[:port][/db]`.
    Redis { url: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KvSettings {
    pub storage: KvStorage,
    /// The shortest expiration a put may ask for, in seconds (Workers: 60).
    pub min_ttl_s: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum KvError {
    #[error("cannot create the data folder {path}: {source}", path = path.display())]
    DataDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("SQLite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("Redis: {0}")]
    Redis(#[from] ::redis::RedisError),
    #[error("a stored key is not UTF-8")]
    NotUtf8,
    #[error("cannot start a storage thread: {0}")]
    Thread(String),
    #[error("the storage threads have stopped")]
    Stopped,
}

impl KvError {
    /// Whether the connection that gave this error is no use any more (a
    /// storage thread then connects again for its next job).
    fn breaks_connection(&self) -> bool {
        match self {
            KvError::Redis(error) => {
                error.is_io_error()
                    || error.is_connection_dropped()
                    || error.is_unrecoverable_error()
            }
            _ => false,
        }
    }
}

type Job = Box<dyn for<'c> FnOnce(Result<&'c mut dyn KvConnection, KvError>) -> bool + Send>;

/// The process's KV store and its storage threads; they stop when the last
/// handle goes.
pub struct KvService {
    backend: Arc<dyn KvBackend>,
    /// The storage threads' queue, made at the first call: threads started
    /// from a core thread share its confinement under `--sandbox`
    /// (Landlock applies to the thread that asks and those it starts).
    jobs: OnceLock<Result<Sender<Job>, String>>,
    min_ttl_s: u64,
    description: String,
}

impl std::fmt::Debug for KvService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.description)
    }
}

impl KvService {
    /// Opens the store (creating the data folder and database, or
    /// connecting to Redis once, so that a store that cannot work stops the
    /// server at start).
    pub fn open(settings: &KvSettings) -> Result<Arc<KvService>, KvError> {
        let (backend, description): (Arc<dyn KvBackend>, String) = match &settings.storage {
            KvStorage::Embedded { data_dir } => {
                let backend = sqlite::SqliteBackend::create(data_dir)?;
                let description = format!("SQLite {}", backend.path().display());
                (Arc::new(backend), description)
            }
            KvStorage::Redis { url } => (
                Arc::new(redis::RedisBackend::new(url)?),
                format!("Redis {}", redis::without_password(url)),
            ),
        };
        drop(backend.connect()?);
        Ok(Arc::new(KvService {
            backend,
            jobs: OnceLock::new(),
            min_ttl_s: settings.min_ttl_s,
            description,
        }))
    }

    /// The storage threads' queue, starting them at the first call.
    fn queue(&self) -> Result<&Sender<Job>, KvError> {
        let jobs = self.jobs.get_or_init(|| {
            let (jobs, queue) = crossbeam_channel::unbounded::<Job>();
            for index in 0..STORAGE_THREADS {
                let backend = self.backend.clone();
                let queue = queue.clone();
                // The first thread also sweeps: one is enough.
                let sweeps = index == 0;
                std::thread::Builder::new()
                    .name(format!("nano-kv-{index}"))
                    .spawn(move || storage_thread(backend.as_ref(), &queue, sweeps))
                    .map_err(|error| error.to_string())?;
            }
            Ok(jobs)
        });
        jobs.as_ref()
            .map_err(|reason| KvError::Thread(reason.clone()))
    }

    pub fn min_ttl_s(&self) -> u64 {
        self.min_ttl_s
    }

    /// Runs `work` on a storage thread; the future settles when it is done.
    pub fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut dyn KvConnection) -> Result<T, KvError> + Send + 'static,
    ) -> impl std::future::Future<Output = Result<T, KvError>> + 'static {
        let (sender, receiver) = oneshot::channel();
        let job: Job = Box::new(move |connection| {
            let outcome = connection.and_then(work);
            let keep = !matches!(&outcome, Err(error) if error.breaks_connection());
            let _ = sender.send(outcome);
            keep
        });
        let queued = self
            .queue()
            .and_then(|jobs| jobs.send(job).map_err(|_| KvError::Stopped));
        async move {
            queued?;
            receiver.await.map_err(|_| KvError::Stopped)?
        }
    }
}

/// Seconds since the Unix epoch.
pub fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs())
}

/// Runs jobs until the service goes, connecting when it has no connection
/// (at first, and after one broke).
fn storage_thread(backend: &dyn KvBackend, queue: &Receiver<Job>, sweeps: bool) {
    let mut connection: Option<Box<dyn KvConnection>> = None;
    let mut next_sweep = Instant::now();
    loop {
        let job = if sweeps {
            if Instant::now() >= next_sweep {
                let swept =
                    connected(backend, &mut connection).and_then(|open| open.sweep(unix_now()));
                if let Err(error) = swept {
                    tracing::warn!(%error, "KV: removing expired keys failed");
                }
                next_sweep = Instant::now() + SWEEP_EVERY;
            }
            match queue.recv_timeout(next_sweep.saturating_duration_since(Instant::now())) {
                Ok(job) => job,
                Err(RecvTimeoutError::Timeout) => continue,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        } else {
            match queue.recv() {
                Ok(job) => job,
                Err(_) => return,
            }
        };
        if !job(connected(backend, &mut connection)) {
            connection = None;
        }
    }
}

/// The thread's connection, made if it has none.
fn connected<'c>(
    backend: &dyn KvBackend,
    connection: &'c mut Option<Box<dyn KvConnection>>,
) -> Result<&'c mut dyn KvConnection, KvError> {
    if connection.is_none() {
        *connection = Some(backend.connect()?);
    }
    Ok(connection.as_deref_mut().expect("connected above"))
}

/// A namespace as an app's runtime holds it: its binding, its name and the
/// store it lives in.
#[derive(Clone)]
pub struct KvNamespace {
    pub binding: String,
    pub name: String,
    pub service: Arc<KvService>,
}

impl KvNamespace {
    pub fn new(binding: &KvBinding, service: &Arc<KvService>) -> KvNamespace {
        KvNamespace {
            binding: binding.binding.clone(),
            name: binding.namespace.clone(),
            service: service.clone(),
        }
    }
}

impl PartialEq for KvNamespace {
    fn eq(&self, other: &Self) -> bool {
        self.binding == other.binding
            && self.name == other.name
            && Arc::ptr_eq(&self.service, &other.service)
    }
}

impl Eq for KvNamespace {}

impl std::fmt::Debug for KvNamespace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} = {:?} ({:?})", self.binding, self.name, self.service)
    }
}
