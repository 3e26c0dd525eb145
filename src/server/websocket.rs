//! WebSocket connections: whether a request asks for one, the 101 response
//! an app's `WebSocketPair` end becomes, and the connection's loop once
//! that response is written (frames ⇄ the app's queues, see
//! `crate::http::websocket`). The socket keeps its connection slot until it
//! closes, and a drain closes it with 1001.

use std::rc::Rc;

use monoio::io::Splitable;
use monoio::net::TcpStream;
use tungstenite::handshake::derive_accept_key;
use tungstenite::protocol::Role;

use super::conn_table::ConnEntry;
use super::http::{HttpResponse, ResponseBody, WebSocketUpgrade};
use super::state::CoreState;
use crate::http::websocket::{pump, PumpOptions};
use crate::http::{HeaderText, RequestHeaders};

/// The `Sec-WebSocket-Key` of a WebSocket upgrade request (RFC 6455
/// §4.2.1), or why the request is not one.
pub(crate) fn upgrade_key(
    method: &str,
    http11: bool,
    headers: &RequestHeaders,
) -> Result<String, &'static str> {
    let has_token = |name: &str, token: &str| {
        headers.get_all(name).any(|value| {
            value
                .split(',')
                .any(|part| part.trim().eq_ignore_ascii_case(token))
        })
    };
    if !has_token("upgrade", "websocket") {
        return Err("the request has no Upgrade: websocket header");
    }
    if method != "GET" || !http11 {
        return Err("a WebSocket upgrade must be an HTTP/1.1 GET");
    }
    if !has_token("connection", "upgrade") {
        return Err("the request has no Connection: upgrade header");
    }
    if headers
        .get("sec-websocket-version")
        .as_deref()
        .map(str::trim)
        != Some("13")
    {
        return Err("the request's Sec-WebSocket-Version is not 13");
    }
    match headers.get("sec-websocket-key").as_deref().map(str::trim) {
        Some(key) if !key.is_empty() => Ok(key.to_string()),
        _ => Err("the request has no Sec-WebSocket-Key"),
    }
}

/// The 101 response that hands the connection to `upgrade`, with the app's
/// own headers (a chosen `Sec-WebSocket-Protocol`, say).
pub(crate) fn switching_protocols(
    key: &str,
    mut headers: Vec<(HeaderText, HeaderText)>,
    upgrade: WebSocketUpgrade,
) -> HttpResponse {
    headers.retain(|(name, _)| {
        !name.eq_ignore_ascii_case("upgrade") && !name.eq_ignore_ascii_case("sec-websocket-accept")
    });
    headers.push(("upgrade".into(), "websocket".into()));
    headers.push((
        "sec-websocket-accept".into(),
        derive_accept_key(key.as_bytes()).into(),
    ));
    HttpResponse {
        status: 101,
        reason: None,
        headers,
        body: ResponseBody::WebSocket(upgrade),
    }
}

/// Runs the WebSocket the connection switched to until it closes.
/// `received` holds what the client sent after the upgrade request.
pub(crate) async fn serve(
    stream: TcpStream,
    received: Vec<u8>,
    entry: ConnEntry,
    state: Rc<CoreState>,
    upgrade: WebSocketUpgrade,
) {
    // No deadline, and never closed as idle to make room: the socket holds
    // its slot until it closes.
    entry.arm(None, None);
    state.metrics.borrow_mut().websocket_opened();
    let (reader, writer) = stream.into_split();
    let options = PumpOptions {
        role: Role::Server,
        write_timeout: state.limits.write_timeout,
    };
    let WebSocketUpgrade { socket, keep } = upgrade;
    let stop = state.shutdown.wait();
    pump(
        reader,
        writer,
        received,
        socket,
        options,
        stop,
        &state.websocket_traffic,
    )
    .await;
    state.metrics.borrow_mut().websocket_closed();
    drop(keep);
}
