// setTimeout/setInterval/clearTimeout/clearInterval (HTML timers) and
// Workers' scheduler.wait. Cases adapted from WPT html/webappapis/timers/
// (negative-settimeout.any.js, negative-setinterval.any.js,
// missing-timeout-setinterval.any.js, type-long-settimeout.any.js,
// type-long-setinterval.any.js, cleartimeout-clearinterval.any.js,
// evil-spec-example.any.js) plus ordering and error cases.

const elapsedSince = (start) => performance.now() - start;

test("setTimeout: returns distinct positive integer ids", () => {
  const ids = [setTimeout(() => {}), setTimeout(() => {}, 1), setInterval(() => {}, 1000), setTimeout(() => {})];
  for (const id of ids) {
    assertEquals(typeof id, "number");
    assert(Number.isInteger(id) && id > 0, `id ${id}`);
    clearTimeout(id);
  }
  assertEquals(new Set(ids).size, ids.length, "timeouts and intervals share one id space");
});

test("setTimeout: passes extra arguments; this is the global", async () => {
  const got = await new Promise((resolve) => {
    setTimeout(function (...args) {
      resolve({ args, self: this === globalThis, count: arguments.length });
    }, 0, 1, "two", null);
  });
  assertEquals(got, { args: [1, "two", null], self: true, count: 3 });
  const none = await new Promise((resolve) => setTimeout((...args) => resolve(args.length)));
  assertEquals(none, 0);
});

test("setInterval: passes extra arguments on every run", async () => {
  const seen = [];
  await new Promise((resolve) => {
    const id = setInterval((a, b) => {
      seen.push(a + b);
      if (seen.length === 3) {
        clearInterval(id);
        resolve();
      }
    }, 1, 2, 3);
  });
  assertEquals(seen, [5, 5, 5]);
});

// NANO, like workerd, does not compile strings: the callback must be a function.
test("setTimeout/setInterval: a non-function callback is a TypeError", () => {
  for (const bad of ["1 + 1", undefined, null, 5, {}]) {
    assertThrows(() => setTimeout(bad, 0), TypeError);
    assertThrows(() => setInterval(bad, 0), TypeError);
  }
  assertThrows(() => setTimeout(), TypeError);
});

// WPT negative-settimeout.any.js, type-long-settimeout.any.js
test("setTimeout: negative, NaN, huge and string delays", async () => {
  const fired = [];
  const wait = (label, delay) => new Promise((resolve) => setTimeout(() => { fired.push(label); resolve(); }, delay));
  const start = performance.now();
  await Promise.all([
    wait("negative", -100),
    wait("NaN", NaN),
    wait("2^32", 2 ** 32),
    wait("Infinity", Infinity),
    wait("object", {}),
  ]);
  assert(elapsedSince(start) < 1000, "all of these mean a zero delay");
  assertEquals(fired.length, 5);
  const s = performance.now();
  await new Promise((resolve) => setTimeout(resolve, "30"));
  assert(elapsedSince(s) >= 29, "a numeric string is a delay in ms");
});

// WPT negative-setinterval.any.js, missing-timeout-setinterval.any.js, type-long-setinterval.any.js
test("setInterval: missing, negative and huge delays repeat promptly", async () => {
  for (const args of [[], [-100], [2 ** 32]]) {
    let n = 0;
    await new Promise((resolve) => {
      const id = setInterval(() => {
        if (++n === 2) {
          clearInterval(id);
          resolve();
        }
      }, ...args);
    });
    assertEquals(n, 2, `delay ${args}`);
  }
});

test("setTimeout: fires no sooner than the delay", async () => {
  const start = performance.now();
  await new Promise((resolve) => setTimeout(resolve, 40));
  assert(elapsedSince(start) >= 39, `fired after ${elapsedSince(start)} ms`);
});

test("setTimeout: order follows the deadline, then the call order", async () => {
  const order = [];
  await new Promise((resolve) => {
    setTimeout(() => order.push("30ms"), 30);
    setTimeout(() => order.push("0ms-a"), 0);
    setTimeout(() => order.push("10ms"), 10);
    setTimeout(() => order.push("0ms-b"), 0);
    setTimeout(() => order.push("0ms-c"));
    setTimeout(resolve, 60);
  });
  assertEquals(order, ["0ms-a", "0ms-b", "0ms-c", "10ms", "30ms"]);
});

test("setTimeout: microtasks run between timer callbacks", async () => {
  const order = [];
  await new Promise((resolve) => {
    setTimeout(() => {
      order.push("t1");
      queueMicrotask(() => order.push("t1-micro"));
      Promise.resolve().then(() => order.push("t1-then"));
    });
    setTimeout(() => {
      order.push("t2");
      resolve();
    });
    queueMicrotask(() => order.push("sync-micro"));
  });
  assertEquals(order, ["sync-micro", "t1", "t1-micro", "t1-then", "t2"]);
});

test("setTimeout: a timer set inside a callback runs after the already-due ones", async () => {
  const order = [];
  await new Promise((resolve) => {
    setTimeout(() => {
      order.push("outer-1");
      setTimeout(() => {
        order.push("nested");
        resolve();
      }, 0);
    }, 0);
    setTimeout(() => order.push("outer-2"), 0);
  });
  assertEquals(order, ["outer-1", "outer-2", "nested"]);
});

// WPT cleartimeout-clearinterval.any.js
test("clearTimeout and clearInterval clear either kind", async () => {
  let ran = 0;
  const t = setTimeout(() => ran++, 0);
  clearInterval(t);
  const i = setInterval(() => ran++, 0);
  clearTimeout(i);
  await delay(20);
  assertEquals(ran, 0);
});

test("clearTimeout: unknown, stale, and odd ids are ignored", async () => {
  for (const id of [undefined, null, 0, -1, 1e12, NaN, "nope", {}, 1.5]) {
    clearTimeout(id);
    clearInterval(id);
  }
  clearTimeout();
  clearInterval();
  const id = setTimeout(() => {}, 0);
  await delay(5);
  clearTimeout(id); // already fired
  clearTimeout(id);
});

test("clearTimeout: the id may be given as a string", async () => {
  let ran = false;
  const id = setTimeout(() => { ran = true; }, 0);
  clearTimeout(String(id));
  await delay(10);
  assertEquals(ran, false);
});

// WPT evil-spec-example.any.js: one callback clears a timer that is already due
test("clearTimeout: a timer cleared by an earlier due callback does not run", async () => {
  const log = [];
  let second;
  setTimeout(() => {
    log.push("first");
    clearTimeout(second);
  }, 0);
  second = setTimeout(() => log.push("second"), 0);
  await delay(20);
  assertEquals(log, ["first"]);
});

test("clearInterval inside its own callback stops it", async () => {
  let n = 0;
  const id = setInterval(() => {
    n++;
    clearInterval(id);
  }, 1);
  await delay(30);
  assertEquals(n, 1);
});

test("clearTimeout inside its own callback is harmless", async () => {
  let n = 0;
  await new Promise((resolve) => {
    const id = setTimeout(() => {
      n++;
      clearTimeout(id);
      resolve();
    }, 0);
  });
  await delay(5);
  assertEquals(n, 1);
});

test("setInterval: keeps running at about its period", async () => {
  const start = performance.now();
  let n = 0;
  await new Promise((resolve) => {
    const id = setInterval(() => {
      if (++n === 4) {
        clearInterval(id);
        resolve();
      }
    }, 10);
  });
  assert(elapsedSince(start) >= 39, `4 runs of 10 ms took ${elapsedSince(start)} ms`);
});

test("a throwing timer is reported and later timers still run", async () => {
  expectUncaught(/timer threw on purpose/);
  let after = false;
  setTimeout(() => {
    throw new Error("timer threw on purpose");
  }, 0);
  setTimeout(() => { after = true; }, 0);
  await delay(20);
  assert(after);
});

test("a throwing interval is reported each time and keeps its schedule", async () => {
  expectUncaught(/interval threw 1/);
  expectUncaught(/interval threw 2/);
  let n = 0;
  await new Promise((resolve) => {
    const id = setInterval(() => {
      n++;
      if (n === 3) {
        clearInterval(id);
        resolve();
        return;
      }
      throw new Error(`interval threw ${n}`);
    }, 1);
  });
  assertEquals(n, 3);
});

test("scheduler.wait: resolves with undefined after the delay", async () => {
  assertEquals(typeof scheduler, "object");
  const start = performance.now();
  const p = scheduler.wait(30);
  assert(p instanceof Promise);
  assertEquals(await p, undefined);
  assert(elapsedSince(start) >= 29, `waited ${elapsedSince(start)} ms`);
  assertEquals(await scheduler.wait(), undefined);
  assertEquals(await scheduler.wait(-5), undefined);
});

test("scheduler.wait: shorter waits settle first", async () => {
  const order = [];
  await Promise.all([
    scheduler.wait(30).then(() => order.push(30)),
    scheduler.wait(1).then(() => order.push(1)),
    scheduler.wait(15).then(() => order.push(15)),
  ]);
  assertEquals(order, [1, 15, 30]);
});
