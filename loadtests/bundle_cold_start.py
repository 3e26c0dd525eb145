#!/usr/bin/env python3
"""Cold start of an app as written (TypeScript, modules, node_modules) against
the same app bundled into one .js file (standard library only, plus npm).

The app is examples/hono-ts. esbuild (npm, installed into loadtests/.runtimes)
bundles it the way wrangler would. One `nano serve --config` process on one
core hosts both, as two apps on two hosts. Each round starts a fresh server
and times, from the JSON access log (`duration_ms`: route match to response,
the app's load included):

  - fresh: the first request to each app in a fresh process (nothing cached:
    TypeScript transformed, every module compiled);
  - cached: the first request after the app's isolate was unloaded for being
    idle, in the same process (the per-process transform and code caches
    warm), which is what a second core, or an evicted app, pays.

Prints a markdown table of medians and the ratio source / bundle.

  python3 loadtests/bundle_cold_start.py
  ROUNDS=5 NANO=target/debug/nano python3 loadtests/bundle_cold_start.py

Environment: ROUNDS (7), NANO (target/release/nano), SERVER_CPU (0).
Loopback only.
"""
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROUNDS = int(os.environ.get("ROUNDS", "7"))
NANO = os.environ.get("NANO", "target/release/nano")
SERVER_CPU = int(os.environ.get("SERVER_CPU", "0"))
ESBUILD_VERSION = "0.28.2"
RUNTIMES = "loadtests/.runtimes"
APP = "examples/hono-ts"
IDLE_TIMEOUT_S = 1
START_TIMEOUT_S = 60
LISTENING = re.compile(r"(?<!admin )listening on http://([0-9.]+):(\d+)")


def esbuild():
    binary = os.path.join(RUNTIMES, "esbuild", "node_modules", ".bin", "esbuild")
    if not os.path.exists(binary):
        subprocess.run(
            ["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix",
             os.path.join(RUNTIMES, "esbuild"), f"esbuild@{ESBUILD_VERSION}"],
            check=True, timeout=300)
    return binary


def npm_ci(app):
    stamp = os.path.join(app, "node_modules", ".package-lock.json")
    lock = os.path.join(app, "package-lock.json")
    if not os.path.exists(stamp) or os.path.getmtime(stamp) < os.path.getmtime(lock):
        subprocess.run(["npm", "ci", "--prefix", app, "--no-audit", "--no-fund",
                        "--loglevel=error"], check=True, timeout=300)


def write_site(root):
    """nano.toml with the app as written and as a bundle, on two hosts."""
    bundle_dir = os.path.join(root, "bundle")
    os.makedirs(bundle_dir)
    subprocess.run(
        [esbuild(), os.path.join(APP, "src", "index.ts"), "--bundle", "--format=esm",
         "--platform=neutral", "--target=es2022", "--main-fields=module,main",
         "--conditions=workerd,worker,browser", f"--outfile={bundle_dir}/index.js",
         "--log-level=warning"],
        check=True, timeout=120)
    config = os.path.join(root, "nano.toml")
    with open(config, "w") as f:
        f.write(f"[server]\nisolate_idle_timeout_s = {IDLE_TIMEOUT_S}\n\n"
                f"[[app]]\nname = \"source\"\ndir = \"{os.path.abspath(APP)}\"\n"
                "routes = [\"source.test/*\"]\n\n"
                "[[app]]\nname = \"bundle\"\ndir = \"bundle\"\nroutes = [\"bundle.test/*\"]\n")
    return config


class Server:
    """`nano serve --config` on one core; the JSON request lines it logs."""

    def __init__(self, config):
        self.process = subprocess.Popen(
            [NANO, "serve", "--config", config, "--cores", "1", "--port", "0",
             "--admin-port", "0", "--log-format", "json"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            text=True, preexec_fn=lambda: os.sched_setaffinity(0, {SERVER_CPU}))
        self.requests = []
        self.lock = threading.Lock()
        self.announced = threading.Event()
        self.address = None
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
                    self.address = (m.group(1), int(m.group(2)))
                    self.announced.set()
            elif '"message":"request"' in line:
                with self.lock:
                    self.requests.append(json.loads(line)["fields"])
        self.announced.set()

    def timed_get(self, host):
        """GET / on `host`; the server's duration_ms for it."""
        with self.lock:
            seen = len(self.requests)
        with socket.create_connection(self.address, timeout=10) as s:
            s.sendall(f"GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
            answer = b""
            while chunk := s.recv(65536):
                answer += chunk
        status = int(answer.split(b" ", 2)[1])
        if status != 200:
            self.stop()
            sys.exit(f"{host} answered {status}: {answer[-300:]!r}\n{''.join(self.tail)}")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with self.lock:
                if len(self.requests) > seen:
                    return self.requests[seen]["duration_ms"]
            time.sleep(0.01)
        sys.exit("no access log line for the request")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def main():
    npm_ci(APP)
    root = tempfile.mkdtemp(prefix="nano-bundle-")
    try:
        config = write_site(root)
        times = {(app, kind): [] for app in ("source", "bundle") for kind in ("fresh", "cached")}
        for round_index in range(ROUNDS):
            # Alternate which app goes first so neither always meets a
            # just-started process.
            order = ("source", "bundle") if round_index % 2 == 0 else ("bundle", "source")
            server = Server(config)
            try:
                for app in order:
                    times[(app, "fresh")].append(server.timed_get(f"{app}.test"))
                # Past the idle timeout plus a sweep: both isolates unloaded.
                time.sleep(IDLE_TIMEOUT_S + 1.5)
                for app in order:
                    times[(app, "cached")].append(server.timed_get(f"{app}.test"))
            finally:
                server.stop()
        print(f"Cold start of {APP}, medians of {ROUNDS} rounds, server time (ms), "
              f"one core pinned to CPU {SERVER_CPU}\n")
        print("| first request | as written (TypeScript + node_modules) | bundled (esbuild) | ratio |")
        print("|---|---|---|---|")
        for kind, label in (("fresh", "fresh process, nothing cached"),
                            ("cached", "after idle unload, process caches warm")):
            source = statistics.median(times[("source", kind)])
            bundle = statistics.median(times[("bundle", kind)])
            print(f"| {label} | {source:.2f} | {bundle:.2f} | {source / bundle:.2f}x |")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
