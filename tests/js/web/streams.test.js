// Streams standard. Cases adapted from WPT streams/readable-streams/*.any.js,
// streams/writable-streams/*.any.js, streams/transform-streams/*.any.js,
// streams/piping/*.any.js and streams/readable-byte-streams/*.any.js.

async function readAll(stream) {
  const out = [];
  for await (const c of stream) out.push(c);
  return out;
}

test("streams: enqueue, read, close", async () => {
  const rs = new ReadableStream({
    start(c) {
      c.enqueue("a");
      c.enqueue("b");
      c.close();
    },
  });
  const r = rs.getReader();
  assertEquals(await r.read(), { value: "a", done: false });
  assertEquals(await r.read(), { value: "b", done: false });
  assertEquals(await r.read(), { value: undefined, done: true });
  await r.closed;
});

// WPT readable-streams/constructor.any.js
test("streams: constructor argument checks", () => {
  assertThrows(() => new ReadableStream(null), TypeError);
  assertThrows(() => new ReadableStream({ start: 1 }), TypeError);
  assertThrows(() => new ReadableStream({ type: "other" }), TypeError);
  assertThrows(() => new ReadableStream({}, { highWaterMark: -1 }), RangeError);
  assertThrows(() => new ReadableStream({}, { highWaterMark: NaN }), RangeError);
  assertThrows(() => new ReadableStream({}, { size: 1 }), TypeError);
  assertThrows(() => new ReadableStream({ type: "bytes" }, { size() { return 1; } }), RangeError);
  assertThrows(() => new ReadableStream({ type: "bytes", autoAllocateChunkSize: 0 }), TypeError);
  const err = new Error("start");
  try {
    new ReadableStream({ start() { throw err; } });
    throw new Error("should throw");
  } catch (e) {
    assert(e === err);
  }
  assertThrows(() => new ReadableStreamDefaultController(), TypeError);
  assertThrows(() => ReadableStream.prototype.getReader.call({}), TypeError);
});

test("streams: pull is called on demand with backpressure", async () => {
  let pulls = 0;
  const rs = new ReadableStream(
    {
      pull(c) {
        pulls++;
        c.enqueue(pulls);
        if (pulls === 3) c.close();
      },
    },
    { highWaterMark: 0 },
  );
  await delay(0);
  assertEquals(pulls, 0, "no pull without demand when highWaterMark is 0");
  const r = rs.getReader();
  assertEquals((await r.read()).value, 1);
  assertEquals((await r.read()).value, 2);
  assertEquals((await r.read()).value, 3);
  assertEquals((await r.read()).done, true);
});

test("streams: desiredSize and size strategy", async () => {
  let ctl;
  new ReadableStream({ start(c) { ctl = c; } }, { highWaterMark: 10, size: (ch) => ch.length });
  assertEquals(ctl.desiredSize, 10);
  ctl.enqueue("abcd");
  assertEquals(ctl.desiredSize, 6);
  assertThrows(() => new ReadableStream({ start(c) { c.enqueue(1); } }, { size: () => -1 }), RangeError);
});

test("streams: error rejects pending and future reads", async () => {
  let ctl;
  const rs = new ReadableStream({ start(c) { ctl = c; } });
  const r = rs.getReader();
  const p = r.read();
  const e = new Error("x");
  ctl.error(e);
  assert((await assertRejects(p, Error)) === e);
  assert((await assertRejects(r.read(), Error)) === e);
  assert((await assertRejects(r.closed, Error)) === e);
  assertThrows(() => ctl.enqueue(1), TypeError);
});

test("streams: cancel calls the source and resolves", async () => {
  let reason;
  const rs = new ReadableStream({ cancel(r) { reason = r; } });
  await rs.cancel("why");
  assertEquals(reason, "why");
  const rs2 = new ReadableStream();
  rs2.getReader();
  await assertRejects(rs2.cancel(), TypeError);
  const r = new ReadableStream({ start(c) { c.enqueue(1); } }).getReader();
  await r.cancel();
  assertEquals(await r.read(), { value: undefined, done: true });
});

test("streams: locking and releaseLock", async () => {
  const rs = new ReadableStream({ start(c) { c.enqueue(1); } });
  const r = rs.getReader();
  assertEquals(rs.locked, true);
  assertThrows(() => rs.getReader(), TypeError);
  const pending = new ReadableStream().getReader();
  const p = pending.read();
  pending.releaseLock();
  await assertRejects(p, TypeError);
  r.releaseLock();
  assertEquals(rs.locked, false);
  await assertRejects(r.read(), TypeError);
  await assertRejects(r.closed, TypeError);
  const r2 = new ReadableStreamDefaultReader(rs);
  assertEquals((await r2.read()).value, 1);
  assertThrows(() => new ReadableStreamDefaultReader({}), TypeError);
  assertThrows(() => rs.getReader({ mode: "nope" }), TypeError);
  assertThrows(() => rs.getReader({ mode: "byob" }), TypeError);
});

test("streams: async iteration and preventCancel", async () => {
  const rs = ReadableStream.from([1, 2, 3]);
  assertEquals(await readAll(rs), [1, 2, 3]);
  assertEquals(rs.locked, false);

  let cancelled = false;
  const rs2 = new ReadableStream({
    start(c) { c.enqueue(1); c.enqueue(2); },
    cancel() { cancelled = true; },
  });
  for await (const v of rs2) {
    assertEquals(v, 1);
    break;
  }
  assertEquals(cancelled, true);

  cancelled = false;
  const rs3 = new ReadableStream({
    start(c) { c.enqueue(1); c.enqueue(2); },
    cancel() { cancelled = true; },
  });
  for await (const v of rs3.values({ preventCancel: true })) {
    break;
  }
  assertEquals(cancelled, false);
  assertEquals(rs3.locked, false);
  assertEquals((await rs3.getReader().read()).value, 2);
  const it = new ReadableStream()[Symbol.asyncIterator]();
  assertEquals(Object.prototype.toString.call(it), "[object ReadableStream AsyncIterator]");
  assertEquals(await it.return("r"), { value: "r", done: true });
});

test("streams: async iterator rejects on error", async () => {
  const e = new Error("bad");
  const rs = new ReadableStream({ pull(c) { c.error(e); } });
  const err = await assertRejects(readAll(rs), Error);
  assert(err === e);
});

// WPT readable-streams/from.any.js
test("streams: ReadableStream.from", async () => {
  async function* gen() {
    yield "a";
    yield "b";
  }
  assertEquals(await readAll(ReadableStream.from(gen())), ["a", "b"]);
  assertEquals(await readAll(ReadableStream.from("xy")), ["x", "y"]);
  assertEquals(await readAll(ReadableStream.from([Promise.resolve(1), 2])), [1, 2]);
  assertThrows(() => ReadableStream.from(1), TypeError);
  assertThrows(() => ReadableStream.from({}), TypeError);
  assertThrows(() => ReadableStream.from(null), TypeError);
  let returned;
  const iterable = {
    [Symbol.asyncIterator]() {
      return {
        next: () => Promise.resolve({ value: 1, done: false }),
        return: (r) => {
          returned = r;
          return Promise.resolve({ done: true });
        },
      };
    },
  };
  const s = ReadableStream.from(iterable);
  await s.cancel("stop");
  assertEquals(returned, "stop");
});

test("streams: tee gives both branches every chunk", async () => {
  const rs = ReadableStream.from(["a", "b", "c"]);
  const [a, b] = rs.tee();
  assertEquals(rs.locked, true);
  const [x, y] = await Promise.all([readAll(a), readAll(b)]);
  assertEquals(x, ["a", "b", "c"]);
  assertEquals(y, ["a", "b", "c"]);
});

test("streams: tee cancels the source only when both branches cancel", async () => {
  let reason;
  const rs = new ReadableStream({ cancel(r) { reason = r; } });
  const [a, b] = rs.tee();
  const pa = a.cancel("1");
  await delay(0);
  assertEquals(reason, undefined);
  await Promise.all([pa, b.cancel("2")]);
  assertEquals(reason, ["1", "2"]);
});

test("streams: tee propagates errors", async () => {
  let ctl;
  const rs = new ReadableStream({ start(c) { ctl = c; } });
  const [a, b] = rs.tee();
  const e = new Error("t");
  ctl.error(e);
  assert((await assertRejects(a.getReader().read(), Error)) === e);
  assert((await assertRejects(b.getReader().read(), Error)) === e);
});

test("streams: WritableStream writes in order and closes", async () => {
  const written = [];
  let closed = false;
  const ws = new WritableStream({
    async write(chunk) {
      await delay(1);
      written.push(chunk);
    },
    close() { closed = true; },
  });
  const w = ws.getWriter();
  assertEquals(ws.locked, true);
  w.write(1);
  w.write(2);
  await w.write(3);
  await w.close();
  assertEquals(written, [1, 2, 3]);
  assertEquals(closed, true);
  await w.closed;
  await assertRejects(w.write(4), TypeError);
});

test("streams: WritableStream backpressure via ready/desiredSize", async () => {
  let release;
  const ws = new WritableStream({ write() { return new Promise((r) => (release = r)); } }, new CountQueuingStrategy({ highWaterMark: 2 }));
  const w = ws.getWriter();
  assertEquals(w.desiredSize, 2);
  w.write("a");
  w.write("b");
  assertEquals(w.desiredSize, 0);
  let ready = false;
  w.ready.then(() => (ready = true));
  await delay(0);
  assertEquals(ready, false);
  release();
  await delay(0);
  assertEquals(ready, true);
});

test("streams: WritableStream abort and errors", async () => {
  let abortReason;
  const ws = new WritableStream({ abort(r) { abortReason = r; } });
  const w = ws.getWriter();
  await w.abort("stop");
  assertEquals(abortReason, "stop");
  await assertRejects(w.write(1));
  await assertRejects(w.closed);

  const e = new Error("sink");
  const ws2 = new WritableStream({ write() { throw e; } });
  const w2 = ws2.getWriter();
  assert((await assertRejects(w2.write("x"), Error)) === e);
  assert((await assertRejects(w2.closed, Error)) === e);

  assertThrows(() => new WritableStream({ type: "bytes" }), RangeError);
  assertThrows(() => new WritableStream(null), TypeError);
  const ws3 = new WritableStream();
  ws3.getWriter();
  await assertRejects(ws3.abort(), TypeError);
  await assertRejects(ws3.close(), TypeError);
  assertThrows(() => ws3.getWriter(), TypeError);
});

test("streams: controller.signal aborts with the reason", async () => {
  let signal;
  const ws = new WritableStream({ start(c) { signal = c.signal; } });
  assertEquals(signal.aborted, false);
  await ws.abort("r");
  assertEquals(signal.aborted, true);
  assertEquals(signal.reason, "r");
});

test("streams: writer.releaseLock rejects ready and closed", async () => {
  const ws = new WritableStream();
  const w = ws.getWriter();
  w.releaseLock();
  await assertRejects(w.closed, TypeError);
  await assertRejects(w.ready, TypeError);
  assertThrows(() => w.desiredSize, TypeError);
  assertEquals(ws.locked, false);
});

test("streams: pipeTo copies everything and closes", async () => {
  const out = [];
  const ws = new WritableStream({ write(c) { out.push(c); } });
  await ReadableStream.from([1, 2, 3]).pipeTo(ws);
  assertEquals(out, [1, 2, 3]);
  await assertRejects(ws.getWriter().write(4), TypeError);
});

test("streams: pipeTo preventClose", async () => {
  const out = [];
  const ws = new WritableStream({ write(c) { out.push(c); } });
  await ReadableStream.from([1]).pipeTo(ws, { preventClose: true });
  const w = ws.getWriter();
  await w.write(2);
  assertEquals(out, [1, 2]);
});

test("streams: pipeTo propagates source errors (abort) unless preventAbort", async () => {
  const e = new Error("src");
  let aborted;
  const src = () => new ReadableStream({ pull(c) { c.error(e); } });
  const ws = new WritableStream({ abort(r) { aborted = r; } });
  assert((await assertRejects(src().pipeTo(ws), Error)) === e);
  assert(aborted === e);

  aborted = undefined;
  const ws2 = new WritableStream({ abort(r) { aborted = r; } });
  await assertRejects(src().pipeTo(ws2, { preventAbort: true }), Error);
  assertEquals(aborted, undefined);
  assertEquals(ws2.locked, false);
});

test("streams: pipeTo propagates destination errors (cancel) unless preventCancel", async () => {
  const e = new Error("dest");
  let cancelled;
  const rs = new ReadableStream({ pull(c) { c.enqueue(1); }, cancel(r) { cancelled = r; } });
  const ws = new WritableStream({ write() { throw e; } });
  assert((await assertRejects(rs.pipeTo(ws), Error)) === e);
  assert(cancelled === e);

  cancelled = undefined;
  const rs2 = new ReadableStream({ pull(c) { c.enqueue(1); }, cancel(r) { cancelled = r; } });
  await assertRejects(rs2.pipeTo(new WritableStream({ write() { throw e; } }), { preventCancel: true }), Error);
  assertEquals(cancelled, undefined);
  assertEquals(rs2.locked, false);
});

test("streams: pipeTo with an AbortSignal", async () => {
  const ac = new AbortController();
  let cancelled, aborted;
  const rs = new ReadableStream({ cancel(r) { cancelled = r; } });
  const ws = new WritableStream({ abort(r) { aborted = r; } });
  const p = rs.pipeTo(ws, { signal: ac.signal });
  ac.abort();
  const err = await assertRejects(p, "AbortError");
  assert(cancelled === err && aborted === err);

  const pre = AbortSignal.abort("already");
  const e2 = await assertRejects(new ReadableStream().pipeTo(new WritableStream(), { signal: pre }));
  assertEquals(e2, "already");
  await assertRejects(new ReadableStream().pipeTo(new WritableStream(), { signal: {} }), TypeError);
  await assertRejects(new ReadableStream().pipeTo({}), TypeError);
});

test("streams: pipeTo to a closed destination cancels the source", async () => {
  let cancelled;
  const ws = new WritableStream();
  await ws.close();
  const rs = new ReadableStream({ cancel(r) { cancelled = r; } });
  await assertRejects(rs.pipeTo(ws), TypeError);
  assert(cancelled instanceof TypeError);
});

test("streams: TransformStream and pipeThrough", async () => {
  const upper = new TransformStream({
    transform(chunk, c) {
      c.enqueue(chunk.toUpperCase());
    },
    flush(c) {
      c.enqueue("!");
    },
  });
  const out = await readAll(ReadableStream.from(["a", "b"]).pipeThrough(upper));
  assertEquals(out, ["A", "B", "!"]);
  const id = new TransformStream();
  const w = id.writable.getWriter();
  w.write("x");
  w.close();
  assertEquals(await readAll(id.readable), ["x"]);
  assertThrows(() => new TransformStream({ readableType: "bytes" }), RangeError);
  assertThrows(() => new ReadableStream().pipeThrough({}), TypeError);
});

test("streams: TransformStream errors and terminate", async () => {
  const e = new Error("tx");
  const ts = new TransformStream({ transform() { throw e; } });
  const w = ts.writable.getWriter();
  // The readable side has highWaterMark 0: a pending read lets the write through.
  const read = ts.readable.getReader().read();
  await assertRejects(w.write("a"), Error);
  assert((await assertRejects(read, Error)) === e);

  const ts2 = new TransformStream({
    transform(chunk, c) {
      c.enqueue(chunk);
      c.terminate();
    },
  });
  const w2 = ts2.writable.getWriter();
  w2.write("only");
  assertEquals(await readAll(ts2.readable), ["only"]);
  await assertRejects(w2.write("more"), TypeError);
});

test("streams: TransformStream cancel hook and readable cancel", async () => {
  let reason;
  const ts = new TransformStream({ cancel(r) { reason = r; } });
  await ts.readable.cancel("c");
  assertEquals(reason, "c");
  await assertRejects(ts.writable.getWriter().write("x"));
});

test("streams: queuing strategies", () => {
  const c = new CountQueuingStrategy({ highWaterMark: 5 });
  assertEquals(c.highWaterMark, 5);
  assertEquals(c.size(), 1);
  assert(c.size === new CountQueuingStrategy({ highWaterMark: 1 }).size);
  const b = new ByteLengthQueuingStrategy({ highWaterMark: 16 });
  assertEquals(b.size(new Uint8Array(7)), 7);
  assertThrows(() => new CountQueuingStrategy(), TypeError);
  assertThrows(() => new ByteLengthQueuingStrategy({}), TypeError);
  assertEquals(Object.prototype.toString.call(c), "[object CountQueuingStrategy]");
});

test("byte streams: default reader gets Uint8Array chunks", async () => {
  const rs = new ReadableStream({
    type: "bytes",
    start(c) {
      c.enqueue(new Uint8Array([1, 2, 3]));
      c.close();
    },
  });
  const r = rs.getReader();
  assertEquals((await r.read()).value, bytes(1, 2, 3));
  assertEquals((await r.read()).done, true);
});

test("byte streams: BYOB reads fill the given view", async () => {
  const rs = new ReadableStream({
    type: "bytes",
    start(c) {
      c.enqueue(new Uint8Array([1, 2, 3, 4, 5]));
      c.close();
    },
  });
  const r = rs.getReader({ mode: "byob" });
  assert(r instanceof ReadableStreamBYOBReader);
  const a = await r.read(new Uint8Array(2));
  assertEquals(a.value, bytes(1, 2));
  const b = await r.read(new Uint8Array(10));
  assertEquals(b.value, bytes(3, 4, 5));
  const c = await r.read(new Uint8Array(1));
  assertEquals(c.done, true);
  assertEquals(c.value.byteLength, 0);
});

test("byte streams: byobRequest.respond from pull", async () => {
  let n = 0;
  const rs = new ReadableStream({
    type: "bytes",
    pull(c) {
      const req = c.byobRequest;
      const v = req.view;
      v[0] = ++n;
      v[1] = ++n;
      req.respond(2);
      if (n >= 4) c.close();
    },
  });
  const r = rs.getReader({ mode: "byob" });
  assertEquals((await r.read(new Uint8Array(8))).value, bytes(1, 2));
  assertEquals((await r.read(new Uint8Array(8))).value, bytes(3, 4));
  assertEquals((await r.read(new Uint8Array(8))).done, true);
});

test("byte streams: autoAllocateChunkSize gives a byobRequest to default readers", async () => {
  const rs = new ReadableStream({
    type: "bytes",
    autoAllocateChunkSize: 4,
    pull(c) {
      const v = c.byobRequest.view;
      assertEquals(v.byteLength, 4);
      v[0] = 9;
      c.byobRequest.respond(1);
      c.close();
    },
  });
  const r = rs.getReader();
  assertEquals((await r.read()).value, bytes(9));
  assertEquals((await r.read()).done, true);
});

test("byte streams: read(view, {min}) waits for enough bytes; typed views", async () => {
  let ctl;
  const rs = new ReadableStream({ type: "bytes", start(c) { ctl = c; } });
  const r = rs.getReader({ mode: "byob" });
  const p = r.read(new Uint8Array(4), { min: 3 });
  ctl.enqueue(new Uint8Array([1, 2]));
  ctl.enqueue(new Uint8Array([3]));
  assertEquals((await p).value, bytes(1, 2, 3));
  const p2 = r.read(new Uint16Array(2));
  ctl.enqueue(new Uint8Array([1, 0, 2]));
  const v = (await p2).value;
  assert(v instanceof Uint16Array);
  assertEquals(v.length, 1);
  await assertRejects(r.read(new Uint8Array(0)), TypeError);
  await assertRejects(r.read(new Uint8Array(2), { min: 0 }), TypeError);
  await assertRejects(r.read(new Uint8Array(2), { min: 3 }), RangeError);
  await assertRejects(r.read({}), TypeError);
});

test("byte streams: enqueue validation", () => {
  let ctl;
  new ReadableStream({ type: "bytes", start(c) { ctl = c; } });
  assertThrows(() => ctl.enqueue(new Uint8Array(0)), TypeError);
  assertThrows(() => ctl.enqueue("x"), TypeError);
  ctl.close();
  assertThrows(() => ctl.enqueue(new Uint8Array(1)), TypeError);
  assertThrows(() => ctl.close(), TypeError);
});

test("byte streams: tee gives independent copies", async () => {
  const rs = new ReadableStream({
    type: "bytes",
    start(c) {
      c.enqueue(new Uint8Array([1, 2]));
      c.close();
    },
  });
  const [a, b] = rs.tee();
  const ra = a.getReader({ mode: "byob" });
  const va = (await ra.read(new Uint8Array(4))).value;
  va[0] = 99;
  const vb = (await b.getReader().read()).value;
  assertEquals(vb, bytes(1, 2));
  assertEquals((await ra.read(new Uint8Array(1))).done, true);
});

test("streams: class shapes", () => {
  for (const C of [ReadableStream, WritableStream, TransformStream, ReadableStreamDefaultReader, WritableStreamDefaultWriter]) {
    assertEquals(Object.prototype.toString.call(C.prototype), `[object ${C.name}]`);
  }
  assertThrows(() => new WritableStreamDefaultController(), TypeError);
  assertThrows(() => new TransformStreamDefaultController(), TypeError);
  assertThrows(() => new ReadableByteStreamController(), TypeError);
  assertThrows(() => new ReadableStreamBYOBRequest(), TypeError);
  assertThrows(() => Object.getOwnPropertyDescriptor(ReadableStream.prototype, "locked").get.call({}), TypeError);
});
