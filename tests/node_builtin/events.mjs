// Run by tests/node_builtin_modules.rs; the .expected file beside it is what Node 20 prints.
import EventEmitter, { once, errorMonitor } from "node:events";
import { EventEmitter as Named } from "node:events";
const e = new EventEmitter();
const seen = [];
const listener = (x) => seen.push(`on:${x}`);
e.on("data", listener);
e.once("data", (x) => seen.push(`once:${x}`));
e.prependListener("data", (x) => seen.push(`first:${x}`));
console.log(e.emit("data", 1), e.emit("data", 2), e.listenerCount("data"));
e.off("data", listener);
console.log(e.emit("data", 3), seen.join(" "), e.eventNames(), e.emit("nothing"));
try { e.emit("error", new TypeError("boom")); } catch (err) { console.log("thrown", err.name, err.message); }
try { e.emit("error", "plain"); } catch (err) { console.log("thrown", err.code, err.message); }
e.on(errorMonitor, (err) => console.log("monitor", err.message));
e.on("error", (err) => console.log("handled", err.message));
console.log(e.emit("error", new Error("caught")));
const added = [];
e.on("newListener", (name) => added.push(name));
e.on("x", () => {});
e.removeAllListeners("x");
console.log(added, e.listenerCount("x"), Named === EventEmitter, EventEmitter.defaultMaxListeners, e.getMaxListeners());
class Sub extends EventEmitter {}
const s = new Sub();
setTimeout(() => s.emit("ready", "a", "b"), 1);
console.log(await once(s, "ready"));
setTimeout(() => s.emit("error", new Error("failed")), 1);
console.log(await once(s, "ready").catch((err) => `rejected: ${err.message}`));
const target = new EventTarget();
setTimeout(() => target.dispatchEvent(new Event("ping")), 1);
console.log((await once(target, "ping"))[0].type);
function Old() { EventEmitter.call(this); }
Object.setPrototypeOf(Old.prototype, EventEmitter.prototype);
const old = new Old();
old.on("x", (v) => console.log("old", v));
old.emit("x", 42);
