// Run by tests/node_builtin_modules.rs; the .expected file beside it is what Node 20 prints.
import { AsyncLocalStorage, AsyncResource } from "node:async_hooks";
const als = new AsyncLocalStorage();
const other = new AsyncLocalStorage();
const log = (where) => console.log(where, JSON.stringify(als.getStore()), JSON.stringify(other.getStore()));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
log("start");
const done = [];
const resource = als.run("resource", () => new AsyncResource("test"));
for (const id of [1, 2]) {
  done.push(als.run({ id }, async () => {
    log(`run ${id}`);
    await null;
    log(`after await ${id}`);
    await sleep(id * 40);
    log(`after sleep ${id}`);
    await other.run("inner", async () => {
      await sleep(1);
      log(`nested ${id}`);
    });
    log(`after nested ${id}`);
    await new Promise((resolve) => setTimeout(() => { log(`timer ${id}`); resolve(); }, 1));
    await new Promise((resolve) => queueMicrotask(() => { log(`microtask ${id}`); resolve(); }));
    await Promise.resolve().then(() => log(`then ${id}`));
    als.exit(() => log(`exit ${id}`));
  }));
}
log("between");
await Promise.all(done);
log("end");
resource.runInAsyncScope(() => log("resource"));
als.enterWith("entered");
await sleep(1);
log("entered");
console.log(als.run(7, (a, b) => a + b + als.getStore(), 1, 2));
