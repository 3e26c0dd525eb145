// The Fetch standard's data: URL processor, which `fetch` uses for a
// `data:` URL: the MIME type before the comma, the percent-decoded body
// after it, base64-decoded when the MIME type ends in ";base64".
((nano) => {
  "use strict";
  const { internal } = nano;
  const { encoding, mime } = internal;
  const forgivingBase64Decode = globalThis.atob;

  const ASCII_WS_AROUND = /^[\t\n\f\r ]+|[\t\n\f\r ]+$/g;
  const BASE64_SUFFIX = /; *base64$/i;
  const DEFAULT_MIME_TYPE = "text/plain;charset=US-ASCII";

  function hexValue(c) {
    if (c >= 0x30 && c <= 0x39) return c - 0x30;
    if (c >= 0x41 && c <= 0x46) return c - 0x37;
    if (c >= 0x61 && c <= 0x66) return c - 0x57;
    return -1;
  }

  // URL standard "percent-decode" of a string: its UTF-8 bytes, with each
  // %XX (two hex digits) as the byte it names.
  function percentDecode(input) {
    const bytes = encoding.encodeUtf8(input);
    const out = new Uint8Array(bytes.length);
    let n = 0;
    for (let i = 0; i < bytes.length; i++) {
      const hi = bytes[i] === 0x25 && i + 2 < bytes.length ? hexValue(bytes[i + 1]) : -1;
      const lo = hi === -1 ? -1 : hexValue(bytes[i + 2]);
      if (lo === -1) {
        out[n++] = bytes[i];
      } else {
        out[n++] = (hi << 4) | lo;
        i += 2;
      }
    }
    return out.subarray(0, n);
  }

  // Isomorphic decode: each byte as the code point of the same value.
  function isomorphicDecode(bytes) {
    let s = "";
    for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
    return s;
  }

  // `href` is a serialized URL whose scheme is "data". Returns
  // { mimeType: serialized MIME type, body: Uint8Array }, or null (failure).
  function processDataUrl(href) {
    const hash = href.indexOf("#");
    const input = (hash === -1 ? href : href.slice(0, hash)).slice("data:".length);
    const comma = input.indexOf(",");
    if (comma === -1) return null;
    let mimeType = input.slice(0, comma).replace(ASCII_WS_AROUND, "");
    let body = percentDecode(input.slice(comma + 1));
    const base64 = BASE64_SUFFIX.exec(mimeType);
    if (base64 !== null) {
      let decoded;
      try {
        decoded = forgivingBase64Decode(isomorphicDecode(body));
      } catch {
        return null;
      }
      body = new Uint8Array(decoded.length);
      for (let i = 0; i < decoded.length; i++) body[i] = decoded.charCodeAt(i);
      mimeType = mimeType.slice(0, base64.index);
    }
    if (mimeType.startsWith(";")) mimeType = `text/plain${mimeType}`;
    const record = mime.parse(mimeType);
    return { mimeType: record === null ? DEFAULT_MIME_TYPE : mime.serialize(record), body };
  }

  internal.dataUrl = { processDataUrl };
})(globalThis.__nano);
