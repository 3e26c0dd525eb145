#!/usr/bin/env python3
"""Many apps in one NANO process (standard library only, plus wrk).

Generates N small apps, each with its own code, and a nano.toml routing host
appI.test to app I, serves them with `nano serve --config` on one core, and
prints a markdown table of:

  - start-up time (spawn to `listening on`) with N apps and with 1 app;
  - the first request to every app in a random order (cold: the app's
    isolate is made) and a second round (warm), p50/p99 of the server's own
    time (`duration_ms` of the JSON access log) and of the client's time
    (connect to last byte, on a fresh connection);
  - resident memory per loaded idle app: (RSS after round 1 - RSS before) / N;
  - warm throughput of one app, `wrk -t1 -c16 -d5s -H 'Host: app0.test'`,
    on the N-app server and on a 1-app server, and the server's CPU time
    per request meanwhile (steadier than req/s on a shared machine).

  python3 loadtests/many_apps.py            # N=1000, target/release/nano
  APPS=200 NANO=target/debug/nano python3 loadtests/many_apps.py

Environment: APPS (1000), NANO (target/release/nano), DURATION (wrk seconds,
5), CONNECTIONS (16), STARTUP_ROUNDS (3), WARM (the `warm_isolates` of the
config; unset: the server's default), SERVER_CPU (0), CLIENT_CPU (1; the
server's CPU on a one-CPU machine). Loopback only.
"""
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

from nano_server import NanoServer

APPS = int(os.environ.get("APPS", "1000"))
NANO = os.environ.get("NANO", "target/release/nano")
DURATION = int(os.environ.get("DURATION", "5"))
CONNECTIONS = int(os.environ.get("CONNECTIONS", "16"))
STARTUP_ROUNDS = int(os.environ.get("STARTUP_ROUNDS", "3"))
# Blank isolates kept ready per core (`warm_isolates`); unset: the server's default.
WARM = os.environ.get("WARM")
SERVER_CPU = int(os.environ.get("SERVER_CPU", "0"))
CLIENT_CPU = int(os.environ.get("CLIENT_CPU", "1")) if os.cpu_count() > 1 else SERVER_CPU


def app_source(i):
    """A small app whose code differs from every other's."""
    return (
        f"const NAME = \"app{i}\";\n"
        f"const SEED = {i};\n"
        "export default {\n"
        "  fetch(request) {\n"
        f"    return new Response(`${{NAME}} ${{(SEED * 7919) % 1000003}}`);\n"
        "  },\n"
        "};\n"
    )


def write_site(root, count):
    """App folders app0..app{count-1} and a nano.toml; returns its path.
    Every app stays loaded once used, so RSS counts each of them."""
    lines = [
        "[server]",
        f"max_isolates_per_core = {count}",
        "isolate_idle_timeout_s = 86400",
    ]
    if WARM is not None:
        lines.append(f"warm_isolates = {WARM}")
    for i in range(count):
        folder = os.path.join(root, f"app{i}")
        os.makedirs(folder)
        with open(os.path.join(folder, "index.js"), "w") as f:
            f.write(app_source(i))
        lines += ["", "[[app]]", f'name = "app{i}"', f'dir = "app{i}"',
                  f'routes = ["app{i}.test/*"]']
    path = os.path.join(root, "nano.toml")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return path


def get(address, host):
    """GET / with `host` on a fresh connection; (status, client seconds)."""
    start = time.perf_counter()
    with socket.create_connection(address, timeout=10) as s:
        s.sendall(f"GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        answer = b""
        while chunk := s.recv(65536):
            answer += chunk
    took = time.perf_counter() - start
    return int(answer.split(b" ", 2)[1]), took


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))]


def one_round(server, count):
    """One request to each app in a random order: (server ms, client ms)."""
    order = list(range(count))
    random.shuffle(order)
    mark = server.logged()
    client_ms = []
    for i in order:
        status, took = get(server.address, f"app{i}.test")
        if status != 200:
            server.stop()
            sys.exit(f"app{i}.test answered {status}")
        client_ms.append(took * 1000)
    return server.durations_ms_since(mark, count), client_ms


def startup_ms(config):
    times = []
    for _ in range(STARTUP_ROUNDS):
        server = NanoServer(NANO, config, SERVER_CPU)
        times.append(server.startup_s * 1000)
        server.stop()
    return statistics.median(times)


def wrk_warm(server):
    """Warm req/s of app0 and the server's CPU µs per request meanwhile."""
    host, port = server.address
    cpu_before = server.cpu_s()
    out = subprocess.run(
        ["taskset", "-c", str(CLIENT_CPU), "wrk", "-t1", f"-c{CONNECTIONS}",
         f"-d{DURATION}s", "-H", "Host: app0.test", f"http://{host}:{port}/"],
        capture_output=True, text=True, check=True).stdout
    bad = re.search(r"Non-2xx or 3xx responses:\s*(\d+)", out)
    if bad:
        sys.exit(f"wrk saw {bad.group(1)} answers that were not 200:\n{out}")
    cpu = server.cpu_s() - cpu_before
    total = int(re.search(r"^\s*(\d+) requests in", out, re.M).group(1))
    return float(re.search(r"^Requests/sec:\s*([0-9.]+)", out, re.M).group(1)), cpu / total * 1e6


def p50_p99(values):
    return f"{percentile(values, 50):.2f} / {percentile(values, 99):.2f}"


def main():
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: run make setup")
    if not os.access(NANO, os.X_OK):
        sys.exit(f"{NANO} is not an executable: run make build, or set NANO")
    os.sched_setaffinity(0, {CLIENT_CPU})
    with tempfile.TemporaryDirectory() as many_root, tempfile.TemporaryDirectory() as one_root:
        many_config = write_site(many_root, APPS)
        one_config = write_site(one_root, 1)
        startup_many, startup_one = startup_ms(many_config), startup_ms(one_config)

        many = NanoServer(NANO, many_config, SERVER_CPU)
        try:
            rss_before = many.rss_kib()
            cold_server, cold_client = one_round(many, APPS)
            rss_after = many.rss_kib()
            warm_server, warm_client = one_round(many, APPS)
            warm_many = wrk_warm(many)
        finally:
            many.stop()
        one = NanoServer(NANO, one_config, SERVER_CPU)
        try:
            one_round(one, 1)
            warm_one = wrk_warm(one)
        finally:
            one.stop()

    print(f"NANO, {APPS} apps on one core (server CPU {SERVER_CPU}, client CPU {CLIENT_CPU})\n")
    print(f"| measure | 1 app | {APPS} apps |")
    print("| --- | ---: | ---: |")
    print(f"| start-up, spawn to `listening on` (ms, median of {STARTUP_ROUNDS}) "
          f"| {startup_one:.1f} | {startup_many:.1f} |")
    print(f"| first request to each app, server p50 / p99 (ms) | | {p50_p99(cold_server)} |")
    print(f"| first request to each app, client p50 / p99 (ms) | | {p50_p99(cold_client)} |")
    print(f"| second request to each app, server p50 / p99 (ms) | | {p50_p99(warm_server)} |")
    print(f"| second request to each app, client p50 / p99 (ms) | | {p50_p99(warm_client)} |")
    print(f"| RSS per loaded idle app (KiB) | | {(rss_after - rss_before) / APPS:.0f} |")
    print(f"| warm req/s of app0, wrk -c{CONNECTIONS} {DURATION}s | {warm_one[0]:.0f} | {warm_many[0]:.0f} |")
    print(f"| server CPU µs per warm request of app0 | {warm_one[1]:.1f} | {warm_many[1]:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
