//! Workers KV namespaces against the real binary: every value type through
//! get/put, metadata, expiration, list pagination, Workers' errors,
//! persistence across a restart and across SIGKILL, apps sharing a
//! namespace or not, on the embedded store and on a real redis-server
//! started here (installed by scripts/setup.sh).

mod common;

use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use common::{app_path, free_port, nano_command, Client, Server};
use serde_json::{json, Value};

/// A NANO serving tests/apps/kv with `KV` (and `OTHER`) bound.
fn serve(store: &[&str], extra: &[&str]) -> Server {
    let mut args = vec!["--cores", "1", "--shutdown-delay", "0"];
    args.extend_from_slice(&["--kv", "KV=test-ns", "--kv", "OTHER=other-ns"]);
    args.extend_from_slice(store);
    args.extend_from_slice(extra);
    Server::spawn(&mut nano_command("kv", &args), true).expect("nano serves the KV app")
}

/// One KV call through the app on `host`; the app's `{ ok, result }` or
/// `{ ok: false, name, message }`.
fn call_on(addr: SocketAddr, host: &str, body: Value) -> Value {
    let body = body.to_string();
    let mut client = Client::connect(addr);
    client.send(&format!(
        "POST / HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    ));
    let response = client.response();
    assert_eq!(response.status, 200, "{}", response.text());
    serde_json::from_slice(&response.body).expect("the app answers JSON")
}

fn call(server: &Server, body: Value) -> Value {
    call_on(server.addr, "test", body)
}

/// The result of a call that must succeed.
fn ok(server: &Server, body: Value) -> Value {
    let answer = call(server, body.clone());
    assert_eq!(answer["ok"], true, "{body} failed: {answer}");
    answer["result"].clone()
}

/// The error of a call that must fail: (name, message).
fn err(server: &Server, body: Value) -> (String, String) {
    let answer = call(server, body.clone());
    assert_eq!(answer["ok"], false, "{body} should fail: {answer}");
    (
        answer["name"].as_str().unwrap_or_default().to_string(),
        answer["message"].as_str().unwrap_or_default().to_string(),
    )
}

fn put(server: &Server, key: &str, text: &str, options: Value) {
    ok(
        server,
        json!({"method": "put", "key": key, "value": {"text": text}, "options": options}),
    );
}

fn get(server: &Server, key: &str) -> Value {
    ok(server, json!({"method": "get", "key": key}))
}

fn names(list: &Value) -> Vec<String> {
    list["keys"]
        .as_array()
        .expect("keys")
        .iter()
        .map(|key| key["name"].as_str().expect("name").to_string())
        .collect()
}

fn now_s() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

fn round_trips(server: &Server) {
    let bytes: Vec<u8> = vec![0, 1, 2, 127, 128, 254, 255];
    assert_eq!(get(server, "missing"), Value::Null);
    assert_eq!(
        ok(
            server,
            json!({"method": "getWithMetadata", "key": "missing"})
        ),
        json!({"value": null, "metadata": null, "cacheStatus": null})
    );
    for (key, kind) in [
        ("u8", "Uint8Array"),
        ("ab", "ArrayBuffer"),
        ("dv", "DataView"),
        ("rs", "ReadableStream"),
    ] {
        let value = json!({"bytes": bytes, "as": kind});
        assert_eq!(
            ok(server, json!({"method": "put", "key": key, "value": value})),
            json!({"undefined": true})
        );
        for (options, expected) in [
            (json!("arrayBuffer"), json!({ "arrayBuffer": bytes })),
            (json!({"type": "stream"}), json!({ "stream": bytes })),
            (
                json!({"type": "arrayBuffer", "cacheTtl": 60}),
                json!({ "arrayBuffer": bytes }),
            ),
        ] {
            assert_eq!(
                ok(
                    server,
                    json!({"method": "get", "key": key, "options": options})
                ),
                expected,
                "{kind} read as {options}"
            );
        }
    }
    put(server, "text", "héllo wörld ✓", json!({}));
    assert_eq!(get(server, "text"), "héllo wörld ✓");
    assert_eq!(
        ok(
            server,
            json!({"method": "get", "key": "text", "options": "text"})
        ),
        "héllo wörld ✓"
    );
    put(server, "empty", "", json!(null));
    assert_eq!(get(server, "empty"), "");
    put(server, "doc", r#"{"a":[1,2],"b":"c"}"#, json!({}));
    assert_eq!(
        ok(
            server,
            json!({"method": "get", "key": "doc", "options": "json"})
        ),
        json!({"a": [1, 2], "b": "c"})
    );
    assert_eq!(
        ok(
            server,
            json!({"method": "get", "key": "doc", "options": {"type": "json"}})
        ),
        json!({"a": [1, 2], "b": "c"})
    );
    put(
        server,
        "meta",
        "with metadata",
        json!({"metadata": {"n": 1, "s": "x"}}),
    );
    assert_eq!(
        ok(server, json!({"method": "getWithMetadata", "key": "meta"})),
        json!({"value": "with metadata", "metadata": {"n": 1, "s": "x"}, "cacheStatus": null})
    );
    assert_eq!(
        ok(
            server,
            json!({"method": "getWithMetadata", "key": "doc", "options": "json"})
        ),
        json!({"value": {"a": [1, 2], "b": "c"}, "metadata": null, "cacheStatus": null})
    );
    // Several keys at once: a Map, text or JSON only.
    assert_eq!(
        ok(
            server,
            json!({"method": "get", "key": ["text", "missing", "doc"]})
        ),
        json!({"map": [["text", "héllo wörld ✓"], ["missing", null], ["doc", r#"{"a":[1,2],"b":"c"}"#]]})
    );
    assert_eq!(
        ok(
            server,
            json!({"method": "get", "key": ["doc"], "options": {"type": "json"}})
        ),
        json!({"map": [["doc", {"a": [1, 2], "b": "c"}]]})
    );
    assert_eq!(
        ok(
            server,
            json!({"method": "getWithMetadata", "key": ["meta", "missing"]})
        ),
        json!({"map": [["meta", {"value": "with metadata", "metadata": {"n": 1, "s": "x"}}], ["missing", null]]})
    );
    assert_eq!(
        err(server, json!({"method": "get", "key": ["text"], "options": "json"})).1,
        "KV GET_BULK failed: 400 At least one of the requested keys corresponds to a non-json value"
    );
    assert_eq!(
        err(
            server,
            json!({"method": "get", "key": ["text"], "options": "arrayBuffer"})
        )
        .1,
        "KV GET_BULK failed: 400 \"arrayBuffer\" is not a valid type. Use \"json\" or \"text\""
    );
    assert_eq!(
        err(server, json!({"method": "get", "key": []})).1,
        "KV GET_BULK failed: 400 You must request a minimum of 1 key"
    );
    let many: Vec<String> = (0..101).map(|i| format!("k{i}")).collect();
    assert_eq!(
        err(server, json!({"method": "get", "key": many})).1,
        "KV GET_BULK failed: 400 You can request a maximum of 100 keys"
    );
    // A put replaces the value and the metadata.
    put(server, "meta", "replaced", json!({}));
    assert_eq!(
        ok(server, json!({"method": "getWithMetadata", "key": "meta"})),
        json!({"value": "replaced", "metadata": null, "cacheStatus": null})
    );
    // Keys are case-sensitive; namespaces are separate.
    put(server, "KEY", "upper", json!({}));
    put(server, "key", "lower", json!({}));
    assert_eq!(get(server, "KEY"), "upper");
    assert_eq!(get(server, "key"), "lower");
    assert_eq!(
        ok(
            server,
            json!({"binding": "OTHER", "method": "get", "key": "key"})
        ),
        Value::Null
    );
    assert_eq!(
        ok(server, json!({"method": "delete", "key": "key"})),
        json!({"undefined": true})
    );
    assert_eq!(get(server, "key"), Value::Null);
    ok(server, json!({"method": "delete", "key": "never-there"}));
}

fn workers_errors(server: &Server) {
    let type_error = |message: &str| ("TypeError".to_string(), message.to_string());
    for method in ["get", "put", "delete", "getWithMetadata"] {
        let call = |key: &str| json!({"method": method, "key": key, "value": {"text": "v"}});
        assert_eq!(
            err(server, call("")),
            type_error("Key name cannot be empty.")
        );
        assert_eq!(
            err(server, call(".")),
            type_error("\".\" is not allowed as a key name.")
        );
        assert_eq!(
            err(server, call("..")),
            type_error("\"..\" is not allowed as a key name.")
        );
        let upper = match method {
            "put" => "PUT",
            "delete" => "DELETE",
            _ => "GET",
        };
        assert_eq!(
            err(server, call(&"x".repeat(513))).1,
            format!("KV {upper} failed: 414 UTF-8 encoded length of 513 exceeds key length limit of 512.")
        );
    }
    // 512 bytes of UTF-8 is the longest key.
    put(server, &"é".repeat(256), "longest", json!({}));
    assert_eq!(get(server, &"é".repeat(256)), "longest");

    let put_error = |value: Value, options: Value| {
        err(
            server,
            json!({"method": "put", "key": "k", "value": value, "options": options}),
        )
    };
    assert_eq!(
        put_error(json!({"repeat": 25 * 1024 * 1024 + 1}), json!({})).1,
        "KV PUT failed: 413 Value length of 26214401 exceeds limit of 26214400."
    );
    assert_eq!(
        put_error(
            json!({"text": "v"}),
            json!({"metadata": {"key": "x".repeat(1015)}})
        )
        .1,
        "KV PUT failed: 413 Metadata length of 1025 exceeds limit of 1024."
    );
    assert_eq!(
        put_error(json!({"text": "v"}), json!({"expirationTtl": 30})).1,
        "KV PUT failed: 400 Invalid expiration_ttl of 30. Expiration TTL must be at least 60."
    );
    assert_eq!(
        put_error(json!({"text": "v"}), json!({"expirationTtl": "soon"})).1,
        "KV PUT failed: 400 Invalid expiration_ttl of 0. Please specify integer greater than 0."
    );
    assert_eq!(
        put_error(json!({"text": "v"}), json!({"expiration": 1000})).1,
        "KV PUT failed: 400 Invalid expiration of 1000. Please specify integer greater than the current number of seconds since the UNIX epoch."
    );
    let soon = now_s() + 30;
    assert_eq!(
        put_error(json!({"text": "v"}), json!({"expiration": soon})).1,
        format!("KV PUT failed: 400 Invalid expiration of {soon}. Expiration times must be at least 60 seconds in the future.")
    );
    assert_eq!(
        put_error(json!({"as": "number"}), json!({})),
        type_error("KV put() accepts only strings, ArrayBuffers, ArrayBufferViews, and ReadableStreams as values.")
    );
    assert_eq!(
        err(server, json!({"method": "list", "options": {"limit": 1001}})).1,
        "KV GET failed: 400 Invalid key_count_limit of 1001. Please specify an integer less than 1000."
    );
    assert_eq!(
        err(
            server,
            json!({"method": "get", "key": "k", "options": {"cacheTtl": 10}})
        )
        .1,
        "KV GET failed: 400 Invalid cache_ttl of 10. Cache TTL must be at least 30."
    );
    assert_eq!(
        err(server, json!({"method": "get", "key": "k", "options": "blob"})),
        type_error("Unknown response type. Possible types are \"text\", \"arrayBuffer\", \"json\", and \"stream\".")
    );
    // Nothing was stored by the failed puts.
    assert_eq!(get(server, "k"), Value::Null);
}

fn lists_paginate(server: &Server) {
    let mut expected = Vec::new();
    for i in 0..25 {
        let key = format!("page/{i:02}");
        put(server, &key, "v", json!({}));
        expected.push(key);
    }
    // Byte order: "!" < "," < "A" < "a" < "é" < "ｚ".
    for key in [
        "order/é",
        "order/a",
        "order/A",
        "order/,",
        "order/!",
        "order/ｚ",
    ] {
        put(server, key, "v", json!({}));
    }
    let order = ok(
        server,
        json!({"method": "list", "options": {"prefix": "order/"}}),
    );
    assert_eq!(
        order,
        json!({
            "keys": [
                {"name": "order/!"}, {"name": "order/,"}, {"name": "order/A"},
                {"name": "order/a"}, {"name": "order/é"}, {"name": "order/ｚ"},
            ],
            "list_complete": true,
            "cacheStatus": null,
        })
    );
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    let mut pages = 0;
    loop {
        let page = ok(
            server,
            json!({"method": "list", "options": {"prefix": "page/", "limit": 10, "cursor": cursor}}),
        );
        pages += 1;
        seen.extend(names(&page));
        if page["list_complete"] == true {
            assert!(
                page.get("cursor").is_none(),
                "the last page has no cursor: {page}"
            );
            break;
        }
        assert_eq!(names(&page).len(), 10);
        cursor = Some(page["cursor"].as_str().expect("a cursor").to_string());
        assert!(pages < 5, "the listing ends");
    }
    assert_eq!(pages, 3);
    assert_eq!(seen, expected);
    // The default limit is 1000 and takes every key here; a prefix
    // matching nothing gives an empty, complete list.
    let all = ok(server, json!({"method": "list"}));
    assert!(names(&all).len() >= 31);
    assert_eq!(all["list_complete"], true);
    assert_eq!(
        ok(
            server,
            json!({"method": "list", "options": {"prefix": "nothing/"}})
        ),
        json!({"keys": [], "list_complete": true, "cacheStatus": null})
    );
    // A key added behind the cursor is not listed; one ahead of it is.
    let first = ok(
        server,
        json!({"method": "list", "options": {"prefix": "page/", "limit": 2}}),
    );
    put(server, "page/00a", "v", json!({}));
    put(server, "page/99", "v", json!({}));
    let rest = ok(
        server,
        json!({"method": "list", "options": {"prefix": "page/", "cursor": first["cursor"]}}),
    );
    let rest = names(&rest);
    assert_eq!(rest.first().map(String::as_str), Some("page/02"));
    assert_eq!(rest.last().map(String::as_str), Some("page/99"));
    assert!(!rest.contains(&"page/00a".to_string()));
}

fn expirations(server: &Server) {
    let at = now_s() + 3;
    put(
        server,
        "exp/at",
        "a",
        json!({"expiration": at, "metadata": {"m": true}}),
    );
    put(server, "exp/ttl", "b", json!({"expirationTtl": 3}));
    put(server, "exp/kept", "c", json!({}));
    let listed = ok(
        server,
        json!({"method": "list", "options": {"prefix": "exp/"}}),
    );
    assert_eq!(
        listed["keys"][0],
        json!({"name": "exp/at", "expiration": at, "metadata": {"m": true}})
    );
    assert_eq!(listed["keys"][1], json!({"name": "exp/kept"}));
    assert_eq!(listed["keys"][2]["name"], "exp/ttl");
    assert!(listed["keys"][2]["expiration"].as_u64().unwrap() >= now_s());
    assert_eq!(get(server, "exp/at"), "a");
    // Expired keys are gone for get and list alike.
    let deadline = Instant::now() + Duration::from_secs(10);
    while get(server, "exp/at") != Value::Null || get(server, "exp/ttl") != Value::Null {
        assert!(Instant::now() < deadline, "exp/at and exp/ttl expire");
        std::thread::sleep(Duration::from_millis(200));
    }
    assert_eq!(
        ok(
            server,
            json!({"method": "getWithMetadata", "key": "exp/at"})
        ),
        json!({"value": null, "metadata": null, "cacheStatus": null})
    );
    let listed = ok(
        server,
        json!({"method": "list", "options": {"prefix": "exp/"}}),
    );
    assert_eq!(names(&listed), vec!["exp/kept"]);
}

#[test]
fn embedded_store_round_trips_every_type() {
    let data = tempfile::tempdir().unwrap();
    // Copying a value over the size limit takes longer than the default
    // CPU limit in a debug build.
    let server = serve(
        &["--data-dir", data.path().to_str().unwrap()],
        &["--cpu-limit-ms", "5000"],
    );
    round_trips(&server);
    workers_errors(&server);
    assert!(data.path().join("kv.sqlite3").is_file());
}

#[test]
fn embedded_store_lists_in_pages_and_expires_keys() {
    let data = tempfile::tempdir().unwrap();
    let server = serve(
        &["--data-dir", data.path().to_str().unwrap()],
        &["--kv-min-ttl-s", "1"],
    );
    lists_paginate(&server);
    expirations(&server);
}

#[test]
fn embedded_store_survives_restart_and_sigkill() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().to_str().unwrap().to_string();
    let mut server = serve(&["--data-dir", &dir], &[]);
    put(
        &server,
        "calm",
        "kept over a restart",
        json!({"metadata": {"v": 1}}),
    );
    server.signal("TERM");
    assert!(
        server.wait_exit(Duration::from_secs(20)).is_some(),
        "nano stops on SIGTERM"
    );
    let mut server = serve(&["--data-dir", &dir], &[]);
    assert_eq!(get(&server, "calm"), "kept over a restart");
    // Writes that `put` reported done survive a SIGKILL right after.
    for i in 0..20 {
        put(
            &server,
            &format!("crash/{i}"),
            &format!("value {i}"),
            json!({}),
        );
    }
    server.signal("KILL");
    assert!(server.wait_exit(Duration::from_secs(10)).is_some());
    let server = serve(&["--data-dir", &dir], &[]);
    for i in 0..20 {
        assert_eq!(get(&server, &format!("crash/{i}")), format!("value {i}"));
    }
    assert_eq!(
        ok(&server, json!({"method": "getWithMetadata", "key": "calm"}))["metadata"],
        json!({"v": 1})
    );
}

/// A config with apps `a` and `b` sharing namespace `shared` under
/// different bindings, and `c` with a namespace of its own under the same
/// binding name as `a`.
fn sharing_config(dir: &Path, storage: &str) -> PathBuf {
    let app = app_path("kv");
    let config = format!(
        r#"{storage}

[[app]]
name = "a"
dir = "{app}"
routes = ["a.test/*"]
[[app.kv]]
binding = "KV"
namespace = "shared"

[[app]]
name = "b"
dir = "{app}"
routes = ["b.test/*"]
[[app.kv]]
binding = "SHARED"
namespace = "shared"
[[app.kv]]
binding = "KV"
namespace = "b-own"

[[app]]
name = "c"
dir = "{app}"
routes = ["c.test/*"]
[[app.kv]]
binding = "KV"
"#,
        app = app.display()
    );
    let file = dir.join("nano.toml");
    std::fs::write(&file, config).unwrap();
    file
}

fn serve_config(file: &Path) -> Server {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_nano"));
    cmd.arg("serve").arg("--config").arg(file).args([
        "--port",
        "0",
        "--admin-port",
        "0",
        "--cores",
        "1",
    ]);
    Server::spawn(&mut cmd, true).expect("nano serves the config")
}

/// Apps see each other's keys only in a namespace they both name.
fn sharing(first: SocketAddr, second: SocketAddr) {
    let put_on = |addr, host, binding: &str, key: &str, text: &str| {
        let answer = call_on(
            addr,
            host,
            json!({"binding": binding, "method": "put", "key": key, "value": {"text": text}}),
        );
        assert_eq!(answer["ok"], true, "{answer}");
    };
    let get_on = |addr, host, binding: &str, key: &str| {
        call_on(
            addr,
            host,
            json!({"binding": binding, "method": "get", "key": key}),
        )["result"]
            .clone()
    };
    put_on(first, "a.test", "KV", "greeting", "from a");
    put_on(first, "b.test", "KV", "greeting", "b's own");
    put_on(first, "c.test", "KV", "greeting", "c's own");
    assert_eq!(get_on(second, "b.test", "SHARED", "greeting"), "from a");
    assert_eq!(get_on(second, "a.test", "KV", "greeting"), "from a");
    assert_eq!(get_on(second, "b.test", "KV", "greeting"), "b's own");
    assert_eq!(get_on(second, "c.test", "KV", "greeting"), "c's own");
    put_on(second, "b.test", "SHARED", "reply", "from b");
    assert_eq!(get_on(first, "a.test", "KV", "reply"), "from b");
    assert_eq!(get_on(first, "c.test", "KV", "reply"), Value::Null);
}

#[test]
fn apps_share_a_namespace_only_when_they_name_it() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = sharing_config(
        dir.path(),
        &format!("[server]\ndata_dir = {:?}", data.display().to_string()),
    );
    let server = serve_config(&file);
    sharing(server.addr, server.addr);
    assert!(data.join("kv.sqlite3").is_file());
}

/// A redis-server of the test's own, on a free loopback port, keeping
/// nothing on disk; stopped when dropped.
struct Redis {
    child: Child,
    _dir: tempfile::TempDir,
    url: String,
}

impl Redis {
    fn start() -> Redis {
        let dir = tempfile::tempdir().unwrap();
        let port = free_port();
        let child = Command::new("redis-server")
            .args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
            .args(["--save", "", "--appendonly", "no", "--daemonize", "no"])
            .arg("--dir")
            .arg(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("redis-server runs (scripts/setup.sh installs it)");
        let addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
        let deadline = Instant::now() + Duration::from_secs(10);
        while TcpStream::connect(addr).is_err() {
            assert!(Instant::now() < deadline, "redis-server listens on {addr}");
            std::thread::sleep(Duration::from_millis(20));
        }
        Redis {
            child,
            _dir: dir,
            url: format!("redis://{addr}/0"),
        }
    }
}

impl Drop for Redis {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn redis_store_round_trips_lists_and_expires() {
    let redis = Redis::start();
    let server = serve(&["--kv-url", &redis.url], &["--kv-min-ttl-s", "1"]);
    round_trips(&server);
    lists_paginate(&server);
    expirations(&server);
    // The data is in Redis: a new NANO process (after a SIGKILL) reads it.
    put(&server, "crash", "in redis", json!({}));
    drop(server);
    let server = serve(&["--kv-url", &redis.url], &[]);
    assert_eq!(get(&server, "crash"), "in redis");
    assert_eq!(get(&server, "page/00"), "v");
}

#[test]
fn two_instances_share_namespaces_through_redis() {
    let redis = Redis::start();
    let dir = tempfile::tempdir().unwrap();
    let file = sharing_config(dir.path(), &format!("[storage]\nkv = {:?}", redis.url));
    let first = serve_config(&file);
    let second = serve_config(&file);
    sharing(first.addr, second.addr);
    assert!(
        !dir.path().join(".nano-data").exists(),
        "no data folder with Redis"
    );
}

#[test]
fn a_store_that_cannot_work_stops_the_server_at_start() {
    let port = free_port();
    let (status, stderr) = common::run_to_exit(
        &mut nano_command(
            "kv",
            &[
                "--kv",
                "KV",
                "--kv-url",
                &format!("redis://127.0.0.1:{port}"),
            ],
        ),
        Duration::from_secs(30),
    );
    assert!(!status.success());
    assert!(stderr.contains("KV storage: Redis"), "{stderr}");
    let (status, stderr) = common::run_to_exit(
        &mut nano_command("kv", &["--kv", "9KV"]),
        Duration::from_secs(30),
    );
    assert!(!status.success());
    assert!(
        stderr.contains("must be a JavaScript identifier"),
        "{stderr}"
    );
}

/// Store I/O runs on storage threads: with Redis stopped (SIGSTOP), a KV
/// call waits and then fails, while the core keeps answering other
/// requests at once; once Redis runs again, KV works again.
#[test]
fn a_stalled_store_does_not_stall_the_core() {
    let redis = Redis::start();
    let server = serve(&["--kv-url", &redis.url], &[]);
    put(&server, "k", "v", json!({}));
    let signal = |name: &str| {
        let status = Command::new("kill")
            .args(["-s", name, &redis.child.id().to_string()])
            .status()
            .expect("run kill");
        assert!(status.success());
    };
    signal("STOP");
    let addr = server.addr;
    let stalled = std::thread::spawn(move || {
        let started = Instant::now();
        let answer = call_on(addr, "test", json!({"method": "get", "key": "k"}));
        (answer, started.elapsed())
    });
    std::thread::sleep(Duration::from_millis(300));
    for _ in 0..5 {
        let started = Instant::now();
        let response = server.get("/");
        assert_eq!(response.status, 200);
        assert!(
            started.elapsed() < Duration::from_secs(1),
            "a request without KV took {:?}",
            started.elapsed()
        );
    }
    let (answer, took) = stalled.join().unwrap();
    signal("CONT");
    assert_eq!(answer["ok"], false, "{answer}");
    assert!(
        answer["message"]
            .as_str()
            .unwrap()
            .starts_with("KV GET failed: 500 storage error: Redis:"),
        "{answer}"
    );
    assert!(
        took >= Duration::from_secs(4),
        "the call waited for the store's timeout: {took:?}"
    );
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let answer = call(&server, json!({"method": "get", "key": "k"}));
        if answer["ok"] == true {
            assert_eq!(answer["result"], "v");
            break;
        }
        assert!(Instant::now() < deadline, "KV works again: {answer}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Under `--sandbox` the data folder is the one place besides the cache the
/// server may write (as tests/sandbox.rs, this needs Landlock and seccomp).
#[test]
fn a_sandboxed_server_keeps_its_keys_in_the_data_folder() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().join("kv");
    let server = serve(&["--data-dir", dir.to_str().unwrap()], &["--sandbox"]);
    put(&server, "sandboxed", "stored", json!({"expirationTtl": 60}));
    assert_eq!(get(&server, "sandboxed"), "stored");
    let listed = ok(&server, json!({"method": "list"}));
    assert_eq!(names(&listed), vec!["sandboxed"]);
    assert!(dir.join("kv.sqlite3").is_file());
}
