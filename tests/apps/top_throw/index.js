// Throws while the module is evaluated.
const ready = false;
if (!ready) throw new Error("config missing: DATABASE_URL");
export default { fetch() { return new Response("never"); } };
