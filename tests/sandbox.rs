//! `nano serve --sandbox`: the served process still does its work (serve,
//! fetch over loopback, reload, metrics, keep its snapshot cache), every
//! thread of it runs under the seccomp filter, Landlock holds it to the app
//! folder it started with, and the policy itself refuses what an attacker
//! would try first (checked in a child process that sandboxes itself).

mod common;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{metric, nano_command, Server};

const CORES: usize = 2;

/// Answers `version` on `/`; `/fetch?to=URL` fetches URL and answers
/// `fetched STATUS BODY` or `failed NAME`.
fn write_app(dir: &Path, version: &str) {
    let source = format!(
        r#"export default {{
  async fetch(request) {{
    const url = new URL(request.url);
    if (url.pathname === "/fetch") {{
      try {{
        const response = await fetch(url.searchParams.get("to"));
        return new Response(`fetched ${{response.status}} ${{await response.text()}}`);
      }} catch (error) {{
        return new Response(`failed ${{error.name}}`, {{ status: 502 }});
      }}
    }}
    return new Response("{version}");
  }},
}};
"#
    );
    std::fs::write(dir.join("index.js"), source).unwrap();
}

/// A loopback server that answers every connection with `reply` (after
/// reading what the client sent first) until the test process ends.
fn loopback_server(reply: &'static str) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            stream
                .set_read_timeout(Some(Duration::from_secs(5)))
                .unwrap();
            let _ = stream.read(&mut [0; 4096]);
            let _ = stream.write_all(reply.as_bytes());
        }
    });
    port
}

/// A loopback HTTPS server with a self-signed certificate for localhost
/// that answers every connection with `reply`; returns its port and the
/// certificate as PEM.
fn loopback_tls_server(reply: &'static str) -> (u16, String) {
    let certified = rcgen::generate_simple_self_signed(vec!["localhost".into()]).unwrap();
    let key = rustls::pki_types::PrivateKeyDer::Pkcs8(certified.key_pair.serialize_der().into());
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![certified.cert.der().clone()], key)
        .unwrap();
    let config = Arc::new(config);
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            stream
                .set_read_timeout(Some(Duration::from_secs(5)))
                .unwrap();
            let session = rustls::ServerConnection::new(config.clone()).unwrap();
            let mut tls = rustls::StreamOwned::new(session, stream);
            let _ = tls.read(&mut [0; 4096]);
            let _ = tls.write_all(reply.as_bytes());
            let _ = tls.flush();
        }
    });
    (port, certified.cert.pem())
}

fn wait_for_lines(s: &Server, text: &str, count: usize) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while s.logs().iter().filter(|l| l.contains(text)).count() < count {
        assert!(
            Instant::now() < deadline,
            "{count} × {text:?} never logged:\n{}",
            s.logs().join("\n")
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// `(thread name, Seccomp mode, NoNewPrivs)` of every thread of `pid`.
fn thread_confinement(pid: u32) -> Vec<(String, String, String)> {
    let tasks = std::fs::read_dir(format!("/proc/{pid}/task")).unwrap();
    tasks
        .map(|task| {
            let task = task.unwrap().path();
            let status = std::fs::read_to_string(task.join("status")).unwrap();
            let field = |name: &str| {
                status
                    .lines()
                    .find_map(|line| line.strip_prefix(name))
                    .map(|value| value.trim().to_string())
                    .unwrap_or_default()
            };
            (field("Name:"), field("Seccomp:"), field("NoNewPrivs:"))
        })
        .collect()
}

fn sandboxed(app: &Path, cache: &Path, env: &[(&str, &Path)]) -> Server {
    let mut cmd = nano_command(
        app.to_str().unwrap(),
        &["--sandbox", "--cores", &CORES.to_string()],
    );
    cmd.env("NANO_CACHE_DIR", cache).envs(env.iter().copied());
    Server::spawn(&mut cmd, true).unwrap_or_else(|e| panic!("nano serve --sandbox starts: {e}"))
}

#[test]
fn a_sandboxed_server_serves_fetches_and_reloads_with_every_thread_filtered() {
    let dir = tempfile::tempdir().unwrap();
    let (app, cache) = (dir.path().join("app"), dir.path().join("cache"));
    std::fs::create_dir(&app).unwrap();
    write_app(&app, "v1");
    // The private CA file lies outside the app folder, as it would.
    let (tls_port, ca) =
        loopback_tls_server("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nConnection: close\r\n\r\ntls");
    let ca_file = dir.path().join("ca.pem");
    std::fs::write(&ca_file, ca).unwrap();
    let s = sandboxed(&app, &cache, &[("NANO_EXTRA_CA_CERTS", &ca_file)]);

    // Mode 2 is a seccomp filter; main, cores, V8 workers, admin, signals.
    let threads = thread_confinement(s.pid());
    assert!(threads.len() > CORES + 2, "{threads:?}");
    for (name, seccomp, no_new_privs) in &threads {
        assert_eq!(
            (seccomp.as_str(), no_new_privs.as_str()),
            ("2", "1"),
            "thread {name}"
        );
    }
    assert!(s.logs().iter().any(|l| l.contains("io driver: epoll")));

    assert_eq!(s.get("/").text(), "v1");
    let upstream = loopback_server(
        "HTTP/1.1 200 OK\r\nContent-Length: 8\r\nConnection: close\r\n\r\nupstream",
    );
    for host in ["127.0.0.1", "localhost"] {
        let reply = s.get(&format!("/fetch?to=http://{host}:{upstream}/"));
        assert_eq!(reply.text(), "fetched 200 upstream", "via {host}");
    }
    let reply = s.get(&format!("/fetch?to=https://localhost:{tls_port}/"));
    assert_eq!(reply.text(), "fetched 200 tls");
    // What an app can reach for: other schemes, and a port that is not HTTP.
    let not_http = loopback_server("SSH-2.0-OpenSSH_9.2\r\n");
    for target in [
        "file:///etc/passwd".to_string(),
        format!("http://127.0.0.1:{not_http}/"),
    ] {
        let reply = s.get(&format!("/fetch?to={target}"));
        assert_eq!(
            (reply.status, reply.text()),
            (502, "failed TypeError".into()),
            "{target}"
        );
    }

    // The startup snapshot was written to the cache folder, the one
    // writable place.
    let cached = std::fs::read_dir(&cache).unwrap().count();
    assert!(cached > 0, "no snapshot in the cache folder");

    write_app(&app, "v2");
    s.signal("HUP");
    wait_for_lines(&s, "app reloaded", CORES);
    assert_eq!(s.get("/").text(), "v2");
    let metrics = s.admin_get("/metrics").text();
    let answered = metric(&metrics, "nano_requests_total{app=\"app\",status=\"200\"}");
    assert!(answered.unwrap_or(0.0) >= 4.0, "{metrics}");
}

/// Points `link` at `target`, replacing what it pointed at.
fn repoint(link: &Path, target: &Path) {
    let _ = std::fs::remove_file(link);
    std::os::unix::fs::symlink(target, link).unwrap();
}

#[test]
fn a_sandboxed_reload_cannot_read_an_app_folder_other_than_the_one_it_started_with() {
    let dir = tempfile::tempdir().unwrap();
    let (v1, v2) = (dir.path().join("v1"), dir.path().join("v2"));
    for (folder, version) in [(&v1, "v1"), (&v2, "v2")] {
        std::fs::create_dir(folder).unwrap();
        write_app(folder, version);
    }
    let current = dir.path().join("current");
    let cache = dir.path().join("cache");

    // Unconfined, a reload follows `current` to the new release...
    repoint(&current, &v1);
    let plain = Server::nano(current.to_str().unwrap(), &["--cores", "1"]);
    assert_eq!(plain.get("/").text(), "v1");
    repoint(&current, &v2);
    plain.signal("HUP");
    wait_for_lines(&plain, "app reloaded", 1);
    assert_eq!(plain.get("/").text(), "v2");
    drop(plain);

    // ...sandboxed, Landlock refuses to read it and v1 keeps serving.
    repoint(&current, &v1);
    let s = sandboxed(&current, &cache, &[]);
    assert_eq!(s.get("/").text(), "v1");
    repoint(&current, &v2);
    s.signal("HUP");
    wait_for_lines(&s, "reload failed", CORES);
    let failure = s
        .logs()
        .into_iter()
        .find(|l| l.contains("reload failed"))
        .unwrap();
    assert!(failure.contains("Permission denied"), "{failure}");
    assert_eq!(s.get("/").text(), "v1");
}

#[test]
fn a_kernel_refuses_what_the_sandbox_forbids_on_every_thread() {
    const CHILD: &str = "NANO_SANDBOX_PROBE_DIR";
    const NAME: &str = "a_kernel_refuses_what_the_sandbox_forbids_on_every_thread";
    if let Some(dir) = std::env::var_os(CHILD) {
        probe_sandbox(Path::new(&dir));
        return;
    }
    // The sandbox is for a whole process and cannot be lifted: the probes
    // run in a child, this test binary run again for this test alone.
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(std::env::current_exe().unwrap())
        .args([NAME, "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD, dir.path())
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("sandbox probes: all refused"), "{text}");
}

/// Sandboxes this process as `nano serve --sandbox` does and checks that
/// each escape fails, and that what a server needs still works.
fn probe_sandbox(dir: &Path) {
    use std::io::ErrorKind::PermissionDenied;
    use std::os::unix::net::{UnixDatagram, UnixStream};

    use nano::sandbox::{restrict_files, FileAccess, SyscallFilter};
    use nix::sys::socket::{socket, AddressFamily, SockFlag, SockProtocol, SockType};

    let (app, cache) = (dir.join("app"), dir.join("cache"));
    for folder in [&app, &cache] {
        std::fs::create_dir(folder).unwrap();
    }
    std::fs::write(app.join("index.js"), "app").unwrap();
    std::fs::write(dir.join("secret"), "secret").unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let own = [7u8; 16];
    let mut copy = [0u8; 16];
    let read_own_memory = |copy: &mut [u8; 16]| {
        nix::sys::uio::process_vm_readv(
            nix::unistd::Pid::this(),
            &mut [std::io::IoSliceMut::new(copy)],
            &[nix::sys::uio::RemoteIoVec {
                base: own.as_ptr() as usize,
                len: own.len(),
            }],
        )
    };
    assert_eq!(read_own_memory(&mut copy), Ok(16), "unconfined, it works");

    // A thread that exists before the filter goes on, to probe TSYNC.
    let (go, wait) = std::sync::mpsc::channel::<()>();
    let older_thread = std::thread::spawn(move || {
        wait.recv().unwrap();
        UnixDatagram::unbound().map(|_| ())
    });

    restrict_files(&FileAccess::for_apps(&[app.to_path_buf()], Some(&cache))).expect("Landlock");
    SyscallFilter::new()
        .unwrap()
        .apply_to_all_threads()
        .expect("seccomp");

    let refused = |what: &str, result: std::io::Result<()>| match result {
        Err(error) if error.kind() == PermissionDenied => {}
        other => panic!("{what}: expected a refusal, got {other:?}"),
    };
    let refused_nix = |what: &str, result: nix::Result<()>| {
        assert!(
            matches!(result, Err(nix::errno::Errno::EPERM)),
            "{what}: {result:?}"
        )
    };

    // Files: the app folder reads, the cache folder writes, nothing else.
    assert_eq!(std::fs::read(app.join("index.js")).unwrap(), b"app");
    std::fs::write(cache.join("snapshot"), "x").expect("the cache folder is writable");
    refused(
        "read outside",
        std::fs::read(dir.join("secret")).map(|_| ()),
    );
    refused("write in the app", std::fs::write(app.join("new.js"), "x"));
    refused("read /etc/passwd", std::fs::read("/etc/passwd").map(|_| ()));

    // Processes.
    refused("exec", Command::new("/bin/true").status().map(|_| ()));
    refused_nix("process_vm_readv", read_own_memory(&mut copy).map(|_| ()));

    // Sockets: Unix, netlink and raw ones are refused; new listeners too.
    refused("unix datagram", UnixDatagram::unbound().map(|_| ()));
    refused(
        "unix stream",
        UnixStream::connect("/run/nothing").map(|_| ()),
    );
    let sock = |family, kind, protocol: Option<SockProtocol>| {
        socket(family, kind, SockFlag::empty(), protocol).map(|_| ())
    };
    refused_nix(
        "netlink",
        sock(
            AddressFamily::Netlink,
            SockType::Raw,
            Some(SockProtocol::NetlinkRoute),
        ),
    );
    refused_nix("raw IPv4", sock(AddressFamily::Inet, SockType::Raw, None));
    refused_nix("packet", sock(AddressFamily::Packet, SockType::Raw, None));
    refused("bind TCP", TcpListener::bind("127.0.0.1:0").map(|_| ()));
    refused(
        "bind UDP",
        std::net::UdpSocket::bind("127.0.0.1:0").map(|_| ()),
    );
    refused("io_uring", io_uring::IoUring::new(8).map(|_| ()));
    go.send(()).unwrap();
    refused(
        "unix socket on an older thread",
        older_thread.join().unwrap(),
    );

    // What fetch() needs: TCP and UDP over IP, and connecting.
    sock(AddressFamily::Inet6, SockType::Stream, None).expect("TCP over IPv6");
    sock(AddressFamily::Inet, SockType::Datagram, None).expect("UDP over IPv4");
    TcpStream::connect(("127.0.0.1", port)).expect("connect over loopback");
    drop(listener);
    println!("sandbox probes: all refused");
}
