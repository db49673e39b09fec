# Front-door commands. Each target runs scripts/setup.sh first, which is a no-op when
# nothing changed, so `make serve` / `make test` work on a fresh clone.
#   make test ARGS="-k browser"     extra pytest arguments
#   make test TEST_WORKERS=0        run pytest in one process (pytest-xdist's -n; default 2, CI's cores)
#   VENV=/tmp/venv make build       use another virtual environment

SHELL := bash
VENV ?= .venv
export VENV
PY := $(VENV)/bin/python
ARGS ?=
# Whole test files go to the same worker (--dist loadfile): a module's fixtures and pages are made
# once; in collection order (tests/conftest.py puts the long files first), not by test count.
TEST_WORKERS ?= 2
# Hide Material's end-of-life banner in every mkdocs run (and in the tests' builds).
export NO_MKDOCS_2_WARNING := 1

.PHONY: help setup setup-hooks setup-test serve build test lint check bench hooks clean distclean

help:
	@echo "make serve   set up, then serve the site at http://127.0.0.1:8000 (rebuilds only what an edit changes; make build is the strict gate)"
	@echo "make build   set up, then build the site into site/ (strict)"
	@echo "make test    set up for tests, then run pytest (ARGS=\"...\" for extra arguments)"
	@echo "make lint    set up for tests, then ruff check and ruff format --check (also part of make test)"
	@echo "make check   set up, then validate data/ (scripts/check_data.py)"
	@echo "make bench   set up for tests, then run scripts/bench.py"
	@echo "make hooks   install the pre-commit checks (validator, YAML lint) into git (no browser needed)"
	@echo "make clean   remove build and test output (distclean also removes $(VENV))"

setup:
	@bash scripts/setup.sh

setup-hooks:
	@bash scripts/setup.sh --hooks

setup-test:
	@bash scripts/setup.sh --test

serve: setup
	$(PY) -m mkdocs serve --dirty --no-strict --dev-addr 127.0.0.1:8000

build: setup
	$(PY) -m mkdocs build --strict --site-dir site

test: setup-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder $(ARGS)

lint: setup-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check: setup
	$(PY) scripts/check_data.py

bench: setup-test
	$(PY) scripts/bench.py

hooks: setup-hooks
	$(VENV)/bin/pre-commit install

clean:
	rm -rf site test-results .pytest_cache *.egg-info
	find . -path './.*' -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)
