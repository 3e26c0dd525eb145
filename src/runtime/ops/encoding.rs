//! Encoding and decoding for TextEncoder/TextDecoder: UTF-8 directly, the
//! other encodings of the Encoding standard through `encoding_rs`.

use encoding_rs::Encoding;

use crate::runtime::encoding::{encoding_name, LegacyDecoder};
use crate::runtime::state::state_of;
use crate::v8::{ErrorKind, JsResult, OpCall};

/// `op_encode_utf8(string)` → Uint8Array (lone surrogates become U+FFFD).
pub fn op_encode_utf8<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let text = call.string_arg(0, "input")?;
    call.set_return(call.scope.uint8_array_from_vec(text.into_bytes()));
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
        None => Err(invalid_data(call, "utf-8")),
    }
}

fn invalid_data<'s>(call: &OpCall<'s>, encoding: &str) -> crate::v8::Throw<'s> {
    call.scope.throw_error(
        ErrorKind::TypeError,
        &format!("The encoded data was not valid for encoding {encoding}"),
    )
}

/// `op_encoding_name(label)` → the name (lowercase) of the encoding a
/// label stands for, or null for an unknown label or one of the
/// "replacement" encoding, which TextDecoder refuses.
pub fn op_encoding_name<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let label = call.string_arg(0, "label")?;
    let scope = call.scope;
    let name = match Encoding::for_label_no_replacement(label.as_bytes()) {
        Some(encoding) => scope.string(&encoding_name(encoding)),
        None => scope.null(),
    };
    call.set_return(name);
    Ok(())
}

/// `op_text_decoder_new(name, fatal, ignoreBOM)` → id, for a name from
/// `op_encoding_name`.
pub fn op_text_decoder_new<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let name = call.string_arg(0, "name")?;
    let scope = call.scope;
    let encoding = Encoding::for_label_no_replacement(name.as_bytes())
        .ok_or_else(|| call.type_error(&format!("unknown encoding {name:?}")))?;
    let decoder = LegacyDecoder::new(
        encoding,
        scope.is_truthy(call.arg(1)),
        scope.is_truthy(call.arg(2)),
    );
    let id = state_of(call)?.text_decoders.borrow_mut().insert(decoder);
    call.set_return(scope.number(f64::from(id)));
    Ok(())
}

/// `op_text_decoder_decode(id, bytes, stream)` → string. Malformed input is
/// a TypeError when the decoder is fatal (it then starts over).
pub fn op_text_decoder_decode<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let id = call.number_arg(0, "id")? as u32;
    let scope = call.scope;
    let last = !scope.is_truthy(call.arg(2));
    let state = state_of(call)?;
    let mut decoders = state.text_decoders.borrow_mut();
    let decoder = decoders
        .get_mut(id)
        .ok_or_else(|| call.type_error("the decoder is closed"))?;
    let decoded = scope
        .with_bytes(call.arg(1), |bytes| decoder.decode(bytes, last))
        .ok_or_else(|| call.type_error("input must be an ArrayBuffer or a view"))?;
    let encoding = decoder.encoding();
    drop(decoders);
    match decoded {
        Some(text) => {
            call.set_return(scope.try_string(&text)?);
            Ok(())
        }
        None => Err(invalid_data(call, &encoding_name(encoding))),
    }
}

/// `op_text_decoder_free(id)`: the TextDecoder is gone.
pub fn op_text_decoder_free<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let id = call.number_arg(0, "id")? as u32;
    state_of(call)?.text_decoders.borrow_mut().remove(id);
    Ok(())
}
