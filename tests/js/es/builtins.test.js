// ECMAScript built-ins newer than the engine (src/runtime/js/01_es_builtins.js).
// Cases derived from the public test262 suite (tc39/test262, test/built-ins/):
// Object/groupBy, Map/groupBy, Array/prototype/{toReversed,toSorted,toSpliced,with},
// TypedArray/prototype/{toReversed,toSorted,with}, Promise/withResolvers,
// Set/prototype/{union,intersection,difference,symmetricDifference,isSubsetOf,
// isSupersetOf,isDisjointFrom}, Array/fromAsync, String/prototype/{isWellFormed,
// toWellFormed}: the facts they check (property shapes, argument coercion,
// order of observable operations, errors), written anew here.

function checkShape(owner, key, name, length) {
  const desc = Object.getOwnPropertyDescriptor(owner, key);
  assert(desc !== undefined, `${name} exists`);
  assertEquals(typeof desc.value, "function", `${name} is a function`);
  assertEquals(desc.enumerable, false, `${name} is not enumerable`);
  assertEquals(desc.writable, true, `${name} is writable`);
  assertEquals(desc.configurable, true, `${name} is configurable`);
  assertEquals(desc.value.name, name, `${name}.name`);
  assertEquals(desc.value.length, length, `${name}.length`);
  assert(!Object.hasOwn(desc.value, "prototype"), `${name} has no prototype`);
  assertThrows(() => new desc.value(), TypeError);
}

const TypedArrayPrototype = Object.getPrototypeOf(Int8Array.prototype);
const TYPED_ARRAYS = [
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array,
  Int32Array, Uint32Array, Float32Array, Float64Array,
];

// test262 */name.js, */length.js, */prop-desc.js, */not-a-constructor.js
test("each built-in: name, length, property attributes, not a constructor", () => {
  const shapes = [
    [Object, "groupBy", 2], [Map, "groupBy", 2],
    [Array.prototype, "toReversed", 0], [Array.prototype, "toSorted", 1],
    [Array.prototype, "toSpliced", 2], [Array.prototype, "with", 2],
    [TypedArrayPrototype, "toReversed", 0], [TypedArrayPrototype, "toSorted", 1], [TypedArrayPrototype, "with", 2],
    [Promise, "withResolvers", 0],
    [Set.prototype, "union", 1], [Set.prototype, "intersection", 1], [Set.prototype, "difference", 1],
    [Set.prototype, "symmetricDifference", 1], [Set.prototype, "isSubsetOf", 1],
    [Set.prototype, "isSupersetOf", 1], [Set.prototype, "isDisjointFrom", 1],
    [Array, "fromAsync", 1],
    [String.prototype, "isWellFormed", 0], [String.prototype, "toWellFormed", 0],
  ];
  for (const [owner, key, length] of shapes) checkShape(owner, key, key, length);
});

// test262 Array/prototype/Symbol.unscopables/change-array-by-copy.js
test("Array.prototype[@@unscopables] lists toReversed, toSorted, toSpliced but not with", () => {
  const u = Array.prototype[Symbol.unscopables];
  assertEquals(Object.getPrototypeOf(u), null);
  for (const name of ["toReversed", "toSorted", "toSpliced"]) {
    const desc = Object.getOwnPropertyDescriptor(u, name);
    assertEquals(desc.value, true);
    assertEquals(desc.enumerable, true);
  }
  assert(!Object.hasOwn(u, "with"));
});

test("the built-ins are not globals and leave no internals behind", () => {
  assertEquals(typeof globalThis.__nano, "undefined");
  for (const name of ["groupBy", "toPropertyKey", "getSetRecord", "install"]) {
    assert(!Object.hasOwn(globalThis, name), name);
  }
});

// --- Object.groupBy / Map.groupBy ---------------------------------------

// test262 Object/groupBy/groupby.js, evenOdd.js, null-prototype.js
test("Object.groupBy: groups by the callback's key into a null-prototype object", () => {
  const result = Object.groupBy([1, 2, 3, 4, 5], (n, i) => (n % 2 === 0 ? "even" : "odd"));
  assertEquals(Object.getPrototypeOf(result), null);
  assertEquals(Object.keys(result), ["odd", "even"]);
  assertEquals(result.odd, [1, 3, 5]);
  assertEquals(result.even, [2, 4]);
  assertEquals(Object.getPrototypeOf(result.odd), Array.prototype);
  const d = Object.getOwnPropertyDescriptor(result, "odd");
  assert(d.writable && d.enumerable && d.configurable);
});

// test262 Object/groupBy/callback-arg.js, string.js
test("Object.groupBy: the callback gets value and index, this is undefined; strings iterate by code point", () => {
  const calls = [];
  Object.groupBy(["a", "b"], function (v, i) {
    "use strict";
    calls.push([v, i, this, arguments.length]);
    return v;
  });
  assertEquals(calls, [["a", 0, undefined, 2], ["b", 1, undefined, 2]]);
  const g = Object.groupBy("🥰💩🙏😈", (c) => (c < "🙏" ? "before" : "after"));
  assertEquals(g.before, ["💩", "😈"]);
  assertEquals(g.after, ["🥰", "🙏"]);
});

// test262 Object/groupBy/toPropertyKey.js, map-instance.js
test("Object.groupBy: keys go through ToPropertyKey; symbols stay symbols", () => {
  const sym = Symbol("k");
  const key = { toString() { return "obj"; } };
  const g = Object.groupBy([1, 2, 3, 4], (n) => [1, 1n, key, sym][n - 1]);
  assertEquals(g["1"], [1, 2]);
  assertEquals(g.obj, [3]);
  assertEquals(g[sym], [4]);
  const toSymbol = { [Symbol.toPrimitive]: () => sym };
  assertEquals(Object.groupBy([5], () => toSymbol)[sym], [5]);
});

// test262 Object/groupBy/invalid-callback.js, invalid-iterable.js
test("Object.groupBy: argument errors", () => {
  assertThrows(() => Object.groupBy([], null), TypeError);
  assertThrows(() => Object.groupBy([], {}), TypeError);
  assertThrows(() => Object.groupBy(null, () => 0), TypeError);
  assertThrows(() => Object.groupBy(undefined, () => 0), TypeError);
  assertThrows(() => Object.groupBy(1, () => 0), TypeError);
  assertThrows(() => Object.groupBy({}, () => 0), TypeError);
  assertThrows(() => Object.groupBy({ [Symbol.iterator]: 1 }, () => 0), TypeError);
  assertThrows(() => Object.groupBy({ [Symbol.iterator]: () => 1 }, () => 0), TypeError);
});

// test262 Object/groupBy/callback-throws.js, iterator-next-throws.js, toPropertyKey.js
test("Object.groupBy: a throwing callback or key conversion closes the iterator; a throwing next does not", () => {
  let returned = 0;
  function iterable(next) {
    return {
      [Symbol.iterator]() {
        return { next, return() { returned++; return {}; } };
      },
    };
  }
  const one = () => ({ value: 1, done: false });
  assertThrows(() => Object.groupBy(iterable(one), () => { throw new RangeError("cb"); }), RangeError);
  assertEquals(returned, 1);
  assertThrows(() => Object.groupBy(iterable(one), () => ({ toString() { throw new SyntaxError("key"); } })), SyntaxError);
  assertEquals(returned, 2);
  assertThrows(() => Object.groupBy(iterable(() => { throw new EvalError("next"); }), () => 0), EvalError);
  assertEquals(returned, 2);
  assertThrows(() => Object.groupBy(iterable(() => 1), () => 0), TypeError);
  assertEquals(returned, 2);
});

// test262 Map/groupBy/groupby.js, negativeZero.js, map-instance.js
test("Map.groupBy: SameValueZero keys, -0 becomes +0, an intrinsic Map", () => {
  const obj = {};
  const m = Map.groupBy([1, -0, 0, 2, 3, NaN, NaN], (v) => (Object.is(v, -0) || v === 0 ? v : v > 1 ? obj : v));
  assert(m instanceof Map);
  assertEquals(Object.getPrototypeOf(m), Map.prototype);
  assertEquals([...m.keys()].length, 4);
  assert(Object.is([...m.keys()][1], 0));
  assertEquals(m.get(0), [-0, 0]);
  assertEquals(m.get(obj), [2, 3]);
  assertEquals(m.get(NaN), [NaN, NaN]);
  assertEquals(m.get(1), [1]);
});

test("Object.groupBy and Map.groupBy: patched built-ins and prototype setters do not interfere", () => {
  const saved = Map.prototype.set;
  Map.prototype.set = () => { throw new Error("patched Map.prototype.set was called"); };
  Object.defineProperty(Array.prototype, "1", { set() { throw new Error("Array.prototype setter was called"); }, configurable: true });
  try {
    assertEquals(Map.groupBy([1, 2], () => "k").get("k").length, 2);
    assertEquals(Object.groupBy([1, 2], () => "k").k.length, 2);
  } finally {
    Map.prototype.set = saved;
    delete Array.prototype[1];
  }
});

// --- Array.prototype.toReversed / toSorted / toSpliced / with ------------

// test262 Array/prototype/toReversed/immutable.js, holes-not-preserved.js, length-*.js
test("Array.prototype.toReversed: a new array; holes read through the prototype", () => {
  const a = [0, 1, 2];
  const r = a.toReversed();
  assertEquals(r, [2, 1, 0]);
  assertEquals(a, [0, 1, 2]);
  assert(r !== a);
  const holes = [0, , 2, , 4]; // eslint-disable-line no-sparse-arrays
  Array.prototype[3] = 3;
  try {
    const rh = holes.toReversed();
    assertEquals(rh, [4, 3, 2, undefined, 0]);
    assert(Object.hasOwn(rh, 3), "holes become own properties");
  } finally {
    delete Array.prototype[3];
  }
  assertEquals(Array.prototype.toReversed.call({ length: 3, 0: "a", 2: "c" }), ["c", undefined, "a"]);
  assertEquals(Array.prototype.toReversed.call({ length: -1 }), []);
  assertEquals(Array.prototype.toReversed.call("ab"), ["b", "a"]);
  assertThrows(() => Array.prototype.toReversed.call({ length: 2 ** 32 }), RangeError);
  assertThrows(() => Array.prototype.toReversed.call(null), TypeError);
  assertThrows(() => Array.prototype.toReversed.call(undefined), TypeError);
});

// test262 Array/prototype/toReversed/get-descending-order.js
test("Array.prototype.toReversed: reads from the last index down", () => {
  const order = [];
  const obj = { length: 3 };
  for (const i of [0, 1, 2]) Object.defineProperty(obj, i, { get() { order.push(i); return i; } });
  Array.prototype.toReversed.call(obj);
  assertEquals(order, [2, 1, 0]);
});

// test262 Array/prototype/toSorted/comparefn-*.js, zero-or-one-element.js
test("Array.prototype.toSorted: sorts a copy; comparefn is checked before anything else", () => {
  const a = [3, 1, 10, 2];
  assertEquals(a.toSorted(), [1, 10, 2, 3]);
  assertEquals(a.toSorted((x, y) => x - y), [1, 2, 3, 10]);
  assertEquals(a, [3, 1, 10, 2]);
  let lengthRead = false;
  const obj = { get length() { lengthRead = true; return 0; } };
  for (const bad of [null, true, 1, "", {}, Symbol()]) {
    assertThrows(() => Array.prototype.toSorted.call(obj, bad), TypeError);
  }
  assertEquals(lengthRead, false);
  assertThrows(() => Array.prototype.toSorted.call(null, 1), TypeError);
});

// test262 Array/prototype/toSorted/holes-not-preserved.js, comparefn-stop-after-error.js
test("Array.prototype.toSorted: undefined and holes sort last; a throwing comparefn stops the sort", () => {
  const r = [3, undefined, , 1].toSorted(); // eslint-disable-line no-sparse-arrays
  assertEquals(r, [1, 3, undefined, undefined]);
  assert(Object.hasOwn(r, 3));
  let calls = 0;
  assertThrows(() => [1, 2, 3].toSorted(() => { calls++; throw new RangeError("stop"); }), RangeError);
  assertEquals(calls, 1);
  assertEquals([2, 1].toSorted(() => NaN), [2, 1]);
});

// test262 Array/prototype/toSpliced/*.js
test("Array.prototype.toSpliced: start, skipCount and items as specified", () => {
  const a = [0, 1, 2, 3, 4];
  assertEquals(a.toSpliced(), [0, 1, 2, 3, 4]);
  assertEquals(a.toSpliced(2), [0, 1]);
  assertEquals(a.toSpliced(1, 2), [0, 3, 4]);
  assertEquals(a.toSpliced(1, 2, "a", "b", "c"), [0, "a", "b", "c", 3, 4]);
  assertEquals(a.toSpliced(-2, 1), [0, 1, 2, 4]);
  assertEquals(a.toSpliced(-Infinity, 1), [1, 2, 3, 4]);
  assertEquals(a.toSpliced(Infinity, 1, "z"), [0, 1, 2, 3, 4, "z"]);
  assertEquals(a.toSpliced(1, -5, "x"), [0, "x", 1, 2, 3, 4]);
  assertEquals(a.toSpliced(1, Infinity), [0]);
  assertEquals(a.toSpliced(undefined, undefined), [0, 1, 2, 3, 4]);
  assertEquals(a.toSpliced(1.9, "1"), [0, 2, 3, 4]);
  assertEquals(a, [0, 1, 2, 3, 4]);
  assertEquals([, 1].toSpliced(1, 0, 0), [undefined, 0, 1]); // eslint-disable-line no-sparse-arrays
});

// test262 Array/prototype/toSpliced/length-exceeding-array-length-limit.js,
// length-clamped-to-2pow53minus1.js, start-and-deleteCount-*-coercion order
test("Array.prototype.toSpliced: length limits and coercion order", () => {
  assertThrows(() => Array.prototype.toSpliced.call({ length: 2 ** 53 - 1 }, 0, 0, 1), TypeError);
  assertThrows(() => Array.prototype.toSpliced.call({ length: 2 ** 32 }, 0, 0), RangeError);
  const order = [];
  const obj = { get length() { order.push("length"); return 2; } };
  Array.prototype.toSpliced.call(obj,
    { valueOf() { order.push("start"); return 0; } },
    { valueOf() { order.push("skip"); return 0; } });
  assertEquals(order, ["length", "start", "skip"]);
  assertThrows(() => [].toSpliced(Symbol()), TypeError);
  assertThrows(() => [].toSpliced(0, 1n), TypeError);
});

// test262 Array/prototype/with/index-*.js, holes-not-preserved.js
test("Array.prototype.with: replaces one index of a copy; out of range is a RangeError", () => {
  const a = [0, 1, 2];
  assertEquals(a.with(1, "x"), [0, "x", 2]);
  assertEquals(a.with(-1, "y"), [0, 1, "y"]);
  assertEquals(a.with(-3, "z"), ["z", 1, 2]);
  assertEquals(a.with("1", 9), [0, 9, 2]);
  assertEquals(a.with(1.7, 9), [0, 9, 2]);
  assertEquals(a, [0, 1, 2]);
  for (const bad of [3, -4, Infinity, -Infinity]) assertThrows(() => a.with(bad, 0), RangeError);
  assertThrows(() => [].with(0, 0), RangeError);
  assertEquals([0, , 2].with(0, 0), [0, undefined, 2]); // eslint-disable-line no-sparse-arrays
  assertThrows(() => Array.prototype.with.call({ length: 2 ** 32 }, 0, 0), RangeError);
  assertThrows(() => Array.prototype.with.call(null, 0, 0), TypeError);
  assertThrows(() => [1].with(Symbol(), 0), TypeError);
});

test("change-array-by-copy: species and prototype setters are ignored", () => {
  class MyArray extends Array {}
  const m = MyArray.from([3, 1, 2]);
  for (const r of [m.toSorted(), m.toReversed(), m.toSpliced(0, 0), m.with(0, 0)]) {
    assertEquals(Object.getPrototypeOf(r), Array.prototype);
  }
  Object.defineProperty(Array.prototype, "0", { set() { throw new Error("setter called"); }, configurable: true });
  try {
    assertEquals([1, 2].toReversed().length, 2);
    assertEquals([2, 1].toSorted()[1], 2);
    assertEquals([1].toSpliced(0, 0, 5)[0], 5);
    assertEquals([1].with(0, 7)[0], 7);
  } finally {
    delete Array.prototype[0];
  }
});

// --- %TypedArray%.prototype.toReversed / toSorted / with -----------------

// test262 TypedArray/prototype/toReversed/ignores-species.js, toSorted/comparefn-*.js
test("TypedArray toReversed/toSorted: copies of the same type, species ignored", () => {
  for (const TA of TYPED_ARRAYS) {
    const ta = new TA([3, 1, 2]);
    const rev = ta.toReversed();
    assertEquals(Object.getPrototypeOf(rev), TA.prototype);
    assertEquals([...rev], [2, 1, 3]);
    assertEquals([...ta.toSorted()], [1, 2, 3]);
    assertEquals([...ta.toSorted((a, b) => b - a)], [3, 2, 1]);
    assertEquals([...ta], [3, 1, 2]);
  }
  const ta = new Uint8Array([1, 2]);
  ta.constructor = { [Symbol.species]: function () { throw new Error("species used"); } };
  assertEquals([...ta.toReversed()], [2, 1]);
  assertEquals([...ta.toSorted()], [1, 2]);
  assertEquals([...ta.with(0, 5)], [5, 2]);
  const big = new BigInt64Array([3n, -1n]);
  assertEquals([...big.toSorted()], [-1n, 3n]);
  assertEquals([...new Float64Array([NaN, -0, 0, -Infinity]).toSorted()].map(String), ["-Infinity", "0", "0", "NaN"]);
  assert(Object.is(new Float64Array([0, -0]).toSorted()[0], -0));
});

// test262 TypedArray/prototype/toSorted/comparefn-not-a-function.js, this-value-invalid.js,
// detached-buffer.js
test("TypedArray toReversed/toSorted/with: this and comparefn checks", () => {
  for (const name of ["toReversed", "toSorted", "with"]) {
    const fn = TypedArrayPrototype[name];
    for (const bad of [undefined, null, 1, {}, [], new ArrayBuffer(4), new DataView(new ArrayBuffer(4))]) {
      assertThrows(() => fn.call(bad, 0, 0), TypeError);
    }
    const ta = new Uint8Array(4);
    structuredClone(ta.buffer, { transfer: [ta.buffer] });
    assertThrows(() => fn.call(ta, 0, 0), TypeError);
  }
  assertThrows(() => new Uint8Array(1).toSorted(null), TypeError);
  assertThrows(() => new Uint8Array(1).toSorted({}), TypeError);
});

// test262 TypedArray/prototype/with/index-bigger-or-eq-than-length.js, BigInt/*,
// early-type-coercion.js
test("TypedArray with: index range, value coercion before the range check", () => {
  const ta = new Int16Array([1, 2, 3]);
  assertEquals([...ta.with(-1, 9)], [1, 2, 9]);
  assertEquals([...ta.with(0, "7")], [7, 2, 3]);
  assertEquals([...ta.with(1, 70000)], [1, 4464, 3]);
  for (const bad of [3, -4, Infinity]) assertThrows(() => ta.with(bad, 0), RangeError);
  let coerced = false;
  assertThrows(() => ta.with(5, { valueOf() { coerced = true; return 0; } }), RangeError);
  assert(coerced, "the value is coerced before the index is checked");
  assertThrows(() => ta.with(0, 1n), TypeError);
  assertEquals([...new BigUint64Array([1n]).with(0, -1n)], [2n ** 64n - 1n]);
  assertThrows(() => new BigInt64Array([1n]).with(0, 1), TypeError);
  const detaching = new Uint8Array(2);
  assertThrows(() => detaching.with(0, {
    valueOf() {
      structuredClone(detaching.buffer, { transfer: [detaching.buffer] });
      return 1;
    },
  }), RangeError);
});

// --- Promise.withResolvers ----------------------------------------------

// test262 Promise/withResolvers/result.js, ctx-ctor.js, ctx-non-ctor.js, ctx-non-object.js
test("Promise.withResolvers: promise with its resolve and reject", async () => {
  const r = Promise.withResolvers();
  assertEquals(Object.getPrototypeOf(r), Object.prototype);
  assertEquals(Object.keys(r), ["promise", "resolve", "reject"]);
  assert(r.promise instanceof Promise);
  r.resolve(42);
  assertEquals(await r.promise, 42);
  const s = Promise.withResolvers();
  s.reject(new RangeError("no"));
  await assertRejects(s.promise, RangeError);
  class SubPromise extends Promise {}
  const sub = Promise.withResolvers.call(SubPromise);
  assert(sub.promise instanceof SubPromise);
  for (const bad of [undefined, null, 1, {}, () => {}, Math.max]) {
    assertThrows(() => Promise.withResolvers.call(bad), TypeError);
  }
});

// test262 built-ins/Promise executor checks (NewPromiseCapability)
test("Promise.withResolvers: NewPromiseCapability checks the executor's functions", () => {
  function NoCall(executor) { executor(undefined, undefined); }
  assertThrows(() => Promise.withResolvers.call(NoCall), TypeError);
  function Twice(executor) { executor(() => {}, undefined); executor(() => {}, () => {}); }
  assertThrows(() => Promise.withResolvers.call(Twice), TypeError);
  function Fine(executor) { executor(() => {}, () => {}); }
  const r = Promise.withResolvers.call(Fine);
  assert(r.promise instanceof Fine);
});

// --- Set methods --------------------------------------------------------

// test262 Set/prototype/*/combines-*.js, converts-negative-zero.js
test("Set methods: results with Sets and set-like arguments", () => {
  const a = new Set([1, 2, 3]);
  const b = new Set([3, 4]);
  assertEquals([...a.union(b)], [1, 2, 3, 4]);
  assertEquals([...a.intersection(b)], [3]);
  assertEquals([...b.intersection(a)], [3]);
  assertEquals([...a.difference(b)], [1, 2]);
  assertEquals([...a.symmetricDifference(b)], [1, 2, 4]);
  assertEquals(a.isSubsetOf(b), false);
  assertEquals(new Set([3]).isSubsetOf(b), true);
  assertEquals(a.isSupersetOf(new Set([1, 3])), true);
  assertEquals(a.isSupersetOf(b), false);
  assertEquals(a.isDisjointFrom(new Set([7])), true);
  assertEquals(a.isDisjointFrom(b), false);
  const m = new Map([[4, "x"], [1, "y"]]);
  assertEquals([...a.union(m)], [1, 2, 3, 4]);
  const setLike = { size: 1, has: (v) => v === 2, keys: () => [-0][Symbol.iterator]() };
  const u = new Set([5]).union(setLike);
  assert(Object.is([...u][1], 0), "-0 from keys becomes +0");
  // this.size > other.size: keys() is used (it only gives -0); otherwise has().
  assertEquals([...a.intersection(setLike)], []);
  assertEquals([...a.intersection({ ...setLike, size: 3 })], [2]);
  assertEquals([...a.difference({ ...setLike, size: 3 })], [1, 3]);
  for (const r of [a.union(b), a.intersection(b), a.difference(b), a.symmetricDifference(b)]) {
    assertEquals(Object.getPrototypeOf(r), Set.prototype);
    assert(r !== a);
  }
});

// test262 Set/prototype/*/subclass*.js, add-not-called.js
test("Set methods: results are plain Sets; add and subclass overrides are not used", () => {
  class MySet extends Set {
    add() { throw new Error("add called"); }
  }
  const s = new Set([1]);
  const t = new Set([2]);
  const saved = Set.prototype.add;
  Set.prototype.add = () => { throw new Error("Set.prototype.add called"); };
  try {
    const sub = MySet.prototype.union.call(s, t);
    assertEquals(Object.getPrototypeOf(sub), Set.prototype);
    assertEquals([...s.union(t)], [1, 2]);
    assertEquals([...s.symmetricDifference(t)], [1, 2]);
  } finally {
    Set.prototype.add = saved;
  }
});

// test262 Set/prototype/*/receiver-not-set.js, require-internal-slot.js, array-throws.js
test("Set methods: receiver and argument checks", () => {
  const methods = ["union", "intersection", "difference", "symmetricDifference", "isSubsetOf", "isSupersetOf", "isDisjointFrom"];
  for (const name of methods) {
    const fn = Set.prototype[name];
    for (const bad of [undefined, null, {}, new Map(), new WeakSet(), [1]]) {
      assertThrows(() => fn.call(bad, new Set()), TypeError);
    }
    assertThrows(() => new Set()[name]([1]), TypeError);
    assertThrows(() => new Set()[name](1), TypeError);
    assertThrows(() => new Set()[name]({ size: undefined, has() {}, keys() {} }), TypeError);
    assertThrows(() => new Set()[name]({ size: NaN, has() {}, keys() {} }), TypeError);
    assertThrows(() => new Set()[name]({ size: -1, has() {}, keys() {} }), RangeError);
    assertThrows(() => new Set()[name]({ size: 1n, has() {}, keys() {} }), TypeError);
    assertThrows(() => new Set()[name]({ size: 0, has: 1, keys() {} }), TypeError);
    assertThrows(() => new Set()[name]({ size: 0, has() {}, keys: {} }), TypeError);
  }
});

// test262 Set/prototype/union/set-like-class-order.js (and the other methods' *-order.js)
test("Set methods: GetSetRecord reads size, has, keys in order; keys()/next are read once", () => {
  const order = [];
  function setLike(values, hasResult) {
    let i = 0;
    return {
      get size() { order.push("size"); return { valueOf() { order.push("size valueOf"); return values.length; } }; },
      get has() { order.push("get has"); return (v) => { order.push(`has ${v}`); return hasResult(v); }; },
      get keys() {
        order.push("get keys");
        return () => {
          order.push("keys()");
          return {
            get next() {
              order.push("get next");
              return () => {
                order.push("next()");
                return i < values.length ? { done: false, value: values[i++] } : { done: true };
              };
            },
          };
        };
      },
    };
  }
  new Set([1, 2]).union(setLike(["a"], () => false));
  assertEquals(order, ["size", "size valueOf", "get has", "get keys", "keys()", "get next", "next()", "next()"]);
  order.length = 0;
  // this.size (2) <= other.size (3): walks this with has()
  new Set([1, 2]).intersection(setLike(["a", "b", "c"], (v) => v === 2));
  assertEquals(order, ["size", "size valueOf", "get has", "get keys", "has 1", "has 2"]);
  order.length = 0;
  // this.size (3) > other.size (1): walks other's keys
  new Set([1, 2, 3]).intersection(setLike([2], () => true));
  assertEquals(order, ["size", "size valueOf", "get has", "get keys", "keys()", "get next", "next()", "next()"]);
  order.length = 0;
  assertEquals(new Set([1, 2, 3]).isSubsetOf(setLike([1], () => true)), false);
  assertEquals(order, ["size", "size valueOf", "get has", "get keys"], "too big: no has() calls");
});

// test262 Set/prototype/isSupersetOf/set-like-class-mutation.js, isDisjointFrom/*-return
test("Set methods: isSupersetOf and isDisjointFrom close the keys iterator when they stop early", () => {
  let closed = 0;
  const other = {
    size: 2,
    has: () => true,
    keys() {
      const values = [1, 9];
      let i = 0;
      return {
        next: () => (i < values.length ? { value: values[i++], done: false } : { done: true }),
        return() { closed++; return {}; },
      };
    },
  };
  assertEquals(new Set([1, 2]).isSupersetOf(other), false);
  assertEquals(closed, 1);
  assertEquals(new Set([1, 2, 3]).isDisjointFrom(other), false);
  assertEquals(closed, 2);
  assertEquals(new Set([1, 9, 3]).isSupersetOf(other), true);
  assertEquals(closed, 2, "no close when the iterator finished");
  other.keys = () => ({ next: () => ({ value: 1, done: false }), return: () => 1 });
  assertThrows(() => new Set([2, 3, 4]).isSupersetOf(other), TypeError);
});

// test262 Set/prototype/intersection/set-like-class-mutation.js, difference/set-like-class-mutation.js
test("Set methods: changes to this Set during has() are seen as the specification says", () => {
  const s = new Set([1, 2, 3]);
  const seen = [];
  const other = {
    size: 10,
    has(v) {
      seen.push(v);
      if (v === 1) { s.delete(2); s.add(4); }
      return true;
    },
    keys() { throw new Error("keys not used"); },
  };
  const result = s.intersection(other);
  assertEquals(seen, [1, 3, 4]);
  assertEquals([...result], [1, 3, 4]);
  const d = new Set([1, 2, 3]);
  const askedD = [];
  const diff = d.difference({
    size: 10,
    has(v) { askedD.push(v); d.delete(2); d.add(9); return v === 3; },
    keys() { throw new Error("keys not used"); },
  });
  assertEquals(askedD, [1, 2, 3], "difference walks the copy made at the start");
  assertEquals([...diff], [1, 2]);
});

// --- Array.fromAsync ----------------------------------------------------

// test262 Array/fromAsync/asyncitems-asynciterator-*.js, asyncitems-arraylike-*.js
test("Array.fromAsync: async iterables, sync iterables of promises, array-likes", async () => {
  async function* gen() { yield 1; yield 2; }
  assertEquals(await Array.fromAsync(gen()), [1, 2]);
  assertEquals(await Array.fromAsync([Promise.resolve(1), 2]), [1, 2]);
  assertEquals(await Array.fromAsync({ length: 2, 0: Promise.resolve("a"), 1: "b" }), ["a", "b"]);
  assertEquals(await Array.fromAsync(new Set([1])), [1]);
  assertEquals(await Array.fromAsync("ab"), ["a", "b"]);
  assertEquals(await Array.fromAsync(gen(), (v, i) => v * 10 + i), [10, 21]);
  assertEquals(await Array.fromAsync([1], async (v) => v + 1), [2]);
  const self = {};
  await Array.fromAsync([1], function () { assert(this === self); }, self);
  const p = Array.fromAsync([]);
  assert(p instanceof Promise);
});

// test262 Array/fromAsync/mapfn-not-callable.js, asyncitems-null-undefined.js, non-iterable-*.js
test("Array.fromAsync: errors reject the promise, never throw", async () => {
  for (const bad of [null, undefined]) await assertRejects(() => Array.fromAsync(bad), TypeError);
  await assertRejects(() => Array.fromAsync([], 1), TypeError);
  await assertRejects(() => Array.fromAsync([], {}), TypeError);
  await assertRejects(() => Array.fromAsync({ [Symbol.asyncIterator]: 1 }), TypeError);
  await assertRejects(() => Array.fromAsync({ [Symbol.iterator]: () => 1 }), TypeError);
  await assertRejects(() => Array.fromAsync([Promise.reject(new RangeError("x"))]), RangeError);
});

// test262 Array/fromAsync/this-constructor*.js, this-non-constructor.js
test("Array.fromAsync: this as constructor", async () => {
  class Box {
    constructor(...args) { this.args = args; }
  }
  const fromIterable = await Array.fromAsync.call(Box, [1, 2]);
  assert(fromIterable instanceof Box);
  assertEquals(fromIterable.args, []);
  assertEquals(fromIterable.length, 2);
  assertEquals(fromIterable[1], 2);
  const fromArrayLike = await Array.fromAsync.call(Box, { length: 1, 0: "x" });
  assertEquals(fromArrayLike.args, [1]);
  const plain = await Array.fromAsync.call({}, [1]);
  assert(Array.isArray(plain));
  await assertRejects(() => Array.fromAsync.call(function () { return Object.freeze({}); }, [1]), TypeError);
});

// test262 Array/fromAsync/mapfn-async-throws-close-*.js, asyncitems-asynciterator-exists.js
test("Array.fromAsync: a throwing mapfn closes the iterator; @@asyncIterator wins over @@iterator", async () => {
  let closed = 0;
  const items = {
    [Symbol.asyncIterator]() {
      return {
        next: async () => ({ value: 1, done: false }),
        return: async () => { closed++; return {}; },
      };
    },
    [Symbol.iterator]() { throw new Error("sync iterator used"); },
  };
  await assertRejects(() => Array.fromAsync(items, () => { throw new RangeError("map"); }), RangeError);
  assertEquals(closed, 1);
  const order = [];
  const arrayLike = {
    get length() { order.push("length"); return 1; },
    get 0() { order.push("get 0"); return "v"; },
  };
  assertEquals(await Array.fromAsync(arrayLike), ["v"]);
  assertEquals(order, ["length", "get 0"]);
});

// --- String.prototype.isWellFormed / toWellFormed -----------------------

// test262 String/prototype/isWellFormed/returns-boolean.js, to-string-primitive.js,
// String/prototype/toWellFormed/returns-well-formed-string.js
test("String isWellFormed/toWellFormed: lone surrogates become U+FFFD", () => {
  const cases = [
    ["abc", true, "abc"],
    ["", true, ""],
    ["a\uD83D\uDCA9b", true, "a\uD83D\uDCA9b"],
    ["\uD800", false, "\uFFFD"],
    ["\uDC00", false, "\uFFFD"],
    ["a\uD800b", false, "a\uFFFDb"],
    ["\uDC00\uD800", false, "\uFFFD\uFFFD"],
    ["\uD800\uD800\uDC00", false, "\uFFFD\uD800\uDC00"],
    ["x\uDBFF", false, "x\uFFFD"],
  ];
  for (const [input, wellFormed, fixed] of cases) {
    assertEquals(input.isWellFormed(), wellFormed, JSON.stringify(input));
    assertEquals(input.toWellFormed(), fixed, JSON.stringify(input));
  }
  assertEquals(String.prototype.isWellFormed.call(123), true);
  assertEquals(String.prototype.toWellFormed.call({ toString: () => "\uD800" }), "\uFFFD");
  for (const bad of [null, undefined]) {
    assertThrows(() => String.prototype.isWellFormed.call(bad), TypeError);
    assertThrows(() => String.prototype.toWellFormed.call(bad), TypeError);
  }
  assertThrows(() => String.prototype.isWellFormed.call(Symbol()), TypeError);
  assertThrows(() => String.prototype.toWellFormed.call(Symbol()), TypeError);
});

// test262 Array/fromAsync/asyncitems-asynciterator-sync.js, this-constructor-operations.js:
// the iterator is got (method called, next read) before the constructor runs.
test("Array.fromAsync: order of the iterator, next and constructor", async () => {
  const order = [];
  function C() { order.push("construct"); }
  const items = {
    [Symbol.iterator]() {
      order.push("iterator");
      let i = 0;
      return {
        get next() {
          order.push("get next");
          return () => (i++ < 1 ? { value: Promise.resolve("v"), done: false } : { value: undefined, done: true });
        },
      };
    },
  };
  const result = await Array.fromAsync.call(C, items);
  assertEquals(order, ["iterator", "get next", "construct"]);
  assertEquals(result[0], "v");
  assertEquals(result.length, 1);
});

// ECMAScript 2024 AsyncFromSyncIteratorContinuation: a rejected value closes the sync iterator.
test("Array.fromAsync: a rejected value from a sync iterator closes it", async () => {
  let closed = 0;
  const items = {
    [Symbol.iterator]() {
      return {
        next: () => ({ value: Promise.reject(new RangeError("value")), done: false }),
        return() { closed++; return {}; },
      };
    },
  };
  await assertRejects(() => Array.fromAsync(items), RangeError);
  assertEquals(closed, 1);
});

// --- Iterator helpers ---------------------------------------------------
// test262 built-ins/Iterator/: constructor, from, prototype/{map,filter,take,drop,
// flatMap,reduce,toArray,forEach,some,every,find}, prototype/Symbol.toStringTag,
// prototype/constructor.

const IteratorProto = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));

// An iterator over `values` that logs each observable operation.
function logged(values, log) {
  let i = 0;
  const it = Object.create(Iterator.prototype);
  Object.defineProperty(it, "next", {
    get() {
      log.push("get next");
      return () => {
        log.push("next");
        return i < values.length ? { value: values[i++], done: false } : { value: undefined, done: true };
      };
    },
  });
  Object.defineProperty(it, "return", {
    get() {
      log.push("get return");
      return () => {
        log.push("return");
        return {};
      };
    },
  });
  return it;
}

test("Iterator: shapes of the constructor, its prototype and the methods", () => {
  const ctorDesc = Object.getOwnPropertyDescriptor(globalThis, "Iterator");
  assert(ctorDesc.writable && !ctorDesc.enumerable && ctorDesc.configurable);
  assertEquals(typeof Iterator, "function");
  assertEquals(Iterator.name, "Iterator");
  assertEquals(Iterator.length, 0);
  const proto = Object.getOwnPropertyDescriptor(Iterator, "prototype");
  assert(proto.value === IteratorProto);
  assert(!proto.writable && !proto.enumerable && !proto.configurable);
  const lengths = { map: 1, filter: 1, take: 1, drop: 1, flatMap: 1, reduce: 1, toArray: 0, forEach: 1, some: 1, every: 1, find: 1 };
  for (const [name, length] of Object.entries(lengths)) checkShape(IteratorProto, name, name, length);
  checkShape(Iterator, "from", "from", 1);
  const helper = [].values().map((x) => x);
  const helperProto = Object.getPrototypeOf(helper);
  assert(Object.getPrototypeOf(helperProto) === IteratorProto);
  checkShape(helperProto, "next", "next", 0);
  checkShape(helperProto, "return", "return", 0);
  assertEquals(Object.prototype.toString.call(helper), "[object Iterator Helper]");
  const tag = Object.getOwnPropertyDescriptor(helperProto, Symbol.toStringTag);
  assert(!tag.writable && !tag.enumerable && tag.configurable);
});

// test262 Iterator/constructor.js, proto-from-ctor-realm.js, subclassable.js
test("Iterator: abstract, but subclassable", () => {
  assertThrows(() => new Iterator(), TypeError);
  assertThrows(() => Iterator(), TypeError);
  class MyIterator extends Iterator {
    next() { return { value: 1, done: false }; }
  }
  const it = new MyIterator();
  assert(it instanceof Iterator);
  assertEquals(it.take(2).toArray(), [1, 1]);
});

// test262 Iterator/prototype/Symbol.toStringTag/*.js, prototype/constructor/*.js
test("Iterator.prototype: @@toStringTag and constructor are accessors that ignore the prototype", () => {
  for (const key of [Symbol.toStringTag, "constructor"]) {
    const desc = Object.getOwnPropertyDescriptor(IteratorProto, key);
    assertEquals(typeof desc.get, "function");
    assertEquals(typeof desc.set, "function");
    assertEquals(desc.enumerable, false);
    assertEquals(desc.configurable, true);
    assertThrows(() => desc.set.call(IteratorProto, "x"), TypeError);
    assertThrows(() => desc.set.call(1, "x"), TypeError);
    const o = Object.create(IteratorProto);
    o[key] = "mine";
    assertEquals(Object.getOwnPropertyDescriptor(o, key).value, "mine");
    assertEquals(Object.getOwnPropertyDescriptor(o, key).enumerable, true);
  }
  assertEquals(Object.getOwnPropertyDescriptor(IteratorProto, Symbol.toStringTag).get.name, "get [Symbol.toStringTag]");
  assertEquals(IteratorProto.constructor, Iterator);
  assertEquals(IteratorProto[Symbol.toStringTag], "Iterator");
  assertEquals(Object.prototype.toString.call(Object.create(IteratorProto)), "[object Iterator]");
  assertEquals(Object.prototype.toString.call([].values()), "[object Array Iterator]");
});

// test262 Iterator/prototype/map/*.js, filter/*.js
test("Iterator helpers: map and filter are lazy and pass a counter", () => {
  const log = [];
  const it = logged([1, 2, 3], log);
  const mapped = it.map((x, i) => { log.push(`map ${x} ${i}`); return x * 10; });
  assertEquals(log, ["get next"], "next is read once, nothing is called yet");
  assertEquals(mapped.next(), { value: 10, done: false });
  assertEquals(log, ["get next", "next", "map 1 0"]);
  assertEquals([...mapped], [20, 30]);
  assertEquals(mapped.next(), { value: undefined, done: true });
  assertEquals([1, 2, 3, 4].values().filter((x, i) => x % 2 === 0 && i > 0).toArray(), [2, 4]);
});

// test262 Iterator/prototype/map/argument-validation-failure-closes-underlying.js, this-non-object.js
test("Iterator helpers: a bad argument closes the underlying iterator; a non-object this throws", () => {
  for (const name of ["map", "filter", "flatMap", "forEach", "some", "every", "find", "reduce"]) {
    const log = [];
    assertThrows(() => logged([1], log)[name](1), TypeError);
    assertEquals(log, ["get return", "return"], name);
    assertThrows(() => IteratorProto[name].call(1, () => 0), TypeError);
    assertThrows(() => IteratorProto[name].call(null, () => 0), TypeError);
  }
  for (const name of ["take", "drop"]) {
    for (const bad of [NaN, -1, "x", undefined]) {
      const log = [];
      assertThrows(() => logged([1], log)[name](bad), RangeError);
      assertEquals(log, ["get return", "return"], `${name}(${String(bad)})`);
    }
    const log = [];
    assertThrows(() => logged([1], log)[name]({ valueOf() { throw new SyntaxError("limit"); } }), SyntaxError);
    assertEquals(log, ["get return", "return"]);
    assertThrows(() => logged([1], [])[name](1n), TypeError);
  }
});

// test262 Iterator/prototype/take/*.js, drop/*.js
test("Iterator helpers: take and drop", () => {
  const log = [];
  const taken = logged([1, 2, 3], log).take(2);
  assertEquals([...taken], [1, 2]);
  assertEquals(log, ["get next", "next", "next", "get return", "return"], "take closes when the limit is reached");
  assertEquals([1, 2].values().take(Infinity).toArray(), [1, 2]);
  assertEquals([1, 2].values().take(0).toArray(), []);
  assertEquals([1, 2, 3].values().drop(1).toArray(), [2, 3]);
  assertEquals([1, 2, 3].values().drop(5).toArray(), []);
  assertEquals([1, 2, 3].values().drop(Infinity).toArray(), []);
  assertEquals([1, 2, 3].values().drop(1.9).toArray(), [2, 3]);
  const dropLog = [];
  const values = { next() { dropLog.push("next"); return { get done() { dropLog.push("done"); return false; }, get value() { dropLog.push("value"); return 0; } }; } };
  IteratorProto.drop.call(values, 1).next();
  assertEquals(dropLog, ["next", "done", "next", "done", "value"], "dropped values are not read");
});

// test262 Iterator/prototype/flatMap/*.js
test("Iterator helpers: flatMap flattens iterables and iterators but not strings", () => {
  assertEquals([1, 2].values().flatMap((x) => [x, x * 10]).toArray(), [1, 10, 2, 20]);
  assertEquals([1].values().flatMap(() => new Set(["a", "b"]).values()).toArray(), ["a", "b"]);
  assertEquals([1].values().flatMap(() => ({ next: () => ({ done: true }) })).toArray(), []);
  assertThrows(() => [1].values().flatMap(() => "ab").toArray(), TypeError);
  assertThrows(() => [1].values().flatMap(() => 5).toArray(), TypeError);
  const log = [];
  const outer = logged([1, 2], log);
  let innerClosed = 0;
  const helper = outer.flatMap(() => ({ [Symbol.iterator]() { return { next: () => ({ value: "i", done: false }), return() { innerClosed++; return {}; } }; } }));
  assertEquals(helper.next().value, "i");
  assertEquals(helper.return(), { value: undefined, done: true });
  assertEquals(innerClosed, 1);
  assertEquals(log.slice(-2), ["get return", "return"], "the outer iterator is closed after the inner one");
});

// test262 Iterator/prototype/map/return-is-forwarded.js, return-is-not-forwarded-after-exhaustion.js,
// underlying-iterator-closed-in-suspended-start (helper return before next)
test("Iterator helpers: return() closes the underlying iterator once, before or after starting", () => {
  const log = [];
  const helper = logged([1, 2], log).map((x) => x);
  assertEquals(helper.return(), { value: undefined, done: true });
  assertEquals(log, ["get next", "get return", "return"]);
  assertEquals(helper.next(), { value: undefined, done: true });
  helper.return();
  assertEquals(log, ["get next", "get return", "return"], "a completed helper does not close again");
  const started = [];
  const h2 = logged([1, 2], started).filter(() => true);
  h2.next();
  h2.return();
  assertEquals(started, ["get next", "next", "get return", "return"]);
  const exhausted = [];
  const h3 = logged([], exhausted).map((x) => x);
  h3.next();
  h3.return();
  assertEquals(exhausted, ["get next", "next"], "no close after exhaustion");
});

// test262 Iterator/prototype/map/mapper-throws-then-closing-iterator-also-throws.js,
// next-method-throws.js, throws-typeerror-when-generator-is-running.js
test("Iterator helpers: callback errors close; next errors do not; re-entry is a TypeError", () => {
  const log = [];
  const helper = logged([1, 2], log).map(() => { throw new RangeError("mapper"); });
  assertThrows(() => helper.next(), RangeError);
  assertEquals(log, ["get next", "next", "get return", "return"]);
  const failing = { next() { throw new EvalError("next"); }, return() { throw new Error("must not close"); } };
  assertThrows(() => IteratorProto.map.call(failing, (x) => x).next(), EvalError);
  let reentrant;
  reentrant = [1].values().map(() => reentrant.next());
  assertThrows(() => reentrant.next(), TypeError);
  const helperNext = Object.getPrototypeOf(reentrant).next;
  assertThrows(() => helperNext.call({}), TypeError);
  assertThrows(() => helperNext.call([].values()), TypeError);
});

// test262 Iterator/prototype/{reduce,toArray,forEach,some,every,find}/*.js
test("Iterator helpers: reduce, toArray, forEach, some, every, find", () => {
  assertEquals([1, 2, 3].values().reduce((a, b) => a + b), 6);
  assertEquals([1, 2, 3].values().reduce((a, b, i) => a + i, "i"), "i012");
  assertThrows(() => [].values().reduce((a, b) => a), TypeError);
  assertEquals([].values().reduce((a, b) => a, "init"), "init");
  assertEquals([1, 2].values().reduce((a, b) => a + b, undefined), NaN);
  const seen = [];
  assertEquals([5, 6].values().forEach((v, i) => seen.push([v, i])), undefined);
  assertEquals(seen, [[5, 0], [6, 1]]);
  const log = [];
  assertEquals(logged([1, 2, 3], log).some((x) => x === 2), true);
  assertEquals(log, ["get next", "next", "next", "get return", "return"]);
  assertEquals([1, 2].values().some((x) => x > 5), false);
  assertEquals([1, 2].values().every((x) => x > 0), true);
  const everyLog = [];
  assertEquals(logged([1, 2], everyLog).every((x) => x > 1), false);
  assertEquals(everyLog, ["get next", "next", "get return", "return"]);
  assertEquals([1, 2, 3].values().find((x) => x > 1), 2);
  assertEquals([1].values().find((x) => x > 1), undefined);
  const arr = logged(["a"], []).toArray();
  assert(Array.isArray(arr));
  assertEquals(arr, ["a"]);
});

// test262 Iterator/from/*.js
test("Iterator.from: wraps iterators that are not Iterator instances; returns those that are", () => {
  const arrayIterator = [1].values();
  assert(Iterator.from(arrayIterator) === arrayIterator);
  assertEquals(Iterator.from([1, 2]).toArray(), [1, 2]);
  assertEquals(Iterator.from("ab").toArray(), ["a", "b"]);
  let returned = 0;
  const plain = { next: () => ({ value: 7, done: false }), return: () => { returned++; return { done: true }; } };
  const wrapped = Iterator.from(plain);
  assert(wrapped !== plain);
  assert(wrapped instanceof Iterator);
  assertEquals(wrapped.next(), { value: 7, done: false });
  assertEquals(wrapped.take(1).toArray(), [7]);
  assertEquals(wrapped.return(), { done: true });
  assertEquals(returned, 2);
  assertEquals(Iterator.from({ next: () => ({ done: true }) }).return(), { value: undefined, done: true });
  for (const bad of [1, null, undefined, Symbol(), 2n]) assertThrows(() => Iterator.from(bad), TypeError);
  assertThrows(() => Iterator.from({ [Symbol.iterator]: () => 1 }), TypeError);
  const wrapperProto = Object.getPrototypeOf(wrapped);
  assertThrows(() => wrapperProto.next.call({}), TypeError);
  assertThrows(() => wrapperProto.return.call(arrayIterator), TypeError);
});
