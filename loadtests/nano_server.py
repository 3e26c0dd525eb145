"""`nano serve --config` on one pinned core, for the load-test scripts
(standard library only): its address, start-up time, RSS and the JSON
request lines it logs."""
import json
import os
import re
import subprocess
import sys
import threading
import time

START_TIMEOUT_S = 60

# The shared listener's announcement (not the admin one, nor `app NAME on`).
LISTENING = re.compile(r"(?<!admin )listening on http://([0-9.]+):(\d+)")


class NanoServer:
    """Started on `config` with `nano` pinned to `cpu`; stderr is read all
    the time and every access log line's fields kept in `requests`."""

    def __init__(self, nano, config, cpu):
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            [nano, "serve", "--config", config, "--cores", "1", "--port", "0",
             "--admin-port", "0", "--log-format", "json"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            text=True, preexec_fn=lambda: os.sched_setaffinity(0, {cpu}))
        self.requests = []
        self.lock = threading.Lock()
        self.announced = threading.Event()
        self.address = None
        self.startup_s = None
        self.tail = []
        threading.Thread(target=self._read, daemon=True).start()
        if not self.announced.wait(START_TIMEOUT_S) or self.address is None:
            self.stop()
            sys.exit(f"nano did not start; its last lines:\n{''.join(self.tail)}")

    def _read(self):
        for line in self.process.stderr:
            self.tail = (self.tail + [line])[-20:]
            if self.address is None:
                m = LISTENING.search(line)
                if m:
                    self.startup_s = time.perf_counter() - self.started
                    self.address = (m.group(1), int(m.group(2)))
                    self.announced.set()
            elif '"message":"request"' in line:
                with self.lock:
                    self.requests.append(json.loads(line)["fields"])
        self.announced.set()

    def logged(self):
        """How many request lines have been logged so far."""
        with self.lock:
            return len(self.requests)

    def durations_ms_since(self, mark, count):
        """`duration_ms` of the `count` request lines after the first `mark`,
        waiting up to 10 s for them to be logged."""
        deadline = time.monotonic() + 10
        while self.logged() < mark + count and time.monotonic() < deadline:
            time.sleep(0.01)
        with self.lock:
            return [fields["duration_ms"] for fields in self.requests[mark:mark + count]]

    def cpu_s(self):
        """CPU seconds (user + system) the server has used so far."""
        with open(f"/proc/{self.process.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def rss_kib(self):
        with open(f"/proc/{self.process.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        raise RuntimeError("no VmRSS")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
