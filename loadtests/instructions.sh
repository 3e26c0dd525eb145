#!/usr/bin/env bash
# Instructions per request on a core's thread, counted by callgrind: a
# figure that does not move with the machine's load, for comparing two
# builds of the request path where wall-clock ratios are too noisy.
#
# The server runs twice under valgrind, serving FEW and then MANY requests
# over one keep-alive connection after the same warm-up; the difference of
# the two counts, divided by MANY - FEW, leaves out start-up and the
# warm-up. Loopback only; takes about ten minutes (valgrind is ~50x
# slower).
#
# The warm-up is long because V8 optimises the request path's functions
# (TurboFan) only after about 11,700 requests (counted with V8's
# --trace-opt). Before that they run as baseline code, and a profile taken
# then counts about 9k instructions per hello request more than the steady
# state does.
#
#   bash loadtests/instructions.sh                       # hello, target/release/nano
#   WORKLOAD=json NANO=/path/to/nano bash loadtests/instructions.sh
#
# Prints the instructions per request spent inside the connection task
# (parsing, the handler, the response, the log). The core thread's total
# is not a figure to compare: timers driven by the wall clock (valgrind's,
# much slower) add to it, and V8's one-off work (compiling, caches) can
# land in one run and not the other.
set -euo pipefail
cd "$(dirname "$0")/.."

NANO=${NANO:-./target/release/nano}
WORKLOAD=${WORKLOAD:-hello}
PORT=${PORT:-18390}
FEW=${FEW:-1000}
MANY=${MANY:-4000}
WARM_UP=${WARM_UP:-15000}
for tool in valgrind callgrind_annotate python3; do
  command -v "$tool" >/dev/null || { echo "$tool is missing (apt-get install valgrind python3)" >&2; exit 2; }
done
source loadtests/url_path.sh
path=$(url_path "$WORKLOAD")

work=$(mktemp -d)
server=
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT

# Serves WARM_UP + $1 requests under callgrind; leaves the core thread's
# profile in $work/$1.out.
profile() {
  local requests=$1
  # No warm isolates (their restoring would land in one run and not the
  # other), and a CPU limit valgrind's slowness cannot reach.
  valgrind --tool=callgrind --separate-threads=yes --callgrind-out-file="$work/run-$requests" \
    "$NANO" serve "loadtests/apps/$WORKLOAD" --cores 1 --port "$PORT" --admin-port 0 \
    --log-format json --warm-isolates 0 --cpu-limit-ms 600000 >"$work/server-$requests.log" 2>&1 &
  server=$!
  for _ in $(seq 600); do
    (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break
    sleep 0.1
  done
  # Lets the load settle (the app's first compile, the loop's first timers).
  sleep 5
  timeout 1800 python3 - "$PORT" "$path" $((WARM_UP + requests)) <<'PY'
import socket, sys
port, path, count = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
conn = socket.create_connection(("127.0.0.1", port))
request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode()
for _ in range(count):
    conn.sendall(request)
    head = b""
    while b"\r\n\r\n" not in head:
        data = conn.recv(65536)
        if not data:
            sys.exit("the server closed the connection")
        head += data
    if not head.startswith(b"HTTP/1.1 200"):
        sys.exit(f"unexpected response: {head[:40]!r}")
PY
  kill "$server"
  wait "$server" || true
  server=
  cp "$(grep -l "Conn::run" "$work/run-$requests"-* | head -1)" "$work/$requests.out"
}

# Inclusive instructions of the first function whose name has $2, in $1.
inclusive() {
  callgrind_annotate --inclusive=yes "$1" 2>/dev/null |
    awk -v name="$2" '!found && index($0, name) && index($0, "[") { gsub(",", "", $1); print $1; found = 1 }'
}

# Makes the startup snapshot cache hold this build's snapshot, so that
# both profiles start from the same stored snapshot (an isolate from a
# snapshot made in the process warms up differently) and neither spends
# minutes making it. Under valgrind the executable the cache key names is
# valgrind's tool, so the cache is filled under the same tool.
valgrind --tool=callgrind --callgrind-out-file=/dev/null "$NANO" eval 0 >/dev/null 2>&1
profile "$FEW"
profile "$MANY"
n=$((MANY - FEW))
conn_few=$(inclusive "$work/$FEW.out" "nano::server::conn::Conn::run::{{closure}}")
conn_many=$(inclusive "$work/$MANY.out" "nano::server::conn::Conn::run::{{closure}}")
echo "workload: $WORKLOAD ($n requests measured)"
echo "connection task: $(( (conn_many - conn_few) / n )) instructions/request"
