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

  // WebIDL `sequence<BlobPart>`: the iterator method is read once, and each
  // element is converted (Blob, BufferSource or USVString) as it is reached,
  // before any option is looked at.
  function convertParts(parts, where) {
    if (parts === undefined) return [];
    if (!util.isObject(parts)) throw new TypeError(`${where}: blobParts must be a sequence`);
    const method = parts[Symbol.iterator];
    if (typeof method !== "function") throw new TypeError(`${where}: blobParts must be a sequence`);
    const iterator = Reflect.apply(method, parts, []);
    if (!util.isObject(iterator)) throw new TypeError(`${where}: blobParts' iterator is not an object`);
    const next = iterator.next;
    const out = [];
    for (;;) {
      const step = Reflect.apply(next, iterator, []);
      if (!util.isObject(step)) throw new TypeError(`${where}: iterator result is not an object`);
      if (step.done) break;
      const part = step.value;
      if (isBlob(part)) out.push(blobBytes(part));
      else if (util.isBufferSource(part)) out.push(util.copyOf(part));
      else out.push(util.toUSVString(part));
    }
    return out;
  }

  // The bytes of converted parts; `endings` applies to the string parts only.
  function partsToBytes(parts, endings) {
    const chunks = [];
    let total = 0;
    for (const part of parts) {
      let bytes;
      if (typeof part === "string") {
        bytes = encoding.encodeUtf8(endings === "native" ? convertLineEndings(part) : part);
      } else {
        bytes = part;
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

  // BlobPropertyBag members, in the standard's (lexicographic) order.
  // Each member is read once.
  function blobOptions(opts, where) {
    const endingsInit = opts.endings;
    const endings = endingsInit === undefined ? "transparent" : util.toEnum(endingsInit, ["transparent", "native"], where);
    const typeInit = opts.type;
    const type = typeInit === undefined ? "" : normalizeType(typeInit);
    return { endings, type };
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
      // Arguments are converted left to right: the parts, then the options.
      const parts = convertParts(blobParts, "Blob");
      const { endings, type } = blobOptions(util.toDictionary(options, "Blob"), "Blob");
      this.#bytes = partsToBytes(parts, endings);
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
      return streams.fromSource(this.#bytes.slice());
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
      // Left to right: the bits, the name, then the options (endings, type, lastModified).
      const parts = convertParts(fileBits, "File");
      const name = util.toUSVString(fileName);
      const opts = util.toDictionary(options, "File");
      const { endings, type } = blobOptions(opts, "File");
      const lastModifiedInit = opts.lastModified;
      const lastModified = lastModifiedInit === undefined ? Date.now() : toLongLong(lastModifiedInit);
      super(INTERNAL, { bytes: partsToBytes(parts, endings), type });
      this.#name = name;
      this.#lastModified = lastModified;
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
