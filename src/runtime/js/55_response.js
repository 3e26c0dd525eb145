((nano) => {
  "use strict";
  const internal = nano.internal;
  const { defineGlobal, util, url, body: B, headers: H } = internal;

  const REASON_PHRASE = /^[\t\x20-\x7e\x80-\xff]*$/;
  const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
  // Fetch's null body statuses. A comparison, not a Set: it runs for every
  // Response made with a body.
  const isNullBodyStatus = (status) =>
    status === 204 || status === 304 || status === 205 || status === 101 || status === 103;
  const TYPES = ["basic", "cors", "default", "error", "opaque", "opaqueredirect"];
  const ENCODE_BODY = ["automatic", "manual"];

  // WebIDL `unsigned short` (no [EnforceRange]): wraps modulo 2^16.
  function toUnsignedShort(v) {
    const n = Number(v);
    if (!Number.isFinite(n)) return 0;
    const t = Math.trunc(n) % 65536;
    return t < 0 ? t + 65536 : t;
  }

  // Whether a [name, value, ...] list of lowercased names has `name`.
  function listHas(list, name) {
    for (let i = 0; i < list.length; i += 2) if (list[i] === name) return true;
    return false;
  }

  const INTERNAL = Symbol("internal construction");
  // Header lists shared by the responses made without a headers init: none,
  // or only the content type of the common bodies. A list from an init may
  // grow; these are replaced instead.
  const NO_HEADERS = Object.freeze([]);
  const TEXT_HEADERS = Object.freeze(["content-type", "text/plain;charset=UTF-8"]);
  const JSON_HEADERS = Object.freeze(["content-type", "application/json"]);
  function contentTypeHeaders(type) {
    if (type === TEXT_HEADERS[1]) return TEXT_HEADERS;
    if (type === JSON_HEADERS[1]) return JSON_HEADERS;
    return ["content-type", type];
  }

  // What a Response rarely has other than the defaults, in one object
  // shared by every Response that has only defaults: each field a Response
  // carries costs 8 bytes of young-generation garbage per request.
  const RARE_DEFAULTS = Object.freeze({
    type: "default",
    urls: null, // URL list; the last one is `url`
    redirected: false,
    guard: "response",
    // Workers' ResponseInit.encodeBody: "automatic" has the server apply the
    // Content-Encoding header's coding to the body; "manual" means the body
    // is already encoded.
    encodeBody: "automatic",
    // Workers' ResponseInit.webSocket: the WebSocketPair end a 101 response
    // hands to the client (or the socket an upgraded fetch opened).
    webSocket: null,
  });

  class Response {
    #status = 200;
    #statusText = "";
    // A Headers object, or until the app asks for one, a [name, value, ...]
    // list of lowercased names.
    #headers = NO_HEADERS;
    #body = null;
    #rare = RARE_DEFAULTS;

    constructor(body = null, init = undefined) {
      if (body === INTERNAL) return;
      const opts = util.toDictionary(init, "Response");
      if (body === null || body === undefined) initialize(this, opts, null, null);
      else initialize(this, opts, B.extractBody(body), B.extractedType());
    }

    static #check(r) {
      if (!util.isObject(r) || !(#status in r)) throw new TypeError("Illegal invocation: not a Response");
      return r;
    }

    static error() {
      const r = new Response(INTERNAL);
      r.#status = 0;
      r.#rare = { ...RARE_DEFAULTS, type: "error", guard: "immutable" };
      r.#headers = H.headersFromInit(undefined, "immutable");
      return r;
    }

    static redirect(url, status = 302) {
      util.requireArgs(arguments.length, 1, "Response.redirect");
      const s = util.toUSVString(url);
      const parts = internal.url.parse(s, undefined);
      if (parts === null) throw new TypeError(`Response.redirect: invalid URL '${s}'`);
      const code = toUnsignedShort(status);
      if (!REDIRECT_STATUSES.has(code)) throw new RangeError(`Response.redirect: invalid redirect status ${code}`);
      const r = new Response(INTERNAL);
      r.#status = code;
      r.#headers = new Headers();
      H.setRaw(r.#headers, "location", parts[internal.url.HREF]);
      H.setGuard(r.#headers, "immutable");
      r.#rare = { ...RARE_DEFAULTS, guard: "immutable" };
      return r;
    }

    static json(data, init = undefined) {
      util.requireArgs(arguments.length, 1, "Response.json");
      const opts = util.toDictionary(init, "Response.json");
      const text = JSON.stringify(data);
      if (text === undefined) throw new TypeError("Response.json: the data is not JSON serializable");
      const r = new Response(INTERNAL);
      initialize(r, opts, new B.InnerBody(null, text), "application/json");
      return r;
    }

    get type() {
      return Response.#check(this).#rare.type;
    }
    get url() {
      const urls = Response.#check(this).#rare.urls;
      if (urls === null || urls.length === 0) return "";
      // Serialized without the fragment.
      const u = urls[urls.length - 1];
      const hash = u.indexOf("#");
      return hash === -1 ? u : u.slice(0, hash);
    }
    get redirected() {
      const { redirected, urls } = Response.#check(this).#rare;
      return redirected || (urls !== null && urls.length > 1);
    }
    get status() {
      return Response.#check(this).#status;
    }
    get ok() {
      const s = Response.#check(this).#status;
      return s >= 200 && s <= 299;
    }
    get statusText() {
      return Response.#check(this).#statusText;
    }
    get webSocket() {
      return Response.#check(this).#rare.webSocket;
    }
    get headers() {
      Response.#check(this);
      if (Array.isArray(this.#headers)) this.#headers = H.headersFromList(this.#headers, this.#rare.guard);
      return this.#headers;
    }

    clone() {
      Response.#check(this);
      if (this.#body !== null && this.#body.unusable) {
        throw new TypeError("Response.clone: the body has already been used");
      }
      const r = new Response(INTERNAL);
      r.#status = this.#status;
      r.#statusText = this.#statusText;
      const rare = this.#rare;
      r.#rare = rare === RARE_DEFAULTS ? rare : { ...rare, urls: rare.urls === null ? null : rare.urls.slice(), webSocket: null };
      r.#headers = new Headers();
      H.copyInto(this.headers, r.#headers);
      H.setGuard(r.#headers, H.getGuard(this.headers));
      r.#body = this.#body === null ? null : this.#body.clone();
      return r;
    }

    static {
      isResponse = (r) => util.isObject(r) && #status in r;
      bodyOf = (r) => Response.#check(r).#body;
      // Fetch "initialize a response". Without a headers init, the Headers
      // object is only made if the app asks for it: until then the response
      // keeps a [name, value, ...] list.
      initialize = (r, opts, body, contentType) => {
        const encodeBodyInit = opts.encodeBody;
        const statusInit = opts.status;
        const statusTextInit = opts.statusText;
        const headersInit = opts.headers;
        const webSocketInit = opts.webSocket;
        const status = statusInit === undefined ? 200 : toUnsignedShort(statusInit);
        const webSocket = webSocketInit === undefined || webSocketInit === null ? null : webSocketInit;
        if (webSocket !== null && !(internal.webSocket?.isWebSocket(webSocket) ?? false)) {
          throw new TypeError("Response: webSocket must be a WebSocket");
        }
        if (webSocket !== null && status !== 101) {
          throw new RangeError(`Response: a response with a webSocket must have status 101, not ${status}`);
        }
        if ((status < 200 || status > 599) && webSocket === null) {
          throw new RangeError(`Response: status ${status} is outside the range [200, 599]`);
        }
        if (webSocket !== null) r.#rare = { ...r.#rare, webSocket };
        const statusText = statusTextInit === undefined ? "" : util.toByteString(statusTextInit, "Response");
        if (statusText !== "" && !REASON_PHRASE.test(statusText)) throw new TypeError("Response: invalid statusText");
        r.#status = status;
        r.#statusText = statusText;
        if (encodeBodyInit !== undefined) {
          const encodeBody = util.toEnum(encodeBodyInit, ENCODE_BODY, "Response: encodeBody");
          if (encodeBody !== RARE_DEFAULTS.encodeBody) r.#rare = { ...r.#rare, encodeBody };
        }
        // A record init stays a list too (most apps pass one).
        const headers = headersInit === undefined ? NO_HEADERS : H.listOrResponseHeaders(headersInit);
        r.#headers = headers;
        if (body !== null) {
          if (isNullBodyStatus(status)) {
            throw new TypeError(`Response with null body status ${status} cannot have body`);
          }
          r.#body = body;
          if (contentType !== null && Array.isArray(headers)) {
            if (headers.length === 0) r.#headers = contentTypeHeaders(contentType);
            else if (!listHas(headers, "content-type")) headers.push("content-type", contentType);
          } else if (contentType !== null && !H.hasRaw(headers, "content-type")) {
            H.setRaw(headers, "content-type", contentType);
          }
        }
      };
      // Fills `into` (a new object unless given: the request path reuses
      // one). The private reads throw a TypeError for anything but a Response.
      toInner = (r, into = {}) => {
        into.status = r.#status;
        into.statusText = r.#statusText;
        const headers = r.#headers;
        into.headers = Array.isArray(headers) ? headers : H.rawList(headers);
        into.body = r.#body === null ? null : r.#body.take(true);
        into.encodeBody = r.#rare.encodeBody;
        into.webSocket = r.#rare.webSocket;
        return into;
      };
      fromInner = (inner) => {
        const r = new Response(INTERNAL);
        r.#status = inner.status;
        r.#statusText = inner.statusText ?? "";
        r.#headers = inner.headers ?? [];
        let urls = null;
        if (inner.urls !== undefined) urls = inner.urls.slice();
        else if (inner.url !== undefined) urls = [inner.url];
        r.#rare = {
          type: inner.type === undefined ? RARE_DEFAULTS.type : util.toEnum(inner.type, TYPES, "Response"),
          urls,
          redirected: !!inner.redirected,
          guard: "immutable",
          encodeBody: RARE_DEFAULTS.encodeBody,
          webSocket: inner.webSocket ?? null,
        };
        const b = inner.body;
        if (b !== null && b !== undefined) {
          r.#body = internal.streams.isReadableStream(b) ? new B.InnerBody(b, null) : new B.InnerBody(null, b);
        }
        return r;
      };
    }
  }
  var isResponse, bodyOf, initialize, toInner, fromInner;

  B.installBodyMixin(Response, bodyOf, (r) => r.headers);
  util.enumerableMembers(Response, ["type", "url", "redirected", "status", "ok", "statusText", "headers", "webSocket", "clone"]);
  util.setToStringTag(Response);

  internal.fetch = internal.fetch || {};
  Object.assign(internal.fetch, {
    isResponse,
    // {status, statusText, headers: [k0, v0, ...], body: null | Uint8Array | string | ReadableStream,
    //  encodeBody: "automatic" | "manual"}. A body still held as text is given as the string.
    // Throws TypeError when `response` is not a Response. Marks the body used.
    responseToInner: toInner,
    // For fetch results: {status, statusText?, headers: [k0, v0, ...], body, url?, urls?, redirected?, type?}.
    // The headers are immutable, as for any fetched response.
    responseFromInner: fromInner,
  });

  defineGlobal("Response", Response);
})(globalThis.__nano);
