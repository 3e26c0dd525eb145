// WritableStream, TransformStream and the queuing strategies, re-expressed
// from WPT streams/writable-streams/, streams/transform-streams/ and
// streams/queuing-strategies.any.js.

function recordingSink(log, extra = {}) {
  return {
    start(c) {
      log.push("start");
      if (extra.start) return extra.start(c);
    },
    write(chunk, c) {
      log.push(`write:${chunk}`);
      if (extra.write) return extra.write(chunk, c);
    },
    close() {
      log.push("close");
      if (extra.close) return extra.close();
    },
    abort(reason) {
      log.push(`abort:${reason}`);
      if (extra.abort) return extra.abort(reason);
    },
  };
}

const flush = () => delay(0);

// ---- WPT writable-streams/constructor.any.js, bad-underlying-sinks.any.js
test("writable: sink members are read in dictionary order; non-functions are TypeErrors", () => {
  const seen = [];
  const sink = {};
  for (const name of ["abort", "close", "start", "type", "write"]) {
    Object.defineProperty(sink, name, {
      get() {
        seen.push(name);
        return undefined;
      },
    });
  }
  new WritableStream(sink);
  assertEquals(seen, ["abort", "close", "start", "type", "write"]);
  for (const name of ["start", "write", "close", "abort"]) {
    assertThrows(() => new WritableStream({ [name]: "x" }), TypeError);
  }
  assertThrows(() => new WritableStream({ type: "bytes" }), RangeError);
  assertThrows(() => new WritableStream({ type: null }), RangeError);
  assertThrows(() => new WritableStream(5), TypeError);
  assertThrows(() => new WritableStream({}, { highWaterMark: -1 }), RangeError);
  assertThrows(() => new WritableStream({}, { highWaterMark: NaN }), RangeError);
  assertThrows(() => new WritableStream({}, { size: "s" }), TypeError);
});

test("writable: start gets a controller with signal and error(); this is the sink", () => {
  let ctl, self;
  const sink = {
    start(c) {
      ctl = c;
      self = this;
    },
  };
  new WritableStream(sink);
  assert(self === sink);
  assert(ctl instanceof WritableStreamDefaultController);
  assertEquals(typeof ctl.error, "function");
  assert(ctl.signal instanceof AbortSignal);
  assertEquals("desiredSize" in ctl, false, "the writable controller has no desiredSize");
});

test("writable: a throwing start propagates from the constructor", () => {
  const err = new Error("start");
  const e = assertThrows(() => new WritableStream({ start() { throw err; } }));
  assert(e === err);
});

test("writable: default highWaterMark is 1; desiredSize follows the strategy", async () => {
  const w1 = new WritableStream().getWriter();
  assertEquals(w1.desiredSize, 1);
  const w2 = new WritableStream({}, { highWaterMark: 10, size: (c) => c.length }).getWriter();
  assertEquals(w2.desiredSize, 10);
  w2.write("abcd");
  assertEquals(w2.desiredSize, 6);
  await w2.ready;
});

// ---- WPT writable-streams/start.any.js
test("writable: writes wait for start to finish; they run in order afterwards", async () => {
  const log = [];
  let resolveStart;
  const ws = new WritableStream(recordingSink(log, { start: () => new Promise((r) => (resolveStart = r)) }));
  const writer = ws.getWriter();
  writer.write("a");
  writer.write("b");
  await delay(5);
  assertEquals(log, ["start"]);
  resolveStart();
  await writer.close();
  assertEquals(log, ["start", "write:a", "write:b", "close"]);
});

test("writable: a rejecting start errors the stream; write was never called", async () => {
  const err = new Error("start rejects");
  const log = [];
  const ws = new WritableStream(recordingSink(log, { start: () => Promise.reject(err) }));
  const writer = ws.getWriter();
  const w = writer.write("x");
  assert((await assertRejects(w)) === err);
  assert((await assertRejects(writer.closed)) === err);
  assertEquals(log, ["start"]);
});

test("writable: controller.error during start errors the stream", async () => {
  const err = new Error("from start");
  const ws = new WritableStream({ start(c) { c.error(err); } });
  const writer = ws.getWriter();
  assert((await assertRejects(writer.ready)) === err);
  assert((await assertRejects(writer.closed)) === err);
  assertEquals(writer.desiredSize, null);
});

// ---- WPT writable-streams/write.any.js
test("writable: write is called with the chunk and the controller, this = sink", async () => {
  let args, self;
  const sink = {
    write(...a) {
      args = a;
      self = this;
    },
  };
  const writer = new WritableStream(sink).getWriter();
  await writer.write("c");
  assert(self === sink);
  assertEquals(args.length, 2);
  assertEquals(args[0], "c");
  assert(args[1] instanceof WritableStreamDefaultController);
});

test("writable: writes are sequential; a slow write holds the next", async () => {
  const log = [];
  const releases = [];
  const writer = new WritableStream({
    write(chunk) {
      log.push(`start:${chunk}`);
      return new Promise((r) => releases.push(() => {
        log.push(`end:${chunk}`);
        r();
      }));
    },
  }).getWriter();
  const w1 = writer.write(1);
  const w2 = writer.write(2);
  await flush();
  assertEquals(log, ["start:1"]);
  releases[0]();
  await w1;
  await flush();
  assertEquals(log, ["start:1", "end:1", "start:2"]);
  releases[1]();
  await w2;
});

test("writable: write() resolves with undefined after the sink finishes", async () => {
  const writer = new WritableStream({ write: () => "ignored" }).getWriter();
  assertEquals(await writer.write("x"), undefined);
});

test("writable: a throwing write errors the stream; later writes reject with the same error", async () => {
  const err = new Error("write threw");
  const writer = new WritableStream({ write() { throw err; } }).getWriter();
  const w1 = writer.write("a");
  const w2 = writer.write("b");
  assert((await assertRejects(w1)) === err);
  assert((await assertRejects(w2)) === err);
  assert((await assertRejects(writer.write("c"))) === err);
  // close() of an errored stream is a TypeError, not the stored error
  await assertRejects(writer.close(), TypeError);
});

test("writable: a throwing size function rejects that write and errors the stream", async () => {
  const err = new Error("size");
  const log = [];
  const writer = new WritableStream(recordingSink(log), { size() { throw err; } }).getWriter();
  assert((await assertRejects(writer.write("x"))) === err);
  assert((await assertRejects(writer.closed)) === err);
  assertEquals(log, ["start"]);
});

test("writable: a size of NaN or Infinity rejects with RangeError", async () => {
  for (const bad of [NaN, Infinity, -1]) {
    const writer = new WritableStream({}, { size: () => bad }).getWriter();
    await assertRejects(writer.write("x"), RangeError);
    await assertRejects(writer.closed, RangeError);
  }
});

// ---- WPT writable-streams/close.any.js
test("writable: close waits for queued writes; close is called once", async () => {
  const log = [];
  const writer = new WritableStream(recordingSink(log, { write: () => delay(2) })).getWriter();
  writer.write(1);
  writer.write(2);
  await writer.close();
  assertEquals(log, ["start", "write:1", "write:2", "close"]);
  await writer.closed;
});

test("writable: close twice, write after close reject with TypeError", async () => {
  const writer = new WritableStream().getWriter();
  const c = writer.close();
  await assertRejects(writer.close(), TypeError);
  await assertRejects(writer.write("late"), TypeError);
  await c;
  await assertRejects(writer.close(), TypeError);
});

test("writable: a rejecting close errors the stream with its reason", async () => {
  const err = new Error("close failed");
  const writer = new WritableStream({ close: () => Promise.reject(err) }).getWriter();
  assert((await assertRejects(writer.close())) === err);
  assert((await assertRejects(writer.closed)) === err);
});

test("writable: close() takes no arguments to the sink", async () => {
  let args;
  const writer = new WritableStream({ close(...a) { args = a; } }).getWriter();
  await writer.close();
  assertEquals(args, []);
});

test("writable: the stream's own close() and abort() need it unlocked", async () => {
  const ws = new WritableStream();
  await ws.close();
  await assertRejects(ws.close(), TypeError);
  const ws2 = new WritableStream();
  await ws2.abort("fine");
  await assertRejects(ws2.close(), TypeError);
});

test("writable: writer.ready resolves and stays resolved after close", async () => {
  const writer = new WritableStream().getWriter();
  await writer.ready;
  await writer.close();
  await writer.ready;
  assertEquals(writer.desiredSize, 0);
});

// ---- WPT writable-streams/aborting.any.js
test("abort: aborting rejects queued writes and closed with the reason; sink.abort gets it", async () => {
  const log = [];
  let release;
  const ws = new WritableStream(recordingSink(log, { write: () => new Promise((r) => (release = r)) }));
  const writer = ws.getWriter();
  const w1 = writer.write(1);
  const w2 = writer.write(2);
  await flush();
  const reason = new Error("abort reason");
  const aborted = writer.abort(reason);
  let w2Settled = false;
  w2.catch(() => (w2Settled = true));
  await delay(5);
  assertEquals(w2Settled, false, "queued writes are rejected once the in-flight write finishes");
  release();
  await w1; // the in-flight write completes
  assert((await assertRejects(w2)) === reason);
  await aborted;
  assert((await assertRejects(writer.closed)) === reason);
  assertEquals(log, ["start", "write:1", `abort:${reason}`]);
});

test("abort: abort with no sink.abort resolves", async () => {
  const writer = new WritableStream().getWriter();
  assertEquals(await writer.abort(), undefined);
  await assertRejects(writer.closed);
  assertEquals(writer.desiredSize, null);
});

test("abort: a rejecting sink.abort rejects abort() but closed still has the original reason", async () => {
  const err = new Error("abort failed");
  const writer = new WritableStream({ abort: () => Promise.reject(err) }).getWriter();
  assert((await assertRejects(writer.abort("why"))) === err);
  assertEquals(await assertRejects(writer.closed), "why");
});

test("abort: abort of an errored stream resolves without calling sink.abort", async () => {
  let called = false;
  const err = new Error("errored");
  const ws = new WritableStream({
    start(c) { c.error(err); },
    abort() { called = true; },
  });
  await delay(0);
  await ws.abort("late");
  assertEquals(called, false);
});

test("abort: abort of a closed stream resolves and does nothing", async () => {
  const log = [];
  const writer = new WritableStream(recordingSink(log)).getWriter();
  await writer.close();
  await writer.abort("after");
  assertEquals(log, ["start", "close"]);
  await writer.closed;
});

test("abort: abort while closing: the close wins if it is in flight", async () => {
  const log = [];
  let releaseClose;
  const writer = new WritableStream(recordingSink(log, { close: () => new Promise((r) => (releaseClose = r)) })).getWriter();
  const closing = writer.close();
  await flush();
  const aborting = writer.abort("r");
  releaseClose();
  await closing;
  await aborting;
  assertEquals(log, ["start", "close"], "abort is not called once close is in flight");
});

test("abort: twice returns the same pending promise", async () => {
  let release;
  const writer = new WritableStream({ write: () => new Promise((r) => (release = r)) }).getWriter();
  writer.write("x");
  await flush();
  const a1 = writer.abort("one");
  const a2 = writer.abort("two");
  assert(a1 === a2);
  release();
  await a1;
});

test("abort: the controller's signal aborts first, with the reason, before sink.abort", async () => {
  const order = [];
  let signal;
  const ws = new WritableStream({
    start(c) {
      signal = c.signal;
      signal.addEventListener("abort", () => order.push(`signal:${signal.reason}`));
    },
    abort(r) { order.push(`sink:${r}`); },
  });
  await ws.abort("r");
  assertEquals(order, ["signal:r", "sink:r"]);
});

test("abort: a long-running write can observe the signal", async () => {
  let aborted = false;
  const ws = new WritableStream({
    write(chunk, c) {
      return new Promise((resolve) => {
        c.signal.addEventListener("abort", () => {
          aborted = true;
          resolve();
        });
      });
    },
  });
  const writer = ws.getWriter();
  const w = writer.write("long");
  await flush();
  await writer.abort("stop");
  await w;
  assertEquals(aborted, true);
});

test("abort: controller.error after abort is ignored", async () => {
  let ctl;
  const writer = new WritableStream({ start(c) { ctl = c; } }).getWriter();
  await writer.abort("first");
  ctl.error(new Error("ignored"));
  assertEquals(await assertRejects(writer.closed), "first");
});

// ---- WPT writable-streams/error.any.js
test("error: controller.error errors ready and closed; desiredSize null", async () => {
  let ctl;
  const err = new Error("ctl");
  const writer = new WritableStream({ start(c) { ctl = c; } }).getWriter();
  await flush();
  ctl.error(err);
  assert((await assertRejects(writer.closed)) === err);
  assert((await assertRejects(writer.ready)) === err);
  assertEquals(writer.desiredSize, null);
  assert((await assertRejects(writer.write("x"))) === err);
});

test("error: controller.error during a write errors the stream after the write", async () => {
  const err = new Error("mid write");
  const writer = new WritableStream({
    write(chunk, c) {
      c.error(err);
    },
  }).getWriter();
  // The write itself resolves: the sink's promise fulfilled.
  await writer.write("x");
  assert((await assertRejects(writer.closed)) === err);
});

test("error: controller.error twice keeps the first error", async () => {
  let ctl;
  const e1 = new Error("1");
  const writer = new WritableStream({ start(c) { ctl = c; } }).getWriter();
  ctl.error(e1);
  ctl.error(new Error("2"));
  assert((await assertRejects(writer.closed)) === e1);
});

test("error: WritableStreamDefaultController methods brand-check", () => {
  assertThrows(() => WritableStreamDefaultController.prototype.error.call({}), TypeError);
  const signal = Object.getOwnPropertyDescriptor(WritableStreamDefaultController.prototype, "signal").get;
  assertThrows(() => signal.call({}), TypeError);
});

// ---- WPT writable-streams/general.any.js, properties.any.js
test("writer: getWriter locks; a second writer throws; writer constructor checks", () => {
  const ws = new WritableStream();
  const w = new WritableStreamDefaultWriter(ws);
  assert(w instanceof WritableStreamDefaultWriter);
  assertEquals(ws.locked, true);
  assertThrows(() => new WritableStreamDefaultWriter(ws), TypeError);
  assertThrows(() => new WritableStreamDefaultWriter({}), TypeError);
  assertThrows(() => new WritableStreamDefaultWriter(new ReadableStream()), TypeError);
  assertThrows(() => new WritableStreamDefaultWriter(), TypeError);
});

test("writer: methods and getters reject / throw on non-writers", async () => {
  const proto = WritableStreamDefaultWriter.prototype;
  await assertRejects(proto.write.call({}, 1), TypeError);
  await assertRejects(proto.close.call({}), TypeError);
  await assertRejects(proto.abort.call({}), TypeError);
  assertThrows(() => proto.releaseLock.call({}), TypeError);
  await assertRejects(Object.getOwnPropertyDescriptor(proto, "closed").get.call({}), TypeError);
  await assertRejects(Object.getOwnPropertyDescriptor(proto, "ready").get.call({}), TypeError);
  assertThrows(() => Object.getOwnPropertyDescriptor(proto, "desiredSize").get.call({}), TypeError);
});

test("writer: a released writer rejects write/close/abort with TypeError", async () => {
  const ws = new WritableStream();
  const writer = ws.getWriter();
  writer.releaseLock();
  await assertRejects(writer.write("x"), TypeError);
  await assertRejects(writer.close(), TypeError);
  await assertRejects(writer.abort(), TypeError);
  writer.releaseLock(); // twice is fine
  // The stream can get a new writer.
  await ws.getWriter().write("fine");
});

test("writer: releaseLock with a pending write leaves the write to finish", async () => {
  let release;
  const log = [];
  const ws = new WritableStream({
    write(chunk) {
      log.push(chunk);
      return new Promise((r) => (release = r));
    },
  });
  const writer = ws.getWriter();
  const w = writer.write("a");
  await flush();
  writer.releaseLock();
  release();
  await w;
  assertEquals(log, ["a"]);
});

test("writer: closed/ready of a new writer on an errored or closed stream", async () => {
  const err = new Error("e");
  const ws = new WritableStream({ start(c) { c.error(err); } });
  await delay(0);
  const writer = ws.getWriter();
  assert((await assertRejects(writer.closed)) === err);
  assert((await assertRejects(writer.ready)) === err);

  const closedWs = new WritableStream();
  await closedWs.close();
  const w2 = closedWs.getWriter();
  await w2.closed;
  await w2.ready;
  assertEquals(w2.desiredSize, 0);
});

test("writer: ready is a new promise each time backpressure flips", async () => {
  const releases = [];
  const writer = new WritableStream({ write: () => new Promise((r) => releases.push(r)) }).getWriter();
  await writer.ready;
  const readyBefore = writer.ready;
  writer.write("a");
  const readyDuring = writer.ready;
  assert(readyBefore !== readyDuring, "backpressure replaces ready");
  let resolved = false;
  readyDuring.then(() => (resolved = true));
  await flush();
  assertEquals(resolved, false);
  releases[0]();
  await readyDuring;
  assertEquals(writer.desiredSize, 1);
});

test("writer: desiredSize with a zero highWaterMark starts with backpressure", async () => {
  const writer = new WritableStream({}, { highWaterMark: 0 }).getWriter();
  assertEquals(writer.desiredSize, 0);
  let ready = false;
  writer.ready.then(() => (ready = true));
  await delay(5);
  assertEquals(ready, false, "ready stays pending while desiredSize <= 0");
});

test("writer: with highWaterMark Infinity there is never backpressure", async () => {
  const writer = new WritableStream({ write: () => new Promise(() => {}) }, { highWaterMark: Infinity }).getWriter();
  for (let i = 0; i < 100; i++) writer.write(i);
  assertEquals(writer.desiredSize, Infinity);
  await writer.ready;
});

// ---- WPT writable-streams/floating-point-total-queue-size.any.js
test("writable: the queue size never goes below zero through rounding", async () => {
  const writer = new WritableStream({}, { highWaterMark: 0, size: (x) => x }).getWriter();
  const w1 = writer.write(2);
  const w2 = writer.write(1.1102230246251565e-16);
  await Promise.all([w1, w2]);
  assertEquals(writer.desiredSize, 0);
});

// ---- WPT transform-streams/general.any.js
test("transform: readable and writable are a fixed pair of streams", () => {
  const ts = new TransformStream();
  assert(ts.readable instanceof ReadableStream);
  assert(ts.writable instanceof WritableStream);
  assert(ts.readable === ts.readable && ts.writable === ts.writable);
  const readableGetter = Object.getOwnPropertyDescriptor(TransformStream.prototype, "readable").get;
  assertThrows(() => readableGetter.call({}), TypeError);
});

test("transform: transformer members are read in order; non-functions throw", () => {
  const seen = [];
  const tr = {};
  for (const name of ["cancel", "flush", "readableType", "start", "transform", "writableType"]) {
    Object.defineProperty(tr, name, {
      get() {
        seen.push(name);
        return undefined;
      },
    });
  }
  new TransformStream(tr);
  assertEquals(seen, ["cancel", "flush", "readableType", "start", "transform", "writableType"]);
  for (const name of ["start", "transform", "flush", "cancel"]) {
    assertThrows(() => new TransformStream({ [name]: 1 }), TypeError);
  }
  assertThrows(() => new TransformStream({ writableType: "bytes" }), RangeError);
  assertThrows(() => new TransformStream(null), TypeError);
});

test("transform: default strategies: writable hwm 1, readable hwm 0", async () => {
  const ts = new TransformStream();
  const writer = ts.writable.getWriter();
  assertEquals(writer.desiredSize, 1);
  let rctl;
  new TransformStream({ start(c) { rctl = c; } });
  assertEquals(rctl.desiredSize, 0);
  // Custom strategies apply to each side.
  let c2;
  const ts2 = new TransformStream({ start(c) { c2 = c; } }, { highWaterMark: 5 }, { highWaterMark: 3 });
  assertEquals(ts2.writable.getWriter().desiredSize, 5);
  assertEquals(c2.desiredSize, 3);
});

test("transform: the identity transform passes chunks through unchanged", async () => {
  const ts = new TransformStream();
  const writer = ts.writable.getWriter();
  const reader = ts.readable.getReader();
  const chunk = { id: 1 };
  writer.write(chunk);
  assert((await reader.read()).value === chunk);
  writer.close();
  assertEquals((await reader.read()).done, true);
});

test("transform: transform gets the chunk and the controller; this = transformer", async () => {
  let args, self;
  const tr = {
    transform(...a) {
      args = a;
      self = this;
    },
  };
  const ts = new TransformStream(tr, undefined, { highWaterMark: 1 });
  await ts.writable.getWriter().write("t");
  assert(self === tr);
  assertEquals(args[0], "t");
  assert(args[1] instanceof TransformStreamDefaultController);
});

test("transform: a transform may enqueue zero or many chunks per write", async () => {
  const ts = new TransformStream({
    transform(chunk, c) {
      for (const ch of chunk) c.enqueue(ch);
    },
  }, undefined, { highWaterMark: Infinity });
  const writer = ts.writable.getWriter();
  writer.write("");
  writer.write("ab");
  writer.write("c");
  writer.close();
  const out = [];
  for await (const x of ts.readable) out.push(x);
  assertEquals(out, ["a", "b", "c"]);
});

test("transform: async transforms run one at a time, in order", async () => {
  const log = [];
  const ts = new TransformStream({
    async transform(chunk, c) {
      log.push(`begin:${chunk}`);
      await delay(chunk === 1 ? 5 : 0);
      log.push(`end:${chunk}`);
      c.enqueue(chunk);
    },
  }, undefined, { highWaterMark: 10 });
  const writer = ts.writable.getWriter();
  writer.write(1);
  writer.write(2);
  await writer.close();
  assertEquals(log, ["begin:1", "end:1", "begin:2", "end:2"]);
});

test("transform: flush runs after the last transform and may enqueue", async () => {
  const log = [];
  const ts = new TransformStream({
    transform(chunk, c) {
      log.push(`t:${chunk}`);
      c.enqueue(chunk);
    },
    flush(c) {
      log.push("flush");
      c.enqueue("end");
    },
  }, undefined, { highWaterMark: 10 });
  const writer = ts.writable.getWriter();
  writer.write("a");
  writer.close();
  const out = [];
  for await (const x of ts.readable) out.push(x);
  assertEquals(out, ["a", "end"]);
  assertEquals(log, ["t:a", "flush"]);
});

test("transform: an async flush delays the readable's close", async () => {
  let release;
  const ts = new TransformStream({ flush: () => new Promise((r) => (release = r)) });
  const reader = ts.readable.getReader();
  let closed = false;
  reader.closed.then(() => (closed = true));
  const closing = ts.writable.getWriter().close();
  await delay(5);
  assertEquals(closed, false);
  release();
  await closing;
  await reader.closed;
});

test("transform: start runs first; transforms wait for its promise", async () => {
  const log = [];
  let release;
  const ts = new TransformStream({
    start() {
      log.push("start");
      return new Promise((r) => (release = r));
    },
    transform(chunk) {
      log.push(`t:${chunk}`);
    },
  });
  const writer = ts.writable.getWriter();
  const reading = ts.readable.getReader().read();
  writer.write("x");
  await delay(5);
  assertEquals(log, ["start"]);
  release();
  await delay(5);
  assertEquals(log, ["start", "t:x"]);
  writer.close();
  await reading;
});

// ---- WPT transform-streams/errors.any.js
test("transform errors: a throwing transform errors both sides", async () => {
  const err = new Error("transform threw");
  const ts = new TransformStream({ transform() { throw err; } }, undefined, { highWaterMark: 1 });
  const writer = ts.writable.getWriter();
  const reader = ts.readable.getReader();
  assert((await assertRejects(writer.write("a"))) === err);
  assert((await assertRejects(reader.closed)) === err);
  assert((await assertRejects(writer.closed)) === err);
});

test("transform errors: a throwing flush errors the readable and rejects close", async () => {
  const err = new Error("flush threw");
  const ts = new TransformStream({ flush() { throw err; } });
  const reader = ts.readable.getReader();
  assert((await assertRejects(ts.writable.getWriter().close())) === err);
  assert((await assertRejects(reader.closed)) === err);
});

test("transform errors: a throwing start errors the construction", () => {
  const err = new Error("start threw");
  const e = assertThrows(() => new TransformStream({ start() { throw err; } }));
  assert(e === err);
});

test("transform errors: a rejecting start errors both sides", async () => {
  const err = new Error("start rejected");
  const ts = new TransformStream({ start: () => Promise.reject(err) });
  assert((await assertRejects(ts.readable.getReader().closed)) === err);
  assert((await assertRejects(ts.writable.getWriter().closed)) === err);
});

test("transform errors: controller.error errors both sides; later enqueue throws", async () => {
  let ctl;
  const err = new Error("ctl.error");
  const ts = new TransformStream({ start(c) { ctl = c; } });
  ctl.error(err);
  assert((await assertRejects(ts.readable.getReader().closed)) === err);
  assert((await assertRejects(ts.writable.getWriter().closed)) === err);
  assertThrows(() => ctl.enqueue("x"), TypeError);
  ctl.error(new Error("again: no-op"));
  ctl.terminate();
});

test("transform errors: aborting the writable errors the readable with the reason", async () => {
  const ts = new TransformStream();
  const reader = ts.readable.getReader();
  const reason = new Error("abort");
  await ts.writable.abort(reason);
  assert((await assertRejects(reader.closed)) === reason);
});

test("transform errors: the cancel hook runs on writable abort too", async () => {
  let reason;
  const ts = new TransformStream({ cancel(r) { reason = r; } });
  await ts.writable.abort("wa");
  assertEquals(reason, "wa");
});

test("transform errors: cancelling the readable errors the writable with the reason", async () => {
  const ts = new TransformStream();
  const writer = ts.writable.getWriter();
  await ts.readable.cancel("rc");
  assertEquals(await assertRejects(writer.closed), "rc");
  assertEquals(await assertRejects(writer.write("x")), "rc");
});

test("transform errors: a rejecting cancel hook rejects readable.cancel and errors the writable with it", async () => {
  const err = new Error("cancel hook");
  const ts = new TransformStream({ cancel: () => Promise.reject(err) });
  const writer = ts.writable.getWriter();
  assert((await assertRejects(ts.readable.cancel("r"))) === err);
  assert((await assertRejects(writer.closed)) === err);
});

test("transform errors: enqueue after the readable was cancelled throws TypeError", async () => {
  let ctl;
  const ts = new TransformStream({ start(c) { ctl = c; } });
  await ts.readable.cancel();
  assertThrows(() => ctl.enqueue("x"), TypeError);
});

test("transform errors: a throwing readable size errors the transform and the enqueue throws", async () => {
  const err = new Error("size");
  let thrown;
  const ts = new TransformStream({
    transform(chunk, c) {
      try {
        c.enqueue(chunk);
      } catch (e) {
        thrown = e;
        throw e;
      }
    },
  }, undefined, { size() { throw err; }, highWaterMark: 4 });
  await assertRejects(ts.writable.getWriter().write("x"));
  assert(thrown === err);
  assert((await assertRejects(ts.readable.getReader().closed)) === err);
});

// ---- WPT transform-streams/terminate.any.js
test("terminate: closes the readable and errors the writable with a TypeError", async () => {
  let ctl;
  const ts = new TransformStream({ start(c) { ctl = c; } });
  const writer = ts.writable.getWriter();
  ctl.terminate();
  await ts.readable.getReader().closed;
  await assertRejects(writer.closed, TypeError);
  await assertRejects(writer.write("x"), TypeError);
});

test("terminate: chunks enqueued before terminate can still be read", async () => {
  const ts = new TransformStream({
    start(c) {
      c.enqueue("a");
      c.enqueue("b");
      c.terminate();
    },
  }, undefined, { highWaterMark: 10 });
  const out = [];
  for await (const x of ts.readable) out.push(x);
  assertEquals(out, ["a", "b"]);
});

test("terminate: enqueue after terminate throws TypeError", () => {
  let ctl;
  new TransformStream({ start(c) { ctl = c; } });
  ctl.terminate();
  assertThrows(() => ctl.enqueue("x"), TypeError);
  ctl.terminate(); // twice is fine
});

test("terminate: terminate inside flush is harmless", async () => {
  const ts = new TransformStream({
    flush(c) {
      c.enqueue("last");
      c.terminate();
    },
  }, undefined, { highWaterMark: 2 });
  const writer = ts.writable.getWriter();
  await writer.close();
  const out = [];
  for await (const x of ts.readable) out.push(x);
  assertEquals(out, ["last"]);
});

test("terminate: error after terminate leaves the readable closed", async () => {
  let ctl;
  const ts = new TransformStream({ start(c) { ctl = c; } });
  ctl.terminate();
  ctl.error(new Error("ignored for the readable"));
  await ts.readable.getReader().closed;
});

// ---- WPT transform-streams/backpressure.any.js
test("backpressure: transform waits until the readable side has room", async () => {
  const log = [];
  const ts = new TransformStream({
    transform(chunk, c) {
      log.push(chunk);
      c.enqueue(chunk);
    },
  });
  const writer = ts.writable.getWriter();
  writer.write("a");
  await delay(5);
  assertEquals(log, [], "readable hwm 0 and no reader: transform is held back");
  const reader = ts.readable.getReader();
  const r = reader.read();
  await delay(5);
  assertEquals(log, ["a"]);
  assertEquals((await r).value, "a");
});

test("backpressure: writer.ready reflects the writable queue while the readable is full", async () => {
  const ts = new TransformStream({}, { highWaterMark: 1 }, { highWaterMark: 0 });
  const writer = ts.writable.getWriter();
  await writer.ready;
  writer.write("a");
  assertEquals(writer.desiredSize, 0);
  let ready = false;
  writer.ready.then(() => (ready = true));
  await delay(5);
  assertEquals(ready, false);
  const reader = ts.readable.getReader();
  await reader.read();
  await delay(5);
  assertEquals(ready, true);
});

test("backpressure: the controller's desiredSize follows the readable queue", async () => {
  let ctl;
  const ts = new TransformStream({ start(c) { ctl = c; } }, undefined, { highWaterMark: 2 });
  assertEquals(ctl.desiredSize, 2);
  ctl.enqueue(1);
  ctl.enqueue(2);
  ctl.enqueue(3);
  assertEquals(ctl.desiredSize, -1);
  await ts.readable.getReader().read();
  assertEquals(ctl.desiredSize, 0);
});

test("backpressure: closing with queued writes processes them before flush", async () => {
  const log = [];
  const ts = new TransformStream({
    transform(chunk, c) {
      log.push(chunk);
      c.enqueue(chunk);
    },
    flush() {
      log.push("flush");
    },
  });
  const writer = ts.writable.getWriter();
  writer.write(1);
  writer.write(2);
  const closing = writer.close();
  const out = [];
  for await (const x of ts.readable) out.push(x);
  await closing;
  assertEquals(out, [1, 2]);
  assertEquals(log, [1, 2, "flush"]);
});

// ---- WPT transform-streams/cancel.any.js
test("cancel: readable.cancel calls the cancel hook once, not flush", async () => {
  const log = [];
  const ts = new TransformStream({
    cancel(r) { log.push(`cancel:${r}`); },
    flush() { log.push("flush"); },
  });
  await ts.readable.cancel("c1");
  assertEquals(log, ["cancel:c1"]);
  await ts.writable.abort("later").catch(() => {});
  assertEquals(log, ["cancel:c1"]);
});

test("cancel: writable.close then readable.cancel: flush runs, cancel does not", async () => {
  const log = [];
  const ts = new TransformStream({
    cancel() { log.push("cancel"); },
    flush() { log.push("flush"); },
  }, undefined, { highWaterMark: 1 });
  await ts.writable.close();
  await ts.readable.cancel();
  assertEquals(log, ["flush"]);
});

test("TransformStreamDefaultController brand checks", () => {
  const proto = TransformStreamDefaultController.prototype;
  assertThrows(() => proto.enqueue.call({}, 1), TypeError);
  assertThrows(() => proto.error.call({}), TypeError);
  assertThrows(() => proto.terminate.call({}), TypeError);
  assertThrows(() => Object.getOwnPropertyDescriptor(proto, "desiredSize").get.call({}), TypeError);
});

// ---- WPT queuing-strategies.any.js
test("strategies: constructors need an init dictionary with highWaterMark", () => {
  for (const C of [CountQueuingStrategy, ByteLengthQueuingStrategy]) {
    assertThrows(() => new C(), TypeError);
    assertThrows(() => new C(null), TypeError);
    assertThrows(() => new C(1), TypeError);
    assertThrows(() => new C({}), TypeError);
    const err = new Error("getter");
    const e = assertThrows(() => new C({ get highWaterMark() { throw err; } }));
    assert(e === err);
  }
});

test("strategies: highWaterMark is converted with ToNumber but not validated", () => {
  for (const C of [CountQueuingStrategy, ByteLengthQueuingStrategy]) {
    assertEquals(new C({ highWaterMark: -1 }).highWaterMark, -1);
    assertEquals(new C({ highWaterMark: "5" }).highWaterMark, 5);
    assert(Number.isNaN(new C({ highWaterMark: "abc" }).highWaterMark));
    assertEquals(new C({ highWaterMark: Infinity }).highWaterMark, Infinity);
    // Validation happens where the strategy is used.
    assertThrows(() => new ReadableStream({}, new C({ highWaterMark: -1 })), RangeError);
  }
});

test("strategies: size functions are shared, named size, length 0/1, ignore this", () => {
  const c1 = new CountQueuingStrategy({ highWaterMark: 1 });
  const c2 = new CountQueuingStrategy({ highWaterMark: 2 });
  assert(c1.size === c2.size);
  assertEquals(c1.size.name, "size");
  assertEquals(c1.size.length, 0);
  const size = c1.size;
  assertEquals(size(), 1);
  assertEquals(size.call(undefined, "anything"), 1);
  const b = new ByteLengthQueuingStrategy({ highWaterMark: 1 });
  assert(b.size === new ByteLengthQueuingStrategy({ highWaterMark: 9 }).size);
  assertEquals(b.size.name, "size");
  assertEquals(b.size.length, 1);
  const bsize = b.size;
  assertEquals(bsize({ byteLength: 12 }), 12);
  assertEquals(bsize(new ArrayBuffer(3)), 3);
  assertEquals(bsize({}), undefined);
  assertThrows(() => bsize(), TypeError);
  assertThrows(() => bsize(null), TypeError);
  assert(c1.size !== b.size);
});

test("strategies: getters brand-check; the prototype shape", () => {
  for (const C of [CountQueuingStrategy, ByteLengthQueuingStrategy]) {
    const hwm = Object.getOwnPropertyDescriptor(C.prototype, "highWaterMark").get;
    assertThrows(() => hwm.call({}), TypeError);
    const size = Object.getOwnPropertyDescriptor(C.prototype, "size").get;
    assertThrows(() => size.call({}), TypeError);
    assertEquals(Object.keys(new C({ highWaterMark: 1 })), [], "no own properties");
    assertEquals(Object.prototype.toString.call(new C({ highWaterMark: 1 })), `[object ${C.name}]`);
  }
  // Another strategy's instance fails the brand check.
  const countHwm = Object.getOwnPropertyDescriptor(CountQueuingStrategy.prototype, "highWaterMark").get;
  assertThrows(() => countHwm.call(new ByteLengthQueuingStrategy({ highWaterMark: 1 })), TypeError);
});

test("strategies: ByteLengthQueuingStrategy in a WritableStream counts bytes", async () => {
  const writer = new WritableStream({ write: () => new Promise(() => {}) }, new ByteLengthQueuingStrategy({ highWaterMark: 8 })).getWriter();
  writer.write(new Uint8Array(3));
  assertEquals(writer.desiredSize, 5);
  writer.write(new Uint8Array(6));
  assertEquals(writer.desiredSize, -1);
});

test("strategies: a plain object strategy works too", () => {
  let ctl;
  new ReadableStream({ start(c) { ctl = c; } }, { highWaterMark: 3, size: () => 2 });
  ctl.enqueue("x");
  assertEquals(ctl.desiredSize, 1);
});
