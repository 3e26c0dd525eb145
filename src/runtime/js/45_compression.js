// CompressionStream / DecompressionStream (Compression Streams standard):
// TransformStreams over the native codecs ("gzip", "deflate", "deflate-raw").
// Loaded on first use (see `defineLazyGlobals` in 00_core.js).
(nano) => {
  "use strict";
  const { ops, internal } = nano;
  const { util } = internal;
  const TransformStreamCtor = internal.streams.TransformStream;
  const FORMATS = ["gzip", "deflate", "deflate-raw"];

  // Codecs of streams dropped before they finished are freed when the
  // transformer holding their id is collected. Made on first use: the
  // bootstrap runs into the snapshot.
  let registry;
  function codecRegistry() {
    if (registry === undefined) registry = new FinalizationRegistry((id) => ops.op_compression_close(id));
    return registry;
  }

  function enqueueAll(id, chunk, controller) {
    let [out, more] = ops.op_compression_push(id, chunk);
    if (out.byteLength > 0) controller.enqueue(out);
    while (more) {
      [out, more] = ops.op_compression_push(id);
      if (out.byteLength > 0) controller.enqueue(out);
    }
  }

  // BufferSource without [AllowShared]: an ArrayBuffer or a view of one, never
  // a SharedArrayBuffer nor a view of one.
  function isUnsharedBufferSource(chunk) {
    if (ArrayBuffer.isView(chunk)) return !util.isSharedArrayBuffer(chunk.buffer);
    return util.isBufferSource(chunk) && !util.isSharedArrayBuffer(chunk);
  }

  function createTransform(where, format, decompress) {
    const name = util.toDOMString(format);
    if (!FORMATS.includes(name)) {
      throw new TypeError(`${where}: Unsupported compression format: '${name}' (expected one of ${FORMATS.join(", ")})`);
    }
    const id = ops.op_compression_new(name, decompress);
    const transformer = {
      transform(chunk, controller) {
        if (!isUnsharedBufferSource(chunk)) {
          throw new TypeError(`${where}: chunks must be ArrayBuffers or ArrayBuffer views`);
        }
        enqueueAll(id, chunk, controller);
      },
      flush(controller) {
        codecRegistry().unregister(transformer);
        const out = ops.op_compression_finish(id);
        if (out.byteLength > 0) controller.enqueue(out);
      },
      cancel() {
        codecRegistry().unregister(transformer);
        ops.op_compression_close(id);
      },
    };
    codecRegistry().register(transformer, id, transformer);
    return new TransformStreamCtor(transformer);
  }

  // CompressionStream and DecompressionStream differ only in direction.
  function codecStreamClass(name, decompress) {
    const CodecStream = class {
      #transform;
      constructor(format) {
        util.requireArgs(arguments.length, 1, name);
        this.#transform = createTransform(name, format, decompress);
      }
      get readable() {
        if (!util.isObject(this) || !(#transform in this)) throw new TypeError("Illegal invocation");
        return this.#transform.readable;
      }
      get writable() {
        if (!util.isObject(this) || !(#transform in this)) throw new TypeError("Illegal invocation");
        return this.#transform.writable;
      }
    };
    Object.defineProperty(CodecStream, "name", { value: name });
    util.enumerableMembers(CodecStream, ["readable", "writable"]);
    util.setToStringTag(CodecStream);
    return CodecStream;
  }
  const CompressionStream = codecStreamClass("CompressionStream", false);
  const DecompressionStream = codecStreamClass("DecompressionStream", true);

  return { CompressionStream, DecompressionStream };
};
