# The single entry point. `make help` lists the verbs; each one sets up what it needs first.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

# uv from PATH, else the one `setup` installs with pip.
UV ?= $(shell command -v uv 2>/dev/null || echo "python3 -m uv")
RUN := $(UV) run --frozen
PYTEST := $(RUN) pytest

# The console's npm packages, installed from package-lock.json whenever it changes.
FRONTEND_DEPS := frontend/node_modules/.package-lock.json

.PHONY: help setup python dev test coverage-gate test-flaky durations test-unit test-integration test-e2e frontend console browser client lint lint-workflows fmt bench offline-images clean

help: ## List the verbs
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  \033[1m%-18s\033[0m %s\n", $$1, $$2}'

# Bytecode at install time: where PYTHONDONTWRITEBYTECODE is set (containers, CI images), every
# process would otherwise compile what it imports (seconds). Not in [tool.uv]: there every
# `uv run` would walk the whole environment again (~0.15 s).
setup: python $(FRONTEND_DEPS) ## Install everything (uv if missing, Python deps from uv.lock, npm deps)

python: ## Install the Python side only (uv if missing, deps from uv.lock): what the unit and integration tiers need
	@$(UV) --version >/dev/null 2>&1 || python3 -m pip install --quiet uv
	@$(UV) sync --frozen --compile-bytecode

$(FRONTEND_DEPS): frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	@touch $@

frontend: setup ## Type-check, unit-test and build the console (frontend/dist, served by the backend)
	cd frontend && npm test && npm run build

# A Chromium for the E2E tier: the one found (see e2e/harness/chromium.py), else Playwright's own,
# downloaded once (this needs internet; without it, install your distribution's chromium).
browser: setup ## Find a Chromium for the E2E tests, or download Playwright's
	@PYTHONPATH=e2e $(RUN) python -m harness.chromium || $(RUN) playwright install chromium

console: setup ## Build the console only (type-check + bundle into frontend/dist)
	cd frontend && npm run build -- --logLevel warn

client: setup ## Regenerate the console's typed API client from the backend's OpenAPI document
	$(RUN) lookout openapi --output frontend/src/api/openapi.json
	cd frontend && npm run client

# The backend serves frontend/dist, and Vite rebuilds it on every change: reload the page.
dev: setup ## The console and API on http://127.0.0.1:8000 (embedded PostgreSQL + Redis unless LOOKOUT_*_URL are set)
	cd frontend && npm run build -- --logLevel warn
	(cd frontend && exec npx vite build --watch --logLevel warn) & trap 'kill $$!' EXIT; \
		$(RUN) lookout dev --simulate

# Coverage gates: the whole backend, and models and schemas on their own (every line).
BACKEND := */src/lookout/*
MODELS_AND_SCHEMAS := */src/lookout/*/models.py,*/src/lookout/*/schemas.py

# One pytest process per tier, each with its own JUnit report (tools/tier_report.py makes the
# timing table from them). The E2E tier must have a process of its own anyway: Playwright's sync
# API leaves its event loop set as the thread's running loop, and pytest-asyncio tests cannot
# start theirs after it.
TIERS := unit integration e2e
JUNIT := reports/junit
# Where each tier's tests live (the root conftest.py marks them by folder). Naming the folders
# keeps a tier from loading another's conftests: only the e2e folder loads Playwright.
unit_PATHS := backend/tests/unit tools
integration_PATHS := backend/tests/integration devservices/tests
e2e_PATHS := e2e
test: frontend browser ## Build the console, run every test tier in parallel, then the coverage gates
	@rm -rf .coverage .coverage.* $(JUNIT)
	$(PYTEST) -m unit $(unit_PATHS) --cov --cov-config=tools/coverage-unit.toml --cov-report= \
		--junitxml=$(JUNIT)/unit.xml
	$(PYTEST) -m integration $(integration_PATHS) --cov --cov-append --cov-report= \
		--junitxml=$(JUNIT)/integration.xml
	$(PYTEST) -m e2e $(e2e_PATHS) --cov --cov-append --cov-report=xml:reports/coverage.xml \
		--junitxml=$(JUNIT)/e2e.xml
	$(RUN) python tools/tier_report.py $(patsubst %,$(JUNIT)/%.xml,$(TIERS))
	$(MAKE) --no-print-directory coverage-gate

coverage-gate: ## The coverage gates, on the data in .coverage (one run's, or combined from CI jobs)
	$(RUN) coverage report --include='$(BACKEND)' --fail-under=90
	$(RUN) coverage report --include='$(MODELS_AND_SCHEMAS)' --fail-under=100 --no-skip-covered

test-unit: python ## Unit and property tests (no services)
	$(PYTEST) -m unit $(unit_PATHS)

test-integration: python ## Integration tests against real PostgreSQL and Redis
	$(PYTEST) -m integration $(integration_PATHS)

# Flake hunt: every tier FLAKY_RUNS times, each run in an order of its own (pytest-randomly),
# then tools/flaky_report.py names every test whose result changed. A run whose tests failed
# (exit 1) is what the hunt records; any other exit (5: it collected nothing) stops it.
# FLAKY_TIERS and FLAKY_ARGS narrow it, e.g. FLAKY_TIERS=e2e FLAKY_ARGS="-k alerts".
# FLAKY_RUN_NAMES names the runs' report folders (reports/flaky/run-<name>): each runner of the
# nightly workflow makes one run of its own, and a last job compares them all.
FLAKY_RUNS ?= 5
FLAKY_RUN_NAMES ?= $(shell seq 1 $(FLAKY_RUNS))
FLAKY_TIERS ?= $(TIERS)
FLAKY_ARGS ?=
test-flaky: console browser ## Run every tier FLAKY_RUNS (5) times in random order; report tests whose result changed
	@rm -rf reports/flaky
	@for run in $(FLAKY_RUN_NAMES); do \
		seed=$$(( (RANDOM << 15) | RANDOM )); \
		$(foreach tier,$(FLAKY_TIERS),\
			echo "::: run $$run, $(tier): --randomly-seed=$$seed"; \
			$(PYTEST) -m $(tier) $($(tier)_PATHS) -q --randomly-seed=$$seed \
				--junitxml=reports/flaky/run-$$run/$(tier).xml $(FLAKY_ARGS) \
				|| [ $$? -eq 1 ];) \
	done
	$(RUN) python tools/flaky_report.py reports/flaky/run-*

# Recorded per-test durations of the E2E tier: CI splits it across runners by these.
durations: console browser ## Re-record .test_durations (E2E) for sharding; commit the result
	$(PYTEST) -m e2e $(e2e_PATHS) -p no:randomly --store-durations --clean-durations

test-e2e: console browser ## Browser tests: the built console on a live app, in Chromium (traces of failures in test-results/)
	$(PYTEST) -m e2e $(e2e_PATHS)

lint: setup ## ruff, mypy, the workflows (actionlint, zizmor), the API client up to date, models-vs-migrations drift
	$(RUN) ruff check .
	$(RUN) ruff format --check .
	$(RUN) mypy
	$(RUN) mypy e2e
	$(MAKE) --no-print-directory lint-workflows
	$(MAKE) --no-print-directory client
	git diff --exit-code -- frontend/src/api || { echo "the API client is stale: run make client and commit" >&2; exit 1; }
	$(RUN) devservices run --postgres-env LOOKOUT_DATABASE_URL -- \
		sh -c 'alembic -c pyproject.toml upgrade head && alembic -c pyproject.toml check'

# actionlint checks each workflow's syntax, expressions and `run:` scripts (with the shellcheck
# from uv.lock); zizmor its security (pins, permissions, credentials, injection). Offline: no
# GitHub API calls, so the result depends on the files alone. ACTIONLINT picks another build
# of actionlint than the one in uv.lock (ADR 0017), e.g. `make lint ACTIONLINT=actionlint`.
ACTIONLINT ?= $(RUN) actionlint
lint-workflows: python ## The GitHub workflows and Dependabot config: actionlint and zizmor, failing on any finding
	$(ACTIONLINT)
	$(RUN) zizmor --offline --no-progress --quiet .github

fmt: setup ## Format and autofix
	$(RUN) ruff format .
	$(RUN) ruff check --fix .

bench: setup ## Benchmarks: this suite's own speed, devservices costs, ingest, live delivery and a sign-in flood, the E2E reset
	$(RUN) python tools/suite_bench.py
	$(RUN) python -m devservices.bench
	$(RUN) python -m devservices.bench.patterns
	$(RUN) devservices run --postgres-env LOOKOUT_DATABASE_URL --redis-env LOOKOUT_REDIS_URL -- \
		python backend/bench/realtime.py
	$(RUN) devservices run --postgres-env LOOKOUT_DATABASE_URL --redis-env LOOKOUT_REDIS_URL -- \
		env PYTHONPATH=e2e:backend/tests python -m harness.bench

offline-images: ## Build postgres/redis images from Debian packages (Docker engine, no registry)
	devservices/images/build.sh

clean: ## Remove caches and reports (keeps .venv and the dev data in .data/)
	rm -rf .pytest_cache .mypy_cache .ruff_cache .hypothesis reports htmlcov .coverage .coverage.* test-results
	find . -name __pycache__ -type d -prune -not -path './.venv/*' -exec rm -rf {} +
