// The Workers Cache API in one runtime (its own in-memory store): the shape
// of `caches`, Cache and CacheStorage, and what put, match and delete give.
// tests/cache_api.rs covers the store behind a server (limits, apps, cores).

test("caches is a CacheStorage whose default is one Cache", async () => {
  assertEquals(Object.prototype.toString.call(caches), "[object CacheStorage]");
  assert(caches instanceof CacheStorage);
  assert(caches.default instanceof Cache);
  assert(caches.default === caches.default);
  const named = await caches.open("named");
  assert(named instanceof Cache && named !== caches.default);
  assertEquals(Object.prototype.toString.call(named), "[object Cache]");
  assertEquals([Cache.prototype.match.length, Cache.prototype.put.length, Cache.prototype.delete.length,
    CacheStorage.prototype.open.length], [1, 2, 1, 1]);
  assertThrows(() => new Cache(), TypeError, "Illegal constructor");
  assertThrows(() => new CacheStorage(), TypeError, "Illegal constructor");
  await assertRejects(() => Cache.prototype.match.call({}, "https://x.test/"), TypeError, "Illegal invocation");
  await assertRejects(() => caches.default.match(), TypeError, "1 argument required");
  await assertRejects(() => caches.open(), TypeError);
});

test("put resolves to undefined; match gives a Response marked HIT with immutable headers", async () => {
  const cache = caches.default;
  const url = "https://x.test/put-match";
  assertEquals(await cache.match(url), undefined);
  const stored = new Response("hello", { headers: { "cache-control": "max-age=60", "x-a": "1" } });
  assertEquals(await cache.put(url, stored), undefined);
  assert(stored.bodyUsed, "put reads the body");
  const found = await cache.match(new Request(url));
  assertEquals(found.status, 200);
  assertEquals(found.headers.get("x-a"), "1");
  assertEquals(found.headers.get("cf-cache-status"), "HIT");
  assertThrows(() => found.headers.set("x-b", "2"), TypeError);
  assertEquals(await found.text(), "hello");
  assertEquals(await (await cache.match(new URL(url + "#fragment"))).text(), "hello");
  assertEquals(await cache.match(url, { ignoreMethod: false }).then((r) => r.status), 200);
});

test("match and delete see GET requests only, unless ignoreMethod", async () => {
  const cache = await caches.open("methods");
  const url = "https://x.test/methods";
  await cache.put(url, new Response("x", { headers: { "cache-control": "max-age=60" } }));
  const head = new Request(url, { method: "HEAD" });
  assertEquals(await cache.match(head), undefined);
  assertEquals((await cache.match(head, { ignoreMethod: true })).status, 200);
  assertEquals(await cache.delete(head), false);
  assertEquals(await cache.delete(head, { ignoreMethod: true }), true);
  assertEquals(await cache.delete(url), false);
  await assertRejects(() => cache.match(url, 1), TypeError);
});

test("put refuses what Workers refuses, and ignores a 304", async () => {
  const cache = caches.default;
  const url = "https://x.test/refused";
  await assertRejects(() => cache.put(new Request(url, { method: "POST" }), new Response("x")), TypeError,
    "Cannot cache response to non-GET request.");
  await assertRejects(() => cache.put(url, new Response("x", { status: 206 })), TypeError,
    "Cannot cache response to a range request (206 Partial Content).");
  await assertRejects(() => cache.put(url, new Response("x", { headers: { vary: "*" } })), TypeError,
    "Cannot cache response with 'Vary: *' header.");
  await assertRejects(() => cache.put(url, { status: 200 }), TypeError, "parameter 2 is not of type 'Response'");
  await assertRejects(() => cache.put("not a url", new Response("x")), TypeError);
  assertEquals(await cache.put(url, new Response(null, { status: 304, headers: { "cache-control": "max-age=60" } })),
    undefined);
  assertEquals(await cache.match(url), undefined);
});

test("a streamed body is read whole before it is stored", async () => {
  const cache = caches.default;
  const url = "https://x.test/stream";
  const chunks = ["a", "bc", "def"].map((s) => new TextEncoder().encode(s));
  const body = new ReadableStream({
    pull(controller) {
      if (chunks.length === 0) controller.close();
      else controller.enqueue(chunks.shift());
    },
  });
  await cache.put(url, new Response(body, { headers: { "cache-control": "max-age=60" } }));
  assertEquals(await (await cache.match(url)).text(), "abcdef");
  const strings = new ReadableStream({ start(c) { c.enqueue("not bytes"); c.close(); } });
  await assertRejects(() => cache.put(url + "2", new Response(strings)), TypeError);
});

test("a range gives 206 and If-None-Match 304", async () => {
  const cache = caches.default;
  const url = "https://x.test/range";
  await cache.put(url, new Response("0123456789", { headers: { "cache-control": "max-age=60", etag: '"e"' } }));
  const part = await cache.match(new Request(url, { headers: { range: "bytes=1-3" } }));
  assertEquals([part.status, part.headers.get("content-range"), await part.text()], [206, "bytes 1-3/10", "123"]);
  const none = await cache.match(new Request(url, { headers: { range: "bytes=10-" } }));
  assertEquals(none.status, 416);
  const current = await cache.match(new Request(url, { headers: { "if-none-match": '"e"' } }));
  assertEquals([current.status, current.body], [304, null]);
});
