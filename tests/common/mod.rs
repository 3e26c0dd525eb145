//! Helpers for tests that run the real `nano` binary and talk HTTP/1.1 to
//! it over TCP on loopback. Nothing here depends on the server's code.

#![allow(dead_code)]

pub mod output;
pub mod websocket;

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::process::{Child, ChildStderr, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const IO_TIMEOUT: Duration = Duration::from_secs(10);

/// A running server process.
pub struct Server {
    child: Child,
    pub addr: SocketAddr,
    pub admin: Option<SocketAddr>,
    logs: Arc<Mutex<Vec<String>>>,
}

/// Finds the address after `marker` in a log line (plain or JSON).
pub fn addr_after(line: &str, marker: &str) -> Option<SocketAddr> {
    let start = line.find(marker)? + marker.len();
    let rest = &line[start..];
    let end = rest
        .find(|c: char| {
            !(c.is_ascii_alphanumeric() || c == '.' || c == ':' || c == '[' || c == ']')
        })
        .unwrap_or(rest.len());
    rest[..end].parse().ok()
}

/// A loopback port free when returned, for a server started moments later.
///
/// It is taken from outside the kernel's ephemeral range. A port from that
/// range (one the kernel gave to a bind to port 0 and took back) could be
/// given again, before the server binds it, to another test's server
/// listening on port 0; `SO_REUSEPORT` would then let the two servers share
/// it, and connections would reach either.
pub fn free_port() -> u16 {
    static TAKEN: AtomicU32 = AtomicU32::new(0);
    let candidates = ports_outside_ephemeral_range();
    let span = candidates.end - candidates.start;
    // Test processes run side by side (nextest) start at different places.
    let start = std::process::id() % span;
    for _ in 0..span {
        let offset = (start + TAKEN.fetch_add(1, Ordering::Relaxed)) % span;
        let port = u16::try_from(candidates.start + offset).expect("ports fit in u16");
        if std::net::TcpListener::bind(("127.0.0.1", port)).is_ok() {
            return port;
        }
    }
    panic!("no free loopback port in {candidates:?}");
}

/// The unprivileged ports below the kernel's ephemeral range, or above it
/// where too few lie below.
fn ports_outside_ephemeral_range() -> std::ops::Range<u32> {
    const FIRST_UNPRIVILEGED: u32 = 1024;
    const ENOUGH: u32 = 4096;
    let range = std::fs::read_to_string("/proc/sys/net/ipv4/ip_local_port_range")
        .expect("the kernel's ephemeral port range");
    let bounds: Vec<u32> = range
        .split_whitespace()
        .map(|n| n.parse().expect("a port number"))
        .collect();
    let (low, high) = (bounds[0], bounds[1]);
    if low >= FIRST_UNPRIVILEGED + ENOUGH {
        FIRST_UNPRIVILEGED..low
    } else {
        assert!(
            high + ENOUGH <= 65_536,
            "no room outside ephemeral ports {low}-{high}"
        );
        high + 1..65_536
    }
}

/// The folder of a test app: `name` under `tests/apps/`, or any path that
/// is absolute or names a folder relative to the repository root.
pub fn app_path(app_dir: &str) -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let direct = root.join(app_dir);
    if PathBuf::from(app_dir).is_absolute() || app_dir.contains('/') {
        direct
    } else {
        root.join("tests").join("apps").join(app_dir)
    }
}

/// `nano serve APP --port 0 --admin-port 0 EXTRA...`, not yet started.
pub fn nano_command(app_dir: &str, extra_args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_nano"));
    cmd.arg("serve")
        .arg(app_path(app_dir))
        .args(["--port", "0", "--admin-port", "0"])
        .args(extra_args);
    cmd
}

impl Server {
    /// Serves the app in `app_dir` (see [`app_path`]) with `nano serve` on
    /// free loopback ports, plus `extra_args`.
    pub fn nano(app_dir: &str, extra_args: &[&str]) -> Server {
        Server::spawn(&mut nano_command(app_dir, extra_args), true)
            .unwrap_or_else(|e| panic!("nano serve {app_dir} starts: {e}"))
    }

    /// Spawns `cmd`, then waits for `listening on http://ADDR` (and, when
    /// `want_admin`, `admin listening on http://ADDR`) on stderr.
    pub fn spawn(cmd: &mut Command, want_admin: bool) -> Result<Server, String> {
        let (mut child, stderr) = spawn_with_stderr(cmd).map_err(|e| format!("spawn: {e}"))?;
        let logs = Arc::new(Mutex::new(Vec::new()));
        let (tx, rx) = mpsc::channel();
        let sink = logs.clone();
        // Keep draining stderr for the whole run so the server never blocks
        // on a full pipe.
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                sink.lock().unwrap().push(line.clone());
                let _ = tx.send(line);
            }
        });
        let deadline = Instant::now() + Duration::from_secs(30);
        let (mut addr, mut admin) = (None, None);
        while addr.is_none() || (want_admin && admin.is_none()) {
            let left = deadline.saturating_duration_since(Instant::now());
            match rx.recv_timeout(left) {
                Ok(line) => {
                    if let Some(a) = addr_after(&line, "admin listening on http://") {
                        admin = Some(a);
                    } else if let Some(a) = addr_after(&line, "listening on http://") {
                        addr = Some(a);
                    }
                }
                Err(_) => {
                    let _ = child.kill();
                    let status = child.wait().ok();
                    let logs = logs.lock().unwrap().join("\n");
                    return Err(format!(
                        "server did not announce its address (exit {status:?}); logs:\n{logs}"
                    ));
                }
            }
        }
        Ok(Server {
            child,
            addr: addr.unwrap(),
            admin,
            logs,
        })
    }

    pub fn client(&self) -> Client {
        Client::connect(self.addr)
    }

    /// One request on a fresh connection.
    pub fn get(&self, path: &str) -> Response {
        let mut c = self.client();
        c.send(&format!("GET {path} HTTP/1.1\r\nHost: test\r\n\r\n"));
        c.response()
    }

    /// One request with a body on a fresh connection.
    pub fn request(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Response {
        let mut c = self.client();
        let mut raw = format!("{method} {path} HTTP/1.1\r\nHost: test\r\n");
        for (name, value) in headers {
            raw.push_str(&format!("{name}: {value}\r\n"));
        }
        raw.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
        let mut bytes = raw.into_bytes();
        bytes.extend_from_slice(body);
        c.send_bytes(&bytes);
        if method == "HEAD" {
            c.head_response()
        } else {
            c.response()
        }
    }

    /// GET on the admin listener.
    pub fn admin_get(&self, path: &str) -> Response {
        let mut c = Client::connect(self.admin.expect("admin address"));
        c.send(&format!("GET {path} HTTP/1.1\r\nHost: admin\r\n\r\n"));
        c.response()
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Sends a signal by name (`TERM`, `INT`, ...).
    pub fn signal(&self, sig: &str) {
        let status = Command::new("kill")
            .args(["-s", sig, &self.child.id().to_string()])
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -s {sig} failed");
    }

    /// Waits up to `limit` for the process to exit.
    pub fn wait_exit(&mut self, limit: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + limit;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            if Instant::now() >= deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn logs(&self) -> Vec<String> {
        self.logs.lock().unwrap().clone()
    }

    /// Waits up to `limit` for a log line that satisfies `matches`.
    pub fn wait_for_log(&self, limit: Duration, matches: impl Fn(&str) -> bool) -> Option<String> {
        let deadline = Instant::now() + limit;
        loop {
            if let Some(line) = self.logs.lock().unwrap().iter().find(|l| matches(l)) {
                return Some(line.clone());
            }
            if Instant::now() >= deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The server's resident memory in MiB (`VmRSS` of /proc/PID/status).
    pub fn rss_mib(&self) -> f64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .expect("read /proc/PID/status");
        let kib: f64 = status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .expect("VmRSS in /proc/PID/status");
        kib / 1024.0
    }

    /// The process is still running.
    pub fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Spawns `cmd` (without `RUST_LOG`) with stderr piped and nothing on
/// stdin or stdout; returns the child and its stderr.
pub fn spawn_with_stderr(cmd: &mut Command) -> io::Result<(Child, ChildStderr)> {
    let mut child = cmd
        .env_remove("RUST_LOG")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()?;
    let stderr = child.stderr.take().expect("piped stderr");
    Ok((child, stderr))
}

/// Runs a command expected to fail before announcing; returns its exit
/// status and stderr.
pub fn run_to_exit(cmd: &mut Command, limit: Duration) -> (ExitStatus, String) {
    let (mut child, mut stderr) = spawn_with_stderr(cmd).expect("spawn");
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    let deadline = Instant::now() + limit;
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("process did not exit in {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    (status, reader.join().unwrap())
}

/// A parsed response. For chunked bodies, `chunks` holds each chunk with
/// the time it arrived.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    /// The reason phrase of the status line.
    pub reason: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub chunks: Vec<(Instant, Vec<u8>)>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// Every value of a header, in order.
    pub fn header_all(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    }
}

/// One client connection with a buffered reader, for keep-alive and
/// pipelining.
pub struct Client {
    reader: BufReader<TcpStream>,
}

impl Client {
    pub fn connect(addr: SocketAddr) -> Client {
        let stream = TcpStream::connect_timeout(&addr, IO_TIMEOUT).expect("connect");
        stream.set_read_timeout(Some(IO_TIMEOUT)).unwrap();
        stream.set_write_timeout(Some(IO_TIMEOUT)).unwrap();
        Client {
            reader: BufReader::new(stream),
        }
    }

    pub fn stream(&self) -> &TcpStream {
        self.reader.get_ref()
    }

    pub fn send(&mut self, raw: &str) {
        self.send_bytes(raw.as_bytes());
    }

    pub fn send_bytes(&mut self, raw: &[u8]) {
        self.reader.get_mut().write_all(raw).expect("write request");
    }

    /// Reads one response to a non-HEAD request.
    pub fn response(&mut self) -> Response {
        self.try_response(false).expect("read response")
    }

    pub fn head_response(&mut self) -> Response {
        self.try_response(true).expect("read response")
    }

    /// Reads one response; `Err` on EOF before a status line or bad framing.
    pub fn try_response(&mut self, to_head: bool) -> io::Result<Response> {
        let line = self.line()?;
        if line.is_empty() {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "connection closed",
            ));
        }
        let mut parts = line.splitn(3, ' ');
        let version = parts.next().unwrap_or_default();
        if !version.starts_with("HTTP/1.") {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("bad status line {line:?}"),
            ));
        }
        let status: u16 = parts
            .next()
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "bad status"))?;
        let reason = parts.next().unwrap_or_default().to_string();
        let mut headers = Vec::new();
        loop {
            let h = self.line()?;
            if h.is_empty() {
                break;
            }
            let (n, v) = h.split_once(':').ok_or_else(|| {
                io::Error::new(io::ErrorKind::InvalidData, format!("bad header {h:?}"))
            })?;
            headers.push((n.trim().to_ascii_lowercase(), v.trim().to_string()));
        }
        let mut resp = Response {
            status,
            reason,
            headers,
            body: Vec::new(),
            chunks: Vec::new(),
        };
        if to_head || (100..200).contains(&status) || status == 204 || status == 304 {
            return Ok(resp);
        }
        let chunked = resp
            .header("transfer-encoding")
            .is_some_and(|v| v.eq_ignore_ascii_case("chunked"));
        if chunked {
            loop {
                let size_line = self.line()?;
                let size = usize::from_str_radix(size_line.split(';').next().unwrap().trim(), 16)
                    .map_err(|_| {
                    io::Error::new(
                        io::ErrorKind::InvalidData,
                        format!("bad chunk size {size_line:?}"),
                    )
                })?;
                if size == 0 {
                    while !self.line()?.is_empty() {}
                    break;
                }
                let mut data = vec![0; size];
                self.reader.read_exact(&mut data)?;
                let mut crlf = [0; 2];
                self.reader.read_exact(&mut crlf)?;
                resp.body.extend_from_slice(&data);
                resp.chunks.push((Instant::now(), data));
            }
        } else if let Some(len) = resp.header("content-length") {
            let len: usize = len
                .parse()
                .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "bad content-length"))?;
            resp.body = vec![0; len];
            self.reader.read_exact(&mut resp.body)?;
        } else {
            self.reader.read_to_end(&mut resp.body)?;
        }
        Ok(resp)
    }

    /// A CRLF-terminated line without its terminator; empty at EOF.
    fn line(&mut self) -> io::Result<String> {
        let mut line = String::new();
        self.reader.read_line(&mut line)?;
        while line.ends_with('\n') || line.ends_with('\r') {
            line.pop();
        }
        Ok(line)
    }

    /// True when the server has closed the connection (EOF or reset).
    pub fn is_closed(&mut self) -> bool {
        let mut byte = [0u8; 1];
        match self.reader.read(&mut byte) {
            Ok(0) => true,
            Ok(_) => false,
            Err(e) => !matches!(
                e.kind(),
                io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
            ),
        }
    }
}

/// The value of one Prometheus series (`name{labels}`) in `text`.
pub fn metric(text: &str, series: &str) -> Option<f64> {
    text.lines()
        .find(|l| l.starts_with(series) && l[series.len()..].starts_with(' '))
        .and_then(|l| l[series.len() + 1..].trim().parse().ok())
}
