//! HTMLRewriter streams (see `runtime::html_rewriter`), kept in the runtime
//! state by id.

use std::cell::RefCell;
use std::rc::Rc;

use crate::runtime::html_rewriter::{
    DocumentHandlerSet, ElementHandlerSet, HtmlRewriterStream, PushFailure,
};
use crate::runtime::state::state_of;
use crate::v8::{JsResult, Local, OpCall, Throw, Value};

/// `list[index]` as a boolean.
fn flag<'s>(call: &OpCall<'s>, list: Local<'_, Value>, index: u32) -> JsResult<'s, bool> {
    Ok(call.scope.is_truthy(call.scope.get_index(list, index)?))
}

/// Argument `index`: a flat list of records of `width` entries.
fn records<'s, T>(
    call: &OpCall<'s>,
    index: usize,
    width: u32,
    read: impl Fn(Local<'s, Value>, u32) -> JsResult<'s, T>,
) -> JsResult<'s, Vec<T>> {
    let list = call.arg(index);
    let length = call
        .scope
        .array_length(list)
        .ok_or_else(|| call.type_error("handler sets must be an array"))?;
    (0..length)
        .step_by(width as usize)
        .map(|start| read(list, start))
        .collect()
}

/// `op_html_rewriter_new(elements, documents)` → id. `elements`
/// is flat `[selector, element?, comments?, text?, ...]`, `documents` flat
/// `[doctype?, comments?, text?, end?, ...]`. A bad selector is a TypeError.
pub fn op_html_rewriter_new<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let scope = call.scope;
    let elements = records(call, 0, 4, |list, start| {
        Ok(ElementHandlerSet {
            selector: scope.to_js_string(scope.get_index(list, start)?)?,
            element: flag(call, list, start + 1)?,
            comments: flag(call, list, start + 2)?,
            text: flag(call, list, start + 3)?,
        })
    })?;
    let documents = records(call, 1, 4, |list, start| {
        Ok(DocumentHandlerSet {
            doctype: flag(call, list, start)?,
            comments: flag(call, list, start + 1)?,
            text: flag(call, list, start + 2)?,
            end: flag(call, list, start + 3)?,
        })
    })?;
    let stream = HtmlRewriterStream::new(scope, &elements, &documents)
        .map_err(|error| call.type_error(&error.to_string()))?;
    let id = state_of(call)?
        .html_rewriters
        .borrow_mut()
        .insert(Rc::new(RefCell::new(stream)));
    call.set_return(scope.number(id as f64));
    Ok(())
}

fn stream_of<'s>(call: &OpCall<'s>) -> JsResult<'s, Rc<RefCell<HtmlRewriterStream>>> {
    let id = call.number_arg(0, "id")? as u32;
    state_of(call)?
        .html_rewriters
        .borrow_mut()
        .get_mut(id)
        .cloned()
        .ok_or_else(|| call.type_error("the stream is closed"))
}

/// Rewrites with `step` (the handlers run inside it, and may call these
/// ops again: the stream is taken out of the table's borrow first); returns
/// the output as a Uint8Array, or throws what a handler threw.
fn rewrite<'s>(
    call: &OpCall<'s>,
    step: impl FnOnce(&mut HtmlRewriterStream, Local<'s, Value>) -> Result<Vec<u8>, PushFailure>,
) -> JsResult<'s, ()> {
    let stream = stream_of(call)?;
    let Ok(mut stream) = stream.try_borrow_mut() else {
        return Err(call.type_error("an HTMLRewriter handler cannot feed its own rewriter"));
    };
    match step(&mut stream, call.arg(1)) {
        Ok(out) => {
            call.set_return(call.scope.uint8_array(&out));
            Ok(())
        }
        Err(PushFailure::Thrown(value)) => Err(Throw::Exception {
            value: value.get(call.scope),
            message: None,
        }),
        Err(PushFailure::Terminated) => Err(Throw::Terminated),
        Err(PushFailure::Rewriting(error)) => Err(call.type_error(&error.to_string())),
    }
}

/// `op_html_rewriter_push(id, dispatch, chunk)` → the rewritten output so
/// far. `dispatch(kind, index, ...unit)` runs the handlers.
pub fn op_html_rewriter_push<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let chunk = call
        .scope
        .bytes(call.arg(2))
        .ok_or_else(|| call.type_error("chunk must be an ArrayBuffer or a view"))?;
    rewrite(call, |stream, dispatch| {
        stream.push(call.scope, dispatch, &chunk)
    })
}

/// `op_html_rewriter_finish(id, dispatch)` → the last output, after `end`
/// handlers.
pub fn op_html_rewriter_finish<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    rewrite(call, |stream, dispatch| stream.finish(call.scope, dispatch))
}

/// `op_html_rewriter_close(id)`: drops a stream (finished, cancelled or
/// collected).
pub fn op_html_rewriter_close<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let id = call.number_arg(0, "id")? as u32;
    let removed = state_of(call)?.html_rewriters.borrow_mut().remove(id);
    drop(removed);
    Ok(())
}
