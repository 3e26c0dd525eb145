// A 64 KiB body produced by a ReadableStream in 16 chunks of 4 KiB. pull()
// makes a chunk only when the runtime asks for one, as a real producer would.
const CHUNK_BYTES = 4096;
const CHUNKS = 16;

export default {
  async fetch(request) {
    let sent = 0;
    const body = new ReadableStream({
      pull(controller) {
        if (sent === CHUNKS) {
          controller.close();
          return;
        }
        // A fresh array per chunk: an enqueued chunk belongs to the stream.
        const chunk = new Uint8Array(CHUNK_BYTES);
        chunk.fill(0x61 + (sent % 26)); // 'a', 'b', ...
        sent++;
        controller.enqueue(chunk);
      },
    });
    return new Response(body, {
      headers: { "content-type": "application/octet-stream" },
    });
  },
};
