# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY_READY := $(VENV)/.ready
NLU_VENV := .venv-nlu
NLU_READY := $(NLU_VENV)/.ready
NODE_READY := node_modules/.ready
export PYTHONPATH := $(CURDIR)/lambda:$(CURDIR)

.PHONY: run test lint check-content nlu-check bench build serve skill-package clean

$(PY_READY): requirements-dev.txt lambda/requirements.txt
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

## run: the local console; pass options with ARGS="--date 2026-12-01 --tz Europe/London"
run: $(PY_READY)
	$(BIN)/python -m tools.console $(ARGS)

## test: lint, types, then every test (unit, functional, end-to-end)
test: $(PY_READY) $(NODE_READY) lint
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
	HF_HUB_OFFLINE=1 $(NLU_VENV)/bin/python -m tools.nlu_check $(ARGS)

## bench: cold start, warm latency, DynamoDB calls, memory, artifact size (not a test)
bench: $(PY_READY)
	$(BIN)/python -m tools.bench $(ARGS)

## serve: the skill as a web service (flask-ask-sdk), Alexa's signature and timestamp checked; ARGS="--port 8000"
serve: $(PY_READY)
	$(BIN)/python -m tools.web_service $(ARGS)

## build: the Lambda artifact exactly as `sam deploy` ships it (build/lambda)
build: $(PY_READY)
	$(BIN)/python -m tools.build_artifact

## skill-package: the ASK CLI skill package (build/skill-package) from interaction_models/
skill-package: $(PY_READY)
	$(BIN)/python -m tools.build_skill_package $(ARGS)

clean:
	rm -rf build .pytest_cache .mypy_cache .ruff_cache
