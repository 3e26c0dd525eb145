// Last bootstrap file: hides the plumbing and hands the hooks to Rust (the
// script's completion value is kept with the snapshot's context).
((nano) => {
  "use strict";
  const hooks = nano.internal.hooks;
  hooks.inspect ??= (value) => String(value);
  delete globalThis.__nano;
  return hooks;
})(globalThis.__nano);
