# The README's two commands: `make generate` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: generate test check fuzz clean

$(STAMP): requirements-dev.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements-dev.lock
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

generate: $(STAMP)  ## schema/ -> generated/
	$(BIN)/python -m codegen

test: $(STAMP)  ## the whole suite
	$(BIN)/python -m pytest

fuzz: $(STAMP)  ## long differential campaign, random seed; disagreements become fixtures
	$(BIN)/python -m tests.fuzz --cases $(or $(CASES),200000)

check: $(STAMP)  ## ruff and mypy (strict on generated/)
	$(BIN)/python -m ruff check codegen tests generated
	$(BIN)/python -m ruff format --check codegen tests generated
	$(BIN)/python -m mypy

clean:
	rm -rf $(VENV)
