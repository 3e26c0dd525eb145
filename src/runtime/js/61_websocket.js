// WebSockets (Workers): `new WebSocketPair()`, whose first end goes to the
// client in `new Response(null, { status: 101, webSocket })` while the app
// keeps and accept()s the other, and the socket of a fetch() with
// `Upgrade: websocket` (which a response may also return as it is, to proxy
// it). The protocol runs in Rust (src/http/websocket.rs);
// a socket here is a number (src/runtime/bindings/websocket.rs) whose
// events come back one by one through a pending op. Loaded on first use
// (98_lazy.js).
(nano) => {
  "use strict";
  const { ops, internal } = nano;
  const { util, events } = internal;
  const EventCtor = globalThis.Event;
  const EventTargetCtor = globalThis.EventTarget;

  const CONNECTING = 0;
  const OPEN = 1;
  const CLOSING = 2;
  const CLOSED = 3;
  const NOT_ACCEPTED =
    "You must call one of accept() or state.acceptWebSocket() on this WebSocket before sending messages.";
  // Only this file makes WebSockets.
  const CONSTRUCT = Symbol("construct");

  class MessageEvent extends EventCtor {
    #data;
    #origin;
    #lastEventId;
    constructor(type, init = undefined) {
      util.requireArgs(arguments.length, 1, "MessageEvent constructor");
      super(type, init);
      const dict = util.toDictionary(init, "MessageEvent constructor");
      this.#data = dict.data === undefined ? null : dict.data;
      this.#origin = dict.origin === undefined ? "" : util.toUSVString(dict.origin);
      this.#lastEventId = dict.lastEventId === undefined ? "" : util.toDOMString(dict.lastEventId);
    }
    static #check(e) {
      if (!util.isObject(e) || !(#data in e)) throw new TypeError("Illegal invocation");
      return e;
    }
    get data() {
      return MessageEvent.#check(this).#data;
    }
    get origin() {
      return MessageEvent.#check(this).#origin;
    }
    get lastEventId() {
      return MessageEvent.#check(this).#lastEventId;
    }
    get source() {
      MessageEvent.#check(this);
      return null;
    }
    get ports() {
      MessageEvent.#check(this);
      return [];
    }
  }
  util.enumerableMembers(MessageEvent, ["data", "origin", "lastEventId", "source", "ports"]);
  util.setToStringTag(MessageEvent);

  class CloseEvent extends EventCtor {
    #code;
    #reason;
    #wasClean;
    constructor(type, init = undefined) {
      util.requireArgs(arguments.length, 1, "CloseEvent constructor");
      super(type, init);
      const dict = util.toDictionary(init, "CloseEvent constructor");
      this.#code = dict.code === undefined ? 0 : Number(dict.code) & 0xffff;
      this.#reason = dict.reason === undefined ? "" : util.toUSVString(dict.reason);
      this.#wasClean = !!dict.wasClean;
    }
    static #check(e) {
      if (!util.isObject(e) || !(#code in e)) throw new TypeError("Illegal invocation");
      return e;
    }
    get code() {
      return CloseEvent.#check(this).#code;
    }
    get reason() {
      return CloseEvent.#check(this).#reason;
    }
    get wasClean() {
      return CloseEvent.#check(this).#wasClean;
    }
  }
  util.enumerableMembers(CloseEvent, ["code", "reason", "wasClean"]);
  util.setToStringTag(CloseEvent);

  class ErrorEvent extends EventCtor {
    #message;
    #filename;
    #lineno;
    #colno;
    #error;
    constructor(type, init = undefined) {
      util.requireArgs(arguments.length, 1, "ErrorEvent constructor");
      super(type, init);
      const dict = util.toDictionary(init, "ErrorEvent constructor");
      this.#message = dict.message === undefined ? "" : util.toDOMString(dict.message);
      this.#filename = dict.filename === undefined ? "" : util.toUSVString(dict.filename);
      this.#lineno = dict.lineno === undefined ? 0 : Number(dict.lineno) >>> 0;
      this.#colno = dict.colno === undefined ? 0 : Number(dict.colno) >>> 0;
      this.#error = dict.error;
    }
    static #check(e) {
      if (!util.isObject(e) || !(#message in e)) throw new TypeError("Illegal invocation");
      return e;
    }
    get message() {
      return ErrorEvent.#check(this).#message;
    }
    get filename() {
      return ErrorEvent.#check(this).#filename;
    }
    get lineno() {
      return ErrorEvent.#check(this).#lineno;
    }
    get colno() {
      return ErrorEvent.#check(this).#colno;
    }
    get error() {
      return ErrorEvent.#check(this).#error;
    }
  }
  util.enumerableMembers(ErrorEvent, ["message", "filename", "lineno", "colno", "error"]);
  util.setToStringTag(ErrorEvent);

  let isWebSocket, handOver, fromSocket, pair;

  class WebSocket extends EventTargetCtor {
    // The Rust socket once this end talks to a peer: the far end of its
    // pair was handed to a response, or fetch() opened it.
    #id = null;
    // The other end of its WebSocketPair, until one of them is handed over.
    #peer = null;
    #accepted = false;
    // Handed to a response: the client holds this end now.
    #handedOver = false;
    #closedOutgoing = false;
    #closedIncoming = false;
    // What was sent after accept() and before the pair was handed over.
    #queued = [];
    #protocol = null;

    constructor(url = undefined, protocols = undefined) {
      if (url !== CONSTRUCT) {
        throw new TypeError(
          "new WebSocket(url) is not supported: open a WebSocket with fetch(url, { headers: { Upgrade: \"websocket\" } })",
        );
      }
      super();
    }

    static #check(ws) {
      if (!util.isObject(ws) || !(#id in ws)) throw new TypeError("Illegal invocation");
      return ws;
    }

    accept() {
      WebSocket.#check(this);
      if (this.#handedOver) throw new TypeError("Can't accept() WebSocket that was already used in a response.");
      if (this.#accepted) return;
      this.#accepted = true;
      if (this.#id !== null) WebSocket.#startReading(this);
    }

    send(message) {
      WebSocket.#check(this);
      util.requireArgs(arguments.length, 1, "WebSocket.send");
      if (this.#closedOutgoing) throw new TypeError("Can't call WebSocket send() after close().");
      if (!this.#accepted) throw new TypeError(NOT_ACCEPTED);
      const data = typeof message === "string" || util.isBufferSource(message) ? message : String(message);
      // After the peer closed, messages go nowhere, as on Workers.
      if (this.#closedIncoming) return;
      if (this.#id === null) {
        this.#queued.push(typeof data === "string" ? data : util.copyOf(data));
      } else {
        ops.op_ws_send(this.#id, data);
      }
    }

    close(code = undefined, reason = undefined) {
      WebSocket.#check(this);
      if (this.#closedOutgoing) return;
      if (!this.#accepted) throw new TypeError(NOT_ACCEPTED);
      let closeCode = null;
      if (code !== undefined) {
        closeCode = Number(code);
        if (!(Number.isInteger(closeCode) && closeCode >= 1000 && closeCode < 5000 &&
            closeCode !== 1004 && closeCode !== 1005 && closeCode !== 1006 && closeCode !== 1015)) {
          throw new TypeError(`Invalid WebSocket close code: ${code}.`);
        }
      }
      if (reason !== undefined && code === undefined) {
        throw new TypeError("If you specify a WebSocket close reason, you must also specify a code.");
      }
      const text = reason === undefined ? "" : util.toUSVString(reason);
      this.#closedOutgoing = true;
      if (this.#closedIncoming) return;
      if (this.#id === null) {
        this.#queued.push({ code: closeCode, reason: text });
      } else {
        ops.op_ws_close(this.#id, closeCode, text);
      }
    }

    get readyState() {
      WebSocket.#check(this);
      if (this.#closedIncoming && this.#closedOutgoing) return CLOSED;
      if (this.#closedIncoming || this.#closedOutgoing) return CLOSING;
      return OPEN;
    }
    get url() {
      WebSocket.#check(this);
      return null;
    }
    get protocol() {
      return WebSocket.#check(this).#protocol;
    }
    get extensions() {
      WebSocket.#check(this);
      return null;
    }
    get binaryType() {
      WebSocket.#check(this);
      return "arraybuffer";
    }
    set binaryType(value) {
      WebSocket.#check(this);
      if (String(value) !== "arraybuffer") {
        throw new TypeError("WebSocket binaryType: only \"arraybuffer\" is supported");
      }
    }

    // Delivers the socket's events until it closes; each runs as one
    // settled op, under the app's CPU limit.
    static async #startReading(ws) {
      const id = ws.#id;
      for (;;) {
        const event = await ops.op_ws_next(id);
        if (event === null) {
          WebSocket.#closed(ws, 1006, "WebSocket disconnected without sending Close frame.", false);
          break;
        }
        if (event[0] === "close") {
          WebSocket.#closed(ws, event[1], event[2], event[3]);
          break;
        }
        const data = event[0] === "text" ? event[1] : event[1].buffer;
        events.dispatchTrusted(ws, new MessageEvent("message", { data }));
      }
      ops.op_ws_free(id);
    }

    static #closed(ws, code, reason, wasClean) {
      // The close handshake is answered for the app: both directions end.
      ws.#closedIncoming = true;
      ws.#closedOutgoing = true;
      if (!wasClean) {
        const message = reason === "" ? `WebSocket closed with code ${code}` : reason;
        events.dispatchTrusted(ws, new ErrorEvent("error", { message }));
      }
      events.dispatchTrusted(ws, new CloseEvent("close", { code, reason, wasClean }));
    }

    static {
      isWebSocket = (value) => util.isObject(value) && #id in value;
      // The end given to a response: its peer starts talking to the socket
      // the server runs, with what was sent meanwhile.
      handOver = (ws) => {
        if (ws.#accepted) throw new TypeError("Can't return WebSocket in a Response after calling accept().");
        if (ws.#handedOver) throw new TypeError("Can't return WebSocket that was already used in a response.");
        ws.#handedOver = true;
        if (ws.#id !== null) {
          // A fetched socket returned as it is: the server relays it.
          const id = ws.#id;
          ws.#id = null;
          return id;
        }
        const peer = ws.#peer;
        if (peer === null) throw new TypeError("Can't return WebSocket that was already used in a response.");
        ws.#peer = null;
        peer.#peer = null;
        const id = ops.op_ws_pair();
        peer.#id = id;
        for (const item of peer.#queued) {
          if (typeof item === "string" || util.isUint8Array(item)) ops.op_ws_send(id, item);
          else ops.op_ws_close(id, item.code, item.reason);
        }
        peer.#queued = [];
        if (peer.#accepted) WebSocket.#startReading(peer);
        return id;
      };
      pair = (first, second) => {
        first.#peer = second;
        second.#peer = first;
      };
      fromSocket = (id, protocol) => {
        const ws = new WebSocket(CONSTRUCT);
        ws.#id = id;
        ws.#protocol = protocol;
        return ws;
      };
    }
  }
  for (const [name, value] of [
    ["CONNECTING", CONNECTING],
    ["OPEN", OPEN],
    ["CLOSING", CLOSING],
    ["CLOSED", CLOSED],
  ]) {
    Object.defineProperty(WebSocket, name, { value, enumerable: true });
    Object.defineProperty(WebSocket.prototype, name, { value, enumerable: true });
  }
  for (const type of ["open", "message", "close", "error"]) {
    events.defineEventHandler(WebSocket.prototype, type, (ws) => {
      if (!isWebSocket(ws)) throw new TypeError("Illegal invocation");
    });
  }
  util.enumerableMembers(WebSocket, [
    "accept", "send", "close", "readyState", "url", "protocol", "extensions", "binaryType",
  ]);
  util.setToStringTag(WebSocket);

  class WebSocketPair {
    constructor() {
      const client = new WebSocket(CONSTRUCT);
      const server = new WebSocket(CONSTRUCT);
      pair(client, server);
      Object.defineProperty(this, 0, { value: client, enumerable: true });
      Object.defineProperty(this, 1, { value: server, enumerable: true });
    }
    *[Symbol.iterator]() {
      yield this[0];
      yield this[1];
    }
  }
  util.setToStringTag(WebSocketPair);

  internal.webSocket = { isWebSocket, handOver, fromSocket };
  return { WebSocket, WebSocketPair, MessageEvent, CloseEvent, ErrorEvent };
};
