// Outbound fetch() over the fetch ops: HTTP/1.1, redirects, AbortSignal, and
// a pull-based streaming response body (the socket is read only as the
// body is read); `data:` URLs are answered here.
((nano) => {
  "use strict";
  const { ops, internal } = nano;
  const { defineGlobal, util, abort, streams, url: U, dataUrl } = internal;
  const F = internal.fetch;

  const MAX_REDIRECTS = 20;
  const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
  // Dropped when a redirect turns the request into a GET without a body.
  const BODY_HEADERS = new Set([
    "content-encoding", "content-language", "content-location", "content-type", "content-length",
  ]);
  const { protocol: protocolOf, origin: originOf } = U.component;

  let nextId = 1;
  // Closes the connection of a body that was dropped unread; made on first use.
  let registry = null;

  // A redirect may only lead to http: or https:; the first URL may also be data:.
  function parseUrl(href, base, allowData) {
    const parts = U.parse(href, base);
    if (parts === null) throw new TypeError(`fetch failed: invalid URL '${href}'`);
    const scheme = protocolOf(parts);
    if (scheme !== "http:" && scheme !== "https:" && !(allowData && scheme === "data:")) {
      throw new TypeError(
        `fetch failed: unsupported URL scheme '${scheme}' (only http:, https: and data: are supported)`,
      );
    }
    return parts;
  }

  // Fetch's scheme fetch for "data": 200 OK, the body, its Content-Type.
  function fetchDataUrl(href) {
    const data = dataUrl.processDataUrl(href);
    if (data === null) throw new TypeError(`fetch failed: malformed data: URL '${href}'`);
    return F.responseFromInner({
      status: 200,
      statusText: "OK",
      headers: ["Content-Type", data.mimeType],
      body: data.body,
      urls: [href],
    });
  }

  function headerValue(list, name) {
    for (let i = 0; i + 1 < list.length; i += 2) if (list[i] === name) return list[i + 1];
    return null;
  }

  // A [name0, value0, ...] list without the headers whose lowercase name `drop` picks.
  function withoutHeaders(list, drop) {
    const kept = [];
    for (let i = 0; i + 1 < list.length; i += 2) {
      if (!drop(list[i].toLowerCase())) kept.push(list[i], list[i + 1]);
    }
    return kept;
  }

  function fetch(input, init = undefined) {
    let inner;
    try {
      util.requireArgs(arguments.length, 1, "fetch");
      inner = F.requestToInner(new Request(input, init));
    } catch (e) {
      return Promise.reject(e);
    }
    const signal = inner.signal;
    if (signal !== null && signal.aborted) {
      if (streams.isReadableStream(inner.body)) streams.cancel(inner.body, signal.reason).catch(() => {});
      return Promise.reject(signal.reason);
    }
    return new Promise((resolve, reject) => {
      // What an abort has to stop: the request in flight, then the body.
      const task = { id: 0, aborted: false, settled: false, done: false, controller: null, finish: null };
      const onAbort = (reason) => {
        task.aborted = true;
        if (task.id !== 0) ops.op_fetch_abort(task.id);
        if (!task.settled) {
          task.settled = true;
          reject(reason);
        } else if (task.controller !== null && !task.done) {
          task.finish();
          task.controller.error(reason);
        }
      };
      task.finish = () => {
        task.done = true;
        if (signal !== null) abort.removeAlgorithm(signal, onAbort);
        if (registry !== null) registry.unregister(task);
      };
      if (signal !== null) abort.addAlgorithm(signal, onAbort);
      run(inner, task).then(
        (response) => {
          if (task.settled) return;
          task.settled = true;
          if (response.body === null) task.finish();
          resolve(response);
        },
        (err) => {
          if (task.settled) return;
          task.settled = true;
          task.finish();
          reject(err);
        },
      );
    });
  }

  async function run(inner, task) {
    let body = inner.body;
    if (body !== null && !util.isUint8Array(body)) {
      // A stream body is read fully first: requests go out with a Content-Length.
      body = await streams.readAllBytes(body);
    }
    let method = inner.method;
    let headers = inner.headers;
    let parts = parseUrl(inner.url, undefined, true);
    if (protocolOf(parts) === "data:") return fetchDataUrl(parts[U.HREF]);
    const urls = [parts[U.HREF]];
    let redirects = 0;
    for (;;) {
      if (task.aborted) throw new TypeError("fetch aborted");
      const id = nextId++;
      task.id = id;
      const href = parts[U.HREF];
      const [status, statusText, rawHeaders, bodyId, socketId] = await ops.op_fetch_start(id, method, href, headers, body);
      if (socketId !== null) {
        internal.loadWebSockets();
        const webSocket = internal.webSocket.fromSocket(socketId, headerValue(rawHeaders, "sec-websocket-protocol"));
        return F.responseFromInner({ status, statusText, headers: rawHeaders, body: null, urls, webSocket });
      }
      const location = REDIRECT_STATUSES.has(status) ? headerValue(rawHeaders, "location") : null;
      if (location !== null && inner.redirect !== "manual") {
        if (inner.redirect === "error" || ++redirects > MAX_REDIRECTS) {
          ops.op_fetch_cancel(id);
          throw new TypeError(
            inner.redirect === "error"
              ? `fetch failed: ${href} redirected (${status}) with redirect mode 'error'`
              : `fetch failed: more than ${MAX_REDIRECTS} redirects`,
          );
        }
        // Read the (small) redirect body, so its connection can carry the next hop.
        if (bodyId !== null) await ops.op_fetch_drain(id);
        const next = parseUrl(location, href, false);
        if (((status === 301 || status === 302) && method === "POST") ||
            (status === 303 && method !== "GET" && method !== "HEAD")) {
          method = "GET";
          body = null;
          headers = withoutHeaders(headers, (name) => BODY_HEADERS.has(name));
        }
        if (originOf(next) !== originOf(parts)) {
          // Credentials do not follow a redirect to another origin.
          headers = withoutHeaders(headers, (name) => name === "authorization");
        }
        parts = next;
        urls.push(parts[U.HREF]);
        continue;
      }
      const stream = bodyId === null ? null : bodyStream(bodyId, task);
      return F.responseFromInner({ status, statusText, headers: rawHeaders, body: stream, urls });
    }
  }

  function bodyStream(id, task) {
    const stream = streams.createFromAlgorithms({
      start(c) {
        task.controller = c;
      },
      pull(c) {
        return ops.op_fetch_read(id).then(
          (chunk) => {
            if (task.done) return;
            if (chunk === undefined) {
              task.finish();
              c.close();
            } else {
              c.enqueue(chunk);
            }
          },
          (err) => {
            if (task.done) return;
            task.finish();
            c.error(err);
          },
        );
      },
      cancel() {
        if (task.done) return;
        task.finish();
        ops.op_fetch_cancel(id);
      },
    });
    if (typeof FinalizationRegistry === "function") {
      if (registry === null) registry = new FinalizationRegistry((bodyId) => ops.op_fetch_cancel(bodyId));
      registry.register(stream, id, task);
    }
    return stream;
  }

  defineGlobal("fetch", fetch);
})(globalThis.__nano);
