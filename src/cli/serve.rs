//! `nano serve`: host a Workers app on every core.

use std::num::NonZeroU32;
use std::path::PathBuf;
use std::process::ExitCode;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use clap::Args;
use futures::FutureExt;
use ipnet::IpNet;
use tracing_subscriber::filter::LevelFilter;

use super::{EXIT_JS_ERROR, EXIT_USAGE};
use crate::runtime::{find_entry, AppSpec};
use crate::sandbox::{restrict_files, FileAccess, SandboxError, SyscallFilter};
use crate::server::{
    init_logging, serve, AccessLog, AddressError, AppHandler, CoreHandler, HandlerFactory,
    IsolateLimits, Limits, LogFormat, ProxySettings, ServerConfig, TrustedProxies,
};

/// The default CPU limit of one run of JavaScript: small, so that a bad
/// request stalls its core briefly (an endless loop at 1 s took the good
/// requests' p99 on its core from 1 ms to over 200 ms), and still roomy for
/// a cold run (module evaluation at load, code not yet optimised).
const DEFAULT_CPU_LIMIT_MS: u64 = 50;

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The app folder. Its entry module is `main` from its package.json,
    /// else the first of index.js, worker.js, main.js, index.mjs, worker.mjs.
    #[arg(value_name = "APP_DIR", default_value = ".")]
    app: PathBuf,
    /// Core threads, each pinned, with its own listener and isolate
    /// [default: all available cores].
    #[arg(long, value_name = "N")]
    cores: Option<usize>,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    /// Port to listen on (0 picks a free one).
    #[arg(long, short = 'p', default_value_t = 8080)]
    port: u16,
    /// Address of the admin listener (/metrics, /healthz, /readyz).
    #[arg(long, default_value = "127.0.0.1")]
    admin_host: String,
    /// Port of the admin listener (0 picks a free one).
    #[arg(long, default_value_t = 9090)]
    admin_port: u16,
    /// A binding in the app's `env`, as KEY=VALUE (repeatable).
    #[arg(long = "var", value_name = "KEY=VALUE", value_parser = parse_var)]
    vars: Vec<(String, String)>,
    /// CPU time one run of JavaScript may use (measured on its core's
    /// thread); a longer run gets 503 and the isolate is replaced. A run is
    /// one stretch of JavaScript without an await in between (the handler
    /// up to its first await, each continuation, the app's top-level code
    /// at load); while it runs, its core serves nothing else.
    #[arg(long, value_name = "MS", default_value_t = DEFAULT_CPU_LIMIT_MS)]
    cpu_limit_ms: u64,
    /// Heap limit of each isolate in MiB; reaching it gives 503.
    #[arg(long, value_name = "MIB", default_value_t = 128)]
    max_heap_mb: usize,
    /// Requests one isolate works on at once; more are answered 503.
    #[arg(long, value_name = "N", default_value_t = 1000)]
    max_in_flight: usize,
    /// Bytes of request line plus headers; more gives 431.
    #[arg(long, value_name = "BYTES", default_value_t = 16 * 1024)]
    max_header_bytes: usize,
    /// Bytes of request body; more gives 413.
    #[arg(long, value_name = "BYTES", default_value_t = 10 * 1024 * 1024)]
    max_body_bytes: usize,
    /// Bytes of request bodies one core holds at once while they arrive; a
    /// body that would pass it gets 503.
    #[arg(long, value_name = "BYTES", default_value_t = 256 * 1024 * 1024)]
    max_buffered_body_bytes: usize,
    /// Time a client has to send a request's headers; then 408.
    #[arg(long, value_name = "MS", default_value_t = 10_000)]
    header_timeout_ms: u64,
    /// Time a client has to send a request's whole body, from the end of
    /// its headers; then 408.
    #[arg(long, value_name = "MS", default_value_t = 60_000)]
    body_timeout_ms: u64,
    /// Wall-clock time a request may take, from the end of its headers to
    /// the end of its response: then the app's `request.signal` aborts and
    /// the client gets 504 (a response already begun is cut off). 0: no
    /// limit (e.g. for long event streams).
    #[arg(long, value_name = "MS", default_value_t = 60_000)]
    request_timeout_ms: u64,
    /// Time an idle keep-alive connection is kept open; then it is closed
    /// quietly. Keep it above the idle timeout of a load balancer in front.
    #[arg(long, value_name = "MS", default_value_t = 75_000)]
    idle_timeout_ms: u64,
    /// Open connections per core. At the limit, the connection idle the
    /// longest is closed to make room; with none idle, a new one is
    /// answered 503 and closed.
    #[arg(long, value_name = "N", default_value_t = 10_000)]
    max_connections: usize,
    /// Seconds NANO keeps serving as usual after SIGTERM/SIGINT, with
    /// /readyz already 503, so load balancers stop sending before the
    /// listeners close. 0 closes them at once.
    #[arg(long, value_name = "SECONDS", default_value_t = 5)]
    shutdown_delay: u64,
    /// Seconds in-flight requests and waitUntil work may take once the
    /// shutdown delay is over and the listeners close; then they are
    /// dropped and the process exits.
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    drain_timeout: u64,
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
    /// Confine the process once it has started (Linux): Landlock lets it
    /// read only the app folder and the system files it needs and write
    /// only to its cache folder; a seccomp filter refuses exec, ptrace,
    /// sockets other than TCP/UDP over IP, new listeners and io_uring (the
    /// cores use epoll instead). A kernel without Landlock or seccomp stops
    /// the server with exit status 2. The app folder is fixed at start: a
    /// SIGHUP reload after it was moved or re-pointed elsewhere is refused.
    #[arg(long)]
    sandbox: bool,
}

/// A CIDR (`10.0.0.0/8`, `fd00::/8`) or a single address.
fn parse_cidr(text: &str) -> Result<IpNet, String> {
    text.parse::<IpNet>()
        .or_else(|_| text.parse::<std::net::IpAddr>().map(IpNet::from))
        .map(|net| net.trunc())
        .map_err(|_| format!("expected a CIDR such as 10.0.0.0/8 or an IP address, got {text:?}"))
}

fn parse_var(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((key, value)) if !key.is_empty() => Ok((key.to_string(), value.to_string())),
        _ => Err(format!("expected KEY=VALUE, got {text:?}")),
    }
}

pub fn run(args: ServeArgs) -> ExitCode {
    let format = if args.log_format == "json" {
        LogFormat::Json
    } else {
        LogFormat::Pretty
    };
    let level = args
        .log_level
        .parse::<LevelFilter>()
        .expect("clap accepts only level names");
    init_logging(format, level);
    let entry = match find_entry(&args.app) {
        Ok(entry) => entry,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let cores = match args.cores {
        Some(0) => {
            eprintln!("error: --cores must be at least 1");
            return ExitCode::from(EXIT_USAGE);
        }
        Some(cores) => cores,
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let app_name = app_name(&args.app);
    let syscall_filter = if args.sandbox {
        match confine_files(&args.app) {
            Ok(filter) => Some(filter),
            Err(error) => {
                eprintln!("error: --sandbox: {error}");
                return ExitCode::from(EXIT_USAGE);
            }
        }
    } else {
        None
    };
    let app = AppSpec {
        root: args.app.clone(),
        entry,
        vars: args.vars.clone(),
    };
    let limits = IsolateLimits {
        cpu_limit: Duration::from_millis(args.cpu_limit_ms.max(1)),
        max_heap_mb: args.max_heap_mb,
        max_in_flight: args.max_in_flight.max(1),
    };
    let config = ServerConfig {
        host: args.host.clone(),
        port: args.port,
        cores,
        admin_host: args.admin_host.clone(),
        admin_port: args.admin_port,
        limits: Limits {
            max_header_bytes: args.max_header_bytes,
            max_body_bytes: args.max_body_bytes,
            max_buffered_body_bytes: args.max_buffered_body_bytes,
            header_read_timeout: Duration::from_millis(args.header_timeout_ms.max(1)),
            body_timeout: Duration::from_millis(args.body_timeout_ms.max(1)),
            idle_timeout: Duration::from_millis(args.idle_timeout_ms.max(1)),
            request_timeout: (args.request_timeout_ms > 0)
                .then(|| Duration::from_millis(args.request_timeout_ms)),
            max_connections_per_core: args.max_connections,
            ..Limits::default()
        },
        shutdown_delay: Duration::from_secs(args.shutdown_delay),
        drain_timeout: Duration::from_secs(args.drain_timeout),
        app_name: app_name.clone(),
        access_log: AccessLog::new(args.access_log == "on", format, args.access_log_sample),
        proxy: ProxySettings {
            proxy_protocol: args.proxy_protocol,
            trusted_proxies: TrustedProxies::new(args.trusted_proxies.clone()),
        },
        syscall_filter,
    };
    let factory: HandlerFactory = Arc::new(move |core| {
        let (app, limits, name) = (app.clone(), limits.clone(), app_name.clone());
        async move {
            let handler = AppHandler::start(app, &name, core, limits)
                .await
                .with_context(|| format!("loading app {name}"))?;
            Ok(Rc::new(handler) as Rc<dyn CoreHandler>)
        }
        .boxed_local()
    });
    match serve(config, factory) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error)
            if matches!(
                error.downcast_ref::<AddressError>(),
                Some(AddressError::InUse { .. })
            ) =>
        {
            eprintln!("error: {error:#}");
            ExitCode::from(EXIT_USAGE)
        }
        Err(error) if error.downcast_ref::<SandboxError>().is_some() => {
            eprintln!("error: --sandbox: {error:#}");
            ExitCode::from(EXIT_USAGE)
        }
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(EXIT_JS_ERROR)
        }
    }
}

/// The first half of `--sandbox`, before any thread starts: Landlock for
/// files (see `crate::sandbox`). Returns the seccomp filter for `serve` to
/// install once it has started; it is compiled now so that a machine that
/// cannot have one is refused before anything runs.
fn confine_files(app: &std::path::Path) -> Result<SyscallFilter, SandboxError> {
    let filter = SyscallFilter::new()?;
    let cache = super::cache_dir();
    // The cache folder must exist for a rule to name it; without it the
    // startup snapshot is simply not kept.
    let cache = cache.filter(|dir| std::fs::create_dir_all(dir).is_ok());
    let app = app.canonicalize().unwrap_or_else(|_| app.to_path_buf());
    let mut access = FileAccess::for_app(&app, cache.as_deref());
    access.read.extend(crate::runtime::extra_ca_file());
    let abi = restrict_files(&access)?;
    tracing::info!(landlock = ?abi, "sandbox: file access limited to the app and cache folders");
    Ok(filter)
}

/// The app's name in logs and metrics: its folder's name.
fn app_name(path: &std::path::Path) -> String {
    path.canonicalize()
        .ok()
        .and_then(|path| {
            path.file_name()
                .map(|name| name.to_string_lossy().into_owned())
        })
        .unwrap_or_else(|| "app".into())
}
