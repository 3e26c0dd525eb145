# One command each for a fresh Debian/Ubuntu machine:
#   make run    set up, build, and serve examples/hello on http://127.0.0.1:8080
#   make test   set up, build, and run every test
.PHONY: setup build run test lint bench loadtest startup

CARGO ?= cargo
APP ?= examples/hello

setup:
	bash scripts/setup.sh

build: setup
	$(CARGO) build --release --locked

run: build
	./target/release/nano serve $(APP)

test: setup
	$(CARGO) test --locked --all-targets

lint:
	$(CARGO) fmt --check
	$(CARGO) clippy --all-targets --locked -- -D warnings

bench: setup
	$(CARGO) bench --locked --bench engine

loadtest: build
	bash loadtests/run.sh

startup: build
	python3 scripts/startup.py
