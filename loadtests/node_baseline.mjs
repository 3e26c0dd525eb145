// Baseline for loadtests/run.sh: the same answer as examples/hello, served
// by Node's own http module on one thread.
import http from "node:http";

const port = Number(process.argv[2] ?? 8081);
http
  .createServer((request, response) => {
    const { pathname } = new URL(request.url, "http://localhost");
    const body = `Hello from NANO! You asked for ${pathname}\n`;
    response.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
    response.end(body);
  })
  .listen(port, "127.0.0.1", () => console.error(`listening on http://127.0.0.1:${port}`));
