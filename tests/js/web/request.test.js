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

// ---------------------------------------------------------------- WPT fetch/api/request/request-structure.any.js
test("request: attributes are read-only accessors on the prototype", () => {
  const r = new Request("https://x.test/");
  const attrs = ["method", "url", "headers", "destination", "referrer", "referrerPolicy", "mode", "credentials", "cache",
    "redirect", "integrity", "keepalive", "isReloadNavigation", "isHistoryNavigation", "duplex", "signal", "body", "bodyUsed"];
  for (const name of attrs) {
    const d = Object.getOwnPropertyDescriptor(Request.prototype, name);
    assert(d !== undefined && typeof d.get === "function" && d.set === undefined, name);
    assert(!Object.prototype.hasOwnProperty.call(r, name), name);
    const before = r[name];
    assertEquals(Reflect.set(r, name, "changed"), false, name);
    assert(r[name] === before, name);
  }
  assertEquals(r.isReloadNavigation, false);
  assertEquals(r.isHistoryNavigation, false);
  assertEquals(r.referrerPolicy, "");
  assert(r.headers instanceof Headers);
  assert(r.headers === r.headers);
  assertEquals(Request.length, 1);
  for (const m of ["clone", "text", "json", "arrayBuffer", "bytes", "blob", "formData"]) {
    assertEquals(typeof Request.prototype[m], "function", m);
  }
  assertThrows(() => Request("https://x.test/"), TypeError);
});

// ---------------------------------------------------------------- WPT fetch/api/request/url-encoding.html, request-init-001.sub.html
test("request: url is the parsed, serialized URL", () => {
  const cases = [
    ["https://x.test", "https://x.test/"],
    ["HTTPS://EXAMPLE.com:443/a/../b?c d#frag", "https://example.com/b?c%20d#frag"],
    ["http://x.test:80/", "http://x.test/"],
    ["http://x.test:8080/ü?ü", "http://x.test:8080/%C3%BC?%C3%BC"],
    ["  https://x.test/trim  ", "https://x.test/trim"],
    ["https://xn--nxasmq6b.test/", "https://xn--nxasmq6b.test/"],
    ["https://ÉXAMPLE.test/", "https://xn--xample-9ua.test/"],
    ["data:text/plain,hi", "data:text/plain,hi"],
  ];
  for (const [input, expected] of cases) assertEquals(new Request(input).url, expected, input);
  assertEquals(new Request(new URL("https://x.test/p?q")).url, "https://x.test/p?q");
  assertEquals(new Request({ toString: () => "https://x.test/obj" }).url, "https://x.test/obj");
  assertThrows(() => new Request("https://:pass@x.test/"), TypeError);
  assertThrows(() => new Request("https://user@x.test/"), TypeError);
  assertThrows(() => new Request(""), TypeError);
});

// ---------------------------------------------------------------- WPT fetch/api/request/request-init-001.sub.html
test("request: method names", () => {
  const normalized = { delete: "DELETE", get: "GET", head: "HEAD", options: "OPTIONS", post: "POST", put: "PUT",
    DeLeTe: "DELETE", Get: "GET", hEAD: "HEAD", oPtIoNs: "OPTIONS", pOsT: "POST", Put: "PUT" };
  for (const [input, out] of Object.entries(normalized)) {
    const init = { method: input };
    if (out !== "GET" && out !== "HEAD") init.body = "x";
    assertEquals(new Request("https://x.test/", init).method, out, input);
  }
  // Other methods keep their case.
  for (const m of ["patch", "Patch", "PATCH", "custom-METHOD", "M!#$%&'*+-.^_`|~"]) {
    assertEquals(new Request("https://x.test/", { method: m }).method, m);
  }
  for (const m of ["connect", "Connect", "CONNECT", "trace", "TRACE", "track", "TrAcK"]) {
    assertThrows(() => new Request("https://x.test/", { method: m }), TypeError, undefined);
  }
  for (const m of ["", " GET", "GET ", "G E T", "GET\n", "(GET)", "GÉT", "get,post", "a/b", "\u0100"]) {
    assertThrows(() => new Request("https://x.test/", { method: m }), TypeError, undefined);
  }
});

// ---------------------------------------------------------------- WPT fetch/api/request/request-error.any.js
test("request: invalid inits throw TypeError", () => {
  const u = "https://x.test/";
  const bad = [
    { window: "http://x.test/" },
    { window: {} },
    { referrer: "http://[invalid" },
    { referrerPolicy: "invalid" },
    { mode: "navigate" },
    { mode: "invalid" },
    { credentials: "invalid" },
    { cache: "invalid" },
    { cache: "only-if-cached" },
    { cache: "only-if-cached", mode: "cors" },
    { redirect: "invalid" },
    { priority: "invalid" },
    { mode: "no-cors", method: "PUT" },
    { mode: "no-cors", method: "PATCH" },
    { method: "GET", body: "x" },
    { method: "HEAD", body: new Uint8Array(1) },
    { body: new Blob(["x"]) },
    { body: new ReadableStream() },
    { signal: "signal" },
    { headers: "a: b" },
    { headers: [["a"]] },
    { duplex: "full" },
  ];
  for (const init of bad) assertThrows(() => new Request(u, init), TypeError, undefined);
  assertThrows(() => new Request(u, 1), TypeError);
  // A few valid ones for contrast.
  assertEquals(new Request(u, { window: null }).url, u);
  assertEquals(new Request(u, { window: undefined }).url, u);
  assertEquals(new Request(u, { cache: "only-if-cached", mode: "same-origin" }).cache, "only-if-cached");
  assertEquals(new Request(u, { mode: "no-cors", method: "post" }).method, "POST");
  assertEquals(new Request(u, { body: undefined }).body, null);
  assertEquals(new Request(u, null).method, "GET");
});

test("request: enum and string members", () => {
  const u = "https://x.test/";
  for (const mode of ["same-origin", "no-cors", "cors"]) assertEquals(new Request(u, { mode }).mode, mode);
  for (const credentials of ["omit", "same-origin", "include"]) assertEquals(new Request(u, { credentials }).credentials, credentials);
  for (const cache of ["default", "no-store", "reload", "no-cache", "force-cache"]) assertEquals(new Request(u, { cache }).cache, cache);
  for (const redirect of ["follow", "error", "manual"]) assertEquals(new Request(u, { redirect }).redirect, redirect);
  for (const referrerPolicy of ["", "no-referrer", "no-referrer-when-downgrade", "same-origin", "origin", "strict-origin",
    "origin-when-cross-origin", "strict-origin-when-cross-origin", "unsafe-url"]) {
    assertEquals(new Request(u, { referrerPolicy }).referrerPolicy, referrerPolicy);
  }
  assertEquals(new Request(u, { integrity: "sha256-abc" }).integrity, "sha256-abc");
  assertEquals(new Request(u, { keepalive: 1 }).keepalive, true);
  assertEquals(new Request(u, { keepalive: "" }).keepalive, false);
  assertEquals(new Request(u, { referrer: "" }).referrer, "");
  assertEquals(new Request(u, { referrer: "https://ref.test/a b" }).referrer, "https://ref.test/a%20b");
  assertEquals(new Request(u, { duplex: "half" }).duplex, "half");
});

// ---------------------------------------------------------------- WPT fetch/api/request/request-init-002.html, request-init-003.sub.html
test("request: init headers and bodies", async () => {
  const u = "https://x.test/";
  const h = new Headers({ a: "1" });
  const r = new Request(u, { headers: h });
  h.set("a", "2");
  assertEquals(r.headers.get("a"), "1", "the init Headers is copied");
  assert(r.headers !== h);
  const bodies = [
    ["text", "text/plain;charset=UTF-8"],
    [new URLSearchParams("a=b c"), "application/x-www-form-urlencoded;charset=UTF-8"],
    [new Blob(["x"], { type: "image/png" }), "image/png"],
    [new Blob(["x"]), null],
    [new ArrayBuffer(2), null],
    [new Uint16Array(1), null],
    [new DataView(new ArrayBuffer(1)), null],
    [new ReadableStream(), null],
  ];
  for (const [body, ct] of bodies) {
    assertEquals(new Request(u, { method: "POST", body, duplex: "half" }).headers.get("content-type"), ct, String(body));
  }
  const fd = new FormData();
  fd.append("k", "v");
  const withForm = new Request(u, { method: "POST", body: fd });
  assertMatch(withForm.headers.get("content-type"), /^multipart\/form-data; boundary=/);
  assertEquals((await withForm.formData()).get("k"), "v");
  const withParams = new Request(u, { method: "POST", body: new URLSearchParams([["x", "1"], ["x", "2"]]) });
  assertEquals((await withParams.formData()).getAll("x"), ["1", "2"]);
  // An explicit content-type in the init wins over the body's.
  const own = new Request(u, { method: "POST", body: new Blob(["x"], { type: "a/b" }), headers: [["Content-Type", "c/d"]] });
  assertEquals(own.headers.get("content-type"), "c/d");
  assertEquals((await own.blob()).type, "c/d");
});

// ---------------------------------------------------------------- WPT fetch/api/request/request-constructor-init-body-override.any.js, request-consume.any.js
test("request: new Request(request, init) overrides", async () => {
  const ac = new AbortController();
  const base = new Request("https://x.test/a", {
    method: "POST", body: "orig", headers: { a: "1" }, redirect: "manual", mode: "same-origin",
    credentials: "include", cache: "no-store", integrity: "x", keepalive: true, referrerPolicy: "origin", signal: ac.signal,
  });
  const copy = new Request(base);
  assertEquals([copy.url, copy.method, copy.redirect, copy.mode, copy.credentials, copy.cache, copy.integrity, copy.keepalive, copy.referrerPolicy],
    ["https://x.test/a", "POST", "manual", "same-origin", "include", "no-store", "x", true, "origin"]);
  assertEquals(await copy.text(), "orig");
  assertEquals(base.bodyUsed, true);

  const base2 = new Request("https://x.test/a", { method: "POST", body: "orig", headers: { a: "1" }, signal: ac.signal });
  const over = new Request(base2, { method: "PUT", body: "new", redirect: "error", headers: { b: "2" }, cache: "reload" });
  assertEquals([over.method, over.redirect, over.cache], ["PUT", "error", "reload"]);
  assertEquals([...over.headers], [["b", "2"], ["content-type", "text/plain;charset=UTF-8"]]);
  assertEquals(await over.text(), "new");
  assertEquals(base2.bodyUsed, false, "an init body leaves the input's body alone");
  assertEquals(await base2.text(), "orig");
  // The input's body may already be used when the init gives a new one.
  const fresh = new Request(base2, { body: "again" });
  assertEquals(await fresh.text(), "again");
  assertThrows(() => new Request(base2), TypeError);
  // HEAD/GET are refused when the input has a body, whatever the init body.
  const withBody = new Request("https://x.test/", { method: "POST", body: "x" });
  assertThrows(() => new Request(withBody, { method: "HEAD" }), TypeError);
  assertThrows(() => new Request(withBody, { method: "GET", body: null }), TypeError);
  assertEquals(withBody.bodyUsed, false);
  // The URL of a Request input cannot be overridden, only read.
  assertEquals(new Request(new Request("https://x.test/p"), { method: "POST" }).url, "https://x.test/p");
});

test("request: signals of derived requests", () => {
  const ac = new AbortController();
  const base = new Request("https://x.test/", { signal: ac.signal });
  const follows = new Request(base);
  const cut = new Request(base, { signal: null });
  const other = new AbortController();
  const replaced = new Request(base, { signal: other.signal });
  assert(follows.signal !== base.signal);
  ac.abort(new Error("stop"));
  assertEquals(follows.signal.aborted, true);
  assertEquals(follows.signal.reason.message, "stop");
  assertEquals(cut.signal.aborted, false);
  assertEquals(replaced.signal.aborted, false);
  other.abort();
  assertEquals(replaced.signal.aborted, true);
  assertEquals(replaced.signal.reason.name, "AbortError");
  assert(base.signal === base.signal);
  const plain = new Request("https://x.test/");
  assert(plain.signal instanceof AbortSignal);
  assertEquals(plain.signal.aborted, false);
});

// ---------------------------------------------------------------- WPT fetch/api/request/request-clone.sub.html
test("request: clone copies every member", async () => {
  const r = new Request("https://x.test/c", {
    method: "PATCH", body: "b", headers: [["x", "1"], ["set-cookie", "a"], ["set-cookie", "b"]],
    redirect: "manual", credentials: "omit", cache: "no-cache", integrity: "i", keepalive: true, referrer: "", referrerPolicy: "unsafe-url",
  });
  const c = r.clone();
  for (const k of ["url", "method", "redirect", "credentials", "cache", "integrity", "keepalive", "referrer", "referrerPolicy", "mode", "duplex"]) {
    assertEquals(c[k], r[k], k);
  }
  assertEquals([...c.headers], [...r.headers]);
  assert(c.headers !== r.headers);
  assert(c.signal !== r.signal);
  assertEquals(await c.text(), "b");
  assertEquals(r.bodyUsed, false);
  const noBody = new Request("https://x.test/");
  assertEquals(noBody.clone().body, null);
});

// ---------------------------------------------------------------- WPT fetch/api/request/request-init-stream.any.js
test("request: stream bodies", async () => {
  const u = "https://x.test/";
  const s = new ReadableStream({ start(c) { c.enqueue(bytes(1)); c.close(); } });
  const r = new Request(u, { method: "POST", body: s, duplex: "half" });
  assert(r.body === s, "the stream is held as given");
  assertEquals(r.bodyUsed, false);
  assertThrows(() => new Request(u, { body: new ReadableStream(), duplex: "half" }), TypeError);
  assertThrows(() => new Request(u, { method: "HEAD", body: new ReadableStream(), duplex: "half" }), TypeError);
  const locked = new ReadableStream();
  locked.getReader();
  assertThrows(() => new Request(u, { method: "POST", body: locked, duplex: "half" }), TypeError);
  const cloned = r.clone();
  assertEquals(await cloned.bytes(), bytes(1));
  assertEquals(await r.bytes(), bytes(1));
  // A Request built from a stream-bodied Request takes the stream over.
  const s2 = new ReadableStream({ start(c) { c.enqueue(bytes(2)); c.close(); } });
  const first = new Request(u, { method: "POST", body: s2, duplex: "half" });
  const second = new Request(first);
  assertEquals(first.bodyUsed, true);
  assertEquals(await second.bytes(), bytes(2));
});
