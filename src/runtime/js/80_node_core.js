// What the `node:` modules share: Node's errors, which carry a `code`.
((nano) => {
  "use strict";
  const { internal } = nano;
  const { values: ObjectValues, freeze: ObjectFreeze } = Object;

  function nodeError(Ctor, code, message) {
    const error = new Ctor(message);
    Object.defineProperty(error, "code", { value: code, writable: true, configurable: true, enumerable: true });
    return error;
  }

  function describeReceived(value) {
    if (value === null || value === undefined) return ` Received ${value}`;
    if (typeof value === "function") return ` Received function ${value.name}`;
    if (typeof value === "object") {
      const name = value.constructor?.name;
      return name ? ` Received an instance of ${name}` : ` Received ${internal.inspect(value, { depth: -1 })}`;
    }
    return ` Received type ${typeof value} (${internal.inspect(value)})`;
  }

  function invalidArgType(name, expected, value) {
    return nodeError(TypeError, "ERR_INVALID_ARG_TYPE", `The "${name}" argument must be ${expected}.${describeReceived(value)}`);
  }

  function outOfRange(name, range, value) {
    return nodeError(RangeError, "ERR_OUT_OF_RANGE", `The value of "${name}" is out of range. It must be ${range}. Received ${value}`);
  }

  // Web globals the modules re-export, taken now: the module files load
  // later, when an app may have replaced the globals.
  const web = {
    Blob, File, atob, btoa, TextDecoder, TextEncoder, URL, URLSearchParams, crypto: globalThis.crypto,
  };

  internal.node = { nodeError, invalidArgType, outOfRange, web };

  // The file of each `node:` module, left out of the snapshot (LAZY_FILES in
  // bootstrap.rs) and loaded on the module's first import. A file registers
  // its modules in `nodeModules`, each `{ exports, default }`.
  const FILES = {
    __proto__: null,
    assert: "nano:node_assert",
    async_hooks: "nano:node_async_hooks",
    buffer: "nano:node_buffer",
    crypto: "nano:node_crypto",
    events: "nano:node_events",
    path: "nano:node_path_url",
    url: "nano:node_path_url",
    util: "nano:node_util",
  };
  const nodeModules = Object.create(null);
  internal.nodeModules = nodeModules;

  function nodeModule(name) {
    if (FILES[name] === undefined) throw new TypeError(`NANO has no node:${name}`);
    if (nodeModules[name] === undefined) {
      nano.ops.op_load_lazy_file(FILES[name])(nano);
      for (const loaded of ObjectValues(nodeModules)) {
        ObjectFreeze(loaded.exports);
        ObjectFreeze(loaded);
      }
    }
    return nodeModules[name];
  }
  internal.nodeModule = nodeModule;

  // Where the ES modules of `src/runtime/node` get their exports: under a
  // registered symbol, so no global name is taken. It hands out only what
  // `import "node:NAME"` would.
  Object.defineProperty(globalThis, Symbol.for("nano.node"), { value: nodeModule });
})(globalThis.__nano);
