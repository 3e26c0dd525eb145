//! HTTP/1.1 behaviour of `nano serve`, against the `kit` test app.

mod common;

use std::time::{Duration, Instant};

use common::{nano_command, Server};

fn kit() -> Server {
    Server::nano("kit", &["--cores", "1"])
}

#[test]
fn keep_alive_reuses_the_connection() {
    let s = kit();
    let mut c = s.client();
    for i in 0..5 {
        c.send(&format!("GET /echo?i={i} HTTP/1.1\r\nHost: t\r\n\r\n"));
        let r = c.response();
        assert_eq!(r.status, 200);
        assert_eq!(r.header("x-echo-method"), Some("GET"));
        assert_eq!(
            r.header("x-echo-target"),
            Some(format!("/echo?i={i}").as_str())
        );
        assert_eq!(r.header("server"), Some("nano"));
        assert!(r.header("date").is_some());
        assert!(r.header("x-request-id").is_some());
        assert_eq!(r.header("connection"), None);
    }
    // Connection: close is honoured.
    c.send("GET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
    let r = c.response();
    assert_eq!(r.header("connection"), Some("close"));
    assert!(c.is_closed());
}

#[test]
fn a_bad_host_is_400_and_http2_is_505_before_the_app() {
    let s = kit();
    for (request, status) in [
        ("GET / HTTP/1.1\r\nHost: :x\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: a:b:c\r\n\r\n", 400),
        ("GET / HTTP/2.0\r\nHost: t\r\n\r\n", 505),
    ] {
        let mut c = s.client();
        c.send(request);
        let r = c.response();
        assert_eq!(r.status, status, "{request:?}");
        assert!(c.is_closed(), "{request:?}");
    }
    // The server goes on serving.
    assert_eq!(s.get("/").status, 200);
}

#[test]
fn http10_closes_unless_keep_alive() {
    let s = kit();
    let mut c = s.client();
    c.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    let r = c.response();
    assert_eq!(r.status, 200);
    assert_eq!(r.header("connection"), Some("keep-alive"));
    c.send("GET / HTTP/1.0\r\n\r\n");
    assert_eq!(c.response().status, 200);
    assert!(c.is_closed());
}

#[test]
fn pipelined_requests_are_answered_in_order() {
    let s = kit();
    let mut c = s.client();
    // A slow request first: the quick ones behind it must still wait.
    let mut batch = String::from("GET /sleep?ms=200 HTTP/1.1\r\nHost: t\r\n\r\n");
    for i in 0..5 {
        batch.push_str(&format!("GET /echo?n={i} HTTP/1.1\r\nHost: t\r\n\r\n"));
    }
    batch.push_str("POST /echo?n=body HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n\r\nabc");
    c.send(&batch);
    assert_eq!(c.response().text(), "slept 200\n");
    for i in 0..5 {
        let r = c.response();
        assert_eq!(
            r.header("x-echo-target"),
            Some(format!("/echo?n={i}").as_str())
        );
    }
    let r = c.response();
    assert_eq!(r.header("x-echo-method"), Some("POST"));
    assert_eq!(r.body, b"abc");
}

#[test]
fn head_keeps_content_length_without_body() {
    let s = kit();
    let mut c = s.client();
    c.send("HEAD / HTTP/1.1\r\nHost: t\r\n\r\n");
    let r = c.head_response();
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-length"), Some("16"));
    // The next response starts right away: no body bytes were sent.
    c.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n");
    let r = c.response();
    assert_eq!(r.text(), "hello from nano\n");
}

#[test]
fn chunked_request_body_is_decoded() {
    let s = kit();
    let mut c = s.client();
    c.send(
        "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n\
         5\r\nhello\r\n1;ext=1\r\n \r\n5\r\nworld\r\n0\r\nTrailer: x\r\n\r\n",
    );
    let r = c.response();
    assert_eq!(r.status, 200);
    assert_eq!(r.text(), "hello world");
    // The connection is still usable afterwards.
    c.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n");
    assert_eq!(c.response().status, 200);
}

#[test]
fn expect_continue_sends_100_before_the_body() {
    let s = kit();
    let mut c = s.client();
    c.send("POST /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
    let interim = c.response();
    assert_eq!(interim.status, 100);
    c.send("data");
    let r = c.response();
    assert_eq!(r.status, 200);
    assert_eq!(r.text(), "data");
}

#[test]
fn expect_continue_with_oversized_body_gets_413_without_100() {
    let s = Server::nano("kit", &["--cores", "1", "--max-body-bytes", "10"]);
    let mut c = s.client();
    c.send("POST /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 11\r\n\r\n");
    let r = c.response();
    assert_eq!(r.status, 413);
    assert!(!r.body.is_empty());
    assert!(c.is_closed());
}

#[test]
fn stream_chunks_that_are_ready_together_go_out_together() {
    let s = kit();
    let mut c = s.client();
    c.send("GET /stream?n=16&ms=0 HTTP/1.1\r\nHost: t\r\n\r\n");
    let r = c.response();
    assert_eq!(r.status, 200);
    let expected: String = (0..16).map(|i| format!("chunk {i}\n")).collect();
    assert_eq!(r.text(), expected);
    // Sixteen chunks made without waiting leave in one write.
    assert_eq!(r.chunks.len(), 1, "{:?}", r.chunks.len());
}

#[test]
fn a_large_stream_made_without_waiting_arrives_whole() {
    let s = kit();
    let mut c = s.client();
    // 40 chunks of 8 KiB: more than one write's worth is ready at once.
    let expected: String = (0..40)
        .map(|i| {
            format!("chunk {i}\n")
                .chars()
                .chain(std::iter::repeat(char::from(b'0' + i % 10)))
                .take(8192)
                .collect::<String>()
        })
        .collect();
    for _ in 0..2 {
        c.send("GET /stream?n=40&ms=0&size=8192 HTTP/1.1\r\nHost: t\r\n\r\n");
        let r = c.response();
        assert_eq!(r.status, 200);
        assert_eq!(r.body.len(), expected.len());
        assert!(r.text() == expected, "the body arrives whole and in order");
    }
}

#[test]
fn streamed_response_arrives_chunk_by_chunk() {
    let s = kit();
    let mut c = s.client();
    // Warm the path so the timing below measures streaming, not start-up.
    c.send("GET /stream?n=1&ms=0 HTTP/1.1\r\nHost: t\r\n\r\n");
    assert_eq!(c.response().text(), "chunk 0\n");
    let sent = Instant::now();
    c.send("GET /stream?n=4&ms=300 HTTP/1.1\r\nHost: t\r\n\r\n");
    let r = c.response();
    assert_eq!(r.status, 200);
    assert_eq!(r.header("transfer-encoding"), Some("chunked"));
    assert_eq!(r.header("content-length"), None);
    assert_eq!(r.text(), "chunk 0\nchunk 1\nchunk 2\nchunk 3\n");
    assert_eq!(r.chunks.len(), 4);
    // The first chunk is not held back until the stream ends (~900 ms).
    let first = r.chunks[0].0.duration_since(sent);
    let last = r.chunks[3].0.duration_since(sent);
    assert!(
        first < Duration::from_millis(600),
        "first chunk after {first:?}"
    );
    assert!(
        last >= Duration::from_millis(800),
        "last chunk after {last:?}"
    );
    assert!(
        last - first >= Duration::from_millis(800),
        "chunks arrived together: first {first:?}, last {last:?}"
    );
    // Keep-alive survives a streamed response.
    c.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n");
    assert_eq!(c.response().status, 200);
}

#[test]
fn large_body_round_trips() {
    let s = kit();
    let mut c = s.client();
    let body: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
    let mut req = format!(
        "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    req.extend_from_slice(&body);
    c.send_bytes(&req);
    let r = c.response();
    assert_eq!(r.status, 200);
    assert_eq!(r.body, body);
}

#[test]
fn handler_error_status_passes_through() {
    let s = kit();
    let r = s.get("/error");
    assert_eq!(r.status, 500);
    assert_eq!(r.text(), "handler failed on purpose\n");
    assert_eq!(s.get("/nope").status, 404);
    // A 500 the app chose is not a failure of the app.
    assert_eq!(s.get("/").status, 200);
}

#[test]
fn request_headers_reach_the_app() {
    let s = kit();
    let mut c = s.client();
    c.send("GET /headers HTTP/1.1\r\nHost: t\r\nX-One: 1\r\nX-Two: two words\r\n\r\n");
    let r = c.response();
    assert_eq!(r.status, 200);
    let text = r.text();
    assert!(text.contains("host: t\n"), "{text}");
    assert!(text.contains("x-one: 1\n"), "{text}");
    assert!(text.contains("x-two: two words\n"), "{text}");
}

#[test]
fn legacy_driver_serves_too() {
    let s = Server::spawn(
        nano_command("kit", &["--cores", "1"]).env("MONOIO_FORCE_LEGACY_DRIVER", "1"),
        true,
    )
    .unwrap();
    let mut c = s.client();
    c.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n\r\nok");
    assert_eq!(c.response().text(), "ok");
    c.send("GET /stream?n=2&ms=50 HTTP/1.1\r\nHost: t\r\n\r\n");
    assert_eq!(c.response().chunks.len(), 2);
    c.send("GET /sleep?ms=20 HTTP/1.1\r\nHost: t\r\n\r\n");
    assert_eq!(c.response().text(), "slept 20\n");
    assert!(s.logs().iter().any(|l| l.contains("io driver: epoll")));
}
