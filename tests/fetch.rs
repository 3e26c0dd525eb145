//! Outbound `fetch()`, run through the real `nano eval` binary against small
//! HTTP (and HTTPS) servers on loopback written here by hand.

mod common;

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::Duration;

use flate2::write::{GzEncoder, ZlibEncoder};
use flate2::Compression;

use common::free_port;
use serde_json::{json, Value};

// ------------------------------------------------------------ test server

/// What the server saw and the gate the chunked route waits on.
#[derive(Default)]
struct Shared {
    paths: Mutex<Vec<String>>,
    released: Mutex<bool>,
    release: Condvar,
}

/// A loopback listener that serves each connection on a thread of its own,
/// handing `serve` the connection's number in accept order (from 1).
struct Listener {
    port: u16,
    accepted: Arc<AtomicUsize>,
}

impl Listener {
    fn start(serve: impl Fn(TcpStream, usize) + Send + Sync + 'static) -> Listener {
        let listener = TcpListener::bind("127.0.0.1:0").expect("binding a test server");
        let port = listener.local_addr().unwrap().port();
        let accepted = Arc::new(AtomicUsize::new(0));
        let counter = accepted.clone();
        let serve = Arc::new(serve);
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let connection = counter.fetch_add(1, Ordering::SeqCst) + 1;
                let serve = serve.clone();
                thread::spawn(move || serve(stream, connection));
            }
        });
        Listener { port, accepted }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn connections(&self) -> usize {
        self.accepted.load(Ordering::SeqCst)
    }
}

/// The one-request-per-connection server of most tests (`handle`).
struct Server {
    listener: Listener,
    shared: Arc<Shared>,
}

impl Server {
    fn start() -> Server {
        let shared = Arc::new(Shared::default());
        let serving = shared.clone();
        let listener = Listener::start(move |stream, _| {
            let _ = handle(stream, &serving);
        });
        Server { listener, shared }
    }

    fn url(&self, path: &str) -> String {
        self.listener.url(path)
    }

    fn paths(&self) -> Vec<String> {
        self.shared.paths.lock().unwrap().clone()
    }
}

struct Received {
    method: String,
    path: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

fn read_request(stream: &mut impl Read) -> std::io::Result<Received> {
    let mut data = Vec::new();
    let mut byte = [0u8; 1];
    while !data.ends_with(b"\r\n\r\n") {
        if stream.read(&mut byte)? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        data.push(byte[0]);
        if data.len() == 1 && !byte[0].is_ascii_uppercase() {
            // Not HTTP (a TLS ClientHello, say).
            return Err(std::io::ErrorKind::InvalidData.into());
        }
    }
    let text = String::from_utf8_lossy(&data).into_owned();
    let mut lines = text.split("\r\n");
    let mut start = lines.next().unwrap_or_default().split(' ');
    let method = start.next().unwrap_or_default().to_string();
    let path = start.next().unwrap_or_default().to_string();
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_string()))
        .collect();
    let length = headers
        .iter()
        .find(|(name, _)| name == "content-length")
        .map_or(0, |(_, value)| value.parse().unwrap_or(0));
    let mut body = vec![0; length];
    stream.read_exact(&mut body)?;
    Ok(Received {
        method,
        path,
        headers,
        body,
    })
}

fn respond(
    stream: &mut impl Write,
    status: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {status}\r\ncontent-length: {}\r\nconnection: close\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    stream.write_all(body)?;
    stream.flush()
}

fn handle(mut stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    let request = match read_request(&mut stream) {
        Ok(request) => request,
        Err(error) if error.kind() == std::io::ErrorKind::InvalidData => {
            return respond(&mut stream, "400 Bad Request", &[], b"not HTTP");
        }
        Err(error) => return Err(error),
    };
    shared
        .paths
        .lock()
        .unwrap()
        .push(format!("{} {}", request.method, request.path));
    let path = request.path.as_str();
    match path {
        "/text" => respond(
            &mut stream,
            "200 OK",
            &[("content-type", "text/plain")],
            b"hello world",
        ),
        "/json" => respond(
            &mut stream,
            "200 OK",
            &[("content-type", "application/json")],
            br#"{"a":[1,2]}"#,
        ),
        "/bytes" => {
            let bytes: Vec<u8> = (0..=255).collect();
            respond(&mut stream, "200 OK", &[], &bytes)
        }
        "/echo" => {
            let headers: BTreeMap<_, _> = request.headers.iter().cloned().collect();
            let reply = json!({
                "method": request.method,
                "headers": headers,
                "body": String::from_utf8_lossy(&request.body),
            });
            respond(
                &mut stream,
                "201 Created",
                &[
                    ("content-type", "application/json"),
                    ("x-reply", "yes"),
                    ("set-cookie", "a=1"),
                    ("set-cookie", "b=2"),
                ],
                reply.to_string().as_bytes(),
            )
        }
        "/chunked" => {
            stream.write_all(
                b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n5\r\nfirst\r\n",
            )?;
            stream.flush()?;
            // The second chunk waits until the client asks for /release,
            // which it can only do after it has seen the first one.
            let released = shared.released.lock().unwrap();
            let (released, _) = shared
                .release
                .wait_timeout_while(released, Duration::from_secs(10), |released| !*released)
                .unwrap();
            let last: &[u8] = if *released {
                b"6\r\nsecond\r\n"
            } else {
                b"7\r\ntimeout\r\n"
            };
            stream.write_all(last)?;
            stream.write_all(b"0\r\n\r\n")
        }
        "/release" => {
            *shared.released.lock().unwrap() = true;
            shared.release.notify_all();
            respond(&mut stream, "200 OK", &[], b"released")
        }
        "/slow" => {
            thread::sleep(Duration::from_secs(3));
            respond(&mut stream, "200 OK", &[], b"late")
        }
        "/slow-body" => {
            stream.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nabc")?;
            stream.flush()?;
            thread::sleep(Duration::from_secs(3));
            stream.write_all(b"defghij")
        }
        "/cut" => {
            stream.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\nonly ten b")?;
            Ok(())
        }
        "/close" => {
            stream.write_all(
                b"HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\n\r\nread until the server closes",
            )?;
            Ok(())
        }
        "/big-head" => {
            let filler = "x".repeat(70 * 1024);
            stream.write_all(format!("HTTP/1.1 200 OK\r\nx-big: {filler}\r\n\r\n").as_bytes())
        }
        "/garbage" => stream.write_all(b"this is not http\r\n\r\n"),
        "/gzip" => respond(
            &mut stream,
            "200 OK",
            &[("content-encoding", "gzip")],
            &compressed(
                GzEncoder::new(Vec::new(), Compression::default()),
                "gzip body",
                GzEncoder::finish,
            ),
        ),
        "/deflate" => respond(
            &mut stream,
            "200 OK",
            &[("content-encoding", "deflate")],
            &compressed(
                ZlibEncoder::new(Vec::new(), Compression::default()),
                "deflate body",
                ZlibEncoder::finish,
            ),
        ),
        "/gzip-chunked" => {
            let body = compressed(
                GzEncoder::new(Vec::new(), Compression::default()),
                &"streamed ".repeat(1000),
                GzEncoder::finish,
            );
            let (first, second) = body.split_at(body.len() / 2);
            stream.write_all(
                b"HTTP/1.1 200 OK\r\ncontent-encoding: gzip\r\ntransfer-encoding: chunked\r\n\r\n",
            )?;
            for part in [first, second] {
                stream.write_all(format!("{:x}\r\n", part.len()).as_bytes())?;
                stream.write_all(part)?;
                stream.write_all(b"\r\n")?;
                stream.flush()?;
            }
            stream.write_all(b"0\r\n\r\n")
        }
        "/gzip-corrupt" => respond(
            &mut stream,
            "200 OK",
            &[("content-encoding", "gzip")],
            b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xffnot deflate data",
        ),
        "/gzip-empty" => respond(&mut stream, "200 OK", &[("content-encoding", "gzip")], b""),
        "/br" => respond(
            &mut stream,
            "200 OK",
            &[("content-encoding", "br")],
            b"\x0b\x02\x80raw",
        ),
        "/no-location" => respond(&mut stream, "302 Found", &[], b"nowhere"),
        "/loop" => respond(&mut stream, "302 Found", &[("location", "/loop")], b""),
        _ if path.starts_with("/redirect/") => {
            let status = &path["/redirect/".len()..];
            let status = match status {
                "301" => "301 Moved Permanently",
                "302" => "302 Found",
                "303" => "303 See Other",
                "307" => "307 Temporary Redirect",
                _ => "308 Permanent Redirect",
            };
            respond(&mut stream, status, &[("location", "/echo")], b"moved")
        }
        _ if path.starts_with("/chain/") => {
            let left: u32 = path["/chain/".len()..].parse().unwrap_or(0);
            let next = if left == 0 {
                "../text".to_string()
            } else {
                format!("{}", left - 1)
            };
            respond(&mut stream, "302 Found", &[("location", &next)], b"")
        }
        _ => respond(&mut stream, "404 Not Found", &[], b"not found"),
    }
}

/// `text` through a flate2 encoder, finished with `finish`.
fn compressed<E: Write>(
    mut encoder: E,
    text: &str,
    finish: impl FnOnce(E) -> std::io::Result<Vec<u8>>,
) -> Vec<u8> {
    encoder.write_all(text.as_bytes()).unwrap();
    finish(encoder).unwrap()
}

// ------------------------------------------------------------ running nano

fn nano_eval(code: &str, envs: &[(&str, &str)]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nano"))
        .args(["eval", "--timeout-ms", "20000", code])
        .envs(envs.iter().copied())
        .output()
        .expect("running nano")
}

/// Runs an async function body; it returns a JSON-able value.
fn run_js(body: &str) -> Value {
    run_js_with(body, &[])
}

fn run_js_with(body: &str, envs: &[(&str, &str)]) -> Value {
    let code = format!("(async () => {{ {body} }})().then((value) => JSON.stringify(value))");
    let output = nano_eval(&code, envs);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "nano failed: {stderr}\nstdout: {stdout}"
    );
    serde_json::from_str(stdout.trim())
        .unwrap_or_else(|_| panic!("not JSON: {stdout}\nstderr: {stderr}"))
}

/// JavaScript that turns a rejection into `{name, message}`.
const CATCH: &str =
    "(e) => ({ name: e?.name, message: String(e?.message), isError: e instanceof Error })";

// ------------------------------------------------------------ tests

#[test]
fn get_text_json_and_bytes() {
    let server = Server::start();
    let out = run_js(&format!(
        r#"
        const r = await fetch("{text}");
        const text = await r.text();
        const json = await (await fetch("{json}")).json();
        const buf = await (await fetch(new Request("{bytes}"))).arrayBuffer();
        const bytes = new Uint8Array(buf);
        return {{
          status: r.status, ok: r.ok, statusText: r.statusText, type: r.headers.get("content-type"),
          length: r.headers.get("content-length"), url: r.url, redirected: r.redirected, text, json,
          byteLength: bytes.length, first: bytes[0], last: bytes[255],
          isResponse: r instanceof Response, bodyUsed: r.bodyUsed,
        }};
        "#,
        text = server.url("/text"),
        json = server.url("/json"),
        bytes = server.url("/bytes"),
    ));
    assert_eq!(
        out,
        json!({
            "status": 200, "ok": true, "statusText": "OK", "type": "text/plain", "length": "11",
            "url": server.url("/text"), "redirected": false, "text": "hello world", "json": {"a": [1, 2]},
            "byteLength": 256, "first": 0, "last": 255, "isResponse": true, "bodyUsed": true,
        })
    );
}

#[test]
fn request_method_headers_and_body_reach_the_server() {
    let server = Server::start();
    let out = run_js(&format!(
        r#"
        const r = await fetch("{echo}", {{ method: "POST", body: "payload", headers: {{ "X-Custom": "abc" }} }});
        const echoed = await r.json();
        const put = await (await fetch("{echo}", {{ method: "PUT", body: new Uint8Array([104, 105]) }})).json();
        const stream = new ReadableStream({{
          start(c) {{ c.enqueue(new TextEncoder().encode("from ")); c.enqueue(new TextEncoder().encode("a stream")); c.close(); }},
        }});
        const streamed = await (await fetch("{echo}", {{ method: "POST", body: stream, duplex: "half" }})).json();
        const agent = await (await fetch("{echo}", {{ headers: {{ "user-agent": "custom/1" }} }})).json();
        return {{
          status: r.status, statusText: r.statusText, reply: r.headers.get("x-reply"),
          cookies: r.headers.getSetCookie(), echoed, put, streamed: streamed.body,
          streamedLength: streamed.headers["content-length"], agent: agent.headers["user-agent"],
        }};
        "#,
        echo = server.url("/echo"),
    ));
    assert_eq!(out["status"], 201);
    assert_eq!(out["statusText"], "Created");
    assert_eq!(out["reply"], "yes");
    assert_eq!(out["cookies"], json!(["a=1", "b=2"]));
    let echoed = &out["echoed"];
    assert_eq!(echoed["method"], "POST");
    assert_eq!(echoed["body"], "payload");
    assert_eq!(echoed["headers"]["x-custom"], "abc");
    assert_eq!(
        echoed["headers"]["host"],
        format!("127.0.0.1:{}", server.listener.port)
    );
    assert_eq!(echoed["headers"]["content-length"], "7");
    assert_eq!(
        echoed["headers"]["content-type"],
        "text/plain;charset=UTF-8"
    );
    assert_eq!(echoed["headers"]["user-agent"], "nano");
    assert_eq!(out["put"]["method"], "PUT");
    assert_eq!(out["put"]["body"], "hi");
    assert_eq!(out["streamed"], "from a stream");
    assert_eq!(out["streamedLength"], "13");
    assert_eq!(out["agent"], "custom/1");
}

#[test]
fn chunked_body_streams_before_the_server_finishes() {
    let server = Server::start();
    let out = run_js(&format!(
        r#"
        const r = await fetch("{chunked}");
        const reader = r.body.getReader();
        const decoder = new TextDecoder();
        const first = await reader.read();
        // The server sends the rest only after this request.
        await (await fetch("{release}")).text();
        const chunks = [decoder.decode(first.value)];
        for (;;) {{
          const {{ done, value }} = await reader.read();
          if (done) break;
          chunks.push(decoder.decode(value));
        }}
        return {{ chunks, isStream: r.body instanceof ReadableStream }};
        "#,
        chunked = server.url("/chunked"),
        release = server.url("/release"),
    ));
    assert_eq!(
        out,
        json!({ "chunks": ["first", "second"], "isStream": true })
    );
}

#[test]
fn redirects_are_followed_with_the_right_method() {
    let server = Server::start();
    let out = run_js(&format!(
        r#"
        const results = {{}};
        for (const [status, method] of [[301, "POST"], [302, "POST"], [303, "PUT"], [307, "POST"], [308, "PUT"], [302, "GET"]]) {{
          const init = {{ method, headers: {{ "content-type": "text/x-test" }} }};
          if (method !== "GET") init.body = "data";
          const r = await fetch("{base}/redirect/" + status, init);
          const echoed = await r.json();
          results[status + " " + method] = {{
            method: echoed.method, body: echoed.body, type: echoed.headers["content-type"] ?? null,
            redirected: r.redirected, url: r.url,
          }};
        }}
        const chain = await fetch("{base}/chain/3");
        results.chain = {{ text: await chain.text(), redirected: chain.redirected, url: chain.url }};
        return results;
        "#,
        base = server.url(""),
    ));
    let echo = server.url("/echo");
    let moved = |method: &str, body: &str, kind: Option<&str>| json!({ "method": method, "body": body, "type": kind, "redirected": true, "url": echo });
    assert_eq!(out["301 POST"], moved("GET", "", None));
    assert_eq!(out["302 POST"], moved("GET", "", None));
    assert_eq!(out["303 PUT"], moved("GET", "", None));
    assert_eq!(out["307 POST"], moved("POST", "data", Some("text/x-test")));
    assert_eq!(out["308 PUT"], moved("PUT", "data", Some("text/x-test")));
    assert_eq!(out["302 GET"], moved("GET", "", Some("text/x-test")));
    assert_eq!(
        out["chain"],
        json!({ "text": "hello world", "redirected": true, "url": server.url("/text") })
    );
    let paths = server.paths();
    let chain: Vec<_> = paths
        .iter()
        .skip_while(|path| *path != "GET /chain/3")
        .collect();
    assert_eq!(
        chain,
        [
            "GET /chain/3",
            "GET /chain/2",
            "GET /chain/1",
            "GET /chain/0",
            "GET /text"
        ]
    );
}

#[test]
fn redirect_modes_error_and_manual() {
    let server = Server::start();
    let out = run_js(&format!(
        r#"
        const error = await fetch("{base}/redirect/302", {{ redirect: "error" }}).then(() => null, {CATCH});
        const manual = await fetch("{base}/redirect/301", {{ redirect: "manual" }});
        const tooMany = await fetch("{base}/loop").then(() => null, {CATCH});
        const noLocation = await fetch("{base}/no-location");
        return {{
          error, tooMany,
          manual: {{ status: manual.status, location: manual.headers.get("location"), redirected: manual.redirected, text: await manual.text() }},
          noLocation: {{ status: noLocation.status, text: await noLocation.text() }},
        }};
        "#,
        base = server.url(""),
    ));
    assert_eq!(out["error"]["name"], "TypeError");
    assert!(
        out["error"]["message"]
            .as_str()
            .unwrap()
            .contains("redirect mode 'error'"),
        "{out}"
    );
    assert_eq!(
        out["manual"],
        json!({ "status": 301, "location": "/echo", "redirected": false, "text": "moved" })
    );
    assert_eq!(out["tooMany"]["name"], "TypeError");
    assert!(out["tooMany"]["message"]
        .as_str()
        .unwrap()
        .contains("more than 20 redirects"));
    assert_eq!(
        out["noLocation"],
        json!({ "status": 302, "text": "nowhere" })
    );
    let loops = server
        .paths()
        .iter()
        .filter(|path| *path == "GET /loop")
        .count();
    assert_eq!(loops, 21);
}

#[test]
fn network_failures_reject_with_clear_type_errors() {
    let server = Server::start();
    // A port nothing listens on.
    let closed_port = free_port();
    let out = run_js(&format!(
        r#"
        const attempt = (url) => fetch(url).then((r) => r.text()).then(() => null, {CATCH});
        return {{
          refused: await attempt("http://127.0.0.1:{closed_port}/"),
          ftp: await attempt("ftp://127.0.0.1/file"),
          file: await attempt("file:///etc/passwd"),
          invalid: await attempt("not a url"),
          cut: await attempt("{base}/cut"),
          bigHead: await attempt("{base}/big-head"),
          garbage: await attempt("{base}/garbage"),
          tls: await attempt("https://127.0.0.1:{port}/text"),
          closeDelimited: await fetch("{base}/close").then((r) => r.text()),
        }};
        "#,
        base = server.url(""),
        port = server.listener.port,
    ));
    let check = |key: &str, needle: &str| {
        assert_eq!(out[key]["name"], "TypeError", "{key}: {}", out[key]);
        assert_eq!(out[key]["isError"], true);
        let message = out[key]["message"].as_str().unwrap();
        assert!(
            message.contains(needle),
            "{key}: '{message}' lacks '{needle}'"
        );
    };
    check(
        "refused",
        &format!("fetch failed: connection refused (127.0.0.1:{closed_port})"),
    );
    check("ftp", "unsupported URL scheme 'ftp:'");
    check("file", "unsupported URL scheme 'file:'");
    check("invalid", "not a url");
    check("cut", "before the body ended (90 bytes missing)");
    check("bigHead", "larger than 64 KiB");
    check("garbage", "malformed response head");
    check("tls", "TLS handshake with 127.0.0.1 failed");
    assert_eq!(out["closeDelimited"], "read until the server closes");
}

#[test]
fn abort_signals_stop_requests_and_bodies() {
    let server = Server::start();
    let out = run_js(&format!(
        r#"
        const started = Date.now();
        const timedOut = await fetch("{base}/slow", {{ signal: AbortSignal.timeout(200) }}).then(() => null, {CATCH});
        const timeoutMs = Date.now() - started;

        const controller = new AbortController();
        setTimeout(() => controller.abort(), 100);
        const aborted = await fetch("{base}/slow", {{ signal: controller.signal }}).then(() => null, {CATCH});

        const early = await fetch("{base}/text", {{ signal: AbortSignal.abort("stop") }}).then(() => null, (e) => e);

        const bodyController = new AbortController();
        const r = await fetch("{base}/slow-body", {{ signal: bodyController.signal }});
        const reader = r.body.getReader();
        const first = new TextDecoder().decode((await reader.read()).value);
        setTimeout(() => bodyController.abort(new Error("enough")), 100);
        const midBody = await reader.read().then(() => null, {CATCH});

        return {{ timedOut, timeoutMs, aborted, early, first, midBody, total: Date.now() - started }};
        "#,
        base = server.url(""),
    ));
    assert_eq!(out["timedOut"]["name"], "TimeoutError", "{out}");
    assert!(out["timeoutMs"].as_u64().unwrap() < 2000, "{out}");
    assert_eq!(out["aborted"]["name"], "AbortError");
    assert_eq!(out["early"], "stop");
    assert_eq!(out["first"], "abc");
    assert_eq!(out["midBody"]["message"], "enough");
    // Nothing waited for the slow server's three seconds.
    assert!(out["total"].as_u64().unwrap() < 2500, "{out}");
    assert!(!server.paths().contains(&"GET /text".to_string()));
}

#[test]
fn cancelling_the_body_closes_the_connection() {
    let server = Server::start();
    let out = run_js(&format!(
        r#"
        const r = await fetch("{base}/slow-body");
        const reader = r.body.getReader();
        const first = new TextDecoder().decode((await reader.read()).value);
        await reader.cancel("not needed");
        const after = await reader.read();
        return {{ first, done: after.done }};
        "#,
        base = server.url(""),
    ));
    assert_eq!(out, json!({ "first": "abc", "done": true }));
}

#[test]
fn gzip_and_deflate_bodies_are_decoded() {
    let server = Server::start();
    let out = run_js(&format!(
        r#"
        const text = async (path) => (await fetch("{base}" + path)).text();
        const r = await fetch("{base}/gzip");
        const echoed = await (await fetch("{base}/echo")).json();
        const own = await (await fetch("{base}/echo", {{ headers: {{ "accept-encoding": "identity" }} }})).json();
        return {{
          gzip: await r.text(), header: r.headers.get("content-encoding"),
          deflate: await text("/deflate"), chunkedLength: (await text("/gzip-chunked")).length,
          empty: await text("/gzip-empty"),
          brotli: Array.from(new Uint8Array(await (await fetch("{base}/br")).arrayBuffer())),
          corrupt: await text("/gzip-corrupt").then(() => "no error", {catch_}),
          sent: echoed.headers["accept-encoding"], sentByApp: own.headers["accept-encoding"],
        }};
        "#,
        base = server.url(""),
        catch_ = CATCH,
    ));
    assert_eq!(out["gzip"], "gzip body");
    assert_eq!(out["header"], "gzip", "the header stays as received");
    assert_eq!(out["deflate"], "deflate body");
    assert_eq!(out["chunkedLength"], "streamed ".len() * 1000);
    assert_eq!(out["empty"], "");
    // A coding NANO does not decode is handed over as received.
    assert_eq!(out["brotli"], json!([11, 2, 128, 114, 97, 119]));
    assert_eq!(out["corrupt"]["name"], "TypeError");
    assert!(
        out["corrupt"]["message"]
            .as_str()
            .unwrap()
            .contains("not valid gzip"),
        "{out}"
    );
    assert_eq!(out["sent"], "gzip, deflate");
    assert_eq!(out["sentByApp"], "identity");
}

// ------------------------------------------------------------ keep-alive

/// A server that keeps connections alive (`serve_keep_alive`).
fn keep_alive_server() -> Listener {
    Listener::start(|stream, connection| {
        let _ = serve_keep_alive(stream, connection);
    })
}

/// Answers every request on a connection until the client closes it. Each
/// body names the connection (by accept order) and the request's number on
/// it, as `c2:3`.
fn serve_keep_alive(mut stream: impl Read + Write, connection: usize) -> std::io::Result<()> {
    for number in 1.. {
        let request = read_request(&mut stream)?;
        let name = format!("c{connection}:{number}");
        let head = match request.path.as_str() {
            "/chunked" => format!(
                "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n{:x}\r\n{name}\r\n0\r\n\r\n",
                name.len()
            ),
            "/empty" => "HTTP/1.1 204 No Content\r\n\r\n".to_string(),
            "/moved" => format!(
                "HTTP/1.1 302 Found\r\nlocation: /n\r\ncontent-length: {}\r\n\r\n{name}",
                name.len()
            ),
            "/http10" => format!(
                "HTTP/1.0 200 OK\r\ncontent-length: {}\r\n\r\n{name}",
                name.len()
            ),
            _ => format!(
                "HTTP/1.1 200 OK\r\ncontent-length: {}\r\n\r\n{name}",
                name.len()
            ),
        };
        stream.write_all(head.as_bytes())?;
        stream.flush()?;
        if request.path == "/then-close" {
            // As a server whose idle timeout ran out: no `connection: close`.
            return Ok(());
        }
    }
    Ok(())
}

#[test]
fn keep_alive_connections_are_reused_between_fetches() {
    let server = keep_alive_server();
    let out = run_js(&format!(
        r#"
        const seen = [];
        for (const path of ["/n", "/chunked", "/n"]) seen.push(await (await fetch("{base}" + path)).text());
        const empty = await fetch("{base}/empty");
        seen.push(empty.status);
        // A redirect's body is read, so the next hop reuses the connection.
        seen.push(await (await fetch("{base}/moved")).text());
        seen.push(await (await fetch("{base}/n", {{ method: "POST", body: "x" }})).text());
        const together = () => Promise.all([1, 2, 3].map(async () => (await fetch("{base}/n")).text()));
        const first = await together();
        const second = await together();
        return {{ seen, first, second }};
        "#,
        base = server.url(""),
    ));
    assert_eq!(
        out["seen"],
        json!(["c1:1", "c1:2", "c1:3", 204, "c1:6", "c1:7"]),
        "one connection carries the sequential requests: {out}"
    );
    let connections_of = |texts: &Value| -> Vec<String> {
        let mut names: Vec<String> = texts
            .as_array()
            .unwrap()
            .iter()
            .map(|text| {
                text.as_str()
                    .unwrap()
                    .split(':')
                    .next()
                    .unwrap()
                    .to_string()
            })
            .collect();
        names.sort();
        names
    };
    // Three at once need three connections; the next three reuse them.
    assert_eq!(connections_of(&out["first"]), ["c1", "c2", "c3"], "{out}");
    assert_eq!(connections_of(&out["second"]), ["c1", "c2", "c3"], "{out}");
    assert_eq!(server.connections(), 3);
}

#[test]
fn a_connection_the_server_closed_is_not_reused() {
    let server = keep_alive_server();
    let out = run_js(&format!(
        r#"
        const text = async (path, init) => (await fetch("{base}" + path, init)).text();
        const pause = () => new Promise((resolve) => setTimeout(resolve, 100));
        const seen = [await text("/then-close")];
        // At once: the close may not have arrived yet; a GET is sent again.
        seen.push(await text("/n"));
        seen.push(await text("/then-close"));
        await pause();
        // A POST is never sent twice: the closed connection must be noticed before.
        seen.push(await text("/n", {{ method: "POST", body: "once" }}));
        return seen;
        "#,
        base = server.url(""),
    ));
    assert_eq!(out, json!(["c1:1", "c2:1", "c2:2", "c3:1"]));
    assert_eq!(server.connections(), 3);
}

#[test]
fn connections_that_cannot_be_reused_are_not() {
    let server = keep_alive_server();
    let out = run_js(&format!(
        r#"
        const text = async (path) => (await fetch("{base}" + path)).text();
        const seen = [await text("/http10"), await text("/n")];
        // A body nobody read keeps its connection busy.
        const unread = await fetch("{base}/n");
        seen.push(await text("/n"));
        seen.push(await unread.text());
        return seen;
        "#,
        base = server.url(""),
    ));
    // HTTP/1.0 does not keep alive; the unread response holds c2.
    assert_eq!(out, json!(["c1:1", "c2:1", "c3:1", "c2:2"]));
    assert_eq!(server.connections(), 3);
}

// ------------------------------------------------------------ https

/// `serve_keep_alive` over TLS.
fn tls_server(cert: rustls::pki_types::CertificateDer<'static>, key: Vec<u8>) -> Listener {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let key = rustls::pki_types::PrivateKeyDer::Pkcs8(key.into());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![cert], key)
        .unwrap();
    let config = Arc::new(config);
    Listener::start(move |stream, connection| {
        let session = rustls::ServerConnection::new(config.clone()).unwrap();
        let _ = serve_keep_alive(rustls::StreamOwned::new(session, stream), connection);
    })
}

#[test]
fn https_to_a_server_trusted_through_the_extra_ca_file() {
    let certified =
        rcgen::generate_simple_self_signed(vec!["localhost".into(), "127.0.0.1".into()]).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let ca_path = dir.path().join("ca.pem");
    std::fs::write(&ca_path, certified.cert.pem()).unwrap();
    let server = tls_server(
        certified.cert.der().clone(),
        certified.key_pair.serialize_der(),
    );
    let port = server.port;
    let code = format!(
        r#"
        const attempt = (url) => fetch(url).then((r) => r.text()).then((text) => ({{ text }}), {CATCH});
        return {{
          byIp: await attempt("https://127.0.0.1:{port}/ip"),
          again: await attempt("https://127.0.0.1:{port}/again"),
          byName: await attempt("https://localhost:{port}/name"),
        }};
        "#
    );
    let trusted = run_js_with(&code, &[("NANO_EXTRA_CA_CERTS", ca_path.to_str().unwrap())]);
    // The second request to the same origin reuses the TLS connection; a
    // different host name is another origin.
    assert_eq!(
        trusted,
        json!({ "byIp": { "text": "c1:1" }, "again": { "text": "c1:2" }, "byName": { "text": "c2:1" } })
    );
    let untrusted = run_js(&code);
    assert_eq!(untrusted["byIp"]["name"], "TypeError");
    let message = untrusted["byIp"]["message"].as_str().unwrap();
    assert!(
        message.contains("TLS handshake with 127.0.0.1 failed") && message.contains("certificate"),
        "{message}"
    );
}
