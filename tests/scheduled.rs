//! Scheduled events: `export default { scheduled(controller, env, ctx) }`
//! runs on its app's cron triggers (`crons` in nano.toml, `--cron` for one
//! app) on one core, and by hand with `nano trigger APP --cron PATTERN`
//! through the admin listener. Each run is logged and counted in
//! `/metrics` by outcome; a bad pattern stops the server at its place in
//! the config file.

mod common;

use std::path::PathBuf;
use std::process::{Command, Output};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use common::{metric, run_to_exit, Server};
use serde_json::Value;

/// Logs its cron and time; waits for `ctx.waitUntil` work before it is
/// done; fails as the cron pattern asks.
const JOBS_APP: &str = r#"
export default {
  fetch() {
    return new Response("jobs");
  },
  async scheduled(controller, env, ctx) {
    controller.noRetry();
    console.log(`tick cron=${controller.cron} at=${controller.scheduledTime} greeting=${env.GREETING}`);
    if (controller.cron === "boom") throw new Error("the job broke");
    if (controller.cron === "spin") for (;;) {}
    ctx.waitUntil(
      new Promise((resolve) => setTimeout(resolve, 200)).then(() => {
        console.log(`waited cron=${controller.cron}`);
        if (controller.cron === "late-boom") throw new Error("the late work broke");
      }),
    );
  },
};
"#;

/// A temporary folder holding the app folder `jobs`.
struct Site {
    root: tempfile::TempDir,
}

impl Site {
    fn new(source: &str) -> Site {
        let root = tempfile::tempdir().expect("a temp dir");
        let app = root.path().join("jobs");
        std::fs::create_dir_all(&app).unwrap();
        std::fs::write(app.join("index.js"), source).unwrap();
        Site { root }
    }

    fn app_dir(&self) -> PathBuf {
        self.root.path().join("jobs")
    }

    /// `nano serve --config nano.toml` with `config` as the file.
    fn config_command(&self, config: &str) -> Command {
        let file = self.root.path().join("nano.toml");
        std::fs::write(&file, config).unwrap();
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_nano"));
        cmd.arg("serve")
            .arg("--config")
            .arg(file)
            .args(["--port", "0", "--admin-port", "0"]);
        cmd
    }

    /// `nano serve jobs` with `extra` flags.
    fn serve(&self, extra: &[&str]) -> Server {
        Server::nano(self.app_dir().to_str().unwrap(), extra)
    }
}

/// `nano trigger APP --admin ADDR EXTRA...`: its exit code and its report.
fn trigger(s: &Server, app: &str, extra: &[&str]) -> (Option<i32>, Output) {
    let admin = s.admin.expect("admin address").to_string();
    let output = Command::new(env!("CARGO_BIN_EXE_nano"))
        .args(["trigger", app, "--admin", &admin])
        .args(extra)
        .output()
        .expect("nano trigger runs");
    (output.status.code(), output)
}

fn report(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "nano trigger printed no JSON ({e}): {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

fn scheduled_count(s: &Server, outcome: &str) -> f64 {
    let text = s.admin_get("/metrics").text();
    metric(
        &text,
        &format!("nano_scheduled_total{{app=\"jobs\",outcome=\"{outcome}\"}}"),
    )
    .unwrap_or(0.0)
}

/// The `at=` times of the `tick` lines logged for `cron`.
fn tick_times(s: &Server, cron: &str) -> Vec<i64> {
    let marker = format!("tick cron={cron} at=");
    s.logs()
        .iter()
        .filter_map(|line| {
            let rest = &line[line.find(&marker)? + marker.len()..];
            rest.split(' ').next()?.parse().ok()
        })
        .collect()
}

#[test]
fn a_cron_trigger_fires_on_schedule_on_one_core() {
    let site = Site::new(JOBS_APP);
    let s = site.serve(&[
        "--cron",
        "* * * * * *",
        "--cores",
        "2",
        "--var",
        "GREETING=hi",
    ]);
    let started = now_ms();
    let deadline = Instant::now() + Duration::from_secs(10);
    while tick_times(&s, "* * * * * *").len() < 3 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    let times = tick_times(&s, "* * * * * *");
    assert!(times.len() >= 3, "three ticks in 10 s: {:?}", s.logs());
    for pair in times.windows(2) {
        assert!(pair[1] > pair[0], "each tick once, in order: {times:?}");
    }
    for at in &times {
        assert_eq!(at % 1000, 0, "ticks fall on whole seconds: {times:?}");
        assert!(*at >= started - 1000, "{at} is after the start {started}");
    }
    let logs = s.logs().join("\n");
    assert!(logs.contains("greeting=hi"), "the handler gets env: {logs}");
    let waited = s.wait_for_log(Duration::from_secs(5), |l| {
        l.contains("waited cron=* * * * * *")
    });
    assert!(waited.is_some(), "waitUntil work ran: {logs}");
    let line = s
        .wait_for_log(Duration::from_secs(5), |l| {
            l.contains("nano::scheduled") && l.contains("outcome")
        })
        .unwrap_or_else(|| panic!("a scheduled line: {logs}"));
    for field in ["jobs", "* * * * * *", "ok", "duration_ms"] {
        assert!(line.contains(field), "{field} in {line}");
    }
    assert!(
        scheduled_count(&s, "ok") >= 2.0,
        "{}",
        s.admin_get("/metrics").text()
    );
    let metrics = s.admin_get("/metrics").text();
    assert!(
        metric(
            &metrics,
            "nano_scheduled_duration_seconds_count{app=\"jobs\"}"
        )
        .is_some_and(|n| n >= 2.0),
        "{metrics}"
    );
    assert_eq!(s.get("/").text(), "jobs", "the app still serves requests");
}

#[test]
fn nano_trigger_runs_the_handler_by_hand_and_reports_its_outcome() {
    let site = Site::new(JOBS_APP);
    let port = common::free_port();
    let config = format!(
        "[[app]]\nname = \"jobs\"\ndir = \"jobs\"\nport = {port}\ncrons = [\"0 0 1 1 *\"]\n"
    );
    let s = Server::spawn(&mut site.config_command(&config), true).expect("nano serve starts");

    let before = now_ms();
    let (code, output) = trigger(&s, "jobs", &["--cron", "*/5 * * * *"]);
    let ok = report(&output);
    assert_eq!(code, Some(0), "{ok}");
    assert_eq!(ok["app"], "jobs");
    assert_eq!(ok["cron"], "*/5 * * * *");
    assert_eq!(ok["outcome"], "ok");
    let at = ok["scheduledTime"].as_i64().expect("a scheduledTime");
    assert!((before..=now_ms()).contains(&at), "{at} is now");
    assert!(
        ok["duration_ms"].as_f64().is_some_and(|ms| ms >= 190.0),
        "the run includes its waitUntil work: {ok}"
    );
    for console in [
        format!("tick cron=*/5 * * * * at={at}"),
        "waited cron=*/5 * * * *".into(),
    ] {
        let logged = s.wait_for_log(Duration::from_secs(5), |l| l.contains(&console));
        assert!(logged.is_some(), "console output is logged: {:?}", s.logs());
    }

    let (code, output) = trigger(&s, "jobs", &[]);
    assert_eq!(code, Some(0));
    assert_eq!(
        report(&output)["cron"],
        "0 0 1 1 *",
        "the app's first trigger"
    );

    for (cron, outcome, reason) in [
        ("boom", "exception", "the job broke"),
        ("late-boom", "exception", "the late work broke"),
        ("spin", "exceeded_cpu", ""),
    ] {
        let (code, output) = trigger(&s, "jobs", &["--cron", cron]);
        let failed = report(&output);
        assert_eq!(code, Some(1), "{failed}");
        assert_eq!(failed["outcome"], outcome, "{failed}");
        let error = failed["error"].as_str().unwrap_or_default();
        assert!(error.contains(reason), "{failed}");
        let logged = s.wait_for_log(Duration::from_secs(5), |l| {
            l.contains("nano::scheduled") && l.contains(cron) && l.contains(outcome)
        });
        assert!(logged.is_some(), "{cron} logged: {:?}", s.logs());
    }
    let (code, output) = trigger(&s, "jobs", &["--cron", "after-spin"]);
    assert_eq!(
        code,
        Some(0),
        "a fresh isolate runs the next one: {:?}",
        output
    );

    assert_eq!(scheduled_count(&s, "ok"), 3.0);
    assert_eq!(scheduled_count(&s, "exception"), 2.0);
    assert_eq!(scheduled_count(&s, "exceeded_cpu"), 1.0);

    let (code, output) = trigger(&s, "nope", &[]);
    assert_eq!(code, Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("404") && stderr.contains("nope"),
        "{stderr}"
    );
}

#[test]
fn crons_without_a_scheduled_handler_are_warned_about() {
    let site = Site::new("export default { fetch() { return new Response(\"x\"); } };\n");
    let s = site.serve(&["--cron", "0 * * * *", "--cores", "1"]);
    let warned = s.wait_for_log(Duration::from_secs(10), |l| {
        l.contains("no scheduled handler")
    });
    assert!(warned.is_some(), "{:?}", s.logs());
    let (code, output) = trigger(&s, "jobs", &[]);
    assert_eq!(code, Some(1));
    assert_eq!(report(&output)["outcome"], "exception");
}

#[test]
fn an_app_with_only_a_scheduled_handler_loads_and_runs() {
    let site = Site::new(
        "export default { scheduled(controller) { console.log(`only ${controller.cron}`); } };\n",
    );
    let s = site.serve(&["--cron", "0 * * * *", "--cores", "1"]);
    let (code, output) = trigger(&s, "jobs", &[]);
    assert_eq!(code, Some(0), "{}", report(&output));
    let ran = s.wait_for_log(Duration::from_secs(5), |l| l.contains("only 0 * * * *"));
    assert!(ran.is_some(), "{:?}", s.logs());
    assert_eq!(s.get("/").status, 500, "no fetch handler to answer with");
}

#[test]
fn a_bad_cron_stops_the_server_at_its_place() {
    let site = Site::new(JOBS_APP);
    let config = "[[app]]\nname = \"jobs\"\ndir = \"jobs\"\nport = 8081\ncrons = [\"*/5 * * * *\", \"* 25 * * *\"]\n";
    let (status, stderr) = run_to_exit(&mut site.config_command(config), Duration::from_secs(20));
    assert_eq!(status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("nano.toml:5:25:"), "{stderr}");
    assert!(stderr.contains("cron \"* 25 * * *\""), "{stderr}");

    let (status, stderr) = run_to_exit(
        Command::new(env!("CARGO_BIN_EXE_nano")).args([
            "serve",
            site.app_dir().to_str().unwrap(),
            "--cron",
            "every minute",
        ]),
        Duration::from_secs(20),
    );
    assert_eq!(status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("--cron"), "{stderr}");
}
