//! The op through which an app's Response reaches the server.

use crate::runtime::state::{state_of, Outcome};
use crate::runtime::worker::{WorkerBody, WorkerResponse};
use crate::v8::{JsResult, Kind, OpCall};

/// Arguments before the header names and values.
const HEADERS_START: usize = 6;

/// Response header names and values common enough to be shared instead of
/// copied (the defaults `Response` sets, and the usual content types).
const COMMON_HEADER_TEXTS: [&str; 9] = [
    "content-type",
    "text/plain;charset=UTF-8",
    "application/json",
    "text/html;charset=UTF-8",
    "application/octet-stream",
    "cache-control",
    "content-length",
    "location",
    "set-cookie",
];

/// `op_respond(request, status, statusText, body, bodyIsEncoded, webSocket,
/// name0, value0, ...)` settles the request whose settlement id is
/// `request` with the response (see `Worker::fetch`). `statusText` is null
/// when empty; `body` is null, bytes, a string (sent as UTF-8) or a
/// stream's reader; `webSocket` null or the id of the socket a 101
/// response hands over.
/// Arguments are read straight from the call: no array or object to walk.
pub fn op_respond<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let scope = call.scope;
    let request = call.number_arg(0, "request")? as u32;
    let status = call.number_arg(1, "status")? as u16;
    let status_text = match call.arg(2).kind() {
        Kind::Null => String::new(),
        _ => call.string_arg(2, "statusText")?,
    };
    let body = call.arg(3);
    let body = match body.kind() {
        Kind::Null | Kind::Undefined => WorkerBody::None,
        Kind::String => WorkerBody::Bytes(call.string_arg(3, "body")?.into_bytes()),
        Kind::Uint8Array | Kind::ArrayBuffer | Kind::ArrayBufferView => {
            WorkerBody::Bytes(scope.bytes(body).unwrap_or_default())
        }
        _ => WorkerBody::Stream(scope.global(body)),
    };
    let body_is_encoded = scope.is_truthy(call.arg(4));
    let web_socket = call.arg(5).as_number().map(|id| id as u32);
    let mut headers = Vec::with_capacity(call.len().saturating_sub(HEADERS_START) / 2);
    for index in (HEADERS_START..call.len()).step_by(2) {
        let name = call.known_string_arg(index, "a header name", &COMMON_HEADER_TEXTS)?;
        let value = call.known_string_arg(index + 1, "a header value", &COMMON_HEADER_TEXTS)?;
        headers.push((name, value));
    }
    let response = WorkerResponse {
        status,
        status_text,
        headers,
        body,
        body_is_encoded,
        web_socket,
    };
    state_of(call)?.settle(request, Outcome::Responded(response));
    Ok(())
}
