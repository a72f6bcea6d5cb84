# Leren met de Stad — the two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CHROMIUM ?= /usr/bin/chromium
HOST ?= 127.0.0.1:8000
TRANSACTIONAL_TESTS_BROWSER := tests/browser
TRANSACTIONAL_TESTS_CONCURRENCY := tests/marketplace/test_applications_accept_concurrency.py

.PHONY: run test install install-dev messages migrate seed lint check clean resilience prod-check bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt

install-dev: $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	npm ci --no-audit --no-fund --silent

messages: $(BIN)/python
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=node_modules -v0

migrate:
	mkdir -p var
	$(BIN)/python manage.py migrate --no-input -v0

seed:
	$(BIN)/python manage.py seed_demo

run: install messages migrate seed
	@echo "Leren met de Stad runs at http://$(HOST)/ (English at http://$(HOST)/en/). Stop with Ctrl+C."
	$(BIN)/python manage.py runserver $(HOST)

test: install-dev messages
	@test -x $(CHROMIUM) || { echo "Chromium is missing; install it with: sudo apt-get install -y chromium"; exit 1; }
	@# On every core. Tests that empty the database when they end (real-browser tests with their
	@# live server, and the PostgreSQL concurrency test) run as a second batch, so that no test
	@# that needs the rows the migrations made runs after them on the same worker.
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python -m pytest -n auto --dist loadfile \
		--ignore=$(TRANSACTIONAL_TESTS_BROWSER) --ignore=$(TRANSACTIONAL_TESTS_CONCURRENCY)
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python -m pytest -n auto --dist loadfile \
		$(TRANSACTIONAL_TESTS_BROWSER) $(TRANSACTIONAL_TESTS_CONCURRENCY)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py check

# The fault suite (a few minutes): its own PostgreSQL, Redis, gunicorn and task worker on spare
# loopback ports; see scripts/resilience.py.
resilience: install messages
	$(BIN)/python scripts/resilience.py

# The deployment kit for real (about two minutes): nginx with deploy/nginx in front of two
# gunicorn instances and the task worker, on a database of its own (created and dropped on the
# PostgreSQL server of PROD_CHECK_PG_ADMIN_URL) and a Redis of its own; then a backup restored into
# a fresh database. Loopback only; see scripts/prod_check.py.
prod-check: install messages
	$(BIN)/python scripts/prod_check.py

# Speed per page next to a bare Django view, with the page cache on and off (six to ten minutes):
# gunicorn with the production settings, driven by wrk (sudo apt-get install -y wrk), on a SQLite
# database of its own in var/bench/ with 10,000 challenges, made in bulk once and kept for
# the next run. It reports; it asserts nothing. Options in BENCH_ARGS, e.g.
# BENCH_ARGS="--database-url postgres://postgres@127.0.0.1:5432/postgres"; see scripts/bench.py.
bench: install messages
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

clean:
	rm -rf var/test-media* var/test-private* .pytest_cache test-artifacts
