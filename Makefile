# The two commands of the README: `make run` and `make test`. Everything else is how they get there.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000

.PHONY: run test lint typecheck pytest setup messages clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

# Serve the web app on http://127.0.0.1:$(PORT), with the demo organization in an empty database.
# ACCORD_DEMO lets the demo keep the default log origin, which a real organization's server refuses.
run: $(STAMP)
	$(BIN)/accord migrate --verbosity 0
	$(BIN)/accord demo --if-empty
	ACCORD_DEMO=on PORT=$(PORT) $(BIN)/accord serve

# The whole suite: lint, types, then every test (browser tests included where Chromium is).
test: lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check accord tests bench

# mypy --strict over accord, bench and tests (pyproject.toml), then each conftest.py on its own: pytest
# imports every one of them as the module `conftest`, and mypy takes one file per module name.
typecheck: $(STAMP)
	$(BIN)/mypy
	for conftest in $$(find tests -name conftest.py | sort); do $(BIN)/mypy "$$conftest" || exit 1; done

pytest: $(STAMP)
	$(BIN)/pytest -q -p no:cacheprovider

# Recompile the translations after editing accord/locale/*/LC_MESSAGES/django.po (needs gettext).
messages: $(STAMP)
	cd accord && ../$(BIN)/accord compilemessages

clean:
	rm -rf $(VENV) var *.egg-info
