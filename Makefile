# The two commands a contributor needs: `make site` and `make test`.
# Both create .venv on first use and install what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
TEST_INSTALLED := $(VENV)/.installed-test
PIP := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: site test test-fast validate lint format benchmark clean

site: $(INSTALLED)
	$(BIN)/odx build

validate: $(INSTALLED)
	$(BIN)/odx validate

test: $(TEST_INSTALLED) node_modules/.installed
	@scripts/ensure-system-tools.sh
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest

# Unit tests and one build of each kind, no browser: under a minute, for the edit-test loop.
test-fast: $(TEST_INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/pytest -q -n auto -m "not browser and not slow and not full"

lint: $(TEST_INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(TEST_INSTALLED)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

benchmark: $(INSTALLED)
	$(BIN)/python benchmarks/large_resource.py --rows 1000000
	$(BIN)/python benchmarks/scale.py --homes 1000,10000
	$(BIN)/python benchmarks/rebuild.py --homes 10000

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(INSTALLED): pyproject.toml | $(BIN)/python
	$(PIP) install -e .
	@touch $@

$(TEST_INSTALLED): pyproject.toml | $(BIN)/python
	$(PIP) install -e '.[test]'
	@touch $(INSTALLED) $@

node_modules/.installed: package.json package-lock.json
	@scripts/ensure-system-tools.sh
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

clean:
	rm -rf site .site.* .pytest_cache .ruff_cache .mypy_cache
