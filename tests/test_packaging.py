"""The repository's promises about installation, Binder and the saved notebooks."""

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~;\[ ]", requirement.strip(), maxsplit=1)[0].lower()


def _environment_yml():
    """The conda dependency lines of environment.yml (without needing a YAML parser)."""
    lines = (ROOT / "environment.yml").read_text(encoding="utf-8").splitlines()
    start = lines.index("dependencies:")
    return [ln.strip()[2:] for ln in lines[start + 1:] if ln.strip().startswith("- ")]


def test_environment_yml_lists_the_same_runtime_packages_as_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    # environment.yml pins Python 3.11, so a backport for older Pythons (tomli) is not needed there.
    runtime = {_name(r) for r in project["dependencies"] if "python_version < '3.11'" not in r}
    conda = {_name(d) for d in _environment_yml()} - {"python", "pip"}
    assert conda == runtime


def test_environment_yml_pins_python_and_minor_versions_without_local_paths():
    deps = dict(d.split("=", 1) if "=" in d else (d, "") for d in _environment_yml())
    assert re.fullmatch(r"3\.\d+", deps["python"])
    for name in ("jupyterlab", "ipywidgets", "matplotlib", "numpy", "scipy", "ipympl"):
        assert re.fullmatch(r"\d+\.\d+", deps[name]), f"{name} should pin major.minor"
    text = (ROOT / "environment.yml").read_text(encoding="utf-8")
    assert not re.search(r"(file:|/home/|/work/|/root/|[A-Z]:\\)", text)


def test_postbuild_installs_the_package_for_binder():
    post = (ROOT / "postBuild").read_text(encoding="utf-8")
    assert "python -m pip install --no-deps -e ." in post
    assert (ROOT / "postBuild").stat().st_mode & 0o111


def test_readme_has_the_two_commands_and_a_binder_link_to_lesson_1():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make lab" in readme and "make test" in readme
    assert re.search(r"mybinder\.org/v2/gh/[^)\s]+\?urlpath=lab/tree/notebooks/01_glucose_insulin_feedback\.ipynb",
                     readme)
    assert "conda env create -f environment.yml" in readme
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci


def test_the_wheel_carries_the_data_files(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(tmp_path), str(ROOT)], check=True, capture_output=True)
    wheel = next(tmp_path.glob("glucolab-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for csv in (ROOT / "data").glob("*.csv"):
        assert f"glucolab/data/{csv.name}" in names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_are_saved_executed_in_order_without_errors(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = [c for c in nb["cells"] if c["cell_type"] == "code" and "".join(c["source"]).strip()]
    counts = [c["execution_count"] for c in cells]
    assert all(isinstance(n, int) for n in counts) and counts == sorted(counts) and counts[0] == 1
    for c in cells:
        assert not any(o["output_type"] == "error" for o in c["outputs"]), "".join(c["source"])[:60]
        # A widget's default plain text can differ run to run, so nbval must skip it; the teaching
        # widgets (predictions, answer boxes, solutions, quizzes) give a fixed "[...]" text instead.
        unstable = any("application/vnd.jupyter.widget-view+json" in o.get("data", {})
                       and not re.fullmatch(r"\[.*\]", "".join(o["data"].get("text/plain", "")))
                       for o in c["outputs"])
        if unstable:
            assert "nbval-ignore-output" in c["metadata"].get("tags", []), "".join(c["source"])[:60]
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"(/home/|/work/|/root/|/tmp/)", text)


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if not p.name.startswith("00")], ids=lambda p: p.name)
def test_lessons_have_the_anatomy_of_the_lesson_guide(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    md = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown").lower()
    for heading in ("learning objectives", "predict", "exercise", "check your understanding",
                    "what this model leaves out", "summary", "references", "educational use"):
        assert heading in md, heading
    assert len(re.findall(r"^#+ .*\bexercise\b", md, re.M)) >= 3
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert sum("predict(" in "".join(c["source"]) for c in code) >= 3  # at least three locks
    solutions = [c for c in code if "solution" in c["metadata"].get("tags", [])]
    assert len(solutions) >= 3 and all(c["metadata"].get("jupyter", {}).get("source_hidden") for c in solutions)
    assert re.search(r"\b\d+\s*minutes\b", md)
    first_code = next(c for c in nb["cells"] if c["cell_type"] == "code")
    assert "".join(first_code["source"]).strip() == "from glucolab.lesson import *"


def test_start_here_and_readme_link_every_lesson():
    start = (ROOT / "notebooks" / "00_start_here.ipynb").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for path in NOTEBOOKS:
        if not path.name.startswith("00"):
            assert f"]({path.name})" in start, path.name
        assert f"](notebooks/{path.name})" in readme, path.name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_static_figure_has_a_text_description_beside_it(path):
    """Panels carry their own description; a plain figure needs a '*Figure: ...*' cell next to it."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    for k, cell in enumerate(cells):
        # A panel's still image sits beside its live widget and has the panel's description as
        # alt text; only a plain figure needs a description cell.
        plain = [o for o in cell.get("outputs", []) if "image/png" in o.get("data", {})
                 and "application/vnd.jupyter.widget-view+json" not in o["data"]]
        if cell["cell_type"] != "code" or not plain:
            continue
        neighbours = [cells[j] for j in (k - 1, k + 1) if 0 <= j < len(cells)]
        assert any(c["cell_type"] == "markdown" and "".join(c["source"]).lstrip().startswith("*Figure:")
                   for c in neighbours), f"{path.name}: no description beside {''.join(cell['source'])[:60]!r}"


PANEL_FACTORIES = None


def _panel_factories() -> list:
    global PANEL_FACTORIES
    if PANEL_FACTORIES is None:
        from glucolab.panels import all_panels
        PANEL_FACTORIES = sorted(f.__name__ for f in all_panels().values())
    return PANEL_FACTORIES


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_stored_panel_shows_its_figure_without_a_kernel(path):
    """A cell that makes a panel stores a still image of its figure with alt text (beside the
    live widget, or inside the prediction that guards it), for GitHub, nbviewer and JupyterLab
    before running."""
    cells = [c for c in json.loads(path.read_text(encoding="utf-8"))["cells"] if c["cell_type"] == "code"]
    for cell in cells:
        source = "".join(cell["source"])
        made = [f for f in _panel_factories() if re.search(rf"\b{f}\(", source)]
        if not made:
            continue
        html_out = "".join("".join(o.get("data", {}).get("text/html", "")) for o in cell.get("outputs", []))
        images = re.findall(r'<img alt="([^"]+)" src="data:image/png;base64,', html_out)
        assert len(images) >= len(made), f"{path.name}: {made} made but {len(images)} still image(s) stored"
        assert all(len(alt) > 20 for alt in images), images
