//! Serialising response heads and the server's own error responses.

use super::http::{HttpResponse, ResponseBody};
use crate::http::is_token;

/// How the body after the head is framed on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Framing {
    /// No body bytes follow (HEAD, 1xx, 204, 304).
    NoBody,
    Length(usize),
    Chunked,
    /// HTTP/1.0 streaming: bytes until the connection closes.
    UntilClose,
}

/// Facts from the server that shape the head.
pub(crate) struct HeadParams<'a> {
    pub is_head: bool,
    pub http11: bool,
    pub keep_alive: bool,
    pub request_id: &'a str,
    pub date: &'a str,
}

/// What the connection loop needs to know after writing the head.
pub(crate) struct HeadPlan {
    pub framing: Framing,
    /// The connection must close after this response.
    pub close: bool,
}

pub(crate) fn reason(status: u16) -> &'static str {
    match status {
        100 => "Continue",
        101 => "Switching Protocols",
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        206 => "Partial Content",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "Length Required",
        413 => "Content Too Large",
        414 => "URI Too Long",
        415 => "Unsupported Media Type",
        417 => "Expectation Failed",
        422 => "Unprocessable Content",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        _ => "",
    }
}

/// A short plain-text response the server sends on its own behalf.
pub(crate) fn error_response(status: u16) -> HttpResponse {
    let mut body = reason(status).to_string();
    if body.is_empty() {
        body = format!("status {status}");
    }
    body.push('\n');
    HttpResponse::text(status, body)
}

/// What the head does with a header the app set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AppHeader {
    /// Not a token: dropped.
    Invalid,
    /// Framing and connection management, which the server owns: dropped.
    Managed,
    /// Written, in place of the server's own.
    Date,
    Server,
    RequestId,
    /// Written.
    Other,
}

/// Sorts a header name by length first: most names are none of the few
/// the server looks for, and that is seen without comparing bytes.
fn app_header(name: &str) -> AppHeader {
    if !is_token(name.as_bytes()) {
        return AppHeader::Invalid;
    }
    let is = |known: &str| name.eq_ignore_ascii_case(known);
    match name.len() {
        4 if is("date") => AppHeader::Date,
        6 if is("server") => AppHeader::Server,
        10 if is("connection") || is("keep-alive") => AppHeader::Managed,
        12 if is("x-request-id") => AppHeader::RequestId,
        14 if is("content-length") => AppHeader::Managed,
        17 if is("transfer-encoding") => AppHeader::Managed,
        _ => AppHeader::Other,
    }
}

/// A value may not break the head's lines.
fn valid_value(value: &str) -> bool {
    memchr::memchr3(b'\r', b'\n', 0, value.as_bytes()).is_none()
}

/// Writes the status line and headers of `resp` into `out`.
pub(crate) fn encode_head(resp: &HttpResponse, p: &HeadParams<'_>, out: &mut Vec<u8>) -> HeadPlan {
    let status = resp.status;
    let bodyless_status = (100..200).contains(&status) || status == 204 || status == 304;
    // 101 hands the connection over: it neither closes nor stays HTTP.
    let upgrade = status == 101;
    let mut close = !p.keep_alive && !upgrade;

    // HEAD keeps a handler-provided Content-Length describing the GET body.
    let head_length = if p.is_head {
        resp.header("content-length")
            .and_then(|v| v.trim().parse::<u64>().ok())
    } else {
        None
    };
    let (framing, length_header): (Framing, Option<u64>) = match &resp.body {
        _ if bodyless_status => (Framing::NoBody, None),
        ResponseBody::Empty => (Framing::NoBody, Some(head_length.unwrap_or(0))),
        ResponseBody::Full(b) => {
            let f = if p.is_head {
                Framing::NoBody
            } else {
                Framing::Length(b.len())
            };
            (f, Some(b.len() as u64))
        }
        ResponseBody::WebSocket(_) => (Framing::NoBody, None),
        ResponseBody::Stream(_) => {
            if p.is_head {
                (Framing::NoBody, head_length)
            } else if p.http11 {
                (Framing::Chunked, None)
            } else {
                close = true;
                (Framing::UntilClose, None)
            }
        }
    };

    out.extend_from_slice(b"HTTP/1.1 ");
    out.extend_from_slice(itoa::Buffer::new().format(status).as_bytes());
    out.push(b' ');
    let phrase = match resp.reason.as_deref() {
        Some(custom) if !custom.is_empty() && valid_value(custom) => custom,
        _ => reason(status),
    };
    out.extend_from_slice(phrase.as_bytes());
    out.extend_from_slice(b"\r\n");

    let (mut has_date, mut has_server, mut has_id) = (false, false, false);
    for (name, value) in &resp.headers {
        match app_header(name) {
            AppHeader::Invalid | AppHeader::Managed => continue,
            _ if !valid_value(value) => continue,
            AppHeader::Date => has_date = true,
            AppHeader::Server => has_server = true,
            AppHeader::RequestId => has_id = true,
            AppHeader::Other => {}
        }
        push_header(out, name, value);
    }
    if !has_date {
        push_header(out, "date", p.date);
    }
    if !has_server {
        out.extend_from_slice(b"server: nano\r\n");
    }
    if !has_id {
        push_header(out, "x-request-id", p.request_id);
    }
    if let Some(n) = length_header {
        push_header(out, "content-length", itoa::Buffer::new().format(n));
    }
    if framing == Framing::Chunked
        || (p.is_head
            && matches!(resp.body, ResponseBody::Stream(_))
            && head_length.is_none()
            && p.http11)
    {
        push_header(out, "transfer-encoding", "chunked");
    }
    if upgrade {
        push_header(out, "connection", "upgrade");
    } else if close {
        push_header(out, "connection", "close");
    } else if !p.http11 {
        push_header(out, "connection", "keep-alive");
    }
    out.extend_from_slice(b"\r\n");
    HeadPlan { framing, close }
}

fn push_header(out: &mut Vec<u8>, name: &str, value: &str) {
    out.extend_from_slice(name.as_bytes());
    out.extend_from_slice(b": ");
    out.extend_from_slice(value.as_bytes());
    out.extend_from_slice(b"\r\n");
}

/// Frames one chunk of a chunked body; empty input yields nothing because a
/// zero-size chunk would end the body.
/// The line that opens a chunk of `len` bytes (`1a\r\n`); the chunk's data
/// and its closing CRLF follow it.
pub(crate) fn chunk_size_line(len: usize) -> Vec<u8> {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let digits = (usize::BITS - len.leading_zeros()).div_ceil(4).max(1);
    let mut line = Vec::with_capacity(digits as usize + 2);
    for shift in (0..digits).rev() {
        line.push(DIGITS[(len >> (4 * shift)) & 0xf]);
    }
    line.extend_from_slice(b"\r\n");
    line
}

/// Ends every chunk's data.
pub(crate) const CHUNK_END: &[u8] = b"\r\n";

pub(crate) const LAST_CHUNK: &[u8] = b"0\r\n\r\n";

#[cfg(test)]
mod tests {
    use super::*;

    fn params(is_head: bool, http11: bool, keep_alive: bool) -> HeadParams<'static> {
        HeadParams {
            is_head,
            http11,
            keep_alive,
            request_id: "0-1",
            date: "Thu, 01 Jan 1970 00:00:00 GMT",
        }
    }

    fn encode(resp: &HttpResponse, p: HeadParams<'_>) -> (String, HeadPlan) {
        let mut out = Vec::new();
        let plan = encode_head(resp, &p, &mut out);
        (String::from_utf8(out).unwrap(), plan)
    }

    #[test]
    fn full_body_gets_length_and_defaults() {
        let mut r = HttpResponse::text(200, "hi");
        r.headers.push(("Content-Length".into(), "999".into()));
        r.headers.push(("X-Bad".into(), "a\r\nInjected: 1".into()));
        let (s, plan) = encode(&r, params(false, true, true));
        assert!(s.starts_with("HTTP/1.1 200 OK\r\n"));
        assert!(s.contains("content-length: 2\r\n"));
        assert!(!s.contains("999") && !s.contains("Injected"));
        assert!(s.contains("server: nano\r\n") && s.contains("x-request-id: 0-1\r\n"));
        assert!(s.contains("date: Thu"));
        assert!(s.ends_with("\r\n\r\n"));
        assert_eq!(plan.framing, Framing::Length(2));
        assert!(!plan.close);
    }

    #[test]
    fn head_keeps_length_without_body() {
        let r = HttpResponse::text(200, "hello");
        let (s, plan) = encode(&r, params(true, true, true));
        assert!(s.contains("content-length: 5\r\n"));
        assert_eq!(plan.framing, Framing::NoBody);
        let r = HttpResponse {
            status: 200,
            reason: None,
            headers: vec![("content-length".into(), "42".into())],
            body: ResponseBody::Empty,
        };
        let (s, _) = encode(&r, params(true, true, true));
        assert!(s.contains("content-length: 42\r\n"));
    }

    #[test]
    fn stream_framing() {
        let r = HttpResponse {
            status: 200,
            reason: None,
            headers: vec![],
            body: ResponseBody::Stream(Box::pin(futures::stream::empty())),
        };
        let (s, plan) = encode(&r, params(false, true, true));
        assert!(s.contains("transfer-encoding: chunked\r\n"));
        assert_eq!(plan.framing, Framing::Chunked);
        let (s, plan) = encode(&r, params(false, false, true));
        assert_eq!(plan.framing, Framing::UntilClose);
        assert!(plan.close && s.contains("connection: close\r\n"));
    }

    #[test]
    fn no_content_has_no_length() {
        let r = HttpResponse {
            status: 204,
            reason: None,
            headers: vec![],
            body: ResponseBody::Full(b"ignored".to_vec()),
        };
        let (s, plan) = encode(&r, params(false, true, false));
        assert!(!s.contains("content-length"));
        assert!(s.contains("connection: close"));
        assert_eq!(plan.framing, Framing::NoBody);
    }

    #[test]
    fn chunk_size_lines() {
        assert_eq!(chunk_size_line(1), b"1\r\n");
        assert_eq!(chunk_size_line(26), b"1a\r\n");
        assert_eq!(chunk_size_line(0x1000), b"1000\r\n");
        assert_eq!(chunk_size_line(0xffff_ffff), b"ffffffff\r\n");
    }
}
