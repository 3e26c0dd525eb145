//! `nano dev` (and `nano serve --watch`): the app is served on one core
//! and loaded again whenever a file in its folder changes; a version that
//! does not load is shown with its source line while the last one that
//! loaded keeps serving. Exports NANO does not run are named at load.

mod common;

use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::Server;

const WAIT: Duration = Duration::from_secs(20);

fn write(dir: &Path, file: &str, source: &str) {
    let path = dir.join(file);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, source).unwrap();
}

/// An entry that answers `prefix` and the message `lib.js` exports.
fn write_entry(dir: &Path, prefix: &str) {
    let source = format!(
        "import {{ message }} from \"./lib.js\";\n\
         export default {{ fetch() {{ return new Response(\"{prefix}\" + message); }} }};\n"
    );
    write(dir, "index.js", &source);
}

fn write_lib(dir: &Path, message: &str) {
    write(
        dir,
        "lib.js",
        &format!("export const message = \"{message}\";\n"),
    );
}

fn dev_command(dir: &Path, extra: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_nano"));
    cmd.arg("dev")
        .arg(dir)
        .args(["--port", "0", "--admin-port", "0"])
        .args(extra);
    cmd
}

fn dev(dir: &Path) -> Server {
    Server::spawn(&mut dev_command(dir, &[]), true).unwrap_or_else(|e| panic!("nano dev: {e}"))
}

/// Waits until `GET /` answers `expected`.
fn wait_for_body(s: &Server, expected: &str) {
    let deadline = Instant::now() + WAIT;
    loop {
        let body = s.get("/").text();
        if body == expected {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "still {body:?}, not {expected:?}; logs:\n{}",
            s.logs().join("\n")
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn wait_for_line(s: &Server, matches: impl Fn(&str) -> bool, what: &str) -> String {
    s.wait_for_log(WAIT, matches)
        .unwrap_or_else(|| panic!("no {what} logged:\n{}", s.logs().join("\n")))
}

fn count(s: &Server, text: &str) -> usize {
    s.logs().iter().filter(|line| line.contains(text)).count()
}

/// The lines saying a reload went well (printed, not logged).
fn printed_reloads(s: &Server) -> usize {
    s.logs()
        .iter()
        .filter(|line| line.starts_with("reloaded "))
        .count()
}

/// Waits until `times` log lines contain `text`.
fn wait_for_count(s: &Server, text: &str, times: usize) {
    let deadline = Instant::now() + WAIT;
    while count(s, text) < times {
        assert!(
            Instant::now() < deadline,
            "{times} × {text:?} never logged:\n{}",
            s.logs().join("\n")
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn dev_prints_the_url_and_reloads_on_edits_to_the_entry_and_its_imports() {
    let dir = tempfile::tempdir().unwrap();
    write_entry(dir.path(), "a:");
    write_lib(dir.path(), "one");
    let s = dev(dir.path());
    let url = format!("open http://{}/", s.addr);
    wait_for_line(&s, |l| l.contains(&url), "URL to open");
    assert!(
        s.logs().iter().any(|l| l.contains("cores=1")),
        "dev serves on one core:\n{}",
        s.logs().join("\n")
    );
    assert_eq!(s.get("/").text(), "a:one");

    write_entry(dir.path(), "b:");
    wait_for_body(&s, "b:one");
    write_lib(dir.path(), "two");
    wait_for_body(&s, "b:two");
    wait_for_line(&s, |l| l.starts_with("reloaded "), "reload");
}

#[test]
fn a_syntax_error_is_shown_with_its_line_and_the_last_good_version_serves_until_fixed() {
    let dir = tempfile::tempdir().unwrap();
    write_entry(dir.path(), "");
    write_lib(dir.path(), "good");
    let s = dev(dir.path());
    assert_eq!(s.get("/").text(), "good");

    write(
        dir.path(),
        "lib.js",
        "export const message =\n  \"broken\" +;\n",
    );
    wait_for_line(&s, |l| l == "lib.js:2:13", "the error's file:line:column");
    let logs = s.logs();
    let at = logs.iter().position(|l| l == "lib.js:2:13").unwrap();
    assert_eq!(logs[at + 1], "  \"broken\" +;", "the offending line");
    assert_eq!(logs[at + 2], "            ^", "a caret under column 13");
    assert!(
        logs[at + 3].contains("SyntaxError"),
        "then the error: {}",
        logs[at + 3]
    );
    for _ in 0..3 {
        assert_eq!(s.get("/").text(), "good", "the last good version serves");
    }

    assert_eq!(printed_reloads(&s), 0, "the broken version did not reload");
    write_lib(dir.path(), "fixed");
    wait_for_body(&s, "fixed");
    wait_for_line(&s, |l| l.starts_with("reloaded "), "reload after the fix");
}

#[test]
fn a_typescript_syntax_error_is_framed_from_the_ts_file() {
    let dir = tempfile::tempdir().unwrap();
    let entry = "const n: number = 1;\nexport default { fetch: () => new Response(`v${n}`) };\n";
    write(dir.path(), "index.ts", entry);
    let s = dev(dir.path());
    assert_eq!(s.get("/").text(), "v1");

    write(
        dir.path(),
        "index.ts",
        "const n: number = ;\nexport default {};\n",
    );
    wait_for_line(&s, |l| l == "index.ts:1:19", "the error's file:line:column");
    let logs = s.logs();
    let at = logs.iter().position(|l| l == "index.ts:1:19").unwrap();
    assert_eq!(
        logs[at + 1],
        "const n: number = ;",
        "the offending .ts line"
    );
    assert_eq!(
        logs[at + 2],
        "                  ^",
        "a caret under column 19"
    );
    assert_eq!(s.get("/").text(), "v1", "the last good version serves");
}

#[test]
fn output_written_into_the_app_folder_does_not_reload_it() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "index.js",
        "export default { fetch() { console.log(\"hello\"); return new Response(\"ok\"); } };\n",
    );
    let log_path = dir.path().join("dev.log");
    let log = std::fs::File::create(&log_path).unwrap();
    let mut child = dev_command(dir.path(), &[])
        .env_remove("RUST_LOG")
        .stdin(std::process::Stdio::null())
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .spawn()
        .unwrap();
    let deadline = Instant::now() + WAIT;
    let addr = loop {
        let text = std::fs::read_to_string(&log_path).unwrap_or_default();
        if let Some(at) = text.find("open http://") {
            let rest = &text[at + "open http://".len()..];
            break rest[..rest.find('/').unwrap()].to_string();
        }
        assert!(Instant::now() < deadline, "no address in {text}");
        std::thread::sleep(Duration::from_millis(20));
    };
    for _ in 0..5 {
        let mut client = common::Client::connect(addr.parse().unwrap());
        client.send("GET / HTTP/1.1\r\nHost: dev\r\n\r\n");
        assert_eq!(client.response().text(), "ok");
        std::thread::sleep(Duration::from_millis(150));
    }
    let _ = child.kill();
    let _ = child.wait();
    let text = std::fs::read_to_string(&log_path).unwrap();
    assert!(text.contains("hello"), "the app logged: {text}");
    assert!(
        !text.contains("changed"),
        "the folder was taken as changed: {text}"
    );
}

#[test]
fn an_error_thrown_while_the_modules_run_is_shown_at_the_top_of_its_stack() {
    let dir = tempfile::tempdir().unwrap();
    write_entry(dir.path(), "");
    write_lib(dir.path(), "good");
    let s = dev(dir.path());
    write(
        dir.path(),
        "lib.js",
        "export const message = \"bad\";\nconst settings = null;\nsettings.port;\n",
    );
    wait_for_line(&s, |l| l == "lib.js:3:10", "the throw's file:line:column");
    let logs = s.logs();
    let at = logs.iter().position(|l| l == "lib.js:3:10").unwrap();
    assert_eq!(
        logs[at + 1],
        "settings.port;",
        "the line, read from the file"
    );
    assert_eq!(logs[at + 2], "         ^");
    assert!(logs[at + 3].contains("TypeError"), "{}", logs[at + 3]);
    assert_eq!(s.get("/").text(), "good");
}

#[test]
fn dev_reloads_on_sighup_and_exits_at_once_on_sigint() {
    let dir = tempfile::tempdir().unwrap();
    write_entry(dir.path(), "");
    write_lib(dir.path(), "v1");
    let mut s = dev(dir.path());
    // The watcher's thread must not take the signal: it would end the
    // process.
    s.signal("HUP");
    wait_for_count(&s, "app reloaded", 1);
    assert_eq!(s.get("/").text(), "v1");
    s.signal("INT");
    let status = s.wait_exit(Duration::from_secs(5));
    assert!(
        status.is_some_and(|status| status.success()),
        "{status:?}; logs:\n{}",
        s.logs().join("\n")
    );
}

#[test]
fn a_burst_of_changes_in_node_modules_reloads_once() {
    let dir = tempfile::tempdir().unwrap();
    write_entry(dir.path(), "");
    write_lib(dir.path(), "v1");
    let s = dev(dir.path());
    assert_eq!(s.get("/").text(), "v1");

    // What an `npm install` does, in small: many files in new folders.
    for index in 0..40 {
        write(
            dir.path(),
            &format!("node_modules/pkg{index}/index.js"),
            "export default 1;\n",
        );
    }
    wait_for_count(&s, "app reloaded", 1);
    std::thread::sleep(Duration::from_millis(600));
    assert_eq!(
        count(&s, "app reloaded"),
        1,
        "one reload for the burst:\n{}",
        s.logs().join("\n")
    );
    // A file in a folder created during the burst is watched too.
    write(
        dir.path(),
        "node_modules/pkg7/index.js",
        "export default 2;\n",
    );
    wait_for_count(&s, "app reloaded", 2);
}

#[test]
fn dev_waits_for_a_fix_when_the_app_does_not_load_at_start() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "index.js",
        "export default {\n  fetch() { return new Response(\"up\") }\n  oops\n};\n",
    );
    let up = Arc::new(AtomicBool::new(false));
    // The fix is written again until the server is up: the first write may
    // land before NANO watches the folder.
    let fixer = {
        let (dir, up) = (dir.path().to_path_buf(), up.clone());
        std::thread::spawn(move || {
            let deadline = Instant::now() + WAIT;
            while !up.load(Ordering::SeqCst) && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(1500));
                write(
                    &dir,
                    "index.js",
                    "export default { fetch() { return new Response(\"up\") } };\n",
                );
            }
        })
    };
    let spawned = Server::spawn(&mut dev_command(dir.path(), &[]), true);
    up.store(true, Ordering::SeqCst);
    fixer.join().unwrap();
    let s = spawned.unwrap_or_else(|e| panic!("nano dev never served: {e}"));
    let logs = s.logs();
    assert!(
        logs.iter().any(|l| l == "index.js:3:3"),
        "the start's error, with its location:\n{}",
        logs.join("\n")
    );
    assert!(logs.iter().any(|l| l.contains("waiting for a change")));
    assert_eq!(s.get("/").text(), "up");
}

#[test]
fn serve_watch_reloads_on_every_core_and_prints_once() {
    let dir = tempfile::tempdir().unwrap();
    write_entry(dir.path(), "");
    write_lib(dir.path(), "v1");
    let s = Server::nano(dir.path().to_str().unwrap(), &["--watch", "--cores", "2"]);
    write_lib(dir.path(), "v2");
    wait_for_count(&s, "app reloaded", 2);
    for _ in 0..4 {
        assert_eq!(s.get("/").text(), "v2");
    }
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(printed_reloads(&s), 1, "{}", s.logs().join("\n"));
}

const UNSERVED: &str = "export default {\n  fetch() { return new Response(\"ok\"); },\n  scheduled() {},\n  queue() {},\n};\nexport class Counter {}\nexport const helper = () => 1;\n";

fn assert_unserved_named(s: &Server) {
    let line = wait_for_line(
        s,
        |l| l.contains("exports that NANO does not run"),
        "warning",
    );
    assert!(!line.contains("scheduled"), "scheduled() is served: {line}");
    assert!(line.contains("queue() handler"), "{line}");
    assert!(line.contains("class Counter"), "{line}");
    assert!(!line.contains("helper"), "a function is no class: {line}");
    assert!(!line.contains("fetch"), "{line}");
    assert_eq!(s.get("/").text(), "ok", "the app still serves");
}

#[test]
fn exports_nano_does_not_run_are_named_in_a_warning_by_dev() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "index.js", UNSERVED);
    assert_unserved_named(&dev(dir.path()));
}

#[test]
fn exports_nano_does_not_run_are_named_in_a_warning_by_serve() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "index.js", UNSERVED);
    let s = Server::nano(dir.path().to_str().unwrap(), &["--cores", "1"]);
    assert_unserved_named(&s);
}

#[test]
fn an_app_with_only_a_fetch_handler_gets_no_warning() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "index.js",
        "export default { fetch() { return new Response(\"ok\"); } };\nexport function helper() {}\n",
    );
    let s = Server::nano(dir.path().to_str().unwrap(), &["--cores", "1"]);
    assert_eq!(s.get("/").text(), "ok");
    std::thread::sleep(Duration::from_millis(100));
    assert_eq!(count(&s, "does not run"), 0, "{}", s.logs().join("\n"));
}
