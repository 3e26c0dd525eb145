export default {
  fetch() {
    return new Response("entry from package.json main\n");
  },
};
