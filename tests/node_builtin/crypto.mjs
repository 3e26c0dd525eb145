// Run by tests/node_builtin_modules.rs; the .expected file beside it is what Node 20 prints.
import crypto, { createHash, createHmac, randomUUID, randomBytes, timingSafeEqual, webcrypto } from "node:crypto";
for (const alg of ["md5", "sha1", "sha256", "sha384", "sha512"]) {
  console.log(alg, createHash(alg).update("The quick brown fox ").update(Buffer.from("jumps over the lazy dog")).digest("hex"));
}
console.log(createHash("sha256").update("").digest("base64"), createHash("SHA256").update("abc").digest().length);
console.log(createHmac("sha256", "key").update("The quick brown fox jumps over the lazy dog").digest("hex"));
console.log(createHmac("md5", Buffer.from("key")).update("The quick brown fox jumps over the lazy dog").digest("hex"));
console.log(createHmac("sha512", "k".repeat(200)).update("data").digest("base64url"));
const h = createHash("sha1").update("ab");
const copy = h.copy();
console.log(h.digest("hex") === copy.update("").digest("hex"));
try { h.digest(); } catch (e) { console.log(e.code, e.message); }
try { createHash("whirlpool"); } catch (e) { console.log("unsupported", e instanceof Error); }
console.log(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(randomUUID()));
const r = randomBytes(16);
console.log(Buffer.isBuffer(r), r.length, randomBytes(16).equals(r));
console.log(timingSafeEqual(Buffer.from("abc"), Buffer.from("abc")), timingSafeEqual(Buffer.from("abc"), Buffer.from("abd")));
try { timingSafeEqual(Buffer.from("a"), Buffer.from("ab")); } catch (e) { console.log(e.name, e.code, e.message); }
console.log(webcrypto === globalThis.crypto, crypto.subtle === globalThis.crypto.subtle);
const digest = await webcrypto.subtle.digest("SHA-256", new TextEncoder().encode("abc"));
console.log(Buffer.from(digest).toString("hex"));
