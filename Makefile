# Two commands on a fresh machine: `make run` (the dashboard) and `make test` (every test).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
RUNTIME := $(VENV)/.runtime-installed
DEV := $(VENV)/.dev-installed
PORT ?= 8501

.PHONY: run dev test validate handout chromium clean lint snapshots mutate

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(RUNTIME): requirements.txt | $(PY)
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(DEV): requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install -q -r requirements.txt -r requirements-dev.txt
	touch $@ $(RUNTIME)

run: $(RUNTIME)
	$(PY) -m streamlit run dashboard.py --server.port $(PORT) --server.address localhost

dev: $(RUNTIME)  # for editing the code: reload on save (the served app does not watch files)
	$(PY) -m streamlit run dashboard.py --server.port $(PORT) --server.address localhost \
		--server.fileWatcherType auto --server.runOnSave true

validate: $(RUNTIME)
	@$(PY) -m explainer validate

handout: $(RUNTIME)
	$(PY) -m explainer handout

chromium:
	@bash scripts/ensure-chromium.sh

lint: $(DEV)
	$(VENV)/bin/ruff check .

test: $(DEV) chromium lint
	$(PY) -m explainer validate
	$(PY) -m pytest -q

snapshots: $(DEV) chromium  # after an intended change to a chart: re-record, look, commit
	UPDATE_SNAPSHOTS=1 $(PY) -m pytest -q tests/e2e/test_snapshots.py

# Mutation score of the modules with logic ([tool.mutmut] in pyproject.toml; about 30 min on 2 cores).
# Not part of `make test`. A fresh run each time; MUTATE_JOBS sets how many mutants run at once.
MUTATE_JOBS ?= 2
mutate: $(DEV)
	rm -rf mutants
	$(VENV)/bin/mutmut run --max-children $(MUTATE_JOBS)
	@$(PY) scripts/mutation_score.py

clean:
	rm -rf $(VENV) build .pytest_cache mutants

.PHONY: bench
bench: $(DEV) chromium
	$(PY) bench/run.py
