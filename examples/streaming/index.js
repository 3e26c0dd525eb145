// Responses written while they are produced: `nano serve examples/streaming`.
//
//   curl -N http://127.0.0.1:8080/count?to=5     # one line every 200 ms
//   curl -N http://127.0.0.1:8080/events         # server-sent events
//   curl -N http://127.0.0.1:8080/upper -d hi    # the request body, upper-cased as it arrives
const encoder = new TextEncoder();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function count(url) {
  const to = Math.min(Number(url.searchParams.get("to") ?? 5), 100);
  const delay = Math.min(Number(url.searchParams.get("delay") ?? 200), 1000);
  const body = new ReadableStream({
    async start(controller) {
      for (let i = 1; i <= to; i++) {
        controller.enqueue(encoder.encode(`${i}\n`));
        if (i < to) await sleep(delay);
      }
      controller.close();
    },
  });
  return new Response(body, { headers: { "content-type": "text/plain; charset=utf-8" } });
}

function events(request) {
  const { readable, writable } = new TransformStream();
  const writer = writable.getWriter();
  (async () => {
    for (let id = 1; id <= 3 && !request.signal.aborted; id++) {
      await writer.write(encoder.encode(`id: ${id}\nevent: tick\ndata: ${JSON.stringify({ id })}\n\n`));
      await sleep(100);
    }
    await writer.close();
  })();
  return new Response(readable, {
    headers: { "content-type": "text/event-stream", "cache-control": "no-cache" },
  });
}

function upper(request) {
  const body = request.body
    .pipeThrough(new TextDecoderStream())
    .pipeThrough(
      new TransformStream({
        transform(chunk, controller) {
          controller.enqueue(chunk.toUpperCase());
        },
      }),
    )
    .pipeThrough(new TextEncoderStream());
  return new Response(body, { headers: { "content-type": "text/plain; charset=utf-8" } });
}

export default {
  fetch(request) {
    const url = new URL(request.url);
    switch (url.pathname) {
      case "/count":
        return count(url);
      case "/events":
        return events(request);
      case "/upper":
        return request.body ? upper(request) : new Response("send a body\n", { status: 400 });
      default:
        return new Response("try /count, /events or /upper\n", { status: 404 });
    }
  },
};
