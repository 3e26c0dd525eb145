// The async context `AsyncLocalStorage` reads: a value that follows the
// code across await, promise reactions, timers and queueMicrotask. Until the
// first AsyncLocalStorage exists it stays undefined and no promise hook is
// installed, so other apps pay only a property read per timer.
((nano) => {
  "use strict";
  const { ops, internal } = nano;

  // The context of each promise made while one was current; a promise's
  // reactions run in the context it was made in.
  const promiseContexts = new WeakMap();
  const saved = [];
  let hooksInstalled = false;

  const asyncContext = {
    // A frozen Map of AsyncLocalStorage -> store, or undefined.
    current: undefined,

    // Called by the first AsyncLocalStorage: from then on promises carry
    // the context they were made in.
    enable() {
      if (hooksInstalled) return;
      hooksInstalled = true;
      ops.op_set_promise_hooks(
        (promise) => {
          if (asyncContext.current !== undefined) promiseContexts.set(promise, asyncContext.current);
        },
        (promise) => {
          saved.push(asyncContext.current);
          asyncContext.current = promiseContexts.get(promise);
        },
        () => {
          asyncContext.current = saved.pop();
        },
      );
    },

    // Calls `callback` with `context` current, then restores the one before.
    runIn(context, callback, thisArg, args) {
      const before = asyncContext.current;
      asyncContext.current = context;
      try {
        return Reflect.apply(callback, thisArg, args);
      } finally {
        asyncContext.current = before;
      }
    },
  };

  internal.asyncContext = asyncContext;
})(globalThis.__nano);
