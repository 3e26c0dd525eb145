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
