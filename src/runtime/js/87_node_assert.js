// `node:assert`: the assertions, which throw AssertionError.
(nano) => {
  "use strict";
  const { internal } = nano;
  const { invalidArgType } = internal.node;
  internal.nodeModule("util");
  const { deepEqual, inspect } = internal;

  class AssertionError extends Error {
    constructor(options) {
      if (options === null || typeof options !== "object") throw invalidArgType("options", "of type object", options);
      const { message, actual, expected, operator } = options;
      super(message === undefined ? `${inspect(actual)} ${operator} ${inspect(expected)}` : `${message}`);
      this.generatedMessage = message === undefined;
      this.code = "ERR_ASSERTION";
      this.actual = actual;
      this.expected = expected;
      this.operator = operator;
    }
  }
  Object.defineProperty(AssertionError.prototype, "name", { value: "AssertionError", writable: true, configurable: true });

  // Throws `message` itself when it is an Error, else an AssertionError.
  function raise(actual, expected, message, operator, generated) {
    if (message instanceof Error) throw message;
    const error = new AssertionError({ actual, expected, operator, message: message ?? generated });
    error.generatedMessage = message === undefined;
    throw error;
  }

  const show = (value) => inspect(value, { depth: 4 });

  function ok(...args) {
    if (args.length === 0) raise(undefined, true, undefined, "==", "No value argument passed to `assert.ok()`");
    if (!args[0]) raise(args[0], true, args[1], "==", "The expression evaluated to a falsy value");
  }

  const comparisons = {
    equal: [(a, b) => a == b || (a !== a && b !== b), "==", (a, b) => `${show(a)} == ${show(b)}`],
    notEqual: [(a, b) => !(a == b || (a !== a && b !== b)), "!=", (a, b) => `${show(a)} != ${show(b)}`],
    strictEqual: [Object.is, "strictEqual", (a, b) => `Expected values to be strictly equal:\n\n${show(a)} !== ${show(b)}\n`],
    notStrictEqual: [(a, b) => !Object.is(a, b), "notStrictEqual", (a) => `Expected "actual" to be strictly unequal to: ${show(a)}`],
    deepEqual: [(a, b) => deepEqual(a, b, false), "deepEqual", (a, b) => `Expected values to be loosely deep-equal:\n\n${show(a)}\n\nshould loosely deep-equal\n\n${show(b)}`],
    notDeepEqual: [(a, b) => !deepEqual(a, b, false), "notDeepEqual", (a, b) => `"actual" deepEqual "expected"\n\n${show(a)}\n\nshould not loosely deep-equal\n\n${show(b)}`],
    deepStrictEqual: [(a, b) => deepEqual(a, b, true), "deepStrictEqual", (a, b) => `Expected values to be strictly deep-equal:\n\n${show(a)}\n\nshould equal\n\n${show(b)}`],
    notDeepStrictEqual: [(a, b) => !deepEqual(a, b, true), "notDeepStrictEqual", (a) => `Expected "actual" not to be strictly deep-equal to: ${show(a)}`],
  };

  const assert = function assert(...args) {
    ok(...args);
  };
  assert.ok = ok;
  assert.AssertionError = AssertionError;
  for (const [name, [holds, operator, describe]] of Object.entries(comparisons)) {
    assert[name] = {
      [name](actual, expected, message) {
        if (arguments.length < 2) throw invalidArgType("expected", "given", undefined);
        if (!holds(actual, expected)) raise(actual, expected, message, operator, describe(actual, expected));
      },
    }[name];
  }

  assert.fail = function fail(message = "Failed") {
    raise(undefined, undefined, message, "fail");
  };

  assert.match = function match(string, regexp, message) {
    if (!(regexp instanceof RegExp)) throw invalidArgType("regexp", "an instance of RegExp", regexp);
    if (typeof string !== "string" || !regexp.test(string)) {
      raise(string, regexp, message, "match", `The input did not match the regular expression ${regexp}. Input:\n\n${show(string)}\n`);
    }
  };

  // Does the thrown `error` meet `expected` (a class, RegExp, validation
  // function or object of expected properties)?
  function checkError(error, expected, message, operator) {
    if (expected === undefined) return;
    if (expected instanceof RegExp) {
      if (!expected.test(String(error))) {
        raise(error, expected, message, operator, `The input did not match the regular expression ${expected}. Input:\n\n${show(String(error))}\n`);
      }
      return;
    }
    if (typeof expected === "function") {
      if (expected.prototype !== undefined && error instanceof expected) return;
      if (Error.isPrototypeOf(expected) || expected === Error) {
        raise(error, expected, message, operator, `The error is expected to be an instance of "${expected.name}". Received ${show(error)}`);
      }
      if (expected.call({}, error) !== true) {
        raise(error, expected, message, operator, `The ${expected.name ? `"${expected.name}" ` : ""}validation function is expected to return "true". Received ${show(error)}`);
      }
      return;
    }
    if (typeof expected === "object" && expected !== null) {
      for (const key of Object.keys(expected)) {
        const want = expected[key];
        const have = error?.[key];
        const matches = want instanceof RegExp && typeof have === "string" ? want.test(have) : deepEqual(have, want, true);
        if (!matches) {
          raise(error, expected, message, operator, `Expected values to be strictly deep-equal:\n\n${key}: ${show(have)}\n\nshould equal\n\n${key}: ${show(want)}`);
        }
      }
      return;
    }
    throw invalidArgType("expected", "of type function or an instance of Error, RegExp, or Object", expected);
  }

  // `throws(fn, message)`: a string second argument is the message.
  function splitExpected(expected, message) {
    return typeof expected === "string" ? [undefined, expected] : [expected, message];
  }

  function missing(kind, expected, message, operator) {
    const name = typeof expected === "function" && expected.name ? ` (${expected.name})` : "";
    const suffix = typeof message === "string" ? `: ${message}` : ".";
    raise(undefined, expected, message instanceof Error ? message : undefined, operator, `Missing expected ${kind}${name}${suffix}`);
  }

  const NOTHING = Symbol("nothing thrown");

  assert.throws = function throws(fn, expectedOrMessage, maybeMessage) {
    if (typeof fn !== "function") throw invalidArgType("fn", "of type function", fn);
    const [expected, message] = splitExpected(expectedOrMessage, maybeMessage);
    let thrown = NOTHING;
    try {
      fn();
    } catch (error) {
      thrown = error;
    }
    if (thrown === NOTHING) missing("exception", expected, message, "throws");
    checkError(thrown, expected, message, "throws");
  };

  assert.doesNotThrow = function doesNotThrow(fn, expectedOrMessage, maybeMessage) {
    if (typeof fn !== "function") throw invalidArgType("fn", "of type function", fn);
    const [, message] = splitExpected(expectedOrMessage, maybeMessage);
    try {
      fn();
    } catch (error) {
      raise(error, undefined, message, "doesNotThrow", `Got unwanted exception.\nActual message: "${error?.message}"`);
    }
  };

  async function settle(promiseOrFn) {
    const promise = typeof promiseOrFn === "function" ? promiseOrFn() : promiseOrFn;
    if (typeof promise?.then !== "function") {
      throw invalidArgType("promiseFn", "of type function or an instance of Promise", promiseOrFn);
    }
    try {
      await promise;
      return NOTHING;
    } catch (error) {
      return { error };
    }
  }

  assert.rejects = async function rejects(promiseOrFn, expectedOrMessage, maybeMessage) {
    const [expected, message] = splitExpected(expectedOrMessage, maybeMessage);
    const outcome = await settle(promiseOrFn);
    if (outcome === NOTHING) missing("rejection", expected, message, "rejects");
    checkError(outcome.error, expected, message, "rejects");
  };

  assert.doesNotReject = async function doesNotReject(promiseOrFn, expectedOrMessage, maybeMessage) {
    const [, message] = splitExpected(expectedOrMessage, maybeMessage);
    const outcome = await settle(promiseOrFn);
    if (outcome !== NOTHING) {
      raise(outcome.error, undefined, message, "doesNotReject", `Got unwanted rejection.\nActual message: "${outcome.error?.message}"`);
    }
  };

  // `assert.strict`: the same assertions, with the loose ones made strict.
  const strict = function strict(...args) {
    ok(...args);
  };
  Object.assign(strict, assert, {
    equal: assert.strictEqual,
    notEqual: assert.notStrictEqual,
    deepEqual: assert.deepStrictEqual,
    notDeepEqual: assert.notDeepStrictEqual,
  });
  strict.strict = strict;
  assert.strict = strict;

  const { ...exports } = assert;
  internal.nodeModules.assert = { exports, default: assert };
};
