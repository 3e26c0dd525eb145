//! The config file of `nano serve --config nano.toml`: several apps on one
//! server, each reached through its routes or a port of its own.
//!
//! ```toml
//! [server]                      # every key optional
//! host = "127.0.0.1"            # address of the listeners
//! port = 8080                   # the shared port the routes live on
//! cores = 8                     # core threads (default: all cores)
//! admin_host = "127.0.0.1"      # /metrics, /healthz, /readyz
//! admin_port = 9090
//! warm_isolates = 2             # blank isolates kept ready per core
//! max_isolates_per_core = 500   # app isolates per core; beyond it the least
//!                               # recently used is evicted
//! isolate_idle_timeout_s = 300  # an app isolate idle that long is evicted
//! header_timeout_ms = 10000
//! body_timeout_ms = 60000
//! request_timeout_ms = 60000    # 0: no limit
//! idle_timeout_ms = 75000       # keep-alive connections
//! max_connections = 10000       # per core
//! max_header_bytes = 16384
//! max_body_bytes = 10485760
//! shutdown_delay_s = 5
//! drain_timeout_s = 30
//! data_dir = ".nano-data"       # the embedded KV store, relative to this file
//!
//! [storage]                     # every key optional
//! kv = "redis://127.0.0.1:6379" # KV namespaces in Redis instead of data_dir,
//!                               # for several instances serving the same keys
//! kv_min_ttl_s = 60             # shortest KV expiration (Workers: 60)
//!
//! [defaults]                    # limits of every app that does not set its own
//! cpu_limit_ms = 50
//! max_heap_mb = 128
//! max_in_flight = 1000
//! cache_max_bytes = 67108864    # the Cache API's store, per app per core (LRU)
//! cache_max_entry_bytes = 8388608   # one cached response, at most
//!
//! [[app]]                       # one such table per app
//! name = "shop"                 # required: a-z, 0-9 and -, at most 63, unique
//! dir = "apps/shop"             # required: the app folder, relative to this file
//! routes = ["shop.example.com/*", "*.shop.example.com/*", "example.com/shop/*"]
//! vars = { API_BASE = "https://api.example.com" }   # the app's env (strings)
//! port = 8081                   # the app also answers everything on this port
//! cpu_limit_ms = 200            # the keys of [defaults], for this app only
//! crons = ["*/5 * * * *"]       # cron triggers of the app's scheduled() handler (UTC)
//!
//! [[app.kv]]                    # a KV namespace in the app's env (repeatable)
//! binding = "MY_KV"             # required: its name in env
//! namespace = "shop-cache"      # default: the binding; apps naming the same
//!                               # namespace share its keys
//! ```
//!
//! A key of `[server]` or `[defaults]` left out keeps its default, the same
//! as that of the matching `nano serve` flag. Each app needs `routes`, a
//! `port`, or both; its entry module is found as for `nano serve APP_DIR`.
//!
//! A route is `host/path`, as in Workers routes. The host is a name
//! (`example.com`), `*.example.com` (its subdomains, not itself),
//! `*example.com` (itself and its subdomains) or `*` (any host); a path
//! ending in `*` matches every path that starts with what comes before it,
//! any other path only itself. A request goes to the most specific route:
//! the exact host before wildcards, a wildcard on a longer name before one on
//! a shorter, `*` last; under one host the exact path, else the longest
//! prefix. When none of the paths under the most specific host match, the
//! next host pattern is tried: with `example.com/shop/*` for one app and
//! `*example.com/*` for another, `example.com/cart` goes to the second.
//!
//! Every mistake (an unknown key, a duplicate name, route or port, a missing
//! folder, a zero limit) stops the server before it starts, with the line
//! and column of the value at fault.

mod file;
mod routes;

use std::collections::hash_map::{Entry, HashMap};
use std::collections::BTreeMap;
use std::hash::Hash;
use std::path::{Path, PathBuf};

use toml::Spanned;

use self::file::{AppTable, ConfigFile, KvTable, LimitsTable, ServerTable, StorageTable};
pub use self::routes::{HostPattern, PathPattern, Route, RouteTable};
use crate::cron::CronSchedule;
use crate::runtime::bindings::kv::{is_namespace_name, KvBinding};
use crate::runtime::find_entry;

/// A checked config file.
#[derive(Debug, Clone)]
pub struct Config {
    /// The file it was read from.
    pub file: PathBuf,
    pub server: ServerSettings,
    pub defaults: AppLimits,
    pub storage: StorageSettings,
    pub apps: Vec<AppConfig>,
}

/// `[storage]`; `None` for a key left out.
#[derive(Debug, Clone, Default)]
pub struct StorageSettings {
    /// The Redis URL KV namespaces live at.
    pub kv: Option<String>,
    pub kv_min_ttl_s: Option<u64>,
}

/// `[server]`; `None` for a key left out.
#[derive(Debug, Clone, Default)]
pub struct ServerSettings {
    pub host: Option<String>,
    pub port: Option<u16>,
    pub cores: Option<usize>,
    pub admin_host: Option<String>,
    pub admin_port: Option<u16>,
    pub warm_isolates: Option<usize>,
    pub max_isolates_per_core: Option<usize>,
    pub isolate_idle_timeout_s: Option<u64>,
    pub header_timeout_ms: Option<u64>,
    pub body_timeout_ms: Option<u64>,
    pub request_timeout_ms: Option<u64>,
    pub idle_timeout_ms: Option<u64>,
    pub max_connections: Option<usize>,
    pub max_header_bytes: Option<usize>,
    pub max_body_bytes: Option<usize>,
    pub shutdown_delay_s: Option<u64>,
    pub drain_timeout_s: Option<u64>,
    /// Absolute: a relative path is taken from the config file's folder.
    pub data_dir: Option<PathBuf>,
}

/// The limits of an app's isolates; `None` for a key left out.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct AppLimits {
    pub cpu_limit_ms: Option<u64>,
    pub max_heap_mb: Option<usize>,
    pub max_in_flight: Option<usize>,
    pub cache_max_bytes: Option<usize>,
    pub cache_max_entry_bytes: Option<usize>,
}

impl AppLimits {
    /// Each limit of `self`, or `fallback`'s where `self` has none.
    pub fn or(self, fallback: AppLimits) -> AppLimits {
        AppLimits {
            cpu_limit_ms: self.cpu_limit_ms.or(fallback.cpu_limit_ms),
            max_heap_mb: self.max_heap_mb.or(fallback.max_heap_mb),
            max_in_flight: self.max_in_flight.or(fallback.max_in_flight),
            cache_max_bytes: self.cache_max_bytes.or(fallback.cache_max_bytes),
            cache_max_entry_bytes: self
                .cache_max_entry_bytes
                .or(fallback.cache_max_entry_bytes),
        }
    }
}

/// One `[[app]]`.
#[derive(Debug, Clone)]
pub struct AppConfig {
    pub name: String,
    /// The app folder, absolute and canonical.
    pub root: PathBuf,
    /// The entry module in `root`.
    pub entry: PathBuf,
    pub routes: Vec<Route>,
    pub port: Option<u16>,
    /// The app's `env` strings, sorted by key.
    pub vars: Vec<(String, String)>,
    /// The cron triggers of its `scheduled` handler.
    pub crons: Vec<CronSchedule>,
    /// The KV namespaces bound in its `env`.
    pub kv: Vec<KvBinding>,
    /// The limits the app sets itself, without `[defaults]` (see
    /// `AppLimits::or`).
    pub limits: AppLimits,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{file}: {reason}", file = file.display())]
    Read { file: PathBuf, reason: String },
    #[error("{file}:{line}:{column}: {reason}", file = file.display())]
    Invalid {
        file: PathBuf,
        line: usize,
        column: usize,
        reason: String,
    },
}

impl Config {
    /// Reads and checks the config file at `path`.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|error| ConfigError::Read {
            file: path.to_path_buf(),
            reason: error.to_string(),
        })?;
        Config::parse(&text, path)
    }

    /// Checks the config `text` read from `file`; app folders are relative
    /// to the folder of `file`.
    pub fn parse(text: &str, file: &Path) -> Result<Config, ConfigError> {
        let source = Source {
            text,
            file,
            newlines: text.match_indices('\n').map(|(at, _)| at).collect(),
        };
        let raw: ConfigFile = toml::from_str(text).map_err(|error| source.toml_error(&error))?;
        let mut ports = Claims::default();
        let folder = file.parent().unwrap_or(Path::new(""));
        let mut server = source.server_settings(raw.server, &mut ports)?;
        server.data_dir = server.data_dir.map(|dir| folder.join(dir));
        let defaults = source.limits(raw.defaults)?;
        let storage = source.storage(raw.storage)?;
        if raw.app.is_empty() {
            return Err(source.invalid(0, "the config defines no app ([[app]])"));
        }
        let mut names = Claims::default();
        let mut routes = Claims::default();
        let apps = raw
            .app
            .into_iter()
            .map(|app| source.app(app, folder, &mut names, &mut routes, &mut ports))
            .collect::<Result<_, _>>()?;
        Ok(Config {
            file: file.to_path_buf(),
            server,
            defaults,
            storage,
            apps,
        })
    }
}

/// The text of the config file, to turn byte offsets into lines and columns.
struct Source<'a> {
    text: &'a str,
    file: &'a Path,
    /// Byte offset of every newline, so a line number is a binary search
    /// (a config with a thousand apps asks for thousands of them).
    newlines: Vec<usize>,
}

/// What has taken a name, route or port so far: its owner and line.
struct Claims<K>(HashMap<K, (String, usize)>);

impl<K> Default for Claims<K> {
    fn default() -> Self {
        Claims(HashMap::new())
    }
}

impl<K: Eq + Hash> Claims<K> {
    /// Takes `key` for `owner`, or gives the owner and line that took it first.
    fn claim(&mut self, key: K, owner: String, line: usize) -> Result<(), &(String, usize)> {
        match self.0.entry(key) {
            Entry::Vacant(entry) => {
                entry.insert((owner, line));
                Ok(())
            }
            Entry::Occupied(entry) => Err(entry.into_mut()),
        }
    }
}

impl Source<'_> {
    fn invalid(&self, offset: usize, reason: impl Into<String>) -> ConfigError {
        let before = &self.text[..offset.min(self.text.len())];
        let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
        ConfigError::Invalid {
            file: self.file.to_path_buf(),
            line: self.line(offset),
            column: before[line_start..].chars().count() + 1,
            reason: reason.into(),
        }
    }

    fn line(&self, offset: usize) -> usize {
        self.newlines.partition_point(|newline| *newline < offset) + 1
    }

    fn toml_error(&self, error: &toml::de::Error) -> ConfigError {
        let offset = error.span().map_or(0, |span| span.start);
        let reason = error.message().trim().replace('\n', "; ");
        self.invalid(offset, reason)
    }

    /// The value of a count or limit for which 0 makes no sense.
    fn positive<T: Copy + Default + PartialEq>(
        &self,
        key: &str,
        value: Option<Spanned<T>>,
    ) -> Result<Option<T>, ConfigError> {
        match value {
            Some(value) if *value.get_ref() == T::default() => {
                Err(self.invalid(value.span().start, format!("{key} must be at least 1")))
            }
            value => Ok(value.map(Spanned::into_inner)),
        }
    }

    /// Takes `port` for `owner` unless another has it.
    fn claim_port(
        &self,
        ports: &mut Claims<u16>,
        port: &Spanned<u16>,
        owner: String,
    ) -> Result<(), ConfigError> {
        let offset = port.span().start;
        let port = *port.get_ref();
        ports
            .claim(port, owner.clone(), self.line(offset))
            .map_err(|(first, line)| {
                self.invalid(
                    offset,
                    format!("port {port} is used twice: by {first} (line {line}) and by {owner}"),
                )
            })
    }

    fn server_settings(
        &self,
        server: ServerTable,
        ports: &mut Claims<u16>,
    ) -> Result<ServerSettings, ConfigError> {
        // Port 0 picks a free port, so two of them do not collide.
        let listeners = [
            (&server.port, "[server] port"),
            (&server.admin_port, "[server] admin_port"),
        ];
        for (port, owner) in listeners {
            if let Some(port) = port.as_ref().filter(|port| *port.get_ref() != 0) {
                self.claim_port(ports, port, owner.to_string())?;
            }
        }
        Ok(ServerSettings {
            host: server.host,
            port: server.port.map(Spanned::into_inner),
            cores: self.positive("cores", server.cores)?,
            admin_host: server.admin_host,
            admin_port: server.admin_port.map(Spanned::into_inner),
            warm_isolates: server.warm_isolates,
            max_isolates_per_core: self
                .positive("max_isolates_per_core", server.max_isolates_per_core)?,
            isolate_idle_timeout_s: server.isolate_idle_timeout_s,
            header_timeout_ms: server.header_timeout_ms,
            body_timeout_ms: server.body_timeout_ms,
            request_timeout_ms: server.request_timeout_ms,
            idle_timeout_ms: server.idle_timeout_ms,
            max_connections: self.positive("max_connections", server.max_connections)?,
            max_header_bytes: self.positive("max_header_bytes", server.max_header_bytes)?,
            max_body_bytes: server.max_body_bytes,
            shutdown_delay_s: server.shutdown_delay_s,
            drain_timeout_s: server.drain_timeout_s,
            data_dir: server.data_dir.map(PathBuf::from),
        })
    }

    fn storage(&self, storage: StorageTable) -> Result<StorageSettings, ConfigError> {
        if let Some(url) = &storage.kv {
            check_kv_url(url.get_ref()).map_err(|reason| {
                self.invalid(url.span().start, format!("[storage] kv: {reason}"))
            })?;
        }
        Ok(StorageSettings {
            kv: storage.kv.map(Spanned::into_inner),
            kv_min_ttl_s: self.positive("kv_min_ttl_s", storage.kv_min_ttl_s)?,
        })
    }

    /// The app's `[[app.kv]]` tables: bindings unique among themselves and
    /// the app's vars, namespaces well named.
    fn kv_bindings(
        &self,
        tables: Vec<KvTable>,
        vars: &BTreeMap<String, String>,
        owner: &str,
    ) -> Result<Vec<KvBinding>, ConfigError> {
        let mut bindings: Vec<KvBinding> = Vec::with_capacity(tables.len());
        for table in tables {
            let offset = table.binding.span().start;
            let binding = table.binding.into_inner();
            check_binding_name(&binding)
                .map_err(|reason| self.invalid(offset, format!("{owner}: {reason}")))?;
            if vars.contains_key(&binding) || bindings.iter().any(|b| b.binding == binding) {
                return Err(self.invalid(
                    offset,
                    format!("{owner} binds \"{binding}\" in its env twice"),
                ));
            }
            let namespace = match table.namespace {
                Some(namespace) => {
                    let offset = namespace.span().start;
                    let namespace = namespace.into_inner();
                    if !is_namespace_name(&namespace) {
                        return Err(self.invalid(offset, namespace_name_error(&namespace)));
                    }
                    namespace
                }
                None if is_namespace_name(&binding) => binding.clone(),
                None => return Err(self.invalid(offset, namespace_name_error(&binding))),
            };
            bindings.push(KvBinding { binding, namespace });
        }
        Ok(bindings)
    }

    fn limits(&self, limits: LimitsTable) -> Result<AppLimits, ConfigError> {
        Ok(AppLimits {
            cpu_limit_ms: self.positive("cpu_limit_ms", limits.cpu_limit_ms)?,
            max_heap_mb: self.positive("max_heap_mb", limits.max_heap_mb)?,
            max_in_flight: self.positive("max_in_flight", limits.max_in_flight)?,
            cache_max_bytes: self.positive("cache_max_bytes", limits.cache_max_bytes)?,
            cache_max_entry_bytes: self
                .positive("cache_max_entry_bytes", limits.cache_max_entry_bytes)?,
        })
    }

    fn app(
        &self,
        mut app: AppTable,
        folder: &Path,
        names: &mut Claims<String>,
        routes: &mut Claims<Route>,
        ports: &mut Claims<u16>,
    ) -> Result<AppConfig, ConfigError> {
        let name = self.app_name(&app.name, names)?;
        let owner = format!("app \"{name}\"");
        let root = self.app_root(&app.dir, folder)?;
        let entry =
            find_entry(&root).map_err(|reason| self.invalid(app.dir.span().start, reason))?;
        let app_routes = app
            .routes
            .iter()
            .map(|route| self.route(route, &owner, routes))
            .collect::<Result<Vec<_>, _>>()?;
        if app_routes.is_empty() && app.port.is_none() {
            return Err(self.invalid(
                app.name.span().start,
                format!(
                    "{owner} has neither routes nor a port: give it routes = [\"example.com/*\"] or port = 8081"
                ),
            ));
        }
        let port = self.app_port(app.port.as_ref(), &owner, ports)?;
        let crons = app
            .crons
            .iter()
            .map(|cron| {
                CronSchedule::parse(cron.get_ref())
                    .map_err(|reason| self.invalid(cron.span().start, reason))
            })
            .collect::<Result<_, _>>()?;
        let limits = self.limits(app.take_limits())?;
        let kv = self.kv_bindings(std::mem::take(&mut app.kv), &app.vars, &owner)?;
        Ok(AppConfig {
            name,
            root,
            entry,
            routes: app_routes,
            port,
            vars: app.vars.into_iter().collect(),
            crons,
            kv,
            limits,
        })
    }

    fn app_name(
        &self,
        name: &Spanned<String>,
        names: &mut Claims<String>,
    ) -> Result<String, ConfigError> {
        let offset = name.span().start;
        let text = name.get_ref();
        let well_formed = (1..=63).contains(&text.len())
            && text
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !well_formed {
            return Err(self.invalid(
                offset,
                format!("app name \"{text}\" must be 1 to 63 of a-z, 0-9 and -"),
            ));
        }
        names
            .claim(text.clone(), String::new(), self.line(offset))
            .map_err(|(_, line)| {
                self.invalid(
                    offset,
                    format!("app name \"{text}\" is used twice (first at line {line})"),
                )
            })?;
        Ok(text.clone())
    }

    /// The app folder `dir`, relative to `folder`, made absolute (whether it
    /// is a folder is found with its entry).
    fn app_root(&self, dir: &Spanned<String>, folder: &Path) -> Result<PathBuf, ConfigError> {
        let offset = dir.span().start;
        let text = dir.get_ref();
        let path = folder.join(text);
        let root = path.canonicalize().map_err(|error| {
            let reason = match error.kind() {
                std::io::ErrorKind::NotFound => "does not exist".to_string(),
                _ => error.to_string(),
            };
            self.invalid(
                offset,
                format!("dir \"{text}\" ({}): {reason}", path.display()),
            )
        })?;
        Ok(root)
    }

    fn route(
        &self,
        text: &Spanned<String>,
        owner: &str,
        routes: &mut Claims<Route>,
    ) -> Result<Route, ConfigError> {
        let offset = text.span().start;
        let route: Route = text.get_ref().parse().map_err(|reason: String| {
            self.invalid(offset, format!("route \"{}\": {reason}", text.get_ref()))
        })?;
        routes
            .claim(route.clone(), owner.to_string(), self.line(offset))
            .map_err(|(first, line)| {
                self.invalid(
                    offset,
                    format!(
                        "route \"{route}\" is used twice: by {first} (line {line}) and by {owner}"
                    ),
                )
            })?;
        Ok(route)
    }

    fn app_port(
        &self,
        port: Option<&Spanned<u16>>,
        owner: &str,
        ports: &mut Claims<u16>,
    ) -> Result<Option<u16>, ConfigError> {
        let Some(port) = port else {
            return Ok(None);
        };
        if *port.get_ref() == 0 {
            return Err(self.invalid(
                port.span().start,
                "an app's port must be at least 1 (clients could not know a port picked at random)",
            ));
        }
        self.claim_port(ports, port, owner.to_string())?;
        Ok(Some(*port.get_ref()))
    }
}

/// A name an app's `env` can hold a binding under: a JavaScript identifier
/// of ASCII letters, digits, `_` and `$`.
pub fn check_binding_name(name: &str) -> Result<(), String> {
    let mut chars = name.chars();
    let starts_well = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$');
    if starts_well && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$') {
        Ok(())
    } else {
        Err(format!(
            "binding \"{name}\" must be a JavaScript identifier (A-Z, a-z, 0-9, _ and $, not starting with a digit)"
        ))
    }
}

fn namespace_name_error(name: &str) -> String {
    format!("KV namespace \"{name}\" must be 1 to 64 of A-Z, a-z, 0-9, -, _ and .")
}

/// A URL of the Redis server KV namespaces live at: `redis://` (TCP) or
/// `redis+unix://` / `unix://` (a Unix socket).
pub fn check_kv_url(url: &str) -> Result<(), String> {
    let scheme = url.split_once("://").map(|(scheme, _)| scheme);
    match scheme {
        Some("redis" | "redis+unix" | "unix") => Ok(()),
        _ => Err(format!(
            "\"{url}\" is not a Redis URL (redis://host:port/db or redis+unix:///path)"
        )),
    }
}

#[cfg(test)]
mod tests;
