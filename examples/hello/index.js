// The default NANO app: `make run` serves it on http://127.0.0.1:8080.
export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    if (url.pathname === "/json") {
      return Response.json({ hello: env.NAME ?? "world", path: url.pathname });
    }
    return new Response(`Hello from NANO! You asked for ${url.pathname}\n`, {
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  },
};
