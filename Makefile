# make demo: create .venv, install, ingest the bundled examples into a fresh demo store,
#            print one dossier.   make test: create .venv, install with dev extras, run the suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DEMO_DB ?= $(CURDIR)/demo.db
STAMP  := $(VENV)/.installed

.PHONY: demo test serve lint install bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/newsreel ingest examples --db $(DEMO_DB)
	$(BIN)/newsreel show "The Quarry Bells" --db $(DEMO_DB)

serve: $(STAMP)
	test -f $(DEMO_DB) || $(MAKE) demo
	$(BIN)/newsreel serve --db $(DEMO_DB)

test: $(STAMP)
	bash scripts/test-setup.sh
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
