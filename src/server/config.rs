//! Server configuration and per-connection limits.

use std::time::Duration;

use super::access_log::AccessLog;
use super::client_addr::TrustedProxies;
use super::logging::LogFormat;
use crate::sandbox::SyscallFilter;

/// Limits applied to every connection. Exceeding one gives the client a
/// precise status and closes the connection.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Bytes of request line plus headers. Default 16 KiB; over it: 431.
    pub max_header_bytes: usize,
    /// Number of header fields. Default 128; over it: 431.
    pub max_headers: usize,
    /// Bytes of request body after de-chunking. Default 10 MiB; over it: 413.
    pub max_body_bytes: usize,
    /// Bytes of request bodies one core holds at once, from the first body
    /// byte until the handler has taken the body. Default 256 MiB; a body
    /// that would pass it: 503 (the connection closes; try again later).
    pub max_buffered_body_bytes: usize,
    /// Time from the first byte of a request (or from accept) until its
    /// headers are complete. Default 10 s; over it: 408 (or a silent close if
    /// nothing at all was sent).
    pub header_read_timeout: Duration,
    /// Time from the end of a request's headers until its whole body has
    /// arrived, however it trickles in. Default 60 s; over it: 408.
    pub body_timeout: Duration,
    /// Time an idle keep-alive connection is kept open. Default 75 s; then
    /// it is closed silently.
    pub idle_timeout: Duration,
    /// Wall-clock time from the end of a request's headers until its
    /// response is written; `None`: no limit. Default 60 s; then the app's
    /// `request.signal` aborts and the client gets 504 (or, once the
    /// response has begun, the connection is closed).
    pub request_timeout: Option<Duration>,
    /// Longest time one write to the client may take. Default 30 s; then the
    /// connection is dropped.
    pub write_timeout: Duration,
    /// Open connections per core. Default 10 000; beyond it a new
    /// connection is answered 503 and closed.
    pub max_connections_per_core: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_header_bytes: 16 * 1024,
            max_headers: 128,
            max_body_bytes: 10 * 1024 * 1024,
            max_buffered_body_bytes: 256 * 1024 * 1024,
            header_read_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(60),
            idle_timeout: Duration::from_secs(75),
            request_timeout: Some(Duration::from_secs(60)),
            write_timeout: Duration::from_secs(30),
            max_connections_per_core: 10_000,
        }
    }
}

/// How the client's address is found when NANO runs behind proxies.
#[derive(Debug, Clone, Default)]
pub struct ProxySettings {
    /// Every connection must open with a PROXY protocol (v1 or v2) header,
    /// whose source address then stands for the peer's; a connection that
    /// does not is closed. Default off.
    pub proxy_protocol: bool,
    /// Peers whose `X-Forwarded-For` names the client. Default none: the
    /// peer is the client.
    pub trusted_proxies: TrustedProxies,
}

/// Everything `serve` needs. Log format is chosen by the caller through
/// [`crate::server::init_logging`].
#[derive(Debug, Clone)]
pub struct ServerConfig {
    pub host: String,
    /// The shared listener, whose requests go to apps by route. 0 picks a
    /// free port (shared by all cores).
    pub port: u16,
    /// What to call `port` in an error: the flag or config key that set it.
    pub port_flag: &'static str,
    /// Ports of the apps that have one of their own, with the app's name,
    /// as `HostedApps::app_ports` lists them (listeners 1, 2, ...).
    pub app_ports: Vec<(String, u16)>,
    /// Number of core threads; at least 1.
    pub cores: usize,
    pub admin_host: String,
    /// 0 picks a free port.
    pub admin_port: u16,
    /// What to call `admin_port` in an error.
    pub admin_port_flag: &'static str,
    pub limits: Limits,
    /// How long after a shutdown signal the server keeps serving as usual
    /// (while `/readyz` already says 503) so load balancers stop sending it
    /// new work. Default 5 s.
    pub shutdown_delay: Duration,
    /// How long the drain after the shutdown delay may take: then
    /// in-flight requests and `waitUntil` work are dropped. Default 30 s.
    pub drain_timeout: Duration,
    /// The apps hosted, as the start-up line names them.
    pub apps_label: String,
    /// One log line per request, or none.
    pub access_log: AccessLog,
    /// The client's address behind proxies.
    pub proxy: ProxySettings,
    /// A seccomp filter to install on every thread once start-up is done
    /// (`--sandbox`). With one, the cores use the epoll driver: io_uring
    /// operations would bypass the filter, which refuses io_uring.
    pub syscall_filter: Option<SyscallFilter>,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            host: "127.0.0.1".to_string(),
            port: 8080,
            port_flag: "--port",
            app_ports: Vec::new(),
            cores: 1,
            admin_host: "127.0.0.1".to_string(),
            admin_port: 9090,
            admin_port_flag: "--admin-port",
            limits: Limits::default(),
            shutdown_delay: Duration::from_secs(5),
            drain_timeout: Duration::from_secs(30),
            apps_label: String::new(),
            access_log: AccessLog::new(true, LogFormat::Pretty, std::num::NonZeroU32::MIN),
            proxy: ProxySettings::default(),
            syscall_filter: None,
        }
    }
}
