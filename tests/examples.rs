//! The apps of `examples/`, served by the real binary as the README tells a
//! user to run them. `examples/hono-ts` needs its `npm install` (done by
//! `scripts/setup.sh`).

mod common;

use std::time::Duration;

use common::{Response, Server};
use serde_json::{json, Value};

fn serve(example: &str, extra: &[&str]) -> Server {
    let mut args = vec!["--cores", "1"];
    args.extend_from_slice(extra);
    Server::nano(&format!("examples/{example}"), &args)
}

fn json_body(response: &Response) -> Value {
    serde_json::from_slice(&response.body)
        .unwrap_or_else(|e| panic!("bad JSON {:?}: {e}", response.text()))
}

#[test]
fn hello_answers_text_and_json() {
    let server = serve("hello", &["--var", "NAME=examples"]);
    let text = server.get("/there");
    assert_eq!(text.status, 200);
    assert_eq!(text.text(), "Hello from NANO! You asked for /there\n");
    let json = server.get("/json");
    assert_eq!(
        json_body(&json),
        json!({"hello": "examples", "path": "/json"})
    );
}

#[test]
fn json_api_creates_reads_and_deletes_notes() {
    let server = serve("json-api", &[]);
    assert_eq!(json_body(&server.get("/notes")), json!([]));

    let created = server.request("POST", "/notes", &[], br#"{"text":"buy milk"}"#);
    assert_eq!(created.status, 201, "{}", created.text());
    assert_eq!(created.header("location"), Some("/notes/1"));
    let note = json_body(&created);
    assert_eq!(note["text"], "buy milk");

    assert_eq!(json_body(&server.get("/notes/1")), note);
    assert_eq!(json_body(&server.get("/notes")), json!([note]));

    let refused = server.request("POST", "/notes", &[], b"{\"text\":\"\"}");
    assert_eq!(refused.status, 400);
    assert_eq!(
        refused.header("content-type"),
        Some("application/problem+json")
    );
    let not_json = server.request("POST", "/notes", &[], b"not json");
    assert_eq!(not_json.status, 400);

    let wrong_method = server.request("PUT", "/notes/1", &[], b"");
    assert_eq!(wrong_method.status, 405);
    assert_eq!(wrong_method.header("allow"), Some("GET, DELETE"));

    assert_eq!(server.request("DELETE", "/notes/1", &[], b"").status, 204);
    assert_eq!(server.get("/notes/1").status, 404);
    assert_eq!(server.get("/elsewhere").status, 404);
}

#[test]
fn streaming_sends_each_chunk_when_it_is_made() {
    let server = serve("streaming", &[]);
    let counted = server.get("/count?to=3&delay=400");
    assert_eq!(counted.status, 200);
    assert_eq!(counted.text(), "1\n2\n3\n");
    let arrivals: Vec<_> = counted.chunks.iter().map(|(at, _)| *at).collect();
    assert!(arrivals.len() >= 3, "chunks: {:?}", counted.chunks);
    // Two sleeps of 400 ms lie between the first chunk and the last: a
    // buffered body would arrive all at once.
    let spread = arrivals[arrivals.len() - 1] - arrivals[0];
    assert!(
        spread >= Duration::from_millis(600),
        "chunks spread over {spread:?}"
    );

    let events = server.get("/events");
    assert_eq!(events.header("content-type"), Some("text/event-stream"));
    let text = events.text();
    assert_eq!(text.matches("event: tick\n").count(), 3, "{text}");
    assert!(
        text.contains("id: 3\nevent: tick\ndata: {\"id\":3}\n\n"),
        "{text}"
    );

    let upper = server.request("POST", "/upper", &[], "grüße, stream".as_bytes());
    assert_eq!(upper.text(), "GRÜSSE, STREAM");
}

#[test]
fn proxy_forwards_to_its_upstream_and_strips_the_prefix() {
    let upstream = serve("hello", &[]);
    let target = format!("UPSTREAM=http://{}", upstream.addr);
    let proxy = serve("proxy", &["--var", &target]);

    let forwarded = proxy.get("/api/json?x=1");
    assert_eq!(forwarded.status, 200, "{}", forwarded.text());
    assert_eq!(
        json_body(&forwarded),
        json!({"hello": "world", "path": "/json"})
    );
    let upstream_origin = format!("http://{}", upstream.addr);
    assert_eq!(
        forwarded.header("x-upstream"),
        Some(upstream_origin.as_str())
    );
    assert!(forwarded.header("server-timing").is_some());

    let root = proxy.get("/api");
    assert_eq!(root.text(), "Hello from NANO! You asked for /\n");
    assert_eq!(proxy.get("/other").status, 404);

    drop(upstream);
    assert_eq!(proxy.get("/api/json").status, 502);
}

#[test]
fn hono_typescript_app_runs_from_its_node_modules() {
    let folder = common::app_path("examples/hono-ts");
    assert!(
        folder.join("node_modules/hono/package.json").is_file(),
        "examples/hono-ts/node_modules is missing: run `make setup` (npm ci)"
    );
    let server = serve("hono-ts", &["--var", "GREETING=Hi"]);
    let root = server.get("/");
    assert_eq!(root.status, 200, "{}", root.text());
    assert_eq!(root.text(), "Hi from Hono on NANO\n");

    let list = json_body(&server.get("/todos"));
    assert_eq!(list.as_array().map(Vec::len), Some(2), "{list}");
    assert_eq!(json_body(&server.get("/todos/2"))["title"], "serve an app");
    assert_eq!(server.get("/todos/9").status, 404);

    let added = server.request("POST", "/todos", &[], br#"{"title":"write tests"}"#);
    assert_eq!(added.status, 201, "{}", added.text());
    assert_eq!(
        json_body(&added),
        json!({"id": 3, "title": "write tests", "done": false})
    );
    assert_eq!(server.request("POST", "/todos", &[], b"{}").status, 400);
    assert_eq!(server.get("/nowhere").status, 404);
}
