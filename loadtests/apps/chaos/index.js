// Good and bad routes for loadtests/chaos.sh and loadtests/soak.sh: `/` answers
// at once; the others misbehave the ways an app can.
const routes = {
  "/": () => new Response("Hello World"),
  // Never yields: stopped by the CPU limit (503, isolate replaced).
  "/loop": () => {
    for (;;) {}
  },
  // Allocates until the heap limit (503, isolate replaced).
  "/memory": () => {
    const keep = [];
    for (;;) keep.push(new Array(100_000).fill({ big: "x".repeat(16) }).map((o, i) => ({ i, o })));
  },
  // A handler error (500).
  "/throw": () => {
    throw new Error("thrown on purpose");
  },
  // A response promise that never settles: the request waits until the client gives up.
  "/hang": () => new Promise(() => {}),
};

export default {
  fetch(request) {
    const route = routes[new URL(request.url).pathname];
    return route ? route() : new Response("not found\n", { status: 404 });
  },
};
