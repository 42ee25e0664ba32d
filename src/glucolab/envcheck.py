"""Check that a learner's environment can run the lessons, and say what is missing."""

from __future__ import annotations

import importlib
import sys
from dataclasses import dataclass
from pathlib import Path

# package -> (minimum version, what it is for)
REQUIRED = {
    "numpy": ("1.26", "arrays"),
    "scipy": ("1.11", "solving the models"),
    "matplotlib": ("3.8", "figures"),
    "ipywidgets": ("8.1", "sliders and buttons"),
    "ipympl": ("0.9.4", "figures that update in place"),
    "jupyterlab": ("4.2", "the lesson environment"),
}


# JupyterLab front-end extensions that draw the widgets: without them a lesson shows
# "Error displaying widget" instead of sliders and figures.
FRONT_END = {
    "@jupyter-widgets/jupyterlab-manager": "ipywidgets (sliders, buttons)",
    "jupyter-matplotlib": "ipympl (interactive figures)",
}


@dataclass
class Check:
    name: str
    ok: bool
    detail: str


def _version_tuple(text: str) -> tuple:
    parts = []
    for piece in text.split(".")[:3]:
        digits = "".join(ch for ch in piece if ch.isdigit())
        parts.append(int(digits) if digits else 0)
    return tuple(parts)


def run_checks() -> list[Check]:
    """Check Python, each required package, and the widget front end."""
    checks = [Check("python", sys.version_info >= (3, 10),
                    f"{sys.version.split()[0]} (need 3.10 or newer)")]
    for name, (minimum, purpose) in REQUIRED.items():
        try:
            module = importlib.import_module(name)
            version = getattr(module, "__version__", "0")
            ok = _version_tuple(version) >= _version_tuple(minimum)
            checks.append(Check(name, ok, f"{version} (need {minimum}+, for {purpose})"))
        except ImportError:
            checks.append(Check(name, False, f"missing: install it for {purpose} "
                                             "(make lab, or pip install -e .)"))
    checks.extend(front_end_checks())
    return checks


def front_end_checks(paths=None) -> list[Check]:
    """Check that JupyterLab can find the widget extensions in ``paths`` (default: Jupyter's
    search path for lab extensions)."""
    if paths is None:
        try:
            from jupyter_core.paths import jupyter_path
            paths = jupyter_path("labextensions")
        except ImportError:
            paths = []
    out = []
    for name, purpose in FRONT_END.items():
        found = any((Path(p) / name / "package.json").is_file() for p in paths)
        detail = "front end installed" if found else (
            f"front end not found: reinstall {purpose.split()[0]} in the environment that runs JupyterLab")
        out.append(Check(f"lab:{name.split('/')[-1]}", found, f"{detail} ({purpose})"))
    return out


def report() -> bool:
    """Print one line per check and return whether everything is in place."""
    checks = run_checks()
    for c in checks:
        print(f"{'ok ' if c.ok else 'MISSING'}  {c.name:<11} {c.detail}")
    ok = all(c.ok for c in checks)
    print("Everything is in place." if ok else "Something is missing: see the lines marked MISSING.")
    return ok


def widget_probe():
    """A slider wired to a label: if moving it changes the text, widgets work in this browser."""
    import ipywidgets as widgets  # imported here: this module must load even when they are missing

    from .teaching.ui import Shown
    slider = widgets.IntSlider(value=3, min=0, max=10, description="Try me")
    label = widgets.Label("Move the slider: this text should follow (value 3).")
    slider.observe(lambda ch: setattr(label, "value", f"Widgets work: the slider is at {ch['new']}."), "value")
    probe = Shown()  # in a saved notebook its plain text reads as an instruction, not as code
    probe.widget, probe.plain = widgets.VBox([slider, label]), "[run this cell to see a slider]"
    return probe
