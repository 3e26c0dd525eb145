// setTimeout/setInterval and friends. Rust keeps one-shot deadlines keyed by
// timer id and calls `hooks.fireTimer(id)`; intervals re-arm here.
((nano) => {
  "use strict";
  const { ops, internal } = nano;
  const { asyncContext } = internal;
  const timers = new Map();
  let nextTimerId = 1;
  // HTML's limit: larger delays (and negative or NaN ones) mean 0.
  const MAX_DELAY_MS = 2147483647;

  function normalizeDelay(delay) {
    const ms = Number(delay);
    return ms >= 0 && ms <= MAX_DELAY_MS ? ms : 0;
  }

  function startTimer(callback, delay, args, repeat) {
    if (typeof callback !== "function") {
      throw new TypeError("The callback must be a function");
    }
    const id = nextTimerId++;
    const ms = normalizeDelay(delay);
    timers.set(id, { callback, args, repeat, ms, context: asyncContext.current });
    ops.op_timer_start(id, ms);
    return id;
  }

  function clearTimer(id) {
    const key = Number(id);
    if (timers.delete(key)) ops.op_timer_cancel(key);
  }

  internal.hooks.fireTimer = (id) => {
    const timer = timers.get(id);
    if (timer === undefined) return;
    if (timer.repeat) {
      ops.op_timer_start(id, timer.ms);
    } else {
      timers.delete(id);
    }
    if (timer.context === undefined) {
      Reflect.apply(timer.callback, globalThis, timer.args);
    } else {
      asyncContext.runIn(timer.context, timer.callback, globalThis, timer.args);
    }
  };

  // For other bootstrap files: unaffected by an app replacing the globals.
  internal.timers = {
    setTimeout: (callback, delay) => startTimer(callback, delay, [], false),
    clearTimeout: clearTimer,
  };

  internal.defineGlobal("setTimeout", function setTimeout(callback, delay = 0, ...args) {
    return startTimer(callback, delay, args, false);
  });
  internal.defineGlobal("setInterval", function setInterval(callback, delay = 0, ...args) {
    return startTimer(callback, delay, args, true);
  });
  internal.defineGlobal("clearTimeout", function clearTimeout(id) {
    clearTimer(id);
  });
  internal.defineGlobal("clearInterval", function clearInterval(id) {
    clearTimer(id);
  });
  // Workers' `scheduler.wait(ms)`: an awaitable setTimeout.
  class Scheduler {
    wait(delay = 0) {
      return ops.op_sleep(normalizeDelay(delay));
    }
  }
  internal.defineGlobal("scheduler", new Scheduler());

  internal.defineGlobal("queueMicrotask", function queueMicrotask(callback) {
    if (typeof callback !== "function") {
      throw new TypeError("The callback must be a function");
    }
    Promise.resolve().then(() => {
      try {
        callback();
      } catch (error) {
        internal.reportError(error);
      }
    });
  });
})(globalThis.__nano);
