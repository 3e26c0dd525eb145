((nano) => {
  "use strict";
  const { ops, internal } = nano;
  const { defineGlobal, util } = internal;
  const DOMExceptionCtor = DOMException;

  // ------------------------------------------------------------ helpers
  function encodeUtf8(s) {
    return ops.op_encode_utf8(util.toUSVString(s));
  }
  // UTF-8 decode as the Encoding standard's "UTF-8 decode": strips one leading BOM.
  function decodeUtf8(bytes) {
    if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
      bytes = bytes.subarray(3);
    }
    return ops.op_decode_utf8(bytes, false);
  }

  // ------------------------------------------------------------ labels
  const LABELS = new Map();
  for (const [name, labels] of [
    ["utf-8", ["unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8", "x-unicode20utf8"]],
    ["utf-16le", ["csunicode", "iso-10646-ucs-2", "ucs-2", "unicode", "unicodefeff", "utf-16", "utf-16le"]],
    ["utf-16be", ["unicodefffe", "utf-16be"]],
    [
      "windows-1252",
      [
        "ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819", "iso-8859-1", "iso-ir-100",
        "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1", "latin1", "us-ascii", "windows-1252",
        "x-cp1252",
      ],
    ],
  ]) {
    for (const l of labels) LABELS.set(l, name);
  }
  const ASCII_WS = /^[\t\n\f\r ]+|[\t\n\f\r ]+$/g;
  function resolveLabel(label) {
    return LABELS.get(label.replace(ASCII_WS, "").toLowerCase());
  }

  // windows-1252 bytes 0x80..0x9F; the rest map to the same code point.
  const CP1252_HIGH = [
    0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d,
    0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a,
    0x153, 0x9d, 0x17e, 0x178,
  ];

  // ------------------------------------------------------------ TextEncoder
  class TextEncoder {
    #brand = true;
    get encoding() {
      if (!(#brand in this)) throw new TypeError("Illegal invocation");
      return "utf-8";
    }
    encode(input = "") {
      if (!(#brand in this)) throw new TypeError("Illegal invocation");
      return encodeUtf8(input);
    }
    encodeInto(source, destination) {
      if (!(#brand in this)) throw new TypeError("Illegal invocation");
      util.requireArgs(arguments.length, 2, "TextEncoder.encodeInto");
      const s = util.toUSVString(source);
      if (!util.isUint8Array(destination)) {
        throw new TypeError("TextEncoder.encodeInto: destination must be a Uint8Array");
      }
      const cap = destination.length;
      let read = 0;
      let written = 0;
      for (let i = 0; i < s.length; i++) {
        const c = s.codePointAt(i);
        if (c < 0x80) {
          if (written + 1 > cap) break;
          destination[written++] = c;
        } else if (c < 0x800) {
          if (written + 2 > cap) break;
          destination[written++] = 0xc0 | (c >> 6);
          destination[written++] = 0x80 | (c & 0x3f);
        } else if (c < 0x10000) {
          if (written + 3 > cap) break;
          destination[written++] = 0xe0 | (c >> 12);
          destination[written++] = 0x80 | ((c >> 6) & 0x3f);
          destination[written++] = 0x80 | (c & 0x3f);
        } else {
          if (written + 4 > cap) break;
          destination[written++] = 0xf0 | (c >> 18);
          destination[written++] = 0x80 | ((c >> 12) & 0x3f);
          destination[written++] = 0x80 | ((c >> 6) & 0x3f);
          destination[written++] = 0x80 | (c & 0x3f);
          read++; // two UTF-16 code units
          i++;
        }
        read++;
      }
      return { read, written };
    }
  }
  util.enumerableMembers(TextEncoder, ["encoding", "encode", "encodeInto"]);
  util.setToStringTag(TextEncoder);

  // ------------------------------------------------------------ TextDecoder
  // Length of the incomplete but still valid UTF-8 sequence at the end of `b`, or 0.
  function incompleteTail(b) {
    const n = b.length;
    for (let back = 1; back <= 3 && back <= n; back++) {
      const lead = b[n - back];
      if (lead >= 0x80 && lead < 0xc0) continue; // continuation byte: keep looking
      let need = 0;
      if (lead >= 0xc2 && lead <= 0xdf) need = 2;
      else if (lead >= 0xe0 && lead <= 0xef) need = 3;
      else if (lead >= 0xf0 && lead <= 0xf4) need = 4;
      if (need <= back) return 0;
      // Is the partial sequence a valid prefix? (second-byte limits per the standard)
      if (back >= 2) {
        const second = b[n - back + 1];
        let lo = 0x80;
        let hi = 0xbf;
        if (lead === 0xe0) lo = 0xa0;
        else if (lead === 0xed) hi = 0x9f;
        else if (lead === 0xf0) lo = 0x90;
        else if (lead === 0xf4) hi = 0x8f;
        if (second < lo || second > hi) return 0;
      }
      return back;
    }
    return 0;
  }

  class TextDecoder {
    #encoding;
    #fatal;
    #ignoreBOM;
    #pending = null; // bytes held back between streaming calls
    #bomSeen = false;

    constructor(label = "utf-8", options = undefined) {
      const l = util.toDOMString(label);
      const opts = util.toDictionary(options, "TextDecoder");
      const enc = resolveLabel(l);
      if (enc === undefined) throw new RangeError(`TextDecoder: the encoding label '${l}' is not supported`);
      this.#encoding = enc;
      this.#fatal = !!opts.fatal;
      this.#ignoreBOM = !!opts.ignoreBOM;
    }

    static #check(d) {
      if (!util.isObject(d) || !(#encoding in d)) throw new TypeError("Illegal invocation");
    }
    get encoding() {
      TextDecoder.#check(this);
      return this.#encoding;
    }
    get fatal() {
      TextDecoder.#check(this);
      return this.#fatal;
    }
    get ignoreBOM() {
      TextDecoder.#check(this);
      return this.#ignoreBOM;
    }

    decode(input = undefined, options = undefined) {
      TextDecoder.#check(this);
      let bytes;
      if (input === undefined) bytes = new Uint8Array(0);
      // A detached buffer (or a view on one) holds no bytes (WebIDL "get a copy").
      else if (util.isBufferSource(input)) bytes = input.byteLength === 0 ? new Uint8Array(0) : util.viewOf(input);
      else throw new TypeError("TextDecoder.decode: input must be an ArrayBuffer or ArrayBufferView");
      const stream = !!util.toDictionary(options, "TextDecoder.decode").stream;
      if (this.#pending !== null) {
        bytes = util.concatBytes([this.#pending, bytes]);
        this.#pending = null;
      } else if (util.isSharedArrayBuffer(bytes.buffer)) {
        bytes = bytes.slice();
      }
      let out;
      try {
        switch (this.#encoding) {
          case "utf-8":
            out = this.#utf8(bytes, stream);
            break;
          case "utf-16le":
          case "utf-16be":
            out = this.#utf16(bytes, stream, this.#encoding === "utf-16be");
            break;
          default:
            out = decode1252(bytes);
        }
      } catch (e) {
        this.#reset();
        throw e;
      }
      if (!this.#ignoreBOM && !this.#bomSeen && out.length > 0) {
        this.#bomSeen = true;
        if (out.charCodeAt(0) === 0xfeff) out = out.slice(1);
      }
      if (!stream) this.#reset();
      return out;
    }

    #reset() {
      this.#pending = null;
      this.#bomSeen = false;
    }

    #utf8(bytes, stream) {
      if (stream) {
        const tail = incompleteTail(bytes);
        if (tail > 0) {
          this.#pending = bytes.slice(bytes.length - tail);
          bytes = bytes.subarray(0, bytes.length - tail);
        }
      }
      if (bytes.length === 0) return "";
      return ops.op_decode_utf8(bytes, this.#fatal);
    }

    #utf16(bytes, stream, bigEndian) {
      let end = bytes.length;
      if (stream) {
        end -= end % 2;
        // Hold back a lone high surrogate too; its partner may come next.
        if (end >= 2) {
          const u = bigEndian ? (bytes[end - 2] << 8) | bytes[end - 1] : bytes[end - 2] | (bytes[end - 1] << 8);
          if (u >= 0xd800 && u <= 0xdbff) end -= 2;
        }
        if (end < bytes.length) this.#pending = bytes.slice(end);
      }
      let out = "";
      let i = 0;
      for (; i + 1 < end; i += 2) {
        const u = bigEndian ? (bytes[i] << 8) | bytes[i + 1] : bytes[i] | (bytes[i + 1] << 8);
        if (u >= 0xd800 && u <= 0xdbff) {
          const j = i + 2;
          const v = j + 1 < end ? (bigEndian ? (bytes[j] << 8) | bytes[j + 1] : bytes[j] | (bytes[j + 1] << 8)) : -1;
          if (v >= 0xdc00 && v <= 0xdfff) {
            out += String.fromCharCode(u, v);
            i += 2;
            continue;
          }
          if (this.#fatal) throw new TypeError("TextDecoder: invalid UTF-16 data");
          out += "\uFFFD";
        } else if (u >= 0xdc00 && u <= 0xdfff) {
          if (this.#fatal) throw new TypeError("TextDecoder: invalid UTF-16 data");
          out += "\uFFFD";
        } else {
          out += String.fromCharCode(u);
        }
      }
      if (!stream && i < end) {
        if (this.#fatal) throw new TypeError("TextDecoder: truncated UTF-16 data");
        out += "\uFFFD";
      }
      return out;
    }
  }
  function decode1252(bytes) {
    let out = "";
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i];
      out += String.fromCharCode(b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : b);
    }
    return out;
  }
  util.enumerableMembers(TextDecoder, ["encoding", "fatal", "ignoreBOM", "decode"]);
  util.setToStringTag(TextDecoder);

  // ------------------------------------------------------------ streams variants
  class TextEncoderStream {
    #transform;
    #pendingHigh = ""; // a high surrogate split across chunks
    constructor() {
      this.#transform = new TransformStream({
        transform: (chunk, controller) => {
          let s = this.#pendingHigh + util.toDOMString(chunk);
          this.#pendingHigh = "";
          const last = s.charCodeAt(s.length - 1);
          if (last >= 0xd800 && last <= 0xdbff) {
            this.#pendingHigh = s.slice(-1);
            s = s.slice(0, -1);
          }
          if (s.length > 0) controller.enqueue(encodeUtf8(s));
        },
        flush: (controller) => {
          if (this.#pendingHigh) controller.enqueue(new Uint8Array([0xef, 0xbf, 0xbd]));
        },
      });
    }
    get encoding() {
      if (!(#transform in this)) throw new TypeError("Illegal invocation");
      return "utf-8";
    }
    get readable() {
      if (!(#transform in this)) throw new TypeError("Illegal invocation");
      return this.#transform.readable;
    }
    get writable() {
      if (!(#transform in this)) throw new TypeError("Illegal invocation");
      return this.#transform.writable;
    }
  }
  util.enumerableMembers(TextEncoderStream, ["encoding", "readable", "writable"]);
  util.setToStringTag(TextEncoderStream);

  class TextDecoderStream {
    #decoder;
    #transform;
    constructor(label = "utf-8", options = undefined) {
      this.#decoder = new TextDecoder(label, options);
      const decoder = this.#decoder;
      this.#transform = new TransformStream({
        transform(chunk, controller) {
          if (!util.isBufferSource(chunk)) throw new TypeError("TextDecoderStream: chunk must be a BufferSource");
          const s = decoder.decode(chunk, { stream: true });
          if (s) controller.enqueue(s);
        },
        flush(controller) {
          const s = decoder.decode();
          if (s) controller.enqueue(s);
        },
      });
    }
    get encoding() {
      if (!(#decoder in this)) throw new TypeError("Illegal invocation");
      return this.#decoder.encoding;
    }
    get fatal() {
      if (!(#decoder in this)) throw new TypeError("Illegal invocation");
      return this.#decoder.fatal;
    }
    get ignoreBOM() {
      if (!(#decoder in this)) throw new TypeError("Illegal invocation");
      return this.#decoder.ignoreBOM;
    }
    get readable() {
      if (!(#decoder in this)) throw new TypeError("Illegal invocation");
      return this.#transform.readable;
    }
    get writable() {
      if (!(#decoder in this)) throw new TypeError("Illegal invocation");
      return this.#transform.writable;
    }
  }
  util.enumerableMembers(TextDecoderStream, ["encoding", "fatal", "ignoreBOM", "readable", "writable"]);
  util.setToStringTag(TextDecoderStream);

  // ------------------------------------------------------------ atob / btoa
  const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const B64_INDEX = new Int16Array(128).fill(-1);
  for (let i = 0; i < 64; i++) B64_INDEX[B64.charCodeAt(i)] = i;

  function btoa(data) {
    util.requireArgs(arguments.length, 1, "btoa");
    const s = util.toDOMString(data);
    let out = "";
    let i = 0;
    for (; i < s.length; i++) {
      if (s.charCodeAt(i) > 0xff) {
        throw new DOMExceptionCtor("btoa: the string contains characters outside of the Latin1 range", "InvalidCharacterError");
      }
    }
    for (i = 0; i + 2 < s.length; i += 3) {
      const n = (s.charCodeAt(i) << 16) | (s.charCodeAt(i + 1) << 8) | s.charCodeAt(i + 2);
      out += B64[n >> 18] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63] + B64[n & 63];
    }
    const rest = s.length - i;
    if (rest === 1) {
      const n = s.charCodeAt(i) << 16;
      out += B64[n >> 18] + B64[(n >> 12) & 63] + "==";
    } else if (rest === 2) {
      const n = (s.charCodeAt(i) << 16) | (s.charCodeAt(i + 1) << 8);
      out += B64[n >> 18] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63] + "=";
    }
    return out;
  }

  // Forgiving-base64 decode (HTML standard).
  function atob(data) {
    util.requireArgs(arguments.length, 1, "atob");
    let s = util.toDOMString(data).replace(/[\t\n\f\r ]/g, "");
    if (s.length % 4 === 0) {
      if (s.endsWith("==")) s = s.slice(0, -2);
      else if (s.endsWith("=")) s = s.slice(0, -1);
    }
    const fail = () => {
      throw new DOMExceptionCtor("atob: the string to be decoded is not correctly encoded", "InvalidCharacterError");
    };
    if (s.length % 4 === 1) fail();
    let out = "";
    let buffer = 0;
    let bits = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      const v = c < 128 ? B64_INDEX[c] : -1;
      if (v < 0) fail();
      buffer = ((buffer << 6) | v) & 0xffffff;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out += String.fromCharCode((buffer >> bits) & 0xff);
      }
    }
    return out;
  }

  internal.encoding = { encodeUtf8, decodeUtf8, resolveLabel };

  defineGlobal("TextEncoder", TextEncoder);
  defineGlobal("TextDecoder", TextDecoder);
  defineGlobal("TextEncoderStream", TextEncoderStream);
  defineGlobal("TextDecoderStream", TextDecoderStream);
  defineGlobal("atob", atob);
  defineGlobal("btoa", btoa);
})(globalThis.__nano);
