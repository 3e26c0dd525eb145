// The shop of examples/multi: reached as shop.localhost or localhost/shop/
// on the shared port. Its env comes from `vars` in nano.toml.
const items = [
  { id: 1, name: "teapot", price: 24 },
  { id: 2, name: "mug", price: 9 },
];

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname.endsWith("/items")) {
      return Response.json({ currency: env.CURRENCY, items });
    }
    return new Response(`${env.GREETING}! ${items.length} items, prices in ${env.CURRENCY}.\n`, {
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  },
};
