# Two commands on a fresh machine: `make run` (the dashboard) and `make test` (every test).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
RUNTIME := $(VENV)/.runtime-installed
DEV := $(VENV)/.dev-installed
LAB := $(VENV)/.lab-installed
NOTEBOOK := notebooks/ketamine-explained.ipynb
PORT ?= 8501

.PHONY: run dev test test-fast validate handout site deck chromium libreoffice nginx audit clean lint snapshots notebook notebook-html mutate

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

DECK_FORMAT ?= pptx
DECK ?=  # e.g. onset:measure=remission,conditions:groups=mood (as /present?deck=); empty: the whole deck
deck: $(RUNTIME) chromium  # the slides as PowerPoint or PDF in build/ (kaleido draws the charts)
	$(PY) -m explainer deck --format $(DECK_FORMAT) --deck "$(DECK)"

SITE_OUT ?= build/site
SITE_FLAGS ?=  # e.g. --app-url https://….streamlit.app --base-url https://….github.io/repo/
site: $(RUNTIME) chromium  # the static mirror: HTML pages, posters and previews (kaleido drives Chromium)
	$(PY) -m explainer site --out $(SITE_OUT) $(SITE_FLAGS)

$(LAB): notebooks/requirements.txt $(DEV)
	$(PY) -m pip install -q -r notebooks/requirements.txt
	touch $@

notebook: $(LAB)  # JupyterLab on the notebook, with this environment's kernel; open the address it prints
	$(PY) -m jupyterlab --ServerApp.ip=127.0.0.1 --ServerApp.root_dir=$(CURDIR) --no-browser \
		$$( [ "$$(id -u)" = 0 ] && echo --allow-root ) $(NOTEBOOK)

notebook-html: $(DEV)  # run the notebook and write an offline HTML copy to build/
	$(PY) -m explainer notebook-html

chromium:
	@bash scripts/ensure-chromium.sh

libreoffice:  # the deck test draws an exported slide with LibreOffice (headless)
	@bash scripts/ensure-libreoffice.sh

nginx:  # the replica tests run the repository's nginx config in front of two app processes
	@bash scripts/ensure-nginx.sh

lint: $(DEV)
	$(VENV)/bin/ruff check .

# Every test: the fast ones spread over the cores as in test-fast, then the slow ones one at a time
# (each starts servers or a browser that want the machine to themselves).
test: $(DEV) chromium libreoffice nginx lint
	$(PY) -m explainer validate
	$(PY) -m pytest -q -m "not slow" -n auto
	$(PY) -m pytest -q -m slow

# The edit loop: every test that starts no server, browser, subprocess or apt install (`-m "not slow"`),
# spread over one pytest worker per core (pytest-xdist; about 1 min on 2 cores, 2 min on one worker).
# A test left unmarked that starts a process fails and says so (tests/conftest.py).
test-fast: $(DEV)
	$(PY) -m pytest -q -m "not slow" -n auto

snapshots: $(DEV) chromium  # after an intended change to a chart: re-record, look, commit
	UPDATE_SNAPSHOTS=1 $(PY) -m pytest -q tests/e2e/test_snapshots.py

audit: $(DEV)  # needs a vulnerability service (network); fails loudly when none answers; not part of `make test`
	$(PY) scripts/audit.py

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
