# lawdb: the two commands a newcomer needs.
#   make demo   set up, ingest the bundled sample documents, serve the UI (PORT=5000)
#   make test   set up, run every test (ruff, then pytest)
#   make audit  check the locked dependencies (requirements.lock) for known vulnerabilities
#   make lock   regenerate requirements.lock after changing dependencies in pyproject.toml

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 5000
DEMO_DATA ?= lawdb-data
PYTEST_ARGS ?=
# Test processes: the suite is CPU-bound and its tests are independent (each
# gets its own database), so it runs on every core.
PYTEST_WORKERS ?= auto

.PHONY: help setup demo test lint bench audit lock clean

help:
	@echo "make demo   - set up, ingest samples/, serve http://127.0.0.1:$(PORT)/"
	@echo "make test   - set up and run the whole test suite"
	@echo "make lint   - ruff check"
	@echo "make bench  - run the benchmarks (prints figures)"
	@echo "make audit  - known vulnerabilities in the locked dependencies (requirements.lock)"
	@echo "make lock   - regenerate requirements.lock from a fresh virtualenv"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "lawdb needs Python 3.11 or newer (set PYTHON=...)")'
	$(PYTHON) -m venv $(VENV)

# Reinstall whenever the project's dependencies change.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev]"
	@touch $@

setup: $(VENV)/.installed

lint: setup
	$(BIN)/ruff check .

test: setup
	$(BIN)/ruff check .
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

demo: setup
	$(BIN)/lawdb --data-dir $(DEMO_DATA) init
	$(BIN)/lawdb --data-dir $(DEMO_DATA) ingest samples --manifest samples/manifest.csv
	@echo "lawdb demo: http://127.0.0.1:$(PORT)/  (an ingest worker runs beside the server; Ctrl-C stops both)"
	@$(BIN)/lawdb --data-dir $(DEMO_DATA) worker --poll 2 & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/lawdb --data-dir $(DEMO_DATA) serve --port $(PORT)

bench: setup
	@for b in benchmarks/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

# tools/audit.py reads PyPI's advisories for every pinned package (see its docstring for what
# this network can and cannot ask). Network trouble is a warning; a known vulnerability fails.
audit: setup
	$(BIN)/python tools/audit.py requirements.lock

# Everything `pip install -e ".[dev]"` brings into a new virtualenv, pinned; the audit reads it.
lock:
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	  $(PYTHON) -m venv "$$tmp/venv" && \
	  "$$tmp/venv/bin/python" -m pip install -q --upgrade pip && \
	  "$$tmp/venv/bin/python" -m pip install -q -e ".[dev]" && \
	  { echo '# Every package a fresh pip install -e ".[dev]" brings, pinned. Made by make lock; read by make audit.'; \
	    "$$tmp/venv/bin/python" -m pip freeze --exclude-editable; } > requirements.lock
	@echo "requirements.lock: $$(grep -vc '^#' requirements.lock) packages"

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build dist *.egg-info
