// HTMLRewriter (Workers): rewrites an HTML response body as it streams, over
// lol-html (src/runtime/html_rewriter.rs). Feeding a chunk stops at each
// element, text chunk, comment, doctype and document end a handler wants,
// with a snapshot of it; the token given to the handler records its edits,
// which are sent back (after the handler's promise settles, if it returns
// one) for lol-html to apply. Loaded on first use (98_lazy.js).
(nano) => {
  "use strict";
  const { ops, internal } = nano;
  const { util } = internal;
  const TransformStreamCtor = internal.streams.TransformStream;
  const ResponseCtor = globalThis.Response;
  const HeadersCtor = globalThis.Headers;
  const ReflectApply = Reflect.apply;
  const ArrayPrototypePush = Array.prototype.push;
  const PromisePrototypeThen = Promise.prototype.then;

  // Only this file makes content tokens.
  const CONSTRUCT = Symbol("construct");

  let record, check, close;
  // Each Element's way to number an onEndTag handler for its stream.
  const elementEndTags = new WeakMap();
  class ContentToken {
    #edits = [];
    #live = true;
    constructor(key) {
      if (key !== CONSTRUCT) throw new TypeError("Illegal constructor");
    }
    static {
      check = (token) => {
        if (!util.isObject(token) || !(#live in token)) throw new TypeError("Illegal invocation");
        if (!token.#live) {
          throw new TypeError(
            "This content token is no longer valid. Content tokens are only valid during the execution of the relevant content handler.",
          );
        }
      };
      record = (token, code, first, second) => {
        check(token);
        ArrayPrototypePush.call(token.#edits, code, first, second);
        return token;
      };
      close = (token) => {
        token.#live = false;
        return token.#edits;
      };
    }
  }

  // `content` with `{ html }`, as an edit's two arguments.
  function insertion(token, code, content, options) {
    const html = util.isObject(options) && options.html === true;
    return record(token, code, util.toDOMString(content), html);
  }

  // Tokens that content can be inserted next to.
  class NeighbouredToken extends ContentToken {
    before(content, options) {
      return insertion(this, "before", content, options);
    }
    after(content, options) {
      return insertion(this, "after", content, options);
    }
  }

  // Tokens that can be removed or replaced, and say whether they were.
  let markRemoved;
  class RemovableToken extends NeighbouredToken {
    #removed;
    constructor(key, removed) {
      super(key);
      this.#removed = removed;
    }
    static {
      markRemoved = (token) => {
        token.#removed = true;
        return token;
      };
    }
    get removed() {
      check(this);
      return this.#removed;
    }
    replace(content, options) {
      insertion(this, "replace", content, options);
      return markRemoved(this);
    }
    remove() {
      record(this, "remove");
      return markRemoved(this);
    }
  }

  class Element extends RemovableToken {
    #tagName;
    #attributes = new Map();
    #namespaceURI;
    #selfClosing;
    #canHaveContent;
    constructor(key, tagName, attributes, removed, namespaceURI, selfClosing, canHaveContent) {
      super(key, removed);
      this.#tagName = tagName;
      for (let i = 0; i < attributes.length; i += 2) this.#attributes.set(attributes[i], attributes[i + 1]);
      this.#namespaceURI = namespaceURI;
      this.#selfClosing = selfClosing;
      this.#canHaveContent = canHaveContent;
    }
    get tagName() {
      check(this);
      return this.#tagName;
    }
    set tagName(name) {
      name = util.toDOMString(name);
      record(this, "rename", name);
      this.#tagName = name.toLowerCase();
    }
    get attributes() {
      check(this);
      return [...this.#attributes][Symbol.iterator]();
    }
    get namespaceURI() {
      check(this);
      return this.#namespaceURI;
    }
    get selfClosing() {
      check(this);
      return this.#selfClosing;
    }
    get canHaveContent() {
      check(this);
      return this.#canHaveContent;
    }
    getAttribute(name) {
      check(this);
      return this.#attributes.get(util.toDOMString(name).toLowerCase()) ?? null;
    }
    hasAttribute(name) {
      check(this);
      return this.#attributes.has(util.toDOMString(name).toLowerCase());
    }
    setAttribute(name, value) {
      name = util.toDOMString(name);
      value = util.toDOMString(value);
      record(this, "setAttribute", name, value);
      this.#attributes.set(name.toLowerCase(), value);
      return this;
    }
    removeAttribute(name) {
      name = util.toDOMString(name);
      record(this, "removeAttribute", name);
      this.#attributes.delete(name.toLowerCase());
      return this;
    }
    prepend(content, options) {
      return insertion(this, "prepend", content, options);
    }
    append(content, options) {
      return insertion(this, "append", content, options);
    }
    setInnerContent(content, options) {
      return insertion(this, "setInnerContent", content, options);
    }
    removeAndKeepContent() {
      record(this, "removeAndKeepContent");
      return markRemoved(this);
    }
    onEndTag(handler) {
      check(this);
      if (typeof handler !== "function") throw new TypeError("Element.onEndTag: handler must be a function");
      if (!this.#canHaveContent) throw new TypeError(`Element.onEndTag: <${this.#tagName}> has no end tag`);
      return record(this, "onEndTag", elementEndTags.get(this)(handler));
    }
  }

  class EndTag extends NeighbouredToken {
    #name;
    constructor(key, name) {
      super(key);
      this.#name = name;
    }
    get name() {
      check(this);
      return this.#name;
    }
    set name(name) {
      name = util.toDOMString(name);
      record(this, "rename", name);
      this.#name = name;
    }
    remove() {
      return record(this, "remove");
    }
  }

  class Text extends RemovableToken {
    #text;
    #lastInTextNode;
    constructor(key, text, lastInTextNode, removed) {
      super(key, removed);
      this.#text = text;
      this.#lastInTextNode = lastInTextNode;
    }
    get text() {
      check(this);
      return this.#text;
    }
    get lastInTextNode() {
      check(this);
      return this.#lastInTextNode;
    }
  }

  class Comment extends RemovableToken {
    #text;
    constructor(key, text, removed) {
      super(key, removed);
      this.#text = text;
    }
    get text() {
      check(this);
      return this.#text;
    }
    set text(text) {
      text = util.toDOMString(text);
      record(this, "setText", text);
      this.#text = text;
    }
  }

  class Doctype extends ContentToken {
    #name;
    #publicId;
    #systemId;
    constructor(key, name, publicId, systemId) {
      super(key);
      this.#name = name;
      this.#publicId = publicId;
      this.#systemId = systemId;
    }
    get name() {
      check(this);
      return this.#name;
    }
    get publicId() {
      check(this);
      return this.#publicId;
    }
    get systemId() {
      check(this);
      return this.#systemId;
    }
    remove() {
      return record(this, "remove");
    }
  }

  class DocumentEnd extends ContentToken {
    append(content, options) {
      return insertion(this, "append", content, options);
    }
  }

  for (const Token of [Element, EndTag, Text, Comment, Doctype, DocumentEnd]) util.setToStringTag(Token);

  // What each kind of step (ops/html_rewriter.rs) calls: the handler sets it
  // indexes ("elements" or "documents"), the handler method, the unit.
  const KINDS = {
    element: ["elements", "element", Element],
    comments: ["elements", "comments", Comment],
    text: ["elements", "text", Text],
    doctype: ["documents", "doctype", Doctype],
    documentComments: ["documents", "comments", Comment],
    documentText: ["documents", "text", Text],
    end: ["documents", "end", DocumentEnd],
  };

  function isThenable(value) {
    return util.isObject(value) && typeof value.then === "function";
  }

  // Runs one handler on `token`; returns its edits, or a promise of them
  // when the handler returns a promise (the token stays valid until it
  // settles, and the rewriting waits for it).
  function runHandler(handler, receiver, token) {
    let result;
    try {
      result = ReflectApply(handler, receiver, [token]);
    } catch (error) {
      close(token);
      throw error;
    }
    if (!isThenable(result)) return close(token);
    return ReflectApply(PromisePrototypeThen, result, [
      () => close(token),
      (error) => {
        close(token);
        throw error;
      },
    ]);
  }

  function hasMethod(handlers, name) {
    return typeof handlers[name] === "function";
  }

  function elementFlags({ selector, handlers }) {
    return [selector, hasMethod(handlers, "element"), hasMethod(handlers, "comments"), hasMethod(handlers, "text")];
  }

  function documentFlags({ handlers }) {
    return [hasMethod(handlers, "doctype"), hasMethod(handlers, "comments"), hasMethod(handlers, "text"), hasMethod(handlers, "end")];
  }

  // Streams dropped before they finished are freed (and their rewriting
  // threads ended) when the transformer holding their id is collected.
  let registry;
  function streamRegistry() {
    if (registry === undefined) registry = new FinalizationRegistry((id) => ops.op_html_rewriter_close(id));
    return registry;
  }

  function rewritingStream(sets) {
    const id = ops.op_html_rewriter_new(sets.elements.flatMap(elementFlags), sets.documents.flatMap(documentFlags));
    // Handlers given to Element.onEndTag, by the number the edit carries.
    const endTagHandlers = [];
    let nextEndTagHandler = 0;

    function runUnit(kind, index, payload) {
      if (kind === "endTag") {
        const handler = endTagHandlers[index];
        delete endTagHandlers[index];
        return runHandler(handler, undefined, new EndTag(CONSTRUCT, ...payload));
      }
      const [setsName, method, Token] = KINDS[kind];
      const handlers = sets[setsName][index].handlers;
      const token = new Token(CONSTRUCT, ...payload);
      if (Token === Element) elementEndTags.set(token, registerEndTag);
      return runHandler(handlers[method], handlers, token);
    }

    function registerEndTag(handler) {
      const number = nextEndTagHandler++;
      endTagHandlers[number] = handler;
      return number;
    }

    // Runs handlers until lol-html has finished the chunk, enqueueing the
    // output as it comes.
    async function drive(step, controller) {
      for (;;) {
        const [output, kind, index, ...payload] = step;
        if (output.byteLength > 0) controller.enqueue(output);
        if (kind === undefined) return;
        let edits = runUnit(kind, index, payload);
        if (isThenable(edits)) edits = await edits;
        step = ops.op_html_rewriter_resume(id, edits);
      }
    }

    const finish = () => {
      streamRegistry().unregister(transformer);
      ops.op_html_rewriter_close(id);
    };
    // Closes the stream when `work` fails.
    async function guarded(work) {
      try {
        await work();
      } catch (error) {
        finish();
        throw error;
      }
    }
    const transformer = {
      transform(chunk, controller) {
        return guarded(() => drive(ops.op_html_rewriter_push(id, chunk), controller));
      },
      async flush(controller) {
        await guarded(() => drive(ops.op_html_rewriter_finish(id), controller));
        finish();
      },
      cancel() {
        finish();
      },
    };
    streamRegistry().register(transformer, id, transformer);
    return new TransformStreamCtor(transformer);
  }

  function requireHandlers(handlers, where) {
    if (!util.isObject(handlers)) throw new TypeError(`${where}: handlers must be an object`);
  }

  class HTMLRewriter {
    #elements = [];
    #documents = [];
    on(selector, handlers) {
      util.requireArgs(arguments.length, 2, "HTMLRewriter.on");
      selector = util.toDOMString(selector);
      requireHandlers(handlers, "HTMLRewriter.on");
      // Parses the selector now, so a bad one throws here as on Workers.
      ops.op_html_rewriter_selector(selector);
      ArrayPrototypePush.call(this.#elements, { selector, handlers });
      return this;
    }
    onDocument(handlers) {
      util.requireArgs(arguments.length, 1, "HTMLRewriter.onDocument");
      requireHandlers(handlers, "HTMLRewriter.onDocument");
      ArrayPrototypePush.call(this.#documents, { handlers });
      return this;
    }
    transform(response) {
      util.requireArgs(arguments.length, 1, "HTMLRewriter.transform");
      if (!internal.fetch.isResponse(response)) {
        throw new TypeError("HTMLRewriter.transform: argument must be a Response");
      }
      const sets = { elements: [...this.#elements], documents: [...this.#documents] };
      const source = response.body ?? new ResponseCtor("").body;
      const headers = new HeadersCtor(response.headers);
      headers.delete("content-length");
      return new ResponseCtor(source.pipeThrough(rewritingStream(sets)), {
        status: response.status,
        statusText: response.statusText,
        headers,
      });
    }
  }
  util.setToStringTag(HTMLRewriter);

  return { HTMLRewriter };
};
