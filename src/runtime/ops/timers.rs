//! Timer deadlines and the monotonic clock behind `performance.now()`.

use std::time::Duration;

use crate::runtime::state::{state_of, OpValue};
use crate::v8::{JsResult, OpCall};

/// `op_timer_start(id, delayMs)`: fire `hooks.fireTimer(id)` after the delay.
pub fn op_timer_start<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let id = call.number_arg(0, "id")? as u32;
    let delay = call.number_arg(1, "delay")?.max(0.0);
    let state = state_of(call)?;
    let label = state.label.get();
    state
        .timers
        .borrow_mut()
        .start(id, Duration::from_secs_f64(delay / 1000.0), label);
    state.wake();
    Ok(())
}

/// `op_timer_cancel(id)`.
pub fn op_timer_cancel<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let id = call.number_arg(0, "id")? as u32;
    state_of(call)?.timers.borrow_mut().cancel(id);
    Ok(())
}

/// `op_now()`: milliseconds since the runtime started, sub-millisecond.
pub fn op_now<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let state = state_of(call)?;
    let elapsed = state.time_origin.get().elapsed().as_secs_f64() * 1000.0;
    call.set_return(call.scope.number(elapsed));
    Ok(())
}

/// `op_sleep(ms)` → a promise fulfilled after `ms` (`scheduler.wait`).
pub fn op_sleep<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let delay = call.number_arg(0, "delay")?;
    let delay = if delay.is_finite() {
        delay.max(0.0)
    } else {
        0.0
    };
    let state = state_of(call)?;
    state.spawn_op(call, async move {
        monoio::time::sleep(Duration::from_secs_f64(delay / 1000.0)).await;
        Ok(OpValue::Undefined)
    });
    Ok(())
}
