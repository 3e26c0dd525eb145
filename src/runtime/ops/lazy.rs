//! The op behind the Web APIs loaded on first use (98_lazy.js).

use crate::runtime::bootstrap::lazy_file;
use crate::v8::{JsResult, OpCall};

/// `op_load_lazy_file(name)` → the completion value of the lazily loaded
/// bootstrap file `name` (a function of `nano`).
pub fn op_load_lazy_file<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let name = call.string_arg(0, "name")?;
    let Some(source) = lazy_file(&name) else {
        return Err(call.type_error(&format!("no lazily loaded file {name:?}")));
    };
    let exports = call.scope.eval(source, &name)?;
    call.set_return(exports);
    Ok(())
}
