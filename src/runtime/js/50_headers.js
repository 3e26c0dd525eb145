((nano) => {
  "use strict";
  const internal = nano.internal;
  const { defineGlobal, util } = internal;

  // Fetch standard header rules. Names are stored lowercased (iteration exposes them
  // lowercased anyway); each name keeps its values in append order.
  const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
  const INVALID_VALUE = /[\0\r\n]/;
  const LEADING_WS = /^[\t\n\r ]+/;
  const TRAILING_WS = /[\t\n\r ]+$/;

  // Valid names already seen, lowercased: the few an app uses are checked
  // and lowercased once. Cleared when full, so names from requests cannot
  // grow it without bound.
  const KNOWN_NAMES = new Map();
  const KNOWN_NAMES_MAX = 256;

  function normalizeName(name) {
    const known = typeof name === "string" ? KNOWN_NAMES.get(name) : undefined;
    if (known !== undefined) return known;
    const s = util.toByteString(name, "Headers");
    if (!TOKEN.test(s)) throw new TypeError(`Headers: '${s}' is not a valid header name`);
    const lower = s.toLowerCase();
    if (KNOWN_NAMES.size === KNOWN_NAMES_MAX) KNOWN_NAMES.clear();
    KNOWN_NAMES.set(s, lower);
    return lower;
  }
  function normalizeValue(value) {
    let s = util.toByteString(value, "Headers");
    // Strip leading/trailing HTTP whitespace (cheap check first: most values have none).
    const first = s.charCodeAt(0);
    const last = s.charCodeAt(s.length - 1);
    if (first === 0x20 || first === 0x09 || first === 0x0a || first === 0x0d) s = s.replace(LEADING_WS, "");
    if (last === 0x20 || last === 0x09 || last === 0x0a || last === 0x0d) s = s.replace(TRAILING_WS, "");
    if (INVALID_VALUE.test(s)) throw new TypeError(`Headers: '${s}' is not a valid header value`);
    return s;
  }

  // CORS-safelisted request headers, for the "request-no-cors" guard.
  const CORS_SAFE_CONTENT_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"];
  function isNoCorsSafelisted(name, value) {
    if (value.length > 128) return false;
    switch (name) {
      case "accept":
        return !/[\x00-\x08\x0a-\x1f"():<>?@[\\\]{}\x7f]/.test(value);
      case "accept-language":
      case "content-language":
        return /^[0-9A-Za-z *,\-.;=]*$/.test(value);
      case "content-type": {
        const essence = value.split(";")[0].trim().toLowerCase();
        return CORS_SAFE_CONTENT_TYPES.includes(essence);
      }
      default:
        return false;
    }
  }

  const GUARDS = ["none", "immutable", "request", "request-no-cors", "response"];

  class Headers {
    #map = new Map(); // lowercased name -> string[]
    #guard = "none";
    #sorted = null; // cached iteration list, cleared on every change

    constructor(init = undefined) {
      if (init !== undefined) fill(this, init);
    }

    static #check(h) {
      if (!util.isObject(h) || !(#map in h)) throw new TypeError("Illegal invocation: not a Headers");
    }
    // Guard checks the standard applies before a change. Server-side there are no
    // forbidden names for "request"/"response" (as in Workers); "immutable" throws.
    #mayChange(name, value) {
      if (this.#guard === "immutable") throw new TypeError("Headers are immutable");
      if (this.#guard === "request-no-cors" && value !== undefined && !isNoCorsSafelisted(name, value)) {
        return false;
      }
      return true;
    }

    append(name, value) {
      Headers.#check(this);
      util.requireArgs(arguments.length, 2, "Headers.append");
      appendHeader(this, normalizeName(name), normalizeValue(value));
    }

    delete(name) {
      Headers.#check(this);
      util.requireArgs(arguments.length, 1, "Headers.delete");
      const n = normalizeName(name);
      if (!this.#mayChange(n, undefined)) return;
      if (this.#map.delete(n)) this.#sorted = null;
    }

    get(name) {
      Headers.#check(this);
      util.requireArgs(arguments.length, 1, "Headers.get");
      const values = this.#map.get(normalizeName(name));
      return values === undefined ? null : values.join(", ");
    }

    getSetCookie() {
      Headers.#check(this);
      const values = this.#map.get("set-cookie");
      return values === undefined ? [] : values.slice();
    }

    has(name) {
      Headers.#check(this);
      util.requireArgs(arguments.length, 1, "Headers.has");
      return this.#map.has(normalizeName(name));
    }

    set(name, value) {
      Headers.#check(this);
      util.requireArgs(arguments.length, 2, "Headers.set");
      const n = normalizeName(name);
      const v = normalizeValue(value);
      if (!this.#mayChange(n, v)) return;
      this.#map.set(n, [v]);
      this.#sorted = null;
    }

    static {
      appendHeader = (h, name, value) => {
        if (!h.#mayChange(name, value)) return;
        const values = h.#map.get(name);
        if (values === undefined) h.#map.set(name, [value]);
        else values.push(value);
        h.#sorted = null;
      };
      // "sort and combine": names sorted, values joined, set-cookie kept apart.
      sortedPairs = (h) => {
        if (h.#sorted !== null) return h.#sorted;
        const names = [...h.#map.keys()].sort();
        const out = [];
        for (const name of names) {
          const values = h.#map.get(name);
          if (name === "set-cookie") {
            for (const v of values) out.push([name, v]);
          } else {
            out.push([name, values.join(", ")]);
          }
        }
        h.#sorted = out;
        return out;
      };
      isHeaders = (h) => util.isObject(h) && #map in h;
      setGuard = (h, guard) => {
        h.#guard = guard;
      };
      getGuard = (h) => h.#guard;
      // [name0, value0, name1, value1, ...]: one pair per stored value, in
      // first-insertion order of names.
      rawList = (h) => {
        const out = [];
        for (const [name, values] of h.#map) {
          for (let i = 0; i < values.length; i++) out.push(name, values[i]);
        }
        return out;
      };
      getRaw = (h, lowerName) => {
        const values = h.#map.get(lowerName);
        return values === undefined ? null : values.join(", ");
      };
      hasRaw = (h, lowerName) => h.#map.has(lowerName);
      setRaw = (h, lowerName, value) => {
        h.#map.set(lowerName, [value]);
        h.#sorted = null;
      };
      // Appends the fields of `from` to `to` under `to`'s guard, as
      // iterating `from` would give them (values combined, set-cookie kept
      // apart), without sorting them or checking again what `from` holds.
      appendAll = (from, to) => {
        for (const [name, values] of from.#map) {
          if (name !== "set-cookie") {
            appendHeader(to, name, values.length === 1 ? values[0] : values.join(", "));
            continue;
          }
          for (let i = 0; i < values.length; i++) appendHeader(to, name, values[i]);
        }
      };
      copyInto = (from, to) => {
        for (const [name, values] of from.#map) to.#map.set(name, values.slice());
        to.#sorted = null;
      };
    }
  }
  var appendHeader, appendAll, sortedPairs, isHeaders, setGuard, getGuard, rawList, getRaw, hasRaw, setRaw, copyInto;

  // What a header value must not have to be taken as it is: HTTP
  // whitespace at either end (stripped), NUL, CR, LF or a character past
  // Latin-1 (rejected). Such values, and those that are not strings, go
  // through normalizeValue.
  const VALUE_NEEDS_WORK = /^[\t\n\r ]|[\t\n\r ]$|[\0\r\n\u0100-\uffff]/;

  // A record<ByteString, ByteString> init (`{ "content-type": "text/plain" }`,
  // the usual form) as a checked [name, value, ...] list, names lowercased,
  // in own-key order. Only enumerable keys count; an enumerable symbol key
  // fails the ByteString conversion (TypeError).
  function recordList(init) {
    const list = [];
    if (Object.getOwnPropertySymbols(init).length === 0) {
      // Without symbols, Object.keys lists the same keys in the same order,
      // without a property descriptor for each.
      const keys = Object.keys(init);
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i];
        const value = init[key];
        list.push(
          normalizeName(key),
          typeof value === "string" && !VALUE_NEEDS_WORK.test(value) ? value : normalizeValue(value),
        );
      }
      return list;
    }
    for (const key of Reflect.ownKeys(init)) {
      const desc = Reflect.getOwnPropertyDescriptor(init, key);
      if (desc === undefined || !desc.enumerable) continue;
      list.push(normalizeName(key), normalizeValue(init[key]));
    }
    return list;
  }

  // The @@iterator of a HeadersInit that is a sequence of pairs;
  // undefined for a record.
  function sequenceIterator(init) {
    if (!util.isObject(init)) throw new TypeError("Headers: init must be an object or a sequence of pairs");
    const iter = init[Symbol.iterator];
    if (iter === undefined || iter === null) return undefined;
    if (typeof iter !== "function") throw new TypeError("Headers: init's @@iterator is not a function");
    return iter;
  }

  function fillFromSequence(h, init, iter) {
    // A Headers whose iteration is Headers' own is copied field by field.
    if (iter === headersIterator && isHeaders(init)) {
      appendAll(init, h);
      return;
    }
    for (const pair of init) {
      if (!util.isObject(pair) || typeof pair[Symbol.iterator] !== "function") {
        throw new TypeError("Headers: each header must be a [name, value] sequence");
      }
      const p = [...pair];
      if (p.length !== 2) throw new TypeError("Headers: each header must be a [name, value] pair");
      appendHeader(h, normalizeName(p[0]), normalizeValue(p[1]));
    }
  }

  // Fills from a HeadersInit: a sequence of pairs (any iterable, Headers included) or a record.
  function fill(h, init) {
    const iter = sequenceIterator(init);
    if (iter !== undefined) {
      fillFromSequence(h, init, iter);
      return;
    }
    const list = recordList(init);
    for (let i = 0; i < list.length; i += 2) appendHeader(h, list[i], list[i + 1]);
  }

  // A HeadersInit converted as `fill` would, for a Response: a record
  // becomes a checked list (no Headers is made unless the app reads them),
  // a sequence a Headers with the "response" guard.
  function listOrResponseHeaders(init) {
    const iter = sequenceIterator(init);
    if (iter === undefined) return recordList(init);
    const h = new Headers();
    fillFromSequence(h, init, iter);
    setGuard(h, "response");
    return h;
  }

  util.definePairIterable(Headers, (h) => sortedPairs(h), (h) => {
    if (!isHeaders(h)) throw new TypeError("Illegal invocation: not a Headers");
  });
  const headersIterator = Headers.prototype[Symbol.iterator];
  util.enumerableMembers(Headers, ["append", "delete", "get", "getSetCookie", "has", "set"]);
  util.setToStringTag(Headers);

  // Builds a Headers with a guard from a HeadersInit (or nothing), guard applied last
  // so that construction itself is not refused.
  function headersFromInit(init, guard) {
    const h = new Headers();
    if (init !== undefined && init !== null) {
      if (guard === "request-no-cors") setGuard(h, guard);
      fill(h, init);
    }
    setGuard(h, guard);
    return h;
  }
  // Trusted [name0, value0, name1, value1, ...] from the host: still
  // validated, but cheaply.
  function headersFromList(list, guard) {
    const h = new Headers();
    for (let i = 0; i + 1 < list.length; i += 2) {
      appendHeader(h, normalizeName(list[i]), normalizeValue(list[i + 1]));
    }
    setGuard(h, guard);
    return h;
  }
  // Trusted `name:value\n` fields from the host's HTTP parser (names lower
  // case, values trimmed), split only when the app reads them: still
  // validated, but cheaply.
  function headersFromText(text, guard) {
    const h = new Headers();
    for (let start = 0; start < text.length; ) {
      const colon = text.indexOf(":", start);
      const end = text.indexOf("\n", colon);
      appendHeader(h, normalizeName(text.slice(start, colon)), normalizeValue(text.slice(colon + 1, end)));
      start = end + 1;
    }
    setGuard(h, guard);
    return h;
  }

  internal.headers = {
    isHeaders,
    setGuard,
    getGuard,
    fill,
    listOrResponseHeaders,
    headersFromInit,
    headersFromList,
    headersFromText,
    rawList,
    getRaw,
    hasRaw,
    setRaw,
    copyInto,
    sortedPairs,
    GUARDS,
  };

  defineGlobal("Headers", Headers);
})(globalThis.__nano);
