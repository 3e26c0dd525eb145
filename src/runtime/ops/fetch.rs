//! Outbound HTTP for `fetch()` (see `runtime/fetch/` and `js/56_fetch.js`).
//!
//! JavaScript numbers each fetch; the same id names its response body.

use std::time::Duration;

use futures::future::Abortable;

use crate::http::websocket::channel;
use crate::latin1;
use crate::runtime::fetch::client::Upgraded;
use crate::runtime::fetch::{client, Request};
use crate::runtime::state::{state_of, OpFailure, OpValue};
use crate::v8::{JsResult, Local, OpCall, Value};

fn header_list<'s>(
    call: &OpCall<'s>,
    list: Local<'s, Value>,
) -> JsResult<'s, Vec<(String, Vec<u8>)>> {
    super::string_pairs(call, list, "headers")?
        .into_iter()
        .map(|(name, value)| {
            let value = value
                .chars()
                .map(|c| u8::try_from(u32::from(c)).ok())
                .collect::<Option<Vec<u8>>>()
                .ok_or_else(|| {
                    call.type_error(&format!(
                        "header '{name}' has a value that is not a ByteString"
                    ))
                })?;
            Ok((name, value))
        })
        .collect()
}

/// `op_fetch_start(id, method, url, headers, body)` → a promise of
/// `[status, statusText, [name0, value0, ...], bodyId | null, socketId |
/// null]`; a request with `Upgrade: websocket` the server switched
/// protocols for gives the socket (see `bindings::websocket`). Rejects with
/// a TypeError saying what failed.
pub fn op_fetch_start<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let scope = call.scope;
    let id = call.number_arg(0, "id")? as u32;
    let method = call.string_arg(1, "method")?;
    let url = call.string_arg(2, "url")?;
    let headers = header_list(call, call.arg(3))?;
    let body = match call.arg(4) {
        body if body.is_nullish() => None,
        body => Some(
            scope
                .bytes(body)
                .ok_or_else(|| call.type_error("body must be a Uint8Array or null"))?,
        ),
    };
    let state = state_of(call)?;
    let fetch = state.fetch.clone();
    let websockets = state.websockets.clone();
    let registration = fetch.begin(id);
    let idle = fetch.idle.clone();
    state.spawn_op(call, async move {
        let work = async move {
            let request = Request::new(method, &url, headers, body)?;
            if !request.is_websocket_upgrade() {
                let response = client::send(request, &idle).await?;
                return Ok(Upgraded::Response(Box::new(response)));
            }
            client::open_websocket(request, &idle).await
        };
        let (response, socket) = match Abortable::new(work, registration).await {
            Ok(Ok(Upgraded::Response(response))) => (*response, None),
            Ok(Ok(Upgraded::WebSocket {
                head,
                conn,
                received,
            })) => {
                fetch.finish(id);
                let (app, socket) = channel();
                let socket_id = websockets.borrow_mut().insert(app);
                monoio::spawn(conn.run_websocket(received, socket));
                let response = client::Response { head, body: None };
                (response, Some(socket_id))
            }
            Ok(Err(message)) => {
                fetch.finish(id);
                return Err(OpFailure::type_error(message));
            }
            Err(_) => return Err(OpFailure::type_error("fetch aborted")),
        };
        let head = response.head;
        let stored = match response.body {
            Some(body) => fetch.store_body(id, body),
            None => false,
        };
        let body_id = if stored {
            OpValue::Number(f64::from(id))
        } else {
            fetch.finish(id);
            OpValue::Null
        };
        let headers = head
            .headers
            .iter()
            .flat_map(|(name, value)| {
                [
                    OpValue::String(name.clone()),
                    OpValue::String(latin1::decode(value)),
                ]
            })
            .collect();
        Ok(OpValue::List(vec![
            OpValue::Number(f64::from(head.status)),
            OpValue::String(latin1::decode(&head.reason)),
            OpValue::List(headers),
            body_id,
            socket.map_or(OpValue::Null, |id| OpValue::Number(f64::from(id))),
        ]))
    });
    Ok(())
}

/// `op_fetch_read(bodyId)` → a promise of the next Uint8Array chunk, or
/// `undefined` at the end. Reads from the socket only when called.
pub fn op_fetch_read<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let id = call.number_arg(0, "bodyId")? as u32;
    let state = state_of(call)?;
    let fetch = state.fetch.clone();
    let taken = fetch.take_body(id);
    state.spawn_op(call, async move {
        let (mut body, registration) = taken.map_err(OpFailure::type_error)?;
        let read = async move {
            let chunk = body.next_chunk().await;
            (body, chunk)
        };
        match Abortable::new(read, registration).await {
            Ok((body, Ok(Some(chunk)))) => {
                fetch.put_back(id, body);
                Ok(OpValue::Bytes(chunk))
            }
            Ok((_, Ok(None))) => {
                fetch.finish(id);
                Ok(OpValue::Undefined)
            }
            Ok((_, Err(message))) => {
                fetch.finish(id);
                Err(OpFailure::type_error(message))
            }
            Err(_) => Err(OpFailure::type_error("the response body was cancelled")),
        }
    });
    Ok(())
}

/// Most of a body `op_fetch_drain` reads to keep its connection.
const MAX_DRAINED_BYTES: usize = 64 * 1024;
/// Longest `op_fetch_drain` waits for the rest of a body.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(1);

/// `op_fetch_drain(bodyId)` → a promise settled once a body nobody wants (a
/// redirect's) has been read to its end, so that its connection can carry
/// the next request, or given up: past `MAX_DRAINED_BYTES`, after
/// `DRAIN_TIMEOUT` or on an error the connection is closed instead.
pub fn op_fetch_drain<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let id = call.number_arg(0, "bodyId")? as u32;
    let state = state_of(call)?;
    let fetch = state.fetch.clone();
    let taken = fetch.take_body(id);
    state.spawn_op(call, async move {
        if let Ok((body, registration)) = taken {
            let drain = Abortable::new(body.discard(MAX_DRAINED_BYTES), registration);
            let _ = monoio::time::timeout(DRAIN_TIMEOUT, drain).await;
        }
        fetch.finish(id);
        Ok(OpValue::Undefined)
    });
    Ok(())
}

/// `op_fetch_cancel(bodyId)`: drops a body (stream cancelled, aborted, or
/// garbage collected) and closes its connection.
pub fn op_fetch_cancel<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let id = call.number_arg(0, "bodyId")? as u32;
    state_of(call)?.fetch.cancel(id);
    Ok(())
}

/// `op_fetch_abort(id)`: makes fetch `id`'s pending op reject now (its
/// signal was aborted); JavaScript rejects with the signal's reason.
pub fn op_fetch_abort<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let id = call.number_arg(0, "id")? as u32;
    state_of(call)?.fetch.cancel(id);
    Ok(())
}
