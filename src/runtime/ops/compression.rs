//! CompressionStream / DecompressionStream over the codecs of
//! `runtime::compression`, kept in the runtime state by id.

use crate::runtime::compression::{Codec, Deflater, Format, Inflater};
use crate::runtime::state::state_of;
use crate::v8::{JsResult, OpCall};

fn codec_id<'s>(call: &OpCall<'s>) -> JsResult<'s, u32> {
    Ok(call.number_arg(0, "id")? as u32)
}

/// `op_compression_new(format, decompress)` → id. Unknown formats are a
/// TypeError.
pub fn op_compression_new<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let name = call.string_arg(0, "format")?;
    let format = Format::parse(&name)
        .ok_or_else(|| call.type_error(&format!("Unsupported compression format: '{name}'")))?;
    let codec = if call.scope.is_truthy(call.arg(1)) {
        Codec::Decompress(Inflater::new(format))
    } else {
        Codec::Compress(Deflater::new(format))
    };
    let id = state_of(call)?.codecs.borrow_mut().insert(codec);
    call.set_return(call.scope.number(id as f64));
    Ok(())
}

/// `op_compression_push(id, bytes?)` → `[output, more]`: output is a
/// Uint8Array; `more` says a decompressor stopped at its output limit and
/// wants another call (with no bytes). Corrupt input is a TypeError and
/// closes the codec.
pub fn op_compression_push<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let id = codec_id(call)?;
    let scope = call.scope;
    let input = if call.arg(1).is_nullish() {
        Vec::new()
    } else {
        scope
            .bytes(call.arg(1))
            .ok_or_else(|| call.type_error("chunk must be an ArrayBuffer or a view"))?
    };
    let state = state_of(call)?;
    let mut codecs = state.codecs.borrow_mut();
    let outcome = match codecs.get_mut(id) {
        Some(Codec::Compress(deflater)) => Ok((deflater.push(&input), false)),
        Some(Codec::Decompress(inflater)) => {
            inflater.push(&input).map(|out| (out, inflater.has_more()))
        }
        None => return Err(call.type_error("the stream is closed")),
    };
    match outcome {
        Ok((out, more)) => {
            drop(codecs);
            call.set_return(scope.array(&[scope.uint8_array_from_vec(out), scope.boolean(more)]));
            Ok(())
        }
        Err(corrupt) => {
            codecs.remove(id);
            Err(call.type_error(&format!("Decompression failed: {}", corrupt.0)))
        }
    }
}

/// `op_compression_finish(id)` → the last output (a Uint8Array); closes the
/// codec. A decompressor whose input ended early is a TypeError.
pub fn op_compression_finish<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let id = codec_id(call)?;
    let codec = state_of(call)?.codecs.borrow_mut().remove(id);
    let out = match codec {
        Some(Codec::Compress(mut deflater)) => deflater.finish(),
        Some(Codec::Decompress(mut inflater)) => {
            inflater.finish().map_err(|corrupt| {
                call.type_error(&format!("Decompression failed: {}", corrupt.0))
            })?;
            Vec::new()
        }
        None => return Err(call.type_error("the stream is closed")),
    };
    call.set_return(call.scope.uint8_array_from_vec(out));
    Ok(())
}

/// `op_compression_close(id)`: drops a codec (stream cancelled or collected).
pub fn op_compression_close<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let id = codec_id(call)?;
    state_of(call)?.codecs.borrow_mut().remove(id);
    Ok(())
}
