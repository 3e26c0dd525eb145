// Shared plumbing for the other bootstrap files: `nano.internal` is how they
// hand private pieces to each other; it disappears with `__nano` at the end.
((nano) => {
  "use strict";
  const internal = nano.internal;

  // Hooks the Rust side calls; returned by the last bootstrap file.
  internal.hooks = Object.create(null);

  // Set-up each new context runs once, before any app code: the snapshot is
  // made in a context without `WebAssembly`, which V8 adds on restore.
  internal.onStart = [];
  internal.hooks.start = () => {
    for (const start of internal.onStart) start();
  };

  // Errors nobody caught (throwing timers, queueMicrotask callbacks,
  // reportError) go to the runtime, which decides how to report them.
  internal.reportError = (error) => nano.ops.op_report_error(error);

  // The `node:` modules, each `{ exports, default }`, filled by the
  // 8x_node_* files and published by the last of them.
  internal.nodeModules = Object.create(null);

  internal.defineGlobal("self", globalThis);
  internal.defineGlobal("reportError", function reportError(error) {
    internal.util.requireArgs(arguments.length, 1, "reportError");
    internal.reportError(error);
  });
})(globalThis.__nano);
