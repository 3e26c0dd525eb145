#!/usr/bin/env bash
# Installs what NANO needs on a fresh Debian/Ubuntu machine: V8 (from libnode),
# its run-time libraries, and the load generator. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

V8_DIR=third_party/libnode
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"

apt_updated=0
apt_update_once() {
  if [ "$apt_updated" -eq 0 ]; then
    $SUDO apt-get update -qq
    apt_updated=1
  fi
}

have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

install_pkgs() {
  local missing=()
  for p in "$@"; do have_pkg "$p" || missing+=("$p"); done
  if [ ${#missing[@]} -gt 0 ]; then
    apt_update_once
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
  fi
}

# V8 10.2 ships inside libnode108. Installing libnode-dev conflicts with other
# nodejs packages, so unpack the two packages into the project instead.
if [ -n "${NANO_V8_DIR:-}" ]; then
  echo "setup: using V8 from NANO_V8_DIR=$NANO_V8_DIR"
elif have_pkg libnode-dev && [ -f /usr/include/node/v8-version.h ] && grep -q 'V8_MAJOR_VERSION 10' /usr/include/node/v8-version.h; then
  echo "setup: using system libnode-dev"
elif [ ! -f "$V8_DIR/usr/include/node/v8.h" ] || [ ! -e "$V8_DIR/usr/lib/x86_64-linux-gnu/libnode.so.108" ]; then
  echo "setup: fetching libnode108 and libnode-dev from the OS package manager"
  apt_update_once
  tmp=$(mktemp -d)
  chmod 777 "$tmp"
  (cd "$tmp" && apt-get download libnode108 libnode-dev)
  rm -rf "$V8_DIR"
  mkdir -p "$V8_DIR"
  for deb in "$tmp"/*.deb; do dpkg -x "$deb" "$V8_DIR"; done
  rm -rf "$tmp"
fi

# libnode's run-time dependencies; most are present on a usual machine.
install_pkgs libuv1 libc-ares2 libicu72 libssl3 libnghttp2-14 libbrotli1 zlib1g g++ pkg-config
# Load generator for loadtests/ and tests/scale_out.rs; curl fires the bad
# routes of loadtests/chaos.sh and reads /metrics in it and soak.sh.
install_pkgs wrk curl
# Servers the tests start on their own, with their own configuration:
# nginx, the load balancer of tests/scale_out.rs, and redis-server, the
# shared KV store of tests/kv.rs. Installing a package may start its system
# service (where policy allows); none is wanted running.
install_service_pkg() {
  local pkg=$1 service=$2
  if ! have_pkg "$pkg"; then
    install_pkgs "$pkg"
    if command -v systemctl >/dev/null && systemctl is-active --quiet "$service" 2>/dev/null; then
      $SUDO systemctl disable --now "$service"
    elif command -v service >/dev/null && service "$service" status >/dev/null 2>&1; then
      $SUDO service "$service" stop
    fi
  fi
}
install_service_pkg nginx nginx
install_service_pkg redis-server redis-server
# The npm packages of the examples (examples/hono-ts imports hono), which
# tests/examples.rs serves. `npm ci` installs exactly what the lock file says.
command -v npm >/dev/null || install_pkgs npm
for example in examples/hono-ts; do
  if [ ! "$example/node_modules/.package-lock.json" -nt "$example/package-lock.json" ]; then
    echo "setup: npm ci in $example"
    npm ci --prefix "$example" --no-audit --no-fund --loglevel=error
  fi
done
echo "setup: done"
