//! `nano serve` loads its app again on SIGHUP: new requests get the new
//! code, requests already running finish on the old one, whose isolate is
//! then freed, and a version that does not load leaves the old one serving.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::{metric, Server};

const CORES: usize = 2;

/// An app that answers `version`; `/slow` answers after 2 s.
fn write_app(dir: &Path, version: &str) {
    let source = format!(
        r#"export default {{
  async fetch(request) {{
    if (new URL(request.url).pathname === "/slow") await new Promise((r) => setTimeout(r, 2000));
    return new Response("{version}");
  }},
}};
"#
    );
    std::fs::write(dir.join("index.js"), source).unwrap();
}

fn serve(dir: &Path) -> Server {
    Server::nano(dir.to_str().unwrap(), &["--cores", &CORES.to_string()])
}

/// Waits until `count` log lines contain `text`.
fn wait_for_lines(s: &Server, text: &str, count: usize) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let seen = s.logs().iter().filter(|l| l.contains(text)).count();
        if seen >= count {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{count} × {text:?} never logged:\n{}",
            s.logs().join("\n")
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn isolates(s: &Server) -> f64 {
    let text = s.admin_get("/metrics").text();
    (0..CORES)
        .map(|core| metric(&text, &format!("nano_isolates{{core=\"{core}\"}}")).unwrap_or(0.0))
        .sum()
}

#[test]
fn sighup_reloads_and_running_requests_finish_on_the_old_version() {
    let dir = tempfile::tempdir().unwrap();
    write_app(dir.path(), "v1");
    let s = serve(dir.path());
    assert_eq!(s.get("/").text(), "v1");

    let mut slow = s.client();
    slow.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n");
    std::thread::sleep(Duration::from_millis(200));
    write_app(dir.path(), "v2");
    s.signal("HUP");
    wait_for_lines(&s, "app reloaded", CORES);
    for _ in 0..6 {
        assert_eq!(s.get("/").text(), "v2");
    }
    // The old version is still there for the slow request, then goes.
    assert_eq!(isolates(&s), (CORES + 1) as f64);
    assert_eq!(slow.response().text(), "v1");
    let deadline = Instant::now() + Duration::from_secs(10);
    while isolates(&s) > CORES as f64 {
        assert!(
            Instant::now() < deadline,
            "the retired isolate was not freed"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_version_that_does_not_load_leaves_the_old_one_serving() {
    let dir = tempfile::tempdir().unwrap();
    write_app(dir.path(), "v1");
    let s = serve(dir.path());
    std::fs::write(
        dir.path().join("index.js"),
        "export default { fetch() { return new Response('x') ] };\n",
    )
    .unwrap();
    s.signal("HUP");
    wait_for_lines(&s, "reload failed", CORES);
    let failure = s
        .logs()
        .into_iter()
        .find(|l| l.contains("reload failed"))
        .unwrap();
    assert!(failure.contains("index.js:1:"), "{failure}");
    assert!(failure.contains("SyntaxError"), "{failure}");
    assert_eq!(s.get("/").text(), "v1");

    write_app(dir.path(), "v3");
    s.signal("HUP");
    wait_for_lines(&s, "app reloaded", CORES);
    assert_eq!(s.get("/").text(), "v3");
    assert_eq!(isolates(&s), CORES as f64);
}
