#!/usr/bin/env python3
"""Start-up timings for loadtests/compare.sh (standard library only).

  startup.py eval SERVER_CPU CLIENT_CPU -- COMMAND...
      run COMMAND once; print its whole-process wall time in ms
  startup.py serve SERVER_CPU CLIENT_CPU PORT -- COMMAND...
      spawn the server COMMAND, send GET / to 127.0.0.1:PORT about every
      millisecond, print the ms from spawn to the first 200; then stop it

COMMAND runs pinned to SERVER_CPU, this script to CLIENT_CPU, like the load
tests. Prints "fail" and exits 1 when the command fails or times out.
"""
import os
import signal
import socket
import subprocess
import sys
import threading
import time

TIMEOUT_S = 20


def pin_to(cpu):
    return lambda: os.sched_setaffinity(0, {cpu})


def eval_once(server_cpu, command):
    # A blocking wait, with a timer to kill a hung command: Popen.wait(timeout)
    # polls with sleeps that double up to 50 ms, which would round a 35 ms
    # process up to ~64 ms.
    start = time.perf_counter()
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, preexec_fn=pin_to(server_cpu))
    killer = threading.Timer(TIMEOUT_S, process.kill)
    killer.start()
    try:
        returncode = process.wait()
    finally:
        killer.cancel()
    elapsed = time.perf_counter() - start
    return elapsed if returncode == 0 else None


def got_200(port):
    """One connect + GET /; True when the answer's status is 200."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
            s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            return s.recv(64).startswith((b"HTTP/1.1 200", b"HTTP/1.0 200"))
    except OSError:
        return False


def serve_once(server_cpu, port, command):
    start = time.perf_counter()
    server = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, preexec_fn=pin_to(server_cpu))
    try:
        while time.perf_counter() - start < TIMEOUT_S:
            if got_200(port):
                return time.perf_counter() - start
            if server.poll() is not None:
                return None
            time.sleep(0.001)
        return None
    finally:
        server.terminate()
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def main(argv):
    if "--" not in argv or len(argv) < 4:
        sys.exit(__doc__)
    split = argv.index("--")
    head, command = argv[:split], argv[split + 1:]
    what, server_cpu, client_cpu = head[0], int(head[1]), int(head[2])
    os.sched_setaffinity(0, {client_cpu})
    # A TERM from the harness still stops the server we spawned (finally).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    try:
        if what == "eval":
            seconds = eval_once(server_cpu, command)
        elif what == "serve":
            seconds = serve_once(server_cpu, int(head[3]), command)
        else:
            sys.exit(__doc__)
    except (OSError, subprocess.TimeoutExpired):
        seconds = None
    if seconds is None:
        print("fail")
        return 1
    print(f"{seconds * 1000:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
