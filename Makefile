# Two commands do everything on a fresh machine with Python >= 3.10:
#   make lab    create .venv, install, open JupyterLab on Lesson 1
#   make test   create .venv, install, run every test (unit, notebooks, browser)
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed
HUB_DIR = .hub
PROXY   = $(HUB_DIR)/node_modules/.bin/configurable-http-proxy

.PHONY: lab test app bench bench-browser bench-class hub handouts html notebooks glossary clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

# JupyterLab refuses to run as root unless told to (containers often run as root).
ROOT_FLAG = $(if $(filter 0,$(shell id -u)),--allow-root)

lab: $(STAMP)
	$(BIN)/jupyter lab $(ROOT_FLAG) notebooks/01_glucose_insulin_feedback.ipynb

# The JupyterHub test needs the hub's proxy from npm; without npm it is skipped (failed in CI).
test: $(STAMP)
	@if command -v npm >/dev/null; then $(MAKE) --no-print-directory $(PROXY); \
	else echo "npm not found: tests/browser/test_hub.py will be skipped (install Node.js and npm)"; fi
	$(BIN)/python -m pytest -n auto --dist loadscope

app: $(STAMP)
	$(BIN)/voila notebooks/01_glucose_insulin_feedback.ipynb

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

bench-browser: $(STAMP)
	$(BIN)/python benchmarks/browser_reveal.py
	$(BIN)/python benchmarks/browser_panels.py

# N students' kernels at once (1, 5, 10, 20): memory per student, CPU per slider move, latency.
bench-class: $(STAMP)
	$(BIN)/python benchmarks/hub_class.py

# A local JupyterHub for trying the class path (hub/jupyterhub_config.py): 127.0.0.1 only,
# shared-password login, one home per student in .hub/homes. Its proxy comes from npm.
$(PROXY):
	npm install --prefix $(HUB_DIR) --no-audit --no-fund --loglevel=error configurable-http-proxy@5

hub: $(STAMP) $(PROXY)
	$(BIN)/jupyterhub -f hub/jupyterhub_config.py

handouts: $(STAMP)
	$(BIN)/python tools/handouts.py handouts

notebooks: $(STAMP)
	$(BIN)/python tools/execute_notebooks.py

glossary: $(STAMP)
	cd tools && ../$(BIN)/python build_glossary.py

html: $(STAMP)
	$(BIN)/python tools/export_html.py site

clean:
	rm -rf $(VENV) $(HUB_DIR) build dist .pytest_cache handouts site test-artifacts
