// Request context through AsyncLocalStorage, as Hono keeps it: each
// request sees its own store across a timer and an await, and none leaks
// into the next request.
import { AsyncLocalStorage } from "node:async_hooks";
import { Buffer } from "node:buffer";

const requestId = new AsyncLocalStorage();

export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === "/enter") {
      requestId.enterWith("entered");
      return new Response(`entered ${requestId.getStore()}`);
    }
    if (url.pathname === "/store") {
      return new Response(`store ${requestId.getStore()}`);
    }
    const id = url.searchParams.get("id");
    const delay = Number(url.searchParams.get("delay"));
    return requestId.run(id, async () => {
      await new Promise((resolve) => setTimeout(resolve, delay));
      const afterTimer = requestId.getStore();
      await request.text();
      return new Response(`${afterTimer} ${requestId.getStore()} ${Buffer.from(id).toString("hex")}`);
    });
  },
};
