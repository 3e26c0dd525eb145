// performance (High Resolution Time, User Timing) and navigator.

test("performance.now and timeOrigin", async () => {
  assert(performance instanceof Performance);
  assert(performance instanceof EventTarget);
  const a = performance.now();
  await delay(5);
  const b = performance.now();
  assert(a >= 0 && b - a >= 4, `now() advances (${a} → ${b})`);
  const origin = performance.timeOrigin;
  assertEquals(typeof origin, "number");
  assertEquals(performance.timeOrigin, origin, "timeOrigin is fixed");
  const wall = origin + performance.now();
  assert(Math.abs(wall - Date.now()) < 50, `timeOrigin + now() is close to Date.now() (${wall - Date.now()})`);
  assertEquals(performance.toJSON(), { timeOrigin: origin });
  assertThrows(() => new Performance(), TypeError);
  assertThrows(() => Performance.prototype.now.call({}), TypeError);
  assertEquals(Object.prototype.toString.call(performance), "[object Performance]");
});

test("performance.mark / measure / getEntries", () => {
  performance.clearMarks();
  performance.clearMeasures();
  const a = performance.mark("a", { startTime: 100, detail: { n: 1 } });
  assert(a instanceof PerformanceMark && a instanceof PerformanceEntry);
  assertEquals([a.name, a.entryType, a.duration], ["a", "mark", 0]);
  assertEquals(a.detail, { n: 1 });
  const b = performance.mark("b", { startTime: 110 });
  assertEquals(b.startTime, 110);
  assert(performance.mark("now").startTime <= performance.now());
  performance.clearMarks("now");
  const m = performance.measure("a-b", "a", "b");
  assertEquals([m.entryType, m.startTime, m.duration], ["measure", 100, 10]);
  const m2 = performance.measure("opts", { start: 1, duration: 2, detail: "d" });
  assertEquals([m2.startTime, m2.duration, m2.detail], [1, 2, "d"]);
  assertEquals(performance.measure("from-zero").startTime, 0);
  assertEquals(performance.getEntriesByType("mark").map((e) => e.name), ["a", "b"]);
  assertEquals(performance.getEntriesByName("a-b").length, 1);
  assertEquals(performance.getEntriesByName("a", "measure").length, 0);
  assertEquals(performance.getEntries().length, 5);
  const missing = assertThrows(() => performance.measure("x", "nope"), DOMException);
  assertEquals(missing.name, "SyntaxError");
  assertThrows(() => performance.mark("neg", { startTime: -1 }), TypeError);
  assertThrows(() => performance.mark("f", { detail: () => {} }), DOMException);
  assertThrows(() => performance.measure("x", { start: 1, end: 2, duration: 1 }), TypeError);
  performance.clearMarks("a");
  assertEquals(performance.getEntriesByType("mark").map((e) => e.name), ["b"]);
  performance.clearMeasures();
  assertEquals(performance.getEntriesByType("measure"), []);
  assertEquals(JSON.parse(JSON.stringify(b)).entryType, "mark");
});

test("navigator.userAgent", () => {
  assert(navigator instanceof Navigator);
  assertMatch(navigator.userAgent, /^NANO\/\d+\.\d+\.\d+/);
  assertThrows(() => new Navigator(), TypeError);
  assert(self === globalThis);
});
