//! WebSockets of one runtime (JavaScript in `js/61_websocket.js`): each
//! socket the app holds is a numbered [`AppEnd`] of the queues in
//! `crate::http::websocket`. The socket's end goes to the server (a
//! `WebSocketPair` end returned in a 101 response) or to the loop an
//! outbound `fetch` upgrade started. Events come to JavaScript through one
//! pending op per socket, settled by the event loop like any other, so each
//! event runs under the app's CPU limit. A fetched socket the app
//! returns in its response is relayed to the client, as Workers proxies it.

use std::collections::HashMap;
use std::pin::pin;

use futures::future::select;

use crate::http::websocket::{
    channel, AppEnd, Inbound, Outbound, SendError, SocketEnd, ABNORMAL_CLOSURE, NO_STATUS,
};
use crate::runtime::handles::Handles;
use crate::runtime::state::{state_of, OpValue};
use crate::v8::{ErrorKind, JsResult, Kind, OpCall};

/// The sockets of one runtime.
#[derive(Default)]
pub struct WebSockets {
    open: Handles<AppEnd>,
    /// Socket ends of `WebSocketPair`s handed to a response, until the
    /// server takes them.
    unclaimed: HashMap<u32, SocketEnd>,
}

impl WebSockets {
    /// Registers the app's end of a socket; returns its id.
    pub fn insert(&mut self, app: AppEnd) -> u32 {
        self.open.insert(app)
    }

    /// The socket end of pair `id`, for the server to run. For the socket
    /// of an upgraded fetch returned as it is (`return fetch(request)`), a
    /// socket whose messages are relayed to and from that one.
    pub fn take_socket(&mut self, id: u32) -> Option<SocketEnd> {
        if let Some(socket) = self.unclaimed.remove(&id) {
            return Some(socket);
        }
        let upstream = self.open.remove(id)?;
        let (downstream, socket) = channel();
        monoio::spawn(relay(upstream, downstream));
        Some(socket)
    }

    /// Closes every socket with `code`: the runtime can no longer run.
    pub fn abandon_all(&mut self, code: u16) {
        self.unclaimed.clear();
        for app in self.open.values() {
            app.abandon(code);
        }
    }
}

/// Passes each side's messages and close to the other until one side is
/// gone; dropping both ends then closes the other (1001) if it is open.
async fn relay(upstream: AppEnd, downstream: AppEnd) {
    let up = pin!(forward(&downstream, &upstream));
    let down = pin!(forward(&upstream, &downstream));
    select(up, down).await;
}

async fn forward(from: &AppEnd, to: &AppEnd) {
    while let Some(event) = from.next_event().await {
        let message = match event {
            Inbound::Text(text) => Outbound::Text(text),
            Inbound::Binary(bytes) => Outbound::Binary(bytes),
            // 1005 and 1006 say a close frame had no code, or never came.
            Inbound::Close { code, reason, .. } => Outbound::Close {
                code: (code != NO_STATUS && code != ABNORMAL_CLOSURE).then_some(code),
                reason,
            },
        };
        // A side that is gone takes nothing more; its close reaches the
        // other side as an event of its own.
        let _ = to.send(message);
    }
}

/// `op_ws_pair()` → the id of a new socket whose far end waits for the
/// server (`take_socket`).
pub fn op_ws_pair<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let state = state_of(call)?;
    let (app, socket) = channel();
    let mut sockets = state.websockets.borrow_mut();
    let id = sockets.insert(app);
    sockets.unclaimed.insert(id, socket);
    call.set_return(call.scope.number(f64::from(id)));
    Ok(())
}

/// `op_ws_send(id, message)`: a string goes as a text message, bytes as a
/// binary one. A socket that has closed drops it, as Workers does.
pub fn op_ws_send<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let id = call.number_arg(0, "id")? as u32;
    let data = call.arg(1);
    let message = match data.kind() {
        Kind::String => Outbound::Text(call.string_arg(1, "message")?),
        _ => Outbound::Binary(
            call.scope
                .bytes(data)
                .ok_or_else(|| call.type_error("message must be a string or bytes"))?,
        ),
    };
    send(call, id, message)
}

/// `op_ws_close(id, code | null, reason)`: starts the close handshake.
pub fn op_ws_close<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let id = call.number_arg(0, "id")? as u32;
    let code = call.arg(1).as_number().map(|code| code as u16);
    let reason = call.string_arg(2, "reason")?;
    send(call, id, Outbound::Close { code, reason })
}

fn send<'s>(call: &OpCall<'s>, id: u32, message: Outbound) -> JsResult<'s, ()> {
    let state = state_of(call)?;
    let mut sockets = state.websockets.borrow_mut();
    let Some(app) = sockets.open.get_mut(id) else {
        return Ok(());
    };
    match app.send(message) {
        Ok(()) | Err(SendError::Closed) => Ok(()),
        Err(full @ SendError::Full) => Err(call.scope.throw_error(
            ErrorKind::Error,
            &format!("WebSocket send() failed: {full}"),
        )),
    }
}

/// `op_ws_next(id)` → a promise of the next event (`["text", string]`,
/// `["binary", bytes]`, `["close", code, reason, wasClean]`), or null once
/// the socket is gone and all were given. One event a settled op: each
/// runs under the CPU limit of its own.
pub fn op_ws_next<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let id = call.number_arg(0, "id")? as u32;
    let state = state_of(call)?;
    let event = state
        .websockets
        .borrow_mut()
        .open
        .get_mut(id)
        .map(|app| app.next_event());
    state.spawn_op(call, async move {
        let Some(event) = event else {
            return Ok(OpValue::Null);
        };
        Ok(event.await.map_or(OpValue::Null, event_value))
    });
    Ok(())
}

fn event_value(event: Inbound) -> OpValue {
    match event {
        Inbound::Text(text) => {
            OpValue::List(vec![OpValue::String("text".into()), OpValue::String(text)])
        }
        Inbound::Binary(bytes) => OpValue::List(vec![
            OpValue::String("binary".into()),
            OpValue::Bytes(bytes),
        ]),
        Inbound::Close {
            code,
            reason,
            clean,
        } => OpValue::List(vec![
            OpValue::String("close".into()),
            OpValue::Number(f64::from(code)),
            OpValue::String(reason),
            OpValue::Bool(clean),
        ]),
    }
}

/// `op_ws_free(id)`: JavaScript is done with the socket (it closed, or the
/// pair end was never used); a socket still open closes with 1001.
pub fn op_ws_free<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let id = call.number_arg(0, "id")? as u32;
    let state = state_of(call)?;
    let mut sockets = state.websockets.borrow_mut();
    sockets.unclaimed.remove(&id);
    sockets.open.remove(id);
    Ok(())
}
