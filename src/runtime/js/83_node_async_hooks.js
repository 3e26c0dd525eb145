// `node:async_hooks`: AsyncLocalStorage and AsyncResource over the async
// context of 01_async_context.js.
(nano) => {
  "use strict";
  const { internal } = nano;
  const { asyncContext } = internal;
  const { invalidArgType } = internal.node;

  // A copy of the current context with `storage` set to `store` (or
  // removed, for `undefined` with `remove`).
  function contextWith(storage, store, remove) {
    const next = new Map(asyncContext.current);
    if (remove) next.delete(storage);
    else next.set(storage, store);
    return next.size === 0 ? undefined : next;
  }

  class AsyncLocalStorage {
    constructor() {
      asyncContext.enable();
    }

    getStore() {
      return asyncContext.current?.get(this);
    }

    run(store, callback, ...args) {
      return asyncContext.runIn(contextWith(this, store, false), callback, undefined, args);
    }

    exit(callback, ...args) {
      return asyncContext.runIn(contextWith(this, undefined, true), callback, undefined, args);
    }

    // Sets the store for the rest of the current synchronous run and what it
    // schedules.
    enterWith(store) {
      asyncContext.current = contextWith(this, store, false);
    }

    disable() {
      if (asyncContext.current?.has(this)) asyncContext.current = contextWith(this, undefined, true);
    }

    static bind(callback) {
      return AsyncResource.bind(callback);
    }

    static snapshot() {
      const context = asyncContext.current;
      return (callback, ...args) => asyncContext.runIn(context, callback, undefined, args);
    }
  }

  // Runs functions in the context it was made in.
  class AsyncResource {
    #context = asyncContext.current;
    #type;

    constructor(type) {
      this.#type = `${type}`;
      asyncContext.enable();
    }

    get type() {
      return this.#type;
    }

    runInAsyncScope(callback, thisArg, ...args) {
      return asyncContext.runIn(this.#context, callback, thisArg, args);
    }

    bind(callback, thisArg) {
      if (typeof callback !== "function") throw invalidArgType("fn", "of type function", callback);
      const resource = this;
      return function bound(...args) {
        return resource.runInAsyncScope(callback, thisArg ?? this, ...args);
      };
    }

    emitDestroy() {
      return this;
    }

    asyncId() {
      return 0;
    }

    triggerAsyncId() {
      return 0;
    }

    static bind(callback, type, thisArg) {
      return new AsyncResource(type ?? callback?.name ?? "bound-anonymous-fn").bind(callback, thisArg);
    }
  }

  const exports = { AsyncLocalStorage, AsyncResource };
  internal.nodeModules.async_hooks = { exports, default: exports };
};
