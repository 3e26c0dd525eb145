// structuredClone (HTML structured clone algorithm). Cases follow WPT
// html/webappapis/structured-clone/structured-clone-battery-of-tests.js.

function assertCloneError(value, options) {
  const error = assertThrows(() => structuredClone(value, options), DOMException);
  assertEquals(error.name, "DataCloneError");
  assertEquals(error.code, DOMException.DATA_CLONE_ERR);
  return error;
}

test("structuredClone: primitives come back as they are", () => {
  for (const v of [undefined, null, true, false, 0, -0, NaN, Infinity, 1.5, "", "text \u{1F600}", 12345678901234567890n]) {
    assert(Object.is(structuredClone(v), v), `clone of ${String(v)}`);
  }
  assertThrows(() => structuredClone(), TypeError);
});

test("structuredClone: wrappers, Date and RegExp", () => {
  const b = structuredClone(Object(false));
  assertEquals(typeof b, "object");
  assertEquals(b.valueOf(), false);
  assertEquals(structuredClone(Object(3.5)).valueOf(), 3.5);
  assertEquals(structuredClone(Object("s")).valueOf(), "s");
  assertEquals(structuredClone(Object(7n)).valueOf(), 7n);
  const d = new Date(1234567890);
  const dc = structuredClone(d);
  assert(dc !== d && dc instanceof Date);
  assertEquals(dc.getTime(), 1234567890);
  const re = /ab+c/gimsuy;
  re.lastIndex = 3;
  const rc = structuredClone(re);
  assert(rc !== re && rc instanceof RegExp);
  assertEquals(rc.source, "ab+c");
  assertEquals(rc.flags, re.flags);
  assertEquals(rc.lastIndex, 0);
});

test("structuredClone: objects and arrays keep own enumerable string keys only", () => {
  const sym = Symbol("s");
  const proto = { inherited: 1 };
  const o = Object.create(proto);
  o.a = 1;
  o[sym] = 2;
  Object.defineProperty(o, "hidden", { value: 3, enumerable: false });
  o.nested = { deep: [1, 2, { x: "y" }] };
  o["__proto__"] = 5;
  Object.defineProperty(o, "__proto__", { value: 5, enumerable: true });
  const c = structuredClone(o);
  assertEquals(Object.getPrototypeOf(c), Object.prototype);
  assertEquals(Object.keys(c), ["a", "nested", "__proto__"]);
  assertEquals(c.nested, { deep: [1, 2, { x: "y" }] });
  assertEquals(Object.getOwnPropertyDescriptor(c, "__proto__").value, 5);
  assert(!(sym in c) && !("hidden" in c) && !("inherited" in c));

  const arr = [1, , 3];
  arr.extra = "e";
  const ac = structuredClone(arr);
  assert(Array.isArray(ac));
  assertEquals(ac.length, 3);
  assert(!(1 in ac), "holes stay holes");
  assertEquals(ac.extra, "e");
  let gets = 0;
  structuredClone({
    get x() {
      gets++;
      return 1;
    },
  });
  assertEquals(gets, 1);
  class Point {
    constructor() {
      this.x = 1;
    }
  }
  const pc = structuredClone(new Point());
  assertEquals(Object.getPrototypeOf(pc), Object.prototype);
  assertEquals(pc.x, 1);
});

test("structuredClone: cycles and shared references are preserved", () => {
  const shared = { n: 1 };
  const o = { a: shared, b: shared, list: [shared] };
  o.self = o;
  o.list.push(o.list);
  const c = structuredClone(o);
  assert(c !== o);
  assert(c.self === c);
  assert(c.a === c.b && c.a === c.list[0] && c.a !== shared);
  assert(c.list[1] === c.list);
  const m = new Map();
  m.set(m, m);
  const mc = structuredClone(m);
  assert(mc.get(mc) === mc);
});

test("structuredClone: Map and Set", () => {
  const key = { k: 1 };
  const m = new Map([[key, "v"], ["s", new Set([1, key])]]);
  const c = structuredClone(m);
  assert(c instanceof Map && c !== m);
  const [k2] = c.keys();
  assertEquals(k2, { k: 1 });
  assert(k2 !== key);
  assertEquals(c.get(k2), "v");
  const s = c.get("s");
  assert(s instanceof Set && s.has(1) && s.has(k2), "the same key object inside the Set");
});

test("structuredClone: ArrayBuffer, typed arrays and DataView", () => {
  const buffer = new ArrayBuffer(16);
  const u8 = new Uint8Array(buffer);
  u8.set([1, 2, 3, 4, 5, 6, 7, 8]);
  const f64 = new Float64Array(buffer, 8, 1);
  const dv = new DataView(buffer, 4, 8);
  const c = structuredClone({ buffer, u8, f64, dv, i16: new Int16Array([-1, 2]), big: new BigInt64Array([-5n]) });
  assert(c.buffer !== buffer);
  assert(c.u8.buffer === c.buffer && c.f64.buffer === c.buffer && c.dv.buffer === c.buffer, "one cloned buffer");
  assertEquals(c.f64.byteOffset, 8);
  assertEquals(c.dv.byteOffset, 4);
  assertEquals(c.dv.byteLength, 8);
  assert(c.dv instanceof DataView);
  assertEquals(Array.from(c.u8.subarray(0, 8)), [1, 2, 3, 4, 5, 6, 7, 8]);
  u8[0] = 99;
  assertEquals(c.u8[0], 1, "the clone is a copy");
  assert(c.i16 instanceof Int16Array);
  assertEquals(Array.from(c.i16), [-1, 2]);
  assertEquals(c.big[0], -5n);
});

test("structuredClone: transfer detaches the ArrayBuffer", () => {
  const buffer = new Uint8Array([1, 2, 3]).buffer;
  const view = new Uint8Array(buffer);
  const c = structuredClone({ buffer, view }, { transfer: [buffer] });
  assertEquals(buffer.byteLength, 0);
  assertEquals(view.length, 0);
  assertEquals(Array.from(new Uint8Array(c.buffer)), [1, 2, 3]);
  assert(c.view.buffer === c.buffer);
  // Transferring a buffer that is not in the value still detaches it.
  const lone = new ArrayBuffer(4);
  assertEquals(structuredClone(1, { transfer: [lone] }), 1);
  assertEquals(lone.byteLength, 0);
  // Detached buffers cannot be cloned or transferred again.
  assertCloneError(buffer);
  assertCloneError(view);
  assertCloneError(1, { transfer: [buffer] });
  const twice = new ArrayBuffer(1);
  assertCloneError(1, { transfer: [twice, twice] });
  assertEquals(twice.byteLength, 1, "nothing detached when the transfer list is rejected");
  assertCloneError(1, { transfer: [{}] });
  assertThrows(() => structuredClone(1, { transfer: 5 }), TypeError);
  assertThrows(() => structuredClone(1, { transfer: [1] }), TypeError);
  assertThrows(() => structuredClone(1, 5), TypeError);
  assertEquals(structuredClone(2, null), 2);
  assertEquals(structuredClone(3, {}), 3);
});

test("structuredClone: errors keep type, message, stack and cause", () => {
  for (const Ctor of [Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError]) {
    const e = new Ctor("boom");
    const c = structuredClone(e);
    assert(c !== e);
    assertEquals(Object.getPrototypeOf(c), Ctor.prototype);
    assertEquals(c.name, Ctor.name);
    assertEquals(c.message, "boom");
    assertEquals(c.stack, e.stack);
    assert(!Object.getOwnPropertyDescriptor(c, "message").enumerable);
  }
  const withCause = structuredClone(new Error("outer", { cause: { inner: [1] } }));
  assertEquals(withCause.cause, { inner: [1] });
  assert(!("cause" in structuredClone(new Error("x"))));
  const custom = new Error("m");
  custom.name = "MyError";
  assertEquals(Object.getPrototypeOf(structuredClone(custom)), Error.prototype);
  const noMessage = structuredClone(new TypeError());
  assert(!Object.prototype.hasOwnProperty.call(noMessage, "message"));
  const agg = structuredClone(new AggregateError([], "a"));
  assertEquals(Object.getPrototypeOf(agg), Error.prototype);
  const d = structuredClone(new DOMException("gone", "NotFoundError"));
  assert(d instanceof DOMException);
  assertEquals([d.name, d.message, d.code], ["NotFoundError", "gone", 8]);
});

test("structuredClone: Blob and File are cloned", async () => {
  const blob = new Blob(["abc"], { type: "text/plain" });
  const c = structuredClone(blob);
  assert(c instanceof Blob && c !== blob);
  assertEquals(c.type, "text/plain");
  assertEquals(await c.text(), "abc");
  const file = new File(["x"], "a.txt", { type: "text/x", lastModified: 42 });
  const fc = structuredClone(file);
  assert(fc instanceof File);
  assertEquals([fc.name, fc.type, fc.lastModified, fc.size], ["a.txt", "text/x", 42, 1]);
});

test("structuredClone: DataCloneError for what cannot be cloned", () => {
  assertCloneError(() => {});
  assertCloneError(class {});
  assertCloneError(Symbol("s"));
  assertCloneError(Object(Symbol("s")));
  assertCloneError({ nested: [Symbol.iterator] });
  assertCloneError(new WeakMap());
  assertCloneError(new WeakSet());
  assertCloneError(new WeakRef({}));
  assertCloneError(Promise.resolve(1));
  assertCloneError(new Proxy({}, {}));
  assertCloneError(new Headers());
  assertCloneError(new Request("https://example.com/"));
  assertCloneError(new Response("x"));
  assertCloneError(new ReadableStream());
  assertCloneError(new AbortController().signal);
  assertCloneError(new URL("https://example.com/"));
  assertCloneError(new TextEncoder());
  assertCloneError(new Event("x"));
  assertCloneError(globalThis);
  assertCloneError(new SharedArrayBuffer(4));
  assertCloneError(new WebAssembly.Memory({ initial: 1 }));
  const e = assertCloneError({ f() {} });
  assertMatch(e.message, /could not be cloned/);
});

test("structuredClone: a getter that throws propagates its error", () => {
  const thrown = new RangeError("from getter");
  const error = assertThrows(
    () =>
      structuredClone({
        get bad() {
          throw thrown;
        },
      }),
    RangeError,
  );
  assert(error === thrown);
});
