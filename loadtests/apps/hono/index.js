// A Hono app: a router, a middleware and a JSON route with a path
// parameter. Try: /hono/users/42?fields=name
import { Hono } from "hono";

const app = new Hono();

app.use("*", async (c, next) => {
  await next();
  c.header("x-served-by", "hono");
});

app.get("/", (c) => c.text("Hello from Hono"));

app.get("/hono/users/:id", (c) => {
  const id = Number(c.req.param("id"));
  const fields = (c.req.query("fields") ?? "name").split(",");
  return c.json({ id, fields, name: `user-${id}`, admin: id % 2 === 0, tags: ["a", "b"] });
});

export default app;
