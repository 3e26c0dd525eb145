((nano) => {
  "use strict";
  const internal = nano.internal;
  const { defineGlobal, util } = internal;

  const DOMExceptionCtor = DOMException;
  const NONE = 0;
  const CAPTURING_PHASE = 1;
  const AT_TARGET = 2;
  const BUBBLING_PHASE = 3;

  const isTrustedGetter = function isTrusted() {
    return trusted.has(this);
  };
  const trusted = new WeakSet();

  class Event {
    #type;
    #bubbles;
    #cancelable;
    #composed;
    #target = null;
    #currentTarget = null;
    #phase = NONE;
    #stop = false;
    #stopImmediate = false;
    #canceled = false;
    #inPassive = false;
    #dispatching = false;
    #initialized = true;
    // A DOMHighResTimeStamp: milliseconds since the time origin, like performance.now().
    #timeStamp = nano.ops.op_now();

    constructor(type, eventInitDict = undefined) {
      util.requireArgs(arguments.length, 1, "Event constructor");
      this.#type = util.toDOMString(type);
      const init = util.toDictionary(eventInitDict, "Event constructor");
      this.#bubbles = !!init.bubbles;
      this.#cancelable = !!init.cancelable;
      this.#composed = !!init.composed;
      // [LegacyUnforgeable]: an own accessor on each instance.
      Object.defineProperty(this, "isTrusted", { get: isTrustedGetter, enumerable: true });
    }

    static #check(e) {
      if (!(#type in e)) throw new TypeError("Illegal invocation");
    }

    get type() {
      Event.#check(this);
      return this.#type;
    }
    get target() {
      Event.#check(this);
      return this.#target;
    }
    get srcElement() {
      Event.#check(this);
      return this.#target;
    }
    get currentTarget() {
      Event.#check(this);
      return this.#currentTarget;
    }
    composedPath() {
      Event.#check(this);
      return this.#dispatching && this.#currentTarget !== null ? [this.#currentTarget] : [];
    }
    get eventPhase() {
      Event.#check(this);
      return this.#phase;
    }
    stopPropagation() {
      Event.#check(this);
      this.#stop = true;
    }
    get cancelBubble() {
      Event.#check(this);
      return this.#stop;
    }
    set cancelBubble(value) {
      Event.#check(this);
      if (value) this.#stop = true;
    }
    stopImmediatePropagation() {
      Event.#check(this);
      this.#stop = true;
      this.#stopImmediate = true;
    }
    get bubbles() {
      Event.#check(this);
      return this.#bubbles;
    }
    get cancelable() {
      Event.#check(this);
      return this.#cancelable;
    }
    get returnValue() {
      Event.#check(this);
      return !this.#canceled;
    }
    set returnValue(value) {
      Event.#check(this);
      if (!value) this.#cancel();
    }
    preventDefault() {
      Event.#check(this);
      this.#cancel();
    }
    #cancel() {
      if (this.#cancelable && !this.#inPassive) this.#canceled = true;
    }
    get defaultPrevented() {
      Event.#check(this);
      return this.#canceled;
    }
    get composed() {
      Event.#check(this);
      return this.#composed;
    }
    get timeStamp() {
      Event.#check(this);
      return this.#timeStamp;
    }
    initEvent(type, bubbles = false, cancelable = false) {
      Event.#check(this);
      util.requireArgs(arguments.length, 1, "Event.initEvent");
      if (this.#dispatching) return;
      this.#initialized = true;
      this.#stop = false;
      this.#stopImmediate = false;
      this.#canceled = false;
      trusted.delete(this);
      this.#target = null;
      this.#type = util.toDOMString(type);
      this.#bubbles = !!bubbles;
      this.#cancelable = !!cancelable;
    }

    // Dispatch on a single target (no tree here): capture listeners, then the rest.
    static dispatch(target, event, listenersOf) {
      if (event.#dispatching || !event.#initialized) {
        throw new DOMExceptionCtor("The event is already being dispatched.", "InvalidStateError");
      }
      event.#dispatching = true;
      event.#target = target;
      event.#currentTarget = target;
      event.#phase = AT_TARGET;
      const list = listenersOf(target, event.#type);
      if (list !== undefined && list.length > 0) {
        const snapshot = list.slice();
        Event.#invoke(event, target, snapshot, list, true);
        Event.#invoke(event, target, snapshot, list, false);
      }
      event.#phase = NONE;
      event.#currentTarget = null;
      event.#dispatching = false;
      event.#stop = false;
      event.#stopImmediate = false;
      return !event.#canceled;
    }

    // DOM "invoke": a stop-propagation flag set before this phase skips it
    // entirely; within the phase only stopImmediatePropagation() stops.
    static #invoke(event, target, snapshot, live, capture) {
      if (event.#stop) return;
      for (const l of snapshot) {
        if (l.removed || l.capture !== capture) continue;
        if (l.once) {
          l.removed = true;
          const i = live.indexOf(l);
          if (i !== -1) live.splice(i, 1);
        }
        if (l.passive) event.#inPassive = true;
        try {
          const cb = l.callback;
          if (typeof cb === "function") {
            cb.call(target, event);
          } else {
            const handle = cb.handleEvent;
            if (typeof handle !== "function") throw new TypeError("handleEvent is not a function");
            handle.call(cb, event);
          }
        } catch (err) {
          internal.reportError(err);
        }
        event.#inPassive = false;
        if (event.#stopImmediate) return;
      }
    }

    static markTrusted(event) {
      trusted.add(event);
      return event;
    }
  }

  const dispatchEvent = Event.dispatch;
  const markTrusted = Event.markTrusted;
  delete Event.dispatch;
  delete Event.markTrusted;

  for (const [name, value] of [
    ["NONE", NONE],
    ["CAPTURING_PHASE", CAPTURING_PHASE],
    ["AT_TARGET", AT_TARGET],
    ["BUBBLING_PHASE", BUBBLING_PHASE],
  ]) {
    Object.defineProperty(Event, name, { value, enumerable: true });
    Object.defineProperty(Event.prototype, name, { value, enumerable: true });
  }
  util.enumerableMembers(Event, [
    "type", "target", "srcElement", "currentTarget", "composedPath", "eventPhase",
    "stopPropagation", "cancelBubble", "stopImmediatePropagation", "bubbles", "cancelable",
    "returnValue", "preventDefault", "defaultPrevented", "composed", "timeStamp", "initEvent",
  ]);
  util.setToStringTag(Event);

  function flattenOptions(options) {
    if (typeof options === "boolean" || !util.isObject(options)) return !!options;
    return !!options.capture;
  }

  class EventTarget {
    // type -> array of listener records
    #listeners = new Map();

    constructor() {}

    static #check(t) {
      if (!util.isObject(t) || !(#listeners in t)) throw new TypeError("Illegal invocation");
      return t;
    }

    addEventListener(type, callback, options = undefined) {
      const self = EventTarget.#check(this);
      util.requireArgs(arguments.length, 2, "EventTarget.addEventListener");
      type = util.toDOMString(type);
      if (callback !== null && !util.isObject(callback)) {
        throw new TypeError("EventTarget.addEventListener: listener is not an object");
      }
      let capture = false;
      let once = false;
      let passive = false;
      let signal = null;
      if (typeof options === "boolean" || !util.isObject(options)) {
        capture = !!options;
      } else {
        capture = !!options.capture;
        once = !!options.once;
        passive = !!options.passive;
        if (options.signal !== undefined) {
          signal = options.signal;
          if (!internal.isAbortSignal(signal)) {
            throw new TypeError("EventTarget.addEventListener: 'signal' is not an AbortSignal");
          }
        }
      }
      if (callback === null) return;
      if (signal !== null && signal.aborted) return;
      let list = self.#listeners.get(type);
      if (list === undefined) {
        list = [];
        self.#listeners.set(type, list);
      }
      for (const l of list) {
        if (l.callback === callback && l.capture === capture) return;
      }
      const record = { callback, capture, once, passive, removed: false };
      list.push(record);
      if (signal !== null) {
        internal.abortSignalAddAlgorithm(signal, () => EventTarget.#remove(self, type, record));
      }
    }

    static #remove(self, type, record) {
      const list = self.#listeners.get(type);
      if (list === undefined) return;
      const i = list.indexOf(record);
      if (i !== -1) {
        record.removed = true;
        list.splice(i, 1);
      }
    }

    removeEventListener(type, callback, options = undefined) {
      const self = EventTarget.#check(this);
      util.requireArgs(arguments.length, 2, "EventTarget.removeEventListener");
      type = util.toDOMString(type);
      const capture = flattenOptions(options);
      const list = self.#listeners.get(type);
      if (list === undefined || callback === null) return;
      for (let i = 0; i < list.length; i++) {
        const l = list[i];
        if (l.callback === callback && l.capture === capture) {
          l.removed = true;
          list.splice(i, 1);
          return;
        }
      }
    }

    dispatchEvent(event) {
      const self = EventTarget.#check(this);
      util.requireArgs(arguments.length, 1, "EventTarget.dispatchEvent");
      if (!(event instanceof Event)) {
        throw new TypeError("EventTarget.dispatchEvent: argument is not an Event");
      }
      trusted.delete(event);
      return dispatchEvent(self, event, EventTarget.#listenersOf);
    }

    static #listenersOf(target, type) {
      return target.#listeners.get(type);
    }

    static hasListeners(target, type) {
      const list = target.#listeners.get(type);
      return list !== undefined && list.length > 0;
    }
    static dispatchTrusted(target, event) {
      trusted.add(event);
      return dispatchEvent(target, event, EventTarget.#listenersOf);
    }
  }
  const hasListeners = EventTarget.hasListeners;
  const dispatchTrusted = EventTarget.dispatchTrusted;
  delete EventTarget.hasListeners;
  delete EventTarget.dispatchTrusted;

  util.enumerableMembers(EventTarget, ["addEventListener", "removeEventListener", "dispatchEvent"]);
  util.setToStringTag(EventTarget);

  class CustomEvent extends Event {
    #detail;
    constructor(type, eventInitDict = undefined) {
      util.requireArgs(arguments.length, 1, "CustomEvent constructor");
      super(type, eventInitDict);
      const init = util.toDictionary(eventInitDict, "CustomEvent constructor");
      this.#detail = init.detail === undefined ? null : init.detail;
    }
    get detail() {
      if (!(#detail in this)) throw new TypeError("Illegal invocation");
      return this.#detail;
    }
    initCustomEvent(type, bubbles = false, cancelable = false, detail = null) {
      if (!(#detail in this)) throw new TypeError("Illegal invocation");
      util.requireArgs(arguments.length, 1, "CustomEvent.initCustomEvent");
      this.initEvent(type, bubbles, cancelable);
      this.#detail = detail;
    }
  }
  util.enumerableMembers(CustomEvent, ["detail", "initCustomEvent"]);
  util.setToStringTag(CustomEvent);

  // Event handler IDL attributes (onabort, ...): the listener is registered on first
  // set and keeps its place in the list; the handler can be swapped or cleared later.
  function defineEventHandler(proto, type, check) {
    const handlers = new WeakMap();
    Object.defineProperty(proto, `on${type}`, {
      get() {
        check(this);
        const h = handlers.get(this);
        return h === undefined ? null : h.value;
      },
      set(value) {
        check(this);
        const v = typeof value === "function" || util.isObject(value) ? value : null;
        let h = handlers.get(this);
        if (h === undefined) {
          if (v === null) return;
          h = { value: v };
          handlers.set(this, h);
          const target = this;
          EventTarget.prototype.addEventListener.call(this, type, function (event) {
            const fn = h.value;
            if (typeof fn !== "function") return undefined;
            const ret = fn.call(target, event);
            if (ret === false) event.preventDefault();
            return ret;
          });
        } else {
          h.value = v;
        }
      },
      enumerable: true,
      configurable: true,
    });
  }

  internal.events = { markTrusted, hasListeners, dispatchTrusted, defineEventHandler };

  defineGlobal("Event", Event);
  defineGlobal("EventTarget", EventTarget);
  defineGlobal("CustomEvent", CustomEvent);
})(globalThis.__nano);
