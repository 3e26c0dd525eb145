// A small JSON API with URLPattern routes: `nano serve examples/json-api`.
//
//   curl http://127.0.0.1:8080/notes
//   curl -X POST http://127.0.0.1:8080/notes -d '{"text":"hello"}'
//   curl http://127.0.0.1:8080/notes/1
//   curl -X DELETE http://127.0.0.1:8080/notes/1
//
// Notes live in the isolate's memory: each core has its own, and they are
// gone when the isolate is replaced. Use KV for data that must last.
const notes = new Map();
let nextId = 1;

const routes = [
  { method: "GET", pattern: new URLPattern({ pathname: "/notes" }), handle: listNotes },
  { method: "POST", pattern: new URLPattern({ pathname: "/notes" }), handle: addNote },
  { method: "GET", pattern: new URLPattern({ pathname: "/notes/:id(\\d+)" }), handle: getNote },
  { method: "DELETE", pattern: new URLPattern({ pathname: "/notes/:id(\\d+)" }), handle: deleteNote },
];

function listNotes() {
  return Response.json([...notes.values()]);
}

async function addNote(request) {
  let body;
  try {
    body = await request.json();
  } catch {
    return problem(400, "the body must be JSON");
  }
  if (typeof body?.text !== "string" || body.text.length === 0) {
    return problem(400, "`text` must be a non-empty string");
  }
  const note = { id: nextId++, text: body.text, created: new Date().toISOString() };
  notes.set(note.id, note);
  return Response.json(note, { status: 201, headers: { location: `/notes/${note.id}` } });
}

function getNote(_request, { id }) {
  const note = notes.get(Number(id));
  return note ? Response.json(note) : problem(404, `no note ${id}`);
}

function deleteNote(_request, { id }) {
  return notes.delete(Number(id)) ? new Response(null, { status: 204 }) : problem(404, `no note ${id}`);
}

function problem(status, detail) {
  return Response.json({ status, detail }, { status, headers: { "content-type": "application/problem+json" } });
}

export default {
  async fetch(request) {
    const matching = routes.filter((route) => route.pattern.test(request.url));
    if (matching.length === 0) return problem(404, `no route for ${new URL(request.url).pathname}`);
    const route = matching.find((candidate) => candidate.method === request.method);
    if (!route) {
      const allow = matching.map((candidate) => candidate.method).join(", ");
      return new Response(null, { status: 405, headers: { allow } });
    }
    const { groups } = route.pattern.exec(request.url).pathname;
    return route.handle(request, groups);
  },
};
