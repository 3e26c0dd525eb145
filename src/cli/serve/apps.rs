//! The apps `serve` hosts: one folder (`nano serve ./app`), or those a
//! config file lists.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use crate::config::{AppConfig, AppLimits, Config, Route};
use crate::cron::CronSchedule;
use crate::runtime::bindings::kv::{KvBinding, KvNamespace, KvService, KvSettings, KvStorage};
use crate::runtime::{find_entry, AppSpec, CacheLimits};
use crate::server::{AppDefinition, AppSource, HostedApps, IsolateLimits};

/// What the one app of `nano serve ./app` has besides its folder:
/// `--var`, `--cron` and `--kv`.
#[derive(Clone)]
pub(super) struct FolderApp {
    pub vars: Vec<(String, String)>,
    pub crons: Vec<CronSchedule>,
    pub kv: Vec<KvNamespace>,
}

/// The one app of `nano serve ./app`: every host and path.
pub(super) fn from_folder(
    folder: &Path,
    app: &FolderApp,
    limits: &AppLimits,
) -> Result<Vec<AppDefinition>, String> {
    let entry = find_entry(folder)?;
    let every_request: Route = "*/*".parse().expect("the catch-all route is valid");
    Ok(vec![AppDefinition {
        name: folder_name(folder),
        spec: AppSpec {
            root: folder.to_path_buf(),
            entry,
            vars: app.vars.clone(),
            kv: app.kv.clone(),
        },
        limits: isolate_limits(limits),
        routes: vec![every_request],
        port: None,
        crons: app.crons.clone(),
    }])
}

/// The apps a config file lists, each with its own limits where it sets
/// them and `defaults` where it does not.
pub(super) fn from_config(
    file: &Config,
    defaults: &AppLimits,
    kv: &mut KvStore,
) -> Result<Vec<AppDefinition>, String> {
    file.apps
        .iter()
        .map(|app: &AppConfig| {
            Ok(AppDefinition {
                name: app.name.clone(),
                spec: AppSpec {
                    root: app.root.clone(),
                    entry: app.entry.clone(),
                    vars: app.vars.clone(),
                    kv: kv.bind(&app.kv)?,
                },
                limits: isolate_limits(&app.limits.or(*defaults)),
                routes: app.routes.clone(),
                port: app.port,
                crons: app.crons.clone(),
            })
        })
        .collect()
}

/// The KV store of the process, opened when the first app that binds a
/// namespace is read (at start, or at a reload that adds one); a server
/// whose apps bind none creates no data folder and needs no Redis.
pub(super) struct KvStore {
    settings: KvSettings,
    service: Option<Arc<KvService>>,
}

impl KvStore {
    pub fn new(settings: KvSettings) -> KvStore {
        KvStore {
            settings,
            service: None,
        }
    }

    /// The namespaces of `bindings`, in the store.
    pub fn bind(&mut self, bindings: &[KvBinding]) -> Result<Vec<KvNamespace>, String> {
        if bindings.is_empty() {
            return Ok(Vec::new());
        }
        let service = match &self.service {
            Some(service) => service.clone(),
            None => {
                let service = KvService::open(&self.settings)
                    .map_err(|error| format!("KV storage: {error}"))?;
                tracing::info!(store = ?service, "KV namespaces open");
                self.service.insert(service).clone()
            }
        };
        Ok(bindings
            .iter()
            .map(|binding| KvNamespace::new(binding, &service))
            .collect())
    }

    /// The folder the embedded store writes to, when it is the store.
    pub fn data_dir(&self) -> Option<&Path> {
        match &self.settings.storage {
            KvStorage::Embedded { data_dir } => Some(data_dir),
            KvStorage::Redis { .. } => None,
        }
    }
}

/// The config file, read again on SIGHUP (and when it changes, with
/// `--watch-config`). Its `[server]` and `[defaults]` stay those of the
/// start (a restart changes them); its apps are read anew.
pub(super) struct ConfigFile {
    file: PathBuf,
    defaults: AppLimits,
    kv: KvStore,
    current: Arc<HostedApps>,
    /// Modification time and length when last read.
    seen: Option<(SystemTime, u64)>,
}

impl ConfigFile {
    pub fn new(
        file: PathBuf,
        defaults: AppLimits,
        kv: KvStore,
        current: Arc<HostedApps>,
    ) -> ConfigFile {
        let seen = stamp(&file);
        ConfigFile {
            file,
            defaults,
            kv,
            current,
            seen,
        }
    }
}

impl AppSource for ConfigFile {
    fn name(&self) -> &str {
        "the config file"
    }

    fn read(&mut self) -> anyhow::Result<Arc<HostedApps>> {
        self.seen = stamp(&self.file);
        let config = Config::load(&self.file)?;
        let definitions =
            from_config(&config, &self.defaults, &mut self.kv).map_err(anyhow::Error::msg)?;
        let apps = Arc::new(HostedApps::new(definitions, Some(&self.current)));
        self.current = apps.clone();
        Ok(apps)
    }

    fn changed(&mut self) -> bool {
        stamp(&self.file) != self.seen
    }
}

fn stamp(file: &Path) -> Option<(SystemTime, u64)> {
    let metadata = std::fs::metadata(file).ok()?;
    Some((metadata.modified().ok()?, metadata.len()))
}

fn isolate_limits(limits: &AppLimits) -> IsolateLimits {
    IsolateLimits {
        cpu_limit: Duration::from_millis(limits.cpu_limit_ms.expect("defaults set every limit")),
        max_heap_mb: limits.max_heap_mb.expect("defaults set every limit"),
        max_in_flight: limits.max_in_flight.expect("defaults set every limit"),
        cache: CacheLimits {
            max_bytes: limits.cache_max_bytes.expect("defaults set every limit"),
            max_entry_bytes: limits
                .cache_max_entry_bytes
                .expect("defaults set every limit"),
        },
    }
}

/// The app's name in logs and metrics: its folder's name.
fn folder_name(path: &Path) -> String {
    path.canonicalize()
        .ok()
        .and_then(|path| {
            path.file_name()
                .map(|name| name.to_string_lossy().into_owned())
        })
        .unwrap_or_else(|| "app".into())
}
