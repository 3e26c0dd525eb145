// A syntax error on line 3.
export default {
  fetch(request) { return new Response("x") ]
};
