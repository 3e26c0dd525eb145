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

test("inspect: map and set iterators are shown without being consumed", () => {
  const it = new Map([[1, 2]]).entries();
  assertInspect("[Map Iterator] { <items unknown> }", it);
  assertInspect("[Set Iterator] { <items unknown> }", new Set([1]).values());
  assertEquals(it.next().value[0], 1);
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
