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

// Fetch: formData() of application/x-www-form-urlencoded runs the URL
// standard's urlencoded parser on the bytes, which keeps a leading BOM
// (names and values are decoded with "UTF-8 decode without BOM").
test("body: formData() of urlencoded keeps a leading BOM", async () => {
  const headers = { "content-type": "application/x-www-form-urlencoded" };
  const fd = await new Response("\uFEFFa=1", { headers }).formData();
  assertEquals([...fd], [["\uFEFFa", "1"]]);
  const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0x62, 0x3d, 0x32]);
  assertEquals([...(await new Request("http://x/", { method: "POST", body: bytes, headers }).formData())], [["\uFEFFb", "2"]]);
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

// A text body's stream holds the text until something reads it: each way
// of reading still sees its UTF-8 bytes, once.
test("body: the stream of a text body, read every way", async () => {
  const text = "h\u00e9llo \u{1F600}";
  const read = async (stream) => {
    const chunks = [];
    for await (const chunk of stream) chunks.push(...chunk);
    return new Uint8Array(chunks);
  };
  assertEquals(await read(new Response(text).body), enc(text));
  assertEquals(await new Response(new Response(text).body).text(), text);
  assertEquals(new Uint8Array(await new Response(new Response(text).body).arrayBuffer()), enc(text));
  const [a, b] = new Response(text).body.tee();
  assertEquals(await read(a), enc(text));
  assertEquals(await read(b), enc(text));
  assertEquals((await new Response("").body.getReader().read()).done, true);
  const cancelled = new Response(text).body;
  await cancelled.cancel();
  assertEquals((await cancelled.getReader().read()).done, true);
  await assertRejects(() => new Response(cancelled).text(), TypeError);
});

// A Response made from another's body (what frameworks do to change the
// headers of a response already made) shares its stream: reading one uses
// both.
test("body: a Response made from another's body shares its stream", async () => {
  const first = new Response("payload", { headers: { "x-a": "1" } });
  const second = new Response(first.body, first);
  assert(second.body === first.body, "the same stream");
  assertEquals(second.headers.get("x-a"), "1");
  assertEquals(first.bodyUsed, false);
  assertEquals(await second.text(), "payload");
  assertEquals(first.bodyUsed, true);
  await assertRejects(() => first.text(), TypeError);
  const cloned = new Response(new Response("twice").body).clone();
  assertEquals(await cloned.text(), "twice");
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

// ---------------------------------------------------------------- WPT fetch/api/response/response-consume-empty.any.js, request-consume-empty.any.js
test("body: empty bodies through every reader", async () => {
  const makers = [() => new Response(), () => new Response(""), () => new Request("https://x.test/", { method: "POST", body: "" })];
  for (const make of makers) {
    assertEquals(await make().text(), "");
    assertEquals((await make().arrayBuffer()).byteLength, 0);
    assertEquals((await make().bytes()).length, 0);
    assertEquals((await make().blob()).size, 0);
    await assertRejects(make().json(), SyntaxError);
  }
  assertEquals((await new Response().blob()).type, "");
  const form = new Response("", { headers: { "content-type": "application/x-www-form-urlencoded" } });
  assertEquals([...(await form.formData())], []);
  await assertRejects(new Response().formData(), TypeError);
  // A null body is never "used".
  const n = new Response(null);
  await n.text();
  await n.text();
  assertEquals(n.bodyUsed, false);
});

// ---------------------------------------------------------------- WPT fetch/api/response/response-consume.html, request-consume.any.js
test("body: every body type read back through every reader", async () => {
  const inits = () => [
    "héllo",
    new TextEncoder().encode("héllo"),
    new TextEncoder().encode("héllo").buffer,
    new DataView(new TextEncoder().encode("xhéllo").buffer, 1),
    new Blob(["hé", "llo"]),
    new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode("hé")); c.enqueue(new TextEncoder().encode("llo")); c.close(); } }),
  ];
  const expected = new TextEncoder().encode("héllo");
  for (const kind of ["Response", "Request"]) {
    const make = (body) => kind === "Response" ? new Response(body) : new Request("https://x.test/", { method: "POST", body, duplex: "half" });
    for (const body of inits()) assertEquals(await make(body).text(), "héllo", `${kind} text`);
    for (const body of inits()) assertEquals(new Uint8Array(await make(body).arrayBuffer()), expected, `${kind} arrayBuffer`);
    for (const body of inits()) assertEquals(await make(body).bytes(), expected, `${kind} bytes`);
    for (const body of inits()) assertEquals(await (await make(body).blob()).bytes(), expected, `${kind} blob`);
  }
  assertEquals(await new Response(JSON.stringify({ "é": [1, "x"] })).json(), { "é": [1, "x"] });
  assertEquals(await new Response(bytes(0xef, 0xbb, 0xbf, 0x31)).json(), 1, "the BOM is dropped before JSON parsing");
});

test("body: json() errors", async () => {
  for (const bad of ["{", "undefined", "{'a':1}", "[1,]", "\ufeff\ufeff1"]) {
    await assertRejects(new Response(bad).json(), SyntaxError);
  }
  const r = new Response("{bad");
  await assertRejects(r.json(), SyntaxError);
  assertEquals(r.bodyUsed, true, "a failed parse still uses the body");
  await assertRejects(r.json(), TypeError);
});

// ---------------------------------------------------------------- WPT fetch/api/body/mime-type.any.js
test("body: blob() type follows the content-type header at read time", async () => {
  const req = new Request("https://x.test/", { method: "POST", body: "x", headers: { "Content-Type": "text/plain" } });
  req.headers.set("Content-Type", "test/test");
  assertEquals((await req.blob()).type, "test/test");
  const res = new Response("", { headers: { "Content-Type": "text/plain" } });
  res.headers.set("Content-Type", "test/test");
  assertEquals((await res.blob()).type, "test/test");
  const gone = new Response("x");
  gone.headers.delete("content-type");
  assertEquals((await gone.blob()).type, "");
  const upper = new Response("x", { headers: { "content-type": "TEXT/HTML" } });
  assertEquals((await upper.blob()).type, "text/html");
  const bad = new Response("x", { headers: { "content-type": "text/\u00e9" } });
  assertEquals((await bad.blob()).type, "");
});

// ---------------------------------------------------------------- WPT fetch/api/request/request-consume.any.js (formData)
test("body: formData() content-type matching", async () => {
  const url = (ct) => new Response("a=1", { headers: { "content-type": ct } });
  for (const ct of ["application/x-www-form-urlencoded", "APPLICATION/X-WWW-FORM-URLENCODED", "application/x-www-form-urlencoded;charset=UTF-8", " application/x-www-form-urlencoded ; x=y"]) {
    assertEquals((await url(ct).formData()).get("a"), "1", ct);
  }
  for (const ct of ["text/plain", "application/json", "application/x-www-form-urlencodedx", "multipart/form-datax; boundary=b"]) {
    await assertRejects(url(ct).formData(), TypeError);
  }
  // Urlencoded parsing: + is a space, percent-decoding is UTF-8, empty pieces are skipped.
  const fd = await url("application/x-www-form-urlencoded").formData();
  assertEquals([...fd], [["a", "1"]]);
  const tricky = new Response("&&a+b=c+d&%E2%82%AC=%ZZ&=v&k&a+b=2", { headers: { "content-type": "application/x-www-form-urlencoded" } });
  assertEquals([...(await tricky.formData())], [["a b", "c d"], ["€", "%ZZ"], ["", "v"], ["k", ""], ["a b", "2"]]);
});

// ---------------------------------------------------------------- WPT fetch/api/body/formdata-parsing.any.js
const MP = "multipart/form-data; boundary=boundary";
const mp = (...lines) => lines.join("\r\n");
const parse = (body, ct = MP) => new Response(body, { headers: [["Content-Type", ct]] }).formData();
async function entries(fd) {
  const out = [];
  for (const [name, value] of fd) {
    out.push([name, typeof value === "string" ? value : { name: value.name, type: value.type, body: await value.text() }]);
  }
  return out;
}

test("body: multipart file parts, content types and names", async () => {
  const cd = 'Content-Disposition: form-data; name="file"; filename="hello.txt"';
  assertEquals(await entries(await parse(mp("--boundary", cd, "", "contents", "--boundary--", ""))),
    [["file", { name: "hello.txt", type: "text/plain", body: "contents" }]], "no Content-Type means text/plain");
  assertEquals(await entries(await parse(mp("--boundary", "Content-Type: image/png", cd, "", "PNG", "--boundary--", ""))),
    [["file", { name: "hello.txt", type: "image/png", body: "PNG" }]], "Content-Type before Content-Disposition");
  assertEquals(await entries(await parse(mp("--boundary", "CONTENT-DISPOSITION: form-data; name=\"a\"; filename=\"f\"", "CoNtEnT-TyPe: TEXT/HTML", "", "v", "--boundary--", ""))),
    [["a", { name: "f", type: "text/html", body: "v" }]], "header names are case-insensitive, the type is lowercased");
  assertEquals(await entries(await parse(mp("--boundary", 'Content-Disposition: form-data; name="a"; filename="f"', "Content-Type: \t text/html \t", "", "v", "--boundary--", ""))),
    [["a", { name: "f", type: "text/html", body: "v" }]], "the Content-Type value is trimmed");
  assertEquals(await entries(await parse(mp("--boundary", 'Content-Disposition: form-data; name="a"; filename="f"', "Content-Type: text/html", "Content-Type: text/plain", "", "v", "--boundary--", ""))),
    [["a", { name: "f", type: "text/plain", body: "v" }]], "the last Content-Type wins");
  assertEquals(await entries(await parse(mp("--boundary", 'Content-Disposition: form-data; name="a"; filename="f"', "Content-Type:", "", "v", "--boundary--", ""))),
    [["a", { name: "f", type: "", body: "v" }]], "an empty Content-Type");
  assertEquals(await entries(await parse(mp("--boundary", 'Content-Disposition: form-data; name="a"; filename="f"', "Content-Type: text/\u00e9", "", "v", "--boundary--", ""))),
    [["a", { name: "f", type: "", body: "v" }]], "a non-ASCII Content-Type");
  assertEquals(await entries(await parse(mp("--boundary", 'Content-Disposition: form-data; name="a"; filename=""', "", "v", "--boundary--", ""))),
    [["a", { name: "", type: "text/plain", body: "v" }]], "an empty filename");
  assertEquals(await entries(await parse(mp("--boundary", 'Content-Disposition: form-data; name="a"; filename="empty.txt"', "", "", "--boundary--", ""))),
    [["a", { name: "empty.txt", type: "text/plain", body: "" }]], "an empty file");
  assertEquals(await entries(await parse(mp("--boundary", 'Content-Disposition: form-data; name="a%0Ab%22c%25"; filename="x%0Dy%22.txt"', "", "v", "--boundary--", ""))),
    [["a%0Ab%22c%25", { name: "x%0Dy%22.txt", type: "text/plain", body: "v" }]], "percent sequences are not decoded");
  assertEquals(await entries(await parse(mp("--boundary", 'Content-Disposition: form-data; name="é"; filename="中文.txt"', "", "😀", "--boundary--", ""))),
    [["é", { name: "中文.txt", type: "text/plain", body: "😀" }]], "non-ASCII names, filenames and contents");
  assertEquals(await entries(await parse(mp("--boundary", 'Content-Disposition: form-data; filename="f"; name="a"', "", "v", "--boundary--", ""))),
    [["a", { name: "f", type: "text/plain", body: "v" }]], "parameters in any order");
  const f = (await parse(mp("--boundary", 'Content-Disposition: form-data; name="a"; filename="f"', "", "v", "--boundary--", ""))).get("a");
  assert(f instanceof File);
});

test("body: multipart string parts and CRLF handling", async () => {
  const cd = 'Content-Disposition: form-data; name="a"';
  const cases = [
    [mp("--boundary", cd, "", "", "--boundary--", ""), [["a", ""]]],
    [mp("--boundary", cd, "", "my boundary here", "--boundary--", ""), [["a", "my boundary here"]]],
    [mp("--boundary", cd, "", "x--boundary", "--boundary--", ""), [["a", "x--boundary"]]],
    [mp("--boundary", cd, "", "line1", "line2", "", "--boundary--", ""), [["a", "line1\r\nline2\r\n"]]],
    [mp("--boundary", cd, "", "lf\nonly\r", "--boundary--", ""), [["a", "lf\nonly\r"]]],
    [mp("--boundary \t", cd, "", "v", "--boundary--", ""), [["a", "v"]]],
    [mp("--boundary", cd, "", "v", "--boundary-- \t", ""), [["a", "v"]]],
    [mp("--boundary", cd, "", "v", "--boundary--  "), [["a", "v"]]],
    [mp("--boundary", cd, "", "v", "--boundary--"), [["a", "v"]]],
    [mp("--boundary", cd, "", "v", "--boundary--", "epilogue", "more"), [["a", "v"]]],
    [mp("--boundary", cd, "", "1", "--boundary", cd, "", "2", "--boundary--", ""), [["a", "1"], ["a", "2"]]],
    [mp("--boundary", cd, "X-Custom: ignored", "", "v", "--boundary--", ""), [["a", "v"]]],
    [mp("--boundary", cd, "Content-Transfer-Encoding: base64", "", "dmFsdWU=", "--boundary--", ""), [["a", "dmFsdWU="]]],
    [mp("--boundary", " " + cd, "", "v", "--boundary--", ""), [["a", "v"]]],
    [mp("--boundary", 'Content-Disposition \t: form-data; name="a"', "", "v", "--boundary--", ""), [["a", "v"]]],
    [mp("--boundary", 'Content-Disposition: form-data; name="a\u0001bc"', "", "v", "--boundary--", ""), [["a\u0001bc", "v"]]],
    [mp("--boundary", 'Content-Disposition: form-data; name="_charset_"', "", "windows-1252", "--boundary--", ""), [["_charset_", "windows-1252"]]],
    [mp("--boundary", 'Content-Disposition: form-data; name=unquoted', "", "v", "--boundary--", ""), [["unquoted", "v"]]],
  ];
  for (const [body, expected] of cases) {
    assertEquals(await entries(await parse(body)), expected, JSON.stringify(body));
  }
});

test("body: multipart boundaries", async () => {
  const part = (b) => mp(`--${b}`, 'Content-Disposition: form-data; name="a"', "", "v", `--${b}--`, "");
  assertEquals(await entries(await parse(part("a.b(c)"), 'multipart/form-data; boundary="a.b(c)"')), [["a", "v"]]);
  assertEquals(await entries(await parse(part("bé"), 'multipart/form-data; boundary="bé"')), [["a", "v"]]);
  assertEquals(await entries(await parse(part("XyZ"), "Multipart/Form-Data; charset=utf-8; BOUNDARY=XyZ")), [["a", "v"]]);
  assertEquals(await entries(await parse(part("b"), "multipart/form-data;boundary=b")), [["a", "v"]]);
  await assertRejects(parse(part("boundary"), "multipart/form-data"), TypeError);
  await assertRejects(parse(part(""), 'multipart/form-data; boundary=""'), TypeError);
  await assertRejects(parse(part("other"), MP), TypeError);
  const long = "x".repeat(71);
  await assertRejects(parse(part(long), `multipart/form-data; boundary=${long}`), TypeError);
});

test("body: multipart bytes, invalid UTF-8", async () => {
  const utf8 = (s) => new TextEncoder().encode(s);
  const raw = [0x00, 0x80, 0xff, 0x0d, 0x0a, 0x2d, 0x2d];
  const fileBody = new Uint8Array([...utf8('--boundary\r\nContent-Disposition: form-data; name="a"; filename="f"\r\n\r\n'), ...raw, ...utf8("\r\n--boundary--\r\n")]);
  assertEquals(await (await parse(fileBody)).get("a").bytes(), new Uint8Array(raw));
  const badName = new Uint8Array([...utf8('--boundary\r\nContent-Disposition: form-data; name="a'), 0xff, ...utf8('"\r\n\r\nb'), 0xff, ...utf8("\r\n--boundary--\r\n")]);
  assertEquals(await entries(await parse(badName)), [["a\ufffd", "b\ufffd"]]);
});

test("body: malformed multipart rejects with TypeError", async () => {
  const cd = 'Content-Disposition: form-data; name="a"';
  const bad = [
    mp("--boundary", cd, "", "v", "--boundary--junk", ""),
    mp("--boundary", "", "v", "--boundary--", ""),
    mp("--boundary", "Content-Type: text/plain", "", "v", "--boundary--", ""),
    mp("--boundary", 'Content-Disposition form-data; name="a"', "", "v", "--boundary--", ""),
    mp("--boundary", cd, "Cont ent-Type: text/plain", "", "v", "--boundary--", ""),
    mp("--boundary", "Content-Disposition: form-data;", ' name="a"', "", "v", "--boundary--", ""),
    mp("--boundary", 'Content-Disposition: form-data; name="a\u0000b"', "", "v", "--boundary--", ""),
    mp("--boundary", cd, "X-Custom: a\u0000b", "", "v", "--boundary--", ""),
    mp("--boundary", cd, "", "v"),
    mp("--boundary", cd, "", "v--boundary--", ""),
    mp("--boundary", 'Content-Disposition: form-data; name="a\nb"', "", "v", "--boundary--", ""),
    mp("--boundary", 'Content-Disposition: form-data; name="a\rb"', "", "v", "--boundary--", ""),
    mp("--boundary", 'Content-Disposition: form-data; name="a"; filename="f\ng"', "", "v", "--boundary--", ""),
    mp("--boundary", 'Content-Disposition: form-data; name="a"; filename="f"', "Content-Type: text/\nhtml", "", "v", "--boundary--", ""),
    mp("--boundary"),
    mp("--boundary", "Content-Disposition: attachment; name=\"a\"", "", "v", "--boundary--", ""),
    mp("--boundary", "Content-Disposition: form-data", "", "v", "--boundary--", ""),
    "",
  ];
  for (const body of bad) await assertRejects(parse(body), TypeError, undefined);
});

// ---------------------------------------------------------------- WPT fetch/api/body/formdata-serializing.any.js, xhr/formdata round trips
test("body: FormData round trip keeps order, names, files and bytes", async () => {
  const fd = new FormData();
  fd.append("text", "plain");
  fd.append("multi", "1");
  fd.append("file", new File([bytes(0, 1, 2, 255)], "data.bin", { type: "application/x-custom" }));
  fd.append("multi", "2");
  fd.append("blob", new Blob(["blob body"]));
  fd.append("named", new Blob(["<p>"], { type: "text/html" }), "page.html");
  fd.append("ünï", "çødé ✓");
  fd.append("crlf", "a\rb\nc\r\nd");
  fd.append("empty", "");
  fd.append("emptyfile", new File([], "empty.txt", { type: "text/plain" }));
  const res = new Response(fd);
  const back = await res.formData();
  assertEquals([...back.keys()], ["text", "multi", "file", "multi", "blob", "named", "ünï", "crlf", "empty", "emptyfile"]);
  assertEquals(back.getAll("multi"), ["1", "2"]);
  assertEquals(back.get("ünï"), "çødé ✓");
  assertEquals(back.get("crlf"), "a\r\nb\r\nc\r\nd", "newlines are normalized to CRLF");
  assertEquals(back.get("empty"), "");
  const file = back.get("file");
  assertEquals([file.name, file.type], ["data.bin", "application/x-custom"]);
  assertEquals(await file.bytes(), bytes(0, 1, 2, 255));
  const blob = back.get("blob");
  assertEquals([blob.name, blob.type, await blob.text()], ["blob", "application/octet-stream", "blob body"]);
  const named = back.get("named");
  assertEquals([named.name, named.type, await named.text()], ["page.html", "text/html", "<p>"]);
  const emptyFile = back.get("emptyfile");
  assertEquals([emptyFile.name, emptyFile.size], ["empty.txt", 0]);
});

test("body: multipart serialization escapes names and filenames", async () => {
  const fd = new FormData();
  fd.append('a"b\nc\rd', 'v"\n');
  fd.append("f", new Blob(["x"]), 'q"u\no\rte.txt');
  const res = new Response(fd);
  const boundary = res.headers.get("content-type").split("boundary=")[1];
  assert(/^[-0-9A-Za-z'()+_,./:=?]{1,70}$/.test(boundary), boundary);
  const text = await res.clone().text();
  assertEquals(text,
    `--${boundary}\r\nContent-Disposition: form-data; name="a%22b%0D%0Ac%0D%0Ad"\r\n\r\nv"\r\n\r\n` +
    `--${boundary}\r\nContent-Disposition: form-data; name="f"; filename="q%22u%0Ao%0Dte.txt"\r\nContent-Type: application/octet-stream\r\n\r\nx\r\n` +
    `--${boundary}--\r\n`);
  const back = await res.formData();
  assertEquals([...back.keys()], ["a%22b%0D%0Ac%0D%0Ad", "f"]);
  assertEquals(back.get("f").name, "q%22u%0Ao%0Dte.txt");
  // Each serialization picks its own boundary.
  const other = new Response(fd).headers.get("content-type");
  assert(other !== res.headers.get("content-type"));
});

// ---------------------------------------------------------------- WPT fetch/api/request/request-disturbed.html, response-clone.html
test("body: every reader refuses a used body", async () => {
  for (const method of ["text", "json", "arrayBuffer", "bytes", "blob", "formData"]) {
    const r = new Response("a=1", { headers: { "content-type": "application/x-www-form-urlencoded" } });
    await r.arrayBuffer();
    await assertRejects(r[method](), TypeError, undefined);
    const q = new Request("https://x.test/", { method: "POST", body: "x" });
    await q.text();
    await assertRejects(q[method](), TypeError, undefined);
  }
});

test("body: every reader refuses a locked stream, bodyUsed stays false", async () => {
  for (const method of ["text", "json", "arrayBuffer", "bytes", "blob", "formData"]) {
    const r = new Response("x");
    r.body.getReader();
    await assertRejects(r[method](), TypeError, undefined);
    assertEquals(r.bodyUsed, false);
    assertThrows(() => r.clone(), TypeError);
  }
});

test("body: bodyUsed is set synchronously by a read; the stream is then disturbed", async () => {
  const r = new Response("abc");
  const p = r.text();
  assertEquals(r.bodyUsed, true);
  assertEquals(await p, "abc");
  const s = r.body;
  assert(s instanceof ReadableStream);
  assertThrows(() => new Response(s), TypeError);
  const q = new Request("https://x.test/", { method: "POST", body: "x" });
  const stream = q.body;
  assertEquals(q.bodyUsed, false);
  await q.text();
  assertEquals(q.bodyUsed, true);
  assert(q.body === stream);
});

test("body: clone() gives independent bodies", async () => {
  const r = new Response(new ReadableStream({
    start(c) {
      c.enqueue(bytes(1, 2));
      c.enqueue(bytes(3));
      c.close();
    },
  }));
  const c = r.clone();
  const reader = c.body.getReader();
  assertEquals((await reader.read()).value, bytes(1, 2));
  assertEquals(r.bodyUsed, false, "reading the clone leaves the original alone");
  assertEquals(await r.bytes(), bytes(1, 2, 3));
  assertEquals((await reader.read()).value, bytes(3));
  assertEquals((await reader.read()).done, true);
  // A clone can be cloned, and every copy reads the full body.
  const a = new Response("xyz");
  const b = a.clone();
  const b2 = b.clone();
  assertEquals(await Promise.all([a.text(), b.text(), b2.text()]), ["xyz", "xyz", "xyz"]);
  // Cancelling one branch does not affect the other (the cancel itself
  // settles only once both branches are cancelled, as with tee()).
  const s = new Response(new ReadableStream({ start(ctl) { ctl.enqueue(bytes(7)); ctl.close(); } }));
  const sc = s.clone();
  sc.body.cancel();
  assertEquals(await s.bytes(), bytes(7));
  // A Blob body read through a clone leaves the Blob intact.
  const blob = new Blob(["blob"]);
  const fromBlob = new Response(blob);
  assertEquals(await fromBlob.clone().text(), "blob");
  assertEquals(await fromBlob.text(), "blob");
  assertEquals(await blob.text(), "blob");
});

test("body: a disturbed clone refuses to clone", async () => {
  const r = new Response("x");
  const c = r.clone();
  await c.text();
  assertThrows(() => c.clone(), TypeError);
  assertEquals(await r.text(), "x");
  const q = new Request("https://x.test/", { method: "POST", body: "x" });
  q.body.getReader();
  assertThrows(() => q.clone(), TypeError);
});
