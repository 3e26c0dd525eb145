// WinterTC globals inside a served app: asynchronous WebAssembly compiles
// finish while the server drives the event loop; compression, clone and
// navigator work per request.
const ADD = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 7, 1, 96, 2, 127, 127, 1, 127, 3, 2, 1, 0, 7, 7, 1, 3, 97, 100, 100, 0, 0, 10, 9, 1,
  7, 0, 32, 0, 32, 1, 106, 11,
]);

export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === "/wasm") {
      const { instance } = await WebAssembly.instantiate(ADD);
      const streamed = await WebAssembly.instantiateStreaming(
        new Response(ADD, { headers: { "content-type": "application/wasm" } }),
      );
      return new Response(`${instance.exports.add(40, 2)} ${streamed.instance.exports.add(1, 2)}`);
    }
    if (url.pathname === "/gzip") {
      const body = new Response("hello ".repeat(100)).body.pipeThrough(new CompressionStream("gzip"));
      return new Response(body, { headers: { "content-encoding": "identity", "content-type": "application/gzip" } });
    }
    if (url.pathname === "/gunzip") {
      const text = await new Response(request.body.pipeThrough(new DecompressionStream("gzip"))).text();
      return new Response(`${text.length}:${text.slice(0, 5)}`);
    }
    const clone = structuredClone({ when: new Date(0), tags: new Set(["a"]) });
    return new Response(`${navigator.userAgent} ${clone.when.getTime()} ${clone.tags.has("a")} ${typeof performance.now()}`);
  },
};
