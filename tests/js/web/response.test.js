// Response (Fetch standard). Cases adapted from WPT fetch/api/response/response-*.any.js.

test("response: defaults", () => {
  const r = new Response();
  assertEquals(r.status, 200);
  assertEquals(r.ok, true);
  assertEquals(r.statusText, "");
  assertEquals(r.type, "default");
  assertEquals(r.url, "");
  assertEquals(r.redirected, false);
  assertEquals(r.body, null);
  assertEquals(Object.prototype.toString.call(r), "[object Response]");
});

// WPT response-init-001.any.js / response-error.any.js
test("response: status range and statusText", () => {
  for (const s of [0, 100, 101, 199, 600, 1000]) {
    assertThrows(() => new Response("", { status: s }), RangeError);
  }
  assertEquals(new Response("", { status: 599 }).status, 599);
  assertEquals(new Response(null, { status: 404, statusText: "Not Found" }).ok, false);
  assertThrows(() => new Response("", { statusText: "\n" }), TypeError);
  assertThrows(() => new Response("", { statusText: "Ā" }), TypeError);
  assertEquals(new Response("", { statusText: "\u00ff ok\t" }).statusText, "\u00ff ok\t");
});

test("response: null body statuses reject a body", () => {
  for (const s of [204, 205, 304]) {
    assertThrows(() => new Response("x", { status: s }), TypeError);
    assertThrows(() => new Response("", { status: s }), TypeError);
    assertEquals(new Response(null, { status: s }).status, s);
  }
});

test("response: headers init", () => {
  const r = new Response("x", { headers: [["a", "1"], ["a", "2"]] });
  assertEquals(r.headers.get("a"), "1, 2");
  r.headers.set("b", "3");
  assertEquals(r.headers.get("b"), "3");
  assertThrows(() => new Response("x", { headers: [["bad name", "x"]] }), TypeError);
});

// A record init is kept as a list until the headers are read: the same
// checks and normalisation as a Headers built from it.
test("response: a record headers init is checked and normalised like a Headers init", () => {
  const r = new Response("x", { headers: { "X-Mixed-Case": "  padded\t", Num: 42, "x-dup": "1", "X-DUP": "2" } });
  assertEquals([...r.headers], [
    ["content-type", "text/plain;charset=UTF-8"],
    ["num", "42"],
    ["x-dup", "1, 2"],
    ["x-mixed-case", "padded"],
  ]);
  assertEquals(new Response("x", { headers: { "Content-Type": "own/type" } }).headers.get("content-type"), "own/type");
  assertEquals([...new Response(null, { headers: {} }).headers], []);
  assertThrows(() => new Response("x", { headers: { "bad name": "x" } }), TypeError);
  assertThrows(() => new Response("x", { headers: { ok: "bad\nvalue" } }), TypeError);
  assertThrows(() => new Response("x", { headers: { ok: "\u0100" } }), TypeError);
  assertThrows(() => new Response("x", { headers: { a: "b", [Symbol("s")]: "c" } }), TypeError);
  assertThrows(() => new Response("x", { headers: "a: b" }), TypeError);
  const seen = [];
  const rec = {};
  Object.defineProperty(rec, "hidden", { value: "x", enumerable: false });
  Object.defineProperty(rec, "b", { get() { seen.push("b"); return "2"; }, enumerable: true });
  Object.defineProperty(rec, "a", { get() { seen.push("a"); return "1"; }, enumerable: true });
  assertEquals([...new Response(null, { headers: rec }).headers], [["a", "1"], ["b", "2"]]);
  assertEquals(seen, ["b", "a"]);
  // Headers is iterable: a sequence, converted into a Headers at once.
  const h = new Headers({ a: "1" });
  const copied = new Response(null, { headers: h });
  h.set("a", "2");
  assertEquals(copied.headers.get("a"), "1");
});

// Names are remembered lowercased once checked; the memory is bounded and
// a name's answer never depends on what came before.
test("headers: many distinct names, in any case, stay correct", () => {
  const h = new Headers();
  for (let i = 0; i < 600; i++) h.set(`X-Name-${i}`, String(i));
  for (let i = 0; i < 600; i++) assertEquals(h.get(`x-NAME-${i}`), String(i));
  assertEquals([...h].length, 600);
  assertThrows(() => h.get("bad name"), TypeError);
  assertThrows(() => h.get("bad name"), TypeError);
});

test("response: Response.error()", () => {
  const r = Response.error();
  assertEquals(r.type, "error");
  assertEquals(r.status, 0);
  assertEquals(r.ok, false);
  assertEquals(r.body, null);
});

// WPT response-static-redirect.any.js
test("response: Response.redirect()", () => {
  const r = Response.redirect("https://example.com/a b");
  assertEquals(r.status, 302);
  assertEquals(r.headers.get("location"), "https://example.com/a%20b");
  for (const s of [301, 302, 303, 307, 308]) assertEquals(Response.redirect("https://x.test/", s).status, s);
  for (const s of [200, 300, 304, 309, 400]) assertThrows(() => Response.redirect("https://x.test/", s), RangeError);
  assertThrows(() => Response.redirect("not a url"), TypeError);
});

// WPT response-static-json.any.js
test("response: Response.json()", async () => {
  const r = Response.json({ a: 1 }, { status: 201, headers: { "x-b": "2" } });
  assertEquals(r.status, 201);
  assertEquals(r.headers.get("content-type"), "application/json");
  assertEquals(r.headers.get("x-b"), "2");
  assertEquals(await r.json(), { a: 1 });
  const own = Response.json("x", { headers: { "content-type": "text/foo" } });
  assertEquals(own.headers.get("content-type"), "text/foo");
  assertThrows(() => Response.json(undefined), TypeError);
  assertThrows(() => Response.json(Symbol()), TypeError);
  assertThrows(() => Response.json({}, { status: 204 }), TypeError);
  const cyclic = {};
  cyclic.self = cyclic;
  assertThrows(() => Response.json(cyclic), TypeError);
  assertThrows(() => Response.json(1n), TypeError);
});

test("response: clone keeps status and headers", async () => {
  const r = new Response("x", { status: 201, statusText: "Created", headers: { a: "1" } });
  const c = r.clone();
  assertEquals(c.status, 201);
  assertEquals(c.statusText, "Created");
  assertEquals(c.headers.get("a"), "1");
  assertEquals(await c.text(), "x");
  assertEquals(await r.text(), "x");
});

test("response: set-cookie stays separate, string body gets a content-type", async () => {
  const r = new Response("body", { status: 201, headers: [["Set-Cookie", "a=1"], ["set-cookie", "b=2"]] });
  assertEquals(r.status, 201);
  assertEquals([...r.headers], [["content-type", "text/plain;charset=UTF-8"], ["set-cookie", "a=1"], ["set-cookie", "b=2"]]);
  assertEquals(r.headers.getSetCookie(), ["a=1", "b=2"]);
  assertEquals(r.headers.get("set-cookie"), "a=1, b=2");
  assertEquals(new Uint8Array(await r.arrayBuffer()), new TextEncoder().encode("body"));
  assertEquals(r.bodyUsed, true);
  await assertRejects(() => r.text(), TypeError);
  assertEquals(new Response(null).body, null);
});

test("response: a body stream is handed out as is, materialized bodies once", async () => {
  const r2 = new Response("zz");
  const first = r2.body;
  assert(first instanceof ReadableStream);
  assert(r2.body === first, "the same stream every time");
  assertEquals(r2.bodyUsed, false);
  assertEquals(await r2.text(), "zz");
  const s = new ReadableStream({ start(c) { c.enqueue(new Uint8Array([1])); c.close(); } });
  const out = new Response(s);
  assert(out.body === s);
  const reader = out.body.getReader();
  assertEquals((await reader.read()).value, bytes(1));
  assertEquals(out.bodyUsed, true, "a read from the stream uses the body");
  await assertRejects(() => out.arrayBuffer(), TypeError);
});

test("response: error and redirect responses have immutable headers", () => {
  const e = Response.error();
  assertThrows(() => e.headers.set("a", "b"), TypeError);
  assertThrows(() => e.headers.append("a", "b"), TypeError);
  const r = Response.redirect("https://x.test/final");
  assertThrows(() => r.headers.set("location", "https://y.test/"), TypeError);
  assertEquals(r.url, "");
  assertEquals(r.redirected, false);
  assertEquals(r.type, "default");
  const mutable = new Response("x");
  mutable.headers.set("a", "b");
  assertEquals(mutable.headers.get("a"), "b");
});

// ---------------------------------------------------------------- WPT fetch/api/response/response-init-001.html, response-init-002.html
test("response: status conversion and range", () => {
  const ok = [[200, true], [201, true], [299, true], [300, false], [302, false], [400, false], [404, false], [500, false], [599, false]];
  for (const [status, isOk] of ok) {
    const r = new Response(null, { status });
    assertEquals([r.status, r.ok], [status, isOk], String(status));
  }
  assertEquals(new Response(null, { status: "404" }).status, 404);
  assertEquals(new Response(null, { status: 200.9 }).status, 200);
  assertEquals(new Response(null, { status: 65536 + 201 }).status, 201, "unsigned short wraps");
  assertEquals(new Response(null, { status: undefined }).status, 200);
  for (const status of [0, 1, 100, 103, 199, 600, 999, -1, NaN, "abc", null, 65535]) {
    assertThrows(() => new Response(null, { status }), RangeError, undefined);
  }
});

test("response: statusText", () => {
  assertEquals(new Response(null, { statusText: "OK" }).statusText, "OK");
  assertEquals(new Response(null, { statusText: "" }).statusText, "");
  assertEquals(new Response(null, { statusText: " \t sp\u0080\u00ff~! " }).statusText, " \t sp\u0080\u00ff~! ");
  assertEquals(new Response(null, { statusText: 42 }).statusText, "42");
  for (const bad of ["\r", "\n", "a\r\nb", "\0", "\x01", "\x7f", "\u0100", "\u20ac"]) {
    assertThrows(() => new Response(null, { statusText: bad }), TypeError, undefined);
  }
});

test("response: init dictionary", () => {
  assertThrows(() => new Response(null, 1), TypeError);
  assertThrows(() => new Response(null, "x"), TypeError);
  const r = new Response(null, null);
  assertEquals([r.status, r.statusText], [200, ""]);
  const h = new Headers({ a: "1" });
  const withHeaders = new Response(null, { headers: h });
  h.set("a", "2");
  assertEquals(withHeaders.headers.get("a"), "1");
  assertEquals(new Response(null, { headers: { A: "x" } }).headers.get("a"), "x");
  assertThrows(() => new Response(null, { headers: [["a", "b", "c"]] }), TypeError);
});

// ---------------------------------------------------------------- WPT fetch/api/response/response-init-002.html (null body statuses)
test("response: null body statuses", () => {
  for (const status of [204, 205, 304]) {
    for (const body of ["", "x", new Uint8Array(0), new Blob([]), new URLSearchParams(), new FormData(), new ReadableStream()]) {
      assertThrows(() => new Response(body, { status }), TypeError, undefined);
    }
    const r = new Response(null, { status });
    assertEquals([r.status, r.body], [status, null]);
    assertEquals(new Response(undefined, { status }).status, status);
  }
});

// ---------------------------------------------------------------- WPT fetch/api/response/response-init-002.html, fetch/api/basic/request-upload.any.js
test("response: default content-type of each body type", async () => {
  const cases = [
    ["text", "text/plain;charset=UTF-8", "text"],
    [new ArrayBuffer(1), null, "\0"],
    [new Uint8Array([0x61]), null, "a"],
    [new Float32Array(0), null, ""],
    [new DataView(new Uint8Array([0x62]).buffer), null, "b"],
    [new Blob(["c"], { type: "text/csv" }), "text/csv", "c"],
    [new Blob(["d"]), null, "d"],
    [new File(["e"], "e.json", { type: "application/json" }), "application/json", "e"],
    [new URLSearchParams({ a: "b" }), "application/x-www-form-urlencoded;charset=UTF-8", "a=b"],
    [new ReadableStream({ start(c) { c.enqueue(bytes(0x66)); c.close(); } }), null, "f"],
    [null, null, ""],
    [undefined, null, ""],
    [42, "text/plain;charset=UTF-8", "42"],
  ];
  for (const [body, ct, text] of cases) {
    const r = new Response(body);
    assertEquals(r.headers.get("content-type"), ct, String(body));
    assertEquals(await r.text(), text, String(body));
  }
  const fd = new Response(new FormData());
  assertMatch(fd.headers.get("content-type"), /^multipart\/form-data; boundary=[^ ;]+$/);
  // Explicit headers, in any case, win.
  for (const body of ["x", new Blob(["x"], { type: "a/b" }), new URLSearchParams(), new FormData()]) {
    assertEquals(new Response(body, { headers: [["CONTENT-TYPE", "own/type"]] }).headers.get("content-type"), "own/type");
  }
});

test("response: body is a ReadableStream, null for no body", async () => {
  assertEquals(new Response().body, null);
  assertEquals(new Response(null).body, null);
  assertEquals(Response.error().body, null);
  assertEquals(Response.redirect("https://x.test/").body, null);
  const r = new Response("x");
  assert(r.body instanceof ReadableStream);
  const { value } = await r.body.getReader().read();
  assertEquals(value, bytes(0x78));
  // Empty but non-null bodies are streams too.
  assert(new Response("").body instanceof ReadableStream);
  assert(new Response(new ArrayBuffer(0)).body instanceof ReadableStream);
});

// ---------------------------------------------------------------- WPT fetch/api/response/response-static-json.any.js
test("response: Response.json() with various inits", async () => {
  const inits = [
    [undefined, 200, "", "application/json", {}],
    [null, 200, "", "application/json", {}],
    [{ status: 400 }, 400, "", "application/json", {}],
    [{ statusText: "foo" }, 200, "foo", "application/json", {}],
    [{ headers: {} }, 200, "", "application/json", {}],
    [{ headers: { "content-type": "foo/bar" } }, 200, "", "foo/bar", {}],
    [{ headers: { "x-foo": "bar" } }, 200, "", "application/json", { "x-foo": "bar" }],
  ];
  for (const [init, status, statusText, ct, extra] of inits) {
    const r = Response.json("hello world", init);
    assertEquals([r.type, r.status, r.statusText, r.headers.get("content-type")], ["default", status, statusText, ct], JSON.stringify(init));
    for (const [k, v] of Object.entries(extra)) assertEquals(r.headers.get(k), v);
    assertEquals(await r.json(), "hello world");
  }
  for (const status of [204, 205, 304]) assertThrows(() => Response.json("x", { status }), TypeError, undefined);
  assertThrows(() => Response.json("x", { status: 600 }), RangeError);
  assertThrows(() => Response.json("x", { statusText: "\n" }), TypeError);
  assertThrows(() => Response.json(), TypeError);
  assertEquals(await Response.json(null).text(), "null");
  assertEquals(await Response.json([1, "a", { b: false }]).json(), [1, "a", { b: false }]);
  assertEquals(await Response.json({ toJSON: () => ({ replaced: true }) }).json(), { replaced: true });
  assertEquals(await Response.json({ f() {}, u: undefined, s: Symbol("x"), n: 1 }).text(), '{"n":1}');
});

test("response: Response.json() errors and encoding", async () => {
  for (const data of [undefined, Symbol("foo"), () => {}, 1n]) {
    assertThrows(() => Response.json(data), TypeError, undefined);
  }
  const cyclic = { b: 1 };
  cyclic.a = cyclic;
  assertThrows(() => Response.json(cyclic), TypeError);
  class CustomError extends Error {}
  assertThrows(() => Response.json({ get foo() { throw new CustomError("bar"); } }), CustomError);
  const encodings = [
    ["𝌆", [34, 240, 157, 140, 134, 34]],
    ["\uDF06\uD834", [34, 92, 117, 100, 102, 48, 54, 92, 117, 100, 56, 51, 52, 34]],
    ["\uDEAD", [34, 92, 117, 100, 101, 97, 100, 34]],
  ];
  for (const [input, expected] of encodings) {
    assertEquals(await Response.json(input).bytes(), new Uint8Array(expected), JSON.stringify(input));
  }
});

// ---------------------------------------------------------------- WPT fetch/api/response/response-static-redirect.any.js
test("response: Response.redirect()", async () => {
  const url = "https://x.test/redirected?x=1 2#f";
  const r = Response.redirect(url);
  assertEquals([r.status, r.statusText, r.type, r.url, r.redirected, r.ok], [302, "", "default", "", false, false]);
  assertEquals(r.headers.get("Location"), "https://x.test/redirected?x=1%202#f");
  assertEquals(await r.text(), "");
  for (const status of [301, 302, 303, 307, 308]) {
    const s = Response.redirect(url, status);
    assertEquals(s.status, status);
    assertEquals(s.headers.get("location"), "https://x.test/redirected?x=1%202#f");
  }
  for (const status of [200, 204, 300, 304, 305, 306, 309, 400, 0, -1]) {
    assertThrows(() => Response.redirect(url, status), RangeError, undefined);
  }
  assertEquals(Response.redirect(url, "301").status, 301);
  assertEquals(Response.redirect(new URL("https://x.test/u")).headers.get("location"), "https://x.test/u");
  for (const bad of ["https://[bad", "not a url", "", "//no-scheme"]) {
    assertThrows(() => Response.redirect(bad, 302), TypeError, undefined);
  }
  // The URL is checked before the status.
  assertThrows(() => Response.redirect("https://[bad", 200), TypeError);
  assertThrows(() => Response.redirect(), TypeError);
});

// ---------------------------------------------------------------- WPT fetch/api/response/response-static-error.any.js
test("response: Response.error()", async () => {
  const r = Response.error();
  assertEquals([r.type, r.status, r.statusText, r.ok, r.url, r.redirected, r.body, r.bodyUsed], ["error", 0, "", false, "", false, null, false]);
  assertEquals([...r.headers], []);
  assertEquals(await r.text(), "");
  assert(Response.error() !== Response.error());
  const c = r.clone();
  assertEquals([c.type, c.status], ["error", 0]);
  assertThrows(() => c.headers.set("a", "b"), TypeError);
});

// ---------------------------------------------------------------- WPT fetch/api/response/response-idl.html
test("response: interface", () => {
  assertEquals(Response.length, 0);
  const r = new Response();
  for (const name of ["type", "url", "redirected", "status", "ok", "statusText", "headers", "body", "bodyUsed"]) {
    const d = Object.getOwnPropertyDescriptor(Response.prototype, name);
    assert(d !== undefined && typeof d.get === "function" && d.set === undefined, name);
    assertEquals(Reflect.set(r, name, 1), false, name);
  }
  for (const name of ["clone", "text", "json", "arrayBuffer", "bytes", "blob", "formData"]) {
    assertEquals(typeof Response.prototype[name], "function", name);
  }
  for (const name of ["error", "redirect", "json"]) assertEquals(typeof Response[name], "function", name);
  assertThrows(() => Response(), TypeError);
  assertThrows(() => Object.getOwnPropertyDescriptor(Response.prototype, "status").get.call({}), TypeError);
  assertThrows(() => Response.prototype.clone.call(new Request("https://x.test/")), TypeError);
  assert(r.headers === r.headers);
});

// ---------------------------------------------------------------- WPT fetch/api/response/response-clone.html
test("response: clone of every body type", async () => {
  const bodies = [
    "text", new Uint8Array([1, 2]), new ArrayBuffer(3), new Blob(["blob"]), new URLSearchParams("a=1"),
    new ReadableStream({ start(c) { c.enqueue(bytes(9, 8)); c.close(); } }),
  ];
  for (const body of bodies) {
    const r = new Response(body, { status: 202, statusText: "Accepted", headers: { x: "y" } });
    const c = r.clone();
    assertEquals([c.status, c.statusText, c.headers.get("x"), c.headers.get("content-type")],
      [202, "Accepted", "y", r.headers.get("content-type")]);
    const [a, b] = await Promise.all([r.bytes(), c.bytes()]);
    assertEquals(a, b, String(body));
  }
  const r = new Response("x");
  const c = r.clone();
  c.headers.set("x-extra", "1");
  assertEquals(r.headers.get("x-extra"), null, "cloned headers are independent");
});

// ---------------------------------------------------------------- WPT fetch/api/response/response-form-data.html (round trip)
test("response: FormData with files survives Response and formData()", async () => {
  const fd = new FormData();
  fd.append("title", "Report");
  fd.append("attachment", new File(["%PDF-1.4 \u00e9"], "report.pdf", { type: "application/pdf" }));
  fd.append("attachment", new File([bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)], "image.png", { type: "image/png" }));
  fd.append("note", new Blob(["note text"], { type: "text/plain" }));
  const res = new Response(fd, { status: 201 });
  const back = await res.formData();
  assert(back instanceof FormData);
  assertEquals(back.get("title"), "Report");
  const [pdf, png] = back.getAll("attachment");
  assertEquals([pdf.name, pdf.type, await pdf.text()], ["report.pdf", "application/pdf", "%PDF-1.4 \u00e9"]);
  assertEquals([png.name, png.type], ["image.png", "image/png"]);
  assertEquals(await png.bytes(), bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a));
  const note = back.get("note");
  assertEquals([note.name, note.type, await note.text()], ["blob", "text/plain", "note text"]);
  // The same FormData through a Request, and again from the parsed copy.
  const req = new Request("https://x.test/", { method: "POST", body: back });
  const again = await req.formData();
  assertEquals([...again.keys()], ["title", "attachment", "attachment", "note"]);
  assertEquals(await again.getAll("attachment")[1].bytes(), bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a));
  // Changing the FormData afterwards does not change the body.
  const live = new FormData();
  live.append("a", "1");
  const snap = new Response(live);
  live.append("b", "2");
  assertEquals([...(await snap.formData()).keys()], ["a"]);
});

// Workers' ResponseInit.encodeBody; the server applies it (tests/serve_app.rs).
test("response: encodeBody takes automatic or manual only", () => {
  new Response("x", { encodeBody: "automatic" });
  new Response("x", { encodeBody: "manual" }).clone();
  Response.json({}, { encodeBody: "manual" });
  assertThrows(() => new Response("x", { encodeBody: "gzip" }), TypeError, "encodeBody");
});
