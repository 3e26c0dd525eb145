// The routes of the HTTP-layer tests, as a Workers app.
//
//   /                 "hello from nano"
//   /echo             the request body back, with x-echo-* headers
//   /sleep?ms=N       answers after N milliseconds
//   /stream?n=N&ms=M  N chunks, M milliseconds apart (all at once for ms=0);
//                     &size=S pads each chunk to S bytes with its digit
//   /error            a 500 chosen by the app
//   /headers          the request headers as text
//   /later?ms=N&msg=M answers at once; logs M N milliseconds later (waitUntil)
const encoder = new TextEncoder();

function number(url, name, fallback, max) {
  const value = Number.parseInt(url.searchParams.get(name) ?? "", 10);
  return Number.isFinite(value) ? Math.min(Math.max(value, 0), max) : fallback;
}

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    switch (url.pathname) {
      case "/":
        return new Response("hello from nano\n");
      case "/echo": {
        const body = await request.arrayBuffer();
        return new Response(body, {
          headers: {
            "content-type": "application/octet-stream",
            "x-echo-method": request.method,
            "x-echo-target": url.pathname + url.search,
          },
        });
      }
      case "/sleep": {
        const ms = number(url, "ms", 100, 60_000);
        await scheduler.wait(ms);
        return new Response(`slept ${ms}\n`);
      }
      case "/stream": {
        const n = number(url, "n", 3, 1000);
        const ms = number(url, "ms", 100, 10_000);
        const size = number(url, "size", 0, 1 << 20);
        let i = 0;
        const body = new ReadableStream({
          async pull(controller) {
            if (i >= n) {
              controller.close();
              return;
            }
            if (i > 0 && ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
            const text = `chunk ${i}\n`;
            controller.enqueue(encoder.encode(text.padEnd(size, String(i % 10))));
            i += 1;
          },
        });
        return new Response(body, { headers: { "content-type": "text/plain" } });
      }
      case "/error":
        return new Response("handler failed on purpose\n", { status: 500 });
      case "/headers": {
        let text = "";
        for (const [name, value] of request.headers) text += `${name}: ${value}\n`;
        return new Response(text);
      }
      case "/later": {
        const ms = number(url, "ms", 100, 60_000);
        const msg = url.searchParams.get("msg") ?? "later";
        ctx.waitUntil(scheduler.wait(ms).then(() => console.log(`waitUntil done: ${msg}`)));
        return new Response("accepted\n", { status: 202 });
      }
      default:
        return new Response("not found\n", { status: 404 });
    }
  },
};
