//! HTMLRewriter over lol-html. lol-html calls its handlers synchronously
//! while it parses a chunk, but Workers' handlers may be asynchronous, so
//! each stream's lol-html runs on a thread of its own: a handler sends a
//! snapshot of its unit (element, text chunk, comment, ...) to the isolate's
//! thread and waits for the edits the JavaScript handler recorded, which it
//! applies to the unit lol-html holds. Meanwhile the isolate's thread is free
//! to await whatever the JavaScript handler awaits.

use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::Rc;

use crossbeam_channel::{Receiver, Sender};
use lol_html::errors::RewritingError;
use lol_html::html_content::{
    Comment, ContentType, Doctype, DocumentEnd, Element, EndTag, TextChunk,
};
use lol_html::{
    DocumentContentHandlers, ElementContentHandlers, HandlerResult, HtmlRewriter, Selector,
    Settings,
};

/// Which handlers one `on(selector, handlers)` call gave.
pub struct ElementHandlerSet {
    pub selector: Selector,
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
    #[error("the stream is closed")]
    Closed,
    #[error("could not start the rewriting thread: {0}")]
    Thread(String),
}

/// Parses a CSS selector as lol-html supports them.
pub fn parse_selector(selector: &str) -> Result<Selector, HtmlRewriterError> {
    selector.parse().map_err(
        |error: lol_html::errors::SelectorError| HtmlRewriterError::Selector {
            selector: selector.to_string(),
            reason: error.to_string(),
        },
    )
}

/// A snapshot of the unit a handler is called with: what JavaScript sees.
pub enum Unit {
    Element {
        index: usize,
        tag_name: String,
        attributes: Vec<(String, String)>,
        removed: bool,
        namespace_uri: &'static str,
        self_closing: bool,
        can_have_content: bool,
    },
    Comment {
        kind: &'static str,
        index: usize,
        text: String,
        removed: bool,
    },
    Text {
        kind: &'static str,
        index: usize,
        text: String,
        last_in_text_node: bool,
        removed: bool,
    },
    Doctype {
        index: usize,
        name: Option<String>,
        public_id: Option<String>,
        system_id: Option<String>,
    },
    DocumentEnd {
        index: usize,
    },
    /// The end tag of an element given `onEndTag(handler)`; `handler` is
    /// the number JavaScript gave that handler.
    EndTag {
        handler: u32,
        name: String,
    },
}

/// One edit a handler recorded.
pub enum Edit {
    Insert(Place, String, ContentType),
    Remove,
    RemoveAndKeepContent,
    SetAttribute(String, String),
    RemoveAttribute(String),
    Rename(String),
    SetText(String),
    OnEndTag(u32),
}

#[derive(Clone, Copy)]
pub enum Place {
    Before,
    After,
    Prepend,
    Append,
    Replace,
    Inner,
}

/// What the isolate's thread sends the rewriting thread.
enum Input {
    Chunk(Vec<u8>),
    End,
    /// The edits of the handler the last `Step::Handler` asked for.
    Edits(Vec<Edit>),
}

/// Where rewriting stopped, with the output made since the last step.
pub enum Step {
    /// A handler is to run on this unit; resume with its edits.
    Handler(Vec<u8>, Unit),
    /// The chunk (or the end of the document) is done.
    Done(Vec<u8>),
}

/// The rewriting thread's side: its channels and the output so far.
struct Link {
    inputs: Receiver<Input>,
    steps: Sender<Result<Step, HtmlRewriterError>>,
    output: RefCell<Vec<u8>>,
}

#[derive(Debug, thiserror::Error)]
#[error("the HTMLRewriter stream was closed during a handler")]
struct HandlerAbandoned;

impl Link {
    /// Hands `unit` to JavaScript; waits for the edits of its handler.
    fn ask(&self, unit: Unit) -> Result<Vec<Edit>, HandlerAbandoned> {
        let output = std::mem::take(&mut *self.output.borrow_mut());
        self.steps
            .send(Ok(Step::Handler(output, unit)))
            .map_err(|_| HandlerAbandoned)?;
        match self.inputs.recv() {
            Ok(Input::Edits(edits)) => Ok(edits),
            _ => Err(HandlerAbandoned),
        }
    }

    /// Sends the outcome of a chunk; whether to go on.
    fn report(&self, outcome: Result<(), RewritingError>) -> bool {
        let step = match outcome {
            Ok(()) => Ok(Step::Done(std::mem::take(&mut *self.output.borrow_mut()))),
            Err(error) => Err(HtmlRewriterError::Rewriting(error.to_string())),
        };
        let go_on = step.is_ok();
        self.steps.send(step).is_ok() && go_on
    }
}

/// An edit the unit does not support; the JavaScript classes never send one.
fn unsupported() -> HandlerResult {
    Err(Box::new(HtmlRewriterError::Rewriting(
        "an edit this node does not support".into(),
    )))
}

fn apply_to_element(element: &mut Element, edits: Vec<Edit>, link: &Rc<Link>) -> HandlerResult {
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
                let link = link.clone();
                element.on_end_tag(Box::new(move |end: &mut EndTag| {
                    let name = end.name();
                    let edits = link.ask(Unit::EndTag { handler, name })?;
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

fn comment_handler(
    link: &Rc<Link>,
    kind: &'static str,
    index: usize,
) -> impl FnMut(&mut Comment) -> HandlerResult + 'static {
    let link = link.clone();
    move |comment: &mut Comment| {
        let edits = link.ask(Unit::Comment {
            kind,
            index,
            text: comment.text(),
            removed: comment.removed(),
        })?;
        apply_to_comment(comment, edits)
    }
}

fn text_handler(
    link: &Rc<Link>,
    kind: &'static str,
    index: usize,
) -> impl FnMut(&mut TextChunk) -> HandlerResult + 'static {
    let link = link.clone();
    move |chunk: &mut TextChunk| {
        let edits = link.ask(Unit::Text {
            kind,
            index,
            text: chunk.as_str().to_string(),
            last_in_text_node: chunk.last_in_text_node(),
            removed: chunk.removed(),
        })?;
        apply_to_text(chunk, edits)
    }
}

fn element_handler(
    link: &Rc<Link>,
    index: usize,
) -> impl FnMut(&mut Element) -> HandlerResult + 'static {
    let link = link.clone();
    move |element: &mut Element| {
        let attributes = element
            .attributes()
            .iter()
            .map(|attribute| (attribute.name(), attribute.value()))
            .collect();
        let edits = link.ask(Unit::Element {
            index,
            tag_name: element.tag_name(),
            attributes,
            removed: element.removed(),
            namespace_uri: element.namespace_uri(),
            self_closing: element.is_self_closing(),
            can_have_content: element.can_have_content(),
        })?;
        apply_to_element(element, edits, &link)
    }
}

fn settings(
    link: &Rc<Link>,
    elements: Vec<ElementHandlerSet>,
    documents: Vec<DocumentHandlerSet>,
) -> Settings<'static, 'static> {
    let mut settings = Settings::new();
    for (index, set) in elements.into_iter().enumerate() {
        let mut handlers = ElementContentHandlers::default();
        if set.element {
            handlers = handlers.element(element_handler(link, index));
        }
        if set.comments {
            handlers = handlers.comments(comment_handler(link, "comments", index));
        }
        if set.text {
            handlers = handlers.text(text_handler(link, "text", index));
        }
        settings = settings.append_element_content_handler((Cow::Owned(set.selector), handlers));
    }
    for (index, set) in documents.into_iter().enumerate() {
        let mut handlers = DocumentContentHandlers::default();
        if set.doctype {
            let link = link.clone();
            handlers = handlers.doctype(move |doctype: &mut Doctype| {
                let edits = link.ask(Unit::Doctype {
                    index,
                    name: doctype.name(),
                    public_id: doctype.public_id(),
                    system_id: doctype.system_id(),
                })?;
                apply_to_doctype(doctype, edits)
            });
        }
        if set.comments {
            handlers = handlers.comments(comment_handler(link, "documentComments", index));
        }
        if set.text {
            handlers = handlers.text(text_handler(link, "documentText", index));
        }
        if set.end {
            let link = link.clone();
            handlers = handlers.end(move |end: &mut DocumentEnd| {
                let edits = link.ask(Unit::DocumentEnd { index })?;
                apply_to_document_end(end, edits)
            });
        }
        settings = settings.append_document_content_handler(handlers);
    }
    settings
}

/// Collects what lol-html writes until the next step takes it.
struct OutputSink(Rc<Link>);

impl lol_html::OutputSink for OutputSink {
    fn handle_chunk(&mut self, chunk: &[u8]) {
        self.0.output.borrow_mut().extend_from_slice(chunk);
    }
}

/// The rewriting thread: rewrites chunks until the document ends, an error
/// stops it, or the isolate's side is dropped.
fn rewrite(link: Rc<Link>, elements: Vec<ElementHandlerSet>, documents: Vec<DocumentHandlerSet>) {
    let settings = settings(&link, elements, documents);
    let mut rewriter = HtmlRewriter::new(settings, OutputSink(link.clone()));
    loop {
        match link.inputs.recv() {
            Ok(Input::Chunk(bytes)) => {
                if !link.report(rewriter.write(&bytes)) {
                    return;
                }
            }
            Ok(Input::End) => {
                link.report(rewriter.end());
                return;
            }
            // Edits with no handler waiting, or the stream dropped.
            Ok(Input::Edits(_)) | Err(_) => return,
        }
    }
}

/// The isolate's side of one response body being rewritten.
pub struct HtmlRewriterStream {
    inputs: Sender<Input>,
    steps: Receiver<Result<Step, HtmlRewriterError>>,
}

impl HtmlRewriterStream {
    pub fn new(
        elements: Vec<ElementHandlerSet>,
        documents: Vec<DocumentHandlerSet>,
    ) -> Result<HtmlRewriterStream, HtmlRewriterError> {
        let (inputs, thread_inputs) = crossbeam_channel::unbounded();
        let (thread_steps, steps) = crossbeam_channel::unbounded();
        std::thread::Builder::new()
            .name("html-rewriter".into())
            .spawn(move || {
                let link = Rc::new(Link {
                    inputs: thread_inputs,
                    steps: thread_steps,
                    output: RefCell::new(Vec::new()),
                });
                rewrite(link, elements, documents);
            })
            .map_err(|error| HtmlRewriterError::Thread(error.to_string()))?;
        Ok(HtmlRewriterStream { inputs, steps })
    }

    /// Rewrites `chunk` up to its end or the next handler.
    pub fn push(&self, chunk: Vec<u8>) -> Result<Step, HtmlRewriterError> {
        self.exchange(Input::Chunk(chunk))
    }

    /// Goes on after a handler, with its edits.
    pub fn resume(&self, edits: Vec<Edit>) -> Result<Step, HtmlRewriterError> {
        self.exchange(Input::Edits(edits))
    }

    /// Ends the document, up to its end or the next (`end`) handler.
    pub fn finish(&self) -> Result<Step, HtmlRewriterError> {
        self.exchange(Input::End)
    }

    fn exchange(&self, input: Input) -> Result<Step, HtmlRewriterError> {
        self.inputs
            .send(input)
            .map_err(|_| HtmlRewriterError::Closed)?;
        self.steps.recv().map_err(|_| HtmlRewriterError::Closed)?
    }
}
