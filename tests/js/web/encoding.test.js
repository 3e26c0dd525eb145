// TextEncoder/TextDecoder (Encoding standard), atob/btoa (HTML).
// Cases adapted from WPT encoding/textdecoder-*.any.js, encoding/encodeInto.any.js,
// encoding/api-basics.any.js and html/webappapis/atob/base64.any.js.

test("TextEncoder: encode", () => {
  const e = new TextEncoder();
  assertEquals(e.encoding, "utf-8");
  assertEquals(e.encode("a€𝄞"), bytes(0x61, 0xe2, 0x82, 0xac, 0xf0, 0x9d, 0x84, 0x9e));
  assertEquals(e.encode(), bytes());
  assertEquals(e.encode("\ud800"), bytes(0xef, 0xbf, 0xbd), "lone surrogate -> U+FFFD");
  assertEquals(e.encode(1), bytes(0x31));
});

test("TextEncoder: encodeInto", () => {
  const e = new TextEncoder();
  const buf = new Uint8Array(5);
  assertEquals(e.encodeInto("a€𝄞", buf), { read: 2, written: 4 });
  assertEquals(buf, bytes(0x61, 0xe2, 0x82, 0xac, 0));
  const big = new Uint8Array(8);
  assertEquals(e.encodeInto("𝄞x", big), { read: 3, written: 5 });
  assertEquals(e.encodeInto("\udc00", big), { read: 1, written: 3 });
  assertThrows(() => e.encodeInto("a", new Uint16Array(2)), TypeError);
  assertThrows(() => e.encodeInto("a"), TypeError);
});

test("TextDecoder: labels", () => {
  assertEquals(new TextDecoder().encoding, "utf-8");
  assertEquals(new TextDecoder(" UTF8\n").encoding, "utf-8");
  assertEquals(new TextDecoder("unicode-1-1-utf-8").encoding, "utf-8");
  assertEquals(new TextDecoder("utf-16").encoding, "utf-16le");
  assertEquals(new TextDecoder("latin1").encoding, "windows-1252");
  assertThrows(() => new TextDecoder("nope"), RangeError);
  assertThrows(() => new TextDecoder("replacement"), RangeError);
});

test("TextDecoder: BOM handling", () => {
  const bom = bytes(0xef, 0xbb, 0xbf, 0x61);
  assertEquals(new TextDecoder().decode(bom), "a");
  assertEquals(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bom), "\ufeffa");
  const d = new TextDecoder();
  assertEquals(d.decode(bytes(0xef, 0xbb), { stream: true }), "");
  assertEquals(d.decode(bytes(0xbf, 0x62), { stream: true }), "b");
  assertEquals(d.decode(bytes(0xef, 0xbb, 0xbf)), "\ufeff", "only the first BOM of a stream goes");
  assertEquals(d.decode(bom), "a", "a new stream starts after a non-streaming call");
});

test("TextDecoder: invalid input, fatal", () => {
  assertEquals(new TextDecoder().decode(bytes(0x61, 0xc3)), "a\ufffd");
  assertEquals(new TextDecoder().decode(bytes(0xed, 0xa0, 0x80)), "\ufffd\ufffd\ufffd");
  const f = new TextDecoder("utf-8", { fatal: true });
  assertEquals(f.fatal, true);
  assertThrows(() => f.decode(bytes(0xff)), TypeError);
  assertThrows(() => f.decode(bytes(0xe2, 0x82)), TypeError);
  assertEquals(f.decode(bytes(0x61)), "a");
  assertThrows(() => new TextDecoder().decode("str"), TypeError);
});

// WPT encoding/textdecoder-streaming.any.js
test("TextDecoder: stream splits multi-byte sequences anywhere", () => {
  const all = new TextEncoder().encode("a€𝄞bé");
  for (let size = 1; size <= all.length; size++) {
    const d = new TextDecoder("utf-8", { fatal: true });
    let out = "";
    for (let i = 0; i < all.length; i += size) out += d.decode(all.subarray(i, i + size), { stream: true });
    out += d.decode();
    assertEquals(out, "a€𝄞bé", `chunk size ${size}`);
  }
  const d = new TextDecoder();
  assertEquals(d.decode(bytes(0xe2, 0x82), { stream: true }), "");
  assertEquals(d.decode(), "\ufffd", "an unfinished sequence at the end is replaced");
});

test("TextDecoder: accepts ArrayBuffer, views, DataView", () => {
  const u = new TextEncoder().encode("xyz");
  assertEquals(new TextDecoder().decode(u.buffer), "xyz");
  assertEquals(new TextDecoder().decode(new DataView(u.buffer, 1)), "yz");
  assertEquals(new TextDecoder().decode(), "");
});

test("TextDecoder: utf-16le and windows-1252", () => {
  const d = new TextDecoder("utf-16le");
  assertEquals(d.decode(bytes(0x61, 0, 0x3d, 0xd8, 0x00, 0xde)), "a😀");
  assertEquals(d.decode(bytes(0xff, 0xfe, 0x61, 0)), "a");
  const s = new TextDecoder("utf-16le");
  assertEquals(s.decode(bytes(0x61), { stream: true }) + s.decode(bytes(0)), "a");
  assertEquals(new TextDecoder("windows-1252").decode(bytes(0x80, 0xe9, 0x41)), "€éA");
});

test("TextEncoderStream / TextDecoderStream", async () => {
  const chunks = [];
  const out = ReadableStream.from(["a", "\ud83d", "\ude00"]).pipeThrough(new TextEncoderStream());
  for await (const c of out) chunks.push(...c);
  assertEquals(new Uint8Array(chunks), new TextEncoder().encode("a😀"));
  let text = "";
  const dec = ReadableStream.from([bytes(0xe2), bytes(0x82, 0xac)]).pipeThrough(new TextDecoderStream());
  for await (const s of dec) text += s;
  assertEquals(text, "€");
});

test("btoa/atob", () => {
  assertEquals(btoa(""), "");
  assertEquals(btoa("a"), "YQ==");
  assertEquals(btoa("ab"), "YWI=");
  assertEquals(btoa("abc"), "YWJj");
  assertEquals(btoa("\xff\xfe"), "//4=");
  assertThrows(() => btoa("€"), "InvalidCharacterError");
  assertEquals(atob("YWJj"), "abc");
  assertEquals(atob(" Y W\nI = "), "ab");
  assertEquals(atob("YQ"), "a");
  assertEquals(atob("//4="), "\xff\xfe");
  for (const bad of ["Y", "YQ=", "YQ===", "Y===", "*", "YW=j", "\u00ff"]) {
    const e = assertThrows(() => atob(bad), "InvalidCharacterError");
    assert(e instanceof DOMException);
    assertEquals(e.code, 5);
  }
  assertThrows(() => atob(undefined), "InvalidCharacterError");
  assertThrows(() => atob(), TypeError);
});
