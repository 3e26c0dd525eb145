//! The settings `serve` runs with: each a flag when one is given, else the
//! config file's key, else NANO's default.

use std::path::Path;
use std::time::Duration;

use super::ServeArgs;
use crate::config::{AppLimits, Config, ServerSettings};
use crate::runtime::bindings::kv::{limits, KvSettings, KvStorage};
use crate::runtime::CacheLimits;
use crate::sandbox::SyscallFilter;
use crate::server::{
    AccessLog, HostedApps, IsolatePolicy, Limits, LogFormat, ProxySettings, ServerConfig,
    TrustedProxies,
};

/// The default CPU limit of one run of JavaScript: small, so that a bad
/// request stalls its core briefly (an endless loop at 1 s took the good
/// requests' p99 on its core from 1 ms to over 200 ms), and still roomy for
/// a cold run (module evaluation at load, code not yet optimised).
const DEFAULT_CPU_LIMIT_MS: u64 = 50;
const DEFAULT_MAX_HEAP_MB: usize = 128;
const DEFAULT_MAX_IN_FLIGHT: usize = 1000;
const DEFAULT_PORT: u16 = 8080;
const DEFAULT_ADMIN_PORT: u16 = 9090;
const DEFAULT_HOST: &str = "127.0.0.1";
const DEFAULT_WARM_ISOLATES: usize = 2;
/// Enough for the apps a core serves in a busy minute; at the roadmap's
/// ~2 MB per idle app, 1 GB per core.
const DEFAULT_MAX_ISOLATES_PER_CORE: usize = 500;
const DEFAULT_ISOLATE_IDLE_TIMEOUT_S: u64 = 300;
const DEFAULT_SHUTDOWN_DELAY_S: u64 = 5;
const DEFAULT_DRAIN_TIMEOUT_S: u64 = 30;
/// The embedded KV store's folder, relative to the current folder (or, in
/// a config file, to the file's folder).
const DEFAULT_DATA_DIR: &str = ".nano-data";

pub(super) struct Settings {
    pub policy: IsolatePolicy,
    /// Every app's limits unless it sets its own: all three are set.
    pub app_limits: AppLimits,
    cores: usize,
    host: String,
    port: (u16, &'static str),
    admin_host: String,
    admin_port: (u16, &'static str),
    limits: Limits,
    shutdown_delay: Duration,
    drain_timeout: Duration,
    /// Where KV namespaces are stored.
    pub kv: KvSettings,
}

impl Settings {
    pub fn new(serve: &ServeArgs, file: Option<&Config>) -> Result<Settings, String> {
        let args = &serve.server;
        let default_server = ServerSettings::default();
        let server = file.map_or(&default_server, |file| &file.server);
        let cores = match serve.cores.or(server.cores) {
            Some(0) => return Err("--cores must be at least 1".into()),
            Some(cores) => cores,
            None => std::thread::available_parallelism().map_or(1, |n| n.get()),
        };
        let built_in = AppLimits {
            cpu_limit_ms: Some(DEFAULT_CPU_LIMIT_MS),
            max_heap_mb: Some(DEFAULT_MAX_HEAP_MB),
            max_in_flight: Some(DEFAULT_MAX_IN_FLIGHT),
            cache_max_bytes: Some(CacheLimits::default().max_bytes),
            cache_max_entry_bytes: Some(CacheLimits::default().max_entry_bytes),
        };
        let flags = AppLimits {
            cpu_limit_ms: args.cpu_limit_ms.map(|ms| ms.max(1)),
            max_heap_mb: args.max_heap_mb,
            max_in_flight: args.max_in_flight.map(|n| n.max(1)),
            cache_max_bytes: args.cache_max_bytes.map(|n| n.max(1)),
            cache_max_entry_bytes: args.cache_max_entry_bytes.map(|n| n.max(1)),
        };
        let app_limits = flags
            .or(file.map(|file| file.defaults).unwrap_or_default())
            .or(built_in);
        let built_in_limits = Limits::default();
        let ms = |flag: Option<u64>, key: Option<u64>, default: Duration| {
            flag.or(key).map_or(default, Duration::from_millis)
        };
        let request_timeout_ms = args.request_timeout_ms.or(server.request_timeout_ms);
        let limits = Limits {
            max_header_bytes: args
                .max_header_bytes
                .or(server.max_header_bytes)
                .unwrap_or(built_in_limits.max_header_bytes),
            max_body_bytes: args
                .max_body_bytes
                .or(server.max_body_bytes)
                .unwrap_or(built_in_limits.max_body_bytes),
            max_buffered_body_bytes: args.max_buffered_body_bytes,
            header_read_timeout: ms(
                args.header_timeout_ms,
                server.header_timeout_ms,
                built_in_limits.header_read_timeout,
            )
            .max(Duration::from_millis(1)),
            body_timeout: ms(
                args.body_timeout_ms,
                server.body_timeout_ms,
                built_in_limits.body_timeout,
            )
            .max(Duration::from_millis(1)),
            idle_timeout: ms(
                args.idle_timeout_ms,
                server.idle_timeout_ms,
                built_in_limits.idle_timeout,
            )
            .max(Duration::from_millis(1)),
            request_timeout: match request_timeout_ms {
                Some(0) => None,
                Some(ms) => Some(Duration::from_millis(ms)),
                None => built_in_limits.request_timeout,
            },
            max_connections_per_core: args
                .max_connections
                .or(server.max_connections)
                .unwrap_or(built_in_limits.max_connections_per_core),
            ..built_in_limits
        };
        let policy = IsolatePolicy {
            warm_isolates: args
                .warm_isolates
                .or(server.warm_isolates)
                .unwrap_or(DEFAULT_WARM_ISOLATES),
            warm_heap_mb: app_limits.max_heap_mb.unwrap_or(DEFAULT_MAX_HEAP_MB),
            max_isolates: args
                .max_isolates_per_core
                .or(server.max_isolates_per_core)
                .unwrap_or(DEFAULT_MAX_ISOLATES_PER_CORE)
                .max(1),
            idle_timeout: Duration::from_secs(
                args.isolate_idle_timeout_s
                    .or(server.isolate_idle_timeout_s)
                    .unwrap_or(DEFAULT_ISOLATE_IDLE_TIMEOUT_S)
                    .max(1),
            ),
        };
        let port = chosen_port(
            args.port,
            server.port,
            DEFAULT_PORT,
            "--port",
            "`port` in [server]",
        );
        let admin_port = chosen_port(
            args.admin_port,
            server.admin_port,
            DEFAULT_ADMIN_PORT,
            "--admin-port",
            "`admin_port` in [server]",
        );
        Ok(Settings {
            policy,
            app_limits,
            cores,
            host: (args.host.clone())
                .or_else(|| server.host.clone())
                .unwrap_or_else(|| DEFAULT_HOST.into()),
            port,
            admin_host: (args.admin_host.clone())
                .or_else(|| server.admin_host.clone())
                .unwrap_or_else(|| DEFAULT_HOST.into()),
            admin_port,
            limits,
            shutdown_delay: Duration::from_secs(
                args.shutdown_delay
                    .or(server.shutdown_delay_s)
                    .unwrap_or(DEFAULT_SHUTDOWN_DELAY_S),
            ),
            drain_timeout: Duration::from_secs(
                args.drain_timeout
                    .or(server.drain_timeout_s)
                    .unwrap_or(DEFAULT_DRAIN_TIMEOUT_S),
            ),
            kv: kv_settings(args, file),
        })
    }

    pub fn server_config(
        &self,
        args: &ServeArgs,
        hosted: &HostedApps,
        format: LogFormat,
        syscall_filter: Option<SyscallFilter>,
    ) -> ServerConfig {
        let args = &args.server;
        let apps_label = match hosted.apps.as_slice() {
            [only] => only.name.clone(),
            apps => format!("{} apps", apps.len()),
        };
        ServerConfig {
            host: self.host.clone(),
            port: self.port.0,
            port_flag: self.port.1,
            app_ports: hosted.app_ports(),
            cores: self.cores,
            admin_host: self.admin_host.clone(),
            admin_port: self.admin_port.0,
            admin_port_flag: self.admin_port.1,
            limits: self.limits.clone(),
            shutdown_delay: self.shutdown_delay,
            drain_timeout: self.drain_timeout,
            apps_label,
            access_log: AccessLog::new(args.access_log == "on", format, args.access_log_sample),
            proxy: ProxySettings {
                proxy_protocol: args.proxy_protocol,
                trusted_proxies: TrustedProxies::new(args.trusted_proxies.clone()),
            },
            syscall_filter,
        }
    }
}

/// The KV store: Redis when a URL is given, else the data folder.
fn kv_settings(args: &super::ServerArgs, file: Option<&Config>) -> KvSettings {
    let storage = file.map(|file| &file.storage);
    let url = (args.kv_url.clone()).or_else(|| storage.and_then(|storage| storage.kv.clone()));
    let storage_kind = match url {
        Some(url) => KvStorage::Redis { url },
        None => {
            let data_dir = (args.data_dir.clone())
                .or_else(|| file.and_then(|file| file.server.data_dir.clone()))
                .unwrap_or_else(|| {
                    let folder = file.and_then(|file| file.file.parent());
                    folder.unwrap_or(Path::new("")).join(DEFAULT_DATA_DIR)
                });
            KvStorage::Embedded {
                data_dir: std::path::absolute(&data_dir).unwrap_or(data_dir),
            }
        }
    };
    KvSettings {
        storage: storage_kind,
        min_ttl_s: args
            .kv_min_ttl_s
            .or(storage.and_then(|storage| storage.kv_min_ttl_s))
            .unwrap_or(limits::DEFAULT_MIN_TTL_S),
    }
}

/// A port, and what to call it in an error: the flag when one is given,
/// else the config key, else the default (named by its flag).
fn chosen_port(
    flag: Option<u16>,
    key: Option<u16>,
    default: u16,
    flag_name: &'static str,
    key_name: &'static str,
) -> (u16, &'static str) {
    match (flag, key) {
        (Some(port), _) => (port, flag_name),
        (None, Some(port)) => (port, key_name),
        (None, None) => (default, flag_name),
    }
}
