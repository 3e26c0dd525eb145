((nano) => {
  "use strict";
  const internal = nano.internal;
  const { defineGlobal, util, events } = internal;

  const illegal = Symbol("illegal constructor guard");
  // Captured now, so an app replacing the globals cannot break aborting.
  const DOMExceptionCtor = DOMException;
  const EventCtor = Event;

  class AbortSignal extends EventTarget {
    #aborted = false;
    #reason = undefined;
    #algorithms = null; // Set of functions run on abort
    #dependent = false;
    #sources = null; // for AbortSignal.any: the non-dependent signals followed
    #dependents = null;

    constructor(key = undefined) {
      if (key !== illegal) throw new TypeError("Illegal constructor");
      super();
    }

    static #check(s) {
      if (!util.isObject(s) || !(#aborted in s)) throw new TypeError("Illegal invocation");
    }
    static isSignal(s) {
      return util.isObject(s) && #aborted in s;
    }

    static abort(reason = undefined) {
      const s = new AbortSignal(illegal);
      s.#aborted = true;
      s.#reason = reason !== undefined ? reason : new DOMExceptionCtor("This operation was aborted", "AbortError");
      return s;
    }

    static timeout(milliseconds) {
      util.requireArgs(arguments.length, 1, "AbortSignal.timeout");
      const ms = util.toEnforcedUint(milliseconds, "AbortSignal.timeout");
      const s = new AbortSignal(illegal);
      internal.timers.setTimeout(() => {
        signalAbort(s, new DOMExceptionCtor("The operation timed out.", "TimeoutError"));
      }, ms);
      return s;
    }

    static any(signals) {
      util.requireArgs(arguments.length, 1, "AbortSignal.any");
      if (!util.isObject(signals) || typeof signals[Symbol.iterator] !== "function") {
        throw new TypeError("AbortSignal.any: argument is not a sequence");
      }
      const list = [...signals];
      for (const s of list) {
        if (!isSignal(s)) throw new TypeError("AbortSignal.any: element is not an AbortSignal");
      }
      const result = new AbortSignal(illegal);
      for (const s of list) {
        if (s.#aborted) {
          result.#aborted = true;
          result.#reason = s.#reason;
          return result;
        }
      }
      result.#dependent = true;
      result.#sources = new Set();
      for (const s of list) {
        const roots = s.#dependent ? s.#sources : [s];
        for (const root of roots) {
          if (result.#sources.has(root)) continue;
          result.#sources.add(root);
          if (root.#dependents === null) root.#dependents = new Set();
          root.#dependents.add(result);
        }
      }
      return result;
    }

    get aborted() {
      AbortSignal.#check(this);
      return this.#aborted;
    }

    get reason() {
      AbortSignal.#check(this);
      return this.#reason;
    }

    throwIfAborted() {
      AbortSignal.#check(this);
      if (this.#aborted) throw this.#reason;
    }

    static addAlgorithm(signal, fn) {
      if (signal.#aborted) return;
      if (signal.#algorithms === null) signal.#algorithms = new Set();
      signal.#algorithms.add(fn);
    }
    static removeAlgorithm(signal, fn) {
      if (signal.#algorithms !== null) signal.#algorithms.delete(fn);
    }

    static signalAbort(signal, reason) {
      if (signal.#aborted) return;
      signal.#aborted = true;
      signal.#reason = reason !== undefined ? reason : new DOMExceptionCtor("This operation was aborted", "AbortError");
      // Set every dependent's reason before any listener can observe one of them.
      const toFire = [];
      if (signal.#dependents !== null) {
        for (const d of signal.#dependents) {
          if (d.#aborted) continue;
          d.#aborted = true;
          d.#reason = signal.#reason;
          toFire.push(d);
        }
        signal.#dependents = null;
      }
      AbortSignal.#runAbortSteps(signal);
      for (const d of toFire) AbortSignal.#runAbortSteps(d);
    }

    static #runAbortSteps(signal) {
      const algorithms = signal.#algorithms;
      signal.#algorithms = null;
      if (algorithms !== null) {
        for (const fn of algorithms) {
          try {
            fn(signal.#reason);
          } catch (err) {
            internal.reportError(err);
          }
        }
      }
      events.dispatchTrusted(signal, new EventCtor("abort"));
    }
  }

  const signalAbort = AbortSignal.signalAbort;
  const addAlgorithm = AbortSignal.addAlgorithm;
  const removeAlgorithm = AbortSignal.removeAlgorithm;
  const isSignal = AbortSignal.isSignal;
  delete AbortSignal.signalAbort;
  delete AbortSignal.addAlgorithm;
  delete AbortSignal.removeAlgorithm;
  delete AbortSignal.isSignal;

  events.defineEventHandler(AbortSignal.prototype, "abort", (s) => {
    if (!isSignal(s)) throw new TypeError("Illegal invocation");
  });
  util.enumerableMembers(AbortSignal, ["aborted", "reason", "throwIfAborted"]);
  util.setToStringTag(AbortSignal);

  class AbortController {
    #signal = new AbortSignal(illegal);

    get signal() {
      if (!(#signal in this)) throw new TypeError("Illegal invocation");
      return this.#signal;
    }

    abort(reason = undefined) {
      if (!(#signal in this)) throw new TypeError("Illegal invocation");
      signalAbort(this.#signal, reason);
    }
  }
  util.enumerableMembers(AbortController, ["signal", "abort"]);
  util.setToStringTag(AbortController);

  internal.isAbortSignal = isSignal;
  internal.abortSignalAddAlgorithm = addAlgorithm;
  internal.abort = {
    isSignal,
    addAlgorithm,
    removeAlgorithm,
    signalAbort,
    // A fresh, not-yet-aborted signal (for Request.signal and the like).
    newSignal: () => new AbortSignal(illegal),
  };

  defineGlobal("AbortSignal", AbortSignal);
  defineGlobal("AbortController", AbortController);
})(globalThis.__nano);
