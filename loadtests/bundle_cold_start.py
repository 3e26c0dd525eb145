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
  - second load: the first request after the app's isolate was unloaded for
    being idle, in the same process: TypeScript comes from the per-process
    cache, but modules are compiled again, since the code cache keeps a
    module's code from its second compile (one compiled once is not cached);
  - code cache: the first request after a second idle unload, every module
    compiled from the code cache, which is what later cores, evicted apps
    and replaced isolates pay.

Prints a markdown table of medians and the ratio source / bundle.

  python3 loadtests/bundle_cold_start.py
  ROUNDS=5 NANO=target/debug/nano python3 loadtests/bundle_cold_start.py

Environment: ROUNDS (15), NANO (target/release/nano), SERVER_CPU (0).
Loopback only.
"""
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

from nano_server import NanoServer

ROUNDS = int(os.environ.get("ROUNDS", "15"))
NANO = os.environ.get("NANO", "target/release/nano")
SERVER_CPU = int(os.environ.get("SERVER_CPU", "0"))
ESBUILD_VERSION = "0.28.2"
RUNTIMES = "loadtests/.runtimes"
APP = "examples/hono-ts"
IDLE_TIMEOUT_S = 1


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


def timed_get(server, host):
    """GET / on `host` on a fresh connection; the server's duration_ms for it."""
    mark = server.logged()
    with socket.create_connection(server.address, timeout=10) as s:
        s.sendall(f"GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        answer = b""
        while chunk := s.recv(65536):
            answer += chunk
    status = int(answer.split(b" ", 2)[1])
    if status != 200:
        server.stop()
        sys.exit(f"{host} answered {status}: {answer[-300:]!r}\n{''.join(server.tail)}")
    durations = server.durations_ms_since(mark, 1)
    if not durations:
        sys.exit("no access log line for the request")
    return durations[0]


def main():
    npm_ci(APP)
    root = tempfile.mkdtemp(prefix="nano-bundle-")
    try:
        config = write_site(root)
        kinds = ("fresh", "second load", "code cache")
        times = {(app, kind): [] for app in ("source", "bundle") for kind in kinds}
        for round_index in range(ROUNDS):
            # Alternate which app goes first so neither always meets a
            # just-started process.
            order = ("source", "bundle") if round_index % 2 == 0 else ("bundle", "source")
            server = NanoServer(NANO, config, SERVER_CPU)
            try:
                for kind in kinds:
                    if kind != "fresh":
                        # Past the idle timeout plus a sweep: both unloaded.
                        time.sleep(IDLE_TIMEOUT_S + 1.5)
                    for app in order:
                        times[(app, kind)].append(timed_get(server, f"{app}.test"))
            finally:
                server.stop()
        print(f"Cold start of {APP}, medians of {ROUNDS} rounds, server time (ms), "
              f"one core pinned to CPU {SERVER_CPU}\n")
        print("| first request | as written (TypeScript + node_modules) | bundled (esbuild) | ratio |")
        print("|---|---|---|---|")
        for kind, label in (("fresh", "fresh process, nothing cached"),
                            ("second load", "after an idle unload (TypeScript cached)"),
                            ("code cache", "after a second idle unload (code cache)")):
            source = statistics.median(times[("source", kind)])
            bundle = statistics.median(times[("bundle", kind)])
            print(f"| {label} | {source:.2f} | {bundle:.2f} | {source / bundle:.2f}x |")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
