// The Workers Cache API: `caches.default` and `await caches.open(name)`, each
// a Cache with `match`, `put` and `delete`, over the app's store on this core
// (src/runtime/bindings/cache/, which applies Cache-Control, Vary, ranges and
// validators). Errors are Workers' own. Loaded on first use (98_lazy.js).
(nano) => {
  "use strict";
  const { ops, internal } = nano;
  const { util, encoding } = internal;
  const F = internal.fetch;
  const H = internal.headers;
  const RequestCtor = globalThis.Request;
  const ReadableStreamPrototypeGetReader = globalThis.ReadableStream.prototype.getReader;
  const ReflectApply = Reflect.apply;
  const ArrayPrototypePush = Array.prototype.push;
  const StringPrototypeIncludes = String.prototype.includes;

  // Only this file makes Cache and CacheStorage objects.
  const CONSTRUCT = Symbol("construct");

  function requestOf(input) {
    return F.isRequest(input) ? input : new RequestCtor(input);
  }

  function ignoreMethod(options, where) {
    return util.toDictionary(options, where).ignoreMethod === true;
  }

  // The whole body as bytes, or null when it passes `limit` bytes (the
  // stream is then cancelled: the response is not stored).
  async function bodyBytes(body, limit) {
    if (body === null) return new Uint8Array(0);
    if (typeof body === "string") body = encoding.encodeUtf8(body);
    if (util.isUint8Array(body)) return body.byteLength > limit ? null : body;
    const reader = ReflectApply(ReadableStreamPrototypeGetReader, body, []);
    const chunks = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return util.concatBytes(chunks, total);
      if (!util.isUint8Array(value)) throw new TypeError("Body stream chunks must be Uint8Array");
      total += value.byteLength;
      if (total > limit) {
        await reader.cancel();
        return null;
      }
      ArrayPrototypePush.call(chunks, value);
    }
  }

  let nameOf;
  class Cache {
    // null: caches.default.
    #name;
    constructor(key, name) {
      if (key !== CONSTRUCT) throw new TypeError("Illegal constructor");
      this.#name = name;
    }
    static {
      nameOf = (cache) => {
        if (!util.isObject(cache) || !(#name in cache)) throw new TypeError("Illegal invocation");
        return cache.#name;
      };
    }

    // `options = undefined`: an optional argument, left out of `length`
    // as WebIDL counts it.
    async match(request, options = undefined) {
      const name = nameOf(this);
      util.requireArgs(arguments.length, 1, "Failed to execute 'match' on 'Cache'");
      const r = requestOf(request);
      if (!ignoreMethod(options, "Cache.match") && r.method !== "GET") return undefined;
      const found = ops.op_cache_match(name, r.url, H.rawList(r.headers));
      if (found === undefined) return undefined;
      return F.responseFromInner({ status: found[0], statusText: found[1], headers: found[2], body: found[3] });
    }

    async put(request, response) {
      const name = nameOf(this);
      util.requireArgs(arguments.length, 2, "Failed to execute 'put' on 'Cache'");
      const r = requestOf(request);
      if (!F.isResponse(response)) {
        throw new TypeError("Failed to execute 'put' on 'Cache': parameter 2 is not of type 'Response'.");
      }
      if (r.method !== "GET") throw new TypeError("Cannot cache response to non-GET request.");
      if (response.status === 206) {
        throw new TypeError("Cannot cache response to a range request (206 Partial Content).");
      }
      const vary = H.getRaw(response.headers, "vary");
      if (vary !== null && ReflectApply(StringPrototypeIncludes, vary, ["*"])) {
        throw new TypeError("Cannot cache response with 'Vary: *' header.");
      }
      if (response.bodyUsed) throw new TypeError("Body has already been used. It can only be used once.");
      // As on Workers, a 304 (an answer to a conditional request) is
      // silently not stored: it would later answer unconditional ones.
      if (response.status === 304) return undefined;
      const inner = F.responseToInner(response);
      const body = await bodyBytes(inner.body, ops.op_cache_max_entry_bytes());
      if (body === null) return undefined;
      ops.op_cache_put(name, r.url, H.rawList(r.headers), inner.status, inner.statusText, inner.headers, body);
      return undefined;
    }

    async delete(request, options = undefined) {
      const name = nameOf(this);
      util.requireArgs(arguments.length, 1, "Failed to execute 'delete' on 'Cache'");
      const r = requestOf(request);
      if (!ignoreMethod(options, "Cache.delete") && r.method !== "GET") return false;
      return ops.op_cache_delete(name, r.url);
    }
  }
  util.enumerableMembers(Cache, ["match", "put", "delete"]);
  util.setToStringTag(Cache);

  const defaultCache = new Cache(CONSTRUCT, null);

  let checkStorage;
  class CacheStorage {
    #storage = true;
    constructor(key) {
      if (key !== CONSTRUCT) throw new TypeError("Illegal constructor");
    }
    static {
      checkStorage = (storage) => {
        if (!util.isObject(storage) || !(#storage in storage)) throw new TypeError("Illegal invocation");
      };
    }

    get default() {
      checkStorage(this);
      return defaultCache;
    }

    async open(cacheName) {
      checkStorage(this);
      util.requireArgs(arguments.length, 1, "Failed to execute 'open' on 'CacheStorage'");
      return new Cache(CONSTRUCT, util.toDOMString(cacheName));
    }
  }
  util.enumerableMembers(CacheStorage, ["default", "open"]);
  util.setToStringTag(CacheStorage);

  return { Cache, CacheStorage, caches: new CacheStorage(CONSTRUCT) };
};
