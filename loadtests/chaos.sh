#!/usr/bin/env bash
# Chaos under load: serves loadtests/apps/chaos on one core and measures its
# good route with wrk (req/s, p50, p99) and the server's RSS three times:
# before, while bad routes are fired (an endless loop, a memory bomb, a throw,
# a promise that never settles), and after. Prints a markdown table and the
# kills and stall time from /metrics. Loopback only, bounded in time.
#
#   bash loadtests/chaos.sh                          # target/release/nano
#   DURATION=5 NANO_FLAGS="--cpu-limit-ms 50" bash loadtests/chaos.sh
#   BAD_ROUTES=loop BAD_EVERY_MS=1000 bash loadtests/chaos.sh
set -euo pipefail
cd "$(dirname "$0")/.."

NANO=${NANO:-./target/release/nano}
PORT=${PORT:-18390}
ADMIN_PORT=${ADMIN_PORT:-18391}
DURATION=${DURATION:-10}             # seconds of load per phase
CONNECTIONS=${CONNECTIONS:-16}
BAD_ROUTES=${BAD_ROUTES:-"loop memory throw hang"}
BAD_EVERY_MS=${BAD_EVERY_MS:-500}    # one round of bad routes this often
BAD_TIMEOUT=${BAD_TIMEOUT:-2}        # seconds a bad request is waited for
NANO_FLAGS=${NANO_FLAGS:-}           # e.g. "--cpu-limit-ms 50 --max-heap-mb 64"
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}
[ "$(nproc)" -lt 2 ] && CLIENT_CPU=$SERVER_CPU

# shellcheck source=loadtests/chaos_server.sh
. loadtests/chaos_server.sh

rss_mb() { awk '/^VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$SERVER/status"; }

# wrk on the good route; prints "req/s p50_ms p99_ms timeouts" (wrk leaves
# requests over its 2 s timeout out of the latencies).
measure() {
  taskset -c "$CLIENT_CPU" wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency \
    "http://127.0.0.1:$PORT/" | awk '
    function ms(v) {
      if (v ~ /us$/) return v / 1000
      if (v ~ /ms$/) return v + 0
      if (v ~ /s$/) return v * 1000
      return v
    }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    /^Requests\/sec/ { rps = $2 }
    /Socket errors/ { timeouts = $NF }
    END { printf "%.0f %.2f %.2f %d\n", rps, p50, p99, timeouts }'
}

# Fires every bad route once per BAD_EVERY_MS, without waiting for answers.
fire_bad_routes() {
  local rounds=$((DURATION * 1000 / BAD_EVERY_MS))
  for _ in $(seq "$rounds"); do
    for route in $BAD_ROUTES; do
      curl -s -o /dev/null --max-time "$BAD_TIMEOUT" "http://127.0.0.1:$PORT/$route" &
    done
    sleep "$(awk -v ms="$BAD_EVERY_MS" 'BEGIN { print ms / 1000 }')"
  done
  wait
}

metric() {
  curl -s --max-time 2 "http://127.0.0.1:$ADMIN_PORT/metrics" |
    awk -v series="$1" 'index($0, series " ") == 1 { print $2 }'
}

taskset -c "$CLIENT_CPU" wrk -t1 -c"$CONNECTIONS" -d2s "http://127.0.0.1:$PORT/" >/dev/null
read -r before_rps before_p50 before_p99 before_timeouts < <(measure)
before_rss=$(rss_mb)
fire_bad_routes &
BACKGROUND=$!
read -r during_rps during_p50 during_p99 during_timeouts < <(measure)
during_rss=$(rss_mb)
wait "$BACKGROUND" || true
BACKGROUND=
# Bad requests whose clients gave up may still be queued on the core: the
# "after" phase starts once a good request is answered within 50 ms again.
recovery_start=$(date +%s.%N)
for _ in $(seq 600); do
  took=$(curl -s -o /dev/null -w '%{time_total}' --max-time 1 "http://127.0.0.1:$PORT/" || echo 1)
  awk -v t="$took" 'BEGIN { exit !(t < 0.05) }' && break
  sleep 0.05
done
recovery=$(awk -v a="$recovery_start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
read -r after_rps after_p50 after_p99 after_timeouts < <(measure)
after_rss=$(rss_mb)

echo "nano serve --cores 1 ${NANO_FLAGS:-(default limits)}; wrk -c$CONNECTIONS ${DURATION}s per phase on /; bad routes: $BAD_ROUTES every ${BAD_EVERY_MS} ms"
echo
echo "| phase | req/s | p50 ms | p99 ms | wrk timeouts | RSS MB |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
echo "| before | $before_rps | $before_p50 | $before_p99 | $before_timeouts | $before_rss |"
echo "| bad routes fired | $during_rps | $during_p50 | $during_p99 | $during_timeouts | $during_rss |"
echo "| after (${recovery} s to recover) | $after_rps | $after_p50 | $after_p99 | $after_timeouts | $after_rss |"
echo
echo "kills: cpu_limit $(metric 'nano_isolate_terminations_total{app="chaos",reason="cpu_limit"}')," \
  "heap_limit $(metric 'nano_isolate_terminations_total{app="chaos",reason="heap_limit"}');" \
  "core stalled $(metric 'nano_core_stalled_seconds_total{core="0"}') s;" \
  "isolates alive $(metric 'nano_isolates{core="0"}')"
