# Relais: `make run` to chat with the bot, `make test` to check everything.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Rasa 3.6 needs Python 3.10: the first python3.10 that runs (PATH, then pyenv's versions; a
# pyenv shim on PATH may exist without working).
PYTHON310 ?= $(shell for p in python3.10 $$HOME/.pyenv/versions/3.10*/bin/python3.10; do \
	"$$p" -c 'import sys; assert sys.version_info[:2] == (3, 10)' >/dev/null 2>&1 && { command -v "$$p"; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
# The Telegram edge (bot/) runs in its own virtualenv, with current aiohttp and
# python-telegram-bot: it faces the internet, and Rasa's pins (aiohttp<3.10) would hold it back.
EDGE_VENV := .venv-edge
EDGE_BIN := $(EDGE_VENV)/bin
MODEL := models/relais.tar.gz
MODEL_INPUTS := config.yml rasa_components/crisis_guard.py relais/crisis_classifier.py relais/text.py $(shell find data domain relais/content/tracks -name "*.yml" 2>/dev/null)

export PYTHONPATH := $(CURDIR)
export TF_CPP_MIN_LOG_LEVEL := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export RASA_TELEMETRY_ENABLED := false
# Rasa 3.6 and its dependencies print pages of deprecation warnings on every command.
export PYTHONWARNINGS := ignore
export LOG_LEVEL ?= WARNING

.PHONY: help install train validate lint run desk test test-stories test-unit bench lock lock-edge purge clean

help:
	@echo "make run    install if needed, train if stale, start Rasa + actions, chat in the terminal"
	@echo "make test   validate the data, train if stale, run the story tests and pytest"
	@echo "make desk   the coach desk in a terminal, for the conversations of make run"
	@echo "make validate | lint | train | bench | purge | lock | lock-edge | clean"

$(BIN)/python:
	@test -n "$(PYTHON310)" || { echo "Python 3.10 is required (python3.10 on PATH)."; exit 1; }
	$(PYTHON310) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(EDGE_BIN)/python:
	@test -n "$(PYTHON310)" || { echo "Python 3.10 is required (python3.10 on PATH)."; exit 1; }
	$(PYTHON310) -m venv $(EDGE_VENV)

# The check after the install: importing the edge must not pull Rasa in.
$(EDGE_VENV)/.installed: requirements-edge.txt | $(EDGE_BIN)/python
	$(EDGE_BIN)/pip install --quiet --disable-pip-version-check -r requirements-edge.txt
	$(EDGE_BIN)/python scripts/check_edge_imports.py
	touch $@

install: $(VENV)/.installed $(EDGE_VENV)/.installed

# Rasa retrains only what changed (its cache in .rasa/); when nothing it learns changed (an
# answer in a track file), it keeps the model as is: touch it so make knows it is up to date.
$(MODEL): $(VENV)/.installed $(MODEL_INPUTS)
	$(BIN)/rasa train --domain domain --fixed-model-name relais --out models --quiet
	touch $@

train: $(MODEL)

validate: install
	$(BIN)/python scripts/validate_data.py

# ruff on the whole tree (ruff.toml), then mypy strict on the domain package relais/ (mypy.ini).
lint: $(EDGE_VENV)/.installed
	$(EDGE_BIN)/ruff check .
	$(EDGE_BIN)/mypy

run: $(MODEL) $(EDGE_VENV)/.installed
	./scripts/run-local.sh

# The local coach desk, in a second terminal while `make run` is running.
desk: install
	@test -f var/secrets.env || { echo "Start \`make run\` first (in another terminal)."; exit 1; }
	@RASA_AUTH_TOKEN="$${RASA_AUTH_TOKEN:-$$(sed -n 's/^RASA_AUTH_TOKEN=//p' var/secrets.env)}" \
	  PSEUDONYM_SECRET="$${PSEUDONYM_SECRET:-$$(sed -n 's/^PSEUDONYM_SECRET=//p' var/secrets.env)}" \
	  $(EDGE_BIN)/python -m bot.desk_terminal

# `rasa test core` reads the domain from the model: it takes no --domain.
test-stories: $(MODEL)
	$(BIN)/rasa test core --model $(MODEL) --stories tests/stories --fail-on-prediction-errors --out var/results --quiet

# Two virtualenvs: the edge's tests (tests/edge/) and the web space's browser tests (tests/web/)
# in the edge's (the edge's start Rasa from .venv as a process when they need it), everything
# else in Rasa's.
test-unit: $(MODEL) $(EDGE_VENV)/.installed
	$(BIN)/pytest -q tests --ignore=tests/edge --ignore=tests/web
	$(EDGE_BIN)/pytest -q tests/edge
	$(EDGE_BIN)/pytest -q tests/web

test: lint validate test-stories test-unit

bench: $(MODEL) $(EDGE_VENV)/.installed
	$(BIN)/python bench/nlu_eval.py
	$(BIN)/python bench/crisis_eval.py
	$(BIN)/python bench/crisis_conversations.py
	$(BIN)/python bench/conversations.py --quiet
	$(BIN)/python bench/erasure_counts.py
	$(BIN)/python bench/train_time.py
	$(BIN)/python bench/latency.py
	$(BIN)/python bench/scale_out.py
	$(BIN)/python bench/actions_db.py
	$(BIN)/python bench/telegram_bridge.py
	$(BIN)/python bench/crisis_latency.py
	$(BIN)/python bench/coach_desk.py
	$(EDGE_BIN)/python bench/web_list.py
	$(EDGE_BIN)/python bench/grievance_pushback.py
	$(EDGE_BIN)/python bench/alert_broadcast.py
	$(BIN)/python bench/grievance_conversations.py --quiet
	$(EDGE_BIN)/python bench/observatory_pages.py

lock: $(BIN)/python
	rm -rf /tmp/relais-lock && $(PYTHON310) -m venv /tmp/relais-lock
	/tmp/relais-lock/bin/pip install --quiet -r requirements.in
	{ echo "# Generated from requirements.in by \`make lock\` (pip freeze of a fresh venv). Exact pins of every"; \
	  echo "# package Relais installs; edit requirements.in, not this file."; \
	  /tmp/relais-lock/bin/pip freeze; } > requirements.txt

lock-edge: $(BIN)/python
	rm -rf /tmp/relais-edge-lock && $(PYTHON310) -m venv /tmp/relais-edge-lock
	/tmp/relais-edge-lock/bin/pip install --quiet -r requirements-edge.in
	{ echo "# Generated from requirements-edge.in by \`make lock-edge\` (pip freeze of a fresh venv). Exact pins of"; \
	  echo "# every package the Telegram edge's virtualenv (.venv-edge) installs; edit requirements-edge.in."; \
	  /tmp/relais-edge-lock/bin/pip freeze; } > requirements-edge.txt

# The retention policy's purge, once (the Telegram edge runs it daily; see README, Retention).
purge: install
	$(EDGE_BIN)/python -m relais.retention

clean:
	rm -rf models var .rasa results
