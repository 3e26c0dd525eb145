// Smallest possible request: measures the fixed cost of one HTTP exchange.
export default {
  async fetch(request) {
    return new Response("Hello World");
  },
};
