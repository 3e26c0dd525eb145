// Workers KV namespaces: the object an app finds in `env` for each
// `[[app.kv]]` (or `--kv`) binding, over the op_kv_* ops, which check
// Workers' limits and do the I/O on storage threads (runtime/bindings/kv).
// Loaded for the first app that binds a namespace (hooks.kvNamespace in
// 60_worker.js).
(nano) => {
  "use strict";
  const { ops, internal } = nano;
  const { util, streams } = internal;
  const JSONParse = JSON.parse;
  const JSONStringify = JSON.stringify;
  const ArrayPrototypeMap = Array.prototype.map;
  const ArrayIsArray = Array.isArray;
  const PromiseAll = Promise.all.bind(Promise);
  const MapCtor = Map;
  const MapPrototypeSet = Map.prototype.set;

  const CONSTRUCT = Symbol("construct");
  const TYPES = ["text", "json", "arrayBuffer", "stream"];
  const MAX_BULK_KEYS = 100;

  function keyName(key, method) {
    if (key === undefined) {
      throw new TypeError(`Failed to execute '${method}' on 'KvNamespace': parameter 1 is not of type 'string'.`);
    }
    return `${key}`;
  }

  // get(key, "json") or get(key, { type, cacheTtl }): the type asked for.
  function responseType(options) {
    let type = options;
    if (util.isObject(options)) {
      type = options.type;
      if (options.cacheTtl !== undefined) {
        let ttl = Number(options.cacheTtl);
        if (!(ttl === ttl)) ttl = 0;
        if (ttl < 30) {
          throw new Error(`KV GET failed: 400 Invalid cache_ttl of ${Math.trunc(ttl)}. Cache TTL must be at least 30.`);
        }
      }
    }
    if (type === undefined || type === null) return "text";
    if (!TYPES.includes(type)) {
      throw new TypeError('Unknown response type. Possible types are "text", "arrayBuffer", "json", and "stream".');
    }
    return type;
  }

  function asType(bytes, type) {
    switch (type) {
      case "text":
        return ops.op_decode_utf8(bytes, false);
      case "json":
        return JSONParse(ops.op_decode_utf8(bytes, false));
      case "arrayBuffer":
        return bytes.buffer;
      default:
        return streams.fromSource(bytes);
    }
  }

  async function valueBytes(value) {
    if (typeof value === "string") return ops.op_encode_utf8(value);
    if (util.isBufferSource(value)) return util.viewOf(value);
    if (streams.isReadableStream(value)) return await streams.readAllBytes(value);
    throw new TypeError(
      "KV put() accepts only strings, ArrayBuffers, ArrayBufferViews, and ReadableStreams as values.",
    );
  }

  // A whole number of seconds as the API reads it, or undefined.
  function seconds(value) {
    if (value === undefined || value === null) return undefined;
    const number = Number(value);
    return number === number ? number : 0;
  }

  const metadataOf = (json) => (json === null ? null : JSONParse(json));

  async function getEntry(id, key, options, method) {
    const type = responseType(options);
    const found = await ops.op_kv_get(id, keyName(key, method));
    if (found === null) return null;
    return { value: asType(found[0], type), metadata: metadataOf(found[1]) };
  }

  // get([keys]) and getWithMetadata([keys]): a Map of each key to its
  // value (or { value, metadata }), null where there is none; text or JSON
  // only, as in Workers.
  async function getBulk(id, keys, options, withMetadata) {
    const type = util.isObject(options) ? options.type : options;
    if (type !== undefined && type !== null && type !== "text" && type !== "json") {
      throw new Error(`KV GET_BULK failed: 400 "${type}" is not a valid type. Use "json" or "text"`);
    }
    if (keys.length === 0) throw new Error("KV GET_BULK failed: 400 You must request a minimum of 1 key");
    if (keys.length > MAX_BULK_KEYS) {
      throw new Error(`KV GET_BULK failed: 400 You can request a maximum of ${MAX_BULK_KEYS} keys`);
    }
    const names = ArrayPrototypeMap.call(keys, (key) => keyName(key, "get"));
    const found = await PromiseAll(ArrayPrototypeMap.call(names, (name) => ops.op_kv_get(id, name)));
    const result = new MapCtor();
    for (let i = 0; i < names.length; i++) {
      let entry = null;
      if (found[i] !== null) {
        let value = ops.op_decode_utf8(found[i][0], false);
        if (type === "json") {
          try {
            value = JSONParse(value);
          } catch {
            throw new Error("KV GET_BULK failed: 400 At least one of the requested keys corresponds to a non-json value");
          }
        }
        entry = withMetadata ? { value, metadata: metadataOf(found[i][1]) } : value;
      }
      MapPrototypeSet.call(result, names[i], entry);
    }
    return result;
  }

  class KvNamespace {
    #id;
    constructor(key, id) {
      if (key !== CONSTRUCT) throw new TypeError("Illegal constructor");
      this.#id = id;
    }

    async get(key, options) {
      if (ArrayIsArray(key)) return getBulk(this.#id, key, options, false);
      const entry = await getEntry(this.#id, key, options, "get");
      return entry === null ? null : entry.value;
    }

    async getWithMetadata(key, options) {
      if (ArrayIsArray(key)) return getBulk(this.#id, key, options, true);
      const entry = await getEntry(this.#id, key, options, "getWithMetadata");
      if (entry === null) return { value: null, metadata: null, cacheStatus: null };
      return { value: entry.value, metadata: entry.metadata, cacheStatus: null };
    }

    async put(key, value, options) {
      const name = keyName(key, "put");
      const bytes = await valueBytes(value);
      const { expiration, expirationTtl, metadata } = util.isObject(options) ? options : {};
      const json = metadata === undefined ? undefined : JSONStringify(metadata);
      await ops.op_kv_put(this.#id, name, bytes, seconds(expiration), seconds(expirationTtl), json);
    }

    async delete(key) {
      await ops.op_kv_delete(this.#id, keyName(key, "delete"));
    }

    async list(options) {
      const { prefix, limit, cursor } = util.isObject(options) ? options : {};
      const [keys, next] = await ops.op_kv_list(
        this.#id,
        prefix === undefined || prefix === null ? undefined : `${prefix}`,
        seconds(limit),
        cursor === undefined || cursor === null ? undefined : `${cursor}`,
      );
      const result = {
        keys: ArrayPrototypeMap.call(keys, ([name, expiration, metadata]) => {
          const key = { name };
          if (expiration !== null) key.expiration = expiration;
          if (metadata !== null) key.metadata = JSONParse(metadata);
          return key;
        }),
        list_complete: next === null,
      };
      if (next !== null) result.cursor = next;
      result.cacheStatus = null;
      return result;
    }
  }
  util.setToStringTag(KvNamespace, "KvNamespace");

  return { namespace: (id) => new KvNamespace(CONSTRUCT, id) };
};
