// How the runtime hands requests to an app, in both Workers forms:
// `export default { fetch(request, env, ctx) }` and
// `addEventListener("fetch", (event) => event.respondWith(...))`; and how it
// runs the cron triggers of `export default { scheduled(controller, env, ctx) }`.
((nano) => {
  "use strict";
  const { ops, internal } = nano;
  const { streams, asyncContext } = internal;
  const { isResponse, responseToInner, requestFromInner, abortRequest } = internal.fetch;
  const hooks = internal.hooks;
  const fetchListeners = [];
  const globalEvents = new EventTarget();
  const pendingWaitUntil = new Set();
  // The request last handed to the app, until Rust takes it (only when the
  // handler did not answer at once; see takeRequest).
  let lastRequest = null;

  function keepAlive(promise) {
    const tracked = Promise.resolve(promise).then(
      () => undefined,
      (error) => internal.reportError(error),
    );
    pendingWaitUntil.add(tracked);
    tracked.then(() => pendingWaitUntil.delete(tracked));
  }

  class ExecutionContext {
    waitUntil(promise) {
      keepAlive(promise);
    }
    // No origin to fall back to: errors still become a 500.
    passThroughOnException() {}
  }

  class FetchEvent extends Event {
    #request;
    #response = null;
    constructor(type, init = {}) {
      super(type);
      this.#request = init.request;
    }
    get request() {
      return this.#request;
    }
    respondWith(response) {
      if (this.#response !== null) {
        throw new DOMException("respondWith() was already called", "InvalidStateError");
      }
      this.#response = Promise.resolve(response);
    }
    waitUntil(promise) {
      keepAlive(promise);
    }
    passThroughOnException() {}
    get responded() {
      return this.#response;
    }
  }

  function addEventListener(type, listener, options) {
    if (String(type) === "fetch") {
      if (typeof listener === "function" || (listener && typeof listener.handleEvent === "function")) {
        fetchListeners.push(listener);
      }
      return;
    }
    globalEvents.addEventListener(type, listener, options);
  }

  function removeEventListener(type, listener, options) {
    if (String(type) === "fetch") {
      const index = fetchListeners.indexOf(listener);
      if (index !== -1) fetchListeners.splice(index, 1);
      return;
    }
    globalEvents.removeEventListener(type, listener, options);
  }

  internal.defineGlobal("addEventListener", addEventListener);
  internal.defineGlobal("removeEventListener", removeEventListener);
  internal.defineGlobal("dispatchEvent", (event) => globalEvents.dispatchEvent(event));
  internal.defineGlobal("FetchEvent", FetchEvent);
  internal.defineGlobal("ExecutionContext", ExecutionContext);

  function describe(value) {
    if (value === null) return "null";
    if (typeof value === "object") return value.constructor?.name ?? "object";
    return typeof value;
  }

  // Hands the handler's Response to the server as the answer to request
  // `id`, in one op call (arguments are cheaper for Rust to read than
  // properties): status, statusText (null when empty), the body (null,
  // bytes, a string sent as UTF-8, or a stream's reader), whether it is
  // already encoded, the socket a 101 response hands over (or null), then
  // the header names and values.
  //
  // The parts are read into one object reused for every response, emptied
  // after each so that it keeps no body alive.
  const parts = {};
  function respond(id, response) {
    if (!isResponse(response)) {
      throw new TypeError(`The fetch handler returned ${describe(response)}, not a Response`);
    }
    const { status, statusText, body, headers, encodeBody, webSocket } = responseToInner(response, parts);
    parts.headers = parts.body = parts.webSocket = null;
    const content = body !== null && typeof body === "object" && streams.isReadableStream(body) ? body.getReader() : body;
    const socket = webSocket === null ? null : internal.webSocket.handOver(webSocket);
    const text = statusText === "" ? null : statusText;
    const encoded = encodeBody === "manual";
    // Spreading an array into a call costs more than the rest of the call
    // (V8 10.2), and most responses have one or two headers.
    switch (headers.length) {
      case 2:
        ops.op_respond(id, status, text, content, encoded, socket, headers[0], headers[1]);
        break;
      case 4:
        ops.op_respond(id, status, text, content, encoded, socket, headers[0], headers[1], headers[2], headers[3]);
        break;
      default:
        ops.op_respond(id, status, text, content, encoded, socket, ...headers);
    }
  }

  // Answers request `id` with what the handler returned: a Response, or a
  // promise already fulfilled with one (an async handler that awaited
  // nothing), at once; a pending promise when it settles. A failure (a
  // rejection, or something that is not a Response) settles the request
  // with the error.
  function answer(id, returned) {
    const settled = isResponse(returned) ? returned : ops.op_fulfilled_value(returned);
    if (isResponse(settled)) {
      respond(id, settled);
      return;
    }
    Promise.resolve(returned).then(
      (response) => {
        try {
          respond(id, response);
        } catch (error) {
          ops.op_settled(id, false, error);
        }
      },
      (error) => ops.op_settled(id, false, error),
    );
  }

  // Which form the app uses: "module", "listener", or a reason it has none.
  // A module with only a scheduled handler (a cron-only app) loads too.
  hooks.workerForm = (namespace) => {
    const handler = namespace?.default;
    if (handler && (typeof handler.fetch === "function" || typeof handler.scheduled === "function")) return "module";
    if (fetchListeners.length > 0) return "listener";
    return "the app has no fetch handler: export default { fetch(request, env, ctx) } or addEventListener(\"fetch\", ...)";
  };

  // Exports NANO never calls, named so that the app's author is told rather
  // than left wondering: handlers for events other than fetch on the
  // default export, and named exports that are classes (Durable Objects,
  // entrypoints). "" when there are none.
  const unservedHandlers = ["queue", "email", "tail"];
  const isClass = (value) =>
    typeof value === "function" && /^class\b/.test(Function.prototype.toString.call(value));
  hooks.unservedExports = (namespace) => {
    const unserved = [];
    const handler = namespace?.default;
    if (handler !== null && (typeof handler === "object" || typeof handler === "function")) {
      for (const name of unservedHandlers) {
        if (typeof handler[name] === "function") unserved.push(`the default export's ${name}() handler`);
      }
    }
    for (const name of Object.keys(namespace ?? {})) {
      if (name !== "default" && isClass(namespace[name])) {
        unserved.push(`class ${name} (Durable Objects and entrypoints are not supported)`);
      }
    }
    return unserved.join(", ");
  };

  // Hands a request to the app; its answer settles `id` (see `answer`).
  // `headers` is the request's `name:value\n` fields.
  hooks.dispatchFetch = (id, namespace, env, method, url, headers, body) => {
    // Each request starts outside every AsyncLocalStorage (an enterWith in
    // an earlier one does not leak into it).
    asyncContext.current = undefined;
    const request = requestFromInner(method, url, headers, body);
    lastRequest = request;
    const handler = namespace?.default;
    if (handler && typeof handler.fetch === "function") {
      answer(id, handler.fetch(request, env, new ExecutionContext()));
      return;
    }
    if (fetchListeners.length === 0) {
      throw new TypeError("The app has no fetch handler, only a scheduled one");
    }
    const event = new FetchEvent("fetch", { request });
    for (const listener of fetchListeners) {
      if (typeof listener === "function") {
        listener.call(globalThis, event);
      } else {
        listener.handleEvent(event);
      }
    }
    if (event.responded === null) {
      throw new TypeError("No fetch listener called event.respondWith()");
    }
    answer(id, event.responded);
  };

  class ScheduledController {
    #scheduledTime;
    #cron;
    constructor(scheduledTime, cron) {
      this.#scheduledTime = scheduledTime;
      this.#cron = cron;
    }
    get scheduledTime() {
      return this.#scheduledTime;
    }
    get cron() {
      return this.#cron;
    }
    // NANO never retries a failed run: there is nothing to turn off.
    noRetry() {}
  }

  // The ctx of a scheduled run: its waitUntil work is part of the run.
  class ScheduledContext extends ExecutionContext {
    #work;
    constructor(work) {
      super();
      this.#work = work;
    }
    waitUntil(promise) {
      this.#work.push(Promise.resolve(promise));
    }
  }

  // The `env` object of a KV namespace binding; the KV file loads for the
  // first app that has one.
  let kv;
  hooks.kvNamespace = (id) => {
    kv ??= ops.op_load_lazy_file("nano:kv")(nano);
    return kv.namespace(id);
  };

  hooks.hasScheduledHandler = (namespace) => typeof namespace?.default?.scheduled === "function";

  // Runs the scheduled handler for one cron tick; the promise settles once
  // the handler and every waitUntil promise it registered have, and
  // rejects with the first error of any of them.
  hooks.dispatchScheduled = (namespace, env, cron, scheduledTime) => {
    asyncContext.current = undefined;
    const handler = namespace?.default;
    if (typeof handler?.scheduled !== "function") {
      throw new TypeError("The app has no scheduled handler: export default { scheduled(controller, env, ctx) }");
    }
    const work = [];
    const run = (async () => {
      await handler.scheduled(new ScheduledController(scheduledTime, cron), env, new ScheduledContext(work));
      // Work registered while waiting is waited for too.
      for (let done = 0; done < work.length; ) {
        const batch = work.slice(done);
        done = work.length;
        await Promise.all(batch);
      }
    })();
    // A drain waits for the run; its error is the run's outcome, not unhandled.
    keepAlive(run.catch(() => {}));
    return run;
  };

  // The request of the dispatchFetch that just returned a pending promise,
  // for Rust to keep: if the client leaves or the deadline passes, it is
  // given to abortRequest.
  hooks.takeRequest = () => {
    const request = lastRequest;
    lastRequest = null;
    return request;
  };

  hooks.abortRequest = (request) => {
    abortRequest(
      request,
      new DOMException("The request was cancelled: the client went away or its time ran out", "AbortError"),
    );
  };

  // The next chunk of a response body as a Uint8Array, or undefined at the end.
  hooks.readChunk = async (reader) => {
    const { done, value } = await reader.read();
    if (done) return undefined;
    if (value instanceof Uint8Array) return value;
    if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    if (value instanceof ArrayBuffer) return new Uint8Array(value);
    reader.cancel(new TypeError("Response body chunks must be Uint8Array")).catch(() => {});
    throw new TypeError(`A response body chunk was ${describe(value)}, not a Uint8Array`);
  };

  hooks.cancelBody = (reader, reason) => {
    reader.cancel(reason).catch(() => {});
  };

  hooks.waitUntilSettled = () => Promise.all(Array.from(pendingWaitUntil));
  hooks.pendingWaitUntil = () => pendingWaitUntil.size;

  hooks.watch = (value, id) => {
    Promise.resolve(value).then(
      (result) => ops.op_settled(id, true, result),
      (error) => ops.op_settled(id, false, error),
    );
  };
})(globalThis.__nano);
