// Publishes the `node:` modules where the ES modules of `src/runtime/node`
// read them: under a registered symbol, so no global name is taken.
((nano) => {
  "use strict";
  const modules = nano.internal.nodeModules;
  for (const name of Object.keys(modules)) {
    Object.freeze(modules[name].exports);
    Object.freeze(modules[name]);
  }
  Object.defineProperty(globalThis, Symbol.for("nano.node"), { value: Object.freeze(modules) });
})(globalThis.__nano);
