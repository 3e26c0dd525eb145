((nano) => {
  "use strict";
  const { internal, ops } = nano;
  const { defineGlobal, util } = internal;
  const { isObject, markHandled, noop, requireArgs } = util;

  // Streams standard (https://streams.spec.whatwg.org/). Public classes are thin
  // shells over plain internal records; the abstract operations work on records.

  const INTERNAL = Symbol("internal construction");
  const CLOSE_SENTINEL = Symbol("close sentinel");

  const resolvedUndefined = () => Promise.resolve(undefined);

  class Deferred {
    constructor() {
      this.state = "pending";
      this.promise = new Promise((res, rej) => {
        this._res = res;
        this._rej = rej;
      });
    }
    resolve(v) {
      if (this.state !== "pending") return;
      this.state = "resolved";
      this._res(v);
    }
    reject(e) {
      if (this.state !== "pending") return;
      this.state = "rejected";
      this._rej(e);
    }
  }
  function resolvedDeferred(v) {
    const d = new Deferred();
    d.resolve(v);
    return d;
  }
  function rejectedDeferred(e) {
    const d = new Deferred();
    d.reject(e);
    markHandled(d.promise);
    return d;
  }

  // A FIFO that does not pay Array#shift's O(n) on long queues.
  class Queue {
    constructor() {
      this.items = [];
      this.head = 0;
    }
    get length() {
      return this.items.length - this.head;
    }
    push(x) {
      this.items.push(x);
    }
    peek() {
      return this.items[this.head];
    }
    at(i) {
      return this.items[this.head + i];
    }
    shift() {
      const x = this.items[this.head];
      this.items[this.head++] = undefined;
      if (this.head === this.items.length) {
        this.items = [];
        this.head = 0;
      } else if (this.head > 1024 && this.head * 2 > this.items.length) {
        this.items = this.items.slice(this.head);
        this.head = 0;
      }
      return x;
    }
  }

  function promiseCall(fn, thisArg, ...args) {
    try {
      return Promise.resolve(fn.call(thisArg, ...args));
    } catch (e) {
      return Promise.reject(e);
    }
  }

  function getCallback(dict, name, where) {
    const v = dict[name];
    if (v === undefined) return undefined;
    if (typeof v !== "function") throw new TypeError(`${where}: '${name}' must be a function`);
    return v;
  }

  // ---------------------------------------------------------------- queuing
  function isNonNegativeNumber(v) {
    return typeof v === "number" && !Number.isNaN(v) && v >= 0;
  }
  function resetQueue(c) {
    c.queue = new Queue();
    c.queueTotalSize = 0;
  }
  function enqueueValueWithSize(c, value, size) {
    if (!isNonNegativeNumber(size) || size === Infinity) {
      throw new RangeError("The size of a chunk must be a finite, non-negative number");
    }
    c.queue.push({ value, size });
    c.queueTotalSize += size;
  }
  function dequeueValue(c) {
    const pair = c.queue.shift();
    c.queueTotalSize -= pair.size;
    if (c.queueTotalSize < 0) c.queueTotalSize = 0;
    return pair.value;
  }

  function extractHighWaterMark(strategy, defaultHWM) {
    if (strategy.highWaterMark === undefined) return defaultHWM;
    const hwm = Number(strategy.highWaterMark);
    if (Number.isNaN(hwm) || hwm < 0) throw new RangeError("highWaterMark must be a non-negative number");
    return hwm;
  }
  function extractSizeAlgorithm(strategy) {
    const size = strategy.size;
    if (size === undefined) return () => 1;
    if (typeof size !== "function") throw new TypeError("strategy size must be a function");
    return (chunk) => size(chunk);
  }
  function strategyDict(v, where) {
    if (v === undefined || v === null) return {};
    if (!isObject(v)) throw new TypeError(`${where}: strategy must be an object`);
    // Read in dictionary member order: highWaterMark, size.
    return { highWaterMark: v.highWaterMark, size: v.size };
  }

  // TransferArrayBuffer: the bytes move to a new ArrayBuffer and the old one is
  // detached. V8 10.2 has no ArrayBuffer.prototype.transfer, so the bytes are
  // copied and the host detaches the original; a buffer that cannot be detached
  // (WebAssembly memory) is a TypeError, as the standard has it.
  const bufferSlice = ArrayBuffer.prototype.slice;
  const canTransfer = typeof ArrayBuffer.prototype.transfer === "function";
  function transferBuffer(buffer) {
    if (canTransfer) return buffer.transfer();
    const copy = bufferSlice.call(buffer, 0);
    if (!ops.op_array_buffer_detach(buffer)) throw new TypeError("This ArrayBuffer cannot be transferred");
    return copy;
  }
  // ArrayBufferView arguments without [AllowShared] refuse views of a
  // SharedArrayBuffer.
  function isSharedView(view) {
    return util.isSharedArrayBuffer(view.buffer);
  }
  const isDetached = util.isDetached;

  // ========================================================= ReadableStream
  function newReadableRecord(pub) {
    return {
      pub,
      state: "readable",
      reader: undefined,
      storedError: undefined,
      disturbed: false,
      controller: undefined,
      pristineSource: null, // set by fromSource until anything touches the stream
    };
  }

  let readableRecordOf;
  let makeReadablePub;

  // The start, pull and cancel algorithms over an underlying source's callbacks.
  function sourceAlgorithms(src, c, start, pull, cancel) {
    return [
      () => (start ? start.call(src, c.pub) : undefined),
      pull ? () => promiseCall(pull, src, c.pub) : resolvedUndefined,
      cancel ? (r) => promiseCall(cancel, src, r) : resolvedUndefined,
    ];
  }

  class ReadableStream {
    #s;

    constructor(underlyingSource = undefined, strategy = undefined) {
      if (underlyingSource === INTERNAL) {
        this.#s = newReadableRecord(this);
        return;
      }
      if (underlyingSource !== undefined && !isObject(underlyingSource)) {
        throw new TypeError("ReadableStream: underlyingSource must be an object");
      }
      const src = underlyingSource === undefined ? {} : underlyingSource;
      const where = "ReadableStream";
      const st = strategyDict(strategy, where);
      // Dictionary members in order: autoAllocateChunkSize, cancel, pull, start, type.
      const autoAllocate = src.autoAllocateChunkSize;
      const cancel = getCallback(src, "cancel", where);
      const pull = getCallback(src, "pull", where);
      const start = getCallback(src, "start", where);
      const type = src.type === undefined ? undefined : util.toDOMString(src.type);
      if (type !== undefined && type !== "bytes") {
        throw new TypeError(`ReadableStream: '${type}' is not a valid stream type`);
      }
      this.#s = newReadableRecord(this);
      if (type === "bytes") {
        if (st.size !== undefined) {
          throw new RangeError("ReadableStream: a byte stream cannot have a size function");
        }
        const hwm = extractHighWaterMark(st, 0);
        let chunkSize;
        if (autoAllocate !== undefined) {
          chunkSize = util.toEnforcedUint(autoAllocate, "autoAllocateChunkSize");
          if (chunkSize === 0) throw new TypeError("ReadableStream: autoAllocateChunkSize must be positive");
        }
        const c = newByteControllerRecord();
        setUpByteController(this.#s, c, ...sourceAlgorithms(src, c, start, pull, cancel), hwm, chunkSize);
      } else {
        const size = extractSizeAlgorithm(st);
        const hwm = extractHighWaterMark(st, 1);
        const c = newDefaultControllerRecord();
        setUpDefaultController(this.#s, c, ...sourceAlgorithms(src, c, start, pull, cancel), hwm, size);
      }
    }

    static {
      readableRecordOf = (o) => (isObject(o) && #s in o ? o.#s : undefined);
      makeReadablePub = () => new ReadableStream(INTERNAL).#s;
    }

    static from(asyncIterable) {
      requireArgs(arguments.length, 1, "ReadableStream.from");
      return readableFromIterable(asyncIterable).pub;
    }

    get locked() {
      return isLocked(rsOf(this));
    }

    cancel(reason = undefined) {
      const rs = readableRecordOf(this);
      if (rs === undefined) return Promise.reject(new TypeError("Illegal invocation"));
      if (isLocked(rs)) return Promise.reject(new TypeError("Cannot cancel a locked ReadableStream"));
      return rsCancel(rs, reason);
    }

    getReader(options = undefined) {
      const rs = rsOf(this);
      const opts = util.toDictionary(options, "ReadableStream.getReader");
      if (opts.mode === undefined) return acquireDefaultReader(rs).pub;
      const mode = util.toDOMString(opts.mode);
      if (mode !== "byob") throw new TypeError(`ReadableStream.getReader: '${mode}' is not a valid mode`);
      return acquireBYOBReader(rs).pub;
    }

    pipeThrough(transform, options = undefined) {
      const rs = rsOf(this);
      requireArgs(arguments.length, 1, "ReadableStream.pipeThrough");
      if (!isObject(transform)) throw new TypeError("ReadableStream.pipeThrough: transform must be an object");
      const readable = transform.readable;
      const rsDest = readableRecordOf(readable);
      if (rsDest === undefined) throw new TypeError("ReadableStream.pipeThrough: transform.readable is not a ReadableStream");
      const writable = transform.writable;
      const ws = writableRecordOf(writable);
      if (ws === undefined) throw new TypeError("ReadableStream.pipeThrough: transform.writable is not a WritableStream");
      const o = pipeOptions(options);
      if (isLocked(rs)) throw new TypeError("ReadableStream.pipeThrough: the stream is locked");
      if (isWritableLocked(ws)) throw new TypeError("ReadableStream.pipeThrough: the writable side is locked");
      markHandled(pipeTo(rs, ws, o.preventClose, o.preventAbort, o.preventCancel, o.signal));
      return readable;
    }

    pipeTo(destination, options = undefined) {
      const rs = readableRecordOf(this);
      if (rs === undefined) return Promise.reject(new TypeError("Illegal invocation"));
      const ws = writableRecordOf(destination);
      if (ws === undefined) {
        return Promise.reject(new TypeError("ReadableStream.pipeTo: destination is not a WritableStream"));
      }
      let o;
      try {
        o = pipeOptions(options);
      } catch (e) {
        return Promise.reject(e);
      }
      if (isLocked(rs)) return Promise.reject(new TypeError("ReadableStream.pipeTo: the stream is locked"));
      if (isWritableLocked(ws)) {
        return Promise.reject(new TypeError("ReadableStream.pipeTo: the destination is locked"));
      }
      return pipeTo(rs, ws, o.preventClose, o.preventAbort, o.preventCancel, o.signal);
    }

    tee() {
      const [a, b] = rsTee(rsOf(this));
      return [a.pub, b.pub];
    }

    values(options = undefined) {
      const rs = rsOf(this);
      const opts = util.toDictionary(options, "ReadableStream.values");
      return createAsyncIterator(rs, !!opts.preventCancel);
    }
  }
  Object.defineProperty(ReadableStream.prototype, Symbol.asyncIterator, {
    value: ReadableStream.prototype.values,
    writable: true,
    configurable: true,
  });
  util.enumerableMembers(ReadableStream, ["locked", "cancel", "getReader", "pipeThrough", "pipeTo", "tee", "values"]);
  util.setToStringTag(ReadableStream);

  // The internal record behind a public object, or the WebIDL brand-check
  // TypeError when the receiver is not one.
  function recordOrThrow(record, what) {
    if (record === undefined) throw new TypeError(`Illegal invocation${what}`);
    return record;
  }
  function rsOf(o) {
    return recordOrThrow(readableRecordOf(o), ": not a ReadableStream");
  }

  function pipeOptions(options) {
    const o = util.toDictionary(options, "pipeTo");
    const preventAbort = !!o.preventAbort;
    const preventCancel = !!o.preventCancel;
    const preventClose = !!o.preventClose;
    const signal = o.signal;
    if (signal !== undefined && !internal.abort.isSignal(signal)) {
      throw new TypeError("pipeTo: 'signal' is not an AbortSignal");
    }
    return { preventAbort, preventCancel, preventClose, signal };
  }

  function isLocked(rs) {
    return rs.reader !== undefined;
  }

  function rsCancel(rs, reason) {
    rs.disturbed = true;
    if (rs.state === "closed") return Promise.resolve(undefined);
    if (rs.state === "errored") return Promise.reject(rs.storedError);
    rsClose(rs);
    const reader = rs.reader;
    if (reader !== undefined && reader.kind === "byob") {
      const reqs = reader.readIntoRequests;
      reader.readIntoRequests = new Queue();
      while (reqs.length > 0) reqs.shift().closeSteps(undefined);
    }
    const c = rs.controller;
    const p = c.kind === "byte" ? byteCancelSteps(c, reason) : defaultCancelSteps(c, reason);
    return p.then(noop);
  }

  function rsClose(rs) {
    rs.state = "closed";
    const reader = rs.reader;
    if (reader === undefined) return;
    reader.closed.resolve(undefined);
    if (reader.kind === "default") {
      const reqs = reader.readRequests;
      reader.readRequests = new Queue();
      while (reqs.length > 0) reqs.shift().closeSteps();
    }
  }

  function rsError(rs, e) {
    rs.state = "errored";
    rs.storedError = e;
    const reader = rs.reader;
    if (reader === undefined) return;
    reader.closed.reject(e);
    markHandled(reader.closed.promise);
    if (reader.kind === "default") {
      errorReadRequests(reader, e);
    } else {
      errorReadIntoRequests(reader, e);
    }
  }

  function errorReadRequests(reader, e) {
    const reqs = reader.readRequests;
    reader.readRequests = new Queue();
    while (reqs.length > 0) reqs.shift().errorSteps(e);
  }
  function errorReadIntoRequests(reader, e) {
    const reqs = reader.readIntoRequests;
    reader.readIntoRequests = new Queue();
    while (reqs.length > 0) reqs.shift().errorSteps(e);
  }

  function fulfillReadRequest(rs, chunk, done) {
    const req = rs.reader.readRequests.shift();
    if (done) req.closeSteps();
    else req.chunkSteps(chunk);
  }
  function fulfillReadIntoRequest(rs, chunk, done) {
    const req = rs.reader.readIntoRequests.shift();
    if (done) req.closeSteps(chunk);
    else req.chunkSteps(chunk);
  }
  function numReadRequests(rs) {
    return rs.reader.readRequests.length;
  }
  function numReadIntoRequests(rs) {
    return rs.reader.readIntoRequests.length;
  }
  function hasDefaultReader(rs) {
    return rs.reader !== undefined && rs.reader.kind === "default";
  }
  function hasBYOBReader(rs) {
    return rs.reader !== undefined && rs.reader.kind === "byob";
  }

  // ----------------------------------------------------------------- readers
  function readerGenericInitialize(reader, rs) {
    reader.stream = rs;
    rs.reader = reader;
    if (rs.state === "readable") reader.closed = new Deferred();
    else if (rs.state === "closed") reader.closed = resolvedDeferred(undefined);
    else reader.closed = rejectedDeferred(rs.storedError);
  }

  function readerGenericCancel(reader, reason) {
    return rsCancel(reader.stream, reason);
  }

  function readerGenericRelease(reader) {
    const rs = reader.stream;
    const err = new TypeError("The reader was released");
    if (rs.state === "readable") reader.closed.reject(err);
    else reader.closed = rejectedDeferred(err);
    markHandled(reader.closed.promise);
    const c = rs.controller;
    if (c.kind === "byte") byteReleaseSteps(c);
    rs.reader = undefined;
    reader.stream = undefined;
  }

  function defaultReaderRelease(reader) {
    readerGenericRelease(reader);
    errorReadRequests(reader, new TypeError("The reader was released"));
  }
  function byobReaderRelease(reader) {
    readerGenericRelease(reader);
    errorReadIntoRequests(reader, new TypeError("The reader was released"));
  }

  // The ReadableStreamGenericReader members of both reader classes; `r` is
  // the reader's record, undefined when `this` is not a reader of that class.
  const genericReader = {
    closed(r) {
      if (r === undefined) return Promise.reject(new TypeError("Illegal invocation"));
      return r.closed.promise;
    },
    // The reader's own checks before a read or a cancel: a rejection, or undefined.
    unusable(r) {
      if (r === undefined) return Promise.reject(new TypeError("Illegal invocation"));
      if (r.stream === undefined) return Promise.reject(new TypeError("The reader has been released"));
      return undefined;
    },
    cancel(r, reason) {
      return genericReader.unusable(r) ?? readerGenericCancel(r, reason);
    },
    releaseLock(r) {
      if (r === undefined) throw new TypeError("Illegal invocation");
      if (r.stream === undefined) return;
      if (r.kind === "byob") byobReaderRelease(r);
      else defaultReaderRelease(r);
    },
  };

  function defaultReaderRead(reader, req) {
    const rs = reader.stream;
    rs.disturbed = true;
    if (rs.state === "closed") req.closeSteps();
    else if (rs.state === "errored") req.errorSteps(rs.storedError);
    else if (rs.controller.kind === "byte") bytePullSteps(rs.controller, req);
    else defaultPullSteps(rs.controller, req);
  }

  function acquireDefaultReader(rs) {
    const pub = new ReadableStreamDefaultReader(INTERNAL);
    const reader = defaultReaderRecordOf(pub);
    setUpDefaultReader(reader, rs);
    return reader;
  }
  function setUpDefaultReader(reader, rs) {
    if (isLocked(rs)) throw new TypeError("ReadableStream is locked");
    readerGenericInitialize(reader, rs);
  }

  // A read (or read-into) request settling a promise; a BYOB reader's close
  // steps carry the emptied view, a default reader's nothing.
  function promiseReadRequest() {
    const d = new Deferred();
    return {
      promise: d.promise,
      chunkSteps: (chunk) => d.resolve({ value: chunk, done: false }),
      closeSteps: (chunk = undefined) => d.resolve({ value: chunk, done: true }),
      errorSteps: (e) => d.reject(e),
    };
  }

  let defaultReaderRecordOf;
  class ReadableStreamDefaultReader {
    #r;
    constructor(stream) {
      this.#r = { pub: this, kind: "default", stream: undefined, closed: undefined, readRequests: new Queue() };
      if (stream === INTERNAL) return;
      requireArgs(arguments.length, 1, "ReadableStreamDefaultReader");
      const rs = readableRecordOf(stream);
      if (rs === undefined) throw new TypeError("ReadableStreamDefaultReader: argument is not a ReadableStream");
      setUpDefaultReader(this.#r, rs);
    }
    static {
      defaultReaderRecordOf = (o) => (isObject(o) && #r in o ? o.#r : undefined);
    }
    get closed() {
      return genericReader.closed(defaultReaderRecordOf(this));
    }
    cancel(reason = undefined) {
      return genericReader.cancel(defaultReaderRecordOf(this), reason);
    }
    read() {
      const r = defaultReaderRecordOf(this);
      const unusable = genericReader.unusable(r);
      if (unusable !== undefined) return unusable;
      const req = promiseReadRequest();
      defaultReaderRead(r, req);
      return req.promise;
    }
    releaseLock() {
      genericReader.releaseLock(defaultReaderRecordOf(this));
    }
  }
  util.enumerableMembers(ReadableStreamDefaultReader, ["closed", "cancel", "read", "releaseLock"]);
  util.setToStringTag(ReadableStreamDefaultReader);

  function acquireBYOBReader(rs) {
    const pub = new ReadableStreamBYOBReader(INTERNAL);
    const reader = byobReaderRecordOf(pub);
    setUpBYOBReader(reader, rs);
    return reader;
  }
  function setUpBYOBReader(reader, rs) {
    if (isLocked(rs)) throw new TypeError("ReadableStream is locked");
    if (rs.controller.kind !== "byte") throw new TypeError("A BYOB reader needs a byte stream (type: 'bytes')");
    readerGenericInitialize(reader, rs);
  }

  let byobReaderRecordOf;
  class ReadableStreamBYOBReader {
    #r;
    constructor(stream) {
      this.#r = { pub: this, kind: "byob", stream: undefined, closed: undefined, readIntoRequests: new Queue() };
      if (stream === INTERNAL) return;
      requireArgs(arguments.length, 1, "ReadableStreamBYOBReader");
      const rs = readableRecordOf(stream);
      if (rs === undefined) throw new TypeError("ReadableStreamBYOBReader: argument is not a ReadableStream");
      setUpBYOBReader(this.#r, rs);
    }
    static {
      byobReaderRecordOf = (o) => (isObject(o) && #r in o ? o.#r : undefined);
    }
    get closed() {
      return genericReader.closed(byobReaderRecordOf(this));
    }
    cancel(reason = undefined) {
      return genericReader.cancel(byobReaderRecordOf(this), reason);
    }
    read(view, options = undefined) {
      const r = byobReaderRecordOf(this);
      if (r === undefined) return Promise.reject(new TypeError("Illegal invocation"));
      if (!ArrayBuffer.isView(view) || isSharedView(view)) {
        return Promise.reject(new TypeError("ReadableStreamBYOBReader.read: view must be an ArrayBufferView (not shared)"));
      }
      if (view.byteLength === 0) return Promise.reject(new TypeError("read: view must have non-zero byteLength"));
      if (view.buffer.byteLength === 0) {
        return Promise.reject(new TypeError("read: view's buffer must have non-zero byteLength"));
      }
      if (isDetached(view.buffer)) return Promise.reject(new TypeError("read: view's buffer is detached"));
      let min = 1;
      try {
        const opts = util.toDictionary(options, "ReadableStreamBYOBReader.read");
        if (opts.min !== undefined) min = util.toEnforcedUint(opts.min, "read: min");
      } catch (e) {
        return Promise.reject(e);
      }
      if (min === 0) return Promise.reject(new TypeError("read: min must be greater than 0"));
      if (util.isTypedArray(view)) {
        if (min > view.length) return Promise.reject(new RangeError("read: min exceeds the view's length"));
      } else if (min > view.byteLength) {
        return Promise.reject(new RangeError("read: min exceeds the view's byteLength"));
      }
      if (r.stream === undefined) return Promise.reject(new TypeError("The reader has been released"));
      const req = promiseReadRequest();
      const rs = r.stream;
      rs.disturbed = true;
      if (rs.state === "errored") req.errorSteps(rs.storedError);
      else bytePullInto(rs.controller, view, min, req);
      return req.promise;
    }
    releaseLock() {
      genericReader.releaseLock(byobReaderRecordOf(this));
    }
  }
  util.enumerableMembers(ReadableStreamBYOBReader, ["closed", "cancel", "read", "releaseLock"]);
  util.setToStringTag(ReadableStreamBYOBReader);

  // ---------------------------------------------- default controller
  let defaultControllerRecordOf;
  class ReadableStreamDefaultController {
    #c;
    constructor(key = undefined) {
      if (key !== INTERNAL) throw new TypeError("Illegal constructor");
    }
    static {
      defaultControllerRecordOf = (o) => (isObject(o) && #c in o ? o.#c : undefined);
      newDefaultControllerRecord = () => {
        const pub = new ReadableStreamDefaultController(INTERNAL);
        pub.#c = readableControllerRecord("default", pub, {});
        return pub.#c;
      };
    }
    get desiredSize() {
      return rsdcGetDesiredSize(dcOf(this));
    }
    close() {
      const c = dcOf(this);
      if (!rsdcCanCloseOrEnqueue(c)) throw new TypeError("The stream is not in a state that permits close");
      rsdcClose(c);
    }
    enqueue(chunk = undefined) {
      const c = dcOf(this);
      if (!rsdcCanCloseOrEnqueue(c)) throw new TypeError("The stream is not in a state that permits enqueue");
      rsdcEnqueue(c, chunk);
    }
    error(e = undefined) {
      rsdcError(dcOf(this), e);
    }
  }
  var newDefaultControllerRecord;
  util.enumerableMembers(ReadableStreamDefaultController, ["desiredSize", "close", "enqueue", "error"]);
  util.setToStringTag(ReadableStreamDefaultController);

  function dcOf(o) {
    return recordOrThrow(defaultControllerRecordOf(o), "");
  }

  function setUpDefaultController(rs, c, startAlgorithm, pullAlgorithm, cancelAlgorithm, hwm, sizeAlgorithm) {
    c.strategySizeAlgorithm = sizeAlgorithm;
    setUpReadableController(rs, c, startAlgorithm, pullAlgorithm, cancelAlgorithm, hwm);
  }

  // ------------------------------------------ both readable controllers
  function readableControllerRecord(kind, pub, extra) {
    return {
      kind,
      pub,
      stream: undefined,
      queue: new Queue(),
      queueTotalSize: 0,
      started: false,
      closeRequested: false,
      pullAgain: false,
      pulling: false,
      strategyHWM: kind === "byte" ? 0 : 1,
      strategySizeAlgorithm: undefined,
      pullAlgorithm: undefined,
      cancelAlgorithm: undefined,
      ...extra,
    };
  }

  // Pulling begins once the start algorithm settles.
  function setUpReadableController(rs, c, startAlgorithm, pullAlgorithm, cancelAlgorithm, hwm) {
    c.stream = rs;
    resetQueue(c);
    c.strategyHWM = hwm;
    c.pullAlgorithm = pullAlgorithm;
    c.cancelAlgorithm = cancelAlgorithm;
    rs.controller = c;
    Promise.resolve(startAlgorithm()).then(
      () => {
        c.started = true;
        readableCallPullIfNeeded(c);
      },
      (r) => readableControllerError(c, r),
    );
  }

  function readableCallPullIfNeeded(c) {
    if (!(c.kind === "byte" ? rbscShouldCallPull(c) : rsdcShouldCallPull(c))) return;
    if (c.pulling) {
      c.pullAgain = true;
      return;
    }
    c.pulling = true;
    c.pullAlgorithm().then(
      () => {
        c.pulling = false;
        if (c.pullAgain) {
          c.pullAgain = false;
          readableCallPullIfNeeded(c);
        }
      },
      (e) => readableControllerError(c, e),
    );
  }

  function readableControllerError(c, e) {
    if (c.kind === "byte") rbscError(c, e);
    else rsdcError(c, e);
  }

  // ---------------------------------------------- default controller steps

  function defaultCancelSteps(c, reason) {
    resetQueue(c);
    const result = c.cancelAlgorithm(reason);
    rsdcClearAlgorithms(c);
    return result;
  }

  function defaultPullSteps(c, req) {
    const rs = c.stream;
    if (c.queue.length > 0) {
      const chunk = dequeueValue(c);
      if (c.closeRequested && c.queue.length === 0) {
        rsdcClearAlgorithms(c);
        rsClose(rs);
      } else {
        readableCallPullIfNeeded(c);
      }
      req.chunkSteps(chunk);
    } else {
      rs.reader.readRequests.push(req);
      readableCallPullIfNeeded(c);
    }
  }

  function rsdcShouldCallPull(c) {
    const rs = c.stream;
    if (!rsdcCanCloseOrEnqueue(c) || !c.started) return false;
    if (isLocked(rs) && numReadRequests(rs) > 0) return true;
    return rsdcGetDesiredSize(c) > 0;
  }
  function rsdcClearAlgorithms(c) {
    c.pullAlgorithm = undefined;
    c.cancelAlgorithm = undefined;
    c.strategySizeAlgorithm = undefined;
  }
  function rsdcClose(c) {
    if (!rsdcCanCloseOrEnqueue(c)) return;
    c.closeRequested = true;
    if (c.queue.length === 0) {
      rsdcClearAlgorithms(c);
      rsClose(c.stream);
    }
  }
  function rsdcEnqueue(c, chunk) {
    if (!rsdcCanCloseOrEnqueue(c)) return;
    const rs = c.stream;
    if (isLocked(rs) && numReadRequests(rs) > 0) {
      fulfillReadRequest(rs, chunk, false);
    } else {
      let size;
      try {
        size = c.strategySizeAlgorithm(chunk);
        enqueueValueWithSize(c, chunk, size);
      } catch (e) {
        rsdcError(c, e);
        throw e;
      }
    }
    readableCallPullIfNeeded(c);
  }
  function rsdcError(c, e) {
    const rs = c.stream;
    if (rs.state !== "readable") return;
    resetQueue(c);
    rsdcClearAlgorithms(c);
    rsError(rs, e);
  }
  function rsdcGetDesiredSize(c) {
    const state = c.stream.state;
    if (state === "errored") return null;
    if (state === "closed") return 0;
    return c.strategyHWM - c.queueTotalSize;
  }
  function rsdcHasBackpressure(c) {
    return !rsdcShouldCallPull(c);
  }
  function rsdcCanCloseOrEnqueue(c) {
    return !c.closeRequested && c.stream.state === "readable";
  }

  // Creates a stream with a default controller from algorithms (used by tee, transforms, bodies).
  function createReadableStream(startAlgorithm, pullAlgorithm, cancelAlgorithm, hwm = 1, sizeAlgorithm = () => 1) {
    const rs = makeReadablePub();
    const c = newDefaultControllerRecord();
    setUpDefaultController(rs, c, startAlgorithm, pullAlgorithm, cancelAlgorithm, hwm, sizeAlgorithm);
    return rs;
  }
  function createByteStream(startAlgorithm, pullAlgorithm, cancelAlgorithm) {
    const rs = makeReadablePub();
    const c = newByteControllerRecord();
    setUpByteController(rs, c, startAlgorithm, pullAlgorithm, cancelAlgorithm, 0, undefined);
    return rs;
  }

  // ---------------------------------------------- byte controller
  let byteControllerRecordOf;
  var newByteControllerRecord;
  class ReadableByteStreamController {
    #c;
    constructor(key = undefined) {
      if (key !== INTERNAL) throw new TypeError("Illegal constructor");
    }
    static {
      byteControllerRecordOf = (o) => (isObject(o) && #c in o ? o.#c : undefined);
      newByteControllerRecord = () => {
        const pub = new ReadableByteStreamController(INTERNAL);
        pub.#c = readableControllerRecord("byte", pub, {
          autoAllocateChunkSize: undefined,
          pendingPullIntos: new Queue(),
          byobRequest: null,
          // Host streams (bodies, tee branches) enqueue buffers nobody else
          // holds: taking them needs no transfer.
          ownsChunks: false,
        });
        return pub.#c;
      };
    }
    get byobRequest() {
      const req = rbscGetBYOBRequest(bcOf(this));
      return req === null ? null : req.pub;
    }
    get desiredSize() {
      return rsdcGetDesiredSize(bcOf(this));
    }
    close() {
      const c = bcOf(this);
      if (c.closeRequested) throw new TypeError("The stream is already closing");
      if (c.stream.state !== "readable") throw new TypeError("The stream is not readable");
      rbscClose(c);
    }
    enqueue(chunk) {
      const c = bcOf(this);
      requireArgs(arguments.length, 1, "ReadableByteStreamController.enqueue");
      if (!ArrayBuffer.isView(chunk) || isSharedView(chunk)) {
        throw new TypeError("enqueue: chunk must be an ArrayBufferView (not shared)");
      }
      if (chunk.byteLength === 0) throw new TypeError("enqueue: chunk must have non-zero byteLength");
      if (chunk.buffer.byteLength === 0) throw new TypeError("enqueue: chunk's buffer must have non-zero byteLength");
      if (c.closeRequested) throw new TypeError("The stream is already closing");
      if (c.stream.state !== "readable") throw new TypeError("The stream is not readable");
      rbscEnqueue(c, chunk);
    }
    error(e = undefined) {
      rbscError(bcOf(this), e);
    }
  }
  util.enumerableMembers(ReadableByteStreamController, ["byobRequest", "desiredSize", "close", "enqueue", "error"]);
  util.setToStringTag(ReadableByteStreamController);

  function bcOf(o) {
    return recordOrThrow(byteControllerRecordOf(o), "");
  }

  let byobRequestRecordOf;
  class ReadableStreamBYOBRequest {
    #q;
    constructor(key = undefined) {
      if (key !== INTERNAL) throw new TypeError("Illegal constructor");
      this.#q = { pub: this, controller: undefined, view: null };
    }
    static {
      byobRequestRecordOf = (o) => (isObject(o) && #q in o ? o.#q : undefined);
    }
    get view() {
      return brOf(this).view;
    }
    respond(bytesWritten) {
      const q = brOf(this);
      requireArgs(arguments.length, 1, "ReadableStreamBYOBRequest.respond");
      const n = util.toEnforcedUint(bytesWritten, "respond");
      if (q.controller === undefined) throw new TypeError("This BYOB request has been invalidated");
      if (isDetached(q.view.buffer)) throw new TypeError("The view's buffer has been detached");
      rbscRespond(q.controller, n);
    }
    respondWithNewView(view) {
      const q = brOf(this);
      requireArgs(arguments.length, 1, "ReadableStreamBYOBRequest.respondWithNewView");
      if (!ArrayBuffer.isView(view) || isSharedView(view)) {
        throw new TypeError("respondWithNewView: view must be an ArrayBufferView (not shared)");
      }
      if (q.controller === undefined) throw new TypeError("This BYOB request has been invalidated");
      if (isDetached(view.buffer)) throw new TypeError("The view's buffer has been detached");
      rbscRespondWithNewView(q.controller, view);
    }
  }
  util.enumerableMembers(ReadableStreamBYOBRequest, ["view", "respond", "respondWithNewView"]);
  util.setToStringTag(ReadableStreamBYOBRequest);
  function brOf(o) {
    return recordOrThrow(byobRequestRecordOf(o), "");
  }

  function setUpByteController(rs, c, startAlgorithm, pullAlgorithm, cancelAlgorithm, hwm, autoAllocateChunkSize) {
    c.autoAllocateChunkSize = autoAllocateChunkSize;
    setUpReadableController(rs, c, startAlgorithm, pullAlgorithm, cancelAlgorithm, hwm);
  }

  function byteCancelSteps(c, reason) {
    rbscClearPendingPullIntos(c);
    return defaultCancelSteps(c, reason);
  }

  function bytePullSteps(c, req) {
    const rs = c.stream;
    if (c.queueTotalSize > 0) {
      rbscFillReadRequestFromQueue(c, req);
      return;
    }
    const size = c.autoAllocateChunkSize;
    if (size !== undefined) {
      let buffer;
      try {
        buffer = new ArrayBuffer(size);
      } catch (e) {
        req.errorSteps(e);
        return;
      }
      c.pendingPullIntos.push({
        buffer,
        bufferByteLength: size,
        byteOffset: 0,
        byteLength: size,
        bytesFilled: 0,
        minimumFill: 1,
        elementSize: 1,
        viewConstructor: Uint8Array,
        readerType: "default",
      });
    }
    rs.reader.readRequests.push(req);
    readableCallPullIfNeeded(c);
  }

  function byteReleaseSteps(c) {
    if (c.pendingPullIntos.length > 0) {
      const first = c.pendingPullIntos.peek();
      first.readerType = "none";
      c.pendingPullIntos = new Queue();
      c.pendingPullIntos.push(first);
    }
  }

  function rbscShouldCallPull(c) {
    const rs = c.stream;
    if (rs.state !== "readable" || c.closeRequested || !c.started) return false;
    if (hasDefaultReader(rs) && numReadRequests(rs) > 0) return true;
    if (hasBYOBReader(rs) && numReadIntoRequests(rs) > 0) return true;
    return rsdcGetDesiredSize(c) > 0;
  }
  function rbscClearPendingPullIntos(c) {
    rbscInvalidateBYOBRequest(c);
    c.pendingPullIntos = new Queue();
  }
  function rbscInvalidateBYOBRequest(c) {
    if (c.byobRequest === null) return;
    c.byobRequest.controller = undefined;
    c.byobRequest.view = null;
    c.byobRequest = null;
  }
  function rbscClose(c) {
    const rs = c.stream;
    if (c.closeRequested || rs.state !== "readable") return;
    if (c.queueTotalSize > 0) {
      c.closeRequested = true;
      return;
    }
    if (c.pendingPullIntos.length > 0) {
      const first = c.pendingPullIntos.peek();
      if (first.bytesFilled % first.elementSize !== 0) {
        const e = new TypeError("Insufficient bytes to fill elements in the given buffer");
        rbscError(c, e);
        throw e;
      }
    }
    rsdcClearAlgorithms(c);
    rsClose(rs);
  }
  function rbscError(c, e) {
    const rs = c.stream;
    if (rs.state !== "readable") return;
    rbscClearPendingPullIntos(c);
    rsdcError(c, e);
  }
  function rbscEnqueue(c, chunk) {
    const rs = c.stream;
    if (c.closeRequested || rs.state !== "readable") return;
    const { buffer, byteOffset, byteLength } = chunk;
    if (isDetached(buffer)) throw new TypeError("enqueue: chunk's buffer is detached");
    const transferred = c.ownsChunks ? buffer : transferBuffer(buffer);
    if (c.pendingPullIntos.length > 0) {
      const first = c.pendingPullIntos.peek();
      if (isDetached(first.buffer)) throw new TypeError("The BYOB request's buffer has been detached");
      rbscInvalidateBYOBRequest(c);
      first.buffer = transferBuffer(first.buffer);
      if (first.readerType === "none") rbscEnqueueDetachedPullIntoToQueue(c, first);
    }
    if (hasDefaultReader(rs)) {
      rbscProcessReadRequestsUsingQueue(c);
      if (numReadRequests(rs) === 0) {
        rbscEnqueueChunkToQueue(c, transferred, byteOffset, byteLength);
      } else {
        if (c.pendingPullIntos.length > 0) rbscShiftPendingPullInto(c);
        fulfillReadRequest(rs, new Uint8Array(transferred, byteOffset, byteLength), false);
      }
    } else if (hasBYOBReader(rs)) {
      rbscEnqueueChunkToQueue(c, transferred, byteOffset, byteLength);
      const filled = rbscProcessPullIntoDescriptorsUsingQueue(c);
      for (const pd of filled) rbscCommitPullIntoDescriptor(rs, pd);
    } else {
      rbscEnqueueChunkToQueue(c, transferred, byteOffset, byteLength);
    }
    readableCallPullIfNeeded(c);
  }
  function rbscEnqueueChunkToQueue(c, buffer, byteOffset, byteLength) {
    c.queue.push({ buffer, byteOffset, byteLength });
    c.queueTotalSize += byteLength;
  }
  function rbscEnqueueClonedChunkToQueue(c, buffer, byteOffset, byteLength) {
    let clone;
    try {
      clone = buffer.slice(byteOffset, byteOffset + byteLength);
    } catch (e) {
      rbscError(c, e);
      throw e;
    }
    rbscEnqueueChunkToQueue(c, clone, 0, byteLength);
  }
  function rbscEnqueueDetachedPullIntoToQueue(c, pd) {
    if (pd.bytesFilled > 0) rbscEnqueueClonedChunkToQueue(c, pd.buffer, pd.byteOffset, pd.bytesFilled);
    rbscShiftPendingPullInto(c);
  }
  function rbscShiftPendingPullInto(c) {
    return c.pendingPullIntos.shift();
  }
  function rbscProcessReadRequestsUsingQueue(c) {
    const reader = c.stream.reader;
    while (reader.readRequests.length > 0) {
      if (c.queueTotalSize === 0) return;
      rbscFillReadRequestFromQueue(c, reader.readRequests.shift());
    }
  }
  function rbscFillReadRequestFromQueue(c, req) {
    const entry = c.queue.shift();
    c.queueTotalSize -= entry.byteLength;
    rbscHandleQueueDrain(c);
    req.chunkSteps(new Uint8Array(entry.buffer, entry.byteOffset, entry.byteLength));
  }
  function rbscHandleQueueDrain(c) {
    if (c.queueTotalSize === 0 && c.closeRequested) {
      rsdcClearAlgorithms(c);
      rsClose(c.stream);
    } else {
      readableCallPullIfNeeded(c);
    }
  }
  function rbscProcessPullIntoDescriptorsUsingQueue(c) {
    const filled = [];
    while (c.pendingPullIntos.length > 0) {
      if (c.queueTotalSize === 0) break;
      const pd = c.pendingPullIntos.peek();
      if (rbscFillPullIntoDescriptorFromQueue(c, pd)) {
        rbscShiftPendingPullInto(c);
        filled.push(pd);
      }
    }
    return filled;
  }
  function rbscFillPullIntoDescriptorFromQueue(c, pd) {
    const maxBytesToCopy = Math.min(c.queueTotalSize, pd.byteLength - pd.bytesFilled);
    const maxBytesFilled = pd.bytesFilled + maxBytesToCopy;
    let remaining = maxBytesToCopy;
    let ready = false;
    const maxAlignedBytes = maxBytesFilled - (maxBytesFilled % pd.elementSize);
    if (maxAlignedBytes >= pd.minimumFill) {
      remaining = maxAlignedBytes - pd.bytesFilled;
      ready = true;
    }
    while (remaining > 0) {
      const head = c.queue.peek();
      const n = Math.min(remaining, head.byteLength);
      const destStart = pd.byteOffset + pd.bytesFilled;
      new Uint8Array(pd.buffer, destStart, n).set(new Uint8Array(head.buffer, head.byteOffset, n));
      if (head.byteLength === n) {
        c.queue.shift();
      } else {
        head.byteOffset += n;
        head.byteLength -= n;
      }
      c.queueTotalSize -= n;
      pd.bytesFilled += n;
      remaining -= n;
    }
    return ready;
  }
  function rbscConvertPullIntoDescriptor(pd) {
    // The standard transfers pd.buffer once more here; it was transferred when
    // the descriptor was made and on each respond, so no script holds it and
    // handing it over as is cannot be told apart.
    return new pd.viewConstructor(pd.buffer, pd.byteOffset, pd.bytesFilled / pd.elementSize);
  }
  function rbscCommitPullIntoDescriptor(rs, pd) {
    const done = rs.state === "closed";
    const view = rbscConvertPullIntoDescriptor(pd);
    if (pd.readerType === "default") fulfillReadRequest(rs, view, done);
    else fulfillReadIntoRequest(rs, view, done);
  }
  function rbscGetBYOBRequest(c) {
    if (c.byobRequest === null && c.pendingPullIntos.length > 0) {
      const first = c.pendingPullIntos.peek();
      const view = new Uint8Array(first.buffer, first.byteOffset + first.bytesFilled, first.byteLength - first.bytesFilled);
      const q = byobRequestRecordOf(new ReadableStreamBYOBRequest(INTERNAL));
      q.controller = c;
      q.view = view;
      c.byobRequest = q;
    }
    return c.byobRequest;
  }

  function bytePullInto(c, view, min, req) {
    const rs = c.stream;
    let elementSize = 1;
    let ctor = DataView;
    if (util.isTypedArray(view)) {
      elementSize = view.BYTES_PER_ELEMENT;
      ctor = view.constructor;
    }
    const minimumFill = min * elementSize;
    const { byteOffset, byteLength } = view;
    let buffer;
    try {
      buffer = transferBuffer(view.buffer);
    } catch (e) {
      req.errorSteps(e);
      return;
    }
    const pd = {
      buffer,
      bufferByteLength: buffer.byteLength,
      byteOffset,
      byteLength,
      bytesFilled: 0,
      minimumFill,
      elementSize,
      viewConstructor: ctor,
      readerType: "byob",
    };
    if (c.pendingPullIntos.length > 0) {
      c.pendingPullIntos.push(pd);
      rs.reader.readIntoRequests.push(req);
      return;
    }
    if (rs.state === "closed") {
      req.closeSteps(new ctor(pd.buffer, pd.byteOffset, 0));
      return;
    }
    if (c.queueTotalSize > 0) {
      if (rbscFillPullIntoDescriptorFromQueue(c, pd)) {
        const filledView = rbscConvertPullIntoDescriptor(pd);
        rbscHandleQueueDrain(c);
        req.chunkSteps(filledView);
        return;
      }
      if (c.closeRequested) {
        const e = new TypeError("Insufficient bytes to fill elements in the given buffer");
        rbscError(c, e);
        req.errorSteps(e);
        return;
      }
    }
    c.pendingPullIntos.push(pd);
    rs.reader.readIntoRequests.push(req);
    readableCallPullIfNeeded(c);
  }

  function rbscRespond(c, bytesWritten) {
    const first = c.pendingPullIntos.peek();
    if (c.stream.state === "closed") {
      if (bytesWritten !== 0) throw new TypeError("respond: bytesWritten must be 0 after the stream is closed");
    } else {
      if (bytesWritten === 0) throw new TypeError("respond: bytesWritten must be greater than 0");
      if (first.bytesFilled + bytesWritten > first.byteLength) {
        throw new RangeError("respond: bytesWritten is larger than the view");
      }
    }
    first.buffer = transferBuffer(first.buffer);
    rbscRespondInternal(c, bytesWritten);
  }
  function rbscRespondWithNewView(c, view) {
    const first = c.pendingPullIntos.peek();
    if (c.stream.state === "closed") {
      if (view.byteLength !== 0) throw new TypeError("respondWithNewView: view must be empty after close");
    } else if (view.byteLength === 0) {
      throw new TypeError("respondWithNewView: view must not be empty");
    }
    if (first.byteOffset + first.bytesFilled !== view.byteOffset) {
      throw new RangeError("respondWithNewView: view has the wrong offset");
    }
    if (first.bufferByteLength !== view.buffer.byteLength) {
      throw new RangeError("respondWithNewView: view's buffer has the wrong length");
    }
    if (first.bytesFilled + view.byteLength > first.byteLength) {
      throw new RangeError("respondWithNewView: view is too large");
    }
    const n = view.byteLength;
    first.buffer = transferBuffer(view.buffer);
    rbscRespondInternal(c, n);
  }
  function rbscRespondInternal(c, bytesWritten) {
    const first = c.pendingPullIntos.peek();
    rbscInvalidateBYOBRequest(c);
    if (c.stream.state === "closed") {
      if (first.readerType === "none") rbscShiftPendingPullInto(c);
      const rs = c.stream;
      if (hasBYOBReader(rs)) {
        const filled = [];
        while (filled.length < numReadIntoRequests(rs)) filled.push(rbscShiftPendingPullInto(c));
        for (const pd of filled) rbscCommitPullIntoDescriptor(rs, pd);
      }
    } else {
      rbscRespondInReadableState(c, bytesWritten, first);
    }
    readableCallPullIfNeeded(c);
  }
  function rbscRespondInReadableState(c, bytesWritten, pd) {
    pd.bytesFilled += bytesWritten;
    if (pd.readerType === "none") {
      rbscEnqueueDetachedPullIntoToQueue(c, pd);
      for (const f of rbscProcessPullIntoDescriptorsUsingQueue(c)) rbscCommitPullIntoDescriptor(c.stream, f);
      return;
    }
    if (pd.bytesFilled < pd.minimumFill) return;
    rbscShiftPendingPullInto(c);
    const remainder = pd.bytesFilled % pd.elementSize;
    if (remainder > 0) {
      const end = pd.byteOffset + pd.bytesFilled;
      rbscEnqueueClonedChunkToQueue(c, pd.buffer, end - remainder, remainder);
    }
    pd.bytesFilled -= remainder;
    const filled = rbscProcessPullIntoDescriptorsUsingQueue(c);
    rbscCommitPullIntoDescriptor(c.stream, pd);
    for (const f of filled) rbscCommitPullIntoDescriptor(c.stream, f);
  }

  // ---------------------------------------------------------------- tee
  function rsTee(rs) {
    const byte = rs.controller.kind === "byte";
    const reader = acquireDefaultReader(rs);
    let reading = false;
    let readAgain = false;
    let canceled1 = false;
    let canceled2 = false;
    let reason1;
    let reason2;
    let branch1;
    let branch2;
    const cancelPromise = new Deferred();
    const enqueue = (branch, chunk) => {
      if (byte) rbscEnqueue(branch.controller, chunk);
      else rsdcEnqueue(branch.controller, chunk);
    };
    const close = (branch) => {
      if (byte) {
        rbscClose(branch.controller);
        // A branch's pending BYOB read completes empty once its source is done.
        if (branch.controller.pendingPullIntos.length > 0) rbscRespond(branch.controller, 0);
      } else {
        rsdcClose(branch.controller);
      }
    };
    const error = (branch, e) => (byte ? rbscError(branch.controller, e) : rsdcError(branch.controller, e));

    function pullAlgorithm() {
      if (reading) {
        readAgain = true;
        return Promise.resolve(undefined);
      }
      reading = true;
      defaultReaderRead(reader, {
        chunkSteps(chunk) {
          // Deferred a microtask so that errors reported by the read settle first.
          Promise.resolve().then(() => {
            readAgain = false;
            // Byte branches each own their bytes, so the second gets a copy.
            const chunk2 = byte && !canceled1 ? chunk.slice() : chunk;
            if (!canceled1) enqueue(branch1, chunk);
            if (!canceled2) enqueue(branch2, chunk2);
            reading = false;
            if (readAgain) pullAlgorithm();
          });
        },
        closeSteps() {
          reading = false;
          if (!canceled1) close(branch1);
          if (!canceled2) close(branch2);
          if (!canceled1 || !canceled2) cancelPromise.resolve(undefined);
        },
        errorSteps() {
          reading = false;
        },
      });
      return Promise.resolve(undefined);
    }
    function cancel1(reason) {
      canceled1 = true;
      reason1 = reason;
      if (canceled2) cancelPromise.resolve(rsCancel(rs, [reason1, reason2]));
      return cancelPromise.promise;
    }
    function cancel2(reason) {
      canceled2 = true;
      reason2 = reason;
      if (canceled1) cancelPromise.resolve(rsCancel(rs, [reason1, reason2]));
      return cancelPromise.promise;
    }
    const make = byte ? createByteStream : createReadableStream;
    branch1 = make(noop, pullAlgorithm, cancel1);
    branch2 = make(noop, pullAlgorithm, cancel2);
    if (byte) branch1.controller.ownsChunks = branch2.controller.ownsChunks = true;
    reader.closed.promise.then(undefined, (r) => {
      error(branch1, r);
      error(branch2, r);
      if (!canceled1 || !canceled2) cancelPromise.resolve(undefined);
    });
    return [branch1, branch2];
  }

  // ---------------------------------------------------------- async iterator
  const AsyncIteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype);
  const iteratorStates = new WeakMap();
  const ReadableStreamAsyncIteratorPrototype = Object.create(AsyncIteratorPrototype);
  // next() and return() run one after another, each after the last settles.
  function queueIteratorStep(iterator, run) {
    const st = iteratorStates.get(iterator);
    if (st === undefined) return Promise.reject(new TypeError("Illegal invocation"));
    const step = () => run(st);
    st.ongoing = st.ongoing ? st.ongoing.then(step, step) : step();
    return st.ongoing;
  }
  Object.defineProperties(ReadableStreamAsyncIteratorPrototype, {
    next: {
      value: function next() {
        return queueIteratorStep(this, iteratorNext);
      },
      writable: true,
      enumerable: true,
      configurable: true,
    },
    return: {
      value: function (value = undefined) {
        return queueIteratorStep(this, (st) => iteratorReturn(st, value));
      },
      writable: true,
      enumerable: true,
      configurable: true,
    },
    [Symbol.toStringTag]: { value: "ReadableStream AsyncIterator", configurable: true },
  });

  function createAsyncIterator(rs, preventCancel) {
    const reader = acquireDefaultReader(rs);
    const it = Object.create(ReadableStreamAsyncIteratorPrototype);
    iteratorStates.set(it, { reader, preventCancel, finished: false, ongoing: null });
    return it;
  }
  function iteratorNext(st) {
    if (st.finished) return Promise.resolve({ value: undefined, done: true });
    const reader = st.reader;
    if (reader.stream === undefined) return Promise.reject(new TypeError("The iterator's reader was released"));
    const d = new Deferred();
    defaultReaderRead(reader, {
      chunkSteps: (chunk) => d.resolve({ value: chunk, done: false }),
      closeSteps: () => {
        st.finished = true;
        defaultReaderRelease(reader);
        d.resolve({ value: undefined, done: true });
      },
      errorSteps: (e) => {
        st.finished = true;
        defaultReaderRelease(reader);
        d.reject(e);
      },
    });
    return d.promise;
  }
  function iteratorReturn(st, value) {
    if (st.finished) return Promise.resolve({ value, done: true });
    st.finished = true;
    const reader = st.reader;
    if (reader.stream === undefined) return Promise.reject(new TypeError("The iterator's reader was released"));
    if (!st.preventCancel) {
      const result = readerGenericCancel(reader, value);
      defaultReaderRelease(reader);
      return result.then(() => ({ value, done: true }));
    }
    defaultReaderRelease(reader);
    return Promise.resolve({ value, done: true });
  }

  // ----------------------------------------------------- ReadableStream.from
  function getAsyncIterator(obj) {
    if (obj === null || obj === undefined) throw new TypeError("ReadableStream.from: argument is not iterable");
    const asyncMethod = obj[Symbol.asyncIterator];
    if (asyncMethod !== undefined && asyncMethod !== null) {
      if (typeof asyncMethod !== "function") throw new TypeError("ReadableStream.from: @@asyncIterator is not a function");
      const it = asyncMethod.call(obj);
      if (!isObject(it)) throw new TypeError("ReadableStream.from: the iterator is not an object");
      return { iterator: it, next: it.next };
    }
    const syncMethod = obj[Symbol.iterator];
    if (typeof syncMethod !== "function") throw new TypeError("ReadableStream.from: argument is not iterable");
    const syncIt = syncMethod.call(obj);
    if (!isObject(syncIt)) throw new TypeError("ReadableStream.from: the iterator is not an object");
    const syncNext = syncIt.next;
    // Like CreateAsyncFromSyncIterator: values are awaited, return is forwarded.
    const wrapper = {
      next() {
        const r = syncNext.call(syncIt);
        if (!isObject(r)) throw new TypeError("iterator result is not an object");
        const done = !!r.done;
        return Promise.resolve(r.value).then((value) => ({ value, done }));
      },
      return(v) {
        const ret = syncIt.return;
        if (ret === undefined || ret === null) return Promise.resolve({ value: v, done: true });
        const r = ret.call(syncIt, v);
        if (!isObject(r)) throw new TypeError("iterator result is not an object");
        const done = !!r.done;
        return Promise.resolve(r.value).then((value) => ({ value, done }));
      },
    };
    return { iterator: wrapper, next: wrapper.next };
  }
  function readableFromIterable(obj) {
    const rec = getAsyncIterator(obj);
    let rs;
    const pull = () => {
      let result;
      try {
        result = rec.next.call(rec.iterator);
      } catch (e) {
        return Promise.reject(e);
      }
      return Promise.resolve(result).then((r) => {
        if (!isObject(r)) throw new TypeError("ReadableStream.from: iterator result is not an object");
        if (r.done) rsdcClose(rs.controller);
        else rsdcEnqueue(rs.controller, r.value);
      });
    };
    const cancel = (reason) => {
      const it = rec.iterator;
      let ret;
      try {
        ret = it.return;
        if (ret === undefined || ret === null) return Promise.resolve(undefined);
        if (typeof ret !== "function") throw new TypeError("iterator return is not a function");
        const r = ret.call(it, reason);
        return Promise.resolve(r).then((v) => {
          if (!isObject(v)) throw new TypeError("iterator return result is not an object");
        });
      } catch (e) {
        return Promise.reject(e);
      }
    };
    rs = createReadableStream(noop, pull, cancel, 0);
    return rs;
  }

  // ========================================================= WritableStream
  function newWritableRecord(pub) {
    return {
      pub,
      state: "writable",
      storedError: undefined,
      writer: undefined,
      controller: undefined,
      inFlightWriteRequest: undefined,
      closeRequest: undefined,
      inFlightCloseRequest: undefined,
      pendingAbortRequest: undefined,
      writeRequests: new Queue(),
      backpressure: false,
    };
  }

  let writableRecordOf;
  let makeWritablePub;
  class WritableStream {
    #s;
    constructor(underlyingSink = undefined, strategy = undefined) {
      if (underlyingSink === INTERNAL) {
        this.#s = newWritableRecord(this);
        return;
      }
      if (underlyingSink !== undefined && !isObject(underlyingSink)) {
        throw new TypeError("WritableStream: underlyingSink must be an object");
      }
      const sink = underlyingSink === undefined ? {} : underlyingSink;
      const where = "WritableStream";
      const st = strategyDict(strategy, where);
      const abort = getCallback(sink, "abort", where);
      const close = getCallback(sink, "close", where);
      const start = getCallback(sink, "start", where);
      const type = sink.type;
      const write = getCallback(sink, "write", where);
      if (type !== undefined) throw new RangeError("WritableStream: invalid type");
      const size = extractSizeAlgorithm(st);
      const hwm = extractHighWaterMark(st, 1);
      this.#s = newWritableRecord(this);
      const c = newWritableControllerRecord();
      setUpWritableController(
        this.#s,
        c,
        () => (start ? start.call(sink, c.pub) : undefined),
        write ? (chunk) => promiseCall(write, sink, chunk, c.pub) : resolvedUndefined,
        close ? () => promiseCall(close, sink) : resolvedUndefined,
        abort ? (r) => promiseCall(abort, sink, r) : resolvedUndefined,
        hwm,
        size,
      );
    }
    static {
      writableRecordOf = (o) => (isObject(o) && #s in o ? o.#s : undefined);
      makeWritablePub = () => new WritableStream(INTERNAL).#s;
    }
    get locked() {
      return isWritableLocked(wsOf(this));
    }
    abort(reason = undefined) {
      const ws = writableRecordOf(this);
      if (ws === undefined) return Promise.reject(new TypeError("Illegal invocation"));
      if (isWritableLocked(ws)) return Promise.reject(new TypeError("Cannot abort a locked WritableStream"));
      return wsAbort(ws, reason);
    }
    close() {
      const ws = writableRecordOf(this);
      if (ws === undefined) return Promise.reject(new TypeError("Illegal invocation"));
      if (isWritableLocked(ws)) return Promise.reject(new TypeError("Cannot close a locked WritableStream"));
      if (wsCloseQueuedOrInFlight(ws)) return Promise.reject(new TypeError("The stream is already closing"));
      return wsClose(ws);
    }
    getWriter() {
      return acquireWriter(wsOf(this)).pub;
    }
  }
  util.enumerableMembers(WritableStream, ["locked", "abort", "close", "getWriter"]);
  util.setToStringTag(WritableStream);

  function wsOf(o) {
    return recordOrThrow(writableRecordOf(o), ": not a WritableStream");
  }
  function isWritableLocked(ws) {
    return ws.writer !== undefined;
  }

  function wsAbort(ws, reason) {
    if (ws.state === "closed" || ws.state === "errored") return Promise.resolve(undefined);
    internal.abort.signalAbort(ws.controller.signal, reason);
    const state = ws.state;
    if (state === "closed" || state === "errored") return Promise.resolve(undefined);
    if (ws.pendingAbortRequest !== undefined) return ws.pendingAbortRequest.deferred.promise;
    let wasAlreadyErroring = false;
    if (state === "erroring") {
      wasAlreadyErroring = true;
      reason = undefined;
    }
    const d = new Deferred();
    ws.pendingAbortRequest = { deferred: d, reason, wasAlreadyErroring };
    if (!wasAlreadyErroring) wsStartErroring(ws, reason);
    return d.promise;
  }
  function wsClose(ws) {
    const state = ws.state;
    if (state === "closed" || state === "errored") {
      return Promise.reject(new TypeError("The stream is closed or errored"));
    }
    const d = new Deferred();
    ws.closeRequest = d;
    const writer = ws.writer;
    if (writer !== undefined && ws.backpressure && state === "writable") writer.ready.resolve(undefined);
    wsdcClose(ws.controller);
    return d.promise;
  }
  function wsCloseQueuedOrInFlight(ws) {
    return ws.closeRequest !== undefined || ws.inFlightCloseRequest !== undefined;
  }
  function wsHasOperationMarkedInFlight(ws) {
    return ws.inFlightWriteRequest !== undefined || ws.inFlightCloseRequest !== undefined;
  }
  function wsDealWithRejection(ws, e) {
    if (ws.state === "writable") {
      wsStartErroring(ws, e);
      return;
    }
    wsFinishErroring(ws);
  }
  function wsStartErroring(ws, reason) {
    const c = ws.controller;
    ws.state = "erroring";
    ws.storedError = reason;
    if (ws.writer !== undefined) writerEnsureReadyPromiseRejected(ws.writer, reason);
    if (!wsHasOperationMarkedInFlight(ws) && c.started) wsFinishErroring(ws);
  }
  function wsFinishErroring(ws) {
    ws.state = "errored";
    resetQueue(ws.controller);
    const storedError = ws.storedError;
    const reqs = ws.writeRequests;
    ws.writeRequests = new Queue();
    while (reqs.length > 0) reqs.shift().reject(storedError);
    const abortRequest = ws.pendingAbortRequest;
    if (abortRequest === undefined) {
      wsRejectCloseAndClosedPromiseIfNeeded(ws);
      return;
    }
    ws.pendingAbortRequest = undefined;
    if (abortRequest.wasAlreadyErroring) {
      abortRequest.deferred.reject(storedError);
      wsRejectCloseAndClosedPromiseIfNeeded(ws);
      return;
    }
    const c = ws.controller;
    const p = c.abortAlgorithm(abortRequest.reason);
    wsdcClearAlgorithms(c);
    p.then(
      () => {
        abortRequest.deferred.resolve(undefined);
        wsRejectCloseAndClosedPromiseIfNeeded(ws);
      },
      (r) => {
        abortRequest.deferred.reject(r);
        wsRejectCloseAndClosedPromiseIfNeeded(ws);
      },
    );
  }
  function wsRejectCloseAndClosedPromiseIfNeeded(ws) {
    if (ws.closeRequest !== undefined) {
      ws.closeRequest.reject(ws.storedError);
      ws.closeRequest = undefined;
    }
    const writer = ws.writer;
    if (writer !== undefined) {
      writer.closed.reject(ws.storedError);
      markHandled(writer.closed.promise);
    }
  }
  function wsFinishInFlightWrite(ws) {
    ws.inFlightWriteRequest.resolve(undefined);
    ws.inFlightWriteRequest = undefined;
  }
  function wsFinishInFlightWriteWithError(ws, e) {
    ws.inFlightWriteRequest.reject(e);
    ws.inFlightWriteRequest = undefined;
    wsDealWithRejection(ws, e);
  }
  function wsFinishInFlightClose(ws) {
    ws.inFlightCloseRequest.resolve(undefined);
    ws.inFlightCloseRequest = undefined;
    if (ws.state === "erroring") {
      ws.storedError = undefined;
      if (ws.pendingAbortRequest !== undefined) {
        ws.pendingAbortRequest.deferred.resolve(undefined);
        ws.pendingAbortRequest = undefined;
      }
    }
    ws.state = "closed";
    if (ws.writer !== undefined) ws.writer.closed.resolve(undefined);
  }
  function wsFinishInFlightCloseWithError(ws, e) {
    ws.inFlightCloseRequest.reject(e);
    ws.inFlightCloseRequest = undefined;
    if (ws.pendingAbortRequest !== undefined) {
      ws.pendingAbortRequest.deferred.reject(e);
      ws.pendingAbortRequest = undefined;
    }
    wsDealWithRejection(ws, e);
  }
  function wsUpdateBackpressure(ws, bp) {
    const writer = ws.writer;
    if (writer !== undefined && bp !== ws.backpressure) {
      if (bp) writer.ready = new Deferred();
      else writer.ready.resolve(undefined);
    }
    ws.backpressure = bp;
  }

  // ----------------------------------------------------------------- writer
  function acquireWriter(ws) {
    const pub = new WritableStreamDefaultWriter(INTERNAL);
    const w = writerRecordOf(pub);
    setUpWriter(w, ws);
    return w;
  }
  function setUpWriter(w, ws) {
    if (isWritableLocked(ws)) throw new TypeError("WritableStream is locked");
    w.stream = ws;
    ws.writer = w;
    const state = ws.state;
    if (state === "writable") {
      w.ready = !wsCloseQueuedOrInFlight(ws) && ws.backpressure ? new Deferred() : resolvedDeferred(undefined);
      w.closed = new Deferred();
    } else if (state === "erroring") {
      w.ready = rejectedDeferred(ws.storedError);
      w.closed = new Deferred();
    } else if (state === "closed") {
      w.ready = resolvedDeferred(undefined);
      w.closed = resolvedDeferred(undefined);
    } else {
      w.ready = rejectedDeferred(ws.storedError);
      w.closed = rejectedDeferred(ws.storedError);
    }
  }
  function writerEnsureReadyPromiseRejected(w, e) {
    if (w.ready.state === "pending") w.ready.reject(e);
    else w.ready = rejectedDeferred(e);
    markHandled(w.ready.promise);
  }
  function writerEnsureClosedPromiseRejected(w, e) {
    if (w.closed.state === "pending") w.closed.reject(e);
    else w.closed = rejectedDeferred(e);
    markHandled(w.closed.promise);
  }
  function writerGetDesiredSize(w) {
    const ws = w.stream;
    if (ws.state === "errored" || ws.state === "erroring") return null;
    if (ws.state === "closed") return 0;
    return wsdcGetDesiredSize(ws.controller);
  }
  function writerRelease(w) {
    const ws = w.stream;
    const err = new TypeError("The writer was released");
    writerEnsureReadyPromiseRejected(w, err);
    writerEnsureClosedPromiseRejected(w, err);
    ws.writer = undefined;
    w.stream = undefined;
  }
  function writerWrite(w, chunk) {
    const ws = w.stream;
    const c = ws.controller;
    const chunkSize = wsdcGetChunkSize(c, chunk);
    if (ws !== w.stream) return Promise.reject(new TypeError("The writer was released"));
    const state = ws.state;
    if (state === "errored") return Promise.reject(ws.storedError);
    if (wsCloseQueuedOrInFlight(ws) || state === "closed") {
      return Promise.reject(new TypeError("The stream is closing or closed"));
    }
    if (state === "erroring") return Promise.reject(ws.storedError);
    const d = new Deferred();
    ws.writeRequests.push(d);
    wsdcWrite(c, chunk, chunkSize);
    return d.promise;
  }
  function writerCloseWithErrorPropagation(w) {
    const ws = w.stream;
    if (wsCloseQueuedOrInFlight(ws) || ws.state === "closed") return Promise.resolve(undefined);
    if (ws.state === "errored") return Promise.reject(ws.storedError);
    return wsClose(ws);
  }

  let writerRecordOf;
  class WritableStreamDefaultWriter {
    #w;
    constructor(stream) {
      this.#w = { pub: this, stream: undefined, ready: undefined, closed: undefined };
      if (stream === INTERNAL) return;
      requireArgs(arguments.length, 1, "WritableStreamDefaultWriter");
      const ws = writableRecordOf(stream);
      if (ws === undefined) throw new TypeError("WritableStreamDefaultWriter: argument is not a WritableStream");
      setUpWriter(this.#w, ws);
    }
    static {
      writerRecordOf = (o) => (isObject(o) && #w in o ? o.#w : undefined);
    }
    get closed() {
      const w = writerRecordOf(this);
      if (w === undefined) return Promise.reject(new TypeError("Illegal invocation"));
      return w.closed.promise;
    }
    get desiredSize() {
      const w = writerRecordOf(this);
      if (w === undefined) throw new TypeError("Illegal invocation");
      if (w.stream === undefined) throw new TypeError("The writer has been released");
      return writerGetDesiredSize(w);
    }
    get ready() {
      const w = writerRecordOf(this);
      if (w === undefined) return Promise.reject(new TypeError("Illegal invocation"));
      return w.ready.promise;
    }
    abort(reason = undefined) {
      const w = writerRecordOf(this);
      if (w === undefined) return Promise.reject(new TypeError("Illegal invocation"));
      if (w.stream === undefined) return Promise.reject(new TypeError("The writer has been released"));
      return wsAbort(w.stream, reason);
    }
    close() {
      const w = writerRecordOf(this);
      if (w === undefined) return Promise.reject(new TypeError("Illegal invocation"));
      const ws = w.stream;
      if (ws === undefined) return Promise.reject(new TypeError("The writer has been released"));
      if (wsCloseQueuedOrInFlight(ws)) return Promise.reject(new TypeError("The stream is already closing"));
      return wsClose(ws);
    }
    releaseLock() {
      const w = writerRecordOf(this);
      if (w === undefined) throw new TypeError("Illegal invocation");
      if (w.stream === undefined) return;
      writerRelease(w);
    }
    write(chunk = undefined) {
      const w = writerRecordOf(this);
      if (w === undefined) return Promise.reject(new TypeError("Illegal invocation"));
      if (w.stream === undefined) return Promise.reject(new TypeError("The writer has been released"));
      return writerWrite(w, chunk);
    }
  }
  util.enumerableMembers(WritableStreamDefaultWriter, [
    "closed", "desiredSize", "ready", "abort", "close", "releaseLock", "write",
  ]);
  util.setToStringTag(WritableStreamDefaultWriter);

  // ------------------------------------------------------ writable controller
  let writableControllerRecordOf;
  var newWritableControllerRecord;
  class WritableStreamDefaultController {
    #c;
    constructor(key = undefined) {
      if (key !== INTERNAL) throw new TypeError("Illegal constructor");
    }
    static {
      writableControllerRecordOf = (o) => (isObject(o) && #c in o ? o.#c : undefined);
      newWritableControllerRecord = () => {
        const pub = new WritableStreamDefaultController(INTERNAL);
        pub.#c = {
          pub,
          stream: undefined,
          queue: new Queue(),
          queueTotalSize: 0,
          started: false,
          strategyHWM: 1,
          strategySizeAlgorithm: undefined,
          writeAlgorithm: undefined,
          closeAlgorithm: undefined,
          abortAlgorithm: undefined,
          signal: internal.abort.newSignal(),
        };
        return pub.#c;
      };
    }
    get signal() {
      const c = writableControllerRecordOf(this);
      if (c === undefined) throw new TypeError("Illegal invocation");
      return c.signal;
    }
    error(e = undefined) {
      const c = writableControllerRecordOf(this);
      if (c === undefined) throw new TypeError("Illegal invocation");
      if (c.stream.state !== "writable") return;
      wsdcError(c, e);
    }
  }
  util.enumerableMembers(WritableStreamDefaultController, ["signal", "error"]);
  util.setToStringTag(WritableStreamDefaultController);

  function setUpWritableController(ws, c, startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, hwm, size) {
    c.stream = ws;
    ws.controller = c;
    resetQueue(c);
    c.strategySizeAlgorithm = size;
    c.strategyHWM = hwm;
    c.writeAlgorithm = writeAlgorithm;
    c.closeAlgorithm = closeAlgorithm;
    c.abortAlgorithm = abortAlgorithm;
    wsUpdateBackpressure(ws, wsdcGetBackpressure(c));
    const startResult = startAlgorithm();
    Promise.resolve(startResult).then(
      () => {
        c.started = true;
        wsdcAdvanceQueueIfNeeded(c);
      },
      (r) => {
        c.started = true;
        wsDealWithRejection(ws, r);
      },
    );
  }
  function createWritableStream(startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, hwm = 1, size = () => 1) {
    const ws = makeWritablePub();
    const c = newWritableControllerRecord();
    setUpWritableController(ws, c, startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, hwm, size);
    return ws;
  }
  function wsdcAdvanceQueueIfNeeded(c) {
    const ws = c.stream;
    if (!c.started || ws.inFlightWriteRequest !== undefined) return;
    if (ws.state === "erroring") {
      wsFinishErroring(ws);
      return;
    }
    if (c.queue.length === 0) return;
    const value = c.queue.peek().value;
    if (value === CLOSE_SENTINEL) wsdcProcessClose(c);
    else wsdcProcessWrite(c, value);
  }
  function wsdcClearAlgorithms(c) {
    c.writeAlgorithm = undefined;
    c.closeAlgorithm = undefined;
    c.abortAlgorithm = undefined;
    c.strategySizeAlgorithm = undefined;
  }
  function wsdcClose(c) {
    enqueueValueWithSize(c, CLOSE_SENTINEL, 0);
    wsdcAdvanceQueueIfNeeded(c);
  }
  function wsdcErrorIfNeeded(c, e) {
    if (c.stream.state === "writable") wsdcError(c, e);
  }
  function wsdcError(c, e) {
    wsdcClearAlgorithms(c);
    wsStartErroring(c.stream, e);
  }
  function wsdcGetBackpressure(c) {
    return wsdcGetDesiredSize(c) <= 0;
  }
  function wsdcGetChunkSize(c, chunk) {
    if (c.strategySizeAlgorithm === undefined) return 1;
    try {
      return c.strategySizeAlgorithm(chunk);
    } catch (e) {
      wsdcErrorIfNeeded(c, e);
      return 1;
    }
  }
  function wsdcGetDesiredSize(c) {
    return c.strategyHWM - c.queueTotalSize;
  }
  function wsdcProcessClose(c) {
    const ws = c.stream;
    ws.inFlightCloseRequest = ws.closeRequest;
    ws.closeRequest = undefined;
    dequeueValue(c);
    const p = c.closeAlgorithm();
    wsdcClearAlgorithms(c);
    p.then(
      () => wsFinishInFlightClose(ws),
      (r) => wsFinishInFlightCloseWithError(ws, r),
    );
  }
  function wsdcProcessWrite(c, chunk) {
    const ws = c.stream;
    ws.inFlightWriteRequest = ws.writeRequests.shift();
    c.writeAlgorithm(chunk).then(
      () => {
        wsFinishInFlightWrite(ws);
        const state = ws.state;
        dequeueValue(c);
        if (!wsCloseQueuedOrInFlight(ws) && state === "writable") {
          wsUpdateBackpressure(ws, wsdcGetBackpressure(c));
        }
        wsdcAdvanceQueueIfNeeded(c);
      },
      (r) => {
        if (ws.state === "writable") wsdcClearAlgorithms(c);
        wsFinishInFlightWriteWithError(ws, r);
      },
    );
  }
  function wsdcWrite(c, chunk, chunkSize) {
    try {
      enqueueValueWithSize(c, chunk, chunkSize);
    } catch (e) {
      wsdcErrorIfNeeded(c, e);
      return;
    }
    const ws = c.stream;
    if (!wsCloseQueuedOrInFlight(ws) && ws.state === "writable") {
      wsUpdateBackpressure(ws, wsdcGetBackpressure(c));
    }
    wsdcAdvanceQueueIfNeeded(c);
  }

  // ------------------------------------------------------------------ pipeTo
  function pipeTo(source, dest, preventClose, preventAbort, preventCancel, signal) {
    const reader = acquireDefaultReader(source);
    const writer = acquireWriter(dest);
    source.disturbed = true;
    let shuttingDown = false;
    const result = new Deferred();
    let currentWrite = Promise.resolve(undefined);
    let abortAlgorithm;

    function waitForWrites() {
      const old = currentWrite;
      const again = () => (old !== currentWrite ? waitForWrites() : undefined);
      return old.then(again, again);
    }
    function finalize(isError, error) {
      writerRelease(writer);
      defaultReaderRelease(reader);
      if (signal !== undefined) internal.abort.removeAlgorithm(signal, abortAlgorithm);
      if (isError) result.reject(error);
      else result.resolve(undefined);
    }
    function shutdownWithAction(action, isError, error) {
      if (shuttingDown) return;
      shuttingDown = true;
      const run = () => {
        let p;
        try {
          p = Promise.resolve(action());
        } catch (e) {
          p = Promise.reject(e);
        }
        p.then(
          () => finalize(isError, error),
          (e) => finalize(true, e),
        );
      };
      if (dest.state === "writable" && !wsCloseQueuedOrInFlight(dest)) waitForWrites().then(run);
      else run();
    }
    function shutdown(isError, error) {
      if (shuttingDown) return;
      shuttingDown = true;
      if (dest.state === "writable" && !wsCloseQueuedOrInFlight(dest)) {
        waitForWrites().then(() => finalize(isError, error));
      } else {
        finalize(isError, error);
      }
    }

    function onSourceErrored(e) {
      if (!preventAbort) shutdownWithAction(() => wsAbort(dest, e), true, e);
      else shutdown(true, e);
    }
    function onDestErrored(e) {
      if (!preventCancel) shutdownWithAction(() => rsCancel(source, e), true, e);
      else shutdown(true, e);
    }
    function onSourceClosed() {
      if (!preventClose) shutdownWithAction(() => writerCloseWithErrorPropagation(writer), false);
      else shutdown(false);
    }
    function onDestClosed() {
      const e = new TypeError("The destination stream closed before all data could be piped to it");
      if (!preventCancel) shutdownWithAction(() => rsCancel(source, e), true, e);
      else shutdown(true, e);
    }

    if (signal !== undefined) {
      abortAlgorithm = () => {
        const error = signal.reason;
        const actions = [];
        if (!preventAbort) {
          actions.push(() => (dest.state === "writable" ? wsAbort(dest, error) : Promise.resolve(undefined)));
        }
        if (!preventCancel) {
          actions.push(() => (source.state === "readable" ? rsCancel(source, error) : Promise.resolve(undefined)));
        }
        shutdownWithAction(() => Promise.all(actions.map((a) => a())), true, error);
      };
      if (signal.aborted) {
        abortAlgorithm();
        return result.promise;
      }
      internal.abort.addAlgorithm(signal, abortAlgorithm);
    }

    function loop() {
      if (shuttingDown) return;
      writer.ready.promise.then(() => {
        if (shuttingDown) return;
        defaultReaderRead(reader, {
          chunkSteps(chunk) {
            currentWrite = writerWrite(writer, chunk);
            markHandled(currentWrite);
            loop();
          },
          closeSteps: noop,
          errorSteps: noop,
        });
      }, noop);
    }

    // Conditions already true at the start are handled in the standard's order.
    if (source.state === "errored") onSourceErrored(source.storedError);
    else if (dest.state === "erroring" || dest.state === "errored") onDestErrored(dest.storedError);
    else if (source.state === "closed") onSourceClosed();
    else if (wsCloseQueuedOrInFlight(dest) || dest.state === "closed") onDestClosed();

    reader.closed.promise.then(
      () => {
        if (!shuttingDown) onSourceClosed();
      },
      (e) => {
        if (!shuttingDown) onSourceErrored(e);
      },
    );
    writer.closed.promise.then(noop, (e) => {
      if (!shuttingDown && (dest.state === "errored" || dest.state === "erroring")) onDestErrored(dest.storedError);
    });
    // An erroring destination rejects `ready` before `closed`; react to it early.
    writer.ready.promise.then(noop, () => {
      if (!shuttingDown && (dest.state === "errored" || dest.state === "erroring")) onDestErrored(dest.storedError);
    });
    loop();
    return result.promise;
  }

  // ======================================================== TransformStream
  let transformRecordOf;
  class TransformStream {
    #t;
    constructor(transformer = undefined, writableStrategy = undefined, readableStrategy = undefined) {
      if (transformer !== undefined && !isObject(transformer)) {
        throw new TypeError("TransformStream: transformer must be an object");
      }
      const tr = transformer === undefined ? {} : transformer;
      const where = "TransformStream";
      const ws = strategyDict(writableStrategy, where);
      const rs = strategyDict(readableStrategy, where);
      const cancel = getCallback(tr, "cancel", where);
      const flush = getCallback(tr, "flush", where);
      const readableType = tr.readableType;
      const start = getCallback(tr, "start", where);
      const transform = getCallback(tr, "transform", where);
      const writableType = tr.writableType;
      if (readableType !== undefined) throw new RangeError("TransformStream: invalid readableType");
      if (writableType !== undefined) throw new RangeError("TransformStream: invalid writableType");
      const readableHWM = extractHighWaterMark(rs, 0);
      const readableSize = extractSizeAlgorithm(rs);
      const writableHWM = extractHighWaterMark(ws, 1);
      const writableSize = extractSizeAlgorithm(ws);
      const startPromise = new Deferred();
      const t = initializeTransformStream(this, startPromise, writableHWM, writableSize, readableHWM, readableSize);
      this.#t = t;
      const c = newTransformControllerRecord();
      setUpTransformController(
        t,
        c,
        transform
          ? (chunk) => promiseCall(transform, tr, chunk, c.pub)
          : (chunk) => {
              try {
                tsdcEnqueue(c, chunk);
                return Promise.resolve(undefined);
              } catch (e) {
                return Promise.reject(e);
              }
            },
        flush ? () => promiseCall(flush, tr, c.pub) : resolvedUndefined,
        cancel ? (r) => promiseCall(cancel, tr, r) : resolvedUndefined,
      );
      if (start) startPromise.resolve(start.call(tr, c.pub));
      else startPromise.resolve(undefined);
    }
    static {
      transformRecordOf = (o) => (isObject(o) && #t in o ? o.#t : undefined);
    }
    get readable() {
      return tsOf(this).readable.pub;
    }
    get writable() {
      return tsOf(this).writable.pub;
    }
  }
  util.enumerableMembers(TransformStream, ["readable", "writable"]);
  util.setToStringTag(TransformStream);
  function tsOf(o) {
    return recordOrThrow(transformRecordOf(o), ": not a TransformStream");
  }

  function initializeTransformStream(pub, startPromise, writableHWM, writableSize, readableHWM, readableSize) {
    const t = {
      pub,
      readable: undefined,
      writable: undefined,
      backpressure: undefined,
      backpressureChange: undefined,
      controller: undefined,
    };
    const startAlgorithm = () => startPromise.promise;
    t.writable = createWritableStream(
      startAlgorithm,
      (chunk) => tsSinkWrite(t, chunk),
      () => tsSinkClose(t),
      (reason) => tsSinkAbort(t, reason),
      writableHWM,
      writableSize,
    );
    t.readable = createReadableStream(
      startAlgorithm,
      () => tsSourcePull(t),
      (reason) => tsSourceCancel(t, reason),
      readableHWM,
      readableSize,
    );
    tsSetBackpressure(t, true);
    return t;
  }
  function tsError(t, e) {
    rsdcError(t.readable.controller, e);
    tsErrorWritableAndUnblockWrite(t, e);
  }
  function tsErrorWritableAndUnblockWrite(t, e) {
    tsdcClearAlgorithms(t.controller);
    wsdcErrorIfNeeded(t.writable.controller, e);
    tsUnblockWrite(t);
  }
  function tsUnblockWrite(t) {
    if (t.backpressure) tsSetBackpressure(t, false);
  }
  function tsSetBackpressure(t, bp) {
    if (t.backpressureChange !== undefined) t.backpressureChange.resolve(undefined);
    t.backpressureChange = new Deferred();
    t.backpressure = bp;
  }

  let transformControllerRecordOf;
  var newTransformControllerRecord;
  class TransformStreamDefaultController {
    #c;
    constructor(key = undefined) {
      if (key !== INTERNAL) throw new TypeError("Illegal constructor");
    }
    static {
      transformControllerRecordOf = (o) => (isObject(o) && #c in o ? o.#c : undefined);
      newTransformControllerRecord = () => {
        const pub = new TransformStreamDefaultController(INTERNAL);
        pub.#c = {
          pub,
          stream: undefined,
          transformAlgorithm: undefined,
          flushAlgorithm: undefined,
          cancelAlgorithm: undefined,
          finish: undefined,
        };
        return pub.#c;
      };
    }
    get desiredSize() {
      return rsdcGetDesiredSize(tcOf(this).stream.readable.controller);
    }
    enqueue(chunk = undefined) {
      tsdcEnqueue(tcOf(this), chunk);
    }
    error(reason = undefined) {
      tsError(tcOf(this).stream, reason);
    }
    terminate() {
      tsdcTerminate(tcOf(this));
    }
  }
  util.enumerableMembers(TransformStreamDefaultController, ["desiredSize", "enqueue", "error", "terminate"]);
  util.setToStringTag(TransformStreamDefaultController);
  function tcOf(o) {
    return recordOrThrow(transformControllerRecordOf(o), "");
  }

  function setUpTransformController(t, c, transformAlgorithm, flushAlgorithm, cancelAlgorithm) {
    c.stream = t;
    t.controller = c;
    c.transformAlgorithm = transformAlgorithm;
    c.flushAlgorithm = flushAlgorithm;
    c.cancelAlgorithm = cancelAlgorithm;
  }
  function tsdcClearAlgorithms(c) {
    c.transformAlgorithm = undefined;
    c.flushAlgorithm = undefined;
    c.cancelAlgorithm = undefined;
  }
  function tsdcEnqueue(c, chunk) {
    const t = c.stream;
    const rc = t.readable.controller;
    if (!rsdcCanCloseOrEnqueue(rc)) throw new TypeError("The readable side cannot accept more chunks");
    try {
      rsdcEnqueue(rc, chunk);
    } catch (e) {
      tsErrorWritableAndUnblockWrite(t, e);
      throw t.readable.storedError;
    }
    if (rsdcHasBackpressure(rc) !== t.backpressure) tsSetBackpressure(t, true);
  }
  function tsdcPerformTransform(c, chunk) {
    return c.transformAlgorithm(chunk).then(undefined, (r) => {
      tsError(c.stream, r);
      throw r;
    });
  }
  function tsdcTerminate(c) {
    const t = c.stream;
    rsdcClose(t.readable.controller);
    tsErrorWritableAndUnblockWrite(t, new TypeError("The TransformStream has been terminated"));
  }
  function tsSinkWrite(t, chunk) {
    const c = t.controller;
    if (t.backpressure) {
      return t.backpressureChange.promise.then(() => {
        const w = t.writable;
        if (w.state === "erroring") throw w.storedError;
        return tsdcPerformTransform(c, chunk);
      });
    }
    return tsdcPerformTransform(c, chunk);
  }
  // Sink abort, sink close and source cancel: the first one called runs its
  // algorithm and decides how both sides end; later calls share its promise.
  // `other` is the side that did not ask; `fulfilled()` or `rejected(r)`
  // ends it, after the algorithm's promise settles.
  function tsFinish(t, algorithm, other, fulfilled, rejected) {
    const c = t.controller;
    if (c.finish !== undefined) return c.finish.promise;
    const d = (c.finish = new Deferred());
    const p = algorithm(c);
    tsdcClearAlgorithms(c);
    p.then(
      () => {
        if (other.state === "errored") {
          d.reject(other.storedError);
        } else {
          fulfilled();
          d.resolve(undefined);
        }
      },
      (r) => {
        rejected(r);
        d.reject(r);
      },
    );
    return d.promise;
  }
  function tsSinkAbort(t, reason) {
    const error = (r) => rsdcError(t.readable.controller, r);
    return tsFinish(t, (c) => c.cancelAlgorithm(reason), t.readable, () => error(reason), error);
  }
  function tsSinkClose(t) {
    const readable = t.readable;
    const close = () => rsdcClose(readable.controller);
    return tsFinish(t, (c) => c.flushAlgorithm(), readable, close, (r) => rsdcError(readable.controller, r));
  }
  function tsSourcePull(t) {
    tsSetBackpressure(t, false);
    return t.backpressureChange.promise;
  }
  function tsSourceCancel(t, reason) {
    const error = (r) => {
      wsdcErrorIfNeeded(t.writable.controller, r);
      tsUnblockWrite(t);
    };
    return tsFinish(t, (c) => c.cancelAlgorithm(reason), t.writable, () => error(reason), error);
  }

  // ---------------------------------------------------- queuing strategies
  const countSize = function size() {
    return 1;
  };
  const byteLengthSize = function size(chunk) {
    return chunk.byteLength;
  };

  // CountQueuingStrategy and ByteLengthQueuingStrategy differ only in name and size.
  function queuingStrategyClass(name, size) {
    const QueuingStrategy = class {
      #hwm;
      constructor(init) {
        requireArgs(init === undefined ? 0 : 1, 1, name);
        if (!isObject(init)) throw new TypeError(`${name}: argument must be an object`);
        if (init.highWaterMark === undefined) throw new TypeError(`${name}: highWaterMark is required`);
        this.#hwm = Number(init.highWaterMark);
      }
      get highWaterMark() {
        if (!(#hwm in this)) throw new TypeError("Illegal invocation");
        return this.#hwm;
      }
      get size() {
        if (!(#hwm in this)) throw new TypeError("Illegal invocation");
        return size;
      }
    };
    Object.defineProperty(QueuingStrategy, "name", { value: name });
    util.enumerableMembers(QueuingStrategy, ["highWaterMark", "size"]);
    util.setToStringTag(QueuingStrategy);
    return QueuingStrategy;
  }
  const CountQueuingStrategy = queuingStrategyClass("CountQueuingStrategy", countSize);
  const ByteLengthQueuingStrategy = queuingStrategyClass("ByteLengthQueuingStrategy", byteLengthSize);

  // ------------------------------------------------ helpers for other files
  // A byte stream of `source`: a Uint8Array, or a string read as its UTF-8
  // bytes, encoded only once something reads the stream. While nothing has
  // touched the stream, the source can still be taken whole (a Response
  // made from another's body then never encodes it).
  function fromSource(source) {
    let rs = null;
    const pull = () => {
      const bytes = sourceBytes(source);
      source = null;
      if (bytes.byteLength > 0) rbscEnqueue(rs.controller, bytes);
      rbscClose(rs.controller);
      return resolvedUndefined();
    };
    rs = createByteStream(noop, pull, resolvedUndefined);
    rs.controller.ownsChunks = true;
    rs.pristineSource = source;
    return rs.pub;
  }

  // A source of fromSource as its bytes.
  function sourceBytes(source) {
    return typeof source === "string" ? internal.encoding.encodeUtf8(source) : source;
  }

  // The source given to fromSource, if nothing has read, locked or
  // cancelled the stream. Taking it marks the stream disturbed and closed.
  function takePristineSource(pub) {
    const rs = readableRecordOf(pub);
    if (rs === undefined || rs.pristineSource === null) return null;
    const source = rs.pristineSource;
    rs.pristineSource = null;
    if (rs.disturbed || rs.reader !== undefined || rs.state !== "readable") return null;
    rs.disturbed = true;
    resetQueue(rs.controller);
    rsdcClearAlgorithms(rs.controller);
    rsClose(rs);
    return source;
  }

  // Reads a stream to its end; every chunk must be a Uint8Array (Fetch "fully read").
  function readAllBytes(pub) {
    const fast = takePristineSource(pub);
    if (fast !== null) return Promise.resolve(sourceBytes(fast));
    const rs = rsOf(pub);
    let reader;
    try {
      reader = acquireDefaultReader(rs);
    } catch (e) {
      return Promise.reject(e);
    }
    const chunks = [];
    let total = 0;
    return new Promise((resolve, reject) => {
      const req = {
        chunkSteps(chunk) {
          if (!util.isUint8Array(chunk)) {
            reject(new TypeError("Body stream chunks must be Uint8Array"));
            return;
          }
          chunks.push(chunk);
          total += chunk.byteLength;
          // Continue in a microtask to keep the stack flat on long queues.
          Promise.resolve().then(() => defaultReaderRead(reader, req));
        },
        closeSteps() {
          resolve(util.concatBytes(chunks, total));
        },
        errorSteps: reject,
      };
      defaultReaderRead(reader, req);
    });
  }

  // Streams driven by host code: `pull(controller)` returns a promise; controller
  // has enqueue/close/error. Used to expose native bodies as ReadableStreams.
  function createFromAlgorithms({ start = noop, pull = resolvedUndefined, cancel = resolvedUndefined, highWaterMark = 0 } = {}) {
    const c = newByteControllerRecord();
    c.ownsChunks = true;
    const rs = makeReadablePub();
    setUpByteController(
      rs,
      c,
      () => start(c.pub),
      () => promiseCall(pull, undefined, c.pub),
      (r) => promiseCall(cancel, undefined, r),
      highWaterMark,
      undefined,
    );
    return rs.pub;
  }

  internal.streams = {
    TransformStream,
    isReadableStream: (v) => readableRecordOf(v) !== undefined,
    isWritableStream: (v) => writableRecordOf(v) !== undefined,
    isDisturbed: (pub) => rsOf(pub).disturbed,
    isLocked: (pub) => isLocked(rsOf(pub)),
    isErrored: (pub) => rsOf(pub).state === "errored",
    isClosed: (pub) => rsOf(pub).state === "closed",
    fromSource,
    takePristineSource,
    readAllBytes,
    createFromAlgorithms,
    tee(pub) {
      const [a, b] = rsTee(rsOf(pub));
      return [a.pub, b.pub];
    },
    cancel: (pub, reason) => rsCancel(rsOf(pub), reason),
    // A stream that is already disturbed and closed (a used body's stream).
    usedStream() {
      const rs = createByteStream(noop, resolvedUndefined, resolvedUndefined);
      rs.disturbed = true;
      rbscClose(rs.controller);
      return rs.pub;
    },
  };

  defineGlobal("ReadableStream", ReadableStream);
  defineGlobal("ReadableStreamDefaultReader", ReadableStreamDefaultReader);
  defineGlobal("ReadableStreamBYOBReader", ReadableStreamBYOBReader);
  defineGlobal("ReadableStreamBYOBRequest", ReadableStreamBYOBRequest);
  defineGlobal("ReadableStreamDefaultController", ReadableStreamDefaultController);
  defineGlobal("ReadableByteStreamController", ReadableByteStreamController);
  defineGlobal("WritableStream", WritableStream);
  defineGlobal("WritableStreamDefaultWriter", WritableStreamDefaultWriter);
  defineGlobal("WritableStreamDefaultController", WritableStreamDefaultController);
  defineGlobal("TransformStream", TransformStream);
  defineGlobal("TransformStreamDefaultController", TransformStreamDefaultController);
  defineGlobal("ByteLengthQueuingStrategy", ByteLengthQueuingStrategy);
  defineGlobal("CountQueuingStrategy", CountQueuingStrategy);
})(globalThis.__nano);
