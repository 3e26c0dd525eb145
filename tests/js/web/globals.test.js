// Worker-scope globals: self, queueMicrotask, reportError, navigator.
// Cases adapted from WPT html/webappapis/microtask-queuing/queue-microtask.any.js,
// queue-microtask-exceptions.any.js, html/webappapis/scripting/reporterror.any.js
// and html/webappapis/system-state-and-capabilities/the-navigator-object/.

test("self is the global object", () => {
  assert(self === globalThis);
  assert(self.self === self);
  assertEquals(typeof self.setTimeout, "function");
  assert(self.queueMicrotask === queueMicrotask);
});

// WPT queue-microtask.any.js
test("queueMicrotask: is a function of length 1 returning undefined", async () => {
  assertEquals(typeof queueMicrotask, "function");
  assertEquals(queueMicrotask.length, 1);
  let ran = false;
  assertEquals(queueMicrotask(() => { ran = true; }), undefined);
  assertEquals(ran, false, "not run synchronously");
  await null;
  assertEquals(ran, true);
});

// WPT queue-microtask.any.js: argument checks
test("queueMicrotask: a non-function is a TypeError", () => {
  for (const bad of [undefined, null, 0, "() => {}", {}, { call() {} }, Symbol("s"), 1n]) {
    assertThrows(() => queueMicrotask(bad), TypeError);
  }
  assertThrows(() => queueMicrotask(), TypeError);
});

// WPT queue-microtask.any.js: interleaving with promise jobs
test("queueMicrotask: interleaves with promise reactions in FIFO order", async () => {
  const order = [];
  Promise.resolve().then(() => order.push("p1"));
  queueMicrotask(() => order.push("q1"));
  Promise.resolve().then(() => order.push("p2"));
  queueMicrotask(() => {
    order.push("q2");
    queueMicrotask(() => order.push("q2-nested"));
  });
  order.push("sync");
  await new Promise((resolve) => setTimeout(resolve, 0));
  assertEquals(order, ["sync", "p1", "q1", "p2", "q2", "q2-nested"]);
});

test("queueMicrotask: runs before any timer, even a zero-delay one", async () => {
  const order = [];
  setTimeout(() => order.push("timeout"), 0);
  queueMicrotask(() => order.push("micro"));
  await delay(10);
  assertEquals(order, ["micro", "timeout"]);
});

// WPT queue-microtask.any.js: the callback gets no arguments and an undefined this
test("queueMicrotask: callback called with no arguments and undefined this", async () => {
  const seen = await new Promise((resolve) => {
    queueMicrotask(function () {
      "use strict";
      resolve({ count: arguments.length, self: this });
    });
  });
  assertEquals(seen, { count: 0, self: undefined });
});

// WPT queue-microtask-exceptions.any.js
test("queueMicrotask: a throwing callback is reported; the queue goes on", async () => {
  expectUncaught(/microtask threw on purpose/);
  let after = false;
  queueMicrotask(() => {
    throw new Error("microtask threw on purpose");
  });
  queueMicrotask(() => { after = true; });
  await delay(0);
  assertEquals(after, true);
});

// WPT reporterror.any.js
test("reportError: reports an Error as uncaught and returns", () => {
  expectUncaught(/reported on purpose/);
  assertEquals(reportError(new TypeError("reported on purpose")), undefined);
});

// WPT reporterror.any.js: any value may be reported
// (one report per turn: the test runner fails on the first of a turn's reports)
test("reportError: non-Error values are reported too", async () => {
  expectUncaught(/1234/);
  expectUncaught(/plain string reported/);
  reportError(1234);
  await delay(0);
  reportError("plain string reported");
});

// WPT reporterror.any.js: "self.reportError() (without arguments) throws"
test("reportError: no argument is a TypeError", () => {
  assertThrows(() => reportError(), TypeError);
  assertEquals(reportError.length, 1);
});

test("reportError: undefined is a value like any other", () => {
  expectUncaught(/undefined/);
  reportError(undefined);
});

test("navigator.userAgent", () => {
  assertEquals(typeof navigator.userAgent, "string");
  assert(navigator.userAgent.length > 0);
  assertMatch(navigator.userAgent, /^NANO\/\d+\.\d+\.\d+/);
  assert(navigator.userAgent === navigator.userAgent);
  assert(navigator instanceof Navigator);
  assertEquals(Object.prototype.toString.call(navigator), "[object Navigator]");
  assertThrows(() => new Navigator(), TypeError);
  const get = Object.getOwnPropertyDescriptor(Navigator.prototype, "userAgent").get;
  assertThrows(() => get.call({}), TypeError);
  assertEquals(Object.prototype.hasOwnProperty.call(navigator, "userAgent"), false);
});

// HTML: navigator.hardwareConcurrency, an unsigned long long of at least 1
// (WPT html/webappapis/system-state-and-capabilities/the-navigator-object/navigator-hardwareConcurrency).
test("navigator.hardwareConcurrency", () => {
  const n = navigator.hardwareConcurrency;
  assertEquals(typeof n, "number");
  assert(Number.isInteger(n) && n >= 1, `${n} is a positive integer`);
  const desc = Object.getOwnPropertyDescriptor(Navigator.prototype, "hardwareConcurrency");
  assertEquals(typeof desc.get, "function");
  assertEquals(desc.set, undefined);
  assertEquals(desc.enumerable, true);
  assertThrows(() => desc.get.call({}), TypeError);
  assertEquals(Object.prototype.hasOwnProperty.call(navigator, "hardwareConcurrency"), false);
});

// WPT reporterror.any.js: "self.reportError() doesn't invoke getters"
test("reportError: does not call getters on the reported object", () => {
  expectUncaught(/./);
  let invoked = [];
  reportError({
    get name() { invoked.push("name"); return "N"; },
    get message() { invoked.push("message"); return "M"; },
    get fileName() { invoked.push("fileName"); return "F"; },
    get lineNumber() { invoked.push("lineNumber"); return 1; },
  });
  assertEquals(invoked, []);
});

// URLPattern, the compression streams, Buffer, HTMLRewriter, the Cache API and WebSockets are loaded on first use; once read
// (or assigned) they are the data properties WebIDL describes.
test("a global loaded on first use can be assigned before it is read", () => {
  globalThis.CompressionStream = 1;
  assertEquals(CompressionStream, 1);
  const d = Object.getOwnPropertyDescriptor(globalThis, "CompressionStream");
  assert(d.value === 1 && d.writable && !d.enumerable && d.configurable);
  assertEquals(new DecompressionStream("gzip").readable instanceof ReadableStream, true);
});

test("a global loaded on first use is a data property once read", () => {
  for (const name of ["URLPattern", "DecompressionStream", "Buffer", "HTMLRewriter", "Cache", "CacheStorage", "WebSocketPair", "CloseEvent"]) {
    assertEquals(Object.keys(globalThis).includes(name), false, name);
    const value = globalThis[name];
    assertEquals(typeof value, "function");
    assertEquals(value.name, name);
    const d = Object.getOwnPropertyDescriptor(globalThis, name);
    assert(d.value === value && d.writable && !d.enumerable && d.configurable, name);
    assert(globalThis[name] === value, name);
  }
  assertThrows(() => structuredClone(new URLPattern({ pathname: "/a" })), DOMException);
});

test("caches is a data property once read", () => {
  assertEquals(Object.keys(globalThis).includes("caches"), false);
  const value = caches;
  const d = Object.getOwnPropertyDescriptor(globalThis, "caches");
  assert(d.value === value && d.writable && !d.enumerable && d.configurable);
  assertThrows(() => structuredClone(caches.default), DOMException);
});

// NANO's JavaScript is held as external strings over the binary's bytes;
// V8 still reads a function's source from there.
test("a function of NANO's own shows its source", () => {
  assert(String(reportError).startsWith("function reportError(error) {"));
  assert(String(URLPattern).startsWith("class URLPattern {"));
});
