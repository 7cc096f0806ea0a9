# The README's two commands: `make generate` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.bench-installed
# The pinned Node tools of the cross-language tests (package-lock.json). Without npm the tests
# that need them skip, except under CI=true, where they fail.
NODE_STAMP := node_modules/.installed
NODE_DEPS := $(if $(shell command -v npm),$(NODE_STAMP))

# Go (Debian's golang-go: 1.19 on these machines) formats the generated Go module, so `make
# generate` needs it, and runs its tests. Installed with apt when it is missing and apt can run
# (CI runs as root); without Go the Go tests skip, except under CI=true, where they fail.
GO_APT := $(if $(filter 0,$(shell id -u)),apt-get,sudo -n apt-get)

.PHONY: generate test check fuzz clean bench bench-smoke go-toolchain

# editable_mode=compat: generated/ on sys.path by a plain .pth, which mypy reads; pyproject.toml's
# package-dir mapping (the bundles shipped in the wheel) would otherwise install an import hook.
$(STAMP): requirements-dev.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements-dev.lock
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation \
		--config-settings editable_mode=compat -e .
	touch $(STAMP)

# --ignore-scripts: nothing the checks use needs an install script (one dependency's only
# script is a usage ping).
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $(NODE_STAMP)

go-toolchain:
	@command -v go >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1 || { \
	  echo "installing Debian's golang-go (Go is missing)"; \
	  $(GO_APT) update -qq && DEBIAN_FRONTEND=noninteractive $(GO_APT) install -y -qq golang-go >/dev/null \
	    || echo "warning: could not install golang-go: make generate needs gofmt, the Go tests skip"; }

generate: $(STAMP) go-toolchain  ## schema/ -> generated/
	$(BIN)/python -m codegen

test: $(STAMP) $(NODE_DEPS) go-toolchain  ## the whole suite, with the Node and Go cross-checks
	$(BIN)/python -m pytest

fuzz: $(STAMP)  ## long differential campaign, random seed; disagreements become fixtures
	$(BIN)/python -m tests.fuzz --cases $(or $(CASES),200000)

check: $(BENCH_STAMP)  ## ruff and mypy (strict on generated/); bench/ needs the bench tools
	$(BIN)/python -m ruff check codegen tests generated bench
	$(BIN)/python -m ruff format --check codegen tests generated bench
	$(BIN)/python -m mypy

# Bench-only tools (openai, orjson, matplotlib) on top of the dev venv; both locks in one resolve.
$(BENCH_STAMP): $(STAMP) requirements-bench.lock
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements-dev.lock -r requirements-bench.lock
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)  ## the full benchmark: writes bench/RESULTS.md, results.png, results.json
	$(BIN)/python -m bench

bench-smoke: $(BENCH_STAMP)  ## every bench path once on a tiny slice, in seconds (CI); writes to a temp dir
	$(BIN)/python -m bench --smoke

clean:
	rm -rf $(VENV) node_modules
