//! `nano serve`: host a Workers app on every core.

use std::num::NonZeroU32;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::rc::Rc;
use std::sync::Arc;

use anyhow::Context;
use clap::Args;
use crossbeam_channel::unbounded;
use futures::FutureExt;
use ipnet::IpNet;
use tracing_subscriber::filter::LevelFilter;

use self::settings::Settings;
use self::watch::WatchedFolder;
use super::{EXIT_JS_ERROR, EXIT_USAGE};
use crate::config::{check_binding_name, check_kv_url, Config};
use crate::cron::CronSchedule;
use crate::runtime::bindings::kv::{is_namespace_name, KvBinding};
use crate::runtime::RuntimeError;
use crate::sandbox::{restrict_files, FileAccess, SandboxError, SyscallFilter};
use crate::server::{
    init_logging, serve, AddressError, AppRegistry, CoreHandler, HandlerFactory, HostedApps,
    LoadReports, LogFormat, Reloader,
};

mod apps;
pub mod dev;
mod settings;
mod watch;

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    server: ServerArgs,
    /// Host many apps, routed by host and path or by port, as the TOML file
    /// says (`[server]`, `[defaults]`, `[[app]]`: see the README's "Many
    /// apps in one process" and examples/multi/nano.toml). Flags given on
    /// the command line override its `[server]` and `[defaults]` keys.
    /// SIGHUP reads it again: new apps appear, removed apps finish their
    /// requests and go, the others are loaded again.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["app", "vars", "crons", "kv"])]
    config: Option<PathBuf>,
    /// Read the config file again whenever it changes (checked every
    /// second), as SIGHUP does.
    #[arg(long, requires = "config")]
    watch_config: bool,
    /// Core threads, each pinned, with its own listeners and isolates
    /// [default: all available cores].
    #[arg(long, value_name = "N")]
    cores: Option<usize>,
    /// Confine the process once it has started (Linux): Landlock lets it
    /// read only the app folder and the system files it needs and write
    /// only to its cache folder (and the KV data folder, when an app binds a
    /// namespace); a seccomp filter refuses exec, ptrace,
    /// sockets other than TCP/UDP over IP, new listeners and io_uring (the
    /// cores use epoll instead). A kernel without Landlock or seccomp stops
    /// the server with exit status 2. The app folder is fixed at start: a
    /// SIGHUP reload after it was moved or re-pointed elsewhere is refused.
    #[arg(long)]
    sandbox: bool,
    /// Reload the app whenever a file in its folder changes (node_modules
    /// included; a burst of changes reloads once), printing a load error
    /// with its source line while the last version that loaded keeps
    /// serving. `nano dev` is this on one core.
    #[arg(long, conflicts_with_all = ["config", "sandbox"])]
    watch: bool,
}

/// The flags `serve` and `dev` share: the app, its listeners, its limits
/// and the logs.
#[derive(Debug, Clone, Args)]
pub struct ServerArgs {
    /// The app folder. Its entry module is `main` from its package.json,
    /// else the first of index.js, worker.js, main.js, index.mjs, worker.mjs
    /// [default: the current folder, unless --config is given].
    #[arg(value_name = "APP_DIR")]
    app: Option<PathBuf>,
    /// Address to listen on [default: 127.0.0.1].
    #[arg(long)]
    host: Option<String>,
    /// Port to listen on (0 picks a free one); with --config, the port the
    /// apps' routes are served on [default: 8080].
    #[arg(long, short = 'p')]
    port: Option<u16>,
    /// Address of the admin listener (/metrics, /healthz, /readyz, /apps)
    /// [default: 127.0.0.1].
    #[arg(long)]
    admin_host: Option<String>,
    /// Port of the admin listener (0 picks a free one) [default: 9090].
    #[arg(long)]
    admin_port: Option<u16>,
    /// A binding in the app's `env`, as KEY=VALUE (repeatable; one app
    /// only: with --config, each app's `vars` say it).
    #[arg(long = "var", value_name = "KEY=VALUE", value_parser = parse_var)]
    vars: Vec<(String, String)>,
    /// A cron trigger of the app's `scheduled` handler, in UTC, e.g.
    /// "*/5 * * * *" (repeatable; one app only: with --config, each app's
    /// `crons` say it). A sixth, leading field gives seconds.
    #[arg(long = "cron", value_name = "PATTERN", value_parser = CronSchedule::parse)]
    crons: Vec<CronSchedule>,
    /// A Workers KV namespace in the app's `env` under BINDING, stored as
    /// NAMESPACE [default: BINDING] (repeatable; one app only: with
    /// --config, each app's `[[app.kv]]` says it). Its keys outlive the
    /// process: in --data-dir, or in Redis with --kv-url.
    #[arg(long = "kv", value_name = "BINDING[=NAMESPACE]", value_parser = parse_kv)]
    kv: Vec<KvBinding>,
    /// Folder of the embedded KV store, created when an app binds a
    /// namespace; `data_dir` in the config's [server], relative to the
    /// config file there [default: .nano-data].
    #[arg(long, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// Keep KV namespaces in this Redis server instead of --data-dir, so
    /// that several NANO instances share them: redis://host:port/db or
    /// redis+unix:///path (`kv` in the config's [storage]).
    #[arg(long, value_name = "URL", value_parser = parse_kv_url)]
    kv_url: Option<String>,
    /// The shortest expiration a KV put may ask for, in seconds
    /// (`kv_min_ttl_s` in [storage]). Workers' is 60; tests lower it
    /// [default: 60].
    #[arg(long, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..))]
    kv_min_ttl_s: Option<u64>,
    /// CPU time one run of JavaScript may use (measured on its core's
    /// thread); a longer run gets 503 and the isolate is replaced. A run is
    /// one stretch of JavaScript without an await in between (the handler
    /// up to its first await, each continuation, the app's top-level code
    /// at load); while it runs, its core serves nothing else. Time V8
    /// spends optimising the app's hot code does not count [default: 50].
    #[arg(long, value_name = "MS")]
    cpu_limit_ms: Option<u64>,
    /// Heap limit of each isolate in MiB; reaching it gives 503
    /// [default: 128].
    #[arg(long, value_name = "MIB")]
    max_heap_mb: Option<usize>,
    /// Requests one isolate works on at once; more are answered 503
    /// [default: 1000].
    #[arg(long, value_name = "N")]
    max_in_flight: Option<usize>,
    /// Bytes each app's Cache API store (`caches`) holds on each core;
    /// beyond it the least recently used responses are evicted
    /// [default: 67108864 (64 MiB)].
    #[arg(long, value_name = "BYTES")]
    cache_max_bytes: Option<usize>,
    /// Bytes of one cached response (body and headers); a larger one is
    /// not stored [default: 8388608 (8 MiB)].
    #[arg(long, value_name = "BYTES")]
    cache_max_entry_bytes: Option<usize>,
    /// Blank isolates each core keeps restored from the snapshot, ready for
    /// an app's first request [default: 2].
    #[arg(long, value_name = "N")]
    warm_isolates: Option<usize>,
    /// App isolates one core keeps loaded; loading one more unloads the
    /// least recently used app, which loads again on its next request
    /// [default: 500].
    #[arg(long, value_name = "N")]
    max_isolates_per_core: Option<usize>,
    /// Seconds an app may go without a request before its isolate is
    /// unloaded [default: 300].
    #[arg(long, value_name = "SECONDS")]
    isolate_idle_timeout_s: Option<u64>,
    /// Bytes of request line plus headers; more gives 431 [default: 16384].
    #[arg(long, value_name = "BYTES")]
    max_header_bytes: Option<usize>,
    /// Bytes of request body; more gives 413 [default: 10485760].
    #[arg(long, value_name = "BYTES")]
    max_body_bytes: Option<usize>,
    /// Bytes of request bodies one core holds at once while they arrive; a
    /// body that would pass it gets 503.
    #[arg(long, value_name = "BYTES", default_value_t = 256 * 1024 * 1024)]
    max_buffered_body_bytes: usize,
    /// Time a client has to send a request's headers; then 408
    /// [default: 10000].
    #[arg(long, value_name = "MS")]
    header_timeout_ms: Option<u64>,
    /// Time a client has to send a request's whole body, from the end of
    /// its headers; then 408 [default: 60000].
    #[arg(long, value_name = "MS")]
    body_timeout_ms: Option<u64>,
    /// Wall-clock time a request may take, from the end of its headers to
    /// the end of its response: then the app's `request.signal` aborts and
    /// the client gets 504 (a response already begun is cut off). 0: no
    /// limit (e.g. for long event streams) [default: 60000].
    #[arg(long, value_name = "MS")]
    request_timeout_ms: Option<u64>,
    /// Time an idle keep-alive connection is kept open; then it is closed
    /// quietly. Keep it above the idle timeout of a load balancer in front
    /// [default: 75000].
    #[arg(long, value_name = "MS")]
    idle_timeout_ms: Option<u64>,
    /// Open connections per core. At the limit, the connection idle the
    /// longest is closed to make room; with none idle, a new one is
    /// answered 503 and closed [default: 10000].
    #[arg(long, value_name = "N")]
    max_connections: Option<usize>,
    /// Seconds NANO keeps serving as usual after SIGTERM/SIGINT, with
    /// /readyz already 503, so load balancers stop sending before the
    /// listeners close. 0 closes them at once [default: 5].
    #[arg(long, value_name = "SECONDS")]
    shutdown_delay: Option<u64>,
    /// Seconds in-flight requests and waitUntil work may take once the
    /// shutdown delay is over and the listeners close; then they are
    /// dropped and the process exits [default: 30].
    #[arg(long, value_name = "SECONDS")]
    drain_timeout: Option<u64>,
    /// Log format.
    #[arg(long, value_name = "FORMAT", default_value = "pretty", value_parser = ["pretty", "json"])]
    log_format: String,
    /// Least severe log lines written. `RUST_LOG`, when set, wins (its
    /// directives can name targets, e.g. `RUST_LOG=warn,nano::request=info`).
    /// The addresses the server listens on are printed at every level.
    #[arg(long, value_name = "LEVEL", default_value = "info", value_parser = ["error", "warn", "info", "debug", "trace"])]
    log_level: String,
    /// One log line per request (app, request id, method, path, status,
    /// duration, core), at the info level. `off` leaves request logging to
    /// the load balancer (so do `--log-level warn` and
    /// `RUST_LOG=info,nano::request=off`); `--access-log-sample` thins it.
    #[arg(long, value_name = "ON|OFF", default_value = "on", value_parser = ["on", "off"])]
    access_log: String,
    /// Log one request in N (counted per core); every request answered with
    /// a 5xx status is logged whatever N is.
    #[arg(long, value_name = "N", default_value_t = NonZeroU32::MIN)]
    access_log_sample: NonZeroU32,
    /// A proxy (CIDR or address, IPv4 or IPv6; repeatable) whose
    /// X-Forwarded-For is believed: for a request from such a peer, the
    /// client is the first address from the right of X-Forwarded-For that
    /// is not a trusted proxy. The app gets the client as the
    /// CF-Connecting-IP header (one the client sent is replaced)
    /// [default: none; the peer is the client].
    #[arg(long = "trusted-proxy", value_name = "CIDR", value_parser = parse_cidr)]
    trusted_proxies: Vec<IpNet>,
    /// Every connection must open with a PROXY protocol v1 or v2 header (as
    /// HAProxy or a layer-4 load balancer sends), whose source address then
    /// stands for the peer's; a connection that does not, within the header
    /// timeout, is logged and closed. Only for a listener that nothing but
    /// the proxy can reach.
    #[arg(long)]
    proxy_protocol: bool,
}

/// A CIDR (`10.0.0.0/8`, `fd00::/8`) or a single address.
fn parse_cidr(text: &str) -> Result<IpNet, String> {
    text.parse::<IpNet>()
        .or_else(|_| text.parse::<std::net::IpAddr>().map(IpNet::from))
        .map(|net| net.trunc())
        .map_err(|_| format!("expected a CIDR such as 10.0.0.0/8 or an IP address, got {text:?}"))
}

/// `BINDING` or `BINDING=NAMESPACE`.
fn parse_kv(text: &str) -> Result<KvBinding, String> {
    let (binding, namespace) = text.split_once('=').unwrap_or((text, text));
    check_binding_name(binding)?;
    if !is_namespace_name(namespace) {
        return Err(format!(
            "KV namespace {namespace:?} must be 1 to 64 of A-Z, a-z, 0-9, -, _ and ."
        ));
    }
    Ok(KvBinding {
        binding: binding.to_string(),
        namespace: namespace.to_string(),
    })
}

fn parse_kv_url(text: &str) -> Result<String, String> {
    check_kv_url(text).map(|()| text.to_string())
}

fn parse_var(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((key, value)) if !key.is_empty() => Ok((key.to_string(), value.to_string())),
        _ => Err(format!("expected KEY=VALUE, got {text:?}")),
    }
}

/// How one start of the server ended.
enum Ended {
    Exit(ExitCode),
    /// With --watch: the app did not load at start; it is tried again
    /// once its folder changes.
    LoadFailed(PathBuf, RuntimeError),
}

pub fn run(args: ServeArgs) -> ExitCode {
    let format = if args.server.log_format == "json" {
        LogFormat::Json
    } else {
        LogFormat::Pretty
    };
    let level = args
        .server
        .log_level
        .parse::<LevelFilter>()
        .expect("clap accepts only level names");
    init_logging(format, level);
    loop {
        match serve_once(&args, format) {
            Ended::Exit(code) => return code,
            Ended::LoadFailed(folder, error) => {
                if let Err(message) = watch::wait_for_fix(&folder, &error) {
                    eprintln!("error: {message}");
                    return ExitCode::from(EXIT_USAGE);
                }
            }
        }
    }
}

fn serve_once(args: &ServeArgs, format: LogFormat) -> Ended {
    let exit = |code: u8| Ended::Exit(ExitCode::from(code));
    let file = match args.config.as_deref().map(Config::load).transpose() {
        Ok(file) => file,
        Err(error) => {
            eprintln!("error: {error}");
            return exit(EXIT_USAGE);
        }
    };
    let settings = match Settings::new(args, file.as_ref()) {
        Ok(settings) => settings,
        Err(message) => {
            eprintln!("error: {message}");
            return exit(EXIT_USAGE);
        }
    };
    let folder = args
        .server
        .app
        .clone()
        .unwrap_or_else(|| PathBuf::from("."));
    let mut kv = apps::KvStore::new(settings.kv.clone());
    let read = match &file {
        Some(file) => {
            apps::from_config(file, &settings.app_limits, &mut kv).map(|apps| (apps, None))
        }
        None => kv.bind(&args.server.kv).and_then(|namespaces| {
            let app = apps::FolderApp {
                vars: args.server.vars.clone(),
                crons: args.server.crons.clone(),
                kv: namespaces,
            };
            apps::from_folder(&folder, &app, &settings.app_limits).map(|apps| (apps, Some(app)))
        }),
    };
    let (definitions, folder_app) = match read {
        Ok(read) => read,
        Err(message) => {
            eprintln!("error: {message}");
            return exit(EXIT_USAGE);
        }
    };
    let hosted = Arc::new(HostedApps::new(definitions, None));
    let syscall_filter = if args.sandbox {
        let mut readable: Vec<PathBuf> = hosted
            .apps
            .iter()
            .map(|app| app.spec.root.clone())
            .collect();
        readable.extend(args.config.clone());
        match confine_files(&readable, kv.data_dir()) {
            Ok(filter) => Some(filter),
            Err(error) => {
                eprintln!("error: --sandbox: {error}");
                return exit(EXIT_USAGE);
            }
        }
    } else {
        None
    };
    let config = settings.server_config(args, &hosted, format, syscall_filter);
    let reloading = Reloading {
        file,
        kv,
        folder_app,
    };
    let (reloader, reports) = match reloader(args, reloading, &folder, &settings, &hosted, format) {
        Ok(reloading) => reloading,
        Err(message) => {
            eprintln!("error: {message}");
            return exit(EXIT_USAGE);
        }
    };
    // The one-app shortcut refuses to start with an app that does not
    // load; with a config, each app loads on its first request.
    let preload = args.config.is_none();
    let policy = settings.policy;
    let factory: HandlerFactory = Arc::new(move |core, load| {
        let hosted = hosted.clone();
        // One core's reports say how a reload went: the others load the same.
        let reports = reports.clone().filter(|_| core == 0);
        async move {
            let registry = AppRegistry::start(hosted.clone(), core, load, policy, preload, reports)
                .await
                .with_context(|| format!("loading app {}", hosted.apps[0].name))?;
            Ok(Rc::new(registry) as Rc<dyn CoreHandler>)
        }
        .boxed_local()
    });
    match serve(config, factory, reloader) {
        Ok(()) => Ended::Exit(ExitCode::SUCCESS),
        Err(error) if args.watch && error.downcast_ref::<RuntimeError>().is_some() => {
            let error = error
                .downcast::<RuntimeError>()
                .expect("the error was checked to be a RuntimeError");
            Ended::LoadFailed(folder, error)
        }
        Err(error)
            if matches!(
                error.downcast_ref::<AddressError>(),
                Some(AddressError::InUse { .. } | AddressError::Twice { .. })
            ) =>
        {
            eprintln!("error: {error:#}");
            exit(EXIT_USAGE)
        }
        Err(error) if error.downcast_ref::<SandboxError>().is_some() => {
            eprintln!("error: --sandbox: {error:#}");
            exit(EXIT_USAGE)
        }
        Err(error) => {
            eprintln!("error: {error:#}");
            exit(EXIT_JS_ERROR)
        }
    }
}

/// What a reload reads the apps from: the config file and the KV store
/// apps it adds may bind, or the one app of a folder.
struct Reloading {
    file: Option<Config>,
    kv: apps::KvStore,
    folder_app: Option<apps::FolderApp>,
}

/// What reloads the apps besides SIGHUP: the config file (read again when
/// it changes, with --watch-config), or with --watch the app folder, with
/// the channel the cores report those reloads on.
fn reloader(
    args: &ServeArgs,
    reloading: Reloading,
    folder: &Path,
    settings: &Settings,
    hosted: &Arc<HostedApps>,
    format: LogFormat,
) -> Result<(Option<Reloader>, Option<LoadReports>), String> {
    let Reloading {
        file,
        kv,
        folder_app,
    } = reloading;
    if let Some(file) = file {
        let source = apps::ConfigFile::new(file.file, settings.app_limits, kv, hosted.clone());
        let reloader = Reloader {
            source: Box::new(source),
            watch: args.watch_config,
            reports: None,
        };
        return Ok((Some(reloader), None));
    }
    let (true, Some(app)) = (args.watch, folder_app) else {
        return Ok((None, None));
    };
    let source = WatchedFolder::new(
        folder.to_path_buf(),
        app,
        settings.app_limits,
        hosted.clone(),
        format == LogFormat::Pretty,
    )?;
    let (reports, reported) = unbounded();
    let reloader = Reloader {
        source: Box::new(source),
        watch: true,
        reports: Some(reported),
    };
    Ok((Some(reloader), Some(reports)))
}

/// The first half of `--sandbox`, before any thread starts: Landlock for
/// files (see `crate::sandbox`). Returns the seccomp filter for `serve` to
/// install once it has started; it is compiled now so that a machine that
/// cannot have one is refused before anything runs.
fn confine_files(
    readable: &[PathBuf],
    data_dir: Option<&Path>,
) -> Result<SyscallFilter, SandboxError> {
    let filter = SyscallFilter::new()?;
    let cache = super::cache_dir();
    // The cache folder must exist for a rule to name it; without it the
    // startup snapshot is simply not kept.
    let cache = cache.filter(|dir| std::fs::create_dir_all(dir).is_ok());
    let mut access = FileAccess::for_apps(readable, cache.as_deref());
    access.read.extend(crate::runtime::extra_ca_file());
    access.read_write.extend(data_dir.map(Path::to_path_buf));
    let abi = restrict_files(&access)?;
    tracing::info!(landlock = ?abi, "sandbox: file access limited to the app and cache folders");
    Ok(filter)
}
