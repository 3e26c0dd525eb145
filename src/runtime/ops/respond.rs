//! The op through which an app's Response reaches the server.

use crate::runtime::state::{state_of, Outcome};
use crate::runtime::worker::{WorkerBody, WorkerResponse};
use crate::v8::{JsResult, Kind, OpCall};

/// `op_respond(request, status, statusText, body, bodyIsEncoded, webSocket,
/// headers)` settles the request whose settlement id is `request` with the
/// response (see `Worker::fetch`). `statusText` is null when empty; `body`
/// is null, bytes, a string (sent as UTF-8) or a stream's reader;
/// `webSocket` null or the id of the socket a 101 response hands over;
/// `headers` the fields as `name:value\n` text (a name is a token and a
/// value holds no newline, as `Headers` checks).
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
    let fields = call.string_arg(6, "headers")?;
    let headers = header_fields(&fields)
        .ok_or_else(|| call.type_error("headers must be `name:value` lines"))?;
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

/// The fields of `name:value\n` text, in order; None when a line has no
/// colon.
fn header_fields(text: &str) -> Option<Vec<(String, String)>> {
    text.split_terminator('\n')
        .map(|line| {
            let (name, value) = line.split_once(':')?;
            Some((name.to_string(), value.to_string()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::header_fields;

    #[test]
    fn fields_are_split_at_the_first_colon() {
        let fields = header_fields("content-type:text/plain\nx-time:12:30\nx-empty:\n").unwrap();
        let pairs: Vec<(&str, &str)> = fields
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("content-type", "text/plain"),
                ("x-time", "12:30"),
                ("x-empty", "")
            ]
        );
        assert_eq!(header_fields(""), Some(Vec::new()));
        assert_eq!(header_fields("no colon\n"), None);
    }
}
