//! The native half of the `node:` modules: `Buffer`'s hex and base64
//! encodings, `createHash`/`createHmac`, and the promise hooks behind
//! `AsyncLocalStorage`.

use crate::runtime::node::bytes::{self, Encoding};
use crate::runtime::node::hash;
use crate::v8::{JsResult, OpCall};

fn encoding_arg<'s>(call: &OpCall<'s>, index: usize) -> JsResult<'s, Encoding> {
    let name = call.string_arg(index, "encoding")?;
    Encoding::from_name(&name).ok_or_else(|| call.type_error(&format!("unknown encoding: {name}")))
}

fn with_bytes_arg<'s, R>(
    call: &OpCall<'s>,
    index: usize,
    read: impl FnOnce(&[u8]) -> R,
) -> JsResult<'s, R> {
    call.scope
        .with_bytes(call.arg(index), read)
        .ok_or_else(|| call.type_error("expected an ArrayBuffer or a view"))
}

/// `op_node_bytes_to_string(bytes, encoding)` → string.
pub fn op_node_bytes_to_string<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let encoding = encoding_arg(call, 1)?;
    let text = with_bytes_arg(call, 0, |bytes| bytes::bytes_to_string(bytes, encoding))?;
    call.set_return(call.scope.try_string(&text)?);
    Ok(())
}

/// `op_node_string_to_bytes(string, encoding)` → Uint8Array.
pub fn op_node_string_to_bytes<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let text = call.string_arg(0, "string")?;
    let encoding = encoding_arg(call, 1)?;
    let bytes = bytes::string_to_bytes(&text, encoding);
    call.set_return(call.scope.uint8_array(&bytes));
    Ok(())
}

/// `op_node_hash(algorithm, data)` → Uint8Array, or null for an algorithm
/// NANO lacks.
pub fn op_node_hash<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let algorithm = call.string_arg(0, "algorithm")?;
    let digest = with_bytes_arg(call, 1, |data| hash::digest(&algorithm, data))?;
    let scope = call.scope;
    call.set_return(digest.map_or_else(|| scope.null(), |d| scope.uint8_array(&d)));
    Ok(())
}

/// `op_node_hmac(algorithm, key, data)` → Uint8Array, or null for an
/// algorithm NANO lacks.
pub fn op_node_hmac<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let algorithm = call.string_arg(0, "algorithm")?;
    let key = call
        .scope
        .bytes(call.arg(1))
        .ok_or_else(|| call.type_error("key must be an ArrayBuffer or a view"))?;
    let mac = with_bytes_arg(call, 2, |data| hash::hmac(&algorithm, &key, data))?;
    let scope = call.scope;
    call.set_return(mac.map_or_else(|| scope.null(), |m| scope.uint8_array(&m)));
    Ok(())
}

/// `op_set_promise_hooks(init, before, after)`: installs the context's
/// promise hooks (once, on the first use of `AsyncLocalStorage`).
pub fn op_set_promise_hooks<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    if call
        .scope
        .set_promise_hooks(call.arg(0), call.arg(1), call.arg(2))
    {
        Ok(())
    } else {
        Err(call.type_error("promise hooks must be functions"))
    }
}
