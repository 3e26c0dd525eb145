// KV under load (loadtests/kv.sh): GET /get reads one key; GET /put writes
// one of 10000 keys, each request the next; GET /none answers without KV
// (the cost of the HTTP exchange alone).
let next = 0;

export default {
  async fetch(request, env) {
    const { pathname } = new URL(request.url);
    if (pathname === "/none") return new Response("a value of some thirty bytes..");
    if (pathname === "/put") {
      next = (next + 1) % 10000;
      await env.KV.put(`key-${next}`, "a value of some thirty bytes..");
      return new Response("ok");
    }
    const value = await env.KV.get("hot");
    if (value === null) {
      await env.KV.put("hot", "a value of some thirty bytes..");
      return new Response("seeded");
    }
    return new Response(value);
  },
};
