#!/usr/bin/env bash
# Soak: serves loadtests/apps/chaos on one core at a fixed request rate (wrk
# with loadtests/soak.lua, which paces each connection) and samples the
# server's RSS and open file descriptors every SAMPLE_SECONDS. Prints a
# markdown table, then wrk's summary. Loopback only, bounded in time.
#
#   bash loadtests/soak.sh                       # 3 minutes at 200 req/s
#   SOAK_SECONDS=3600 bash loadtests/soak.sh     # the hour-long run
#   RATE=500 SOAK_PATHS="/ / / /throw" bash loadtests/soak.sh
set -euo pipefail
cd "$(dirname "$0")/.."

NANO=${NANO:-./target/release/nano}
PORT=${PORT:-18395}
ADMIN_PORT=${ADMIN_PORT:-18396}
SOAK_SECONDS=${SOAK_SECONDS:-180}
SAMPLE_SECONDS=${SAMPLE_SECONDS:-30}
RATE=${RATE:-200}                    # requests per second, in all
CONNECTIONS=${CONNECTIONS:-4}
export SOAK_PATHS=${SOAK_PATHS:-/}   # cycled through, request by request
NANO_FLAGS=${NANO_FLAGS:-}
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}
[ "$(nproc)" -lt 2 ] && CLIENT_CPU=$SERVER_CPU
export SOAK_DELAY_MS=$((CONNECTIONS * 1000 / RATE))

# shellcheck source=loadtests/chaos_server.sh
. loadtests/chaos_server.sh

requests() {
  curl -s --max-time 2 "http://127.0.0.1:$ADMIN_PORT/metrics" |
    awk '/^nano_requests_total/ { n += $2 } END { print n + 0 }'
}
sample() {
  local rss fds
  rss=$(awk '/^VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$SERVER/status")
  fds=$(find "/proc/$SERVER/fd" -mindepth 1 -maxdepth 1 | wc -l)
  echo "| $1 | $(requests) | $rss | $fds |"
}

taskset -c "$CLIENT_CPU" wrk -t1 -c"$CONNECTIONS" -d"${SOAK_SECONDS}s" --latency \
  -s loadtests/soak.lua "http://127.0.0.1:$PORT/" >"$WORK/wrk.txt" &
BACKGROUND=$!
echo "nano serve --cores 1 ${NANO_FLAGS:-(default limits)}; $RATE req/s over $CONNECTIONS connections for ${SOAK_SECONDS}s; paths: $SOAK_PATHS"
echo
echo "| elapsed s | requests answered | RSS MB | open fds |"
echo "| ---: | ---: | ---: | ---: |"
sample 0
start=$SECONDS
while [ $((SECONDS - start)) -lt "$SOAK_SECONDS" ]; do
  left=$((SOAK_SECONDS - (SECONDS - start)))
  sleep $((left < SAMPLE_SECONDS ? left : SAMPLE_SECONDS))
  sample $((SECONDS - start))
done
wait "$BACKGROUND" || true
BACKGROUND=
sleep 1
sample "$((SECONDS - start)) (idle)"
echo
awk '/Requests\/sec|Non-2xx|Socket errors|^ +(50|99)%/' "$WORK/wrk.txt"
