// Drives the Cache API from query parameters, for tests/cache_api.rs. Every
// key is a URL under https://cache.test/; the incoming request's headers go
// with the cache key request (so Vary, Range and validators can be sent).
//   /put?key=K&body=B&status=200&cc=CACHE-CONTROL&vary=V&etag=E&lm=DATE
//        &cookie=1&stream=1&cache=NAME&method=M   -> "stored"
//   /match?key=K&cache=NAME&method=M&ignoreMethod=1 -> the cached response, or
//        200 "MISS" with x-miss: 1
//   /delete?key=K&cache=NAME&method=M&ignoreMethod=1 -> "true" | "false"
//   /bad?case=...                                -> "ErrorName: message"
function keyRequest(params, request) {
  const headers = new Headers(request.headers);
  return new Request("https://cache.test/" + params.get("key"), {
    method: params.get("method") ?? "GET",
    headers,
  });
}

async function cacheOf(params) {
  const name = params.get("cache");
  return name === null ? caches.default : await caches.open(name);
}

function responseFrom(params) {
  const headers = new Headers({ "content-type": "text/plain" });
  const set = (param, header) => {
    if (params.get(param) !== null) headers.set(header, params.get(param));
  };
  set("cc", "cache-control");
  set("vary", "vary");
  set("etag", "etag");
  set("lm", "last-modified");
  if (params.get("cookie") !== null) headers.set("set-cookie", "session=1");
  const text = params.get("body") ?? "";
  let body = text;
  if (params.get("stream") !== null) {
    const bytes = new TextEncoder().encode(text);
    const half = Math.floor(bytes.length / 2);
    body = new ReadableStream({
      start(controller) {
        controller.enqueue(bytes.slice(0, half));
        controller.enqueue(bytes.slice(half));
        controller.close();
      },
    });
  }
  return new Response(body, { status: Number(params.get("status") ?? 200), headers });
}

async function bad(kind, cache) {
  const url = "https://cache.test/bad";
  switch (kind) {
    case "post":
      return cache.put(new Request(url, { method: "POST" }), new Response("x"));
    case "partial":
      return cache.put(url, new Response("x", { status: 206 }));
    case "vary-star":
      return cache.put(url, new Response("x", { headers: { vary: "Accept, *" } }));
    case "used": {
      const response = new Response("x");
      await response.text();
      return cache.put(url, response);
    }
    case "not-response":
      return cache.put(url, "x");
    case "bad-url":
      return cache.match("not a url");
    case "construct":
      return new Cache();
  }
  throw new Error("unknown case " + kind);
}

export default {
  async fetch(request) {
    const url = new URL(request.url);
    const params = url.searchParams;
    const cache = await cacheOf(params);
    const options = { ignoreMethod: params.get("ignoreMethod") !== null };
    switch (url.pathname) {
      case "/put": {
        const result = await cache.put(keyRequest(params, request), responseFrom(params));
        return new Response(result === undefined ? "stored" : "put gave " + result);
      }
      case "/match": {
        const found = await cache.match(keyRequest(params, request), options);
        return found ?? new Response("MISS", { headers: { "x-miss": "1" } });
      }
      case "/delete":
        return new Response(String(await cache.delete(keyRequest(params, request), options)));
      case "/bad":
        try {
          await bad(params.get("case"), cache);
          return new Response("no error");
        } catch (error) {
          return new Response(`${error.name}: ${error.message}`);
        }
      case "/globals":
        return new Response(
          [typeof caches, caches instanceof CacheStorage, caches.default instanceof Cache,
            caches.default === caches.default, Object.prototype.toString.call(caches)].join(" "),
        );
    }
    return new Response("not found", { status: 404 });
  },
};
