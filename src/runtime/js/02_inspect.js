// Value inspector: renders any JavaScript value as text in the style of
// Node's util.inspect, plus util.format. Shared through `internal`.
((nano) => {
  "use strict";

  const { ops, internal } = nano;

  // Capture every intrinsic we rely on now, so app code that later patches
  // prototypes cannot change (or break) how values are printed.
  const uncurry = (fn) => Function.prototype.call.bind(fn);
  const getOwnDesc = Object.getOwnPropertyDescriptor;
  const getProto = Object.getPrototypeOf;
  const objectKeys = Object.keys;
  const ownNames = Object.getOwnPropertyNames;
  const ownSymbols = Object.getOwnPropertySymbols;
  const ownKeys = Reflect.ownKeys;
  const isArray = Array.isArray;
  const objectIs = Object.is;
  const hasOwn = uncurry(Object.prototype.hasOwnProperty);
  const propIsEnum = uncurry(Object.prototype.propertyIsEnumerable);
  const isProtoOf = uncurry(Object.prototype.isPrototypeOf);
  const objToString = uncurry(Object.prototype.toString);
  const fnToString = uncurry(Function.prototype.toString);
  const errorToString = uncurry(Error.prototype.toString);
  const symToString = uncurry(Symbol.prototype.toString);
  const regexpToString = uncurry(RegExp.prototype.toString);
  const dateGetTime = uncurry(Date.prototype.getTime);
  const dateToISO = uncurry(Date.prototype.toISOString);
  const dateToString = uncurry(Date.prototype.toString);
  const numberValueOf = uncurry(Number.prototype.valueOf);
  const stringValueOf = uncurry(String.prototype.valueOf);
  const booleanValueOf = uncurry(Boolean.prototype.valueOf);
  const bigintValueOf = uncurry(BigInt.prototype.valueOf);
  const symbolValueOf = uncurry(Symbol.prototype.valueOf);
  const weakMapHas = uncurry(WeakMap.prototype.has);
  const weakSetHas = uncurry(WeakSet.prototype.has);
  const mapEntries = uncurry(Map.prototype.entries);
  const setValues = uncurry(Set.prototype.values);
  const mapIterProto = getProto(new Map().entries());
  const setIterProto = getProto(new Set().values());
  const mapIterNext = uncurry(mapIterProto.next);
  const setIterNext = uncurry(setIterProto.next);
  const getter = (proto, key) => uncurry(getOwnDesc(proto, key).get);
  const mapSize = getter(Map.prototype, "size");
  const setSize = getter(Set.prototype, "size");
  const abByteLength = getter(ArrayBuffer.prototype, "byteLength");
  const dvBuffer = getter(DataView.prototype, "buffer");
  const regexpGlobal = getter(RegExp.prototype, "global");
  const TypedArrayProto = getProto(Uint8Array.prototype);
  const typedArrayTag = getter(TypedArrayProto, Symbol.toStringTag);
  const typedArrayLength = getter(TypedArrayProto, "length");
  const PromiseProto = Promise.prototype;
  const AsyncFunctionProto = getProto(async function () {});
  const GeneratorFunctionProto = getProto(function* () {});
  const AsyncGeneratorFunctionProto = getProto(async function* () {});
  const ErrorCtor = Error;
  const RangeErrorCtor = RangeError;
  const ReferenceErrorCtor = ReferenceError;
  const U8 = Uint8Array;
  const jsonStringify = JSON.stringify;
  const StringCtor = String;
  const NumberCtor = Number;
  const parseIntFn = parseInt;
  const parseFloatFn = parseFloat;
  const mathMin = Math.min;
  const mathMax = Math.max;
  const mathSqrt = Math.sqrt;
  const mathRound = Math.round;
  const mathFloor = Math.floor;
  const SymIterator = Symbol.iterator;
  const SymToStringTag = Symbol.toStringTag;

  const customInspectSymbol = Symbol.for("nodejs.util.inspect.custom");

  // Global constructor names that count as "built in" for %s formatting.
  const builtinNames = new Set();
  for (const name of ownNames(globalThis)) {
    if (/^[A-Z][a-zA-Z0-9]+$/.test(name)) {
      const d = getOwnDesc(globalThis, name);
      if (d && typeof d.value === "function") builtinNames.add(name);
    }
  }

  // Type checks that use brand-checking built-in methods, which throw on the
  // wrong kind of receiver and never run user code.
  const brand = (fn, arg) => (v) => {
    try {
      fn(v, arg);
      return true;
    } catch {
      return false;
    }
  };
  const isMap = brand(mapSize);
  const isSet = brand(setSize);
  const isWeakMap = brand(weakMapHas, {});
  const isWeakSet = brand(weakSetHas, {});
  const isDate = brand(dateGetTime);
  const isArrayBuffer = brand(abByteLength);
  const { isSharedArrayBuffer } = nano.internal.util;
  const isDataView = brand(dvBuffer);
  const isNumberObject = brand(numberValueOf);
  const isStringObject = brand(stringValueOf);
  const isBooleanObject = brand(booleanValueOf);
  const isBigIntObject = brand(bigintValueOf);
  const isSymbolObject = brand(symbolValueOf);
  const isTypedArray = (v) => typedArrayTag(v) !== undefined;
  const isRegExp = (v) => {
    try {
      // The getter answers undefined for RegExp.prototype itself.
      return regexpGlobal(v) !== undefined;
    } catch {
      return false;
    }
  };
  const isError = (v) => objToString(v) === "[object Error]" || v instanceof ErrorCtor;
  const isPromise = (v) => isProtoOf(PromiseProto, v);
  const isArguments = (v) => objToString(v) === "[object Arguments]";
  const isBoxed = (v) => isNumberObject(v) || isStringObject(v) || isBooleanObject(v) ||
    isBigIntObject(v) || isSymbolObject(v);

  // Optional ops; looked up at call time because ops only work after restore.
  function proxyDetails(value) {
    const fn = ops.op_proxy_details;
    if (typeof fn !== "function") return undefined;
    const d = fn(value);
    return d == null ? undefined : d;
  }
  function previewEntries(value) {
    const fn = ops.op_preview_entries;
    if (typeof fn !== "function") return undefined;
    const d = fn(value);
    return d == null ? undefined : d;
  }
  function promiseDetails(value) {
    const fn = ops.op_promise_state;
    if (typeof fn !== "function") return undefined;
    const d = fn(value);
    return d == null ? undefined : d;
  }

  // ---- styling -------------------------------------------------------------

  const colorCodes = {
    bold: [1, 22], italic: [3, 23], underline: [4, 24], inverse: [7, 27],
    red: [31, 39], green: [32, 39], yellow: [33, 39], blue: [34, 39],
    magenta: [35, 39], cyan: [36, 39], white: [37, 39], grey: [90, 39],
  };
  const styleColors = {
    special: "cyan", number: "yellow", bigint: "yellow", boolean: "yellow",
    undefined: "grey", null: "bold", string: "green", symbol: "green",
    date: "magenta", regexp: "red", module: "underline",
  };
  const stylizeNoColor = (str) => str;
  function stylizeWithColor(str, type) {
    const color = styleColors[type];
    if (color === undefined) return str;
    const code = colorCodes[color];
    return `\u001b[${code[0]}m${str}\u001b[${code[1]}m`;
  }
  const colorRe = /\u001b\[\d\d?m/g;
  const stripColors = (s) => s.replace(colorRe, "");

  // Terminal column width: wide East Asian characters and most emoji take
  // two columns, combining marks and control characters none.
  function isFullWidth(c) {
    return c >= 0x1100 && (
      c <= 0x115f || c === 0x2329 || c === 0x232a ||
      (c >= 0x2e80 && c <= 0x3247 && c !== 0x303f) ||
      (c >= 0x3250 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0xa4c6) ||
      (c >= 0xa960 && c <= 0xa97c) || (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe10 && c <= 0xfe19) ||
      (c >= 0xfe30 && c <= 0xfe6b) || (c >= 0xff01 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1b000 && c <= 0x1b001) ||
      (c >= 0x1f200 && c <= 0x1f251) || (c >= 0x1f300 && c <= 0x1f64f) ||
      (c >= 0x1f900 && c <= 0x1f9ff) || (c >= 0x20000 && c <= 0x3fffd));
  }
  function isZeroWidth(c) {
    return c <= 0x1f || (c >= 0x7f && c <= 0x9f) || (c >= 0x300 && c <= 0x36f) ||
      (c >= 0x200b && c <= 0x200f) || (c >= 0x20d0 && c <= 0x20ff) ||
      (c >= 0xfe00 && c <= 0xfe0f) || (c >= 0xfe20 && c <= 0xfe2f) ||
      (c >= 0xe0100 && c <= 0xe01ef);
  }
  function stringWidth(str, removeControl = true) {
    if (removeControl) str = stripColors(str);
    let width = 0;
    for (let i = 0; i < str.length; i++) {
      const c = str.charCodeAt(i);
      if (c < 0x7f && c >= 0x20) { // fast path for ASCII
        width++;
        continue;
      }
      const cp = str.codePointAt(i);
      if (cp > 0xffff) i++;
      if (isFullWidth(cp)) width += 2;
      else if (!isZeroWidth(cp)) width++;
    }
    return width;
  }

  // ---- primitives ----------------------------------------------------------

  const metaEscapes = [];
  for (let i = 0; i < 0xa0; i++) {
    if (i < 0x20 || (i >= 0x7f)) {
      metaEscapes[i] = `\\x${i.toString(16).toUpperCase().padStart(2, "0")}`;
    }
  }
  metaEscapes[8] = "\\b";
  metaEscapes[9] = "\\t";
  metaEscapes[10] = "\\n";
  metaEscapes[12] = "\\f";
  metaEscapes[13] = "\\r";
  metaEscapes[39] = "\\'";
  metaEscapes[92] = "\\\\";

  // Escapes control characters, backslashes, lone surrogates and, when
  // `quote` is the single quote, single quotes.
  function escapeBody(str, quote) {
    let out = "";
    let last = 0;
    for (let i = 0; i < str.length; i++) {
      const c = str.charCodeAt(i);
      let rep;
      if (c === quote || c === 92 || c < 32 || (c > 126 && c < 160)) {
        rep = metaEscapes[c];
      } else if (c >= 0xd800 && c <= 0xdfff) {
        if (c <= 0xdbff && i + 1 < str.length) {
          const next = str.charCodeAt(i + 1);
          if (next >= 0xdc00 && next <= 0xdfff) {
            i++;
            continue;
          }
        }
        rep = `\\u${c.toString(16)}`;
      } else {
        continue;
      }
      out += str.slice(last, i) + rep;
      last = i + 1;
    }
    return last === 0 ? str : out + str.slice(last);
  }

  // Quotes a string the way Node does: single quotes, unless the text holds
  // some, then double quotes or backticks, whichever avoids escaping.
  function quoteString(str) {
    let quote = "'";
    if (str.includes("'")) {
      if (!str.includes('"')) quote = '"';
      else if (!str.includes("`") && !str.includes("${")) quote = "`";
    }
    return quote + escapeBody(str, quote === "'" ? 39 : -1) + quote;
  }

  function formatNumber(stylize, n) {
    return stylize(objectIs(n, -0) ? "-0" : `${n}`, "number");
  }
  const formatBigInt = (stylize, n) => stylize(`${n}n`, "bigint");

  function formatPrimitive(stylize, value, ctx) {
    switch (typeof value) {
      case "string": {
        let trailer = "";
        if (value.length > ctx.maxStringLength) {
          const remaining = value.length - ctx.maxStringLength;
          value = value.slice(0, ctx.maxStringLength);
          trailer = `... ${remaining} more character${remaining > 1 ? "s" : ""}`;
        }
        // Long strings break after each newline, joined with `+`.
        if (ctx.compact !== true && value.length > 16 &&
            value.length > ctx.breakLength - ctx.indentationLvl - 4) {
          const parts = value.split(/(?<=\n)/);
          return parts.map((line) => stylize(quoteString(line), "string"))
            .join(` +\n${" ".repeat(ctx.indentationLvl + 2)}`) + trailer;
        }
        return stylize(quoteString(value), "string") + trailer;
      }
      case "number":
        return formatNumber(stylize, value);
      case "bigint":
        return formatBigInt(stylize, value);
      case "boolean":
        return stylize(`${value}`, "boolean");
      case "undefined":
        return stylize("undefined", "undefined");
      default: // symbol
        return stylize(symToString(value), "symbol");
    }
  }

  // ---- names and prefixes --------------------------------------------------

  function safeInstanceOf(obj, ctor) {
    try {
      return obj instanceof ctor;
    } catch {
      return false;
    }
  }

  // Name of the nearest constructor on the prototype chain that the value is
  // really an instance of; null for a null-prototype object.
  function constructorName(obj, ctx, recurseTimes) {
    let firstProto;
    let cur = obj;
    while (cur) {
      const desc = getOwnDesc(cur, "constructor");
      if (desc !== undefined && typeof desc.value === "function" &&
          desc.value.name !== "" && safeInstanceOf(obj, desc.value)) {
        return StringCtor(desc.value.name);
      }
      cur = getProto(cur);
      if (firstProto === undefined) firstProto = cur;
    }
    if (firstProto === null) return null;
    const own = isArray(obj) ? "Array" : typeof obj === "function" ? "Function" : "Object";
    if (ctx.depth !== null && recurseTimes > ctx.depth) return `${own} <Complex prototype>`;
    const protoName = constructorName(firstProto, ctx, recurseTimes + 1);
    if (protoName === null) {
      const shown = inspect(firstProto, { ...ctx.userOptions, ...publicOptions(ctx),
        customInspect: false, depth: -1 });
      return `${own} <${shown}>`;
    }
    return `${own} <${protoName}>`;
  }

  function prefixFor(constructor, tag, fallback, size = "") {
    if (constructor === null) {
      if (tag !== "" && fallback !== tag) return `[${fallback}${size}: null prototype] [${tag}] `;
      return `[${fallback}${size}: null prototype] `;
    }
    if (tag !== "" && constructor !== tag) return `${constructor}${size} [${tag}] `;
    return `${constructor}${size} `;
  }

  function isClassSource(src) {
    if (!src.startsWith("class") || !src.endsWith("}")) return false;
    const next = src.charCodeAt(5);
    // `class(){}` is a method named "class", not a class.
    if (next === 40 /* ( */) return false;
    return next === 123 /* { */ || next === 32 || next === 9 || next === 10 ||
      next === 13 || next === 47 /* comment */;
  }

  function functionBase(value, constructor, tag) {
    let src = "";
    try {
      src = fnToString(value);
    } catch {
      // Some host functions refuse; fall through to the plain form.
    }
    if (isClassSource(src)) {
      const name = (hasOwn(value, "name") && value.name) || "(anonymous)";
      let base = `class ${name}`;
      if (constructor !== "Function" && constructor !== null) base += ` [${constructor}]`;
      if (tag !== "" && constructor !== tag) base += ` [${tag}]`;
      if (constructor !== null) {
        const superName = getProto(value).name;
        if (superName) base += ` extends ${superName}`;
      } else {
        base += " extends [null prototype]";
      }
      return `[${base}]`;
    }
    let type = "Function";
    if (isProtoOf(GeneratorFunctionProto, value)) type = "GeneratorFunction";
    else if (isProtoOf(AsyncGeneratorFunctionProto, value)) type = "AsyncGeneratorFunction";
    else if (isProtoOf(AsyncFunctionProto, value)) type = "AsyncFunction";
    let base = `[${type}`;
    if (constructor === null) base += " (null prototype)";
    base += value.name === "" ? " (anonymous)" : `: ${value.name}`;
    base += "]";
    if (constructor !== type && constructor !== null) base += ` ${constructor}`;
    if (tag !== "" && constructor !== tag) base += ` [${tag}]`;
    return base;
  }

  function boxedBase(value, ctx, keys, constructor, tag) {
    let type;
    let prim;
    if (isNumberObject(value)) {
      type = "Number";
      prim = numberValueOf(value);
    } else if (isStringObject(value)) {
      type = "String";
      prim = stringValueOf(value);
      // The character indices are redundant next to the string itself.
      keys.splice(0, prim.length);
    } else if (isBooleanObject(value)) {
      type = "Boolean";
      prim = booleanValueOf(value);
    } else if (isBigIntObject(value)) {
      type = "BigInt";
      prim = bigintValueOf(value);
    } else {
      type = "Symbol";
      prim = symbolValueOf(value);
    }
    let base = `[${type}`;
    if (type !== constructor) base += constructor === null ? " (null prototype)" : ` (${constructor})`;
    base += `: ${formatPrimitive(stylizeNoColor, prim, ctx)}]`;
    if (tag !== "" && tag !== constructor) base += ` [${tag}]`;
    if (keys.length !== 0 || ctx.stylize === stylizeNoColor) return base;
    return ctx.stylize(base, type.toLowerCase());
  }

  // ---- errors --------------------------------------------------------------

  const stackOf = (err) => (err.stack ? StringCtor(err.stack) : errorToString(err));

  // Makes the first line name the real class when a subclass kept the
  // default name (class MyError extends Error -> "MyError: ...").
  function improveStack(stack, constructor, name, tag) {
    let len = name.length;
    if (constructor === null ||
        (name.endsWith("Error") && stack.startsWith(name) &&
         (stack.length === len || stack[len] === ":" || stack[len] === "\n"))) {
      let fallback = "Error";
      if (constructor === null) {
        const m = /^([A-Z][a-z_ A-Z0-9[\]()-]+)(?::|\n\s+at)/.exec(stack) ||
          /^([a-z_A-Z0-9-]*Error)$/.exec(stack);
        fallback = (m && m[1]) || "";
        len = fallback.length;
        fallback = fallback || "Error";
      }
      const prefix = prefixFor(constructor, tag, fallback).slice(0, -1);
      if (name !== prefix) {
        if (prefix.includes(name)) {
          stack = len === 0 ? `${prefix}: ${stack}` : `${prefix}${stack.slice(len)}`;
        } else {
          stack = `${prefix} [${name}]${stack.slice(len)}`;
        }
      }
    }
    return stack;
  }

  // Finds a run of more than three frames that also ends the cause's stack.
  function sharedFrames(frames, causeFrames) {
    for (let i = 0; i < frames.length - 3; i++) {
      const pos = causeFrames.indexOf(frames[i]);
      if (pos === -1) continue;
      const rest = causeFrames.length - pos;
      if (rest <= 3) continue;
      const maxLen = mathMin(frames.length - i, rest);
      let len = 1;
      while (len < maxLen && frames[i + len] === causeFrames[pos + len]) len++;
      if (len > 3) return { len, offset: i };
    }
    return { len: 0, offset: 0 };
  }

  function stackFrames(ctx, err, framesText) {
    const frames = framesText.split("\n");
    let cause;
    try {
      cause = err.cause;
    } catch {
      // A throwing `cause` getter just means nothing to de-duplicate.
    }
    if (cause != null && typeof cause === "object" && isError(cause)) {
      const causeStack = stackOf(cause);
      const start = causeStack.indexOf("\n    at");
      if (start !== -1) {
        const { len, offset } = sharedFrames(frames, causeStack.slice(start + 1).split("\n"));
        if (len > 0) {
          const skipped = len - 2;
          const msg = `    ... ${skipped} lines matching cause stack trace ...`;
          frames.splice(offset + 1, skipped, ctx.stylize(msg, "undefined"));
        }
      }
    }
    return frames;
  }

  function formatError(err, constructor, tag, ctx, keys) {
    const name = err.name != null ? StringCtor(err.name) : "Error";
    let stack = stackOf(err);
    // name/message/stack set as own enumerable properties usually repeat
    // what the stack already says.
    if (!ctx.showHidden && keys.length !== 0) {
      for (const k of ["name", "message", "stack"]) {
        const idx = keys.indexOf(k);
        if (idx !== -1 && stack.includes(err[k])) keys.splice(idx, 1);
      }
    }
    if ("cause" in err && !keys.includes("cause")) keys.push("cause");
    if (isArray(err.errors) && !keys.includes("errors")) keys.push("errors");
    stack = improveStack(stack, constructor, name, tag);

    let pos = (err.message && stack.indexOf(err.message)) || -1;
    if (pos !== -1) pos += err.message.length;
    const framesStart = stack.indexOf("\n    at", pos);
    if (framesStart === -1) {
      stack = `[${stack}]`;
    } else {
      const frames = stackFrames(ctx, err, stack.slice(framesStart + 1));
      stack = `${stack.slice(0, framesStart)}\n${frames.join("\n")}`;
    }
    if (ctx.indentationLvl !== 0) {
      stack = stack.replace(/\n/g, `\n${" ".repeat(ctx.indentationLvl)}`);
    }
    return stack;
  }

  // ---- keys ----------------------------------------------------------------

  function getKeys(value, showHidden) {
    const symbols = ownSymbols(value);
    let keys;
    if (showHidden) {
      keys = ownNames(value);
      for (const s of symbols) keys.push(s);
    } else {
      try {
        keys = objectKeys(value);
      } catch (err) {
        // Module namespaces with uninitialized bindings throw here.
        if (!(err instanceof ReferenceErrorCtor)) throw err;
        keys = ownNames(value);
      }
      for (const s of symbols) if (propIsEnum(value, s)) keys.push(s);
    }
    return keys;
  }

  const isIndexKey = (k) => typeof k === "string" && /^(?:0|[1-9][0-9]*)$/.test(k) &&
    NumberCtor(k) < 4294967295;

  // Own keys of an array-like other than its indices.
  function nonIndexKeys(value, showHidden) {
    const out = [];
    for (const k of ownKeys(value)) {
      if (isIndexKey(k)) continue;
      if (!showHidden && !propIsEnum(value, k)) continue;
      out.push(k);
    }
    return out;
  }

  // ---- collections ---------------------------------------------------------

  const kObjectType = 0;
  const kArrayType = 1;
  const kArrayExtrasType = 2;

  const moreItems = (n) => `... ${n} more item${n > 1 ? "s" : ""}`;

  function formatArray(ctx, value, recurseTimes) {
    const length = value.length;
    const limit = mathMin(mathMax(0, ctx.maxArrayLength), length);
    const output = [];
    for (let i = 0; i < limit; i++) {
      if (!hasOwn(value, i)) return formatSparseArray(ctx, value, recurseTimes, limit, output, i);
      output.push(formatProperty(ctx, value, recurseTimes, i, kArrayType));
    }
    if (length > limit) output.push(moreItems(length - limit));
    return output;
  }

  // Runs of holes count as one entry each, `<n empty items>`.
  function formatSparseArray(ctx, value, recurseTimes, limit, output, start) {
    const keys = objectKeys(value);
    let index = start;
    for (let k = start; k < keys.length && output.length < limit; k++) {
      const key = keys[k];
      if (!isIndexKey(key)) break;
      const n = NumberCtor(key);
      if (n !== index) {
        const holes = n - index;
        output.push(ctx.stylize(`<${holes} empty item${holes > 1 ? "s" : ""}>`, "undefined"));
        index = n;
        if (output.length === limit) break;
      }
      output.push(formatProperty(ctx, value, recurseTimes, key, kArrayType));
      index++;
    }
    const remaining = value.length - index;
    if (output.length !== limit) {
      if (remaining > 0) {
        output.push(ctx.stylize(`<${remaining} empty item${remaining > 1 ? "s" : ""}>`, "undefined"));
      }
    } else if (remaining > 0) {
      output.push(moreItems(remaining));
    }
    return output;
  }

  function formatTypedArray(ctx, value, recurseTimes) {
    const length = typedArrayLength(value);
    const limit = mathMin(mathMax(0, ctx.maxArrayLength), length);
    const output = [];
    const isBig = length > 0 && typeof value[0] === "bigint";
    for (let i = 0; i < limit; i++) {
      output.push(isBig ? formatBigInt(ctx.stylize, value[i]) : formatNumber(ctx.stylize, value[i]));
    }
    if (length > limit) output.push(moreItems(length - limit));
    if (ctx.showHidden) {
      ctx.indentationLvl += 2;
      for (const key of ["BYTES_PER_ELEMENT", "length", "byteLength", "byteOffset", "buffer"]) {
        output.push(`[${key}]: ${formatValue(ctx, value[key], recurseTimes, true)}`);
      }
      ctx.indentationLvl -= 2;
    }
    return output;
  }

  function formatArrayBufferContents(ctx, value) {
    let bytes;
    try {
      bytes = new U8(value);
    } catch {
      return [ctx.stylize("(detached)", "special")];
    }
    const shown = mathMin(ctx.maxArrayLength, bytes.length);
    const hex = [];
    for (let i = 0; i < shown; i++) hex.push(bytes[i].toString(16).padStart(2, "0"));
    let str = hex.join(" ");
    const remaining = bytes.length - ctx.maxArrayLength;
    if (remaining > 0) str += ` ... ${remaining} more byte${remaining > 1 ? "s" : ""}`;
    return [`${ctx.stylize("[Uint8Contents]", "special")}: <${str}>`];
  }

  function formatSetEntries(ctx, value, recurseTimes) {
    const size = setSize(value);
    const limit = mathMin(mathMax(0, ctx.maxArrayLength), size);
    const output = [];
    ctx.indentationLvl += 2;
    const it = setValues(value);
    for (let i = 0; i < limit; i++) {
      const step = setIterNext(it);
      if (step.done) break;
      output.push(formatValue(ctx, step.value, recurseTimes));
    }
    if (size > limit) output.push(moreItems(size - limit));
    ctx.indentationLvl -= 2;
    return output;
  }

  function formatMapEntries(ctx, value, recurseTimes) {
    const size = mapSize(value);
    const limit = mathMin(mathMax(0, ctx.maxArrayLength), size);
    const output = [];
    ctx.indentationLvl += 2;
    const it = mapEntries(value);
    for (let i = 0; i < limit; i++) {
      const step = mapIterNext(it);
      if (step.done) break;
      const k = formatValue(ctx, step.value[0], recurseTimes);
      const v = formatValue(ctx, step.value[1], recurseTimes);
      output.push(`${k} => ${v}`);
    }
    if (size > limit) output.push(moreItems(size - limit));
    ctx.indentationLvl -= 2;
    return output;
  }

  function formatPromiseState(ctx, value, recurseTimes) {
    const details = promiseDetails(value);
    if (details === undefined) return [ctx.stylize("<unknown>", "special")];
    if (details[0] === 0) return [ctx.stylize("<pending>", "special")];
    ctx.indentationLvl += 2;
    const str = formatValue(ctx, details[1], recurseTimes);
    ctx.indentationLvl -= 2;
    return [details[0] === 2 ? `${ctx.stylize("<rejected>", "special")} ${str}` : str];
  }

  const formatUnknownItems = (ctx) => [ctx.stylize("<items unknown>", "special")];

  // The entries V8 previews for an iterator or weak collection, formatted
  // one by one up to maxArrayLength: `k => v` for weak maps, `[ k, v ]`
  // for entry iterators, the value alone otherwise. Weak collections have
  // no order worth showing, so their items are sorted.
  function formatPreviewedEntries(entries, isKeyValue, weak, ctx, recurseTimes) {
    const count = isKeyValue ? entries.length / 2 : entries.length;
    const limit = mathMin(mathMax(0, ctx.maxArrayLength), count);
    const output = [];
    ctx.indentationLvl += 2;
    for (let i = 0; i < limit; i++) {
      if (!isKeyValue) {
        output.push(formatValue(ctx, entries[i], recurseTimes));
        continue;
      }
      const pair = [formatValue(ctx, entries[2 * i], recurseTimes), formatValue(ctx, entries[2 * i + 1], recurseTimes)];
      output.push(weak ? `${pair[0]} => ${pair[1]}` :
        reduceToSingleString(ctx, pair, "", ["[", "]"], kArrayExtrasType, recurseTimes));
    }
    ctx.indentationLvl -= 2;
    if (weak && !ctx.sorted) output.sort();
    if (count > limit) output.push(moreItems(count - limit));
    return output;
  }

  // Weak collections show their items only with showHidden, as in Node.
  function formatWeakCollection(ctx, value, recurseTimes) {
    const preview = ctx.showHidden ? previewEntries(value) : undefined;
    if (preview === undefined) return formatUnknownItems(ctx);
    return formatPreviewedEntries(preview[0], preview[1], true, ctx, recurseTimes);
  }
  const formatNothing = () => [];

  function formatNamespace(keys, ctx, value, recurseTimes) {
    const output = [];
    for (const key of keys) {
      try {
        output.push(formatProperty(ctx, value, recurseTimes, key, kObjectType));
      } catch (err) {
        if (!(err instanceof ReferenceErrorCtor)) throw err;
        // A binding still in its temporal dead zone.
        const name = typeof key === "symbol" ? `[${symToString(key)}]` : key;
        output.push(`${name}: ${ctx.stylize("<uninitialized>", "special")}`);
      }
    }
    keys.length = 0;
    return output;
  }

  // ---- properties ----------------------------------------------------------

  const identifierRe = /^[a-zA-Z_][a-zA-Z_0-9]*$/;

  function formatProperty(ctx, value, recurseTimes, key, type) {
    const desc = getOwnDesc(value, key) || { value: value[key], enumerable: true };
    let str;
    if (desc.value !== undefined) {
      const diff = ctx.compact !== true || type !== kObjectType ? 2 : 3;
      ctx.indentationLvl += diff;
      str = formatValue(ctx, desc.value, recurseTimes);
      if (diff === 3 && ctx.breakLength < stringWidth(str)) {
        str = `\n${" ".repeat(ctx.indentationLvl)}${str}`;
        ctx.indentationLvl -= diff;
        return `${propertyName(ctx, key, desc)}:${str}`;
      }
      ctx.indentationLvl -= diff;
    } else if (desc.get !== undefined) {
      const label = desc.set !== undefined ? "Getter/Setter" : "Getter";
      const g = ctx.getters;
      if (g && (g === true || (g === "get" && desc.set === undefined) ||
          (g === "set" && desc.set !== undefined))) {
        str = formatGetterValue(ctx, value, desc, label, recurseTimes);
      } else {
        str = ctx.stylize(`[${label}]`, "special");
      }
    } else if (desc.set !== undefined) {
      str = ctx.stylize("[Setter]", "special");
    } else {
      str = ctx.stylize("undefined", "undefined");
    }
    if (type === kArrayType) return str;
    return `${propertyName(ctx, key, desc)}: ${str}`;
  }

  function formatGetterValue(ctx, obj, desc, label, recurseTimes) {
    const s = ctx.stylize;
    try {
      const v = uncurry(desc.get)(obj);
      ctx.indentationLvl += 2;
      let str;
      if (v === null) str = `${s(`[${label}:`, "special")} ${s("null", "null")}${s("]", "special")}`;
      else if (typeof v === "object") str = `${s(`[${label}]`, "special")} ${formatValue(ctx, v, recurseTimes)}`;
      else str = `${s(`[${label}:`, "special")} ${formatPrimitive(s, v, ctx)}${s("]", "special")}`;
      ctx.indentationLvl -= 2;
      return str;
    } catch (err) {
      const message = `<Inspection threw (${err && err.message})>`;
      return `${s(`[${label}:`, "special")} ${message}${s("]", "special")}`;
    }
  }

  function propertyName(ctx, key, desc) {
    if (typeof key === "symbol") {
      return `[${ctx.stylize(escapeBody(symToString(key), -1), "symbol")}]`;
    }
    if (key === "__proto__") return "['__proto__']";
    if (desc.enumerable === false) return `[${escapeBody(`${key}`, -1)}]`;
    if (identifierRe.test(key)) return ctx.stylize(key, "name");
    return ctx.stylize(quoteString(`${key}`), "string");
  }

  // ---- layout --------------------------------------------------------------

  function textWidth(ctx, s) {
    return ctx.colors ? stripColors(s).length : s.length;
  }

  function fitsOnLine(ctx, output, start, base) {
    let total = output.length + start;
    if (total + output.length > ctx.breakLength) return false;
    for (let i = 0; i < output.length; i++) {
      total += textWidth(ctx, output[i]);
      if (total > ctx.breakLength) return false;
    }
    return base === "" || !base.includes("\n");
  }

  // Lays out many short array entries in aligned columns, aiming for a
  // roughly square block; numbers are right-aligned, everything else left.
  function groupArrayElements(ctx, output, value) {
    let totalLength = 0;
    let maxLength = 0;
    let outputLength = output.length;
    if (ctx.maxArrayLength < output.length) outputLength--; // the "more items" note
    const separatorSpace = 2;
    const dataLen = [];
    for (let i = 0; i < outputLength; i++) {
      const len = ctx.colors ? stringWidth(output[i]) : stringWidth(output[i], false);
      dataLen[i] = len;
      totalLength += len + separatorSpace;
      if (maxLength < len) maxLength = len;
    }
    const actualMax = maxLength + separatorSpace;
    if (actualMax * 3 + ctx.indentationLvl < ctx.breakLength &&
        (totalLength / actualMax > 5 || maxLength <= 6)) {
      const averageBias = mathSqrt(actualMax - totalLength / output.length);
      const biasedMax = mathMax(actualMax - 3 - averageBias, 1);
      const columns = mathMin(
        mathRound(mathSqrt(2.5 * biasedMax * outputLength) / biasedMax),
        mathFloor((ctx.breakLength - ctx.indentationLvl) / actualMax),
        ctx.compact * 4,
        15,
      );
      if (columns <= 1) return output;
      const maxLineLength = [];
      for (let i = 0; i < columns; i++) {
        let lineLength = 0;
        for (let j = i; j < output.length; j += columns) {
          if (dataLen[j] > lineLength) lineLength = dataLen[j];
        }
        maxLineLength.push(lineLength + separatorSpace);
      }
      let padStart = true;
      if (value !== undefined) {
        for (let i = 0; i < output.length; i++) {
          if (typeof value[i] !== "number" && typeof value[i] !== "bigint") {
            padStart = false;
            break;
          }
        }
      }
      const grouped = [];
      for (let i = 0; i < outputLength; i += columns) {
        const max = mathMin(i + columns, outputLength);
        let line = "";
        let j = i;
        for (; j < max - 1; j++) {
          const width = maxLineLength[j - i] + output[j].length - dataLen[j];
          line += padStart ? `${output[j]}, `.padStart(width, " ") : `${output[j]}, `.padEnd(width, " ");
        }
        if (padStart) {
          const width = maxLineLength[j - i] + output[j].length - dataLen[j] - separatorSpace;
          line += output[j].padStart(width, " ");
        } else {
          line += output[j];
        }
        grouped.push(line);
      }
      if (ctx.maxArrayLength < output.length) grouped.push(output[outputLength]);
      return grouped;
    }
    return output;
  }

  function reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value) {
    if (ctx.compact !== true) {
      if (typeof ctx.compact === "number" && ctx.compact >= 1) {
        const entries = output.length;
        if (extrasType === kArrayExtrasType && entries > 6) {
          output = groupArrayElements(ctx, output, value);
        }
        // Only the innermost `compact` levels may share a line, and only
        // when nothing was grouped into columns.
        if (ctx.currentDepth - recurseTimes < ctx.compact && entries === output.length) {
          const start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
          if (fitsOnLine(ctx, output, start, base)) {
            const joined = output.join(", ");
            if (!joined.includes("\n")) {
              return `${base ? `${base} ` : ""}${braces[0]} ${joined} ${braces[1]}`;
            }
          }
        }
      }
      const indentation = `\n${" ".repeat(ctx.indentationLvl)}`;
      return `${base ? `${base} ` : ""}${braces[0]}${indentation}  ${
        output.join(`,${indentation}  `)}${indentation}${braces[1]}`;
    }
    // compact === true: fill lines as far as breakLength allows.
    if (fitsOnLine(ctx, output, 0, base)) {
      return `${braces[0]}${base ? ` ${base}` : ""} ${output.join(", ")} ${braces[1]}`;
    }
    const indentation = " ".repeat(ctx.indentationLvl);
    const ln = base === "" && braces[0].length === 1
      ? " " : `${base ? ` ${base}` : ""}\n${indentation}  `;
    return `${braces[0]}${ln}${output.join(`,\n${indentation}  `)} ${braces[1]}`;
  }

  // ---- the walk ------------------------------------------------------------

  function formatValue(ctx, value, recurseTimes, typedArray) {
    if (typeof value !== "object" && typeof value !== "function") {
      return formatPrimitive(ctx.stylize, value, ctx);
    }
    if (value === null) return ctx.stylize("null", "null");

    const context = value;
    let proxy = proxyDetails(value);
    if (proxy !== undefined) {
      if (proxy[0] === null) return ctx.stylize("<Revoked Proxy>", "special");
      if (ctx.showProxy) return formatProxy(ctx, proxy, recurseTimes);
      // Look through (possibly nested) proxies so no trap runs.
      value = proxy[0];
      while ((proxy = proxyDetails(value)) !== undefined) {
        if (proxy[0] === null) return ctx.stylize("<Revoked Proxy>", "special");
        value = proxy[0];
      }
    } else {
      try {
        isArray(value); // throws only for a revoked proxy, and runs no trap
      } catch {
        return ctx.stylize("<Revoked Proxy>", "special");
      }
    }

    if (ctx.customInspect) {
      const custom = value[customInspectSymbol];
      if (typeof custom === "function" && custom !== inspect &&
          !(value.constructor && value.constructor.prototype === value)) {
        const depth = ctx.depth === null ? null : ctx.depth - recurseTimes;
        const ret = uncurry(custom)(context, depth, userOptions(ctx), inspect);
        if (ret !== context) {
          if (typeof ret !== "string") return formatValue(ctx, ret, recurseTimes);
          return ret.replaceAll("\n", `\n${" ".repeat(ctx.indentationLvl)}`);
        }
      }
    }

    if (ctx.seen.includes(value)) {
      if (ctx.circular === undefined) ctx.circular = new Map();
      let index = ctx.circular.get(value);
      if (index === undefined) {
        index = ctx.circular.size + 1;
        ctx.circular.set(value, index);
      }
      return ctx.stylize(`[Circular *${index}]`, "special");
    }

    return formatRaw(ctx, value, recurseTimes, typedArray);
  }

  function formatProxy(ctx, proxy, recurseTimes) {
    if (ctx.depth !== null && recurseTimes > ctx.depth) return ctx.stylize("Proxy [Array]", "special");
    recurseTimes += 1;
    ctx.indentationLvl += 2;
    const res = [formatValue(ctx, proxy[0], recurseTimes), formatValue(ctx, proxy[1], recurseTimes)];
    ctx.indentationLvl -= 2;
    return reduceToSingleString(ctx, res, "", ["Proxy [", "]"], kArrayExtrasType, recurseTimes);
  }

  // Works out how a value is shown: either a finished string, or the pieces
  // (braces, a base text, an entry formatter, the keys) for the generic path.
  function describe(ctx, value, recurseTimes, typedArray, constructor, tag) {
    const d = { keys: undefined, base: "", braces: undefined, formatter: formatNothing,
      extrasType: kObjectType, done: undefined };
    let handled = false;

    if (value[SymIterator] || constructor === null) {
      handled = true;
      if (isArray(value)) {
        const prefix = constructor !== "Array" || tag !== ""
          ? prefixFor(constructor, tag, "Array", `(${value.length})`) : "";
        d.keys = nonIndexKeys(value, ctx.showHidden);
        d.braces = [`${prefix}[`, "]"];
        if (value.length === 0 && d.keys.length === 0) return { done: `${d.braces[0]}]` };
        d.extrasType = kArrayExtrasType;
        d.formatter = formatArray;
      } else if (isSet(value)) {
        const prefix = prefixFor(constructor, tag, "Set", `(${setSize(value)})`);
        d.keys = getKeys(value, ctx.showHidden);
        d.formatter = formatSetEntries;
        if (setSize(value) === 0 && d.keys.length === 0) return { done: `${prefix}{}` };
        d.braces = [`${prefix}{`, "}"];
      } else if (isMap(value)) {
        const prefix = prefixFor(constructor, tag, "Map", `(${mapSize(value)})`);
        d.keys = getKeys(value, ctx.showHidden);
        d.formatter = formatMapEntries;
        if (mapSize(value) === 0 && d.keys.length === 0) return { done: `${prefix}{}` };
        d.braces = [`${prefix}{`, "}"];
      } else if (isTypedArray(value)) {
        const length = typedArrayLength(value);
        const fallback = constructor === null ? typedArrayTag(value) : "";
        const prefix = prefixFor(constructor, tag, fallback, `(${length})`);
        d.keys = nonIndexKeys(value, ctx.showHidden);
        d.braces = [`${prefix}[`, "]"];
        if (length === 0 && d.keys.length === 0 && !ctx.showHidden) return { done: `${d.braces[0]}]` };
        d.formatter = formatTypedArray;
        d.extrasType = kArrayExtrasType;
      } else if (isProtoOf(mapIterProto, value) || isProtoOf(setIterProto, value)) {
        // Previewed by V8: reading the entries here would consume the iterator.
        const kind = isProtoOf(mapIterProto, value) ? "Map" : "Set";
        const preview = previewEntries(value);
        d.keys = getKeys(value, ctx.showHidden);
        if (preview === undefined) {
          d.braces = [`[${tag || `${kind} Iterator`}] {`, "}"];
          d.formatter = formatUnknownItems;
        } else {
          const [entries, isKeyValue] = preview;
          const shownTag = tag === `${kind} Iterator` && isKeyValue ? `${kind} Entries` : tag || `${kind} Iterator`;
          d.braces = [`[${shownTag}] {`, "}"];
          d.formatter = (ctx, _value, recurseTimes) =>
            formatPreviewedEntries(entries, isKeyValue, false, ctx, recurseTimes);
        }
      } else {
        handled = false;
      }
    }
    if (handled) return d;

    d.keys = getKeys(value, ctx.showHidden);
    d.braces = ["{", "}"];
    const keys = d.keys;
    if (constructor === "Object") {
      if (isArguments(value)) d.braces[0] = "[Arguments] {";
      else       if (tag !== "") d.braces[0] = `${prefixFor(constructor, tag, "Object")}{`;
      if (keys.length === 0) return { done: `${d.braces[0]}}` };
    } else if (typeof value === "function") {
      d.base = functionBase(value, constructor, tag);
      if (keys.length === 0) return { done: ctx.stylize(d.base, "special") };
    } else if (isRegExp(value)) {
      d.base = regexpToString(constructor !== null ? value : new RegExp(value));
      const prefix = prefixFor(constructor, tag, "RegExp");
      if (prefix !== "RegExp ") d.base = `${prefix}${d.base}`;
      if (keys.length === 0 || (ctx.depth !== null && recurseTimes > ctx.depth)) {
        return { done: ctx.stylize(d.base, "regexp") };
      }
    } else if (isDate(value)) {
      d.base = NumberCtor.isNaN(dateGetTime(value)) ? dateToString(value) : dateToISO(value);
      const prefix = prefixFor(constructor, tag, "Date");
      if (prefix !== "Date ") d.base = `${prefix}${d.base}`;
      if (keys.length === 0) return { done: ctx.stylize(d.base, "date") };
    } else if (isError(value)) {
      d.base = formatError(value, constructor, tag, ctx, keys);
      if (keys.length === 0) return { done: d.base };
    } else if (isArrayBuffer(value) || isSharedArrayBuffer(value)) {
      const type = isArrayBuffer(value) ? "ArrayBuffer" : "SharedArrayBuffer";
      const prefix = prefixFor(constructor, tag, type);
      if (typedArray === undefined) {
        d.formatter = formatArrayBufferContents;
      } else if (keys.length === 0) {
        return { done: `${prefix}{ byteLength: ${formatNumber(ctx.stylize, value.byteLength)} }` };
      }
      d.braces[0] = `${prefix}{`;
      keys.unshift("byteLength");
    } else if (isDataView(value)) {
      d.braces[0] = `${prefixFor(constructor, tag, "DataView")}{`;
      keys.unshift("byteLength", "byteOffset", "buffer");
    } else if (isPromise(value)) {
      d.braces[0] = `${prefixFor(constructor, tag, "Promise")}{`;
      d.formatter = formatPromiseState;
    } else if (isWeakSet(value)) {
      d.braces[0] = `${prefixFor(constructor, tag, "WeakSet")}{`;
      d.formatter = formatWeakCollection;
    } else if (isWeakMap(value)) {
      d.braces[0] = `${prefixFor(constructor, tag, "WeakMap")}{`;
      d.formatter = formatWeakCollection;
    } else if (constructor === null && tag === "Module" && !Object.isExtensible(value)) {
      d.braces[0] = `${prefixFor(constructor, "", "Module")}{`;
      d.formatter = formatNamespace.bind(null, keys.slice());
      keys.length = 0;
    } else if (isBoxed(value)) {
      d.base = boxedBase(value, ctx, keys, constructor, tag);
      if (keys.length === 0) return { done: d.base };
    } else {
      d.braces[0] = `${prefixFor(constructor, tag, "Object")}{`;
      if (keys.length === 0) return { done: `${d.braces[0]}}` };
    }
    return d;
  }

  function isStackOverflow(err) {
    return err instanceof RangeErrorCtor && err.message === "Maximum call stack size exceeded";
  }

  function formatRaw(ctx, value, recurseTimes, typedArray) {
    const constructor = constructorName(value, ctx, recurseTimes);
    let tag = value[SymToStringTag];
    // Show a tag only when it adds something the keys would not show.
    if (typeof tag !== "string" ||
        (tag !== "" && (ctx.showHidden ? hasOwn : propIsEnum)(value, SymToStringTag))) {
      tag = "";
    }

    const d = describe(ctx, value, recurseTimes, typedArray, constructor, tag);
    if (d.done !== undefined) return d.done;
    const { keys, braces, formatter, extrasType } = d;
    let base = d.base;

    if (ctx.depth !== null && recurseTimes > ctx.depth) {
      let name = prefixFor(constructor, tag, "Object").slice(0, -1);
      if (constructor !== null) name = `[${name}]`;
      return ctx.stylize(name, "special");
    }

    recurseTimes += 1;
    ctx.seen.push(value);
    ctx.currentDepth = recurseTimes;
    const indentationLvl = ctx.indentationLvl;
    let output;
    try {
      output = formatter(ctx, value, recurseTimes);
      for (let i = 0; i < keys.length; i++) {
        output.push(formatProperty(ctx, value, recurseTimes, keys[i], extrasType));
      }
    } catch (err) {
      if (!isStackOverflow(err)) throw err;
      ctx.seen.pop();
      ctx.indentationLvl = indentationLvl;
      const name = prefixFor(constructor, tag, "Object").slice(0, -1);
      return ctx.stylize(
        `[${name}: Inspection interrupted prematurely. Maximum call stack size exceeded.]`,
        "special");
    }

    if (ctx.circular !== undefined) {
      const index = ctx.circular.get(value);
      if (index !== undefined) {
        const ref = ctx.stylize(`<ref *${index}>`, "special");
        if (ctx.compact !== true) base = base === "" ? ref : `${ref} ${base}`;
        else braces[0] = `${ref} ${braces[0]}`;
      }
    }
    ctx.seen.pop();

    if (ctx.sorted) {
      const cmp = ctx.sorted === true ? undefined : ctx.sorted;
      if (extrasType === kObjectType) {
        output.sort(cmp);
      } else if (keys.length > 1) {
        const tail = output.slice(output.length - keys.length).sort(cmp);
        output.splice(output.length - keys.length, keys.length, ...tail);
      }
    }

    return reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value);
  }

  // ---- entry points --------------------------------------------------------

  const defaultOptions = {
    showHidden: false, depth: 2, colors: false, customInspect: true, showProxy: false,
    maxArrayLength: 100, maxStringLength: 10000, breakLength: 80, compact: 3,
    sorted: false, getters: false, numericSeparator: false,
  };
  const optionNames = objectKeys(defaultOptions);

  function publicOptions(ctx) {
    const out = {};
    for (const k of optionNames) out[k] = ctx[k];
    return out;
  }

  function userOptions(ctx) {
    const out = { ...publicOptions(ctx), ...ctx.userOptions, stylize: ctx.stylize };
    return out;
  }

  function inspect(value, opts) {
    const ctx = {
      ...defaultOptions, userOptions: undefined, stylize: stylizeNoColor,
      indentationLvl: 0, seen: [], currentDepth: 0, circular: undefined,
    };
    if (arguments.length > 1) {
      // Legacy signature: inspect(value, showHidden, depth, colors).
      if (arguments.length > 2 && arguments[2] !== undefined) ctx.depth = arguments[2];
      if (arguments.length > 3 && arguments[3] !== undefined) ctx.colors = arguments[3];
      if (typeof opts === "boolean") {
        ctx.showHidden = opts;
      } else if (opts) {
        for (const key of objectKeys(opts)) {
          if (hasOwn(defaultOptions, key) || key === "stylize") {
            if (key !== "stylize" && opts[key] !== undefined) ctx[key] = opts[key];
          } else if (ctx.userOptions === undefined) {
            ctx.userOptions = { [key]: opts[key] };
          } else {
            ctx.userOptions[key] = opts[key];
          }
        }
      }
    }
    if (ctx.colors) ctx.stylize = stylizeWithColor;
    if (ctx.maxArrayLength === null) ctx.maxArrayLength = Infinity;
    if (ctx.maxStringLength === null) ctx.maxStringLength = Infinity;
    return formatValue(ctx, value, 0);
  }
  inspect.custom = customInspectSymbol;
  inspect.defaultOptions = defaultOptions;

  // ---- util.format ---------------------------------------------------------

  // Objects whose toString is their class's built-in one are inspected by
  // %s; a user-defined toString is called instead.
  function hasBuiltinToString(value) {
    const proxy = proxyDetails(value);
    if (proxy !== undefined) {
      if (proxy[0] === null) return true;
      value = proxy[0];
    }
    if (typeof value.toString !== "function") return true;
    if (hasOwn(value, "toString")) return false;
    let p = value;
    do {
      p = getProto(p);
    } while (p !== null && !hasOwn(p, "toString"));
    if (p === null) return true;
    const desc = getOwnDesc(p, "constructor");
    return desc !== undefined && typeof desc.value === "function" && builtinNames.has(desc.value.name);
  }

  function jsonOrCircular(value) {
    try {
      return jsonStringify(value);
    } catch (err) {
      if (err && err.name === "TypeError" && /circular/i.test(err.message)) return "[Circular]";
      throw err;
    }
  }

  function formatWithOptions(inspectOptions, ...args) {
    const opts = inspectOptions || {};
    const first = args[0];
    let a = 0;
    let str = "";
    let join = "";
    if (typeof first === "string") {
      if (args.length === 1) return first;
      let last = 0;
      for (let i = 0; i < first.length - 1; i++) {
        if (first.charCodeAt(i) !== 37) continue; // '%'
        const c = first.charCodeAt(++i);
        if (a + 1 === args.length) {
          // Out of arguments: only %% still collapses.
          if (c === 37) {
            str += first.slice(last, i);
            last = i + 1;
          }
          continue;
        }
        let piece;
        switch (c) {
          case 115: { // s
            const arg = args[++a];
            if (typeof arg === "number") piece = formatNumber(stylizeNoColor, arg);
            else if (typeof arg === "bigint") piece = formatBigInt(stylizeNoColor, arg);
            else if (typeof arg !== "object" || arg === null || !hasBuiltinToString(arg)) piece = StringCtor(arg);
            else piece = inspect(arg, { ...opts, depth: 0, colors: false, compact: 3 });
            break;
          }
          case 106: // j
            piece = jsonOrCircular(args[++a]);
            break;
          case 100: { // d
            const arg = args[++a];
            if (typeof arg === "bigint") piece = formatBigInt(stylizeNoColor, arg);
            else if (typeof arg === "symbol") piece = "NaN";
            else piece = formatNumber(stylizeNoColor, NumberCtor(arg));
            break;
          }
          case 79: // O
            piece = inspect(args[++a], opts);
            break;
          case 111: // o
            piece = inspect(args[++a], { ...opts, showHidden: true, showProxy: true, depth: 4 });
            break;
          case 105: { // i
            const arg = args[++a];
            if (typeof arg === "bigint") piece = formatBigInt(stylizeNoColor, arg);
            else if (typeof arg === "symbol") piece = "NaN";
            else piece = formatNumber(stylizeNoColor, parseIntFn(arg));
            break;
          }
          case 102: { // f
            const arg = args[++a];
            piece = typeof arg === "symbol" ? "NaN" : formatNumber(stylizeNoColor, parseFloatFn(arg));
            break;
          }
          case 99: // c: CSS has no meaning here, the argument is dropped
            a++;
            piece = "";
            break;
          case 37: // %%
            str += first.slice(last, i);
            last = i + 1;
            continue;
          default:
            continue;
        }
        if (last !== i - 1) str += first.slice(last, i - 1);
        str += piece;
        last = i + 1;
      }
      if (last !== 0) {
        a++;
        join = " ";
        if (last < first.length) str += first.slice(last);
      }
    }
    while (a < args.length) {
      const value = args[a];
      str += join;
      str += typeof value !== "string" ? inspect(value, opts) : value;
      join = " ";
      a++;
    }
    return str;
  }

  function format(...args) {
    return formatWithOptions(undefined, ...args);
  }

  internal.inspect = inspect;
  internal.format = format;
  internal.formatWithOptions = formatWithOptions;
  internal.stringWidth = stringWidth;
  internal.stripColors = stripColors;
})(globalThis.__nano);
