# Two commands for a newcomer:  `make run`  and  `make test`.
# Each sets up what is missing (Debian packages, the virtualenv, the editor build), idempotently.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# The real services `make test` also runs the suite against (this machine runs both).
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/builder
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15
# Parallel test processes (the suite is split across them).
TEST_WORKERS ?= 2

FRONTEND_SRC := $(shell find frontend -path frontend/node_modules -prune -o -path frontend/dist -prune -o -type f -print 2>/dev/null)

.PHONY: run test setup system system-test venv frontend messages migrate test-frontend test-embedded test-services lint bench clean

run: setup migrate
	@$(PY) manage.py collectstatic --noinput -v0
	@echo
	@echo "  Serving on http://$(HOST):$(PORT)/"
	@echo "  First time? Create your account at http://$(HOST):$(PORT)/accounts/signup/ (no default user exists)."
	@echo "  API docs: http://$(HOST):$(PORT)/api/docs/    Rules: http://$(HOST):$(PORT)/rules/"
	@echo
	$(PY) -m config.serve -b $(HOST) -p $(PORT) config.asgi:application

test: system-test setup
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory test-frontend
	$(MAKE) --no-print-directory test-embedded
	$(MAKE) --no-print-directory test-services

# 0. The editor's unit tests (Vitest), when the editor exists.
test-frontend:
	@if [ -f frontend/package.json ]; then cd frontend && npm test --silent; fi

# 1. The embedded default: SQLite, in-process channel layer, renders in a thread.
test-embedded:
	@echo "== suite on the embedded default (SQLite, in-process layer, thread renders)"
	env -u DATABASE_URL -u REDIS_URL $(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile -p no:cacheprovider -q

# 2. The real services: PostgreSQL, Redis channel layer, renders through a real Celery worker.
test-services:
	@echo "== suite on PostgreSQL + Redis + a Celery worker"
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile -p no:cacheprovider -q

setup: system venv frontend messages

# The server pages' Korean: builder/locale/*/LC_MESSAGES/django.po compiled to .mo (gettext's
# msgfmt, from Debian's gettext), again only when a .po changes. The findings, rules and
# catalog need none of it (builder/i18n is a Python catalog).
PO_FILES := $(wildcard builder/locale/*/LC_MESSAGES/django.po)
MO_FILES := $(PO_FILES:.po=.mo)
messages: $(MO_FILES)

builder/locale/%/LC_MESSAGES/django.mo: builder/locale/%/LC_MESSAGES/django.po | system
	msgfmt --check -o $@ $<

system:
	@bash scripts/setup_system.sh

system-test:
	@bash scripts/setup_system.sh --browser

venv: $(VENV)/.installed

# Runtime (requirements.txt) and tests/tooling (requirements-dev.txt, which includes it).
$(VENV)/.installed: requirements.txt requirements-dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements-dev.txt
	@touch $@

# The editor is built only when its sources exist (and again only when they change).
ifneq ($(wildcard frontend/package.json),)
frontend: frontend/dist/.vite/manifest.json
else
frontend:
	@echo "no frontend/package.json: skipping the editor build"
endif

frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	@touch $@

frontend/dist/.vite/manifest.json: frontend/node_modules/.installed $(FRONTEND_SRC)
	cd frontend && npm run build
	@touch $@

migrate: venv
	$(PY) manage.py migrate --noinput -v0

# mypy (pyproject.toml [tool.mypy]): strict on the pure core (catalog, document, rules, cli, i18n, render),
# with the django-stubs plugin configured for the Django shell.
MYPY_STRICT := builder/catalog builder/document.py builder/rules builder/cli builder/i18n builder/render

# ESLint (frontend/eslint.config.js: typescript-eslint, rules of hooks, exhaustive deps) on the editor.
ifneq ($(wildcard frontend/package.json),)
LINT_FRONTEND := frontend/node_modules/.installed
endif

lint: venv $(LINT_FRONTEND)
	$(VENV)/bin/ruff check --quiet .
	$(VENV)/bin/ruff format --check --quiet .
	$(VENV)/bin/mypy $(MYPY_STRICT)
	@if [ -f frontend/package.json ]; then cd frontend && npm run lint --silent; fi

bench: setup
	$(PY) bench/validate.py
	$(PY) bench/render.py

clean:
	rm -rf $(VENV) frontend/node_modules frontend/dist var
