// What the `node:` modules share: Node's errors, which carry a `code`.
((nano) => {
  "use strict";
  const { internal } = nano;

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

  internal.node = { nodeError, invalidArgType, outOfRange };
})(globalThis.__nano);
