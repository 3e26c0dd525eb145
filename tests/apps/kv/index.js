// Drives the KV namespaces in `env` for tests/kv.rs: POST / with one call
// as JSON, { binding, method, key, value, options }, answers
// { ok: true, result } or { ok: false, name, message }. Bytes travel as
// arrays of numbers; ArrayBuffers and streams say what they were.

function putValue(value) {
  if (value === undefined || value === null) return value;
  if ("text" in value) return value.text;
  if ("repeat" in value) return "x".repeat(value.repeat);
  const bytes = Uint8Array.from(value.bytes ?? []);
  switch (value.as) {
    case "ArrayBuffer":
      return bytes.buffer;
    case "DataView":
      return new DataView(bytes.buffer);
    case "ReadableStream": {
      const half = bytes.length >> 1;
      return new ReadableStream({
        start(controller) {
          controller.enqueue(bytes.slice(0, half));
          controller.enqueue(bytes.slice(half));
          controller.close();
        },
      });
    }
    case "number":
      return 42;
    default:
      return bytes;
  }
}

async function encode(result) {
  if (result === undefined) return { undefined: true };
  if (result instanceof Map) {
    return { map: await Promise.all([...result].map(async ([key, value]) => [key, await encode(value)])) };
  }
  if (result instanceof ArrayBuffer) return { arrayBuffer: Array.from(new Uint8Array(result)) };
  if (result instanceof ReadableStream) {
    return { stream: Array.from(new Uint8Array(await new Response(result).arrayBuffer())) };
  }
  if (result !== null && typeof result === "object" && !Array.isArray(result)) {
    const out = {};
    for (const [name, value] of Object.entries(result)) out[name] = await encode(value);
    return out;
  }
  if (Array.isArray(result)) return Promise.all(result.map(encode));
  return result;
}

export default {
  async fetch(request, env) {
    if (request.method !== "POST") {
      return Response.json({ bindings: Object.keys(env).sort(), tag: String(env.KV) });
    }
    const call = await request.json();
    const kv = env[call.binding ?? "KV"];
    try {
      let result;
      switch (call.method) {
        case "get":
        case "getWithMetadata":
          result = "options" in call ? await kv[call.method](call.key, call.options) : await kv[call.method](call.key);
          break;
        case "put":
          result = await kv.put(call.key, putValue(call.value), call.options);
          break;
        case "delete":
          result = await kv.delete(call.key);
          break;
        case "list":
          result = await kv.list(call.options);
          break;
        default:
          throw new Error(`unknown method ${call.method}`);
      }
      return Response.json({ ok: true, result: await encode(result) });
    } catch (error) {
      return Response.json({ ok: false, name: error?.name, message: error?.message ?? String(error) });
    }
  },
};
