# The README's two commands: `make generate` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.bench-installed

.PHONY: generate test check clean bench bench-smoke

$(STAMP): requirements-dev.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements-dev.lock
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

generate: $(STAMP)  ## schema/ -> generated/
	$(BIN)/python -m codegen

test: $(STAMP)  ## the whole suite
	$(BIN)/python -m pytest

check: $(BENCH_STAMP)  ## ruff and mypy (strict on generated/)
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
	rm -rf $(VENV)
