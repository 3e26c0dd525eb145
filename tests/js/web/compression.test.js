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
