// A Hono app in TypeScript, run as it is: `npm install`, then
// `nano serve examples/hono-ts` (or `nano dev examples/hono-ts`).
import { Hono } from "hono";
import { todos, type Todo } from "./todos.ts";

type Bindings = { GREETING?: string };

const app = new Hono<{ Bindings: Bindings }>();

app.get("/", (c) => c.text(`${c.env.GREETING ?? "Hello"} from Hono on NANO\n`));

app.get("/todos", (c) => c.json(todos.list()));

app.get("/todos/:id", (c) => {
  const todo: Todo | undefined = todos.get(Number(c.req.param("id")));
  return todo ? c.json(todo) : c.json({ error: "no such todo" }, 404);
});

app.post("/todos", async (c) => {
  const body = await c.req.json<Partial<Todo>>().catch(() => ({}) as Partial<Todo>);
  if (typeof body.title !== "string" || body.title.length === 0) {
    return c.json({ error: "title must be a non-empty string" }, 400);
  }
  return c.json(todos.add(body.title), 201);
});

export default app;
