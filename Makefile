# One command each for a fresh Debian/Ubuntu machine:
#   make run    set up, build, and serve examples/hello on http://127.0.0.1:8080
#   make test   set up, build, and run every test
.PHONY: setup build run test lint bench loadtest loadtest-compare loadtest-many-apps

CARGO ?= cargo
APP ?= examples/hello

setup:
	bash scripts/setup.sh

build: setup
	CARGO=$(CARGO) bash scripts/build_release.sh

run: build
	./target/release/nano serve $(APP)

test: setup
	$(CARGO) test --locked --all-targets

lint:
	$(CARGO) fmt --check
	$(CARGO) clippy --all-targets --locked -- -D warnings

bench: setup
	$(CARGO) bench --locked --bench engine

# The quick one: hello on NANO and Node, one round, no start-up section.
loadtest: build
	WORKLOADS=hello RUNTIMES="nano node" ROUNDS=1 STARTUP=0 bash loadtests/compare.sh

# NANO against Deno, Bun and Node on five workloads, plus start-up times.
# Installs Deno (PyPI) and Bun (npm) into loadtests/.runtimes/ on first use.
loadtest-compare: build
	bash loadtests/compare.sh

# 1000 apps in one process on one core: start-up, cold and warm first
# requests, RSS per loaded app, and one app's req/s against a 1-app server.
loadtest-many-apps: build
	python3 loadtests/many_apps.py
