((nano) => {
  "use strict";
  const { ops, internal } = nano;
  const { defineGlobal, util } = internal;

  // ------------------------------------------------------------ helpers
  function domError(name, message) {
    return new DOMException(message, name);
  }

  // Runs an op; its failures carry the DOMException name to throw.
  function call(op, ...args) {
    try {
      return op(...args);
    } catch (e) {
      if (e !== null && typeof e === "object" && typeof e.cryptoErrorName === "string") {
        throw domError(e.cryptoErrorName, e.message);
      }
      throw e;
    }
  }

  function bufferSource(v, what) {
    if (!util.isBufferSource(v)) throw new TypeError(`${what} is not a BufferSource`);
    return util.copyOf(v);
  }

  // [EnforceRange] integer conversion with an upper bound.
  function enforceRange(v, max, what) {
    const n = Number(v);
    if (!Number.isFinite(n)) throw new TypeError(`${what} is not a finite number`);
    const t = Math.trunc(n);
    if (t < 0 || t > max) throw new TypeError(`${what} is out of range`);
    return t;
  }

  const KEY_USAGES = ["encrypt", "decrypt", "sign", "verify", "deriveKey", "deriveBits", "wrapKey", "unwrapKey"];
  const FORMATS = ["raw", "spki", "pkcs8", "jwk"];

  function toUsages(v, where) {
    if (!util.isObject(v) || typeof v[Symbol.iterator] !== "function") {
      throw new TypeError(`${where}: keyUsages must be a sequence`);
    }
    const out = [];
    for (const u of v) out.push(util.toEnum(u, KEY_USAGES, where));
    return out;
  }

  // ------------------------------------------------------------ algorithms
  const NAMES = [
    "RSASSA-PKCS1-v1_5", "RSA-PSS", "RSA-OAEP", "ECDSA", "ECDH", "AES-CTR", "AES-CBC", "AES-GCM", "AES-KW",
    "HMAC", "SHA-1", "SHA-256", "SHA-384", "SHA-512", "HKDF", "PBKDF2", "Ed25519", "X25519",
  ];
  const CANONICAL = new Map(NAMES.map((n) => [n.toUpperCase(), n]));

  // Dictionary members: [name, conversion, required].
  const DICTS = {
    None: [],
    RsaHashedKeyGenParams: [["hash", "hash", true], ["modulusLength", "ulong", true], ["publicExponent", "BigInteger", true]],
    RsaHashedImportParams: [["hash", "hash", true]],
    RsaPssParams: [["saltLength", "ulong", true]],
    RsaOaepParams: [["label", "BufferSource", false]],
    EcKeyGenParams: [["namedCurve", "DOMString", true]],
    EcKeyImportParams: [["namedCurve", "DOMString", true]],
    EcdsaParams: [["hash", "hash", true]],
    EcdhKeyDeriveParams: [["public", "CryptoKey", true]],
    AesKeyGenParams: [["length", "ushort", true]],
    AesDerivedKeyParams: [["length", "ushort", true]],
    AesCtrParams: [["counter", "BufferSource", true], ["length", "octet", true]],
    AesCbcParams: [["iv", "BufferSource", true]],
    AesGcmParams: [["additionalData", "BufferSource", false], ["iv", "BufferSource", true], ["tagLength", "octet", false]],
    HmacKeyGenParams: [["hash", "hash", true], ["length", "ulong", false]],
    HmacImportParams: [["hash", "hash", true], ["length", "ulong", false]],
    HkdfParams: [["hash", "hash", true], ["info", "BufferSource", true], ["salt", "BufferSource", true]],
    Pbkdf2Params: [["hash", "hash", true], ["iterations", "ulong", true], ["salt", "BufferSource", true]],
  };

  const RSA = ["RSASSA-PKCS1-v1_5", "RSA-PSS", "RSA-OAEP"];
  const AES = ["AES-CTR", "AES-CBC", "AES-GCM", "AES-KW"];
  const SHA = ["SHA-1", "SHA-256", "SHA-384", "SHA-512"];

  // Operation -> algorithm name -> dictionary type.
  const SUPPORTED = {
    digest: Object.fromEntries(SHA.map((n) => [n, "None"])),
    generateKey: {
      ...Object.fromEntries(RSA.map((n) => [n, "RsaHashedKeyGenParams"])),
      ECDSA: "EcKeyGenParams",
      ECDH: "EcKeyGenParams",
      ...Object.fromEntries(AES.map((n) => [n, "AesKeyGenParams"])),
      HMAC: "HmacKeyGenParams",
      Ed25519: "None",
      X25519: "None",
    },
    importKey: {
      ...Object.fromEntries(RSA.map((n) => [n, "RsaHashedImportParams"])),
      ECDSA: "EcKeyImportParams",
      ECDH: "EcKeyImportParams",
      ...Object.fromEntries(AES.map((n) => [n, "None"])),
      HMAC: "HmacImportParams",
      HKDF: "None",
      PBKDF2: "None",
      Ed25519: "None",
      X25519: "None",
    },
    sign: { "RSASSA-PKCS1-v1_5": "None", "RSA-PSS": "RsaPssParams", ECDSA: "EcdsaParams", HMAC: "None", Ed25519: "None" },
    encrypt: { "RSA-OAEP": "RsaOaepParams", "AES-CTR": "AesCtrParams", "AES-CBC": "AesCbcParams", "AES-GCM": "AesGcmParams" },
    deriveBits: { ECDH: "EcdhKeyDeriveParams", X25519: "EcdhKeyDeriveParams", HKDF: "HkdfParams", PBKDF2: "Pbkdf2Params" },
    wrapKey: { "AES-KW": "None" },
    getKeyLength: {
      ...Object.fromEntries(AES.map((n) => [n, "AesDerivedKeyParams"])),
      HMAC: "HmacImportParams",
      HKDF: "None",
      PBKDF2: "None",
    },
  };
  SUPPORTED.verify = SUPPORTED.sign;
  SUPPORTED.decrypt = SUPPORTED.encrypt;
  SUPPORTED.unwrapKey = SUPPORTED.wrapKey;

  // The spec's "normalize an algorithm".
  function normalize(alg, op) {
    if (typeof alg === "string") return normalize({ name: alg }, op);
    if (!util.isObject(alg)) throw new TypeError("Algorithm must be an object or a string");
    if (alg.name === undefined) throw new TypeError("Algorithm: name is required");
    const requested = util.toDOMString(alg.name);
    const name = CANONICAL.get(requested.toUpperCase());
    const dict = name === undefined ? undefined : SUPPORTED[op][name];
    if (dict === undefined) throw domError("NotSupportedError", `Unrecognized algorithm name: ${requested}`);
    const out = { name };
    for (const [member, type, required] of DICTS[dict]) {
      const v = alg[member];
      if (v === undefined) {
        if (required) throw new TypeError(`${name}: ${member} is required`);
        continue;
      }
      out[member] = convert(v, type, `${name}.${member}`);
    }
    return out;
  }

  function convert(v, type, what) {
    switch (type) {
      case "hash":
        return normalize(v, "digest");
      case "DOMString":
        return util.toDOMString(v);
      case "ulong":
        return enforceRange(v, 0xffffffff, what);
      case "ushort":
        return enforceRange(v, 0xffff, what);
      case "octet":
        return enforceRange(v, 0xff, what);
      case "BufferSource":
        return bufferSource(v, what);
      case "BigInteger":
        if (!util.isUint8Array(v)) throw new TypeError(`${what} must be a Uint8Array`);
        return v.slice();
      case "CryptoKey":
        if (!isKey(v)) throw new TypeError(`${what} must be a CryptoKey`);
        return v;
    }
    throw new TypeError(`unknown conversion ${type}`);
  }

  // The usages each kind of key may have, per algorithm.
  const USAGES = {
    "RSASSA-PKCS1-v1_5": { private: ["sign"], public: ["verify"] },
    "RSA-PSS": { private: ["sign"], public: ["verify"] },
    "RSA-OAEP": { private: ["decrypt", "unwrapKey"], public: ["encrypt", "wrapKey"] },
    ECDSA: { private: ["sign"], public: ["verify"] },
    Ed25519: { private: ["sign"], public: ["verify"] },
    ECDH: { private: ["deriveKey", "deriveBits"], public: [] },
    X25519: { private: ["deriveKey", "deriveBits"], public: [] },
    "AES-CTR": { secret: ["encrypt", "decrypt", "wrapKey", "unwrapKey"] },
    "AES-CBC": { secret: ["encrypt", "decrypt", "wrapKey", "unwrapKey"] },
    "AES-GCM": { secret: ["encrypt", "decrypt", "wrapKey", "unwrapKey"] },
    "AES-KW": { secret: ["wrapKey", "unwrapKey"] },
    HMAC: { secret: ["sign", "verify"] },
    HKDF: { secret: ["deriveKey", "deriveBits"] },
    PBKDF2: { secret: ["deriveKey", "deriveBits"] },
  };

  function checkUsages(usages, allowed) {
    for (const u of usages) {
      if (!allowed.includes(u)) throw domError("SyntaxError", `Unsupported key usage for this key: ${u}`);
    }
  }

  // Deduplicated, in KEY_USAGES order.
  function keepUsages(usages, allowed) {
    return KEY_USAGES.filter((u) => usages.includes(u) && allowed.includes(u));
  }

  const HASH_BLOCK_BITS = { "SHA-1": 512, "SHA-256": 512, "SHA-384": 1024, "SHA-512": 1024 };
  const CURVES = ["P-256", "P-384", "P-521"];
  const ECDSA_JWK_ALG = { "P-256": "ES256", "P-384": "ES384", "P-521": "ES512" };

  // ------------------------------------------------------------ CryptoKey
  const TOKEN = Symbol("CryptoKey");
  let createKey;
  let keyData;
  let keyAlg;
  let keyUsages;
  let isKey;

  // A copy of a key algorithm for script to see; the key keeps its own.
  function copyAlgorithm(a) {
    const out = { ...a };
    if (a.hash !== undefined) out.hash = { name: a.hash.name };
    if (a.publicExponent !== undefined) out.publicExponent = a.publicExponent.slice();
    return out;
  }

  class CryptoKey {
    #type;
    #extractable;
    #algorithm;
    #usages;
    #data;
    #algorithmSeen;
    #usagesSeen;

    constructor(token) {
      if (token !== TOKEN) throw new TypeError("Illegal constructor");
    }

    get type() {
      if (!isKey(this)) throw new TypeError("Illegal invocation");
      return this.#type;
    }

    get extractable() {
      if (!isKey(this)) throw new TypeError("Illegal invocation");
      return this.#extractable;
    }

    get algorithm() {
      if (!isKey(this)) throw new TypeError("Illegal invocation");
      return this.#algorithmSeen;
    }

    get usages() {
      if (!isKey(this)) throw new TypeError("Illegal invocation");
      return this.#usagesSeen;
    }

    static {
      createKey = (type, extractable, algorithm, usages, data) => {
        const key = new CryptoKey(TOKEN);
        key.#type = type;
        key.#extractable = extractable;
        key.#algorithm = algorithm;
        key.#usages = usages;
        key.#data = data;
        key.#algorithmSeen = copyAlgorithm(algorithm);
        key.#usagesSeen = usages.slice();
        return key;
      };
      keyData = (key) => key.#data;
      keyAlg = (key) => key.#algorithm;
      keyUsages = (key) => key.#usages;
      isKey = (v) => util.isObject(v) && #data in v;
    }
  }
  util.enumerableMembers(CryptoKey, ["type", "extractable", "algorithm", "usages"]);
  util.setToStringTag(CryptoKey);

  function makeKey(type, extractable, algorithm, usages, data) {
    return createKey(type, type === "public" ? true : extractable, algorithm, usages, data);
  }

  // What ops need to know of a key's algorithm: its curve and hash.
  function keyParams(key, extra) {
    const a = keyAlg(key);
    const out = { name: a.name };
    if (a.namedCurve !== undefined) out.namedCurve = a.namedCurve;
    if (a.hash !== undefined) out.hash = a.hash.name;
    return Object.assign(out, extra);
  }

  function checkKey(key, algName, usage, type) {
    if (keyAlg(key).name !== algName) {
      throw domError("InvalidAccessError", `The key is not a ${algName} key`);
    }
    if (!keyUsages(key).includes(usage)) {
      throw domError("InvalidAccessError", `The key does not allow ${usage}`);
    }
    if (type !== undefined && key.type !== type) {
      throw domError("InvalidAccessError", `${usage} needs a ${type} key`);
    }
  }

  // ------------------------------------------------------------ JWK
  const JWK_STRINGS = ["kty", "use", "alg", "crv", "x", "y", "d", "n", "e", "p", "q", "dp", "dq", "qi", "k"];

  function toJwk(v) {
    if (!util.isObject(v)) throw new TypeError("keyData must be a JsonWebKey object");
    const jwk = {};
    for (const m of JWK_STRINGS) if (v[m] !== undefined) jwk[m] = util.toDOMString(v[m]);
    if (v.ext !== undefined) jwk.ext = !!v.ext;
    if (v.key_ops !== undefined) jwk.key_ops = toUsages(v.key_ops, "JsonWebKey.key_ops");
    return jwk;
  }

  function jwkAlg(name, algorithm, lengthBits) {
    const hash = algorithm.hash && algorithm.hash.name;
    const sha = hash && hash.slice(4);
    switch (name) {
      case "HMAC":
        return `HS${sha}`;
      case "AES-GCM":
      case "AES-CBC":
      case "AES-CTR":
      case "AES-KW":
        return `A${lengthBits}${name.slice(4)}`;
      case "RSASSA-PKCS1-v1_5":
        return `RS${sha}`;
      case "RSA-PSS":
        return `PS${sha}`;
      case "RSA-OAEP":
        return hash === "SHA-1" ? "RSA-OAEP" : `RSA-OAEP-${sha}`;
      case "ECDSA":
        return ECDSA_JWK_ALG[algorithm.namedCurve];
      case "Ed25519":
        return "Ed25519";
    }
    return undefined;
  }

  function checkJwk(jwk, name, algorithm, extractable, usages, lengthBits) {
    if (jwk.kty === undefined) throw domError("DataError", "The JWK has no kty member");
    if (usages.length > 0 && jwk.use !== undefined) {
      const expected = ["HMAC", "RSASSA-PKCS1-v1_5", "RSA-PSS", "ECDSA", "Ed25519"].includes(name) ? "sig" : "enc";
      if (jwk.use !== expected) throw domError("DataError", `The JWK's use must be "${expected}"`);
    }
    if (jwk.key_ops !== undefined) {
      for (const u of usages) {
        if (!jwk.key_ops.includes(u)) throw domError("DataError", `The JWK's key_ops do not allow ${u}`);
      }
    }
    if (jwk.ext === false && extractable) throw domError("DataError", "The JWK is not extractable");
    if (jwk.alg !== undefined && name !== "ECDH" && name !== "X25519") {
      const expected = jwkAlg(name, algorithm, lengthBits);
      const ok = jwk.alg === expected || (name === "Ed25519" && jwk.alg === "EdDSA");
      if (!ok) throw domError("DataError", `The JWK's alg must be "${expected}"`);
    }
  }

  // ------------------------------------------------------------ generateKey
  function generateKey(alg, extractable, usages) {
    const name = alg.name;
    const allowed = USAGES[name];
    checkUsages(usages, [...(allowed.secret || []), ...(allowed.private || []), ...(allowed.public || [])]);
    if (AES.includes(name)) {
      if (![128, 192, 256].includes(alg.length)) {
        throw domError("OperationError", "AES key length must be 128, 192 or 256 bits");
      }
      return secretKey({ name, length: alg.length }, extractable, usages, ops.op_crypto_random(alg.length / 8));
    }
    if (name === "HMAC") {
      let length = alg.length;
      if (length === undefined) length = HASH_BLOCK_BITS[alg.hash.name];
      else if (length === 0) throw domError("OperationError", "HMAC key length cannot be 0");
      const bytes = ops.op_crypto_random(Math.ceil(length / 8));
      return secretKey({ name, hash: { name: alg.hash.name }, length }, extractable, usages, bytes);
    }
    let algorithm;
    let params = { name };
    if (name === "ECDSA" || name === "ECDH") {
      if (!CURVES.includes(alg.namedCurve)) {
        throw domError("NotSupportedError", `Unsupported named curve: ${alg.namedCurve}`);
      }
      algorithm = { name, namedCurve: alg.namedCurve };
      params = algorithm;
    } else if (RSA.includes(name)) {
      algorithm = {
        name,
        modulusLength: alg.modulusLength,
        publicExponent: alg.publicExponent,
        hash: { name: alg.hash.name },
      };
      params = { name, modulusLength: alg.modulusLength, publicExponent: alg.publicExponent };
    } else {
      algorithm = { name };
    }
    const pair = call(ops.op_crypto_generate_key_pair, params);
    const privateUsages = keepUsages(usages, allowed.private);
    if (privateUsages.length === 0) throw domError("SyntaxError", "The private key would have no usages");
    const publicAlgorithm = copyAlgorithm(algorithm);
    return {
      publicKey: makeKey("public", true, publicAlgorithm, keepUsages(usages, allowed.public), pair.publicKey),
      privateKey: makeKey("private", extractable, algorithm, privateUsages, pair.privateKey),
    };
  }

  function secretKey(algorithm, extractable, usages, bytes) {
    usages = keepUsages(usages, USAGES[algorithm.name].secret);
    if (usages.length === 0) throw domError("SyntaxError", "A secret key needs at least one usage");
    return makeKey("secret", extractable, algorithm, usages, bytes);
  }

  // ------------------------------------------------------------ importKey
  function importKey(format, keyData, alg, extractable, usages) {
    const name = alg.name;
    const allowed = USAGES[name];
    let jwk;
    let input;
    if (format === "jwk") {
      jwk = toJwk(keyData);
      input = JSON.stringify(jwk);
    } else {
      input = bufferSource(keyData, "keyData");
    }

    if (allowed.secret !== undefined) {
      if ((name === "HKDF" || name === "PBKDF2") && format !== "raw") {
        throw domError("NotSupportedError", `${name} keys can only be imported in the raw format`);
      }
      if (format !== "raw" && format !== "jwk") {
        throw domError("NotSupportedError", `${name} keys cannot be imported in the ${format} format`);
      }
      checkUsages(usages, allowed.secret);
      if ((name === "HKDF" || name === "PBKDF2") && extractable) {
        throw domError("SyntaxError", `${name} keys cannot be extractable`);
      }
      const imported = call(ops.op_crypto_import_key, { name }, format, input);
      const bytes = imported.data;
      const bits = bytes.length * 8;
      let algorithm;
      if (AES.includes(name)) {
        if (![128, 192, 256].includes(bits)) throw domError("DataError", "AES keys are 128, 192 or 256 bits");
        algorithm = { name, length: bits };
      } else if (name === "HMAC") {
        if (bits === 0) throw domError("DataError", "HMAC key data cannot be empty");
        let length = bits;
        if (alg.length !== undefined) {
          if (alg.length > bits || alg.length <= bits - 8) {
            throw domError("DataError", "The HMAC length does not match the key data");
          }
          length = alg.length;
        }
        algorithm = { name, hash: { name: alg.hash.name }, length };
      } else {
        algorithm = { name };
      }
      if (jwk !== undefined) checkJwk(jwk, name, algorithm, extractable, usages, bits);
      return secretKey(algorithm, extractable, usages, bytes);
    }

    // Asymmetric: which kind of key the format and data give.
    if (RSA.includes(name) && format === "raw") {
      throw domError("NotSupportedError", `${name} keys cannot be imported in the raw format`);
    }
    if ((name === "ECDSA" || name === "ECDH") && !CURVES.includes(alg.namedCurve)) {
      throw domError("NotSupportedError", `Unsupported named curve: ${alg.namedCurve}`);
    }
    const type = format === "pkcs8" || (format === "jwk" && jwk.d !== undefined) ? "private" : "public";
    checkUsages(usages, allowed[type]);
    const params = { name };
    if (alg.namedCurve !== undefined) params.namedCurve = alg.namedCurve;
    const imported = call(ops.op_crypto_import_key, params, format, input);
    if (imported.type !== type) throw domError("DataError", `Expected a ${type} key`);
    let algorithm;
    if (RSA.includes(name)) {
      algorithm = {
        name,
        modulusLength: imported.modulusLength,
        publicExponent: imported.publicExponent,
        hash: { name: alg.hash.name },
      };
    } else if (name === "ECDSA" || name === "ECDH") {
      algorithm = { name, namedCurve: alg.namedCurve };
    } else {
      algorithm = { name };
    }
    if (jwk !== undefined) checkJwk(jwk, name, algorithm, extractable, usages);
    usages = keepUsages(usages, allowed[type]);
    if (type === "private" && usages.length === 0) {
      throw domError("SyntaxError", "A private key needs at least one usage");
    }
    return makeKey(type, extractable, algorithm, usages, imported.data);
  }

  // ------------------------------------------------------------ exportKey
  function exportKey(format, key) {
    if (!key.extractable) throw domError("InvalidAccessError", "The key is not extractable");
    const name = keyAlg(key).name;
    if ((name === "HKDF" || name === "PBKDF2")) {
      throw domError("NotSupportedError", `${name} keys cannot be exported`);
    }
    const out = call(ops.op_crypto_export_key, keyParams(key), format, key.type, keyData(key));
    if (format !== "jwk") return out;
    const jwk = JSON.parse(out);
    const alg = jwkAlg(name, keyAlg(key), keyData(key).length * 8);
    if (alg !== undefined) jwk.alg = alg;
    jwk.key_ops = keyUsages(key).slice();
    jwk.ext = key.extractable;
    return jwk;
  }

  // ------------------------------------------------------------ operations
  function sign(alg, key, data) {
    checkKey(key, alg.name, "sign", alg.name === "HMAC" ? "secret" : "private");
    return call(ops.op_crypto_sign, keyParams(key, signParams(alg)), keyData(key), data);
  }

  function verify(alg, key, signature, data) {
    checkKey(key, alg.name, "verify", alg.name === "HMAC" ? "secret" : "public");
    return call(ops.op_crypto_verify, keyParams(key, signParams(alg)), keyData(key), signature, data);
  }

  // A normalized algorithm as ops take it: the hash by name.
  function flat(alg) {
    const out = { ...alg };
    if (alg.hash !== undefined) out.hash = alg.hash.name;
    return out;
  }

  // The signature's own parameters: ECDSA names its hash per call.
  function signParams(alg) {
    const out = {};
    if (alg.hash !== undefined) out.hash = alg.hash.name;
    if (alg.saltLength !== undefined) out.saltLength = alg.saltLength;
    return out;
  }

  function cipherParams(alg) {
    const out = { ...alg };
    if (alg.name === "AES-GCM") {
      const tag = alg.tagLength === undefined ? 128 : alg.tagLength;
      if (![32, 64, 96, 104, 112, 120, 128].includes(tag)) {
        throw domError("OperationError", `Invalid AES-GCM tag length: ${tag}`);
      }
      out.tagLength = tag;
    }
    return out;
  }

  function encrypt(alg, key, data, usage = "encrypt") {
    checkKey(key, alg.name, usage, alg.name === "RSA-OAEP" ? "public" : "secret");
    return call(ops.op_crypto_encrypt, keyParams(key, cipherParams(alg)), keyData(key), data);
  }

  function decrypt(alg, key, data, usage = "decrypt") {
    checkKey(key, alg.name, usage, alg.name === "RSA-OAEP" ? "private" : "secret");
    return call(ops.op_crypto_decrypt, keyParams(key, cipherParams(alg)), keyData(key), data);
  }

  function deriveBits(alg, key, length, usage = "deriveBits") {
    checkKey(key, alg.name, usage);
    const params = keyParams(key, flat(alg));
    if (alg.name === "ECDH" || alg.name === "X25519") {
      if (key.type !== "private") throw domError("InvalidAccessError", "deriveBits needs a private key");
      const peer = alg.public;
      if (peer.type !== "public") throw domError("InvalidAccessError", "The public member must be a public key");
      if (keyAlg(peer).name !== keyAlg(key).name) {
        throw domError("InvalidAccessError", "The public key's algorithm does not match");
      }
      if (keyAlg(peer).namedCurve !== keyAlg(key).namedCurve) {
        throw domError("InvalidAccessError", "The public key's curve does not match");
      }
      params.public = keyData(peer);
    }
    return call(ops.op_crypto_derive_bits, params, keyData(key), length);
  }

  function keyLength(alg) {
    if (AES.includes(alg.name)) {
      if (![128, 192, 256].includes(alg.length)) {
        throw domError("OperationError", "AES key length must be 128, 192 or 256 bits");
      }
      return alg.length;
    }
    if (alg.name === "HMAC") {
      if (alg.length === undefined) return HASH_BLOCK_BITS[alg.hash.name];
      if (alg.length === 0) throw new TypeError("HMAC key length cannot be 0");
      return alg.length;
    }
    return null;
  }

  // ------------------------------------------------------------ SubtleCrypto
  let subtleToken = true;

  let isSubtle;
  function checkSubtle(self) {
    if (!isSubtle(self)) throw new TypeError("Illegal invocation");
  }

  function requireKey(v, what) {
    if (!isKey(v)) throw new TypeError(`${what} must be a CryptoKey`);
    return v;
  }

  class SubtleCrypto {
    #brand = true;
    constructor() {
      if (subtleToken !== TOKEN) throw new TypeError("Illegal constructor");
    }

    static {
      isSubtle = (v) => util.isObject(v) && #brand in v;
    }

    async digest(algorithm, data) {
      checkSubtle(this);
      util.requireArgs(arguments.length, 2, "SubtleCrypto.digest");
      // The bytes are copied before the algorithm is normalized, whose
      // getters could otherwise change them (WebCrypto: digest, step 2).
      data = bufferSource(data, "data");
      const alg = normalize(algorithm, "digest");
      return call(ops.op_crypto_digest, alg.name, data);
    }

    async generateKey(algorithm, extractable, keyUsages) {
      checkSubtle(this);
      util.requireArgs(arguments.length, 3, "SubtleCrypto.generateKey");
      const usages = toUsages(keyUsages, "SubtleCrypto.generateKey");
      const alg = normalize(algorithm, "generateKey");
      return generateKey(alg, !!extractable, usages);
    }

    async importKey(format, keyData, algorithm, extractable, keyUsages) {
      checkSubtle(this);
      util.requireArgs(arguments.length, 5, "SubtleCrypto.importKey");
      format = util.toEnum(format, FORMATS, "SubtleCrypto.importKey");
      const usages = toUsages(keyUsages, "SubtleCrypto.importKey");
      if (format === "jwk") {
        if (!util.isObject(keyData)) throw new TypeError("keyData must be a JsonWebKey object");
      } else if (!util.isBufferSource(keyData)) {
        throw new TypeError("keyData must be a BufferSource");
      }
      const alg = normalize(algorithm, "importKey");
      return importKey(format, keyData, alg, !!extractable, usages);
    }

    async exportKey(format, key) {
      checkSubtle(this);
      util.requireArgs(arguments.length, 2, "SubtleCrypto.exportKey");
      format = util.toEnum(format, FORMATS, "SubtleCrypto.exportKey");
      return exportKey(format, requireKey(key, "key"));
    }

    async sign(algorithm, key, data) {
      checkSubtle(this);
      util.requireArgs(arguments.length, 3, "SubtleCrypto.sign");
      requireKey(key, "key");
      data = bufferSource(data, "data");
      return sign(normalize(algorithm, "sign"), key, data);
    }

    async verify(algorithm, key, signature, data) {
      checkSubtle(this);
      util.requireArgs(arguments.length, 4, "SubtleCrypto.verify");
      requireKey(key, "key");
      signature = bufferSource(signature, "signature");
      data = bufferSource(data, "data");
      return verify(normalize(algorithm, "verify"), key, signature, data);
    }

    async encrypt(algorithm, key, data) {
      checkSubtle(this);
      util.requireArgs(arguments.length, 3, "SubtleCrypto.encrypt");
      requireKey(key, "key");
      data = bufferSource(data, "data");
      return encrypt(normalize(algorithm, "encrypt"), key, data);
    }

    async decrypt(algorithm, key, data) {
      checkSubtle(this);
      util.requireArgs(arguments.length, 3, "SubtleCrypto.decrypt");
      requireKey(key, "key");
      data = bufferSource(data, "data");
      return decrypt(normalize(algorithm, "decrypt"), key, data);
    }

    async deriveBits(algorithm, baseKey, length = null) {
      checkSubtle(this);
      util.requireArgs(arguments.length, 2, "SubtleCrypto.deriveBits");
      requireKey(baseKey, "baseKey");
      if (length !== null) length = Number(length) >>> 0;
      return deriveBits(normalize(algorithm, "deriveBits"), baseKey, length);
    }

    async deriveKey(algorithm, baseKey, derivedKeyType, extractable, keyUsages) {
      checkSubtle(this);
      util.requireArgs(arguments.length, 5, "SubtleCrypto.deriveKey");
      requireKey(baseKey, "baseKey");
      const usages = toUsages(keyUsages, "SubtleCrypto.deriveKey");
      const alg = normalize(algorithm, "deriveBits");
      const importAlg = normalize(derivedKeyType, "importKey");
      const length = keyLength(normalize(derivedKeyType, "getKeyLength"));
      const bits = deriveBits(alg, baseKey, length, "deriveKey");
      return importKey("raw", bits, importAlg, !!extractable, usages);
    }

    async wrapKey(format, key, wrappingKey, wrapAlgorithm) {
      checkSubtle(this);
      util.requireArgs(arguments.length, 4, "SubtleCrypto.wrapKey");
      format = util.toEnum(format, FORMATS, "SubtleCrypto.wrapKey");
      requireKey(key, "key");
      requireKey(wrappingKey, "wrappingKey");
      const alg = normalizeWrap(wrapAlgorithm, "wrapKey", "encrypt");
      checkKey(wrappingKey, alg.name, "wrapKey");
      if (!key.extractable) throw domError("InvalidAccessError", "The key is not extractable");
      let bytes = exportKey(format, key);
      if (format === "jwk") {
        let json = JSON.stringify(bytes);
        // AES-KW wraps whole 64-bit blocks: pad the JSON with trailing spaces,
        // which parsing it back ignores.
        if (alg.name === "AES-KW") json = json.padEnd(Math.ceil(json.length / 8) * 8, " ");
        bytes = new TextEncoder().encode(json);
      }
      return encrypt(alg, wrappingKey, bytes, "wrapKey");
    }

    async unwrapKey(format, wrappedKey, unwrappingKey, unwrapAlgorithm, unwrappedKeyAlgorithm, extractable, keyUsages) {
      checkSubtle(this);
      util.requireArgs(arguments.length, 7, "SubtleCrypto.unwrapKey");
      format = util.toEnum(format, FORMATS, "SubtleCrypto.unwrapKey");
      wrappedKey = bufferSource(wrappedKey, "wrappedKey");
      requireKey(unwrappingKey, "unwrappingKey");
      const usages = toUsages(keyUsages, "SubtleCrypto.unwrapKey");
      const alg = normalizeWrap(unwrapAlgorithm, "unwrapKey", "decrypt");
      const importAlg = normalize(unwrappedKeyAlgorithm, "importKey");
      checkKey(unwrappingKey, alg.name, "unwrapKey");
      let keyData = decrypt(alg, unwrappingKey, wrappedKey, "unwrapKey");
      if (format === "jwk") {
        try {
          keyData = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(keyData));
        } catch {
          throw domError("DataError", "The unwrapped key is not a JSON Web Key");
        }
      }
      return importKey(format, keyData, importAlg, !!extractable, usages);
    }
  }
  util.enumerableMembers(SubtleCrypto, [
    "encrypt", "decrypt", "sign", "verify", "digest", "generateKey", "deriveKey", "deriveBits",
    "importKey", "exportKey", "wrapKey", "unwrapKey",
  ]);
  util.setToStringTag(SubtleCrypto);

  // wrapKey/unwrapKey take AES-KW, or any algorithm that encrypts.
  function normalizeWrap(algorithm, op, fallback) {
    try {
      return normalize(algorithm, op);
    } catch (e) {
      if (!(e instanceof DOMException) || e.name !== "NotSupportedError") throw e;
      return normalize(algorithm, fallback);
    }
  }

  // ------------------------------------------------------------ Crypto
  const INTEGER_ARRAYS = [
    "Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array", "Uint32Array",
    "BigInt64Array", "BigUint64Array",
  ];
  const typedArrayTag = Object.getOwnPropertyDescriptor(
    Object.getPrototypeOf(Uint8Array.prototype),
    Symbol.toStringTag,
  ).get;
  const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

  let cryptoToken = true;
  let subtle;
  let isCrypto;

  class Crypto {
    #brand = true;
    constructor() {
      if (cryptoToken !== TOKEN) throw new TypeError("Illegal constructor");
    }

    static {
      isCrypto = (v) => util.isObject(v) && #brand in v;
    }

    get subtle() {
      if (!isCrypto(this)) throw new TypeError("Illegal invocation");
      return subtle;
    }

    getRandomValues(array) {
      if (!isCrypto(this)) throw new TypeError("Illegal invocation");
      util.requireArgs(arguments.length, 1, "Crypto.getRandomValues");
      if (!ArrayBuffer.isView(array)) {
        throw new TypeError("Crypto.getRandomValues: argument must be an ArrayBufferView");
      }
      if (!INTEGER_ARRAYS.includes(typedArrayTag.call(array))) {
        throw domError("TypeMismatchError", "The data argument must be an integer-type TypedArray");
      }
      if (array.byteLength > 65536) {
        throw domError(
          "QuotaExceededError",
          `The ArrayBufferView's byte length (${array.byteLength}) exceeds the number of bytes of entropy available via this API (65536)`,
        );
      }
      new Uint8Array(array.buffer, array.byteOffset, array.byteLength).set(ops.op_crypto_random(array.byteLength));
      return array;
    }

    randomUUID() {
      if (!isCrypto(this)) throw new TypeError("Illegal invocation");
      const b = ops.op_crypto_random(16);
      b[6] = (b[6] & 0x0f) | 0x40;
      b[8] = (b[8] & 0x3f) | 0x80;
      const h = Array.from(b, (x) => HEX[x]);
      return `${h.slice(0, 4).join("")}-${h.slice(4, 6).join("")}-${h.slice(6, 8).join("")}-${
        h.slice(8, 10).join("")
      }-${h.slice(10).join("")}`;
    }
  }
  util.enumerableMembers(Crypto, ["subtle", "getRandomValues", "randomUUID"]);
  util.setToStringTag(Crypto);

  subtleToken = TOKEN;
  subtle = new SubtleCrypto();
  subtleToken = true;
  cryptoToken = TOKEN;
  const crypto = new Crypto();
  cryptoToken = true;

  defineGlobal("Crypto", Crypto);
  defineGlobal("SubtleCrypto", SubtleCrypto);
  defineGlobal("CryptoKey", CryptoKey);
  Object.defineProperty(globalThis, "crypto", {
    get() {
      return crypto;
    },
    set: undefined,
    enumerable: true,
    configurable: true,
  });
})(globalThis.__nano);
