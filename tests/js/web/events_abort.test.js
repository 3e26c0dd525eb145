// DOMException, Event/EventTarget/CustomEvent, AbortController/AbortSignal.
// Cases adapted from WPT webidl/ecmascript-binding/es-exceptions/DOMException-*.any.js,
// dom/events/Event*.any.js, dom/events/EventTarget-*.any.js and dom/abort/*.any.js.

test("DOMException: names, codes, constants", () => {
  const e = new DOMException("msg", "NotFoundError");
  assertEquals(e.name, "NotFoundError");
  assertEquals(e.message, "msg");
  assertEquals(e.code, 8);
  assertEquals(new DOMException("x", "AbortError").code, 20);
  assertEquals(new DOMException("x", "TimeoutError").code, 23);
  assertEquals(new DOMException("x", "NoSuchName").code, 0);
  const d = new DOMException();
  assertEquals(d.name, "Error");
  assertEquals(d.message, "");
  assertEquals(DOMException.ABORT_ERR, 20);
  assertEquals(DOMException.prototype.INVALID_CHARACTER_ERR, 5);
  assert(e instanceof Error);
  assertEquals(String(e), "NotFoundError: msg");
  assertEquals(Object.prototype.toString.call(e), "[object DOMException]");
  assertEquals(Object.keys(e), []);
  assertThrows(() => Object.getOwnPropertyDescriptor(DOMException.prototype, "code").get.call({}), TypeError);
  assert(e.stack.startsWith("NotFoundError: msg"));
});

test("Event: basic properties", () => {
  const e = new Event("x", { bubbles: true, cancelable: true });
  assertEquals(e.type, "x");
  assertEquals(e.bubbles, true);
  assertEquals(e.cancelable, true);
  assertEquals(e.defaultPrevented, false);
  assertEquals(e.isTrusted, false);
  assertEquals(e.eventPhase, Event.NONE);
  assertEquals(e.target, null);
  e.preventDefault();
  assertEquals(e.defaultPrevented, true);
  assertEquals(e.returnValue, false);
  assertThrows(() => new Event(), TypeError);
  assert(Object.getOwnPropertyDescriptor(e, "isTrusted").get !== undefined);
  const n = new Event("y");
  n.preventDefault();
  assertEquals(n.defaultPrevented, false, "not cancelable");
});

test("EventTarget: listeners, order, this, target", () => {
  const t = new EventTarget();
  const calls = [];
  function a(ev) {
    calls.push(["a", this === t, ev.target === t, ev.currentTarget === t, ev.eventPhase]);
  }
  t.addEventListener("x", a);
  t.addEventListener("x", a); // duplicate ignored
  t.addEventListener("x", { handleEvent(ev) { calls.push(["obj", this !== t]); } });
  t.addEventListener("x", () => calls.push(["capture"]), { capture: true });
  assertEquals(t.dispatchEvent(new Event("x")), true);
  assertEquals(calls, [["capture"], ["a", true, true, true, 2], ["obj", true]]);
  t.removeEventListener("x", a);
  calls.length = 0;
  const ev = new Event("x");
  t.dispatchEvent(ev);
  assertEquals(calls.length, 2);
  assert(ev.target === t);
  assertEquals(ev.currentTarget, null);
  assertEquals(ev.eventPhase, 0);
});

test("EventTarget: once, passive, signal, stopImmediatePropagation", () => {
  const t = new EventTarget();
  let n = 0;
  t.addEventListener("x", () => n++, { once: true });
  t.dispatchEvent(new Event("x"));
  t.dispatchEvent(new Event("x"));
  assertEquals(n, 1);

  t.addEventListener("p", (e) => e.preventDefault(), { passive: true });
  assertEquals(t.dispatchEvent(new Event("p", { cancelable: true })), true);
  t.addEventListener("c", (e) => e.preventDefault());
  assertEquals(t.dispatchEvent(new Event("c", { cancelable: true })), false);

  const ac = new AbortController();
  let m = 0;
  t.addEventListener("s", () => m++, { signal: ac.signal });
  t.dispatchEvent(new Event("s"));
  ac.abort();
  t.dispatchEvent(new Event("s"));
  assertEquals(m, 1);
  t.addEventListener("s", () => m++, { signal: ac.signal });
  t.dispatchEvent(new Event("s"));
  assertEquals(m, 1, "already-aborted signal adds nothing");
  assertThrows(() => t.addEventListener("s", () => {}, { signal: 1 }), TypeError);

  const order = [];
  t.addEventListener("i", (e) => { order.push(1); e.stopImmediatePropagation(); });
  t.addEventListener("i", () => order.push(2));
  t.dispatchEvent(new Event("i"));
  assertEquals(order, [1]);
});

test("EventTarget: errors and re-dispatch", () => {
  // The listener's error is reported to the runtime as uncaught, not thrown.
  expectUncaught(/listener error is reported, not thrown/);
  const t = new EventTarget();
  let after = false;
  t.addEventListener("x", () => { throw new Error("listener error is reported, not thrown"); });
  t.addEventListener("x", () => { after = true; });
  t.dispatchEvent(new Event("x"));
  assert(after);
  const e = new Event("y");
  t.addEventListener("y", () => assertThrows(() => t.dispatchEvent(e), "InvalidStateError"));
  t.dispatchEvent(e);
  assertThrows(() => t.dispatchEvent({ type: "x" }), TypeError);
  assertThrows(() => EventTarget.prototype.addEventListener.call({}, "x", null), TypeError);
});

test("CustomEvent: detail", () => {
  const e = new CustomEvent("c", { detail: { a: 1 } });
  assertEquals(e.detail, { a: 1 });
  assertEquals(new CustomEvent("c").detail, null);
  assert(e instanceof Event);
});

test("AbortController: abort() with default and custom reasons", () => {
  const ac = new AbortController();
  const s = ac.signal;
  assert(s === ac.signal);
  let fired = 0;
  let viaProp = 0;
  s.addEventListener("abort", (e) => {
    fired++;
    assertEquals(e.isTrusted, true);
  });
  s.onabort = () => viaProp++;
  ac.abort();
  ac.abort("again");
  assertEquals(fired, 1);
  assertEquals(viaProp, 1);
  assertEquals(s.aborted, true);
  assertEquals(s.reason.name, "AbortError");
  assert(s.reason instanceof DOMException);
  assertThrows(() => s.throwIfAborted(), "AbortError");
  const ac2 = new AbortController();
  ac2.abort("why");
  assertEquals(ac2.signal.reason, "why");
  assertThrows(() => new AbortSignal(), TypeError);
});

test("AbortSignal.abort and throwIfAborted", () => {
  const s = AbortSignal.abort();
  assertEquals(s.aborted, true);
  assertEquals(s.reason.name, "AbortError");
  const r = new Error("r");
  try {
    AbortSignal.abort(r).throwIfAborted();
  } catch (e) {
    assert(e === r);
  }
  new AbortController().signal.throwIfAborted();
});

test("AbortSignal.timeout", async () => {
  const s = AbortSignal.timeout(5);
  assertEquals(s.aborted, false);
  await new Promise((res) => s.addEventListener("abort", res));
  assertEquals(s.reason.name, "TimeoutError");
  assertThrows(() => AbortSignal.timeout(-1), TypeError);
});

// WPT dom/abort/abort-signal-any.any.js
test("AbortSignal.any", () => {
  const a = new AbortController();
  const b = new AbortController();
  const any = AbortSignal.any([a.signal, b.signal]);
  const nested = AbortSignal.any([any]);
  let fired = 0;
  any.addEventListener("abort", () => {
    fired++;
    assertEquals(nested.aborted, true, "dependents are aborted before events fire");
  });
  b.abort("b");
  assertEquals(any.aborted, true);
  assertEquals(any.reason, "b");
  assertEquals(nested.reason, "b");
  a.abort("a");
  assertEquals(any.reason, "b");
  assertEquals(fired, 1);
  const pre = AbortSignal.any([new AbortController().signal, AbortSignal.abort("x")]);
  assertEquals(pre.reason, "x");
  assertEquals(AbortSignal.any([]).aborted, false);
  assertThrows(() => AbortSignal.any([{}]), TypeError);
});
