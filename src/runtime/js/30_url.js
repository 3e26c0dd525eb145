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
  // Component indexes in the array the URL ops return.
  const HREF = 0;
  const PROTOCOL = 1;
  const USERNAME = 2;
  const PASSWORD = 3;
  const HOST = 4;
  const HOSTNAME = 5;
  const PORT = 6;
  const PATHNAME = 7;
  const SEARCH = 8;
  const HASH = 9;
  const ORIGIN = 10;

  function parse(input, base) {
    return ops.op_url_parse(input, base);
  }

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
      const parts = ops.op_url_set(this.#parts[HREF], which, util.toUSVString(value));
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
      const s = this.#parts[SEARCH];
      return s.length > 0 ? s.slice(1) : "";
    }
    get origin() {
      URL.#check(this);
      return this.#parts[ORIGIN];
    }
    get protocol() {
      URL.#check(this);
      return this.#parts[PROTOCOL];
    }
    set protocol(v) {
      URL.#check(this);
      this.#set("protocol", v);
    }
    get username() {
      URL.#check(this);
      return this.#parts[USERNAME];
    }
    set username(v) {
      URL.#check(this);
      this.#set("username", v);
    }
    get password() {
      URL.#check(this);
      return this.#parts[PASSWORD];
    }
    set password(v) {
      URL.#check(this);
      this.#set("password", v);
    }
    get host() {
      URL.#check(this);
      return this.#parts[HOST];
    }
    set host(v) {
      URL.#check(this);
      this.#set("host", v);
    }
    get hostname() {
      URL.#check(this);
      return this.#parts[HOSTNAME];
    }
    set hostname(v) {
      URL.#check(this);
      this.#set("hostname", v);
    }
    get port() {
      URL.#check(this);
      return this.#parts[PORT];
    }
    set port(v) {
      URL.#check(this);
      this.#set("port", v);
    }
    get pathname() {
      URL.#check(this);
      return this.#parts[PATHNAME];
    }
    set pathname(v) {
      URL.#check(this);
      this.#set("pathname", v);
    }
    get search() {
      URL.#check(this);
      return this.#parts[SEARCH];
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
      return this.#parts[HASH];
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
        const parts = ops.op_url_set(url.#parts[HREF], "search", serialized);
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
