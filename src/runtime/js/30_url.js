((nano) => {
  "use strict";
  const { ops, internal } = nano;
  const { defineGlobal, util } = internal;

  // ---------------------------------------------- application/x-www-form-urlencoded
  const HEX = "0123456789ABCDEF";
  function hexValue(c) {
    if (c >= 0x30 && c <= 0x39) return c - 0x30;
    if (c >= 0x41 && c <= 0x46) return c - 0x37;
    if (c >= 0x61 && c <= 0x66) return c - 0x57;
    return -1;
  }

  // Percent-decodes the UTF-8 bytes of `s` (after '+' -> ' '), then UTF-8 decodes
  // without BOM handling, replacing invalid sequences.
  function decodeComponent(s) {
    if (s.indexOf("%") === -1 && s.indexOf("+") === -1) return s;
    const bytes = [];
    for (let i = 0; i < s.length; i++) {
      let c = s.charCodeAt(i);
      if (c === 0x2b) {
        bytes.push(0x20);
      } else if (c === 0x25 && i + 2 < s.length && hexValue(s.charCodeAt(i + 1)) >= 0 && hexValue(s.charCodeAt(i + 2)) >= 0) {
        bytes.push((hexValue(s.charCodeAt(i + 1)) << 4) | hexValue(s.charCodeAt(i + 2)));
        i += 2;
      } else if (c < 0x80) {
        bytes.push(c);
      } else {
        c = s.codePointAt(i);
        if (c > 0xffff) i++;
        pushUtf8(bytes, c);
      }
    }
    return ops.op_decode_utf8(new Uint8Array(bytes), false);
  }
  function pushUtf8(bytes, c) {
    if (c < 0x800) {
      bytes.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    } else if (c < 0x10000) {
      bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    } else {
      bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    }
  }

  function parseUrlencoded(input) {
    const out = [];
    if (input.length === 0) return out;
    for (const seq of input.split("&")) {
      if (seq.length === 0) continue;
      const eq = seq.indexOf("=");
      const name = eq === -1 ? seq : seq.slice(0, eq);
      const value = eq === -1 ? "" : seq.slice(eq + 1);
      out.push([decodeComponent(name), decodeComponent(value)]);
    }
    return out;
  }

  // Unreserved for the urlencoded serializer: ASCII alphanumerics and *-._
  const SAFE = new Uint8Array(128);
  for (const ch of "*-._0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") SAFE[ch.charCodeAt(0)] = 1;
  const SIMPLE = /^[*\-._0-9A-Za-z]*$/;

  function serializeComponent(s) {
    if (SIMPLE.test(s)) return s;
    let out = "";
    const bytes = [];
    for (let i = 0; i < s.length; i++) {
      let c = s.charCodeAt(i);
      if (c < 0x80) {
        if (SAFE[c]) out += s[i];
        else if (c === 0x20) out += "+";
        else out += "%" + HEX[c >> 4] + HEX[c & 15];
        continue;
      }
      c = s.codePointAt(i);
      if (c > 0xffff) i++;
      bytes.length = 0;
      pushUtf8(bytes, c);
      for (const b of bytes) out += "%" + HEX[b >> 4] + HEX[b & 15];
    }
    return out;
  }
  function serializeUrlencoded(list) {
    let out = "";
    for (let i = 0; i < list.length; i++) {
      if (i > 0) out += "&";
      out += serializeComponent(list[i][0]) + "=" + serializeComponent(list[i][1]);
    }
    return out;
  }

  // ---------------------------------------------------------- URLSearchParams
  class URLSearchParams {
    #list = [];
    #url = null; // the URL object this belongs to, if any

    constructor(init = "") {
      if (util.isObject(init)) {
        const iter = init[Symbol.iterator];
        if (iter !== undefined && iter !== null) {
          if (typeof iter !== "function") throw new TypeError("URLSearchParams: init's @@iterator is not a function");
          for (const pair of init) {
            if (!util.isObject(pair) || typeof pair[Symbol.iterator] !== "function") {
              throw new TypeError("URLSearchParams: each pair must be a sequence");
            }
            const p = [...pair];
            if (p.length !== 2) throw new TypeError("URLSearchParams: each pair must have exactly two items");
            this.#list.push([util.toUSVString(p[0]), util.toUSVString(p[1])]);
          }
        } else {
          // record<USVString, USVString>: an enumerable symbol key fails
          // the USVString conversion (TypeError).
          for (const key of Reflect.ownKeys(init)) {
            const desc = Reflect.getOwnPropertyDescriptor(init, key);
            if (desc === undefined || !desc.enumerable) continue;
            this.#list.push([util.toUSVString(key), util.toUSVString(init[key])]);
          }
        }
      } else {
        let s = util.toUSVString(init);
        if (s.charCodeAt(0) === 0x3f) s = s.slice(1);
        this.#list = parseUrlencoded(s);
      }
    }

    static #check(p) {
      if (!util.isObject(p) || !(#list in p)) throw new TypeError("Illegal invocation: not a URLSearchParams");
    }
    #update() {
      if (this.#url !== null) urlSetQueryFromParams(this.#url, serializeUrlencoded(this.#list));
    }

    get size() {
      URLSearchParams.#check(this);
      return this.#list.length;
    }
    append(name, value) {
      URLSearchParams.#check(this);
      util.requireArgs(arguments.length, 2, "URLSearchParams.append");
      this.#list.push([util.toUSVString(name), util.toUSVString(value)]);
      this.#update();
    }
    delete(name, value = undefined) {
      URLSearchParams.#check(this);
      util.requireArgs(arguments.length, 1, "URLSearchParams.delete");
      const n = util.toUSVString(name);
      if (value === undefined) {
        this.#list = this.#list.filter((p) => p[0] !== n);
      } else {
        const v = util.toUSVString(value);
        this.#list = this.#list.filter((p) => p[0] !== n || p[1] !== v);
      }
      this.#update();
    }
    get(name) {
      URLSearchParams.#check(this);
      util.requireArgs(arguments.length, 1, "URLSearchParams.get");
      const n = util.toUSVString(name);
      for (const p of this.#list) if (p[0] === n) return p[1];
      return null;
    }
    getAll(name) {
      URLSearchParams.#check(this);
      util.requireArgs(arguments.length, 1, "URLSearchParams.getAll");
      const n = util.toUSVString(name);
      const out = [];
      for (const p of this.#list) if (p[0] === n) out.push(p[1]);
      return out;
    }
    has(name, value = undefined) {
      URLSearchParams.#check(this);
      util.requireArgs(arguments.length, 1, "URLSearchParams.has");
      const n = util.toUSVString(name);
      if (value === undefined) return this.#list.some((p) => p[0] === n);
      const v = util.toUSVString(value);
      return this.#list.some((p) => p[0] === n && p[1] === v);
    }
    set(name, value) {
      URLSearchParams.#check(this);
      util.requireArgs(arguments.length, 2, "URLSearchParams.set");
      const n = util.toUSVString(name);
      const v = util.toUSVString(value);
      const out = [];
      let found = false;
      for (const p of this.#list) {
        if (p[0] !== n) out.push(p);
        else if (!found) {
          found = true;
          out.push([n, v]);
        }
      }
      if (!found) out.push([n, v]);
      this.#list = out;
      this.#update();
    }
    sort() {
      URLSearchParams.#check(this);
      // Stable sort by UTF-16 code units of the name (Array#sort is stable).
      this.#list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      this.#update();
    }
    toString() {
      URLSearchParams.#check(this);
      return serializeUrlencoded(this.#list);
    }

    static {
      paramsList = (p) => p.#list;
      isParams = (p) => util.isObject(p) && #list in p;
      attachParams = (p, url) => {
        p.#url = url;
      };
      resetParams = (p, query) => {
        p.#list = query === "" ? [] : parseUrlencoded(query);
      };
    }
  }
  var paramsList, isParams, attachParams, resetParams;
  util.definePairIterable(URLSearchParams, (p) => paramsList(p), (p) => {
    if (!isParams(p)) throw new TypeError("Illegal invocation: not a URLSearchParams");
  });
  util.enumerableMembers(URLSearchParams, [
    "size", "append", "delete", "get", "getAll", "has", "set", "sort", "toString",
  ]);
  util.setToStringTag(URLSearchParams);

  // ---------------------------------------------------------------------- URL
  // A URL's record: its serialisation, then where each component starts or
  // ends in it (ada's url_components; ABSENT where a component is not
  // there). Components are sliced out when read.
  const HREF = 0;
  const PROTOCOL_END = 1;
  const USERNAME_END = 2;
  const HOST_START = 3;
  const HOST_END = 4;
  const PORT = 5;
  const PATHNAME_START = 6;
  const SEARCH_START = 7;
  const HASH_START = 8;
  const ABSENT = -1;

  // The URL ops return the href (undefined when it is the string they were
  // given, null for no URL) and write the offsets into this array.
  const offsets = new Int32Array(new ArrayBuffer(8 * Int32Array.BYTES_PER_ELEMENT));
  function record(href, given) {
    if (href === null) return null;
    const o = offsets;
    return [href ?? given, o[0], o[1], o[2], o[3], o[4], o[5], o[6], o[7]];
  }
  function parse(input, base) {
    return record(ops.op_url_parse(input, base, offsets), input);
  }
  // Runs the URL standard's `setter` (a URL member's name) on `href`.
  function set(href, setter, value) {
    return record(ops.op_url_set(href, setter, value, offsets), href);
  }

  // The host starts after the "@" that ends any credentials.
  function hostStart(r) {
    const start = r[HOST_START];
    return start < r[HOST_END] && r[HREF].charCodeAt(start) === 0x40 ? start + 1 : start;
  }
  // Where the search ends: at the hash, else at the end.
  function searchEnd(r) {
    return r[HASH_START] === ABSENT ? r[HREF].length : r[HASH_START];
  }
  const component = {
    protocol: (r) => r[HREF].slice(0, r[PROTOCOL_END]),
    username: (r) =>
      r[PROTOCOL_END] + 2 < r[USERNAME_END] ? r[HREF].slice(r[PROTOCOL_END] + 2, r[USERNAME_END]) : "",
    password: (r) =>
      r[HOST_START] > r[USERNAME_END] ? r[HREF].slice(r[USERNAME_END] + 1, r[HOST_START]) : "",
    host(r) {
      const start = hostStart(r);
      return start === r[HOST_END] ? "" : r[HREF].slice(start, r[PATHNAME_START]);
    },
    hostname: (r) => r[HREF].slice(hostStart(r), r[HOST_END]),
    port: (r) => (r[PORT] === ABSENT ? "" : r[HREF].slice(r[HOST_END] + 1, r[PATHNAME_START])),
    pathname: (r) =>
      r[HREF].slice(r[PATHNAME_START], r[SEARCH_START] === ABSENT ? searchEnd(r) : r[SEARCH_START]),
    // A lone "?" or "#" reads as empty.
    search(r) {
      const start = r[SEARCH_START];
      const end = searchEnd(r);
      return start === ABSENT || end - start <= 1 ? "" : r[HREF].slice(start, end);
    },
    hash(r) {
      const start = r[HASH_START];
      return start === ABSENT || r[HREF].length - start <= 1 ? "" : r[HREF].slice(start);
    },
    origin(r) {
      const protocol = component.protocol(r);
      switch (protocol) {
        case "http:":
        case "https:":
        case "ws:":
        case "wss:":
        case "ftp:":
          return `${protocol}//${component.host(r)}`;
        default:
          return ops.op_url_origin(r[HREF]);
      }
    },
  };

  class URL {
    #parts;
    #params = null;

    constructor(url, base = undefined) {
      util.requireArgs(arguments.length, 1, "URL");
      const u = util.toUSVString(url);
      const b = base === undefined ? undefined : util.toUSVString(base);
      const parts = parse(u, b);
      if (parts === null) {
        throw new TypeError(`Invalid URL: '${u}'${b === undefined ? "" : ` with base '${b}'`}`);
      }
      this.#parts = parts;
    }

    static canParse(url, base = undefined) {
      util.requireArgs(arguments.length, 1, "URL.canParse");
      const u = util.toUSVString(url);
      const b = base === undefined ? undefined : util.toUSVString(base);
      return parse(u, b) !== null;
    }

    static parse(url, base = undefined) {
      util.requireArgs(arguments.length, 1, "URL.parse");
      try {
        return new URL(url, base);
      } catch {
        return null;
      }
    }

    static #check(u) {
      if (!util.isObject(u) || !(#parts in u)) throw new TypeError("Illegal invocation: not a URL");
    }
    #set(which, value) {
      const parts = set(this.#parts[HREF], which, util.toUSVString(value));
      if (parts === null) return false;
      this.#parts = parts;
      return true;
    }

    get href() {
      URL.#check(this);
      return this.#parts[HREF];
    }
    set href(value) {
      URL.#check(this);
      const v = util.toUSVString(value);
      const parts = parse(v, undefined);
      if (parts === null) throw new TypeError(`Invalid URL: '${v}'`);
      this.#parts = parts;
      if (this.#params !== null) resetParams(this.#params, this.#query());
    }
    #query() {
      const s = component.search(this.#parts);
      return s.length > 0 ? s.slice(1) : "";
    }
    get origin() {
      URL.#check(this);
      return component.origin(this.#parts);
    }
    get protocol() {
      URL.#check(this);
      return component.protocol(this.#parts);
    }
    set protocol(v) {
      URL.#check(this);
      this.#set("protocol", v);
    }
    get username() {
      URL.#check(this);
      return component.username(this.#parts);
    }
    set username(v) {
      URL.#check(this);
      this.#set("username", v);
    }
    get password() {
      URL.#check(this);
      return component.password(this.#parts);
    }
    set password(v) {
      URL.#check(this);
      this.#set("password", v);
    }
    get host() {
      URL.#check(this);
      return component.host(this.#parts);
    }
    set host(v) {
      URL.#check(this);
      this.#set("host", v);
    }
    get hostname() {
      URL.#check(this);
      return component.hostname(this.#parts);
    }
    set hostname(v) {
      URL.#check(this);
      this.#set("hostname", v);
    }
    get port() {
      URL.#check(this);
      return component.port(this.#parts);
    }
    set port(v) {
      URL.#check(this);
      this.#set("port", v);
    }
    get pathname() {
      URL.#check(this);
      return component.pathname(this.#parts);
    }
    set pathname(v) {
      URL.#check(this);
      this.#set("pathname", v);
    }
    get search() {
      URL.#check(this);
      return component.search(this.#parts);
    }
    set search(v) {
      URL.#check(this);
      this.#set("search", v);
      if (this.#params !== null) resetParams(this.#params, this.#query());
    }
    get searchParams() {
      URL.#check(this);
      if (this.#params === null) {
        // The query is already without its "?": the constructor would strip
        // a second one.
        this.#params = new URLSearchParams();
        resetParams(this.#params, this.#query());
        attachParams(this.#params, this);
      }
      return this.#params;
    }
    get hash() {
      URL.#check(this);
      return component.hash(this.#parts);
    }
    set hash(v) {
      URL.#check(this);
      this.#set("hash", v);
    }
    toString() {
      URL.#check(this);
      return this.#parts[HREF];
    }
    toJSON() {
      URL.#check(this);
      return this.#parts[HREF];
    }

    static {
      urlSetQueryFromParams = (url, serialized) => {
        // Goes through the search setter; an empty string makes the query null.
        const parts = set(url.#parts[HREF], "search", serialized);
        if (parts !== null) url.#parts = parts;
      };
      isURL = (u) => util.isObject(u) && #parts in u;
    }
  }
  var urlSetQueryFromParams, isURL;
  util.enumerableMembers(URL, [
    "href", "origin", "protocol", "username", "password", "host", "hostname", "port", "pathname",
    "search", "searchParams", "hash", "toString", "toJSON",
  ]);
  util.setToStringTag(URL);

  internal.url = {
    parse,
    set,
    component,
    isURL,
    isURLSearchParams: isParams,
    paramsList,
    parseUrlencoded,
    serializeUrlencoded,
    HREF,
  };

  defineGlobal("URL", URL);
  defineGlobal("URLSearchParams", URLSearchParams);
})(globalThis.__nano);
