// The status app of examples/multi: on its own port (8081), whatever the
// host. Module state lives as long as this app's isolate on a core: an
// isolate unloaded (idle, or least recently used) starts again from zero.
const loadedAt = new Date().toISOString();
let served = 0;

export default {
  fetch() {
    served += 1;
    return Response.json({ ok: true, loadedAt, served });
  },
  // Runs on the app's cron trigger (`crons` in nano.toml), on core 0;
  // `nano trigger status` runs it now.
  scheduled(controller) {
    console.log(`status: ${served} requests served by ${new Date(controller.scheduledTime).toISOString()}`);
  },
};
