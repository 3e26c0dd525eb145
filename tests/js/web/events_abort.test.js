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

// ---------------------------------------------------------------- Event

// WPT dom/events/Event-constructors.any.js
test("Event: constructor type conversion and defaults", () => {
  assertEquals(new Event("").type, "");
  assertEquals(new Event(undefined).type, "undefined");
  assertEquals(new Event(null).type, "null");
  assertEquals(new Event(1).type, "1");
  assertEquals(new Event({ toString: () => "custom" }).type, "custom");
  assertThrows(() => new Event(Symbol("s")), TypeError);
  const e = new Event("test");
  assertEquals([e.bubbles, e.cancelable, e.composed, e.defaultPrevented, e.returnValue],
    [false, false, false, false, true]);
  assertEquals([e.cancelBubble, e.isTrusted, e.eventPhase, e.target, e.currentTarget, e.srcElement],
    [false, false, 0, null, null, null]);
  assertEquals(e.composedPath(), []);
});

// WPT dom/events/Event-constructors.any.js: the init dictionary
test("Event: init dictionary conversions", () => {
  for (const init of [undefined, null, {}]) {
    const e = new Event("x", init);
    assertEquals([e.bubbles, e.cancelable, e.composed], [false, false, false]);
  }
  const truthy = new Event("x", { bubbles: 1, cancelable: "yes", composed: {} });
  assertEquals([truthy.bubbles, truthy.cancelable, truthy.composed], [true, true, true]);
  const inherited = new Event("x", Object.create({ bubbles: true }));
  assertEquals(inherited.bubbles, true, "inherited members are read");
  for (const bad of [1, "s", true]) assertThrows(() => new Event("x", bad), TypeError);
  const read = [];
  new Event("x", {
    get bubbles() { read.push("bubbles"); return false; },
    get cancelable() { read.push("cancelable"); return false; },
    get composed() { read.push("composed"); return false; },
  });
  assertEquals(read, ["bubbles", "cancelable", "composed"], "dictionary members are read in order");
});

// WPT dom/events/Event-constructors.any.js: called as a function
test("Event: constructors require new and one argument", () => {
  assertThrows(() => Event("x"), TypeError);
  assertThrows(() => CustomEvent("x"), TypeError);
  assertThrows(() => new CustomEvent(), TypeError);
  assertThrows(() => new EventTarget.prototype.constructor.call({}), TypeError);
});

// WPT dom/events/Event-subclasses-constructors.html (the parts a worker has)
test("Event: subclasses keep their own fields", () => {
  class MyEvent extends Event {
    constructor(type, init) {
      super(type, init);
      this.extra = init.extra;
    }
  }
  const e = new MyEvent("mine", { cancelable: true, extra: 7 });
  assert(e instanceof Event);
  assertEquals([e.type, e.cancelable, e.extra], ["mine", true, 7]);
  const t = new EventTarget();
  let seen = null;
  t.addEventListener("mine", (ev) => { seen = ev; });
  t.dispatchEvent(e);
  assert(seen === e);
});

// WPT dom/events/Event-constants.any.js
test("Event: phase constants", () => {
  const names = ["NONE", "CAPTURING_PHASE", "AT_TARGET", "BUBBLING_PHASE"];
  for (let i = 0; i < names.length; i++) {
    assertEquals(Event[names[i]], i);
    assertEquals(Event.prototype[names[i]], i);
    assertEquals(new Event("x")[names[i]], i);
    const d = Object.getOwnPropertyDescriptor(Event, names[i]);
    assertEquals([d.writable, d.enumerable, d.configurable], [false, true, false]);
  }
});

// WPT dom/events/Event-defaultPrevented.any.js
test("Event: defaultPrevented follows preventDefault only when cancelable", () => {
  const t = new EventTarget();
  const ev = new Event("foo", { cancelable: false });
  ev.preventDefault();
  assertEquals(ev.defaultPrevented, false, "before dispatch, not cancelable");
  const c = new Event("foo", { cancelable: true });
  c.preventDefault();
  assertEquals(c.defaultPrevented, true, "before dispatch, cancelable");
  // preventDefault before dispatch: dispatch reports it.
  assertEquals(t.dispatchEvent(c), false);
  assertEquals(c.defaultPrevented, true, "stays set after dispatch");
  let inListener;
  t.addEventListener("bar", (e) => {
    e.preventDefault();
    inListener = e.defaultPrevented;
  });
  const b = new Event("bar", { cancelable: true });
  assertEquals(t.dispatchEvent(b), false);
  assertEquals(inListener, true);
  assertEquals(b.defaultPrevented, true);
  const u = new Event("bar");
  assertEquals(t.dispatchEvent(u), true, "a non-cancelable event cannot be canceled");
  assertEquals(u.defaultPrevented, false);
});

// WPT dom/events/Event-returnValue.any.js
test("Event: returnValue", () => {
  const e = new Event("x", { cancelable: true });
  assertEquals(e.returnValue, true);
  e.returnValue = true;
  assertEquals(e.defaultPrevented, false, "setting true does nothing");
  e.returnValue = false;
  assertEquals([e.returnValue, e.defaultPrevented], [false, true]);
  e.returnValue = true;
  assertEquals([e.returnValue, e.defaultPrevented], [false, true], "cannot be undone");
  const n = new Event("x");
  n.returnValue = false;
  assertEquals([n.returnValue, n.defaultPrevented], [true, false], "not cancelable");
  const z = new Event("x", { cancelable: true });
  z.returnValue = 0;
  assertEquals(z.defaultPrevented, true, "falsy values cancel");
});

// WPT dom/events/Event-cancelBubble.html (the event-only parts)
test("Event: cancelBubble and stopPropagation", () => {
  const e = new Event("x");
  e.cancelBubble = false;
  assertEquals(e.cancelBubble, false);
  e.cancelBubble = true;
  assertEquals(e.cancelBubble, true);
  e.cancelBubble = false;
  assertEquals(e.cancelBubble, true, "cannot be unset");
  const s = new Event("x");
  s.stopPropagation();
  assertEquals(s.cancelBubble, true);
  const i = new Event("x");
  i.stopImmediatePropagation();
  assertEquals(i.cancelBubble, true);
});

// WPT dom/events/Event-propagation.html: a stopped event runs no listeners, and the flag resets
test("Event: stopPropagation before dispatch skips the listeners once", () => {
  const t = new EventTarget();
  let calls = 0;
  t.addEventListener("x", () => calls++);
  t.addEventListener("x", () => calls++, true);
  const e = new Event("x");
  e.stopPropagation();
  t.dispatchEvent(e);
  assertEquals(calls, 0);
  assertEquals(e.cancelBubble, false, "cleared at the end of dispatch");
  t.dispatchEvent(e);
  assertEquals(calls, 2, "a redispatch runs them");
});

test("Event: stopPropagation inside a listener still runs the rest on this target", () => {
  const t = new EventTarget();
  const order = [];
  t.addEventListener("x", (e) => { order.push(1); e.stopPropagation(); });
  t.addEventListener("x", () => order.push(2));
  t.dispatchEvent(new Event("x"));
  assertEquals(order, [1, 2]);
  // The capture and the bubbling listeners at the target are two invocations:
  // stopPropagation() in the first skips the second.
  const u = new EventTarget();
  const log = [];
  u.addEventListener("y", () => log.push("bubble"));
  u.addEventListener("y", (e) => { log.push("capture-1"); e.stopPropagation(); }, true);
  u.addEventListener("y", () => log.push("capture-2"), true);
  u.dispatchEvent(new Event("y"));
  assertEquals(log, ["capture-1", "capture-2"]);
});

// WPT dom/events/Event-stopImmediatePropagation.html
test("Event: stopImmediatePropagation stops capture-phase and later listeners", () => {
  const t = new EventTarget();
  const order = [];
  t.addEventListener("x", (e) => { order.push("capture"); e.stopImmediatePropagation(); }, true);
  t.addEventListener("x", () => order.push("bubble"));
  const e = new Event("x");
  t.dispatchEvent(e);
  assertEquals(order, ["capture"]);
  t.dispatchEvent(e);
  assertEquals(order, ["capture", "capture"], "the flag resets after dispatch");
});

// WPT dom/events/Event-dispatch-redispatch.html, EventTarget-dispatchEvent.html
test("Event: target, currentTarget, eventPhase and composedPath during and after dispatch", () => {
  const t = new EventTarget();
  const e = new Event("x");
  let during;
  t.addEventListener("x", (ev) => {
    during = [ev.target === t, ev.currentTarget === t, ev.srcElement === t, ev.eventPhase, ev.composedPath()];
  });
  t.dispatchEvent(e);
  assertEquals(during, [true, true, true, Event.AT_TARGET, [t]]);
  assert(e.target === t, "target stays");
  assertEquals([e.currentTarget, e.eventPhase], [null, Event.NONE]);
  assertEquals(e.composedPath(), [], "empty once dispatch is over");
});

// WPT dom/events/Event-isTrusted.any.js
test("Event: isTrusted is an unforgeable own accessor", () => {
  const a = new Event("x");
  const b = new Event("y");
  const da = Object.getOwnPropertyDescriptor(a, "isTrusted");
  const db = Object.getOwnPropertyDescriptor(b, "isTrusted");
  assertEquals(typeof da.get, "function");
  assertEquals(da.set, undefined);
  assertEquals([da.enumerable, da.configurable], [true, false]);
  assert(da.get === db.get, "the same getter on every event");
  assertEquals(Object.prototype.hasOwnProperty.call(Event.prototype, "isTrusted"), false);
  assertThrows(() => Object.defineProperty(a, "isTrusted", { value: true }), TypeError);
  assertEquals(a.isTrusted, false);
});

// WPT dom/events/Event-timestamp-high-resolution.html: a DOMHighResTimeStamp
test("Event: timeStamp is on the performance.now() clock", () => {
  const before = performance.now();
  const e = new Event("x");
  const after = performance.now();
  assert(e.timeStamp >= before && e.timeStamp <= after, `${before} <= ${e.timeStamp} <= ${after}`);
});

// WPT dom/events/Event-initEvent.html
test("Event: initEvent resets the flags, not during dispatch", () => {
  const e = new Event("a", { cancelable: true });
  e.preventDefault();
  e.stopPropagation();
  e.initEvent("b", true, false);
  assertEquals([e.type, e.bubbles, e.cancelable, e.defaultPrevented, e.cancelBubble], ["b", true, false, false, false]);
  e.initEvent("c");
  assertEquals([e.type, e.bubbles, e.cancelable], ["c", false, false]);
  assertThrows(() => e.initEvent(), TypeError);
  const t = new EventTarget();
  const ev = new Event("x");
  t.addEventListener("x", () => ev.initEvent("changed", true, true));
  t.dispatchEvent(ev);
  assertEquals([ev.type, ev.bubbles], ["x", false], "ignored while dispatching");
});

test("Event: accessors and methods check their receiver", () => {
  for (const key of ["type", "target", "currentTarget", "eventPhase", "bubbles", "cancelable",
    "defaultPrevented", "composed", "timeStamp", "returnValue", "cancelBubble"]) {
    const get = Object.getOwnPropertyDescriptor(Event.prototype, key).get;
    assertThrows(() => get.call({}), TypeError, undefined);
  }
  assertThrows(() => Event.prototype.preventDefault.call({}), TypeError);
  assertThrows(() => Event.prototype.stopPropagation.call({}), TypeError);
  assertThrows(() => Event.prototype.composedPath.call({}), TypeError);
  assertThrows(() => Event.prototype.type, TypeError);
  assertEquals(Object.prototype.toString.call(new Event("x")), "[object Event]");
  assertEquals(Object.prototype.toString.call(new CustomEvent("x")), "[object CustomEvent]");
  assertEquals(Object.prototype.toString.call(new EventTarget()), "[object EventTarget]");
});

// WPT dom/events/CustomEvent.html, Event-constructors.any.js
test("CustomEvent: detail and initCustomEvent", () => {
  const t = new EventTarget();
  const detail = { nested: [1] };
  let got;
  t.addEventListener("c", (e) => { got = e.detail; });
  t.dispatchEvent(new CustomEvent("c", { detail }));
  assert(got === detail, "detail is the same object, not a copy");
  assertEquals(new CustomEvent("c", { detail: 0 }).detail, 0);
  assertEquals(new CustomEvent("c", { detail: undefined }).detail, null);
  assertEquals(new CustomEvent("c", { bubbles: true }).bubbles, true);
  const e = new CustomEvent("c");
  e.initCustomEvent("d", true, true, "payload");
  assertEquals([e.type, e.bubbles, e.cancelable, e.detail], ["d", true, true, "payload"]);
  assertThrows(() => Object.getOwnPropertyDescriptor(CustomEvent.prototype, "detail").get.call(new Event("x")), TypeError);
  assert(Object.getPrototypeOf(CustomEvent.prototype) === Event.prototype);
});

// ---------------------------------------------------------------- EventTarget

// WPT dom/events/EventTarget-constructible.any.js
test("EventTarget: constructible and subclassable", () => {
  const t = new EventTarget();
  assertThrows(() => EventTarget(), TypeError);
  class Sub extends EventTarget {
    fire() {
      return this.dispatchEvent(new Event("fire", { cancelable: true }));
    }
  }
  const s = new Sub();
  let self = null;
  s.addEventListener("fire", function (e) {
    self = this;
    e.preventDefault();
  });
  assertEquals(s.fire(), false);
  assert(self === s);
  assert(t instanceof EventTarget);
});

// WPT dom/events/EventTarget-addEventListener.any.js, EventTarget-removeEventListener.any.js
test("EventTarget: null listeners and unknown removals are no-ops", () => {
  const t = new EventTarget();
  assertEquals(t.addEventListener("x", null), undefined);
  assertEquals(t.removeEventListener("x", null), undefined);
  t.removeEventListener("never-added", () => {});
  t.removeEventListener("x", () => {}, { capture: true });
  assertEquals(t.dispatchEvent(new Event("x")), true);
  assertThrows(() => t.addEventListener("x"), TypeError);
  assertThrows(() => t.removeEventListener("x"), TypeError);
  assertThrows(() => t.addEventListener("x", 5), TypeError);
  assertThrows(() => t.addEventListener("x", "fn"), TypeError);
  assertThrows(() => t.dispatchEvent(), TypeError);
  assertThrows(() => t.dispatchEvent(null), TypeError);
});

// WPT dom/events/EventListener-handleEvent.html
test("EventTarget: handleEvent is looked up at dispatch time", () => {
  expectUncaught(/handleEvent/);
  const t = new EventTarget();
  const calls = [];
  const listener = {};
  t.addEventListener("x", listener);
  listener.handleEvent = function (e) {
    calls.push(["first", this === listener, e.type]);
  };
  t.dispatchEvent(new Event("x"));
  listener.handleEvent = () => calls.push(["second"]);
  t.dispatchEvent(new Event("x"));
  assertEquals(calls, [["first", true, "x"], ["second"]]);
  // A function listener is called itself, even with a handleEvent property.
  const fn = () => calls.push(["fn"]);
  fn.handleEvent = () => calls.push(["fn.handleEvent"]);
  t.addEventListener("y", fn);
  t.dispatchEvent(new Event("y"));
  assertEquals(calls.at(-1), ["fn"]);
  // A non-callable handleEvent is reported as a TypeError; later listeners still run.
  let later = false;
  t.addEventListener("z", { handleEvent: 1 });
  t.addEventListener("z", () => { later = true; });
  t.dispatchEvent(new Event("z"));
  assert(later);
});

// WPT dom/events/EventListener-handleEvent.html: a throwing getter is reported
test("EventTarget: a throwing handleEvent getter is reported", () => {
  expectUncaught(/getter threw/);
  const t = new EventTarget();
  let later = false;
  t.addEventListener("x", { get handleEvent() { throw new Error("getter threw"); } });
  t.addEventListener("x", () => { later = true; });
  t.dispatchEvent(new Event("x"));
  assert(later);
});

// WPT dom/events/EventTarget-this-of-listener.html
test("EventTarget: this in listeners", () => {
  const t = new EventTarget();
  const seen = [];
  t.addEventListener("x", function () { seen.push(this === t); });
  t.addEventListener("x", function () { "use strict"; seen.push(this === t); });
  const obj = { handleEvent() { seen.push(this === obj); } };
  t.addEventListener("x", obj);
  t.dispatchEvent(new Event("x"));
  assertEquals(seen, [true, true, true]);
});

// WPT dom/events/EventTarget-add-remove-listener.any.js: capture is part of the key
test("EventTarget: capture matching on add and remove", () => {
  const t = new EventTarget();
  let n = 0;
  const fn = () => n++;
  t.addEventListener("x", fn, true);
  t.addEventListener("x", fn, false);
  t.addEventListener("x", fn, { capture: true }); // duplicate
  t.dispatchEvent(new Event("x"));
  assertEquals(n, 2, "capture and non-capture are two listeners");
  t.removeEventListener("x", fn); // removes the non-capture one only
  t.dispatchEvent(new Event("x"));
  assertEquals(n, 3);
  t.removeEventListener("x", fn, { capture: false });
  t.dispatchEvent(new Event("x"));
  assertEquals(n, 4, "the capture one is still there");
  t.removeEventListener("x", fn, { capture: true, once: true });
  t.dispatchEvent(new Event("x"));
  assertEquals(n, 4);
  // Types are case-sensitive strings.
  t.addEventListener("Y", fn);
  t.dispatchEvent(new Event("y"));
  assertEquals(n, 4);
});

// WPT dom/events/AddEventListenerOptions-passive.any.js: option reads
test("EventTarget: which options each method reads", () => {
  const read = [];
  const options = {
    get capture() { read.push("capture"); return false; },
    get once() { read.push("once"); return false; },
    get passive() { read.push("passive"); return false; },
    get signal() { read.push("signal"); return undefined; },
  };
  const t = new EventTarget();
  const fn = () => {};
  t.addEventListener("x", fn, options);
  assertEquals(read, ["capture", "once", "passive", "signal"]);
  read.length = 0;
  t.removeEventListener("x", fn, options);
  assertEquals(read, ["capture"], "remove reads only capture");
});

// WPT dom/events/AddEventListenerOptions-passive.any.js
test("EventTarget: passive listeners cannot cancel; others still can", () => {
  const t = new EventTarget();
  const seen = [];
  t.addEventListener("x", (e) => {
    e.preventDefault();
    seen.push(["passive", e.defaultPrevented, e.returnValue]);
  }, { passive: true });
  t.addEventListener("x", (e) => {
    seen.push(["before", e.defaultPrevented]);
    e.preventDefault();
    seen.push(["active", e.defaultPrevented]);
  });
  const e = new Event("x", { cancelable: true });
  assertEquals(t.dispatchEvent(e), false);
  assertEquals(seen, [["passive", false, true], ["before", false], ["active", true]]);
  // returnValue = false is ignored in a passive listener too.
  const u = new EventTarget();
  u.addEventListener("y", (ev) => { ev.returnValue = false; }, { passive: true });
  assertEquals(u.dispatchEvent(new Event("y", { cancelable: true })), true);
  // The same callback added twice, passive first: the second add is a duplicate.
  const v = new EventTarget();
  const cancel = (ev) => ev.preventDefault();
  v.addEventListener("z", cancel, { passive: true });
  v.addEventListener("z", cancel, { passive: false });
  assertEquals(v.dispatchEvent(new Event("z", { cancelable: true })), true);
});

// WPT dom/events/AddEventListenerOptions-once.any.js
test("EventTarget: once", () => {
  const t = new EventTarget();
  let n = 0;
  const fn = () => n++;
  t.addEventListener("x", fn, { once: true });
  t.addEventListener("x", fn, { once: true }); // duplicate
  t.dispatchEvent(new Event("x"));
  t.dispatchEvent(new Event("x"));
  assertEquals(n, 1);
  // once: true then false: the first registration wins.
  let m = 0;
  const g = () => m++;
  t.addEventListener("y", g, { once: true });
  t.addEventListener("y", g, { once: false });
  t.dispatchEvent(new Event("y"));
  t.dispatchEvent(new Event("y"));
  assertEquals(m, 1);
  // A once listener that was removed before dispatch does not run.
  let k = 0;
  const h = () => k++;
  t.addEventListener("z", h, { once: true });
  t.removeEventListener("z", h);
  t.dispatchEvent(new Event("z"));
  assertEquals(k, 0);
  // After running, it can be added again.
  t.addEventListener("z", h, { once: true });
  t.dispatchEvent(new Event("z"));
  t.addEventListener("z", h, { once: true });
  t.dispatchEvent(new Event("z"));
  assertEquals(k, 2);
});

// WPT dom/events/AddEventListenerOptions-once.any.js: removed before it runs
test("EventTarget: a once listener is removed before it is invoked", () => {
  const t = new EventTarget();
  let n = 0;
  const fn = () => {
    n++;
    if (n === 1) t.dispatchEvent(new Event("y"));
  };
  t.addEventListener("y", fn, { once: true });
  t.dispatchEvent(new Event("y"));
  assertEquals(n, 1, "a nested dispatch does not see it");
  // once with capture is removed together with its capture flag
  let c = 0;
  const cf = () => c++;
  t.addEventListener("c", cf, { once: true, capture: true });
  t.addEventListener("c", cf);
  t.dispatchEvent(new Event("c"));
  t.dispatchEvent(new Event("c"));
  assertEquals(c, 3);
});

// WPT dom/events/Event-dispatch-handlers-changed.html
test("EventTarget: listeners added during dispatch wait for the next one", () => {
  const t = new EventTarget();
  const order = [];
  const late = () => order.push("late");
  t.addEventListener("x", () => {
    order.push("first");
    t.addEventListener("x", late);
  });
  t.dispatchEvent(new Event("x"));
  assertEquals(order, ["first"]);
  t.dispatchEvent(new Event("x"));
  assertEquals(order, ["first", "first", "late"]);
});

// WPT dom/events/EventTarget-removeEventListener.any.js: removal during dispatch
test("EventTarget: a listener removed during dispatch is not called", () => {
  const t = new EventTarget();
  const order = [];
  const second = () => order.push("second");
  const third = () => order.push("third");
  t.addEventListener("x", () => {
    order.push("first");
    t.removeEventListener("x", second);
  });
  t.addEventListener("x", second);
  t.addEventListener("x", third);
  t.dispatchEvent(new Event("x"));
  assertEquals(order, ["first", "third"]);
  // Removing and re-adding during dispatch puts it at the end, for the next dispatch.
  const u = new EventTarget();
  const log = [];
  const b = () => log.push("b");
  u.addEventListener("y", () => {
    log.push("a");
    u.removeEventListener("y", b);
    u.addEventListener("y", b);
  });
  u.addEventListener("y", b);
  u.addEventListener("y", () => log.push("c"));
  u.dispatchEvent(new Event("y"));
  assertEquals(log, ["a", "c"]);
  // A listener removing itself still finishes; the others run.
  const v = new EventTarget();
  const seen = [];
  const self = () => { seen.push("self"); v.removeEventListener("z", self); };
  v.addEventListener("z", self);
  v.addEventListener("z", () => seen.push("other"));
  v.dispatchEvent(new Event("z"));
  v.dispatchEvent(new Event("z"));
  assertEquals(seen, ["self", "other", "other"]);
});

// WPT dom/events/Event-dispatch-order-at-target.html
test("EventTarget: at the target, capture listeners run before the others", () => {
  const t = new EventTarget();
  const order = [];
  t.addEventListener("x", () => order.push("bubble-1"));
  t.addEventListener("x", () => order.push("capture-1"), true);
  t.addEventListener("x", () => order.push("bubble-2"), false);
  t.addEventListener("x", () => order.push("capture-2"), { capture: true });
  t.dispatchEvent(new Event("x"));
  assertEquals(order, ["capture-1", "capture-2", "bubble-1", "bubble-2"]);
});

// WPT dom/events/EventTarget-dispatchEvent.html: re-dispatching
test("EventTarget: re-dispatch of a dispatching event is an InvalidStateError", () => {
  const a = new EventTarget();
  const b = new EventTarget();
  const e = new Event("x");
  let error = null;
  a.addEventListener("x", () => {
    try {
      b.dispatchEvent(e);
    } catch (err) {
      error = err;
    }
  });
  a.dispatchEvent(e);
  assert(error instanceof DOMException);
  assertEquals([error.name, error.code], ["InvalidStateError", 11]);
  // Once finished, the same event may be dispatched again, on another target.
  let target = null;
  b.addEventListener("x", (ev) => { target = ev.target; });
  assertEquals(b.dispatchEvent(e), true);
  assert(target === b);
  assert(e.target === b);
});

// WPT dom/events/EventTarget-dispatchEvent-returntype.html
test("EventTarget: dispatchEvent returns a boolean and resets isTrusted", () => {
  const t = new EventTarget();
  assertEquals(t.dispatchEvent(new Event("x")), true);
  assertEquals(t.dispatchEvent(new Event("x", { cancelable: true })), true);
  t.addEventListener("y", (e) => e.preventDefault());
  assertEquals(t.dispatchEvent(new Event("y", { cancelable: true })), false);
  const s = AbortSignal.abort();
  let trusted;
  s.addEventListener("abort", (e) => { trusted = e.isTrusted; });
  s.dispatchEvent(new Event("abort"));
  assertEquals(trusted, false, "a script-dispatched event is not trusted");
});

test("EventTarget: a listener error is reported and the next listener runs", () => {
  expectUncaught(/first listener failed/);
  const t = new EventTarget();
  const order = [];
  t.addEventListener("x", () => {
    order.push(1);
    throw new TypeError("first listener failed");
  });
  t.addEventListener("x", () => order.push(2));
  assertEquals(t.dispatchEvent(new Event("x", { cancelable: true })), true);
  assertEquals(order, [1, 2]);
});

test("EventTarget: methods check their receiver", () => {
  const t = new EventTarget();
  assertThrows(() => EventTarget.prototype.addEventListener.call({}, "x", () => {}), TypeError);
  assertThrows(() => EventTarget.prototype.removeEventListener.call(null, "x", () => {}), TypeError);
  assertThrows(() => EventTarget.prototype.dispatchEvent.call({}, new Event("x")), TypeError);
  assertThrows(() => t.dispatchEvent({ type: "x", bubbles: false }), TypeError);
  // Listeners live per target.
  const u = new EventTarget();
  let n = 0;
  t.addEventListener("x", () => n++);
  u.dispatchEvent(new Event("x"));
  assertEquals(n, 0);
});

// ---------------------------------------------------------------- signal option

// WPT dom/events/AddEventListenerOptions-signal.any.js
test("signal option: aborting removes the listener", () => {
  const t = new EventTarget();
  const ac = new AbortController();
  let n = 0;
  const fn = () => n++;
  t.addEventListener("x", fn, { signal: ac.signal });
  t.dispatchEvent(new Event("x"));
  ac.abort();
  t.dispatchEvent(new Event("x"));
  assertEquals(n, 1);
  // The same callback can be added again afterwards (without the signal).
  t.addEventListener("x", fn);
  t.dispatchEvent(new Event("x"));
  assertEquals(n, 2);
});

// WPT dom/events/AddEventListenerOptions-signal.any.js
test("signal option: removeEventListener still works; once and capture combine", () => {
  const t = new EventTarget();
  const ac = new AbortController();
  let n = 0;
  const fn = () => n++;
  t.addEventListener("x", fn, { signal: ac.signal });
  t.removeEventListener("x", fn);
  t.dispatchEvent(new Event("x"));
  assertEquals(n, 0);
  t.addEventListener("x", fn, { signal: ac.signal, once: true });
  t.dispatchEvent(new Event("x"));
  t.dispatchEvent(new Event("x"));
  assertEquals(n, 1, "once with a signal");
  t.addEventListener("x", fn, { signal: ac.signal, once: true });
  t.removeEventListener("x", fn);
  t.dispatchEvent(new Event("x"));
  assertEquals(n, 1, "a once listener with a signal can be removed");
  t.addEventListener("x", fn, { signal: ac.signal, capture: true });
  ac.abort();
  t.dispatchEvent(new Event("x"));
  assertEquals(n, 1, "capture listener removed by abort");
});

// WPT dom/events/AddEventListenerOptions-signal.any.js
test("signal option: one signal, many listeners and targets", () => {
  const a = new EventTarget();
  const b = new EventTarget();
  const ac = new AbortController();
  let n = 0;
  a.addEventListener("x", () => n++, { signal: ac.signal });
  a.addEventListener("y", () => n++, { signal: ac.signal });
  b.addEventListener("x", () => n++, { signal: ac.signal });
  for (const [t, type] of [[a, "x"], [a, "y"], [b, "x"]]) t.dispatchEvent(new Event(type));
  assertEquals(n, 3);
  ac.abort();
  for (const [t, type] of [[a, "x"], [a, "y"], [b, "x"]]) t.dispatchEvent(new Event(type));
  assertEquals(n, 3);
});

// WPT dom/events/AddEventListenerOptions-signal.any.js: abort from a listener
test("signal option: aborting from a listener skips the later ones", () => {
  const t = new EventTarget();
  const ac = new AbortController();
  const order = [];
  t.addEventListener("x", () => {
    order.push(1);
    ac.abort();
  }, { signal: ac.signal });
  t.addEventListener("x", () => order.push(2), { signal: ac.signal });
  t.addEventListener("x", () => order.push(3));
  t.dispatchEvent(new Event("x"));
  assertEquals(order, [1, 3]);
});

// WPT dom/events/AddEventListenerOptions-signal.any.js: invalid signals
test("signal option: a non-AbortSignal is a TypeError, even with a null listener", () => {
  const t = new EventTarget();
  for (const bad of [null, {}, 1, "signal", new EventTarget(), new AbortController()]) {
    assertThrows(() => t.addEventListener("x", () => {}, { signal: bad }), TypeError);
  }
  assertThrows(() => t.addEventListener("x", null, { signal: null }), TypeError);
  t.addEventListener("x", () => {}, { signal: undefined });
  const pre = AbortSignal.abort();
  let ran = false;
  t.addEventListener("y", () => { ran = true; }, { signal: pre });
  t.dispatchEvent(new Event("y"));
  assertEquals(ran, false, "an aborted signal adds nothing");
});

// ---------------------------------------------------------------- AbortController / AbortSignal

// WPT dom/abort/event.any.js
test("AbortController: abort fires the event synchronously, once", () => {
  const ac = new AbortController();
  const s = ac.signal;
  const log = [];
  s.onabort = (e) => log.push(["onabort", e.type, s.aborted]);
  s.addEventListener("abort", (e) => log.push(["listener", e.isTrusted, e.bubbles, e.cancelable, e.target === s]));
  assertEquals(s.aborted, false);
  assertEquals(s.reason, undefined);
  ac.abort();
  assertEquals(log, [["onabort", "abort", true], ["listener", true, false, false, true]]);
  ac.abort();
  ac.abort(new Error("ignored"));
  assertEquals(log.length, 2, "a second abort() does nothing");
  assertEquals(s.reason.name, "AbortError", "the first reason stays");
});

// WPT dom/abort/event.any.js
test("AbortController: signal is the same object; listeners added after abort never run", () => {
  const ac = new AbortController();
  assert(ac.signal === ac.signal);
  assert(ac.signal instanceof AbortSignal);
  assert(ac.signal instanceof EventTarget);
  ac.abort();
  let ran = false;
  ac.signal.addEventListener("abort", () => { ran = true; });
  ac.signal.onabort = () => { ran = true; };
  ac.abort();
  assertEquals(ran, false);
});

// WPT dom/abort/event.any.js: reasons
test("AbortController: abort(reason) for every kind of reason", () => {
  for (const reason of ["string", 0, false, null, { x: 1 }, new Error("e"), Symbol("s")]) {
    const ac = new AbortController();
    ac.abort(reason);
    assert(Object.is(ac.signal.reason, reason), `reason ${String(reason)}`);
    let thrown;
    try {
      ac.signal.throwIfAborted();
    } catch (e) {
      thrown = e;
    }
    assert(Object.is(thrown, reason), "throwIfAborted throws the reason itself");
  }
  const undef = new AbortController();
  undef.abort(undefined);
  assert(undef.signal.reason instanceof DOMException, "undefined means the default");
  assertEquals(undef.signal.reason.name, "AbortError");
});

// WPT dom/abort/event.any.js: the default reason
test("AbortController: the default reason is one AbortError DOMException", () => {
  const ac = new AbortController();
  ac.abort();
  const r = ac.signal.reason;
  assert(r instanceof DOMException);
  assertEquals([r.name, r.code], ["AbortError", DOMException.ABORT_ERR]);
  assert(ac.signal.reason === r, "the same object every time");
  const e = assertThrows(() => ac.signal.throwIfAborted(), DOMException);
  assert(e === r);
  const s = AbortSignal.abort();
  assert(s.reason === s.reason);
  assertEquals(s.reason.name, "AbortError");
  assertEquals(typeof s.reason.stack, "string");
});

// WPT dom/abort/event.any.js: abort from inside the abort event
test("AbortController: abort() inside an abort listener is a no-op", () => {
  const ac = new AbortController();
  let n = 0;
  ac.signal.addEventListener("abort", () => {
    n++;
    ac.abort("second");
  });
  ac.abort("first");
  assertEquals(n, 1);
  assertEquals(ac.signal.reason, "first");
});

test("AbortController: onabort handler semantics", () => {
  const ac = new AbortController();
  const s = ac.signal;
  assertEquals(s.onabort, null);
  const order = [];
  s.addEventListener("abort", () => order.push("before"));
  const h = () => order.push("handler");
  s.onabort = h;
  assert(s.onabort === h);
  s.addEventListener("abort", () => order.push("after"));
  s.onabort = () => order.push("replaced");
  ac.abort();
  assertEquals(order, ["before", "replaced", "after"], "a replaced handler keeps its place");
  const ac2 = new AbortController();
  let ran = false;
  ac2.signal.onabort = () => { ran = true; };
  ac2.signal.onabort = null;
  assertEquals(ac2.signal.onabort, null);
  ac2.signal.onabort = 5;
  assertEquals(ac2.signal.onabort, null, "non-callables become null");
  ac2.abort();
  assertEquals(ran, false);
});

test("AbortController/AbortSignal: constructors, brands, toStringTag", () => {
  assertThrows(() => new AbortSignal(), TypeError);
  assertThrows(() => AbortController(), TypeError);
  const getAborted = Object.getOwnPropertyDescriptor(AbortSignal.prototype, "aborted").get;
  const getReason = Object.getOwnPropertyDescriptor(AbortSignal.prototype, "reason").get;
  assertThrows(() => getAborted.call({}), TypeError);
  assertThrows(() => getReason.call(new EventTarget()), TypeError);
  assertThrows(() => AbortSignal.prototype.throwIfAborted.call({}), TypeError);
  assertThrows(() => AbortController.prototype.abort.call({}), TypeError);
  assertThrows(() => Object.getOwnPropertyDescriptor(AbortController.prototype, "signal").get.call({}), TypeError);
  assertEquals(Object.prototype.toString.call(new AbortController()), "[object AbortController]");
  assertEquals(Object.prototype.toString.call(AbortSignal.abort()), "[object AbortSignal]");
});

// WPT dom/abort/AbortSignal.any.js
test("AbortSignal.abort(): already aborted, fires no event", async () => {
  const s = AbortSignal.abort();
  assertEquals(s.aborted, true);
  let fired = false;
  s.onabort = () => { fired = true; };
  s.addEventListener("abort", () => { fired = true; });
  await delay(0);
  assertEquals(fired, false);
  const r = { reason: 1 };
  assert(AbortSignal.abort(r).reason === r);
  assertEquals(AbortSignal.abort(null).reason, null);
  assert(AbortSignal.abort() !== AbortSignal.abort(), "a new signal each time");
});

// WPT dom/abort/AbortSignal.any.js: throwIfAborted
test("AbortSignal: throwIfAborted", () => {
  const ac = new AbortController();
  assertEquals(ac.signal.throwIfAborted(), undefined);
  ac.abort("primitive");
  let caught;
  try {
    ac.signal.throwIfAborted();
  } catch (e) {
    caught = e;
  }
  assertEquals(caught, "primitive");
});

// WPT dom/abort/AbortSignal.any.js, abort-signal-timeout.any.js
test("AbortSignal.timeout(): aborts with a TimeoutError after the delay", async () => {
  const start = performance.now();
  const s = AbortSignal.timeout(30);
  assert(s instanceof AbortSignal);
  assertEquals(s.aborted, false);
  const event = await new Promise((resolve) => { s.onabort = resolve; });
  assert(performance.now() - start >= 29, "not before the delay");
  assertEquals(event.isTrusted, true);
  assertEquals(s.aborted, true);
  assert(s.reason instanceof DOMException);
  assertEquals([s.reason.name, s.reason.code], ["TimeoutError", DOMException.TIMEOUT_ERR]);
  assertThrows(() => s.throwIfAborted(), "TimeoutError");
});

// WPT dom/abort/AbortSignal.any.js: "AbortSignal timeouts fire in order"
test("AbortSignal.timeout(): signals fire in deadline order", async () => {
  const order = [];
  const a = AbortSignal.timeout(20);
  const b = AbortSignal.timeout(5);
  const c = AbortSignal.timeout(20);
  a.onabort = () => order.push("a");
  b.onabort = () => order.push("b");
  c.onabort = () => order.push("c");
  await delay(50);
  assertEquals(order, ["b", "a", "c"]);
});

// WebIDL [EnforceRange] unsigned long long
test("AbortSignal.timeout(): argument conversion", async () => {
  assertThrows(() => AbortSignal.timeout(), TypeError);
  for (const bad of [-1, NaN, Infinity, -Infinity, 2 ** 53, "x"]) {
    assertThrows(() => AbortSignal.timeout(bad), TypeError);
  }
  const zero = AbortSignal.timeout(0);
  assertEquals(zero.aborted, false, "never aborted synchronously");
  await delay(5);
  assertEquals(zero.aborted, true);
  const s = AbortSignal.timeout("1");
  await delay(10);
  assertEquals(s.reason.name, "TimeoutError");
});

test("AbortSignal.timeout(): works when the app replaces setTimeout", async () => {
  const saved = globalThis.setTimeout;
  globalThis.setTimeout = () => {
    throw new Error("app's setTimeout called");
  };
  let s;
  try {
    s = AbortSignal.timeout(1);
  } finally {
    globalThis.setTimeout = saved;
  }
  await delay(10);
  assertEquals(s.aborted, true);
});

// WPT dom/abort/abort-signal-any.any.js
test("AbortSignal.any(): follows a single signal", () => {
  const ac = new AbortController();
  const s = AbortSignal.any([ac.signal]);
  assert(s !== ac.signal, "a new signal");
  assertEquals(s.aborted, false);
  let fired = 0;
  s.onabort = (e) => {
    fired++;
    assertEquals(e.isTrusted, true);
  };
  const reason = new Error("r");
  ac.abort(reason);
  assertEquals(s.aborted, true);
  assert(s.reason === reason);
  assertEquals(fired, 1);
});

// WPT dom/abort/abort-signal-any.any.js
test("AbortSignal.any(): the first of several wins; later aborts change nothing", () => {
  const controllers = [new AbortController(), new AbortController(), new AbortController()];
  const s = AbortSignal.any(controllers.map((c) => c.signal));
  let fired = 0;
  s.addEventListener("abort", () => fired++);
  controllers[1].abort("second");
  controllers[0].abort("first");
  controllers[2].abort("third");
  assertEquals(s.reason, "second");
  assertEquals(fired, 1);
});

// WPT dom/abort/abort-signal-any.any.js: already-aborted inputs
test("AbortSignal.any(): an already-aborted input gives an aborted signal with its reason", async () => {
  const ac = new AbortController();
  ac.abort("early");
  const s = AbortSignal.any([new AbortController().signal, ac.signal, AbortSignal.abort("later")]);
  assertEquals(s.aborted, true);
  assertEquals(s.reason, "early", "the first aborted one in list order");
  let fired = false;
  s.onabort = () => { fired = true; };
  await delay(0);
  assertEquals(fired, false, "no event for a signal born aborted");
  const d = AbortSignal.any([AbortSignal.abort()]);
  assertEquals(d.reason.name, "AbortError");
});

// WPT dom/abort/abort-signal-any.any.js: duplicates
test("AbortSignal.any(): the same signal may be given more than once", () => {
  const ac = new AbortController();
  const s = AbortSignal.any([ac.signal, ac.signal, ac.signal]);
  let fired = 0;
  s.onabort = () => fired++;
  ac.abort("once");
  assertEquals([fired, s.reason], [1, "once"]);
});

// WPT dom/abort/abort-signal-any.any.js: composition
test("AbortSignal.any(): composes with dependent and intermediate signals", () => {
  const a = new AbortController();
  const b = new AbortController();
  const c = new AbortController();
  const ab = AbortSignal.any([a.signal, b.signal]);
  const abc = AbortSignal.any([ab, c.signal]);
  b.abort("from b");
  assertEquals([ab.reason, abc.reason], ["from b", "from b"]);
  // An intermediate that is never aborted itself still links its sources.
  const x = new AbortController();
  const mid = AbortSignal.any([x.signal]);
  const top = AbortSignal.any([mid]);
  x.abort("x");
  assertEquals([mid.aborted, top.aborted, top.reason], [true, true, "x"]);
});

// WPT dom/abort/abort-signal-any.any.js: with AbortSignal.timeout()
test("AbortSignal.any(): follows a timeout signal", async () => {
  const ac = new AbortController();
  const s = AbortSignal.any([ac.signal, AbortSignal.timeout(5)]);
  await new Promise((resolve) => { s.onabort = resolve; });
  assertEquals(s.reason.name, "TimeoutError");
  assertEquals(ac.signal.aborted, false);
});

// WPT dom/abort/abort-signal-any.any.js: event order and the aborted flag
test("AbortSignal.any(): source listeners first; dependents aborted before any event", () => {
  const ac = new AbortController();
  const d1 = AbortSignal.any([ac.signal]);
  const d2 = AbortSignal.any([ac.signal]);
  const order = [];
  ac.signal.addEventListener("abort", () => order.push(["source", d1.aborted, d2.aborted]));
  d1.addEventListener("abort", () => order.push(["d1", d2.aborted]));
  d2.addEventListener("abort", () => order.push(["d2"]));
  ac.abort();
  assertEquals(order, [["source", true, true], ["d1", true], ["d2"]]);
  assert(d1.reason === ac.signal.reason, "the same reason object");
});

// WPT dom/abort/abort-signal-any.any.js: aborting a dependent from a source listener
test("AbortSignal.any(): no second event when the sources abort twice", () => {
  const a = new AbortController();
  const b = new AbortController();
  const s = AbortSignal.any([a.signal, b.signal]);
  let fired = 0;
  s.onabort = () => fired++;
  a.signal.addEventListener("abort", () => b.abort("b"));
  a.abort("a");
  assertEquals([fired, s.reason], [1, "a"]);
});

// WPT dom/abort/abort-signal-any.any.js: argument handling
test("AbortSignal.any(): takes any iterable of AbortSignals", () => {
  const ac = new AbortController();
  const fromSet = AbortSignal.any(new Set([ac.signal]));
  function* gen() {
    yield ac.signal;
  }
  const fromGen = AbortSignal.any(gen());
  ac.abort("r");
  assertEquals([fromSet.reason, fromGen.reason], ["r", "r"]);
  assertEquals(AbortSignal.any([]).aborted, false);
  assertThrows(() => AbortSignal.any(), TypeError);
  for (const bad of [null, undefined, 1, AbortSignal.abort(), { length: 0 }]) {
    assertThrows(() => AbortSignal.any(bad), TypeError);
  }
  for (const bad of [[null], [new EventTarget()], [ac.signal, "x"], [new AbortController()]]) {
    assertThrows(() => AbortSignal.any(bad), TypeError);
  }
});

// WPT dom/abort/abort-signal-any.any.js: a never-aborted input leaves it pending
test("AbortSignal.any(): stays pending while no input aborts", async () => {
  const s = AbortSignal.any([new AbortController().signal, AbortSignal.timeout(100)]);
  await delay(5);
  assertEquals(s.aborted, false);
  assertEquals(s.reason, undefined);
});

test("abort and dispatch keep working when the app replaces Event and DOMException", () => {
  const saved = { Event: globalThis.Event, DOMException: globalThis.DOMException };
  const RealDOMException = DOMException;
  const t = new EventTarget();
  const e = new Event("x");
  let error;
  t.addEventListener("x", () => {
    try {
      t.dispatchEvent(e);
    } catch (err) {
      error = err;
    }
  });
  globalThis.Event = undefined;
  globalThis.DOMException = function Fake() {};
  let reason;
  let fired = false;
  try {
    const ac = new AbortController();
    ac.signal.onabort = () => { fired = true; };
    ac.abort();
    reason = ac.signal.reason;
    t.dispatchEvent(e);
  } finally {
    Object.assign(globalThis, saved);
  }
  assert(fired);
  assert(reason instanceof RealDOMException);
  assert(error instanceof RealDOMException);
});
