// ECMAScript built-ins newer than the engine (ES2023 to ES2026): each is
// defined only where the engine lacks it, as the specification's algorithm
// (same argument coercions, same order of observable operations, same
// errors), non-enumerable, with the specified `name` and `length`. They
// reach other built-ins only through copies taken here, so an app that
// patches `Array.prototype` or `Set.prototype` does not change them.
(() => {
  "use strict";

  const ArrayCtor = Array;
  const ArrayPrototype = Array.prototype;
  const ArrayPrototypeSort = Array.prototype.sort;
  const MapCtor = Map;
  const MapPrototypeGet = Map.prototype.get;
  const MapPrototypeSet = Map.prototype.set;
  const MapPrototypeEntries = Map.prototype.entries;
  const MapIteratorNext = Object.getPrototypeOf(new Map().entries()).next;
  const SetCtor = Set;
  const SetPrototypeAdd = Set.prototype.add;
  const SetPrototypeHas = Set.prototype.has;
  const SetPrototypeDelete = Set.prototype.delete;
  const SetPrototypeValues = Set.prototype.values;
  const SetIteratorNext = Object.getPrototypeOf(new Set().values()).next;
  const setSize = Object.getOwnPropertyDescriptor(Set.prototype, "size").get;
  const PromiseCtor = Promise;
  const ProxyCtor = Proxy;
  const StringPrototypeCharCodeAt = String.prototype.charCodeAt;
  const StringPrototypeSlice = String.prototype.slice;
  const BigIntAsIntN = BigInt.asIntN;
  const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);
  const TypedArrayPrototypeSet = TypedArrayPrototype.set;
  const TypedArrayPrototypeSort = TypedArrayPrototype.sort;
  const typedArrayName = Object.getOwnPropertyDescriptor(TypedArrayPrototype, Symbol.toStringTag).get;
  const typedArrayLength = Object.getOwnPropertyDescriptor(TypedArrayPrototype, "length").get;
  const typedArrayBuffer = Object.getOwnPropertyDescriptor(TypedArrayPrototype, "buffer").get;
  const {
    defineProperty: ObjectDefineProperty,
    getOwnPropertyDescriptor: ObjectGetOwnPropertyDescriptor,
    setPrototypeOf: ObjectSetPrototypeOf,
  } = Object;
  const { apply: ReflectApply, construct: ReflectConstruct, ownKeys: ReflectOwnKeys } = Reflect;
  const SymbolIterator = Symbol.iterator;
  const SymbolAsyncIterator = Symbol.asyncIterator;
  const Uint8ArrayCtor = Uint8Array;

  const TYPED_ARRAY_CONSTRUCTORS = {
    __proto__: null,
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

  // 2^53 - 1: the largest length (ToLength) and index an array-like may have.
  const MAX_SAFE_LENGTH = Number.MAX_SAFE_INTEGER;
  // 2^32 - 1: the largest length of an Array (ArrayCreate).
  const MAX_ARRAY_LENGTH = 4294967295;

  // --- Abstract operations ---------------------------------------------

  function isObject(v) {
    return (typeof v === "object" && v !== null) || typeof v === "function";
  }

  function isCallable(v) {
    return typeof v === "function";
  }

  // IsConstructor without touching `v`: a proxy has [[Construct]] exactly
  // when its target does, and its trap answers without reading the target.
  const constructProbe = { __proto__: null, construct: () => ({}) };
  function isConstructor(v) {
    if (!isCallable(v)) return false;
    try {
      ReflectConstruct(new ProxyCtor(v, constructProbe), []);
      return true;
    } catch {
      return false;
    }
  }

  function toObject(v, where) {
    if (v === undefined || v === null) {
      throw new TypeError(`${where} called on null or undefined`);
    }
    return Object(v);
  }

  function requireObjectCoercible(v, where) {
    if (v === undefined || v === null) {
      throw new TypeError(`${where} called on null or undefined`);
    }
    return v;
  }

  // ToIntegerOrInfinity: unary plus is ToNumber (a TypeError for symbols and
  // bigints); NaN and -0 become +0.
  function toIntegerOrInfinity(v) {
    const n = +v;
    if (n !== n || n === 0) return 0;
    return Math.trunc(n);
  }

  function toLength(v) {
    const n = toIntegerOrInfinity(v);
    if (n <= 0) return 0;
    return n < MAX_SAFE_LENGTH ? n : MAX_SAFE_LENGTH;
  }

  function lengthOfArrayLike(o) {
    return toLength(o.length);
  }

  // CreateDataPropertyOrThrow. The descriptor has no prototype, so a `get`
  // or `value` on Object.prototype cannot change what it says.
  function createDataProperty(o, key, value) {
    ObjectDefineProperty(o, key, {
      __proto__: null,
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  }

  // ArrayCreate(len) for an array filled in order from index 0: without a
  // prototype while it is filled, so plain assignments cannot meet setters
  // an app put on Array.prototype or Object.prototype. `finishArray` gives
  // it back its prototype.
  function arrayCreate(len) {
    if (len > MAX_ARRAY_LENGTH) throw new RangeError("Invalid array length");
    const a = [];
    ObjectSetPrototypeOf(a, null);
    return a;
  }
  function finishArray(a) {
    ObjectSetPrototypeOf(a, ArrayPrototype);
    return a;
  }

  // An iterator record; `step` is IteratorStepValue.
  function iteratorRecord(iterator) {
    if (!isObject(iterator)) throw new TypeError("Result of the iterator method is not an object");
    return { __proto__: null, iterator, next: iterator.next };
  }

  // GetIterator(obj, sync).
  function getIterator(obj) {
    const method = obj === undefined || obj === null ? undefined : obj[SymbolIterator];
    if (method === undefined || method === null) {
      throw new TypeError(`${typeof obj === "string" ? "string" : typeof obj} is not iterable`);
    }
    if (!isCallable(method)) throw new TypeError("Symbol.iterator is not a function");
    return iteratorRecord(ReflectApply(method, obj, []));
  }

  // GetIteratorFromMethod(obj, method).
  function getIteratorFromMethod(obj, method) {
    return iteratorRecord(ReflectApply(method, obj, []));
  }

  const DONE = Symbol("done");
  function iteratorStepValue(record) {
    const result = ReflectApply(record.next, record.iterator, []);
    if (!isObject(result)) throw new TypeError(`Iterator result ${String(result)} is not an object`);
    return result.done ? DONE : result.value;
  }

  // IteratorClose(record, a throw completion): the original error wins.
  function closeIteratorOnError(record) {
    try {
      const ret = record.iterator.return;
      if (ret !== undefined && ret !== null) ReflectApply(ret, record.iterator, []);
    } catch {
      // IteratorClose reports the completion it was given, not this one.
    }
  }

  // IteratorClose(record, a normal completion).
  function closeIterator(record) {
    const iterator = record.iterator;
    const ret = iterator.return;
    if (ret === undefined || ret === null) return;
    if (!isCallable(ret)) throw new TypeError("Iterator return is not a function");
    const inner = ReflectApply(ret, iterator, []);
    if (!isObject(inner)) throw new TypeError(`Iterator result ${String(inner)} is not an object`);
  }

  // Installs built-in methods that the engine lacks, as the specification
  // defines them: writable, configurable, not enumerable.
  function install(target, methods) {
    for (const key of Reflect.ownKeys(methods)) {
      if (ObjectGetOwnPropertyDescriptor(target, key) !== undefined) continue;
      ObjectDefineProperty(target, key, {
        __proto__: null,
        value: methods[key],
        writable: true,
        enumerable: false,
        configurable: true,
      });
    }
  }

  // --- Object.groupBy, Map.groupBy (ES2024) ------------------------------

  // GroupBy(items, callbackfn, keyCoercion): an insertion-ordered Map from
  // key to the list of its elements.
  function groupBy(items, callbackfn, propertyKeys, where) {
    requireObjectCoercible(items, where);
    if (!isCallable(callbackfn)) throw new TypeError(`${where}: callback is not a function`);
    const groups = new MapCtor();
    const record = getIterator(items);
    let k = 0;
    for (;;) {
      if (k >= MAX_SAFE_LENGTH) {
        const error = new TypeError(`${where}: too many elements`);
        closeIteratorOnError(record);
        throw error;
      }
      const value = iteratorStepValue(record);
      if (value === DONE) return groups;
      let key;
      try {
        key = ReflectApply(callbackfn, undefined, [value, k]);
        if (propertyKeys) {
          key = toPropertyKey(key);
        } else if (key === 0) {
          key = 0;
        }
      } catch (error) {
        closeIteratorOnError(record);
        throw error;
      }
      const group = ReflectApply(MapPrototypeGet, groups, [key]);
      if (group === undefined) {
        // Without a prototype while it grows (see arrayCreate).
        const elements = [value];
        ObjectSetPrototypeOf(elements, null);
        ReflectApply(MapPrototypeSet, groups, [key, elements]);
      } else {
        group[group.length] = value;
      }
      k++;
    }
  }

  // ToPropertyKey (ToPrimitive with hint string, then ToString unless it
  // is a symbol): what a computed member key does.
  function toPropertyKey(key) {
    return ReflectOwnKeys({ __proto__: null, [key]: undefined })[0];
  }

  function forEachGroup(groups, fn) {
    const entries = ReflectApply(MapPrototypeEntries, groups, []);
    for (;;) {
      const step = ReflectApply(MapIteratorNext, entries, []);
      if (step.done) return;
      const group = step.value[1];
      ObjectSetPrototypeOf(group, ArrayPrototype);
      fn(step.value[0], group);
    }
  }

  install(Object, {
    groupBy(items, callbackfn) {
      const groups = groupBy(items, callbackfn, true, "Object.groupBy");
      const obj = { __proto__: null };
      forEachGroup(groups, (key, elements) => createDataProperty(obj, key, elements));
      return obj;
    },
  });

  install(Map, {
    groupBy(items, callbackfn) {
      const groups = groupBy(items, callbackfn, false, "Map.groupBy");
      const map = new MapCtor();
      forEachGroup(groups, (key, elements) => ReflectApply(MapPrototypeSet, map, [key, elements]));
      return map;
    },
  });

  // --- Change Array by copy (ES2023) -------------------------------------

  function relativeStart(relative, len) {
    if (relative === -Infinity) return 0;
    if (relative < 0) return len + relative > 0 ? len + relative : 0;
    return relative < len ? relative : len;
  }

  install(ArrayPrototype, {
    toReversed() {
      const o = toObject(this, "Array.prototype.toReversed");
      const len = lengthOfArrayLike(o);
      const a = arrayCreate(len);
      for (let k = 0; k < len; k++) a[k] = o[len - k - 1];
      return finishArray(a);
    },

    toSorted(comparefn) {
      if (comparefn !== undefined && !isCallable(comparefn)) {
        throw new TypeError("Array.prototype.toSorted: the comparison function must be either a function or undefined");
      }
      const o = toObject(this, "Array.prototype.toSorted");
      const len = lengthOfArrayLike(o);
      const a = arrayCreate(len);
      // SortIndexedProperties(o, len, SortCompare, read-through-holes): read
      // every index, then sort the list; the engine's sort of a list without
      // holes is SortCompare (undefined last, ToString order by default).
      for (let k = 0; k < len; k++) a[k] = o[k];
      ReflectApply(ArrayPrototypeSort, a, [comparefn]);
      return finishArray(a);
    },

    toSpliced(start, skipCount, ...items) {
      const o = toObject(this, "Array.prototype.toSpliced");
      const len = lengthOfArrayLike(o);
      const actualStart = relativeStart(toIntegerOrInfinity(start), len);
      const insertCount = items.length;
      let actualSkipCount;
      if (arguments.length === 0) {
        actualSkipCount = 0;
      } else if (arguments.length === 1) {
        actualSkipCount = len - actualStart;
      } else {
        const sc = toIntegerOrInfinity(skipCount);
        const most = len - actualStart;
        actualSkipCount = sc < 0 ? 0 : sc > most ? most : sc;
      }
      const newLen = len + insertCount - actualSkipCount;
      if (newLen > MAX_SAFE_LENGTH) {
        throw new TypeError("Array.prototype.toSpliced: the result would be longer than 2^53 - 1");
      }
      const a = arrayCreate(newLen);
      let i = 0;
      let r = actualStart + actualSkipCount;
      for (; i < actualStart; i++) a[i] = o[i];
      for (let j = 0; j < insertCount; j++) a[i++] = items[j];
      for (; i < newLen; i++, r++) a[i] = o[r];
      return finishArray(a);
    },

    with(index, value) {
      const o = toObject(this, "Array.prototype.with");
      const len = lengthOfArrayLike(o);
      const relativeIndex = toIntegerOrInfinity(index);
      const actualIndex = relativeIndex >= 0 ? relativeIndex : len + relativeIndex;
      if (actualIndex >= len || actualIndex < 0) {
        throw new RangeError("Array.prototype.with: index out of range");
      }
      const a = arrayCreate(len);
      for (let k = 0; k < len; k++) a[k] = k === actualIndex ? value : o[k];
      return finishArray(a);
    },
  });

  // Array.prototype[@@unscopables] lists the new methods but `with`.
  const unscopables = ArrayPrototype[Symbol.unscopables];
  for (const name of ["toReversed", "toSorted", "toSpliced"]) {
    if (ObjectGetOwnPropertyDescriptor(unscopables, name) === undefined) {
      createDataProperty(unscopables, name, true);
    }
  }

  // --- Change TypedArray by copy (ES2023) --------------------------------

  function isDetached(buffer) {
    try {
      new Uint8ArrayCtor(buffer);
      return false;
    } catch {
      return true;
    }
  }

  // ValidateTypedArray: a typed array whose buffer is not detached. Returns
  // its [[TypedArrayName]].
  function validateTypedArray(o, where) {
    const name = isObject(o) ? ReflectApply(typedArrayName, o, []) : undefined;
    if (name === undefined) throw new TypeError(`${where}: this is not a typed array`);
    if (ReflectApply(typedArrayLength, o, []) === 0 && isDetached(ReflectApply(typedArrayBuffer, o, []))) {
      throw new TypeError(`${where}: the typed array's buffer is detached`);
    }
    return name;
  }

  // TypedArrayCreateSameType: the intrinsic constructor, never `constructor`.
  function typedArrayCreateSameType(name, len) {
    return new TYPED_ARRAY_CONSTRUCTORS[name](len);
  }

  install(TypedArrayPrototype, {
    toReversed() {
      const name = validateTypedArray(this, "%TypedArray%.prototype.toReversed");
      const len = ReflectApply(typedArrayLength, this, []);
      const a = typedArrayCreateSameType(name, len);
      for (let k = 0; k < len; k++) a[k] = this[len - k - 1];
      return a;
    },

    toSorted(comparefn) {
      if (comparefn !== undefined && !isCallable(comparefn)) {
        throw new TypeError("%TypedArray%.prototype.toSorted: the comparison function must be either a function or undefined");
      }
      const name = validateTypedArray(this, "%TypedArray%.prototype.toSorted");
      const len = ReflectApply(typedArrayLength, this, []);
      const a = typedArrayCreateSameType(name, len);
      // The copy is read in full before the comparison function runs, and
      // no app code can reach it while it is sorted.
      ReflectApply(TypedArrayPrototypeSet, a, [this]);
      ReflectApply(TypedArrayPrototypeSort, a, [comparefn]);
      return a;
    },

    with(index, value) {
      const name = validateTypedArray(this, "%TypedArray%.prototype.with");
      const len = ReflectApply(typedArrayLength, this, []);
      const relativeIndex = toIntegerOrInfinity(index);
      const actualIndex = relativeIndex >= 0 ? relativeIndex : len + relativeIndex;
      // ToBigInt (asIntN coerces its argument with it) or ToNumber.
      const numericValue = name === "BigInt64Array" || name === "BigUint64Array" ? BigIntAsIntN(64, value) : +value;
      // IsValidIntegerIndex, after the coercion, which may have detached it.
      if (!(actualIndex >= 0 && actualIndex < ReflectApply(typedArrayLength, this, []))) {
        throw new RangeError("%TypedArray%.prototype.with: index out of range");
      }
      const a = typedArrayCreateSameType(name, len);
      for (let k = 0; k < len; k++) a[k] = k === actualIndex ? numericValue : this[k];
      return a;
    },
  });

  // --- Promise.withResolvers (ES2024) ------------------------------------

  // NewPromiseCapability(C).
  function newPromiseCapability(C) {
    if (C !== PromiseCtor && !isConstructor(C)) throw new TypeError("Promise.withResolvers: this is not a constructor");
    let resolve;
    let reject;
    const executor = (res, rej) => {
      if (resolve !== undefined) throw new TypeError("Promise executor has already been invoked with a resolve function");
      if (reject !== undefined) throw new TypeError("Promise executor has already been invoked with a reject function");
      resolve = res;
      reject = rej;
    };
    const promise = new C(executor);
    if (!isCallable(resolve)) throw new TypeError("Promise resolve function is not callable");
    if (!isCallable(reject)) throw new TypeError("Promise reject function is not callable");
    return { promise, resolve, reject };
  }

  install(PromiseCtor, {
    withResolvers() {
      const { promise, resolve, reject } = newPromiseCapability(this);
      const obj = {};
      createDataProperty(obj, "promise", promise);
      createDataProperty(obj, "resolve", resolve);
      createDataProperty(obj, "reject", reject);
      return obj;
    },
  });

  // --- Set methods (ES2025) ----------------------------------------------

  function requireSet(o, where) {
    try {
      ReflectApply(setSize, o, []);
    } catch {
      throw new TypeError(`${where}: this is not a Set`);
    }
  }

  // GetSetRecord(obj): size, has and keys, read and checked in that order.
  function getSetRecord(obj, where) {
    if (!isObject(obj)) throw new TypeError(`${where}: the argument is not an object`);
    const rawSize = obj.size;
    const numSize = +rawSize;
    if (numSize !== numSize) throw new TypeError(`${where}: the argument's size is not a number`);
    const size = toIntegerOrInfinity(numSize);
    if (size < 0) throw new RangeError(`${where}: the argument's size is negative`);
    const has = obj.has;
    if (!isCallable(has)) throw new TypeError(`${where}: the argument's has is not a function`);
    const keys = obj.keys;
    if (!isCallable(keys)) throw new TypeError(`${where}: the argument's keys is not a function`);
    return { __proto__: null, set: obj, size, has, keys };
  }

  function otherHas(record, value) {
    return !!ReflectApply(record.has, record.set, [value]);
  }

  // A live walk over a Set, which sees elements added while it runs and
  // skips deleted ones, as the specification's index walk does.
  function setValuesIterator(set) {
    return ReflectApply(SetPrototypeValues, set, []);
  }
  function nextSetValue(iterator) {
    const step = ReflectApply(SetIteratorNext, iterator, []);
    return step.done ? DONE : step.value;
  }

  // A copy of a Set's elements, in a new %Set%.
  function copySet(set) {
    const copy = new SetCtor();
    const values = setValuesIterator(set);
    for (let v = nextSetValue(values); v !== DONE; v = nextSetValue(values)) {
      ReflectApply(SetPrototypeAdd, copy, [v]);
    }
    return copy;
  }

  function setHas(set, value) {
    return ReflectApply(SetPrototypeHas, set, [value]);
  }

  // CanonicalizeKeyedCollectionKey: -0 is +0.
  function canonicalize(value) {
    return value === 0 ? 0 : value;
  }

  install(Set.prototype, {
    union(other) {
      requireSet(this, "Set.prototype.union");
      const otherRec = getSetRecord(other, "Set.prototype.union");
      const keys = getIteratorFromMethod(otherRec.set, otherRec.keys);
      const result = copySet(this);
      for (let next = iteratorStepValue(keys); next !== DONE; next = iteratorStepValue(keys)) {
        ReflectApply(SetPrototypeAdd, result, [canonicalize(next)]);
      }
      return result;
    },

    intersection(other) {
      requireSet(this, "Set.prototype.intersection");
      const otherRec = getSetRecord(other, "Set.prototype.intersection");
      const thisSize = ReflectApply(setSize, this, []);
      const result = new SetCtor();
      if (thisSize <= otherRec.size) {
        const values = setValuesIterator(this);
        for (let e = nextSetValue(values); e !== DONE; e = nextSetValue(values)) {
          if (otherHas(otherRec, e)) ReflectApply(SetPrototypeAdd, result, [e]);
        }
      } else {
        const keys = getIteratorFromMethod(otherRec.set, otherRec.keys);
        for (let next = iteratorStepValue(keys); next !== DONE; next = iteratorStepValue(keys)) {
          next = canonicalize(next);
          if (setHas(this, next)) ReflectApply(SetPrototypeAdd, result, [next]);
        }
      }
      return result;
    },

    difference(other) {
      requireSet(this, "Set.prototype.difference");
      const otherRec = getSetRecord(other, "Set.prototype.difference");
      const thisSize = ReflectApply(setSize, this, []);
      const result = copySet(this);
      if (thisSize <= otherRec.size) {
        // The walk is over the copy as it was made: only its own elements
        // are asked about, even if `has` changes this Set.
        const elements = [];
        ObjectSetPrototypeOf(elements, null);
        const values = setValuesIterator(result);
        for (let e = nextSetValue(values); e !== DONE; e = nextSetValue(values)) elements[elements.length] = e;
        for (let i = 0; i < elements.length; i++) {
          if (otherHas(otherRec, elements[i])) ReflectApply(SetPrototypeDelete, result, [elements[i]]);
        }
      } else {
        const keys = getIteratorFromMethod(otherRec.set, otherRec.keys);
        for (let next = iteratorStepValue(keys); next !== DONE; next = iteratorStepValue(keys)) {
          ReflectApply(SetPrototypeDelete, result, [canonicalize(next)]);
        }
      }
      return result;
    },

    symmetricDifference(other) {
      requireSet(this, "Set.prototype.symmetricDifference");
      const otherRec = getSetRecord(other, "Set.prototype.symmetricDifference");
      const keys = getIteratorFromMethod(otherRec.set, otherRec.keys);
      const result = copySet(this);
      for (let next = iteratorStepValue(keys); next !== DONE; next = iteratorStepValue(keys)) {
        next = canonicalize(next);
        const alreadyInResult = setHas(result, next);
        if (setHas(this, next)) {
          if (alreadyInResult) ReflectApply(SetPrototypeDelete, result, [next]);
        } else if (!alreadyInResult) {
          ReflectApply(SetPrototypeAdd, result, [next]);
        }
      }
      return result;
    },

    isSubsetOf(other) {
      requireSet(this, "Set.prototype.isSubsetOf");
      const otherRec = getSetRecord(other, "Set.prototype.isSubsetOf");
      const thisSize = ReflectApply(setSize, this, []);
      if (thisSize > otherRec.size) return false;
      const values = setValuesIterator(this);
      for (let e = nextSetValue(values); e !== DONE; e = nextSetValue(values)) {
        if (!otherHas(otherRec, e)) return false;
      }
      return true;
    },

    isSupersetOf(other) {
      requireSet(this, "Set.prototype.isSupersetOf");
      const otherRec = getSetRecord(other, "Set.prototype.isSupersetOf");
      const thisSize = ReflectApply(setSize, this, []);
      if (thisSize < otherRec.size) return false;
      const keys = getIteratorFromMethod(otherRec.set, otherRec.keys);
      for (let next = iteratorStepValue(keys); next !== DONE; next = iteratorStepValue(keys)) {
        if (!setHas(this, next)) {
          closeIterator(keys);
          return false;
        }
      }
      return true;
    },

    isDisjointFrom(other) {
      requireSet(this, "Set.prototype.isDisjointFrom");
      const otherRec = getSetRecord(other, "Set.prototype.isDisjointFrom");
      const thisSize = ReflectApply(setSize, this, []);
      if (thisSize <= otherRec.size) {
        const values = setValuesIterator(this);
        for (let e = nextSetValue(values); e !== DONE; e = nextSetValue(values)) {
          if (otherHas(otherRec, e)) return false;
        }
      } else {
        const keys = getIteratorFromMethod(otherRec.set, otherRec.keys);
        for (let next = iteratorStepValue(keys); next !== DONE; next = iteratorStepValue(keys)) {
          if (setHas(this, next)) {
            closeIterator(keys);
            return false;
          }
        }
      }
      return true;
    },
  });

  // --- Array.fromAsync (ES2026) ------------------------------------------

  install(ArrayCtor, {
    async fromAsync(asyncItems, mapfn = undefined, thisArg = undefined) {
      const C = this;
      const mapping = mapfn !== undefined;
      if (mapping && !isCallable(mapfn)) throw new TypeError("Array.fromAsync: mapfn is not a function");
      if (asyncItems === undefined || asyncItems === null) {
        throw new TypeError(`Array.fromAsync: ${asyncItems} is not iterable or array-like`);
      }
      const usingAsyncIterator = getMethod(asyncItems, SymbolAsyncIterator);
      const usingSyncIterator = usingAsyncIterator === undefined ? getMethod(asyncItems, SymbolIterator) : undefined;
      if (usingAsyncIterator !== undefined) {
        const record = getIteratorFromMethod(asyncItems, usingAsyncIterator);
        return collectFromIterator(isConstructor(C) ? new C() : [], record, true, mapping, mapfn, thisArg);
      }
      if (usingSyncIterator !== undefined) {
        const record = getIteratorFromMethod(asyncItems, usingSyncIterator);
        return collectFromIterator(isConstructor(C) ? new C() : [], record, false, mapping, mapfn, thisArg);
      }
      // Neither async iterable nor iterable: an array-like.
      const arrayLike = Object(asyncItems);
      const len = lengthOfArrayLike(arrayLike);
      const a = isConstructor(C) ? new C(len) : new ArrayCtor(len);
      for (let k = 0; k < len; k++) {
        const kValue = await arrayLike[k];
        const mappedValue = mapping ? await ReflectApply(mapfn, thisArg, [kValue, k]) : kValue;
        createDataProperty(a, k, mappedValue);
      }
      a.length = len;
      return a;
    },
  });

  // Array.fromAsync's iterator loop. A sync iterator is read as
  // CreateAsyncFromSyncIterator reads it: each value is awaited, and one that
  // rejects closes the iterator. An error from mapfn or from defining the
  // element closes the iterator (AsyncIteratorClose), keeping the error.
  async function collectFromIterator(a, record, isAsync, mapping, mapfn, thisArg) {
    for (let k = 0; ; k++) {
      let result = ReflectApply(record.next, record.iterator, []);
      if (isAsync) result = await result;
      if (!isObject(result)) throw new TypeError(`Iterator result ${String(result)} is not an object`);
      if (result.done) {
        a.length = k;
        return a;
      }
      let value = result.value;
      if (!isAsync) {
        try {
          value = await value;
        } catch (error) {
          closeIteratorOnError(record);
          throw error;
        }
      }
      try {
        const mappedValue = mapping ? await ReflectApply(mapfn, thisArg, [value, k]) : value;
        createDataProperty(a, k, mappedValue);
      } catch (error) {
        await closeAsyncIteratorOnError(record);
        throw error;
      }
    }
  }

  // AsyncIteratorClose(record, a throw completion): the original error wins.
  async function closeAsyncIteratorOnError(record) {
    try {
      const ret = record.iterator.return;
      if (ret !== undefined && ret !== null) await ReflectApply(ret, record.iterator, []);
    } catch {
      // AsyncIteratorClose reports the completion it was given, not this one.
    }
  }

  // GetMethod(v, key).
  function getMethod(v, key) {
    const method = v[key];
    if (method === undefined || method === null) return undefined;
    if (!isCallable(method)) throw new TypeError(`${String(key)} is not a function`);
    return method;
  }

  // --- Well-formed Unicode strings (ES2024) ------------------------------

  // The index of the first lone surrogate in s, or -1.
  function firstLoneSurrogate(s, from) {
    for (let i = from; i < s.length; i++) {
      const c = ReflectApply(StringPrototypeCharCodeAt, s, [i]);
      if (c < 0xd800 || c > 0xdfff) continue;
      if (c <= 0xdbff && i + 1 < s.length) {
        const d = ReflectApply(StringPrototypeCharCodeAt, s, [i + 1]);
        if (d >= 0xdc00 && d <= 0xdfff) {
          i++;
          continue;
        }
      }
      return i;
    }
    return -1;
  }

  install(String.prototype, {
    isWellFormed() {
      const s = `${requireObjectCoercible(this, "String.prototype.isWellFormed")}`;
      return firstLoneSurrogate(s, 0) === -1;
    },

    toWellFormed() {
      const s = `${requireObjectCoercible(this, "String.prototype.toWellFormed")}`;
      let lone = firstLoneSurrogate(s, 0);
      if (lone === -1) return s;
      let result = "";
      let from = 0;
      while (lone !== -1) {
        result += ReflectApply(StringPrototypeSlice, s, [from, lone]) + "\uFFFD";
        from = lone + 1;
        lone = firstLoneSurrogate(s, from);
      }
      return result + ReflectApply(StringPrototypeSlice, s, [from]);
    },
  });


  // --- Iterator helpers (ES2025) -----------------------------------------

  // Each helper is an object of %IteratorHelperPrototype% whose steps run in
  // an internal generator: a generator's states (suspended-start,
  // executing, completed) and its "already running" TypeError are what the
  // specification's helper closures have; `return` while suspended at a
  // yield runs the generator's `finally`, which closes the underlying
  // iterator as IfAbruptCloseIterator does.
  const IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][SymbolIterator]()));
  const GeneratorPrototype = Object.getPrototypeOf(function* () {}).prototype;
  const GeneratorNext = GeneratorPrototype.next;
  const GeneratorReturn = GeneratorPrototype.return;
  const WeakMapCtor = WeakMap;
  const WeakMapGet = WeakMap.prototype.get;
  const WeakMapSet = WeakMap.prototype.set;
  const ObjectCreate = Object.create;
  const ObjectPrototypeIsPrototypeOf = Object.prototype.isPrototypeOf;

  if (globalThis.Iterator === undefined) {
    // IteratorStep: reads `done` only.
    function iteratorStep(record) {
      const result = ReflectApply(record.next, record.iterator, []);
      if (!isObject(result)) throw new TypeError(`Iterator result ${String(result)} is not an object`);
      return !!result.done;
    }

    // GetIteratorDirect(obj).
    function getIteratorDirect(obj) {
      return { __proto__: null, iterator: obj, next: obj.next };
    }

    // GetIteratorFlattenable(obj, primitiveHandling).
    function getIteratorFlattenable(obj, iterateStrings) {
      if (!isObject(obj) && !(iterateStrings && typeof obj === "string")) {
        throw new TypeError(`${typeof obj} is not an iterator or iterable`);
      }
      const method = getMethod(obj, SymbolIterator);
      const iterator = method === undefined ? obj : ReflectApply(method, obj, []);
      if (!isObject(iterator)) throw new TypeError("Result of the iterator method is not an object");
      return getIteratorDirect(iterator);
    }

    // The steps every method takes first: `this` must be an object, and a
    // bad argument closes it before the TypeError or RangeError is thrown.
    function requireIteratorObject(o, where) {
      if (!isObject(o)) throw new TypeError(`${where} called on a non-object`);
    }
    function requireCallableArgument(o, fn, where) {
      if (!isCallable(fn)) {
        const error = new TypeError(`${where}: ${typeof fn} is not a function`);
        closeIteratorOnError({ __proto__: null, iterator: o });
        throw error;
      }
    }
    function toLimit(o, limit, where) {
      let numLimit;
      try {
        numLimit = +limit;
      } catch (error) {
        closeIteratorOnError({ __proto__: null, iterator: o });
        throw error;
      }
      const integerLimit = numLimit !== numLimit ? -1 : toIntegerOrInfinity(numLimit);
      if (integerLimit < 0) {
        const error = new RangeError(`${where}: ${String(numLimit)} must be a non-negative number`);
        closeIteratorOnError({ __proto__: null, iterator: o });
        throw error;
      }
      return integerLimit;
    }

    // Calls fn; if it throws, closes the iterator and rethrows.
    function callClosingOnError(record, fn, args) {
      try {
        return ReflectApply(fn, undefined, args);
      } catch (error) {
        closeIteratorOnError(record);
        throw error;
      }
    }

    const helperStates = new WeakMapCtor();
    function helperState(o, where) {
      const state = isObject(o) ? ReflectApply(WeakMapGet, helperStates, [o]) : undefined;
      if (state === undefined) throw new TypeError(`${where} called on an object that is not an Iterator Helper`);
      return state;
    }

    function Iterator() {
      if (new.target === undefined || new.target === Iterator) {
        throw new TypeError("Abstract class Iterator not directly constructable");
      }
    }
    ObjectDefineProperty(Iterator, "prototype", {
      __proto__: null,
      value: IteratorPrototype,
      writable: false,
      enumerable: false,
      configurable: false,
    });

    const IteratorHelperPrototype = ObjectCreate(IteratorPrototype);
    install(IteratorHelperPrototype, {
      next() {
        const state = helperState(this, "Iterator Helper next");
        state.started = true;
        return ReflectApply(GeneratorNext, state.generator, []);
      },
      return() {
        const state = helperState(this, "Iterator Helper return");
        if (!state.started) {
          // Suspended-start: completed without running, then the underlying
          // iterator is closed.
          state.started = true;
          ReflectApply(GeneratorReturn, state.generator, []);
          closeIterator(state.record);
          return { value: undefined, done: true };
        }
        return ReflectApply(GeneratorReturn, state.generator, []);
      },
    });
    ObjectDefineProperty(IteratorHelperPrototype, Symbol.toStringTag, {
      __proto__: null,
      value: "Iterator Helper",
      writable: false,
      enumerable: false,
      configurable: true,
    });

    function createHelper(record, generator) {
      const helper = ObjectCreate(IteratorHelperPrototype);
      ReflectApply(WeakMapSet, helperStates, [helper, { __proto__: null, generator, record, started: false }]);
      return helper;
    }

    // The helper closures of map, filter, take and drop: yield what
    // `nextValue` gives until it gives DONE; a `return` while suspended at
    // the yield closes the underlying iterator (IfAbruptCloseIterator).
    function* helperSteps(record, nextValue) {
      for (;;) {
        const value = nextValue();
        if (value === DONE) return;
        let resumed = false;
        try {
          yield value;
          resumed = true;
        } finally {
          if (!resumed) closeIterator(record);
        }
      }
    }

    function mapSteps(record, mapper) {
      let counter = 0;
      return helperSteps(record, () => {
        const value = iteratorStepValue(record);
        return value === DONE ? DONE : callClosingOnError(record, mapper, [value, counter++]);
      });
    }

    function filterSteps(record, predicate) {
      let counter = 0;
      return helperSteps(record, () => {
        for (;;) {
          const value = iteratorStepValue(record);
          if (value === DONE || callClosingOnError(record, predicate, [value, counter++])) return value;
        }
      });
    }

    function takeSteps(record, limit) {
      let remaining = limit;
      return helperSteps(record, () => {
        if (remaining === 0) {
          closeIterator(record);
          return DONE;
        }
        if (remaining !== Infinity) remaining--;
        return iteratorStepValue(record);
      });
    }

    function dropSteps(record, limit) {
      let remaining = limit;
      return helperSteps(record, () => {
        for (; remaining > 0; ) {
          if (remaining !== Infinity) remaining--;
          if (iteratorStep(record)) return DONE;
        }
        return iteratorStepValue(record);
      });
    }

    function* flatMapSteps(record, mapper) {
      for (let counter = 0; ; counter++) {
        const value = iteratorStepValue(record);
        if (value === DONE) return;
        const mapped = callClosingOnError(record, mapper, [value, counter]);
        const inner = callClosingOnError(record, getIteratorFlattenable, [mapped, false]);
        for (;;) {
          const innerValue = callClosingOnError(record, iteratorStepValue, [inner]);
          if (innerValue === DONE) break;
          let resumed = false;
          try {
            yield innerValue;
            resumed = true;
          } finally {
            if (!resumed) {
              // Close the inner iterator, then the outer one; an error
              // from the inner close still closes the outer iterator.
              callClosingOnError(record, closeIterator, [inner]);
              closeIterator(record);
            }
          }
        }
      }
    }

    install(Iterator, {
      from(o) {
        const record = getIteratorFlattenable(o, true);
        if (ReflectApply(ObjectPrototypeIsPrototypeOf, IteratorPrototype, [record.iterator])) return record.iterator;
        const wrapper = ObjectCreate(WrapForValidIteratorPrototype);
        ReflectApply(WeakMapSet, wrappedRecords, [wrapper, record]);
        return wrapper;
      },
    });

    const wrappedRecords = new WeakMapCtor();
    function wrappedRecord(o, where) {
      const record = isObject(o) ? ReflectApply(WeakMapGet, wrappedRecords, [o]) : undefined;
      if (record === undefined) throw new TypeError(`${where} called on an incompatible receiver`);
      return record;
    }
    const WrapForValidIteratorPrototype = ObjectCreate(IteratorPrototype);
    install(WrapForValidIteratorPrototype, {
      next() {
        const record = wrappedRecord(this, "next");
        return ReflectApply(record.next, record.iterator, []);
      },
      return() {
        const iterator = wrappedRecord(this, "return").iterator;
        const returnMethod = getMethod(iterator, "return");
        if (returnMethod === undefined) return { value: undefined, done: true };
        return ReflectApply(returnMethod, iterator, []);
      },
    });

    install(IteratorPrototype, {
      map(mapper) {
        requireIteratorObject(this, "Iterator.prototype.map");
        requireCallableArgument(this, mapper, "Iterator.prototype.map");
        const record = getIteratorDirect(this);
        return createHelper(record, mapSteps(record, mapper));
      },
      filter(predicate) {
        requireIteratorObject(this, "Iterator.prototype.filter");
        requireCallableArgument(this, predicate, "Iterator.prototype.filter");
        const record = getIteratorDirect(this);
        return createHelper(record, filterSteps(record, predicate));
      },
      take(limit) {
        requireIteratorObject(this, "Iterator.prototype.take");
        const integerLimit = toLimit(this, limit, "Iterator.prototype.take");
        const record = getIteratorDirect(this);
        return createHelper(record, takeSteps(record, integerLimit));
      },
      drop(limit) {
        requireIteratorObject(this, "Iterator.prototype.drop");
        const integerLimit = toLimit(this, limit, "Iterator.prototype.drop");
        const record = getIteratorDirect(this);
        return createHelper(record, dropSteps(record, integerLimit));
      },
      flatMap(mapper) {
        requireIteratorObject(this, "Iterator.prototype.flatMap");
        requireCallableArgument(this, mapper, "Iterator.prototype.flatMap");
        const record = getIteratorDirect(this);
        return createHelper(record, flatMapSteps(record, mapper));
      },
      reduce(reducer, ...rest) {
        requireIteratorObject(this, "Iterator.prototype.reduce");
        requireCallableArgument(this, reducer, "Iterator.prototype.reduce");
        const record = getIteratorDirect(this);
        let accumulator;
        let counter;
        if (rest.length === 0) {
          accumulator = iteratorStepValue(record);
          if (accumulator === DONE) throw new TypeError("Iterator.prototype.reduce of an empty iterator with no initial value");
          counter = 1;
        } else {
          accumulator = rest[0];
          counter = 0;
        }
        for (; ; counter++) {
          const value = iteratorStepValue(record);
          if (value === DONE) return accumulator;
          accumulator = callClosingOnError(record, reducer, [accumulator, value, counter]);
        }
      },
      toArray() {
        requireIteratorObject(this, "Iterator.prototype.toArray");
        const record = getIteratorDirect(this);
        const items = arrayCreate(0);
        for (let value = iteratorStepValue(record); value !== DONE; value = iteratorStepValue(record)) {
          items[items.length] = value;
        }
        return finishArray(items);
      },
      forEach(procedure) {
        requireIteratorObject(this, "Iterator.prototype.forEach");
        requireCallableArgument(this, procedure, "Iterator.prototype.forEach");
        const record = getIteratorDirect(this);
        for (let counter = 0; ; counter++) {
          const value = iteratorStepValue(record);
          if (value === DONE) return undefined;
          callClosingOnError(record, procedure, [value, counter]);
        }
      },
      some(predicate) {
        requireIteratorObject(this, "Iterator.prototype.some");
        requireCallableArgument(this, predicate, "Iterator.prototype.some");
        const record = getIteratorDirect(this);
        for (let counter = 0; ; counter++) {
          const value = iteratorStepValue(record);
          if (value === DONE) return false;
          if (callClosingOnError(record, predicate, [value, counter])) {
            closeIterator(record);
            return true;
          }
        }
      },
      every(predicate) {
        requireIteratorObject(this, "Iterator.prototype.every");
        requireCallableArgument(this, predicate, "Iterator.prototype.every");
        const record = getIteratorDirect(this);
        for (let counter = 0; ; counter++) {
          const value = iteratorStepValue(record);
          if (value === DONE) return true;
          if (!callClosingOnError(record, predicate, [value, counter])) {
            closeIterator(record);
            return false;
          }
        }
      },
      find(predicate) {
        requireIteratorObject(this, "Iterator.prototype.find");
        requireCallableArgument(this, predicate, "Iterator.prototype.find");
        const record = getIteratorDirect(this);
        for (let counter = 0; ; counter++) {
          const value = iteratorStepValue(record);
          if (value === DONE) return undefined;
          if (callClosingOnError(record, predicate, [value, counter])) {
            closeIterator(record);
            return value;
          }
        }
      },
    });

    // SetterThatIgnoresPrototypeProperties(this, %Iterator.prototype%, key, v).
    function setIgnoringPrototype(o, key, value) {
      if (!isObject(o)) throw new TypeError("Iterator.prototype setter called on a non-object");
      if (o === IteratorPrototype) throw new TypeError("Cannot assign to this property of Iterator.prototype");
      if (ObjectGetOwnPropertyDescriptor(o, key) === undefined) {
        createDataProperty(o, key, value);
      } else {
        o[key] = value;
      }
    }
    const accessors = {
      get [Symbol.toStringTag]() {
        return "Iterator";
      },
      set [Symbol.toStringTag](value) {
        setIgnoringPrototype(this, Symbol.toStringTag, value);
      },
      get constructor() {
        return Iterator;
      },
      set constructor(value) {
        setIgnoringPrototype(this, "constructor", value);
      },
    };
    for (const key of [Symbol.toStringTag, "constructor"]) {
      const { get, set } = ObjectGetOwnPropertyDescriptor(accessors, key);
      ObjectDefineProperty(IteratorPrototype, key, { __proto__: null, get, set, enumerable: false, configurable: true });
    }

    ObjectDefineProperty(globalThis, "Iterator", {
      __proto__: null,
      value: Iterator,
      writable: true,
      enumerable: false,
      configurable: true,
    });
  }
})();
