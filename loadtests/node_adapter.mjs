// Serves a Workers-style module (`export default { fetch(request, env, ctx) }`)
// with node:http, because Node cannot serve one by itself. Used by
// loadtests/compare.sh and loadtests/run.sh.
//
//   node loadtests/node_adapter.mjs APPFILE PORT
import http from "node:http";
import path from "node:path";
import { Readable } from "node:stream";
import { pathToFileURL } from "node:url";

const [appFile, portArg] = process.argv.slice(2);
if (!appFile || !portArg) {
  console.error("usage: node node_adapter.mjs APPFILE PORT");
  process.exit(2);
}
const port = Number(portArg);
const app = (await import(pathToFileURL(path.resolve(appFile)).href)).default;
const env = {};
const ctx = { waitUntil() {}, passThroughOnException() {} };

function toRequest(req) {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
  }
  const url = `http://${req.headers.host ?? `127.0.0.1:${port}`}${req.url}`;
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(url, {
    method: req.method,
    headers,
    body: hasBody ? Readable.toWeb(req) : undefined,
    duplex: "half",
  });
}

async function writeResponse(response, res) {
  res.statusCode = response.status;
  for (const [name, value] of response.headers) res.appendHeader(name, value);
  if (response.body === null) {
    res.end();
    return;
  }
  // Read up to two chunks first: a body that fits in one chunk (a string,
  // a JSON text) goes out in one write with a Content-Length, the way the
  // other runtimes send a fixed body; anything longer is streamed chunked.
  const reader = response.body.getReader();
  const first = await reader.read();
  if (first.done) {
    res.end();
    return;
  }
  const second = await reader.read();
  if (second.done) {
    res.end(first.value);
    return;
  }
  res.write(first.value);
  let next = second;
  while (!next.done) {
    // Honour back-pressure: wait for the socket to drain (or close).
    if (!res.write(next.value)) {
      await new Promise((resolve) => {
        res.once("drain", resolve);
        res.once("close", resolve);
      });
    }
    if (res.destroyed) {
      await reader.cancel();
      return;
    }
    next = await reader.read();
  }
  res.end();
}

const server = http.createServer(async (req, res) => {
  try {
    const response = await app.fetch(toRequest(req), env, ctx);
    await writeResponse(response, res);
  } catch (error) {
    console.error(error);
    if (!res.headersSent) {
      res.statusCode = 500;
      res.end("internal error\n");
    } else {
      res.destroy();
    }
  }
});
server.listen(port, "127.0.0.1", () => {
  console.error(`listening on http://127.0.0.1:${port}`);
});
