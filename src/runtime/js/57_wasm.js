// WebAssembly.compileStreaming / instantiateStreaming (WebAssembly Web API):
// the source is a Response, or a promise of one, served as
// `application/wasm`. The bytes are read whole, then compiled off-thread by
// V8's asynchronous compile; the event loop pumps the task that finishes it.
// V8 adds `WebAssembly` to each context restored from the snapshot, so the
// two functions are added to it when a context starts.
((nano) => {
  "use strict";
  const { internal } = nano;
  const { util } = internal;
  const { isResponse } = internal.fetch;
  const PromiseCtor = Promise;

  let wasm, compile, instantiate;

  async function sourceBytes(source, where) {
    const response = await source;
    if (!isResponse(response)) {
      throw new TypeError(`${where}: the source must be a Response or a promise of one`);
    }
    const type = response.headers.get("content-type");
    if (type === null || type.replace(/^[\t ]+|[\t ]+$/g, "").toLowerCase() !== "application/wasm") {
      throw new TypeError(
        `${where}: the response's Content-Type must be 'application/wasm' (got ${type === null ? "none" : `'${type}'`})`,
      );
    }
    if (!response.ok) {
      throw new TypeError(`${where}: the response's status ${response.status} is not an ok status`);
    }
    return response.arrayBuffer();
  }

  function compileStreaming(source) {
    if (arguments.length < 1) {
      return PromiseCtor.reject(new TypeError("WebAssembly.compileStreaming: 1 argument required"));
    }
    return sourceBytes(source, "WebAssembly.compileStreaming").then((bytes) => Reflect.apply(compile, wasm, [bytes]));
  }

  function instantiateStreaming(source, importObject = undefined) {
    if (arguments.length < 1) {
      return PromiseCtor.reject(new TypeError("WebAssembly.instantiateStreaming: 1 argument required"));
    }
    if (importObject !== undefined && !util.isObject(importObject)) {
      return PromiseCtor.reject(new TypeError("WebAssembly.instantiateStreaming: imports must be an object"));
    }
    return sourceBytes(source, "WebAssembly.instantiateStreaming").then((bytes) =>
      Reflect.apply(instantiate, wasm, [bytes, importObject]),
    );
  }

  internal.onStart.push(() => {
    wasm = globalThis.WebAssembly;
    if (typeof wasm !== "object" || wasm === null) return;
    compile = wasm.compile;
    instantiate = wasm.instantiate;
    const template = Object.getOwnPropertyDescriptor(wasm, "compile");
    for (const fn of [compileStreaming, instantiateStreaming]) {
      Object.defineProperty(wasm, fn.name, {
        value: fn,
        writable: template.writable,
        enumerable: template.enumerable,
        configurable: template.configurable,
      });
    }
  });
})(globalThis.__nano);
