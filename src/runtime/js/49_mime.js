((nano) => {
  "use strict";
  const internal = nano.internal;

  // MIME types as the WHATWG MIME Sniffing standard defines them: a record
  // { type, subtype, parameters } where type and subtype are lowercase HTTP
  // tokens and parameters is a Map (lowercase name -> value, first one wins).
  // Also Fetch's header-value helpers built on it ("extract a MIME type").

  const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
  const QUOTED_TOKEN = /^[\t\x20-\x7e\x80-\xff]*$/;
  const HTTP_WS = /[\t\n\r ]/;
  const LEADING_WS = /^[\t\n\r ]+/;
  const TRAILING_WS = /[\t\n\r ]+$/;

  // "Collect an HTTP quoted string" starting at input[pos] === '"'. Returns
  // [result, newPos]; with extractValue the unescaped value, otherwise the
  // source text consumed (quotes and backslashes included).
  function collectQuoted(input, pos, extractValue) {
    const start = pos;
    let value = "";
    pos++;
    for (;;) {
      let end = pos;
      while (end < input.length && input[end] !== '"' && input[end] !== "\\") end++;
      value += input.slice(pos, end);
      pos = end;
      if (pos >= input.length) break;
      const ch = input[pos];
      pos++;
      if (ch === "\\") {
        if (pos >= input.length) {
          value += "\\";
          break;
        }
        value += input[pos];
        pos++;
      } else {
        break; // the closing quote
      }
    }
    return [extractValue ? value : input.slice(start, pos), pos];
  }

  function indexOfAny(input, chars, from) {
    let i = from;
    while (i < input.length && !chars.includes(input[i])) i++;
    return i;
  }

  // "Parse a MIME type": the record, or null on failure.
  function parse(input) {
    input = String(input).replace(LEADING_WS, "").replace(TRAILING_WS, "");
    let pos = indexOfAny(input, "/", 0);
    const type = input.slice(0, pos);
    if (type === "" || !TOKEN.test(type)) return null;
    if (pos >= input.length) return null;
    pos++;
    const end = indexOfAny(input, ";", pos);
    const subtype = input.slice(pos, end).replace(TRAILING_WS, "");
    pos = end;
    if (subtype === "" || !TOKEN.test(subtype)) return null;
    const mime = { type: type.toLowerCase(), subtype: subtype.toLowerCase(), parameters: new Map() };
    while (pos < input.length) {
      pos++; // the ";"
      while (pos < input.length && HTTP_WS.test(input[pos])) pos++;
      const nameEnd = indexOfAny(input, ";=", pos);
      const name = input.slice(pos, nameEnd).toLowerCase();
      pos = nameEnd;
      if (pos < input.length) {
        if (input[pos] === ";") continue;
        pos++; // the "="
      }
      if (pos >= input.length) break;
      let value;
      if (input[pos] === '"') {
        [value, pos] = collectQuoted(input, pos, true);
        pos = indexOfAny(input, ";", pos);
      } else {
        const valueEnd = indexOfAny(input, ";", pos);
        value = input.slice(pos, valueEnd).replace(TRAILING_WS, "");
        pos = valueEnd;
        if (value === "") continue;
      }
      if (name !== "" && TOKEN.test(name) && QUOTED_TOKEN.test(value) && !mime.parameters.has(name)) {
        mime.parameters.set(name, value);
      }
    }
    return mime;
  }

  function essence(mime) {
    return `${mime.type}/${mime.subtype}`;
  }

  // "Serialize a MIME type".
  function serialize(mime) {
    let s = essence(mime);
    for (const [name, value] of mime.parameters) {
      s += `;${name}=`;
      if (value === "" || !TOKEN.test(value)) {
        s += `"${value.replace(/["\\]/g, "\\$&")}"`;
      } else {
        s += value;
      }
    }
    return s;
  }

  // Fetch "split" step of "get, decode, and split" for an already combined
  // header value: commas separate values except inside quoted strings.
  function splitHeaderValue(input) {
    const values = [];
    let pos = 0;
    let temp = "";
    for (;;) {
      const end = indexOfAny(input, '",', pos);
      temp += input.slice(pos, end);
      pos = end;
      if (pos < input.length) {
        if (input[pos] === '"') {
          let quoted;
          [quoted, pos] = collectQuoted(input, pos, false);
          temp += quoted;
          if (pos < input.length) continue;
        } else {
          pos++; // the ","
        }
      }
      values.push(temp.replace(/^[\t ]+|[\t ]+$/g, ""));
      temp = "";
      if (pos >= input.length) return values;
    }
  }

  // Fetch "extract a MIME type" from a combined Content-Type header value
  // (null when absent). Returns the record or null for failure.
  function extract(headerValue) {
    if (headerValue === null || headerValue === undefined) return null;
    let charset = null;
    let currentEssence = null;
    let mime = null;
    for (const value of splitHeaderValue(headerValue)) {
      const temp = parse(value);
      if (temp === null || essence(temp) === "*/*") continue;
      mime = temp;
      if (essence(mime) !== currentEssence) {
        charset = mime.parameters.has("charset") ? mime.parameters.get("charset") : null;
        currentEssence = essence(mime);
      } else if (!mime.parameters.has("charset") && charset !== null) {
        mime.parameters.set("charset", charset);
      }
    }
    return mime;
  }

  internal.mime = { parse, serialize, essence, extract, splitHeaderValue };
})(globalThis.__nano);
