# The README's two commands: `make generate` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The pinned Node tools of the cross-language tests (package-lock.json). Without npm the tests
# that need them skip, except under CI=true, where they fail.
NODE_STAMP := node_modules/.installed
NODE_DEPS := $(if $(shell command -v npm),$(NODE_STAMP))

.PHONY: generate test check fuzz clean

$(STAMP): requirements-dev.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements-dev.lock
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

# --ignore-scripts: nothing the checks use needs an install script (one dependency's only
# script is a usage ping).
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $(NODE_STAMP)

generate: $(STAMP)  ## schema/ -> generated/
	$(BIN)/python -m codegen

test: $(STAMP) $(NODE_DEPS)  ## the whole suite, with the Node cross-checks
	$(BIN)/python -m pytest

fuzz: $(STAMP)  ## long differential campaign, random seed; disagreements become fixtures
	$(BIN)/python -m tests.fuzz --cases $(or $(CASES),200000)

check: $(STAMP)  ## ruff and mypy (strict on generated/)
	$(BIN)/python -m ruff check codegen tests generated
	$(BIN)/python -m ruff format --check codegen tests generated
	$(BIN)/python -m mypy

clean:
	rm -rf $(VENV) node_modules
