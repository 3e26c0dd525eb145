//! Types that cross from the HTTP layer to the application layer.

use std::any::Any;
use std::borrow::Cow;
use std::net::{IpAddr, SocketAddr};
use std::rc::Rc;
use std::sync::Arc;

use futures::future::LocalBoxFuture;
use futures::stream::LocalBoxStream;

use super::core_load::CoreLoad;
use super::hosted::HostedApps;
use super::request_target::RequestTarget;
use super::scheduler::ScheduledReport;
use crate::http::websocket::SocketEnd;
use crate::http::{HeaderText, RequestHeaders, RequestId};
use crate::metrics::{AppLabel, IsolateStats};

/// One parsed HTTP/1.x request with its whole body read.
#[derive(Debug, Clone)]
pub struct HttpRequest {
    pub method: Cow<'static, str>,
    /// The target as received on the request line, with `Host` and the
    /// URL the app sees; shared with the access log, which shows the path.
    pub target: RequestTarget,
    /// Header names lowercased; order and duplicates kept.
    pub headers: RequestHeaders,
    pub body: Vec<u8>,
    /// The connection's peer (the source a PROXY protocol header names,
    /// when the listener takes one).
    pub remote_addr: SocketAddr,
    /// The client: `remote_addr`, or the address a trusted proxy forwarded.
    pub client_ip: IpAddr,
    /// `true` for HTTP/1.1, `false` for HTTP/1.0.
    pub http11: bool,
}

impl HttpRequest {
    /// The path part of the target (before `?`).
    pub fn path(&self) -> &str {
        self.target.path()
    }

    /// The query string without the leading `?`, if present.
    pub fn query(&self) -> Option<&str> {
        let target = self.target.target();
        target.find('?').map(|i| &target[i + 1..])
    }

    /// First value of a header, by lowercase name.
    pub fn header<'a>(&'a self, name: &'a str) -> Option<Cow<'a, str>> {
        self.headers.get(name)
    }
}

/// Body of a response.
pub enum ResponseBody {
    Empty,
    /// Sent with `Content-Length`.
    Full(Vec<u8>),
    /// Sent with `Transfer-Encoding: chunked`, each item written as it is
    /// produced. An `Err` aborts the connection mid-body so the client can
    /// tell the response is incomplete.
    Stream(LocalBoxStream<'static, Result<Vec<u8>, String>>),
    /// A 101 response: the connection becomes this WebSocket.
    WebSocket(WebSocketUpgrade),
}

/// The app's side of a WebSocket the connection switches to.
pub struct WebSocketUpgrade {
    pub socket: SocketEnd,
    /// What must live as long as the socket is open (the app's isolate).
    pub keep: Box<dyn Any>,
}

impl std::fmt::Debug for ResponseBody {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ResponseBody::Empty => f.write_str("Empty"),
            ResponseBody::Full(b) => write!(f, "Full({} bytes)", b.len()),
            ResponseBody::Stream(_) => f.write_str("Stream"),
            ResponseBody::WebSocket(_) => f.write_str("WebSocket"),
        }
    }
}

#[derive(Debug)]
pub struct HttpResponse {
    pub status: u16,
    /// The reason phrase; None (or empty) uses the standard one.
    pub reason: Option<String>,
    pub headers: Vec<(HeaderText, HeaderText)>,
    pub body: ResponseBody,
}

impl HttpResponse {
    /// A response with a `text/plain` body.
    pub fn text(status: u16, body: impl Into<String>) -> Self {
        HttpResponse {
            status,
            reason: None,
            headers: vec![("content-type".into(), "text/plain; charset=utf-8".into())],
            body: ResponseBody::Full(body.into().into_bytes()),
        }
    }

    /// First value of a header, matched case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| &**v)
    }
}

/// A handler's answer to a request: made at once, or still being worked on.
pub enum Handling {
    Ready(HttpResponse),
    /// Dropping it before it is done cancels the request.
    Pending(LocalBoxFuture<'static, HttpResponse>),
}

impl Handling {
    /// The response, once there is one.
    pub async fn response(self) -> HttpResponse {
        match self {
            Handling::Ready(response) => response,
            Handling::Pending(pending) => pending.await,
        }
    }
}

/// Per-request facts the server knows and the handler may want.
#[derive(Debug, Clone)]
pub struct RequestContext {
    /// Unique within the process: core index and a per-core counter, in hex.
    /// Held inline: the log lines, the response header and the app's
    /// console output take copies of it, none of which allocates.
    pub request_id: RequestId,
    pub core: usize,
}

/// One app as a core sees it, for the admin listener's `/apps`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppStatus {
    pub name: String,
    /// Route patterns, as written in the config.
    pub routes: Vec<String>,
    pub port: Option<u16>,
    /// Isolates of the app alive on this core (0 while it is not loaded).
    pub isolates: usize,
    /// Why the app last failed to load on this core, while that holds.
    pub last_error: Option<String>,
}

/// The application side of one core: the apps it hosts. Created on its
/// core thread, so it may hold state that is not `Send` (isolates).
pub trait CoreHandler {
    /// The app that answers a request that came in on `listener` (0 is the
    /// shared listener, then one per app with a port of its own) for
    /// `host` and `path`; None when no app is routed there.
    fn route(&self, listener: usize, host: Option<&str>, path: &str) -> Option<AppLabel>;

    /// What a request refused on `listener` before it could be routed
    /// (malformed, too large, too slow) is counted under.
    fn listener_label(&self, listener: usize) -> AppLabel;

    /// Answers one request for `app`, as `route` chose it: at once where it
    /// can, without a future. Dropping a pending answer before it is done
    /// cancels the request: the app's `request.signal` aborts.
    fn handle(&self, app: &AppLabel, req: HttpRequest, ctx: RequestContext) -> Handling;

    /// Isolates alive and terminated on this core, and the time it spent in
    /// over-long runs of JavaScript, for `/metrics`.
    fn isolate_stats(&self) -> IsolateStats;

    /// Each app hosted, for `/apps`.
    fn app_status(&self) -> Vec<AppStatus>;

    /// Whether a new request would be refused now (e.g. the isolate is at
    /// its in-flight limit), for `/readyz`.
    fn at_capacity(&self) -> bool;

    /// Finish background work. Called once during shutdown, after in-flight
    /// requests have ended (or the drain timeout passed).
    fn drain(&self) -> LocalBoxFuture<'static, ()>;

    /// Load the apps again (their files changed), or take the apps `apps`
    /// describes: new ones appear, removed ones finish what they have and
    /// go. Requests already running finish on the version they started
    /// with. Reports its outcome in the log.
    fn reload(&self, apps: Option<Arc<HostedApps>>) -> LocalBoxFuture<'static, ()>;

    /// Runs the `scheduled` handler of the app named `app` now, for `cron`
    /// (None: its first trigger, else ""), resolving once it has finished;
    /// None when there is no such app.
    fn scheduled(
        &self,
        app: &str,
        cron: Option<String>,
    ) -> Option<LocalBoxFuture<'static, ScheduledReport>>;
}

/// Builds the handler for one core, on that core's thread, given the core
/// index and the core's load (requests from head to the end of the response
/// written), which the server keeps.
pub type HandlerFactory = Arc<
    dyn Fn(usize, Rc<CoreLoad>) -> LocalBoxFuture<'static, anyhow::Result<Rc<dyn CoreHandler>>>
        + Send
        + Sync,
>;
