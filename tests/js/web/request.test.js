// Request (Fetch standard). Cases adapted from WPT fetch/api/request/request-*.any.js.

test("request: defaults", () => {
  const r = new Request("https://example.com/a?b#c");
  assertEquals(r.method, "GET");
  assertEquals(r.url, "https://example.com/a?b#c");
  assertEquals(r.redirect, "follow");
  assertEquals(r.mode, "cors");
  assertEquals(r.credentials, "same-origin");
  assertEquals(r.cache, "default");
  assertEquals(r.referrer, "about:client");
  assertEquals(r.integrity, "");
  assertEquals(r.keepalive, false);
  assertEquals(r.destination, "");
  assertEquals(r.duplex, "half");
  assertEquals(r.body, null);
  assertEquals(r.bodyUsed, false);
  assert(r.signal instanceof AbortSignal);
  assertEquals(r.signal.aborted, false);
  assertEquals(Object.prototype.toString.call(r), "[object Request]");
});

test("request: URL objects and invalid URLs", () => {
  assertEquals(new Request(new URL("https://x.test/p")).url, "https://x.test/p");
  assertThrows(() => new Request("/relative"), TypeError);
  assertThrows(() => new Request("http://[bad"), TypeError);
  assertThrows(() => new Request("https://user:pass@x.test/"), TypeError);
  assertThrows(() => new Request(), TypeError);
});

// WPT request-init-001.sub.html / request-structure: method normalization.
test("request: method normalization and validation", () => {
  for (const m of ["delete", "get", "head", "options", "post", "put"]) {
    assertEquals(new Request("https://x.test/", { method: m }).method, m.toUpperCase());
  }
  assertEquals(new Request("https://x.test/", { method: "patch" }).method, "patch");
  assertEquals(new Request("https://x.test/", { method: "CUSTOM" }).method, "CUSTOM");
  for (const m of ["CONNECT", "trace", "TRACK"]) {
    assertThrows(() => new Request("https://x.test/", { method: m }), TypeError);
  }
  assertThrows(() => new Request("https://x.test/", { method: "bad method" }), TypeError);
  assertThrows(() => new Request("https://x.test/", { method: "" }), TypeError);
});

test("request: GET/HEAD cannot have a body", () => {
  assertThrows(() => new Request("https://x.test/", { body: "x" }), TypeError);
  assertThrows(() => new Request("https://x.test/", { method: "HEAD", body: "x" }), TypeError);
  const r = new Request("https://x.test/", { body: null });
  assertEquals(r.body, null);
});

test("request: enums are validated", () => {
  assertThrows(() => new Request("https://x.test/", { redirect: "nope" }), TypeError);
  assertThrows(() => new Request("https://x.test/", { mode: "navigate" }), TypeError);
  assertThrows(() => new Request("https://x.test/", { credentials: "x" }), TypeError);
  assertThrows(() => new Request("https://x.test/", { cache: "only-if-cached" }), TypeError);
  assertThrows(() => new Request("https://x.test/", { duplex: "full" }), TypeError);
  assertThrows(() => new Request("https://x.test/", { signal: {} }), TypeError);
  assertEquals(new Request("https://x.test/", { redirect: "manual" }).redirect, "manual");
});

test("request: body, headers and content-type", async () => {
  const r = new Request("https://x.test/", { method: "POST", body: "hi", headers: { "X-A": "1" } });
  assertEquals(r.headers.get("x-a"), "1");
  assertEquals(r.headers.get("content-type"), "text/plain;charset=UTF-8");
  assertEquals(await r.text(), "hi");
  assertEquals(r.bodyUsed, true);
  await assertRejects(r.text(), TypeError);
});

test("request: from another Request takes over its body", async () => {
  const a = new Request("https://x.test/", { method: "POST", body: "data", headers: { a: "1" } });
  const b = new Request(a);
  assertEquals(b.method, "POST");
  assertEquals(b.headers.get("a"), "1");
  assertEquals(a.bodyUsed, true);
  assertEquals(await b.text(), "data");
  assertThrows(() => new Request(a), TypeError);
  const c = new Request(new Request("https://x.test/", { method: "PUT", body: "z" }), { body: "override" });
  assertEquals(await c.text(), "override");
  const d = new Request(new Request("https://x.test/", { headers: { a: "1" } }), { headers: { b: "2" } });
  assertEquals(d.headers.get("a"), null);
  assertEquals(d.headers.get("b"), "2");
  assertThrows(() => new Request(new Request("https://x.test/", { method: "POST", body: "x" }), { method: "GET" }), TypeError);
});

test("request: clone", async () => {
  const a = new Request("https://x.test/", { method: "POST", body: "data", headers: { a: "1" } });
  const b = a.clone();
  b.headers.set("a", "2");
  assertEquals(a.headers.get("a"), "1");
  assertEquals(await a.text(), "data");
  assertEquals(await b.text(), "data");
  assertThrows(() => a.clone(), TypeError);
});

test("request: signal follows init signal and clones follow", async () => {
  const ac = new AbortController();
  const r = new Request("https://x.test/", { signal: ac.signal });
  assert(r.signal !== ac.signal);
  const c = r.clone();
  ac.abort("why");
  assertEquals(r.signal.aborted, true);
  assertEquals(r.signal.reason, "why");
  assertEquals(c.signal.aborted, true);
  const pre = new Request("https://x.test/", { signal: AbortSignal.abort() });
  assertEquals(pre.signal.aborted, true);
  assertEquals(pre.signal.reason.name, "AbortError");
});

test("request: stream body", async () => {
  const s = new ReadableStream({ start(c) { c.enqueue(new Uint8Array([104, 105])); c.close(); } });
  const r = new Request("https://x.test/", { method: "POST", body: s, duplex: "half" });
  assert(r.body === s);
  assertEquals(await r.text(), "hi");
});

test("request: repeated header names combine, JSON body", async () => {
  const r = new Request("http://localhost:8080/path?q=1", {
    method: "POST",
    headers: [["Content-Type", "application/json"], ["x-multi", "a"], ["X-Multi", "b"]],
    body: new TextEncoder().encode('{"ok":true}'),
  });
  assertEquals(r.method, "POST");
  assertEquals(r.url, "http://localhost:8080/path?q=1");
  assertEquals(r.headers.get("x-multi"), "a, b");
  assertEquals([...r.headers], [["content-type", "application/json"], ["x-multi", "a, b"]]);
  assertEquals(await r.json(), { ok: true });
  await assertRejects(() => r.json(), TypeError);
  const bad = new Request("http://h/", { method: "POST", body: "{nope" });
  await assertRejects(() => bad.json(), SyntaxError);
  const g = new Request("http://h/");
  assertEquals(g.body, null);
  assertEquals(await g.text(), "");
  assertEquals(g.bodyUsed, false, "a null body is never used");
});

test("request: a string body is sent as UTF-8 with a default content-type", async () => {
  const r = new Request("https://x.test/", { method: "PUT", body: "abc", headers: { a: "1" } });
  assertEquals(r.method, "PUT");
  assertEquals([...r.headers], [["a", "1"], ["content-type", "text/plain;charset=UTF-8"]]);
  assertEquals(new Uint8Array(await r.arrayBuffer()), new TextEncoder().encode("abc"));
  assertEquals(r.bodyUsed, true);
  assertThrows(() => r.clone(), TypeError);
  const own = new Request("https://x.test/", { method: "POST", body: "x", headers: { "Content-Type": "text/x" } });
  assertEquals(own.headers.get("content-type"), "text/x");
});

test("request: headers of a Request are not immutable, forbidden names are allowed", () => {
  const r = new Request("https://x.test/", { headers: { host: "h", "content-length": "5" } });
  assertEquals(r.headers.get("host"), "h");
  r.headers.append("cookie", "a=1");
  assertEquals(r.headers.get("cookie"), "a=1");
  assertThrows(() => r.headers.append("bad name", "x"), TypeError);
  assertThrows(() => r.headers.append("x", "bad\nvalue"), TypeError);
});
