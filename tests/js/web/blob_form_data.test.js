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
