// URLPattern (URL Pattern Standard): the pattern tokenizer and parser, the
// constructor-string parser, compilation of each component to a RegExp, and
// matching. Component canonicalization goes through the URL parser.
// Loaded on first use (see `defineLazyGlobals` in 00_core.js).
(nano) => {
  "use strict";
  const { internal } = nano;
  const { util } = internal;
  const RegExpCtor = internal.intrinsics.RegExp;
  const regexpExec = internal.intrinsics.RegExpPrototypeExec;

  const COMPONENTS = ["protocol", "username", "password", "hostname", "port", "pathname", "search", "hash"];
  const SPECIAL_SCHEMES = { ftp: "21", file: null, http: "80", https: "443", ws: "80", wss: "443" };
  const isSpecialScheme = (s) => Object.prototype.hasOwnProperty.call(SPECIAL_SCHEMES, s);
  const FULL_WILDCARD = ".*";
  const DEFAULT_OPTIONS = { delimiter: "", prefix: "", ignoreCase: false };
  const HOSTNAME_OPTIONS = { delimiter: ".", prefix: "", ignoreCase: false };
  const PATHNAME_OPTIONS = { delimiter: "/", prefix: "/", ignoreCase: false };

  const { parse: parseUrl, set: setUrl, component: urlPart } = internal.url;

  function patternError(message) {
    return new TypeError(`URLPattern: ${message}`);
  }

  // ---- Tokenizer ----

  const ID_START = /[$_\p{ID_Start}]/u;
  const ID_CONTINUE = /[$\u200C\u200D\p{ID_Continue}]/u;
  function isValidNameCodePoint(cp, first) {
    return (first ? ID_START : ID_CONTINUE).test(cp);
  }
  const isAscii = (cp) => cp.codePointAt(0) <= 0x7f;

  // `input` is an array of code points; token values and indices count them.
  function tokenize(input, policy) {
    const tokens = [];
    let index = 0;
    let next = 0;
    const len = input.length;
    const add = (type, nextPos, valuePos, valueLen = nextPos - valuePos) => {
      tokens.push({ type, index, value: input.slice(valuePos, valuePos + valueLen).join("") });
      index = nextPos;
    };
    const error = (nextPos, valuePos) => {
      if (policy === "strict") {
        throw patternError(`invalid pattern '${input.join("")}' at position ${valuePos}`);
      }
      add("invalid-char", nextPos, valuePos);
    };
    while (index < len) {
      next = index;
      const cp = input[next++];
      if (cp === "*") {
        add("asterisk", next, index);
        continue;
      }
      if (cp === "+" || cp === "?") {
        add("other-modifier", next, index);
        continue;
      }
      if (cp === "\\") {
        if (index === len - 1) {
          error(next, index);
          continue;
        }
        const escapedIndex = next;
        next++;
        add("escaped-char", next, escapedIndex);
        continue;
      }
      if (cp === "{") {
        add("open", next, index);
        continue;
      }
      if (cp === "}") {
        add("close", next, index);
        continue;
      }
      if (cp === ":") {
        let namePos = next;
        const nameStart = namePos;
        while (namePos < len && isValidNameCodePoint(input[namePos], namePos === nameStart)) namePos++;
        if (namePos <= nameStart) {
          error(nameStart, index);
          continue;
        }
        add("name", namePos, nameStart);
        continue;
      }
      if (cp === "(") {
        let depth = 1;
        let pos = next;
        const start = pos;
        let failed = false;
        while (pos < len) {
          const c = input[pos];
          if (!isAscii(c) || (pos === start && c === "?")) {
            error(start, index);
            failed = true;
            break;
          }
          if (c === "\\") {
            if (pos === len - 1 || !isAscii(input[pos + 1])) {
              error(start, index);
              failed = true;
              break;
            }
            pos += 2;
            continue;
          }
          if (c === ")") {
            depth--;
            if (depth === 0) {
              pos++;
              break;
            }
          } else if (c === "(") {
            depth++;
            if (pos === len - 1 || input[pos + 1] !== "?") {
              error(start, index);
              failed = true;
              break;
            }
          }
          pos++;
        }
        if (failed) continue;
        if (depth !== 0) {
          error(start, index);
          continue;
        }
        const regexpLen = pos - start - 1;
        if (regexpLen === 0) {
          error(start, index);
          continue;
        }
        add("regexp", pos, start, regexpLen);
        continue;
      }
      add("char", next, index);
    }
    add("end", index, index);
    return tokens;
  }

  // ---- Pattern parser ----

  const escapeRegexp = (s) => s.replace(/[.+*?^${}()[\]|/\\]/g, "\\$&");
  const escapePattern = (s) => s.replace(/[+*?:{}()\\]/g, "\\$&");
  const segmentWildcard = (options) => `[^${escapeRegexp(options.delimiter)}]+?`;
  const MODIFIERS = { "?": "optional", "*": "zero-or-more", "+": "one-or-more" };
  const MODIFIER_TEXT = { none: "", optional: "?", "zero-or-more": "*", "one-or-more": "+" };

  function parsePattern(input, options, encode) {
    const tokens = tokenize(Array.from(input), "strict");
    const parts = [];
    const names = new Set();
    let pending = "";
    let index = 0;
    let nextNumericName = 0;
    const tryConsume = (type) => {
      const token = tokens[index];
      if (token.type !== type) return null;
      index++;
      return token;
    };
    const tryRegexpOrWildcard = (nameToken) => {
      const token = tryConsume("regexp");
      return nameToken === null && token === null ? tryConsume("asterisk") : token;
    };
    const tryModifier = () => tryConsume("other-modifier") ?? tryConsume("asterisk");
    const consumeRequired = (type) => {
      const token = tryConsume(type);
      if (token === null) {
        throw patternError(`invalid pattern '${input}': expected ${type} at position ${tokens[index].index}`);
      }
      return token;
    };
    const consumeText = () => {
      let result = "";
      for (;;) {
        const token = tryConsume("char") ?? tryConsume("escaped-char");
        if (token === null) return result;
        result += token.value;
      }
    };
    const flushPending = () => {
      if (pending === "") return;
      const value = encode(pending);
      pending = "";
      parts.push({ type: "fixed-text", value, modifier: "none", name: "", prefix: "", suffix: "" });
    };
    const addPart = (prefix, nameToken, regexpToken, suffix, modifierToken) => {
      const modifier = modifierToken === null ? "none" : MODIFIERS[modifierToken.value];
      if (nameToken === null && regexpToken === null && modifier === "none") {
        pending += prefix;
        return;
      }
      flushPending();
      if (nameToken === null && regexpToken === null) {
        if (prefix === "") return;
        parts.push({ type: "fixed-text", value: encode(prefix), modifier, name: "", prefix: "", suffix: "" });
        return;
      }
      let value;
      if (regexpToken === null) value = segmentWildcard(options);
      else if (regexpToken.type === "asterisk") value = FULL_WILDCARD;
      else value = regexpToken.value;
      let type = "regexp";
      if (value === segmentWildcard(options)) {
        type = "segment-wildcard";
        value = "";
      } else if (value === FULL_WILDCARD) {
        type = "full-wildcard";
        value = "";
      }
      let name = "";
      if (nameToken !== null) name = nameToken.value;
      else name = String(nextNumericName++);
      if (names.has(name)) throw patternError(`invalid pattern '${input}': duplicate group name '${name}'`);
      names.add(name);
      parts.push({ type, value, modifier, name, prefix: encode(prefix), suffix: encode(suffix) });
    };

    while (index < tokens.length) {
      const charToken = tryConsume("char");
      const nameToken = tryConsume("name");
      const regexpToken = tryRegexpOrWildcard(nameToken);
      if (nameToken !== null || regexpToken !== null) {
        let prefix = charToken === null ? "" : charToken.value;
        if (prefix !== "" && prefix !== options.prefix) {
          pending += prefix;
          prefix = "";
        }
        flushPending();
        addPart(prefix, nameToken, regexpToken, "", tryModifier());
        continue;
      }
      const fixedToken = charToken ?? tryConsume("escaped-char");
      if (fixedToken !== null) {
        pending += fixedToken.value;
        continue;
      }
      if (tryConsume("open") !== null) {
        const prefix = consumeText();
        const name = tryConsume("name");
        const regexp = tryRegexpOrWildcard(name);
        const suffix = consumeText();
        consumeRequired("close");
        addPart(prefix, name, regexp, suffix, tryModifier());
        continue;
      }
      flushPending();
      consumeRequired("end");
    }
    return parts;
  }

  function generateRegexp(parts, options) {
    let result = "^";
    const names = [];
    for (const part of parts) {
      const modifier = MODIFIER_TEXT[part.modifier];
      if (part.type === "fixed-text") {
        result += part.modifier === "none" ? escapeRegexp(part.value) : `(?:${escapeRegexp(part.value)})${modifier}`;
        continue;
      }
      names.push(part.name);
      let value = part.value;
      if (part.type === "segment-wildcard") value = segmentWildcard(options);
      else if (part.type === "full-wildcard") value = FULL_WILDCARD;
      const single = part.modifier === "none" || part.modifier === "optional";
      if (part.prefix === "" && part.suffix === "") {
        result += single ? `(${value})${modifier}` : `((?:${value})${modifier})`;
        continue;
      }
      const prefix = escapeRegexp(part.prefix);
      const suffix = escapeRegexp(part.suffix);
      if (single) {
        result += `(?:${prefix}(${value})${suffix})${modifier}`;
        continue;
      }
      result += `(?:${prefix}((?:${value})(?:${suffix}${prefix}(?:${value}))*)${suffix})`;
      if (part.modifier === "zero-or-more") result += "?";
    }
    return { source: result + "$", names };
  }

  const isAsciiDigit = (c) => c !== undefined && c >= "0" && c <= "9";

  function generatePatternString(parts, options) {
    let result = "";
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      const previous = i > 0 ? parts[i - 1] : null;
      const next = i < parts.length - 1 ? parts[i + 1] : null;
      const modifier = MODIFIER_TEXT[part.modifier];
      if (part.type === "fixed-text") {
        result += part.modifier === "none" ? escapePattern(part.value) : `{${escapePattern(part.value)}}${modifier}`;
        continue;
      }
      const customName = !isAsciiDigit(part.name[0]);
      let needsGrouping = part.suffix !== "" || (part.prefix !== "" && part.prefix !== options.prefix);
      if (
        !needsGrouping && customName && part.type === "segment-wildcard" && part.modifier === "none" &&
        next !== null && next.prefix === "" && next.suffix === ""
      ) {
        if (next.type === "fixed-text") {
          const first = Array.from(next.value)[0];
          needsGrouping = first !== undefined && isValidNameCodePoint(first, false);
        } else {
          needsGrouping = isAsciiDigit(next.name[0]);
        }
      }
      if (
        !needsGrouping && part.prefix === "" && previous !== null && previous.type === "fixed-text" &&
        previous.value !== "" && Array.from(previous.value).at(-1) === options.prefix
      ) {
        needsGrouping = true;
      }
      if (needsGrouping) result += "{";
      result += escapePattern(part.prefix);
      if (customName) result += `:${part.name}`;
      if (part.type === "regexp") {
        result += `(${part.value})`;
      } else if (part.type === "segment-wildcard" && !customName) {
        result += `(${segmentWildcard(options)})`;
      } else if (part.type === "full-wildcard") {
        if (
          !customName &&
          (previous === null || previous.type === "fixed-text" || previous.modifier !== "none" ||
            needsGrouping || part.prefix !== "")
        ) {
          result += "*";
        } else {
          result += `(${FULL_WILDCARD})`;
        }
      }
      if (part.type === "segment-wildcard" && customName && part.suffix !== "" &&
        isValidNameCodePoint(Array.from(part.suffix)[0], false)) {
        result += "\\";
      }
      result += escapePattern(part.suffix);
      if (needsGrouping) result += "}";
      result += modifier;
    }
    return result;
  }

  function compileComponent(input, encode, options) {
    const parts = parsePattern(input, options, encode);
    const { source, names } = generateRegexp(parts, options);
    let regexp;
    try {
      regexp = new RegExpCtor(source, options.ignoreCase ? "ui" : "u");
    } catch (error) {
      throw patternError(`invalid pattern '${input}': ${error.message}`);
    }
    return {
      pattern: generatePatternString(parts, options),
      regexp,
      names,
      hasRegExpGroups: parts.some((part) => part.type === "regexp"),
    };
  }

  // ---- Canonicalization through the URL parser ----

  const DUMMY = "https://dummy.invalid/";
  const OTHER_DUMMY = "https://other.invalid/";

  // Runs a URL setter on a dummy URL; TypeError when the parser refuses the
  // value (detected as no change on two different dummies).
  function setOnDummy(setter, value) {
    const parts = setUrl(DUMMY, setter, value);
    const other = setUrl(OTHER_DUMMY, setter, value);
    const read = urlPart[setter];
    if (parts === null || other === null || read(parts) !== read(other)) {
      throw patternError(`invalid ${setter} '${value}'`);
    }
    return read(parts);
  }

  function canonicalizeProtocol(value) {
    if (value === "") return value;
    const parts = parseUrl(`${value}://dummy.invalid/`, undefined);
    if (parts === null) throw patternError(`invalid protocol '${value}'`);
    return urlPart.protocol(parts).slice(0, -1);
  }

  function canonicalizeUsername(value) {
    return value === "" ? value : urlPart.username(setUrl(DUMMY, "username", value));
  }

  function canonicalizePassword(value) {
    return value === "" ? value : urlPart.password(setUrl(DUMMY, "password", value));
  }

  function canonicalizeHostname(value) {
    if (value === "") return value;
    // Forbidden host code points fail here rather than cut the value short
    // (the URL parser's hostname state stops at some of them).
    const stripped = value.replace(/[\t\n\r]/g, "");
    if (stripped[0] !== "[" && /[\0 #/:<>?@[\\\]^|]/.test(stripped)) {
      throw patternError(`invalid hostname '${value}'`);
    }
    return setOnDummy("hostname", stripped);
  }

  function canonicalizeIPv6Hostname(value) {
    let result = "";
    for (const c of value) {
      if (!/^[0-9a-fA-F[\]:]$/.test(c)) throw patternError(`invalid IPv6 hostname '${value}'`);
      result += c.toLowerCase();
    }
    return result;
  }

  function canonicalizePort(value, protocol = undefined) {
    if (value === "") return value;
    const stripped = value.replace(/[\t\n\r]/g, "");
    const digits = /^[0-9]*/.exec(stripped)[0];
    if (digits === "" || digits.length !== stripped.length) throw patternError(`invalid port '${value}'`);
    const port = Number(digits);
    if (port > 65535) throw patternError(`invalid port '${value}'`);
    if (protocol !== undefined && isSpecialScheme(protocol) && SPECIAL_SCHEMES[protocol] === String(port)) return "";
    return String(port);
  }

  function canonicalizePathname(value) {
    if (value === "") return value;
    const leadingSlash = value[0] === "/";
    const path = urlPart.pathname(setUrl(DUMMY, "pathname", leadingSlash ? value : `/-${value}`));
    return leadingSlash ? path : path.slice(2);
  }

  function canonicalizeOpaquePathname(value) {
    if (value === "") return value;
    let result = "";
    for (const c of value) {
      const cp = c.codePointAt(0);
      result += cp < 0x20 || cp > 0x7e ? percentEncode(c) : c;
    }
    return result;
  }

  function percentEncode(c) {
    const cp = c.codePointAt(0);
    const bytes = internal.encoding.encodeUtf8(cp >= 0xd800 && cp <= 0xdfff ? "\uFFFD" : c);
    let out = "";
    for (const b of bytes) out += `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
    return out;
  }

  function canonicalizeSearch(value) {
    if (value === "") return value;
    return urlPart.search(setUrl(DUMMY, "search", `?${value}`)).slice(1);
  }

  function canonicalizeHash(value) {
    if (value === "") return value;
    return urlPart.hash(setUrl(DUMMY, "hash", `#${value}`)).slice(1);
  }

  // ---- URLPatternInit processing ----

  function isAbsolutePathname(input, type) {
    if (input === "") return false;
    if (input[0] === "/") return true;
    if (type === "url" || input.length < 2) return false;
    return (input[0] === "\\" || input[0] === "{") && input[1] === "/";
  }

  function processInit(init, type, defaults) {
    const result = {};
    if (defaults !== null) for (const name of COMPONENTS) result[name] = defaults;
    const has = (name) => init[name] !== undefined;
    const fromBase = (value) => (type === "pattern" ? escapePattern(value) : value);
    let base = null;
    if (has("baseURL")) {
      base = parseUrl(init.baseURL, undefined);
      if (base === null) throw patternError(`invalid baseURL '${init.baseURL}'`);
      const none = (...names) => names.every((name) => !has(name));
      if (!has("protocol")) result.protocol = fromBase(urlPart.protocol(base).slice(0, -1));
      if (type !== "pattern" && none("protocol", "hostname", "port", "username")) {
        result.username = fromBase(urlPart.username(base));
      }
      if (type !== "pattern" && none("protocol", "hostname", "port", "username", "password")) {
        result.password = fromBase(urlPart.password(base));
      }
      if (none("protocol", "hostname")) result.hostname = fromBase(urlPart.hostname(base));
      if (none("protocol", "hostname", "port")) result.port = fromBase(urlPart.port(base));
      if (none("protocol", "hostname", "port", "pathname")) result.pathname = fromBase(urlPart.pathname(base));
      if (none("protocol", "hostname", "port", "pathname", "search")) {
        result.search = fromBase(urlPart.search(base).slice(1));
      }
      if (none("protocol", "hostname", "port", "pathname", "search", "hash")) {
        result.hash = fromBase(urlPart.hash(base).slice(1));
      }
    }
    if (has("protocol")) {
      const stripped = init.protocol.endsWith(":") ? init.protocol.slice(0, -1) : init.protocol;
      result.protocol = type === "pattern" ? stripped : canonicalizeProtocol(stripped);
    }
    if (has("username")) result.username = type === "pattern" ? init.username : canonicalizeUsername(init.username);
    if (has("password")) result.password = type === "pattern" ? init.password : canonicalizePassword(init.password);
    if (has("hostname")) result.hostname = type === "pattern" ? init.hostname : canonicalizeHostname(init.hostname);
    if (has("port")) result.port = type === "pattern" ? init.port : canonicalizePort(init.port, result.protocol);
    if (has("pathname")) {
      let pathname = init.pathname;
      const baseHasOpaquePath = base !== null && !urlPart.pathname(base).startsWith("/");
      if (base !== null && !baseHasOpaquePath && !isAbsolutePathname(pathname, type)) {
        const basePath = fromBase(urlPart.pathname(base));
        const slash = basePath.lastIndexOf("/");
        if (slash !== -1) pathname = basePath.slice(0, slash + 1) + pathname;
      }
      if (type !== "pattern") {
        const protocol = result.protocol ?? "";
        pathname = protocol === "" || isSpecialScheme(protocol)
          ? canonicalizePathname(pathname)
          : canonicalizeOpaquePathname(pathname);
      }
      result.pathname = pathname;
    }
    if (has("search")) {
      const stripped = init.search.startsWith("?") ? init.search.slice(1) : init.search;
      result.search = type === "pattern" ? stripped : canonicalizeSearch(stripped);
    }
    if (has("hash")) {
      const stripped = init.hash.startsWith("#") ? init.hash.slice(1) : init.hash;
      result.hash = type === "pattern" ? stripped : canonicalizeHash(stripped);
    }
    return result;
  }

  // WebIDL URLPatternInit: members read in lexicographic order.
  function toInit(value) {
    const init = {};
    if (value === undefined || value === null) return init;
    for (const name of ["baseURL", "hash", "hostname", "password", "pathname", "port", "protocol", "search", "username"]) {
      const member = value[name];
      if (member !== undefined) init[name] = util.toUSVString(member);
    }
    return init;
  }

  // ---- Constructor string parser ----

  function parseConstructorString(input) {
    const chars = Array.from(input);
    const tokens = tokenize(chars, "lenient");
    const result = {};
    let componentStart = 0;
    let tokenIndex = 0;
    let tokenIncrement = 1;
    let groupDepth = 0;
    let ipv6Depth = 0;
    let protocolIsSpecial = false;
    let state = "init";

    const safeToken = (i) => (i < tokens.length ? tokens[i] : tokens[tokens.length - 1]);
    const isNonSpecialChar = (i, value) => {
      const token = safeToken(i);
      return token.value === value &&
        (token.type === "char" || token.type === "escaped-char" || token.type === "invalid-char");
    };
    const isSearchPrefix = () => {
      if (isNonSpecialChar(tokenIndex, "?")) return true;
      if (tokens[tokenIndex].value !== "?") return false;
      if (tokenIndex - 1 < 0) return true;
      const previous = safeToken(tokenIndex - 1);
      return !["name", "regexp", "close", "asterisk"].includes(previous.type);
    };
    const isHashPrefix = () => isNonSpecialChar(tokenIndex, "#");
    const isPathnameStart = () => isNonSpecialChar(tokenIndex, "/");
    const componentString = () => {
      const token = tokens[tokenIndex];
      const startIndex = safeToken(componentStart).index;
      return chars.slice(startIndex, token.index).join("");
    };
    const rewind = () => {
      tokenIndex = componentStart;
      tokenIncrement = 0;
    };
    const changeState = (newState, skip) => {
      if (state !== "init" && state !== "authority" && state !== "done") result[state] = componentString();
      if (state !== "init" && newState !== "done") {
        const early = ["protocol", "authority", "username", "password"];
        if (early.includes(state) && ["port", "pathname", "search", "hash"].includes(newState) &&
          result.hostname === undefined) {
          result.hostname = "";
        }
        if ([...early, "hostname", "port"].includes(state) && (newState === "search" || newState === "hash") &&
          result.pathname === undefined) {
          result.pathname = protocolIsSpecial ? "/" : "";
        }
        if ([...early, "hostname", "port", "pathname"].includes(state) && newState === "hash" &&
          result.search === undefined) {
          result.search = "";
        }
      }
      state = newState;
      tokenIndex += skip;
      componentStart = tokenIndex;
      tokenIncrement = 0;
    };

    while (tokenIndex < tokens.length) {
      tokenIncrement = 1;
      if (tokens[tokenIndex].type === "end") {
        if (state === "init") {
          rewind();
          if (isHashPrefix()) changeState("hash", 1);
          else if (isSearchPrefix()) changeState("search", 1);
          else changeState("pathname", 0);
          tokenIndex += tokenIncrement;
          continue;
        }
        if (state === "authority") {
          rewind();
          state = "hostname";
          tokenIndex += tokenIncrement;
          continue;
        }
        changeState("done", 0);
        break;
      }
      if (tokens[tokenIndex].type === "open") {
        groupDepth++;
        tokenIndex += tokenIncrement;
        continue;
      }
      if (groupDepth > 0) {
        if (tokens[tokenIndex].type === "close") {
          groupDepth--;
        } else {
          tokenIndex += tokenIncrement;
          continue;
        }
      }
      switch (state) {
        case "init":
          if (isNonSpecialChar(tokenIndex, ":")) {
            rewind();
            state = "protocol";
          }
          break;
        case "protocol":
          if (isNonSpecialChar(tokenIndex, ":")) {
            const protocol = compileComponent(componentString(), canonicalizeProtocol, DEFAULT_OPTIONS);
            protocolIsSpecial = matchesSpecialScheme(protocol);
            let next = "pathname";
            let skip = 1;
            if (isNonSpecialChar(tokenIndex + 1, "/") && isNonSpecialChar(tokenIndex + 2, "/")) {
              next = "authority";
              skip = 3;
            } else if (protocolIsSpecial) {
              next = "authority";
            }
            changeState(next, skip);
          }
          break;
        case "authority":
          if (isNonSpecialChar(tokenIndex, "@")) {
            rewind();
            state = "username";
          } else if (isPathnameStart() || isSearchPrefix() || isHashPrefix()) {
            rewind();
            state = "hostname";
          }
          break;
        case "username":
          if (isNonSpecialChar(tokenIndex, ":")) changeState("password", 1);
          else if (isNonSpecialChar(tokenIndex, "@")) changeState("hostname", 1);
          break;
        case "password":
          if (isNonSpecialChar(tokenIndex, "@")) changeState("hostname", 1);
          break;
        case "hostname":
          if (isNonSpecialChar(tokenIndex, "[")) ipv6Depth++;
          else if (isNonSpecialChar(tokenIndex, "]")) ipv6Depth--;
          else if (isNonSpecialChar(tokenIndex, ":") && ipv6Depth === 0) changeState("port", 1);
          else if (isPathnameStart()) changeState("pathname", 0);
          else if (isSearchPrefix()) changeState("search", 1);
          else if (isHashPrefix()) changeState("hash", 1);
          break;
        case "port":
          if (isPathnameStart()) changeState("pathname", 0);
          else if (isSearchPrefix()) changeState("search", 1);
          else if (isHashPrefix()) changeState("hash", 1);
          break;
        case "pathname":
          if (isSearchPrefix()) changeState("search", 1);
          else if (isHashPrefix()) changeState("hash", 1);
          break;
        case "search":
          if (isHashPrefix()) changeState("hash", 1);
          break;
        default:
          break;
      }
      tokenIndex += tokenIncrement;
    }
    if (result.hostname !== undefined && result.port === undefined) result.port = "";
    return result;
  }

  function matchesSpecialScheme(component) {
    for (const scheme of Object.keys(SPECIAL_SCHEMES)) {
      if (Reflect.apply(regexpExec, component.regexp, [scheme]) !== null) return true;
    }
    return false;
  }

  function isIPv6Pattern(input) {
    if (input.length < 2) return false;
    return input[0] === "[" || ((input[0] === "{" || input[0] === "\\") && input[1] === "[");
  }

  // ---- URLPattern ----

  function isInitLike(v) {
    return v === undefined || v === null || typeof v === "object" || typeof v === "function";
  }

  class URLPattern {
    #components;

    constructor(input = undefined, baseURL = undefined, options = undefined) {
      // Overloads: (input, baseURL, options) and (input, options).
      if (baseURL !== undefined && isInitLike(baseURL) && options === undefined) {
        options = baseURL;
        baseURL = undefined;
      }
      const opts = util.toDictionary(options, "URLPattern");
      const ignoreCase = Boolean(opts.ignoreCase);
      let init;
      if (!isInitLike(input)) {
        init = parseConstructorString(util.toUSVString(input));
        if (baseURL === undefined && init.protocol === undefined) {
          throw patternError("a relative pattern string needs a baseURL");
        }
        if (baseURL !== undefined) init.baseURL = util.toUSVString(baseURL);
      } else {
        if (baseURL !== undefined) throw patternError("a baseURL may only follow a pattern string");
        init = toInit(input);
      }
      const processed = processInit(init, "pattern", null);
      for (const name of COMPONENTS) if (processed[name] === undefined) processed[name] = "*";
      if (isSpecialScheme(processed.protocol) && processed.port === SPECIAL_SCHEMES[processed.protocol]) {
        processed.port = "";
      }
      const components = {};
      components.protocol = compileComponent(processed.protocol, canonicalizeProtocol, DEFAULT_OPTIONS);
      components.username = compileComponent(processed.username, canonicalizeUsername, DEFAULT_OPTIONS);
      components.password = compileComponent(processed.password, canonicalizePassword, DEFAULT_OPTIONS);
      components.hostname = compileComponent(
        processed.hostname,
        isIPv6Pattern(processed.hostname) ? canonicalizeIPv6Hostname : canonicalizeHostname,
        HOSTNAME_OPTIONS,
      );
      components.port = compileComponent(processed.port, canonicalizePort, DEFAULT_OPTIONS);
      const compileOptions = { ...DEFAULT_OPTIONS, ignoreCase };
      if (matchesSpecialScheme(components.protocol)) {
        components.pathname = compileComponent(processed.pathname, canonicalizePathname, {
          ...PATHNAME_OPTIONS,
          ignoreCase,
        });
      } else {
        components.pathname = compileComponent(processed.pathname, canonicalizeOpaquePathname, compileOptions);
      }
      components.search = compileComponent(processed.search, canonicalizeSearch, compileOptions);
      components.hash = compileComponent(processed.hash, canonicalizeHash, compileOptions);
      this.#components = components;
    }

    #match(input, baseURL) {
      const values = {};
      const inputs = [input];
      if (isInitLike(input)) {
        if (baseURL !== undefined) throw patternError("a baseURL may only follow a URL string");
        let applied;
        try {
          applied = processInit(toInit(input), "url", "");
        } catch {
          return null;
        }
        for (const name of COMPONENTS) values[name] = applied[name];
        if (input === undefined || input === null) inputs[0] = {};
      } else {
        const href = util.toUSVString(input);
        inputs[0] = href;
        let base;
        if (baseURL !== undefined) {
          base = util.toUSVString(baseURL);
          inputs.push(base);
          if (parseUrl(base, undefined) === null) return null;
        }
        const url = parseUrl(href, base);
        if (url === null) return null;
        values.protocol = urlPart.protocol(url).slice(0, -1);
        values.username = urlPart.username(url);
        values.password = urlPart.password(url);
        values.hostname = urlPart.hostname(url);
        values.port = urlPart.port(url);
        values.pathname = urlPart.pathname(url);
        values.search = urlPart.search(url).slice(1);
        values.hash = urlPart.hash(url).slice(1);
      }
      const result = { inputs };
      for (const name of COMPONENTS) {
        const component = this.#components[name];
        const match = Reflect.apply(regexpExec, component.regexp, [values[name]]);
        if (match === null) return null;
        const groups = {};
        for (let i = 1; i < match.length; i++) groups[component.names[i - 1]] = match[i];
        result[name] = { input: values[name], groups };
      }
      return result;
    }

    test(input = undefined, baseURL = undefined) {
      if (!(#components in this)) throw new TypeError("Illegal invocation");
      return this.#match(input, baseURL) !== null;
    }

    exec(input = undefined, baseURL = undefined) {
      if (!(#components in this)) throw new TypeError("Illegal invocation");
      return this.#match(input, baseURL);
    }

    get hasRegExpGroups() {
      if (!(#components in this)) throw new TypeError("Illegal invocation");
      return COMPONENTS.some((name) => this.#components[name].hasRegExpGroups);
    }

    static {
      for (const name of COMPONENTS) {
        Object.defineProperty(URLPattern.prototype, name, {
          get() {
            if (!(#components in this)) throw new TypeError("Illegal invocation");
            return this.#components[name].pattern;
          },
          enumerable: true,
          configurable: true,
        });
      }
    }
  }
  util.enumerableMembers(URLPattern, ["test", "exec", "hasRegExpGroups"]);
  util.setToStringTag(URLPattern);

  return { URLPattern };
};
