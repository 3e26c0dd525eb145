// `node:util`: inspect and format (those of console), promisify, types, and
// the deep equality that `node:assert` also uses.
(nano) => {
  "use strict";
  const { ops, internal } = nano;
  const { invalidArgType } = internal.node;
  const { util } = internal;

  // ---- types ---------------------------------------------------------------

  // True when `getter` accepts `value` as its receiver: the engine's brand check.
  function brandCheck(getter) {
    return (value) => {
      if (typeof value !== "object" || value === null) return false;
      try {
        getter.call(value);
        return true;
      } catch {
        return false;
      }
    };
  }
  const getter = (proto, name) => Object.getOwnPropertyDescriptor(proto, name).get;
  const typedArrayTag = getter(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag);
  const isTypedArrayOf = (tag) => (value) => util.isTypedArray(value) && typedArrayTag.call(value) === tag;
  const AsyncFunction = (async () => {}).constructor;
  const GeneratorFunction = function* () {}.constructor;
  const AsyncGeneratorFunction = async function* () {}.constructor;
  const GeneratorPrototype = Object.getPrototypeOf(GeneratorFunction.prototype);

  const isDate = brandCheck(Date.prototype.getTime);
  const isRegExp = brandCheck(getter(RegExp.prototype, "source"));
  const isMap = brandCheck(getter(Map.prototype, "size"));
  const isSet = brandCheck(getter(Set.prototype, "size"));
  const isBoxed = (proto) => brandCheck(proto.valueOf);
  const isNumberObject = isBoxed(Number.prototype);
  const isStringObject = isBoxed(String.prototype);
  const isBooleanObject = isBoxed(Boolean.prototype);
  const isBigIntObject = isBoxed(BigInt.prototype);
  const isSymbolObject = isBoxed(Symbol.prototype);

  const types = {
    isAnyArrayBuffer: (v) => util.isArrayBuffer(v) || util.isSharedArrayBuffer(v),
    isArrayBuffer: util.isArrayBuffer,
    isSharedArrayBuffer: util.isSharedArrayBuffer,
    isArrayBufferView: (v) => ArrayBuffer.isView(v),
    isTypedArray: util.isTypedArray,
    isDataView: (v) => ArrayBuffer.isView(v) && !util.isTypedArray(v),
    isAsyncFunction: (v) => typeof v === "function" && (v instanceof AsyncFunction || v instanceof AsyncGeneratorFunction),
    isGeneratorFunction: (v) => typeof v === "function" && (v instanceof GeneratorFunction || v instanceof AsyncGeneratorFunction),
    isGeneratorObject: (v) => typeof v === "object" && v !== null && GeneratorPrototype.isPrototypeOf(v),
    isPromise: (v) => ops.op_promise_state(v) !== undefined,
    isProxy: (v) => ops.op_proxy_details(v) !== undefined,
    isDate,
    isRegExp,
    isMap,
    isSet,
    isWeakMap: brandCheck(WeakMap.prototype.has),
    isWeakSet: brandCheck(WeakSet.prototype.has),
    isNativeError: (v) => v instanceof Error,
    isNumberObject,
    isStringObject,
    isBooleanObject,
    isBigIntObject,
    isSymbolObject,
    isBoxedPrimitive: (v) => isNumberObject(v) || isStringObject(v) || isBooleanObject(v) || isBigIntObject(v) || isSymbolObject(v),
  };
  for (const tag of ["Uint8Array", "Uint8ClampedArray", "Uint16Array", "Uint32Array", "Int8Array", "Int16Array",
    "Int32Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array"]) {
    types[`is${tag}`] = isTypedArrayOf(tag);
  }

  // ---- deep equality -------------------------------------------------------

  function ownEnumerableKeys(value, strict) {
    const keys = Object.keys(value);
    if (!strict) return keys;
    for (const symbol of Object.getOwnPropertySymbols(value)) {
      if (Object.prototype.propertyIsEnumerable.call(value, symbol)) keys.push(symbol);
    }
    return keys;
  }

  // Node's deep equality: `strict` is deepStrictEqual (Object.is for
  // primitives, prototypes and symbol keys compared), else deepEqual (==).
  function deepEqual(a, b, strict, seen = new Map()) {
    if (strict ? Object.is(a, b) : a === b) return true;
    if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) {
      if (strict) return false;
      // Loose: == between primitives, and NaN equals NaN.
      return (typeof a !== "object" || a === null) && (typeof b !== "object" || b === null) && (a == b || (a !== a && b !== b));
    }
    if (strict && Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
    if (Object.prototype.toString.call(a) !== Object.prototype.toString.call(b)) return false;
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    if (isDate(a) && Date.prototype.getTime.call(a) !== Date.prototype.getTime.call(b)) return false;
    if (isRegExp(a) && (a.source !== b.source || a.flags !== b.flags || a.lastIndex !== b.lastIndex)) return false;
    if (a instanceof Error && (a.message !== b.message || a.name !== b.name)) return false;
    if (types.isBoxedPrimitive(a) && !Object.is(a.valueOf(), b.valueOf())) return false;
    if (ArrayBuffer.isView(a)) {
      if (a.byteLength !== b.byteLength) return false;
      const x = util.viewOf(a);
      const y = util.viewOf(b);
      if (strict || !(a instanceof Float32Array || a instanceof Float64Array)) {
        for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
      } else {
        for (let i = 0; i < a.length; i++) if (a[i] != b[i]) return false;
      }
    }
    // A cycle compares equal where it closes on the same pair.
    const pairedWith = seen.get(a);
    if (pairedWith !== undefined) return pairedWith === b;
    seen.set(a, b);
    try {
      if (isMap(a) && !mapsEqual(a, b, strict, seen)) return false;
      if (isSet(a) && !setsEqual(a, b, strict, seen)) return false;
      const keysA = ownEnumerableKeys(a, strict);
      const keysB = ownEnumerableKeys(b, strict);
      if (keysA.length !== keysB.length) return false;
      for (const key of keysA) {
        if (!Object.prototype.propertyIsEnumerable.call(b, key)) return false;
        if (!deepEqual(a[key], b[key], strict, seen)) return false;
      }
      return true;
    } finally {
      seen.delete(a);
    }
  }

  function mapsEqual(a, b, strict, seen) {
    if (a.size !== b.size) return false;
    outer: for (const [key, value] of a) {
      if (b.has(key)) {
        if (deepEqual(value, b.get(key), strict, seen)) continue;
        return false;
      }
      if (typeof key !== "object" || key === null) return false;
      for (const [otherKey, otherValue] of b) {
        if (deepEqual(key, otherKey, strict, seen) && deepEqual(value, otherValue, strict, seen)) continue outer;
      }
      return false;
    }
    return true;
  }

  function setsEqual(a, b, strict, seen) {
    if (a.size !== b.size) return false;
    outer: for (const value of a) {
      if (b.has(value)) continue;
      if (typeof value !== "object" || value === null) return false;
      for (const other of b) {
        if (deepEqual(value, other, strict, seen)) continue outer;
      }
      return false;
    }
    return true;
  }

  // ---- functions -------------------------------------------------------------

  const promisifyCustom = Symbol.for("nodejs.util.promisify.custom");

  function promisify(original) {
    if (typeof original !== "function") throw invalidArgType("original", "of type function", original);
    const custom = original[promisifyCustom];
    if (custom !== undefined) {
      if (typeof custom !== "function") throw invalidArgType("util.promisify.custom", "of type function", custom);
      return custom;
    }
    function promisified(...args) {
      return new Promise((resolve, reject) => {
        Reflect.apply(original, this, [...args, (error, value) => (error ? reject(error) : resolve(value))]);
      });
    }
    Object.setPrototypeOf(promisified, Object.getPrototypeOf(original));
    Object.defineProperty(promisified, promisifyCustom, { value: promisified, configurable: true });
    return Object.defineProperties(promisified, Object.getOwnPropertyDescriptors(original));
  }
  promisify.custom = promisifyCustom;

  function callbackify(original) {
    if (typeof original !== "function") throw invalidArgType("original", "of type function", original);
    return function callbackified(...args) {
      const callback = args.pop();
      if (typeof callback !== "function") throw invalidArgType("last argument", "of type function", callback);
      Reflect.apply(original, this, args).then(
        (value) => queueMicrotask(() => callback(null, value)),
        (reason) => {
          const error = reason || Object.assign(new Error("Promise was rejected with a falsy value"), { reason });
          queueMicrotask(() => callback(error));
        },
      );
    };
  }

  function inherits(ctor, superCtor) {
    if (typeof ctor !== "function") throw invalidArgType("ctor", "of type function", ctor);
    if (typeof superCtor?.prototype !== "object") {
      throw invalidArgType("superCtor.prototype", "of type object", superCtor?.prototype);
    }
    Object.defineProperty(ctor, "super_", { value: superCtor, writable: true, configurable: true });
    Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
  }

  function deprecate(fn, message, code) {
    let warned = false;
    return function deprecated(...args) {
      if (!warned) {
        warned = true;
        console.warn(`${code ? `[${code}] ` : ""}DeprecationWarning: ${message}`);
      }
      return new.target ? Reflect.construct(fn, args, new.target) : Reflect.apply(fn, this, args);
    };
  }

  internal.deepEqual = deepEqual;

  const exports = {
    TextDecoder: internal.node.web.TextDecoder,
    TextEncoder: internal.node.web.TextEncoder,
    callbackify,
    deprecate,
    format: internal.format,
    inherits,
    inspect: internal.inspect,
    isDeepStrictEqual: (a, b) => deepEqual(a, b, true),
    promisify,
    types,
  };
  internal.nodeModules.util = { exports, default: exports };
};
