//! Many apps in one process: `nano serve --config nano.toml` routes each
//! request by Host and path (or by the app's own port) to its app, whose
//! isolate on a core is made on demand, kept apart from every other app's,
//! evicted when least recently used or idle, and reported on `/apps` and
//! `/metrics`. Config errors name their place in the file; SIGHUP reads the
//! file again without dropping a request.

mod common;

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use common::{free_port, metric, run_to_exit, Client, Response, Server};
use serde_json::{json, Value};

/// An app that answers its name and the path it was asked for.
fn named_app(name: &str) -> String {
    format!(
        "export default {{\n  fetch(request) {{\n    \
         return new Response(\"{name} \" + new URL(request.url).pathname);\n  }},\n}};\n"
    )
}

/// An app that answers its name and how many requests its module has seen,
/// so a fresh isolate shows as `NAME 1`.
fn counting_app(name: &str) -> String {
    format!(
        "let served = 0;\nexport default {{\n  fetch() {{\n    served += 1;\n    \
         return new Response(\"{name} \" + served);\n  }},\n}};\n"
    )
}

/// One `[[app]]` table; `more` is added as it is (`port = 1`, `vars = ...`).
fn app_table(name: &str, routes: &[&str], more: &str) -> String {
    let routes: Vec<String> = routes.iter().map(|r| format!("{r:?}")).collect();
    let routes = if routes.is_empty() {
        String::new()
    } else {
        format!("routes = [{}]\n", routes.join(", "))
    };
    format!("\n[[app]]\nname = \"{name}\"\ndir = \"{name}\"\n{routes}{more}\n")
}

/// A temporary folder with a `nano.toml` and one folder per app.
struct Site {
    root: tempfile::TempDir,
}

impl Site {
    fn new() -> Site {
        Site {
            root: tempfile::tempdir().expect("a temp dir"),
        }
    }

    fn config_path(&self) -> PathBuf {
        self.root.path().join("nano.toml")
    }

    /// Writes `source` as the entry module of app folder `name`.
    fn app(&self, name: &str, source: &str) {
        let dir = self.root.path().join(name);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("index.js"), source).unwrap();
    }

    fn config(&self, text: &str) {
        std::fs::write(self.config_path(), text).unwrap();
    }

    /// `nano serve --config nano.toml --port 0 --admin-port 0 EXTRA...`.
    fn command(&self, extra: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_nano"));
        cmd.arg("serve")
            .arg("--config")
            .arg(self.config_path())
            .args(["--port", "0", "--admin-port", "0"])
            .args(extra);
        cmd
    }

    fn serve(&self, extra: &[&str]) -> Server {
        Server::spawn(&mut self.command(extra), true)
            .unwrap_or_else(|e| panic!("nano serve --config starts: {e}"))
    }
}

/// One GET with `host` on a fresh connection to `addr`.
fn get(addr: SocketAddr, host: &str, path: &str) -> Response {
    let mut c = Client::connect(addr);
    c.send(&format!("GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n"));
    c.response()
}

/// The body of a 200 answer to GET `host` `path` on `addr`.
fn text(addr: SocketAddr, host: &str, path: &str) -> String {
    let r = get(addr, host, path);
    assert_eq!(r.status, 200, "{host}{path}: {}", r.text());
    r.text()
}

/// The address of the app with its own `port`, once its announcement is
/// logged (apart from the shared listener's `listening on` line).
fn app_addr(s: &Server, name: &str, port: u16) -> SocketAddr {
    let announced = format!("app {name} on http://127.0.0.1:{port}");
    let line = s.wait_for_log(Duration::from_secs(10), |l| l.contains(&announced));
    let line = line.unwrap_or_else(|| panic!("{announced:?} never logged: {:?}", s.logs()));
    assert!(!line.contains("listening on"), "{line}");
    SocketAddr::from(([127, 0, 0, 1], port))
}

fn metrics(s: &Server) -> String {
    s.admin_get("/metrics").text()
}

/// A per-app series such as `nano_app_isolates`, 0 when not rendered.
fn app_metric(m: &str, name: &str, labels: &str) -> f64 {
    metric(m, &format!("{name}{{{labels}}}")).unwrap_or(0.0)
}

fn apps(s: &Server) -> Vec<Value> {
    let r = s.admin_get("/apps");
    assert_eq!(r.status, 200, "{}", r.text());
    let v: Value = serde_json::from_slice(&r.body)
        .unwrap_or_else(|e| panic!("/apps is not JSON ({e}): {}", r.text()));
    v["apps"]
        .as_array()
        .expect("/apps has an apps array")
        .clone()
}

/// The `/apps` entry of app `name`.
fn app_entry(s: &Server, name: &str) -> Value {
    apps(s)
        .into_iter()
        .find(|a| a["name"] == name)
        .unwrap_or_else(|| panic!("{name} is not on /apps"))
}

/// App `name`'s isolates loaded on all cores, from `/apps`.
fn loaded(s: &Server, name: &str) -> u64 {
    let entry = app_entry(s, name);
    let per_core = entry["isolates"].as_array().expect("isolates per core");
    per_core.iter().map(|n| n.as_u64().unwrap()).sum()
}

/// Waits up to `limit` for `done`; false if it never held.
fn eventually(limit: Duration, done: impl Fn() -> bool) -> bool {
    let deadline = Instant::now() + limit;
    while !done() {
        if Instant::now() >= deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    true
}

// --- routing -------------------------------------------------------------

#[test]
fn routes_pick_the_most_specific_app_and_unrouted_requests_get_404() {
    let site = Site::new();
    let tables = [
        ("site", vec!["example.com/*"]),
        ("api", vec!["example.com/api/*", "example.com/version"]),
        ("subs", vec!["*.example.com/*", "*.strict.test/*"]),
        ("admin", vec!["admin.example.com/admin/*"]),
        ("apex", vec!["*other.test/*"]),
        ("anyhost", vec!["*/anyhost/*"]),
    ];
    let mut config = String::new();
    for (name, routes) in &tables {
        site.app(name, &named_app(name));
        config.push_str(&app_table(name, routes, ""));
    }
    site.config(&config);
    let s = site.serve(&["--cores", "1"]);
    let cases = [
        ("example.com", "/", "site /"),
        ("example.com:8080", "/page", "site /page"),
        // A longer path wins on the same host; a path without `*` is exact.
        ("example.com", "/api/users", "api /api/users"),
        ("example.com", "/version", "api /version"),
        ("example.com", "/version/2", "site /version/2"),
        // `*.` is any subdomain, at any depth.
        ("shop.example.com", "/cart", "subs /cart"),
        ("a.b.example.com", "/", "subs /"),
        ("a.strict.test", "/x", "subs /x"),
        // An exact host beats a wildcard one; where its paths do not match,
        // the wildcard host's route still applies.
        ("admin.example.com", "/admin/users", "admin /admin/users"),
        ("admin.example.com", "/blog", "subs /blog"),
        // `*host` is the apex and its subdomains.
        ("other.test", "/", "apex /"),
        ("www.other.test", "/a", "apex /a"),
        // `*` is any host, below every named host.
        ("anything.invalid", "/anyhost/1", "anyhost /anyhost/1"),
        ("example.com", "/anyhost/1", "site /anyhost/1"),
    ];
    for (host, path, want) in cases {
        assert_eq!(text(s.addr, host, path), want, "{host}{path}");
    }

    // `*.strict.test` does not cover the apex; nothing else does either.
    let unrouted = [("strict.test", "/x"), ("nowhere.test", "/missing/page")];
    for (host, path) in unrouted {
        let r = get(s.addr, host, path);
        assert_eq!(r.status, 404, "{host}{path}: {}", r.text());
        assert!(
            r.header("content-type")
                .is_some_and(|t| t.starts_with("text/plain")),
            "{:?}",
            r.headers
        );
        let body = r.text();
        assert!(
            body.contains(host) && body.contains(path),
            "{host}{path}: {body}"
        );
    }

    let m = metrics(&s);
    let not_found = app_metric(&m, "nano_requests_total", "app=\"-\",status=\"404\"");
    assert_eq!(not_found, unrouted.len() as f64, "{m}");
    let answered = |app: &str| {
        app_metric(
            &m,
            "nano_requests_total",
            &format!("app=\"{app}\",status=\"200\""),
        )
    };
    assert_eq!(answered("site"), 4.0, "{m}");
    assert_eq!(answered("subs"), 4.0, "{m}");
    assert_eq!(answered("api"), 2.0, "{m}");
}

// --- isolation -----------------------------------------------------------

#[test]
fn an_app_stuck_in_a_loop_leaves_the_app_on_another_port_answering() {
    let site = Site::new();
    site.app("calm", &named_app("calm"));
    site.app(
        "spinner",
        "export default {\n  fetch(request) {\n    \
         if (new URL(request.url).pathname === \"/spin\") for (;;) {}\n    \
         return new Response(\"spinner\");\n  },\n};\n",
    );
    let (calm_port, spinner_port) = (free_port(), free_port());
    site.config(&format!(
        "{}{}",
        app_table("calm", &[], &format!("port = {calm_port}")),
        app_table(
            "spinner",
            &[],
            &format!("port = {spinner_port}\ncpu_limit_ms = 200")
        ),
    ));
    let s = site.serve(&["--cores", "2"]);
    let calm = app_addr(&s, "calm", calm_port);
    let spinner = app_addr(&s, "spinner", spinner_port);
    // Each app answers everything on its own port, whatever the Host.
    assert_eq!(text(calm, "calm.test", "/x"), "calm /x");
    assert_eq!(text(spinner, "unrelated.test", "/"), "spinner");

    let spinning = AtomicBool::new(true);
    let calm_answers = std::thread::scope(|scope| {
        scope.spawn(|| {
            for _ in 0..6 {
                let r = get(spinner, "spinner.test", "/spin");
                assert_eq!(r.status, 503, "an endless loop: {}", r.text());
            }
            spinning.store(false, Ordering::Relaxed);
        });
        let mut answers = 0;
        while spinning.load(Ordering::Relaxed) {
            let start = Instant::now();
            let r = get(calm, "calm.test", "/");
            let took = start.elapsed();
            assert_eq!((r.status, r.text().as_str()), (200, "calm /"));
            assert!(took < Duration::from_secs(2), "calm took {took:?}");
            answers += 1;
        }
        answers
    });
    assert!(calm_answers > 0, "calm was never asked while the loops ran");
    assert_eq!(text(spinner, "spinner.test", "/"), "spinner");
}

/// One core runs both apps, so its thread switches between their isolates:
/// each run is held to its own app's CPU limit, not the one run before it.
#[test]
fn apps_on_one_core_each_keep_their_own_cpu_limit() {
    let site = Site::new();
    site.app(
        "strict",
        "export default {\n  fetch() {\n    for (;;) {}\n  },\n};\n",
    );
    // Some 100 ms of CPU or more: well past strict's limit, well within its own.
    site.app(
        "patient",
        "export default {\n  fetch() {\n    let sum = 0;\n    \
         for (let i = 0; i < 2e8; i++) sum = (sum + i * 7) % 1000003;\n    \
         return new Response(`patient ${sum}`);\n  },\n};\n",
    );
    site.config(&format!(
        "{}{}",
        app_table("strict", &["strict.test/*"], "cpu_limit_ms = 20"),
        app_table("patient", &["patient.test/*"], "cpu_limit_ms = 20000"),
    ));
    let s = site.serve(&["--cores", "1"]);
    for _ in 0..2 {
        let r = get(s.addr, "strict.test", "/");
        assert_eq!(r.status, 503, "an endless loop: {}", r.text());
        let r = get(s.addr, "patient.test", "/");
        assert_eq!(r.status, 200, "a long run within its limit: {}", r.text());
        assert!(r.text().starts_with("patient "), "{}", r.text());
    }
}

#[test]
fn apps_see_neither_each_others_env_nor_globals() {
    let site = Site::new();
    let source = "export default {\n  fetch(request, env) {\n    \
                  const path = new URL(request.url).pathname;\n    \
                  if (path === \"/leak\") globalThis.leak = 1;\n    \
                  return Response.json({ env, leak: typeof globalThis.leak });\n  },\n};\n";
    site.app("one", source);
    site.app("two", source);
    site.config(&format!(
        "{}{}",
        app_table("one", &["one.test/*"], "vars = { SECRET = \"one-secret\" }"),
        app_table("two", &["two.test/*"], "vars = { OTHER = \"two-value\" }"),
    ));
    let s = site.serve(&["--cores", "1"]);
    let ask = |host: &str, path: &str| -> Value {
        serde_json::from_str(&text(s.addr, host, path)).expect("a JSON answer")
    };
    assert_eq!(
        ask("one.test", "/"),
        json!({"env": {"SECRET": "one-secret"}, "leak": "undefined"})
    );
    assert_eq!(
        ask("two.test", "/"),
        json!({"env": {"OTHER": "two-value"}, "leak": "undefined"})
    );
    assert_eq!(ask("one.test", "/leak")["leak"], "number");
    // The global stays in one's isolate (one core: the same isolate) ...
    assert_eq!(ask("one.test", "/")["leak"], "number");
    // ... and never reaches two's.
    assert_eq!(ask("two.test", "/")["leak"], "undefined");
}

// --- isolates on demand --------------------------------------------------

/// Three counting apps `a`, `b`, `c` on hosts `a.test`, ...; `server` is
/// added to the `[server]` table.
fn three_counting_apps(server: &str) -> Site {
    let site = Site::new();
    let mut config = format!("[server]\n{server}\n");
    for name in ["a", "b", "c"] {
        site.app(name, &counting_app(name));
        config.push_str(&app_table(name, &[&format!("{name}.test/*")], ""));
    }
    site.config(&config);
    site
}

fn ask_app(s: &Server, name: &str) -> String {
    text(s.addr, &format!("{name}.test"), "/")
}

#[test]
fn the_least_recently_used_app_isolate_is_evicted_and_starts_fresh() {
    let site = three_counting_apps("max_isolates_per_core = 2");
    let s = site.serve(&["--cores", "1"]);
    assert_eq!(ask_app(&s, "a"), "a 1");
    assert_eq!(ask_app(&s, "a"), "a 2");
    assert_eq!(ask_app(&s, "b"), "b 1");
    // The third app makes room by evicting a, the least recently used.
    assert_eq!(ask_app(&s, "c"), "c 1");
    assert_eq!(
        ask_app(&s, "a"),
        "a 1",
        "a was not evicted or kept its state"
    );
    // Now b was the least recently used; c stayed.
    assert_eq!(ask_app(&s, "c"), "c 2");
    assert_eq!(ask_app(&s, "b"), "b 1");

    let total = || ["a", "b", "c"].iter().map(|n| loaded(&s, n)).sum::<u64>();
    assert!(
        eventually(Duration::from_secs(5), || total() <= 2),
        "/apps: {:?}",
        apps(&s)
    );
    let m = metrics(&s);
    let evictions = |app: &str| {
        app_metric(
            &m,
            "nano_app_evictions_total",
            &format!("app=\"{app}\",reason=\"lru\""),
        )
    };
    assert!(evictions("a") >= 1.0, "{m}");
    assert!(evictions("b") >= 1.0, "{m}");
    assert_eq!(evictions("c"), 0.0, "{m}");
    let isolates: f64 = ["a", "b", "c"]
        .iter()
        .map(|n| app_metric(&m, "nano_app_isolates", &format!("app=\"{n}\"")))
        .sum();
    assert!(isolates <= 2.0, "{m}");
}

#[test]
fn an_idle_app_isolate_is_evicted_and_its_next_request_starts_fresh() {
    let site = three_counting_apps("isolate_idle_timeout_s = 1");
    let s = site.serve(&["--cores", "1"]);
    assert_eq!(ask_app(&s, "a"), "a 1");
    assert_eq!(ask_app(&s, "a"), "a 2");
    let last_used = Instant::now();
    assert_eq!(loaded(&s, "a"), 1);
    assert!(
        eventually(Duration::from_secs(10), || loaded(&s, "a") == 0),
        "a is still loaded: {:?}",
        app_entry(&s, "a")
    );
    let idle = last_used.elapsed();
    assert!(idle >= Duration::from_millis(900), "evicted after {idle:?}");
    let m = metrics(&s);
    assert!(
        app_metric(&m, "nano_app_evictions_total", "app=\"a\",reason=\"idle\"") >= 1.0,
        "{m}"
    );
    assert_eq!(app_metric(&m, "nano_app_isolates", "app=\"a\""), 0.0, "{m}");
    assert_eq!(ask_app(&s, "a"), "a 1");
    assert_eq!(ask_app(&s, "a"), "a 2");
}

#[test]
fn cold_starts_are_counted_once_per_isolate_made() {
    let site = three_counting_apps("max_isolates_per_core = 2");
    let s = site.serve(&["--cores", "2"]);
    let mut cold = [0usize; 3];
    for round in 0..30 {
        let i = round % 3;
        let name = ["a", "b", "c"][i];
        // Each fresh isolate answers its first request with 1.
        if ask_app(&s, name) == format!("{name} 1") {
            cold[i] += 1;
        }
    }
    let m = metrics(&s);
    for (i, name) in ["a", "b", "c"].iter().enumerate() {
        let counted = app_metric(
            &m,
            "nano_app_cold_start_seconds_count",
            &format!("app=\"{name}\""),
        );
        assert_eq!(counted, cold[i] as f64, "{name}: {m}");
        assert!(
            app_metric(
                &m,
                "nano_app_cold_start_seconds_sum",
                &format!("app=\"{name}\"")
            ) > 0.0,
            "{m}"
        );
    }
}

#[test]
fn a_hundred_apps_answer_by_host_over_two_cores() {
    const APPS: usize = 100;
    let site = Site::new();
    let mut config = String::new();
    for n in 0..APPS {
        let name = format!("app{n}");
        site.app(&name, &named_app(&name));
        config.push_str(&app_table(&name, &[&format!("{name}.test/*")], ""));
    }
    site.config(&config);
    let s = site.serve(&["--cores", "2"]);
    for pass in 0..2 {
        for n in 0..APPS {
            let name = format!("app{n}");
            let body = text(s.addr, &format!("{name}.test"), "/");
            assert_eq!(body, format!("{name} /"), "pass {pass}");
        }
    }
    assert_eq!(apps(&s).len(), APPS);
}

// --- config errors -------------------------------------------------------

/// A config that must be refused; the line holding `# here` is the one
/// the error names.
struct BadConfig {
    toml: String,
    words: &'static [&'static str],
}

fn bad_configs() -> Vec<BadConfig> {
    let shop = app_table("shop", &["shop.test/*"], "");
    vec![
        BadConfig {
            toml: "[server]\nprot = 8080 # here\n".into(),
            words: &["unknown", "prot"],
        },
        BadConfig {
            toml: "[[app]]\nname = \"shop\"\ndir = \"shop\"\nrout = [\"shop.test/*\"] # here\n"
                .into(),
            words: &["unknown", "rout"],
        },
        BadConfig {
            toml: "[server]\nport = \"8080\" # here\n".into(),
            words: &["invalid type"],
        },
        BadConfig {
            toml: "[server # here\n".into(),
            words: &[],
        },
        BadConfig {
            toml: format!(
                "{shop}\n[[app]]\nname = \"shop\" # here\ndir = \"blog\"\nroutes = [\"blog.test/*\"]\n"
            ),
            words: &["twice", "shop"],
        },
        BadConfig {
            toml: "[[app]]\nname = \"Shop_Front\" # here\ndir = \"shop\"\nroutes = [\"shop.test/*\"]\n"
                .into(),
            words: &["Shop_Front"],
        },
        BadConfig {
            toml: "[[app]] # here\nname = \"shop\"\nroutes = [\"shop.test/*\"]\n".into(),
            words: &["dir"],
        },
        BadConfig {
            toml: "[[app]]\nname = \"shop\"\ndir = \"no-such-folder\" # here\nroutes = [\"shop.test/*\"]\n"
                .into(),
            words: &["no-such-folder"],
        },
        BadConfig {
            toml: "[[app]]\nname = \"shop\" # here\ndir = \"shop\"\n".into(),
            words: &["routes", "port"],
        },
        BadConfig {
            toml: format!(
                "{shop}\n[[app]]\nname = \"blog\"\ndir = \"blog\"\nroutes = [\"shop.test/*\"] # here\n"
            ),
            words: &["twice", "shop.test/*"],
        },
    ]
}

#[test]
fn config_errors_exit_2_naming_file_line_and_column() {
    let site = Site::new();
    site.app("shop", &named_app("shop"));
    site.app("blog", &named_app("blog"));
    for bad in bad_configs() {
        site.config(&bad.toml);
        let line = bad.toml.lines().position(|l| l.contains("# here")).unwrap() + 1;
        let (status, stderr) = run_to_exit(&mut site.command(&[]), Duration::from_secs(20));
        assert_eq!(status.code(), Some(2), "{}\nstderr: {stderr}", bad.toml);
        let place = format!("nano.toml:{line}:");
        let column_follows = stderr
            .split(&place)
            .nth(1)
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()));
        assert!(
            column_follows,
            "no {place}COLUMN for\n{}\nstderr: {stderr}",
            bad.toml
        );
        let lower = stderr.to_lowercase();
        for word in bad.words {
            assert!(
                lower.contains(&word.to_lowercase()),
                "{word:?} missing for\n{}\nstderr: {stderr}",
                bad.toml
            );
        }
    }
}

#[test]
fn config_with_an_app_folder_or_without_its_file_is_a_usage_error() {
    let site = Site::new();
    site.app("shop", &named_app("shop"));
    site.config(&app_table("shop", &["shop.test/*"], ""));
    let folder = site.root.path().join("shop");
    let mut both = site.command(&[]);
    both.arg(&folder);
    let (status, stderr) = run_to_exit(&mut both, Duration::from_secs(20));
    assert_eq!(status.code(), Some(2), "stderr: {stderr}");

    std::fs::remove_file(site.config_path()).unwrap();
    let (status, stderr) = run_to_exit(&mut site.command(&[]), Duration::from_secs(20));
    assert_eq!(status.code(), Some(2), "stderr: {stderr}");
    assert!(stderr.contains("nano.toml"), "{stderr}");
}

// --- reload --------------------------------------------------------------

/// An app for the reload tests: answers its name and `env.V`; `/slow`
/// answers after a second.
fn reloadable_app(name: &str) -> String {
    format!(
        "export default {{\n  async fetch(request, env) {{\n    \
         if (new URL(request.url).pathname === \"/slow\") \
         await new Promise((r) => setTimeout(r, 1000));\n    \
         return new Response(\"{name}\" + (env.V ?? \"\"));\n  }},\n}};\n"
    )
}

/// A site of reloadable apps `a`, `b`, `c`, `d` on hosts `a.test`, ...
fn reload_site() -> Site {
    let site = Site::new();
    for name in ["a", "b", "c", "d"] {
        site.app(name, &reloadable_app(name));
    }
    site
}

/// Writes a config of `apps`: each its name and what its table adds.
fn config_of(site: &Site, apps: &[(&str, &str)]) {
    let tables: Vec<String> = apps
        .iter()
        .map(|(name, more)| app_table(name, &[&format!("{name}.test/*")], more))
        .collect();
    site.config(&tables.concat());
}

/// Sets its flag when dropped, on a panic too.
struct StopOnDrop<'a>(&'a AtomicBool);

impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// Asks app `a` until `stop`, alternating a keep-alive connection and fresh
/// ones; returns how many answers came and every failure.
fn keep_asking_a(addr: SocketAddr, stop: &AtomicBool, failures: &Mutex<Vec<String>>) -> usize {
    let request = "GET / HTTP/1.1\r\nHost: a.test\r\n\r\n";
    let mut keep_alive = Client::connect(addr);
    let mut answered = 0;
    while !stop.load(Ordering::Relaxed) {
        let fresh = answered % 2 == 1;
        let mut fresh_client;
        let client = if fresh {
            fresh_client = Client::connect(addr);
            &mut fresh_client
        } else {
            &mut keep_alive
        };
        let outcome = client
            .stream()
            .write_all(request.as_bytes())
            .and_then(|()| client.try_response(false));
        match outcome {
            Ok(r) if r.status == 200 && r.text() == "a" => {
                if !fresh && r.header("connection") == Some("close") {
                    keep_alive = Client::connect(addr);
                }
                answered += 1;
            }
            Ok(r) => {
                failures
                    .lock()
                    .unwrap()
                    .push(format!("fresh={fresh}: {} {}", r.status, r.text()))
            }
            Err(e) => {
                failures.lock().unwrap().push(format!("fresh={fresh}: {e}"));
                if !fresh {
                    keep_alive = Client::connect(addr);
                }
            }
        }
    }
    answered
}

#[test]
fn sighup_adds_removes_and_replaces_apps_without_failing_a_request() {
    let site = reload_site();
    config_of(
        &site,
        &[("a", ""), ("b", ""), ("d", "vars = { V = \"1\" }")],
    );
    let s = site.serve(&["--cores", "2"]);
    assert_eq!(text(s.addr, "b.test", "/"), "b");
    assert_eq!(text(s.addr, "d.test", "/"), "d1");
    assert_eq!(get(s.addr, "c.test", "/").status, 404);

    let stop = AtomicBool::new(false);
    let failures = Mutex::new(Vec::new());
    let answered = std::thread::scope(|scope| {
        let asker = scope.spawn(|| keep_asking_a(s.addr, &stop, &failures));
        // A failed assertion below stops the asker too: the scope waits for
        // it before the failure is reported.
        let _stop_asking = StopOnDrop(&stop);
        let mut slow = Client::connect(s.addr);
        slow.send("GET /slow HTTP/1.1\r\nHost: a.test\r\n\r\n");
        std::thread::sleep(Duration::from_millis(300));
        config_of(
            &site,
            &[("a", ""), ("c", ""), ("d", "vars = { V = \"2\" }")],
        );
        s.signal("HUP");
        // Each core takes the new config on its own (within its control
        // poll), then reloads its loaded apps one after another: for a
        // while, one core may still answer from the old config or the old
        // version. Several fresh connections in a row reach both cores.
        let on_every_core = |answer: &dyn Fn() -> bool| {
            eventually(Duration::from_secs(20), || (0..4).all(|_| answer()))
        };
        let c_answers = on_every_core(&|| {
            let r = get(s.addr, "c.test", "/");
            r.status == 200 && r.text() == "c"
        });
        assert!(c_answers, "c never answered; logs: {:?}", s.logs());
        let b_gone = on_every_core(&|| get(s.addr, "b.test", "/").status == 404);
        assert!(b_gone, "b still answers; logs: {:?}", s.logs());
        let d_replaced = on_every_core(&|| text(s.addr, "d.test", "/") == "d2");
        assert!(d_replaced, "d still answers d1; logs: {:?}", s.logs());
        let r = slow.response();
        assert_eq!(
            (r.status, r.text().as_str()),
            (200, "a"),
            "the request in flight"
        );
        std::thread::sleep(Duration::from_millis(300));
        stop.store(true, Ordering::Relaxed);
        asker.join().expect("the asking thread")
    });
    let failures = failures.into_inner().unwrap();
    assert!(
        failures.is_empty(),
        "{} failed: {failures:?}",
        failures.len()
    );
    assert!(answered > 10, "only {answered} requests to a");
    let names: Vec<Value> = apps(&s).iter().map(|a| a["name"].clone()).collect();
    assert_eq!(names, vec![json!("a"), json!("c"), json!("d")]);
}

#[test]
fn sighup_with_a_broken_config_keeps_the_apps_serving() {
    let site = reload_site();
    config_of(&site, &[("a", ""), ("b", "")]);
    let s = site.serve(&["--cores", "1"]);
    site.config("[[app]]\nname = \"a\"\ndir = \"a\"\nroutez = [\"a.test/*\"]\n");
    s.signal("HUP");
    let logged = s.wait_for_log(Duration::from_secs(10), |l| l.contains("nano.toml:4:"));
    assert!(logged.is_some(), "no nano.toml:4: in {:?}", s.logs());
    assert_eq!(text(s.addr, "a.test", "/"), "a");
    assert_eq!(text(s.addr, "b.test", "/"), "b");

    config_of(&site, &[("a", "")]);
    s.signal("HUP");
    let b_gone = eventually(Duration::from_secs(10), || {
        get(s.addr, "b.test", "/").status == 404
    });
    assert!(b_gone, "b still answers; logs: {:?}", s.logs());
    assert_eq!(text(s.addr, "a.test", "/"), "a");
}

// --- /apps ---------------------------------------------------------------

#[test]
fn apps_lists_each_app_with_routes_port_isolates_and_last_error() {
    let site = Site::new();
    site.app("shop", &named_app("shop"));
    site.app("blog", &named_app("blog"));
    let blog_port = free_port();
    site.config(&format!(
        "{}{}",
        app_table("shop", &["shop.example.com/*"], ""),
        app_table("blog", &[], &format!("port = {blog_port}")),
    ));
    let s = site.serve(&["--cores", "2"]);
    let blog = app_addr(&s, "blog", blog_port);
    assert_eq!(
        apps(&s),
        vec![
            json!({"name": "shop", "routes": ["shop.example.com/*"], "port": null,
                   "isolates": [0, 0], "last_error": null}),
            json!({"name": "blog", "routes": [], "port": blog_port,
                   "isolates": [0, 0], "last_error": null}),
        ]
    );
    assert_eq!(text(s.addr, "shop.example.com", "/"), "shop /");
    assert_eq!(text(blog, "blog.test", "/"), "blog /");
    for name in ["shop", "blog"] {
        let entry = app_entry(&s, name);
        let per_core: Vec<u64> = entry["isolates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_u64().unwrap())
            .collect();
        assert_eq!(per_core.len(), 2, "{entry}");
        assert_eq!(per_core.iter().sum::<u64>(), 1, "{entry}");
    }
}

#[test]
fn apps_names_the_load_error_of_an_app_that_does_not_load() {
    let site = Site::new();
    site.app("fine", &named_app("fine"));
    site.app("broken", "throw new Error(\"broken at load\");\n");
    site.config(&format!(
        "{}{}",
        app_table("fine", &["fine.test/*"], ""),
        app_table("broken", &["broken.test/*"], ""),
    ));
    let s = site.serve(&["--cores", "1"]);
    let r = get(s.addr, "broken.test", "/");
    assert!(r.status >= 500, "{} {}", r.status, r.text());
    assert_eq!(text(s.addr, "fine.test", "/"), "fine /");
    let error = app_entry(&s, "broken")["last_error"].clone();
    assert!(
        error.as_str().is_some_and(|e| e.contains("broken at load")),
        "{error}"
    );
    assert_eq!(app_entry(&s, "fine")["last_error"], Value::Null);
}
