// Bun serves a module's default export by itself (`bun run app.js`), but
// always on every interface and with no flag for the address. This entry
// re-exports the app unchanged plus a loopback hostname, and production mode
// (Bun's development mode adds error pages and checks). The port comes from
// `bun --port=N`.
//
//   bun --port=PORT run loadtests/bun_entry.js APPFILE
import path from "node:path";

const app = (await import(path.resolve(process.argv[2]))).default;

export default { ...app, hostname: "127.0.0.1", development: false };
