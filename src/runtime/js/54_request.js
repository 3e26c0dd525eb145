((nano) => {
  "use strict";
  const internal = nano.internal;
  const { defineGlobal, util, url, body: B, headers: H, abort } = internal;

  const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
  const NORMALIZED = new Map(
    ["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"].map((m) => [m.toLowerCase(), m]),
  );
  const FORBIDDEN_METHODS = new Set(["connect", "trace", "track"]);

  function normalizeMethod(m) {
    const s = util.toByteString(m, "Request");
    if (!TOKEN.test(s)) throw new TypeError(`Request: '${s}' is not a valid HTTP method`);
    const lower = s.toLowerCase();
    if (FORBIDDEN_METHODS.has(lower)) throw new TypeError(`Request: '${s}' HTTP method is unsupported`);
    return NORMALIZED.get(lower) ?? s;
  }

  const MODES = ["same-origin", "no-cors", "cors", "navigate"];
  const CREDENTIALS = ["omit", "same-origin", "include"];
  const CACHES = ["default", "no-store", "reload", "no-cache", "force-cache", "only-if-cached"];
  const REDIRECTS = ["follow", "error", "manual"];
  const POLICIES = [
    "", "no-referrer", "no-referrer-when-downgrade", "same-origin", "origin", "strict-origin",
    "origin-when-cross-origin", "strict-origin-when-cross-origin", "unsafe-url",
  ];
  const PRIORITIES = ["high", "low", "auto"];

  const INTERNAL = Symbol("internal construction");

  // A request's state other than method, URL, headers and body. It never
  // changes once the request is made, so requests share it: clones, and
  // every request made by the host (which has the defaults).
  const DEFAULT_OPTIONS = Object.freeze({
    mode: "cors",
    credentials: "same-origin",
    cache: "default",
    redirect: "follow",
    referrer: "about:client",
    referrerPolicy: "",
    integrity: "",
    keepalive: false,
    priority: "auto",
    cf: undefined,
  });

  class Request {
    #method = "GET";
    #url = "";
    #options = DEFAULT_OPTIONS;
    // A Headers object, or the host's `name:value\n` text, turned into one
    // when the app asks for it.
    #headers = null;
    #body = null; // InnerBody or null
    #signal = null;
    #parentSignal = null; // the signal this request's signal follows (created lazily)

    constructor(input, init = undefined) {
      if (input === INTERNAL) return;
      util.requireArgs(arguments.length, 1, "Request");
      const opts = util.toDictionary(init, "Request");
      let st;
      let requestUrl;
      let requestMethod = "GET";
      let inputBody = null;
      let inputReq = null;
      if (isRequest(input)) {
        inputReq = input;
        st = { ...input.#options };
        requestUrl = input.#url;
        requestMethod = input.#method;
        inputBody = input.#body;
        this.#parentSignal = input.signal;
      } else {
        const s = util.toUSVString(input);
        const parts = url.parse(s, undefined);
        if (parts === null) throw new TypeError(`Request: invalid URL '${s}'`);
        if (url.component.username(parts) !== "" || url.component.password(parts) !== "") {
          throw new TypeError(`Request: URL '${s}' includes credentials`);
        }
        st = { ...DEFAULT_OPTIONS };
        requestUrl = parts[url.HREF];
      }

      // Dictionary members are read in the standard's (lexicographic) order.
      const bodyInit = opts.body;
      const cache = opts.cache;
      const cf = opts.cf;
      const credentials = opts.credentials;
      const duplex = opts.duplex;
      const headersInit = opts.headers;
      const integrity = opts.integrity;
      const keepalive = opts.keepalive;
      const method = opts.method;
      const mode = opts.mode;
      const priority = opts.priority;
      const redirect = opts.redirect;
      const referrer = opts.referrer;
      const referrerPolicy = opts.referrerPolicy;
      const signal = opts.signal;
      const window = opts.window;

      // There is no environment settings object to name: only null is accepted.
      if (window !== undefined && window !== null) throw new TypeError("Request: 'window' can only be null");
      if (referrer !== undefined) {
        const r = util.toUSVString(referrer);
        if (r === "") {
          st.referrer = "";
        } else {
          const parts = url.parse(r, undefined);
          if (parts === null) throw new TypeError(`Request: invalid referrer URL '${r}'`);
          st.referrer = parts[url.HREF];
        }
      }
      if (referrerPolicy !== undefined) st.referrerPolicy = util.toEnum(referrerPolicy, POLICIES, "Request");
      if (mode !== undefined) {
        const m = util.toEnum(mode, MODES, "Request");
        if (m === "navigate") throw new TypeError("Request: mode 'navigate' cannot be set");
        st.mode = m;
      }
      if (credentials !== undefined) st.credentials = util.toEnum(credentials, CREDENTIALS, "Request");
      if (cache !== undefined) st.cache = util.toEnum(cache, CACHES, "Request");
      if (st.cache === "only-if-cached" && st.mode !== "same-origin") {
        throw new TypeError("Request: cache 'only-if-cached' requires mode 'same-origin'");
      }
      if (redirect !== undefined) st.redirect = util.toEnum(redirect, REDIRECTS, "Request");
      if (integrity !== undefined) st.integrity = util.toDOMString(integrity);
      if (keepalive !== undefined) st.keepalive = !!keepalive;
      if (priority !== undefined) st.priority = util.toEnum(priority, PRIORITIES, "Request");
      if (method !== undefined) requestMethod = normalizeMethod(method);
      if (cf !== undefined) st.cf = cf;
      if (signal !== undefined) {
        if (signal !== null && !abort.isSignal(signal)) {
          throw new TypeError("Request: 'signal' is not an AbortSignal");
        }
        this.#parentSignal = signal;
      }
      if (duplex !== undefined && util.toDOMString(duplex) !== "half") {
        throw new TypeError("Request: 'duplex' must be 'half'");
      }

      // Headers: from init when given, else a copy of the input request's.
      let h;
      if (headersInit !== undefined) {
        h = H.headersFromInit(headersInit, st.mode === "no-cors" ? "request-no-cors" : "request");
      } else {
        h = new Headers();
        if (inputReq !== null) H.copyInto(inputReq.headers, h);
        H.setGuard(h, st.mode === "no-cors" ? "request-no-cors" : "request");
      }
      if (st.mode === "no-cors" && !["GET", "HEAD", "POST"].includes(requestMethod)) {
        throw new TypeError("Request: mode 'no-cors' allows only GET, HEAD and POST");
      }

      const hasInitBody = bodyInit !== undefined && bodyInit !== null;
      if ((hasInitBody || inputBody !== null) && (requestMethod === "GET" || requestMethod === "HEAD")) {
        throw new TypeError("Request with GET/HEAD method cannot have body");
      }
      let finalBody = null;
      if (hasInitBody) {
        finalBody = B.extractBody(bodyInit);
        const contentType = B.extractedType();
        if (contentType !== null && !H.hasRaw(h, "content-type")) H.setRaw(h, "content-type", contentType);
      } else if (inputBody !== null) {
        if (inputBody.unusable) throw new TypeError("Request: the input request's body has already been used");
        finalBody = inputBody.transfer();
      }
      this.#method = requestMethod;
      this.#url = requestUrl;
      this.#options = st;
      this.#headers = h;
      this.#body = finalBody;
    }

    static #check(r) {
      if (!util.isObject(r) || !(#options in r)) throw new TypeError("Illegal invocation: not a Request");
      return r;
    }

    get method() {
      return Request.#check(this).#method;
    }
    get url() {
      return Request.#check(this).#url;
    }
    get headers() {
      Request.#check(this);
      if (typeof this.#headers === "string") this.#headers = H.headersFromText(this.#headers, "request");
      return this.#headers;
    }
    get destination() {
      Request.#check(this);
      return "";
    }
    get referrer() {
      const r = Request.#check(this).#options.referrer;
      return r;
    }
    get referrerPolicy() {
      return Request.#check(this).#options.referrerPolicy;
    }
    get mode() {
      return Request.#check(this).#options.mode;
    }
    get credentials() {
      return Request.#check(this).#options.credentials;
    }
    get cache() {
      return Request.#check(this).#options.cache;
    }
    get redirect() {
      return Request.#check(this).#options.redirect;
    }
    get integrity() {
      return Request.#check(this).#options.integrity;
    }
    get keepalive() {
      return Request.#check(this).#options.keepalive;
    }
    get isReloadNavigation() {
      Request.#check(this);
      return false;
    }
    get isHistoryNavigation() {
      Request.#check(this);
      return false;
    }
    get duplex() {
      Request.#check(this);
      return "half";
    }
    // Cloudflare's request metadata object, when the host provides one.
    get cf() {
      return Request.#check(this).#options.cf;
    }
    get signal() {
      Request.#check(this);
      if (this.#signal === null) {
        // Created on first use: most requests never look at their signal.
        const s = abort.newSignal();
        const parent = this.#parentSignal;
        if (parent !== null) {
          if (parent.aborted) abort.signalAbort(s, parent.reason);
          else abort.addAlgorithm(parent, (reason) => abort.signalAbort(s, reason));
        }
        this.#signal = s;
      }
      return this.#signal;
    }

    clone() {
      Request.#check(this);
      if (this.#body !== null && this.#body.unusable) {
        throw new TypeError("Request.clone: the body has already been used");
      }
      const r = new Request(INTERNAL);
      r.#method = this.#method;
      r.#url = this.#url;
      r.#options = this.#options;
      r.#headers = new Headers();
      H.copyInto(this.headers, r.#headers);
      H.setGuard(r.#headers, H.getGuard(this.headers));
      r.#body = this.#body === null ? null : this.#body.clone();
      r.#parentSignal = this.signal;
      return r;
    }

    static {
      isRequest = (r) => util.isObject(r) && #options in r;
      bodyOf = (r) => Request.#check(r).#body;
      fromInner = (method, url, rawHeaders, b) => {
        const r = new Request(INTERNAL);
        r.#method = method;
        r.#url = url;
        r.#headers = rawHeaders;
        if (b !== null) {
          r.#body = internal.streams.isReadableStream(b) ? new B.InnerBody(b, null) : new B.InnerBody(null, b);
        }
        return r;
      };
      toInner = (r) => {
        Request.#check(r);
        return {
          method: r.#method,
          url: r.#url,
          headers: H.rawList(r.headers),
          body: r.#body === null ? null : r.#body.take(),
          redirect: r.#options.redirect,
          signal: r.#signal !== null || r.#parentSignal !== null ? r.signal : null,
        };
      };
      abortRequest = (r, reason) => {
        abort.signalAbort(r.signal, reason);
      };
    }
  }
  var isRequest, bodyOf, fromInner, toInner, abortRequest;

  B.installBodyMixin(Request, bodyOf, (r) => r.headers);
  util.enumerableMembers(Request, [
    "method", "url", "headers", "destination", "referrer", "referrerPolicy", "mode", "credentials",
    "cache", "redirect", "integrity", "keepalive", "isReloadNavigation", "isHistoryNavigation",
    "duplex", "signal", "clone",
  ]);
  util.setToStringTag(Request);

  internal.fetch = internal.fetch || {};
  Object.assign(internal.fetch, {
    isRequest,
    // For incoming HTTP: (method, url, headers: "name0:value0\nname1:value1\n...", body: Uint8Array|ReadableStream|null).
    // Values come from the host's HTTP parser and are trusted; headers are checked when first read.
    requestFromInner: fromInner,
    // For outbound fetch: takes the body (bytes when known, else the stream) and marks it used.
    requestToInner: toInner,
    // Aborts the request's signal (client went away, time limit).
    abortRequest,
  });

  defineGlobal("Request", Request);
})(globalThis.__nano);
