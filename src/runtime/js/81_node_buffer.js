// `node:buffer` and the `Buffer` global: a Uint8Array subclass with Node's
// API. Encodings other than UTF-8 are converted in Rust.
(nano) => {
  "use strict";
  const { ops, internal } = nano;
  const { nodeError, invalidArgType, outOfRange } = internal.node;
  const { util } = internal;

  const kMaxLength = 2 ** 32;
  const kStringMaxLength = 2 ** 29 - 24;

  const ENCODINGS = new Map([
    ["utf8", "utf8"], ["utf-8", "utf8"], ["hex", "hex"], ["base64", "base64"],
    ["base64url", "base64url"], ["latin1", "latin1"], ["binary", "latin1"], ["ascii", "ascii"],
    ["utf16le", "utf16le"], ["utf-16le", "utf16le"], ["ucs2", "utf16le"], ["ucs-2", "utf16le"],
  ]);

  function encodingOf(encoding) {
    if (encoding === undefined || encoding === null || encoding === "utf8") return "utf8";
    const known = ENCODINGS.get(`${encoding}`.toLowerCase());
    if (known === undefined) throw nodeError(TypeError, "ERR_UNKNOWN_ENCODING", `Unknown encoding: ${encoding}`);
    return known;
  }

  // The encodings of one or two bytes per UTF-16 code unit stay in
  // JavaScript, which sees the code units themselves (lone surrogates too).
  function encodeUnits(string, width) {
    const bytes = new Uint8Array(string.length * width);
    for (let i = 0; i < string.length; i++) {
      const unit = string.charCodeAt(i);
      bytes[width * i] = unit;
      if (width === 2) bytes[2 * i + 1] = unit >> 8;
    }
    return bytes;
  }

  const CHAR_CODE_CHUNK = 8192;
  function decodeUnits(units) {
    let text = "";
    for (let at = 0; at < units.length; at += CHAR_CODE_CHUNK) {
      text += String.fromCharCode.apply(null, units.subarray(at, at + CHAR_CODE_CHUNK));
    }
    return text;
  }

  function decodeUtf16le(bytes) {
    const units = new Uint16Array(bytes.length >> 1);
    for (let i = 0; i < units.length; i++) units[i] = bytes[2 * i] | (bytes[2 * i + 1] << 8);
    return decodeUnits(units);
  }

  // Node reads hex and base64 text by the low byte of each code unit.
  const NON_ASCII = /[^\x00-\x7f]/g;
  const lowByte = (unit) => String.fromCharCode(unit.charCodeAt(0) & 0xff);

  function encode(string, encoding) {
    switch (encoding) {
      case "utf8": return ops.op_encode_utf8(string);
      case "latin1":
      case "ascii": return encodeUnits(string, 1);
      case "utf16le": return encodeUnits(string, 2);
      default: return ops.op_node_string_to_bytes(string.replace(NON_ASCII, lowByte), encoding);
    }
  }

  function decode(bytes, encoding) {
    switch (encoding) {
      case "utf8": return ops.op_decode_utf8(bytes, false);
      case "latin1": return decodeUnits(bytes);
      case "ascii": return decodeUnits(bytes.map((byte) => byte & 0x7f));
      case "utf16le": return decodeUtf16le(bytes);
      default: return ops.op_node_bytes_to_string(bytes, encoding);
    }
  }

  function utf8Length(string) {
    let length = 0;
    for (let i = 0; i < string.length; i++) {
      const c = string.charCodeAt(i);
      if (c < 0x80) length += 1;
      else if (c < 0x800) length += 2;
      else if (c >= 0xd800 && c <= 0xdbff && i + 1 < string.length && (string.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        length += 4;
        i++;
      } else length += 3;
    }
    return length;
  }

  function base64Length(string) {
    let end = string.length;
    if (end > 0 && string.charCodeAt(end - 1) === 0x3d) end--;
    if (end > 1 && string.charCodeAt(end - 1) === 0x3d) end--;
    return (end * 3) >>> 2;
  }

  class FastBuffer extends Uint8Array {}

  function wrap(bytes) {
    return new FastBuffer(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  function checkSize(size) {
    if (typeof size !== "number") throw invalidArgType("size", "of type number", size);
    if (!(size >= 0 && size <= kMaxLength)) throw outOfRange("size", `>= 0 && <= ${kMaxLength}`, size);
  }

  // Node's deprecated `Buffer(...)`/`new Buffer(...)`, still found in packages.
  function Buffer(value, encodingOrOffset, length) {
    if (typeof value === "number") {
      if (typeof encodingOrOffset === "string") {
        throw invalidArgType("string", "of type string", value);
      }
      return Buffer.alloc(value);
    }
    return Buffer.from(value, encodingOrOffset, length);
  }
  Buffer.prototype = FastBuffer.prototype;
  Object.defineProperty(FastBuffer.prototype, "constructor", { value: Buffer, writable: true, configurable: true });
  Object.setPrototypeOf(Buffer, Uint8Array);
  // Views made by subarray/map/filter are Buffers too.
  Object.defineProperty(Buffer, Symbol.species, { get: () => FastBuffer, configurable: true });

  function fromString(string, encoding) {
    return wrap(encode(string, encodingOf(encoding)));
  }

  function fromArrayBuffer(buffer, byteOffset, length) {
    const offset = byteOffset === undefined ? 0 : Math.trunc(+byteOffset) || 0;
    const total = buffer.byteLength;
    if (offset < 0 || offset > total) {
      throw nodeError(RangeError, "ERR_BUFFER_OUT_OF_BOUNDS", '"offset" is outside of buffer bounds');
    }
    const size = length === undefined ? total - offset : Math.trunc(+length) || 0;
    if (size < 0 || offset + size > total) {
      throw nodeError(RangeError, "ERR_BUFFER_OUT_OF_BOUNDS", '"length" is outside of buffer bounds');
    }
    return new FastBuffer(buffer, offset, size);
  }

  function fromArrayLike(values) {
    const out = new FastBuffer(values.length);
    out.set(values);
    return out;
  }

  const FROM_TYPES = "of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object";

  function from(value, encodingOrOffset, length) {
    if (typeof value === "string") return fromString(value, encodingOrOffset);
    if (typeof value !== "object" || value === null) throw invalidArgType("first", FROM_TYPES, value);
    if (util.isArrayBuffer(value) || util.isSharedArrayBuffer(value)) {
      return fromArrayBuffer(value, encodingOrOffset, length);
    }
    if (util.isTypedArray(value)) {
      return util.isUint8Array(value) ? wrap(Uint8Array.prototype.slice.call(value)) : fromArrayLike(value);
    }
    if (ArrayBuffer.isView(value)) return wrap(util.copyOf(value));
    const primitive = value.valueOf?.();
    if (primitive !== undefined && primitive !== null && primitive !== value) {
      return from(primitive, encodingOrOffset, length);
    }
    if (typeof value.length === "number" || Array.isArray(value)) return fromArrayLike(value);
    if (value.type === "Buffer" && Array.isArray(value.data)) return fromArrayLike(value.data);
    if (typeof value[Symbol.toPrimitive] === "function") {
      const string = value[Symbol.toPrimitive]("string");
      if (typeof string === "string") return fromString(string, encodingOrOffset);
    }
    throw invalidArgType("first", FROM_TYPES, value);
  }

  function alloc(size, fill, encoding) {
    checkSize(size);
    const buffer = new FastBuffer(size);
    if (fill !== undefined && fill !== 0 && size > 0) buffer.fill(fill, 0, size, encoding);
    return buffer;
  }

  function allocUnsafe(size) {
    checkSize(size);
    return new FastBuffer(size);
  }

  function byteLength(value, encoding) {
    if (typeof value !== "string") {
      if (ArrayBuffer.isView(value) || util.isArrayBuffer(value) || util.isSharedArrayBuffer(value)) {
        return value.byteLength;
      }
      throw invalidArgType("string", "of type string or an instance of Buffer or ArrayBuffer", value);
    }
    switch (encodingOf(encoding)) {
      case "utf8": return utf8Length(value);
      case "hex": return value.length >>> 1;
      case "base64":
      case "base64url": return base64Length(value);
      case "utf16le": return value.length * 2;
      default: return value.length;
    }
  }

  function compareBytes(a, b) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
    }
    return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
  }

  function requireBytes(name, value) {
    if (!util.isUint8Array(value)) throw invalidArgType(name, "an instance of Buffer or Uint8Array", value);
  }

  function concat(list, totalLength) {
    if (!Array.isArray(list)) throw invalidArgType("list", "an instance of Array", list);
    let total = 0;
    for (let i = 0; i < list.length; i++) {
      requireBytes(`list[${i}]`, list[i]);
      total += list[i].length;
    }
    const size = totalLength === undefined ? total : Math.max(0, Math.trunc(+totalLength) || 0);
    const out = new FastBuffer(size);
    let offset = 0;
    for (let i = 0; i < list.length && offset < size; i++) {
      const chunk = list[i];
      const count = Math.min(chunk.length, size - offset);
      out.set(count === chunk.length ? chunk : chunk.subarray(0, count), offset);
      offset += count;
    }
    return out;
  }

  Object.assign(Buffer, {
    from,
    alloc,
    allocUnsafe,
    allocUnsafeSlow: allocUnsafe,
    byteLength,
    concat,
    poolSize: 8192,
    isBuffer: (value) => value instanceof Buffer,
    isEncoding: (encoding) => typeof encoding === "string" && encoding !== "" && ENCODINGS.has(encoding.toLowerCase()),
    compare(a, b) {
      requireBytes("buf1", a);
      requireBytes("buf2", b);
      return compareBytes(a, b);
    },
  });

  // An integer index argument: undefined is `fallback`, others are clamped to [0, max].
  function clampIndex(value, fallback, max) {
    if (value === undefined) return fallback;
    const n = Math.trunc(+value) || 0;
    return n < 0 ? 0 : n > max ? max : n;
  }

  function bytesOf(value, encoding) {
    if (typeof value === "string") return encode(value, encodingOf(encoding));
    if (util.isUint8Array(value)) return value;
    if (ArrayBuffer.isView(value)) return util.viewOf(value);
    throw invalidArgType("value", "one of type number or string or an instance of Buffer or Uint8Array", value);
  }

  function indexOf(buffer, value, byteOffset, encoding, last) {
    if (typeof byteOffset === "string") {
      encoding = byteOffset;
      byteOffset = undefined;
    }
    const length = buffer.length;
    let from = byteOffset === undefined ? (last ? length : 0) : Math.trunc(+byteOffset) || 0;
    if (from < 0) from += length;
    if (typeof value === "number") {
      const byte = value & 0xff;
      if (last) return from < 0 ? -1 : Uint8Array.prototype.lastIndexOf.call(buffer, byte, from);
      return Uint8Array.prototype.indexOf.call(buffer, byte, Math.max(from, 0));
    }
    const needle = bytesOf(value, encoding);
    // A UTF-16 needle is only found at even offsets, as Node searches code units.
    if (needle.length === 0) return Math.min(Math.max(from, 0), length);
    const step = typeof value === "string" && encodingOf(encoding) === "utf16le" ? 2 : 1;
    if (step === 2 && (length < 2 || needle.length < 2)) return -1;
    const lastStart = length - needle.length;
    let i = last ? Math.min(from, lastStart) : Math.max(from, 0);
    if (step === 2) i -= i % 2;
    for (; last ? i >= 0 : i <= lastStart; i += last ? -step : step) {
      let j = 0;
      while (j < needle.length && buffer[i + j] === needle[j]) j++;
      if (j === needle.length) return i;
    }
    return -1;
  }

  // UTF-8 cut at `limit` bytes without splitting a character, as Node writes.
  function utf8Prefix(bytes, limit) {
    if (bytes.length <= limit) return bytes;
    let end = limit;
    while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
    return bytes.subarray(0, end);
  }

  const customInspect = Symbol.for("nodejs.util.inspect.custom");
  const MAX_INSPECTED_BYTES = 50;

  const methods = {
    toString(encoding, start, end) {
      const length = this.length;
      const from = clampIndex(start, 0, length);
      const to = clampIndex(end, length, length);
      if (to <= from) return "";
      const bytes = from === 0 && to === length ? this : new Uint8Array(this.buffer, this.byteOffset + from, to - from);
      return decode(bytes, encodingOf(encoding));
    },
    toJSON() {
      return { type: "Buffer", data: Array.from(this) };
    },
    equals(other) {
      requireBytes("otherBuffer", other);
      return compareBytes(this, other) === 0;
    },
    compare(target, targetStart, targetEnd, sourceStart, sourceEnd) {
      requireBytes("target", target);
      const a = this.subarray(clampIndex(sourceStart, 0, this.length), clampIndex(sourceEnd, this.length, this.length));
      const b = target.subarray(clampIndex(targetStart, 0, target.length), clampIndex(targetEnd, target.length, target.length));
      return compareBytes(a, b);
    },
    indexOf(value, byteOffset, encoding) {
      return indexOf(this, value, byteOffset, encoding, false);
    },
    lastIndexOf(value, byteOffset, encoding) {
      return indexOf(this, value, byteOffset, encoding, true);
    },
    includes(value, byteOffset, encoding) {
      return indexOf(this, value, byteOffset, encoding, false) !== -1;
    },
    fill(value, offset, end, encoding) {
      if (typeof offset === "string") {
        encoding = offset;
        offset = undefined;
        end = undefined;
      } else if (typeof end === "string") {
        encoding = end;
        end = undefined;
      }
      const from = clampIndex(offset, 0, this.length);
      const to = clampIndex(end, this.length, this.length);
      if (typeof value === "number" || typeof value === "boolean") {
        return Uint8Array.prototype.fill.call(this, Number(value) & 0xff, from, to);
      }
      const pattern = bytesOf(value, encoding);
      if (pattern.length === 0) {
        if (typeof value === "string" && value.length > 0) {
          throw nodeError(TypeError, "ERR_INVALID_ARG_VALUE", `The argument 'value' is invalid. Received '${value}'`);
        }
        return Uint8Array.prototype.fill.call(this, 0, from, to);
      }
      for (let i = from; i < to; i += pattern.length) {
        this.set(pattern.length <= to - i ? pattern : pattern.subarray(0, to - i), i);
      }
      return this;
    },
    copy(target, targetStart, sourceStart, sourceEnd) {
      requireBytes("target", target);
      const at = clampIndex(targetStart, 0, target.length);
      const from = clampIndex(sourceStart, 0, this.length);
      const to = clampIndex(sourceEnd, this.length, this.length);
      const count = Math.max(0, Math.min(to - from, target.length - at));
      if (count > 0) target.set(new Uint8Array(this.buffer, this.byteOffset + from, count), at);
      return count;
    },
    write(string, offset, length, encoding) {
      if (typeof string !== "string") throw invalidArgType("argument", "of type string", string);
      if (typeof offset === "string") {
        encoding = offset;
        offset = undefined;
        length = undefined;
      } else if (typeof length === "string") {
        encoding = length;
        length = undefined;
      }
      const at = offset === undefined ? 0 : Math.trunc(+offset) || 0;
      if (at < 0 || at > this.length) throw outOfRange("offset", `>= 0 && <= ${this.length}`, offset);
      const room = Math.min(this.length - at, length === undefined ? Infinity : Math.max(0, Math.trunc(+length) || 0));
      const name = encodingOf(encoding);
      let bytes = encode(string, name);
      if (name === "utf8") bytes = utf8Prefix(bytes, room);
      else if (bytes.length > room) bytes = bytes.subarray(0, name === "utf16le" ? room & ~1 : room);
      this.set(bytes, at);
      return bytes.length;
    },
    slice(start, end) {
      return this.subarray(start, end);
    },
    toLocaleString(encoding, start, end) {
      return methods.toString.call(this, encoding, start, end);
    },
    [customInspect]() {
      const shown = Math.min(this.length, MAX_INSPECTED_BYTES);
      let hex = ops.op_node_bytes_to_string(this.subarray(0, shown), "hex").replace(/(..)(?!$)/g, "$1 ");
      if (this.length > shown) hex += ` ... ${this.length - shown} more byte${this.length - shown === 1 ? "" : "s"}`;
      return `<${this.constructor.name} ${hex}>`;
    },
  };

  // ---- numbers ---------------------------------------------------------------

  function checkOffset(buffer, offset, size) {
    if (offset === undefined) offset = 0;
    if (typeof offset !== "number") throw invalidArgType("offset", "of type number", offset);
    const last = buffer.length - size;
    if (!Number.isInteger(offset) || offset < 0 || offset > last) {
      if (last < 0) throw nodeError(RangeError, "ERR_BUFFER_OUT_OF_BOUNDS", "Attempt to access memory outside buffer bounds");
      throw outOfRange("offset", `>= 0 and <= ${last}`, offset);
    }
    return offset;
  }

  function readUnsigned(buffer, offset, size, little) {
    let value = 0;
    for (let i = 0; i < size; i++) {
      value += buffer[offset + (little ? i : size - 1 - i)] * 2 ** (8 * i);
    }
    return value;
  }

  function writeUnsigned(buffer, value, offset, size, little) {
    for (let i = 0; i < size; i++) {
      buffer[offset + (little ? i : size - 1 - i)] = value % 256;
      value = Math.floor(value / 256);
    }
    return offset + size;
  }

  function checkValue(value, min, max, size) {
    if (typeof value !== "number") throw invalidArgType("value", "of type number", value);
    if (!(value >= min && value <= max)) {
      const range = size > 4 ? `>= ${min === 0 ? "0" : `-(2 ** ${8 * size - 1})`} and < 2 ** ${min === 0 ? 8 * size : 8 * size - 1}` : `>= ${min} and <= ${max}`;
      throw outOfRange("value", range, value);
    }
  }

  function defineIntegers(size, little) {
    const suffix = size === 1 ? "" : little ? "LE" : "BE";
    const bits = 8 * size;
    const span = 2 ** bits;
    methods[`readUInt${bits}${suffix}`] = function (offset) {
      return readUnsigned(this, checkOffset(this, offset, size), size, little);
    };
    methods[`readInt${bits}${suffix}`] = function (offset) {
      const value = readUnsigned(this, checkOffset(this, offset, size), size, little);
      return value >= span / 2 ? value - span : value;
    };
    methods[`writeUInt${bits}${suffix}`] = function (value, offset) {
      checkValue(value, 0, span - 1, size);
      return writeUnsigned(this, Math.trunc(value), checkOffset(this, offset, size), size, little);
    };
    methods[`writeInt${bits}${suffix}`] = function (value, offset) {
      checkValue(value, -span / 2, span / 2 - 1, size);
      const n = Math.trunc(value);
      return writeUnsigned(this, n < 0 ? n + span : n, checkOffset(this, offset, size), size, little);
    };
  }
  for (const size of [1, 2, 4]) {
    defineIntegers(size, true);
    if (size > 1) defineIntegers(size, false);
  }

  function checkByteLength(byteLength) {
    if (!Number.isInteger(byteLength) || byteLength < 1 || byteLength > 6) {
      throw outOfRange("byteLength", ">= 1 and <= 6", byteLength);
    }
  }

  function defineVariableIntegers(little) {
    const suffix = little ? "LE" : "BE";
    methods[`readUInt${suffix}`] = function (offset, byteLength) {
      checkByteLength(byteLength);
      return readUnsigned(this, checkOffset(this, offset, byteLength), byteLength, little);
    };
    methods[`readInt${suffix}`] = function (offset, byteLength) {
      checkByteLength(byteLength);
      const span = 2 ** (8 * byteLength);
      const value = readUnsigned(this, checkOffset(this, offset, byteLength), byteLength, little);
      return value >= span / 2 ? value - span : value;
    };
    methods[`writeUInt${suffix}`] = function (value, offset, byteLength) {
      checkByteLength(byteLength);
      checkValue(value, 0, 2 ** (8 * byteLength) - 1, byteLength);
      return writeUnsigned(this, Math.trunc(value), checkOffset(this, offset, byteLength), byteLength, little);
    };
    methods[`writeInt${suffix}`] = function (value, offset, byteLength) {
      checkByteLength(byteLength);
      const span = 2 ** (8 * byteLength);
      checkValue(value, -span / 2, span / 2 - 1, byteLength);
      const n = Math.trunc(value);
      return writeUnsigned(this, n < 0 ? n + span : n, checkOffset(this, offset, byteLength), byteLength, little);
    };
  }
  defineVariableIntegers(true);
  defineVariableIntegers(false);

  // Floats and 64-bit integers go through a DataView over the same memory.
  function viewAt(buffer) {
    return new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  }

  const WIDE = [
    ["Float", 4, "Float32"],
    ["Double", 8, "Float64"],
    ["BigInt64", 8, "BigInt64"],
    ["BigUInt64", 8, "BigUint64"],
  ];
  for (const [name, size, view] of WIDE) {
    const get = DataView.prototype[`get${view}`];
    const set = DataView.prototype[`set${view}`];
    const bigint = view.startsWith("Big");
    const signed = view === "BigInt64";
    for (const little of [true, false]) {
      const suffix = little ? "LE" : "BE";
      methods[`read${name}${suffix}`] = function (offset) {
        return get.call(viewAt(this), checkOffset(this, offset, size), little);
      };
      methods[`write${name}${suffix}`] = function (value, offset) {
        if (bigint) {
          if (typeof value !== "bigint") throw invalidArgType("value", "of type bigint", value);
          const min = signed ? -(2n ** 63n) : 0n;
          const max = signed ? 2n ** 63n - 1n : 2n ** 64n - 1n;
          if (value < min || value > max) {
            throw outOfRange("value", signed ? ">= -(2n ** 63n) and < 2n ** 63n" : ">= 0n and < 2n ** 64n", `${value}n`);
          }
        } else if (typeof value !== "number") {
          throw invalidArgType("value", "of type number", value);
        }
        const at = checkOffset(this, offset, size);
        set.call(viewAt(this), at, value, little);
        return at + size;
      };
    }
  }

  // Node's lowercase aliases (readUint8 for readUInt8, ...).
  for (const key of Object.keys(methods)) {
    if (key.includes("UInt")) methods[key.replace("UInt", "Uint")] = methods[key];
  }

  for (const key of Reflect.ownKeys(methods)) {
    if (methods[key].name === "") Object.defineProperty(methods[key], "name", { value: key });
    Object.defineProperty(Buffer.prototype, key, { value: methods[key], writable: true, configurable: true });
  }

  internal.buffer = { Buffer, encodingOf };

  const exports = {
    Buffer,
    Blob: internal.node.web.Blob,
    File: internal.node.web.File,
    atob: internal.node.web.atob,
    btoa: internal.node.web.btoa,
    constants: { MAX_LENGTH: kMaxLength, MAX_STRING_LENGTH: kStringMaxLength },
    kMaxLength,
    kStringMaxLength,
  };
  internal.nodeModules.buffer = { exports, default: exports };
};
