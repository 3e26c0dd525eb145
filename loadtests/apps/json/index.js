// URL parsing plus building and serialising a 20-field object.
// Try: /json?id=42&name=abc
export default {
  async fetch(request) {
    const url = new URL(request.url);
    const id = Number(url.searchParams.get("id") ?? 0);
    const name = url.searchParams.get("name") ?? "anonymous";
    const obj = {
      id,
      name,
      upper: name.toUpperCase(),
      length: name.length,
      even: id % 2 === 0,
      double: id * 2,
      square: id * id,
      hex: id.toString(16),
      ratio: id / 8,
      path: url.pathname,
      query: url.search,
      active: true,
      deleted: false,
      version: 3,
      created: "2024-01-01T00:00:00Z",
      tags: [name, "alpha", "beta"],
      scores: [id, id + 1, id + 2, id + 3],
      items: [
        { key: 1, label: `${name}-1` },
        { key: 2, label: `${name}-2` },
      ],
      owner: { id: id + 1000, name: name.split("").reverse().join("") },
      note: null,
    };
    return new Response(JSON.stringify(obj), {
      headers: { "content-type": "application/json" },
    });
  },
};
