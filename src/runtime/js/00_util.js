((nano) => {
  "use strict";
  const internal = nano.internal;

  function defineGlobal(name, value) {
    Object.defineProperty(globalThis, name, {
      value,
      writable: true,
      configurable: true,
      enumerable: false,
    });
  }

  // WebIDL DOMString: template literal conversion throws on symbols, as IDL requires.
  function toDOMString(v) {
    return typeof v === "string" ? v : `${v}`;
  }

  const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
  const ANY_SURROGATE = /[\uD800-\uDFFF]/;
  function toUSVString(v) {
    const s = toDOMString(v);
    return ANY_SURROGATE.test(s) ? s.replace(LONE_SURROGATE, "\uFFFD") : s;
  }

  const NON_LATIN1 = /[^\x00-\xFF]/;
  function toByteString(v, what) {
    const s = toDOMString(v);
    if (NON_LATIN1.test(s)) {
      throw new TypeError(`${what}: value is not a valid ByteString`);
    }
    return s;
  }

  function requireArgs(count, needed, where) {
    if (count < needed) {
      throw new TypeError(
        `${where}: ${needed} argument${needed === 1 ? "" : "s"} required, but only ${count} present.`,
      );
    }
  }

  function isObject(v) {
    return (typeof v === "object" && v !== null) || typeof v === "function";
  }

  // Dictionary argument: undefined/null give {}, other non-objects are a TypeError.
  // Read-only: callers only read members of the dictionary. Made with
  // setPrototypeOf, not a `__proto__: null` literal: V8 gives such a literal
  // dictionary-mode properties, and every member read then misses its
  // inline cache (`new Response(body)` reads five).
  const EMPTY_DICTIONARY = Object.freeze(Object.setPrototypeOf({}, null));

  function toDictionary(v, where) {
    if (v === undefined || v === null) return EMPTY_DICTIONARY;
    if (!isObject(v)) throw new TypeError(`${where}: options must be an object`);
    return v;
  }

  function toEnum(v, allowed, where) {
    const s = toDOMString(v);
    if (!allowed.includes(s)) {
      throw new TypeError(`${where}: '${s}' is not a valid value (expected one of ${allowed.join(", ")})`);
    }
    return s;
  }

  // [EnforceRange] unsigned long long
  function toEnforcedUint(v, where) {
    const n = Number(v);
    if (!Number.isFinite(n)) throw new TypeError(`${where}: value is not a finite number`);
    const t = Math.trunc(n);
    if (t < 0 || t > Number.MAX_SAFE_INTEGER) throw new TypeError(`${where}: value is out of range`);
    return t;
  }

  const TypedArrayProto = Object.getPrototypeOf(Uint8Array.prototype);
  const typedArrayTag = Object.getOwnPropertyDescriptor(TypedArrayProto, Symbol.toStringTag).get;
  const abByteLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, "byteLength").get;
  // Brand checks ask the engine (op_buffer_kind: 1 ArrayBuffer, 2
  // SharedArrayBuffer, 0 anything else): a check by calling a getter that
  // throws costs a captured stack trace for every "no".
  const { op_buffer_kind } = nano.ops;
  function bufferKind(v) {
    if (typeof v !== "object" || v === null || ArrayBuffer.isView(v)) return 0;
    return op_buffer_kind(v);
  }
  function isArrayBuffer(v) {
    return bufferKind(v) === 1;
  }
  function isSharedArrayBuffer(v) {
    return bufferKind(v) === 2;
  }
  // A detached ArrayBuffer reads as empty and cannot back a new view.
  const Uint8ArrayCtor = Uint8Array;
  function isDetached(buffer) {
    if (abByteLength.call(buffer) !== 0) return false;
    try {
      new Uint8ArrayCtor(buffer);
      return false;
    } catch {
      return true;
    }
  }
  function isTypedArray(v) {
    return typedArrayTag.call(v) !== undefined;
  }
  function isUint8Array(v) {
    return typedArrayTag.call(v) === "Uint8Array";
  }
  function isBufferSource(v) {
    return ArrayBuffer.isView(v) || isArrayBuffer(v) || isSharedArrayBuffer(v);
  }
  // A Uint8Array view of a BufferSource, sharing its memory.
  function viewOf(v) {
    if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
    return new Uint8Array(v);
  }
  // A fresh copy of a BufferSource's bytes.
  function copyOf(v) {
    return viewOf(v).slice();
  }

  function concatBytes(chunks, total) {
    if (chunks.length === 1) return chunks[0];
    if (total === undefined) {
      total = 0;
      for (let i = 0; i < chunks.length; i++) total += chunks[i].byteLength;
    }
    const out = new Uint8Array(total);
    let off = 0;
    for (let i = 0; i < chunks.length; i++) {
      out.set(chunks[i], off);
      off += chunks[i].byteLength;
    }
    return out;
  }

  function noop() {}
  // Marks a promise as handled without creating an unhandled derived promise.
  function markHandled(p) {
    p.then(undefined, noop);
    return p;
  }

  function deferred() {
    let resolve, reject;
    const promise = new Promise((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  }

  // Pair iterators shared by Headers, URLSearchParams and FormData: each step reads
  // the current list, so changes during iteration are seen, as WebIDL specifies.
  const IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
  function makePairIterator(className, pairsOf) {
    const states = new WeakMap();
    const proto = Object.create(IteratorPrototype);
    Object.defineProperty(proto, "next", {
      value: function next() {
        const st = states.get(this);
        if (st === undefined) throw new TypeError(`next called on an object that is not a ${className} Iterator`);
        const pairs = pairsOf(st.target);
        if (st.index >= pairs.length) return { value: undefined, done: true };
        const pair = pairs[st.index++];
        const value = st.kind === "key" ? pair[0] : st.kind === "value" ? pair[1] : [pair[0], pair[1]];
        return { value, done: false };
      },
      writable: true,
      enumerable: true,
      configurable: true,
    });
    Object.defineProperty(proto, Symbol.toStringTag, { value: `${className} Iterator`, configurable: true });
    return function create(target, kind) {
      const it = Object.create(proto);
      states.set(it, { target, kind, index: 0 });
      return it;
    };
  }

  // Adds keys/values/entries/forEach/@@iterator to a class prototype.
  function definePairIterable(cls, pairsOf, brandCheck) {
    const create = makePairIterator(cls.name, pairsOf);
    const methods = {
      entries() {
        brandCheck(this);
        return create(this, "key+value");
      },
      keys() {
        brandCheck(this);
        return create(this, "key");
      },
      values() {
        brandCheck(this);
        return create(this, "value");
      },
      forEach(callback, thisArg = undefined) {
        brandCheck(this);
        if (typeof callback !== "function") {
          throw new TypeError(`${cls.name}.forEach: callback is not a function`);
        }
        // Re-read the list each step: the callback may change it, as with the iterator.
        for (let i = 0; ; i++) {
          const pairs = pairsOf(this);
          if (i >= pairs.length) return;
          callback.call(thisArg, pairs[i][1], pairs[i][0], this);
        }
      },
    };
    for (const name of ["entries", "keys", "values", "forEach"]) {
      Object.defineProperty(cls.prototype, name, {
        value: methods[name],
        writable: true,
        enumerable: true,
        configurable: true,
      });
    }
    Object.defineProperty(cls.prototype, Symbol.iterator, {
      value: cls.prototype.entries,
      writable: true,
      configurable: true,
    });
  }
  // Makes prototype getters/methods enumerable, matching WebIDL interfaces.
  function enumerableMembers(cls, names) {
    for (const name of names) {
      const d = Object.getOwnPropertyDescriptor(cls.prototype, name);
      if (d) {
        d.enumerable = true;
        Object.defineProperty(cls.prototype, name, d);
      }
    }
  }

  function setToStringTag(cls, tag = cls.name) {
    Object.defineProperty(cls.prototype, Symbol.toStringTag, { value: tag, configurable: true });
  }

  internal.defineGlobal = defineGlobal;
  internal.util = {
    toDOMString,
    toUSVString,
    toByteString,
    requireArgs,
    isObject,
    toDictionary,
    toEnum,
    toEnforcedUint,
    isArrayBuffer,
    isSharedArrayBuffer,
    isDetached,
    isTypedArray,
    isUint8Array,
    isBufferSource,
    viewOf,
    copyOf,
    concatBytes,
    noop,
    markHandled,
    deferred,
    definePairIterable,
    enumerableMembers,
    setToStringTag,
  };
})(globalThis.__nano);
