#!/usr/bin/env python3
"""Start-up time of `nano`, whole process, median of N spawns per case.

    scripts/startup.py [-n 20] [BINARY ...]    (default: target/release/nano)

Cases, interleaved so that several binaries see the same machine load:
  help       nano --help
  eval-warm  nano eval 1+1, with the startup snapshot already cached
  eval-cold  nano eval 1+1, with an empty cache folder (first run)
  serve      nano serve examples/hello --cores 1: spawn until the first 200
             (GET / polled about every millisecond)
Each binary gets its own NANO_CACHE_DIR in a temporary folder.
"""

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CASES = ["help", "eval-warm", "eval-cold", "serve"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def timed(argv, env):
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True)
    elapsed = time.perf_counter() - start
    return elapsed, done


def serve_until_first_200(binary, env):
    port = free_port()
    start = time.perf_counter()
    server = subprocess.Popen(
        [binary, "serve", os.path.join(ROOT, "examples/hello"), "--cores", "1",
         "--port", str(port), "--admin-port", "0"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while time.perf_counter() - start < 30:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=2) as conn:
                    conn.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    if conn.recv(16).startswith(b"HTTP/1.1 200"):
                        return time.perf_counter() - start
            except OSError:
                pass
            time.sleep(0.001)
        raise RuntimeError(f"{binary} serve never answered 200")
    finally:
        server.terminate()
        server.wait()


def run_case(case, binary, cache):
    env = dict(os.environ, NANO_CACHE_DIR=cache)
    env.pop("RUST_LOG", None)
    if case == "help":
        return timed([binary, "--help"], env)[0]
    if case == "serve":
        return serve_until_first_200(binary, env)
    if case == "eval-cold":
        env["NANO_CACHE_DIR"] = tempfile.mkdtemp(prefix="nano-cold-")
    try:
        elapsed, done = timed([binary, "eval", "1+1"], env)
        if done.stdout != b"2\n":
            raise RuntimeError(f"{binary} eval 1+1 printed {done.stdout!r} {done.stderr!r}")
        return elapsed
    finally:
        if case == "eval-cold":
            shutil.rmtree(env["NANO_CACHE_DIR"], ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, default=20, help="spawns per case (default 20)")
    parser.add_argument("--cases", default=",".join(CASES), help="comma-separated cases")
    parser.add_argument("binaries", nargs="*", default=[os.path.join(ROOT, "target/release/nano")])
    args = parser.parse_args()
    cases = args.cases.split(",")
    caches = {b: tempfile.mkdtemp(prefix="nano-warm-") for b in args.binaries}
    try:
        for binary in args.binaries:  # fills each warm cache
            run_case("eval-warm", binary, caches[binary])
        times = {(b, c): [] for b in args.binaries for c in cases}
        for _ in range(args.n):
            for binary in args.binaries:
                for case in cases:
                    times[(binary, case)].append(1000 * run_case(case, binary, caches[binary]))
    finally:
        for cache in caches.values():
            shutil.rmtree(cache, ignore_errors=True)
    print(f"median ms of {args.n} (p25 in brackets)")
    for binary in args.binaries:
        print(binary)
        for case in cases:
            ms = sorted(times[(binary, case)])
            print(f"  {case:<10} {statistics.median(ms):7.1f}  ({ms[len(ms) // 4]:.1f})")


if __name__ == "__main__":
    main()
