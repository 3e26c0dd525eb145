// Body mixin, shared by Request and Response (Fetch standard).
// Cases adapted from WPT fetch/api/body/*.any.js and fetch/api/response/response-consume*.

const enc = (s) => new TextEncoder().encode(s);

test("body: string gives text/plain;charset=UTF-8", async () => {
  const r = new Response("héllo");
  assertEquals(r.headers.get("content-type"), "text/plain;charset=UTF-8");
  assertEquals(await r.text(), "héllo");
});

test("body: explicit content-type is kept", () => {
  const r = new Response("x", { headers: { "Content-Type": "text/html" } });
  assertEquals(r.headers.get("content-type"), "text/html");
});

test("body: ArrayBuffer and views are copied at construction", async () => {
  const u = enc("abc");
  const r1 = new Response(u);
  const r2 = new Response(u.buffer);
  const r3 = new Response(new DataView(u.buffer, 1, 2));
  u[0] = 0x7a;
  assertEquals(r1.headers.get("content-type"), null);
  assertEquals(await r1.text(), "abc");
  assertEquals(await r2.text(), "abc");
  assertEquals(await r3.text(), "bc");
});

test("body: Blob body takes the blob's type", async () => {
  const r = new Response(new Blob(["<b>"], { type: "text/html" }));
  assertEquals(r.headers.get("content-type"), "text/html");
  assertEquals(await r.text(), "<b>");
  const r2 = new Response(new Blob(["x"]));
  assertEquals(r2.headers.get("content-type"), null);
});

test("body: URLSearchParams body", async () => {
  const r = new Response(new URLSearchParams({ a: "1 2", b: "é" }));
  assertEquals(r.headers.get("content-type"), "application/x-www-form-urlencoded;charset=UTF-8");
  assertEquals(await r.text(), "a=1+2&b=%C3%A9");
});

test("body: FormData round trip through multipart", async () => {
  const fd = new FormData();
  fd.append("name", "va\nlue");
  fd.append("file", new Blob(["file body"], { type: "text/plain" }), "a\"b.txt");
  const r = new Response(fd);
  const ct = r.headers.get("content-type");
  assert(ct.startsWith("multipart/form-data; boundary="), ct);
  const copy = r.clone();
  const text = await copy.text();
  assert(text.includes('name="name"\r\n\r\nva\r\nlue\r\n'), text);
  assert(text.includes('filename="a%22b.txt"\r\nContent-Type: text/plain\r\n\r\nfile body\r\n'), text);
  const back = await r.formData();
  assertEquals(back.get("name"), "va\r\nlue");
  const f = back.get("file");
  assert(f instanceof File);
  assertEquals(f.name, "a%22b.txt");
  assertEquals(f.type, "text/plain");
  assertEquals(await f.text(), "file body");
});

test("body: formData() parses urlencoded", async () => {
  const r = new Response("a=1&b=%20x+y&a=2", { headers: { "content-type": "application/x-www-form-urlencoded" } });
  const fd = await r.formData();
  assertEquals(fd.getAll("a"), ["1", "2"]);
  assertEquals(fd.get("b"), " x y");
});

test("body: formData() rejects other types and bad multipart", async () => {
  await assertRejects(new Response("x").formData(), TypeError);
  const bad = new Response("garbage", { headers: { "content-type": "multipart/form-data; boundary=zzz" } });
  await assertRejects(bad.formData(), TypeError);
});

test("body: multipart parser handles a hand-written body", async () => {
  const body =
    "preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n" +
    "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n\x00\x01\r\n" +
    "--XyZ--\r\nepilogue";
  const r = new Request("https://a.test/", { method: "POST", body, headers: { "content-type": 'multipart/form-data; boundary="XyZ"' } });
  const fd = await r.formData();
  assertEquals(fd.get("a"), "1");
  assertEquals(new Uint8Array(await fd.get("f").arrayBuffer()), bytes(0, 1));
});

test("body: json(), arrayBuffer(), bytes(), blob()", async () => {
  assertEquals(await new Response('{"a":[1,2]}').json(), { a: [1, 2] });
  await assertRejects(new Response("{").json(), SyntaxError);
  const ab = await new Response("ab").arrayBuffer();
  assert(ab instanceof ArrayBuffer);
  assertEquals(new Uint8Array(ab), bytes(97, 98));
  const u = await new Response("ab").bytes();
  assert(u instanceof Uint8Array);
  assertEquals(u, bytes(97, 98));
  const b = await new Response("ab", { headers: { "content-type": "Text/Plain" } }).blob();
  assertEquals(b.type, "text/plain");
  assertEquals(b.size, 2);
});

test("body: text() strips a UTF-8 BOM and replaces invalid bytes", async () => {
  assertEquals(await new Response(bytes(0xef, 0xbb, 0xbf, 0x61)).text(), "a");
  assertEquals(await new Response(bytes(0x61, 0xff, 0x62)).text(), "a\uFFFDb");
});

test("body: null body reads as empty", async () => {
  const r = new Response(null);
  assertEquals(r.body, null);
  assertEquals(await r.text(), "");
  assertEquals(r.bodyUsed, false);
  assertEquals((await new Response().arrayBuffer()).byteLength, 0);
});

test("body: used twice rejects with TypeError", async () => {
  const r = new Response("x");
  assertEquals(r.bodyUsed, false);
  await r.text();
  assertEquals(r.bodyUsed, true);
  await assertRejects(r.text(), TypeError);
  await assertRejects(r.arrayBuffer(), TypeError);
  assertThrows(() => r.clone(), TypeError);
  assert(r.body instanceof ReadableStream);
});

test("body: locked stream rejects with TypeError", async () => {
  const r = new Response("x");
  const reader = r.body.getReader();
  assertEquals(r.bodyUsed, false);
  await assertRejects(r.text(), TypeError);
  const { value } = await reader.read();
  assertEquals(value, enc("x"));
  assertEquals(r.bodyUsed, true);
});

test("body: .body is a byte stream of the bytes", async () => {
  const r = new Response("hello");
  const s = r.body;
  assert(s === r.body, "same stream each time");
  const reader = s.getReader({ mode: "byob" });
  const { value, done } = await reader.read(new Uint8Array(3));
  assertEquals(done, false);
  assertEquals(value, enc("hel"));
  const rest = await reader.read(new Uint8Array(10));
  assertEquals(rest.value, enc("lo"));
  assertEquals((await reader.read(new Uint8Array(1))).done, true);
});

test("body: ReadableStream body", async () => {
  const stream = new ReadableStream({
    start(c) {
      c.enqueue(enc("a"));
      c.enqueue(enc("b"));
      c.close();
    },
  });
  const r = new Response(stream);
  assert(r.body === stream);
  assertEquals(await r.text(), "ab");
  assertEquals(r.bodyUsed, true);
});

test("body: stream with non-Uint8Array chunk rejects", async () => {
  const stream = new ReadableStream({ start(c) { c.enqueue("str"); c.close(); } });
  await assertRejects(new Response(stream).text(), TypeError);
});

test("body: erroring stream rejects with its error", async () => {
  const boom = new Error("boom");
  const stream = new ReadableStream({ pull(c) { c.error(boom); } });
  const e = await assertRejects(new Response(stream).arrayBuffer(), Error);
  assert(e === boom);
});

test("body: disturbed or locked stream cannot be a body", () => {
  const s = new ReadableStream();
  s.getReader();
  assertThrows(() => new Response(s), TypeError);
  const s2 = new ReadableStream();
  s2.cancel();
  assertThrows(() => new Response(s2), TypeError);
});

test("body: other objects become strings", async () => {
  const r = new Response({ toString: () => "obj" });
  assertEquals(await r.text(), "obj");
  assertEquals(await new Response(42).text(), "42");
});

test("body: clone() of bytes, of a touched stream, and independent reading", async () => {
  const r = new Response("abc");
  const c = r.clone();
  assertEquals(await r.text(), "abc");
  assertEquals(await c.text(), "abc");

  const r2 = new Response(new ReadableStream({ start(ctl) { ctl.enqueue(enc("x")); ctl.enqueue(enc("y")); ctl.close(); } }));
  const c2 = r2.clone();
  assertEquals(await c2.text(), "xy");
  assertEquals(await r2.text(), "xy");

  const r3 = new Response("zz");
  r3.body; // materialize the stream
  const c3 = r3.clone();
  assertEquals(await r3.text(), "zz");
  assertEquals(await c3.text(), "zz");
});

test("body: brand checks", async () => {
  await assertRejects(Response.prototype.text.call({}), TypeError);
  assertThrows(() => Object.getOwnPropertyDescriptor(Response.prototype, "body").get.call({}), TypeError);
});
