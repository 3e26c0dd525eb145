// Last bootstrap file: hides the plumbing and hands the hooks to Rust (the
// script's completion value is kept with the snapshot's context).
((nano) => {
  "use strict";
  const { hooks, inspect, format } = nano.internal;
  hooks.inspect = (value) => inspect(value);
  hooks.format = format;
  delete globalThis.__nano;
  return hooks;
})(globalThis.__nano);
