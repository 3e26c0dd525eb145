#!/usr/bin/env bash
# Side-by-side load test: the same Workers-style apps (loadtests/apps/*/index.js)
# served by NANO, Deno, Bun and Node (Node through loadtests/node_adapter.mjs).
# Each server is pinned to one CPU and wrk to another; every (workload, runtime)
# pair gets a fresh server per round, and rounds are interleaved so that a
# slow spell of the machine hits every runtime alike. Prints medians as
# markdown tables, then start-up times.
#
#   bash loadtests/compare.sh                      # or: make loadtest-compare
#   DURATION=2 WARMUP=1 ROUNDS=1 bash loadtests/compare.sh
#   WORKLOADS="hello json" RUNTIMES="nano deno" STARTUP=0 bash loadtests/compare.sh
#
# Deno (PyPI package `deno`) and Bun (npm package `@oven/bun-linux-x64`) are
# installed on first use into loadtests/.runtimes/ (git-ignored). Only
# 127.0.0.1 is contacted, and every step has a time limit.
#
# NANO writes its access log (a JSON line per request, to a file here) as it
# does when deployed; the others log nothing. The runtime `nano-quiet` is the
# same NANO with `--access-log off`: RUNTIMES="nano nano-quiet deno bun" shows
# what the log costs, in the same rounds.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-8}        # measured seconds per run
WARMUP=${WARMUP:-2}            # unmeasured seconds of load before that
ROUNDS=${ROUNDS:-3}            # 0 skips the load tests
CONNECTIONS=${CONNECTIONS:-32}
WORKLOADS=${WORKLOADS:-"hello json crypto async stream hono"}
RUNTIMES=${RUNTIMES:-"nano deno bun node"}
STARTUP=${STARTUP:-1}          # 0 skips the start-up section
EVAL_RUNS=${EVAL_RUNS:-20}
SERVE_RUNS=${SERVE_RUNS:-10}
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}
PORT=${BASE_PORT:-18200}       # each server gets the next port: no TIME_WAIT clashes

RT=loadtests/.runtimes
NANO=${NANO:-./target/release/nano}   # another build can be compared: NANO=/path/to/nano
DENO=$RT/deno/bin/deno
BUN=$RT/bun/node_modules/@oven/bun-linux-x64/bin/bun
NODE=$(command -v node || true)
CLK_TCK=$(getconf CLK_TCK)

source loadtests/url_path.sh

command -v wrk >/dev/null || { echo "wrk is missing: run make setup" >&2; exit 2; }
if [ "$(nproc)" -lt 2 ]; then
  echo "note: one CPU only: server and wrk share it" >&2
  CLIENT_CPU=$SERVER_CPU
fi

WORK=$(mktemp -d)
RESULTS=$WORK/results.tsv
: >"$RESULTS"
SERVER_PID=

stop_server() {
  [ -n "$SERVER_PID" ] || return 0
  kill "$SERVER_PID" 2>/dev/null || true
  # Give it 5 s to exit (NANO drains), then force it.
  for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
}
cleanup() { stop_server; rm -rf "$WORK"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- Installing the competitors ------------------------------------------

install_deno() {
  [ -x "$DENO" ] && return 0
  echo "installing deno from PyPI into $RT/deno" >&2
  local pip=(python3 -m pip install --quiet --disable-pip-version-check --target "$RT/deno" deno)
  # Installing into a --target folder does not touch the system's Python, but
  # some pip builds still refuse without this flag.
  timeout 300 "${pip[@]}" >&2 || timeout 300 "${pip[@]}" --break-system-packages >&2
}

install_bun() {
  "$BUN" --version >/dev/null 2>&1 && return 0
  echo "installing bun from npm into $RT/bun" >&2
  timeout 300 npm install --silent --no-audit --no-fund --prefix "$RT/bun" @oven/bun-linux-x64 >&2 || return 1
  "$BUN" --version >/dev/null 2>&1 && return 0
  # That build needs AVX2; the baseline build runs on any x86-64.
  timeout 300 npm install --silent --no-audit --no-fund --prefix "$RT/bun" @oven/bun-linux-x64-baseline >&2 || return 1
  BUN=$RT/bun/node_modules/@oven/bun-linux-x64-baseline/bin/bun
}

# Fills AVAILABLE with the runtimes that can run, and MISSING with why not.
declare -A MISSING=()
AVAILABLE=()
check_runtimes() {
  local rt version
  for rt in $RUNTIMES; do
    version=
    case $rt in
      nano|nano-quiet)
        [ -x "$NANO" ] || timeout 1800 bash scripts/build_release.sh >&2 || true
        version=$("$NANO" --version 2>/dev/null)
        [ -z "$version" ] || [ "$rt" = nano ] || version+=" (access log off)" ;;
      deno)
        if install_deno; then version=$("$DENO" --version 2>/dev/null | head -1); fi ;;
      bun)
        if install_bun; then version="bun $("$BUN" --version 2>/dev/null)"; fi ;;
      node)
        if [ -n "$NODE" ]; then version="node $("$NODE" --version)"; fi ;;
      *) echo "unknown runtime $rt (known: nano nano-quiet deno bun node)" >&2; exit 2 ;;
    esac
    if [ -n "$version" ]; then
      AVAILABLE+=("$rt")
      printf 'version\t%s\t%s\n' "$rt" "$version" >>"$RESULTS"
      echo "$rt: $version" >&2
    else
      MISSING[$rt]="not installed (see the messages above)"
      printf 'version\t%s\t%s missing\n' "$rt" "$rt" >>"$RESULTS"
      echo "$rt: missing" >&2
    fi
  done
}

# --- Servers -----------------------------------------------------------------

# Sets CMD to the command serving app folder $2 on port $3 with runtime $1.
# Each is the runtime's own binary (no wrapper process), so the PID we get is
# the server whose CPU time and memory we read.
server_cmd() {
  local rt=$1 app=$2 port=$3
  case $rt in
    nano) CMD=("$NANO" serve "$app" --cores 1 --port "$port" --admin-port $((port + 1000)) --log-format json) ;;
    nano-quiet) server_cmd nano "$app" "$port"; CMD+=(--access-log off) ;;
    # `manual`: the app's node_modules as npm left it (found from the app's
    # folder, whatever the working folder).
    deno) CMD=("$DENO" serve --node-modules-dir=manual --host 127.0.0.1 --port "$port" "$app/index.js") ;;
    bun) CMD=("$BUN" --port="$port" run loadtests/bun_entry.js "$app/index.js") ;;
    node) CMD=("$NODE" loadtests/node_adapter.mjs "$app/index.js" "$port") ;;
  esac
}
# No update checks or telemetry, and Deno's cache inside loadtests/.runtimes.
export DENO_NO_UPDATE_CHECK=1 DO_NOT_TRACK=1 DENO_DIR=$PWD/$RT/deno-dir

# Starts runtime $1 serving workload $2 on port $3, pinned to SERVER_CPU, and
# waits until it answers. Sets SERVER_PID. Fails after 15 s.
start_server() {
  local rt=$1 workload=$2 port=$3 log=$WORK/$1-$2.log
  server_cmd "$rt" "loadtests/apps/$workload" "$port"
  # taskset execs the command, so $! is the server itself.
  taskset -c "$SERVER_CPU" "${CMD[@]}" >"$log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 300); do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "$rt exited while starting $workload: $(tail -c 400 "$log")" >&2
      return 1
    fi
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    sleep 0.05
  done
  echo "$rt did not listen on $port within 15 s" >&2
  return 1
}

# CPU time (user + system, all threads) of process $1, in clock ticks.
cpu_ticks() {
  local stat fields
  stat=$(<"/proc/$1/stat")
  # Fields after the command name, which is in parentheses and may hold spaces:
  # state is the first, utime the 12th, stime the 13th.
  read -r -a fields <<<"${stat##*) }"
  echo $((fields[11] + fields[12]))
}

# Time the hypervisor gave CPU $1 to something else (steal, from
# /proc/stat), in clock ticks. A virtual CPU held off for tens of ms stalls
# every request in flight, whatever the runtime.
steal_ticks() { awk -v cpu="cpu$1" '$1 == cpu {print $9}' /proc/stat; }

# Peak resident memory of process $1 (VmHWM), in KiB.
peak_rss_kib() { awk '$1 == "VmHWM:" {print $2}' "/proc/$1/status"; }

# Records that runtime $2 gave no figures for workload $1, and why ($3).
record_missing() {
  printf 'missing\t%s\t%s\t%s\n' "$1" "$2" "$3" >>"$RESULTS"
  echo "$1 $2: $3" >&2
}

# One measured run: fresh server, a check of its answer, warm-up, then wrk.
run_one() {
  local round=$1 workload=$2 rt=$3 url status before after hwm stolen_before
  url="http://127.0.0.1:$PORT$(url_path "$workload")"
  if ! start_server "$rt" "$workload" "$PORT"; then
    record_missing "$workload" "$rt" "did not start (round $round)"
    stop_server
    return 0
  fi
  status=$(curl -s -o "$WORK/body" -w '%{http_code}' --max-time 10 "$url" || true)
  if [ "$status" != 200 ]; then
    record_missing "$workload" "$rt" \
      "answered ${status:-nothing}: $(head -c 200 "$WORK/body" 2>/dev/null | tr '\t\n' '  ')"
    stop_server
    return 0
  fi
  printf 'body\t%s\t%s\t%s\t%s\n' "$workload" "$rt" \
    "$(sha256sum <"$WORK/body" | cut -d' ' -f1)" "$(wc -c <"$WORK/body")" >>"$RESULTS"

  timeout $((WARMUP + 30)) taskset -c "$CLIENT_CPU" \
    wrk -t1 -c"$CONNECTIONS" -d"${WARMUP}s" "$url" >/dev/null || true
  before=$(cpu_ticks "$SERVER_PID")
  stolen_before=$(steal_ticks "$SERVER_CPU")
  if ! timeout $((DURATION + 30)) taskset -c "$CLIENT_CPU" \
      wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$url" >"$WORK/wrk.txt"; then
    record_missing "$workload" "$rt" "wrk failed (round $round)"
    stop_server
    return 0
  fi
  printf 'steal\t%s\t%s\t%s\t%s\n' "$round" "$workload" "$rt" \
    $((($(steal_ticks "$SERVER_CPU") - stolen_before) * 1000 / CLK_TCK)) >>"$RESULTS"
  # Read before stopping it; a server that died meanwhile has no VmHWM left.
  after=$(cpu_ticks "$SERVER_PID" 2>/dev/null) || after=
  hwm=$(peak_rss_kib "$SERVER_PID" 2>/dev/null) || hwm=
  stop_server
  if [ -z "$after" ] || [ -z "$hwm" ]; then
    record_missing "$workload" "$rt" "server exited during the run (round $round)"
  elif ! python3 loadtests/report.py row "$round" "$workload" "$rt" "$WORK/wrk.txt" \
      $((after - before)) "$CLK_TCK" "$hwm" >"$WORK/row"; then
    record_missing "$workload" "$rt" "wrk output unreadable (round $round): $(head -c 200 "$WORK/wrk.txt" | tr '\t\n' '  ')"
  else
    cat "$WORK/row" >>"$RESULTS"
    cut -f2- "$WORK/row" >&2
  fi
}

# --- Start-up ------------------------------------------------------------------

# Sets CMD to a whole process that evaluates 1+1 with runtime $1.
eval_cmd() {
  case $1 in
    nano) CMD=("$NANO" eval "1+1") ;;
    deno) CMD=("$DENO" eval "1+1") ;;
    bun) CMD=("$BUN" -e "console.log(1+1)") ;;
    node) CMD=("$NODE" -e "console.log(1+1)") ;;
  esac
}

run_startup() {
  local i rt ms
  local -a runtimes=()
  # nano-quiet starts as NANO does.
  for rt in "${AVAILABLE[@]}"; do [ "$rt" = nano-quiet ] || runtimes+=("$rt"); done
  echo "start-up: eval x $EVAL_RUNS, serve x $SERVE_RUNS per runtime" >&2
  for i in $(seq "$EVAL_RUNS"); do
    for rt in "${runtimes[@]}"; do
      eval_cmd "$rt"
      ms=$(python3 loadtests/startup.py eval "$SERVER_CPU" "$CLIENT_CPU" -- "${CMD[@]}" || true)
      printf 'startup\teval\t%s\t%s\n' "$rt" "$ms" >>"$RESULTS"
    done
  done
  for i in $(seq "$SERVE_RUNS"); do
    for rt in "${runtimes[@]}"; do
      PORT=$((PORT + 1))
      server_cmd "$rt" loadtests/apps/hello "$PORT"
      ms=$(python3 loadtests/startup.py serve "$SERVER_CPU" "$CLIENT_CPU" "$PORT" -- "${CMD[@]}" || true)
      printf 'startup\tserve\t%s\t%s\n' "$rt" "$ms" >>"$RESULTS"
    done
  done
}

# --- Main ------------------------------------------------------------------------

check_runtimes
for workload in $WORKLOADS; do
  app=loadtests/apps/$workload
  [ -f "$app/index.js" ] || { echo "no app $app" >&2; exit 2; }
  # A workload with npm dependencies (hono) gets them as its lock file says.
  if [ -f "$app/package-lock.json" ] && [ ! "$app/node_modules/.package-lock.json" -nt "$app/package-lock.json" ]; then
    timeout 300 npm ci --prefix "$app" --no-audit --no-fund --loglevel=error >&2
  fi
  for rt in "${!MISSING[@]}"; do
    record_missing "$workload" "$rt" "${MISSING[$rt]}" 2>/dev/null
  done
done

for round in $(seq "$ROUNDS"); do
  echo "round $round of $ROUNDS" >&2
  for workload in $WORKLOADS; do
    for rt in "${AVAILABLE[@]}"; do
      PORT=$((PORT + 1))
      run_one "$round" "$workload" "$rt"
    done
  done
done

[ "$STARTUP" = 0 ] || [ "${#AVAILABLE[@]}" = 0 ] || run_startup

# The same build can rank differently on another CPU: the tables say which.
# A virtual machine's model name can be generic; family and model number
# tell CPU generations apart.
cpu_model=$(awk -F': ' '/^model name/ {name = $2} /^cpu family/ {family = $2} /^model\t/ {model = $2}
  /^$/ {exit} END {printf "%s (family %s, model %s)", name, family, model}' /proc/cpuinfo)
printf 'machine\t%s, %s CPUs, Linux %s\n' "$cpu_model" "$(nproc)" "$(uname -r)" >>"$RESULTS"

echo
python3 loadtests/report.py table "$RESULTS"
