// A WebSocket echo app, driven by tests/websocket.rs with a real client.
// Text commands: "throw" makes the listener throw, "loop" never returns
// (the CPU limit ends it), "close CODE REASON" closes from the app.
function echo(request) {
  if (request.headers.get("Upgrade") !== "websocket") {
    return new Response("expected a WebSocket upgrade\n", { status: 426 });
  }
  return accepted();
}

function accepted() {
  const [client, server] = Object.values(new WebSocketPair());
  server.accept();
  server.addEventListener("message", (event) => {
    const data = event.data;
    if (typeof data !== "string") {
      server.send(data);
      return;
    }
    if (data === "throw") throw new Error("message handler failed on purpose");
    if (data === "loop") for (;;);
    if (data.startsWith("close ")) {
      const [, code, ...reason] = data.split(" ");
      server.close(Number(code), reason.join(" "));
      return;
    }
    server.send(data);
  });
  server.addEventListener("close", (event) => {
    console.log(`socket closed: ${event.code} "${event.reason}" clean=${event.wasClean}`);
  });
  return new Response(null, { status: 101, webSocket: client });
}

// What the API gives, with its errors.
function checks() {
  const results = {};
  const attempt = (name, run) => {
    try {
      results[name] = run();
    } catch (error) {
      results[name] = `${error.name}: ${error.message}`;
    }
  };
  const pair = new WebSocketPair();
  const [client, server] = Object.values(pair);
  results.keys = Object.keys(pair);
  results.iterable = [...pair].length;
  results.readyState = server.readyState;
  results.binaryType = server.binaryType;
  results.constants = [WebSocket.CONNECTING, WebSocket.OPEN, WebSocket.CLOSING, WebSocket.CLOSED];
  attempt("sendBeforeAccept", () => server.send("too soon"));
  attempt("status101WithoutSocket", () => new Response(null, { status: 101 }));
  attempt("socketWithStatus200", () => new Response(null, { status: 200, webSocket: client }));
  attempt("notASocket", () => new Response(null, { status: 101, webSocket: {} }));
  attempt("newWebSocket", () => new WebSocket("ws://example.com/"));
  server.accept();
  attempt("badCloseCode", () => server.close(1005));
  attempt("reasonWithoutCode", () => server.close(undefined, "why"));
  const response = new Response(null, { status: 101, webSocket: client });
  results.responseStatus = response.status;
  results.responseHasSocket = response.webSocket === client;
  results.event = new CloseEvent("close", { code: 1000, reason: "r", wasClean: true }).code;
  results.message = new MessageEvent("message", { data: "d" }).data;
  return Response.json(results);
}

// Opens a WebSocket to `to` with fetch, sends one message, and answers with
// the status and the reply.
async function outbound(url) {
  const to = url.searchParams.get("to");
  const response = await fetch(to, { headers: { Upgrade: "websocket" } });
  const socket = response.webSocket;
  if (socket === null) return new Response(`no webSocket: status ${response.status}\n`, { status: 502 });
  socket.accept();
  const reply = new Promise((resolve) => {
    socket.addEventListener("message", (event) => resolve(event.data));
  });
  socket.send("through fetch");
  const data = await reply;
  const closed = new Promise((resolve) => {
    socket.addEventListener("close", (event) => resolve(event.code));
  });
  socket.close(1000, "done");
  const code = await closed;
  return new Response(`${response.status} ${data} ${code}`);
}

export default {
  async fetch(request) {
    const url = new URL(request.url);
    switch (url.pathname) {
      case "/echo":
        return echo(request);
      case "/unchecked":
        // Answers 101 whatever the request asked for.
        return accepted();
      case "/checks":
        return checks();
      case "/accepted-end": {
        // The end the app accepted cannot go to the client.
        const [client] = Object.values(new WebSocketPair());
        client.accept();
        return new Response(null, { status: 101, webSocket: client });
      }
      case "/outbound":
        return outbound(url);
      case "/proxy":
        // The upstream's socket, returned as it is.
        return fetch(url.searchParams.get("to"), { headers: { Upgrade: "websocket" } });
      default:
        return new Response("ok\n");
    }
  },
};
