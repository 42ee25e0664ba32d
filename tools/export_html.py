"""Export every lesson to static HTML: ``python tools/export_html.py [OUT]`` (``make html``).

Each notebook is executed afresh in static mode (``GLUCOLAB_STATIC=1``), in which panels
display their figure as an image with their settings and readout, so the pages can be read
without a kernel. An index page links the lessons.
"""

from __future__ import annotations

import html
import os
import sys
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import ExecutePreprocessor

ROOT = Path(__file__).resolve().parents[1]


def export(notebook: Path, out: Path) -> Path:
    """Execute one notebook in static mode and write it as HTML into ``out``."""
    os.environ["GLUCOLAB_STATIC"] = "1"  # inherited by the kernel
    nb = nbformat.read(notebook, as_version=4)
    ExecutePreprocessor(timeout=600, kernel_name="python3").preprocess(
        nb, {"metadata": {"path": str(notebook.parent)}})
    body, _ = HTMLExporter(template_name="lab").from_notebook_node(nb)
    target = out / notebook.with_suffix(".html").name
    target.write_text(body, encoding="utf-8")
    return target


def title(notebook: Path) -> str:
    nb = nbformat.read(notebook, as_version=4)
    first = next((c.source for c in nb.cells if c.cell_type == "markdown"), notebook.stem)
    return first.splitlines()[0].lstrip("# ").strip()


def main(out: Path, notebooks=None) -> None:
    out.mkdir(parents=True, exist_ok=True)
    notebooks = notebooks or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    items = []
    for nb in notebooks:
        page = export(nb, out)
        items.append(f'<li><a href="{page.name}">{html.escape(title(nb))}</a></li>')
        print(f"wrote {page}")
    (out / "index.html").write_text(
        "<!doctype html><meta charset='utf-8'><title>glucolab lessons</title>"
        "<h1>glucolab lessons</h1><p>Static copies for reading; run the notebooks to use the "
        f"interactive panels.</p><ol>{''.join(items)}</ol>", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site")
