// `node:crypto`: createHash and createHmac (digests in Rust), random
// values, timingSafeEqual, and Web Crypto.
(nano) => {
  "use strict";
  const { ops, internal } = nano;
  const { nodeError, invalidArgType, outOfRange } = internal.node;
  internal.nodeModule("buffer");
  const { Buffer, encodingOf } = internal.buffer;
  const { util } = internal;
  const webcrypto = internal.node.web.crypto;

  const HASHES = ["md5", "sha1", "sha256", "sha384", "sha512"];

  function dataOf(data, encoding, name) {
    if (typeof data === "string") return Buffer.from(data, encoding);
    if (util.isBufferSource(data)) return util.viewOf(data);
    throw invalidArgType(name, "of type string or an instance of Buffer, TypedArray, or DataView", data);
  }

  function output(bytes, encoding) {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return encoding === undefined || encoding === "buffer" ? buffer : buffer.toString(encoding);
  }

  // Input is kept until digest(): hashing is one call into Rust.
  class Digester {
    #chunks = [];
    #done = false;
    #finish;

    constructor(finish) {
      this.#finish = finish;
    }

    update(data, inputEncoding) {
      if (this.#done) throw nodeError(Error, "ERR_CRYPTO_HASH_FINALIZED", "Digest already called");
      this.#chunks.push(Buffer.from(dataOf(data, inputEncoding, "data")));
      return this;
    }

    digest(encoding) {
      if (this.#done) throw nodeError(Error, "ERR_CRYPTO_HASH_FINALIZED", "Digest already called");
      this.#done = true;
      if (encoding !== undefined && encoding !== "buffer") encodingOf(encoding);
      return output(this.#finish(Buffer.concat(this.#chunks)), encoding);
    }

    copyFrom(other) {
      this.#chunks = [...other.#chunks];
      return this;
    }
  }

  class Hash extends Digester {
    #algorithm;

    constructor(algorithm) {
      if (typeof algorithm !== "string") throw invalidArgType("algorithm", "of type string", algorithm);
      if (ops.op_node_hash(algorithm, new Uint8Array(0)) === null) throw new Error("Digest method not supported");
      super((data) => ops.op_node_hash(algorithm, data));
      this.#algorithm = algorithm;
    }

    copy() {
      return new Hash(this.#algorithm).copyFrom(this);
    }
  }

  class Hmac extends Digester {
    constructor(algorithm, key) {
      if (typeof algorithm !== "string") throw invalidArgType("hmac", "of type string", algorithm);
      const keyBytes = Uint8Array.prototype.slice.call(dataOf(key, "utf8", "key"));
      if (ops.op_node_hmac(algorithm, keyBytes, new Uint8Array(0)) === null) {
        throw new TypeError(`Invalid digest: ${algorithm}`);
      }
      super((data) => ops.op_node_hmac(algorithm, keyBytes, data));
    }
  }

  function randomBytes(size, callback) {
    if (typeof size !== "number") throw invalidArgType("size", "of type number", size);
    if (!(size >= 0 && size <= 2 ** 31 - 1)) throw outOfRange("size", ">= 0 && <= 2147483647", size);
    const bytes = Buffer.alloc(size);
    for (let at = 0; at < size; at += 65536) webcrypto.getRandomValues(bytes.subarray(at, at + 65536));
    if (callback === undefined) return bytes;
    if (typeof callback !== "function") throw invalidArgType("callback", "of type function", callback);
    queueMicrotask(() => callback(null, bytes));
    return undefined;
  }

  function timingSafeEqual(a, b) {
    if (!util.isBufferSource(a)) throw invalidArgType("buf1", "an instance of ArrayBuffer, Buffer, TypedArray, or DataView", a);
    if (!util.isBufferSource(b)) throw invalidArgType("buf2", "an instance of ArrayBuffer, Buffer, TypedArray, or DataView", b);
    const x = util.viewOf(a);
    const y = util.viewOf(b);
    if (x.length !== y.length) {
      throw nodeError(RangeError, "ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH", "Input buffers must have the same byte length");
    }
    let difference = 0;
    for (let i = 0; i < x.length; i++) difference |= x[i] ^ y[i];
    return difference === 0;
  }

  const exports = {
    createHash: (algorithm) => new Hash(algorithm),
    createHmac: (algorithm, key) => new Hmac(algorithm, key),
    getHashes: () => [...HASHES],
    getRandomValues: (array) => webcrypto.getRandomValues(array),
    randomBytes,
    randomUUID: () => webcrypto.randomUUID(),
    subtle: webcrypto.subtle,
    timingSafeEqual,
    webcrypto,
  };
  internal.nodeModules.crypto = { exports, default: exports };
};
