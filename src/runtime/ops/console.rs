//! Console output, routed to whatever sink the embedder chose.

use crate::runtime::state::{state_of, ConsoleLevel};
use crate::v8::{JsResult, OpCall};

/// `op_print(level, text)`: level 0 debug, 1 log/info, 2 warn, 3 error.
pub fn op_print<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let level = match call.number_arg(0, "level")? as i32 {
        0 => ConsoleLevel::Debug,
        1 => ConsoleLevel::Log,
        2 => ConsoleLevel::Warn,
        _ => ConsoleLevel::Error,
    };
    let text = call.string_arg(1, "text")?;
    let state = state_of(call)?;
    (state.console.borrow())(level, &text, state.label.get().as_deref());
    Ok(())
}
