// Run by tests/node_builtin_modules.rs; the .expected file beside it is what Node 20 prints.
// Bytes and strings (lone surrogates and non-ASCII text in hex and base64
// included) from a fixed pseudo-random sequence, through every encoding.
import { Buffer } from "node:buffer";

let seed = 777;
const rand = (n) => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return (seed >>> 8) % n;
};
const alphabet = "aZ09+/-_= \n%é€\ud83d\ude00\ud800.xX";
const encodings = ["utf8", "hex", "base64", "base64url", "latin1", "ascii", "utf16le"];
for (let i = 0; i < 250; i++) {
  const bytes = Buffer.alloc(rand(12));
  for (let j = 0; j < bytes.length; j++) bytes[j] = rand(256);
  let text = "";
  for (let j = rand(12); j > 0; j--) text += alphabet[rand(alphabet.length)];
  const encoding = encodings[rand(encodings.length)];
  const encoded = bytes.toString(encoding);
  console.log(encoding, bytes.toString("hex"), JSON.stringify(encoded), Buffer.from(encoded, encoding).toString("hex"),
    Buffer.from(text, encoding).toString("hex"), Buffer.byteLength(text, encoding));
  const target = Buffer.alloc(6, "_");
  const written = target.write(text, rand(3), rand(5), encoding);
  const needle = text.slice(0, 2).toWellFormed();
  console.log(written, target.toString("hex"), target.indexOf(needle, 0, encoding), target.lastIndexOf(bytes.subarray(0, 1)));
}
