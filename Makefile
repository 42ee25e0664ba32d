# Two commands do everything on a fresh machine with Python >= 3.10:
#   make lab    create .venv, install, open JupyterLab on Lesson 1
#   make test   create .venv, install, run every test (unit, notebooks, browser)
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed

.PHONY: lab test app bench bench-browser handouts html notebooks glossary clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

# JupyterLab refuses to run as root unless told to (containers often run as root).
ROOT_FLAG = $(if $(filter 0,$(shell id -u)),--allow-root)

lab: $(STAMP)
	$(BIN)/jupyter lab $(ROOT_FLAG) notebooks/01_glucose_insulin_feedback.ipynb

test: $(STAMP)
	$(BIN)/python -m pytest -n auto --dist loadscope

app: $(STAMP)
	$(BIN)/voila notebooks/01_glucose_insulin_feedback.ipynb

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

bench-browser: $(STAMP)
	$(BIN)/python benchmarks/browser_reveal.py

handouts: $(STAMP)
	$(BIN)/python tools/handouts.py handouts

notebooks: $(STAMP)
	$(BIN)/python tools/execute_notebooks.py

glossary: $(STAMP)
	cd tools && ../$(BIN)/python build_glossary.py

html: $(STAMP)
	$(BIN)/python tools/export_html.py site

clean:
	rm -rf $(VENV) build dist .pytest_cache handouts site test-artifacts
