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

  // The Encoding standard's "UTF-8 decode without BOM": a leading BOM stays,
  // as U+FEFF (what application/x-www-form-urlencoded parsing asks for).
  function decodeUtf8WithoutBom(bytes) {
    return ops.op_decode_utf8(bytes, false);
  }

  // ------------------------------------------------------------ labels
  // The Encoding standard's label table lives in encoding_rs (Rust); the
  // UTF-8 labels, by far the most used, are known here without a call.
  const UTF8_LABELS = new Set(["unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8", "x-unicode20utf8"]);
  const ASCII_WS = /^[\t\n\f\r ]+|[\t\n\f\r ]+$/g;
  function resolveLabel(label) {
    const trimmed = label.replace(ASCII_WS, "").toLowerCase();
    if (UTF8_LABELS.has(trimmed)) return "utf-8";
    return ops.op_encoding_name(trimmed) ?? undefined;
  }

  // Decoders of other encodings live in Rust; those of collected
  // TextDecoders are freed.
  let decoderRegistry;
  function legacyDecoder(owner, encoding, fatal, ignoreBOM) {
    const id = ops.op_text_decoder_new(encoding, fatal, ignoreBOM);
    decoderRegistry ??= new FinalizationRegistry((handle) => ops.op_text_decoder_free(handle));
    decoderRegistry.register(owner, id);
    return id;
  }

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
    #pending = null; // UTF-8 bytes held back between streaming calls
    #bomSeen = false;
    #legacy = undefined; // the Rust decoder of an encoding other than UTF-8

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
      if (this.#encoding !== "utf-8") {
        this.#legacy ??= legacyDecoder(this, this.#encoding, this.#fatal, this.#ignoreBOM);
        return ops.op_text_decoder_decode(this.#legacy, bytes, stream);
      }
      if (this.#pending !== null) {
        bytes = util.concatBytes([this.#pending, bytes]);
        this.#pending = null;
      } else if (util.isSharedArrayBuffer(bytes.buffer)) {
        bytes = bytes.slice();
      }
      let out;
      try {
        out = this.#utf8(bytes, stream);
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

  internal.encoding = { encodeUtf8, decodeUtf8, decodeUtf8WithoutBom, resolveLabel };

  defineGlobal("TextEncoder", TextEncoder);
  defineGlobal("TextDecoder", TextDecoder);
  defineGlobal("TextEncoderStream", TextEncoderStream);
  defineGlobal("TextDecoderStream", TextDecoderStream);
  defineGlobal("atob", atob);
  defineGlobal("btoa", btoa);
})(globalThis.__nano);
