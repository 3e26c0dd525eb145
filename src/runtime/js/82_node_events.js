// `node:events`: EventEmitter and `once`.
(nano) => {
  "use strict";
  const { internal } = nano;
  const { nodeError, invalidArgType } = internal.node;

  const errorMonitor = Symbol("events.errorMonitor");
  let defaultMaxListeners = 10;

  function checkListener(listener) {
    if (typeof listener !== "function") throw invalidArgType("listener", "of type function", listener);
  }

  // Listeners live in a null-prototype object of arrays, replaced (never
  // changed in place) so that an emit in progress keeps its own list.
  function eventsOf(emitter) {
    if (!Object.hasOwn(emitter, "_events") || emitter._events === undefined) {
      emitter._events = Object.create(null);
      emitter._eventsCount = 0;
    }
    return emitter._events;
  }

  function addListener(emitter, type, listener, prepend) {
    checkListener(listener);
    const events = eventsOf(emitter);
    if (events.newListener !== undefined) {
      emitter.emit("newListener", type, listener.listener ?? listener);
    }
    const list = events[type];
    if (list === undefined) {
      events[type] = [listener];
      emitter._eventsCount++;
    } else {
      events[type] = prepend ? [listener, ...list] : [...list, listener];
    }
    return emitter;
  }

  function onceWrapper(emitter, type, listener) {
    const state = { fired: false };
    function wrapped(...args) {
      if (state.fired) return undefined;
      state.fired = true;
      emitter.removeListener(type, wrapped);
      return Reflect.apply(listener, emitter, args);
    }
    wrapped.listener = listener;
    return wrapped;
  }

  function unhandledError(args) {
    const error = args[0];
    if (error instanceof Error) return error;
    const shown = internal.inspect(error);
    const wrapped = nodeError(Error, "ERR_UNHANDLED_ERROR", `Unhandled error. (${shown})`);
    wrapped.context = error;
    return wrapped;
  }

  // A function, not a class: older packages inherit with
  // `EventEmitter.call(this)` and `util.inherits`.
  function EventEmitter() {
    eventsOf(this);
  }
  EventEmitter.init = function init() {
    eventsOf(this);
  };
  Object.defineProperty(EventEmitter, "defaultMaxListeners", {
    get: () => defaultMaxListeners,
    set: (n) => {
      defaultMaxListeners = n;
    },
    enumerable: true,
  });

  class EmitterMethods {
    setMaxListeners(n) {
      this._maxListeners = n;
      return this;
    }

    getMaxListeners() {
      return this._maxListeners ?? defaultMaxListeners;
    }

    emit(type, ...args) {
      const events = eventsOf(this);
      if (type === "error") {
        if (events[errorMonitor] !== undefined) this.emit(errorMonitor, ...args);
        if (events.error === undefined) throw unhandledError(args);
      }
      const list = events[type];
      if (list === undefined) return false;
      for (const listener of list) Reflect.apply(listener, this, args);
      return true;
    }

    on(type, listener) {
      return addListener(this, type, listener, false);
    }

    prependListener(type, listener) {
      return addListener(this, type, listener, true);
    }

    once(type, listener) {
      checkListener(listener);
      return addListener(this, type, onceWrapper(this, type, listener), false);
    }

    prependOnceListener(type, listener) {
      checkListener(listener);
      return addListener(this, type, onceWrapper(this, type, listener), true);
    }

    off(type, listener) {
      checkListener(listener);
      const events = eventsOf(this);
      const list = events[type];
      if (list === undefined) return this;
      const index = list.findLastIndex((l) => l === listener || l.listener === listener);
      if (index === -1) return this;
      const removed = list[index];
      if (list.length === 1) {
        delete events[type];
        this._eventsCount--;
      } else {
        events[type] = list.filter((_, i) => i !== index);
      }
      if (events.removeListener !== undefined) this.emit("removeListener", type, removed.listener ?? removed);
      return this;
    }

    removeAllListeners(type) {
      const events = eventsOf(this);
      const types = type === undefined ? Reflect.ownKeys(events).filter((t) => t !== "removeListener") : [type];
      for (const t of types) {
        const list = events[t];
        if (list === undefined) continue;
        for (let i = list.length - 1; i >= 0; i--) this.off(t, list[i]);
      }
      if (type === undefined && events.removeListener !== undefined) {
        delete events.removeListener;
        this._eventsCount--;
      }
      return this;
    }

    listeners(type) {
      return (eventsOf(this)[type] ?? []).map((l) => l.listener ?? l);
    }

    rawListeners(type) {
      return [...(eventsOf(this)[type] ?? [])];
    }

    listenerCount(type, listener) {
      const list = eventsOf(this)[type] ?? [];
      if (listener === undefined) return list.length;
      return list.filter((l) => l === listener || l.listener === listener).length;
    }

    eventNames() {
      return Reflect.ownKeys(eventsOf(this));
    }
  }
  const proto = EventEmitter.prototype;
  for (const key of Object.getOwnPropertyNames(EmitterMethods.prototype)) {
    if (key !== "constructor") {
      Object.defineProperty(proto, key, Object.getOwnPropertyDescriptor(EmitterMethods.prototype, key));
    }
  }
  proto.addListener = proto.on;
  proto.removeListener = proto.off;
  proto._events = undefined;
  proto._eventsCount = 0;
  proto._maxListeners = undefined;

  // Resolves with the arguments of the next `name` event; an "error" event
  // first rejects. Works on EventTargets too.
  function once(emitter, name, options) {
    const signal = options?.signal;
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(new DOMException("The operation was aborted", "AbortError"));
        return;
      }
      const cleanups = [];
      const settle = (then, value) => {
        for (const cleanup of cleanups) cleanup();
        then(value);
      };
      if (typeof emitter.addEventListener === "function" && !(emitter instanceof EventEmitter)) {
        const listener = (event) => settle(resolve, [event]);
        emitter.addEventListener(name, listener, { once: true });
        cleanups.push(() => emitter.removeEventListener(name, listener));
      } else {
        const listener = (...args) => settle(resolve, args);
        emitter.once(name, listener);
        cleanups.push(() => emitter.removeListener(name, listener));
        if (name !== "error") {
          const onError = (error) => settle(reject, error);
          emitter.once("error", onError);
          cleanups.push(() => emitter.removeListener("error", onError));
        }
      }
      if (signal !== undefined) {
        const onAbort = () => settle(reject, new DOMException("The operation was aborted", "AbortError"));
        signal.addEventListener("abort", onAbort, { once: true });
        cleanups.push(() => signal.removeEventListener("abort", onAbort));
      }
    });
  }

  function getEventListeners(emitter, name) {
    if (emitter instanceof EventEmitter) return emitter.listeners(name);
    throw invalidArgType("emitter", "an instance of EventEmitter", emitter);
  }

  Object.assign(EventEmitter, { EventEmitter, once, errorMonitor, getEventListeners });
  internal.nodeModules.events = {
    exports: { EventEmitter, errorMonitor, getEventListeners, once },
    default: EventEmitter,
  };
};
