# cddgen — the two commands of the README, plus a few for developers.
#   make demo   installs what is missing and renders every example into outbox/demo/
#   make test   installs what is missing and runs the whole test suite
#   make test-rapido  only the tests that do not start LibreOffice (about 3 minutes instead of 8 on
#                     2 cores; one module of rules or a reader alone takes seconds)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# What cddgen needs to run (make demo), and that plus the test tools (make test).
STAMP := $(VENV)/.instalado
TEST_STAMP := $(VENV)/.instalado-pruebas

N ?= 1000

.PHONY: demo test test-rapido forms templates examples bench clean system system-test

demo: system $(STAMP)
	$(BIN)/cddgen demo

test: system-test $(TEST_STAMP)
	$(BIN)/python -m pytest -q

# The tests that do not start LibreOffice (rules, readers, numbering…), for the edit-test loop.
test-rapido: $(TEST_STAMP)
	CDDGEN_HYPOTHESIS=rapido $(BIN)/python -m pytest -q -m "not libreoffice"

system:
	@sh scripts/setup-system.sh

system-test:
	@sh scripts/setup-system.sh --require-libreoffice

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	@touch $(STAMP)

$(TEST_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(TEST_STAMP)

# Blank forms into forms/ (committed), over the ones there.
forms: $(STAMP)
	$(BIN)/cddgen forms --reemplazar

# Developer tools: regenerate the bundled templates and the filled examples.
templates: $(STAMP)
	$(BIN)/python -m scripts.build_templates

examples: $(STAMP)
	$(BIN)/python -m scripts.build_examples

# Speed and memory figures (issue 8); «make bench N=200» takes a few minutes.
bench: system $(STAMP)
	$(BIN)/python -m scripts.bench --n $(N)

clean:
	rm -rf $(VENV) .pytest_cache outbox/demo
