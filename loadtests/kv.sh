#!/usr/bin/env bash
# KV get latency and put throughput of a release build, on the embedded
# store and on a redis-server started here: wrk against loadtests/apps/kv
# for a few seconds each. Needs wrk and redis-server (scripts/setup.sh).
#   loadtests/kv.sh [SECONDS] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-3}
CONNECTIONS=${2:-16}
NANO=${NANO:-${CARGO_TARGET_DIR:-target}/release/nano}
[ -x "$NANO" ] || { echo "build first: cargo build --release" >&2; exit 2; }
tmp=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --dir "$tmp" >/dev/null &
pids+=($!)

run() {
  local label=$1; shift
  local port
  port=$(free_port)
  "$NANO" serve loadtests/apps/kv --port "$port" --admin-port 0 --cores 1 \
    --access-log off --log-level warn --kv KV=bench "$@" &
  local pid=$!
  pids+=($pid)
  for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/get" >/dev/null 2>&1 && break; sleep 0.1; done
  curl -fs "http://127.0.0.1:$port/get" >/dev/null
  for path in none get put; do
    echo "== $label $path ($CONNECTIONS connections, ${SECONDS_EACH}s)"
    wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --latency "http://127.0.0.1:$port/$path" \
      | grep -E "Requests/sec|Latency |50%|99%"
  done
  kill "$pid"
  wait "$pid" 2>/dev/null || true
}

run "sqlite" --data-dir "$tmp/data"
run "redis" --kv-url "redis://127.0.0.1:$redis_port/0"
