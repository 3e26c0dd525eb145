// Exercises the Workers API surface as `nano serve` hands it to an app:
// the Request it builds, the Response forms it accepts, env, ctx, console,
// and the ways a handler can fail.
const encoder = new TextEncoder();

function int(url, name, fallback) {
  const value = Number.parseInt(url.searchParams.get(name) ?? "", 10);
  return Number.isFinite(value) ? value : fallback;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function hex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

const routes = {
  // --- env and ctx -------------------------------------------------------
  "/env": (request, env) => Response.json({ keys: Object.keys(env).sort(), env }),
  "/ctx": (request, env, ctx) => {
    const kinds = {
      waitUntil: typeof ctx.waitUntil,
      passThroughOnException: typeof ctx.passThroughOnException,
    };
    ctx.passThroughOnException();
    return Response.json(kinds);
  },
  "/later": (request, env, ctx, url) => {
    const ms = int(url, "ms", 100);
    const msg = url.searchParams.get("msg") ?? "later";
    ctx.waitUntil(sleep(ms).then(() => console.log(`waitUntil done: ${msg}`)));
    return new Response("accepted\n", { status: 202 });
  },

  // --- the Request ---------------------------------------------------------
  "/request": (request) =>
    Response.json({
      method: request.method,
      url: request.url,
      pathname: new URL(request.url).pathname,
      search: new URL(request.url).search,
      lower: request.headers.get("x-mixed-case"),
      upper: request.headers.get("X-MIXED-CASE"),
      has: request.headers.has("X-Mixed-CASE"),
      combined: request.headers.get("x-multi"),
      missing: request.headers.get("x-missing"),
      bodyIsNull: request.body === null,
    }),
  "/body/text": async (request) => {
    const text = await request.text();
    return Response.json({ text, length: text.length, used: request.bodyUsed });
  },
  "/body/json": async (request) => {
    const value = await request.json();
    return Response.json({ type: typeof value, value });
  },
  "/body/arrayBuffer": async (request) => {
    const buffer = await request.arrayBuffer();
    return Response.json({
      isArrayBuffer: buffer instanceof ArrayBuffer,
      byteLength: buffer.byteLength,
      hex: hex(new Uint8Array(buffer)),
    });
  },
  "/body/bytes": async (request) => {
    const bytes = await request.bytes();
    return Response.json({ isUint8Array: bytes instanceof Uint8Array, byteLength: bytes.byteLength, hex: hex(bytes) });
  },
  // The body's SHA-256, and whether the body of the request before is
  // still intact (kept in a global, it outlives its request).
  "/body/digest": async (request) => {
    const bytes = await request.bytes();
    const keptIntact = globalThis.keptBody === undefined || hex(new Uint8Array(await crypto.subtle.digest("SHA-256", globalThis.keptBody))) === globalThis.keptDigest;
    const digest = hex(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes)));
    globalThis.keptBody = bytes;
    globalThis.keptDigest = digest;
    return Response.json({ byteLength: bytes.byteLength, digest, keptIntact });
  },
  "/body/stream": async (request) => {
    const isStream = request.body instanceof ReadableStream;
    const reader = request.body.getReader();
    let bytes = 0;
    let chunks = 0;
    const parts = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!(value instanceof Uint8Array)) throw new TypeError("chunk is not a Uint8Array");
      chunks += 1;
      bytes += value.byteLength;
      parts.push(new TextDecoder().decode(value));
    }
    return Response.json({ isStream, chunks, bytes, text: parts.join("") });
  },

  // --- Response forms --------------------------------------------------------
  "/resp/string": () => new Response("plain text body"),
  "/resp/arraybuffer": () => new Response(new Uint8Array([0, 1, 2, 253, 254, 255]).buffer),
  "/resp/uint8array": () => new Response(new Uint8Array([104, 105, 0, 255])),
  "/resp/typed-view": () => new Response(new Uint8Array([9, 9, 104, 105, 9]).subarray(2, 4)),
  "/resp/params": () => new Response(new URLSearchParams({ a: "1", b: "x y&z" })),
  "/resp/stream": (request, env, ctx, url) => {
    const headers = { "content-type": "text/plain" };
    const coding = url.searchParams.get("coding");
    if (coding !== null) headers["content-encoding"] = coding;
    return new Response(partsStream(int(url, "n", 3), int(url, "ms", 100)), { headers });
  },
  // Compressed by the server when the client accepts gzip.
  "/resp/gzip": () =>
    new Response("compress me ".repeat(50), { headers: { "content-type": "text/plain", "content-encoding": "gzip" } }),
  // Already compressed by the app.
  "/resp/manual": () =>
    new Response(new Blob(["compressed by the app"]).stream().pipeThrough(new CompressionStream("gzip")), {
      encodeBody: "manual",
      headers: { "content-encoding": "gzip" },
    }),
  "/proxy": (request, env, ctx, url) => fetch(url.searchParams.get("to"), { headers: request.headers }),
  "/resp/bad-chunk": () =>
    new Response(
      new ReadableStream({
        start(controller) {
          controller.enqueue(encoder.encode("good\n"));
          controller.enqueue("a string is not a chunk");
          controller.close();
        },
      }),
    ),
  "/resp/null204": () => new Response(null, { status: 204, headers: { "x-empty": "yes" } }),
  "/resp/empty200": () => new Response(null),
  "/resp/json": () => Response.json({ ok: true, list: [1, 2, 3], text: "é" }, { headers: { "x-extra": "1" } }),
  "/resp/redirect": () => Response.redirect("https://example.com/next?x=1", 301),
  "/resp/redirect-default": () => Response.redirect("https://example.com/"),
  "/resp/status": () => new Response("short and stout\n", { status: 418, statusText: "I Am A Teapot" }),
  "/resp/status-299": () => new Response("unusual\n", { status: 299, statusText: "Fine Enough" }),
  "/resp/cookies": () => {
    const headers = new Headers({ "content-type": "text/plain" });
    headers.append("set-cookie", "a=1; Path=/");
    headers.append("Set-Cookie", "b=2; HttpOnly");
    headers.append("set-cookie", "c=3, with a comma; Expires=Wed, 21 Oct 2015 07:28:00 GMT");
    headers.append("x-list", "one");
    headers.append("x-list", "two");
    return new Response("cookies\n", { headers });
  },

  // --- time and logging ------------------------------------------------------
  "/wait": async (request, env, ctx, url) => {
    const ms = int(url, "ms", 50);
    await scheduler.wait(ms);
    return new Response(`waited ${ms}\n`);
  },
  "/log": (request, env, ctx, url) => {
    console.log(`app says ${url.searchParams.get("msg")}`);
    return new Response("logged\n");
  },
  "/log-later": async (request, env, ctx, url) => {
    const msg = url.searchParams.get("msg");
    console.log(`before ${msg}`);
    await scheduler.wait(int(url, "ms", 100));
    console.log(`after ${msg}`);
    return new Response("logged\n");
  },

  // --- failures --------------------------------------------------------------
  "/fail/throw": () => {
    throw new Error("kaboom from the handler");
  },
  "/fail/throw-later": async () => {
    await scheduler.wait(10);
    throw new RangeError("kaboom after an await");
  },
  "/fail/reject": () => Promise.reject(new Error("rejected on purpose")),
  "/fail/not-response": () => "just a string",
  "/fail/loop": () => {
    for (;;) {}
  },
  "/fail/loop-later": async () => {
    await scheduler.wait(10);
    for (;;) {}
  },
  // About 40 MiB of short-lived objects: the young generation fills many times.
  "/garbage": () => {
    let batch = [];
    for (let i = 0; i < 1_000_000; i++) {
      batch.push({ i });
      if (batch.length === 1000) batch = [];
    }
    return new Response("collected\n");
  },
  "/fail/memory": () => {
    const keep = [];
    for (;;) keep.push(new Array(100_000).fill({ big: "x".repeat(16) }).map((o, i) => ({ i, o })));
  },
};

function partsStream(n, ms) {
  let i = 0;
  return new ReadableStream({
    async pull(controller) {
      if (i >= n) return controller.close();
      if (i > 0) await scheduler.wait(ms);
      controller.enqueue(encoder.encode(`part ${i}\n`));
      i += 1;
    },
  });
}

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    const route = routes[url.pathname];
    if (route === undefined) return new Response("not found\n", { status: 404 });
    return route(request, env, ctx, url);
  },
};
