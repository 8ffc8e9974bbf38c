# The two commands of the README: `make run` and `make test`. Everything else is how they get there.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000

.PHONY: run test lint layers typecheck pytest setup messages lock clean reliability

# Every dependency, runtime and dev, comes from requirements.lock: exact versions with their hashes, so a
# fresh clone installs what was tested. Then the offline verifier (a package of its own) and the project
# itself, whose dependencies the lock already holds.
$(STAMP): pyproject.toml verifier/pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e ./verifier
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

# The browser tests' JavaScript (axe-core, the accessibility checker) from the lock, as npm ci installs it.
AXE := tests/browser/node_modules/axe-core/axe.min.js
$(AXE): tests/browser/package.json tests/browser/package-lock.json
	npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error
	touch $(AXE)

setup: $(STAMP) $(AXE)

# Serve the web app on http://127.0.0.1:$(PORT), with the demo organization in an empty database.
# ACCORD_DEMO lets the demo keep the default log origin, which a real organization's server refuses.
run: $(STAMP)
	$(BIN)/accord migrate --verbosity 0
	$(BIN)/accord demo --if-empty
	ACCORD_DEMO=on PORT=$(PORT) $(BIN)/accord serve

# The whole suite: lint, types, then every test (browser tests included where Chromium is).
test: lint typecheck pytest

lint: $(STAMP) layers
	$(BIN)/ruff check accord verifier tests bench reliability

# Which app may import which (the contract in pyproject.toml, [tool.importlinter]; docs/development.md).
layers: $(STAMP)
	$(BIN)/lint-imports

# mypy --strict over accord, bench and tests (pyproject.toml), then each conftest.py on its own: pytest
# imports every one of them as the module `conftest`, and mypy takes one file per module name.
typecheck: $(STAMP)
	$(BIN)/mypy
	for conftest in $$(find tests -name conftest.py | sort); do $(BIN)/mypy "$$conftest" || exit 1; done

# Spread over the machine's cores (pytest-xdist), a file's tests kept together on one worker so that a module's
# fixtures (a demo organization, a served site) are built once.
pytest: $(STAMP) $(AXE)
	$(BIN)/pytest -q -p no:cacheprovider -n auto --dist loadfile

# The reliability campaign (docs/reliability.md): crashes under load, sustained load and the other checks of
# reliability/, against the real server on the loopback, on SQLite and PostgreSQL. Not part of `make test`;
# bounded to 20 minutes. RELIABILITY_ARGS=--quick runs every check at its small scale.
reliability: $(STAMP)
	$(BIN)/python reliability/run.py $(RELIABILITY_ARGS)

# Recompile the translations after editing accord/locale/*/LC_MESSAGES/django.po (needs gettext).
messages: $(STAMP)
	cd accord && ../$(BIN)/accord compilemessages

# Re-resolve requirements.lock after changing the dependencies in pyproject.toml. Versions already locked
# are kept; to move on, `make lock LOCK_ARGS=--upgrade` (everything) or `LOCK_ARGS="--upgrade-package django"`.
lock: $(STAMP)
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 \
		--annotation-style line --custom-compile-command "make lock" --output-file requirements.lock $(LOCK_ARGS)

clean:
	rm -rf $(VENV) var *.egg-info
