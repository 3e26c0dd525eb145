//! The Workers Cache API against the real binary: `tests/apps/cache` drives
//! `caches.default` and `caches.open(name)` from query parameters, and each
//! test reads what the cache gave back over HTTP. One core, so every
//! request meets the same store.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::{free_port, metric, Response, Server};

fn serve(extra: &[&str]) -> Server {
    let mut args = vec!["--cores", "1"];
    args.extend_from_slice(extra);
    Server::nano("cache", &args)
}

fn get(server: &Server, path: &str, headers: &[(&str, &str)]) -> Response {
    server.request("GET", path, headers, b"")
}

fn put(server: &Server, query: &str) {
    let response = server.get(&format!("/put?{query}"));
    assert_eq!(
        (response.status, response.text()),
        (200, "stored".to_string()),
        "put {query}"
    );
}

/// The body of a hit, None for a miss.
fn hit(server: &Server, query: &str, headers: &[(&str, &str)]) -> Option<String> {
    let response = get(server, &format!("/match?{query}"), headers);
    if response.header("x-miss").is_some() {
        return None;
    }
    assert_eq!(response.header("cf-cache-status"), Some("HIT"), "{query}");
    Some(response.text())
}

#[test]
fn a_miss_then_a_hit_with_the_stored_headers() {
    let server = serve(&[]);
    assert_eq!(hit(&server, "key=a", &[]), None);
    put(&server, "key=a&body=hello&cc=max-age%3D60&etag=%22v1%22");
    let response = get(&server, "/match?key=a", &[]);
    assert_eq!((response.status, response.text()), (200, "hello".into()));
    assert_eq!(response.header("cf-cache-status"), Some("HIT"));
    assert_eq!(response.header("etag"), Some("\"v1\""));
    assert_eq!(response.header("content-type"), Some("text/plain"));
    assert_eq!(hit(&server, "key=b", &[]), None, "another URL misses");
    put(&server, "key=a&body=again&cc=max-age%3D60");
    assert_eq!(hit(&server, "key=a", &[]).as_deref(), Some("again"));
    put(&server, "key=s&body=from-a-stream&stream=1&cc=max-age%3D60");
    assert_eq!(hit(&server, "key=s", &[]).as_deref(), Some("from-a-stream"));
    put(&server, "key=default-ttl&body=two-hours");
    assert_eq!(
        hit(&server, "key=default-ttl", &[]).as_deref(),
        Some("two-hours"),
        "a 200 without Cache-Control gets the default edge TTL"
    );
    put(&server, "key=err&body=x&status=500");
    assert_eq!(hit(&server, "key=err", &[]), None, "a 500 has none");
}

#[test]
fn an_entry_expires_with_its_max_age() {
    let server = serve(&[]);
    put(&server, "key=short&body=soon-gone&cc=max-age%3D1");
    put(
        &server,
        "key=shared&body=s&cc=max-age%3D60%2C%20s-maxage%3D1",
    );
    put(&server, "key=long&body=stays&cc=max-age%3D60");
    assert_eq!(hit(&server, "key=short", &[]).as_deref(), Some("soon-gone"));
    assert_eq!(hit(&server, "key=shared", &[]).as_deref(), Some("s"));
    std::thread::sleep(Duration::from_millis(1100));
    assert_eq!(hit(&server, "key=short", &[]), None);
    assert_eq!(hit(&server, "key=shared", &[]), None, "s-maxage wins");
    assert_eq!(hit(&server, "key=long", &[]).as_deref(), Some("stays"));
}

#[test]
fn no_store_private_and_set_cookie_are_not_stored() {
    let server = serve(&[]);
    for cc in ["no-store", "private", "no-cache", "max-age%3D0"] {
        put(&server, &format!("key=k&body=x&cc={cc}"));
        assert_eq!(hit(&server, "key=k", &[]), None, "{cc}");
    }
    put(&server, "key=cookie&body=x&cc=max-age%3D60&cookie=1");
    assert_eq!(hit(&server, "key=cookie", &[]), None);
    put(
        &server,
        "key=cookie&body=y&cc=private%3DSet-Cookie%2C%20max-age%3D60&cookie=1",
    );
    let response = get(&server, "/match?key=cookie", &[]);
    assert_eq!(response.text(), "y", "private=Set-Cookie stores it");
    assert_eq!(response.header("set-cookie"), None, "without the cookie");
}

#[test]
fn vary_matches_the_request_headers_it_names() {
    let server = serve(&[]);
    let put_lang = |lang: &str| {
        let response = get(
            &server,
            &format!("/put?key=v&body={lang}&cc=max-age%3D60&vary=X-Lang"),
            &[("X-Lang", lang)],
        );
        assert_eq!(response.text(), "stored");
    };
    put_lang("en");
    put_lang("fr");
    assert_eq!(
        hit(&server, "key=v", &[("X-Lang", "en")]).as_deref(),
        Some("en")
    );
    assert_eq!(
        hit(&server, "key=v", &[("x-lang", "fr")]).as_deref(),
        Some("fr")
    );
    assert_eq!(hit(&server, "key=v", &[("X-Lang", "de")]), None);
    assert_eq!(hit(&server, "key=v", &[]), None, "the header missing");
    put(&server, "key=v&body=none&cc=max-age%3D60&vary=X-Lang");
    assert_eq!(hit(&server, "key=v", &[]).as_deref(), Some("none"));
    assert_eq!(
        hit(&server, "key=v", &[("X-Lang", "en")]).as_deref(),
        Some("en")
    );
}

#[test]
fn ranges_give_206_or_416_and_validators_304() {
    let server = serve(&[]);
    put(
        &server,
        "key=r&body=0123456789&cc=max-age%3D60&etag=%22v1%22&lm=Wed%2C%2021%20Oct%202015%2007%3A28%3A00%20GMT",
    );
    let part = get(&server, "/match?key=r", &[("Range", "bytes=2-4")]);
    assert_eq!((part.status, part.text()), (206, "234".into()));
    assert_eq!(part.header("content-range"), Some("bytes 2-4/10"));
    let suffix = get(&server, "/match?key=r", &[("Range", "bytes=-3")]);
    assert_eq!((suffix.status, suffix.text()), (206, "789".into()));
    let none = get(&server, "/match?key=r", &[("Range", "bytes=20-")]);
    assert_eq!(none.status, 416);
    assert_eq!(none.header("content-range"), Some("bytes */10"));

    let current = get(&server, "/match?key=r", &[("If-None-Match", "\"v1\"")]);
    assert_eq!((current.status, current.body.len()), (304, 0));
    assert_eq!(current.header("etag"), Some("\"v1\""));
    let changed = get(&server, "/match?key=r", &[("If-None-Match", "\"v0\"")]);
    assert_eq!((changed.status, changed.text()), (200, "0123456789".into()));
    let since = [("If-Modified-Since", "Thu, 22 Oct 2015 07:28:00 GMT")];
    assert_eq!(get(&server, "/match?key=r", &since).status, 304);
    let before = [("If-Modified-Since", "Tue, 20 Oct 2015 07:28:00 GMT")];
    assert_eq!(get(&server, "/match?key=r", &before).status, 200);
}

#[test]
fn delete_says_whether_there_was_an_entry() {
    let server = serve(&[]);
    let delete = |query: &str| server.get(&format!("/delete?{query}")).text();
    assert_eq!(delete("key=d"), "false");
    put(&server, "key=d&body=x&cc=max-age%3D60");
    assert_eq!(
        delete("key=d&method=POST"),
        "false",
        "only GET unless ignoreMethod"
    );
    assert_eq!(hit(&server, "key=d", &[]).as_deref(), Some("x"));
    assert_eq!(
        hit(&server, "key=d&method=POST", &[]),
        None,
        "match is GET-only too"
    );
    assert_eq!(
        hit(&server, "key=d&method=POST&ignoreMethod=1", &[]).as_deref(),
        Some("x")
    );
    assert_eq!(delete("key=d&method=POST&ignoreMethod=1"), "true");
    assert_eq!(hit(&server, "key=d", &[]), None);
    assert_eq!(delete("key=d"), "false");
}

#[test]
fn named_caches_are_apart_from_the_default_and_each_other() {
    let server = serve(&[]);
    put(&server, "key=n&body=default&cc=max-age%3D60");
    assert_eq!(hit(&server, "key=n&cache=one", &[]), None);
    put(&server, "key=n&body=one&cc=max-age%3D60&cache=one");
    put(&server, "key=n&body=two&cc=max-age%3D60&cache=two");
    assert_eq!(hit(&server, "key=n", &[]).as_deref(), Some("default"));
    assert_eq!(hit(&server, "key=n&cache=one", &[]).as_deref(), Some("one"));
    assert_eq!(hit(&server, "key=n&cache=two", &[]).as_deref(), Some("two"));
    assert_eq!(server.get("/delete?key=n&cache=one").text(), "true");
    assert_eq!(hit(&server, "key=n", &[]).as_deref(), Some("default"));
    assert_eq!(hit(&server, "key=n&cache=two", &[]).as_deref(), Some("two"));
    assert_eq!(
        server.get("/globals").text(),
        "object true true true [object CacheStorage]"
    );
}

#[test]
fn the_least_recently_used_go_past_the_byte_limit() {
    // Each entry is about 1.2 KB (a 1000-byte body, its headers and URL):
    // three fit in 4 KB, a fourth evicts the least recently used.
    let server = serve(&[
        "--cache-max-bytes",
        "4096",
        "--cache-max-entry-bytes",
        "2000",
    ]);
    let body = "b".repeat(1000);
    for key in ["k1", "k2", "k3"] {
        put(&server, &format!("key={key}&body={body}&cc=max-age%3D60"));
    }
    assert!(
        hit(&server, "key=k1", &[]).is_some(),
        "k1 is now the most recent"
    );
    put(&server, &format!("key=k4&body={body}&cc=max-age%3D60"));
    assert_eq!(hit(&server, "key=k2", &[]), None, "k2 was the least recent");
    for key in ["k1", "k3", "k4"] {
        assert_eq!(
            hit(&server, &format!("key={key}"), &[]),
            Some(body.clone()),
            "{key}"
        );
    }
    let large = "l".repeat(2500);
    put(&server, &format!("key=large&body={large}&cc=max-age%3D60"));
    assert_eq!(hit(&server, "key=large", &[]), None, "over the entry limit");
    put(
        &server,
        &format!("key=large&body={large}&cc=max-age%3D60&stream=1"),
    );
    assert_eq!(hit(&server, "key=large", &[]), None, "streamed, too");
    for key in ["k1", "k3", "k4"] {
        assert!(
            hit(&server, &format!("key={key}"), &[]).is_some(),
            "{key} stays"
        );
    }
}

#[test]
fn bad_arguments_are_refused_with_workers_errors() {
    let server = serve(&[]);
    let cases = [
        (
            "post",
            "TypeError: Cannot cache response to non-GET request.",
        ),
        (
            "partial",
            "TypeError: Cannot cache response to a range request (206 Partial Content).",
        ),
        (
            "vary-star",
            "TypeError: Cannot cache response with 'Vary: *' header.",
        ),
        (
            "used",
            "TypeError: Body has already been used. It can only be used once.",
        ),
        (
            "not-response",
            "TypeError: Failed to execute 'put' on 'Cache': parameter 2 is not of type 'Response'.",
        ),
        ("construct", "TypeError: Illegal constructor"),
    ];
    for (case, expected) in cases {
        assert_eq!(
            server.get(&format!("/bad?case={case}")).text(),
            expected,
            "{case}"
        );
    }
    let bad_url = server.get("/bad?case=bad-url").text();
    assert!(bad_url.starts_with("TypeError: "), "{bad_url}");
    assert_eq!(hit(&server, "key=bad", &[]), None, "nothing was stored");
}

#[test]
fn the_hits_and_misses_are_counted_by_app() {
    let server = serve(&[]);
    assert_eq!(hit(&server, "key=m", &[]), None);
    put(&server, "key=m&body=x&cc=max-age%3D60");
    assert!(hit(&server, "key=m", &[]).is_some());
    assert!(hit(&server, "key=m", &[]).is_some());
    let text = server.admin_get("/metrics").text();
    assert_eq!(
        metric(
            &text,
            "nano_cache_requests_total{app=\"cache\",result=\"hit\"}"
        ),
        Some(2.0),
        "{text}"
    );
    assert_eq!(
        metric(
            &text,
            "nano_cache_requests_total{app=\"cache\",result=\"miss\"}"
        ),
        Some(1.0)
    );
    let bytes = metric(&text, "nano_cache_bytes{app=\"cache\"}").unwrap_or(0.0);
    assert!((1.0..4096.0).contains(&bytes), "one small entry: {bytes}");
}

#[test]
fn two_apps_never_see_each_others_entries() {
    let root = tempfile::tempdir().unwrap();
    let source = std::fs::read_to_string(common::app_path("cache").join("index.js")).unwrap();
    let mut config = String::from("[server]\ncores = 1\n");
    for name in ["one", "two"] {
        let dir = root.path().join(name);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("index.js"), &source).unwrap();
        config.push_str(&format!(
            "\n[[app]]\nname = \"{name}\"\ndir = \"{name}\"\nroutes = [\"{name}.test/*\"]\n"
        ));
    }
    let config_path = root.path().join("nano.toml");
    std::fs::write(&config_path, config).unwrap();
    let server = serve_config(&config_path);
    let on = |host: &str, path: &str| {
        let mut client = server.client();
        client.send(&format!("GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n"));
        client.response()
    };
    let stored = on("one.test", "/put?key=x&body=from-one&cc=max-age%3D60");
    assert_eq!(stored.text(), "stored");
    assert_eq!(on("one.test", "/match?key=x").text(), "from-one");
    let other = on("two.test", "/match?key=x");
    assert_eq!(other.header("x-miss"), Some("1"), "{}", other.text());
}

#[test]
fn entries_outlive_a_reload_of_the_app() {
    let server = serve(&[]);
    put(&server, "key=r&body=before&cc=max-age%3D60");
    server.signal("HUP");
    let reloaded = server.wait_for_log(Duration::from_secs(10), |line| {
        line.contains("app reloaded")
    });
    assert!(reloaded.is_some(), "{:?}", server.logs());
    assert_eq!(hit(&server, "key=r", &[]).as_deref(), Some("before"));
}

fn serve_config(config: &Path) -> Server {
    let port = free_port().to_string();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_nano"));
    cmd.arg("serve")
        .arg("--config")
        .arg(config)
        .args(["--port", &port, "--admin-port", "0"]);
    Server::spawn(&mut cmd, true).expect("nano serve --config starts")
}
