// Many small awaits and one timer: measures the cost of the microtask queue
// and of getting back from the event loop's timer phase.
async function depth(n) {
  return n === 0 ? 0 : 1 + (await depth(n - 1));
}

export default {
  async fetch(request) {
    let total = 0;
    for (let i = 0; i < 10; i++) total += await Promise.resolve(i);
    total += await depth(10);
    await new Promise((resolve) => setTimeout(resolve, 0));
    return new Response(`async done: ${total}\n`);
  },
};
