// pipeTo and pipeThrough, re-expressed from WPT streams/piping/.

function recordingWritable(log, extra = {}, strategy) {
  return new WritableStream({
    write(chunk) {
      log.push(`write:${chunk}`);
      if (extra.write) return extra.write(chunk);
    },
    close() {
      log.push("close");
      if (extra.close) return extra.close();
    },
    abort(reason) {
      log.push(`abort:${reason instanceof Error ? reason.message : reason}`);
      if (extra.abort) return extra.abort(reason);
    },
  }, strategy);
}

function sourceOf(chunks, extra = {}) {
  return new ReadableStream({
    start(c) {
      for (const chunk of chunks) c.enqueue(chunk);
      if (!extra.keepOpen) c.close();
    },
    cancel(reason) {
      if (extra.cancel) return extra.cancel(reason);
    },
  });
}

// ---- WPT piping/general.any.js
test("pipeTo: locks both streams while piping and unlocks after", async () => {
  const rs = sourceOf([1, 2]);
  const ws = new WritableStream();
  const p = rs.pipeTo(ws);
  assertEquals(rs.locked, true);
  assertEquals(ws.locked, true);
  await p;
  assertEquals(rs.locked, false);
  assertEquals(ws.locked, false);
});

test("pipeTo: resolves with undefined", async () => {
  assertEquals(await sourceOf(["a"]).pipeTo(new WritableStream()), undefined);
});

test("pipeTo: a locked source or a locked destination rejects with TypeError, touching neither", async () => {
  const log = [];
  const lockedSource = sourceOf([1]);
  lockedSource.getReader();
  const ws = recordingWritable(log);
  await assertRejects(lockedSource.pipeTo(ws), TypeError);
  assertEquals(ws.locked, false);

  let cancelled = false;
  const rs = sourceOf([1], { cancel: () => (cancelled = true) });
  const lockedDest = new WritableStream();
  lockedDest.getWriter();
  await assertRejects(rs.pipeTo(lockedDest), TypeError);
  assertEquals(rs.locked, false);
  assertEquals(cancelled, false);
  assertEquals(log, []);
});

test("pipeTo: argument checks reject instead of throwing", async () => {
  const rs = new ReadableStream();
  let p;
  p = rs.pipeTo();
  assert(p instanceof Promise);
  await assertRejects(p, TypeError);
  await assertRejects(rs.pipeTo(new ReadableStream()), TypeError);
  await assertRejects(rs.pipeTo(new WritableStream(), { signal: "no" }), TypeError);
  await assertRejects(ReadableStream.prototype.pipeTo.call({}, new WritableStream()), TypeError);
  assertEquals(rs.locked, false);
});

test("pipeTo: options are read in dictionary order: preventAbort, preventCancel, preventClose, signal", async () => {
  const seen = [];
  const options = {};
  for (const name of ["preventAbort", "preventCancel", "preventClose", "signal"]) {
    Object.defineProperty(options, name, {
      get() {
        seen.push(name);
        return undefined;
      },
    });
  }
  await sourceOf([]).pipeTo(new WritableStream(), options);
  assertEquals(seen, ["preventAbort", "preventCancel", "preventClose", "signal"]);
});

test("pipeTo: chunks arrive in order, then close", async () => {
  const log = [];
  await sourceOf(["a", "b", "c"]).pipeTo(recordingWritable(log));
  assertEquals(log, ["write:a", "write:b", "write:c", "close"]);
});

test("pipeTo: chunks enqueued later are piped as they come", async () => {
  let ctl;
  const log = [];
  const rs = new ReadableStream({ start(c) { ctl = c; } });
  const p = rs.pipeTo(recordingWritable(log));
  ctl.enqueue(1);
  await delay(5);
  assertEquals(log, ["write:1"]);
  ctl.enqueue(2);
  ctl.close();
  await p;
  assertEquals(log, ["write:1", "write:2", "close"]);
});

test("pipeTo: a pipe marks the source disturbed even when empty", async () => {
  const rs = sourceOf([]);
  await rs.pipeTo(new WritableStream());
  assertThrows(() => new Response(rs), TypeError);
});

// ---- WPT piping/close-propagation-forward.any.js
test("close forward: an already closed source closes the destination", async () => {
  const log = [];
  await sourceOf([]).pipeTo(recordingWritable(log));
  assertEquals(log, ["close"]);
});

test("close forward: preventClose leaves the destination open and usable", async () => {
  const log = [];
  const ws = recordingWritable(log);
  await sourceOf(["x"]).pipeTo(ws, { preventClose: true });
  assertEquals(log, ["write:x"]);
  const writer = ws.getWriter();
  await writer.write("y");
  await writer.close();
  assertEquals(log, ["write:x", "write:y", "close"]);
});

test("close forward: truthy/falsy preventClose values are converted", async () => {
  const log = [];
  await sourceOf([]).pipeTo(recordingWritable(log), { preventClose: "yes" });
  assertEquals(log, []);
  await sourceOf([]).pipeTo(recordingWritable(log), { preventClose: 0 });
  assertEquals(log, ["close"]);
});

test("close forward: a rejecting close rejects the pipe", async () => {
  const err = new Error("close failed");
  const log = [];
  const p = sourceOf([1]).pipeTo(recordingWritable(log, { close: () => Promise.reject(err) }));
  assert((await assertRejects(p)) === err);
  assertEquals(log, ["write:1", "close"]);
});

test("close forward: the pipe waits for pending writes before closing", async () => {
  const log = [];
  let release;
  const ws = recordingWritable(log, { write: () => new Promise((r) => (release = r)) });
  let done = false;
  const p = sourceOf(["slow"]).pipeTo(ws).then(() => (done = true));
  await delay(5);
  assertEquals(log, ["write:slow"]);
  assertEquals(done, false);
  release();
  await p;
  assertEquals(log, ["write:slow", "close"]);
});

// ---- WPT piping/error-propagation-forward.any.js
test("error forward: a source error aborts the destination and rejects with it", async () => {
  const err = new Error("src broke");
  const log = [];
  const rs = new ReadableStream({ start(c) { c.error(err); } });
  assert((await assertRejects(rs.pipeTo(recordingWritable(log)))) === err);
  assertEquals(log, ["abort:src broke"]);
});

test("error forward: errors after some chunks still deliver those chunks first", async () => {
  let ctl;
  const err = new Error("later");
  const log = [];
  const rs = new ReadableStream({ start(c) { ctl = c; } });
  const p = rs.pipeTo(recordingWritable(log));
  ctl.enqueue("a");
  await delay(5);
  ctl.error(err);
  assert((await assertRejects(p)) === err);
  assertEquals(log, ["write:a", "abort:later"]);
});

test("error forward: preventAbort leaves the destination writable and unlocked", async () => {
  const err = new Error("src");
  const log = [];
  const ws = recordingWritable(log);
  const rs = new ReadableStream({ start(c) { c.error(err); } });
  assert((await assertRejects(rs.pipeTo(ws, { preventAbort: true }))) === err);
  assertEquals(log, []);
  const writer = ws.getWriter();
  await writer.write("still");
  assertEquals(log, ["write:still"]);
});

test("error forward: an abort rejection replaces the pipe's error", async () => {
  const err = new Error("src");
  const abortErr = new Error("abort failed");
  const rs = new ReadableStream({ start(c) { c.error(err); } });
  const ws = new WritableStream({ abort: () => Promise.reject(abortErr) });
  assert((await assertRejects(rs.pipeTo(ws))) === abortErr);
});

// ---- WPT piping/error-propagation-backward.any.js
test("error backward: a destination error cancels the source with it", async () => {
  const err = new Error("dest broke");
  let reason;
  const rs = sourceOf([1], { keepOpen: true, cancel: (r) => (reason = r) });
  const ws = new WritableStream({ start(c) { c.error(err); } });
  assert((await assertRejects(rs.pipeTo(ws))) === err);
  assert(reason === err);
});

test("error backward: a failing write cancels the source", async () => {
  const err = new Error("write failed");
  let reason;
  let pulls = 0;
  const rs = new ReadableStream({
    pull(c) {
      pulls++;
      c.enqueue(pulls);
    },
    cancel(r) { reason = r; },
  });
  const ws = new WritableStream({
    write(chunk) {
      if (chunk === 2) throw err;
    },
  });
  assert((await assertRejects(rs.pipeTo(ws))) === err);
  assert(reason === err);
});

test("error backward: preventCancel keeps the source readable and unlocked", async () => {
  const err = new Error("dest");
  let cancelled = false;
  const rs = sourceOf(["a", "b"], { keepOpen: true, cancel: () => (cancelled = true) });
  const ws = new WritableStream({ write() { throw err; } });
  assert((await assertRejects(rs.pipeTo(ws, { preventCancel: true }))) === err);
  assertEquals(cancelled, false);
  assertEquals(rs.locked, false);
  // "a" was read by the pipe; "b" remains.
  assertEquals((await rs.getReader().read()).value, "b");
});

test("error backward: a cancel rejection replaces the pipe's error", async () => {
  const err = new Error("dest");
  const cancelErr = new Error("cancel failed");
  const rs = new ReadableStream({ cancel: () => Promise.reject(cancelErr) });
  const ws = new WritableStream({ start(c) { c.error(err); } });
  assert((await assertRejects(rs.pipeTo(ws))) === cancelErr);
});

// ---- WPT piping/close-propagation-backward.any.js
test("close backward: a closing destination cancels the source with a TypeError", async () => {
  let reason;
  const rs = new ReadableStream({ cancel(r) { reason = r; } });
  const ws = new WritableStream();
  const writer = ws.getWriter();
  writer.close();
  writer.releaseLock();
  await assertRejects(rs.pipeTo(ws), TypeError);
  assert(reason instanceof TypeError);
});

test("close backward: preventCancel with a closed destination rejects but leaves the source", async () => {
  let cancelled = false;
  const rs = new ReadableStream({ cancel() { cancelled = true; } });
  const ws = new WritableStream();
  await ws.close();
  await assertRejects(rs.pipeTo(ws, { preventCancel: true }), TypeError);
  assertEquals(cancelled, false);
  assertEquals(rs.locked, false);
});

// ---- WPT piping/multiple-propagation.any.js
const error1 = new Error("error1");
const error2 = new Error("error2");

async function erroredWritable() {
  const ws = new WritableStream({ start(c) { c.error(error2); } });
  const writer = ws.getWriter();
  assert((await assertRejects(writer.closed)) === error2);
  writer.releaseLock();
  return ws;
}

test("multiple: errored source, erroring destination: aborting an erroring stream gives its error", async () => {
  const log = [];
  const rs = new ReadableStream({ start(c) { c.error(error1); }, cancel() { log.push("cancel"); } });
  const ws = new WritableStream({ start(c) { c.error(error2); }, abort() { log.push("abort"); } });
  assert((await assertRejects(rs.pipeTo(ws))) === error2);
  assertEquals(log, []);
  assert((await assertRejects(rs.getReader().closed)) === error1);
  assert((await assertRejects(ws.getWriter().closed)) === error2);
});

test("multiple: errored source, errored destination: the source error wins", async () => {
  const rs = new ReadableStream({ start(c) { c.error(error1); } });
  const ws = await erroredWritable();
  assert((await assertRejects(rs.pipeTo(ws))) === error1);
});

test("multiple: errored source, erroring destination, preventAbort: the source error", async () => {
  const rs = new ReadableStream({ start(c) { c.error(error1); } });
  const ws = new WritableStream({ start(c) { c.error(error2); } });
  assert((await assertRejects(rs.pipeTo(ws, { preventAbort: true }))) === error1);
  assert((await assertRejects(ws.getWriter().closed)) === error2);
});

test("multiple: errored source, closing destination: abort wins over the queued close", async () => {
  const log = [];
  const rs = new ReadableStream({ start(c) { c.error(error1); } });
  const ws = recordingWritable(log);
  const writer = ws.getWriter();
  const closing = writer.close();
  writer.releaseLock();
  assert((await assertRejects(rs.pipeTo(ws))) === error1);
  assertEquals(log, ["abort:error1"]);
  assert((await assertRejects(closing)) === error1);
  assert((await assertRejects(ws.getWriter().closed)) === error1);
});

test("multiple: errored source, closed destination: rejects with the source error, no abort", async () => {
  const log = [];
  const rs = new ReadableStream({ start(c) { c.error(error1); } });
  const ws = recordingWritable(log);
  await ws.close();
  assert((await assertRejects(rs.pipeTo(ws))) === error1);
  assertEquals(log, ["close"]);
  await ws.getWriter().closed;
});

test("multiple: closed source, erroring or errored destination: the destination error", async () => {
  const rs1 = sourceOf([]);
  const ws1 = new WritableStream({ start(c) { c.error(error1); } });
  assert((await assertRejects(rs1.pipeTo(ws1))) === error1);
  await rs1.getReader().closed;
  const rs2 = sourceOf([]);
  assert((await assertRejects(rs2.pipeTo(await erroredWritable()))) === error2);
});

test("multiple: closed source, closed destination: the pipe resolves", async () => {
  const log = [];
  const ws = recordingWritable(log);
  const writer = ws.getWriter();
  writer.close();
  writer.releaseLock();
  await sourceOf([]).pipeTo(ws);
  assertEquals(log, ["close"]);
});

// ---- WPT piping/abort.any.js
test("signal: an aborted signal rejects at once with its reason; abort and cancel get it", async () => {
  const log = [];
  const reason = new Error("already aborted");
  let cancelReason;
  const rs = sourceOf(["a"], { keepOpen: true, cancel: (r) => (cancelReason = r) });
  const ws = recordingWritable(log);
  const e = await assertRejects(rs.pipeTo(ws, { signal: AbortSignal.abort(reason) }));
  assert(e === reason);
  assert(cancelReason === reason);
  assertEquals(log, ["abort:already aborted"], "no chunk is written");
});

test("signal: aborting without a reason gives an AbortError DOMException", async () => {
  const ac = new AbortController();
  const p = new ReadableStream().pipeTo(new WritableStream(), { signal: ac.signal });
  ac.abort();
  const e = await assertRejects(p, DOMException);
  assertEquals(e.name, "AbortError");
});

test("signal: abort mid-pipe stops writing, aborts the destination and cancels the source", async () => {
  const ac = new AbortController();
  const log = [];
  let ctl;
  let cancelReason;
  const rs = new ReadableStream({
    start(c) { ctl = c; },
    cancel(r) { cancelReason = r; },
  });
  const ws = recordingWritable(log);
  const p = rs.pipeTo(ws, { signal: ac.signal });
  ctl.enqueue("before");
  await delay(5);
  const reason = new Error("stop now");
  ac.abort(reason);
  assert((await assertRejects(p)) === reason);
  assertEquals(log, ["write:before", "abort:stop now"]);
  assert(cancelReason === reason);
  assertEquals(rs.locked, false);
  assertEquals(ws.locked, false);
});

test("signal: preventAbort and preventCancel with a signal touch neither stream", async () => {
  const ac = new AbortController();
  const log = [];
  let cancelled = false;
  const rs = new ReadableStream({ cancel() { cancelled = true; } });
  const ws = recordingWritable(log);
  const p = rs.pipeTo(ws, { signal: ac.signal, preventAbort: true, preventCancel: true });
  ac.abort("r");
  assertEquals(await assertRejects(p), "r");
  assertEquals(log, []);
  assertEquals(cancelled, false);
  assertEquals(rs.locked, false);
  assertEquals(ws.locked, false);
});

test("signal: only preventAbort: the source is cancelled, the destination untouched", async () => {
  const ac = new AbortController();
  const log = [];
  let cancelled = false;
  const rs = new ReadableStream({ cancel() { cancelled = true; } });
  const ws = recordingWritable(log);
  const p = rs.pipeTo(ws, { signal: ac.signal, preventAbort: true });
  ac.abort("r");
  await assertRejects(p);
  assertEquals(cancelled, true);
  assertEquals(log, []);
});

test("signal: the pipe waits for an in-flight write before aborting", async () => {
  const ac = new AbortController();
  const log = [];
  let release;
  const ws = recordingWritable(log, { write: () => new Promise((r) => (release = r)) });
  let ctl;
  const rs = new ReadableStream({ start(c) { ctl = c; } });
  const p = rs.pipeTo(ws, { signal: ac.signal });
  ctl.enqueue("w");
  await delay(5);
  ac.abort("late");
  await delay(5);
  assertEquals(log, ["write:w"], "abort waits for the write in flight");
  release();
  assertEquals(await assertRejects(p), "late");
  assertEquals(log, ["write:w", "abort:late"]);
});

test("signal: aborting after the pipe finished does nothing", async () => {
  const ac = new AbortController();
  const log = [];
  await sourceOf([1]).pipeTo(recordingWritable(log), { signal: ac.signal });
  ac.abort();
  await delay(0);
  assertEquals(log, ["write:1", "close"]);
});

test("signal: a rejecting abort() of the destination becomes the pipe's error", async () => {
  const ac = new AbortController();
  const abortErr = new Error("abort rejected");
  const ws = new WritableStream({ abort: () => Promise.reject(abortErr) });
  const p = new ReadableStream().pipeTo(ws, { signal: ac.signal });
  ac.abort("r");
  assert((await assertRejects(p)) === abortErr);
});

// ---- WPT piping/flow-control.any.js
test("flow control: the pipe does not read while the destination signals backpressure", async () => {
  let pulls = 0;
  const rs = new ReadableStream({
    pull(c) {
      pulls++;
      c.enqueue(pulls);
    },
  }, { highWaterMark: 0 });
  const releases = [];
  const ws = new WritableStream({
    write() {
      return new Promise((r) => releases.push(r));
    },
  }, { highWaterMark: 1 });
  rs.pipeTo(ws).catch(() => {});
  await delay(10);
  const stalled = pulls;
  assert(stalled <= 3, `pulled ${stalled} chunks while the first write is stuck`);
  await delay(10);
  assertEquals(pulls, stalled, "no more reads while stuck");
  releases[0]();
  await delay(10);
  assert(pulls > stalled, "reading resumes");
});

test("flow control: a pipe through a slow sink still delivers everything in order", async () => {
  const out = [];
  const data = Array.from({ length: 50 }, (_, i) => i);
  const ws = new WritableStream({
    async write(chunk) {
      if (chunk % 10 === 0) await delay(1);
      out.push(chunk);
    },
  }, new CountQueuingStrategy({ highWaterMark: 4 }));
  await ReadableStream.from(data).pipeTo(ws);
  assertEquals(out, data);
});

// ---- WPT piping/then-interception.any.js
test("pipeTo: a patched Object.prototype.then does not intercept the pipe's promises", async () => {
  let intercepted = 0;
  Object.prototype.then = function () {
    intercepted++;
  };
  try {
    const p = sourceOf(["x"]).pipeTo(new WritableStream());
    await delay(5);
    delete Object.prototype.then;
    await p;
  } finally {
    delete Object.prototype.then;
  }
  assertEquals(intercepted, 0);
});

// ---- WPT piping/pipe-through.any.js
test("pipeThrough: returns the pair's readable and pipes into its writable", async () => {
  const ts = new TransformStream();
  const rs = sourceOf(["p"]);
  const out = rs.pipeThrough(ts);
  assert(out === ts.readable);
  assertEquals(rs.locked, true);
  assertEquals(ts.writable.locked, true);
  assertEquals((await out.getReader().read()).value, "p");
});

test("pipeThrough: works with any {writable, readable} pair object", async () => {
  const log = [];
  const pair = { writable: recordingWritable(log), readable: new ReadableStream() };
  const result = sourceOf(["q"]).pipeThrough(pair);
  assert(result === pair.readable);
  await delay(5);
  assertEquals(log, ["write:q", "close"]);
});

test("pipeThrough: reads readable then writable (dictionary order), then the options", () => {
  const seen = [];
  const pair = {
    get writable() {
      seen.push("writable");
      return new WritableStream();
    },
    get readable() {
      seen.push("readable");
      return new ReadableStream();
    },
  };
  new ReadableStream().pipeThrough(pair, {
    get preventAbort() {
      seen.push("preventAbort");
      return false;
    },
  });
  assertEquals(seen, ["readable", "writable", "preventAbort"]);
});

test("pipeThrough: bad arguments throw synchronously", () => {
  const rs = new ReadableStream();
  assertThrows(() => rs.pipeThrough(), TypeError);
  assertThrows(() => rs.pipeThrough({ readable: new ReadableStream() }), TypeError);
  assertThrows(() => rs.pipeThrough({ writable: new WritableStream() }), TypeError);
  assertThrows(() => rs.pipeThrough({ writable: new WritableStream(), readable: {} }), TypeError);
  assertThrows(() => rs.pipeThrough({ writable: {}, readable: new ReadableStream() }), TypeError);
  assertThrows(() => rs.pipeThrough(new TransformStream(), { signal: 1 }), TypeError);
  assertThrows(() => ReadableStream.prototype.pipeThrough.call({}, new TransformStream()), TypeError);
  assertEquals(rs.locked, false);
});

test("pipeThrough: a locked source or locked writable throws TypeError", () => {
  const rs = new ReadableStream();
  rs.getReader();
  assertThrows(() => rs.pipeThrough(new TransformStream()), TypeError);
  const ts = new TransformStream();
  ts.writable.getWriter();
  assertThrows(() => new ReadableStream().pipeThrough(ts), TypeError);
});

test("pipeThrough: the pipe's promise is marked handled (no unhandled rejection)", async () => {
  const err = new Error("quiet");
  const rs = new ReadableStream({ start(c) { c.error(err); } });
  const out = rs.pipeThrough(new TransformStream());
  assert((await assertRejects(out.getReader().read())) === err);
  await delay(5);
});

test("pipeThrough: options reach the inner pipe (preventClose)", async () => {
  const ts = new TransformStream();
  const out = sourceOf(["z"]).pipeThrough(ts, { preventClose: true });
  const reader = out.getReader();
  assertEquals((await reader.read()).value, "z");
  let closed = false;
  reader.closed.then(() => (closed = true));
  await delay(10);
  assertEquals(closed, false, "the transform's writable was not closed");
});

test("pipeThrough: a chain of transforms", async () => {
  const double = () => new TransformStream({ transform(chunk, c) { c.enqueue(chunk * 2); } });
  const rs = ReadableStream.from([1, 2, 3]).pipeThrough(double()).pipeThrough(double());
  const out = [];
  for await (const x of rs) out.push(x);
  assertEquals(out, [4, 8, 12]);
});

test("pipeThrough: a signal aborts the whole chain", async () => {
  const ac = new AbortController();
  let cancelled;
  const rs = new ReadableStream({ cancel(r) { cancelled = r; } });
  const out = rs.pipeThrough(new TransformStream(), { signal: ac.signal });
  ac.abort("chain");
  await assertRejects(out.getReader().read());
  assertEquals(cancelled, "chain");
});

test("pipeTo: a byte stream pipes into a writable as Uint8Arrays", async () => {
  const rs = new ReadableStream({
    type: "bytes",
    start(c) {
      c.enqueue(new Uint8Array([1, 2]));
      c.enqueue(new Uint8Array([3]));
      c.close();
    },
  });
  const got = [];
  await rs.pipeTo(new WritableStream({ write(chunk) { got.push(chunk); } }));
  assertEquals(got, [bytes(1, 2), bytes(3)]);
});
