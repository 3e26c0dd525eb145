// Run by tests/node_builtin_modules.rs; the .expected file beside it is what Node 20 prints.
import { Buffer } from "node:buffer";
const text = "héllo, wörld €𝄞";
for (const enc of ["utf8", "utf-8", "hex", "base64", "base64url", "latin1", "binary", "ascii", "utf16le"]) {
  const encoded = Buffer.from(text).toString(enc);
  const shown = ["hex", "base64", "base64url"].includes(enc) ? encoded : Buffer.from(encoded, enc).toString("hex");
  console.log(enc, shown, Buffer.from(encoded, enc).toString(enc) === encoded, Buffer.byteLength(encoded, enc));
}
console.log(Buffer.from("aGk=", "base64").toString(), Buffer.from("aGk", "base64url").toString(), Buffer.from("6869zz", "hex"));
console.log(Buffer.from([1, 256, -1, 3.7]), Buffer.from(new Uint16Array([1, 513])), Buffer.from({ type: "Buffer", data: [7, 8] }));
const ab = new ArrayBuffer(8);
const view = Buffer.from(ab, 2, 4);
view[0] = 9;
console.log(new Uint8Array(ab)[2], view.length, Buffer.isBuffer(view), view instanceof Uint8Array, Buffer.isBuffer(new Uint8Array(1)));
const b = Buffer.from("abcdef");
const sub = b.subarray(1, 3);
const sliced = b.slice(2, 4);
sub[0] = 0x42;
sliced[1] = 0x44;
console.log(b.toString(), Buffer.isBuffer(sub), b.toString("utf8", 1, 4), b.toString(undefined, -2, 100));
console.log(Buffer.concat([Buffer.from("ab"), new Uint8Array([99])]), Buffer.concat([Buffer.from("abc")], 5), Buffer.concat([]).length);
console.log(Buffer.alloc(4, "ab"), Buffer.alloc(3, 1), Buffer.allocUnsafe(2).length, Buffer.isEncoding("UTF8"), Buffer.isEncoding("nope"));
console.log(Buffer.compare(Buffer.from("a"), Buffer.from("b")), Buffer.from("b").compare(Buffer.from("a")), Buffer.from("x").equals(Buffer.from("x")));
const hay = Buffer.from("this is a buffer, a buffer");
console.log(hay.indexOf("buffer"), hay.lastIndexOf("buffer"), hay.indexOf(0x61), hay.indexOf(Buffer.from("a b")), hay.includes("zz"), hay.indexOf("is", 3));
console.log(Buffer.alloc(6).fill("xy", 1), Buffer.alloc(4).fill(0x101));
const target = Buffer.alloc(6, ".");
console.log(Buffer.from("1234").copy(target, 2, 1), target.toString());
console.log(JSON.stringify(Buffer.from("hi")));
const w = Buffer.alloc(8);
console.log(w.write("héllo", 1), w, w.write("ff00", 6, "hex"), w.write("€", 7), w);
const n = Buffer.alloc(32);
n.writeUInt8(255, 0); n.writeInt8(-2, 1); n.writeUInt16LE(0x1234, 2); n.writeUInt16BE(0x1234, 4);
n.writeInt32LE(-123456, 6); n.writeUInt32BE(0xdeadbeef, 10); n.writeFloatLE(1.5, 14); n.writeDoubleBE(-0.1, 18);
n.writeBigInt64LE(-5n, 24);
console.log(n.toString("hex"));
console.log(n.readUInt8(0), n.readInt8(1), n.readUInt16LE(2), n.readUInt16BE(4), n.readInt32LE(6), n.readUInt32BE(10).toString(16),
  n.readFloatLE(14), n.readDoubleBE(18), n.readBigInt64LE(24), n.readBigUInt64LE(24), n.readUIntBE(10, 3), n.readIntLE(6, 3));
try { n.readUInt32LE(30); } catch (e) { console.log(e.name, e.code, e.message); }
try { n.writeUInt8(256, 0); } catch (e) { console.log(e.name, e.code, e.message); }
try { Buffer.from("x", "nope"); } catch (e) { console.log(e.name, e.code, e.message); }
console.log(typeof globalThis.Buffer, globalThis.Buffer === Buffer);
const original = Buffer.from("xyz");
const copied = Buffer.from(original);
copied[0] = 65;
console.log(original.toString(), copied.toString(), Buffer.from("a\ud800b"), Buffer.from("a\ud800b", "utf16le"), Buffer.from([0, 0xd8]).toString("utf16le").length);
console.log(Buffer.from("abcdef").subarray(-2).toString(), Buffer.from("abc").map((x) => x + 1) instanceof Buffer, Buffer.from("€").toString("utf8", 0, 2));
console.log(Buffer.alloc(52), { nested: Buffer.from("hi") }, Buffer.prototype.readUint8.name, new Buffer(2), Buffer(1));
