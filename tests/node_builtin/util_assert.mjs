// Run by tests/node_builtin_modules.rs; the .expected file beside it is what Node 20 prints.
import util, { inspect, format, promisify, callbackify, types, inherits, isDeepStrictEqual, TextEncoder as TE } from "node:util";
import assert, { ok, equal, strictEqual, deepStrictEqual, notStrictEqual, throws, rejects, AssertionError } from "node:assert";
console.log(inspect({ a: 1, b: "two", c: [1, 2, { d: new Map([[1, 2]]) }] }), inspect("str"), inspect(new Set([1])), inspect({ deep: { er: { est: { x: 1 } } } }, { depth: 0 }));
console.log(format("%s is %d years and %i, %j %o %%", "Bob", 42.5, 42.5, { a: 1 }, [1]), format("a", "b", 3));
const wait = (ms, value, cb) => setTimeout(() => cb(value === "bad" ? new Error("bad value") : null, value), ms);
const waitAsync = promisify(wait);
console.log(await waitAsync(1, "good"), await waitAsync(1, "bad").catch((e) => e.message));
const custom = () => {};
custom[promisify.custom] = () => Promise.resolve("custom");
console.log(await promisify(custom)(), promisify.custom === Symbol.for("nodejs.util.promisify.custom"));
await new Promise((done) => callbackify(async (x) => x * 2)(21, (err, v) => { console.log("callbackify", err, v); done(); }));
console.log(types.isPromise(Promise.resolve()), types.isPromise({ then() {} }), types.isDate(new Date()), types.isRegExp(/x/), types.isMap(new Map()), types.isSet(new Map()),
  types.isUint8Array(Buffer.alloc(1)), types.isTypedArray(new Float32Array(1)), types.isArrayBuffer(new ArrayBuffer(1)), types.isAsyncFunction(async () => {}),
  types.isGeneratorFunction(function* () {}), types.isBoxedPrimitive(Object(1)), types.isNativeError(new TypeError()), types.isProxy(new Proxy({}, {})));
function A() {}
function B() {}
inherits(A, B);
console.log(new A() instanceof B, A.super_ === B, TE === TextEncoder, util.inspect === inspect);
console.log(isDeepStrictEqual({ a: [1, { b: new Set([2]) }] }, { a: [1, { b: new Set([2]) }] }), isDeepStrictEqual([1], ["1"]), isDeepStrictEqual(NaN, NaN), isDeepStrictEqual(0, -0));
function report(run) {
  try { run(); console.log("passed"); } catch (e) { console.log(e instanceof AssertionError, e.name, e.code, e.operator, JSON.stringify(e.actual), JSON.stringify(e.expected), e.generatedMessage); }
}
report(() => assert(true));
report(() => assert(0));
report(() => ok(""));
report(() => equal(1, "1"));
report(() => equal(1, 2));
report(() => strictEqual(1, "1"));
report(() => notStrictEqual(1, 1));
report(() => deepStrictEqual({ a: [1, 2] }, { a: [1, 2] }));
report(() => deepStrictEqual({ a: [1, 2] }, { a: [1, "2"] }));
report(() => assert.deepEqual({ a: [1, 2] }, { a: [1, "2"] }));
report(() => deepStrictEqual(new Map([[1, { x: 1 }]]), new Map([[1, { x: 2 }]])));
report(() => throws(() => { throw new TypeError("bad thing"); }, TypeError));
report(() => throws(() => { throw new TypeError("bad thing"); }, /bad/));
report(() => throws(() => { throw new TypeError("bad thing"); }, { name: "TypeError", message: "bad thing" }));
report(() => throws(() => { throw new Error("x"); }, RangeError));
report(() => strictEqual(1, 2, "custom message"));
try { strictEqual(1, 2, "custom message"); } catch (e) { console.log(e.message.split("\n")[0]); }
try { throws(() => {}, TypeError); } catch (e) { console.log(e.message); }
try { strictEqual(1, 2, new RangeError("mine")); } catch (e) { console.log(e.name, e.message); }
await rejects(Promise.reject(new Error("no")), /no/);
console.log(await rejects(Promise.resolve(1)).catch((e) => `${e.name}: ${e.message}`));
console.log(await rejects(async () => { throw new TypeError("t"); }, TypeError));
console.log(assert.strict.equal === strictEqual, typeof assert.strict, assert.ok === ok);
