// console behaviour beyond what Node's output pins down: levels, timers with
// the real clock, label warnings, groups, misuse.

test("console.time / timeLog / timeEnd measure with the runtime's clock", async () => {
  console.time("t");
  console.timeLog("t", "extra", { a: 1 });
  await delay(1050);
  console.timeEnd("t");
  console.time();
  console.timeEnd();
  checkOutput((lines) => {
    assertEquals(lines.length, 3);
    assertEquals(lines.map(([level]) => level), [LEVEL.log, LEVEL.log, LEVEL.log]);
    assertMatch(lines[0][1], /^t: \d+(\.\d{1,3})?ms extra \{ a: 1 \}$/);
    assertMatch(lines[1][1], /^t: 1\.\d{3}s$/);
    assertMatch(lines[2][1], /^default: \d+(\.\d{1,3})?ms$/);
  });
});

test("console.time warnings for duplicate and missing labels", () => {
  console.time("dup");
  console.time("dup");
  console.timeEnd("dup");
  console.timeEnd("dup");
  console.timeLog("nope");
  console.countReset("never");
  expectOutput([
    [LEVEL.warn, "Warning: Label 'dup' already exists for console.time()"],
    [LEVEL.log, /^dup: \d+(\.\d+)?ms$/],
    [LEVEL.warn, "Warning: No such label 'dup' for console.timeEnd()"],
    [LEVEL.warn, "Warning: No such label 'nope' for console.timeLog()"],
    [LEVEL.warn, "Warning: Count for 'never' does not exist"],
  ]);
});

test("console levels: debug 0, log/info 1, warn/assert 2, error/trace 3", () => {
  console.debug("d");
  console.log("l");
  console.info("i");
  console.warn("w");
  console.assert(false);
  console.error("e");
  console.trace("t");
  checkOutput((lines) => assertEquals(lines.map((line) => line[0]), [0, 1, 1, 2, 2, 3, 3]));
});

test("console.trace prints Trace: message and a stack, indented in groups", () => {
  (function outerFn() {
    console.trace("here %d", 1);
  })();
  console.group();
  console.trace();
  console.groupEnd();
  checkOutput(([[level, text], [, grouped]]) => {
    assertEquals(level, LEVEL.error);
    assertMatch(text, /^Trace: here 1\n {4}at outerFn /);
    assertMatch(grouped, /^ {2}Trace\n {6}at /);
  });
});

test("console methods work detached from console", () => {
  const { log, group, groupEnd } = console;
  group("g");
  log("x");
  groupEnd();
  expectOutput([[1, "g"], [1, "  x"]]);
});

test("console.groupEnd below zero is harmless", () => {
  console.groupEnd();
  console.groupEnd();
  console.log("flat");
  expectOutput([[1, "flat"]]);
});

test("console.table rejects non-array properties", () => {
  assertThrows(() => console.table([], "a"), TypeError);
  assertThrows(() => console.table([{ a: 1 }], 5), TypeError);
  checkOutput((lines) => assertEquals(lines, []));
});

test("console is a non-enumerable global with Node-like shape", () => {
  assert(!Object.keys(globalThis).includes("console"));
  assertEquals(Object.prototype.toString.call(console), "[object console]");
  assertEquals(console.log.name, "log");
  assertEquals(console.groupCollapsed.name, "groupCollapsed");
  for (const m of ["log", "info", "debug", "warn", "error", "trace", "assert", "table", "time",
    "timeEnd", "timeLog", "count", "countReset", "group", "groupCollapsed", "groupEnd", "dir", "dirxml"]) {
    assertEquals(typeof console[m], "function", m);
  }
});

test("console.log with circular objects", () => {
  const o = { name: "o" };
  o.self = o;
  console.log("obj:", o);
  expectOutput([[1, "obj: <ref *1> { name: 'o', self: [Circular *1] }"]]);
});

test("console.dir uses custom inspect only when asked", () => {
  const o = { v: 1, [Symbol.for("nodejs.util.inspect.custom")]() { return "C"; } };
  console.dir(o, { customInspect: true });
  console.log(o);
  expectOutput([[1, "C"], [1, "C"]]);
});

test("console.log: many placeholders and arguments", () => {
  assertFormat("s|1.5|2|3.5|[1]|%|.", "%s|%d|%i|%f|%j|%%|%c.", "s", 1.5, 2.5, "3.5", [1], "css");
});

test("console: a value whose toString throws is still printed", () => {
  const o = { toString() { throw new Error("no"); } };
  console.log(o);
  expectOutput([[1, /^\{ toString: \[Function: toString\] \}$/]]);
});
