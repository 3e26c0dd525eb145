// structuredClone(value, { transfer }) by HTML's structured clone algorithm,
// serialization and deserialization folded into one walk over the value.
// Loaded after the other Web API files so it can tell their platform
// objects apart: most are not serializable (DataCloneError); Blob, File and
// DOMException are cloned.
((nano) => {
  "use strict";
  const { ops, internal } = nano;
  const { defineGlobal, util } = internal;

  const call = (fn, self, ...args) => Reflect.apply(fn, self, args);
  const getter = (proto, name) => Object.getOwnPropertyDescriptor(proto, name).get;
  const { defineProperty, getOwnPropertyDescriptor, getPrototypeOf, keys: objectKeys } = Object;
  const hasOwn = Object.prototype.hasOwnProperty;
  const isPrototypeOf = Object.prototype.isPrototypeOf;
  const objectToString = Object.prototype.toString;
  const isArray = Array.isArray;
  const MapCtor = Map;
  const SetCtor = Set;
  const DateCtor = Date;
  const RegExpCtor = RegExp;
  const RegExpProto = RegExp.prototype;
  const ArrayBufferCtor = ArrayBuffer;
  const DataViewCtor = DataView;
  const Uint8ArrayCtor = Uint8Array;
  const DOMExceptionCtor = DOMException;

  const booleanValueOf = Boolean.prototype.valueOf;
  const numberValueOf = Number.prototype.valueOf;
  const stringValueOf = String.prototype.valueOf;
  const bigintValueOf = BigInt.prototype.valueOf;
  const symbolValueOf = Symbol.prototype.valueOf;
  const dateGetTime = Date.prototype.getTime;
  const regexpSource = getter(RegExp.prototype, "source");
  const REGEXP_FLAGS = [
    ["hasIndices", "d"],
    ["global", "g"],
    ["ignoreCase", "i"],
    ["multiline", "m"],
    ["dotAll", "s"],
    ["unicode", "u"],
    ["sticky", "y"],
  ]
    .filter(([name]) => getOwnPropertyDescriptor(RegExp.prototype, name) !== undefined)
    .map(([name, letter]) => [getter(RegExp.prototype, name), letter]);
  const mapSize = getter(Map.prototype, "size");
  const mapEntries = Map.prototype.entries;
  const mapSet = Map.prototype.set;
  const mapGet = Map.prototype.get;
  const mapHas = Map.prototype.has;
  const setSize = getter(Set.prototype, "size");
  const setValues = Set.prototype.values;
  const setAdd = Set.prototype.add;
  const mapIteratorNext = getPrototypeOf(new Map().entries()).next;
  const setIteratorNext = getPrototypeOf(new Set().values()).next;
  const weakMapHas = WeakMap.prototype.has;
  const weakSetHas = WeakSet.prototype.has;
  const weakRefDeref = typeof WeakRef === "function" ? WeakRef.prototype.deref : null;
  const registryUnregister = typeof FinalizationRegistry === "function" ? FinalizationRegistry.prototype.unregister : null;
  const bufferByteLength = getter(ArrayBuffer.prototype, "byteLength");
  const bufferSlice = ArrayBuffer.prototype.slice;
  const TypedArrayProto = getPrototypeOf(Uint8Array.prototype);
  const typedArrayTag = getter(TypedArrayProto, Symbol.toStringTag);
  const typedArrayBuffer = getter(TypedArrayProto, "buffer");
  const typedArrayOffset = getter(TypedArrayProto, "byteOffset");
  const typedArrayLength = getter(TypedArrayProto, "length");
  const dataViewBuffer = getter(DataView.prototype, "buffer");
  const dataViewOffset = getter(DataView.prototype, "byteOffset");
  const dataViewLength = getter(DataView.prototype, "byteLength");
  const uint8Set = TypedArrayProto.set;
  const TYPED_ARRAYS = {
    Int8Array,
    Uint8Array,
    Uint8ClampedArray,
    Int16Array,
    Uint16Array,
    Int32Array,
    Uint32Array,
    Float32Array,
    Float64Array,
    BigInt64Array,
    BigUint64Array,
  };
  const ERROR_TYPES = {
    Error,
    EvalError,
    RangeError,
    ReferenceError,
    SyntaxError,
    TypeError,
    URIError,
  };

  // Brand checks by an intrinsic that throws on anything without the slot.
  function branded(fn, value, ...args) {
    try {
      call(fn, value, ...args);
      return true;
    } catch {
      return false;
    }
  }

  // WebAssembly objects have internal slots and are not serializable here.
  // V8 adds `WebAssembly` when a context starts (not in the snapshot).
  const wasmBrands = [];
  // SharedArrayBuffer, likewise, exists only once a context starts.
  let sabByteLength = null;
  const isSharedArrayBuffer = (v) => sabByteLength !== null && branded(sabByteLength, v);
  internal.onStart.push(() => {
    if (typeof SharedArrayBuffer === "function") sabByteLength = getter(SharedArrayBuffer.prototype, "byteLength");
    const wasm = globalThis.WebAssembly;
    if (typeof wasm !== "object" || wasm === null) return;
    const moduleExports = wasm.Module.exports;
    wasmBrands.push(
      [
        function moduleBrand() {
          moduleExports(this);
        },
        "WebAssembly.Module",
      ],
      [getter(wasm.Instance.prototype, "exports"), "WebAssembly.Instance"],
      [getter(wasm.Memory.prototype, "buffer"), "WebAssembly.Memory"],
      [getter(wasm.Table.prototype, "length"), "WebAssembly.Table"],
      [wasm.Global.prototype.valueOf, "WebAssembly.Global"],
    );
  });

  // The platform interfaces of this runtime, none of them serializable
  // (Blob, File and DOMException are handled before this list is consulted).
  // Those loaded on first use add themselves (see 98_lazy.js).
  const PLATFORM_INTERFACES = [
    "EventTarget", "Event", "AbortController", "AbortSignal",
    "TextEncoder", "TextDecoder", "TextEncoderStream", "TextDecoderStream",
    "URL", "URLSearchParams",
    "ReadableStream", "ReadableStreamDefaultReader", "ReadableStreamBYOBReader",
    "ReadableStreamBYOBRequest", "ReadableStreamDefaultController", "ReadableByteStreamController",
    "WritableStream", "WritableStreamDefaultWriter", "WritableStreamDefaultController",
    "TransformStream", "TransformStreamDefaultController",
    "ByteLengthQueuingStrategy", "CountQueuingStrategy",
    "Headers", "FormData", "Request", "Response",
    "Crypto", "SubtleCrypto", "CryptoKey",
    "Performance", "PerformanceEntry", "Navigator",
  ]
    .filter((name) => typeof globalThis[name] === "function")
    .map((name) => [globalThis[name].prototype, name]);
  internal.platformInterfaces = PLATFORM_INTERFACES;
  const globalObject = globalThis;

  function platformName(value) {
    if (value === globalObject) return "The global object";
    for (const [proto, name] of PLATFORM_INTERFACES) {
      if (call(isPrototypeOf, proto, value)) return `#<${name}>`;
    }
    return null;
  }

  function describe(value) {
    if (typeof value === "function") return `function ${value.name || "(anonymous)"}`;
    if (typeof value === "symbol") return "a Symbol";
    return `#<${call(objectToString, value).slice(8, -1)}>`;
  }

  function dataCloneError(value, what = describe(value)) {
    return new DOMExceptionCtor(`${what} could not be cloned.`, "DataCloneError");
  }

  function transferError(message) {
    return new DOMExceptionCtor(`structuredClone: ${message}`, "DataCloneError");
  }

  function isArrayBuffer(value) {
    return branded(bufferByteLength, value);
  }

  const isDetached = util.isDetached;

  function isError(value) {
    return call(objectToString, value) === "[object Error]" && !(Symbol.toStringTag in value);
  }

  // Defines a property like CreateDataProperty, never running setters.
  function put(target, key, value) {
    defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  }

  function cloneBuffer(buffer, memory) {
    if (isSharedArrayBuffer(buffer)) {
      throw dataCloneError(buffer, "SharedArrayBuffer (this runtime is not cross-origin isolated)");
    }
    if (isDetached(buffer)) throw dataCloneError(buffer, "A detached ArrayBuffer");
    const copy = call(bufferSlice, buffer, 0);
    call(mapSet, memory, buffer, copy);
    return copy;
  }

  function cloneView(view, memory) {
    const tag = call(typedArrayTag, view);
    const isDataView = tag === undefined;
    const buffer = isDataView ? call(dataViewBuffer, view) : call(typedArrayBuffer, view);
    if (isSharedArrayBuffer(buffer)) {
      throw dataCloneError(buffer, "SharedArrayBuffer (this runtime is not cross-origin isolated)");
    }
    if (isDetached(buffer)) throw dataCloneError(view, "A view of a detached ArrayBuffer");
    const bufferCopy = call(mapHas, memory, buffer) ? call(mapGet, memory, buffer) : cloneBuffer(buffer, memory);
    let copy;
    if (isDataView) {
      copy = new DataViewCtor(bufferCopy, call(dataViewOffset, view), call(dataViewLength, view));
    } else {
      copy = new TYPED_ARRAYS[tag](bufferCopy, call(typedArrayOffset, view), call(typedArrayLength, view));
    }
    call(mapSet, memory, view, copy);
    return copy;
  }

  function cloneError(value, memory) {
    let name = value.name;
    if (!call(hasOwn, ERROR_TYPES, name)) name = "Error";
    const messageDesc = getOwnPropertyDescriptor(value, "message");
    const message = messageDesc !== undefined && "value" in messageDesc ? `${messageDesc.value}` : undefined;
    const copy = Object.create(ERROR_TYPES[name].prototype);
    call(mapSet, memory, value, copy);
    if (message !== undefined) {
      defineProperty(copy, "message", { value: message, writable: true, configurable: true });
    }
    // Not in the standard's list, but kept as browsers do: where it was thrown.
    const stack = value.stack;
    if (typeof stack === "string") {
      defineProperty(copy, "stack", { value: stack, writable: true, configurable: true });
    }
    if (call(hasOwn, value, "cause")) {
      const cause = clone(value.cause, memory);
      defineProperty(copy, "cause", { value: cause, writable: true, configurable: true });
    }
    return copy;
  }

  function clone(value, memory) {
    const type = typeof value;
    if (type === "symbol") throw dataCloneError(value);
    if (type !== "object" && type !== "function") return value;
    if (value === null) return null;
    if (call(mapHas, memory, value)) return call(mapGet, memory, value);
    if (type === "function") throw dataCloneError(value);
    if (ops.op_proxy_details(value) !== null) throw dataCloneError(value, "#<Proxy>");

    if (branded(booleanValueOf, value)) return remember(memory, value, Object(call(booleanValueOf, value)));
    if (branded(numberValueOf, value)) return remember(memory, value, Object(call(numberValueOf, value)));
    if (branded(bigintValueOf, value)) return remember(memory, value, Object(call(bigintValueOf, value)));
    if (branded(stringValueOf, value)) return remember(memory, value, Object(call(stringValueOf, value)));
    if (branded(symbolValueOf, value)) throw dataCloneError(value, "#<Symbol>");
    if (branded(dateGetTime, value)) return remember(memory, value, new DateCtor(call(dateGetTime, value)));
    if (value !== RegExpProto && branded(regexpSource, value)) {
      let flags = "";
      for (const [flagGetter, letter] of REGEXP_FLAGS) if (call(flagGetter, value)) flags += letter;
      return remember(memory, value, new RegExpCtor(call(regexpSource, value), flags));
    }
    if (isArrayBuffer(value) || isSharedArrayBuffer(value)) return cloneBuffer(value, memory);
    if (ArrayBuffer.isView(value)) return cloneView(value, memory);
    if (branded(mapSize, value)) {
      const copy = new MapCtor();
      call(mapSet, memory, value, copy);
      const entries = [];
      const it = call(mapEntries, value);
      for (let step = call(mapIteratorNext, it); !step.done; step = call(mapIteratorNext, it)) {
        entries.push(step.value);
      }
      for (const [k, v] of entries) call(mapSet, copy, clone(k, memory), clone(v, memory));
      return copy;
    }
    if (branded(setSize, value)) {
      const copy = new SetCtor();
      call(mapSet, memory, value, copy);
      const items = [];
      const it = call(setValues, value);
      for (let step = call(setIteratorNext, it); !step.done; step = call(setIteratorNext, it)) {
        items.push(step.value);
      }
      for (const item of items) call(setAdd, copy, clone(item, memory));
      return copy;
    }
    if (value instanceof DOMExceptionCtor && branded(getter(DOMExceptionCtor.prototype, "name"), value)) {
      return remember(memory, value, new DOMExceptionCtor(value.message, value.name));
    }
    if (internal.blob !== undefined && internal.blob.isBlob(value)) {
      const { isFile, blobBytes, makeBlob, makeFile } = internal.blob;
      const bytes = blobBytes(value);
      const copy = isFile(value)
        ? makeFile(bytes, value.name, value.type, value.lastModified)
        : makeBlob(bytes, value.type);
      return remember(memory, value, copy);
    }
    if (isError(value)) return cloneError(value, memory);
    if (isArray(value)) {
      const copy = new Array(value.length);
      call(mapSet, memory, value, copy);
      copyProperties(value, copy, memory);
      return copy;
    }
    if (branded(weakMapHas, value, {})) throw dataCloneError(value, "#<WeakMap>");
    if (branded(weakSetHas, value, {})) throw dataCloneError(value, "#<WeakSet>");
    if (weakRefDeref !== null && branded(weakRefDeref, value)) throw dataCloneError(value, "#<WeakRef>");
    if (registryUnregister !== null && branded(registryUnregister, value, {})) {
      throw dataCloneError(value, "#<FinalizationRegistry>");
    }
    if (ops.op_promise_state(value) !== undefined) throw dataCloneError(value, "#<Promise>");
    for (const [brand, name] of wasmBrands) {
      if (branded(brand, value)) throw dataCloneError(value, `#<${name}>`);
    }
    const platform = platformName(value);
    if (platform !== null) throw dataCloneError(value, platform);
    const copy = {};
    call(mapSet, memory, value, copy);
    copyProperties(value, copy, memory);
    return copy;
  }

  function remember(memory, value, copy) {
    call(mapSet, memory, value, copy);
    return copy;
  }

  // Own enumerable string-keyed properties, read with [[Get]] in order.
  function copyProperties(value, copy, memory) {
    const names = objectKeys(value);
    for (let i = 0; i < names.length; i++) {
      const key = names[i];
      if (!call(hasOwn, value, key)) continue;
      put(copy, key, clone(value[key], memory));
    }
  }

  function transferList(options) {
    if (options === undefined || options === null) return [];
    if (!util.isObject(options)) throw new TypeError("structuredClone: options must be an object");
    const transfer = options.transfer;
    if (transfer === undefined) return [];
    if (!util.isObject(transfer) || typeof transfer[Symbol.iterator] !== "function") {
      throw new TypeError("structuredClone: options.transfer must be a sequence");
    }
    const list = [];
    for (const item of transfer) {
      if (!util.isObject(item)) throw new TypeError("structuredClone: options.transfer may only hold objects");
      list.push(item);
    }
    return list;
  }

  function structuredClone(value, options = undefined) {
    util.requireArgs(arguments.length, 1, "structuredClone");
    const transfer = transferList(options);
    const memory = new MapCtor();
    // Transferred buffers: placeholders now, filled and detached once the
    // whole value was serialized, as the standard orders it.
    const moved = [];
    for (const item of transfer) {
      if (isSharedArrayBuffer(item)) throw transferError("a SharedArrayBuffer cannot be transferred");
      if (!isArrayBuffer(item)) throw transferError(`${describe(item)} is not transferable`);
      if (call(mapHas, memory, item)) throw transferError("an ArrayBuffer is listed twice for transfer");
      if (isDetached(item)) throw transferError("a detached ArrayBuffer cannot be transferred");
      const placeholder = new ArrayBufferCtor(call(bufferByteLength, item));
      call(mapSet, memory, item, placeholder);
      moved.push([item, placeholder]);
    }
    const copy = clone(value, memory);
    for (const [buffer, placeholder] of moved) {
      if (isDetached(buffer)) throw transferError("a detached ArrayBuffer cannot be transferred");
      call(uint8Set, new Uint8ArrayCtor(placeholder), new Uint8ArrayCtor(buffer));
      if (!ops.op_array_buffer_detach(buffer)) {
        throw new TypeError("structuredClone: this ArrayBuffer cannot be detached");
      }
    }
    return copy;
  }

  internal.structuredClone = structuredClone;
  defineGlobal("structuredClone", structuredClone);
})(globalThis.__nano);
