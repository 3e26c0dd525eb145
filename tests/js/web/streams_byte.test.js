// Readable byte streams: ReadableByteStreamController, BYOB readers and
// requests, re-expressed from WPT streams/readable-byte-streams/.

function isDetachedBuffer(buffer) {
  if (buffer.byteLength !== 0) return false;
  try {
    new Uint8Array(buffer);
    return false;
  } catch {
    return true;
  }
}

function byteStream(source = {}, strategy) {
  return new ReadableStream({ type: "bytes", ...source }, strategy);
}

// ---- WPT readable-byte-streams/constructor.any.js, general.any.js
test("bytes: the controller is a ReadableByteStreamController; default highWaterMark is 0", async () => {
  let ctl;
  const rs = byteStream({ start(c) { ctl = c; } });
  assert(ctl instanceof ReadableByteStreamController);
  assertEquals(ctl.desiredSize, 0);
  assertEquals(ctl.byobRequest, null);
  assertEquals(Object.prototype.toString.call(ctl), "[object ReadableByteStreamController]");
  byteStream({ start(c) { ctl = c; } }, { highWaterMark: 16 });
  assertEquals(ctl.desiredSize, 16);
  assert(rs.getReader() instanceof ReadableStreamDefaultReader);
});

test("bytes: autoAllocateChunkSize validation", () => {
  assertThrows(() => byteStream({ autoAllocateChunkSize: 0 }), TypeError);
  assertThrows(() => byteStream({ autoAllocateChunkSize: -1 }), TypeError);
  assertThrows(() => byteStream({ autoAllocateChunkSize: NaN }), TypeError);
  assertThrows(() => byteStream({ autoAllocateChunkSize: Infinity }), TypeError);
  byteStream({ autoAllocateChunkSize: 1 });
  byteStream({ autoAllocateChunkSize: 1.9 });
  // Only byte streams look at autoAllocateChunkSize at all.
  new ReadableStream({ autoAllocateChunkSize: 0 });
});

test("bytes: a size function in the strategy is a RangeError; a negative hwm too", () => {
  assertThrows(() => byteStream({}, { size: () => 1 }), RangeError);
  assertThrows(() => byteStream({}, { highWaterMark: -1 }), RangeError);
  assertThrows(() => byteStream({}, { highWaterMark: NaN }), RangeError);
});

test("bytes: pull is not called before start settles, and only on demand with hwm 0", async () => {
  let pulls = 0;
  const rs = byteStream({ pull() { pulls++; } });
  await delay(5);
  assertEquals(pulls, 0);
  const reader = rs.getReader();
  reader.read();
  await delay(0);
  assertEquals(pulls, 1);
});

test("bytes: pull is called to fill up to the high water mark", async () => {
  let pulls = 0;
  byteStream({
    pull(c) {
      pulls++;
      if (pulls <= 2) c.enqueue(new Uint8Array(4));
    },
  }, { highWaterMark: 8 });
  await delay(10);
  assertEquals(pulls, 2, "two 4-byte chunks fill the 8-byte high water mark");
});

// ---- WPT readable-byte-streams/enqueue-with-detached-buffer.any.js, bad-buffers-and-views.any.js
test("bytes: enqueue transfers the chunk's buffer (the caller's view is detached)", async () => {
  let ctl;
  const rs = byteStream({ start(c) { ctl = c; } });
  const view = new Uint8Array([1, 2, 3]);
  const buffer = view.buffer;
  ctl.enqueue(view);
  assert(isDetachedBuffer(buffer), "the enqueued buffer is detached");
  assertEquals(view.byteLength, 0);
  const { value } = await rs.getReader().read();
  assertEquals(value, bytes(1, 2, 3));
  assert(value.buffer !== buffer);
});

test("bytes: enqueue of a view on a detached buffer, an empty view or a non-view is a TypeError", () => {
  let ctl;
  byteStream({ start(c) { ctl = c; } });
  const view = new Uint8Array([1]);
  ctl.enqueue(view);
  assertThrows(() => ctl.enqueue(view), TypeError);
  assertThrows(() => ctl.enqueue(new Uint8Array(new ArrayBuffer(4), 2, 0)), TypeError);
  assertThrows(() => ctl.enqueue(new ArrayBuffer(4)), TypeError);
  assertThrows(() => ctl.enqueue([1, 2]), TypeError);
  assertThrows(() => ctl.enqueue(), TypeError);
});

test("bytes: views of a SharedArrayBuffer are refused by enqueue, read(view) and respondWithNewView", async () => {
  let ctl;
  const rs = byteStream({ start(c) { ctl = c; } });
  assertThrows(() => ctl.enqueue(new Uint8Array(new SharedArrayBuffer(4))), TypeError);
  const reader = rs.getReader({ mode: "byob" });
  await assertRejects(reader.read(new Uint8Array(new SharedArrayBuffer(4))), TypeError);
  const p = reader.read(new Uint8Array(4));
  assertThrows(() => ctl.byobRequest.respondWithNewView(new Uint8Array(new SharedArrayBuffer(4), 0, 1)), TypeError);
  ctl.enqueue(new Uint8Array([1]));
  assertEquals((await p).value, bytes(1));
});

test("bytes: a WebAssembly memory buffer cannot be transferred, so enqueue throws TypeError", async () => {
  let ctl;
  const rs = byteStream({ start(c) { ctl = c; } });
  const memory = new WebAssembly.Memory({ initial: 1 });
  const view = new Uint8Array(memory.buffer, 0, 2);
  view.set([4, 5]);
  assertThrows(() => ctl.enqueue(view), TypeError);
  assertEquals(memory.buffer.byteLength, 65536, "the memory is untouched");
  assertEquals(view[0], 4);
  // The stream is still readable.
  ctl.enqueue(new Uint8Array([6]));
  assertEquals((await rs.getReader().read()).value, bytes(6));
});

test("bytes: enqueue keeps the view's window and accepts DataViews and wider types", async () => {
  let ctl;
  const rs = byteStream({ start(c) { ctl = c; } });
  const buffer = new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7]).buffer;
  ctl.enqueue(new Uint8Array(buffer, 2, 3));
  ctl.enqueue(new DataView(new Uint8Array([8, 9]).buffer));
  ctl.enqueue(new Uint16Array([0x0b0a]));
  ctl.close();
  const reader = rs.getReader();
  const first = (await reader.read()).value;
  assertEquals(first, bytes(2, 3, 4));
  assertEquals(first.byteOffset, 2, "the transferred buffer keeps its offsets");
  assertEquals((await reader.read()).value, bytes(8, 9));
  assertEquals((await reader.read()).value, bytes(10, 11));
  assertEquals((await reader.read()).done, true);
});

test("bytes: enqueue after close or error throws TypeError; close twice throws", async () => {
  let ctl;
  byteStream({ start(c) { ctl = c; } });
  ctl.error(new Error("x"));
  assertThrows(() => ctl.enqueue(new Uint8Array(1)), TypeError);
  assertThrows(() => ctl.close(), TypeError);
  ctl.error(new Error("again, no-op"));
  byteStream({ start(c) { ctl = c; } });
  ctl.enqueue(new Uint8Array(1));
  ctl.close();
  assertThrows(() => ctl.close(), TypeError);
  assertThrows(() => ctl.enqueue(new Uint8Array(1)), TypeError);
});

test("bytes: desiredSize tracks queued bytes", async () => {
  let ctl;
  const rs = byteStream({ start(c) { ctl = c; } }, { highWaterMark: 10 });
  ctl.enqueue(new Uint8Array(3));
  assertEquals(ctl.desiredSize, 7);
  ctl.enqueue(new Uint8Array(9));
  assertEquals(ctl.desiredSize, -2);
  await rs.getReader().read();
  assertEquals(ctl.desiredSize, 1);
  ctl.close();
  ctl = undefined;
});

test("bytes: errored controller desiredSize is null", () => {
  let ctl;
  byteStream({ start(c) { ctl = c; } });
  ctl.error();
  assertEquals(ctl.desiredSize, null);
});

// ---- WPT readable-byte-streams/general.any.js: BYOB reader basics
test("byob: read(view) transfers the view's buffer and returns a new view on it", async () => {
  let ctl;
  const rs = byteStream({ start(c) { ctl = c; } });
  const reader = rs.getReader({ mode: "byob" });
  const view = new Uint8Array(4);
  const p = reader.read(view);
  assert(isDetachedBuffer(view.buffer), "the view passed to read() is detached");
  ctl.enqueue(new Uint8Array([7, 8]));
  const { value, done } = await p;
  assertEquals(done, false);
  assert(value instanceof Uint8Array);
  assertEquals(value.byteOffset, 0);
  assertEquals(value.buffer.byteLength, 4, "same-sized buffer, partly filled");
  assertEquals(value, bytes(7, 8));
});

test("byob: read(view) rejections", async () => {
  const rs = byteStream();
  const reader = rs.getReader({ mode: "byob" });
  await assertRejects(reader.read(), TypeError);
  await assertRejects(reader.read(new ArrayBuffer(4)), TypeError);
  await assertRejects(reader.read(new Uint8Array(new ArrayBuffer(8), 8, 0)), TypeError);
  const detached = new Uint8Array(4);
  structuredClone(detached.buffer, { transfer: [detached.buffer] });
  await assertRejects(reader.read(detached), TypeError);
  await assertRejects(reader.read(new Uint8Array(4), { min: 5 }), RangeError);
  await assertRejects(reader.read(new Uint32Array(2), { min: 3 }), RangeError);
  await assertRejects(reader.read(new DataView(new ArrayBuffer(4)), { min: 5 }), RangeError);
  reader.releaseLock();
  await assertRejects(reader.read(new Uint8Array(1)), TypeError);
});

test("byob: the BYOB reader constructor and brand checks", async () => {
  assertThrows(() => new ReadableStreamBYOBReader(), TypeError);
  assertThrows(() => new ReadableStreamBYOBReader({}), TypeError);
  const rs = byteStream();
  const reader = new ReadableStreamBYOBReader(rs);
  assertThrows(() => new ReadableStreamBYOBReader(rs), TypeError);
  assertThrows(() => rs.getReader(), TypeError);
  await assertRejects(ReadableStreamBYOBReader.prototype.read.call({}, new Uint8Array(1)), TypeError);
  await assertRejects(ReadableStreamBYOBReader.prototype.read.call(ReadableStreamBYOBReader.prototype, new Uint8Array(1)), TypeError);
  assertThrows(() => ReadableStreamBYOBReader.prototype.releaseLock.call({}), TypeError);
  reader.releaseLock();
  assertEquals(rs.locked, false);
});

test("byob: reading from a queue with more bytes than the view gives exactly the view's size", async () => {
  const rs = byteStream({
    start(c) {
      c.enqueue(new Uint8Array([1, 2, 3, 4, 5, 6]));
    },
  });
  const reader = rs.getReader({ mode: "byob" });
  assertEquals((await reader.read(new Uint8Array(4))).value, bytes(1, 2, 3, 4));
  assertEquals((await reader.read(new Uint8Array(4))).value, bytes(5, 6));
});

test("byob: a BYOB read gathers several queued chunks", async () => {
  const rs = byteStream({
    start(c) {
      c.enqueue(new Uint8Array([1]));
      c.enqueue(new Uint8Array([2, 3]));
      c.enqueue(new Uint8Array([4, 5, 6]));
    },
  });
  const reader = rs.getReader({ mode: "byob" });
  assertEquals((await reader.read(new Uint8Array(5))).value, bytes(1, 2, 3, 4, 5));
});

test("byob: read into a view at an offset fills only the view's window", async () => {
  const rs = byteStream({ start(c) { c.enqueue(new Uint8Array([9, 9])); } });
  const reader = rs.getReader({ mode: "byob" });
  const buffer = new Uint8Array([1, 1, 1, 1, 1, 1]).buffer;
  const { value } = await reader.read(new Uint8Array(buffer, 2, 3));
  assertEquals(value.byteOffset, 2);
  assertEquals(value, bytes(9, 9));
  assertEquals(new Uint8Array(value.buffer), bytes(1, 1, 9, 9, 1, 1));
});

test("byob: DataView reads give DataViews", async () => {
  const rs = byteStream({ start(c) { c.enqueue(new Uint8Array([1, 2, 3])); } });
  const reader = rs.getReader({ mode: "byob" });
  const { value } = await reader.read(new DataView(new ArrayBuffer(2)));
  assert(value instanceof DataView);
  assertEquals(value.byteLength, 2);
  assertEquals(value.getUint8(0), 1);
  assertEquals(value.getUint8(1), 2);
});

test("byob: multi-byte element views wait for whole elements", async () => {
  let ctl;
  const rs = byteStream({ start(c) { ctl = c; } });
  const reader = rs.getReader({ mode: "byob" });
  const p = reader.read(new Uint32Array(2));
  let settled = false;
  p.then(() => (settled = true));
  ctl.enqueue(new Uint8Array([1, 0, 0]));
  await delay(0);
  assertEquals(settled, false, "3 bytes are not one Uint32");
  ctl.enqueue(new Uint8Array([0, 2, 0]));
  const { value } = await p;
  assert(value instanceof Uint32Array);
  assertEquals(value.length, 1);
  assertEquals(value[0], 1);
  // The two leftover bytes stay queued for the next read.
  const rest = await reader.read(new Uint8Array(4));
  assertEquals(rest.value, bytes(2, 0));
});

test("byob: close with a partial element pending is a TypeError", async () => {
  let ctl;
  const rs = byteStream({ start(c) { ctl = c; } });
  const reader = rs.getReader({ mode: "byob" });
  const p = reader.read(new Uint16Array(1));
  ctl.enqueue(new Uint8Array([1]));
  assertThrows(() => ctl.close(), TypeError);
  await assertRejects(p, TypeError);
  await assertRejects(reader.closed, TypeError);
});

test("byob: closing with leftover bytes that do not fill an element errors the next read", async () => {
  const rs = byteStream({
    start(c) {
      c.enqueue(new Uint8Array([1, 2, 3]));
      c.close();
    },
  });
  const reader = rs.getReader({ mode: "byob" });
  assertEquals((await reader.read(new Uint16Array(1))).value, new Uint16Array([0x0201]));
  await assertRejects(reader.read(new Uint16Array(1)), TypeError);
});

test("byob: read on a closed stream gives done with an empty view on the transferred buffer", async () => {
  const rs = byteStream({ start(c) { c.close(); } });
  const reader = rs.getReader({ mode: "byob" });
  const view = new Uint16Array(3);
  const { value, done } = await reader.read(view);
  assertEquals(done, true);
  assert(value instanceof Uint16Array);
  assertEquals(value.length, 0);
  assertEquals(value.buffer.byteLength, 6);
  assert(isDetachedBuffer(view.buffer));
});

test("byob: closing while a read waits resolves it done and empty", async () => {
  let ctl;
  const rs = byteStream({ start(c) { ctl = c; } });
  const reader = rs.getReader({ mode: "byob" });
  const p = reader.read(new Uint8Array(4));
  await delay(0);
  ctl.close();
  ctl.byobRequest.respond(0);
  const { value, done } = await p;
  assertEquals(done, true);
  assertEquals(value.byteLength, 0);
  assertEquals(value.buffer.byteLength, 4);
});

test("byob: error rejects pending BYOB reads and closed", async () => {
  let ctl;
  const rs = byteStream({ start(c) { ctl = c; } });
  const reader = rs.getReader({ mode: "byob" });
  const p = reader.read(new Uint8Array(4));
  const err = new Error("byte error");
  ctl.error(err);
  assert((await assertRejects(p)) === err);
  assert((await assertRejects(reader.closed)) === err);
  assert((await assertRejects(reader.read(new Uint8Array(1)))) === err);
});

test("byob: cancel with a pending read resolves it done; the source cancel gets the reason", async () => {
  let reason;
  const rs = byteStream({ cancel(r) { reason = r; } });
  const reader = rs.getReader({ mode: "byob" });
  const p = reader.read(new Uint8Array(4));
  await reader.cancel("stop");
  assertEquals(reason, "stop");
  const { done, value } = await p;
  assertEquals(done, true);
  assertEquals(value, undefined);
});

test("byob: releaseLock rejects pending reads with TypeError", async () => {
  const rs = byteStream();
  const reader = rs.getReader({ mode: "byob" });
  const p = reader.read(new Uint8Array(2));
  reader.releaseLock();
  await assertRejects(p, TypeError);
  await assertRejects(reader.closed, TypeError);
  assertEquals(rs.locked, false);
});

// ---- WPT readable-byte-streams/read-min.any.js
test("byob min: a read with min waits across enqueues and respects min", async () => {
  let ctl;
  const rs = byteStream({ start(c) { ctl = c; } });
  const reader = rs.getReader({ mode: "byob" });
  const p = reader.read(new Uint8Array(6), { min: 4 });
  let settled = false;
  p.then(() => (settled = true));
  ctl.enqueue(new Uint8Array([1, 2]));
  await delay(0);
  assertEquals(settled, false);
  ctl.enqueue(new Uint8Array([3, 4, 5]));
  assertEquals((await p).value, bytes(1, 2, 3, 4, 5));
});

test("byob min: min equal to the view length fills the view completely", async () => {
  const rs = byteStream({
    start(c) {
      c.enqueue(new Uint8Array([1]));
      c.enqueue(new Uint8Array([2]));
      c.enqueue(new Uint8Array([3]));
    },
  });
  const reader = rs.getReader({ mode: "byob" });
  assertEquals((await reader.read(new Uint8Array(3), { min: 3 })).value, bytes(1, 2, 3));
});

test("byob min: min counts elements of the typed array", async () => {
  let ctl;
  const rs = byteStream({ start(c) { ctl = c; } });
  const reader = rs.getReader({ mode: "byob" });
  const p = reader.read(new Uint16Array(4), { min: 2 });
  ctl.enqueue(new Uint8Array([1, 0, 2]));
  let settled = false;
  p.then(() => (settled = true));
  await delay(0);
  assertEquals(settled, false, "1.5 elements < min 2");
  ctl.enqueue(new Uint8Array([0]));
  assertEquals((await p).value, new Uint16Array([1, 2]));
});

test("byob min: close before min is reached delivers what there is, done", async () => {
  let ctl;
  const rs = byteStream({ start(c) { ctl = c; } });
  const reader = rs.getReader({ mode: "byob" });
  const p = reader.read(new Uint8Array(4), { min: 4 });
  ctl.enqueue(new Uint8Array([1, 2]));
  ctl.close();
  ctl.byobRequest.respond(0);
  const { value, done } = await p;
  assertEquals(done, true);
  assertEquals(value, bytes(1, 2));
});

test("byob min: byobRequest.respond can be called several times before min is met", async () => {
  let calls = 0;
  const rs = byteStream({
    pull(c) {
      calls++;
      const view = c.byobRequest.view;
      view[0] = calls;
      c.byobRequest.respond(1);
    },
  });
  const reader = rs.getReader({ mode: "byob" });
  const { value } = await reader.read(new Uint8Array(3), { min: 3 });
  assertEquals(value, bytes(1, 2, 3));
  assertEquals(calls, 3);
});

test("byob min: min option conversions", async () => {
  const rs = byteStream({ start(c) { c.enqueue(new Uint8Array([1, 2])); } });
  const reader = rs.getReader({ mode: "byob" });
  await assertRejects(reader.read(new Uint8Array(4), { min: -1 }), TypeError);
  await assertRejects(reader.read(new Uint8Array(4), { min: Infinity }), TypeError);
  await assertRejects(reader.read(new Uint8Array(4), { min: NaN }), TypeError);
  assertEquals((await reader.read(new Uint8Array(4), { min: 2.5 })).value, bytes(1, 2));
});

// ---- WPT readable-byte-streams/respond-after-enqueue.any.js, general.any.js: byobRequest
test("byobRequest: present only while a BYOB read waits; view covers the unfilled part", async () => {
  let ctl;
  const rs = byteStream({ start(c) { ctl = c; } });
  assertEquals(ctl.byobRequest, null);
  const reader = rs.getReader({ mode: "byob" });
  const p = reader.read(new Uint8Array(new ArrayBuffer(10), 2, 6));
  const req = ctl.byobRequest;
  assert(req instanceof ReadableStreamBYOBRequest);
  assert(ctl.byobRequest === req, "the same request object until it is answered");
  const view = req.view;
  assert(view instanceof Uint8Array);
  assertEquals(view.byteOffset, 2);
  assertEquals(view.byteLength, 6);
  assertEquals(view.buffer.byteLength, 10);
  view.set([5, 6], 0);
  req.respond(2);
  assertEquals(ctl.byobRequest, null);
  assertEquals(req.view, null, "an answered request has no view");
  assert(isDetachedBuffer(view.buffer), "respond transfers the view's buffer");
  assertEquals((await p).value, bytes(5, 6));
});

test("byobRequest: respond on an answered request throws TypeError", async () => {
  let ctl;
  const rs = byteStream({ start(c) { ctl = c; } });
  const reader = rs.getReader({ mode: "byob" });
  reader.read(new Uint8Array(4));
  const req = ctl.byobRequest;
  req.respond(1);
  assertThrows(() => req.respond(1), TypeError);
  assertThrows(() => req.respondWithNewView(new Uint8Array(1)), TypeError);
});

test("byobRequest: respond argument checks", async () => {
  let ctl;
  const rs = byteStream({ start(c) { ctl = c; } });
  const reader = rs.getReader({ mode: "byob" });
  reader.read(new Uint8Array(4));
  const req = ctl.byobRequest;
  assertThrows(() => req.respond(), TypeError);
  assertThrows(() => req.respond(0), TypeError, undefined);
  assertThrows(() => req.respond(5), RangeError);
  assertThrows(() => req.respond(-1), TypeError);
  assertThrows(() => req.respond(Infinity), TypeError);
  req.respond(4);
});

test("byobRequest: enqueue instead of respond answers the request and detaches its view", async () => {
  let ctl;
  const rs = byteStream({ start(c) { ctl = c; } });
  const reader = rs.getReader({ mode: "byob" });
  const p = reader.read(new Uint8Array(4));
  const req = ctl.byobRequest;
  const view = req.view;
  ctl.enqueue(new Uint8Array([1, 2, 3]));
  assertEquals(ctl.byobRequest, null);
  assert(isDetachedBuffer(view.buffer));
  assertThrows(() => req.respond(1), TypeError);
  assertEquals((await p).value, bytes(1, 2, 3));
});

test("byobRequest: respond after the view's buffer was detached elsewhere is a TypeError", async () => {
  let ctl;
  const rs = byteStream({ start(c) { ctl = c; } });
  rs.getReader({ mode: "byob" }).read(new Uint8Array(4));
  const req = ctl.byobRequest;
  structuredClone(req.view.buffer, { transfer: [req.view.buffer] });
  assertThrows(() => req.respond(1), TypeError);
});

test("byobRequest: respondWithNewView with a view on the same buffer", async () => {
  let ctl;
  const rs = byteStream({ start(c) { ctl = c; } });
  const reader = rs.getReader({ mode: "byob" });
  const p = reader.read(new Uint8Array(8));
  const req = ctl.byobRequest;
  const buffer = req.view.buffer;
  const fresh = new Uint8Array(buffer, 0, 3);
  fresh.set([7, 8, 9]);
  req.respondWithNewView(fresh);
  assert(isDetachedBuffer(buffer));
  assertEquals((await p).value, bytes(7, 8, 9));
});

test("byobRequest: respondWithNewView checks offset, buffer length and size", async () => {
  let ctl;
  const rs = byteStream({ start(c) { ctl = c; } });
  const reader = rs.getReader({ mode: "byob" });
  const p = reader.read(new Uint8Array(new ArrayBuffer(8), 2, 4));
  const req = ctl.byobRequest;
  const buffer = req.view.buffer;
  assertThrows(() => req.respondWithNewView(), TypeError);
  assertThrows(() => req.respondWithNewView(new ArrayBuffer(2)), TypeError);
  assertThrows(() => req.respondWithNewView(new Uint8Array(buffer, 3, 1)), RangeError, "offset");
  assertThrows(() => req.respondWithNewView(new Uint8Array(new ArrayBuffer(4), 2, 1)), RangeError);
  assertThrows(() => req.respondWithNewView(new Uint8Array(new ArrayBuffer(8), 2, 5)), RangeError);
  assertThrows(() => req.respondWithNewView(new Uint8Array(buffer, 2, 0)), TypeError);
  // A copy of the buffer with the right length works (it is a different buffer).
  const other = new Uint8Array(new ArrayBuffer(8), 2, 2);
  other.set([4, 2]);
  req.respondWithNewView(other);
  const { value } = await p;
  assertEquals(value, bytes(4, 2));
  assertEquals(value.byteOffset, 2);
});

test("byobRequest: after close, respond(0) and respondWithNewView(empty) finish the read", async () => {
  let ctl;
  const rs = byteStream({ start(c) { ctl = c; } });
  const reader = rs.getReader({ mode: "byob" });
  const p = reader.read(new Uint8Array(4));
  ctl.close();
  const req = ctl.byobRequest;
  assertThrows(() => req.respond(1), TypeError);
  req.respondWithNewView(new Uint8Array(req.view.buffer, 0, 0));
  const { done, value } = await p;
  assertEquals(done, true);
  assertEquals(value.byteLength, 0);
});

test("byobRequest: methods brand-check", () => {
  const proto = ReadableStreamBYOBRequest.prototype;
  assertThrows(() => proto.respond.call({}, 1), TypeError);
  assertThrows(() => proto.respondWithNewView.call({}, new Uint8Array(1)), TypeError);
  assertThrows(() => Object.getOwnPropertyDescriptor(proto, "view").get.call({}), TypeError);
  const bproto = ReadableByteStreamController.prototype;
  assertThrows(() => bproto.enqueue.call({}, new Uint8Array(1)), TypeError);
  assertThrows(() => bproto.close.call({}), TypeError);
  assertThrows(() => Object.getOwnPropertyDescriptor(bproto, "byobRequest").get.call({}), TypeError);
});

// ---- WPT readable-byte-streams/general.any.js: autoAllocateChunkSize
test("autoAllocate: a default read provides a byobRequest of the chunk size; respond gives the filled part", async () => {
  let pulls = 0;
  const rs = byteStream({
    autoAllocateChunkSize: 16,
    pull(c) {
      pulls++;
      const req = c.byobRequest;
      assert(req !== null);
      assertEquals(req.view.byteLength, 16);
      assertEquals(req.view.byteOffset, 0);
      req.view.set([pulls, pulls]);
      req.respond(2);
      if (pulls === 2) c.close();
    },
  });
  const reader = rs.getReader();
  const r1 = await reader.read();
  assertEquals(r1.value, bytes(1, 1));
  assertEquals(r1.value.buffer.byteLength, 16);
  assertEquals((await reader.read()).value, bytes(2, 2));
  assertEquals((await reader.read()).done, true);
});

test("autoAllocate: enqueue from pull also answers the auto-allocated request", async () => {
  const rs = byteStream({
    autoAllocateChunkSize: 8,
    pull(c) {
      c.enqueue(new Uint8Array([3, 2, 1]));
    },
  });
  assertEquals((await rs.getReader().read()).value, bytes(3, 2, 1));
});

test("autoAllocate: BYOB reads use the caller's view, not the auto size", async () => {
  const rs = byteStream({
    autoAllocateChunkSize: 8,
    pull(c) {
      assertEquals(c.byobRequest.view.byteLength, 3);
      c.byobRequest.respond(3);
    },
  });
  const reader = rs.getReader({ mode: "byob" });
  assertEquals((await reader.read(new Uint8Array(3))).value.byteLength, 3);
});

test("autoAllocate: without it a default read gives no byobRequest", async () => {
  let seen = "unset";
  const rs = byteStream({
    pull(c) {
      seen = c.byobRequest;
      c.enqueue(new Uint8Array([1]));
    },
  });
  await rs.getReader().read();
  assertEquals(seen, null);
});

test("releasing a BYOB reader mid-request keeps the filled bytes for the next reader", async () => {
  let ctl;
  const rs = byteStream({ start(c) { ctl = c; } });
  const reader = rs.getReader({ mode: "byob" });
  const p = reader.read(new Uint8Array(4));
  const req = ctl.byobRequest;
  reader.releaseLock();
  await assertRejects(p, TypeError);
  req.view.set([6, 5]);
  req.respond(2);
  const next = rs.getReader();
  assertEquals((await next.read()).value, bytes(6, 5));
});

// ---- WPT readable-byte-streams/tee.any.js
test("bytes tee: branches are byte streams usable with BYOB readers", async () => {
  const rs = byteStream({
    start(c) {
      c.enqueue(new Uint8Array([1, 2, 3]));
      c.close();
    },
  });
  const [a, b] = rs.tee();
  const ra = a.getReader({ mode: "byob" });
  const rb = b.getReader({ mode: "byob" });
  assertEquals((await ra.read(new Uint8Array(3))).value, bytes(1, 2, 3));
  assertEquals((await rb.read(new Uint8Array(3))).value, bytes(1, 2, 3));
  assertEquals((await ra.read(new Uint8Array(1))).done, true);
  assertEquals((await rb.read(new Uint8Array(1))).done, true);
});

test("bytes tee: the two branches get distinct buffers", async () => {
  const rs = byteStream({ start(c) { c.enqueue(new Uint8Array([1, 2])); c.close(); } });
  const [a, b] = rs.tee();
  const [x, y] = await Promise.all([a.getReader().read(), b.getReader().read()]);
  assert(x.value.buffer !== y.value.buffer);
  x.value[0] = 42;
  assertEquals(y.value, bytes(1, 2));
});

test("bytes tee: errors reach both branches", async () => {
  let ctl;
  const rs = byteStream({ start(c) { ctl = c; } });
  const [a, b] = rs.tee();
  const err = new Error("bytes tee");
  ctl.error(err);
  assert((await assertRejects(a.getReader({ mode: "byob" }).closed)) === err);
  assert((await assertRejects(b.getReader().closed)) === err);
});

test("bytes tee: cancelling both branches cancels the source with both reasons", async () => {
  let reason;
  const rs = byteStream({ cancel(r) { reason = r; } });
  const [a, b] = rs.tee();
  await Promise.all([a.cancel("x"), b.cancel("y")]);
  assertEquals(reason, ["x", "y"]);
});

test("bytes: async iteration of a byte stream yields Uint8Arrays", async () => {
  const rs = byteStream({
    start(c) {
      c.enqueue(new Uint8Array([1]));
      c.enqueue(new Uint16Array([0x0302]));
      c.close();
    },
  });
  const out = [];
  for await (const chunk of rs) {
    assert(chunk instanceof Uint8Array);
    out.push(...chunk);
  }
  assertEquals(out, [1, 2, 3]);
});

test("bytes: a Response can read a user byte stream", async () => {
  const rs = byteStream({
    start(c) {
      c.enqueue(new TextEncoder().encode("he"));
      c.enqueue(new TextEncoder().encode("llo"));
      c.close();
    },
  });
  assertEquals(await new Response(rs).text(), "hello");
});
