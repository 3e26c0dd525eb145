//! Thread-per-core HTTP/1.1 hosting: one pinned thread per core, each with
//! its own monoio runtime, `SO_REUSEPORT` listener, handler and metrics.

mod access_log;
mod app;
mod client_addr;
mod config;
mod conn;
mod conn_table;
mod content_coding;
mod control;
mod core;
mod core_load;
mod date;
mod error;
mod hosted;
mod http;
mod listener;
mod log_buffer;
mod logging;
mod parse;
mod proxy_protocol;
mod registry;
mod request_target;
mod response;
mod runtime;
mod scheduler;
mod serve;
mod shutdown;
mod signals;
mod state;
mod wall_clock;
mod warm_pool;
mod websocket;

pub use self::access_log::AccessLog;
pub use self::app::{IsolateLimits, LoadReport, LoadReports};
pub use self::client_addr::TrustedProxies;
pub use self::config::{Limits, ProxySettings, ServerConfig};
pub use self::control::{Control, Readiness};
pub use self::core_load::CoreLoad;
pub use self::error::RequestError;
pub use self::hosted::{AppDefinition, HostedApp, HostedApps};
pub use self::http::{
    AppStatus, CoreHandler, HandlerFactory, HttpRequest, HttpResponse, RequestContext, ResponseBody,
};
pub use self::listener::AddressError;
pub use self::logging::{init_logging, LogFormat};
pub use self::registry::{AppRegistry, IsolatePolicy};
pub use self::scheduler::ScheduledReport;
pub use self::serve::{serve, AppSource, Reloader};
pub use self::signals::with_server_signals_blocked;
