// WebAssembly in NANO: V8's compile/instantiate (asynchronous compilation
// finishes through the event loop) and the Web API's streaming functions.

// (module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))
const ADD = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 7, 1, 96, 2, 127, 127, 1, 127, 3, 2, 1, 0, 7, 7, 1, 3, 97, 100, 100, 0, 0, 10, 9, 1,
  7, 0, 32, 0, 32, 1, 106, 11,
]);
// (module (import "env" "f" (func (param i32))) (func (export "run") i32.const 42 call 0))
const IMPORTS = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 8, 2, 96, 1, 127, 0, 96, 0, 0, 2, 9, 1, 3, 101, 110, 118, 1, 102, 0, 0, 3, 2, 1, 1,
  7, 7, 1, 3, 114, 117, 110, 0, 1, 10, 8, 1, 6, 0, 65, 42, 16, 0, 11,
]);

function wasmResponse(bytes, type = "application/wasm", init = {}) {
  return new Response(bytes, { ...init, headers: type === null ? {} : { "content-type": type } });
}

test("WebAssembly: validate, synchronous Module and Instance", () => {
  assert(WebAssembly.validate(ADD));
  assert(!WebAssembly.validate(new Uint8Array([0, 97, 115, 109, 2])));
  const instance = new WebAssembly.Instance(new WebAssembly.Module(ADD));
  assertEquals(instance.exports.add(2, 3), 5);
});

test("WebAssembly: asynchronous compile and instantiate resolve", async () => {
  const module = await WebAssembly.compile(ADD);
  assert(module instanceof WebAssembly.Module);
  const { instance } = await WebAssembly.instantiate(ADD);
  assertEquals(instance.exports.add(40, 2), 42);
  const again = await WebAssembly.instantiate(module);
  assert(again instanceof WebAssembly.Instance);
  let seen;
  const withImports = await WebAssembly.instantiate(IMPORTS, { env: { f: (v) => (seen = v) } });
  withImports.instance.exports.run();
  assertEquals(seen, 42);
  await assertRejects(WebAssembly.compile(new Uint8Array([1, 2, 3])), WebAssembly.CompileError);
});

test("WebAssembly.compileStreaming / instantiateStreaming", async () => {
  const module = await WebAssembly.compileStreaming(wasmResponse(ADD));
  assertEquals(WebAssembly.Module.exports(module)[0].name, "add");
  const viaPromise = await WebAssembly.instantiateStreaming(Promise.resolve(wasmResponse(ADD)));
  assertEquals(viaPromise.instance.exports.add(1, 1), 2);
  assert(viaPromise.module instanceof WebAssembly.Module);
  let seen;
  const r = await WebAssembly.instantiateStreaming(wasmResponse(IMPORTS, " Application/WASM\t"), {
    env: { f: (v) => (seen = v) },
  });
  r.instance.exports.run();
  assertEquals(seen, 42);
  assertEquals(typeof WebAssembly.compileStreaming, "function");
  assertEquals(WebAssembly.compileStreaming.length, 1);
});

test("WebAssembly streaming: errors", async () => {
  await assertRejects(WebAssembly.compileStreaming(wasmResponse(ADD, null)), TypeError, "application/wasm");
  await assertRejects(WebAssembly.compileStreaming(wasmResponse(ADD, "application/octet-stream")), TypeError);
  await assertRejects(WebAssembly.instantiateStreaming(wasmResponse(ADD, "application/wasm; x=y")), TypeError);
  await assertRejects(WebAssembly.compileStreaming(wasmResponse(ADD, "application/wasm", { status: 404 })), TypeError);
  await assertRejects(WebAssembly.compileStreaming(ADD), TypeError);
  await assertRejects(WebAssembly.compileStreaming(Promise.reject(new RangeError("r"))), RangeError);
  await assertRejects(WebAssembly.compileStreaming(), TypeError);
  await assertRejects(WebAssembly.compileStreaming(wasmResponse(new Uint8Array([1, 2]))), WebAssembly.CompileError);
  const used = wasmResponse(ADD);
  await used.arrayBuffer();
  await assertRejects(WebAssembly.compileStreaming(used), TypeError);
  await assertRejects(WebAssembly.instantiateStreaming(wasmResponse(IMPORTS), {}), TypeError);
});
