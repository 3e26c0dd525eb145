//! Two NANO instances behind a real nginx configured with
//! `deploy/nginx/nano.conf`: under `wrk` load, each instance is restarted
//! in turn with SIGTERM, and no request may fail.

mod common;

use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{app_path, free_port, metric, Client, Server};
use nix::sys::signal::{kill, Signal};
use nix::unistd::Pid;

/// How long `wrk` runs; the restarts (each a drain, with any shutdown
/// delay, and a start) happen inside it.
const LOAD_SECONDS: u64 = 40;
/// How long nginx may take to stop its workers and exit.
const NGINX_STOP: Duration = Duration::from_secs(10);
/// Load kept on after the second restart, so the restarted instance is
/// seen taking requests again.
const SETTLE: Duration = Duration::from_secs(4);

/// Finds `program` on the PATH or in the sbin folders (nginx lives in
/// /usr/sbin, which is not on every user's PATH).
fn find_program(program: &str) -> Option<PathBuf> {
    let path = std::env::var("PATH").unwrap_or_default();
    let found = path
        .split(':')
        .chain(["/usr/sbin", "/sbin", "/usr/local/sbin"])
        .map(|dir| Path::new(dir).join(program))
        .find(|candidate| candidate.is_file());
    found
}

/// `nano serve kit` on `port` (0: any), trusting the loopback proxy.
fn start_instance(port: u16) -> Server {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_nano"));
    cmd.arg("serve")
        .arg(app_path("kit"))
        .args(["--port", &port.to_string(), "--admin-port", "0"])
        .args(["--cores", "1", "--drain-timeout", "10"])
        .args(["--trusted-proxy", "127.0.0.1", "--access-log", "off"]);
    Server::spawn(&mut cmd, true).unwrap_or_else(|e| panic!("nano starts on port {port}: {e}"))
}

/// nginx with its own configuration, logs and pid in a temporary folder.
struct Nginx {
    child: Child,
    dir: tempfile::TempDir,
    addr: SocketAddr,
}

impl Nginx {
    /// Serves `deploy/nginx/nano.conf` with its upstream servers replaced
    /// by `upstreams` and its listener moved to a free loopback port.
    fn start(binary: &Path, upstreams: &[SocketAddr]) -> Nginx {
        let dir = tempfile::tempdir().expect("temp dir");
        let addr: SocketAddr = format!("127.0.0.1:{}", free_port()).parse().unwrap();
        let shipped = std::fs::read_to_string(
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("deploy/nginx/nano.conf"),
        )
        .expect("deploy/nginx/nano.conf");
        let mut site = String::new();
        let mut upstreams_written = false;
        for line in shipped.lines() {
            let trimmed = line.trim_start();
            if trimmed.starts_with("server ") && trimmed.ends_with(';') {
                if !upstreams_written {
                    for upstream in upstreams {
                        let rest = trimmed.split_once(' ').unwrap().1;
                        let options = rest.split_once(' ').map_or(";", |(_, options)| options);
                        site.push_str(&format!("    server {upstream} {options}\n"));
                    }
                    upstreams_written = true;
                }
            } else if trimmed.starts_with("listen ") {
                site.push_str(&format!("    listen {addr};\n"));
            } else {
                site.push_str(line);
                site.push('\n');
            }
        }
        assert!(upstreams_written, "no upstream servers in nano.conf");
        let site_path = dir.path().join("nano.conf");
        std::fs::write(&site_path, site).unwrap();
        let d = dir.path().display();
        let main = format!(
            "worker_processes 1;\n\
             error_log {d}/error.log info;\n\
             pid {d}/nginx.pid;\n\
             events {{ worker_connections 1024; }}\n\
             http {{\n\
               access_log off;\n\
               client_body_temp_path {d}/client_body;\n\
               proxy_temp_path {d}/proxy;\n\
               fastcgi_temp_path {d}/fastcgi;\n\
               uwsgi_temp_path {d}/uwsgi;\n\
               scgi_temp_path {d}/scgi;\n\
               include {};\n\
             }}\n",
            site_path.display()
        );
        let conf = dir.path().join("nginx.conf");
        std::fs::write(&conf, main).unwrap();
        let child = Command::new(binary)
            .arg("-p")
            .arg(dir.path())
            .arg("-c")
            .arg(&conf)
            .args(["-g", "daemon off;"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn nginx");
        let nginx = Nginx { child, dir, addr };
        let deadline = Instant::now() + Duration::from_secs(10);
        while TcpStream::connect_timeout(&addr, Duration::from_secs(1)).is_err() {
            assert!(
                Instant::now() < deadline,
                "nginx did not listen on {addr}:\n{}",
                nginx.error_log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        nginx
    }

    fn error_log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("error.log")).unwrap_or_default()
    }
}

impl Drop for Nginx {
    /// SIGTERM to the master, which stops its workers too (SIGKILL would
    /// leave them running); SIGKILL only if it does not exit in time.
    fn drop(&mut self) {
        let master = Pid::from_raw(self.child.id() as i32);
        if kill(master, Signal::SIGTERM).is_ok() {
            let deadline = Instant::now() + NGINX_STOP;
            while Instant::now() < deadline {
                if let Ok(Some(_)) = self.child.try_wait() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What `wrk` reports: requests done, and those that failed (non-2xx/3xx
/// answers and socket errors of every kind).
#[derive(Debug)]
struct WrkReport {
    requests: u64,
    failed: u64,
}

fn parse_wrk(output: &str) -> WrkReport {
    let number_before = |line: &str, word: &str| -> Option<u64> {
        let words: Vec<&str> = line.split_whitespace().collect();
        let at = words.iter().position(|w| w.trim_end_matches(',') == word)?;
        words.get(at.checked_sub(1)?)?.parse().ok()
    };
    let requests = output
        .lines()
        .find_map(|l| {
            l.contains("requests in")
                .then(|| number_before(l, "requests"))
        })
        .flatten()
        .expect("wrk reports its request count");
    let mut failed = 0;
    for line in output.lines().map(str::trim) {
        if let Some(n) = line.strip_prefix("Non-2xx or 3xx responses:") {
            failed += n.trim().parse::<u64>().expect("non-2xx count");
        }
        if let Some(errors) = line.strip_prefix("Socket errors:") {
            // "connect 0, read 3, write 0, timeout 0"
            for part in errors.split(',') {
                let n = part.split_whitespace().nth(1).expect("socket error count");
                failed += n.parse::<u64>().expect("socket error count");
            }
        }
    }
    WrkReport { requests, failed }
}

/// Sends SIGTERM, waits for the drain to end, and starts the instance
/// again on the same port.
fn restart(server: &mut Server) -> Server {
    let port = server.addr.port();
    server.signal("TERM");
    let status = server
        .wait_exit(Duration::from_secs(20))
        .expect("the instance exits after SIGTERM");
    assert!(status.success(), "exit status {status:?}");
    start_instance(port)
}

fn answered_200(server: &Server) -> f64 {
    let text = server.admin_get("/metrics").text();
    metric(&text, "nano_requests_total{app=\"kit\",status=\"200\"}").unwrap_or(0.0)
}

#[test]
fn two_instances_behind_nginx_lose_no_request_across_restarts() {
    let (Some(nginx_bin), Some(wrk_bin)) = (find_program("nginx"), find_program("wrk")) else {
        println!("skipped: nginx or wrk is not installed (scripts/setup.sh installs both)");
        return;
    };
    let mut a = start_instance(0);
    let mut b = start_instance(0);
    let nginx = Nginx::start(&nginx_bin, &[a.addr, b.addr]);

    // nginx forwards the client's address, and NANO believes it.
    let mut c = Client::connect(nginx.addr);
    c.send("GET /headers HTTP/1.1\r\nHost: t\r\nX-Forwarded-For: 203.0.113.9\r\n\r\n");
    let r = c.response();
    assert_eq!(r.status, 200, "through nginx: {}", nginx.error_log());
    assert!(
        r.text().contains("cf-connecting-ip: 203.0.113.9\n"),
        "{}",
        r.text()
    );

    let url = format!("http://{}/", nginx.addr);
    let load = std::thread::spawn(move || {
        Command::new(wrk_bin)
            .args(["-t", "1", "-c", "16", "-d"])
            .arg(format!("{LOAD_SECONDS}s"))
            .args(["--timeout", "5s", &url])
            .output()
            .expect("run wrk")
    });
    let started = Instant::now();
    std::thread::sleep(Duration::from_secs(3));
    a = restart(&mut a);
    std::thread::sleep(Duration::from_secs(3));
    b = restart(&mut b);
    let restarted = started.elapsed();
    assert!(
        restarted + SETTLE < Duration::from_secs(LOAD_SECONDS),
        "the restarts took {restarted:?}, too long for {LOAD_SECONDS} s of load"
    );
    let output = load.join().expect("wrk thread");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "wrk failed: {text}");
    let report = parse_wrk(&text);
    println!("{report:?}\n{text}");
    assert!(report.requests > 100, "too little load: {text}");
    assert_eq!(
        report.failed,
        0,
        "failed requests through nginx\nwrk:\n{text}\nnginx error log:\n{}",
        nginx.error_log()
    );
    // Both restarted instances took traffic again.
    for (name, server) in [("a", &a), ("b", &b)] {
        assert!(
            answered_200(server) > 0.0,
            "restarted instance {name} got no requests"
        );
    }
}

#[test]
fn wrk_reports_are_read() {
    let report = parse_wrk(
        "Running 5s test @ http://127.0.0.1:1/\n  1 threads and 16 connections\n\
         12345 requests in 5.00s, 1.00MB read\n\
         \x20 Socket errors: connect 1, read 2, write 0, timeout 4\n\
         \x20 Non-2xx or 3xx responses: 5\nRequests/sec: 2469.00\n",
    );
    assert_eq!((report.requests, report.failed), (12345, 12));
}
