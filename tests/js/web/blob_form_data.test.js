// Blob, File (File API) and FormData (XHR standard).
// Cases adapted from WPT FileAPI/blob/Blob-*.any.js, FileAPI/file/File-constructor.any.js
// and xhr/formdata/*.any.js.

test("Blob: parts, size, type", async () => {
  const b = new Blob(["ab", new Uint8Array([99]), new Blob(["d"]), new Uint16Array([0x6665]).buffer], { type: "Text/Plain" });
  assertEquals(b.size, 6);
  assertEquals(b.type, "text/plain");
  assertEquals(await b.text(), "abcdef");
  assertEquals(new Blob().size, 0);
  assertEquals(new Blob([], { type: "a\u0001b" }).type, "");
  assertThrows(() => new Blob("abc"), TypeError);
  assertThrows(() => new Blob([], { endings: "bad" }), TypeError);
  assertEquals(await new Blob(["a\r\nb\rc"], { endings: "native" }).text(), "a\nb\nc");
  assertEquals(await new Blob(["\ud800"]).text(), "\ufffd");
});

test("Blob: parts are copied", async () => {
  const u = new Uint8Array([1, 2]);
  const b = new Blob([u]);
  u[0] = 9;
  assertEquals(await b.bytes(), bytes(1, 2));
  const out = await b.bytes();
  out[1] = 7;
  assertEquals(new Uint8Array(await b.arrayBuffer()), bytes(1, 2));
});

test("Blob: slice", async () => {
  const b = new Blob(["abcdef"]);
  assertEquals(await b.slice(1, 3).text(), "bc");
  assertEquals(await b.slice(-2).text(), "ef");
  assertEquals(await b.slice(2, -2).text(), "cd");
  assertEquals(await b.slice(4, 2).text(), "");
  assertEquals(await b.slice(0, 100).text(), "abcdef");
  assertEquals(b.slice(0, 1, "X/Y").type, "x/y");
  assertEquals(b.slice().size, 6);
});

test("Blob: stream()", async () => {
  const b = new Blob(["hello"]);
  const chunks = [];
  for await (const c of b.stream()) chunks.push(...c);
  assertEquals(new Uint8Array(chunks), new TextEncoder().encode("hello"));
  assertEquals(Object.prototype.toString.call(b), "[object Blob]");
  await assertRejects(Blob.prototype.text.call({}), TypeError);
});

test("File: name, lastModified, is a Blob", async () => {
  const f = new File(["x"], "a.txt", { type: "text/plain", lastModified: 42 });
  assertEquals(f.name, "a.txt");
  assertEquals(f.lastModified, 42);
  assertEquals(f.type, "text/plain");
  assert(f instanceof Blob);
  assertEquals(await f.text(), "x");
  assert(typeof new File([], "n").lastModified === "number");
  assertThrows(() => new File(["x"]), TypeError);
  assertEquals(Object.prototype.toString.call(f), "[object File]");
});

test("FormData: append/get/getAll/has/delete/set", () => {
  const fd = new FormData();
  fd.append("a", "1");
  fd.append("a", "2");
  fd.append("b", "3");
  assertEquals(fd.get("a"), "1");
  assertEquals(fd.getAll("a"), ["1", "2"]);
  assertEquals(fd.get("z"), null);
  assert(fd.has("b"));
  fd.set("a", "x");
  assertEquals([...fd], [["a", "x"], ["b", "3"]]);
  fd.delete("a");
  assertEquals([...fd.keys()], ["b"]);
  assertThrows(() => fd.append("a"), TypeError);
  assertThrows(() => fd.append("a", "b", "c"), TypeError);
  assertThrows(() => new FormData({}), TypeError);
});

test("FormData: Blob values become Files", () => {
  const fd = new FormData();
  fd.append("b", new Blob(["x"], { type: "text/plain" }));
  fd.append("n", new Blob(["x"]), "named.txt");
  const f = new File(["y"], "orig.txt");
  fd.append("f", f);
  fd.set("g", f, "renamed.txt");
  const b = fd.get("b");
  assert(b instanceof File);
  assertEquals(b.name, "blob");
  assertEquals(b.type, "text/plain");
  assertEquals(fd.get("n").name, "named.txt");
  assert(fd.get("f") === f);
  assertEquals(fd.get("g").name, "renamed.txt");
  assertEquals(Object.prototype.toString.call(fd), "[object FormData]");
  assertEquals([...fd.values()].length, 4);
});

// ---------------------------------------------------------------- WPT FileAPI/blob/Blob-constructor.any.js
test("Blob: constructor forms", () => {
  assertEquals(Blob.length, 0);
  const plain = new Blob;
  assertEquals([plain.size, plain.type, String(plain)], [0, "", "[object Blob]"]);
  assertEquals(new Blob(undefined).size, 0);
  assertThrows(() => Blob(), TypeError);
  for (const bad of [null, true, false, 0, 1, 1.5, "FAIL", new Date(), new RegExp(), {}, { 0: "FAIL", length: 1 }]) {
    assertThrows(() => new Blob(bad), TypeError);
  }
});

test("Blob: any iterable is a sequence of parts", async () => {
  assertEquals(await new Blob({ [Symbol.iterator]: Array.prototype[Symbol.iterator] }).text(), "");
  assertEquals(await new Blob({ [Symbol.iterator]: Array.prototype[Symbol.iterator], 0: "PASS", length: 1 }).text(), "PASS");
  const custom = { [Symbol.iterator]() { let i = 0; return { next: () => [{ done: false, value: "ab" }, { done: false, value: "cde" }, { done: true }][i++] }; } };
  assertEquals(new Blob(custom).size, 5);
  assertEquals(await new Blob(new String("xyz")).text(), "xyz");
  // Each number of a Uint8Array "sequence" is a part turned into a string.
  assertEquals(await new Blob(new Uint8Array([1, 2, 3])).text(), "123");
});

test("Blob: sequence conversion order and exceptions", () => {
  const boom = new Error("boom");
  const seen = [];
  const obj = {
    get [Symbol.iterator]() { seen.push("iterator"); return Array.prototype[Symbol.iterator]; },
    get length() { seen.push("length"); return { valueOf() { seen.push("valueOf"); return 3; } }; },
    get 0() { seen.push("0"); return { toString() { seen.push("0 toString"); return "a"; } }; },
    get 1() { seen.push("1"); throw boom; },
    get 2() { seen.push("2"); return "never"; },
  };
  assert(assertThrows(() => new Blob(obj)) === boom);
  assertEquals(seen, ["iterator", "length", "valueOf", "0", "0 toString", "length", "valueOf", "1"]);
  const lengthThrows = { [Symbol.iterator]: Array.prototype[Symbol.iterator], get length() { throw boom; } };
  assert(assertThrows(() => new Blob(lengthThrows)) === boom);
  assert(assertThrows(() => new Blob([{ toString() { throw boom; } }])) === boom);
  assert(assertThrows(() => new Blob([{ toString: undefined, valueOf() { throw boom; } }])) === boom);
  assertThrows(() => new Blob([{ toString: null, valueOf: null }]), TypeError);
});

test("Blob: parts are converted before the options are read", () => {
  const boom = new Error("first");
  let typeRead = false;
  const e = assertThrows(() => new Blob([{ toString() { throw boom; } }], { get type() { typeRead = true; return ""; } }));
  assert(e === boom);
  assertEquals(typeRead, false);
  const order = [];
  new Blob([{ toString() { order.push("part"); return "x"; } }], {
    get type() { order.push("type"); return ""; },
    get endings() { order.push("endings"); return "native"; },
  });
  assertEquals(order, ["part", "endings", "type"]);
  const strings = [];
  new Blob([], {
    type: { toString: () => { strings.push("type"); return ""; } },
    endings: { toString: () => { strings.push("endings"); return "transparent"; } },
  });
  assertEquals(strings, ["endings", "type"]);
});

test("Blob: changes to the parts array while converting are seen", async () => {
  const popped = [{ toString() { popped.pop(); return "PASS"; } }, { toString() { throw new Error("removed"); } }];
  assertEquals(await new Blob(popped).text(), "PASS");
  const grown = [
    { toString() { if (grown.length === 3) return "A"; grown.unshift({ toString() { throw new Error("index 0 read twice"); } }); return "P"; } },
    { toString: () => "SS" },
  ];
  assertEquals(await new Blob(grown).text(), "PASS");
});

test("Blob: ToString of parts that are neither buffers nor blobs", async () => {
  const parts = [null, undefined, true, false, 0, 1, new String("so"), [], ["x", "y"], {}, { 0: "F", length: 1 },
    { toString: () => "A" }, { toString: undefined, valueOf: () => "B" }];
  assertEquals(await new Blob(parts).text(), "nullundefinedtruefalse01sox,y[object Object][object Object]AB");
  assertThrows(() => new Blob([Symbol("s")]), TypeError);
});

test("Blob: typed arrays, DataViews and buffers contribute their bytes", async () => {
  const pass = [0x50, 0x41, 0x53, 0x53];
  const b = new Blob([
    new Uint8Array(pass), new Int8Array(pass), new Uint16Array([0x4150, 0x5353]), new Int16Array([0x4150, 0x5353]),
    new Uint32Array([0x53534150]), new Int32Array([0x53534150]), new Float32Array([0xD341500000]),
    new BigInt64Array([0x5353415053534150n]), new DataView(new Uint8Array(pass).buffer),
  ]);
  assertEquals(await b.text(), "PASS".repeat(10));
  assertEquals(await new Blob([new ArrayBuffer(3)]).bytes(), bytes(0, 0, 0));
  const view = new Uint8Array([0, 255, 0, 4]);
  assertEquals(await new Blob([view.buffer, view.buffer]).bytes(), bytes(0, 255, 0, 4, 0, 255, 0, 4));
  // A view covers only its own window of the buffer.
  const tail = new Uint16Array(view.buffer, 2);
  assertEquals(await new Blob([tail, view.subarray(1, 2), tail]).bytes(), bytes(0, 4, 255, 0, 4));
  const foo = new Blob(["foo"]);
  assertEquals(await new Blob([foo, foo]).text(), "foofoo");
  assertEquals(await new Blob([new Uint8Array([0]).buffer, new Blob(["fo"]), "foo"]).text(), "\0fofoo");
});

test("Blob: options objects", async () => {
  for (const opts of [null, undefined, {}, { unrecognized: true }, /regex/, function () {}, [1]]) {
    const b = new Blob(["\na\r\nb\n\rc\r"], opts);
    assertEquals(b.type, "");
    assertEquals(await b.text(), "\na\r\nb\n\rc\r");
  }
  for (const bad of [123, 123.4, true, "abc"]) assertThrows(() => new Blob([], bad), TypeError);
});

test("Blob: type normalization", () => {
  const cases = [
    ["", ""], ["a", "a"], ["A", "a"], ["text/html", "text/html"], ["TEXT/HTML", "text/html"],
    ["text/plain;charset=utf-8", "text/plain;charset=utf-8"], ["\u00e5", ""], ["\ud801\udc7e", ""],
    [" image/gif ", " image/gif "], ["\timage/gif\t", ""], ["image/gif;\u007f", ""], ["\u0130mage/gif", ""],
    ["\u0131mage/gif", ""], ["image/gif\u0000", ""], ["nonparsable", "nonparsable"],
  ];
  for (const [type, expected] of cases) {
    assertEquals(new Blob([], { type }).type, expected, JSON.stringify(type));
  }
  // The type is not sniffed from the contents.
  assertEquals(new Blob([new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61])], { type: "image/png" }).type, "image/png");
  assertEquals(new Blob(["<HTML>"]).type, "");
});

test("Blob: endings", async () => {
  const s = "a\rb\nc\r\nd\n\re";
  assertEquals(await new Blob([s]).text(), s);
  assertEquals(await new Blob([s], { endings: "transparent" }).text(), s);
  assertEquals(await new Blob([s], { endings: "native" }).text(), "a\nb\nc\nd\n\ne");
  // Only string parts are converted; bytes are left alone.
  const raw = new Uint8Array([13, 10]);
  assertEquals(await new Blob([raw, "\r\n", new Blob(["\r"])], { endings: "native" }).bytes(), bytes(13, 10, 10, 13));
  assertThrows(() => new Blob([], { endings: "NATIVE" }), TypeError);
  assertThrows(() => new Blob([], { endings: null }), TypeError);
});

test("Blob: strings are UTF-8 with lone surrogates replaced", async () => {
  const b = new Blob(["\ud800x\udc00", "\ud83d\ude00", "é"]);
  assertEquals(b.size, 3 + 1 + 3 + 4 + 2);
  assertEquals(await b.text(), "\ufffdx\ufffd\ud83d\ude00é");
  assertEquals(await new Blob(["\ud83d", "\ude00"]).bytes(), bytes(0xef, 0xbf, 0xbd, 0xef, 0xbf, 0xbd));
});

// ---------------------------------------------------------------- WPT FileAPI/blob/Blob-slice.any.js, Blob-slice-overflow.any.js
test("Blob: slice ranges", async () => {
  const b = new Blob(["0123456789"]);
  const cases = [
    [[], "0123456789"], [[5], "56789"], [[-3], "789"], [[-100], "0123456789"], [[100], ""],
    [[2, 5], "234"], [[-5, -2], "567"], [[2, -100], ""], [[-100, 2], "01"], [[5, 5], ""], [[7, 3], ""],
    [[NaN, NaN], ""], [[NaN, 3], "012"], [[Infinity], ""], [[-Infinity], "0123456789"], [[0, Infinity], "0123456789"],
    [[1.9, 3.9], "12"], [[-1.9], "9"], [["2", "4"], "23"], [[undefined, 3], "012"], [[null, 2], "01"],
  ];
  for (const [args, expected] of cases) {
    assertEquals(await b.slice(...args).text(), expected, `slice(${args.map(String)})`);
  }
  // Slices of slices, and of multi-part blobs.
  const multi = new Blob(["ab", new Uint8Array([0x63, 0x64]), new Blob(["ef"])]);
  assertEquals(await multi.slice(1, 5).slice(1, -1).text(), "cd");
  assertEquals(multi.slice(-4).size, 4);
  const huge = new Blob(["abc"]);
  assertEquals(await huge.slice(-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER).text(), "abc");
});

test("Blob: slice contentType", () => {
  const b = new Blob(["x"], { type: "text/plain" });
  assertEquals(b.slice().type, "", "the type is not inherited");
  assertEquals(b.slice(0, 1, "A/B").type, "a/b");
  assertEquals(b.slice(0, 1, "\u00e9").type, "");
  assertEquals(b.slice(0, 1, "a\x00").type, "");
  assertEquals(b.slice(0, 1, undefined).type, "");
  assertEquals(b.slice(0, 1, null).type, "null");
  const f = new File(["abc"], "f.txt", { type: "text/plain" });
  const s = f.slice(1);
  assert(!(s instanceof File) && s instanceof Blob, "slicing a File gives a Blob");
});

// ---------------------------------------------------------------- WPT FileAPI/blob/Blob-text.any.js, Blob-bytes.any.js, Blob-array-buffer.any.js
test("Blob: text(), arrayBuffer() and bytes()", async () => {
  const b = new Blob([bytes(0xef, 0xbb, 0xbf, 0x61, 0xff, 0x62)], { type: "text/plain;charset=latin1" });
  assertEquals(await b.text(), "a\ufffdb", "UTF-8 whatever the type says, BOM dropped");
  const ab = await b.arrayBuffer();
  assert(ab instanceof ArrayBuffer);
  assertEquals(new Uint8Array(ab), bytes(0xef, 0xbb, 0xbf, 0x61, 0xff, 0x62));
  const u1 = await b.bytes();
  const u2 = await b.bytes();
  assert(u1 instanceof Uint8Array && u1 !== u2 && u1.buffer !== u2.buffer);
  assertEquals(await new Blob().text(), "");
  assertEquals((await new Blob().arrayBuffer()).byteLength, 0);
  const [t1, t2] = await Promise.all([b.text(), b.text()]);
  assertEquals(t1, t2);
  await assertRejects(Blob.prototype.arrayBuffer.call({}), TypeError);
  await assertRejects(Blob.prototype.bytes.call(null), TypeError);
});

// ---------------------------------------------------------------- WPT FileAPI/blob/Blob-stream.any.js, Blob-stream-BYOB.any.js
test("Blob: stream() gives the bytes, a fresh stream each time", async () => {
  const b = new Blob(["hello ", new Uint8Array([0x77, 0x6f]), new Blob(["rld"])]);
  const s1 = b.stream();
  const s2 = b.stream();
  assert(s1 !== s2 && s1 instanceof ReadableStream);
  const chunks = [];
  for await (const c of s1) {
    assert(c instanceof Uint8Array);
    chunks.push(...c);
  }
  assertEquals(new TextDecoder().decode(new Uint8Array(chunks)), "hello world");
  const reader = s2.getReader({ mode: "byob" });
  const first = await reader.read(new Uint8Array(4));
  assertEquals(first.value, new TextEncoder().encode("hell"));
  const rest = [];
  for (;;) {
    const { value, done } = await reader.read(new Uint8Array(16));
    if (done) break;
    rest.push(...value);
  }
  assertEquals(new TextDecoder().decode(new Uint8Array(rest)), "o world");
  assertThrows(() => new Response(s2), TypeError, "disturbed");
  const empty = await new Blob().stream().getReader().read();
  assertEquals(empty.done, true);
  assertThrows(() => Blob.prototype.stream.call({}), TypeError);
});

// ---------------------------------------------------------------- WPT FileAPI/file/File-constructor.any.js
test("File: required arguments and fileBits", async () => {
  assertThrows(() => new File(), TypeError);
  assertThrows(() => new File([]), TypeError);
  const sizes = [
    [[], 0], [["bits"], 4], [["𝓽𝓮𝔁𝓽"], 16], [[new String("string object")], 13], [[new Blob()], 0],
    [[new Blob(["bits"])], 4], [[new File([], "w.txt")], 0], [[new File(["bits"], "w.txt")], 4], [[new ArrayBuffer(8)], 8],
    [[new Uint8Array([0x50, 0x41, 0x53, 0x53])], 4],
    [["bits", new Blob(["bits"]), new Blob(), new Uint8Array([0x50, 0x41]), new Uint16Array([0x5353]), new Uint32Array([0x53534150])], 16],
    [[12], 2], [[[1, 2, 3]], 5], [[{}], 15], [[{ toString: () => "a string" }], 8],
  ];
  for (const [bits, size] of sizes) {
    const f = new File(bits, "dummy");
    assert(f instanceof File && f instanceof Blob);
    assertEquals([f.name, f.size, f.type], ["dummy", size, ""]);
  }
  const it = { [Symbol.iterator]() { let i = 0; return { next: () => [{ done: false, value: "ab" }, { done: false, value: "cde" }, { done: true }][i++] }; } };
  assertEquals(new File(it, "x").size, 5);
  for (const bad of ["hello", 0, null]) assertThrows(() => new File(bad, "world.html"), TypeError);
  const boom = new Error("expected");
  assert(assertThrows(() => new File([{ toString() { throw boom; } }], "n")) === boom);
});

test("File: fileName conversion", () => {
  assertEquals(new File([], "dummy/foo").name, "dummy/foo");
  assertEquals(new File([], null).name, "null");
  assertEquals(new File([], undefined).name, "undefined");
  assertEquals(new File([], 1).name, "1");
  assertEquals(new File([], "").name, "");
  assertEquals(new File([], "a\ud800b").name, "a\ufffdb");
  assertEquals(new File(["bits"], "dummy", { name: "foo" }).name, "dummy");
});

test("File: arguments are converted left to right", () => {
  const order = [];
  new File([{ toString() { order.push("bits"); return "a"; } }], { toString() { order.push("name"); return "n"; } }, {
    get type() { order.push("type"); return ""; },
    get lastModified() { order.push("lastModified"); return 1; },
    get endings() { order.push("endings"); return undefined; },
  });
  assertEquals(order, ["bits", "name", "endings", "type", "lastModified"]);
});

test("File: type and options bag", () => {
  const cases = [
    ["text/plain", "text/plain"], ["text/plain;charset=UTF-8", "text/plain;charset=utf-8"], ["TEXT/PLAIN", "text/plain"],
    ["𝓽𝓮𝔁𝓽/𝔭𝔩𝔞𝔦𝔫", ""], ["ascii/nonprintable\u001F", ""], ["ascii/nonprintable\u007F", ""], ["nonascii\u00EE", ""],
    ["nonascii\u1234", ""], ["nonparsable", "nonparsable"],
  ];
  for (const [type, expected] of cases) assertEquals(new File(["bits"], "dummy", { type }).type, expected, type);
  for (const bad of [123, 123.4, true, "abc"]) assertThrows(() => new File(["bits"], "n", bad), TypeError);
  for (const ok of [null, undefined, [1, 2, 3], /regex/, function () {}]) assertEquals(new File(["bits"], "n", ok).size, 4);
  const boom = new Error("expected");
  assert(assertThrows(() => new File(["bits"], "n", { type: { toString() { throw boom; } } })) === boom);
  assertEquals(new File(["a\r\nb"], "n", { endings: "native" }).size, 3);
});

test("File: lastModified", () => {
  const before = Date.now();
  const f = new File([], "n");
  const after = Date.now();
  assert(f.lastModified >= before && f.lastModified <= after, `${f.lastModified} in [${before}, ${after}]`);
  assertEquals(new File([], "n", { lastModified: 42 }).lastModified, 42);
  assertEquals(new File([], "n", { lastModified: -1 }).lastModified, -1);
  assertEquals(new File([], "n", { lastModified: 42.9 }).lastModified, 42);
  assertEquals(new File([], "n", { lastModified: new Date(5000) }).lastModified, 5000);
  assertEquals(new File([], "n", { lastModified: NaN }).lastModified, 0);
  assertEquals(new File([], "n", { lastModified: "17" }).lastModified, 17);
  assertEquals(new File([], "n", { lastModified: undefined }).lastModified >= before, true);
});

test("File: interface", () => {
  assertEquals(File.length, 2);
  assert(Object.getPrototypeOf(File.prototype) === Blob.prototype);
  assert(Object.getPrototypeOf(File) === Blob);
  assertThrows(() => File([], "n"), TypeError);
  const getter = Object.getOwnPropertyDescriptor(File.prototype, "name").get;
  assertThrows(() => getter.call(new Blob()), TypeError);
  assertEquals(Object.prototype.toString.call(new File([], "n")), "[object File]");
});

// ---------------------------------------------------------------- WPT xhr/formdata/append.any.js, get.any.js, has.any.js, delete.any.js
test("FormData: values and names are converted to strings", () => {
  const fd = new FormData();
  fd.append(null, null);
  fd.append("u", undefined);
  fd.append(1, 2);
  fd.append("s", "a\ud800");
  assertEquals([...fd], [["null", "null"], ["u", "undefined"], ["1", "2"], ["s", "a\ufffd"]]);
  assertEquals(fd.get(1), "2");
  assert(fd.has(null));
  fd.delete("null");
  assertEquals(fd.has("null"), false);
});

test("FormData: get/getAll/has/delete on several entries", () => {
  const fd = new FormData();
  assertEquals(fd.get("key"), null);
  assertEquals(fd.getAll("key"), []);
  assertEquals(fd.has("key"), false);
  fd.append("key", "value1");
  fd.append("other", "x");
  fd.append("key", "value2");
  assertEquals(fd.get("key"), "value1");
  assertEquals(fd.getAll("key"), ["value1", "value2"]);
  assertEquals(fd.get("KEY"), null, "names are case-sensitive");
  const all = fd.getAll("key");
  all.push("mutated");
  assertEquals(fd.getAll("key").length, 2, "getAll returns a new array");
  fd.delete("key");
  assertEquals([...fd], [["other", "x"]]);
  fd.delete("absent");
  assertEquals([...fd.keys()], ["other"]);
});

// ---------------------------------------------------------------- WPT xhr/formdata/set.any.js
test("FormData: set replaces the first entry and drops the rest", () => {
  const fd = new FormData();
  fd.append("a", "1");
  fd.append("b", "2");
  fd.append("a", "3");
  fd.append("c", "4");
  fd.append("a", "5");
  fd.set("a", "x");
  assertEquals([...fd], [["a", "x"], ["b", "2"], ["c", "4"]]);
  fd.set("d", "new");
  assertEquals([...fd.keys()], ["a", "b", "c", "d"]);
});

test("FormData: argument counts and overloads", () => {
  const fd = new FormData();
  assertThrows(() => fd.append(), TypeError);
  assertThrows(() => fd.append("a"), TypeError);
  assertThrows(() => fd.set(), TypeError);
  assertThrows(() => fd.set("a"), TypeError);
  assertThrows(() => fd.get(), TypeError);
  assertThrows(() => fd.getAll(), TypeError);
  assertThrows(() => fd.has(), TypeError);
  assertThrows(() => fd.delete(), TypeError);
  // Three arguments select the Blob overload.
  assertThrows(() => fd.append("a", "b", "c"), TypeError);
  assertThrows(() => fd.append("a", "b", undefined), TypeError);
  assertThrows(() => fd.set("a", {}, "name"), TypeError);
  assertEquals([...fd], []);
  assertThrows(() => FormData(), TypeError);
  assertThrows(() => FormData.prototype.append.call({}, "a", "b"), TypeError);
  assertThrows(() => FormData.prototype.entries.call({}), TypeError);
  for (const bad of [null, 1, "form", {}]) assertThrows(() => new FormData(bad), TypeError);
});

// ---------------------------------------------------------------- WPT xhr/formdata/set-blob.any.js, append.any.js
test("FormData: Blobs become Files, Files are kept or renamed", () => {
  const fd = new FormData();
  const now = Date.now();
  fd.set("blob-1", new Blob());
  const b1 = fd.get("blob-1");
  assertEquals([b1.constructor.name, b1.name, b1.type], ["File", "blob", ""]);
  assert(fd.get("blob-1") === fd.get("blob-1"), "the same File each time");
  assert(Math.abs(b1.lastModified - now) < 1000);
  fd.set("blob-2", new Blob(["ab"], { type: "text/plain" }));
  const b2 = fd.get("blob-2");
  assertEquals([b2.name, b2.type, b2.size], ["blob", "text/plain", 2]);
  fd.set("blob-3", new Blob(), "custom name");
  assertEquals(fd.get("blob-3").name, "custom name");
  fd.append("blob-4", new Blob(), "");
  assertEquals(fd.get("blob-4").name, "");
  fd.append("blob-5", new Blob(), null);
  assertEquals(fd.get("blob-5").name, "null");
  const file = new File(["x"], "name", { lastModified: 123, type: "a/b" });
  fd.set("file-1", file);
  assert(fd.get("file-1") === file);
  fd.set("file-2", file, "custom name");
  const f2 = fd.get("file-2");
  assert(f2 !== file);
  assertEquals([f2.name, f2.type, f2.lastModified, f2.size], ["custom name", "a/b", 123, 1]);
  fd.append("file-3", file, undefined);
  assert(fd.get("file-3") === file, "an undefined filename is no filename");
});

test("FormData: File contents are those of the Blob", async () => {
  const fd = new FormData();
  fd.append("f", new Blob([bytes(1, 2, 3)]));
  assertEquals(await fd.get("f").bytes(), bytes(1, 2, 3));
});

// ---------------------------------------------------------------- WPT xhr/formdata/iteration.any.js
test("FormData: iteration is live", () => {
  const make = (pairs) => {
    const fd = new FormData();
    for (const [k, v] of pairs) fd.append(k, v);
    return fd;
  };
  let fd = make([["foo", "0"], ["baz", "1"], ["BAR", "2"]]);
  let seen = [];
  for (const [k, v] of fd) {
    seen.push(k + v);
    fd.delete("baz");
  }
  assertEquals(seen, ["foo0", "BAR2"]);
  fd = make([["foo", "0"], ["baz", "1"], ["BAR", "2"], ["quux", "3"]]);
  seen = [];
  for (const [k] of fd) {
    seen.push(k);
    if (k === "baz") fd.delete("foo");
  }
  assertEquals(seen, ["foo", "baz", "quux"]);
  fd = make([["foo", "0"], ["baz", "1"]]);
  seen = [];
  for (const [k] of fd) {
    seen.push(k);
    if (k === "baz") fd.append("X-yZ", "4");
  }
  assertEquals(seen, ["foo", "baz", "X-yZ"]);
});

test("FormData: keys/values/entries/forEach in insertion order", () => {
  const fd = new FormData();
  fd.append("b", "1");
  fd.append("a", "2");
  fd.append("b", "3");
  assertEquals([...fd.keys()], ["b", "a", "b"]);
  assertEquals([...fd.values()], ["1", "2", "3"]);
  assertEquals([...fd.entries()], [["b", "1"], ["a", "2"], ["b", "3"]]);
  assert(FormData.prototype[Symbol.iterator] === FormData.prototype.entries);
  const seen = [];
  fd.forEach((v, k, obj) => {
    assert(obj === fd);
    seen.push(`${k}=${v}`);
  });
  assertEquals(seen, ["b=1", "a=2", "b=3"]);
  assertEquals(Object.prototype.toString.call(fd.entries()), "[object FormData Iterator]");
});
