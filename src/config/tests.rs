use std::sync::atomic::{AtomicUsize, Ordering};

use super::*;

/// A folder under the system's temp folder, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> TempDir {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "nano-config-test-{}-{}",
            std::process::id(),
            COUNT.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }

    /// Creates the app folder `apps/NAME` with an `index.js`.
    fn with_apps(names: &[&str]) -> TempDir {
        let dir = TempDir::new();
        for name in names {
            let app = dir.0.join("apps").join(name);
            std::fs::create_dir_all(&app).unwrap();
            std::fs::write(
                app.join("index.js"),
                "export default { fetch() { return new Response('hi'); } };\n",
            )
            .unwrap();
        }
        dir
    }

    fn config_file(&self) -> PathBuf {
        self.0.join("nano.toml")
    }

    fn parse(&self, text: &str) -> Result<Config, ConfigError> {
        Config::parse(text, &self.config_file())
    }

    /// The line, column and reason of the error `text` must give.
    fn invalid(&self, text: &str) -> (usize, usize, String) {
        match self.parse(text) {
            Err(ConfigError::Invalid {
                file,
                line,
                column,
                reason,
            }) => {
                assert_eq!(file, self.config_file());
                assert!(!reason.contains('\n'), "{reason:?} is not one line");
                (line, column, reason)
            }
            other => panic!("expected an invalid config, got {other:?}"),
        }
    }

    /// Checks that `text` is refused at `line` with a reason holding `words`.
    fn refuses(&self, text: &str, line: usize, words: &[&str]) {
        let (at, _, reason) = self.invalid(text);
        assert_eq!(at, line, "line of {reason:?}");
        for word in words {
            assert!(reason.contains(word), "{reason:?} lacks {word:?}");
        }
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const FULL: &str = r#"
[server]
host = "0.0.0.0"
port = 8080
cores = 8
admin_host = "127.0.0.2"
admin_port = 9090
warm_isolates = 2
max_isolates_per_core = 500
isolate_idle_timeout_s = 300
header_timeout_ms = 10000
body_timeout_ms = 60001
request_timeout_ms = 0
idle_timeout_ms = 75000
max_connections = 10000
max_header_bytes = 16384
max_body_bytes = 10485760
shutdown_delay_s = 5
drain_timeout_s = 30

[defaults]
cpu_limit_ms = 50
max_heap_mb = 128
max_in_flight = 1000
cache_max_bytes = 1048576

[[app]]
name = "shop"
dir = "apps/shop"
routes = ["shop.example.com/*", "*.shop.example.com/*", "https://Example.com/shop/*"]
vars = { API_BASE = "https://api.example.com", A = "first" }
port = 8081
cpu_limit_ms = 200
max_heap_mb = 64
max_in_flight = 100
cache_max_bytes = 4096
cache_max_entry_bytes = 1024

[[app]]
name = "blog-2"
dir = "apps/blog"
port = 8082
"#;

#[test]
fn a_full_file_is_read_into_the_settings() {
    let dir = TempDir::with_apps(&["shop", "blog"]);
    std::fs::write(dir.config_file(), FULL).unwrap();
    let config = Config::load(&dir.config_file()).unwrap();
    assert_eq!(config.file, dir.config_file());

    let server = &config.server;
    assert_eq!(server.host.as_deref(), Some("0.0.0.0"));
    assert_eq!(server.port, Some(8080));
    assert_eq!(server.cores, Some(8));
    assert_eq!(server.admin_host.as_deref(), Some("127.0.0.2"));
    assert_eq!(server.admin_port, Some(9090));
    assert_eq!(server.warm_isolates, Some(2));
    assert_eq!(server.max_isolates_per_core, Some(500));
    assert_eq!(server.isolate_idle_timeout_s, Some(300));
    assert_eq!(server.header_timeout_ms, Some(10000));
    assert_eq!(server.body_timeout_ms, Some(60001));
    assert_eq!(server.request_timeout_ms, Some(0));
    assert_eq!(server.idle_timeout_ms, Some(75000));
    assert_eq!(server.max_connections, Some(10000));
    assert_eq!(server.max_header_bytes, Some(16384));
    assert_eq!(server.max_body_bytes, Some(10485760));
    assert_eq!(server.shutdown_delay_s, Some(5));
    assert_eq!(server.drain_timeout_s, Some(30));
    let defaults = AppLimits {
        cpu_limit_ms: Some(50),
        max_heap_mb: Some(128),
        max_in_flight: Some(1000),
        cache_max_bytes: Some(1048576),
        cache_max_entry_bytes: None,
    };
    assert_eq!(config.defaults, defaults);

    let [shop, blog] = &config.apps[..] else {
        panic!("two apps expected: {:?}", config.apps);
    };
    let shop_root = dir.0.join("apps/shop").canonicalize().unwrap();
    assert_eq!(shop.name, "shop");
    assert_eq!(shop.root, shop_root);
    assert_eq!(shop.entry, shop_root.join("index.js"));
    let routes: Vec<String> = shop.routes.iter().map(Route::to_string).collect();
    assert_eq!(
        routes,
        [
            "shop.example.com/*",
            "*.shop.example.com/*",
            "example.com/shop/*"
        ]
    );
    assert_eq!(shop.port, Some(8081));
    assert_eq!(
        shop.vars,
        [
            ("A".to_string(), "first".to_string()),
            (
                "API_BASE".to_string(),
                "https://api.example.com".to_string()
            )
        ]
    );
    let shop_limits = AppLimits {
        cpu_limit_ms: Some(200),
        max_heap_mb: Some(64),
        max_in_flight: Some(100),
        cache_max_bytes: Some(4096),
        cache_max_entry_bytes: Some(1024),
    };
    assert_eq!(shop.limits, shop_limits);

    assert_eq!(blog.name, "blog-2");
    assert!(blog.root.is_absolute() && blog.root.ends_with("apps/blog"));
    assert!(blog.routes.is_empty());
    assert_eq!(blog.port, Some(8082));
    assert!(blog.vars.is_empty());
    assert_eq!(blog.limits, AppLimits::default());
    assert_eq!(blog.limits.or(defaults), defaults);
}

#[test]
fn an_app_limit_overrides_only_its_own_default() {
    let app = AppLimits {
        max_heap_mb: Some(64),
        ..AppLimits::default()
    };
    let defaults = AppLimits {
        cpu_limit_ms: Some(50),
        max_heap_mb: Some(128),
        max_in_flight: None,
        cache_max_bytes: Some(2048),
        cache_max_entry_bytes: None,
    };
    let merged = AppLimits {
        cpu_limit_ms: Some(50),
        max_heap_mb: Some(64),
        max_in_flight: None,
        cache_max_bytes: Some(2048),
        cache_max_entry_bytes: None,
    };
    assert_eq!(app.or(defaults), merged);
}

#[test]
fn only_an_app_is_required() {
    let dir = TempDir::with_apps(&["a"]);
    let config = dir
        .parse("[[app]]\nname = \"a\"\ndir = \"apps/a\"\nroutes = [\"*/*\"]\n")
        .unwrap();
    assert_eq!(config.defaults, AppLimits::default());
    assert_eq!(config.server.port, None);
    assert_eq!(config.apps[0].routes, ["*/*".parse::<Route>().unwrap()]);
}

#[test]
fn a_missing_file_cannot_be_read() {
    let dir = TempDir::new();
    match Config::load(&dir.config_file()) {
        Err(error @ ConfigError::Read { .. }) => {
            let message = error.to_string();
            assert!(message.starts_with(&dir.config_file().display().to_string()));
            assert!(message.contains("No such file"), "{message}");
        }
        other => panic!("expected a read error, got {other:?}"),
    }
}

#[test]
fn a_syntax_error_gives_its_place() {
    let dir = TempDir::with_apps(&["a"]);
    let (line, _, reason) = dir.invalid("[server]\nport = 80\nhost = \"x\n");
    assert_eq!(line, 3, "{reason}");
    let error = dir.parse("[server\n").unwrap_err().to_string();
    assert!(
        error.starts_with(&format!("{}:1:", dir.config_file().display())),
        "{error}"
    );
}

const APP: &str = "[[app]]\nname = \"a\"\ndir = \"apps/a\"\nroutes = [\"a.com/*\"]\n";

#[test]
fn unknown_keys_are_refused_everywhere() {
    let dir = TempDir::with_apps(&["a"]);
    dir.refuses(&format!("colour = 1\n{APP}"), 1, &["colour"]);
    dir.refuses(
        &format!("[server]\nport = 1\nprot = 2\n{APP}"),
        3,
        &["prot"],
    );
    dir.refuses(
        &format!("[defaults]\ncpu_limit = 1\n{APP}"),
        2,
        &["cpu_limit"],
    );
    dir.refuses(&format!("[sever]\n{APP}"), 1, &["sever"]);
    dir.refuses(&format!("{APP}route = [\"b.com/*\"]\n"), 5, &["route"]);
}

#[test]
fn an_app_needs_a_name_and_a_dir() {
    let dir = TempDir::with_apps(&["a"]);
    let text = format!("{APP}\n[[app]]\ndir = \"apps/a\"\nport = 8081\n");
    dir.refuses(&text, 6, &["missing field `name`"]);
    let text = format!("{APP}\n[[app]]\nname = \"b\"\nport = 8081\n");
    dir.refuses(&text, 6, &["missing field `dir`"]);
}

#[test]
fn app_names_are_short_lowercase_words() {
    let dir = TempDir::with_apps(&["a"]);
    let long = "a".repeat(64);
    for name in ["Shop", "", "shop_1", "shöp", &long] {
        let text = format!("[[app]]\ndir = \"apps/a\"\nport = 8081\nname = \"{name}\"\n");
        dir.refuses(&text, 4, &["app name", "a-z, 0-9 and -"]);
    }
    let text = format!(
        "[[app]]\ndir = \"apps/a\"\nport = 8081\nname = \"{}\"\n",
        &long[1..]
    );
    assert!(dir.parse(&text).is_ok());
}

#[test]
fn an_app_name_is_used_once() {
    let dir = TempDir::with_apps(&["a"]);
    let text = format!("{APP}\n[[app]]\nname = \"a\"\ndir = \"apps/a\"\nport = 8081\n");
    dir.refuses(
        &text,
        7,
        &["app name \"a\" is used twice (first at line 2)"],
    );
}

#[test]
fn a_route_is_used_once() {
    let dir = TempDir::with_apps(&["a", "b"]);
    let text = format!(
        "{APP}[[app]]\nname = \"b\"\ndir = \"apps/b\"\nroutes = [\"b.com/*\",\n  \"https://A.com/*\"]\n"
    );
    dir.refuses(
        &text,
        9,
        &[
            "route \"a.com/*\" is used twice",
            "app \"a\" (line 4)",
            "app \"b\"",
        ],
    );
    let within = "[[app]]\nname = \"a\"\ndir = \"apps/a\"\nroutes = [\"a.com/*\", \"a.com/*\"]\n";
    dir.refuses(
        within,
        4,
        &["used twice", "by app \"a\" (line 4) and by app \"a\""],
    );
}

#[test]
fn a_bad_route_is_refused_with_its_reason() {
    let dir = TempDir::with_apps(&["a"]);
    let text = "[[app]]\nname = \"a\"\ndir = \"apps/a\"\nroutes = [\"a.com/*\", \"b.com\"]\n";
    let (line, column, reason) = dir.invalid(text);
    assert_eq!((line, column), (4, 22));
    assert!(
        reason.contains("\"b.com\": a route is host/path"),
        "{reason}"
    );
}

#[test]
fn crons_are_checked_and_kept_as_written() {
    let dir = TempDir::with_apps(&["a"]);
    let good = "[[app]]\nname = \"a\"\ndir = \"apps/a\"\nport = 8081\ncrons = [\"*/5 * * * *\", \"* * * * * *\"]\n";
    let config = dir.parse(good).unwrap();
    let crons: Vec<&str> = config.apps[0]
        .crons
        .iter()
        .map(|cron| cron.as_str())
        .collect();
    assert_eq!(crons, ["*/5 * * * *", "* * * * * *"]);
    let bad = "[[app]]\nname = \"a\"\ndir = \"apps/a\"\nport = 8081\ncrons = [\"0 * * * *\", \"61 * * * *\"]\n";
    let (line, column, reason) = dir.invalid(bad);
    assert_eq!((line, column), (5, 23));
    assert!(reason.contains("cron \"61 * * * *\""), "{reason}");
}

#[test]
fn a_port_is_used_once() {
    let dir = TempDir::with_apps(&["a", "b"]);
    let app_b = "[[app]]\nname = \"b\"\ndir = \"apps/b\"\nport = 8081\n";
    let text = format!("[[app]]\nname = \"a\"\ndir = \"apps/a\"\nport = 8081\n{app_b}");
    dir.refuses(
        &text,
        8,
        &["port 8081 is used twice", "app \"a\" (line 4)", "app \"b\""],
    );
    let text = format!("[server]\nport = 8081\n{APP}{app_b}");
    dir.refuses(
        &text,
        10,
        &["port 8081", "[server] port (line 2)", "app \"b\""],
    );
    let text = format!("[server]\nadmin_port = 8081\n{APP}{app_b}");
    dir.refuses(&text, 10, &["[server] admin_port (line 2)"]);
    let text = format!("[server]\nport = 9000\nadmin_port = 9000\n{APP}");
    dir.refuses(&text, 3, &["port 9000 is used twice"]);
    let text = format!("[server]\nport = 0\nadmin_port = 0\n{APP}");
    assert!(dir.parse(&text).is_ok(), "port 0 picks a free port");
    let text = "[[app]]\nname = \"b\"\ndir = \"apps/b\"\nport = 0\n";
    dir.refuses(text, 4, &["port must be at least 1"]);
}

#[test]
fn the_app_folder_must_exist_and_hold_an_entry_module() {
    let dir = TempDir::with_apps(&["a"]);
    std::fs::create_dir_all(dir.0.join("apps/empty")).unwrap();
    std::fs::write(dir.0.join("apps/file"), "").unwrap();
    let app = |folder: &str| format!("[[app]]\nname = \"a\"\nport = 1\ndir = \"{folder}\"\n");
    dir.refuses(
        &app("apps/none"),
        4,
        &["dir \"apps/none\"", "does not exist"],
    );
    dir.refuses(&app("apps/file"), 4, &["is not a folder"]);
    dir.refuses(&app("apps/empty"), 4, &["no entry module", "index.js"]);
}

#[test]
fn an_app_is_reached_through_routes_or_a_port() {
    let dir = TempDir::with_apps(&["a"]);
    dir.refuses(
        "[[app]]\nname = \"a\"\ndir = \"apps/a\"\n",
        2,
        &["app \"a\" has neither routes nor a port"],
    );
    dir.refuses(
        "[[app]]\nname = \"a\"\ndir = \"apps/a\"\nroutes = []\n",
        2,
        &["neither routes nor a port"],
    );
}

#[test]
fn zero_is_refused_where_it_makes_no_sense() {
    let dir = TempDir::with_apps(&["a"]);
    for key in [
        "cores",
        "max_isolates_per_core",
        "max_connections",
        "max_header_bytes",
    ] {
        let text = format!("[server]\nport = 1\n{key} = 0\n{APP}");
        dir.refuses(&text, 3, &[&format!("{key} must be at least 1")]);
    }
    for key in [
        "cpu_limit_ms",
        "max_heap_mb",
        "max_in_flight",
        "cache_max_bytes",
        "cache_max_entry_bytes",
    ] {
        let text = format!("[defaults]\n{key} = 0\n{APP}");
        dir.refuses(&text, 2, &[&format!("{key} must be at least 1")]);
        let text = format!("{APP}{key} = 0\n");
        dir.refuses(&text, 5, &[&format!("{key} must be at least 1")]);
    }
}

#[test]
fn a_config_without_apps_is_refused() {
    let dir = TempDir::new();
    dir.refuses(
        "[server]\nport = 8080\n",
        1,
        &["the config defines no app ([[app]])"],
    );
}

#[test]
fn vars_are_strings() {
    let dir = TempDir::with_apps(&["a"]);
    dir.refuses(
        &format!("{APP}vars = {{ A = \"x\", B = 1 }}\n"),
        5,
        &["string"],
    );
}

#[test]
fn kv_bindings_name_their_namespace_or_default_to_it() {
    let dir = TempDir::with_apps(&["a"]);
    let app = "[[app]]\nname = \"a\"\ndir = \"apps/a\"\nport = 8081\nvars = { NAME = \"x\" }\n";
    let good = format!(
        "[server]\ndata_dir = \"state\"\n[storage]\nkv = \"redis://127.0.0.1:6379/1\"\nkv_min_ttl_s = 5\n{app}[[app.kv]]\nbinding = \"CACHE\"\nnamespace = \"shop-cache\"\n[[app.kv]]\nbinding = \"SESSIONS\"\n"
    );
    let config = dir.parse(&good).unwrap();
    assert_eq!(
        config.apps[0].kv,
        vec![
            KvBinding {
                binding: "CACHE".into(),
                namespace: "shop-cache".into()
            },
            KvBinding {
                binding: "SESSIONS".into(),
                namespace: "SESSIONS".into()
            },
        ]
    );
    assert_eq!(config.server.data_dir, Some(dir.0.join("state")));
    assert_eq!(
        config.storage.kv.as_deref(),
        Some("redis://127.0.0.1:6379/1")
    );
    assert_eq!(config.storage.kv_min_ttl_s, Some(5));

    let kv = |binding: &str, namespace: &str| {
        format!("{app}[[app.kv]]\nbinding = {binding:?}\nnamespace = {namespace:?}\n")
    };
    dir.refuses(
        &kv("9lives", "ns"),
        7,
        &["binding \"9lives\"", "JavaScript identifier"],
    );
    dir.refuses(&kv("KV", "a:b"), 8, &["KV namespace \"a:b\""]);
    dir.refuses(&kv("NAME", "ns"), 7, &["binds \"NAME\"", "twice"]);
    dir.refuses(
        &format!("{app}[[app.kv]]\nbinding = \"$KV\"\n"),
        7,
        &["KV namespace \"$KV\""],
    );
    dir.refuses(
        &format!("[storage]\nkv = \"http://cache:6379\"\n{app}"),
        2,
        &["[storage] kv", "not a Redis URL"],
    );
    dir.refuses(
        &format!("[storage]\nkv_min_ttl_s = 0\n{app}"),
        2,
        &["kv_min_ttl_s must be at least 1"],
    );
}
