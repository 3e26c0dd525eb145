// Not the entry: package.json names src/worker.js.
export default {
  fetch() {
    return new Response("wrong entry: index.js\n", { status: 500 });
  },
};
