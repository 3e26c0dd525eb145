// ReadableStream default streams, readers, tee, async iteration and
// ReadableStream.from, re-expressed from WPT streams/readable-streams/.

async function collect(stream) {
  const out = [];
  for await (const chunk of stream) out.push(chunk);
  return out;
}

function recordingSource(log, extra = {}) {
  return {
    start(c) {
      log.push("start");
      if (extra.start) return extra.start(c);
    },
    pull(c) {
      log.push("pull");
      if (extra.pull) return extra.pull(c);
    },
    cancel(reason) {
      log.push(`cancel:${reason}`);
      if (extra.cancel) return extra.cancel(reason);
    },
  };
}

// ---- WPT readable-streams/constructor.any.js, bad-underlying-sources.any.js
test("readable: the constructor reads source members in dictionary order, once", () => {
  const seen = [];
  const source = {};
  for (const name of ["autoAllocateChunkSize", "cancel", "pull", "start", "type"]) {
    Object.defineProperty(source, name, {
      get() {
        seen.push(name);
        return undefined;
      },
    });
  }
  new ReadableStream(source);
  assertEquals(seen, ["autoAllocateChunkSize", "cancel", "pull", "start", "type"]);
});

test("readable: strategy members are read highWaterMark then size", () => {
  const seen = [];
  new ReadableStream({}, {
    get highWaterMark() {
      seen.push("highWaterMark");
      return 1;
    },
    get size() {
      seen.push("size");
      return undefined;
    },
  });
  assertEquals(seen, ["highWaterMark", "size"]);
});

test("readable: non-function callbacks and bad types throw TypeError", () => {
  for (const name of ["start", "pull", "cancel"]) {
    assertThrows(() => new ReadableStream({ [name]: "nope" }), TypeError);
    assertThrows(() => new ReadableStream({ [name]: {} }), TypeError);
    // null is not undefined: it must be a function too
    assertThrows(() => new ReadableStream({ [name]: null }), TypeError);
  }
  assertThrows(() => new ReadableStream({ type: "byte" }), TypeError);
  assertThrows(() => new ReadableStream({ type: null }), TypeError);
  assertThrows(() => new ReadableStream({ type: "" }), TypeError);
  // A stringifiable type object goes through ToString.
  const rs = new ReadableStream({ type: { toString: () => "bytes" } });
  assert(rs.getReader({ mode: "byob" }) instanceof ReadableStreamBYOBReader);
});

test("readable: a throwing getter on the source propagates", () => {
  const err = new Error("getter");
  for (const name of ["start", "pull", "cancel", "type"]) {
    const source = Object.defineProperty({}, name, { get() { throw err; } });
    const e = assertThrows(() => new ReadableStream(source));
    assert(e === err, name);
  }
});

test("readable: highWaterMark conversions and RangeErrors", () => {
  for (const hwm of [-1, -Infinity, NaN, "foo", {}]) {
    assertThrows(() => new ReadableStream({}, { highWaterMark: hwm }), RangeError, undefined);
  }
  let ctl;
  new ReadableStream({ start(c) { ctl = c; } }, { highWaterMark: "4" });
  assertEquals(ctl.desiredSize, 4);
  new ReadableStream({ start(c) { ctl = c; } }, { highWaterMark: Infinity });
  assertEquals(ctl.desiredSize, Infinity);
  new ReadableStream({ start(c) { ctl = c; } }, { highWaterMark: null });
  assertEquals(ctl.desiredSize, 0);
  new ReadableStream({ start(c) { ctl = c; } });
  assertEquals(ctl.desiredSize, 1, "default highWaterMark is 1");
  // A throwing highWaterMark getter propagates as is.
  const err = new Error("hwm");
  const e = assertThrows(() => new ReadableStream({}, { get highWaterMark() { throw err; } }));
  assert(e === err);
});

test("readable: the constructor accepts a source object with any prototype", () => {
  class Source {
    start(c) {
      c.enqueue(this.value);
      c.close();
    }
    get value() {
      return "from-class";
    }
  }
  const rs = new ReadableStream(new Source());
  return collect(rs).then((out) => assertEquals(out, ["from-class"]));
});

// ---- WPT readable-streams/general.any.js
test("readable: start is called synchronously with the controller as argument and this = source", () => {
  let args, self;
  const source = {
    start(...a) {
      args = a;
      self = this;
    },
  };
  new ReadableStream(source);
  assert(self === source);
  assertEquals(args.length, 1);
  assert(args[0] instanceof ReadableStreamDefaultController);
  const c = args[0];
  for (const m of ["enqueue", "close", "error"]) assertEquals(typeof c[m], "function");
  assertEquals(Object.getPrototypeOf(c), ReadableStreamDefaultController.prototype);
});

test("readable: pull is not called until start's promise fulfils", async () => {
  const log = [];
  let resolveStart;
  new ReadableStream(recordingSource(log, { start: () => new Promise((r) => (resolveStart = r)) }));
  await delay(5);
  assertEquals(log, ["start"]);
  resolveStart();
  await delay(0);
  assertEquals(log, ["start", "pull"]);
});

test("readable: pull is called once after start while the queue is below the high water mark", async () => {
  const log = [];
  new ReadableStream(recordingSource(log));
  await delay(5);
  assertEquals(log, ["start", "pull"], "pull once, it returned without enqueueing");
});

test("readable: pull is not re-entered while its promise is pending", async () => {
  let pulls = 0;
  let release;
  const rs = new ReadableStream({
    pull(c) {
      pulls++;
      c.enqueue(pulls);
      return new Promise((r) => (release = r));
    },
  }, { highWaterMark: 4 });
  await delay(5);
  assertEquals(pulls, 1);
  const reader = rs.getReader();
  assertEquals((await reader.read()).value, 1);
  const second = reader.read();
  await delay(5);
  assertEquals(pulls, 1, "still waiting for the first pull");
  release();
  assertEquals((await second).value, 2);
  assertEquals(pulls, 2);
});

test("readable: pull is called again after a read drains below the high water mark", async () => {
  let pulls = 0;
  const rs = new ReadableStream({
    pull(c) {
      pulls++;
      c.enqueue(pulls);
    },
  }, { highWaterMark: 1 });
  await delay(5);
  // start → pull enqueues one chunk; queue full so no second pull.
  assertEquals(pulls, 1);
  const reader = rs.getReader();
  assertEquals((await reader.read()).value, 1);
  await delay(5);
  assertEquals(pulls, 2);
});

test("readable: a rejecting start errors the stream and pull never runs", async () => {
  const err = new Error("start failed");
  let pulled = false;
  const rs = new ReadableStream({
    start: () => Promise.reject(err),
    pull() { pulled = true; },
  });
  const e = await assertRejects(rs.getReader().closed);
  assert(e === err);
  assertEquals(pulled, false);
});

test("readable: a throwing pull errors the stream", async () => {
  const err = new Error("pull failed");
  const rs = new ReadableStream({ pull() { throw err; } });
  const reader = rs.getReader();
  assert((await assertRejects(reader.read())) === err);
  assert((await assertRejects(reader.closed)) === err);
});

test("readable: a rejecting pull errors the stream", async () => {
  const err = new Error("pull rejected");
  const rs = new ReadableStream({ pull: () => Promise.reject(err) });
  assert((await assertRejects(rs.getReader().read())) === err);
});

test("readable: chunks enqueued in start are readable in order, then done", async () => {
  const rs = new ReadableStream({
    start(c) {
      for (const x of [1, "two", { three: 3 }, null, undefined]) c.enqueue(x);
      c.close();
    },
  });
  assertEquals(await collect(rs), [1, "two", { three: 3 }, null, undefined]);
});

test("readable: enqueued chunks are kept by identity", async () => {
  const chunk = { id: 1 };
  const rs = new ReadableStream({ start(c) { c.enqueue(chunk); } });
  const { value } = await rs.getReader().read();
  assert(value === chunk);
});

test("readable: a read result is a fresh plain object with value and done", async () => {
  const rs = new ReadableStream({ start(c) { c.enqueue("x"); c.close(); } });
  const reader = rs.getReader();
  const r1 = await reader.read();
  assertEquals(Object.getPrototypeOf(r1), Object.prototype);
  assertEquals(Object.keys(r1).sort(), ["done", "value"]);
  const r2 = await reader.read();
  assertEquals(r2, { value: undefined, done: true });
  assert(r1 !== r2);
});

// ---- WPT readable-streams/default-reader.any.js
test("reader: the constructor needs a ReadableStream, and an unlocked one", () => {
  assertThrows(() => new ReadableStreamDefaultReader(), TypeError);
  assertThrows(() => new ReadableStreamDefaultReader({}), TypeError);
  assertThrows(() => new ReadableStreamDefaultReader(new WritableStream()), TypeError);
  const rs = new ReadableStream();
  new ReadableStreamDefaultReader(rs);
  assertThrows(() => new ReadableStreamDefaultReader(rs), TypeError);
  assertThrows(() => rs.getReader(), TypeError);
});

test("reader: methods and getters brand-check their receiver", async () => {
  const proto = ReadableStreamDefaultReader.prototype;
  const closedGetter = Object.getOwnPropertyDescriptor(proto, "closed").get;
  await assertRejects(closedGetter.call({}), TypeError);
  await assertRejects(proto.read.call({}), TypeError);
  await assertRejects(proto.cancel.call({}), TypeError);
  assertThrows(() => proto.releaseLock.call({}), TypeError);
  await assertRejects(ReadableStream.prototype.cancel.call({}), TypeError);
  assertThrows(() => ReadableStream.prototype.tee.call({}), TypeError);
});

test("reader: closed resolves when the stream closes, even with queued chunks read later", async () => {
  let ctl;
  const rs = new ReadableStream({ start(c) { ctl = c; } });
  const reader = rs.getReader();
  let closed = false;
  reader.closed.then(() => (closed = true));
  ctl.enqueue("a");
  ctl.close();
  await delay(0);
  assertEquals(closed, false, "closed waits until the queue is drained");
  assertEquals((await reader.read()).value, "a");
  await delay(0);
  assertEquals(closed, true);
  assertEquals((await reader.read()).done, true);
});

test("reader: closed is the same promise each time and resolves with undefined", async () => {
  const rs = new ReadableStream({ start(c) { c.close(); } });
  const reader = rs.getReader();
  assert(reader.closed === reader.closed);
  assertEquals(await reader.closed, undefined);
});

test("reader: a reader of an already closed / errored stream", async () => {
  const closed = new ReadableStream({ start(c) { c.close(); } });
  const r1 = closed.getReader();
  await r1.closed;
  assertEquals(await r1.read(), { value: undefined, done: true });
  const err = new Error("early");
  const errored = new ReadableStream({ start(c) { c.error(err); } });
  const r2 = errored.getReader();
  assert((await assertRejects(r2.closed)) === err);
  assert((await assertRejects(r2.read())) === err);
});

test("reader: releaseLock with pending reads rejects them with TypeError; stream stays usable", async () => {
  let ctl;
  const rs = new ReadableStream({ start(c) { ctl = c; } });
  const reader = rs.getReader();
  const p1 = reader.read();
  const p2 = reader.read();
  reader.releaseLock();
  await assertRejects(p1, TypeError);
  await assertRejects(p2, TypeError);
  await assertRejects(reader.closed, TypeError);
  assertEquals(rs.locked, false);
  ctl.enqueue("after");
  assertEquals((await rs.getReader().read()).value, "after");
});

test("reader: releaseLock twice is fine; closed promise is replaced by a rejected one", async () => {
  const rs = new ReadableStream();
  const reader = rs.getReader();
  const before = reader.closed;
  reader.releaseLock();
  reader.releaseLock();
  const after = reader.closed;
  await assertRejects(before, TypeError);
  await assertRejects(after, TypeError);
});

test("reader: releaseLock on a closed stream keeps closed resolved... then rejects", async () => {
  const rs = new ReadableStream({ start(c) { c.close(); } });
  const reader = rs.getReader();
  await reader.closed;
  reader.releaseLock();
  await assertRejects(reader.closed, TypeError);
  assertEquals(rs.locked, false);
  // A new reader of the closed stream sees it closed.
  await rs.getReader().closed;
});

test("reader: cancel resolves with undefined and closes the stream", async () => {
  let reason;
  const rs = new ReadableStream({
    start(c) { c.enqueue("queued"); },
    cancel(r) {
      reason = r;
      return "ignored value";
    },
  });
  const reader = rs.getReader();
  assertEquals(await reader.cancel("bye"), undefined);
  assertEquals(reason, "bye");
  await reader.closed;
  assertEquals(await reader.read(), { value: undefined, done: true });
});

test("reader: cancel with a pending read fulfils it as done", async () => {
  const rs = new ReadableStream();
  const reader = rs.getReader();
  const pending = reader.read();
  await reader.cancel();
  assertEquals(await pending, { value: undefined, done: true });
});

test("reader: cancel of an errored stream rejects with the stored error", async () => {
  const err = new Error("stored");
  const rs = new ReadableStream({ start(c) { c.error(err); } });
  assert((await assertRejects(rs.getReader().cancel())) === err);
});

test("reader: cancel rejection from the source propagates", async () => {
  const err = new Error("cancel failed");
  const rs = new ReadableStream({ cancel() { throw err; } });
  assert((await assertRejects(rs.cancel())) === err);
  const rs2 = new ReadableStream({ cancel: () => Promise.reject(err) });
  assert((await assertRejects(rs2.cancel())) === err);
});

test("reader: cancel on a released reader rejects with TypeError", async () => {
  const rs = new ReadableStream();
  const reader = rs.getReader();
  reader.releaseLock();
  await assertRejects(reader.cancel(), TypeError);
  await assertRejects(reader.read(), TypeError);
});

test("reader: read requests are fulfilled in order across enqueues", async () => {
  let ctl;
  const rs = new ReadableStream({ start(c) { ctl = c; } });
  const reader = rs.getReader();
  const reads = [reader.read(), reader.read(), reader.read()];
  ctl.enqueue("a");
  ctl.enqueue("b");
  ctl.close();
  assertEquals(await Promise.all(reads), [
    { value: "a", done: false },
    { value: "b", done: false },
    { value: undefined, done: true },
  ]);
});

test("reader: getReader options", () => {
  const rs = new ReadableStream();
  assertThrows(() => rs.getReader({ mode: "" }), TypeError);
  assertThrows(() => rs.getReader({ mode: "default" }), TypeError);
  assertThrows(() => rs.getReader(1), TypeError);
  // mode undefined → default reader; an empty dictionary or null is fine too.
  const r = rs.getReader({ mode: undefined });
  assert(r instanceof ReadableStreamDefaultReader);
  r.releaseLock();
  rs.getReader(null).releaseLock();
  rs.getReader({}).releaseLock();
  // BYOB readers need a byte stream.
  assertThrows(() => rs.getReader({ mode: "byob" }), TypeError);
  assertThrows(() => new ReadableStreamBYOBReader(rs), TypeError);
  assertEquals(rs.locked, false);
});

test("reader: locked reflects reader acquisition and release", () => {
  const rs = new ReadableStream();
  assertEquals(rs.locked, false);
  const r = rs.getReader();
  assertEquals(rs.locked, true);
  r.releaseLock();
  assertEquals(rs.locked, false);
  const lockedGetter = Object.getOwnPropertyDescriptor(ReadableStream.prototype, "locked").get;
  assertThrows(() => lockedGetter.call(new WritableStream()), TypeError);
});

// ---- WPT readable-streams/cancel.any.js
test("cancel: a locked stream's cancel rejects without calling the source", async () => {
  let called = false;
  const rs = new ReadableStream({ cancel() { called = true; } });
  rs.getReader();
  await assertRejects(rs.cancel(), TypeError);
  assertEquals(called, false);
});

test("cancel: the source's cancel promise is awaited before cancel resolves", async () => {
  let resolveCancel;
  let done = false;
  const rs = new ReadableStream({ cancel: () => new Promise((r) => (resolveCancel = r)) });
  const p = rs.cancel().then(() => (done = true));
  await delay(5);
  assertEquals(done, false);
  resolveCancel("anything");
  assertEquals(await p, true);
});

test("cancel: closed stream cancel resolves without calling the source", async () => {
  let called = false;
  const rs = new ReadableStream({
    start(c) { c.close(); },
    cancel() { called = true; },
  });
  await rs.cancel();
  assertEquals(called, false);
});

test("cancel: enqueue after cancel throws, and pull stops", async () => {
  let ctl;
  let pulls = 0;
  const rs = new ReadableStream({
    start(c) { ctl = c; },
    pull() { pulls++; },
  }, { highWaterMark: 0 });
  await rs.cancel();
  assertThrows(() => ctl.enqueue("x"), TypeError);
  assertThrows(() => ctl.close(), TypeError);
  ctl.error(new Error("no-op after cancel"));
  assertEquals(pulls, 0);
});

test("cancel: the stream's queue is dropped on cancel", async () => {
  const rs = new ReadableStream({
    start(c) {
      c.enqueue(1);
      c.enqueue(2);
    },
  });
  await rs.cancel();
  const reader = rs.getReader();
  assertEquals(await reader.read(), { value: undefined, done: true });
});

test("cancel: cancel is called with this = source and the reason", async () => {
  let self, args;
  const source = {
    cancel(...a) {
      self = this;
      args = a;
    },
  };
  const rs = new ReadableStream(source);
  const reason = { why: "because" };
  await rs.cancel(reason);
  assert(self === source);
  assertEquals(args.length, 1);
  assert(args[0] === reason);
});

// ---- WPT readable-streams/bad-underlying-sources.any.js (controller misuse)
test("controller: close twice, enqueue after close, error after close", async () => {
  let ctl;
  const rs = new ReadableStream({ start(c) { ctl = c; } });
  ctl.close();
  assertThrows(() => ctl.close(), TypeError);
  assertThrows(() => ctl.enqueue("a"), TypeError);
  // error after close is a no-op.
  ctl.error(new Error("ignored"));
  await rs.getReader().closed;
});

test("controller: close and enqueue after error throw TypeError; error twice is a no-op", async () => {
  let ctl;
  const first = new Error("first");
  const rs = new ReadableStream({ start(c) { ctl = c; } });
  ctl.error(first);
  assertThrows(() => ctl.close(), TypeError);
  assertThrows(() => ctl.enqueue("x"), TypeError);
  ctl.error(new Error("second"));
  assert((await assertRejects(rs.getReader().closed)) === first);
});

test("controller: erroring drops queued chunks", async () => {
  const err = new Error("drop");
  const rs = new ReadableStream({
    start(c) {
      c.enqueue("a");
      c.error(err);
    },
  });
  assert((await assertRejects(rs.getReader().read())) === err);
});

test("controller: desiredSize is null once errored, 0 once closed", async () => {
  let ctl;
  new ReadableStream({ start(c) { ctl = c; } }, { highWaterMark: 3 });
  ctl.close();
  assertEquals(ctl.desiredSize, 0);
  new ReadableStream({ start(c) { ctl = c; } }, { highWaterMark: 3 });
  ctl.error();
  assertEquals(ctl.desiredSize, null);
});

test("controller: desiredSize goes negative once the queue exceeds the high water mark", async () => {
  let ctl;
  const rs = new ReadableStream({ start(c) { ctl = c; } }, { highWaterMark: 2 });
  assertEquals(ctl.desiredSize, 2);
  for (let i = 0; i < 5; i++) ctl.enqueue(i);
  assertEquals(ctl.desiredSize, -3);
  const reader = rs.getReader();
  await reader.read();
  assertEquals(ctl.desiredSize, -2);
  // Until the queue drains, a close request leaves the stream readable.
  ctl.close();
  assertEquals(ctl.desiredSize, -2);
  for (let i = 0; i < 4; i++) await reader.read();
  assertEquals(ctl.desiredSize, 0);
});

test("controller: error(undefined) errors with undefined", async () => {
  const rs = new ReadableStream({ start(c) { c.error(); } });
  try {
    await rs.getReader().read();
    throw new Error("should reject");
  } catch (e) {
    assertEquals(e, undefined);
  }
});

test("controller: methods brand-check their receiver", () => {
  const proto = ReadableStreamDefaultController.prototype;
  assertThrows(() => proto.enqueue.call({}, 1), TypeError);
  assertThrows(() => proto.close.call({}), TypeError);
  assertThrows(() => proto.error.call({}), TypeError);
  const desired = Object.getOwnPropertyDescriptor(proto, "desiredSize").get;
  assertThrows(() => desired.call({}), TypeError);
});

test("controller: enqueue inside pull synchronously fulfils a pending read", async () => {
  const rs = new ReadableStream({
    pull(c) {
      c.enqueue("pulled");
    },
  }, { highWaterMark: 0 });
  assertEquals((await rs.getReader().read()).value, "pulled");
});

test("controller: close inside start after enqueue still delivers chunks", async () => {
  const rs = new ReadableStream({
    start(c) {
      c.enqueue("x");
      c.close();
      assertThrows(() => c.enqueue("y"), TypeError);
    },
  });
  assertEquals(await collect(rs), ["x"]);
});

// ---- WPT readable-streams/bad-strategies.any.js
test("strategy: a throwing size errors the stream and enqueue rethrows", async () => {
  const err = new Error("size");
  let ctl;
  const rs = new ReadableStream({ start(c) { ctl = c; } }, { size() { throw err; }, highWaterMark: 5 });
  const e = assertThrows(() => ctl.enqueue("a"));
  assert(e === err);
  assert((await assertRejects(rs.getReader().closed)) === err);
});

test("strategy: size returning NaN, negative or Infinity errors the stream with RangeError", async () => {
  for (const bad of [NaN, -1, Infinity, -Infinity]) {
    let ctl;
    const rs = new ReadableStream({ start(c) { ctl = c; } }, { size: () => bad });
    assertThrows(() => ctl.enqueue("a"), RangeError);
    await assertRejects(rs.getReader().closed, RangeError);
  }
});

test("strategy: size is called with the chunk and undefined this", () => {
  let self = "unset";
  let args;
  let ctl;
  new ReadableStream({ start(c) { ctl = c; } }, {
    size(chunk) {
      "use strict";
      self = this;
      args = [...arguments];
      return 1;
    },
  });
  ctl.enqueue("chunk");
  assertEquals(self, undefined);
  assertEquals(args, ["chunk"]);
});

test("strategy: size zero keeps desiredSize; fractional sizes add up", () => {
  let ctl;
  new ReadableStream({ start(c) { ctl = c; } }, { size: (x) => x, highWaterMark: 1 });
  ctl.enqueue(0);
  assertEquals(ctl.desiredSize, 1);
  ctl.enqueue(0.25);
  ctl.enqueue(0.5);
  assertEquals(ctl.desiredSize, 0.25);
});

test("strategy: a size that is not a function throws at construction", () => {
  for (const size of [1, "f", {}, null]) {
    assertThrows(() => new ReadableStream({}, { size }), TypeError);
  }
});

// ---- WPT readable-streams/floating-point-total-queue-size.any.js
test("strategy: the queue total never goes negative through rounding", async () => {
  let ctl;
  const rs = new ReadableStream({ start(c) { ctl = c; } }, { size: (x) => x, highWaterMark: 0 });
  ctl.enqueue(2);
  ctl.enqueue(1.1102230246251565e-16);
  const reader = rs.getReader();
  await reader.read();
  await reader.read();
  assertEquals(ctl.desiredSize, 0);
  ctl.enqueue(1e-16);
  ctl.enqueue(1);
  await reader.read();
  await reader.read();
  assertEquals(ctl.desiredSize, 0);
});

// ---- WPT readable-streams/count-queuing-strategy-integration.any.js
test("strategy: CountQueuingStrategy with highWaterMark 4", async () => {
  let ctl;
  const rs = new ReadableStream({ start(c) { ctl = c; } }, new CountQueuingStrategy({ highWaterMark: 4 }));
  const reader = rs.getReader();
  assertEquals(ctl.desiredSize, 4);
  ctl.enqueue("a");
  assertEquals(ctl.desiredSize, 3);
  ctl.enqueue("b");
  ctl.enqueue("c");
  ctl.enqueue("d");
  assertEquals(ctl.desiredSize, 0);
  ctl.enqueue("e");
  assertEquals(ctl.desiredSize, -1);
  await reader.read();
  assertEquals(ctl.desiredSize, 0);
  await reader.read();
  assertEquals(ctl.desiredSize, 1);
});

test("strategy: highWaterMark 0 and a pending read makes desiredSize 0 while a read waits", async () => {
  let ctl;
  const rs = new ReadableStream({ start(c) { ctl = c; } }, new CountQueuingStrategy({ highWaterMark: 0 }));
  assertEquals(ctl.desiredSize, 0);
  const reader = rs.getReader();
  const p = reader.read();
  ctl.enqueue("direct");
  assertEquals(ctl.desiredSize, 0, "the chunk went straight to the read");
  assertEquals((await p).value, "direct");
});

// ---- WPT readable-streams/tee.any.js
test("tee: both branches are new locked-free streams; the original is locked", () => {
  const rs = new ReadableStream();
  const branches = rs.tee();
  assert(Array.isArray(branches));
  assertEquals(branches.length, 2);
  assert(branches[0] instanceof ReadableStream && branches[1] instanceof ReadableStream);
  assert(branches[0] !== branches[1]);
  assertEquals(branches[0].locked, false);
  assertEquals(rs.locked, true);
  assertThrows(() => rs.tee(), TypeError);
});

test("tee: chunks are shared by identity between branches", async () => {
  const chunk = { shared: true };
  const rs = new ReadableStream({ start(c) { c.enqueue(chunk); c.close(); } });
  const [a, b] = rs.tee();
  const [ra, rb] = await Promise.all([a.getReader().read(), b.getReader().read()]);
  assert(ra.value === chunk && rb.value === chunk);
});

test("tee: reading one branch only still buffers for the other", async () => {
  const rs = new ReadableStream({
    start(c) {
      c.enqueue("a");
      c.enqueue("b");
      c.close();
    },
  });
  const [a, b] = rs.tee();
  assertEquals(await collect(a), ["a", "b"]);
  assertEquals(await collect(b), ["a", "b"]);
});

test("tee: cancelling one branch keeps the other flowing", async () => {
  let cancelled = false;
  const rs = new ReadableStream({
    start(c) {
      c.enqueue(1);
      c.enqueue(2);
      c.close();
    },
    cancel() { cancelled = true; },
  });
  const [a, b] = rs.tee();
  // One branch's cancel settles only once the other cancels or the source ends.
  const cancelA = a.cancel("just a");
  assertEquals(await collect(b), [1, 2]);
  await cancelA;
  assertEquals(cancelled, false, "the source closed before both cancelled");
});

test("tee: cancelling both gives the source a composite reason, and both cancels resolve once it does", async () => {
  let reason;
  let finishCancel;
  const rs = new ReadableStream({
    cancel(r) {
      reason = r;
      return new Promise((res) => (finishCancel = res));
    },
  });
  const [a, b] = rs.tee();
  let aDone = false;
  const pa = a.cancel("ra").then(() => (aDone = true));
  const pb = b.cancel("rb");
  await delay(0);
  assertEquals(reason, ["ra", "rb"]);
  assertEquals(aDone, false, "first cancel waits for the source");
  finishCancel();
  await Promise.all([pa, pb]);
  assertEquals(aDone, true);
});

test("tee: a source cancel rejection rejects both branch cancels", async () => {
  const err = new Error("source cancel");
  const rs = new ReadableStream({ cancel() { throw err; } });
  const [a, b] = rs.tee();
  const [ea, eb] = await Promise.all([assertRejects(a.cancel()), assertRejects(b.cancel())]);
  assert(ea === err && eb === err);
});

test("tee: an error after some chunks errors both branches after those chunks", async () => {
  let ctl;
  const rs = new ReadableStream({ start(c) { ctl = c; } });
  const [a, b] = rs.tee();
  const ra = a.getReader();
  const rb = b.getReader();
  ctl.enqueue("x");
  assertEquals((await ra.read()).value, "x");
  const err = new Error("mid");
  ctl.error(err);
  assert((await assertRejects(ra.read())) === err);
  assert((await assertRejects(rb.closed)) === err);
});

test("tee: erroring after one branch is cancelled errors only the other", async () => {
  let ctl;
  const rs = new ReadableStream({ start(c) { ctl = c; } });
  const [a, b] = rs.tee();
  const cancelA = a.cancel();
  const err = new Error("later");
  ctl.error(err);
  await cancelA;
  await a.getReader().closed; // a stays closed
  assert((await assertRejects(b.getReader().closed)) === err);
});

test("tee: closing the source closes both branches", async () => {
  let ctl;
  const rs = new ReadableStream({ start(c) { ctl = c; } });
  const [a, b] = rs.tee();
  ctl.close();
  await Promise.all([a.getReader().closed, b.getReader().closed]);
});

test("tee: the source is pulled only as the branches need", async () => {
  let pulls = 0;
  const rs = new ReadableStream({
    pull(c) {
      pulls++;
      c.enqueue(pulls);
    },
  }, { highWaterMark: 0 });
  const [a, b] = rs.tee();
  await delay(5);
  const before = pulls;
  const ra = a.getReader();
  assertEquals((await ra.read()).value, 1);
  assertEquals((await b.getReader().read()).value, 1);
  assert(pulls - before <= 2, `pulled ${pulls - before} times`);
});

// ---- WPT readable-streams/async-iterator.any.js
test("async iterator: values() and @@asyncIterator are the same function", () => {
  assert(ReadableStream.prototype.values === ReadableStream.prototype[Symbol.asyncIterator]);
  const it = new ReadableStream().values();
  const asyncIteratorProto = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype);
  assert(Object.getPrototypeOf(Object.getPrototypeOf(it)) === asyncIteratorProto);
  assertEquals(typeof Object.getPrototypeOf(it).next, "function");
  assertEquals(typeof Object.getPrototypeOf(it).return, "function");
});

test("async iterator: it locks the stream; a locked stream cannot be iterated", () => {
  const rs = new ReadableStream();
  rs.values();
  assertEquals(rs.locked, true);
  assertThrows(() => rs.values(), TypeError);
  assertThrows(() => rs[Symbol.asyncIterator](), TypeError);
});

test("async iterator: next() results and then done forever", async () => {
  const rs = new ReadableStream({ start(c) { c.enqueue("a"); c.close(); } });
  const it = rs.values();
  assertEquals(await it.next(), { value: "a", done: false });
  assertEquals(await it.next(), { value: undefined, done: true });
  assertEquals(await it.next(), { value: undefined, done: true });
  assertEquals(rs.locked, false, "the lock is released at the end");
});

test("async iterator: concurrent next() calls are answered in order", async () => {
  let ctl;
  const rs = new ReadableStream({ start(c) { ctl = c; } });
  const it = rs.values();
  const n1 = it.next();
  const n2 = it.next();
  const n3 = it.next();
  ctl.enqueue(1);
  ctl.enqueue(2);
  ctl.close();
  assertEquals(await Promise.all([n1, n2, n3]), [
    { value: 1, done: false },
    { value: 2, done: false },
    { value: undefined, done: true },
  ]);
});

test("async iterator: return() cancels with its argument and releases the lock", async () => {
  let reason;
  const rs = new ReadableStream({
    start(c) { c.enqueue(1); },
    cancel(r) { reason = r; },
  });
  const it = rs.values();
  assertEquals(await it.next(), { value: 1, done: false });
  assertEquals(await it.return("why"), { value: "why", done: true });
  assertEquals(reason, "why");
  assertEquals(rs.locked, false);
  assertEquals(await it.next(), { value: undefined, done: true });
});

test("async iterator: return() with preventCancel releases without cancelling", async () => {
  let cancelled = false;
  const rs = new ReadableStream({
    start(c) { c.enqueue(1); c.enqueue(2); },
    cancel() { cancelled = true; },
  });
  const it = rs.values({ preventCancel: true });
  await it.next();
  assertEquals(await it.return("x"), { value: "x", done: true });
  assertEquals(cancelled, false);
  assertEquals(rs.locked, false);
  assertEquals((await rs.getReader().read()).value, 2);
});

test("async iterator: return() after the stream closed resolves, no cancel", async () => {
  let cancelled = false;
  const rs = new ReadableStream({ start(c) { c.close(); }, cancel() { cancelled = true; } });
  const it = rs.values();
  assertEquals(await it.next(), { value: undefined, done: true });
  assertEquals(await it.return("r"), { value: "r", done: true });
  assertEquals(cancelled, false);
});

test("async iterator: return() waits for pending next() calls", async () => {
  let ctl;
  const rs = new ReadableStream({ start(c) { ctl = c; } });
  const it = rs.values();
  const n = it.next();
  const r = it.return("end");
  ctl.enqueue("late");
  assertEquals(await n, { value: "late", done: false });
  assertEquals(await r, { value: "end", done: true });
});

test("async iterator: a throw inside for-await cancels the stream", async () => {
  let reason = "unset";
  const rs = new ReadableStream({
    start(c) { c.enqueue(1); c.enqueue(2); },
    cancel(r) { reason = r; },
  });
  const err = new Error("body");
  try {
    for await (const _ of rs) throw err;
  } catch (e) {
    assert(e === err);
  }
  assertEquals(reason, undefined, "for-await's return() passes no value");
  assertEquals(rs.locked, false);
});

test("async iterator: an errored stream rejects next() then reports done", async () => {
  const err = new Error("it-err");
  const rs = new ReadableStream({ start(c) { c.error(err); } });
  const it = rs.values();
  assert((await assertRejects(it.next())) === err);
  assertEquals(await it.next(), { value: undefined, done: true });
});

test("async iterator: preventCancel option is converted to boolean", async () => {
  let cancelled = false;
  const rs = new ReadableStream({ start(c) { c.enqueue(1); c.enqueue(2); }, cancel() { cancelled = true; } });
  for await (const _ of rs.values({ preventCancel: 1 })) break;
  assertEquals(cancelled, false);
  for await (const _ of rs.values({ preventCancel: 0 })) break;
  assertEquals(cancelled, true);
});

test("async iterator: values() on a non-stream throws", () => {
  assertThrows(() => ReadableStream.prototype.values.call({}), TypeError);
  const it = new ReadableStream().values();
  const proto = Object.getPrototypeOf(it);
  return assertRejects(proto.next.call({}), TypeError);
});

// ---- WPT readable-streams/from.any.js
test("from: arrays, sets, maps, typed arrays and generators", async () => {
  assertEquals(await collect(ReadableStream.from([1, 2, 3])), [1, 2, 3]);
  assertEquals(await collect(ReadableStream.from(new Set(["a", "b"]))), ["a", "b"]);
  assertEquals(await collect(ReadableStream.from(new Map([[1, 2]]))), [[1, 2]]);
  assertEquals(await collect(ReadableStream.from(new Uint8Array([5, 6]))), [5, 6]);
  function* gen() {
    yield "g1";
    yield "g2";
  }
  assertEquals(await collect(ReadableStream.from(gen())), ["g1", "g2"]);
  assertEquals(await collect(ReadableStream.from([])), []);
});

test("from: a ReadableStream is itself an async iterable", async () => {
  const inner = new ReadableStream({ start(c) { c.enqueue("i"); c.close(); } });
  const outer = ReadableStream.from(inner);
  assert(outer !== inner);
  assertEquals(await collect(outer), ["i"]);
});

test("from: the result is a ReadableStream with no queued pulls before reading", async () => {
  let nexts = 0;
  const iterable = {
    [Symbol.iterator]() {
      return {
        next() {
          nexts++;
          return { value: nexts, done: nexts > 3 };
        },
      };
    },
  };
  const rs = ReadableStream.from(iterable);
  assert(rs instanceof ReadableStream);
  await delay(5);
  assertEquals(nexts, 0, "highWaterMark 0: nothing is pulled early");
  const reader = rs.getReader();
  assertEquals((await reader.read()).value, 1);
  assertEquals(nexts, 1);
});

test("from: a sync iterator's promise values are awaited", async () => {
  const rs = ReadableStream.from([Promise.resolve("p1"), "plain", Promise.resolve("p2")]);
  assertEquals(await collect(rs), ["p1", "plain", "p2"]);
});

test("from: @@asyncIterator wins over @@iterator", async () => {
  const both = {
    *[Symbol.iterator]() { yield "sync"; },
    async *[Symbol.asyncIterator]() { yield "async"; },
  };
  assertEquals(await collect(ReadableStream.from(both)), ["async"]);
});

test("from: non-iterables and bad iterator methods throw TypeError", () => {
  for (const bad of [undefined, null, 0, true, Symbol("s"), {}, { [Symbol.iterator]: 1 }, { [Symbol.asyncIterator]: "x" }]) {
    assertThrows(() => ReadableStream.from(bad), TypeError);
  }
  // An iterator method returning a non-object
  assertThrows(() => ReadableStream.from({ [Symbol.iterator]: () => 1 }), TypeError);
  assertThrows(() => ReadableStream.from({ [Symbol.asyncIterator]: () => null }), TypeError);
});

test("from: a throwing iterator method propagates synchronously", () => {
  const err = new Error("getIterator");
  const e = assertThrows(() => ReadableStream.from({ [Symbol.iterator]() { throw err; } }));
  assert(e === err);
  const e2 = assertThrows(() => ReadableStream.from({ get [Symbol.asyncIterator]() { throw err; } }));
  assert(e2 === err);
});

test("from: next() throwing or rejecting errors the stream", async () => {
  const err = new Error("next");
  const throwing = { [Symbol.iterator]: () => ({ next() { throw err; } }) };
  assert((await assertRejects(ReadableStream.from(throwing).getReader().read())) === err);
  const rejecting = { [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(err) }) };
  assert((await assertRejects(ReadableStream.from(rejecting).getReader().read())) === err);
});

test("from: next() results that are not objects error the stream with TypeError", async () => {
  const bad = { [Symbol.asyncIterator]: () => ({ next: () => Promise.resolve(42) }) };
  await assertRejects(ReadableStream.from(bad).getReader().read(), TypeError);
  const badSync = { [Symbol.iterator]: () => ({ next: () => "no" }) };
  await assertRejects(ReadableStream.from(badSync).getReader().read(), TypeError);
});

test("from: a generator that throws midway errors after its earlier chunks", async () => {
  const err = new Error("gen");
  async function* gen() {
    yield 1;
    throw err;
  }
  const reader = ReadableStream.from(gen()).getReader();
  assertEquals((await reader.read()).value, 1);
  assert((await assertRejects(reader.read())) === err);
});

test("from: cancel calls return() with the reason; a missing return is fine", async () => {
  const calls = [];
  const iterable = {
    [Symbol.asyncIterator]() {
      return {
        next: () => Promise.resolve({ value: "v", done: false }),
        return(r) {
          calls.push(r);
          return { done: true };
        },
      };
    },
  };
  const rs = ReadableStream.from(iterable);
  await rs.cancel("because");
  assertEquals(calls, ["because"]);
  const noReturn = { [Symbol.asyncIterator]: () => ({ next: () => ({ value: 1, done: false }) }) };
  await ReadableStream.from(noReturn).cancel("x");
});

test("from: cancel rejects when return() throws or returns a non-object", async () => {
  const err = new Error("return");
  const throwing = {
    [Symbol.asyncIterator]: () => ({ next: () => ({ value: 1, done: false }), return() { throw err; } }),
  };
  assert((await assertRejects(ReadableStream.from(throwing).cancel())) === err);
  const nonObject = {
    [Symbol.asyncIterator]: () => ({ next: () => ({ value: 1, done: false }), return: () => 5 }),
  };
  await assertRejects(ReadableStream.from(nonObject).cancel(), TypeError);
});

test("from: breaking out of iterating a from-stream calls the generator's finally", async () => {
  let cleaned = false;
  function* gen() {
    try {
      yield 1;
      yield 2;
    } finally {
      cleaned = true;
    }
  }
  for await (const x of ReadableStream.from(gen())) {
    assertEquals(x, 1);
    break;
  }
  assertEquals(cleaned, true);
});

test("from: is a static method that ignores its this", async () => {
  const from = ReadableStream.from;
  const rs = from([1]);
  assert(rs instanceof ReadableStream);
  assertEquals(ReadableStream.from.length, 1);
});
