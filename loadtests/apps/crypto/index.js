// SHA-256 of 1 KiB through WebCrypto. The input is derived from the URL so
// the runtime cannot cache the answer, yet every runtime hashes the same bytes.
export default {
  async fetch(request) {
    const url = new URL(request.url);
    const seed = url.pathname + url.search;
    const buf = new Uint8Array(1024);
    for (let i = 0; i < buf.length; i++) {
      buf[i] = (seed.charCodeAt(i % seed.length) + i) & 0xff;
    }
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", buf));
    let hex = "";
    for (const byte of digest) hex += byte.toString(16).padStart(2, "0");
    return new Response(hex + "\n");
  },
};
