//! A small HTTP/1.1 client for outbound `fetch()`: the response head parsed
//! with httparse, the body decoded lazily (Content-Length, chunked, or read
//! to close) as JavaScript pulls it, and connections kept alive in the
//! runtime's `IdlePool` once a body was read to its end.

use std::cell::Cell;
use std::io;
use std::mem;
use std::net::{SocketAddr, ToSocketAddrs};
use std::os::fd::{AsRawFd, RawFd};
use std::rc::Rc;
use std::time::Duration;

use monoio::io::{AsyncReadRent, AsyncWriteRentExt, Splitable};
use monoio::net::TcpStream;
use nix::errno::Errno;
use nix::sys::socket::{recv, MsgFlags};
use url::{Host, Url};

use super::pool::{IdlePool, Origin, MAX_IDLE_PER_ORIGIN};
use super::tls;
use crate::http::is_token;
use crate::http::websocket::{pump, PumpOptions, SocketEnd};
use crate::http::ChunkedDecoder;
use crate::runtime::compression::{CorruptData, Format, Inflater};
use tungstenite::handshake::client::generate_key;
use tungstenite::handshake::derive_accept_key;
use tungstenite::protocol::Role;

/// DNS, TCP connect and TLS handshake together.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// From the first request byte written to the end of the response head.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(30);
/// The largest response head (status line and header fields) accepted.
pub const MAX_HEAD_BYTES: usize = 64 * 1024;
const MAX_HEADERS: usize = 256;
const READ_SIZE: usize = 16 * 1024;
/// Longest a WebSocket's write waits for the server to read.
const WEBSOCKET_WRITE_TIMEOUT: Duration = Duration::from_secs(30);

/// A failure, already worded for the TypeError JavaScript sees.
pub type FetchError = String;

fn failed(what: impl std::fmt::Display) -> FetchError {
    format!("fetch failed: {what}")
}

/// One outbound request, validated.
pub struct Request {
    pub method: String,
    pub url: Url,
    pub headers: Vec<(String, Vec<u8>)>,
    pub body: Option<Vec<u8>>,
}

impl Request {
    pub fn new(
        method: String,
        url: &str,
        headers: Vec<(String, Vec<u8>)>,
        body: Option<Vec<u8>>,
    ) -> Result<Request, FetchError> {
        let url =
            Url::parse(url).map_err(|error| failed(format!("invalid URL '{url}': {error}")))?;
        if url.scheme() != "http" && url.scheme() != "https" {
            return Err(failed(format!(
                "unsupported URL scheme '{}:' (only http: and https: are supported)",
                url.scheme()
            )));
        }
        if url.host().is_none() {
            return Err(failed(format!("URL '{url}' has no host")));
        }
        if !is_token(method.as_bytes()) {
            return Err(failed(format!("invalid method '{method}'")));
        }
        for (name, value) in &headers {
            if !is_token(name.as_bytes()) {
                return Err(failed(format!("invalid header name '{name}'")));
            }
            // Guards against header injection even though Headers validates too.
            if value.iter().any(|&b| b == b'\r' || b == b'\n' || b == 0) {
                return Err(failed(format!("invalid value for header '{name}'")));
            }
        }
        Ok(Request {
            method,
            url,
            headers,
            body,
        })
    }

    /// RFC 9110 §9.2.2: safe to send again when a reused connection turns
    /// out to be closed before any of the response arrived.
    fn is_idempotent(&self) -> bool {
        matches!(
            self.method.as_str(),
            "GET" | "HEAD" | "OPTIONS" | "TRACE" | "PUT" | "DELETE"
        )
    }

    /// The request head and body as sent on the wire.
    fn encode(&self) -> Vec<u8> {
        self.encode_with(&[])
    }

    /// Whether the app asked for a WebSocket (`Upgrade: websocket`).
    pub fn is_websocket_upgrade(&self) -> bool {
        self.headers.iter().any(|(name, value)| {
            name.eq_ignore_ascii_case("upgrade")
                && value.trim_ascii().eq_ignore_ascii_case(b"websocket")
        })
    }

    /// The request as sent, with `fields` of the client's own in place of
    /// the app's of the same names.
    fn encode_with(&self, fields: &[(&str, &str)]) -> Vec<u8> {
        let body_len = self.body.as_ref().map_or(0, Vec::len);
        let mut out = Vec::with_capacity(256 + body_len);
        let mut target = self.url.path().to_string();
        if let Some(query) = self.url.query() {
            target.push('?');
            target.push_str(query);
        }
        out.extend_from_slice(format!("{} {target} HTTP/1.1\r\n", self.method).as_bytes());
        let host = self.url.host_str().unwrap_or_default();
        match self.url.port() {
            Some(port) => out.extend_from_slice(format!("host: {host}:{port}\r\n").as_bytes()),
            None => out.extend_from_slice(format!("host: {host}\r\n").as_bytes()),
        }
        let (mut has_agent, mut has_accept, mut has_accept_encoding) = (false, false, false);
        for (name, value) in &self.headers {
            let lower = name.to_ascii_lowercase();
            // Framing and connection headers are the client's to set.
            if matches!(
                lower.as_str(),
                "host"
                    | "content-length"
                    | "transfer-encoding"
                    | "connection"
                    | "keep-alive"
                    | "upgrade"
                    | "te"
            ) || fields.iter().any(|(own, _)| lower == *own)
            {
                continue;
            }
            has_agent |= lower == "user-agent";
            has_accept |= lower == "accept";
            has_accept_encoding |= lower == "accept-encoding";
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(b": ");
            out.extend_from_slice(value);
            out.extend_from_slice(b"\r\n");
        }
        for (name, value) in fields {
            out.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
        }
        if !has_agent {
            out.extend_from_slice(b"user-agent: nano\r\n");
        }
        if !has_accept {
            out.extend_from_slice(b"accept: */*\r\n");
        }
        if !has_accept_encoding {
            // Bodies in these codings are decoded as they are read (`Body`).
            out.extend_from_slice(b"accept-encoding: gzip, deflate\r\n");
        }
        if self.body.is_some() || matches!(self.method.as_str(), "POST" | "PUT" | "PATCH") {
            out.extend_from_slice(format!("content-length: {body_len}\r\n").as_bytes());
        }
        out.extend_from_slice(b"\r\n");
        if let Some(body) = &self.body {
            out.extend_from_slice(body);
        }
        out
    }
}

/// The status line and header fields of a response. Names are lowercased;
/// values are bytes as received (JavaScript sees them as ByteStrings).
pub struct Head {
    pub status: u16,
    pub reason: Vec<u8>,
    pub headers: Vec<(String, Vec<u8>)>,
    /// HTTP/1.1 without `connection: close`: the connection may be reused.
    keep_alive: bool,
}

pub struct Response {
    pub head: Head,
    /// None where the response cannot have a body (HEAD, 1xx, 204, 304).
    pub body: Option<Body>,
}

/// A TCP or TLS connection.
pub struct Conn {
    stream: Stream,
    /// The socket, for the liveness check of an idle connection.
    fd: RawFd,
}

enum Stream {
    Plain(TcpStream),
    Tls(Box<tls::Stream>),
}

impl Conn {
    /// For an idle connection: the server has not closed it and has sent
    /// nothing unasked. Over TLS, what waits may be a close_notify alert, so
    /// a connection with anything waiting is not reused either: a request
    /// that is not idempotent could not be sent again.
    pub fn is_open_and_quiet(&self) -> bool {
        let mut byte = [0u8; 1];
        let peeked = recv(
            self.fd,
            &mut byte,
            MsgFlags::MSG_PEEK | MsgFlags::MSG_DONTWAIT,
        );
        peeked == Err(Errno::EAGAIN)
    }

    /// Reads into `buf` from its start; Ok(0) at the end of the stream.
    async fn read(&mut self, buf: Vec<u8>) -> (io::Result<usize>, Vec<u8>) {
        match &mut self.stream {
            Stream::Plain(stream) => stream.read(buf).await,
            Stream::Tls(stream) => match stream.read(buf).await {
                // Many servers close without a TLS close_notify; the framing
                // (length, chunks) still tells a complete body from a cut one.
                (Err(error), buf) if error.kind() == io::ErrorKind::UnexpectedEof => (Ok(0), buf),
                other => other,
            },
        }
    }

    /// Runs a WebSocket over the connection until it closes (see
    /// `crate::http::websocket::pump`).
    pub async fn run_websocket(self, received: Vec<u8>, socket: SocketEnd) {
        let options = PumpOptions {
            role: Role::Client,
            write_timeout: WEBSOCKET_WRITE_TIMEOUT,
        };
        let never = std::future::pending();
        // Only the server's sockets are counted in metrics.
        let traffic = Cell::default();
        match self.stream {
            Stream::Plain(stream) => {
                let (reader, writer) = stream.into_split();
                pump(reader, writer, received, socket, options, never, &traffic).await;
            }
            Stream::Tls(stream) => {
                let (reader, writer) = (*stream).into_split();
                pump(reader, writer, received, socket, options, never, &traffic).await;
            }
        }
    }

    async fn write_all(&mut self, buf: Vec<u8>) -> io::Result<()> {
        match &mut self.stream {
            Stream::Plain(stream) => stream.write_all(buf).await.0.map(drop),
            Stream::Tls(stream) => stream.write_all(buf).await.0.map(drop),
        }
    }
}

/// Why an exchange failed.
enum ExchangeError {
    /// The connection was closed before any of the response arrived.
    Closed(FetchError),
    Other(FetchError),
}

/// Sends `request` over an idle connection from `pool` or a new one, and
/// reads the response head; the body stays unread.
pub async fn send(request: Request, pool: &Rc<IdlePool>) -> Result<Response, FetchError> {
    let origin = Origin::of(&request.url);
    let mut wire = request.encode();
    // Each retry takes another idle connection, the last a new one.
    for _ in 0..=MAX_IDLE_PER_ORIGIN {
        let reused = pool.take(&origin);
        let is_reused = reused.is_some();
        let mut conn = match reused {
            Some(conn) => conn,
            None => connect_in_time(&request.url).await?,
        };
        // Only a reused connection may need the bytes again.
        let bytes = if is_reused {
            wire.clone()
        } else {
            mem::take(&mut wire)
        };
        match monoio::time::timeout(HEAD_TIMEOUT, exchange(&mut conn, bytes)).await {
            Ok(Ok((head, rest))) => return respond(&request, pool, origin, conn, head, rest),
            Ok(Err(ExchangeError::Closed(_))) if is_reused && request.is_idempotent() => {}
            Ok(Err(ExchangeError::Closed(error) | ExchangeError::Other(error))) => {
                return Err(error)
            }
            Err(_) => {
                return Err(failed(format!(
                    "no response from {} within {} s",
                    authority(&request.url),
                    HEAD_TIMEOUT.as_secs()
                )))
            }
        }
    }
    Err(failed(format!(
        "{} kept closing the connection",
        authority(&request.url)
    )))
}

/// What a WebSocket upgrade request got back.
pub enum Upgraded {
    /// The server switched protocols: the connection, and what it sent
    /// after the response head.
    WebSocket {
        head: Head,
        conn: Conn,
        received: Vec<u8>,
    },
    /// Any other answer, read like any response.
    Response(Box<Response>),
}

/// Sends an `Upgrade: websocket` request on a connection of its own and
/// checks the server's handshake (RFC 6455 §4.1).
pub async fn open_websocket(
    mut request: Request,
    pool: &Rc<IdlePool>,
) -> Result<Upgraded, FetchError> {
    // No extension is spoken here (a proxied client may have offered
    // permessage-deflate).
    request
        .headers
        .retain(|(name, _)| !name.eq_ignore_ascii_case("sec-websocket-extensions"));
    let key = generate_key();
    let wire = request.encode_with(&[
        ("connection", "upgrade"),
        ("upgrade", "websocket"),
        ("sec-websocket-version", "13"),
        ("sec-websocket-key", &key),
    ]);
    let mut conn = connect_in_time(&request.url).await?;
    let (head, received) = match monoio::time::timeout(HEAD_TIMEOUT, exchange(&mut conn, wire))
        .await
    {
        Ok(Ok(answer)) => answer,
        Ok(Err(ExchangeError::Closed(error) | ExchangeError::Other(error))) => return Err(error),
        Err(_) => {
            return Err(failed(format!(
                "no response from {} within {} s",
                authority(&request.url),
                HEAD_TIMEOUT.as_secs()
            )))
        }
    };
    if head.status != 101 {
        let origin = Origin::of(&request.url);
        let response = respond(&request, pool, origin, conn, head, received)?;
        return Ok(Upgraded::Response(Box::new(response)));
    }
    let field = |name: &str| {
        head.headers
            .iter()
            .find(|(field, _)| field == name)
            .map(|(_, value)| value.as_slice())
    };
    let upgraded = field("upgrade").is_some_and(|value| value.eq_ignore_ascii_case(b"websocket"));
    let accepted =
        field("sec-websocket-accept") == Some(derive_accept_key(key.as_bytes()).as_bytes());
    if !upgraded || !accepted {
        return Err(failed(
            "the server's answer to the WebSocket upgrade is not a valid handshake (Upgrade, Sec-WebSocket-Accept)",
        ));
    }
    Ok(Upgraded::WebSocket {
        head,
        conn,
        received,
    })
}

async fn connect_in_time(url: &Url) -> Result<Conn, FetchError> {
    match monoio::time::timeout(CONNECT_TIMEOUT, connect(url)).await {
        Ok(conn) => conn,
        Err(_) => Err(failed(format!(
            "connecting to {} timed out after {} s",
            authority(url),
            CONNECT_TIMEOUT.as_secs()
        ))),
    }
}

async fn exchange(conn: &mut Conn, wire: Vec<u8>) -> Result<(Head, Vec<u8>), ExchangeError> {
    conn.write_all(wire).await.map_err(|error| {
        ExchangeError::Closed(failed(format!("could not send the request: {error}")))
    })?;
    read_head(conn).await
}

/// The response over `conn`; a connection with nothing left to read goes
/// back to the pool now, the others when their body has been read.
fn respond(
    request: &Request,
    pool: &Rc<IdlePool>,
    origin: Origin,
    conn: Conn,
    head: Head,
    rest: Vec<u8>,
) -> Result<Response, FetchError> {
    let Some(framing) = framing(&request.method, &head)? else {
        if head.keep_alive && rest.is_empty() {
            pool.put(origin, conn);
        }
        return Ok(Response { head, body: None });
    };
    let coding = head
        .headers
        .iter()
        .find(|(name, _)| name == "content-encoding")
        .and_then(|(_, value)| Format::from_content_coding(&String::from_utf8_lossy(value)));
    let body = Body {
        wire: Wire {
            conn: Some(conn),
            // A body read to the connection's end leaves nothing to reuse.
            return_to: (head.keep_alive && framing != Framing::Close)
                .then(|| (pool.clone(), origin)),
            scratch: Vec::with_capacity(READ_SIZE),
            decoder: Decoder { buf: rest, framing },
        },
        decoding: coding.map(|format| Decoding {
            format,
            inflater: Inflater::new(format),
            started: false,
        }),
    };
    Ok(Response {
        head,
        body: Some(body),
    })
}

fn authority(url: &Url) -> String {
    let host = url.host_str().unwrap_or_default();
    format!("{host}:{}", url.port_or_known_default().unwrap_or(0))
}

async fn connect(url: &Url) -> Result<Conn, FetchError> {
    let host = url.host().ok_or_else(|| failed("URL has no host"))?;
    let port = url.port_or_known_default().unwrap_or(80);
    let addrs = resolve(&host, port).await?;
    let mut last_error = None;
    let mut stream = None;
    for addr in addrs {
        match TcpStream::connect_addr(addr).await {
            Ok(connected) => {
                stream = Some(connected);
                break;
            }
            Err(error) => last_error = Some(describe_connect_error(&error, addr)),
        }
    }
    let Some(stream) = stream else {
        return Err(
            last_error.unwrap_or_else(|| failed(format!("no address to connect to for {host}")))
        );
    };
    // Requests are written in one go; no need to wait for more.
    let _ = stream.set_nodelay(true);
    let fd = stream.as_raw_fd();
    let stream = if url.scheme() == "https" {
        Stream::Tls(Box::new(tls::handshake(&host, stream).await?))
    } else {
        Stream::Plain(stream)
    };
    Ok(Conn { stream, fd })
}

fn describe_connect_error(error: &io::Error, addr: SocketAddr) -> FetchError {
    match error.kind() {
        io::ErrorKind::ConnectionRefused => failed(format!("connection refused ({addr})")),
        io::ErrorKind::TimedOut => failed(format!("connection timed out ({addr})")),
        _ => failed(format!("could not connect to {addr}: {error}")),
    }
}

/// Literal IPs need no lookup. Names are resolved with the system resolver
/// on a short-lived thread: it blocks, and core threads must not.
async fn resolve(host: &Host<&str>, port: u16) -> Result<Vec<SocketAddr>, FetchError> {
    let name = match host {
        Host::Ipv4(ip) => return Ok(vec![SocketAddr::new((*ip).into(), port)]),
        Host::Ipv6(ip) => return Ok(vec![SocketAddr::new((*ip).into(), port)]),
        Host::Domain(name) => name.to_string(),
    };
    let (sender, receiver) = futures::channel::oneshot::channel();
    let lookup = name.clone();
    std::thread::Builder::new()
        .name("nano-dns".into())
        .spawn(move || {
            let found = (lookup.as_str(), port)
                .to_socket_addrs()
                .map(|addrs| addrs.collect::<Vec<_>>());
            let _ = sender.send(found);
        })
        .map_err(|error| {
            failed(format!(
                "could not start a DNS lookup for '{name}': {error}"
            ))
        })?;
    match receiver.await {
        Ok(Ok(addrs)) if !addrs.is_empty() => Ok(addrs),
        Ok(Ok(_)) => Err(failed(format!(
            "could not resolve host '{name}': no addresses"
        ))),
        Ok(Err(error)) => Err(failed(format!("could not resolve host '{name}': {error}"))),
        Err(_) => Err(failed(format!("could not resolve host '{name}'"))),
    }
}

/// Reads until a final (non-1xx) response head; returns it and the bytes
/// read past it.
async fn read_head(conn: &mut Conn) -> Result<(Head, Vec<u8>), ExchangeError> {
    let mut buf = Vec::new();
    let mut scratch = Vec::with_capacity(READ_SIZE);
    let mut received = false;
    loop {
        if let Some((head, used)) = parse_head(&buf).map_err(ExchangeError::Other)? {
            buf.drain(..used);
            // Interim responses (100 Continue, 103 Early Hints) precede the real one.
            if (100..200).contains(&head.status) && head.status != 101 {
                continue;
            }
            return Ok((head, buf));
        }
        if buf.len() >= MAX_HEAD_BYTES {
            return Err(ExchangeError::Other(head_too_large()));
        }
        let (result, returned) = conn.read(mem::take(&mut scratch)).await;
        scratch = returned;
        let read = result.map_err(|error| {
            let error = failed(format!("could not read the response: {error}"));
            if received {
                ExchangeError::Other(error)
            } else {
                ExchangeError::Closed(error)
            }
        })?;
        if read == 0 {
            return Err(if received {
                ExchangeError::Other(failed(
                    "the server closed the connection in the middle of the response head",
                ))
            } else {
                ExchangeError::Closed(failed(
                    "the server closed the connection without a response",
                ))
            });
        }
        received = true;
        buf.extend_from_slice(&scratch[..read]);
        scratch.clear();
    }
}

fn head_too_large() -> FetchError {
    failed(format!(
        "the response head is larger than {} KiB",
        MAX_HEAD_BYTES / 1024
    ))
}

fn parse_head(buf: &[u8]) -> Result<Option<(Head, usize)>, FetchError> {
    let mut fields = vec![httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut response = httparse::Response::new(&mut fields);
    let used = match response.parse(buf) {
        Ok(httparse::Status::Complete(used)) => used,
        Ok(httparse::Status::Partial) => return Ok(None),
        Err(httparse::Error::TooManyHeaders) => {
            return Err(failed(format!(
                "the response has more than {MAX_HEADERS} header fields"
            )))
        }
        Err(error) => return Err(failed(format!("malformed response head: {error}"))),
    };
    if used > MAX_HEAD_BYTES {
        return Err(head_too_large());
    }
    let headers: Vec<(String, Vec<u8>)> = response
        .headers
        .iter()
        .map(|field| (field.name.to_ascii_lowercase(), field.value.to_vec()))
        .collect();
    let closes = headers.iter().any(|(name, value)| {
        name == "connection"
            && value
                .split(|&b| b == b',')
                .any(|token| token.trim_ascii().eq_ignore_ascii_case(b"close"))
    });
    let head = Head {
        status: response.code.unwrap_or(0),
        reason: response.reason.unwrap_or_default().as_bytes().to_vec(),
        headers,
        keep_alive: response.version == Some(1) && !closes,
    };
    Ok(Some((head, used)))
}

/// How the body's end is found (RFC 9112 §6.3).
#[derive(Debug, PartialEq, Eq)]
enum Framing {
    Length(u64),
    Chunked(ChunkedDecoder),
    Close,
    Done,
}

/// A response body streams to the app, so no size cap applies to it here.
fn chunked_framing() -> Framing {
    Framing::Chunked(ChunkedDecoder::new(usize::MAX))
}

fn framing(method: &str, head: &Head) -> Result<Option<Framing>, FetchError> {
    if method == "HEAD"
        || (100..200).contains(&head.status)
        || head.status == 204
        || head.status == 304
    {
        return Ok(None);
    }
    let values = |name: &'static str| {
        head.headers
            .iter()
            .filter(move |(field, _)| field == name)
            .flat_map(|(_, value)| value.split(|&b| b == b','))
            .map(|part| String::from_utf8_lossy(part).trim().to_ascii_lowercase())
            .filter(|part| !part.is_empty())
    };
    if let Some(last) = values("transfer-encoding").next_back() {
        return Ok(Some(if last == "chunked" {
            chunked_framing()
        } else {
            Framing::Close
        }));
    }
    let mut length = None;
    for value in values("content-length") {
        let parsed: u64 = value
            .parse()
            .ok()
            .filter(|_| value.bytes().all(|b| b.is_ascii_digit()))
            .ok_or_else(|| failed(format!("invalid content-length '{value}'")))?;
        if length.is_some_and(|known| known != parsed) {
            return Err(failed("conflicting content-length values"));
        }
        length = Some(parsed);
    }
    Ok(Some(match length {
        Some(0) => Framing::Done,
        Some(length) => Framing::Length(length),
        None => Framing::Close,
    }))
}

/// A response body being read: its framing removed and, for a gzip or
/// deflate `Content-Encoding`, decoded (as Workers and browsers do; the
/// header stays as received).
pub struct Body {
    wire: Wire,
    decoding: Option<Decoding>,
}

/// A content coding being undone.
struct Decoding {
    format: Format,
    inflater: Inflater,
    /// Whether any encoded byte arrived: an empty body is accepted as it is
    /// (servers send `content-encoding: gzip` with empty redirects, say).
    started: bool,
}

impl Body {
    /// The next piece of the body (never empty), or None at its end.
    pub async fn next_chunk(&mut self) -> Result<Option<Vec<u8>>, FetchError> {
        let Some(Decoding {
            format,
            inflater,
            started,
        }) = self.decoding.as_mut()
        else {
            return self.wire.next_chunk().await;
        };
        let format = *format;
        let corrupt = |error: CorruptData| {
            failed(format!(
                "the response body is not valid {}: {}",
                content_coding_name(format),
                error.0
            ))
        };
        loop {
            let decoded = if inflater.has_more() {
                inflater.push(&[])
            } else {
                match self.wire.next_chunk().await? {
                    Some(chunk) => {
                        *started = true;
                        inflater.push(&chunk)
                    }
                    None if !*started => return Ok(None),
                    None => return inflater.finish().map(|()| None).map_err(corrupt),
                }
            };
            let decoded = decoded.map_err(corrupt)?;
            if !decoded.is_empty() {
                return Ok(Some(decoded));
            }
        }
    }

    /// Reads and drops the rest of a body nobody wants, as framed on the
    /// wire (nothing is decoded), so that its connection can carry the next
    /// request; gives up past `max_bytes` or on an error, which closes it.
    pub async fn discard(mut self, max_bytes: usize) {
        let mut read = 0;
        while let Ok(Some(chunk)) = self.wire.next_chunk().await {
            read += chunk.len();
            if read > max_bytes {
                return;
            }
        }
    }
}

fn content_coding_name(format: Format) -> &'static str {
    match format {
        Format::Gzip => "gzip",
        Format::Deflate | Format::DeflateRaw => "deflate",
    }
}

/// The connection a body is read from, and its framing.
struct Wire {
    /// None once the body ended and the connection went back to the pool.
    conn: Option<Conn>,
    /// Where the connection goes when the body ends, if it may be reused.
    return_to: Option<(Rc<IdlePool>, Origin)>,
    scratch: Vec<u8>,
    decoder: Decoder,
}

impl Wire {
    /// The next piece of the body as framed on the wire, or None at its end.
    async fn next_chunk(&mut self) -> Result<Option<Vec<u8>>, FetchError> {
        loop {
            match self.decoder.step()? {
                Step::Data(data) => return Ok(Some(data)),
                Step::End => {
                    self.release();
                    return Ok(None);
                }
                Step::NeedMore => {}
            }
            let Some(conn) = self.conn.as_mut() else {
                return Err(failed("the response body was already read"));
            };
            let (result, returned) = conn.read(mem::take(&mut self.scratch)).await;
            self.scratch = returned;
            let read = result
                .map_err(|error| failed(format!("could not read the response body: {error}")))?;
            if read == 0 {
                return self.decoder.end_of_stream().map(|()| None);
            }
            if self.decoder.buf.is_empty() {
                // Hand the read buffer over instead of copying it.
                mem::swap(&mut self.decoder.buf, &mut self.scratch);
                self.scratch = Vec::with_capacity(READ_SIZE);
            } else {
                self.decoder.buf.extend_from_slice(&self.scratch[..read]);
                self.scratch.clear();
            }
        }
    }

    /// At the end of a framed body, with nothing read past it, the
    /// connection can carry the next request.
    fn release(&mut self) {
        if !self.decoder.buf.is_empty() {
            return;
        }
        if let (Some((pool, origin)), Some(conn)) = (self.return_to.take(), self.conn.take()) {
            pool.put(origin, conn);
        }
    }
}

enum Step {
    Data(Vec<u8>),
    End,
    NeedMore,
}

/// Body framing over the bytes read so far.
struct Decoder {
    /// Bytes read from the connection and not yet decoded.
    buf: Vec<u8>,
    framing: Framing,
}

impl Decoder {
    /// The connection ended: fine only for read-to-close bodies.
    fn end_of_stream(&mut self) -> Result<(), FetchError> {
        match &self.framing {
            Framing::Close | Framing::Done => {
                self.framing = Framing::Done;
                Ok(())
            }
            Framing::Length(missing) => Err(failed(format!(
                "the server closed the connection before the body ended ({missing} bytes missing)"
            ))),
            Framing::Chunked(_) => Err(failed(
                "the server closed the connection in the middle of a chunked body",
            )),
        }
    }

    fn take(&mut self, count: usize) -> Vec<u8> {
        if count == self.buf.len() {
            mem::take(&mut self.buf)
        } else {
            self.buf.drain(..count).collect()
        }
    }

    /// Decodes what is buffered as far as it goes.
    fn step(&mut self) -> Result<Step, FetchError> {
        match &mut self.framing {
            Framing::Done => Ok(Step::End),
            _ if self.buf.is_empty() => Ok(Step::NeedMore),
            Framing::Close => Ok(Step::Data(mem::take(&mut self.buf))),
            Framing::Length(remaining) => {
                let count = usize::try_from(*remaining)
                    .unwrap_or(usize::MAX)
                    .min(self.buf.len());
                *remaining -= count as u64;
                if *remaining == 0 {
                    self.framing = Framing::Done;
                }
                Ok(Step::Data(self.take(count)))
            }
            Framing::Chunked(decoder) => {
                let mut data = Vec::new();
                let used = decoder
                    .feed(&self.buf, &mut data)
                    .map_err(|error| failed(error.to_string()))?;
                if decoder.is_done() {
                    self.framing = Framing::Done;
                }
                self.buf.drain(..used);
                match (data.is_empty(), &self.framing) {
                    (false, _) => Ok(Step::Data(data)),
                    (true, Framing::Done) => Ok(Step::End),
                    (true, _) => Ok(Step::NeedMore),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(status: u16, headers: &[(&str, &str)]) -> Head {
        Head {
            status,
            reason: Vec::new(),
            headers: headers
                .iter()
                .map(|(name, value)| (name.to_string(), value.as_bytes().to_vec()))
                .collect(),
            keep_alive: true,
        }
    }

    #[test]
    fn framing_follows_the_rfc_order() {
        let chunked = head(
            200,
            &[
                ("transfer-encoding", "gzip, chunked"),
                ("content-length", "5"),
            ],
        );
        assert_eq!(framing("GET", &chunked).unwrap(), Some(chunked_framing()));
        assert_eq!(framing("HEAD", &chunked).unwrap(), None);
        assert_eq!(framing("GET", &head(204, &[])).unwrap(), None);
        assert_eq!(
            framing("GET", &head(200, &[("content-length", "7")])).unwrap(),
            Some(Framing::Length(7))
        );
        assert_eq!(
            framing("GET", &head(200, &[("content-length", "0")])).unwrap(),
            Some(Framing::Done)
        );
        assert_eq!(
            framing("GET", &head(200, &[])).unwrap(),
            Some(Framing::Close)
        );
        assert!(framing("GET", &head(200, &[("content-length", "1, 2")])).is_err());
        assert!(framing("GET", &head(200, &[("content-length", "-1")])).is_err());
    }

    /// Feeds `wire` in pieces of `piece` bytes; returns the decoded body.
    fn decode(framing: Framing, wire: &[u8], piece: usize) -> Result<Vec<u8>, FetchError> {
        let mut decoder = Decoder {
            buf: Vec::new(),
            framing,
        };
        let mut out = Vec::new();
        let mut pieces = wire.chunks(piece);
        loop {
            match decoder.step()? {
                Step::Data(data) => {
                    assert!(!data.is_empty());
                    out.extend_from_slice(&data);
                }
                Step::End => return Ok(out),
                Step::NeedMore => match pieces.next() {
                    Some(bytes) => decoder.buf.extend_from_slice(bytes),
                    None => {
                        decoder.end_of_stream()?;
                        return Ok(out);
                    }
                },
            }
        }
    }

    #[test]
    fn decoder_handles_every_framing_in_any_pieces() {
        let chunked = b"5;ext=1\r\nhello\r\n1\r\n \r\nA\r\n0123456789\r\n0\r\nx-trailer: 1\r\n\r\n";
        for piece in [1, 2, 3, 7, 100] {
            let body = decode(chunked_framing(), chunked, piece).unwrap();
            assert_eq!(body, b"hello 0123456789");
            assert_eq!(
                decode(Framing::Length(5), b"hello", piece).unwrap(),
                b"hello"
            );
            assert_eq!(
                decode(Framing::Close, b"to the end", piece).unwrap(),
                b"to the end"
            );
        }
        // Bytes past Content-Length are not part of the body.
        assert_eq!(decode(Framing::Length(2), b"hello", 10).unwrap(), b"he");
        assert!(decode(Framing::Length(9), b"hello", 2)
            .unwrap_err()
            .contains("4 bytes missing"));
        assert!(decode(chunked_framing(), b"5\r\nhel", 2).is_err());
        assert!(decode(chunked_framing(), b"zz\r\n", 2)
            .unwrap_err()
            .contains("chunk size"));
        assert!(decode(chunked_framing(), b"2\r\nhiXX0\r\n\r\n", 2).is_err());
    }

    #[test]
    fn head_parsing_keeps_the_rest() {
        let raw = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nhello";
        let (head, used) = parse_head(raw).unwrap().unwrap();
        assert_eq!(head.status, 200);
        assert_eq!(head.reason, b"OK");
        assert_eq!(
            head.headers,
            vec![("content-type".to_string(), b"text/plain".to_vec())]
        );
        assert_eq!(&raw[used..], b"hello");
        assert!(parse_head(b"HTTP/1.1 200 OK\r\n").unwrap().is_none());
        assert!(head.keep_alive);
        let keep_alive = |raw: &[u8]| parse_head(raw).unwrap().unwrap().0.keep_alive;
        assert!(!keep_alive(b"HTTP/1.0 200 OK\r\n\r\n"));
        assert!(!keep_alive(
            b"HTTP/1.1 200 OK\r\nConnection: keep-alive, Close\r\n\r\n"
        ));
        assert!(keep_alive(
            b"HTTP/1.1 200 OK\r\nConnection: keep-alive\r\n\r\n"
        ));
        assert!(parse_head(b"SMTP ready\r\n\r\n").is_err());
    }

    #[test]
    fn request_encoding_sets_host_and_length() {
        let request = Request::new(
            "POST".into(),
            "http://example.com:8080/a/b?c=d#frag",
            vec![
                ("X-Test".into(), b"1".to_vec()),
                ("Host".into(), b"evil".to_vec()),
            ],
            Some(b"hi".to_vec()),
        )
        .unwrap();
        let text = String::from_utf8(request.encode()).unwrap();
        assert!(
            text.starts_with("POST /a/b?c=d HTTP/1.1\r\nhost: example.com:8080\r\n"),
            "{text}"
        );
        assert!(text.contains("X-Test: 1\r\n"));
        assert!(!text.contains("evil"));
        assert!(text.ends_with("content-length: 2\r\n\r\nhi"), "{text}");
        assert!(
            !text.contains("connection"),
            "HTTP/1.1 keeps the connection alive"
        );
        assert!(Request::new("GET".into(), "ftp://example.com/", Vec::new(), None).is_err());
        assert!(Request::new(
            "GET".into(),
            "http://a/",
            vec![("x".into(), b"a\r\nb".to_vec())],
            None
        )
        .is_err());
    }
}
