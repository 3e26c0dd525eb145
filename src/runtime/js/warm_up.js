// Runs once while the startup snapshot is made, never in a running isolate.
// It calls what every isolate runs at start, to show a value, to load an app
// and to serve a request, so that V8 compiles those functions now and the
// snapshot keeps their bytecode; each isolate would otherwise compile them
// again on first use. Everything made here is garbage afterwards. Returns
// the promise of the response's status, for the caller to check.
//
// The request is served several times, and what it makes is kept until the
// last one. V8 sizes a class's objects by the first few it makes (in-object
// slack tracking, over seven constructions), from the objects then alive;
// had those died, the snapshot would keep the class with no room in its
// objects at all, and every object of it would hold its fields in a
// separate property array, allocated again each time it grows (a Response:
// four of them, ~200 bytes of garbage per request).
(hooks, ops) => {
  "use strict";
  const SLACK_TRACKED_REQUESTS = 10;
  hooks.start();
  const values = [1, 2.5, -0, 10n, true, null, undefined, Symbol("s"), [1, "a"], { a: { b: [2] } }];
  for (const value of values) hooks.inspect(value);
  const made = [];
  const app = {
    default: {
      async fetch(request, env, ctx) {
        const url = new URL(request.url);
        const text = `${request.method} ${url.pathname} ${request.headers.get("host")} ${typeof env}`;
        ctx.waitUntil(Promise.resolve());
        const response = new Response(text, { headers: { "content-type": "text/plain" } });
        made.push(request, url, ctx, response);
        return response;
      },
    },
  };
  if (hooks.workerForm(app) !== "module") throw new Error("warm-up: the app has no fetch handler");
  // The snapshot has no runtime for the answer to reach: it is caught here,
  // and the ops put back once it has come.
  const { op_respond, op_settled } = ops;
  const answered = new Promise((resolve, reject) => {
    ops.op_respond = (id, status) => resolve(status);
    ops.op_settled = (id, fulfilled, error) => reject(error);
  });
  for (let id = 1; id <= SLACK_TRACKED_REQUESTS; id++) {
    hooks.dispatchFetch(id, app, {}, "GET", "http://localhost/warm-up", "host:localhost\n", null);
  }
  return answered.finally(() => {
    ops.op_respond = op_respond;
    ops.op_settled = op_settled;
  });
}
