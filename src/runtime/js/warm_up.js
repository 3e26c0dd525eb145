// Runs once while the startup snapshot is made, never in a running isolate.
// It calls what every isolate runs at start, to show a value, to load an app
// and to serve a request, so that V8 compiles those functions now and the
// snapshot keeps their bytecode; each isolate would otherwise compile them
// again on first use. Everything made here is garbage afterwards. Returns
// the promise of the response's status, for the caller to check.
(hooks, ops) => {
  "use strict";
  hooks.start();
  const values = [1, 2.5, -0, 10n, true, null, undefined, Symbol("s"), [1, "a"], { a: { b: [2] } }];
  for (const value of values) hooks.inspect(value);
  const app = {
    default: {
      async fetch(request, env, ctx) {
        const url = new URL(request.url);
        const text = `${request.method} ${url.pathname} ${request.headers.get("host")} ${typeof env}`;
        ctx.waitUntil(Promise.resolve());
        return new Response(text, { headers: { "content-type": "text/plain" } });
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
  hooks.dispatchFetch(1, app, {}, "GET", "http://localhost/warm-up", "host:localhost\n", null);
  return answered.finally(() => {
    ops.op_respond = op_respond;
    ops.op_settled = op_settled;
  });
}
