((nano) => {
  "use strict";
  const internal = nano.internal;
  const { defineGlobal, util, blob, encoding } = internal;

  // Entry value: string, or File (Blobs are wrapped into Files named "blob").
  function toEntryValue(value, filename, argc, where) {
    if (blob.isBlob(value)) {
      let name;
      if (filename !== undefined) name = util.toUSVString(filename);
      else name = blob.isFile(value) ? value.name : "blob";
      if (blob.isFile(value) && filename === undefined) return value;
      const opts = { type: value.type };
      if (blob.isFile(value)) opts.lastModified = value.lastModified;
      return new File([value], name, opts);
    }
    if (argc > 2) throw new TypeError(`${where}: a filename is only allowed with a Blob value`);
    return util.toUSVString(value);
  }

  class FormData {
    #list = [];

    constructor(form = undefined) {
      // No HTML forms here: only `new FormData()` is meaningful.
      if (form !== undefined) throw new TypeError("FormData: form elements are not supported");
    }

    static #check(f) {
      if (!util.isObject(f) || !(#list in f)) throw new TypeError("Illegal invocation: not a FormData");
    }

    append(name, value, filename = undefined) {
      FormData.#check(this);
      util.requireArgs(arguments.length, 2, "FormData.append");
      const n = util.toUSVString(name);
      this.#list.push([n, toEntryValue(value, filename, arguments.length, "FormData.append")]);
    }
    delete(name) {
      FormData.#check(this);
      util.requireArgs(arguments.length, 1, "FormData.delete");
      const n = util.toUSVString(name);
      this.#list = this.#list.filter((e) => e[0] !== n);
    }
    get(name) {
      FormData.#check(this);
      util.requireArgs(arguments.length, 1, "FormData.get");
      const n = util.toUSVString(name);
      for (const e of this.#list) if (e[0] === n) return e[1];
      return null;
    }
    getAll(name) {
      FormData.#check(this);
      util.requireArgs(arguments.length, 1, "FormData.getAll");
      const n = util.toUSVString(name);
      return this.#list.filter((e) => e[0] === n).map((e) => e[1]);
    }
    has(name) {
      FormData.#check(this);
      util.requireArgs(arguments.length, 1, "FormData.has");
      const n = util.toUSVString(name);
      return this.#list.some((e) => e[0] === n);
    }
    set(name, value, filename = undefined) {
      FormData.#check(this);
      util.requireArgs(arguments.length, 2, "FormData.set");
      const n = util.toUSVString(name);
      const entry = [n, toEntryValue(value, filename, arguments.length, "FormData.set")];
      const i = this.#list.findIndex((e) => e[0] === n);
      if (i === -1) {
        this.#list.push(entry);
      } else {
        this.#list[i] = entry;
        this.#list = this.#list.filter((e, j) => j <= i || e[0] !== n);
      }
    }

    static {
      entriesOf = (f) => f.#list;
      isFormData = (f) => util.isObject(f) && #list in f;
    }
  }
  var entriesOf, isFormData;
  util.definePairIterable(FormData, (f) => entriesOf(f), (f) => {
    if (!isFormData(f)) throw new TypeError("Illegal invocation: not a FormData");
  });
  util.enumerableMembers(FormData, ["append", "delete", "get", "getAll", "has", "set"]);
  util.setToStringTag(FormData);

  // ------------------------------------------------ multipart/form-data (RFC 7578)
  function escapeName(s) {
    return s.replace(/\n/g, "%0A").replace(/\r/g, "%0D").replace(/"/g, "%22");
  }
  function normalizeNewlines(s) {
    return s.replace(/\r(?!\n)|(?<!\r)\n/g, "\r\n");
  }
  function randomBoundary() {
    let s = "";
    for (let i = 0; i < 24; i++) s += Math.floor(Math.random() * 16).toString(16);
    return `----formdata-nano-${s}`;
  }

  // Returns { bytes, contentType }.
  function serializeMultipart(fd) {
    const boundary = randomBoundary();
    const chunks = [];
    let text = "";
    const flush = () => {
      if (text.length > 0) {
        chunks.push(encoding.encodeUtf8(text));
        text = "";
      }
    };
    for (const [name, value] of entriesOf(fd)) {
      text += `--${boundary}\r\nContent-Disposition: form-data; name="${escapeName(normalizeNewlines(name))}"`;
      if (typeof value === "string") {
        text += `\r\n\r\n${normalizeNewlines(value)}\r\n`;
      } else {
        const type = value.type || "application/octet-stream";
        text += `; filename="${escapeName(value.name)}"\r\nContent-Type: ${type}\r\n\r\n`;
        flush();
        chunks.push(blob.blobBytes(value));
        text += "\r\n";
      }
    }
    text += `--${boundary}--\r\n`;
    flush();
    return { bytes: util.concatBytes(chunks).slice(), contentType: `multipart/form-data; boundary=${boundary}` };
  }

  function indexOfBytes(hay, needle, from) {
    const first = needle[0];
    const last = hay.length - needle.length;
    let i = from;
    while (i <= last) {
      i = hay.indexOf(first, i);
      if (i === -1 || i > last) return -1;
      let j = 1;
      while (j < needle.length && hay[i + j] === needle[j]) j++;
      if (j === needle.length) return i;
      i++;
    }
    return -1;
  }

  // Parameter value from a header like `form-data; name="a"; filename="b"`.
  function headerParam(header, key) {
    const re = new RegExp(`;\\s*${key}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]*))`, "i");
    const m = re.exec(header);
    if (m === null) return undefined;
    return m[1] !== undefined ? m[1].replace(/\\(.)/g, "$1") : m[2];
  }

  // The boundary parameter of a parsed MIME type (or a Content-Type string).
  function boundaryOf(contentType) {
    const m = typeof contentType === "string" ? internal.mime.parse(contentType) : contentType;
    if (m === null || m === undefined) return undefined;
    const b = m.parameters.get("boundary");
    if (b === undefined || b.length === 0 || b.length > 70) return undefined;
    return b;
  }

  const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
  const fail = () => {
    throw new TypeError("Failed to parse body as FormData: malformed multipart/form-data");
  };

  // `contentType`: the body's MIME type record (or a Content-Type string).
  function parseMultipart(bytes, contentType) {
    const boundary = boundaryOf(contentType);
    if (boundary === undefined) fail();
    const fd = new FormData();
    const delim = encoding.encodeUtf8(`--${boundary}`);
    const crlfDelim = encoding.encodeUtf8(`\r\n--${boundary}`);
    const headerEnd = new Uint8Array([13, 10, 13, 10]);
    let pos = indexOfBytes(bytes, delim, 0);
    if (pos === -1) fail();
    pos += delim.length;
    for (;;) {
      // After a delimiter: "--" ends the body (then only transport padding and a
      // line break or the end may follow), otherwise CRLF and a part follow.
      if (bytes[pos] === 0x2d && bytes[pos + 1] === 0x2d) {
        pos += 2;
        while (bytes[pos] === 0x20 || bytes[pos] === 0x09) pos++;
        if (pos < bytes.length && (bytes[pos] !== 13 || bytes[pos + 1] !== 10)) fail();
        break;
      }
      while (bytes[pos] === 0x20 || bytes[pos] === 0x09) pos++; // transport padding
      if (bytes[pos] !== 13 || bytes[pos + 1] !== 10) fail();
      pos += 2;
      const hEnd = indexOfBytes(bytes, headerEnd, pos);
      if (hEnd === -1) fail();
      const headerText = encoding.decodeUtf8(bytes.subarray(pos, hEnd));
      const bodyStart = hEnd + 4;
      const next = indexOfBytes(bytes, crlfDelim, bodyStart);
      if (next === -1) fail();
      const body = bytes.subarray(bodyStart, next);
      let disposition;
      let partType;
      for (const line of headerText.split("\r\n")) {
        // Header lines are not folded, end only in CRLF and hold no NUL.
        if (/[\0\r\n]/.test(line)) fail();
        const colon = line.indexOf(":");
        if (colon === -1) fail();
        const hname = line.slice(0, colon).replace(/^[ \t]+|[ \t]+$/g, "");
        if (!TOKEN.test(hname)) fail();
        const hvalue = line.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, "");
        const lower = hname.toLowerCase();
        if (lower === "content-disposition") disposition = hvalue;
        else if (lower === "content-type") partType = hvalue;
      }
      if (disposition === undefined || !/^form-data\b/i.test(disposition)) fail();
      const name = headerParam(disposition, "name");
      if (name === undefined) fail();
      const filename = headerParam(disposition, "filename");
      if (filename !== undefined) {
        // A file part without a Content-Type is text/plain; one whose
        // Content-Type is not a valid MIME type gets an empty type.
        let type = "text/plain";
        if (partType !== undefined) {
          const m = internal.mime.parse(partType);
          type = m === null ? "" : internal.mime.serialize(m);
        }
        fd.append(name, blob.makeFile(body.slice(), filename, type));
      } else {
        fd.append(name, encoding.decodeUtf8(body));
      }
      pos = next + crlfDelim.length;
    }
    return fd;
  }

  function parseUrlencodedToFormData(bytes) {
    const fd = new FormData();
    for (const [k, v] of internal.url.parseUrlencoded(encoding.decodeUtf8WithoutBom(bytes))) fd.append(k, v);
    return fd;
  }

  internal.formData = { isFormData, entriesOf, serializeMultipart, parseMultipart, parseUrlencodedToFormData };

  defineGlobal("FormData", FormData);
})(globalThis.__nano);
