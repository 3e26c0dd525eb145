//! HTMLRewriter under `nano serve`: the cases of Workers' documentation,
//! each over a body the app streams in 7-byte pieces, so that tags,
//! attributes and text arrive split across chunks.

mod common;

use common::{Response, Server};
use serde_json::Value;

fn app() -> Server {
    Server::nano("html_rewriter", &["--cores", "1"])
}

fn html(s: &Server, path: &str) -> String {
    let r = s.get(path);
    assert_eq!(r.status, 200, "{path}: {:.300}", r.text());
    r.text()
}

fn json_of(r: &Response) -> Value {
    assert_eq!(r.status, 200, "body: {}", r.text());
    serde_json::from_slice(&r.body).unwrap_or_else(|e| panic!("bad JSON {:?}: {e}", r.text()))
}

#[test]
fn rewrites_links_adds_attributes_and_removes_elements_keeping_status_and_headers() {
    let s = app();
    let r = s.get("/links");
    assert_eq!(r.status, 203);
    assert_eq!(r.header("x-kept"), Some("yes"));
    assert_eq!(
        r.header("content-length"),
        None,
        "the old length is dropped"
    );
    assert!(
        r.chunks.len() > 1,
        "the body streams: {} chunks",
        r.chunks.len()
    );
    let body = r.text();
    for i in [0, 199, 399] {
        assert!(
            body.contains(&format!(
                r#"<a href="https://new.example/p/{i}" class="l">link {i}</a>"#
            )),
            "link {i} in {body:.300}"
        );
        assert!(body.contains(&format!(r#"<img src="/i/{i}.png" loading="lazy">"#)));
    }
    assert!(!body.contains("old.example"));
    assert!(!body.contains("ad "), "ads removed");
    assert_eq!(body.matches("loading=\"lazy\"").count(), 400);
    assert!(body.ends_with("</body></html>"));
}

#[test]
fn text_handlers_see_every_chunk_and_the_end_of_each_text_node() {
    let s = app();
    let body = html(&s, "/text");
    for i in [0, 25, 49] {
        let expected = format!(
            r#"<p class="t">HELLO WORLD NUMBER {i}, A LONG ENOUGH SENTENCE|END</p><p>keep {i}</p>"#
        );
        assert!(body.contains(&expected), "{expected} in {body:.400}");
    }
    assert_eq!(body.matches("|END").count(), 50, "one end per text node");
}

#[test]
fn end_tags_document_end_doctype_and_element_edits() {
    let s = app();
    let body = html(&s, "/inject");
    assert_eq!(
        body,
        concat!(
            "<!DOCTYPE html><html><head></head><body>&lt;b&gt;escaped&lt;/b&gt;",
            r#"<em id="s">id=s,data-x=1 true null</em><i>kept</i>"#,
            r#"<script>window.tag = "body"</script></body></html><!-- doctype html -->"#,
        )
    );
}

#[test]
fn comment_handlers_remove_and_rewrite() {
    let s = app();
    let body = html(&s, "/comments");
    assert!(body.contains(r#"<div id="c"></div>"#), "{body}");
    assert!(body.contains("<!-- seen: public -->"), "{body}");
    assert!(!body.contains("secret"));
}

#[test]
fn a_throwing_handler_errors_the_stream_with_its_error() {
    let s = app();
    let r = json_of(&s.get("/throws"));
    assert_eq!(r["error"]["name"], "RangeError");
    assert_eq!(r["error"]["message"], "handler failed on p150");

    let mut client = s.client();
    client.send("GET /throws-streamed HTTP/1.1\r\nhost: x\r\n\r\n");
    // The connection is aborted: no response, or one without its end.
    if let Ok(r) = client.try_response(false) {
        assert!(
            !r.text().contains("</html>"),
            "a complete body after a throw"
        );
    }
    assert!(
        s.wait_for_log(std::time::Duration::from_secs(10), |l| l
            .contains("handler failed late"))
            .is_some(),
        "logs: {:?}",
        s.logs()
    );
}

#[test]
fn misuse_is_a_type_error() {
    let s = app();
    let r = json_of(&s.get("/errors"));
    assert_eq!(r["staleBodyLength"], 71);
    assert_eq!(r["stale"]["name"], "TypeError");
    assert!(r["stale"]["message"]
        .as_str()
        .unwrap()
        .contains("no longer valid"));
    assert_eq!(r["asyncThrow"]["name"], "SyntaxError");
    assert_eq!(r["asyncThrow"]["message"], "async handler failed");
    assert_eq!(r["selector"]["name"], "TypeError");
    assert!(r["selector"]["message"]
        .as_str()
        .unwrap()
        .contains("invalid selector 'a['"));
    assert_eq!(r["voidEndTag"]["name"], "TypeError");
}

#[test]
fn an_endless_handler_is_stopped_by_the_cpu_limit() {
    let s = Server::nano("html_rewriter", &["--cores", "1", "--cpu-limit-ms", "100"]);
    let start = std::time::Instant::now();
    assert_eq!(s.get("/spin").status, 503);
    assert!(start.elapsed() < std::time::Duration::from_secs(5));
    assert!(html(&s, "/comments").contains("<!-- seen: public -->"));
}

#[test]
fn asynchronous_handlers_are_awaited_in_document_order() {
    let s = app();
    let body = html(&s, "/async");
    for i in [0, 14, 29] {
        let expected = format!(r#"<li data-i="{i}" data-order="{i}">item {i}!</li><!--li {i}-->"#);
        assert!(body.contains(&expected), "{expected} in {body}");
    }
    let order: Vec<String> = (0..30).map(|i| i.to_string()).collect();
    assert!(
        body.ends_with(&format!("<p>order {}</p>", order.join(","))),
        "{body}"
    );
}

/// Threads of the server process.
fn threads(s: &Server) -> usize {
    let status = std::fs::read_to_string(format!("/proc/{}/status", s.pid())).unwrap();
    status
        .lines()
        .find_map(|line| line.strip_prefix("Threads:"))
        .and_then(|count| count.trim().parse().ok())
        .unwrap()
}

#[test]
fn each_stream_s_rewriting_thread_ends_with_it() {
    let s = app();
    assert!(html(&s, "/comments").contains("seen"));
    let before = threads(&s);
    for _ in 0..10 {
        assert_eq!(s.get("/links").status, 203);
        json_of(&s.get("/throws"));
        json_of(&s.get("/errors"));
        // A client that leaves mid-body cancels the stream.
        let mut client = s.client();
        client.send("GET /links HTTP/1.1\r\nhost: x\r\n\r\n");
        drop(client);
    }
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while threads(&s) > before && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(threads(&s), before, "rewriting threads left running");
}
