//! HTMLRewriter streams (see `runtime::html_rewriter`), kept in the runtime
//! state by id. A step comes back to JavaScript as `[output]` when a chunk
//! is done, or `[output, kind, index, ...unit]` when a handler is to run.

use lol_html::html_content::ContentType;

use crate::runtime::html_rewriter::{
    parse_selector, DocumentHandlerSet, Edit, ElementHandlerSet, HtmlRewriterError,
    HtmlRewriterStream, Place, Step, Unit,
};
use crate::runtime::state::state_of;
use crate::v8::{ErrorKind, JsResult, Local, OpCall, Scope, Value};

fn type_error<'s>(call: &OpCall<'s>, error: HtmlRewriterError) -> crate::v8::Throw<'s> {
    call.type_error(&error.to_string())
}

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

/// `op_html_rewriter_selector(selector)`: a TypeError when lol-html cannot
/// parse it.
pub fn op_html_rewriter_selector<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let selector = call.string_arg(0, "selector")?;
    parse_selector(&selector).map_err(|error| type_error(call, error))?;
    Ok(())
}

/// `op_html_rewriter_new(elements, documents)` → id. `elements` is flat
/// `[selector, element?, comments?, text?, ...]`, `documents` flat
/// `[doctype?, comments?, text?, end?, ...]`.
pub fn op_html_rewriter_new<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let scope = call.scope;
    let elements = records(call, 0, 4, |list, start| {
        let selector = scope.to_js_string(scope.get_index(list, start)?)?;
        Ok(ElementHandlerSet {
            selector: parse_selector(&selector).map_err(|error| type_error(call, error))?,
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
    let stream =
        HtmlRewriterStream::new(elements, documents).map_err(|error| type_error(call, error))?;
    let id = state_of(call)?.html_rewriters.borrow_mut().insert(stream);
    call.set_return(scope.number(id as f64));
    Ok(())
}

fn optional_string<'a>(scope: &'a Scope<'_>, value: &Option<String>) -> Local<'a, Value> {
    value
        .as_deref()
        .map_or_else(|| scope.null(), |value| scope.string(value))
}

/// `[kind, index, ...payload]` of a unit, as `runUnit` in
/// 58_html_rewriter.js takes them.
fn unit_values<'a>(scope: &'a Scope<'_>, unit: &Unit) -> Vec<Local<'a, Value>> {
    let index = |index: &usize| scope.number(*index as f64);
    match unit {
        Unit::Element {
            index: i,
            tag_name,
            attributes,
            removed,
            namespace_uri,
            self_closing,
            can_have_content,
        } => {
            let attributes: Vec<_> = attributes
                .iter()
                .flat_map(|(name, value)| [scope.string(name), scope.string(value)])
                .collect();
            vec![
                scope.string("element"),
                index(i),
                scope.string(tag_name),
                scope.array(&attributes),
                scope.boolean(*removed),
                scope.string(namespace_uri),
                scope.boolean(*self_closing),
                scope.boolean(*can_have_content),
            ]
        }
        Unit::Comment {
            kind,
            index: i,
            text,
            removed,
        } => vec![
            scope.string(kind),
            index(i),
            scope.string(text),
            scope.boolean(*removed),
        ],
        Unit::Text {
            kind,
            index: i,
            text,
            last_in_text_node,
            removed,
        } => vec![
            scope.string(kind),
            index(i),
            scope.string(text),
            scope.boolean(*last_in_text_node),
            scope.boolean(*removed),
        ],
        Unit::Doctype {
            index: i,
            name,
            public_id,
            system_id,
        } => vec![
            scope.string("doctype"),
            index(i),
            optional_string(scope, name),
            optional_string(scope, public_id),
            optional_string(scope, system_id),
        ],
        Unit::DocumentEnd { index: i } => vec![scope.string("end"), index(i)],
        Unit::EndTag { handler, name } => vec![
            scope.string("endTag"),
            scope.number(*handler as f64),
            scope.string(name),
        ],
    }
}

/// Sends `input` to stream `id` (argument 0); returns its next step.
fn step<'s>(
    call: &OpCall<'s>,
    exchange: impl FnOnce(&HtmlRewriterStream) -> Result<Step, HtmlRewriterError>,
) -> JsResult<'s, ()> {
    let id = call.number_arg(0, "id")? as u32;
    let state = state_of(call)?;
    let mut streams = state.html_rewriters.borrow_mut();
    let stream = streams
        .get_mut(id)
        .ok_or_else(|| type_error(call, HtmlRewriterError::Closed))?;
    let outcome = exchange(stream);
    if outcome.is_err() {
        streams.remove(id);
    }
    drop(streams);
    let scope = call.scope;
    let values = match outcome.map_err(|error| type_error(call, error))? {
        Step::Done(output) => vec![scope.uint8_array_from_vec(output)],
        Step::Handler(output, unit) => {
            let mut values = vec![scope.uint8_array_from_vec(output)];
            values.extend(unit_values(scope, &unit));
            values
        }
    };
    call.set_return(scope.array(&values));
    Ok(())
}

/// `op_html_rewriter_push(id, chunk)` → the next step.
pub fn op_html_rewriter_push<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let chunk = call
        .scope
        .bytes(call.arg(1))
        .ok_or_else(|| call.type_error("chunk must be an ArrayBuffer or a view"))?;
    step(call, |stream| stream.push(chunk))
}

/// `op_html_rewriter_resume(id, edits)` → the next step. `edits` is the flat
/// `[code, arg, arg, ...]` list a handler recorded.
pub fn op_html_rewriter_resume<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let edits = read_edits(call, call.arg(1))?;
    step(call, |stream| stream.resume(edits))
}

/// `op_html_rewriter_finish(id)` → the next step (after `end` handlers, the
/// last output).
pub fn op_html_rewriter_finish<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    step(call, HtmlRewriterStream::finish)
}

/// `op_html_rewriter_close(id)`: drops a stream (finished, failed,
/// cancelled or collected), which ends its thread.
pub fn op_html_rewriter_close<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let id = call.number_arg(0, "id")? as u32;
    let removed = state_of(call)?.html_rewriters.borrow_mut().remove(id);
    drop(removed);
    Ok(())
}

fn read_edits<'s>(call: &OpCall<'s>, list: Local<'s, Value>) -> JsResult<'s, Vec<Edit>> {
    let scope = call.scope;
    let length = scope
        .array_length(list)
        .ok_or_else(|| call.type_error("edits must be an array"))?;
    let mut edits = Vec::new();
    for start in (0..length).step_by(3) {
        let code = scope.to_js_string(scope.get_index(list, start)?)?;
        let first = scope.get_index(list, start + 1)?;
        let second = scope.get_index(list, start + 2)?;
        let text = |value| scope.to_js_string(value);
        let insert = |place| -> JsResult<'s, Edit> {
            let content_type = if scope.is_truthy(second) {
                ContentType::Html
            } else {
                ContentType::Text
            };
            Ok(Edit::Insert(place, text(first)?, content_type))
        };
        edits.push(match code.as_str() {
            "before" => insert(Place::Before)?,
            "after" => insert(Place::After)?,
            "prepend" => insert(Place::Prepend)?,
            "append" => insert(Place::Append)?,
            "replace" => insert(Place::Replace)?,
            "setInnerContent" => insert(Place::Inner)?,
            "remove" => Edit::Remove,
            "removeAndKeepContent" => Edit::RemoveAndKeepContent,
            "setAttribute" => Edit::SetAttribute(text(first)?, text(second)?),
            "removeAttribute" => Edit::RemoveAttribute(text(first)?),
            "rename" => Edit::Rename(text(first)?),
            "setText" => Edit::SetText(text(first)?),
            "onEndTag" => Edit::OnEndTag(
                first
                    .as_number()
                    .ok_or_else(|| call.type_error("an end tag handler is a number"))?
                    as u32,
            ),
            _ => return Err(scope.throw_error(ErrorKind::TypeError, "unknown edit")),
        });
    }
    Ok(edits)
}
