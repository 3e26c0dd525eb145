//! What a Workers app sees and returns under `nano serve`: both app forms,
//! module imports, entry selection, `env`, `ctx`, the Request it is handed
//! and every Response form it may return.

mod common;

use std::io::{Read, Write};
use std::net::TcpListener;
use std::thread;
use std::time::{Duration, Instant};

use common::{Response, Server};
use serde_json::{json, Value};

fn api(extra: &[&str]) -> Server {
    let mut args = vec!["--cores", "1"];
    args.extend_from_slice(extra);
    Server::nano("api", &args)
}

fn json_of(r: &Response) -> Value {
    assert_eq!(r.status, 200, "body: {}", r.text());
    assert_eq!(r.header("content-type"), Some("application/json"));
    serde_json::from_slice(&r.body).unwrap_or_else(|e| panic!("bad JSON {:?}: {e}", r.text()))
}

/// One raw request on a fresh connection; the response to it.
fn raw(s: &Server, request: &str) -> Response {
    let mut c = s.client();
    c.send(request);
    c.response()
}

// --- app forms and entry -------------------------------------------------

#[test]
fn module_form_app_serves() {
    let s = api(&[]);
    let r = s.get("/resp/string");
    assert_eq!(r.status, 200);
    assert_eq!(r.text(), "plain text body");
}

#[test]
fn listener_form_app_serves() {
    let s = Server::nano("listener", &["--cores", "1"]);
    let r = s.get("/hello?x=1");
    assert_eq!(r.status, 200);
    assert_eq!(r.header("x-form"), Some("listener"));
    assert_eq!(r.text(), "listener GET /hello \n");
    let r = s.request("POST", "/submit", &[], b"payload");
    assert_eq!(r.text(), "listener POST /submit payload\n");
    // event.waitUntil keeps work going after the response.
    assert_eq!(s.get("/later").status, 200);
    assert!(
        s.wait_for_log(Duration::from_secs(10), |l| l
            .contains("listener waitUntil done"))
            .is_some(),
        "logs: {:?}",
        s.logs()
    );
}

#[test]
fn app_modules_import_each_other() {
    let s = Server::nano("imports", &["--cores", "1"]);
    let r = s.get("/?name=nano");
    assert_eq!(r.status, 200);
    assert_eq!(r.text(), "hello, NANO v1.2 area=9\n");
}

#[test]
fn package_json_main_is_the_entry() {
    let s = Server::nano("pkgmain", &["--cores", "1"]);
    let r = s.get("/");
    assert_eq!(
        (r.status, r.text().as_str()),
        (200, "entry from package.json main\n")
    );
}

// --- env and ctx ---------------------------------------------------------

#[test]
fn vars_become_env_bindings() {
    let s = api(&[
        "--var",
        "GREETING=hello",
        "--var",
        "DSN=postgres://u:p@h/db?x=1",
        "--var",
        "EMPTY=",
    ]);
    let v = json_of(&s.get("/env"));
    assert_eq!(v["keys"], json!(["DSN", "EMPTY", "GREETING"]));
    assert_eq!(v["env"]["GREETING"], "hello");
    // Only the first `=` splits key from value.
    assert_eq!(v["env"]["DSN"], "postgres://u:p@h/db?x=1");
    assert_eq!(v["env"]["EMPTY"], "");
}

#[test]
fn env_is_empty_without_vars() {
    let s = api(&[]);
    assert_eq!(json_of(&s.get("/env"))["keys"], json!([]));
}

#[test]
fn ctx_has_wait_until_and_pass_through_on_exception() {
    let s = api(&[]);
    let v = json_of(&s.get("/ctx"));
    assert_eq!(
        v,
        json!({"waitUntil": "function", "passThroughOnException": "function"})
    );
}

#[test]
fn wait_until_work_finishes_after_the_response() {
    let s = api(&[]);
    let start = Instant::now();
    let r = s.get("/later?ms=1500&msg=after-the-response");
    assert_eq!(r.status, 202);
    let answered = start.elapsed();
    assert!(
        answered < Duration::from_millis(1500),
        "the response waited for waitUntil: {answered:?}"
    );
    assert!(
        !s.logs()
            .iter()
            .any(|l| l.contains("waitUntil done: after-the-response")),
        "the waitUntil work ran before the response"
    );
    let line = s
        .wait_for_log(Duration::from_secs(10), |l| {
            l.contains("waitUntil done: after-the-response")
        })
        .unwrap_or_else(|| panic!("waitUntil work never finished; logs: {:?}", s.logs()));
    assert!(line.contains("app=api"), "{line}");
    // The server is undisturbed.
    assert_eq!(s.get("/resp/string").status, 200);
}

// --- the Request ---------------------------------------------------------

#[test]
fn request_method_url_and_headers() {
    let s = api(&[]);
    let r = raw(
        &s,
        "GET /request?x=1&y=two HTTP/1.1\r\nHost: example.test:8080\r\nX-Mixed-Case: Value\r\n\
         X-Multi: a\r\nx-multi: b\r\n\r\n",
    );
    let v = json_of(&r);
    assert_eq!(v["method"], "GET");
    assert_eq!(v["url"], "http://example.test:8080/request?x=1&y=two");
    assert_eq!(v["pathname"], "/request");
    assert_eq!(v["search"], "?x=1&y=two");
    assert_eq!(v["lower"], "Value");
    assert_eq!(v["upper"], "Value");
    assert_eq!(v["has"], true);
    assert_eq!(v["combined"], "a, b");
    assert_eq!(v["missing"], Value::Null);
    assert_eq!(v["bodyIsNull"], true);
}

#[test]
fn header_bytes_outside_latin1_reach_the_app_as_latin1() {
    // "日" in UTF-8 is three bytes; Workers reads each as one character.
    let s = api(&[]);
    let r = raw(
        &s,
        "GET /request HTTP/1.1\r\nHost: t\r\nX-Mixed-Case: \u{65e5}\r\n\r\n",
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(json_of(&r)["lower"], "\u{e6}\u{97}\u{a5}");
}

#[test]
fn request_methods_reach_the_app() {
    let s = api(&[]);
    for method in ["POST", "PUT", "PATCH", "DELETE", "OPTIONS"] {
        let r = s.request(method, "/request", &[], b"");
        assert_eq!(json_of(&r)["method"], method);
    }
}

#[test]
fn absolute_form_target_is_the_url() {
    let s = api(&[]);
    let r = raw(
        &s,
        "GET http://example.test/request?a=1 HTTP/1.1\r\nHost: example.test\r\n\r\n",
    );
    let v = json_of(&r);
    assert_eq!(v["url"], "http://example.test/request?a=1");
    assert_eq!(v["pathname"], "/request");
}

#[test]
fn request_body_as_text_json_array_buffer_and_bytes() {
    let s = api(&[]);
    let v = json_of(&s.request(
        "POST",
        "/body/text",
        &[("content-type", "text/plain")],
        "héllo wörld".as_bytes(),
    ));
    assert_eq!(v["text"], "héllo wörld");
    assert_eq!(v["length"], 11);
    assert_eq!(v["used"], true);

    let body = br#"{"name":"nano","list":[1,2,{"deep":true}]}"#;
    let v = json_of(&s.request(
        "POST",
        "/body/json",
        &[("content-type", "application/json")],
        body,
    ));
    assert_eq!(v["type"], "object");
    assert_eq!(
        v["value"],
        json!({"name": "nano", "list": [1, 2, {"deep": true}]})
    );

    let bytes = [0u8, 1, 127, 128, 254, 255];
    let v = json_of(&s.request("PUT", "/body/arrayBuffer", &[], &bytes));
    assert_eq!(
        v,
        json!({"isArrayBuffer": true, "byteLength": 6, "hex": "00017f80feff"})
    );

    let v = json_of(&s.request("PUT", "/body/bytes", &[], &bytes));
    assert_eq!(
        v,
        json!({"isUint8Array": true, "byteLength": 6, "hex": "00017f80feff"})
    );
}

/// Request bodies are handed to V8 without a copy: many of them, large
/// enough that V8 collects the earlier ones while the app keeps the last,
/// all arrive whole.
#[test]
fn request_bodies_handed_to_the_app_stay_whole_until_collected() {
    use sha2::{Digest, Sha256};
    let s = api(&[]);
    for round in 0..120usize {
        let len = [1, 4095, 65_536, 500_000][round % 4];
        let body: Vec<u8> = (0..len).map(|i| (i * 31 + round) as u8).collect();
        let v = json_of(&s.request("POST", "/body/digest", &[], &body));
        let digest: String = Sha256::digest(&body)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(
            v,
            json!({"byteLength": len, "digest": digest, "keptIntact": true}),
            "round {round}"
        );
    }
}

#[test]
fn invalid_json_body_is_a_500_not_a_crash() {
    let s = api(&[]);
    let r = s.request("POST", "/body/json", &[], b"{not json");
    assert_eq!(r.status, 500);
    assert_eq!(s.get("/resp/string").status, 200);
}

#[test]
fn request_body_as_a_readable_stream() {
    let s = api(&[]);
    let body = "x".repeat(100_000);
    let v = json_of(&s.request("POST", "/body/stream", &[], body.as_bytes()));
    assert_eq!(v["isStream"], true);
    assert_eq!(v["bytes"], 100_000);
    assert!(v["chunks"].as_u64().unwrap() >= 1);
    assert_eq!(v["text"].as_str().unwrap().len(), 100_000);
}

#[test]
fn chunked_post_reaches_the_app_whole() {
    let s = api(&[]);
    let r = raw(
        &s,
        "POST /body/text HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n\
         6\r\nchunk \r\n3\r\none\r\n7\r\n, chunk\r\n4\r\n two\r\n0\r\n\r\n",
    );
    let v = json_of(&r);
    assert_eq!(v["text"], "chunk one, chunk two");
    let r = raw(
        &s,
        "POST /body/stream HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n\
         5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n",
    );
    let v = json_of(&r);
    assert_eq!(v["text"], "hello world");
    assert_eq!(v["bytes"], 11);
}

// --- Response forms ------------------------------------------------------

#[test]
fn string_body() {
    let s = api(&[]);
    let r = s.get("/resp/string");
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("text/plain;charset=UTF-8"));
    assert_eq!(r.header("content-length"), Some("15"));
    assert_eq!(r.text(), "plain text body");
}

#[test]
fn array_buffer_and_uint8_array_bodies() {
    let s = api(&[]);
    let r = s.get("/resp/arraybuffer");
    assert_eq!(r.status, 200);
    assert_eq!(r.body, [0, 1, 2, 253, 254, 255]);
    assert_eq!(r.header("content-length"), Some("6"));
    assert_eq!(r.header("content-type"), None);
    let r = s.get("/resp/uint8array");
    assert_eq!(r.body, [104, 105, 0, 255]);
    // A view sends only its own bytes, not the whole buffer.
    let r = s.get("/resp/typed-view");
    assert_eq!(r.body, b"hi");
}

#[test]
fn url_search_params_body() {
    let s = api(&[]);
    let r = s.get("/resp/params");
    assert_eq!(r.status, 200);
    assert_eq!(
        r.header("content-type"),
        Some("application/x-www-form-urlencoded;charset=UTF-8")
    );
    assert_eq!(r.text(), "a=1&b=x+y%26z");
}

#[test]
fn readable_stream_body_is_streamed() {
    let s = api(&[]);
    let mut c = s.client();
    // Warm the isolate so the timing below measures streaming only.
    c.send("GET /resp/stream?n=1&ms=0 HTTP/1.1\r\nHost: t\r\n\r\n");
    assert_eq!(c.response().text(), "part 0\n");
    let sent = Instant::now();
    c.send("GET /resp/stream?n=4&ms=300 HTTP/1.1\r\nHost: t\r\n\r\n");
    let r = c.response();
    assert_eq!(r.status, 200);
    assert_eq!(r.header("transfer-encoding"), Some("chunked"));
    assert_eq!(r.header("content-length"), None);
    assert_eq!(r.text(), "part 0\npart 1\npart 2\npart 3\n");
    assert_eq!(r.chunks.len(), 4, "chunks: {:?}", r.chunks);
    let at: Vec<Duration> = r
        .chunks
        .iter()
        .map(|(t, _)| t.duration_since(sent))
        .collect();
    // The first chunk is not held back until the stream ends (~900 ms),
    // and later chunks arrive as they are produced.
    assert!(
        at[0] < Duration::from_millis(600),
        "first chunk after {:?}",
        at[0]
    );
    assert!(
        at[3] >= Duration::from_millis(800),
        "last chunk after {:?}",
        at[3]
    );
    for pair in at.windows(2) {
        assert!(
            pair[1] - pair[0] >= Duration::from_millis(150),
            "chunks arrived together: {at:?}"
        );
    }
    // Keep-alive survives a streamed response.
    c.send("GET /resp/string HTTP/1.1\r\nHost: t\r\n\r\n");
    assert_eq!(c.response().status, 200);
}

#[test]
fn a_bad_stream_chunk_aborts_the_response_only() {
    let s = api(&[]);
    let mut c = s.client();
    c.send("GET /resp/bad-chunk HTTP/1.1\r\nHost: t\r\n\r\n");
    // The head and first chunk went out; the body never ends properly.
    assert!(
        c.try_response(false).is_err(),
        "an aborted body looked complete"
    );
    let line = s
        .wait_for_log(Duration::from_secs(5), |l| l.contains("not a Uint8Array"))
        .unwrap_or_else(|| panic!("no log line; logs: {:?}", s.logs()));
    assert!(line.contains("string"), "{line}");
    assert_eq!(s.get("/resp/string").status, 200);
}

#[test]
fn null_body_with_204() {
    let s = api(&[]);
    let mut c = s.client();
    c.send("GET /resp/null204 HTTP/1.1\r\nHost: t\r\n\r\n");
    let r = c.response();
    assert_eq!(r.status, 204);
    assert_eq!(r.header("x-empty"), Some("yes"));
    assert_eq!(r.header("content-length"), None);
    assert_eq!(r.header("transfer-encoding"), None);
    // Nothing followed the head: the next response parses cleanly.
    c.send("GET /resp/empty200 HTTP/1.1\r\nHost: t\r\n\r\n");
    let r = c.response();
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-length"), Some("0"));
    assert!(r.body.is_empty());
    c.send("GET /resp/string HTTP/1.1\r\nHost: t\r\n\r\n");
    assert_eq!(c.response().text(), "plain text body");
}

#[test]
fn response_json() {
    let s = api(&[]);
    let r = s.get("/resp/json");
    assert_eq!(r.header("x-extra"), Some("1"));
    assert_eq!(
        json_of(&r),
        json!({"ok": true, "list": [1, 2, 3], "text": "é"})
    );
}

#[test]
fn response_redirect() {
    let s = api(&[]);
    let r = s.get("/resp/redirect");
    assert_eq!(r.status, 301);
    assert_eq!(r.header("location"), Some("https://example.com/next?x=1"));
    assert!(r.body.is_empty());
    let r = s.get("/resp/redirect-default");
    assert_eq!(r.status, 302);
    assert_eq!(r.header("location"), Some("https://example.com/"));
}

#[test]
fn custom_status() {
    let s = api(&[]);
    let r = s.get("/resp/status");
    assert_eq!(r.status, 418);
    assert_eq!(r.text(), "short and stout\n");
    let r = s.get("/resp/status-299");
    assert_eq!(r.status, 299);
    assert_eq!(r.text(), "unusual\n");
}

#[test]
fn custom_status_text_is_the_reason_phrase() {
    let s = api(&[]);
    let r = s.get("/resp/status");
    assert_eq!((r.status, r.reason.as_str()), (418, "I Am A Teapot"));
    let r = s.get("/resp/status-299");
    assert_eq!((r.status, r.reason.as_str()), (299, "Fine Enough"));
    // Without a statusText the standard phrase is used.
    let r = s.get("/resp/string");
    assert_eq!((r.status, r.reason.as_str()), (200, "OK"));
}

#[test]
fn each_set_cookie_is_its_own_header_line() {
    let s = api(&[]);
    let r = s.get("/resp/cookies");
    assert_eq!(r.status, 200);
    assert_eq!(
        r.header_all("set-cookie"),
        [
            "a=1; Path=/",
            "b=2; HttpOnly",
            "c=3, with a comma; Expires=Wed, 21 Oct 2015 07:28:00 GMT"
        ]
    );
    // Other repeated headers are combined, as Headers does.
    assert_eq!(r.header_all("x-list"), ["one, two"]);
}

#[test]
fn head_requests_get_no_body() {
    let s = api(&[]);
    let mut c = s.client();
    c.send("HEAD /resp/string HTTP/1.1\r\nHost: t\r\n\r\n");
    let r = c.head_response();
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-length"), Some("15"));
    // A streamed body is not sent either (and the app's stream is dropped).
    c.send("HEAD /resp/stream?n=3&ms=10 HTTP/1.1\r\nHost: t\r\n\r\n");
    let r = c.head_response();
    assert_eq!(r.status, 200);
    // The connection carries on with no stray body bytes in between.
    c.send("GET /resp/string HTTP/1.1\r\nHost: t\r\n\r\n");
    let r = c.response();
    assert_eq!(r.text(), "plain text body");
    // The app sees the HEAD method itself.
    c.send("HEAD /request HTTP/1.1\r\nHost: t\r\n\r\n");
    let r = c.head_response();
    assert_eq!(r.status, 200);
    assert!(r.header("content-length").is_some_and(|n| n != "0"));
    c.send("GET /resp/string HTTP/1.1\r\nHost: t\r\n\r\n");
    assert_eq!(c.response().text(), "plain text body");
}

// --- content codings -----------------------------------------------------

fn gunzip(bytes: &[u8]) -> String {
    let mut text = String::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_string(&mut text)
        .unwrap_or_else(|e| panic!("not gzip ({e}): {bytes:?}"));
    text
}

fn gzip(text: &str) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(text.as_bytes()).unwrap();
    encoder.finish().unwrap()
}

#[test]
fn a_content_encoding_header_has_the_server_compress_the_body() {
    let s = api(&[]);
    let expected = "compress me ".repeat(50);
    let r = raw(
        &s,
        "GET /resp/gzip HTTP/1.1\r\nHost: t\r\nAccept-Encoding: br, gzip;q=0.8\r\n\r\n",
    );
    assert_eq!(r.header("content-encoding"), Some("gzip"));
    assert_eq!(r.header("vary"), Some("Accept-Encoding"));
    assert_eq!(r.header("content-length"), Some(&*r.body.len().to_string()));
    assert!(r.body.len() < expected.len() / 4, "{} bytes", r.body.len());
    assert_eq!(gunzip(&r.body), expected);
    // A client that does not accept gzip gets the body as it is.
    for accept in [
        "",
        "Accept-Encoding: gzip;q=0\r\n",
        "Accept-Encoding: br\r\n",
    ] {
        let r = raw(
            &s,
            &format!("GET /resp/gzip HTTP/1.1\r\nHost: t\r\n{accept}\r\n"),
        );
        assert_eq!(r.header("content-encoding"), None, "{accept}");
        assert_eq!(r.header("vary"), Some("Accept-Encoding"), "{accept}");
        assert_eq!(r.text(), expected, "{accept}");
    }
}

#[test]
fn a_streamed_body_is_compressed_chunk_by_chunk() {
    let s = api(&[]);
    let r = raw(
        &s,
        "GET /resp/stream?n=3&ms=200&coding=gzip HTTP/1.1\r\nHost: t\r\nAccept-Encoding: gzip\r\n\r\n",
    );
    assert_eq!(r.header("transfer-encoding"), Some("chunked"));
    assert_eq!(r.header("content-encoding"), Some("gzip"));
    assert_eq!(gunzip(&r.body), "part 0\npart 1\npart 2\n");
    // Each part was flushed as it came, not held until the end.
    assert!(r.chunks.len() >= 3, "{} chunks", r.chunks.len());
    let spread = r.chunks.last().unwrap().0 - r.chunks[0].0;
    assert!(spread >= Duration::from_millis(300), "{spread:?}");
}

#[test]
fn encode_body_manual_sends_an_encoded_body_as_it_is() {
    let s = api(&[]);
    for accept in ["Accept-Encoding: gzip\r\n", ""] {
        let r = raw(
            &s,
            &format!("GET /resp/manual HTTP/1.1\r\nHost: t\r\n{accept}\r\n"),
        );
        assert_eq!(r.header("content-encoding"), Some("gzip"));
        assert_eq!(gunzip(&r.body), "compressed by the app", "{accept}");
    }
}

#[test]
fn a_proxied_gzip_response_reaches_each_client_in_a_form_it_reads() {
    let original = "upstream text ".repeat(40);
    let upstream = TcpListener::bind("127.0.0.1:0").unwrap();
    let upstream_url = format!("http://{}/", upstream.local_addr().unwrap());
    let body = gzip(&original);
    thread::spawn(move || {
        for mut stream in upstream.incoming().flatten() {
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).unwrap_or(0) == 1 {
                head.push(byte[0]);
            }
            let reply = format!(
                "HTTP/1.1 200 OK\r\ncontent-encoding: gzip\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(reply.as_bytes());
            let _ = stream.write_all(&body);
        }
    });
    let s = api(&[]);
    let request = |accept: &str| {
        raw(
            &s,
            &format!("GET /proxy?to={upstream_url} HTTP/1.1\r\nHost: t\r\n{accept}\r\n"),
        )
    };
    let compressed = request("Accept-Encoding: gzip\r\n");
    assert_eq!(compressed.status, 200, "{}", compressed.text());
    assert_eq!(compressed.header("content-encoding"), Some("gzip"));
    assert_eq!(gunzip(&compressed.body), original);
    let plain = request("");
    assert_eq!(plain.header("content-encoding"), None);
    assert_eq!(plain.text(), original);
}
