//! UTF-8 encoding and decoding for TextEncoder/TextDecoder.

use crate::v8::{ErrorKind, JsResult, OpCall};

/// `op_encode_utf8(string)` → Uint8Array (lone surrogates become U+FFFD).
pub fn op_encode_utf8<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let text = call.string_arg(0, "input")?;
    call.set_return(call.scope.uint8_array(text.as_bytes()));
    Ok(())
}

/// `op_decode_utf8(bytes, fatal)` → string. Invalid sequences become U+FFFD,
/// or a TypeError when `fatal`. A BOM is kept: callers strip it.
pub fn op_decode_utf8<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let scope = call.scope;
    let fatal = scope.is_truthy(call.arg(1));
    let decoded = scope
        .with_bytes(call.arg(0), |bytes| match std::str::from_utf8(bytes) {
            Ok(text) => Some(scope.try_string(text)),
            Err(_) if fatal => None,
            Err(_) => Some(scope.try_string(&String::from_utf8_lossy(bytes))),
        })
        .ok_or_else(|| call.type_error("input must be an ArrayBuffer or a view"))?;
    match decoded {
        Some(string) => {
            call.set_return(string?);
            Ok(())
        }
        None => Err(scope.throw_error(
            ErrorKind::TypeError,
            "The encoded data was not valid for encoding utf-8",
        )),
    }
}
