//! Errors JavaScript could not handle itself, and the promise, proxy and
//! collection introspection the inspector needs.

use crate::runtime::state::{state_of, Outcome};
use crate::v8::{JsResult, OpCall, PromiseState, Throw};

/// `op_report_error(error)`: an error nothing caught (a throwing timer,
/// microtask or `reportError`).
pub fn op_report_error<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let state = state_of(call)?;
    let thrown = Throw::Exception {
        value: call.arg(0),
        message: None,
    };
    if let Some(exception) = call.scope.describe(&thrown) {
        state.uncaught.borrow_mut().push(exception);
    }
    Ok(())
}

/// `op_promise_state(promise)` → `[state, result]` with state 0 pending,
/// 1 fulfilled, 2 rejected; `undefined` for non-promises.
pub fn op_promise_state<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let scope = call.scope;
    let promise = call.arg(0);
    let Some(state) = scope.promise_state(promise) else {
        return Ok(());
    };
    let code = match state {
        PromiseState::Pending => 0.0,
        PromiseState::Fulfilled => 1.0,
        PromiseState::Rejected => 2.0,
    };
    let result = scope
        .promise_result(promise)
        .unwrap_or_else(|| scope.undefined());
    call.set_return(scope.array(&[scope.number(code), result]));
    Ok(())
}

/// `op_fulfilled_value(value)` → the value of a fulfilled promise, else
/// `value` itself (a promise is never fulfilled with itself). Lets the
/// request path use an async handler's answer at once, without a reaction.
pub fn op_fulfilled_value<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let scope = call.scope;
    let value = call.arg(0);
    let fulfilled = match scope.promise_state(value) {
        Some(PromiseState::Fulfilled) => scope.promise_result(value),
        _ => None,
    };
    call.set_return(fulfilled.unwrap_or(value));
    Ok(())
}

/// `op_proxy_details(value)` → `null` for non-proxies, else `[target, handler]`
/// (both `null` once revoked).
pub fn op_proxy_details<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let scope = call.scope;
    let details = match scope.proxy_details(call.arg(0)) {
        Some((target, handler)) => scope.array(&[target, handler]),
        None => scope.null(),
    };
    call.set_return(details);
    Ok(())
}

/// `op_preview_entries(value)` → `[entries, isKeyValue]` for Map and Set
/// iterators (left where they are), WeakMaps and WeakSets; `null` otherwise.
pub fn op_preview_entries<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let scope = call.scope;
    let preview = match scope.preview_entries(call.arg(0)) {
        Some((entries, is_key_value)) => scope.array(&[entries, scope.boolean(is_key_value)]),
        None => scope.null(),
    };
    call.set_return(preview);
    Ok(())
}

/// `op_settled(id, fulfilled, value)`: a promise Rust waits on settled.
pub fn op_settled<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let id = call.number_arg(0, "id")? as u32;
    let fulfilled = call.scope.is_truthy(call.arg(1));
    let value = call.scope.global(call.arg(2));
    let outcome = if fulfilled {
        Outcome::Fulfilled(value)
    } else {
        Outcome::Rejected(value)
    };
    state_of(call)?.settle(id, outcome);
    Ok(())
}
