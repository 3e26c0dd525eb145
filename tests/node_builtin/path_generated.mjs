// Run by tests/node_builtin_modules.rs; the .expected file beside it is what Node 20 prints.
// Paths made from a fixed pseudo-random sequence of awkward segments.
import path from "node:path";

let seed = 12345;
const rand = (n) => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return (seed >>> 8) % n;
};
const parts = ["a", "..", ".", "", "b.js", ".x", "c.", "...", "d.tar.gz", "/"];
const generate = () => {
  const segments = [];
  for (let i = rand(5); i > 0; i--) segments.push(parts[rand(parts.length)]);
  return (rand(2) ? "/" : "") + segments.join("/") + (rand(3) === 0 ? "/" : "");
};
for (let i = 0; i < 300; i++) {
  const p = generate();
  const q = generate();
  const suffix = [".js", "js", "a", "b.js", ".gz", ""][rand(6)];
  console.log([
    p, q, path.join(p, q), path.normalize(p), path.resolve("/r", p, q), path.relative(`/r/${p}`, `/r/${q}`),
    path.dirname(p), path.basename(p), suffix, path.basename(p, suffix), path.extname(p),
    JSON.stringify(path.parse(p)), path.format(path.parse(p)), path.isAbsolute(p),
  ].join(" | "));
}
