//! The admin listener: `/metrics`, `/healthz`, `/readyz` on a plain thread
//! with blocking sockets. It is not on the request path.

mod routes;

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use crossbeam_channel::Sender;
use tracing::warn;

use crate::server::{Control, Readiness};

pub use self::routes::{collect_metrics, AdminResponse};

/// Most admin connections handled at once; more get a 503.
const MAX_CONCURRENT: usize = 16;
const IO_TIMEOUT: Duration = Duration::from_secs(2);
const MAX_REQUEST_HEAD: usize = 8 * 1024;

/// What the routes need.
pub(crate) struct AdminContext {
    pub cores: Vec<Sender<Control>>,
    pub readiness: Arc<Readiness>,
}

pub struct AdminServer {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl AdminServer {
    /// Binds `addr` (port 0 picks one) and serves on a new thread.
    pub fn start(
        addr: SocketAddr,
        cores: Vec<Sender<Control>>,
        readiness: Arc<Readiness>,
    ) -> io::Result<AdminServer> {
        let listener = TcpListener::bind(addr)?;
        let addr = listener.local_addr()?;
        let stop = Arc::new(AtomicBool::new(false));
        let ctx = Arc::new(AdminContext { cores, readiness });
        let stop_flag = stop.clone();
        let thread = std::thread::Builder::new()
            .name("nano-admin".to_string())
            .spawn(move || accept_loop(listener, ctx, stop_flag))?;
        Ok(AdminServer {
            addr,
            stop,
            thread: Some(thread),
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Stops accepting and joins the admin thread.
    pub fn stop(mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the blocking accept with a connection of our own.
        let mut wake = self.addr;
        if wake.ip().is_unspecified() {
            wake.set_ip(match wake {
                SocketAddr::V4(_) => std::net::Ipv4Addr::LOCALHOST.into(),
                SocketAddr::V6(_) => std::net::Ipv6Addr::LOCALHOST.into(),
            });
        }
        let _ = TcpStream::connect_timeout(&wake, Duration::from_secs(1));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn accept_loop(listener: TcpListener, ctx: Arc<AdminContext>, stop: Arc<AtomicBool>) {
    let active = Arc::new(AtomicUsize::new(0));
    for conn in listener.incoming() {
        if stop.load(Ordering::SeqCst) {
            return;
        }
        let stream = match conn {
            Ok(s) => s,
            Err(e) => {
                warn!(error = %e, "admin accept failed");
                std::thread::sleep(Duration::from_millis(20));
                continue;
            }
        };
        if active.fetch_add(1, Ordering::SeqCst) >= MAX_CONCURRENT {
            active.fetch_sub(1, Ordering::SeqCst);
            let _ = respond(stream, &AdminResponse::text(503, "busy\n"), false);
            continue;
        }
        let (ctx, active) = (ctx.clone(), active.clone());
        let spawned = std::thread::Builder::new()
            .name("nano-admin-conn".to_string())
            .spawn(move || {
                handle(stream, &ctx);
                active.fetch_sub(1, Ordering::SeqCst);
            });
        if spawned.is_err() {
            warn!("could not spawn an admin connection thread");
        }
    }
}

fn handle(mut stream: TcpStream, ctx: &AdminContext) {
    let _ = stream.set_read_timeout(Some(IO_TIMEOUT));
    let _ = stream.set_write_timeout(Some(IO_TIMEOUT));
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 1024];
    let (method, path) = loop {
        let mut headers = [httparse::EMPTY_HEADER; 64];
        let mut req = httparse::Request::new(&mut headers);
        match req.parse(&buf) {
            Ok(httparse::Status::Complete(_)) => {
                let method = req.method.unwrap_or_default().to_string();
                let path = req.path.unwrap_or_default().to_string();
                break (method, path);
            }
            Ok(httparse::Status::Partial) if buf.len() < MAX_REQUEST_HEAD => {}
            _ => {
                let _ = respond(stream, &AdminResponse::text(400, "bad request\n"), false);
                return;
            }
        }
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    };
    let resp = routes::route(&method, &path, ctx);
    let _ = respond(stream, &resp, method == "HEAD");
}

fn respond(mut stream: TcpStream, resp: &AdminResponse, is_head: bool) -> io::Result<()> {
    let head = format!(
        "HTTP/1.1 {} {}\r\ncontent-type: {}\r\ncontent-length: {}\r\nserver: nano\r\nconnection: close\r\n\r\n",
        resp.status,
        reason(resp.status),
        resp.content_type,
        resp.body.len()
    );
    stream.write_all(head.as_bytes())?;
    if !is_head {
        stream.write_all(resp.body.as_bytes())?;
    }
    stream.flush()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        503 => "Service Unavailable",
        _ => "",
    }
}
