// Requests that outlive their client or their deadline.
//
//   /                "ok"
//   /until-aborted   waits for request.signal to abort; counts and logs it
//   /never           a promise that never settles (ignores the signal)
//   /aborted         how many requests saw their signal abort, and why
//   /sleep?ms=N      answers after N milliseconds
//   /stall           a streamed body that sends one chunk, then nothing
//   /spin?ms=N       keeps its core busy for N milliseconds, then answers
let aborted = 0;
const reasons = [];

export default {
  async fetch(request) {
    const url = new URL(request.url);
    switch (url.pathname) {
      case "/":
        return new Response("ok\n");
      case "/until-aborted": {
        await new Promise((resolve) => request.signal.addEventListener("abort", resolve));
        aborted += 1;
        reasons.push(request.signal.reason?.name);
        console.log(`signal aborted: ${request.signal.reason?.name}`);
        return new Response("too late\n");
      }
      case "/never":
        return new Promise(() => {});
      case "/aborted":
        return Response.json({ aborted, reasons });
      case "/sleep": {
        const ms = Number.parseInt(url.searchParams.get("ms") ?? "100", 10);
        await new Promise((resolve) => setTimeout(resolve, ms));
        return new Response(`slept ${ms}\n`);
      }
      case "/spin": {
        const ms = Number.parseInt(url.searchParams.get("ms") ?? "100", 10);
        const until = Date.now() + ms;
        while (Date.now() < until);
        return new Response(`spun ${ms}\n`);
      }
      case "/stall": {
        const body = new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode("first\n"));
          },
        });
        return new Response(body);
      }
      default:
        return new Response("not found\n", { status: 404 });
    }
  },
};
