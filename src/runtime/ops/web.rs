//! Small pieces of the WinterTC common API: `performance.timeOrigin`,
//! `navigator.userAgent`, `navigator.hardwareConcurrency`, and ArrayBuffer
//! transfer for `structuredClone`.

use std::time::{SystemTime, UNIX_EPOCH};

use crate::runtime::state::state_of;
use crate::v8::{JsResult, Kind, OpCall};

/// `op_time_origin()` → milliseconds since the Unix epoch when the runtime
/// started (the wall-clock moment `performance.now()` counts from).
pub fn op_time_origin<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let state = state_of(call)?;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    let origin = now.saturating_sub(state.time_origin.get().elapsed());
    call.set_return(call.scope.number(origin.as_secs_f64() * 1000.0));
    Ok(())
}

/// `op_user_agent()` → "NANO/<version>".
pub fn op_user_agent<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    call.set_return(
        call.scope
            .string(concat!("NANO/", env!("CARGO_PKG_VERSION"))),
    );
    Ok(())
}

/// `op_hardware_concurrency()` → the number of logical processors this
/// process may run on (HTML: at least 1).
pub fn op_hardware_concurrency<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let processors = std::thread::available_parallelism().map_or(1, |n| n.get());
    call.set_return(call.scope.number(processors as f64));
    Ok(())
}

/// `op_buffer_kind(value)` → 1 for an ArrayBuffer, 2 for a
/// SharedArrayBuffer, 0 for anything else (the engine's own brand check).
pub fn op_buffer_kind<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let kind = match call.arg(0).kind() {
        Kind::ArrayBuffer => 1.0,
        Kind::SharedArrayBuffer => 2.0,
        _ => 0.0,
    };
    call.set_return(call.scope.number(kind));
    Ok(())
}

/// `op_array_buffer_detach(buffer)` → true when the ArrayBuffer is now
/// detached; false when it cannot be (WebAssembly memory).
pub fn op_array_buffer_detach<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let buffer = call.arg(0);
    if buffer.kind() != Kind::ArrayBuffer {
        return Err(call.type_error("buffer must be an ArrayBuffer"));
    }
    let detached = call.scope.detach_array_buffer(buffer);
    call.set_return(call.scope.boolean(detached));
    Ok(())
}
