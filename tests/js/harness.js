// Test harness evaluated into each fresh NANO runtime before a `*.test.js`
// file (see tests/js_suite.rs, which drives it, and tests/js/README.md).
//
// Globals for test files (all non-enumerable):
//   test(name, fn)                 register a test; fn may be async
//   assert(cond, message?)
//   assertEquals(actual, expected, message?)   deep: arrays, plain objects,
//                                              typed arrays, Map, Set, Date
//   assertThrows(fn, ErrorClass | "ErrorName"?, messageIncludes?) → the error
//   assertRejects(asyncFn | promise, ErrorClass | "ErrorName"?, messageIncludes?)
//   assertMatch(string, RegExp)
//   delay(ms), bytes(...octets)
// Console output (captured by the Rust runner, handed back after the test):
//   expectOutput([[level, text | RegExp], ...])   exact list of lines printed
//   checkOutput((lines) => { ... })                 any assertions on the lines
//   assertInspect(expected, value, options?)   console.dir(value, options) prints expected
//   assertFormat(expected, ...args)            console.log(...args) prints expected
//   LEVEL = { debug: 0, log: 1, warn: 2, error: 3 }
// Errors the runtime reports as uncaught (reportError, a throwing listener
// or timer, an unhandled rejection) fail the running test unless it said
//   expectUncaught(RegExp)   one such error whose text matches is expected
((global) => {
  "use strict";

  // Tests may patch built-ins; the harness keeps its own copies.
  const {
    Array: ArrayCtor,
    ArrayBuffer: ArrayBufferCtor,
    Date: DateCtor,
    Error: ErrorCtor,
    JSON: JSONObj,
    Map: MapCtor,
    Object: ObjectCtor,
    Promise: PromiseCtor,
    RegExp: RegExpCtor,
    Set: SetCtor,
    String: StringCtor,
    Uint8Array: Uint8ArrayCtor,
    clearTimeout: clearTimer,
    console: consoleObj,
    setTimeout: setTimer,
  } = global;
  const stringify = JSONObj.stringify;
  const isArray = ArrayCtor.isArray;
  const isView = ArrayBufferCtor.isView;
  const keysOf = ObjectCtor.keys;
  const getPrototypeOf = ObjectCtor.getPrototypeOf;
  const objectIs = ObjectCtor.is;
  const defineProperty = ObjectCtor.defineProperty;
  const mapEntries = MapCtor.prototype.entries;
  const setValues = SetCtor.prototype.values;
  const dateValue = DateCtor.prototype.getTime;
  const regexpTest = RegExpCtor.prototype.test;
  const consoleDir = consoleObj.dir;
  const consoleLog = consoleObj.log;
  const call = (fn, self, ...args) => Reflect.apply(fn, self, args);

  const TEST_TIMEOUT_MS = 10000;
  const LEVEL = ObjectCtor.freeze({ debug: 0, log: 1, warn: 2, error: 3 });

  const tests = [];
  const results = [];
  let current = null;

  const SHOW_LIMIT = 2000;
  function show(value) {
    const text = showFull(value);
    return text.length > SHOW_LIMIT ? `${text.slice(0, SHOW_LIMIT)}... (${text.length - SHOW_LIMIT} more characters)` : text;
  }

  function showFull(value) {
    try {
      if (typeof value === "string") return stringify(value);
      if (typeof value === "bigint") return `${value}n`;
      if (typeof value === "symbol" || typeof value === "function") return StringCtor(value);
      if (value instanceof RegExpCtor) return StringCtor(value);
      if (isView(value)) return `${value.constructor.name}[${ArrayCtor.from(value).join(",")}]`;
      if (value instanceof MapCtor) return `Map${show([...call(mapEntries, value)])}`;
      if (value instanceof SetCtor) return `Set${show([...call(setValues, value)])}`;
      const text = stringify(value, (k, v) => {
        if (typeof v === "bigint") return `${v}n`;
        if (isView(v)) return `${v.constructor.name}[${ArrayCtor.from(v).join(",")}]`;
        return v;
      });
      return text === undefined ? StringCtor(value) : text;
    } catch {
      return StringCtor(value);
    }
  }

  function deepEqual(a, b, seen = []) {
    if (objectIs(a, b)) return true;
    if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
    for (const [x, y] of seen) if (x === a && y === b) return true;
    seen = [...seen, [a, b]];
    if (isView(a) || isView(b)) {
      if (!isView(a) || !isView(b) || a.constructor !== b.constructor) return false;
      if (a.constructor.name === "DataView") {
        return deepEqual(new Uint8ArrayCtor(a.buffer, a.byteOffset, a.byteLength),
          new Uint8ArrayCtor(b.buffer, b.byteOffset, b.byteLength));
      }
      if (a.length !== b.length) return false;
      for (let i = 0; i < a.length; i++) if (!objectIs(a[i], b[i])) return false;
      return true;
    }
    if (a instanceof ArrayBufferCtor || b instanceof ArrayBufferCtor) {
      if (!(a instanceof ArrayBufferCtor && b instanceof ArrayBufferCtor)) return false;
      return deepEqual(new Uint8ArrayCtor(a), new Uint8ArrayCtor(b));
    }
    if (a instanceof DateCtor || b instanceof DateCtor) {
      return a instanceof DateCtor && b instanceof DateCtor && objectIs(call(dateValue, a), call(dateValue, b));
    }
    if (a instanceof MapCtor || b instanceof MapCtor) {
      if (!(a instanceof MapCtor && b instanceof MapCtor)) return false;
      return deepEqual([...call(mapEntries, a)], [...call(mapEntries, b)], seen);
    }
    if (a instanceof SetCtor || b instanceof SetCtor) {
      if (!(a instanceof SetCtor && b instanceof SetCtor)) return false;
      return deepEqual([...call(setValues, a)], [...call(setValues, b)], seen);
    }
    if (isArray(a) !== isArray(b)) return false;
    if (!isArray(a) && getPrototypeOf(a) !== getPrototypeOf(b)) return false;
    const ka = keysOf(a);
    const kb = keysOf(b);
    if (ka.length !== kb.length) return false;
    for (const k of ka) {
      if (!ObjectCtor.prototype.hasOwnProperty.call(b, k)) return false;
      if (!deepEqual(a[k], b[k], seen)) return false;
    }
    return true;
  }

  function errorMatches(error, expected) {
    if (expected === undefined) return true;
    if (typeof expected === "string") return error != null && error.name === expected;
    return error instanceof expected;
  }

  function expectedName(expected) {
    return expected === undefined ? "an error" : typeof expected === "string" ? expected : expected.name;
  }

  function checkError(error, expected, messageIncludes, verb) {
    if (!errorMatches(error, expected)) {
      throw new ErrorCtor(`${verb} ${error && error.name}: ${error && error.message}, ` +
        `expected ${expectedName(expected)}`);
    }
    if (messageIncludes !== undefined && !StringCtor(error && error.message).includes(messageIncludes)) {
      throw new ErrorCtor(`error message ${show(error && error.message)} does not include ${show(messageIncludes)}`);
    }
    return error;
  }

  function assert(condition, message = "assertion failed") {
    if (!condition) throw new ErrorCtor(message);
  }

  function assertEquals(actual, expected, message = "") {
    if (!deepEqual(actual, expected)) {
      throw new ErrorCtor(`${message ? message + ": " : ""}expected ${show(expected)}\n     got ${show(actual)}`);
    }
  }

  function assertThrows(fn, expected, messageIncludes) {
    try {
      fn();
    } catch (error) {
      return checkError(error, expected, messageIncludes, "threw");
    }
    throw new ErrorCtor(`expected ${expectedName(expected)} to be thrown`);
  }

  async function assertRejects(fnOrPromise, expected, messageIncludes) {
    try {
      await (typeof fnOrPromise === "function" ? fnOrPromise() : fnOrPromise);
    } catch (error) {
      return checkError(error, expected, messageIncludes, "rejected with");
    }
    throw new ErrorCtor(`expected a rejection with ${expectedName(expected)}`);
  }

  function assertMatch(actual, re) {
    if (typeof actual !== "string" || !call(regexpTest, re, actual)) {
      throw new ErrorCtor(`expected ${show(actual)} to match ${re}`);
    }
  }

  function running(what) {
    if (current === null) throw new ErrorCtor(`${what} is only available while a test runs`);
    return current;
  }

  function expectOutput(lines) {
    const state = running("expectOutput");
    for (const line of lines) state.expected.push(line);
  }

  function checkOutput(fn) {
    running("checkOutput").checks.push(fn);
  }

  function expectUncaught(re) {
    running("expectUncaught").uncaught.push(re);
  }

  function assertInspect(expected, value, options) {
    const state = running("assertInspect");
    call(consoleDir, consoleObj, value, { customInspect: true, ...options });
    state.expected.push([LEVEL.log, expected]);
  }

  function assertFormat(expected, ...args) {
    const state = running("assertFormat");
    call(consoleLog, consoleObj, ...args);
    state.expected.push([LEVEL.log, expected]);
  }

  function lineMatches(actual, expected) {
    if (!isArray(actual) || !isArray(expected) || actual[0] !== expected[0]) return false;
    const want = expected[1];
    if (want instanceof RegExpCtor) return call(regexpTest, want, actual[1]);
    return actual[1] === want;
  }

  function compareOutput(lines, expected) {
    const n = lines.length > expected.length ? lines.length : expected.length;
    for (let i = 0; i < n; i++) {
      if (i >= lines.length) throw new ErrorCtor(`output line ${i + 1} missing: expected ${show(expected[i])}`);
      if (i >= expected.length) throw new ErrorCtor(`unexpected output line ${i + 1}: ${show(lines[i])}`);
      if (!lineMatches(lines[i], expected[i])) {
        throw new ErrorCtor(`output line ${i + 1}: expected ${show(expected[i])}\n     got ${show(lines[i])}`);
      }
    }
  }

  function test(name, fn) {
    if (typeof name !== "string" || typeof fn !== "function") throw new TypeError("test(name, fn)");
    tests.push({ name, fn });
  }

  function describe(error) {
    if (error instanceof ErrorCtor || (error && typeof error.message === "string")) {
      const message = error.name === undefined ? error.message : `${error.name}: ${error.message}`;
      return { message, stack: typeof error.stack === "string" ? error.stack : "" };
    }
    return { message: `thrown: ${show(error)}`, stack: "" };
  }

  // Driven from Rust, one test at a time: run(i) settles once the test body
  // has (with a timeout), the runner hands back the captured console lines
  // with finish(i, lines), and summary() reports the file.
  let pending = null;
  async function runTest(index) {
      const t = tests[index];
      current = { index, expected: [], checks: [], uncaught: [], error: null };
      const state = current;
      let timer;
      try {
        await PromiseCtor.race([
          (async () => t.fn())(),
          new PromiseCtor((_, reject) => {
            timer = setTimer(() => reject(new ErrorCtor(`timed out after ${TEST_TIMEOUT_MS} ms`)), TEST_TIMEOUT_MS);
          }),
        ]);
      } catch (error) {
        state.error = error;
      } finally {
        clearTimer(timer);
      }
    return index;
  }

  const runner = {
    count: () => tests.length,
    run(index) {
      pending = runTest(index);
      return pending;
    },
    pending: () => pending,
    finish(index, lines) {
      const t = tests[index];
      const state = current;
      current = null;
      let error = state.error;
      if (error === null) {
        try {
          if (state.uncaught.length !== 0) {
            throw new ErrorCtor(`expected an uncaught error matching ${state.uncaught[0]}, none was reported`);
          }
          if (state.expected.length !== 0) compareOutput(lines, state.expected);
          for (const check of state.checks) check(lines);
        } catch (e) {
          error = e;
        }
      }
      const result = { name: t.name, status: "passed" };
      if (error !== null) {
        const { message, stack } = describe(error);
        result.message = message;
        result.stack = stack;
        if (lines.length !== 0 && state.expected.length === 0 && state.checks.length === 0) {
          result.message += `\n     console output: ${show(lines.slice(0, 20))}`;
        }
        result.status = "failed";
      }
      results.push(result);
      return result.status;
    },
    // A failure the runner saw outside the test body (an uncaught error in
    // a timer, an unhandled rejection) while test `index` ran, or with
    // index -1 while the file loaded or after its last test.
    fail(index, message) {
      const error = { message, stack: "" };
      if (current !== null && current.index === index) {
        const expected = current.uncaught.findIndex((re) => call(regexpTest, re, message));
        if (expected !== -1) current.uncaught.splice(expected, 1);
        else if (current.error === null) current.error = error;
      } else {
        results.push({ name: index < 0 ? "(file)" : tests[index].name, status: "failed", message, stack: "" });
      }
    },
    summary() {
      const summary = { passed: 0, failed: 0, failures: [] };
      for (const r of results) {
        summary[r.status]++;
        if (r.status === "failed") summary.failures.push({ name: r.name, message: r.message, stack: r.stack });
      }
      return stringify(summary);
    },
  };

  const define = (name, value) =>
    defineProperty(global, name, { value, writable: true, configurable: true, enumerable: false });
  define("test", test);
  define("assert", assert);
  define("assertEquals", assertEquals);
  define("assertThrows", assertThrows);
  define("assertRejects", assertRejects);
  define("assertMatch", assertMatch);
  define("expectOutput", expectOutput);
  define("checkOutput", checkOutput);
  define("expectUncaught", expectUncaught);
  define("assertInspect", assertInspect);
  define("assertFormat", assertFormat);
  define("LEVEL", LEVEL);
  define("delay", (ms) => new PromiseCtor((resolve) => setTimer(resolve, ms)));
  define("bytes", (...octets) => new Uint8ArrayCtor(octets));
  define("__harness", ObjectCtor.freeze(runner));
})(globalThis);
