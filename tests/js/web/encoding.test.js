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

// ---------------------------------------------------------------- TextEncoder

// WPT encoding/textencoder-constructor-non-utf.any.js, api-basics.any.js
test("TextEncoder: always utf-8, whatever the arguments", () => {
  for (const label of ["utf-16le", "windows-1252", "nope"]) {
    assertEquals(new TextEncoder(label).encoding, "utf-8");
  }
  assertThrows(() => TextEncoder(), TypeError);
  assert(new TextEncoder().encode("x") instanceof Uint8Array);
  assertEquals(new TextEncoder().encode(undefined), bytes());
  assertEquals(new TextEncoder().encode(null), bytes(0x6e, 0x75, 0x6c, 0x6c));
  assertEquals(new TextEncoder().encode({ toString: () => "ok" }), bytes(0x6f, 0x6b));
  assertThrows(() => new TextEncoder().encode(Symbol("s")), TypeError);
});

// WPT encoding/textencoder-utf16-surrogates.any.js, api-surrogates-utf8.any.js
test("TextEncoder: surrogates", () => {
  const e = new TextEncoder();
  const FFFD = [0xef, 0xbf, 0xbd];
  assertEquals(e.encode("\uD800"), bytes(...FFFD), "lone lead");
  assertEquals(e.encode("\uDC00"), bytes(...FFFD), "lone trail");
  assertEquals(e.encode("a\uD800b"), bytes(0x61, ...FFFD, 0x62));
  assertEquals(e.encode("\uDC00\uD800"), bytes(...FFFD, ...FFFD), "swapped pair");
  assertEquals(e.encode("\uD834\uDD1E"), bytes(0xf0, 0x9d, 0x84, 0x9e), "a proper pair");
  assertEquals(e.encode("\uD800\uD834\uDD1E\uDC00"), bytes(...FFFD, 0xf0, 0x9d, 0x84, 0x9e, ...FFFD));
});

// WPT encoding/api-basics.any.js: code point boundaries
test("TextEncoder: one to four bytes per code point", () => {
  const e = new TextEncoder();
  assertEquals(e.encode("\u0000\u007f"), bytes(0x00, 0x7f));
  assertEquals(e.encode("\u0080\u07ff"), bytes(0xc2, 0x80, 0xdf, 0xbf));
  assertEquals(e.encode("\u0800\uffff"), bytes(0xe0, 0xa0, 0x80, 0xef, 0xbf, 0xbf));
  assertEquals(e.encode("\u{10000}\u{10ffff}"), bytes(0xf0, 0x90, 0x80, 0x80, 0xf4, 0x8f, 0xbf, 0xbf));
  assertEquals(e.encode("\ufeff"), bytes(0xef, 0xbb, 0xbf), "a BOM is encoded like any other");
});

// WPT encoding/encodeInto.any.js: every destination offset and size
test("TextEncoder: encodeInto with offsets, lengths and fillers", () => {
  // [input, destination length, read, bytes written]
  const cases = [
    ["Hi", 0, 0, []],
    ["A", 10, 1, [0x41]],
    ["\u00a0", 1, 0, []],
    ["\u00a0", 2, 1, [0xc2, 0xa0]],
    ["\u2713", 2, 0, []],
    ["\u2713", 3, 1, [0xe2, 0x9c, 0x93]],
    ["\ud83d\ude00", 3, 0, []],
    ["\ud83d\ude00", 4, 2, [0xf0, 0x9f, 0x98, 0x80]],
    ["\u00a0\u00a0", 3, 1, [0xc2, 0xa0]],
    ["\u00a0\u00a0", 4, 2, [0xc2, 0xa0, 0xc2, 0xa0]],
    ["\ud800", 3, 1, [0xef, 0xbf, 0xbd]],
    ["\ud800\ud83d\ude00", 6, 1, [0xef, 0xbf, 0xbd]],
    ["\ud800\ud83d\ude00", 7, 3, [0xef, 0xbf, 0xbd, 0xf0, 0x9f, 0x98, 0x80]],
    ["A\ud83d\ude00", 4, 1, [0x41]],
  ];
  for (const [input, size, wantRead, wantBytes] of cases) {
    for (const offset of [0, 4]) {
      for (const filler of [0, 0x80, "pattern"]) {
        const whole = new Uint8Array(offset + size + 4);
        const fill = (i) => (filler === "pattern" ? (i * 37 + 11) & 0xff : filler);
        for (let i = 0; i < whole.length; i++) whole[i] = fill(i);
        const view = new Uint8Array(whole.buffer, offset, size);
        const result = new TextEncoder().encodeInto(input, view);
        const what = `${JSON.stringify(input)} into ${size} at ${offset}, filler ${filler}`;
        assertEquals(result, { read: wantRead, written: wantBytes.length }, what);
        assertEquals([...whole.subarray(offset, offset + wantBytes.length)], wantBytes, what);
        for (let i = 0; i < whole.length; i++) {
          if (i >= offset && i < offset + wantBytes.length) continue;
          assertEquals(whole[i], fill(i), `${what}: byte ${i} left alone`);
        }
      }
    }
  }
});

// WPT encoding/encodeInto.any.js: read counts UTF-16 code units of whole code points
test("TextEncoder: encodeInto read/written counts", () => {
  const e = new TextEncoder();
  assertEquals(e.encodeInto("", new Uint8Array(4)), { read: 0, written: 0 });
  assertEquals(e.encodeInto("abc", new Uint8Array(0)), { read: 0, written: 0 });
  assertEquals(e.encodeInto("\ud83d\ude00", new Uint8Array(3)), { read: 0, written: 0 }, "no half code point");
  assertEquals(e.encodeInto("\ud83d\ude00", new Uint8Array(4)), { read: 2, written: 4 });
  assertEquals(e.encodeInto("a\u00e9\u20ac\ud83d\ude00", new Uint8Array(10)), { read: 5, written: 10 });
  assertEquals(e.encodeInto("a\u00e9\u20ac\ud83d\ude00", new Uint8Array(9)), { read: 3, written: 6 });
  assertEquals(e.encodeInto("\ud800\udc00\ud800", new Uint8Array(7)), { read: 3, written: 7 });
  assertEquals(e.encodeInto(undefined, new Uint8Array(9)), { read: 9, written: 9 });
  const r = e.encodeInto("x", new Uint8Array(1));
  assertEquals(Object.keys(r), ["read", "written"]);
  assert(Object.getPrototypeOf(r) === Object.prototype);
});

// WPT encoding/encodeInto.any.js: invalid destinations
test("TextEncoder: encodeInto needs a Uint8Array", () => {
  const e = new TextEncoder();
  for (const bad of [new ArrayBuffer(4), new DataView(new ArrayBuffer(4)), new Int8Array(4),
    new Uint8ClampedArray(4), new Uint16Array(4), new Float64Array(1), [0, 0, 0], null, undefined, "buf"]) {
    assertThrows(() => e.encodeInto("a", bad), TypeError);
  }
  assertThrows(() => e.encodeInto(), TypeError);
});

// WPT encoding/encodeInto.any.js: detached and shared destinations
test("TextEncoder: encodeInto into a detached or shared buffer", () => {
  const buffer = new ArrayBuffer(8);
  const view = new Uint8Array(buffer);
  structuredClone(buffer, { transfer: [buffer] });
  assertEquals(view.length, 0);
  assertEquals(new TextEncoder().encodeInto("abc", view), { read: 0, written: 0 });
  const shared = new Uint8Array(new SharedArrayBuffer(4));
  assertEquals(new TextEncoder().encodeInto("hey!", shared), { read: 4, written: 4 });
  assertEquals([...shared], [0x68, 0x65, 0x79, 0x21]);
});

test("TextEncoder: brand checks and toStringTag", () => {
  const d = Object.getOwnPropertyDescriptor(TextEncoder.prototype, "encoding");
  assertThrows(() => d.get.call({}), TypeError);
  assertThrows(() => TextEncoder.prototype.encode.call({}, "x"), TypeError);
  assertThrows(() => TextEncoder.prototype.encodeInto.call({}, "x", new Uint8Array(1)), TypeError);
  assertEquals(Object.prototype.toString.call(new TextEncoder()), "[object TextEncoder]");
  assertEquals(Object.prototype.toString.call(new TextDecoder()), "[object TextDecoder]");
});

// ---------------------------------------------------------------- TextDecoder labels

// WPT encoding/textdecoder-labels.any.js
const ENCODING_LABELS = {
  "utf-8": ["unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8", "x-unicode20utf8"],
  "utf-16le": ["csunicode", "iso-10646-ucs-2", "ucs-2", "unicode", "unicodefeff", "utf-16", "utf-16le"],
  "utf-16be": ["unicodefffe", "utf-16be"],
  "windows-1252": [
    "ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819", "iso-8859-1", "iso-ir-100",
    "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1", "latin1", "us-ascii", "windows-1252",
    "x-cp1252",
  ],
};

test("TextDecoder: every label of the supported encodings", () => {
  for (const [encoding, labels] of Object.entries(ENCODING_LABELS)) {
    for (const label of labels) {
      for (const variant of [label, label.toUpperCase(), ` ${label}`, `${label}\t`, `\n\f\r ${label} \r\n`]) {
        assertEquals(new TextDecoder(variant).encoding, encoding, JSON.stringify(variant));
        assertEquals(new TextDecoderStream(variant).encoding, encoding, JSON.stringify(variant));
      }
    }
  }
});

// WPT encoding/api-invalid-label.any.js
test("TextDecoder: labels with other whitespace or junk are RangeErrors", () => {
  for (const label of ["utf-8", "latin1", "utf-16"]) {
    for (const bad of [`\u000b${label}`, `${label}\u000b`, `\u00a0${label}`, `${label}\u00a0`, `\u3000${label}`,
      `${label}\u0000`, `${label}x`, `"${label}"`, label.replace("-", "_") + (label === "latin1" ? "_" : "")]) {
      if (bad === "utf_8" || bad === "utf_16") continue;
      assertThrows(() => new TextDecoder(bad), RangeError, undefined);
    }
  }
  assertThrows(() => new TextDecoder(""), RangeError);
  assertThrows(() => new TextDecoder(null), RangeError, undefined);
  assertEquals(new TextDecoder(undefined).encoding, "utf-8", "undefined is the default");
  assertThrows(() => new TextDecoder(Symbol("s")), TypeError);
});

// WPT encoding/api-replacement-encodings.any.js
test("TextDecoder: the replacement encoding's labels are RangeErrors", () => {
  for (const label of ["replacement", "csiso2022kr", "hz-gb-2312", "iso-2022-cn", "iso-2022-cn-ext", "iso-2022-kr"]) {
    assertThrows(() => new TextDecoder(label), RangeError);
    assertThrows(() => new TextDecoderStream(label), RangeError);
  }
});

// WPT encoding/unsupported-encodings.any.js
test("TextDecoder: unsupported encodings are RangeErrors", () => {
  for (const label of ["utf-7", "utf7", "utf-32", "utf-32le", "utf-32be", "ucs-4", "cesu-8"]) {
    const e = assertThrows(() => new TextDecoder(label), RangeError);
    assert(e.message.includes(label), e.message);
  }
});

// The legacy encodings of the Encoding standard (byte values checked
// against Node's ICU-backed TextDecoder; x-user-defined from the standard).
test("TextDecoder: legacy single- and multi-byte encodings", () => {
  const cases = [
    ["iso-8859-2", [0xa1, 0xb1, 0x41], "\u0104\u0105A"],
    ["windows-1251", [0xcf, 0xf0, 0xe8], "\u041f\u0440\u0438"],
    ["koi8-r", [0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4], "\u041f\u0440\u0438\u0432\u0435\u0442"],
    ["shift_jis", [0x93, 0xfa, 0x96, 0x7b], "\u65e5\u672c"],
    ["euc-jp", [0xc6, 0xfc, 0xcb, 0xdc], "\u65e5\u672c"],
    ["iso-2022-jp", [0x1b, 0x24, 0x42, 0x46, 0x7c, 0x4b, 0x5c, 0x1b, 0x28, 0x42, 0x41], "\u65e5\u672cA"],
    ["gbk", [0xd6, 0xd0, 0xce, 0xc4], "\u4e2d\u6587"],
    ["gb18030", [0x81, 0x30, 0x81, 0x30, 0xd6, 0xd0], "\u0080\u4e2d"],
    ["big5", [0xa4, 0xa4, 0xa4, 0xe5], "\u4e2d\u6587"],
    ["euc-kr", [0xc7, 0xd1, 0xb1, 0xb9], "\ud55c\uad6d"],
    ["x-user-defined", [0x41, 0x80, 0xff], "A\uf780\uf7ff"],
  ];
  for (const [label, input, want] of cases) {
    const d = new TextDecoder(label);
    assertEquals(d.encoding, label);
    assertEquals(d.decode(new Uint8Array(input)), want, label);
  }
  const labels = {
    sjis: "shift_jis", ms_kanji: "shift_jis", csshiftjis: "shift_jis", "x-gbk": "gbk", gb2312: "gbk",
    chinese: "gbk", latin2: "iso-8859-2", l2: "iso-8859-2", cseuckr: "euc-kr", korean: "euc-kr", koi: "koi8-r",
    cp1250: "windows-1250", "dos-874": "windows-874", "tis-620": "windows-874", visual: "iso-8859-8",
    "iso-8859-8-i": "iso-8859-8-i", "x-mac-roman": "macintosh", " IBM866\n": "ibm866",
    "x-mac-ukrainian": "x-mac-cyrillic",
  };
  for (const [label, name] of Object.entries(labels)) assertEquals(new TextDecoder(label).encoding, name, label);
});

test("TextDecoder: legacy encodings stream, and fatal ones throw", () => {
  // Split inside a two-byte Shift_JIS character, a four-byte GB18030 one,
  // and an ISO-2022-JP escape sequence: the decoder keeps its state.
  const cases = [
    ["shift_jis", [0x93, 0xfa, 0x96, 0x7b], "\u65e5\u672c"],
    ["gb18030", [0x81, 0x30, 0x81, 0x30, 0xd6, 0xd0], "\u0080\u4e2d"],
    ["iso-2022-jp", [0x1b, 0x24, 0x42, 0x46, 0x7c, 0x4b, 0x5c, 0x1b, 0x28, 0x42, 0x41], "\u65e5\u672cA"],
  ];
  for (const [label, input, want] of cases) {
    for (let size = 1; size <= input.length; size++) {
      const d = new TextDecoder(label, { fatal: true });
      let out = "";
      for (let i = 0; i < input.length; i += size) out += d.decode(new Uint8Array(input.slice(i, i + size)), { stream: true });
      out += d.decode();
      assertEquals(out, want, `${label} in pieces of ${size}`);
    }
  }
  // A truncated character: U+FFFD, or a TypeError when fatal; the decoder
  // is usable again afterwards.
  assertEquals(new TextDecoder("shift_jis").decode(new Uint8Array([0x93])), "\ufffd");
  const fatal = new TextDecoder("shift_jis", { fatal: true });
  assertThrows(() => fatal.decode(new Uint8Array([0x93])), TypeError, "shift_jis");
  assertEquals(fatal.decode(new Uint8Array([0x93, 0xfa])), "\u65e5");
  assertThrows(() => new TextDecoder("euc-kr", { fatal: true }).decode(new Uint8Array([0xc7, 0x41])), TypeError);
});

test("TextDecoderStream: a legacy encoding across chunks", async () => {
  const stream = new Blob([new Uint8Array([0x93, 0xfa, 0x96]), new Uint8Array([0x7b])])
    .stream()
    .pipeThrough(new TextDecoderStream("shift_jis"));
  let out = "";
  for await (const chunk of stream) out += chunk;
  assertEquals(out, "\u65e5\u672c");
});

// WPT encoding/textdecoder-arguments.any.js
test("TextDecoder: options conversion", () => {
  const d = new TextDecoder("utf-8", { fatal: 1, ignoreBOM: "yes" });
  assertEquals([d.fatal, d.ignoreBOM], [true, true]);
  const plain = new TextDecoder("utf-8", null);
  assertEquals([plain.fatal, plain.ignoreBOM], [false, false]);
  assertThrows(() => new TextDecoder("utf-8", 5), TypeError);
  assertThrows(() => new TextDecoder("utf-8", "fatal"), TypeError);
  assertThrows(() => TextDecoder(), TypeError);
  const dd = new TextDecoder();
  assertEquals(dd.decode(undefined), "");
  assertEquals(dd.decode(undefined, { stream: true }), "");
  assertEquals(dd.decode(new Uint8Array(0), {}), "");
  assertThrows(() => dd.decode(new Uint8Array(1), 5), TypeError);
  for (const bad of [null, "abc", 1, [97], {}]) assertThrows(() => dd.decode(bad), TypeError);
  for (const key of ["encoding", "fatal", "ignoreBOM"]) {
    assertThrows(() => Object.getOwnPropertyDescriptor(TextDecoder.prototype, key).get.call({}), TypeError);
  }
  assertThrows(() => TextDecoder.prototype.decode.call(new TextEncoder()), TypeError);
});

// ---------------------------------------------------------------- TextDecoder utf-8

// WPT encoding/textdecoder-fatal.any.js
const BAD_UTF8 = [
  [[0xff], "invalid code"],
  [[0xc0], "ends early"],
  [[0xe0], "ends early 2"],
  [[0xc0, 0x00], "invalid trail"],
  [[0xc0, 0xc0], "invalid trail 2"],
  [[0xe0, 0x00], "invalid trail 3"],
  [[0xe0, 0xc0], "invalid trail 4"],
  [[0xe0, 0x80, 0x00], "invalid trail 5"],
  [[0xe0, 0x80, 0xc0], "invalid trail 6"],
  [[0xfc, 0x80, 0x80, 0x80, 0x80, 0x80], "> 0x10FFFF"],
  [[0xfe, 0x80, 0x80, 0x80, 0x80, 0x80], "obsolete lead byte"],
  [[0xc0, 0x80], "overlong U+0000 - 2 bytes"],
  [[0xe0, 0x80, 0x80], "overlong U+0000 - 3 bytes"],
  [[0xf0, 0x80, 0x80, 0x80], "overlong U+0000 - 4 bytes"],
  [[0xf8, 0x80, 0x80, 0x80, 0x80], "overlong U+0000 - 5 bytes"],
  [[0xfc, 0x80, 0x80, 0x80, 0x80, 0x80], "overlong U+0000 - 6 bytes"],
  [[0xc1, 0xbf], "overlong U+007F - 2 bytes"],
  [[0xe0, 0x81, 0xbf], "overlong U+007F - 3 bytes"],
  [[0xf0, 0x80, 0x81, 0xbf], "overlong U+007F - 4 bytes"],
  [[0xe0, 0x9f, 0xbf], "overlong U+07FF - 3 bytes"],
  [[0xf0, 0x80, 0x9f, 0xbf], "overlong U+07FF - 4 bytes"],
  [[0xf0, 0x8f, 0xbf, 0xbf], "overlong U+FFFF - 4 bytes"],
  [[0xf4, 0x90, 0x80, 0x80], "beyond U+10FFFF"],
  [[0xed, 0xa0, 0x80], "lead surrogate"],
  [[0xed, 0xb0, 0x80], "trail surrogate"],
  [[0xed, 0xa0, 0x80, 0xed, 0xb0, 0x80], "surrogate pair"],
  [[0x80], "lone continuation"],
  [[0xf0, 0x9f, 0x98], "truncated 4-byte"],
];

test("TextDecoder: fatal utf-8 rejects every malformed sequence", () => {
  for (const [input, name] of BAD_UTF8) {
    const d = new TextDecoder("utf-8", { fatal: true });
    assertThrows(() => d.decode(new Uint8Array(input)), TypeError, undefined);
    assertEquals(d.decode(bytes(0x6f, 0x6b)), "ok", `the decoder is usable after "${name}"`);
  }
});

// The replacement rules of the Encoding standard: one U+FFFD per maximal subpart.
test("TextDecoder: utf-8 replacement follows the maximal-subpart rule", () => {
  const d = new TextDecoder();
  const cases = [
    [[0xff], "\ufffd"],
    [[0xc0, 0x80], "\ufffd\ufffd"],
    [[0xe0, 0x80, 0x80], "\ufffd\ufffd\ufffd"],
    [[0xe0, 0xa0], "\ufffd"],
    [[0xe0, 0xa0, 0x41], "\ufffdA"],
    [[0xf0, 0x9f, 0x98], "\ufffd"],
    [[0xf0, 0x9f, 0x98, 0x41], "\ufffdA"],
    [[0xf4, 0x90, 0x80, 0x80], "\ufffd\ufffd\ufffd\ufffd"],
    [[0xed, 0xa0, 0x80], "\ufffd\ufffd\ufffd"],
    [[0x80, 0x80], "\ufffd\ufffd"],
    [[0xf8, 0x88, 0x80, 0x80, 0x80], "\ufffd\ufffd\ufffd\ufffd\ufffd"],
    [[0x61, 0xc3, 0x62], "a\ufffdb"],
    [[0xc3, 0xa9, 0xc3], "\u00e9\ufffd"],
  ];
  for (const [input, want] of cases) assertEquals(d.decode(new Uint8Array(input)), want, JSON.stringify(input));
});

// WPT encoding/textdecoder-fatal-streaming.any.js
test("TextDecoder: fatal streaming reports an unfinished sequence at the end", () => {
  for (const [input, name] of [[[0xc2], "2-byte"], [[0xe2, 0x82], "3-byte"], [[0xf0, 0x9f, 0x98], "4-byte"]]) {
    const d = new TextDecoder("utf-8", { fatal: true });
    assertEquals(d.decode(new Uint8Array(input), { stream: true }), "", name);
    assertThrows(() => d.decode(), TypeError);
    assertEquals(d.decode(bytes(0x41)), "A", "a fresh stream after the error");
  }
  const d = new TextDecoder("utf-8", { fatal: true });
  assertEquals(d.decode(bytes(0xe2), { stream: true }), "");
  assertThrows(() => d.decode(bytes(0x41), { stream: true }), TypeError, undefined);
  const u = new TextDecoder("utf-16le", { fatal: true });
  assertEquals(u.decode(bytes(0x00), { stream: true }), "");
  assertThrows(() => u.decode(), TypeError);
  assertEquals(u.decode(bytes(0x00, 0xd8), { stream: true }), "");
  assertThrows(() => u.decode(), TypeError);
  assertEquals(u.decode(bytes(0x00, 0xd8), { stream: true }), "");
  assertEquals(u.decode(bytes(0x00, 0xdc)), "\u{10000}");
});

// WPT encoding/textdecoder-eof.any.js
test("TextDecoder: end of input inside a sequence", () => {
  const d = new TextDecoder();
  assertEquals(d.decode(bytes(0xf0)), "\ufffd");
  assertEquals(d.decode(bytes(0xf0, 0x9f)), "\ufffd");
  assertEquals(d.decode(bytes(0xf0, 0x9f, 0x92)), "\ufffd");
  assertEquals(d.decode(bytes(0xf0, 0x9f, 0x92, 0xa9)), "\u{1f4a9}");
  assertEquals(d.decode(bytes(0xf0), { stream: true }), "");
  assertEquals(d.decode(), "\ufffd");
  assertEquals(d.decode(bytes(0xf0), { stream: true }), "");
  assertEquals(d.decode(bytes(0x9f), { stream: true }), "");
  assertEquals(d.decode(), "\ufffd");
  assertEquals(d.decode(bytes(0xf0, 0x9f), { stream: true }), "");
  assertEquals(d.decode(bytes(0x92)), "\ufffd");
  assertEquals(d.decode(bytes(0x41)), "A", "the state was flushed");
});

// WPT encoding/textdecoder-streaming.any.js: a stream interrupted by a non-streaming call
test("TextDecoder: a partial sequence then a different continuation", () => {
  const d = new TextDecoder();
  assertEquals(d.decode(bytes(0xe2, 0x82), { stream: true }), "");
  assertEquals(d.decode(bytes(0x41), { stream: true }), "\ufffdA");
  assertEquals(d.decode(bytes(0xf0, 0x9f), { stream: true }), "");
  assertEquals(d.decode(bytes(0xf0, 0x9f, 0x98, 0x80), { stream: true }), "\ufffd\u{1f600}");
  assertEquals(d.decode(), "");
});

// WPT encoding/textdecoder-byte-order-marks.any.js
test("TextDecoder: byte order marks per encoding", () => {
  const text = "z\u00a2\u6c34\u{1d11e}\u{f8ff}\u{10fffd}\ufffe";
  const utf8 = [0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)];
  const utf16le = [0xff, 0xfe];
  const utf16be = [0xfe, 0xff];
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    utf16le.push(u & 0xff, u >> 8);
    utf16be.push(u >> 8, u & 0xff);
  }
  assertEquals(new TextDecoder("utf-8").decode(new Uint8Array(utf8)), text);
  assertEquals(new TextDecoder("utf-16le").decode(new Uint8Array(utf16le)), text);
  assertEquals(new TextDecoder("utf-16be").decode(new Uint8Array(utf16be)), text);
  // A BOM of another encoding is not stripped.
  assert(new TextDecoder("utf-8").decode(new Uint8Array(utf16le)).startsWith("\ufffd\ufffd"));
  assert(new TextDecoder("utf-16le").decode(new Uint8Array(utf16be)).startsWith("\ufffe"));
  assert(new TextDecoder("utf-16be").decode(new Uint8Array(utf16le)).startsWith("\ufffe"));
  assertEquals(new TextDecoder("utf-16le").decode(new Uint8Array(utf8.slice(0, 4))), "\ubbef\u7abf");
  // windows-1252 has no BOM: the bytes are characters.
  assertEquals(new TextDecoder("windows-1252").decode(bytes(0xef, 0xbb, 0xbf)), "\u00ef\u00bb\u00bf");
});

// WPT encoding/textdecoder-ignorebom.any.js
test("TextDecoder: ignoreBOM keeps the BOM for every Unicode encoding", () => {
  const cases = [
    ["utf-8", [0xef, 0xbb, 0xbf, 0x61, 0x62, 0x63]],
    ["utf-16le", [0xff, 0xfe, 0x61, 0x00, 0x62, 0x00, 0x63, 0x00]],
    ["utf-16be", [0xfe, 0xff, 0x00, 0x61, 0x00, 0x62, 0x00, 0x63]],
  ];
  for (const [encoding, input] of cases) {
    const b = new Uint8Array(input);
    assertEquals(new TextDecoder(encoding, { ignoreBOM: true }).decode(b), "\ufeffabc", encoding);
    assertEquals(new TextDecoder(encoding, { ignoreBOM: false }).decode(b), "abc", encoding);
    assertEquals(new TextDecoder(encoding).decode(b), "abc", encoding);
    const keep = new TextDecoder(encoding, { ignoreBOM: true });
    assertEquals(keep.decode(b), "\ufeffabc", `${encoding} again`);
    assertEquals(keep.ignoreBOM, true);
    // Only a BOM at the very start goes.
    const strip = new TextDecoder(encoding);
    assertEquals(strip.decode(new Uint8Array([...input, ...input.slice(0, input.length / 2 | 0)])).charCodeAt(3), 0xfeff);
  }
});

// WPT encoding/textdecoder-streaming.any.js
test("TextDecoder: streaming utf-16le/be in every chunk size", () => {
  const text = "A\u00e9\u20ac\u{1d11e}\u{10fffd}z";
  for (const be of [false, true]) {
    const units = [];
    for (let i = 0; i < text.length; i++) {
      const u = text.charCodeAt(i);
      if (be) units.push(u >> 8, u & 0xff);
      else units.push(u & 0xff, u >> 8);
    }
    const all = new Uint8Array(units);
    for (let size = 1; size <= all.length; size++) {
      const d = new TextDecoder(be ? "utf-16be" : "utf-16le", { fatal: true });
      let out = "";
      for (let i = 0; i < all.length; i += size) out += d.decode(all.subarray(i, i + size), { stream: true });
      out += d.decode();
      assertEquals(out, text, `${be ? "be" : "le"} chunk size ${size}`);
    }
  }
});

// WPT encoding/textdecoder-utf16-surrogates.any.js
test("TextDecoder: utf-16 lone and swapped surrogates", () => {
  const cases = [
    [[0x61, 0x00, 0x62, 0x00, 0x00, 0xd8, 0x63, 0x00], "ab\ufffdc", "lone lead"],
    [[0x61, 0x00, 0x62, 0x00, 0x00, 0xd8], "ab\ufffd", "lead at the end"],
    [[0x61, 0x00, 0x62, 0x00, 0x00, 0xdc, 0x63, 0x00], "ab\ufffdc", "lone trail"],
    [[0x61, 0x00, 0x62, 0x00, 0x00, 0xdc], "ab\ufffd", "trail at the end"],
    [[0x00, 0xdc, 0x00, 0xd8], "\ufffd\ufffd", "swapped pair"],
    [[0x00, 0xd8, 0x00, 0xd8, 0x00, 0xdc], "\ufffd\u{10000}", "two leads, one trail"],
    [[0x61, 0x00, 0x62], "a\ufffd", "odd length"],
  ];
  for (const [input, want, name] of cases) {
    assertEquals(new TextDecoder("utf-16le").decode(new Uint8Array(input)), want, name);
    assertThrows(() => new TextDecoder("utf-16le", { fatal: true }).decode(new Uint8Array(input)), TypeError, undefined);
    const swapped = [];
    for (let i = 0; i + 1 < input.length; i += 2) swapped.push(input[i + 1], input[i]);
    if (input.length % 2) swapped.push(input[input.length - 1]);
    assertEquals(new TextDecoder("utf-16be").decode(new Uint8Array(swapped)), want, `be ${name}`);
  }
});

// WPT encoding/api-basics.any.js: round trips
test("TextDecoder: round-trips every encoding of a sample", () => {
  const sample = "z\xA2\u6C34\uD834\uDD1E\uF8FF\uDBFF\uDFFD\uFFFE";
  assertEquals(new TextDecoder().decode(new TextEncoder().encode(sample)), sample);
  const le = [];
  const be = [];
  for (let i = 0; i < sample.length; i++) {
    const u = sample.charCodeAt(i);
    le.push(u & 0xff, u >> 8);
    be.push(u >> 8, u & 0xff);
  }
  assertEquals(new TextDecoder("utf-16le").decode(new Uint8Array(le)), sample);
  assertEquals(new TextDecoder("utf-16be").decode(new Uint8Array(be)), sample);
  assertEquals(new TextDecoder("utf-16").decode(new Uint8Array(le)), sample, "utf-16 means little-endian");
});

// WPT encoding/textdecoder-copy.any.js
test("TextDecoder: input views of every kind, shared buffers too", () => {
  const d = new TextDecoder();
  const src = new TextEncoder().encode("hello!!!");
  assertEquals(d.decode(new Uint16Array(src.buffer)), "hello!!!");
  assertEquals(d.decode(new Float64Array(src.buffer)), "hello!!!");
  assertEquals(d.decode(new Uint8Array(src.buffer, 1, 3)), "ell");
  assertEquals(d.decode(new DataView(src.buffer, 2, 2)), "ll");
  const shared = new SharedArrayBuffer(3);
  new Uint8Array(shared).set([0x61, 0x62, 0x63]);
  assertEquals(d.decode(new Uint8Array(shared)), "abc");
  assertEquals(d.decode(new Uint8Array(shared, 1)), "bc");
  assertEquals(new TextDecoder("utf-16le").decode(new Uint8Array(shared, 0, 2)), "\u6261");
  const buffer = new ArrayBuffer(2);
  structuredClone(buffer, { transfer: [buffer] });
  assertEquals(d.decode(buffer), "", "a detached buffer is empty");
  const view = new Uint8Array(new ArrayBuffer(4));
  structuredClone(view.buffer, { transfer: [view.buffer] });
  assertEquals(d.decode(view), "", "so is a view on one");
  assertEquals(new TextDecoder("utf-16le").decode(view), "");
});

// ---------------------------------------------------------------- windows-1252

// WPT encoding/textdecoder-fatal-single-byte.any.js, the windows-1252 index
test("TextDecoder: windows-1252 maps every byte; fatal never throws", () => {
  const high = [
    0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d,
    0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a,
    0x153, 0x9d, 0x17e, 0x178,
  ];
  const all = new Uint8Array(256).map((_, i) => i);
  for (const label of ["windows-1252", "latin1", "ascii", "iso-8859-1", "us-ascii"]) {
    const out = new TextDecoder(label, { fatal: true }).decode(all);
    assertEquals(out.length, 256);
    for (let i = 0; i < 256; i++) {
      const want = i >= 0x80 && i < 0xa0 ? high[i - 0x80] : i;
      assertEquals(out.charCodeAt(i), want, `${label} byte 0x${i.toString(16)}`);
    }
  }
  const streamed = new TextDecoder("latin1");
  assertEquals(streamed.decode(bytes(0x80), { stream: true }) + streamed.decode(bytes(0xff)), "\u20ac\u00ff");
  assertEquals(new TextDecoder("ascii").decode(bytes(0x48, 0x69, 0xe9)), "Hi\u00e9", "ascii is windows-1252");
});

// ---------------------------------------------------------------- TextEncoderStream / TextDecoderStream

async function pipeChunks(chunks, transform) {
  const out = [];
  const reader = ReadableStream.from(chunks).pipeThrough(transform).getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return out;
    out.push(value);
  }
}
const flatBytes = (chunks) => [...chunks.flatMap((c) => [...c])];

// WPT encoding/streams/readable-writable-properties.any.js, decode-attributes.any.js
test("TextEncoderStream/TextDecoderStream: attributes", () => {
  const enc = new TextEncoderStream();
  assertEquals(enc.encoding, "utf-8");
  assert(enc.readable instanceof ReadableStream);
  assert(enc.writable instanceof WritableStream);
  assert(enc.readable === enc.readable && enc.writable === enc.writable);
  const dec = new TextDecoderStream("utf-16", { fatal: true, ignoreBOM: true });
  assertEquals([dec.encoding, dec.fatal, dec.ignoreBOM], ["utf-16le", true, true]);
  const plain = new TextDecoderStream();
  assertEquals([plain.encoding, plain.fatal, plain.ignoreBOM], ["utf-8", false, false]);
  assert(plain.readable instanceof ReadableStream);
  assert(plain.writable instanceof WritableStream);
  assertThrows(() => new TextDecoderStream("no-such-label"), RangeError);
  assertThrows(() => TextDecoderStream(), TypeError);
  assertThrows(() => TextEncoderStream(), TypeError);
  for (const key of ["encoding", "readable", "writable"]) {
    assertThrows(() => Object.getOwnPropertyDescriptor(TextEncoderStream.prototype, key).get.call({}), TypeError);
  }
  for (const key of ["encoding", "fatal", "ignoreBOM", "readable", "writable"]) {
    assertThrows(() => Object.getOwnPropertyDescriptor(TextDecoderStream.prototype, key).get.call(enc), TypeError);
  }
  assertEquals(Object.prototype.toString.call(enc), "[object TextEncoderStream]");
  assertEquals(Object.prototype.toString.call(dec), "[object TextDecoderStream]");
});

// WPT encoding/streams/encode-utf8.any.js
test("TextEncoderStream: chunking and surrogates split across chunks", async () => {
  const FFFD = [0xef, 0xbf, 0xbd];
  const cases = [
    [["Hello"], [[0x48, 0x65, 0x6c, 0x6c, 0x6f]], "one chunk in, one out"],
    [["\ud83d", "\ude00"], [[0xf0, 0x9f, 0x98, 0x80]], "a pair split in two"],
    [["\ud83d", "\ude00A"], [[0xf0, 0x9f, 0x98, 0x80, 0x41]], "a pair then more"],
    [["\ud83d\ude00\ud83d", "\ude00"], [[0xf0, 0x9f, 0x98, 0x80], [0xf0, 0x9f, 0x98, 0x80]], "two pairs, the second split"],
    [["\ud83d", "A"], [[...FFFD, 0x41]], "a lead then no trail"],
    [["\ud83d"], [FFFD], "a lead at the end"],
    [["\ude00"], [FFFD], "a lone trail"],
    // The second lead flushes the first as U+FFFD in its own chunk.
    [["A\ud83d", "\ud83d", "\ude00"], [[0x41], FFFD, [0xf0, 0x9f, 0x98, 0x80]], "two leads in a row"],
    [["", "a"], [[0x61]], "a leading empty chunk makes no output"],
    [["a", ""], [[0x61]], "a trailing empty chunk makes no output"],
    [["\ud83d", "", "\ude00"], [[0xf0, 0x9f, 0x98, 0x80]], "an empty chunk between the halves"],
  ];
  for (const [input, want, name] of cases) {
    const out = await pipeChunks(input, new TextEncoderStream());
    for (const chunk of out) assert(chunk instanceof Uint8Array, `${name}: Uint8Array chunks`);
    assertEquals(out.map((c) => [...c]), want, name);
  }
});

// WPT encoding/streams/encode-bad-chunks.any.js
test("TextEncoderStream: chunks are converted to strings", async () => {
  const cases = [
    [undefined, "undefined"],
    [null, "null"],
    [3.14, "3.14"],
    [{}, "[object Object]"],
    [["hi"], "hi"],
    [true, "true"],
  ];
  for (const [chunk, text] of cases) {
    const out = await pipeChunks([chunk], new TextEncoderStream());
    assertEquals(flatBytes(out), [...new TextEncoder().encode(text)], String(text));
  }
});

// WPT encoding/streams/encode-bad-chunks.any.js: a chunk that cannot become a string
test("TextEncoderStream: a throwing toString errors both sides", async () => {
  const stream = new TextEncoderStream();
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  const boom = new Error("toString failed");
  const write = writer.write({ toString() { throw boom; } });
  const read = reader.read();
  await assertRejects(write, Error, "toString failed");
  await assertRejects(read, Error, "toString failed");
  await assertRejects(writer.closed, Error, "toString failed");
  // (a TransformStream writes only once the readable side pulls)
  const s2 = new TextEncoderStream();
  const w2 = s2.writable.getWriter();
  const r2 = s2.readable.getReader().read();
  await assertRejects(w2.write(Symbol("s")), TypeError);
  await assertRejects(r2, TypeError);
});

// WPT encoding/streams/decode-utf8.any.js
test("TextDecoderStream: utf-8 chunks", async () => {
  const cases = [
    [[[0x48, 0x69]], ["Hi"], "one chunk in, one string out"],
    [[[]], [], "an empty chunk gives no output"],
    [[[], [0x61]], ["a"], "a leading empty chunk is ignored"],
    [[[0x61], []], ["a"], "a trailing empty chunk is ignored"],
    [[[0xef, 0xbb, 0xbf, 0x61]], ["a"], "the BOM goes"],
    [[[0xef, 0xbb], [0xbf, 0x61]], ["a"], "a BOM split across chunks goes too"],
    [[[0xef, 0xbb, 0xbf], [0xef, 0xbb, 0xbf]], ["\ufeff"], "only the first BOM"],
    [[[0xf0, 0x9f], [0x98, 0x80, 0x21]], ["\u{1f600}!"], "a character split across chunks"],
    [[[0xe2], [0x82], [0xac]], ["\u20ac"], "three chunks of one character"],
    [[[0xf0, 0x9f]], ["\ufffd"], "end of input inside a character"],
    [[[0xff, 0x41]], ["\ufffdA"], "invalid bytes are replaced"],
  ];
  for (const [input, want, name] of cases) {
    const out = await pipeChunks(input.map((b) => new Uint8Array(b)), new TextDecoderStream());
    assertEquals(out.join(""), want.join(""), name);
    for (const s of out) assert(typeof s === "string" && s.length > 0, `${name}: no empty strings`);
  }
});

// WPT encoding/streams/decode-utf8.any.js: other chunk types
test("TextDecoderStream: ArrayBuffer, DataView and shared chunks", async () => {
  const ab = new TextEncoder().encode("ab").buffer;
  const dv = new DataView(new TextEncoder().encode("xcdx").buffer, 1, 2);
  const shared = new SharedArrayBuffer(2);
  new Uint8Array(shared).set([0x65, 0x66]);
  const out = await pipeChunks([ab, dv, new Uint8Array(shared), new Uint16Array([0x6867])], new TextDecoderStream());
  assertEquals(out.join(""), "abcdefgh");
});

// WPT encoding/streams/decode-ignore-bom.any.js
test("TextDecoderStream: ignoreBOM", async () => {
  const withBom = [new Uint8Array([0xef, 0xbb, 0xbf, 0x61])];
  assertEquals((await pipeChunks(withBom, new TextDecoderStream("utf-8", { ignoreBOM: true }))).join(""), "\ufeffa");
  const le = [new Uint8Array([0xff, 0xfe, 0x61, 0x00])];
  assertEquals((await pipeChunks(le, new TextDecoderStream("utf-16le", { ignoreBOM: true }))).join(""), "\ufeffa");
  assertEquals((await pipeChunks(le, new TextDecoderStream("utf-16le"))).join(""), "a");
});

// WPT encoding/streams/decode-non-utf8.any.js, decode-split-character.any.js
test("TextDecoderStream: utf-16 and windows-1252", async () => {
  const le = [new Uint8Array([0x3d]), new Uint8Array([0xd8, 0x00]), new Uint8Array([0xde, 0x61, 0x00])];
  assertEquals((await pipeChunks(le, new TextDecoderStream("utf-16le"))).join(""), "\u{1f600}a");
  const be = [new Uint8Array([0xd8, 0x3d, 0xde]), new Uint8Array([0x00, 0x00])];
  assertEquals((await pipeChunks(be, new TextDecoderStream("utf-16be"))).join(""), "\u{1f600}\ufffd");
  const cp = [new Uint8Array([0x80, 0x41]), new Uint8Array([0xe9])];
  assertEquals((await pipeChunks(cp, new TextDecoderStream("latin1"))).join(""), "\u20acA\u00e9");
});

// WPT encoding/streams/decode-incomplete-input.any.js
test("TextDecoderStream: fatal errors the stream; incomplete input at the end too", async () => {
  await assertRejects(pipeChunks([new Uint8Array([0x61, 0xff])], new TextDecoderStream("utf-8", { fatal: true })), TypeError);
  await assertRejects(pipeChunks([new Uint8Array([0xe2, 0x82])], new TextDecoderStream("utf-8", { fatal: true })), TypeError);
  await assertRejects(pipeChunks([new Uint8Array([0x61])], new TextDecoderStream("utf-16le", { fatal: true })), TypeError);
  const ok = await pipeChunks([new Uint8Array([0xe2, 0x82])], new TextDecoderStream("utf-8"));
  assertEquals(ok, ["\ufffd"]);
});

// WPT encoding/streams/decode-bad-chunks.any.js
test("TextDecoderStream: a chunk that is not a BufferSource is a TypeError", async () => {
  for (const bad of [undefined, null, 3.14, {}, [0x61], "string"]) {
    const stream = new TextDecoderStream();
    const writer = stream.writable.getWriter();
    const reader = stream.readable.getReader();
    const write = writer.write(bad);
    const read = reader.read();
    await assertRejects(write, TypeError);
    await assertRejects(read, TypeError);
  }
});

// ---------------------------------------------------------------- atob / btoa

// WPT html/webappapis/atob/base64.any.js: btoa argument conversion
test("btoa: converts its argument to a string", () => {
  const cases = [
    [undefined, "dW5kZWZpbmVk"], [null, "bnVsbA=="], [7, "Nw=="], [12, "MTI="], [1.5, "MS41"],
    [true, "dHJ1ZQ=="], [false, "ZmFsc2U="], [NaN, "TmFO"], [Infinity, "SW5maW5pdHk="],
    [-Infinity, "LUluZmluaXR5"], [0, "MA=="], [-0, "MA=="], [{ toString: () => "foo" }, "Zm9v"],
    [["a", "b"], "YSxi"],
  ];
  for (const [input, want] of cases) assertEquals(btoa(input), want, String(input));
  assertThrows(() => btoa(), TypeError);
  assertThrows(() => btoa(Symbol("s")), TypeError);
});

// WPT html/webappapis/atob/base64.any.js: every Latin-1 character round-trips
test("btoa/atob: every Latin-1 string round-trips", () => {
  let all = "";
  for (let i = 0; i < 256; i++) all += String.fromCharCode(i);
  for (let n = 0; n <= 5; n++) {
    const s = all.slice(100, 100 + n);
    assertEquals(atob(btoa(s)), s);
  }
  assertEquals(atob(btoa(all)), all);
  const b64 = btoa(all);
  assertEquals(b64.length, Math.ceil(256 / 3) * 4);
  assertMatch(b64, /^[A-Za-z0-9+/]+=*$/);
});

// WPT html/webappapis/atob/base64.any.js: non-Latin-1 input
test("btoa: characters above U+00FF are an InvalidCharacterError", () => {
  for (const bad of ["\u0100", "abc\u0100", "\u20ac", "\ud83d\ude00", "\uffff"]) {
    const e = assertThrows(() => btoa(bad), DOMException);
    assertEquals([e.name, e.code], ["InvalidCharacterError", 5]);
  }
});

// WPT html/webappapis/atob/base64.any.js and fetch/data-urls/resources/base64.json:
// forgiving-base64 decode, null meaning an InvalidCharacterError
test("atob: forgiving-base64 decode table", () => {
  const cases = [
    ["", ""], ["abcd", "i\xb7\x1d"], [" abcd", "i\xb7\x1d"], ["abcd ", "i\xb7\x1d"],
    [" abcd===", null], ["abcd=== ", null], ["abcd ===", null], ["a", null], ["ab", "i"], ["abc", "i\xb7"],
    ["abcde", null], ["\ud800\udc00", null], ["=", null], ["==", null], ["===", null], ["====", null],
    ["=====", null], ["a=", null], ["a==", null], ["a===", null], ["a====", null], ["a=====", null],
    ["ab=", null], ["ab==", "i"], ["ab===", null], ["ab====", null], ["ab=====", null], ["abc=", "i\xb7"],
    ["abc==", null], ["abc===", null], ["abc====", null], ["abc=====", null], ["abcd=", null],
    ["abcd==", null], ["abcd===", null], ["abcd====", null], ["abcd=====", null], ["abcde=", null],
    ["abcde==", null], ["abcde===", null], ["abcde====", null], ["abcde=====", null], ["=a", null],
    ["=a=", null], ["a=b", null], ["a=b=", null], ["ab=c", null], ["ab=c=", null], ["abc=d", null],
    ["abc=d=", null], ["ab\u000bcd", null], ["ab\u3000cd", null], ["ab\u3001cd", null],
    ["ab\tcd", "i\xb7\x1d"], ["ab\ncd", "i\xb7\x1d"], ["ab\fcd", "i\xb7\x1d"], ["ab\rcd", "i\xb7\x1d"],
    ["ab cd", "i\xb7\x1d"], ["ab\u00a0cd", null], ["ab\t\n\f\r cd", "i\xb7\x1d"],
    [" \t\n\f\r ab\t\n\f\r cd\t\n\f\r ", "i\xb7\x1d"], ["ab\t\n\f\r =\t\n\f\r =\t\n\f\r ", "i"],
    ["A", null], ["/A", "\xfc"], ["//A", "\xff\xf0"], ["///A", "\xff\xff\xc0"], ["////A", null],
    ["/", null], ["A/", "\x03"], ["AA/", "\x00\x0f"], ["AAAA/", null], ["AAA/", "\x00\x00?"],
    ["\u0000nonsense", null], ["abcd\u0000nonsense", null], ["YQ", "a"], ["YR", "a"],
    ["~~", null], ["..", null], ["--", null], ["__", null],
  ];
  for (const [input, want] of cases) {
    if (want === null) {
      const e = assertThrows(() => atob(input), DOMException, undefined);
      assertEquals(e.name, "InvalidCharacterError", JSON.stringify(input));
    } else {
      assertEquals(atob(input), want, JSON.stringify(input));
    }
  }
});

// WPT html/webappapis/atob/base64.any.js: atob argument conversion
test("atob: converts its argument to a string", () => {
  assertEquals(atob(null), "\x9e\xe9e", "null is 'null'");
  assertEquals(atob(12), "\xd7", "12 is '12'");
  assertEquals(atob({ toString: () => "YWJj" }), "abc");
  assertThrows(() => atob(undefined), "InvalidCharacterError");
  assertEquals(atob(NaN), "5\xa3", "NaN is 'NaN'");
  assertEquals(atob(Infinity), "\"w\xe2\x9e+r", "Infinity is valid base64 too");
  assertThrows(() => atob(-1), "InvalidCharacterError");
  assertThrows(() => atob(Symbol("s")), TypeError);
  const e = assertThrows(() => atob("a"), DOMException);
  assertEquals(e.code, DOMException.INVALID_CHARACTER_ERR);
});
