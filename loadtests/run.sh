#!/usr/bin/env bash
# Whole-server load test: wrk against examples/hello served by `nano serve
# --cores 1`, then (when node is installed) the same app served by Node
# through loadtests/node_adapter.mjs, as a baseline measured in the same run.
# loadtests/compare.sh is the fuller comparison (Deno, Bun, five workloads). Server and load generator are pinned
# to different CPUs. Bounded: DURATION seconds per target, loopback only.
#
#   loadtests/run.sh                # defaults
#   DURATION=5 CONNECTIONS=64 CORES=1 loadtests/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-1}
CORES=${CORES:-1}
PORT=${PORT:-18080}
ADMIN_PORT=${ADMIN_PORT:-19090}
BASELINE_PORT=${BASELINE_PORT:-18081}
NANO=./target/release/nano

command -v wrk >/dev/null || { echo "wrk is missing: run make setup" >&2; exit 2; }
[ -x "$NANO" ] || cargo build --release --locked

cpus=$(nproc)
# The server takes the first CPUs, wrk the last one.
server_cpus="0-$((CORES - 1))"
client_cpu=$((cpus - 1))
if [ "$client_cpu" -lt "$CORES" ]; then
  echo "note: $cpus CPUs: server and wrk share CPUs" >&2
fi

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

wait_port() {
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "server on port $1 did not start" >&2
  return 1
}

# Prints "requests/s p50 p99" from wrk --latency output.
measure() {
  local url=$1 out
  out=$(taskset -c "$client_cpu" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$url")
  local rps p50 p99
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  echo "$rps $p50 $p99"
}

taskset -c "$server_cpus" "$NANO" serve examples/hello --cores "$CORES" --port "$PORT" \
  --admin-port "$ADMIN_PORT" --log-format json 2>/dev/null &
pids+=($!)
wait_port "$PORT"
read -r nano_rps nano_p50 nano_p99 < <(measure "http://127.0.0.1:$PORT/")

printf '%-22s %12s %10s %10s\n' target requests/s p50 p99
printf '%-22s %12s %10s %10s\n' "nano --cores $CORES" "$nano_rps" "$nano_p50" "$nano_p99"

if command -v node >/dev/null; then
  taskset -c "$server_cpus" node loadtests/node_adapter.mjs examples/hello/index.js "$BASELINE_PORT" 2>/dev/null &
  pids+=($!)
  wait_port "$BASELINE_PORT"
  read -r node_rps node_p50 node_p99 < <(measure "http://127.0.0.1:$BASELINE_PORT/")
  printf '%-22s %12s %10s %10s\n' "node $(node --version)" "$node_rps" "$node_p50" "$node_p99"
  awk -v a="$nano_rps" -v b="$node_rps" 'BEGIN { printf "nano/node throughput ratio: %.2f\n", a / b }'
fi
