# Leren met de Stad — the two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CHROMIUM ?= /usr/bin/chromium
HOST ?= 127.0.0.1:8000
TRANSACTIONAL_TESTS_BROWSER := tests/browser
TRANSACTIONAL_TESTS_CONCURRENCY := tests/marketplace/test_applications_accept_concurrency.py

.PHONY: run test install install-dev messages migrate seed lint check clean

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

clean:
	rm -rf var/test-media* var/test-private* .pytest_cache test-artifacts
