#!/usr/bin/env bash
# System calls per request of `nano serve` under load: strace -c counts the
# calls of every thread while wrk drives the hello app, and each count is
# divided by the requests wrk completed. strace slows the server; the counts,
# not the rates, are the result. Loopback only, bounded in time.
#
#   bash loadtests/syscalls.sh                 # target/release/nano
#   NANO=/path/to/nano bash loadtests/syscalls.sh
set -euo pipefail
cd "$(dirname "$0")/.."

NANO=${NANO:-./target/release/nano}
PORT=${PORT:-18380}
SECONDS_TRACED=${SECONDS_TRACED:-2}
command -v strace >/dev/null || { echo "strace is missing (apt-get install strace)" >&2; exit 2; }

taskset -c 0 "$NANO" serve loadtests/apps/hello --cores 1 --port "$PORT" --admin-port 0 \
  --log-format json >/dev/null 2>&1 &
server=$!
counts=$(mktemp)
trap 'kill "$server" 2>/dev/null || true; rm -f "$counts"' EXIT
for _ in $(seq 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break
  sleep 0.05
done
taskset -c 1 wrk -t1 -c32 -d1s "http://127.0.0.1:$PORT/" >/dev/null

timeout $((SECONDS_TRACED + 2)) strace -c -f -o "$counts" -p "$server" 2>/dev/null &
tracer=$!
sleep 0.5
requests=$(taskset -c 1 wrk -t1 -c32 -d"${SECONDS_TRACED}s" "http://127.0.0.1:$PORT/" |
  awk '/requests in/ {print $1}')
wait "$tracer" || true

echo "requests: $requests"
# strace -c columns: % time, seconds, usecs/call, calls, [errors], syscall.
awk -v r="$requests" '/^ *[0-9]/ && $4 ~ /^[0-9]+$/ { printf "%-16s %8d  %.3f/request\n", $NF, $4, $4 / r }' "$counts"
