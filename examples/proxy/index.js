// A reverse proxy in front of one upstream:
//
//   nano serve examples/hello --port 8081 --admin-port 9091 &
//   nano serve examples/proxy --var UPSTREAM=http://127.0.0.1:8081
//   curl http://127.0.0.1:8080/api/json    # → the upstream's /json
//
// Requests under /api/ go upstream with the prefix removed, bodies streamed
// both ways; the response says which upstream answered and how long it took.
const PREFIX = "/api";

export default {
  async fetch(request, env) {
    if (!env.UPSTREAM) return new Response("set UPSTREAM (--var UPSTREAM=http://...)\n", { status: 500 });
    const url = new URL(request.url);
    if (url.pathname !== PREFIX && !url.pathname.startsWith(`${PREFIX}/`)) {
      return new Response(`only ${PREFIX}/ is proxied\n`, { status: 404 });
    }
    const target = new URL(url.pathname.slice(PREFIX.length) || "/", env.UPSTREAM);
    target.search = url.search;

    const headers = new Headers(request.headers);
    headers.delete("host");
    headers.set("x-forwarded-host", url.host);
    headers.set("x-forwarded-proto", url.protocol.slice(0, -1));

    const started = Date.now();
    let upstream;
    try {
      upstream = await fetch(target, {
        method: request.method,
        headers,
        body: request.body,
        redirect: "manual",
        signal: AbortSignal.any([request.signal, AbortSignal.timeout(10_000)]),
      });
    } catch (error) {
      return new Response(`upstream failed: ${error.message}\n`, { status: 502 });
    }
    const response = new Response(upstream.body, upstream);
    response.headers.set("x-upstream", target.origin);
    response.headers.set("server-timing", `upstream;dur=${Date.now() - started}`);
    return response;
  },
};
