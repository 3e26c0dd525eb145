((nano) => {
  "use strict";
  const internal = nano.internal;
  const { util, streams, encoding, blob, formData, url, headers: H, mime: M } = internal;

  // A body (Fetch standard): either bytes not yet turned into a stream (the common
  // case: strings, buffers, host request bodies), or a ReadableStream. The stream is
  // only created if someone asks for `.body`, so plain text()/arrayBuffer() never
  // build one.
  class InnerBody {
    constructor(stream, source, shared = false) {
      this.stream = stream; // ReadableStream or null
      this.source = source; // Uint8Array, a string (encoded as UTF-8 when bytes are needed), or null
      this.shared = shared; // source is also referenced elsewhere (a Blob, a clone)
      this.used = false; // consumed while no stream existed
    }

    get disturbed() {
      return this.stream !== null ? streams.isDisturbed(this.stream) : this.used;
    }
    get locked() {
      return this.stream !== null && streams.isLocked(this.stream);
    }
    get unusable() {
      return this.disturbed || this.locked;
    }

    getStream() {
      if (this.stream === null) {
        if (this.used) {
          this.stream = streams.usedStream();
        } else {
          this.stream = streams.fromSource(this.#ownSource());
        }
        this.source = null;
      }
      return this.stream;
    }

    // Resolves with bytes the caller owns.
    consume() {
      if (this.unusable) return Promise.reject(new TypeError("Body has already been used"));
      if (this.stream === null) {
        this.used = true;
        const bytes = this.#ownBytes();
        this.source = null;
        return Promise.resolve(bytes);
      }
      return streams.readAllBytes(this.stream);
    }

    clone() {
      if (this.stream !== null) {
        const source = streams.takePristineSource(this.stream);
        if (source === null) {
          const [a, b] = streams.tee(this.stream);
          this.stream = a;
          return new InnerBody(b, null);
        }
        this.stream = null;
        this.source = source;
      }
      this.shared = true;
      return new InnerBody(null, this.source, true);
    }

    // Moves this body into a new holder; this one reads as used afterwards.
    transfer() {
      const moved = new InnerBody(this.stream, this.source, this.shared);
      this.stream = this.stream !== null ? streams.usedStream() : null;
      this.source = null;
      this.used = true;
      return moved;
    }

    // The source (bytes, or text) as one the caller may keep.
    #ownSource() {
      const source = this.source;
      return this.shared && typeof source !== "string" ? source.slice() : source;
    }

    // The source as bytes the caller may keep.
    #ownBytes() {
      const source = this.#ownSource();
      return typeof source === "string" ? encoding.encodeUtf8(source) : source;
    }

    // For the host: bytes when they are known, else the stream. A body still
    // held as text is given as the string when `text` allows it (the server
    // writes it out as UTF-8 itself). Marks the body used.
    take(text = false) {
      let source;
      if (this.stream === null) {
        this.used = true;
        source = this.source;
        this.source = null;
      } else {
        source = streams.takePristineSource(this.stream);
        if (source === null) return this.stream;
      }
      return typeof source === "string" && !text ? encoding.encodeUtf8(source) : source;
    }
  }

  // Fetch "extract a body": returns the InnerBody, and `extractedType()` is
  // then its Content-Type (a string or null) until the next extraction. Not
  // one {body, contentType} result: that object would be one more piece of
  // garbage for every Response made with a body.
  let lastType = null;
  function extractedAs(body, contentType) {
    lastType = contentType;
    return body;
  }
  const extractedType = () => lastType;
  function extractBody(object) {
    if (typeof object === "string") {
      return extractedAs(new InnerBody(null, object), "text/plain;charset=UTF-8");
    }
    if (util.isObject(object)) {
      if (util.isBufferSource(object)) {
        return extractedAs(new InnerBody(null, util.copyOf(object)), null);
      }
      if (blob.isBlob(object)) {
        const type = object.type;
        return extractedAs(new InnerBody(null, blob.blobBytes(object), true), type === "" ? null : type);
      }
      if (url.isURLSearchParams(object)) {
        const s = url.serializeUrlencoded(url.paramsList(object));
        return extractedAs(new InnerBody(null, s), "application/x-www-form-urlencoded;charset=UTF-8");
      }
      if (formData.isFormData(object)) {
        const { bytes, contentType } = formData.serializeMultipart(object);
        return extractedAs(new InnerBody(null, bytes), contentType);
      }
      if (streams.isReadableStream(object)) {
        if (streams.isDisturbed(object) || streams.isLocked(object)) {
          throw new TypeError("The body stream is already disturbed or locked");
        }
        return extractedAs(new InnerBody(object, null), null);
      }
    }
    // Anything else is converted to a string, as the BodyInit union does.
    return extractedAs(new InnerBody(null, util.toUSVString(object)), "text/plain;charset=UTF-8");
  }

  // Essence of a Content-Type header value ("" when absent or unparsable).
  function mimeEssence(contentType) {
    const m = M.extract(contentType);
    return m === null ? "" : M.essence(m);
  }

  function toArrayBuffer(bytes) {
    if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && !util.isSharedArrayBuffer(bytes.buffer)) {
      return bytes.buffer;
    }
    return bytes.slice().buffer;
  }

  const EMPTY = () => new Uint8Array(0);

  // Adds the Body mixin to a class. `bodyOf(self)` brand-checks and returns the
  // InnerBody or null; `headersOf(self)` returns the Headers object.
  function installBodyMixin(cls, bodyOf, headersOf) {
    const consume = (self, convert) => {
      let body;
      try {
        body = bodyOf(self);
      } catch (e) {
        return Promise.reject(e);
      }
      const p = body === null ? Promise.resolve(EMPTY()) : body.consume();
      return p.then((bytes) => convert(bytes, self));
    };
    const members = {
      get body() {
        const b = bodyOf(this);
        return b === null ? null : b.getStream();
      },
      get bodyUsed() {
        const b = bodyOf(this);
        return b !== null && b.disturbed;
      },
      arrayBuffer() {
        return consume(this, toArrayBuffer);
      },
      blob() {
        return consume(this, (bytes, self) => {
          // Fetch: the type is the serialized result of "extract a MIME type".
          const m = M.extract(H.getRaw(headersOf(self), "content-type"));
          return blob.makeBlob(bytes, m === null ? "" : M.serialize(m));
        });
      },
      bytes() {
        return consume(this, (bytes) => bytes);
      },
      formData() {
        return consume(this, (bytes, self) => {
          const type = H.getRaw(headersOf(self), "content-type");
          const m = M.extract(type);
          const essence = m === null ? "" : M.essence(m);
          if (essence === "multipart/form-data") return formData.parseMultipart(bytes, m);
          if (essence === "application/x-www-form-urlencoded") return formData.parseUrlencodedToFormData(bytes);
          throw new TypeError(`Cannot parse a body with Content-Type '${type ?? ""}' as FormData`);
        });
      },
      json() {
        return consume(this, (bytes) => JSON.parse(encoding.decodeUtf8(bytes)));
      },
      text() {
        return consume(this, (bytes) => encoding.decodeUtf8(bytes));
      },
    };
    for (const name of Object.keys(members)) {
      const d = Object.getOwnPropertyDescriptor(members, name);
      d.enumerable = true;
      d.configurable = true;
      if ("value" in d) d.writable = true;
      Object.defineProperty(cls.prototype, name, d);
    }
  }

  internal.body = { InnerBody, extractBody, extractedType, installBodyMixin, mimeEssence };
})(globalThis.__nano);
