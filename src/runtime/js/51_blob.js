((nano) => {
  "use strict";
  const internal = nano.internal;
  const { defineGlobal, util, encoding, streams } = internal;

  // Blobs here are always in memory: one immutable byte array per Blob (slices copy).
  function normalizeType(t) {
    const s = util.toDOMString(t);
    return /[^\x20-\x7e]/.test(s) ? "" : s.toLowerCase();
  }

  function convertLineEndings(s) {
    // "native" endings on the POSIX hosts NANO runs on are LF.
    return s.replace(/\r\n?/g, "\n");
  }

  function partsToBytes(parts, endings) {
    if (parts === undefined) return new Uint8Array(0);
    if (!util.isObject(parts) || typeof parts[Symbol.iterator] !== "function") {
      throw new TypeError("Blob: blobParts must be a sequence");
    }
    const chunks = [];
    let total = 0;
    for (const part of parts) {
      let bytes;
      if (isBlob(part)) bytes = blobBytes(part);
      else if (util.isBufferSource(part)) bytes = util.copyOf(part);
      else {
        let s = util.toUSVString(part);
        if (endings === "native") s = convertLineEndings(s);
        bytes = encoding.encodeUtf8(s);
      }
      chunks.push(bytes);
      total += bytes.byteLength;
    }
    if (chunks.length === 0) return new Uint8Array(0);
    if (chunks.length === 1 && chunks[0].byteOffset === 0 && chunks[0].byteLength === chunks[0].buffer.byteLength) {
      return chunks[0];
    }
    return util.concatBytes(chunks, total).slice();
  }

  const INTERNAL = Symbol("internal construction");

  class Blob {
    #bytes;
    #type;

    constructor(blobParts = undefined, options = undefined) {
      if (blobParts === INTERNAL) {
        this.#bytes = options.bytes;
        this.#type = options.type;
        return;
      }
      const opts = util.toDictionary(options, "Blob");
      const endings = opts.endings === undefined ? "transparent" : util.toEnum(opts.endings, ["transparent", "native"], "Blob");
      const type = opts.type === undefined ? "" : normalizeType(opts.type);
      this.#bytes = partsToBytes(blobParts, endings);
      this.#type = type;
    }

    static #check(b) {
      if (!util.isObject(b) || !(#bytes in b)) throw new TypeError("Illegal invocation: not a Blob");
    }

    get size() {
      Blob.#check(this);
      return this.#bytes.byteLength;
    }
    get type() {
      Blob.#check(this);
      return this.#type;
    }

    slice(start = undefined, end = undefined, contentType = undefined) {
      Blob.#check(this);
      const size = this.#bytes.byteLength;
      const rel = (v, dflt) => {
        if (v === undefined) return dflt;
        let n = Math.trunc(Number(v)) || 0; // [Clamp] long long
        if (n < 0) n = Math.max(size + n, 0);
        return Math.min(n, size);
      };
      const from = rel(start, 0);
      const to = rel(end, size);
      const span = Math.max(to - from, 0);
      const type = contentType === undefined ? "" : normalizeType(contentType);
      return makeBlob(this.#bytes.slice(from, from + span), type);
    }

    stream() {
      Blob.#check(this);
      return streams.fromBytes(this.#bytes.slice());
    }
    text() {
      try {
        Blob.#check(this);
      } catch (e) {
        return Promise.reject(e);
      }
      return Promise.resolve(encoding.decodeUtf8(this.#bytes));
    }
    arrayBuffer() {
      try {
        Blob.#check(this);
      } catch (e) {
        return Promise.reject(e);
      }
      return Promise.resolve(this.#bytes.slice().buffer);
    }
    bytes() {
      try {
        Blob.#check(this);
      } catch (e) {
        return Promise.reject(e);
      }
      return Promise.resolve(this.#bytes.slice());
    }

    static {
      isBlob = (b) => util.isObject(b) && #bytes in b;
      // The Blob's own bytes: callers must not modify them.
      blobBytes = (b) => b.#bytes;
    }
  }
  var isBlob, blobBytes;
  util.enumerableMembers(Blob, ["size", "type", "slice", "stream", "text", "arrayBuffer", "bytes"]);
  util.setToStringTag(Blob);

  function makeBlob(bytes, type) {
    return new Blob(INTERNAL, { bytes, type });
  }

  class File extends Blob {
    #name;
    #lastModified;

    constructor(fileBits, fileName, options = undefined) {
      util.requireArgs(arguments.length, 2, "File");
      const opts = util.toDictionary(options, "File");
      super(fileBits, opts);
      this.#name = util.toUSVString(fileName);
      this.#lastModified = opts.lastModified === undefined ? Date.now() : toLongLong(opts.lastModified);
    }
    get name() {
      if (!util.isObject(this) || !(#name in this)) throw new TypeError("Illegal invocation: not a File");
      return this.#name;
    }
    get lastModified() {
      if (!util.isObject(this) || !(#name in this)) throw new TypeError("Illegal invocation: not a File");
      return this.#lastModified;
    }
    static {
      isFile = (f) => util.isObject(f) && #name in f;
    }
  }
  var isFile;
  function toLongLong(v) {
    const n = Number(v);
    return Number.isFinite(n) ? Math.trunc(n) : 0;
  }
  util.enumerableMembers(File, ["name", "lastModified"]);
  util.setToStringTag(File);

  // A File over bytes the caller gives up: a whole-buffer Blob part is shared, not copied.
  function makeFile(bytes, name, type, lastModified = Date.now()) {
    return new File([makeBlob(bytes, "")], name, { type, lastModified });
  }

  internal.blob = { isBlob, isFile, blobBytes, makeBlob, makeFile, normalizeType };

  defineGlobal("Blob", Blob);
  defineGlobal("File", File);
})(globalThis.__nano);
