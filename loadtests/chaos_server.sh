# Sourced by chaos.sh and soak.sh: serves loadtests/apps/chaos with NANO on
# one pinned core, waits until it answers, and on exit stops it and the
# process in $BACKGROUND (the script's load or firing loop), if any.
# Needs NANO, PORT, ADMIN_PORT, NANO_FLAGS and SERVER_CPU; sets WORK (a
# temporary folder, removed on exit), SERVER and BACKGROUND.

command -v wrk >/dev/null || { echo "wrk is missing: run make setup" >&2; exit 2; }
command -v curl >/dev/null || { echo "curl is missing" >&2; exit 2; }

WORK=$(mktemp -d)
# shellcheck disable=SC2086 # NANO_FLAGS is a list of flags
taskset -c "$SERVER_CPU" "$NANO" serve loadtests/apps/chaos --cores 1 --port "$PORT" \
  --admin-port "$ADMIN_PORT" --access-log off $NANO_FLAGS 2>"$WORK/server.log" &
SERVER=$!
BACKGROUND=
cleanup() {
  [ -n "$BACKGROUND" ] && kill "$BACKGROUND" 2>/dev/null
  kill "$SERVER" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
for _ in $(seq 100); do
  curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$PORT/" && break
  sleep 0.1
done
