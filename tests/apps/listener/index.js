// The service-worker form: a fetch listener that calls respondWith.
addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (url.pathname === "/later") {
    event.waitUntil(scheduler.wait(200).then(() => console.log("listener waitUntil done")));
  }
  event.respondWith(handle(event.request, url));
});

async function handle(request, url) {
  const body = request.method === "POST" ? await request.text() : "";
  return new Response(`listener ${request.method} ${url.pathname} ${body}\n`, {
    headers: { "x-form": "listener" },
  });
}
