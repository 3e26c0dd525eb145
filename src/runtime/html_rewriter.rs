//! HTMLRewriter over lol-html. lol-html calls its handlers synchronously
//! while it parses a chunk; each handler calls one JavaScript dispatch
//! function (made by the HTMLRewriter class) with a snapshot of the unit
//! (element, text chunk, comment, ...). The JavaScript handler works on that
//! snapshot and records its edits, which the dispatch function returns and
//! which are applied here to the unit lol-html holds.

use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::Rc;

use lol_html::errors::RewritingError;
use lol_html::html_content::{
    Comment, ContentType, Doctype, DocumentEnd, Element, EndTag, TextChunk,
};
use lol_html::{
    DocumentContentHandlers, ElementContentHandlers, HandlerResult, HtmlRewriter, Selector,
    Settings,
};

use crate::v8::{Global, JsResult, Local, Reentry, Scope, Throw, Value};

/// Which handlers one `on(selector, handlers)` call gave.
pub struct ElementHandlerSet {
    pub selector: String,
    pub element: bool,
    pub comments: bool,
    pub text: bool,
}

/// Which handlers one `onDocument(handlers)` call gave.
pub struct DocumentHandlerSet {
    pub doctype: bool,
    pub comments: bool,
    pub text: bool,
    pub end: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum HtmlRewriterError {
    #[error("invalid selector '{selector}': {reason}")]
    Selector { selector: String, reason: String },
    #[error("{0}")]
    Rewriting(String),
}

/// Why a handler stopped the rewriting: JavaScript threw, or was terminated.
enum HandlerFailure {
    Thrown(Global),
    Terminated,
}

#[derive(Debug, thiserror::Error)]
#[error("an HTMLRewriter handler failed")]
struct HandlerFailed;

/// Calls the JavaScript dispatch function and keeps what it threw. The
/// function is held only while a chunk is rewritten, so that a stream
/// dropped unfinished roots nothing of the app's.
struct Dispatcher {
    reentry: Reentry,
    dispatch: RefCell<Option<Global>>,
    failure: RefCell<Option<HandlerFailure>>,
}

/// One edit a handler recorded, as the dispatch function returns it.
enum Edit {
    Insert(Place, String, ContentType),
    Remove,
    RemoveAndKeepContent,
    SetAttribute(String, String),
    RemoveAttribute(String),
    Rename(String),
    SetText(String),
    OnEndTag(Global),
}

#[derive(Clone, Copy)]
enum Place {
    Before,
    After,
    Prepend,
    Append,
    Replace,
    Inner,
}

impl Dispatcher {
    /// `dispatch(kind, index, ...payload)`, then its edits.
    fn call(
        &self,
        kind: &str,
        index: usize,
        payload: impl for<'a> FnOnce(&'a Scope<'_>) -> Vec<Local<'a, Value>>,
    ) -> Result<Vec<Edit>, HandlerFailed> {
        let dispatch = self.dispatch.borrow();
        let Some(dispatch) = dispatch.as_ref() else {
            return Err(HandlerFailed);
        };
        let outcome = self.reentry.with_scope(|scope| {
            let mut args = vec![scope.string(kind), scope.number(index as f64)];
            args.extend(payload(scope));
            let function = dispatch.get(scope);
            let edits = scope
                .call(function, scope.undefined(), &args)
                .and_then(|returned| read_edits(scope, returned));
            edits.map_err(|throw| match throw {
                Throw::Exception { value, .. } => HandlerFailure::Thrown(scope.global(value)),
                Throw::Terminated => HandlerFailure::Terminated,
            })
        });
        match outcome {
            Some(Ok(edits)) => Ok(edits),
            Some(Err(failure)) => {
                *self.failure.borrow_mut() = Some(failure);
                Err(HandlerFailed)
            }
            None => {
                *self.failure.borrow_mut() = Some(HandlerFailure::Terminated);
                Err(HandlerFailed)
            }
        }
    }
}

/// Reads the flat `[code, arg, arg, code, arg, arg, ...]` list of edits.
fn read_edits<'s>(scope: &'s Scope<'_>, list: Local<'_, Value>) -> JsResult<'s, Vec<Edit>> {
    let Some(length) = scope.array_length(list) else {
        return Ok(Vec::new());
    };
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
            "onEndTag" => Edit::OnEndTag(scope.global(first)),
            _ => return Err(scope.throw_error(crate::v8::ErrorKind::TypeError, "unknown edit")),
        });
    }
    Ok(edits)
}

fn optional_string<'a>(scope: &'a Scope<'_>, value: Option<String>) -> Local<'a, Value> {
    value.map_or_else(|| scope.null(), |value| scope.string(&value))
}

/// An edit the unit does not support; the JavaScript classes never send one.
fn unsupported() -> HandlerResult {
    Err(Box::new(HtmlRewriterError::Rewriting(
        "an edit this node does not support".into(),
    )))
}

fn apply_to_element(
    element: &mut Element,
    edits: Vec<Edit>,
    dispatcher: &Rc<Dispatcher>,
) -> HandlerResult {
    for edit in edits {
        match edit {
            Edit::Insert(Place::Before, content, kind) => element.before(&content, kind),
            Edit::Insert(Place::After, content, kind) => element.after(&content, kind),
            Edit::Insert(Place::Prepend, content, kind) => element.prepend(&content, kind),
            Edit::Insert(Place::Append, content, kind) => element.append(&content, kind),
            Edit::Insert(Place::Replace, content, kind) => element.replace(&content, kind),
            Edit::Insert(Place::Inner, content, kind) => element.set_inner_content(&content, kind),
            Edit::Remove => element.remove(),
            Edit::RemoveAndKeepContent => element.remove_and_keep_content(),
            Edit::SetAttribute(name, value) => element.set_attribute(&name, &value)?,
            Edit::RemoveAttribute(name) => element.remove_attribute(&name),
            Edit::Rename(name) => element.set_tag_name(&name)?,
            Edit::OnEndTag(handler) => {
                let dispatcher = dispatcher.clone();
                element.on_end_tag(Box::new(move |end: &mut EndTag| {
                    let edits = dispatcher.call("endTag", 0, |scope| {
                        vec![handler.get(scope), scope.string(&end.name())]
                    })?;
                    apply_to_end_tag(end, edits)
                }))?;
            }
            Edit::SetText(_) => return unsupported(),
        }
    }
    Ok(())
}

fn apply_to_end_tag(end: &mut EndTag, edits: Vec<Edit>) -> HandlerResult {
    for edit in edits {
        match edit {
            Edit::Insert(Place::Before, content, kind) => end.before(&content, kind),
            Edit::Insert(Place::After, content, kind) => end.after(&content, kind),
            Edit::Remove => end.remove(),
            Edit::Rename(name) => end.set_name_str(name),
            _ => return unsupported(),
        }
    }
    Ok(())
}

fn apply_to_text(chunk: &mut TextChunk, edits: Vec<Edit>) -> HandlerResult {
    for edit in edits {
        match edit {
            Edit::Insert(Place::Before, content, kind) => chunk.before(&content, kind),
            Edit::Insert(Place::After, content, kind) => chunk.after(&content, kind),
            Edit::Insert(Place::Replace, content, kind) => chunk.replace(&content, kind),
            Edit::Remove => chunk.remove(),
            _ => return unsupported(),
        }
    }
    Ok(())
}

fn apply_to_comment(comment: &mut Comment, edits: Vec<Edit>) -> HandlerResult {
    for edit in edits {
        match edit {
            Edit::Insert(Place::Before, content, kind) => comment.before(&content, kind),
            Edit::Insert(Place::After, content, kind) => comment.after(&content, kind),
            Edit::Insert(Place::Replace, content, kind) => comment.replace(&content, kind),
            Edit::Remove => comment.remove(),
            Edit::SetText(text) => comment.set_text(&text)?,
            _ => return unsupported(),
        }
    }
    Ok(())
}

fn apply_to_doctype(doctype: &mut Doctype, edits: Vec<Edit>) -> HandlerResult {
    for edit in edits {
        match edit {
            Edit::Remove => doctype.remove(),
            _ => return unsupported(),
        }
    }
    Ok(())
}

fn apply_to_document_end(end: &mut DocumentEnd, edits: Vec<Edit>) -> HandlerResult {
    for edit in edits {
        match edit {
            Edit::Insert(Place::Append, content, kind) => end.append(&content, kind),
            _ => return unsupported(),
        }
    }
    Ok(())
}

/// Collects what lol-html writes until the op that fed it takes it.
#[derive(Clone, Default)]
struct OutputBuffer(Rc<RefCell<Vec<u8>>>);

impl lol_html::OutputSink for OutputBuffer {
    fn handle_chunk(&mut self, chunk: &[u8]) {
        self.0.borrow_mut().extend_from_slice(chunk);
    }
}

/// Why a chunk could not be rewritten.
pub enum PushFailure {
    /// A handler threw this value.
    Thrown(Global),
    Terminated,
    Rewriting(HtmlRewriterError),
}

/// One response body being rewritten.
pub struct HtmlRewriterStream {
    rewriter: Option<HtmlRewriter<'static, OutputBuffer>>,
    output: OutputBuffer,
    dispatcher: Rc<Dispatcher>,
}

fn comment_handler(
    dispatcher: &Rc<Dispatcher>,
    kind: &'static str,
    index: usize,
) -> impl FnMut(&mut Comment) -> HandlerResult + 'static {
    let dispatcher = dispatcher.clone();
    move |comment: &mut Comment| {
        let edits = dispatcher.call(kind, index, |scope| {
            vec![
                scope.string(&comment.text()),
                scope.boolean(comment.removed()),
            ]
        })?;
        apply_to_comment(comment, edits)
    }
}

fn text_handler(
    dispatcher: &Rc<Dispatcher>,
    kind: &'static str,
    index: usize,
) -> impl FnMut(&mut TextChunk) -> HandlerResult + 'static {
    let dispatcher = dispatcher.clone();
    move |chunk: &mut TextChunk| {
        let edits = dispatcher.call(kind, index, |scope| {
            vec![
                scope.string(chunk.as_str()),
                scope.boolean(chunk.last_in_text_node()),
                scope.boolean(chunk.removed()),
            ]
        })?;
        apply_to_text(chunk, edits)
    }
}

fn element_handler(
    dispatcher: &Rc<Dispatcher>,
    index: usize,
) -> impl FnMut(&mut Element) -> HandlerResult + 'static {
    let dispatcher = dispatcher.clone();
    move |element: &mut Element| {
        let edits = dispatcher.call("element", index, |scope| {
            let attributes: Vec<_> = element
                .attributes()
                .iter()
                .flat_map(|attribute| {
                    [
                        scope.string(&attribute.name()),
                        scope.string(&attribute.value()),
                    ]
                })
                .collect();
            vec![
                scope.string(&element.tag_name()),
                scope.array(&attributes),
                scope.boolean(element.removed()),
                scope.string(element.namespace_uri()),
                scope.boolean(element.is_self_closing()),
                scope.boolean(element.can_have_content()),
            ]
        })?;
        apply_to_element(element, edits, &dispatcher)
    }
}

impl HtmlRewriterStream {
    pub fn new(
        scope: &Scope<'_>,
        elements: &[ElementHandlerSet],
        documents: &[DocumentHandlerSet],
    ) -> Result<HtmlRewriterStream, HtmlRewriterError> {
        let dispatcher = Rc::new(Dispatcher {
            reentry: scope.reentry(),
            dispatch: RefCell::new(None),
            failure: RefCell::new(None),
        });
        let mut settings = Settings::new();
        for (index, set) in elements.iter().enumerate() {
            let selector: Selector =
                set.selector
                    .parse()
                    .map_err(|error: lol_html::errors::SelectorError| {
                        HtmlRewriterError::Selector {
                            selector: set.selector.clone(),
                            reason: error.to_string(),
                        }
                    })?;
            let mut handlers = ElementContentHandlers::default();
            if set.element {
                handlers = handlers.element(element_handler(&dispatcher, index));
            }
            if set.comments {
                handlers = handlers.comments(comment_handler(&dispatcher, "comments", index));
            }
            if set.text {
                handlers = handlers.text(text_handler(&dispatcher, "text", index));
            }
            settings = settings.append_element_content_handler((Cow::Owned(selector), handlers));
        }
        for (index, set) in documents.iter().enumerate() {
            let mut handlers = DocumentContentHandlers::default();
            if set.doctype {
                let dispatcher = dispatcher.clone();
                handlers = handlers.doctype(move |doctype: &mut Doctype| {
                    let edits = dispatcher.call("doctype", index, |scope| {
                        vec![
                            optional_string(scope, doctype.name()),
                            optional_string(scope, doctype.public_id()),
                            optional_string(scope, doctype.system_id()),
                        ]
                    })?;
                    apply_to_doctype(doctype, edits)
                });
            }
            if set.comments {
                handlers =
                    handlers.comments(comment_handler(&dispatcher, "documentComments", index));
            }
            if set.text {
                handlers = handlers.text(text_handler(&dispatcher, "documentText", index));
            }
            if set.end {
                let dispatcher = dispatcher.clone();
                handlers = handlers.end(move |end: &mut DocumentEnd| {
                    let edits = dispatcher.call("end", index, |_| Vec::new())?;
                    apply_to_document_end(end, edits)
                });
            }
            settings = settings.append_document_content_handler(handlers);
        }
        let output = OutputBuffer::default();
        Ok(HtmlRewriterStream {
            rewriter: Some(HtmlRewriter::new(settings, output.clone())),
            output,
            dispatcher,
        })
    }

    /// Rewrites `chunk`, handlers calling `dispatch`; returns the output.
    pub fn push(
        &mut self,
        scope: &Scope<'_>,
        dispatch: Local<'_, Value>,
        chunk: &[u8],
    ) -> Result<Vec<u8>, PushFailure> {
        let Some(rewriter) = self.rewriter.as_mut() else {
            return Err(closed());
        };
        *self.dispatcher.dispatch.borrow_mut() = Some(scope.global(dispatch));
        let outcome = rewriter.write(chunk);
        self.settle(outcome)
    }

    /// Ends the document (running `end` handlers); returns the last output.
    pub fn finish(
        &mut self,
        scope: &Scope<'_>,
        dispatch: Local<'_, Value>,
    ) -> Result<Vec<u8>, PushFailure> {
        let Some(rewriter) = self.rewriter.take() else {
            return Err(closed());
        };
        *self.dispatcher.dispatch.borrow_mut() = Some(scope.global(dispatch));
        let outcome = rewriter.end();
        self.settle(outcome)
    }

    fn settle(&mut self, outcome: Result<(), RewritingError>) -> Result<Vec<u8>, PushFailure> {
        self.dispatcher.dispatch.borrow_mut().take();
        match outcome {
            Ok(()) => Ok(std::mem::take(&mut *self.output.0.borrow_mut())),
            Err(error) => {
                self.rewriter = None;
                Err(match self.dispatcher.failure.borrow_mut().take() {
                    Some(HandlerFailure::Thrown(value)) => PushFailure::Thrown(value),
                    Some(HandlerFailure::Terminated) => PushFailure::Terminated,
                    None => PushFailure::Rewriting(HtmlRewriterError::Rewriting(error.to_string())),
                })
            }
        }
    }
}

fn closed() -> PushFailure {
    PushFailure::Rewriting(HtmlRewriterError::Rewriting("the stream is closed".into()))
}
