// CompressionStream / DecompressionStream (Compression Streams standard).

const FORMATS = ["gzip", "deflate", "deflate-raw"];

async function pipeBytes(chunks, transform) {
  const stream = new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  }).pipeThrough(transform);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function sample(n) {
  const out = new Uint8Array(n);
  let x = 1;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out[i] = i % 3 === 0 ? x & 0xff : 97 + (i % 7);
  }
  return out;
}

test("CompressionStream → DecompressionStream round trip for every format", async () => {
  const data = sample(300000);
  for (const format of FORMATS) {
    const packed = await pipeBytes([data.subarray(0, 1000), data.subarray(1000).buffer.slice(1000)], new CompressionStream(format));
    assert(packed.length < data.length, `${format} compresses`);
    const pieces = [];
    for (let i = 0; i < packed.length; i += 999) pieces.push(packed.slice(i, i + 999));
    const plain = await pipeBytes(pieces, new DecompressionStream(format));
    assertEquals(plain.length, data.length, format);
    assert(plain.every((b, i) => b === data[i]), `${format} round trip`);
  }
});

test("CompressionStream: headers of each format; empty input", async () => {
  const gz = await pipeBytes([new TextEncoder().encode("hi")], new CompressionStream("gzip"));
  assertEquals([gz[0], gz[1], gz[2]], [0x1f, 0x8b, 8]);
  const z = await pipeBytes([new Uint8Array([1])], new CompressionStream("deflate"));
  assertEquals(z[0] & 0x0f, 8, "zlib header: deflate method");
  assertEquals(((z[0] << 8) | z[1]) % 31, 0, "zlib header check bits");
  for (const format of FORMATS) {
    const empty = await pipeBytes([], new CompressionStream(format));
    assert(empty.length > 0);
    assertEquals((await pipeBytes([empty], new DecompressionStream(format))).length, 0);
  }
});

test("DecompressionStream: known gzip bytes, DataView chunks", async () => {
  // "hello\n" compressed by gzip(1).
  const gz = bytes(
    0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xcb, 0x48, 0xcd, 0xc9, 0xc9, 0xe7,
    0x02, 0x00, 0x20, 0x30, 0x3a, 0x36, 0x06, 0x00, 0x00, 0x00,
  );
  const out = await pipeBytes([new DataView(gz.buffer, 0, 5), gz.subarray(5)], new DecompressionStream("gzip"));
  assertEquals(new TextDecoder().decode(out), "hello\n");
});

test("Compression streams: unsupported format and bad chunks are TypeErrors", async () => {
  for (const format of ["br", "GZIP", "", "zstd", undefined]) {
    assertThrows(() => new CompressionStream(format), TypeError);
    assertThrows(() => new DecompressionStream(format), TypeError);
  }
  assertThrows(() => new CompressionStream(), TypeError);
  await assertRejects(pipeBytes(["text"], new CompressionStream("gzip")), TypeError);
  await assertRejects(pipeBytes([[1, 2]], new DecompressionStream("deflate")), TypeError);
  const cs = new CompressionStream("deflate");
  assert(cs.readable instanceof ReadableStream && cs.writable instanceof WritableStream);
  assertThrows(() => Object.getOwnPropertyDescriptor(CompressionStream.prototype, "readable").get.call({}), TypeError);
});

test("DecompressionStream: corrupt, truncated and trailing data are TypeErrors", async () => {
  const packed = await pipeBytes([new TextEncoder().encode("some text to pack ".repeat(20))], new CompressionStream("gzip"));
  await assertRejects(pipeBytes([bytes(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)], new DecompressionStream("gzip")), TypeError);
  await assertRejects(pipeBytes([packed.subarray(0, packed.length - 4)], new DecompressionStream("gzip")), TypeError);
  await assertRejects(pipeBytes([packed, bytes(0)], new DecompressionStream("gzip")), TypeError);
  const badCrc = packed.slice();
  badCrc[badCrc.length - 8] ^= 1;
  await assertRejects(pipeBytes([badCrc], new DecompressionStream("gzip")), TypeError);
  await assertRejects(pipeBytes([bytes(0xff, 0xff, 0xff, 0xff)], new DecompressionStream("deflate")), TypeError);
  await assertRejects(pipeBytes([bytes(0x78)], new DecompressionStream("deflate")), TypeError);
  const raw = await pipeBytes([bytes(1, 2, 3)], new CompressionStream("deflate-raw"));
  await assertRejects(pipeBytes([raw, bytes(1, 2)], new DecompressionStream("deflate-raw")), TypeError);
  // A writer sees the error too.
  const ds = new DecompressionStream("gzip");
  const writer = ds.writable.getWriter();
  const reading = new Response(ds.readable).arrayBuffer();
  await assertRejects(writer.write(bytes(9, 9, 9)), TypeError);
  await assertRejects(reading, TypeError);
});

test("DecompressionStream: a small input that inflates a lot arrives in pieces", async () => {
  const zeros = new Uint8Array(5 * 1024 * 1024);
  const packed = await pipeBytes([zeros], new CompressionStream("deflate-raw"));
  assert(packed.length < 10000);
  const reader = new Blob([packed]).stream().pipeThrough(new DecompressionStream("deflate-raw")).getReader();
  let total = 0;
  let chunks = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    assert(value instanceof Uint8Array);
    assert(value.length <= 2 * 1024 * 1024, "chunks stay bounded");
    assert(value.every((b) => b === 0));
    total += value.length;
    chunks++;
  }
  assertEquals(total, zeros.length);
  assert(chunks >= 3, `${chunks} chunks`);
});

test("Compression streams: cancelling frees the stream", async () => {
  const cs = new CompressionStream("gzip");
  const writer = cs.writable.getWriter();
  const written = writer.write(new Uint8Array(10));
  written.catch(() => {});
  await cs.readable.cancel("stop");
  await assertRejects(writer.closed);
});

// ---- Cases re-expressed from WPT compression/*.any.js.

// "expected output" packed by each format (zlib level 6; gzip with mtime 0).
const EXPECTED_TEXT = "expected output";
const PACKED = {
  deflate: bytes(120, 156, 75, 173, 40, 72, 77, 46, 73, 77, 81, 200, 47, 45, 41, 40, 45, 1, 0, 48, 173, 6, 36),
  gzip: bytes(31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 75, 173, 40, 72, 77, 46, 73, 77, 81, 200, 47, 45, 41, 40, 45, 1, 0,
    176, 1, 57, 179, 15, 0, 0, 0),
  "deflate-raw": bytes(75, 173, 40, 72, 77, 46, 73, 77, 81, 200, 47, 45, 41, 40, 45, 1, 0),
};

// Reads a DecompressionStream fed `input` to the end: "success", "corrupt"
// (wrong output), or "error" (a TypeError), like WPT's tryDecompress.
async function tryDecompress(input, format) {
  const ds = new DecompressionStream(format);
  const reader = ds.readable.getReader();
  const writer = ds.writable.getWriter();
  writer.write(input).catch(() => {});
  writer.close().catch(() => {});
  const out = [];
  for (;;) {
    let r;
    try {
      r = await reader.read();
    } catch (e) {
      return e instanceof TypeError ? "error" : e.name;
    }
    if (r.done) break;
    out.push(...r.value);
  }
  return String.fromCharCode(...out) === EXPECTED_TEXT ? "success" : "corrupt";
}

function withField(input, offset, length, value) {
  const out = new Uint8Array(input);
  const start = offset < 0 ? offset + input.length : offset;
  out.fill(value, start, start + length);
  return out;
}

// WPT compression/decompression-correct-input.any.js
test("DecompressionStream: known inputs of every format give the text", async () => {
  for (const format of FORMATS) {
    assertEquals(await tryDecompress(PACKED[format], format), "success", format);
  }
});

// WPT compression/decompression-corrupt-input.any.js
test("DecompressionStream: truncation and trailing junk are errors for every format", async () => {
  for (const format of FORMATS) {
    assertEquals(await tryDecompress(PACKED[format].subarray(0, -1), format), "error", `${format} truncated`);
    assertEquals(await tryDecompress(new Uint8Array([...PACKED[format], 0]), format), "error", `${format} junk`);
  }
});

test("DecompressionStream: deflate header and checksum fields", async () => {
  const d = PACKED.deflate;
  assertEquals(await tryDecompress(withField(d, 0, 1, 0), "deflate"), "error", "CMF 0");
  // FLG's FCHECK bits make CMF*256+FLG a multiple of 31: 1, 94, 156 and 218 (no FDICT) are all valid.
  for (const flg of [1, 94, 218]) {
    assertEquals(await tryDecompress(withField(d, 1, 1, flg), "deflate"), "success", `FLG ${flg}`);
  }
  assertEquals(await tryDecompress(withField(d, 1, 1, 157), "deflate"), "error", "FLG 157");
  assertEquals(await tryDecompress(withField(d, -4, 4, 255), "deflate"), "error", "ADLER32");
});

test("DecompressionStream: gzip header, CRC and ISIZE fields", async () => {
  const g = PACKED.gzip;
  assertEquals(await tryDecompress(withField(g, 0, 2, 255), "gzip"), "error", "ID");
  assertEquals(await tryDecompress(withField(g, 2, 1, 0), "gzip"), "error", "CM");
  assertEquals(await tryDecompress(withField(g, 3, 1, 1), "gzip"), "success", "FLG FTEXT");
  assertEquals(await tryDecompress(withField(g, 3, 1, 2), "gzip"), "error", "FLG FHCRC without a header CRC");
  assertEquals(await tryDecompress(withField(g, 4, 4, 255), "gzip"), "success", "MTIME");
  assertEquals(await tryDecompress(withField(g, 8, 1, 255), "gzip"), "success", "XFL");
  assertEquals(await tryDecompress(withField(g, 9, 1, 128), "gzip"), "success", "OS");
  assertEquals(await tryDecompress(withField(g, -8, 4, 0), "gzip"), "error", "CRC");
  assertEquals(await tryDecompress(withField(g, -4, 4, 1), "gzip"), "error", "ISIZE");
});

test("DecompressionStream: deflate data that needs a preset dictionary is an error", async () => {
  const withDict = bytes(120, 187, 107, 149, 9, 89, 43, 193, 42, 202, 0, 0, 116, 238, 9, 89);
  assertEquals(await tryDecompress(withDict, "deflate"), "error");
});

// WPT compression/decompression-empty-input.any.js
test("DecompressionStream: a stream holding no data decompresses to nothing, done at once", async () => {
  const empties = {
    gzip: bytes(31, 139, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0),
    deflate: bytes(120, 156, 3, 0, 0, 0, 0, 1),
    "deflate-raw": bytes(1, 0, 0, 255, 255),
  };
  for (const format of FORMATS) {
    const ds = new DecompressionStream(format);
    const reader = ds.readable.getReader();
    const writer = ds.writable.getWriter();
    const written = writer.write(empties[format]);
    writer.close();
    assertEquals(await reader.read(), { value: undefined, done: true }, format);
    await written;
  }
});

test("DecompressionStream: no input at all is an error (the format's end is missing)", async () => {
  for (const format of FORMATS) {
    await assertRejects(pipeBytes([], new DecompressionStream(format)), TypeError);
  }
});

// WPT compression/decompression-extra-input.any.js
test("DecompressionStream: the output before trailing junk is still delivered", async () => {
  for (const format of FORMATS) {
    const ds = new DecompressionStream(format);
    const reader = ds.readable.getReader();
    const writer = ds.writable.getWriter();
    writer.write(new Uint8Array([...PACKED[format], 0])).catch(() => {});
    const { value } = await reader.read();
    assertEquals(new TextDecoder().decode(value), EXPECTED_TEXT, format);
    await assertRejects(reader.read(), TypeError);
  }
});

// WPT compression/compression-bad-chunks.any.js, decompression-bad-chunks.any.js
test("Compression streams: non-BufferSource and shared chunks error the stream", async () => {
  const bad = [undefined, null, 3.14, {}, [65], "str", new SharedArrayBuffer(4), new Uint8Array(new SharedArrayBuffer(4))];
  for (const Ctor of [CompressionStream, DecompressionStream]) {
    for (const format of FORMATS) {
      for (const chunk of bad) {
        const ts = new Ctor(format);
        const reader = ts.readable.getReader();
        const writer = ts.writable.getWriter();
        const written = writer.write(chunk);
        const read = reader.read();
        await assertRejects(written, TypeError);
        await assertRejects(read, TypeError);
      }
    }
  }
});

test("DecompressionStream: bytes that are not compressed data error the stream", async () => {
  for (const format of FORMATS) {
    const ds = new DecompressionStream(format);
    const reader = ds.readable.getReader();
    const writer = ds.writable.getWriter();
    const written = writer.write(new TextEncoder().encode("not compressed at all, really"));
    const read = reader.read();
    await assertRejects(written, TypeError);
    await assertRejects(read, TypeError);
  }
});

// WPT compression/decompression-split-chunk.any.js
test("DecompressionStream: input split into chunks of every size from 1 to 16", async () => {
  for (const format of FORMATS) {
    const packed = PACKED[format];
    for (let size = 1; size <= 16; size++) {
      const chunks = [];
      for (let i = 0; i < packed.length; i += size) chunks.push(packed.slice(i, i + size));
      const out = await pipeBytes(chunks, new DecompressionStream(format));
      assertEquals(new TextDecoder().decode(out), EXPECTED_TEXT, `${format} in ${size}-byte chunks`);
    }
  }
});

// WPT compression/decompression-uint8array-output.any.js
test("DecompressionStream / CompressionStream: output chunks are Uint8Arrays", async () => {
  for (const format of FORMATS) {
    for (const ts of [new DecompressionStream(format), new CompressionStream(format)]) {
      const writer = ts.writable.getWriter();
      writer.write(ts instanceof DecompressionStream ? PACKED[format] : new TextEncoder().encode(EXPECTED_TEXT));
      writer.close();
      const reader = ts.readable.getReader();
      let any = false;
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        any = true;
        assertEquals(Object.getPrototypeOf(value), Uint8Array.prototype);
      }
      assert(any, `${format} produced output`);
    }
  }
});

// WPT compression/decompression-buffersource.any.js
test("DecompressionStream: every BufferSource type is accepted as input", async () => {
  const ctors = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
    Float32Array, Float64Array, BigInt64Array, BigUint64Array, DataView, ArrayBuffer];
  for (const format of FORMATS) {
    const packed = PACKED[format];
    for (const Ctor of ctors) {
      const size = Ctor.BYTES_PER_ELEMENT || 1;
      // A Uint8Array for the head so that the rest is a whole number of elements.
      const cut = packed.length % size;
      const tail = packed.slice(cut).buffer;
      const chunk = Ctor === ArrayBuffer ? tail : new Ctor(tail);
      const out = await pipeBytes([packed.slice(0, cut), chunk], new DecompressionStream(format));
      assertEquals(new TextDecoder().decode(out), EXPECTED_TEXT, `${format} with ${Ctor.name}`);
    }
  }
});

test("CompressionStream: every BufferSource type is accepted as input", async () => {
  const text = new TextEncoder().encode("01234567".repeat(4));
  for (const Ctor of [Uint16Array, Float64Array, DataView, ArrayBuffer, BigInt64Array]) {
    const chunk = Ctor === ArrayBuffer ? text.slice().buffer : new Ctor(text.slice().buffer);
    const packed = await pipeBytes([chunk], new CompressionStream("deflate"));
    assertEquals(await pipeBytes([packed], new DecompressionStream("deflate")), text, Ctor.name);
  }
});

// WPT compression/compression-including-empty-chunk.any.js
test("CompressionStream: empty chunks among others change nothing", async () => {
  const enc = new TextEncoder();
  const cases = [["", "Hello", "Hello"], ["Hello", "", "Hello"], ["Hello", "Hello", ""], [""], ["", ""]];
  for (const format of FORMATS) {
    for (const parts of cases) {
      const packed = await pipeBytes(parts.map((p) => enc.encode(p)), new CompressionStream(format));
      const plain = await pipeBytes([packed], new DecompressionStream(format));
      assertEquals(new TextDecoder().decode(plain), parts.join(""), `${format} ${JSON.stringify(parts)}`);
    }
  }
});

test("DecompressionStream: empty chunks inside the compressed input are skipped", async () => {
  for (const format of FORMATS) {
    const p = PACKED[format];
    const out = await pipeBytes([new Uint8Array(0), p.subarray(0, 3), new Uint8Array(0), p.subarray(3), new Uint8Array(0)],
      new DecompressionStream(format));
    assertEquals(new TextDecoder().decode(out), EXPECTED_TEXT, format);
  }
});

// WPT compression/compression-multiple-chunks.any.js
test("CompressionStream: many small chunks round trip", async () => {
  const enc = new TextEncoder();
  for (const format of FORMATS) {
    for (const count of [2, 16, 1000]) {
      const chunks = [];
      for (let i = 0; i < count; i++) chunks.push(enc.encode("Hello"));
      const packed = await pipeBytes(chunks, new CompressionStream(format));
      const plain = new TextDecoder().decode(await pipeBytes([packed], new DecompressionStream(format)));
      assertEquals(plain, "Hello".repeat(count), `${format} × ${count}`);
    }
  }
});

// WPT compression/compression-output-length.any.js
test("CompressionStream: repetitive input gets much smaller", async () => {
  const data = new TextEncoder().encode("The quick brown fox jumps over the lazy dog. ".repeat(500));
  for (const format of FORMATS) {
    const packed = await pipeBytes([data], new CompressionStream(format));
    assert(packed.length < data.length / 10, `${format}: ${packed.length} bytes`);
  }
});

// WPT compression/compression-large-flush-output.any.js
test("CompressionStream: a large flush output is complete", async () => {
  const json = new TextEncoder().encode(JSON.stringify(Array.from({ length: 10000 }, (_, i) => i))).subarray(0, 35579);
  for (const format of FORMATS) {
    const cs = new CompressionStream(format);
    const writer = cs.writable.getWriter();
    writer.write(json);
    writer.close();
    const packed = new Uint8Array(await new Response(cs.readable).arrayBuffer());
    const plain = await pipeBytes([packed], new DecompressionStream(format));
    assertEquals(plain.length, json.length, format);
    assertEquals(plain, json.slice(), format);
  }
});

// WPT compression/compression-stream.any.js
test("CompressionStream: data of several sizes survives a round trip through 1-byte writes", async () => {
  for (const format of FORMATS) {
    for (const n of [0, 1, 100, 1000]) {
      const data = sample(n);
      const chunks = [];
      for (let i = 0; i < Math.min(n, 100); i++) chunks.push(data.subarray(i, i + 1));
      if (n > 100) chunks.push(data.subarray(100));
      const packed = await pipeBytes(chunks, new CompressionStream(format));
      const split = [];
      for (let i = 0; i < packed.length; i++) split.push(packed.subarray(i, i + 1));
      const plain = await pipeBytes(split, new DecompressionStream(format));
      assertEquals(plain, data, `${format} n=${n}`);
    }
  }
});

test("CompressionStream: the writable side applies backpressure like a TransformStream", async () => {
  const cs = new CompressionStream("gzip");
  const writer = cs.writable.getWriter();
  assertEquals(writer.desiredSize, 1);
  writer.write(new Uint8Array(10));
  writer.write(new Uint8Array(10));
  assert(writer.desiredSize <= 0, "queued writes wait for a reader");
  const reading = new Response(cs.readable).arrayBuffer();
  await writer.close();
  assert((await reading).byteLength > 0);
});

// WPT compression/compression-constructor-error.any.js, decompression-constructor-error.tentative.any.js
test("Compression streams: the format is converted with ToString", async () => {
  const format = { toString: () => "deflate" };
  const packed = await pipeBytes([new Uint8Array([1, 2, 3])], new CompressionStream(format));
  assertEquals(await pipeBytes([packed], new DecompressionStream(format)), bytes(1, 2, 3));
  assertThrows(() => new CompressionStream({ toString: () => "nope" }), TypeError);
  assertThrows(() => new CompressionStream(Symbol("gzip")), TypeError);
  assertThrows(() => new DecompressionStream("Deflate"), TypeError);
  assertThrows(() => new DecompressionStream("gzip "), TypeError);
  assertThrows(() => CompressionStream("gzip"), TypeError);
});

test("Compression streams: interface shape", () => {
  for (const C of [CompressionStream, DecompressionStream]) {
    assertEquals(C.length, 1);
    assertEquals(Object.prototype.toString.call(new C("gzip")), `[object ${C.name}]`);
    const proto = C.prototype;
    for (const name of ["readable", "writable"]) {
      const desc = Object.getOwnPropertyDescriptor(proto, name);
      assertEquals(typeof desc.get, "function");
      assertEquals(desc.set, undefined);
      assertEquals(desc.enumerable, true);
      assertThrows(() => desc.get.call(new TransformStream()), TypeError);
    }
    const ts = new C("deflate-raw");
    assert(ts.readable === ts.readable);
  }
});

test("Compression streams: an aborted writable errors the readable", async () => {
  const ds = new DecompressionStream("gzip");
  const reader = ds.readable.getReader();
  await ds.writable.abort(new RangeError("stop"));
  await assertRejects(reader.read(), RangeError);
});

test("Compression streams: pipeThrough chains a compressor into a decompressor", async () => {
  const data = sample(20000);
  for (const format of FORMATS) {
    const rs = new Blob([data]).stream()
      .pipeThrough(new CompressionStream(format))
      .pipeThrough(new DecompressionStream(format));
    const out = new Uint8Array(await new Response(rs).arrayBuffer());
    assertEquals(out, data, format);
  }
});
