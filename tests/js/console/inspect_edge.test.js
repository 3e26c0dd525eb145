// Inspector edge cases Node cannot be asked about directly (NANO's own
// choices) and failure modes, observed through `console.dir`, which prints
// `inspect(value, options)`.
const CUSTOM = Symbol.for("nodejs.util.inspect.custom");
const dir = (value, options) => console.dir(value, { customInspect: true, ...options });
const onlyLine = (check) => checkOutput((lines) => {
  assertEquals(lines.length, 1, "lines printed");
  assertEquals(lines[0][0], LEVEL.log, "level");
  check(lines[0][1]);
});

test("inspect: deep nesting with unlimited depth stops at the stack limit", () => {
  let list = null;
  for (let i = 0; i < 100000; i++) list = { next: list };
  dir(list, { depth: null });
  onlyLine((out) => assert(out.includes("Inspection interrupted prematurely. Maximum call stack size exceeded."), out.slice(-200)));
});

test("inspect: huge array is truncated", () => {
  dir(new Array(1e6).fill(7));
  const sparse = [];
  sparse[1e9] = 1;
  dir(sparse);
  checkOutput(([[, big], [, holes]]) => {
    assert(big.endsWith("... 999900 more items\n]"), big.slice(-40));
    assertEquals(holes, "[ <1000000000 empty items>, 1 ]");
  });
});

test("inspect: huge string is cut at maxStringLength", () => {
  dir("a".repeat(20000));
  dir("a".repeat(20000), { maxStringLength: 3 });
  checkOutput(([[, cut], [, short]]) => {
    assert(cut.endsWith("'... 10000 more characters"), cut.slice(-40));
    assertEquals(cut.length, 10000 + "''... 10000 more characters".length);
    assertEquals(short, "'aaa'... 19997 more characters");
  });
});

test("inspect: getters that throw are not called by default", () => {
  const o = { get boom() { throw new Error("should not run"); } };
  assertInspect("{ boom: [Getter] }", o);
  assertInspect("{ boom: [Getter: <Inspection threw (should not run)>] }", o, { getters: true });
});

test("inspect: a throwing custom inspect propagates, nothing is printed", () => {
  const o = { [CUSTOM]() { throw new TypeError("custom failed"); } };
  assertThrows(() => dir(o), TypeError, "custom failed");
  assertThrows(() => console.log("%o", o), TypeError, "custom failed");
  checkOutput((lines) => assertEquals(lines, []));
});

test("inspect: revoked proxy, also nested", () => {
  const r = Proxy.revocable({}, {});
  r.revoke();
  assertInspect("<Revoked Proxy>", r.proxy);
  assertInspect("[ <Revoked Proxy> ]", [r.proxy]);
  assertInspect("<Revoked Proxy>", r.proxy, { showProxy: true });
});

test("inspect: proxy traps are never run", () => {
  let trapped = 0;
  const handler = new Proxy({}, { get() { trapped++; return undefined; } });
  const p = new Proxy({ a: 1 }, handler);
  assertInspect("{ a: 1 }", p);
  assertEquals(trapped, 0);
});

// Expected strings: Node v20.20.2's util.inspect of the same values.
test("inspect: map and set iterators are shown without being consumed", () => {
  const map = new Map([[1, 2], ["a", { b: 1 }]]);
  const it = map.entries();
  assertInspect("[Map Entries] { [ 1, 2 ], [ 'a', { b: 1 } ] }", it);
  assertEquals(it.next().value[0], 1);
  assertInspect("[Map Entries] { [ 'a', { b: 1 } ] }", it);
  assertInspect("[Map Iterator] { 1, 'a' }", map.keys());
  assertInspect("[Map Iterator] { 2, { b: 1 } }", map.values());
  const set = new Set([1, "x", [2]]);
  assertInspect("[Set Iterator] { 1, 'x', [ 2 ] }", set.values());
  assertInspect("[Set Entries] { [ 1, 1 ], [ 'x', 'x' ], [ [ 2 ], [ 2 ] ] }", set.entries());
  const exhausted = new Set([1]).values();
  exhausted.next();
  assertInspect("[Set Iterator] {  }", exhausted);
});

test("inspect: iterator previews follow maxArrayLength, depth and extra keys", () => {
  assertInspect("[Set Iterator] { 1, 2, ... 2 more items }", new Set([1, 2, 3, 4]).values(), { maxArrayLength: 2 });
  assertInspect("[Map Entries] { [ 1, 2 ], ... 2 more items }", new Map([[1, 2], [3, 4], [5, 6]]).entries(),
    { maxArrayLength: 1 });
  const extra = new Map([[1, 2]]).entries();
  extra.extra = 1;
  assertInspect("[Map Entries] { [ 1, 2 ], extra: 1 }", extra);
  assertInspect("{ it: [Object [Set Iterator]] }", { it: new Set([1]).values() }, { depth: 0 });
  assertInspect("[ [Map Entries] { [ [Object], 2 ] } ]", [new Map([[{ a: { b: { c: 1 } } }, 2]]).entries()], { depth: 1 });
});

test("inspect: weak collections show their items only with showHidden", () => {
  const key = {};
  const weakMap = new WeakMap([[key, 1]]);
  const weakSet = new WeakSet([key]);
  assertInspect("WeakMap { <items unknown> }", weakMap);
  assertInspect("WeakMap { {} => 1 }", weakMap, { showHidden: true });
  assertInspect("WeakSet { {} }", weakSet, { showHidden: true });
});

test("inspect: patched collection and Object statics do not change output", () => {
  const savedEntries = Map.prototype.entries;
  const savedValues = Set.prototype.values;
  const savedKeys = Object.keys;
  Map.prototype.entries = () => { throw new Error("patched"); };
  Set.prototype.values = () => { throw new Error("patched"); };
  Object.keys = () => ["patched"];
  try {
    assertInspect("{ a: [ 1, 2 ], m: Map(1) { 1 => 2 }, s: Set(1) { 3 } }",
      { a: [1, 2], m: new Map([[1, 2]]), s: new Set([3]) });
  } finally {
    Map.prototype.entries = savedEntries;
    Set.prototype.values = savedValues;
    Object.keys = savedKeys;
  }
});

test("inspect: a value that claims to be a Promise by tag only", () => {
  assertInspect("{ [Symbol(Symbol.toStringTag)]: 'Promise' }", { [Symbol.toStringTag]: "Promise" });
});

test("inspect: options object passed to custom inspect carries depth and stylize", () => {
  let seen;
  const o = { inner: { [CUSTOM](depth, opts, insp) {
    seen = { depth, optDepth: opts.depth, hasStylize: typeof opts.stylize, insp: typeof insp };
    return opts.stylize("X", "special");
  } } };
  assertInspect("{ inner: X }", o, { depth: 5 });
  assertEquals(seen, { depth: 4, optDepth: 5, hasStylize: "function", insp: "function" });
});

test("inspect: depth 0 shows nested objects as [Object]", () => {
  assertInspect("{ a: [Object] }", { a: { b: { c: 1 } } }, { depth: 0, colors: false });
});

test("inspect: unknown options reach custom inspect", () => {
  const o = { [CUSTOM](d, opts) { return String(opts.mine); } };
  assertInspect("42", o, { mine: 42 });
});
